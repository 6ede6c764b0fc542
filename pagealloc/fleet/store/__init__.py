"""
Fleet history store - what every run found, per host
====================================================

``pagealloc fleet run|collect|record --db TARGET`` records each run; ``pagealloc
fleet report --db TARGET`` compares runs (:mod:`pagealloc.fleet.history`).
``TARGET`` is a file path (an embedded SQLite database, Python's own
``sqlite3``: nothing to install or run) or a ``postgresql://`` URL (psycopg 3,
from the ``fleet`` extra) when several collectors on several machines write
one history.  Both hold the same schema (:mod:`.schema`), migrated on open.

Examples:
    >>> import os, tempfile
    >>> store = open_store(os.path.join(tempfile.mkdtemp(), "history.sqlite"))
    >>> store.dialect, store.schema_version()
    ('sqlite', 3)
    >>> store.runs()
    []
    >>> store.close()
"""

from pagealloc.errors import InputError

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target):
    return target.startswith(POSTGRES_SCHEMES)


def open_store(target):
    """The store at ``target`` (a path or a PostgreSQL URL), schema migrated."""
    if not target:
        raise InputError("no history store given (--db PATH or postgresql://...)")
    if is_postgres(target):
        from pagealloc.fleet.store.postgres import PostgresStore

        store = PostgresStore(target)
    elif "://" in target and not target.startswith("sqlite://"):
        raise InputError("%s: a history store is a file path or a postgresql:// URL" % target.split("://")[0])
    else:
        from pagealloc.fleet.store.sqlite import SqliteStore

        store = SqliteStore(target[len("sqlite://"):] if target.startswith("sqlite://") else target)
    try:
        store.migrate()
    except BaseException:
        store.close()
        raise
    return store
