"""
Store operations shared by both backends
========================================

A backend gives a DB-API connection, a ``transaction()`` context (one
atomic unit: all or nothing, serialised against other writers) and its
parameter marker; everything else - migrations, writing a run, reading
runs and host states - is written once here in portable SQL.
"""

import datetime

from pagealloc import __version__
from pagealloc.errors import InputError
from pagealloc.fleet.store.schema import RUN_COLUMNS, SCHEMA_VERSION, STATE_COLUMNS, statements


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def storable(value):
    """Text a database accepts: a non-UTF-8 file or host name (lone surrogates, PEP 383) as ``\\udcxx``."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def _row(values):
    return tuple(storable(v) for v in values)


def state_of(host_row):
    """A report host row (:func:`pagealloc.fleet.report.summarise`) as a ``fleet_host_states`` row."""
    return {
        "host_id": host_row["host_id"],
        "host": host_row.get("host"),
        "source": host_row["source"],
        "archive_time": host_row.get("archive_time"),
        "archives": host_row.get("archives", 1),
        "problem": 1 if host_row.get("problem") else 0,
        "failing_keys": " ".join(host_row.get("failing_keys") or []),
        "failures": host_row.get("failures"),
        "current_kb": host_row.get("current"),
        "default_kb": host_row.get("default"),
        "recommended_kb": host_row.get("recommended"),
        "confidence": host_row.get("confidence"),
        "kernel": host_row.get("kernel"),
        "machine_id": host_row.get("machine_id"),
        "boot_id": host_row.get("boot_id"),
        "pfmemalloc_drops": host_row.get("pfmemalloc_drops"),
        "nic_rx_alloc_failures": host_row.get("nic_rx_alloc_failures"),
        "silent_rx_failures": host_row.get("silent_rx_failures"),
    }


class Store:
    dialect = None
    marker = "?"

    def __init__(self, target):
        self.target = target
        self.connection = self.connect()

    # -- backend hooks -------------------------------------------------------
    def connect(self):
        raise NotImplementedError

    def transaction(self, rollback=False):
        """Context manager yielding a cursor; commits on success (``rollback``: rolls back), rolls back on
        any exception."""
        raise NotImplementedError

    def lock_for_migration(self, cursor):
        """Serialise schema migrations between processes (inside the transaction)."""

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    # -- portable SQL --------------------------------------------------------
    def sql(self, text):
        return text.replace("?", self.marker)

    def schema_version(self):
        with self.transaction() as cursor:
            cursor.execute("SELECT version FROM pagealloc_schema")
            return cursor.fetchone()[0]

    def migrate(self):
        with self.transaction() as cursor:
            self.lock_for_migration(cursor)
            cursor.execute("CREATE TABLE IF NOT EXISTS pagealloc_schema (version INTEGER NOT NULL)")
            cursor.execute("SELECT version FROM pagealloc_schema")
            row = cursor.fetchone()
            if row is None:
                cursor.execute(self.sql("INSERT INTO pagealloc_schema (version) VALUES (?)"), (0,))
                current = 0
            else:
                current = row[0]
            if current > SCHEMA_VERSION:
                raise InputError("%s: history schema version %d is newer than this pagealloc knows (%d); upgrade "
                                 "pagealloc" % (self.display_target(), current, SCHEMA_VERSION))
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in statements(version, self.dialect):
                    cursor.execute(statement)
                cursor.execute(self.sql("UPDATE pagealloc_schema SET version = ?"), (version,))

    def display_target(self):
        return self.target

    def check_writable(self):
        """InputError now when a run could not be recorded here (a read-only file, folder or role), not
        after the run: a run row written, then rolled back (SQLite's journal is made at the first page
        written; an update that changes nothing wrote none and passed in a read-only folder)."""
        with self.transaction(rollback=True) as cursor:
            cursor.execute(self.sql(
                "INSERT INTO fleet_runs (started_at, kind, label, archives, errors, hosts, pagealloc_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"), _row((utc_now(), "probe", None, 0, 0, 0, __version__)))

    def record_run(self, summary, kind, label=None, started_at=None):
        """Write one run (a report summary: its hosts and errors) atomically; returns the run id."""
        totals = summary["totals"]
        with self.transaction() as cursor:
            cursor.execute(self.sql(
                "INSERT INTO fleet_runs (started_at, kind, label, archives, errors, hosts, pagealloc_version) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                _row((started_at or utc_now(), kind, label, totals["archives"], totals["errors"], totals["hosts"],
                      __version__)))
            run_id = cursor.fetchone()[0]
            states = [state_of(row) for row in summary["hosts"]]
            if states:
                cursor.executemany(self.sql(
                    "INSERT INTO fleet_host_states (run_id, %s) VALUES (?, %s)"
                    % (", ".join(STATE_COLUMNS), ", ".join("?" * len(STATE_COLUMNS)))),
                    [(run_id,) + _row(state[c] for c in STATE_COLUMNS) for state in states])
            if summary["errors"]:
                cursor.executemany(self.sql("INSERT INTO fleet_errors (run_id, source, error) VALUES (?, ?, ?)"),
                                   [(run_id,) + _row((e["source"], e["error"])) for e in summary["errors"]])
        return run_id

    def runs(self):
        """Every run, oldest first."""
        with self.transaction() as cursor:
            cursor.execute("SELECT %s FROM fleet_runs ORDER BY started_at, id" % ", ".join(RUN_COLUMNS))
            return [dict(zip(RUN_COLUMNS, row)) for row in cursor.fetchall()]

    def states(self, run_id):
        """{host_id: state} of one run."""
        with self.transaction() as cursor:
            cursor.execute(self.sql("SELECT %s FROM fleet_host_states WHERE run_id = ?" % ", ".join(STATE_COLUMNS)),
                           (run_id,))
            return {row[0]: dict(zip(STATE_COLUMNS, row)) for row in cursor.fetchall()}

    def host_history(self, host):
        """[(run, state)] of every host whose name or identity is ``host``, oldest run first."""
        columns = ", ".join("r.%s" % c for c in RUN_COLUMNS) + ", " + ", ".join("s.%s" % c for c in STATE_COLUMNS)
        with self.transaction() as cursor:
            cursor.execute(self.sql(
                "SELECT %s FROM fleet_host_states s JOIN fleet_runs r ON r.id = s.run_id "
                "WHERE s.host = ? OR s.host_id = ? ORDER BY r.started_at, r.id, s.host_id" % columns), _row((host, host)))
            rows = cursor.fetchall()
        width = len(RUN_COLUMNS)
        return [(dict(zip(RUN_COLUMNS, row[:width])), dict(zip(STATE_COLUMNS, row[width:]))) for row in rows]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
