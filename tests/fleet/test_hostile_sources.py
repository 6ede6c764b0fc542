"""
Sources the fleet must carry as data (issue 16 items 3 and 4): a file name
that is not UTF-8 and a path longer than an AMQP short string (255 bytes).
The embedded runner, ``triage --output``, the report, the producer, a worker
and the collector all get through them, through the installed command or a
private broker; nothing crashes, nothing is analysed twice on resume.
"""

import json
import os
import re
import subprocess

import pika
import pytest

from pagealloc.fleet import amqp
from pagealloc.fleet.amqp import Topology
from pagealloc.fleet.consumer import RabbitMQConsumer
from pagealloc.fleet.jsonl import read_records
from pagealloc.fleet.producer import enqueue
from tests.fleet.archives import make_archives
from tests.fleet.test_distributed import collect_all, dead_letters
from tests.fleet.workers import Worker, pagealloc_command

LATIN1_NAME = b"sosreport-caf\xe9-\xff.tar.gz"  # Latin-1 bytes: not UTF-8
LONG_DIR = "d" * 200  # with the file name, the path is far beyond 255 bytes


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    """Two archives: one with a non-UTF-8 name, one at a 300+ byte path; returns (folder, [sources])."""
    folder = tmp_path_factory.mktemp("hostile-names")
    made = make_archives(str(folder), 2)
    latin1 = os.fsdecode(os.path.join(os.fsencode(str(folder)), LATIN1_NAME))
    os.rename(made[0], latin1)
    os.mkdir(folder / LONG_DIR)
    long_path = os.path.join(str(folder), LONG_DIR, "sosreport-" + "l" * 100 + ".tar.gz")
    os.rename(made[1], long_path)
    assert len(os.fsencode(long_path)) > 300
    return str(folder), [latin1, long_path]


def run_cli(*args, timeout=180):
    return subprocess.run(pagealloc_command() + list(map(str, args)), capture_output=True, timeout=timeout)


def test_message_id_is_a_digest_that_always_fits():
    sources = ["/srv/a.tar.xz", "/srv/" + "x" * 5000, os.fsdecode(b"/srv/caf\xe9")]
    ids = [amqp.message_id(s) for s in sources]
    assert len(set(ids)) == 3 and all(len(i) == 64 and i.isascii() for i in ids)


def test_fleet_run_records_a_non_utf8_name_and_resumes_past_it(tmp_path, hostile_folder):
    folder, sources = hostile_folder
    out = tmp_path / "results.jsonl"
    first = run_cli("fleet", "run", folder, "--out", out, "--workers", "1", "--timeout", "60")
    assert first.returncode == 0 and b"Traceback" not in first.stderr, first.stderr
    # the folder holds the non-UTF-8 archive and the long-named folder holding the other one
    assert json.loads(first.stderr.splitlines()[-1]) == {"total": 2, "skipped": 0, "analysed": 2, "errors": 0}
    assert out.read_bytes().isascii()
    records = {r["source"]: r for r in read_records(str(out))}
    assert records[sources[0]]["error"] is None  # the same name, read back
    again = run_cli("fleet", "run", folder, "--out", out, "--workers", "1")
    assert again.returncode == 0 and json.loads(again.stderr.splitlines()[-1])["skipped"] == 2
    for fmt in ("text", "json", "html", "csv"):
        report = run_cli("fleet", "report", out, "--format", fmt)
        assert report.returncode == 0 and b"Traceback" not in report.stderr, (fmt, report.stderr)
        if fmt != "json":  # json keeps the name as \udce9: it reads back as the same source
            assert b"caf\\xe9-\\xff" in report.stdout, fmt


def test_triage_output_file_with_a_non_utf8_source_is_written(tmp_path, hostile_folder):
    _, sources = hostile_folder
    report = tmp_path / "report.txt"
    for fmt in ("text", "markdown", "html", "json", "yaml"):
        completed = run_cli("triage", sources[0], "--format", fmt, "--output", report)
        assert completed.returncode == 1 and completed.stderr == b"", (fmt, completed.stderr)
        # shown escaped: \xe9 (markdown doubles the backslash), or \udce9 in JSON/YAML
        assert re.search(rb"caf\\+(x|udc)e9", report.read_bytes(), re.IGNORECASE), fmt
        stdout = run_cli("triage", sources[0], "--format", fmt)
        assert stdout.returncode == 1 and stdout.stderr == b"", (fmt, stdout.stderr)


def test_worker_and_collector_carry_long_and_non_utf8_sources(rabbitmq, hostile_folder, tmp_path, queue_prefix):
    folder, sources = hostile_folder
    topology = Topology(queue_prefix)
    listing = tmp_path / "tonight.list"
    listing.write_bytes(b"".join(os.fsencode(s) + b"\n" for s in sources) + b"/nowhere/" + b"x" * 300 + b".tar.gz\n")
    enqueued = run_cli("fleet", "enqueue", listing, "--broker", rabbitmq.url, "--prefix", queue_prefix)
    assert enqueued.returncode == 0, enqueued.stderr
    assert json.loads(enqueued.stderr.splitlines()[-1]) == {"listed": 3, "enqueued": 3}
    # and one hostile message published by hand: a 1000-byte source outside the allowed root
    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq.url))
    connection.channel().basic_publish("", topology.work_queue, json.dumps({"source": "/" + "h" * 1000}).encode(),
                                       pika.BasicProperties(delivery_mode=2))
    connection.close()
    worker = Worker(rabbitmq.url, queue_prefix, folder, str(tmp_path / "worker.log"))
    try:
        out = str(tmp_path / "results.jsonl")
        collect_all(rabbitmq, out, 4, topology, [worker], timeout=120)
        assert worker.process.poll() is None, worker.log()[-3000:]
    finally:
        worker.stop()
    records = {r["source"]: r for r in read_records(out)}
    assert records[sources[0]]["error"] is None and records[sources[1]]["error"] is None
    assert records[sources[0]]["host"] == "fleet-host-00" and records[sources[1]]["host"] == "fleet-host-01"
    assert "outside the allowed roots" in records["/" + "h" * 1000]["error"]
    assert len(dead_letters(rabbitmq, queue_prefix)) == 2
    assert "Traceback" not in worker.log()


class RefusingPublisher:
    """A publisher whose dead letters the broker refuses (as a message it cannot carry)."""

    def dead_letter(self, input_msg, body, reason):
        raise pika.exceptions.UnroutableError([])


class RecordingChannel:
    def __init__(self):
        self.calls = []

    def basic_ack(self, tag):
        self.calls.append(("ack", tag))

    def basic_nack(self, tag, requeue=True):
        self.calls.append(("nack", tag, requeue))


def test_giving_up_cannot_raise_when_the_dead_letter_is_refused():
    consumer = RabbitMQConsumer(RefusingPublisher(), None, None)
    consumer.channel = RecordingChannel()
    method = type("Method", (), {"delivery_tag": 7})()
    consumer._give_up({"source": "/x"}, b"{}", "cannot be analysed", method)
    assert consumer.channel.calls == [("nack", 7, False)]  # the queue dead-letters it itself


def test_enqueue_of_a_long_source_publishes(rabbitmq, queue_prefix):
    assert enqueue(["/" + "p" * 4000], rabbitmq.url, Topology(queue_prefix)) == 1
    assert rabbitmq.queue_depth(Topology(queue_prefix).work_queue) == 1


