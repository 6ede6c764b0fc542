"""
A history store (``--db``) that is not a regular file is refused with one line: ``--db /dev/null``
"opened" and ended the command with a ``sqlite3.OperationalError: disk I/O error`` traceback at the
first COMMIT (after a whole ``fleet run``); a FIFO or a device is never a SQLite file.
"""

import os
import subprocess

import pytest

from tests.fleet.workers import pagealloc_command

RECORD = '{"source": "/srv/web1.tar.xz", "host": "web1", "error": null, "verdicts": [], "figures": {}}\n'


@pytest.mark.parametrize("target", ["/dev/null", "/dev/zero", "FIFO"])
def test_a_history_store_that_is_not_a_regular_file_is_one_line(tmp_path, target):
    results = tmp_path / "r.jsonl"
    results.write_text(RECORD)
    if target == "FIFO":
        target = str(tmp_path / "history.sqlite")
        os.mkfifo(target)
    completed = subprocess.run(pagealloc_command() + ["fleet", "record", str(results), "--db", target],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip() == ("pagealloc fleet: %s: not a regular file: the history database is a SQLite "
                                        "file" % target)
