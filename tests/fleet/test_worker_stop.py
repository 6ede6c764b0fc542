"""
A fleet worker whose broker is down (issue 16 item 9): it retries with
back-off, one log line per retry (no pika error dump), and stops within a
second on SIGTERM (systemctl stop) or SIGINT (Ctrl-C) instead of waiting for
a broker that does not come back.
"""

import json
import os
import signal
import socket
import time

import pika
import pytest
from pika.adapters.utils.connection_workflow import AMQPConnectorStackTimeout

from pagealloc.fleet.amqp import CONNECTION_ERRORS, StopRequested, Topology, connect
from pagealloc.fleet.producer import enqueue
from tests.fleet.rabbitmq import free_port
from tests.fleet.workers import Worker, slow_pagealloc_command, wait_for


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_worker_waiting_for_a_down_broker_stops_within_a_second(tmp_path, signum):
    url = "amqp://guest:guest@127.0.0.1:%d/%%2F" % free_port()  # nothing listens there
    worker = Worker(url, "pagealloc-stop-test", str(tmp_path), str(tmp_path / "worker.log"))
    try:
        wait_for(lambda: worker.log().count("broker not reachable") >= 3, timeout=30, interval=0.05,
                 what="three connection retries")
        asked = time.monotonic()
        worker.process.send_signal(signum)
        worker.process.wait(timeout=10)
        assert time.monotonic() - asked < 1.0
    finally:
        worker.stop(timeout=5)
    assert worker.process.returncode == 0
    lines = [line for line in worker.log().splitlines() if line.strip()]
    retries = [line for line in lines if "broker not reachable" in line]
    assert [line.split("retrying in ")[1] for line in retries[:4]] == ["0.2 s", "0.4 s", "0.8 s", "1.6 s"][:len(retries[:4])]
    # nothing but our own lines: one per retry, the stop request, no pika errors, no traceback
    assert not [line for line in lines if "pika" in line or "Traceback" in line], lines
    assert len(lines) <= len(retries) + 3, lines


def test_connect_gives_up_as_soon_as_asked_to_stop():
    calls = []

    def stop_on_second_ask():
        calls.append(time.monotonic())
        return len(calls) >= 2

    started = time.monotonic()
    with pytest.raises(StopRequested):
        connect("amqp://guest:guest@127.0.0.1:%d/%%2F" % free_port(), Topology("x"), should_stop=stop_on_second_ask)
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_second_stop_signal_stops_a_busy_worker_at_once(rabbitmq, fleet_archives, tmp_path, queue_prefix, signum):
    # The first signal lets the archive finish (systemd's TimeoutStopSec covers it); an operator who
    # sends it again wants the worker gone now.  Before, the second one was ignored: the worker waited
    # the whole analysis (29 s of a 30 s one).
    source = fleet_archives[0]
    enqueue([source], rabbitmq.url, Topology(queue_prefix))
    work_root = tmp_path / "tmp"
    work_root.mkdir()
    worker = Worker(rabbitmq.url, queue_prefix, os.path.dirname(source), str(tmp_path / "worker.log"),
                    command=slow_pagealloc_command(60.0), env=dict(os.environ, TMPDIR=str(work_root)))
    try:
        children = wait_for(lambda: worker.started_sources() and worker.children(), timeout=60,
                            what="the worker to start its archive")
        worker.process.send_signal(signum)
        time.sleep(0.5)
        assert worker.process.poll() is None, "the first signal lets the archive finish"
        asked = time.monotonic()
        worker.process.send_signal(signum)
        worker.process.wait(timeout=15)
        took = time.monotonic() - asked
    finally:
        worker.stop(timeout=5)
    assert took < 6.0 and worker.process.returncode == 128 + signum, (took, worker.process.returncode, worker.log())
    assert ("pagealloc fleet: worker stopped at once on a second stop signal (%d); %s goes back to the queue "
            "unanswered" % (signum, source)) in worker.log().splitlines()
    assert "Traceback" not in worker.log()
    assert not [pid for pid in children if os.path.exists("/proc/%d" % pid)
                and open("/proc/%d/stat" % pid).read().split(")")[-1].split()[0] != "Z"], "analysis child left"
    assert os.listdir(work_root) == [], "the analysis child's work area was left behind"
    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq.url))
    try:
        method, _, body = connection.channel().basic_get(Topology(queue_prefix).work_queue, auto_ack=True)
    finally:
        connection.close()
    assert method is not None and method.redelivered and json.loads(body)["source"] == source


def test_a_worker_in_the_handshake_of_a_hung_broker_stops_at_once(tmp_path):
    # A broker that accepts the connection and never answers (hung, overloaded): pika waits for its
    # whole stack timeout.  Before, SIGTERM waited it out (12 s) and the worker then died with a
    # traceback (AMQPConnectorStackTimeout is no AMQPConnectionError).
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.settimeout(60)
    url = "amqp://guest:guest@127.0.0.1:%d/%%2F" % listener.getsockname()[1]
    worker = Worker(url, "pagealloc-hung-test", str(tmp_path), str(tmp_path / "worker.log"))
    try:
        held, _ = listener.accept()  # the worker is in the AMQP handshake now, and nobody answers
        time.sleep(0.3)
        asked = time.monotonic()
        worker.process.send_signal(signal.SIGTERM)
        worker.process.wait(timeout=30)
        took = time.monotonic() - asked
        held.close()
    finally:
        worker.stop(timeout=5)
        listener.close()
    assert took < 1.0 and worker.process.returncode == 0, (took, worker.process.returncode, worker.log())
    assert "Traceback" not in worker.log()


def test_a_handshake_timeout_is_a_connection_error_to_retry():
    assert issubclass(AMQPConnectorStackTimeout, CONNECTION_ERRORS)
