"""
Fleet collector - ``pagealloc fleet collect``
=============================================

Drains the results queue into the same JSONL file the embedded runner
writes.  Results arrive at least once (a worker killed after publishing but
before acknowledging redoes the archive), so the collector writes a record
only when it changes what counts for its source
(:func:`pagealloc.fleet.record.preferred`: the first success, else the first
error) and drops the other copies; the records already in the file (a
resumed collection) count too.  Records are written and synced to disk
*before* their messages are acknowledged: a collector killed mid-way loses
nothing.  It reconnects when the broker restarts.

Stops when ``expect`` sources are in the file, when ``timeout`` seconds have
passed, or (without ``expect``) when the queue stays empty for ``idle`` s.
Raises the connection error when the broker was never reachable.
"""

import json
import logging
import time

from pagealloc.fleet.amqp import CONNECTION_ERRORS, Topology, close_quietly, connect
from pagealloc.fleet.jsonl import ResultsWriter, analysed_state
from pagealloc.fleet.record import well_formed

log = logging.getLogger(__name__)

ACK_BATCH = 100


class Collection:
    """Counts of one collection run (printed as JSON by the command line)."""

    def __init__(self, already):
        #: {source: True when analysed, False when only an error is recorded}
        self.seen = dict(already)
        self.collected = 0
        self.duplicates = 0
        self.errors = 0
        self.redelivered_sources = []

    def as_dict(self):
        return {
            "in_file": len(self.seen),
            "collected": self.collected,
            "duplicates": self.duplicates,
            "errors": self.errors,
            "redelivered_sources": sorted(self.redelivered_sources),
        }


def collect(broker_url, out_path, expect=None, timeout=None, idle=10.0, topology=None):
    """Collect results into ``out_path``; returns (Collection, complete: bool)."""
    topology = topology or Topology()
    started = time.monotonic()

    def finished():
        return expect is not None and len(stats.seen) >= expect

    def out_of_time():
        return timeout is not None and time.monotonic() - started >= timeout

    connected = False
    with ResultsWriter(out_path) as out:  # locked: one collector per results file
        stats = Collection(analysed_state(out_path))
        while not finished() and not out_of_time():
            remaining = None if timeout is None else max(0.1, timeout - (time.monotonic() - started))
            try:
                connection, channel = connect(broker_url, topology, deadline_s=remaining)
            except CONNECTION_ERRORS:
                if not connected:
                    raise  # never reached the broker: say so rather than "nothing to collect"
                break
            connected = True
            try:
                if _drain(channel, topology.results_queue, out, stats, finished, out_of_time, None if expect else idle):
                    break  # idle: the queue stayed empty
            except CONNECTION_ERRORS as exc:
                log.warning("broker connection lost (%s); reconnecting", exc.__class__.__name__)
            finally:
                close_quietly(connection)
    return stats, (finished() if expect is not None else True)


def _drain(channel, queue, out, stats, finished, out_of_time, idle):
    """Consume until done; True when the queue stayed empty for ``idle`` seconds."""
    channel.basic_qos(prefetch_count=ACK_BATCH)
    pending_tag = None
    unacked = 0
    last_message = time.monotonic()
    try:
        for method, properties, body in channel.consume(queue, inactivity_timeout=0.5):
            if method is not None:
                _take(out, stats, properties, body)
                pending_tag, unacked = method.delivery_tag, unacked + 1
                last_message = time.monotonic()
            if pending_tag is not None and (method is None or unacked >= ACK_BATCH or finished() or out_of_time()):
                out.sync()  # on disk before the broker forgets it
                channel.basic_ack(pending_tag, multiple=True)
                pending_tag, unacked = None, 0
            if finished() or out_of_time():
                return False
            if idle is not None and method is None and time.monotonic() - last_message >= idle:
                return True
    finally:
        if channel.is_open:
            channel.cancel()


def _take(out, stats, properties, body):
    try:
        record = json.loads(body)
    except (ValueError, RecursionError):
        record = None
    if not well_formed(record) or not record["source"]:
        # the shape every reader of results files checks: a source that is a list ended the collector
        # (TypeError, and again on every redelivery); a foreign message counted towards --expect
        log.warning("dropping a results message that is not a fleet record")
        return
    source = record["source"]
    analysed = record.get("error") is None
    previous = stats.seen.get(source)
    if previous is True or (previous is False and not analysed):
        stats.duplicates += 1
        return
    stats.seen[source] = analysed
    out.write(record)
    stats.collected += 1
    stats.errors += record.get("error") is not None
    if (properties.headers or {}).get("x-pagealloc-redelivered"):
        stats.redelivered_sources.append(source)
