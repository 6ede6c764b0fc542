"""
One code path: ``insights-run -p pagealloc`` (insights-core's own runner) and
``pagealloc triage`` give the same verdicts (rule component, key, type) on
the bundled examples.
"""

import json
import os
import subprocess

import pytest

from tests.cli.triage_helpers import BIN, examples_dir, run_triage

# insights-run's json format names fails "rule" and lists them under "reports"
INSIGHTS_TYPES = {"rule": "fail", "pass": "pass", "info": "info"}


def insights_run_verdicts(path):
    completed = subprocess.run([os.path.join(BIN, "insights-run"), "-S", "fail", "info", "pass", "-f", "json",
                                "-p", "pagealloc", path], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    document = json.loads(completed.stdout)  # the whole of stdout: what `| jq` gets
    return {(r["component"], r["key"], INSIGHTS_TYPES[r["type"]])
            for section in ("reports", "info", "pass") for r in document.get(section, [])}


@pytest.mark.parametrize("example", ["sosreport-e100-rx-failure", "sosreport-healthy",
                                     "sosreport-e100-rx-failure.tar.xz"])
def test_insights_run_and_triage_agree(pytestconfig, example):
    path = os.path.join(examples_dir(pytestconfig), example)
    triage = run_triage(path, "--format", "json")
    ours = {(v["rule"], v["key"], v["type"]) for v in json.loads(triage.stdout)["verdicts"]}
    theirs = insights_run_verdicts(path)
    assert ours == theirs
    assert ours, "the example must produce at least one verdict"
    assert triage.returncode == (1 if any(t == "fail" for _, _, t in ours) else 0)


def documented_commands(pytestconfig):
    """The insights-run lines of docs/running.md's code blocks."""
    with open(os.path.join(str(pytestconfig.rootpath), "docs", "running.md"), encoding="utf-8") as stream:
        return [line.split("#")[0].strip() for line in stream if line.startswith("insights-run -p pagealloc")]


def test_the_documented_json_command_prints_only_json(pytestconfig):
    """docs/running.md: ``insights-run -p pagealloc -f json archive.tar.xz | jq .`` (issue 16 item 11)."""
    (command,) = [c for c in documented_commands(pytestconfig) if " -f json " in c]
    assert command.endswith("| jq .")
    archive = os.path.join(examples_dir(pytestconfig), "sosreport-e100-rx-failure.tar.xz")
    argv = command.split("|")[0].split()
    argv = [os.path.join(BIN, argv[0])] + [archive if a == "archive.tar.xz" else a for a in argv[1:]]
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    document = json.loads(completed.stdout)  # jq reads all of stdout: one JSON document, nothing before it
    assert any(r["key"] == "MIN_FREE_KBYTES_LOW_ATOMIC_RX" for r in document["reports"])


def test_the_documented_markdown_command_works(pytestconfig):
    (command,) = [c for c in documented_commands(pytestconfig) if " -f _markdown " in c]
    archive = os.path.join(examples_dir(pytestconfig), "sosreport-e100-rx-failure.tar.xz")
    argv = [os.path.join(BIN, "insights-run")] + [archive if a == "archive.tar.xz" else a for a in command.split()[1:]]
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0 and completed.stdout.startswith("# Insights Core Run"), completed.stderr[-2000:]
