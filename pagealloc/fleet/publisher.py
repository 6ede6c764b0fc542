"""
Fleet publisher - results and dead letters to RabbitMQ
======================================================

An insights-core-messaging ``Publisher``.  ``publish(input_msg, response)``
turns the engine's JSON result into a fleet record
(:mod:`pagealloc.fleet.record`) and publishes it, persistent and confirmed,
to the results queue, with the delivery facts (attempt, redelivered, worker)
in headers, not in the record, so the record stays identical to the embedded
runner's.  :meth:`dead_letter` sends an archive that cannot be analysed to
the dead-letter queue with its reason and an error record to the results
queue, so collectors still account for it.

It publishes on the consumer's channel (:meth:`attach`, called by
:class:`pagealloc.fleet.consumer.RabbitMQConsumer` after every (re)connect),
so the result is confirmed before the work message is acknowledged.
"""

import json
import logging
import os
import socket

import pika
from insights_messaging.publishers import Publisher

from pagealloc.fleet.amqp import Topology, message_id, publish_json
from pagealloc.fleet.record import error_record, result_record
from pagealloc.render.inert import inert

log = logging.getLogger(__name__)


class RabbitMQPublisher(Publisher):
    def __init__(self, prefix=None):
        self.topology = Topology(prefix) if prefix else Topology()
        self.channel = None
        self.worker = "%s:%d" % (socket.gethostname(), os.getpid())

    def attach(self, channel):
        self.channel = channel

    def _headers(self, input_msg):
        delivery = input_msg.get("delivery") or {}
        return {
            "x-pagealloc-worker": self.worker,
            "x-pagealloc-attempt": delivery.get("attempt", 1),
            "x-pagealloc-redelivered": bool(delivery.get("redelivered")),
        }

    def publish(self, input_msg, response):
        record = result_record(json.loads(response))
        # The record names the archive as it was queued, whatever path the engine read.
        record["source"] = input_msg["source"]
        self._publish_record(input_msg, record)

    def error(self, input_msg, ex):
        # The consumer decides between retry and dead-lettering; nothing to publish yet.
        log.warning("analysis of %s failed: %s", inert(input_msg.get("source")), inert(ex))

    def dead_letter(self, input_msg, body, reason):
        """Park the original message in the dead-letter queue and record the failure."""
        # header strings must encode as UTF-8: a non-UTF-8 name in the reason is escaped there
        headers = dict(self._headers(input_msg), **{"x-pagealloc-reason": inert(reason)})
        self.channel.basic_publish(
            exchange="",
            routing_key=self.topology.dead_letter_queue,
            body=body,
            properties=_persistent(headers, message_id(input_msg["source"]) if input_msg.get("source") else None),
            mandatory=True,
        )
        if input_msg.get("source"):
            self._publish_record(input_msg, error_record(input_msg["source"], reason))

    def _publish_record(self, input_msg, record):
        publish_json(
            self.channel,
            self.topology.results_queue,
            record,
            message_id=message_id(record["source"]),
            headers=self._headers(input_msg),
        )


def _persistent(headers, message_id):
    return pika.BasicProperties(delivery_mode=2, headers=headers, message_id=message_id)
