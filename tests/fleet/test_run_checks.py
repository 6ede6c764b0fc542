"""
``pagealloc fleet run`` refuses what it cannot do with one line and exit 2
(issue 16 item 7): a results path that is missing, a folder or a device, a
disk that fills up, a results file another run holds; an archive named
instead of a list file is analysed as the one source; an unreadable input is
"cannot read", never an internal error.
"""

import errno
import fcntl
import json
import os
import subprocess
import tempfile

import pytest

from pagealloc.cli import main
from pagealloc.fleet import jsonl
from pagealloc.fleet.jsonl import read_records
from tests.fleet.archives import make_archives
from tests.fleet.workers import pagealloc_command


@pytest.fixture(scope="module")
def two_archives(tmp_path_factory):
    return make_archives(str(tmp_path_factory.mktemp("two")), 2)


def fleet_run(*args, timeout=180):
    completed = subprocess.run(pagealloc_command() + ["fleet", "run"] + list(map(str, args)),
                               capture_output=True, text=True, timeout=timeout)
    return completed


def one_line_error(completed):
    assert completed.returncode == 2, (completed.returncode, completed.stderr)
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pagealloc fleet: ") and "Traceback" not in completed.stderr
    return lines[0]


@pytest.mark.parametrize("out,reason", [("missing-folder/r.jsonl", "no such folder"), (".", "not a regular file"),
                                        ("/dev/full", "not a regular file")])
def test_an_unusable_out_path_is_one_line(tmp_path, two_archives, out, reason):
    target = out if out.startswith("/") else tmp_path / out
    line = one_line_error(fleet_run(os.path.dirname(two_archives[0]), "--out", target, "--workers", "1"))
    assert reason in line


def test_a_full_disk_while_writing_results_is_one_line(tmp_path, two_archives, monkeypatch, capsys):
    def disk_full(self, line):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(jsonl.ResultsWriter, "write_line", disk_full)  # every record goes through it
    assert main(["fleet", "run", two_archives[0], "--out", str(tmp_path / "r.jsonl"), "--workers", "1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["pagealloc fleet: cannot write %s: No space left on device" % (tmp_path / "r.jsonl")]


def test_a_second_run_on_a_locked_results_file_stops_at_once(tmp_path, two_archives):
    out = tmp_path / "r.jsonl"
    with open(out, "a") as held:  # what the first run holds for its whole duration
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        line = one_line_error(fleet_run(os.path.dirname(two_archives[0]), "--out", out, "--workers", "1"))
    assert "being written by another" in line and out.read_text() == ""


def test_an_archive_given_as_the_target_is_the_one_source(tmp_path, two_archives):
    out = tmp_path / "r.jsonl"
    completed = fleet_run(two_archives[0], "--out", out, "--workers", "1")
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stderr.splitlines()[-1]) == {"total": 1, "skipped": 0, "analysed": 1, "errors": 0}
    (record,) = read_records(str(out))
    assert record["source"] == two_archives[0] and record["error"] is None


def test_an_unreadable_archive_is_cannot_read(two_archives):
    folder = tempfile.mkdtemp(prefix="pagealloc-unreadable-")
    try:
        os.chmod(folder, 0o755)
        archive = os.path.join(folder, "sosreport-secret.tar.gz")
        with open(two_archives[0], "rb") as source, open(archive, "wb") as copy:
            copy.write(source.read())
        os.chmod(archive, 0)
        as_other_user = (lambda: os.setuid(65534)) if os.geteuid() == 0 else None  # root reads anything
        completed = subprocess.run(pagealloc_command() + ["triage", archive], capture_output=True, text=True,
                                   timeout=120, preexec_fn=as_other_user)
        assert completed.returncode == 2 and completed.stderr == (
            "pagealloc triage: %s: cannot read (Permission denied)\n" % archive), completed.stderr
    finally:
        os.chmod(os.path.join(folder, "sosreport-secret.tar.gz"), 0o600)
        os.remove(os.path.join(folder, "sosreport-secret.tar.gz"))
        os.rmdir(folder)


def test_a_run_where_every_source_fails_exits_2(tmp_path):
    # Two files that are no archive and hold no kernel log: both recorded with their error, and the run
    # says so with exit 2 (it printed {"analysed": 2, "errors": 2} and exited 0, like a clean night).
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.log", "b.log"):
        (folder / name).write_text("not a kernel log\n")
    out = tmp_path / "r.jsonl"
    completed = fleet_run(folder, "--out", out, "--workers", "1")
    assert completed.returncode == 2, completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert json.loads(lines[-2]) == {"total": 2, "skipped": 0, "analysed": 2, "errors": 2}
    assert lines[-1] == "pagealloc fleet: none of the 2 sources could be analysed: their errors are in %s" % out
    assert all(record["error"] for record in read_records(str(out)))


def test_a_list_file_line_with_a_nul_byte_is_one_line(tmp_path):
    """No path holds a NUL byte: before, ``fleet run LIST`` ended in ``ValueError: embedded null byte``
    (a traceback) before the run."""
    import subprocess

    from tests.fleet.workers import pagealloc_command

    listing = tmp_path / "hosts.list"
    listing.write_bytes(b"# nightly\n/srv/a\x00b.tar.xz\n")
    completed = subprocess.run(pagealloc_command() + ["fleet", "run", str(listing), "--out", str(tmp_path / "r.jsonl")],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip() == "pagealloc fleet: %s line 2: a NUL byte, which no path can hold" % listing
