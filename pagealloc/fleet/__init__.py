"""
Fleet evaluation: many archives, one JSONL results file, one report.

* Embedded (one machine): :mod:`pagealloc.fleet.runner` - a pool of forked
  children (:mod:`pagealloc.fleet.isolated`), results appended to JSONL
  (:mod:`pagealloc.fleet.jsonl`), resumable.
* Scale-out: insights-core-messaging workers (``messaging.yaml``) built from
  :mod:`~pagealloc.fleet.consumer`, :mod:`~pagealloc.fleet.publisher`,
  :mod:`~pagealloc.fleet.engine` and :mod:`~pagealloc.fleet.locations` over
  RabbitMQ (:mod:`~pagealloc.fleet.amqp`); :mod:`~pagealloc.fleet.producer`
  queues archives, :mod:`~pagealloc.fleet.collector` writes the same JSONL;
  :mod:`~pagealloc.fleet.result_format` lets the stock engine emit the same
  result document.
* :mod:`pagealloc.fleet.report` aggregates a JSONL file (text/json/csv/html),
  one row per host (:mod:`~pagealloc.fleet.hosts`).
* :mod:`pagealloc.fleet.store` keeps every run's per-host states (SQLite or
  PostgreSQL); :mod:`~pagealloc.fleet.history` compares runs (new, ongoing,
  resolved) and draws a host's timeline.

Both paths write the record of :mod:`pagealloc.fleet.record`.
"""
