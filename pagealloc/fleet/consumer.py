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
  ``max_attempts`` analyses.  Analyses are counted in a durable ledger
  outside the message (:mod:`pagealloc.fleet.attempts`): one that killed its
  worker counts (an archive whose analyses keep killing workers is
  dead-lettered on the next delivery), a delivery that never started an
  analysis or whose analysis the broker cut (a broker restart) does not.
  When the ledger's database is unavailable, the broker's delivery count
  (``x-delivery-count``: every return) stands in for it.
* the connection is re-established with backoff when the broker goes away
  (one log line per retry); the archive in flight is then redelivered.
* SIGTERM/SIGINT/SIGHUP finish the current archive, then stop; while the broker is
  down, within 0.1 s.  A second one while an archive is analysed stops at once
  (:class:`StopNow`): the analysis child is stopped (its work area removed),
  the attempt is taken back and the message, unacknowledged, goes back to the
  queue; ``pagealloc fleet worker`` says so on one line and exits 128 + signal.

Work message: JSON ``{"source": "/abs/path/or/URL"}``.
"""

import json
import logging
import os
import signal
import socket

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
from pagealloc.fleet.attempts import AttemptLedger, LedgerUnavailable, default_ledger_path
from pagealloc.fleet.isolated import ArchiveTimeout
from pagealloc.fleet.locations import LocationRejected
from pagealloc.render.inert import inert

log = logging.getLogger(__name__)

#: Failures that the same archive will hit again on every attempt.
FINAL_ERRORS = (LocationRejected, InputError, ArchiveTimeout)


class MalformedMessage(Exception):
    pass


class StopNow(BaseException):
    """A second stop signal while an archive is analysed: stop at once (not an archive's failure, so
    no ``except Exception`` on the way takes it for one)."""

    def __init__(self, signum, source):
        super().__init__(signum, source)
        self.signum, self.source = signum, source


def decode_message(body):
    """The work message as a dict with a string ``source``, else MalformedMessage."""
    try:
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # nested past the stack: killed the worker
        raise MalformedMessage("work message is not JSON") from None
    if not isinstance(message, dict) or not isinstance(message.get("source"), str) or not message["source"]:
        raise MalformedMessage('work message lacks a "source" string')
    return {"source": message["source"]}


class RabbitMQConsumer(Consumer):
    def __init__(self, publisher, downloader, engine, broker_url=DEFAULT_BROKER_URL, prefix=None,
                 max_attempts=3, heartbeat=30, requeuer=None, attempts_db=None):
        super().__init__(publisher, downloader, engine, requeuer=requeuer)
        self.broker_url = broker_url
        self.topology = Topology(prefix) if prefix else Topology()
        self.max_attempts = max(1, min(int(max_attempts), DELIVERY_LIMIT))
        self.heartbeat = int(heartbeat)
        self.connection = None
        self.channel = None
        self.stopping = False
        #: the source being analysed (a second stop signal then stops at once)
        self.current = None
        #: connecting to the broker: a stop request ends the wait at once (a hung broker can keep
        #: the handshake waiting for pika's whole stack timeout, 15 s)
        self.connecting = False
        #: the attempt ledger's store (a path or a postgresql:// URL); opened by run()
        self.attempts_db = attempts_db or None
        self.ledger = None

    # -- insights-core-messaging Consumer protocol ------------------------
    def get_url(self, input_msg):
        return input_msg["source"]

    def run(self):
        """Consume until asked to stop; InputError when the attempt ledger cannot be opened."""
        target = self.attempts_db or default_ledger_path()
        self.ledger = AttemptLedger(target, self.topology.work_queue, "%s:%d" % (socket.gethostname(), os.getpid()))
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self._request_stop)
        if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:  # a closed terminal; nohup'ed: ignored
            signal.signal(signal.SIGHUP, self._request_stop)
        try:
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
                    close_quietly(self.connection)  # an unacknowledged message goes back to the queue
                    self.connection = self.channel = None
        finally:
            self.ledger.close()

    # -- internals ----------------------------------------------------------
    def _request_stop(self, signum, frame):
        if self.connecting:
            self.stopping, self.connecting = True, False
            log.info("signal %d: stopping", signum)
            raise StopRequested()
        if self.stopping and self.current is not None:
            source, self.current = self.current, None  # a third signal during the unwinding: nothing more
            raise StopNow(signum, source)
        log.info("signal %d: stopping after the current archive%s", signum,
                 " (a second stop signal stops at once)" if self.current is not None else "")
        self.stopping = True

    def _open(self):
        self.connecting = True
        try:
            self.connection, self.channel = connect(self.broker_url, self.topology, heartbeat=self.heartbeat,
                                                    should_stop=lambda: self.stopping)
        finally:
            self.connecting = False
        self.channel.basic_qos(prefetch_count=1)
        self.channel.basic_consume(self.topology.work_queue, on_message_callback=self._on_message)
        if hasattr(self.publisher, "attach"):
            self.publisher.attach(self.channel)
        # While a child analyses an archive, keep the connection alive
        # (heartbeats); pika does not dispatch callbacks from inside a callback.
        if hasattr(self.engine, "poll"):
            self.engine.poll = lambda: self.connection.process_data_events(time_limit=0)

    def _on_message(self, channel, method, properties, body):
        returns = int((properties.headers or {}).get("x-delivery-count", 0))
        delivery = {"attempt": returns + 1, "redelivered": bool(method.redelivered)}
        try:
            input_msg = dict(decode_message(body), delivery=delivery)
        except MalformedMessage as exc:
            self._give_up({"delivery": delivery}, body, str(exc), method)
            return
        source = input_msg["source"]
        attempt = self._begin(source, returns)
        if attempt is None:
            # Earlier analyses ended without an answer: the worker itself died
            # on this archive (OOM kill, segfault, power), again and again.
            # Do not try once more.
            reason = "abandoned after %d analyses that ended without an answer (the worker died)" % self.max_attempts
            self._give_up(input_msg, body, reason, method)
            return
        delivery["attempt"] = attempt
        log.info("start %s (attempt %d%s)", inert(source), attempt, ", redelivered" if method.redelivered else "")
        self.current = source
        try:
            self.process(input_msg)
        except StopNow:
            self._ledger_call("undo", source)  # stopped by the operator: not an analysis that failed
            raise
        except FINAL_ERRORS as exc:
            self._give_up(input_msg, body, _one_line(exc), method)
            return
        except PUBLISH_ERRORS as exc:  # one message refused (pika files these under channel errors too)
            self._failed(input_msg, body, exc, method, attempt)
            return
        except CONNECTION_ERRORS:
            # The broker went away mid-analysis: not the archive's doing, and
            # the message comes back unacknowledged.  Take the attempt back.
            self._ledger_call("undo", source)
            raise
        except Exception as exc:
            self._failed(input_msg, body, exc, method, attempt)
            return
        finally:
            self.current = None
        channel.basic_ack(method.delivery_tag)
        self._ledger_call("forget", source)
        log.info("done %s", inert(source))

    def _begin(self, source, returns):
        """The number of the analysis about to start, None when ``max_attempts`` already ran."""
        try:
            return self.ledger.begin(source, self.max_attempts)
        except LedgerUnavailable as exc:
            log.warning("attempt ledger unavailable (%s); counting the broker's deliveries instead", inert(exc))
            return returns + 1 if returns < self.max_attempts else None

    def _ledger_call(self, name, source):
        """Update the ledger; a ledger that is unavailable costs a warning, not the archive."""
        if self.ledger is None:
            return
        try:
            getattr(self.ledger, name)(source)
        except LedgerUnavailable as exc:
            log.warning("attempt ledger unavailable (%s): %s of %s not recorded", inert(exc), name, inert(source))

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
        self._dead_letter(input_msg, body, reason, method)
        if input_msg.get("source"):  # given up: a source enqueued again starts afresh
            self._ledger_call("forget", input_msg["source"])

    def _dead_letter(self, input_msg, body, reason, method):
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
