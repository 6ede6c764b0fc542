"""
When the report cannot be written to standard output (a full disk: /dev/full;
stdout closed: ``>&-``), every command says so on one line and exits 2, never
a traceback; with ``--quiet`` or ``--output`` a closed stdout does not matter.
A closed stderr cannot turn the exit code into a crash either.
"""

import os
import subprocess

import pytest

from tests.cli.triage_helpers import BIN

LOG = os.path.join(os.path.dirname(__file__), "..", "fixtures", "logs", "dmesg_3.10_rhel7_ixgbe.txt")
COMMANDS = {"triage": ["triage", LOG], "parse-log": ["parse-log", LOG], "parse-log --json": ["parse-log", "--json", LOG]}


def run(args, redirect):
    command = [os.path.join(BIN, "pagealloc"), *args]
    return subprocess.run(["bash", "-c", 'exec "$@" ' + redirect, "run", *command], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("redirect", [">/dev/full", ">&-"], ids=["full-disk", "closed"])
def test_an_unwritable_stdout_is_one_line_and_exit_2(name, redirect):
    completed = run(COMMANDS[name], redirect)
    assert completed.returncode == 2, completed
    lines = completed.stderr.splitlines()
    assert len(lines) == 1 and "cannot write" in lines[0] and "standard output" in lines[0], lines
    assert "Traceback" not in completed.stderr


def test_fleet_report_to_a_full_disk(tmp_path):
    from tests.fleet.test_history import write_jsonl
    from tests.fleet.test_report import RECORDS

    results = tmp_path / "r.jsonl"
    write_jsonl(results, RECORDS)
    completed = run(["fleet", "report", str(results)], ">/dev/full")
    assert completed.returncode == 2, completed
    assert len(completed.stderr.splitlines()) == 1 and "cannot write" in completed.stderr, completed.stderr


def test_quiet_or_output_do_not_need_stdout(tmp_path):
    assert run(["triage", LOG, "--quiet"], ">&-").returncode == 1
    assert run(["triage", LOG, "--output", str(tmp_path / "r.txt")], ">&-").returncode == 1
    assert (tmp_path / "r.txt").read_text().startswith("Network receive")


def test_a_closed_stderr_keeps_the_exit_code(tmp_path):
    assert run(["triage", str(tmp_path / "missing.log")], "2>&-").returncode == 2
    assert run(["triage", LOG], "2>&- >/dev/null").returncode == 1
