"""
``pagealloc parse-log`` on files that hold no readable kernel log says so
(exit 2, one line per such file on stderr) instead of printing nothing with
exit 0, the same answer as "read, and no report in it".  It never waits on a
FIFO or reads a device without end, and its error lines cannot drive the
terminal.  (Before: an empty or binary file printed nothing and exited 0; a
FIFO or /dev/zero hung it for good.)
"""

import gzip
import os
import subprocess

import pytest

from tests.cli.triage_helpers import BIN
from tests.kernlog.helpers import fixture_path

SEED = "dmesg_2.6.32_i686_e100_seed.txt"


def parse_log(*args, timeout=30):
    return subprocess.run([os.path.join(BIN, "pagealloc"), "parse-log", *map(str, args)], capture_output=True,
                          timeout=timeout)


def one_error_line(completed, *words):
    assert completed.returncode == 2, completed
    lines = completed.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pagealloc parse-log: "), lines
    assert all(word in lines[0] for word in words), lines[0]
    assert b"Traceback" not in completed.stderr
    return lines[0]


@pytest.mark.parametrize("body,words", [
    (b"", ("is empty",)),
    (b"\n  \n", ("is empty",)),
    (bytes(range(256)) * 400, ("holds no line in a kernel log format",)),
    (b"x" * (3 * 2**20), ("holds no line in a kernel log format",)),  # one huge line
    (b"Dec  5 01:00:00 web1 sshd[12]: Accepted publickey for root\n", ("no kernel line",)),
    (gzip.compress(b""), ("is empty",)),
], ids=["empty", "blank", "binary", "one-long-line", "auth-log", "empty-gzip"])
def test_a_file_without_a_kernel_log_is_unread_not_clean(tmp_path, body, words):
    path = tmp_path / "messages"
    path.write_bytes(body)
    completed = parse_log(path, "--json")
    one_error_line(completed, "no kernel log read", str(path), *words)
    assert completed.stdout.strip() in (b"", b"[]")


def test_kernel_lines_without_a_report_are_read_and_clean(tmp_path):
    path = tmp_path / "dmesg"
    path.write_bytes(b"[    0.000000] Linux version 6.8.0\n")
    completed = parse_log(path)
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, b"", b"")


def test_the_readable_files_are_still_reported_beside_an_unread_one(tmp_path):
    empty = tmp_path / "messages-1"
    empty.write_bytes(b"")
    completed = parse_log(fixture_path(SEED), empty)
    one_error_line(completed, str(empty), "is empty")
    assert b"driver=e100" in completed.stdout


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_special_files_are_refused_at_once(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "messages"
        os.mkfifo(path)
    elif kind == "device":
        path = "/dev/zero"
    else:
        path = tmp_path
    one_error_line(parse_log(path, timeout=20), "cannot read", str(path))


def test_error_lines_show_control_characters_escaped(tmp_path):
    name = str(tmp_path / "a\x1b]0;pwned\x07\nFORGED: b.log")
    completed = parse_log(name)
    line = one_error_line(completed, "cannot read")
    assert "\x1b" not in line and "\x07" not in line and "\\x1b" in line
