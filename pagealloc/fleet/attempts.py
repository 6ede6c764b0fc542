"""
Attempt ledger - how many analyses of a source really ran
=========================================================

A RabbitMQ worker gives up on an archive after ``max_attempts`` analyses that
ended without an answer (the worker died on it, or it failed).  The broker's
own count cannot tell them: the quorum queue's ``x-delivery-count`` grows on
every return of a message, and a broker restart returns the messages in
flight (and the ones sitting in a consumer's prefetch, never started) just
as a worker's death does.  The message cannot carry the count either: it
cannot be changed in the queue, and a copy published before the analysis
starts would be handed to another worker at once.

So the workers keep the count outside the message, in a durable table
(``fleet_attempts`` of the fleet's store, :mod:`pagealloc.fleet.store`):

* :meth:`AttemptLedger.begin` is called when an analysis is about to start:
  it adds one attempt (one transaction), unless ``max_attempts`` have already
  started, and returns the attempt number;
* :meth:`AttemptLedger.undo` takes back an attempt that the broker cut (the
  connection was lost mid-analysis: not the archive's fault);
* :meth:`AttemptLedger.forget` deletes the row once the source is answered
  or given up, so a source enqueued again starts afresh.

A worker killed mid-analysis leaves its attempt counted: the next delivery
sees it.  A delivery that never reached an analysis adds nothing.

Which store: the same two as the history.  Workers on several machines need
one ledger for all of them (a message returned by one machine's dead worker
goes to any other), so they share a **PostgreSQL** database (concurrent
writers on the network, one transaction per step).  Workers on one machine
can use a local **SQLite** file (the default, under the worker's state
folder); SQLite on a network file system is not safe to share, and per
machine SQLite files would count attempts per machine.

Examples:
    >>> import os, tempfile
    >>> ledger = AttemptLedger(os.path.join(tempfile.mkdtemp(), "attempts.sqlite"), "q.archives", "w1")
    >>> [ledger.begin("/srv/a.tar.xz", max_attempts=2) for _ in range(3)]
    [1, 2, None]
    >>> ledger.undo("/srv/a.tar.xz"); ledger.begin("/srv/a.tar.xz", max_attempts=2)
    2
    >>> ledger.forget("/srv/a.tar.xz"); ledger.started("/srv/a.tar.xz")
    0
    >>> ledger.close()
"""

import os
from contextlib import contextmanager

from pagealloc.fleet.amqp import message_id
from pagealloc.fleet.store import open_store
from pagealloc.fleet.store.base import storable, utc_now

ATTEMPTS_DB_ENV = "PAGEALLOC_ATTEMPTS_DB"


def default_ledger_path(environ=os.environ):
    """A worker's local ledger: ``$STATE_DIRECTORY`` (systemd's ``StateDirectory=``), else
    ``$XDG_STATE_HOME/pagealloc`` or ``~/.local/state/pagealloc``."""
    folder = (environ.get("STATE_DIRECTORY") or "").split(":")[0]
    if not folder:
        base = environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
        folder = os.path.join(base, "pagealloc")
    os.makedirs(folder, mode=0o700, exist_ok=True)
    return os.path.join(folder, "attempts.sqlite")


class LedgerUnavailable(Exception):
    """The ledger's database could not be read or written (it is reopened on the next call)."""


class AttemptLedger:
    """The attempts of the sources of one work ``queue``, in the store at ``target``.

    The store is opened at once (:class:`pagealloc.errors.InputError` when it
    cannot be: a worker refuses to start).  Later, a database error raises
    :class:`LedgerUnavailable` and the store is opened again on the next call
    (a PostgreSQL server that restarted).
    """

    def __init__(self, target, queue, worker):
        self.target = target
        self.queue = queue
        self.worker = worker
        self.store = open_store(target)

    def _key(self, source):
        return (self.queue, message_id(source))

    @contextmanager
    def _transaction(self):
        try:
            if self.store is None:
                self.store = open_store(self.target)
            with self.store.transaction() as cursor:
                yield cursor
        except Exception as exc:
            self.close()
            raise LedgerUnavailable(" ".join(str(exc).split())[:300] or exc.__class__.__name__) from exc

    def started(self, source):
        """Analyses of ``source`` started and not answered."""
        with self._transaction() as cursor:
            return self._attempts(cursor, source)

    def _attempts(self, cursor, source):
        cursor.execute(self.store.sql("SELECT attempts FROM fleet_attempts WHERE queue = ? AND source_id = ?"),
                       self._key(source))
        row = cursor.fetchone()
        return row[0] if row else 0

    def begin(self, source, max_attempts):
        """Count one more analysis of ``source`` and return its number; None when ``max_attempts`` have run.

        One statement: the row is created or, while under the limit,
        incremented under the database's row lock, so workers beginning at
        once never get the same number (PostgreSQL's read-committed
        transactions would let a read-then-write race).
        """
        with self._transaction() as cursor:
            cursor.execute(self.store.sql(
                "INSERT INTO fleet_attempts (queue, source_id, source, attempts, worker, updated_at) "
                "VALUES (?, ?, ?, 1, ?, ?) ON CONFLICT (queue, source_id) DO UPDATE SET "
                "attempts = fleet_attempts.attempts + 1, worker = excluded.worker, updated_at = excluded.updated_at "
                "WHERE fleet_attempts.attempts < ? RETURNING attempts"),
                self._key(source) + (storable(source), storable(self.worker), utc_now(), max_attempts))
            row = cursor.fetchone()
        return row[0] if row else None

    def undo(self, source):
        """Take back the last attempt: the broker, not the archive, cut it."""
        with self._transaction() as cursor:
            cursor.execute(self.store.sql(
                "UPDATE fleet_attempts SET attempts = attempts - 1, updated_at = ? "
                "WHERE queue = ? AND source_id = ? AND attempts > 0"), (utc_now(),) + self._key(source))

    def forget(self, source):
        """The source is answered or given up: its count ends."""
        with self._transaction() as cursor:
            cursor.execute(self.store.sql("DELETE FROM fleet_attempts WHERE queue = ? AND source_id = ?"),
                           self._key(source))

    def close(self):
        if self.store is not None:
            store, self.store = self.store, None
            try:
                store.close()
            except Exception:  # a connection already broken
                pass
