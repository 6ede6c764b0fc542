"""
The workers' attempt ledger (issue 16 item 7) on both stores, and the
consumer's use of it without a broker: what counts as an attempt, what does
not, and what happens when the ledger's database is gone.
"""

import doctest
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.errors import InputError
from pagealloc.fleet import attempts
from pagealloc.fleet.attempts import AttemptLedger, LedgerUnavailable, default_ledger_path
from pagealloc.fleet.consumer import RabbitMQConsumer
from pagealloc.fleet.store import open_store
from tests.fleet.workers import pagealloc_command


def test_doc_examples():
    assert doctest.testmod(attempts, optionflags=doctest.ELLIPSIS)[0] == 0


def test_attempts_are_counted_per_queue_and_source_and_end_when_forgotten(store_target):
    first = AttemptLedger(store_target, "a.archives", "host:1")
    other_queue = AttemptLedger(store_target, "b.archives", "host:2")
    try:
        assert [first.begin("/srv/x.tar.xz", 3) for _ in range(4)] == [1, 2, 3, None]
        assert other_queue.begin("/srv/x.tar.xz", 3) == 1  # another fleet's queue: its own count
        assert first.begin("/srv/y.tar.xz", 3) == 1
        first.undo("/srv/x.tar.xz")  # cut by the broker: not an attempt
        assert first.started("/srv/x.tar.xz") == 2
        assert first.begin("/srv/x.tar.xz", 3) == 3
        first.forget("/srv/x.tar.xz")
        assert first.started("/srv/x.tar.xz") == 0 and first.started("/srv/y.tar.xz") == 1
        first.undo("/srv/never-started.tar.xz")  # nothing to take back: no row, no negative count
        assert first.started("/srv/never-started.tar.xz") == 0
    finally:
        first.close()
        other_queue.close()


def test_a_long_or_non_utf8_source_is_a_key_like_any_other(store_target):
    ledger = AttemptLedger(store_target, "q.archives", "w")
    try:
        for source in ("/" + "p" * 5000, "/srv/caf\udce9.tar.xz"):
            assert ledger.begin(source, 2) == 1 and ledger.begin(source, 2) == 2 and ledger.begin(source, 2) is None
    finally:
        ledger.close()


def _begin_many(target, count, results):
    ledger = AttemptLedger(target, "q.archives", "worker")
    results.put([ledger.begin("/srv/contended.tar.xz", 1000) for _ in range(count)])
    ledger.close()


