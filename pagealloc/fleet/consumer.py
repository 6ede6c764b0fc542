"""
Fleet consumer - a RabbitMQ worker on insights-core-messaging
=============================================================

An insights-core-messaging ``Consumer`` over pika (the package's own RabbitMQ
consumer cannot be imported: ``from utils import retry``).  The base class's
``process()`` runs the lifecycle: downloader (:mod:`pagealloc.fleet.locations`)
-> engine (:mod:`pagealloc.fleet.engine`) -> publisher
(:mod:`pagealloc.fleet.publisher`), with watcher events.

Delivery guarantees:

* prefetch 1 and manual acknowledgement *after* the result is published and
  confirmed: a worker killed mid-archive leaves the message unacknowledged and
  RabbitMQ delivers it again (to another worker); the collector keeps one
  record per source.
* a failure that retrying cannot fix (location rejected, input that cannot be
  analysed, malformed message) goes to the dead-letter queue at once, with
  the reason; other failures are requeued and dead-lettered after
  ``max_attempts`` deliveries (counted by the quorum queue, kills included:
  an archive whose deliveries keep killing workers is dead-lettered on the
  next one).
* the connection is re-established with backoff when the broker goes away
  (one log line per retry); the archive in flight is then redelivered.
* SIGTERM/SIGINT finish the current archive, then stop; while the broker is
  down, within 0.1 s.

Work message: JSON ``{"source": "/abs/path/or/URL"}``.
"""

import json
import logging
import signal

from insights_messaging.consumers import Consumer

from pagealloc.errors import InputError
from pagealloc.fleet.amqp import (
    CONNECTION_ERRORS,
    DEFAULT_BROKER_URL,
    DELIVERY_LIMIT,
    PUBLISH_ERRORS,
    StopRequested,
    Topology,
    close_quietly,
    connect,
)
from pagealloc.fleet.isolated import ArchiveTimeout
from pagealloc.fleet.locations import LocationRejected
from pagealloc.render.inert import inert

log = logging.getLogger(__name__)

#: Failures that the same archive will hit again on every attempt.
FINAL_ERRORS = (LocationRejected, InputError, ArchiveTimeout)


class MalformedMessage(Exception):
    pass


def decode_message(body):
    """The work message as a dict with a string ``source``, else MalformedMessage."""
    try:
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise MalformedMessage("work message is not JSON") from None
    if not isinstance(message, dict) or not isinstance(message.get("source"), str) or not message["source"]:
        raise MalformedMessage('work message lacks a "source" string')
    return {"source": message["source"]}


