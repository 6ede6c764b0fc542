"""
A fleet worker whose broker is down (issue 16 item 9): it retries with
back-off, one log line per retry (no pika error dump), and stops within a
second on SIGTERM (systemctl stop) or SIGINT (Ctrl-C) instead of waiting for
a broker that does not come back.
"""

import signal
import time

import pytest

from pagealloc.fleet.amqp import StopRequested, Topology, connect
from tests.fleet.rabbitmq import free_port
from tests.fleet.workers import Worker, wait_for


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