def test_workers_beginning_at_once_never_share_an_attempt_number(store_target):
    """Each begin is one transaction: four processes, 25 begins each, numbers 1..100 once each."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    processes = [context.Process(target=_begin_many, args=(store_target, 25, results)) for _ in range(4)]
    for process in processes:
        process.start()
    numbers = sorted(n for _ in processes for n in results.get(timeout=120))
    for process in processes:
        process.join(30)
    assert numbers == list(range(1, 101))


def test_the_history_store_keeps_its_runs_when_the_ledger_table_is_added(tmp_path):
    """A version-1 history (before the ledger) migrates to the current version with its rows."""
    target = str(tmp_path / "history.sqlite")
    connection = sqlite3.connect(target)
    connection.executescript("CREATE TABLE pagealloc_schema (version INTEGER NOT NULL); INSERT INTO pagealloc_schema VALUES (0);")
    connection.close()
    from pagealloc.fleet.store import schema

    connection = sqlite3.connect(target)  # a version-1 store, as the code of that time made it
    for statement in schema.statements(1, "sqlite"):
        connection.execute(statement)
    connection.execute("UPDATE pagealloc_schema SET version = 1")
    connection.execute("INSERT INTO fleet_runs (started_at, kind, archives, errors, hosts, pagealloc_version) "
                       "VALUES ('2026-11-24T02:30:00Z', 'run', 1, 0, 1, 'old')")
    connection.commit()
    connection.close()
    ledger = AttemptLedger(target, "q.archives", "w")
    assert ledger.begin("/srv/a.tar.xz", 3) == 1
    ledger.close()
    with open_store(target) as store:
        assert [run["pagealloc_version"] for run in store.runs()] == ["old"]


def test_the_default_ledger_is_in_the_state_directory(tmp_path):
    assert default_ledger_path({"STATE_DIRECTORY": str(tmp_path / "s")}) == str(tmp_path / "s" / "attempts.sqlite")
    assert default_ledger_path({"XDG_STATE_HOME": str(tmp_path / "x")}) == str(tmp_path / "x" / "pagealloc" / "attempts.sqlite")
    assert (tmp_path / "x" / "pagealloc").is_dir()


# -- the consumer's decisions, with a recording channel --------------------------------------------


class Method:
    def __init__(self, tag, redelivered=False):
        self.delivery_tag = tag
        self.redelivered = redelivered


class Properties:
    def __init__(self, returns=0):
        self.headers = {"x-delivery-count": returns} if returns else {}


class Channel:
    def __init__(self):
        self.calls = []

    def basic_ack(self, tag):
        self.calls.append(("ack", tag))

    def basic_nack(self, tag, requeue=True):
        self.calls.append(("nack", tag, requeue))


class Publisher:
    def __init__(self):
        self.dead = []

    def dead_letter(self, input_msg, body, reason):
        self.dead.append(reason)

    def publish(self, input_msg, response):
        pass

    def error(self, input_msg, ex):
        pass


class BrokerLost(ConnectionError):
    pass


def consumer_with(tmp_path, outcomes, max_attempts=2):
    """A consumer whose analyses play ``outcomes`` in turn: None (answered) or an exception to raise."""
    consumer = RabbitMQConsumer(Publisher(), None, None, max_attempts=max_attempts)
    consumer.channel = Channel()
    consumer.ledger = AttemptLedger(str(tmp_path / "attempts.sqlite"), consumer.topology.work_queue, "test:1")
    plays = iter(outcomes)

    def process(input_msg):
        outcome = next(plays)
        if outcome is not None:
            raise outcome

    consumer.process = process
    return consumer


def deliver(consumer, tag, returns=0):
    consumer._on_message(consumer.channel, Method(tag, redelivered=returns > 0), Properties(returns),
                         b'{"source": "/srv/a.tar.xz"}')


def test_a_broker_cut_is_not_an_attempt_a_dead_worker_is(tmp_path):
    consumer = consumer_with(tmp_path, [BrokerLost("restart"), BrokerLost("restart"), None])
    with pytest.raises(ConnectionError):
        deliver(consumer, 1)
    with pytest.raises(ConnectionError):
        deliver(consumer, 2, returns=1)
    assert consumer.ledger.started("/srv/a.tar.xz") == 0
    consumer.ledger.begin("/srv/a.tar.xz", 2)  # a worker that died mid-analysis left its attempt
    deliver(consumer, 3, returns=3)  # the broker counted 3 returns, over --max-attempts 2: analysed anyway
    assert consumer.channel.calls == [("ack", 3)] and consumer.publisher.dead == []
    assert consumer.ledger.started("/srv/a.tar.xz") == 0  # answered: forgotten


def test_max_attempts_dead_worker_analyses_give_up_without_another(tmp_path):
    consumer = consumer_with(tmp_path, [])  # an analysis would raise StopIteration: none may start
    for _ in range(2):
        consumer.ledger.begin("/srv/a.tar.xz", 2)
    deliver(consumer, 5, returns=2)
    assert consumer.publisher.dead == ["abandoned after 2 analyses that ended without an answer (the worker died)"]
    assert consumer.channel.calls == [("ack", 5)]
    assert consumer.ledger.started("/srv/a.tar.xz") == 0  # given up: enqueued again, it starts afresh


def test_failed_analyses_count_and_the_last_one_gives_up(tmp_path):
    consumer = consumer_with(tmp_path, [RuntimeError("boom 1"), RuntimeError("boom 2")])
    deliver(consumer, 1)
    deliver(consumer, 2, returns=1)
    assert consumer.channel.calls == [("nack", 1, True), ("ack", 2)]
    assert consumer.publisher.dead == ["failed 2 times, last: boom 2"]


def test_without_its_database_the_ledger_falls_back_to_the_brokers_count(tmp_path):
    consumer = consumer_with(tmp_path, [None])
    consumer.ledger.close()
    consumer.ledger.target = str(tmp_path / "gone" / "attempts.sqlite")  # its folder is gone
    deliver(consumer, 1, returns=1)  # 2nd delivery of 2 allowed: analysed
    deliver(consumer, 2, returns=2)  # 3rd: given up on the broker's count
    assert consumer.channel.calls == [("ack", 1), ("ack", 2)]
    assert consumer.publisher.dead == ["abandoned after 2 analyses that ended without an answer (the worker died)"]
    with pytest.raises(LedgerUnavailable):
        consumer.ledger.started("/srv/a.tar.xz")


def test_a_ledger_that_cannot_be_opened_stops_the_worker_with_one_line(tmp_path):
    with pytest.raises(InputError):
        AttemptLedger(str(tmp_path / "missing" / "attempts.sqlite"), "q", "w")
    done = subprocess.run(pagealloc_command() + [
        "fleet", "worker", "--broker", "amqp://guest:guest@127.0.0.1:9/%2F", "--allowed-root", str(tmp_path),
        "--attempts-db", str(tmp_path / "missing" / "attempts.sqlite")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "no such directory" in done.stderr and "Traceback" not in done.stderr


class WorkerKilled(BaseException):
    """What the ledger sees of a SIGKILL mid-analysis: nothing after ``begin`` runs (no ack, no undo)."""


OUTCOMES = {"answered": None, "died": WorkerKilled, "cut": BrokerLost, "failed": RuntimeError}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(sorted(OUTCOMES)), min_size=1, max_size=12), st.integers(1, 5))
def test_an_archive_is_given_up_exactly_when_max_attempts_analyses_ran_without_an_answer(outcomes, max_attempts):
    """Any order of answers, worker deaths, broker cuts (restarts) and failures: the consumer gives up
    only once ``max_attempts`` analyses ran without an answer, whatever the broker's return count."""
    folder = tempfile.mkdtemp(prefix="pagealloc-ledger-")
    consumer = consumer_with_outcomes(folder, outcomes, max_attempts)
    ran, returns, tag = 0, 0, 0
    try:
        for outcome in outcomes:
            tag += 1
            if ran >= max_attempts:  # expected: given up without a new analysis
                deliver(consumer, tag, returns)
                assert consumer.publisher.dead[-1].startswith("abandoned after %d analyses" % max_attempts)
                return
            expected_error = OUTCOMES[outcome]
            if expected_error in (WorkerKilled, BrokerLost):
                with pytest.raises(expected_error):
                    deliver(consumer, tag, returns)
            else:
                deliver(consumer, tag, returns)
            if outcome == "answered":
                assert consumer.channel.calls[-1] == ("ack", tag) and consumer.publisher.dead == []
                assert consumer.ledger.started("/srv/a.tar.xz") == 0
                return
            returns += 1
            ran += outcome in ("died", "failed")
            if outcome == "failed" and ran >= max_attempts:
                assert consumer.publisher.dead == ["failed %d times, last: boom" % ran]
                return
            assert consumer.publisher.dead == []  # never given up early, however many returns
            assert consumer.ledger.started("/srv/a.tar.xz") == ran
    finally:
        consumer.ledger.close()
        shutil.rmtree(folder, ignore_errors=True)


def consumer_with_outcomes(folder, outcomes, max_attempts):
    plays = [None if OUTCOMES[o] is None else OUTCOMES[o]("boom") for o in outcomes]
    consumer = RabbitMQConsumer(Publisher(), None, None, max_attempts=max_attempts)
    consumer.channel = Channel()
    consumer.ledger = AttemptLedger(os.path.join(folder, "attempts.sqlite"), consumer.topology.work_queue, "t:1")
    remaining = iter(plays)

    def process(input_msg):
        outcome = next(remaining)
        if outcome is not None:
            raise outcome

    consumer.process = process
    return consumer
