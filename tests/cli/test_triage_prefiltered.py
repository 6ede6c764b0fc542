"""
insights-client archives hold dmesg and /var/log/messages *pre-filtered*: the client keeps only the
lines that contain one of its filter strings (insights-core ``add_filter``; at collection
``grep -F -- FILTERS FILE``, insights/core/spec_factory.py), and its filter set is pagealloc's only
where pagealloc was installed.  A filtered log that kept no failure report cannot tell "no failure"
from "filtered out": it is not read (INSUFFICIENT_DATA, exit 2), never "No problem found".  A
filtered log that kept a report is read, and a note says the verdict covers only what it kept.

The filtered files are made the client's way: ``grep -F`` over the e100 host's dmesg (Debian
2.6.32-5-686) with the filter strings of the case.
"""

import json
import os
import shutil
import subprocess

import pytest

from pagealloc.parsers.page_alloc_failure import REPORT_FILTERS
from tests.archive_factory import pack
from tests.cli.test_triage_insights_archives import core_collection, legacy_insights_archive
from tests.cli.triage_helpers import examples_dir, run_triage

E100 = "sosreport-e100-rx-failure"
# Other rules' strings: the boot banner (insights-core's own dmesg filter) and a NIC's messages.
OTHER_RULES = ["Linux version", "NIC Link is"]
# A driver's name also keeps the call trace's frames of the report, not its first line.
DRIVER_NAME = ["Linux version", "e100_"]


@pytest.fixture(scope="module")
def e100(pytestconfig):
    return os.path.join(examples_dir(pytestconfig), E100)


def client_filtered(path, filters):
    """``path`` filtered as insights-client does it (spec_factory.py: grep -F -- "\\n".join(filters))."""
    completed = subprocess.run(["grep", "-F", "--", "\n".join(filters), path], capture_output=True, check=False)
    assert completed.returncode in (0, 1)
    with open(path, "wb") as stream:
        stream.write(completed.stdout)
    return completed.stdout


def legacy(e100, tmp_path, filters):
    root = legacy_insights_archive(e100, tmp_path)
    kept = client_filtered(str(root / "insights_commands" / "dmesg"), filters)
    return pack(str(root), str(tmp_path), "tar.gz"), kept


@pytest.mark.parametrize("filters,words", [
    (OTHER_RULES, "holds no failure report"),
    (DRIVER_NAME, "holds lines of a failure report (call trace, Mem-Info) without its first line"),
    (["no line holds this"], "kept no line")], ids=["other-rules", "driver-frames", "nothing"])
def test_a_client_filtered_dmesg_without_a_report_is_not_no_problem(e100, tmp_path, filters, words):
    archive, kept = legacy(e100, tmp_path, filters)
    completed = run_triage(archive)
    assert completed.returncode == 2, (completed.stdout, completed.stderr)
    assert "No problem found" not in completed.stdout
    assert "pre-filtered when collected" in completed.stderr and words in " ".join(completed.stderr.split())
    verdicts = {v["key"] for v in json.loads(run_triage(archive, "--format", "json").stdout)["verdicts"]}
    assert "INSUFFICIENT_DATA" in verdicts


def test_a_client_filtered_dmesg_that_kept_the_report_is_read_and_says_what_it_covers(e100, tmp_path):
    archive, kept = legacy(e100, tmp_path, ["Linux version"] + REPORT_FILTERS)  # pagealloc's own filters
    assert b"page allocation failure" in kept and len(kept.splitlines()) < 107
    completed = run_triage(archive, "--format", "json")
    assert completed.returncode == 1, completed.stderr
    result = json.loads(completed.stdout)
    assert [e["driver"] for e in result["events"]] == ["e100"]
    assert ("/insights_commands/dmesg was pre-filtered when collected (insights-client keeps only the lines its "
            "filters match): the verdict covers only the lines it kept") in result["input"]["notes"]


def test_a_core_collection_whose_dmesg_kept_only_other_rules_lines_is_not_no_problem(e100, tmp_path):
    root = core_collection(e100, tmp_path)
    meta = json.loads((root / "meta_data" / "insights.specs.Specs.dmesg.json").read_text())
    data = root / "data" / meta["results"]["object"]["relative_path"].lstrip("/")
    client_filtered(str(data), OTHER_RULES)
    completed = run_triage(pack(str(root), str(tmp_path), "tar.gz"))
    assert completed.returncode == 2 and "No problem found" not in completed.stdout, completed.stderr
    assert "pre-filtered when collected" in completed.stderr
    shutil.rmtree(root)
