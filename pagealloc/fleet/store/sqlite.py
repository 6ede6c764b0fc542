"""
SQLite backend (Python's ``sqlite3``): one file, no server
=========================================================

Writers serialise on SQLite's database lock: every transaction starts with
``BEGIN IMMEDIATE`` (the write lock is taken up front, so two writers never
deadlock upgrading a read lock) and waits up to :data:`BUSY_TIMEOUT_S` for
another writer to finish.  SQLite's rollback journal makes each transaction
atomic across crashes and power cuts: a run killed mid-write leaves the
database as it was before the run.
"""

import os
import sqlite3
from contextlib import contextmanager

from pagealloc.errors import InputError
from pagealloc.fleet.store.base import Store

BUSY_TIMEOUT_S = 60.0


class SqliteStore(Store):
    dialect = "sqlite"
    marker = "?"

    def connect(self):
        folder = os.path.dirname(os.path.abspath(self.target))
        if not os.path.isdir(folder):
            raise InputError("%s: no such directory for the history database" % folder)
        if os.path.exists(self.target) and not os.path.isfile(self.target):
            # /dev/null "opened" and failed at the first COMMIT with a traceback; a FIFO may block
            raise InputError("%s: not a regular file: the history database is a SQLite file" % self.target)
        try:
            # isolation_level=None: transactions are ours (BEGIN IMMEDIATE ... COMMIT).
            connection = sqlite3.connect(self.target, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            connection.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as exc:
            raise InputError("%s: cannot open the history database: %s" % (self.target, exc)) from exc
        return connection

    @contextmanager
    def transaction(self, rollback=False):
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise InputError("%s: not a usable history database: %s" % (self.target, exc)) from exc
        try:
            yield cursor
        except sqlite3.Error as exc:  # a read-only file or folder: found at the first INSERT, after a whole run
            self.connection.rollback()
            raise InputError("%s: cannot write the history database: %s" % (self.target, exc)) from exc
        except BaseException:
            self.connection.rollback()
            raise
        else:
            if rollback:
                self.connection.rollback()
                return
            try:
                cursor.execute("COMMIT")
            except sqlite3.Error as exc:  # a full disk, a read-only file: the run is not recorded
                self.connection.rollback()
                raise InputError("%s: cannot write the history database: %s" % (self.target, exc)) from exc
        finally:
            cursor.close()
