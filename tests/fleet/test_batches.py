"""
Batches (issue 19 item 4): one child analyses several archives, each with its
own deadline; a crash or a missed deadline costs that archive alone (the rest
of the batch is analysed one archive per child); the work areas go to a
tmpfs when one has room, and back to the temp folder when it fills up.
"""

import doctest
import errno
import os
import tempfile
import time

import pytest

import pagealloc.evaluate
from pagealloc.errors import InputError
from pagealloc.fleet import isolated, workarea
from pagealloc.fleet.jsonl import read_records
from pagealloc.fleet.runner import run_fleet
from tests.fleet.archives import make_archives


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    return make_archives(str(tmp_path_factory.mktemp("batch")), 6)


def records(out):
    return {r["source"]: r for r in read_records(out)}


def spy(monkeypatch, tmp_path, behave=None):
    """Patch the analysis (children are forked: they run the patch) to note which process analysed what."""
    real = pagealloc.evaluate.evaluate_path
    notes = tmp_path / "pids"

    def noted(path, **kwargs):
        with open(notes, "a") as handle:
            handle.write("%s %d %s\n" % (path, os.getpid(), tempfile.gettempdir()))
        if behave is not None:
            behave(path)
        return real(path, **kwargs)

    monkeypatch.setattr(pagealloc.evaluate, "evaluate_path", noted)

    def seen():
        lines = [line.split(" ") for line in notes.read_text().splitlines()]
        return [(path, int(pid), tmp) for path, pid, tmp in lines]

    return seen


def test_one_child_analyses_a_batch_and_the_workers_share_the_list(archives, tmp_path, monkeypatch):
    seen = spy(monkeypatch, tmp_path)
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(archives, out, workers=2, timeout=60, batch_size=16)["errors"] == 0
    pids = [pid for _, pid, _ in seen()]
    # 6 archives, 2 workers, up to 16 per child: two children share the list, fed as they answer
    assert len(set(pids)) == 2 and len(pids) == 6
    assert all(r["error"] is None for r in records(out).values()) and len(records(out)) == 6


def test_a_slow_archive_holds_no_other_archive_while_the_other_worker_is_free(archives, tmp_path, monkeypatch):
    # The first archive takes 3 s, the others about 40 ms.  Fixed batches of half the list (3 + 3)
    # left 2 archives waiting behind the slow one; fed as they answer, its child holds at most the
    # one archive that waits in its pipe, and the other worker does the rest.
    seen = spy(monkeypatch, tmp_path, lambda path: time.sleep(3) if path == archives[0] else None)
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(archives, out, workers=2, timeout=60, batch_size=16)["errors"] == 0
    by_pid = {}
    for path, pid, _ in seen():
        by_pid.setdefault(pid, []).append(path)
    (slow_child,) = [paths for paths in by_pid.values() if archives[0] in paths]
    assert len(slow_child) <= 2, slow_child
    assert len(records(out)) == 6 and sum(map(len, by_pid.values())) == 6


def test_batches_write_the_same_records_as_one_child_per_archive(archives, tmp_path):
    one, batched = str(tmp_path / "one.jsonl"), str(tmp_path / "batched.jsonl")
    run_fleet(archives, one, workers=2, timeout=60, batch_size=1)
    run_fleet(archives, batched, workers=1, timeout=60, batch_size=16)
    assert records(one) == records(batched)


def test_a_crash_mid_batch_costs_that_archive_alone_and_the_rest_runs_one_per_child(archives, tmp_path, monkeypatch):
    def dies_on_the_second(path):
        if path == archives[1]:
            os._exit(70)  # as if killed: no answer at all

    seen = spy(monkeypatch, tmp_path, dies_on_the_second)
    out = str(tmp_path / "r.jsonl")
    counts = run_fleet(archives[:4], out, workers=1, timeout=60, batch_size=4)
    assert counts == {"total": 4, "skipped": 0, "analysed": 4, "errors": 1}
    found = records(out)
    assert found[archives[1]]["error"] == "analysis process died (exit code 70) on %s" % archives[1]
    assert [found[a]["error"] for a in (archives[0], archives[2], archives[3])] == [None] * 3
    order = [(path, pid) for path, pid, _ in seen()]
    batch_pid = order[0][1]
    assert order[:2] == [(archives[0], batch_pid), (archives[1], batch_pid)]
    # then alone, each in a child of its own: the crashing archive again, and the two never started
    assert [path for path, _ in order[2:]] == [archives[1], archives[2], archives[3]]
    assert len({pid for _, pid in order[2:]} | {batch_pid}) == 4


