"""
An empty name (an unset shell variable: ``pagealloc fleet run "$DIR" --out r.jsonl``) is a usage error,
exit 2.  Before, ``fleet run ""`` took the current folder (``os.path.abspath("")``) and analysed every
entry in it (75 sources in the test's scratch folder), ``triage --output ""`` printed to standard output
and ``--save ""`` / ``--config ""`` were silently ignored.
"""

import os
import subprocess

import pytest

from tests.archive_factory import seed_dmesg
from tests.cli.triage_helpers import BIN

CASES = [["triage", ""], ["triage", "LOG", "--output", ""], ["triage", "LOG", "--save", ""],
         ["triage", "LOG", "--config", ""], ["fleet", "run", "", "--out", "r.jsonl"],
         ["fleet", "run", "LOG", "--out", ""], ["fleet", "enqueue", ""], ["fleet", "report", ""],
         ["fleet", "report", "r.jsonl", "--output", ""], ["fleet", "record", "", "--db", "h.sqlite"]]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c).replace('""', "EMPTY") or "x" for c in CASES])
def test_an_empty_name_is_a_usage_error_and_nothing_is_analysed(tmp_path, args):
    (tmp_path / "LOG").write_text(seed_dmesg())
    (tmp_path / "r.jsonl").write_text("")
    completed = subprocess.run([os.path.join(BIN, "pagealloc")] + args, capture_output=True, text=True, timeout=60,
                               cwd=str(tmp_path))
    assert completed.returncode == 2, completed
    assert completed.stderr.strip().splitlines()[-1].endswith("an empty name (an unset shell variable?)")
    assert completed.stdout == "" and sorted(os.listdir(tmp_path)) == ["LOG", "r.jsonl"]
    assert (tmp_path / "r.jsonl").read_text() == ""


def test_doc_examples():
    import doctest

    from pagealloc.cli import arg_types, output_file

    for module in (arg_types, output_file):
        assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0, module.__name__


def test_an_empty_allowed_root_is_a_usage_error_not_the_working_directory(tmp_path):
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "fleet", "worker", "--allowed-root", "",
                                "--broker", "amqp://127.0.0.1:1/%2F"], capture_output=True, text=True, timeout=60,
                               cwd=str(tmp_path))
    assert completed.returncode == 2 and "an empty name" in completed.stderr, completed


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "soon"])
def test_a_timeout_that_is_no_duration_is_a_usage_error(tmp_path, value):
    # --timeout -1 or nan recorded every archive as an error ("exceeded -1 s") that later runs skip as
    # done; inf ended in an OverflowError traceback.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "LOG").write_text(seed_dmesg())
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "fleet", "run", "in", "--out", "r.jsonl",
                                "--timeout", value], capture_output=True, text=True, timeout=60, cwd=str(tmp_path))
    assert completed.returncode == 2 and "is not a number of seconds above 0" in completed.stderr, completed
    assert not (tmp_path / "r.jsonl").exists()


@pytest.mark.parametrize("args,words", [
    (["fleet", "collect", "--out", "r.jsonl", "--expect", "-3"], "is not a whole number above 0"),
    (["fleet", "collect", "--out", "r.jsonl", "--expect", "0"], "is not a whole number above 0"),
    (["fleet", "worker", "--metrics-port", "99999"], "is not a TCP port (1-65535)")])
def test_a_count_or_port_out_of_range_is_a_usage_error(tmp_path, args, words):
    # --expect -3 said "complete" at once (exit 0) without reaching the broker; --metrics-port 99999
    # ended in an OverflowError traceback.
    completed = subprocess.run([os.path.join(BIN, "pagealloc")] + args + ["--broker", "amqp://127.0.0.1:1/%2F"],
                               capture_output=True, text=True, timeout=60, cwd=str(tmp_path))
    assert completed.returncode == 2 and words in completed.stderr and "Traceback" not in completed.stderr, completed
