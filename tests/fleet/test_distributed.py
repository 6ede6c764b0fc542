"""
The RabbitMQ fleet against a real broker (Debian rabbitmq-server, private,
on a free loopback port): producer -> 2 insights-core-messaging workers
(subprocesses of the installed ``pagealloc fleet worker``) -> collector.
"""

import hashlib
import json
import os
import subprocess
import sys
import time

import pika
import pytest

from pagealloc.cli import main
from pagealloc.fleet import engine
from pagealloc.fleet.amqp import Topology
from pagealloc.fleet.collector import collect
from pagealloc.fleet.jsonl import read_records
from pagealloc.fleet.producer import enqueue
from pagealloc.fleet.runner import run_fleet
from pagealloc.fleet.store import open_store
from tests.fleet.archives import host_name
from tests.fleet.workers import VICTIM_DELAY_S, Worker, slow_pagealloc_command, wait_for


@pytest.fixture
def workers(tmp_path):
    started = []

    def start(broker, prefix, allowed_root, count=1, *extra):
        new = [Worker(broker.url, prefix, allowed_root, str(tmp_path / ("worker-%d.log" % (len(started) + i))), *extra)
               for i in range(count)]
        started.extend(new)
        return new

    start.started = started
    yield start
    for worker in started:
        worker.stop()


def collect_all(broker, out, expect, topology, workers, timeout):
    """Collect ``expect`` results, failing fast when a worker dies on its own.

    Each ``collect`` call counts what it took; the redelivered sources of the earlier calls are kept
    (a killed worker's archive is requeued at once and is often among the first results)."""
    deadline = time.monotonic() + timeout
    redelivered = []
    while True:
        stats, complete = collect(broker.url, out, expect=expect, timeout=3, topology=topology)
        redelivered += stats.redelivered_sources
        if complete:
            stats.redelivered_sources = sorted(redelivered)
            return stats
        dead = [w for w in workers if w.process.poll() is not None]
        assert not dead, "worker exited:\n" + dead[0].log()[-3000:]
        assert time.monotonic() < deadline, "only %d of %d results after %s s" % (len(stats.seen), expect, timeout)


def fingerprints(folder):
    """{name: (sha256, mtime_ns)} of a folder's files: any change to an input shows."""
    result = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as handle:
            result[name] = (hashlib.sha256(handle.read()).hexdigest(), os.stat(path).st_mtime_ns)
    return result


def by_source(path):
    records = list(read_records(path))
    sources = [r["source"] for r in records]
    assert len(sources) == len(set(sources)), "a source was recorded twice"
    return {r["source"]: r for r in records}


def dead_letters(broker, prefix):
    connection = pika.BlockingConnection(pika.URLParameters(broker.url))
    channel = connection.channel()
    letters = []
    while True:
        method, properties, body = channel.basic_get(Topology(prefix).dead_letter_queue, auto_ack=True)
        if method is None:
            break
        letters.append((body, properties.headers or {}))
    connection.close()
    return letters


@pytest.fixture(scope="module")
def distributed_run(rabbitmq, fleet_archives, tmp_path_factory):
    """The 50 archives through 2 workers; the results file and the collector's counts."""
    folder = os.path.dirname(fleet_archives[0])
    out = str(tmp_path_factory.mktemp("distributed") / "results.jsonl")
    prefix = "pagealloc-test-fifty"
    logs = tmp_path_factory.mktemp("worker-logs")
    pair = [Worker(rabbitmq.url, prefix, folder, str(logs / ("w%d.log" % i))) for i in range(2)]
    before = fingerprints(folder)
    try:
        assert enqueue(fleet_archives, rabbitmq.url, Topology(prefix)) == 50
        stats = collect_all(rabbitmq, out, 50, Topology(prefix), pair, timeout=120)
    finally:
        for worker in pair:
            worker.stop()
    assert fingerprints(folder) == before, "a worker changed the archive folder"
    return out, stats, pair


