"""
One code path: ``insights-run -p pagealloc`` (insights-core's own runner) and
``pagealloc triage`` give the same verdicts (rule component, key, type) on
the bundled examples.
"""

import json
import os
import subprocess

import pytest

from pagealloc.tests.cli.triage_helpers import BIN, examples_dir, run_triage

# insights-run's json format names fails "rule" and lists them under "reports"
INSIGHTS_TYPES = {"rule": "fail", "pass": "pass", "info": "info"}


def insights_run_verdicts(path):
    completed = subprocess.run([os.path.join(BIN, "insights-run"), "-S", "fail", "info", "pass", "-f", "json",
                                "-p", "pagealloc", path], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    # insights-core prints a colorama hint on stdout before the document
    document = json.loads(completed.stdout[completed.stdout.index("{"):])
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
