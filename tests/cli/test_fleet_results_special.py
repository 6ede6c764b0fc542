"""
``fleet report`` and ``fleet record`` read a results file: a FIFO or a device
is refused at once with one line (``fleet report /dev/zero`` read one endless
line until MemoryError, ``fleet report FIFO`` waited for a writer for good).
"""

import os
import subprocess

import pytest

from tests.cli.triage_helpers import BIN


def fleet(*args):
    # a memory cap, so that a regression fails here instead of waking the OOM killer
    return subprocess.run(["bash", "-c", 'ulimit -v 2000000; exec "$@"', "fleet", os.path.join(BIN, "pagealloc"),
                           "fleet", *map(str, args)], capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("kind", ["fifo", "device"])
@pytest.mark.parametrize("command", ["report", "record"])
def test_a_results_file_that_is_not_a_regular_file_is_refused(tmp_path, kind, command):
    path = "/dev/zero"
    if kind == "fifo":
        path = tmp_path / "results.jsonl"
        os.mkfifo(path)
    args = [command, path] + (["--db", tmp_path / "history.sqlite"] if command == "record" else [])
    completed = fleet(*args)
    assert completed.returncode == 2, completed
    lines = completed.stderr.splitlines()
    assert len(lines) == 1 and "not a regular file" in lines[0] and str(path) in lines[0], lines