def test_two_workers_process_fifty_archives_each_collected_once(distributed_run, fleet_archives):
    out, stats, pair = distributed_run
    records = by_source(out)
    assert sorted(records) == sorted(fleet_archives)
    assert len(stats.seen) == 50
    for index, source in enumerate(fleet_archives):
        assert records[source]["error"] is None
        assert records[source]["host"] == host_name(index)
        figures = records[source]["figures"]
        if index % 2 == 0:  # the seed's e100 host: 256 MB, default 2038 -> recommended 4096
            assert (figures["problem"], figures["drivers"], figures["min_free_kbytes_recommended"]) == (True, ["e100"], 4096)
        else:  # the healthy RHEL 8 host
            assert (figures["problem"], figures["failures"], figures["min_free_kbytes_recommended"]) == (False, 0, None)
    # Both workers took part (prefetch 1 spreads the queue).
    assert all(worker.started_sources() for worker in pair)


def test_embedded_runner_gives_the_same_records_as_the_distributed_run(distributed_run, fleet_archives, tmp_path):
    out, _, _ = distributed_run
    embedded = str(tmp_path / "embedded.jsonl")
    counts = run_fleet(fleet_archives, embedded, workers=4, timeout=60)
    assert counts == {"total": 50, "skipped": 0, "analysed": 50, "errors": 0}
    assert by_source(embedded) == by_source(out)


def test_worker_killed_mid_archive_is_redelivered_and_counted_once(rabbitmq, fleet_archives, workers, tmp_path, queue_prefix):
    folder = os.path.dirname(fleet_archives[0])
    batch = fleet_archives[:6]
    enqueue(batch, rabbitmq.url, Topology(queue_prefix))
    victim = Worker(rabbitmq.url, queue_prefix, folder, str(tmp_path / "victim.log"), command=slow_pagealloc_command(VICTIM_DELAY_S))
    workers.started.append(victim)
    # The worker forks its analysis child for its first archive and acknowledges
    # only after the result is published: a started source and a live child on a
    # fresh worker mean an unacknowledged archive (and this one needs 5 s more,
    # so the kill lands mid-archive).
    wait_for(lambda: victim.started_sources() and victim.children(), timeout=60,
             what="the worker to start an archive")
    victim.kill()
    in_flight = victim.started_sources()[-1]

    rescuer = workers(rabbitmq, queue_prefix, folder)
    out = str(tmp_path / "results.jsonl")
    stats = collect_all(rabbitmq, out, 6, Topology(queue_prefix), rescuer, timeout=60)
    assert sorted(by_source(out)) == sorted(batch)
    assert in_flight in stats.redelivered_sources


def test_an_archive_that_keeps_killing_workers_is_dead_lettered(rabbitmq, fleet_archives, workers, tmp_path, queue_prefix):
    folder = os.path.dirname(fleet_archives[0])
    topology = Topology(queue_prefix)
    enqueue(fleet_archives[:1], rabbitmq.url, topology)
    for round_ in range(2):  # two deliveries die with their worker (as an OOM kill would)
        victim = Worker(rabbitmq.url, queue_prefix, folder, str(tmp_path / ("victim%d.log" % round_)),
                        "--max-attempts", "2", command=slow_pagealloc_command(VICTIM_DELAY_S))
        workers.started.append(victim)
        wait_for(lambda: victim.started_sources() and victim.children(), timeout=60,  # noqa: B023
                 what="the worker to start the archive")
        victim.kill()
    survivor = workers(rabbitmq, queue_prefix, folder, 1, "--max-attempts", "2")
    out = str(tmp_path / "results.jsonl")
    collect_all(rabbitmq, out, 1, topology, survivor, timeout=60)
    reason = "abandoned after 2 analyses that ended without an answer (the worker died)"
    assert by_source(out)[fleet_archives[0]]["error"] == reason
    wait_for(lambda: rabbitmq.queue_depth(topology.dead_letter_queue) == 1, timeout=30, interval=0.05,
             what="the dead letter")
    ((body, headers),) = dead_letters(rabbitmq, queue_prefix)
    assert json.loads(body) == {"source": fleet_archives[0]} and headers["x-pagealloc-reason"] == reason
    assert survivor[0].started_sources() == []  # it never analysed the killer archive


