"""
``fleet run`` asked to stop a second time while its children get their grace period (Ctrl-C twice,
SIGTERM twice) stops at once: the children are killed, their work areas (inside the run's own folder)
removed, one line says so, and the exit code is 128 + the second signal.

Before, every stop request after the first was a no-op: the run waited out the 5 s grace period of
children that do not answer SIGTERM (a long call in C), then SIGKILLed them, and their work areas
stayed in $TMPDIR.  The signals are sent with ``send_signal`` to the parent alone; nothing here depends
on how the test runner was started (``nohup`` or not).
"""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.archive_factory import seed_dmesg

# Each child makes its work area as an analysis does, then neither SIGTERM nor SIGINT reaches it.
DEAF_ANALYSIS = """
import os, signal, sys, time
import pagealloc.evaluate as evaluate
from pagealloc.archive.workdir import private_workdir
def deaf(path, **kwargs):
    with private_workdir() as work:
        open(os.path.join(work, "member"), "w").write("x" * 4096)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
        os.write(1, b"analysing %d\\n" % os.getpid())  # one write: two children's lines never interleave
        time.sleep(60)
evaluate.evaluate_path = deaf
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("first,second", [(signal.SIGINT, signal.SIGINT), (signal.SIGTERM, signal.SIGTERM),
                                          (signal.SIGHUP, signal.SIGTERM)], ids=["int-int", "term-term", "hup-term"])
def test_a_second_stop_signal_stops_fleet_run_at_once(tmp_path, first, second):
    folder, work = tmp_path / "in", tmp_path / "tmp"
    folder.mkdir()
    work.mkdir()
    for index in range(2):
        (folder / ("web%d.log" % index)).write_text(seed_dmesg())
    out = tmp_path / "r.jsonl"
    process = subprocess.Popen([sys.executable, "-c", DEAF_ANALYSIS, "fleet", "run", str(folder), "--out", str(out),
                                "--workers", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, TMPDIR=str(work)), start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))  # even under nohup
    try:
        pids = []
        for line in process.stdout:  # blocks until each child has made its work area
            assert line.startswith("analysing "), repr(line)
            pids.append(int(line.split()[1]))
            if len(pids) == 2:
                break
        assert len(pids) == 2, process.communicate(timeout=60)
        process.send_signal(first)
        time.sleep(0.5)  # the parent is in its grace period now (5 s)
        asked = time.monotonic()
        process.send_signal(second)
        _, stderr = process.communicate(timeout=60)
        took = time.monotonic() - asked
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + second, stderr
    assert took < 3.0, took  # not the 4.5 s left of the grace period
    assert not any(alive(pid) for pid in pids)
    assert os.listdir(work) == [], "work areas left in TMPDIR"
    lines = stderr.strip().splitlines()
    assert lines[-1] == ("pagealloc fleet: stopped at once on a second stop signal (%d): the analyses were killed "
                         "and their work areas removed; finished archives are in %s, run again to resume"
                         % (second, out)), stderr
    assert "Traceback" not in stderr