def test_a_missed_deadline_mid_batch_stops_that_archive_and_the_rest_runs(archives, tmp_path, monkeypatch):
    def hangs_on_the_first(path):
        if path == archives[0]:
            time.sleep(3600)

    spy(monkeypatch, tmp_path, hangs_on_the_first)
    out = str(tmp_path / "r.jsonl")
    started = time.monotonic()
    counts = run_fleet(archives[:3], out, workers=1, timeout=2, batch_size=3)
    assert time.monotonic() - started < 30
    assert counts["errors"] == 1 and counts["analysed"] == 3
    found = records(out)
    assert found[archives[0]]["error"] == "analysis exceeded 2 s and was stopped"
    assert found[archives[1]]["error"] is None and found[archives[2]]["error"] is None


def test_each_archive_of_a_batch_has_its_own_deadline(archives, tmp_path, monkeypatch):
    """Three archives of 1.2 s each in one child, a 3 s deadline: 3.6 s in all, none stopped (a deadline per
    batch would stop the third; 1.8 s to spare for each archive's own work on a loaded machine)."""
    spy(monkeypatch, tmp_path, lambda path: time.sleep(1.2))
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(archives[:3], out, workers=1, timeout=3, batch_size=3)["errors"] == 0


def test_work_areas_go_under_the_work_root(archives, tmp_path, monkeypatch):
    root = tmp_path / "fast"
    root.mkdir()
    seen = spy(monkeypatch, tmp_path)
    assert run_fleet(archives[:2], str(tmp_path / "r.jsonl"), workers=1, timeout=60, work_root=str(root))["errors"] == 0
    assert {os.path.dirname(tmp) for _, _, tmp in seen()} == {str(root)}  # in the run's own folder there
    assert os.listdir(root) == []  # every work area removed, and the run's folder


def test_an_archive_that_fills_the_work_root_is_analysed_again_in_the_temp_folder(archives, tmp_path, monkeypatch):
    root = str(tmp_path / "small-tmpfs")
    os.mkdir(root)

    def full_on_the_fast_root(path):
        if os.path.dirname(tempfile.gettempdir()) == root:  # the run's folder on the fast root
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError as exc:
                raise InputError("%s: cannot unpack into the work area under $TMPDIR (No space left on device)"
                                 % path) from exc

    seen = spy(monkeypatch, tmp_path, full_on_the_fast_root)
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(archives[:1], out, workers=1, timeout=60, work_root=root)["errors"] == 0
    assert [os.path.dirname(tmp) for _, _, tmp in seen()] == [root, tempfile.gettempdir()]


def test_a_bad_archive_is_not_analysed_twice_for_a_work_root(archives, tmp_path, monkeypatch):
    def corrupt(path):
        raise InputError("%s: corrupt or truncated archive (bad gzip)" % path)

    seen = spy(monkeypatch, tmp_path, corrupt)
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(archives[:1], out, workers=1, timeout=60, work_root=str(tmp_path))["errors"] == 1
    assert len(seen()) == 1


def test_doc_examples():
    for module in (workarea, isolated):
        assert doctest.testmod(module)[0] == 0, module.__name__


