"""
Fleet producer - ``pagealloc fleet enqueue``
============================================

Publishes one work message ``{"source": PATH}`` per archive to the work
queue, persistent and confirmed by the broker, so that once ``enqueue``
returns every archive is safely queued.  Sources already present in an
optional results file are skipped (a nightly run only queues new archives
when it appends to the same file); with ``retry_errors`` the archives
recorded only with an error are queued again.
"""

from pagealloc.fleet.amqp import Topology, close_quietly, connect, message_id, publish_json
from pagealloc.fleet.jsonl import done_sources


def enqueue(sources, broker_url, topology=None, skip_done_in=None, retry_errors=False, connect_timeout_s=15):
    """Queue ``sources``; returns the number of messages published."""
    topology = topology or Topology()
    done = done_sources(skip_done_in, retry_errors) if skip_done_in else set()
    connection, channel = connect(broker_url, topology, deadline_s=connect_timeout_s)
    published = 0
    try:
        for source in sources:
            if source in done:
                continue
            publish_json(channel, topology.work_queue, {"source": source}, message_id=message_id(source))
            published += 1
    finally:
        close_quietly(connection)
    return published
