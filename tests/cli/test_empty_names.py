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