def test_a_worker_kill_and_a_broker_restart_use_one_attempt_not_two(rabbitmq, fleet_archives, workers, tmp_path,
                                                                   queue_prefix):
    """Issue 16 item 7: only analyses that ran count.  A worker dies on the archive (a real attempt, 1 of
    2); the broker restarts while the next worker analyses it, which returns the message once more (the
    quorum queue's count: 2, the limit).  The restart cut an analysis that was not the archive's fault:
    the archive is analysed to the end, not dead-lettered as abandoned."""
    folder = os.path.dirname(fleet_archives[0])
    topology = Topology(queue_prefix)
    source = fleet_archives[0]
    enqueue([source], rabbitmq.url, topology)
    victim = Worker(rabbitmq.url, queue_prefix, folder, str(tmp_path / "victim.log"), "--max-attempts", "2",
                    command=slow_pagealloc_command(VICTIM_DELAY_S))
    workers.started.append(victim)
    wait_for(lambda: victim.started_sources() and victim.children(), timeout=60, what="the victim to start")
    victim.kill()
    second = Worker(rabbitmq.url, queue_prefix, folder, str(tmp_path / "second.log"), "--max-attempts", "2",
                    command=slow_pagealloc_command(3.0))
    workers.started.append(second)
    wait_for(lambda: second.started_sources() and second.children(), timeout=60, what="the second to start")
    rabbitmq.restart()
    out = str(tmp_path / "results.jsonl")
    collect_all(rabbitmq, out, 1, topology, [second], timeout=90)
    record = by_source(out)[source]
    assert record["error"] is None, record["error"] + "\n" + second.log()[-3000:]
    assert rabbitmq.queue_depth(topology.dead_letter_queue) == 0
    assert second.started_sources() == [source, source]  # cut by the restart, then analysed to the end


def test_broker_restart_mid_run_loses_nothing(rabbitmq, fleet_archives, workers, tmp_path, queue_prefix):
    folder = os.path.dirname(fleet_archives[0])
    batch = fleet_archives[:20]
    topology = Topology(queue_prefix)
    enqueue(batch, rabbitmq.url, topology)
    # 0.3 s more per archive: 20 archives keep 2 workers busy for 3 s or more.
    pair = [Worker(rabbitmq.url, queue_prefix, folder, str(tmp_path / ("w%d.log" % i)),
                   command=slow_pagealloc_command(0.3)) for i in range(2)]
    workers.started.extend(pair)
    wait_for(lambda: rabbitmq.queue_depth(topology.results_queue) >= 3, timeout=60, interval=0.05,
             what="the first results")
    assert rabbitmq.queue_depth(topology.work_queue) > 0, "the run was over before the restart"
    rabbitmq.restart()
    out = str(tmp_path / "results.jsonl")
    collect_all(rabbitmq, out, 20, topology, pair, timeout=90)
    assert sorted(by_source(out)) == sorted(batch)
    assert all(r["error"] is None for r in by_source(out).values())


def test_unanalysable_and_forbidden_archives_go_to_the_dead_letter_queue(rabbitmq, fleet_archives, workers, tmp_path, queue_prefix):
    allowed = tmp_path / "archives"
    allowed.mkdir()
    corrupt = allowed / "sosreport-corrupt.tar.gz"
    corrupt.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(4096))  # gzip magic, garbage after
    before = fingerprints(str(allowed))
    outside = fleet_archives[0]  # exists, but not under the worker's allowed root
    topology = Topology(queue_prefix)
    unreachable = "http://127.0.0.1:9/sosreport-gone.tar.xz"  # allowed prefix, nothing listens
    enqueue([str(corrupt), outside, unreachable], rabbitmq.url, topology)
    connection = pika.BlockingConnection(pika.URLParameters(rabbitmq.url))
    connection.channel().basic_publish("", topology.work_queue, b"not json", pika.BasicProperties(delivery_mode=2))
    connection.close()

    worker = workers(rabbitmq, queue_prefix, str(allowed), 1, "--allowed-url-prefix", "http://127.0.0.1:9/")
    out = str(tmp_path / "results.jsonl")
    collect_all(rabbitmq, out, 3, topology, worker, timeout=60)
    wait_for(lambda: rabbitmq.queue_depth(topology.dead_letter_queue) == 4, timeout=30, interval=0.05,
             what="four dead letters")
    reasons = {json.loads(body)["source"] if body.startswith(b"{") else body.decode(): headers["x-pagealloc-reason"]
               for body, headers in dead_letters(rabbitmq, queue_prefix)}
    assert "outside the allowed roots" in reasons[outside]
    assert reasons["not json"] == "work message is not JSON"
    assert reasons[unreachable].startswith("cannot download %s: " % unreachable)
    assert reasons[str(corrupt)].startswith(str(corrupt) + ": corrupt or truncated archive")
    # The collector still accounts for both archives, as errors with the same reason.
    records = by_source(out)
    assert records[str(corrupt)]["error"] == reasons[str(corrupt)]
    assert records[outside]["error"] == reasons[outside]
    # The worker never alters its input.
    assert fingerprints(str(allowed)) == before


