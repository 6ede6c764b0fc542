"""
A stop signal (Ctrl-C, SIGTERM, a closed terminal's SIGHUP) at the phases of the fleet commands that
write something: one line, exit 128 + the signal, and nothing half written.

Before: ``fleet report --output`` stopped by SIGTERM or SIGHUP while writing left its hidden
``.report.html.PID.RANDOM.partial`` beside the report, and Ctrl-C ended it with a KeyboardInterrupt
traceback; Ctrl-C while ``fleet run --db`` or ``fleet record`` wrote the history was a traceback, and
SIGTERM/SIGHUP ended them without a word (the run silently not recorded).

Each phase is reached deterministically (a hook in the child, no timing), and the child starts with the
default SIGHUP action whatever the test runner inherited (``nohup`` makes it ignored, and an ignored
SIGHUP stays ignored by design).
"""

import os
import signal
import subprocess
import sys

import pytest

from tests.archive_factory import seed_dmesg

SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]

# the signal arrives while the report's bytes are flushed to disk, before the rename
DURING_THE_WRITE = """
import os, sys
real = os.fsync
def fsync(fd):
    os.kill(os.getpid(), int(os.environ["STOP_SIGNAL"]))
    return real(fd)
os.fsync = fsync
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""

# the signal arrives as the history is about to be written
WHILE_RECORDING = """
import os, sys
import pagealloc.fleet.history as history
real = history.record_results
def record_results(*args, **kwargs):
    os.kill(os.getpid(), int(os.environ["STOP_SIGNAL"]))
    return real(*args, **kwargs)
history.record_results = record_results
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def default_hangup():
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


def run(script, signum, *args):
    return subprocess.run([sys.executable, "-c", script] + [str(a) for a in args], capture_output=True, text=True,
                          timeout=180, env=dict(os.environ, STOP_SIGNAL=str(int(signum))), preexec_fn=default_hangup)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fleet")
    (folder / "in").mkdir()
    (folder / "in" / "web1.log").write_text(seed_dmesg())
    out = folder / "r.jsonl"
    completed = subprocess.run([sys.executable, "-c", "import sys; from pagealloc.cli import main; sys.exit(main())",
                                "fleet", "run", str(folder / "in"), "--out", str(out)], capture_output=True, text=True,
                               timeout=180)
    assert completed.returncode == 0, completed.stderr
    return folder


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_fleet_report_output_stopped_mid_write_leaves_the_old_report_and_no_partial(tmp_path, results, signum):
    report = tmp_path / "report.html"
    report.write_text("yesterday's report\n")
    completed = run(DURING_THE_WRITE, signum, "fleet", "report", results / "r.jsonl", "--format", "html",
                    "--output", report)
    assert completed.returncode == 128 + signum and "Traceback" not in completed.stderr, completed.stderr
    assert os.listdir(tmp_path) == ["report.html"] and report.read_text() == "yesterday's report\n"


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_fleet_run_stopped_while_recording_says_the_run_is_not_recorded(tmp_path, results, signum):
    out, db = tmp_path / "r.jsonl", tmp_path / "h.sqlite"
    completed = run(WHILE_RECORDING, signum, "fleet", "run", results / "in", "--out", out, "--db", db)
    assert completed.returncode == 128 + signum and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip().splitlines()[-1] == (
        "pagealloc fleet: interrupted while the run was recorded in %s: not recorded; the results are in %s "
        "('pagealloc fleet record' records them)" % (db, out))


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_fleet_record_stopped_says_so(tmp_path, results, signum):
    completed = run(WHILE_RECORDING, signum, "fleet", "record", results / "r.jsonl", "--db", tmp_path / "h.sqlite")
    assert completed.returncode == 128 + signum and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip() == "pagealloc fleet: interrupted: %s not recorded" % (results / "r.jsonl")