def test_a_tmpfs_is_chosen_only_when_nothing_else_was_asked_for_and_it_has_room(tmp_path):
    mounts = {"/": "ext4", str(tmp_path): "tmpfs"}
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    # The mount table is given, not read: the answer does not depend on this machine's /tmp.
    assert workarea.fast_work_root(2, env, mounts) == str(tmp_path)
    assert workarea.fast_work_root(2, dict(env, TMPDIR="/var/tmp"), mounts) is None  # the user chose
    assert workarea.fast_work_root(2, env, {"/": "ext4"}) is None  # not a tmpfs
    room = workarea.free_bytes(str(tmp_path))
    assert workarea.fast_work_root(room // workarea.ROOM_PER_WORKER + 1, env, mounts) is None  # no room
    assert workarea.fast_work_root(2, env, {"/": "tmpfs"}) is None  # the temp folder is in memory already


def test_after_an_internal_error_the_batch_child_is_not_trusted_with_the_rest(archives, tmp_path, monkeypatch):
    def raises_on_the_first(path):
        if path == archives[0]:
            raise RuntimeError("a component's bug")

    seen = spy(monkeypatch, tmp_path, raises_on_the_first)
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(archives[:3], out, workers=1, timeout=60, batch_size=3)["errors"] == 1
    assert records(out)[archives[0]]["error"] == "RuntimeError: a component's bug"
    pids = [pid for _, pid, _ in seen()]
    assert len(set(pids)) == 3  # the rest ran, each in a child of its own


# -- the RabbitMQ worker's child: one archive at a time, kept for several -------------------------


def test_a_reusable_child_serves_up_to_its_limit_then_a_new_one(archives, tmp_path, monkeypatch):
    seen = spy(monkeypatch, tmp_path)
    analyser = isolated.Reusable(timeout=60, limit=2)
    try:
        results = [analyser.evaluate(path) for path in archives[:3]]
    finally:
        analyser.close()
    assert [r["source"] for r in results] == archives[:3]
    pids = [pid for _, pid, _ in seen()]
    assert pids[0] == pids[1] != pids[2]


def test_a_reusable_child_that_dies_misses_its_deadline_or_raises_is_replaced(archives, tmp_path, monkeypatch):
    def behave(path):
        if path == archives[0]:
            os._exit(70)
        if path == archives[1]:
            time.sleep(3600)
        if path == archives[2]:
            raise MemoryError("endless file")

    seen = spy(monkeypatch, tmp_path, behave)
    analyser = isolated.Reusable(timeout=2, limit=16)
    try:
        with pytest.raises(isolated.ChildDied, match="exit code 70"):
            analyser.evaluate(archives[0])
        started = time.monotonic()
        with pytest.raises(isolated.ArchiveTimeout):
            analyser.evaluate(archives[1])
        assert time.monotonic() - started < 10
        with pytest.raises(isolated.ChildCrashed, match="MemoryError: endless file"):
            analyser.evaluate(archives[2])
        assert analyser.evaluate(archives[3])["source"] == archives[3]
        assert analyser.evaluate(archives[4])["source"] == archives[4]
    finally:
        analyser.close()
    pids = [pid for _, pid, _ in seen()]
    assert len(set(pids[:4])) == 4 and pids[3] == pids[4]  # a new child after each failure, then kept


def test_an_idle_reusable_child_ends_with_its_parent(archives, tmp_path):
    """A worker SIGKILLed between messages leaves no child behind: the child sees the end of its input."""
    import subprocess
    import sys

    script = ("import sys, os, time\n"
              "from pagealloc.fleet.isolated import Reusable, warm_up\n"
              "warm_up(); analyser = Reusable(timeout=60)\n"
              "analyser.evaluate(sys.argv[1]); print(analyser.pid, flush=True); time.sleep(3600)\n")
    parent = subprocess.Popen([sys.executable, "-c", script, archives[0]], stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and os.path.exists("/proc/%d" % child):
        with open("/proc/%d/stat" % child) as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                break  # exited, waiting for init to reap it
        time.sleep(0.05)
    else:
        assert not os.path.exists("/proc/%d" % child), "the idle child outlived its parent"


def test_a_second_stop_signal_does_not_cut_the_clean_up_of_the_first():
    """A closed terminal sends SIGHUP to the whole group and the parent then sends SIGTERM: in a
    child, the second signal must not raise again inside the clean-up the first one started."""
    import signal

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: handlers as _serve installs them
        os.close(read_end)
        try:
            for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                signal.signal(signum, isolated._stop)
            try:
                os.kill(os.getpid(), signal.SIGHUP)
                time.sleep(5)
            finally:  # the work area's removal
                os.kill(os.getpid(), signal.SIGTERM)
                os.write(write_end, b"cleaned")
        except SystemExit as stop:
            os.write(write_end, b" %d" % stop.code)
        finally:
            os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as child:
        assert child.read() == b"cleaned %d" % (128 + signal.SIGHUP)
