"""
History store schema and migrations
===================================

One schema for both backends (SQLite and PostgreSQL); the only dialect
differences are the auto-incremented run id and the parameter marker, both
handled by the backend.  ``MIGRATIONS`` is append-only: version N's
statements turn a version N-1 database into version N.  ``pagealloc_schema``
holds the version a database has reached; a database newer than this
pagealloc is refused rather than written with a schema it does not know.

Tables:

``fleet_runs``
    one row per recorded run: ``id``, ``started_at`` (UTC, ISO 8601 with
    ``Z``), ``kind`` (``run``, ``collect``, ``record``), ``label`` (the
    results file or target), ``archives``, ``errors``, ``hosts``,
    ``pagealloc_version``.
``fleet_host_states``
    per run and host (:func:`pagealloc.fleet.hosts.host_key`): the latest
    archive's ``source``, ``archive_time``, ``archives`` seen, ``problem``
    (1/0), ``failing_keys`` (space separated), ``failures``, ``current_kb``,
    ``default_kb``, ``recommended_kb``, ``confidence``, ``kernel``,
    ``machine_id``.
    Version 3 adds the receive-path failures counted without a printed
    report, with the boot they count since: ``boot_id``
    (``/proc/sys/kernel/random/boot_id``), ``pfmemalloc_drops`` (TcpExt
    PFMemallocDrop), ``nic_rx_alloc_failures`` (the devices' rx allocation
    failure counters, summed), ``silent_rx_failures`` (both); null when
    unknown (and in the rows of runs recorded before version 3).
``fleet_errors``
    per run, the archives that could not be analysed and why.
``fleet_attempts`` (version 2)
    the RabbitMQ workers' attempt ledger (:mod:`pagealloc.fleet.attempts`):
    per work queue and source (``source_id``: the SHA-256 of the source, the
    message's ``message_id``), the analyses started (``attempts``), the
    worker that started the last one and when; a row lives while a source is
    in flight and is deleted once it is answered or given up.

A run and all its rows are written in one transaction, so a killed run
leaves nothing behind and readers never see half a run.
"""

#: {dialect: DDL of the run id column}
RUN_ID = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}

MIGRATIONS = [
    # version 1
    [
        """CREATE TABLE fleet_runs (
            id {run_id},
            started_at TEXT NOT NULL,
            kind TEXT NOT NULL,
            label TEXT,
            archives INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            hosts INTEGER NOT NULL,
            pagealloc_version TEXT NOT NULL
        )""",
        "CREATE INDEX fleet_runs_started ON fleet_runs (started_at, id)",
        """CREATE TABLE fleet_host_states (
            run_id BIGINT NOT NULL REFERENCES fleet_runs (id) ON DELETE CASCADE,
            host_id TEXT NOT NULL,
            host TEXT,
            source TEXT NOT NULL,
            archive_time TEXT,
            archives INTEGER NOT NULL,
            problem INTEGER NOT NULL,
            failing_keys TEXT NOT NULL,
            failures INTEGER,
            current_kb BIGINT,
            default_kb BIGINT,
            recommended_kb BIGINT,
            confidence TEXT,
            kernel TEXT,
            machine_id TEXT,
            PRIMARY KEY (run_id, host_id)
        )""",
        "CREATE INDEX fleet_host_states_host ON fleet_host_states (host_id, run_id)",
        """CREATE TABLE fleet_errors (
            run_id BIGINT NOT NULL REFERENCES fleet_runs (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            error TEXT NOT NULL,
            PRIMARY KEY (run_id, source)
        )""",
    ],
    # version 2
    [
        """CREATE TABLE fleet_attempts (
            queue TEXT NOT NULL,
            source_id TEXT NOT NULL,
            source TEXT NOT NULL,
            attempts INTEGER NOT NULL,
            worker TEXT,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (queue, source_id)
        )""",
    ],
    # version 3: counters that count since boot, and the boot (one column per statement: SQLite)
    [
        "ALTER TABLE fleet_host_states ADD COLUMN boot_id TEXT",
        "ALTER TABLE fleet_host_states ADD COLUMN pfmemalloc_drops BIGINT",
        "ALTER TABLE fleet_host_states ADD COLUMN nic_rx_alloc_failures BIGINT",
        "ALTER TABLE fleet_host_states ADD COLUMN silent_rx_failures BIGINT",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)

#: fleet_host_states columns in insert order (also the keys of a state dict).
STATE_COLUMNS = ("host_id", "host", "source", "archive_time", "archives", "problem", "failing_keys", "failures",
                 "current_kb", "default_kb", "recommended_kb", "confidence", "kernel", "machine_id",
                 "boot_id", "pfmemalloc_drops", "nic_rx_alloc_failures", "silent_rx_failures")
RUN_COLUMNS = ("id", "started_at", "kind", "label", "archives", "errors", "hosts", "pagealloc_version")


def statements(version, dialect):
    """The DDL of migration ``version`` (1-based) for ``dialect``."""
    return [sql.format(run_id=RUN_ID[dialect]) for sql in MIGRATIONS[version - 1]]
