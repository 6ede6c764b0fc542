"""
PostgreSQL backend (psycopg 3): one history for many collectors
===============================================================

Needs the ``fleet`` extra (``pip install 'pagealloc[fleet]'``).  Each store
operation is one transaction (``connection.transaction()``): a run's rows
commit together or not at all, and PostgreSQL's MVCC lets any number of
collectors write runs at once (run ids come from an identity column).
Schema migrations take a transaction-scoped advisory lock, so two processes
opening a fresh database do not race creating the tables.
"""

from contextlib import contextmanager

from pagealloc.errors import InputError
from pagealloc.fleet.store.base import Store

#: pg_advisory_xact_lock key of schema migrations ("pagealloc" as a number).
MIGRATION_LOCK = 0x7061676561
CONNECT_TIMEOUT_S = 10


def _without_password(url):
    """The URL for messages: ``postgresql://user:***@host/db``."""
    scheme, _, rest = url.partition("://")
    credentials, at, location = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return "%s://%s:***@%s" % (scheme, user, location) if ":" in credentials else url


class PostgresStore(Store):
    dialect = "postgresql"
    marker = "%s"

    def display_target(self):
        return _without_password(self.target)

    def connect(self):
        import psycopg

        try:
            return psycopg.connect(self.target, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            message = " ".join(str(exc).split()) or exc.__class__.__name__
            raise InputError("%s: cannot connect to the history database: %s"
                             % (self.display_target(), message[:300])) from exc

    @contextmanager
    def transaction(self, rollback=False):
        import psycopg

        try:
            with self.connection.transaction() as transaction:
                with self.connection.cursor() as cursor:
                    yield cursor
                if rollback:
                    raise psycopg.Rollback(transaction)
        except psycopg.Error as exc:  # a role without INSERT, a lost connection: one line, not a traceback
            raise InputError("%s: cannot use the history database: %s"
                             % (self.display_target(), str(exc).strip().splitlines()[0] if str(exc).strip()
                                else type(exc).__name__)) from exc

    def lock_for_migration(self, cursor):
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
