"""
A report file is written whole or not at all (``pagealloc.cli.output_file``): a file size limit
(``ulimit -f``: a full disk without needing one), a stop signal in the middle of the write, or two runs
writing the same ``--output`` never leave a truncated report, and a report that was there stays until
a complete one replaces it.  Before, ``ulimit -f 8`` left the first 8 KiB of an HTML report over the
previous one (exit 2), and the work area's own "File too large" was blamed on the log ("corrupt or
truncated text log").
"""

import os
import resource
import signal
import subprocess
import sys

from tests.archive_factory import seed_dmesg
from tests.cli.triage_helpers import BIN, assert_one_line_error, run_triage

KIB = 1024


def limited_to(kib):
    """A child's file size limit (``ulimit -f``); Python ignores SIGXFSZ, so writes fail with EFBIG."""
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (kib * KIB, kib * KIB))


def leftovers(folder, keep):
    return sorted(set(os.listdir(folder)) - set(keep))


def test_a_report_larger_than_the_file_size_limit_leaves_the_previous_report(tmp_path):
    log = tmp_path / "dmesg.log"
    log.write_text(seed_dmesg())  # 7 KiB: its copy in the work area fits under the limit
    out = tmp_path / "report.html"
    out.write_text("the previous report\n")
    line = assert_one_line_error(run_triage(log, "--format", "html", "--output", out, preexec_fn=limited_to(8)))
    assert line == "pagealloc triage: cannot write %s: File too large" % out
    assert out.read_text() == "the previous report\n"
    assert leftovers(tmp_path, ["dmesg.log", "report.html"]) == []


def test_a_work_area_over_the_file_size_limit_is_not_blamed_on_the_input(tmp_path):
    log = tmp_path / "dmesg.log"
    log.write_text(seed_dmesg() * 4)
    line = assert_one_line_error(run_triage(log, preexec_fn=limited_to(8)))
    assert line.startswith("pagealloc triage: %s: cannot unpack into the work area" % log), line
    assert "File too large" in line and "corrupt" not in line


def test_fleet_report_output_over_the_limit_leaves_nothing_half_written(tmp_path):
    results = tmp_path / "results.jsonl"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "dmesg.log").write_text(seed_dmesg())
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "fleet", "run", str(tmp_path / "in"), "--out",
                                str(results), "--workers", "1"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    out = tmp_path / "fleet.html"
    out.write_text("last night's report\n")
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "fleet", "report", str(results), "--format", "html",
                                "--output", str(out)], capture_output=True, text=True, timeout=120,
                               preexec_fn=limited_to(4))
    assert completed.returncode == 2 and "File too large" in completed.stderr, completed.stderr
    assert out.read_text() == "last night's report\n"
    assert leftovers(tmp_path, ["in", "results.jsonl", "fleet.html"]) == []


STOPPED_BEFORE_THE_RENAME = """
import os, signal, sys
os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)  # the report is written, not yet in place
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_stop_signal_during_the_write_leaves_the_previous_report_and_no_partial_file(tmp_path):
    log = tmp_path / "dmesg.log"
    log.write_text(seed_dmesg())
    out = tmp_path / "report.txt"
    out.write_text("the previous report\n")
    completed = subprocess.run([sys.executable, "-c", STOPPED_BEFORE_THE_RENAME, "triage", str(log), "--output",
                                str(out)], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 128 + signal.SIGTERM, completed.stderr
    assert "Traceback" not in completed.stderr
    assert out.read_text() == "the previous report\n"
    assert leftovers(tmp_path, ["dmesg.log", "report.txt"]) == []


def test_two_runs_writing_the_same_output_leave_one_whole_report(tmp_path):
    log = tmp_path / "dmesg.log"
    log.write_text(seed_dmesg() * 40)
    out = tmp_path / "report.html"
    alone = run_triage(log, "--format", "html").stdout
    runs = [subprocess.Popen([os.path.join(BIN, "pagealloc"), "triage", str(log), "--format", "html", "--output",
                              str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    for run in runs:
        run.communicate(timeout=120)
        assert run.returncode == 1
    assert out.read_text() == alone
    assert leftovers(tmp_path, ["dmesg.log", "report.html"]) == []


def test_output_to_a_link_replaces_its_file_and_keeps_the_link_and_the_mode(tmp_path):
    log = tmp_path / "dmesg.log"
    log.write_text(seed_dmesg())
    real = tmp_path / "reports" / "today.txt"
    real.parent.mkdir()
    real.write_text("old\n")
    os.chmod(real, 0o640)
    link = tmp_path / "latest.txt"
    os.symlink(real, link)
    assert run_triage(log, "--output", link).returncode == 1
    assert os.path.islink(link) and real.read_text().startswith("Network receive ran out")
    assert oct(os.stat(real).st_mode & 0o777) == oct(0o640)
    assert run_triage(log, "--output", "/dev/null").returncode == 1  # not a regular file: written to as it is


def test_output_to_a_dangling_link_creates_its_target_as_before(tmp_path):
    log = tmp_path / "dmesg.log"
    log.write_text(seed_dmesg())
    link = tmp_path / "latest.txt"
    os.symlink(tmp_path / "reports-today.txt", link)
    assert run_triage(log, "--output", link).returncode == 1
    assert os.path.islink(link) and (tmp_path / "reports-today.txt").read_text().startswith("Network receive")
