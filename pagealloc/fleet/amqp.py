"""
RabbitMQ plumbing shared by producer, workers and collector
===========================================================

Queue topology (all durable, messages persistent, publisher confirms on):

* ``<prefix>.archives``: work queue of archive locations, a *quorum* queue
  so that the broker counts deliveries (``x-delivery-count``) even when a
  worker is killed, and dead-letters a message delivered more than
  ``DELIVERY_LIMIT`` times (a worker crash loop) to the dead-letter queue.
* ``<prefix>.results``: one fleet record per archive (JSON).
* ``<prefix>.dead``: archives that cannot be analysed, with the reason in
  the ``x-pagealloc-reason`` header (or RabbitMQ's ``x-death`` when the
  broker dead-lettered it).

Queue arguments are fixed here: RabbitMQ refuses to redeclare a queue with
different arguments, so every process must declare exactly the same ones.
"""

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass

import pika
import pika.exceptions
from pika.adapters.utils.connection_workflow import AMQPConnectorException

log = logging.getLogger(__name__)

DEFAULT_BROKER_URL = "amqp://guest:guest@127.0.0.1:5672/%2F"
DEFAULT_PREFIX = "pagealloc"
# The broker dead-letters after this many deliveries; workers give up earlier
# (their max_attempts must be lower) and dead-letter with their own reason.
DELIVERY_LIMIT = 5
# Errors meaning "the connection is gone, connect again".
CONNECTION_ERRORS = (
    pika.exceptions.AMQPConnectionError,
    pika.exceptions.AMQPChannelError,
    pika.exceptions.StreamLostError,
    ConnectionError,
    # a broker that accepts the connection and never answers the handshake (hung, overloaded):
    # pika raises AMQPConnectorStackTimeout, which is no AMQPConnectionError
    AMQPConnectorException,
)
PERSISTENT = 2
# What a broker can refuse one message for (unroutable, nacked, a property
# AMQP cannot carry): that message fails, the connection is fine.
PUBLISH_ERRORS = (pika.exceptions.UnroutableError, pika.exceptions.NackError, pika.exceptions.ShortStringTooLong,
                  UnicodeError, ValueError, TypeError)


def message_id(source):
    """The AMQP ``message_id`` of a source: its SHA-256, hex.

    ``message_id`` is an AMQP short string (at most 255 bytes): a long path or
    URL, or one that is not UTF-8, cannot be one.  The digest identifies the
    source as well and always fits.

    >>> message_id("/srv/a.tar.xz") == message_id("/srv/a.tar.xz"), len(message_id("/x" * 1000))
    (True, 64)
    """
    return hashlib.sha256(os.fsencode(source)).hexdigest()


@dataclass(frozen=True)
class Topology:
    prefix: str = DEFAULT_PREFIX

    @property
    def work_queue(self):
        return self.prefix + ".archives"

    @property
    def results_queue(self):
        return self.prefix + ".results"

    @property
    def dead_letter_queue(self):
        return self.prefix + ".dead"

    def declare(self, channel):
        channel.queue_declare(self.dead_letter_queue, durable=True)
        channel.queue_declare(self.results_queue, durable=True)
        channel.queue_declare(
            self.work_queue,
            durable=True,
            arguments={
                "x-queue-type": "quorum",
                "x-delivery-limit": DELIVERY_LIMIT,
                "x-dead-letter-exchange": "",
                "x-dead-letter-routing-key": self.dead_letter_queue,
            },
        )


def connection_parameters(url, heartbeat=30):
    params = pika.URLParameters(url)
    params.heartbeat = heartbeat
    params.connection_attempts = 1
    params.socket_timeout = 5
    params.blocked_connection_timeout = 60
    return params


class StopRequested(Exception):
    """:func:`connect` gave up waiting for the broker because ``should_stop()`` said so."""


def connect(url, topology, deadline_s=None, heartbeat=30, should_stop=None):
    """A BlockingConnection and a confirming channel with the topology declared.

    Retries with backoff (0.2 s doubling, capped at 5 s; one log line per
    retry) until ``deadline_s`` seconds have passed (forever when None), so a
    process started before the broker, or across a broker restart, simply
    waits for it.  ``should_stop`` (a callable) is asked every 0.1 s while
    waiting: when it returns true, :class:`StopRequested` is raised, so a
    worker asked to stop (SIGTERM, Ctrl-C) does not wait for a broker that
    is down.
    """
    started = time.monotonic()
    delay = 0.2
    while True:
        if should_stop is not None and should_stop():
            raise StopRequested()
        try:
            connection = pika.BlockingConnection(connection_parameters(url, heartbeat))
            channel = connection.channel()
            channel.confirm_delivery()
            topology.declare(channel)
            return connection, channel
        except CONNECTION_ERRORS as exc:
            if deadline_s is not None and time.monotonic() - started >= deadline_s:
                raise
            log.warning("broker not reachable (%s); retrying in %.1f s", exc.__class__.__name__, delay)
            _sleep(delay, should_stop)
            delay = min(delay * 2, 5.0)


def _sleep(seconds, should_stop=None, slice_s=0.1):
    """Sleep ``seconds``, in slices, returning early once ``should_stop()`` is true."""
    end = time.monotonic() + seconds
    while True:
        left = end - time.monotonic()
        if left <= 0 or (should_stop is not None and should_stop()):
            return
        time.sleep(min(slice_s, left))


def publish_json(channel, queue, payload, message_id=None, headers=None):
    """Publish one persistent JSON message and wait for the broker's confirm."""
    channel.basic_publish(
        exchange="",
        routing_key=queue,
        body=json.dumps(payload, sort_keys=True).encode("utf-8"),
        properties=pika.BasicProperties(
            content_type="application/json",
            delivery_mode=PERSISTENT,
            message_id=message_id,
            headers=headers or None,
        ),
        mandatory=True,
    )


def close_quietly(connection):
    try:
        if connection is not None and connection.is_open:
            connection.close()
    except CONNECTION_ERRORS:
        pass