def test_python_m_insights_messaging_with_the_shipped_config_runs_a_worker(rabbitmq, fleet_archives, tmp_path,
                                                                          queue_prefix, capsys):
    """The shipped YAML is a plain insights-core-messaging app; enqueue and collect through the CLI."""
    config = os.path.join(os.path.dirname(engine.__file__), "messaging.yaml")
    env = dict(os.environ, PAGEALLOC_BROKER_URL=rabbitmq.url, PAGEALLOC_QUEUE_PREFIX=queue_prefix,
               PAGEALLOC_ALLOWED_ROOTS=os.path.dirname(fleet_archives[0]))
    listing = tmp_path / "tonight.list"
    listing.write_text("# two hosts\n%s\n%s\n" % tuple(fleet_archives[:2]))
    common = ["--broker", rabbitmq.url, "--prefix", queue_prefix]
    assert main(["fleet", "enqueue", str(listing)] + common) == 0
    assert json.loads(capsys.readouterr().err.strip().splitlines()[-1]) == {"listed": 2, "enqueued": 2}
    with open(tmp_path / "worker.log", "wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "insights_messaging", config], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    try:
        out = str(tmp_path / "results.jsonl")
        db = str(tmp_path / "history.sqlite")  # the collector records the run in the same store as fleet run
        rc = main(["fleet", "collect", "--out", out, "--expect", "2", "--timeout", "60", "--db", db] + common)
        assert rc == 0, (tmp_path / "worker.log").read_text()[-3000:]
        assert sorted(by_source(out)) == sorted(fleet_archives[:2])
        with open_store(db) as store:
            (run,) = store.runs()
            assert (run["kind"], run["hosts"], run["errors"]) == ("collect", 2, 0)
        # Next night: both are in the results file, nothing is queued again.
        assert main(["fleet", "enqueue", str(listing), "--skip-done-in", out] + common) == 0
        assert json.loads(capsys.readouterr().err.strip().splitlines()[-1]) == {"listed": 2, "enqueued": 0}
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_slow_archive_keeps_the_connection_alive_with_heartbeats(rabbitmq, fleet_archives, tmp_path, queue_prefix):
    """With a 1 s heartbeat the broker drops a silent client after ~2 s; the analysis takes 5 s."""
    topology = Topology(queue_prefix)
    enqueue(fleet_archives[:1], rabbitmq.url, topology)
    log_path = tmp_path / "worker.log"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            slow_pagealloc_command() + ["fleet", "worker", "--broker", rabbitmq.url, "--prefix", queue_prefix,
             "--allowed-root", os.path.dirname(fleet_archives[0])],
            env=dict(os.environ, PAGEALLOC_HEARTBEAT="1"), stdout=log, stderr=subprocess.STDOUT)
    try:
        out = str(tmp_path / "results.jsonl")
        stats, complete = collect(rabbitmq.url, out, expect=1, timeout=60, topology=topology)
        assert complete, log_path.read_text()[-3000:]
    finally:
        process.terminate()
        process.wait(timeout=30)
    log = log_path.read_text()
    assert "connection lost" not in log
    assert log.count(" start ") == 1 and stats.redelivered_sources == []
