"""
``--output`` and ``--save`` never write over what the user gave: the input file
itself (by name, through a symlink, or a hard link to it) or any file inside an
input directory.  Before this check ``pagealloc triage messages --output
messages`` replaced the customer's log with the report (exit 1, log gone).
"""

import hashlib
import os
import shutil

import pytest

from tests.cli.triage_helpers import assert_one_line_error, run_triage

LOG = os.path.join(os.path.dirname(__file__), "..", "fixtures", "logs", "dmesg_3.10_rhel7_ixgbe.txt")


def tree_digest(top):
    digest = hashlib.sha256()
    if os.path.isfile(top):
        return hashlib.sha256(open(top, "rb").read()).hexdigest()
    for dirpath, dirnames, filenames in sorted(os.walk(top)):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            digest.update(path.encode() + b"\0" + open(path, "rb").read())
    return digest.hexdigest()


@pytest.fixture
def log(tmp_path):
    path = tmp_path / "messages"
    shutil.copy(LOG, path)
    return path


@pytest.mark.parametrize("how", ["same-name", "symlink", "hardlink", "relative"])
def test_output_onto_the_input_log_is_refused_and_the_log_kept(tmp_path, log, how):
    before = tree_digest(log)
    target = {"same-name": log, "symlink": tmp_path / "report.txt", "hardlink": tmp_path / "report.txt",
              "relative": "messages"}[how]
    if how == "symlink":
        os.symlink(log, target)
    elif how == "hardlink":
        os.link(log, target)
    line = assert_one_line_error(run_triage(log, "--output", target, cwd=tmp_path))
    assert "is the input" in line
    assert tree_digest(log) == before


def test_output_or_save_inside_an_input_directory_is_refused(tmp_path, examples_dir):
    tree = tmp_path / "sosreport-e100"
    shutil.copytree(os.path.join(examples_dir, "sosreport-e100-rx-failure"), tree)
    before = tree_digest(tree)
    for args in (["--output", tree / "report.txt"], ["--output", tree / "var" / "log" / "messages"],
                 ["--save", tree / "reports"], ["--save", tree]):
        line = assert_one_line_error(run_triage(tree, *args))
        assert "inside the input" in line, args
    assert tree_digest(tree) == before


def test_output_next_to_the_input_is_written(tmp_path, log):
    completed = run_triage(log, "--output", tmp_path / "messages.report.txt", "--save", tmp_path / "reports")
    assert completed.returncode == 1, completed.stderr
    assert (tmp_path / "messages.report.txt").read_text().startswith("Network receive")
    assert sorted(os.listdir(tmp_path / "reports")) == ["report.html", "report.json", "report.md", "report.txt",
                                                        "report.yaml"]