class RabbitMQConsumer(Consumer):
    def __init__(self, publisher, downloader, engine, broker_url=DEFAULT_BROKER_URL, prefix=None,
                 max_attempts=3, heartbeat=30, requeuer=None):
        super().__init__(publisher, downloader, engine, requeuer=requeuer)
        self.broker_url = broker_url
        self.topology = Topology(prefix) if prefix else Topology()
        self.max_attempts = max(1, min(int(max_attempts), DELIVERY_LIMIT))
        self.heartbeat = int(heartbeat)
        self.connection = None
        self.channel = None
        self.stopping = False

    # -- insights-core-messaging Consumer protocol ------------------------
    def get_url(self, input_msg):
        return input_msg["source"]

    def run(self):
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._request_stop)
        while not self.stopping:
            try:
                try:
                    self._open()
                except StopRequested:
                    break  # asked to stop while the broker was down
                log.info("consuming %s", self.topology.work_queue)
                # A short slice: a stop request (SIGTERM from systemd or the
                # tests) is noticed within 0.1 s; idle slices cost nothing.
                while not self.stopping:
                    self.connection.process_data_events(time_limit=0.1)
            except CONNECTION_ERRORS as exc:
                log.warning("broker connection lost (%s); reconnecting", exc.__class__.__name__)
            finally:
                close_quietly(self.connection)
                self.connection = self.channel = None

    # -- internals ----------------------------------------------------------
    def _request_stop(self, signum, frame):
        log.info("signal %d: stopping after the current archive", signum)
        self.stopping = True

    def _open(self):
        self.connection, self.channel = connect(self.broker_url, self.topology, heartbeat=self.heartbeat,
                                                should_stop=lambda: self.stopping)
        self.channel.basic_qos(prefetch_count=1)
        self.channel.basic_consume(self.topology.work_queue, on_message_callback=self._on_message)
        if hasattr(self.publisher, "attach"):
            self.publisher.attach(self.channel)
        # While a child analyses an archive, keep the connection alive
        # (heartbeats); pika does not dispatch callbacks from inside a callback.
        if hasattr(self.engine, "poll"):
            self.engine.poll = lambda: self.connection.process_data_events(time_limit=0)

    def _on_message(self, channel, method, properties, body):
        attempt = int((properties.headers or {}).get("x-delivery-count", 0)) + 1
        delivery = {"attempt": attempt, "redelivered": bool(method.redelivered)}
        try:
            input_msg = dict(decode_message(body), delivery=delivery)
        except MalformedMessage as exc:
            self._give_up({"delivery": delivery}, body, str(exc), method)
            return
        if attempt > self.max_attempts:
            # Earlier deliveries ended without an answer: the worker itself died
            # on this archive (OOM kill, segfault, power) or lost the broker
            # mid-archive, again and again.  Do not try once more.
            reason = ("abandoned after %d deliveries that ended without an answer (worker died or lost the broker)"
                      % (attempt - 1))
            self._give_up(input_msg, body, reason, method)
            return
        log.info("start %s (attempt %d%s)", inert(input_msg["source"]), attempt, ", redelivered" if method.redelivered else "")
        try:
            self.process(input_msg)
        except FINAL_ERRORS as exc:
            self._give_up(input_msg, body, _one_line(exc), method)
            return
        except PUBLISH_ERRORS as exc:  # one message refused (pika files these under channel errors too)
            self._failed(input_msg, body, exc, method, attempt)
            return
        except CONNECTION_ERRORS:
            raise  # unacknowledged: the broker redelivers it after we reconnect
        except Exception as exc:
            self._failed(input_msg, body, exc, method, attempt)
            return
        channel.basic_ack(method.delivery_tag)
        log.info("done %s", inert(input_msg["source"]))

    def _failed(self, input_msg, body, exc, method, attempt):
        """A failure another attempt may not repeat: requeue it, or give up after max_attempts."""
        if attempt >= self.max_attempts:
            self._give_up(input_msg, body, "failed %d times, last: %s" % (attempt, _one_line(exc)), method)
        else:
            self.channel.basic_nack(method.delivery_tag, requeue=True)

    def _give_up(self, input_msg, body, reason, method):
        """Dead-letter the message; never raises but for a lost connection (then it is redelivered).

        The publisher parks it with its reason and records the error; when
        that publish fails (a message the broker refuses), the message is
        rejected instead and the queue dead-letters it itself (``x-death``).
        """
        log.warning("dead-lettering %s: %s", inert(input_msg.get("source", "<malformed>")), inert(reason))
        if hasattr(self.publisher, "dead_letter"):
            try:
                self.publisher.dead_letter(input_msg, body, reason)
                self.channel.basic_ack(method.delivery_tag)
                return
            except PUBLISH_ERRORS as exc:
                log.warning("could not publish the dead letter (%s); rejecting the message instead", inert(_one_line(exc)))
            except CONNECTION_ERRORS:
                raise
            except Exception as exc:
                log.warning("could not publish the dead letter (%s); rejecting the message instead", inert(_one_line(exc)))
        # another publisher, or ours failed: let the queue dead-letter it (x-death reason "rejected")
        self.channel.basic_nack(method.delivery_tag, requeue=False)


def _one_line(exc):
    text = " ".join(str(exc).split())
    return text or exc.__class__.__name__
