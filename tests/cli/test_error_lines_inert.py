"""
The one-line errors on stderr show a file name's control characters escaped: a
name holding ESC sequences or a line break (an upload named by its sender)
cannot set the terminal's title, clear it, or forge a second line.
"""

import os
import subprocess

import pytest

from tests.cli.triage_helpers import BIN, run_triage

HOSTILE = "a\x1b]0;pwned\x07\x1b[2J\nFORGED: b"


def assert_inert(stderr):
    lines = stderr.splitlines()
    assert len(lines) == 1, lines
    assert "\x1b" not in lines[0] and "\x07" not in lines[0] and "\\x1b]0;pwned\\x07" in lines[0], lines[0]


# What the hostile-named log holds: missing, empty, or only other programs' syslog lines.
LOG_CONTENTS = {"missing": None, "empty": "",
                "without kernel lines": "Dec  5 01:00:00 web1 sshd[12]: Accepted publickey for root\n"}


@pytest.mark.parametrize("holds", sorted(LOG_CONTENTS))
def test_triage_of_a_log_with_a_hostile_name(tmp_path, holds):
    path = tmp_path / (HOSTILE + ".log")
    if LOG_CONTENTS[holds] is not None:
        path.write_text(LOG_CONTENTS[holds])
    completed = run_triage(path)
    assert completed.returncode == 2
    assert_inert(completed.stderr)


def test_fleet_run_of_a_missing_hostile_name(tmp_path):
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "fleet", "run", str(tmp_path / HOSTILE), "--out",
                                str(tmp_path / "out.jsonl")], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 2
    assert_inert(completed.stderr)
