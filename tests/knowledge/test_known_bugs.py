"""Known kernel bugs (pagealloc.knowledge.known_bugs) and the KNOWN_KERNEL_BUG rule through the real chain."""

import doctest

import pytest

from pagealloc.evaluate import evaluate_path
from pagealloc.knowledge import known_bugs
from pagealloc.knowledge.known_bugs import KNOWN_BUGS, release_status
from tests.knowledge.test_watermark_replay import cve_report
from tests.rules.inputs import said_verdict

CVE = KNOWN_BUGS[0]
RULE = "pagealloc.rules.known_kernel_bug.report"


def test_doc_examples():
    assert doctest.testmod(known_bugs)[0] == 0


def test_every_row_names_its_source_fix_and_function():
    for row in KNOWN_BUGS:
        assert row["source"] and row["fix"] and row["file"] and row["function"] and row["url"].startswith("https://")
        assert row["introduced"] < row["fixed_mainline"]
        assert all(row["introduced"] <= line < row["fixed_mainline"] for line in row["fixed_stable"])


@pytest.mark.parametrize("release,status", [
    # linux-cve-announce: introduced 5.9; fixed 5.15.171, 6.1.116, 6.6.60, 6.11.7, 6.12-rc6.
    ("5.8.18", "not_affected"), ("5.9.0", "affected"), ("5.10.226", "affected"),
    ("5.15.170", "affected"), ("5.15.171", "fixed"), ("6.1.115", "affected"), ("6.1.116", "fixed"),
    ("6.6.59", "affected"), ("6.6.60", "fixed"), ("6.11.6", "affected"), ("6.11.7", "fixed"),
    ("6.12.0", "fixed"), ("6.13.2", "fixed"), ("6.6.43-CUSTOM", "affected"),
    ("5.14.0-427.13.1.el9_4.x86_64", "possibly_affected"), ("5.15.0-125-generic", "possibly_affected"),
    ("4.18.0-553.el8_10.x86_64", "not_affected"), ("garbage", "unknown"),
])
def test_release_status_follows_the_announced_versions(release, status):
    assert release_status(release, CVE)[0] == status


def write(tmp_path, text):
    path = tmp_path / "journal.txt"
    path.write_text(text)
    return str(path)


def known_bug_verdict(result):
    return next((v for v in result["verdicts"] if v["rule"] == RULE), None)


def test_6_6_43_report_with_highatomic_above_the_floor_names_the_cve(tmp_path):
    # Normal: 40960 usable pages > floor 3072, 38400 pages in highatomic blocks, kernel 6.6.43 < 6.6.60.
    result = evaluate_path(write(tmp_path, cve_report()))
    verdict = known_bug_verdict(result)
    assert (verdict["key"], verdict["type"]) == ("KNOWN_KERNEL_BUG", "fail")
    bug = verdict["details"]["bugs"][0]
    assert (bug["id"], bug["status"], bug["reports"]) == ("CVE-2024-50219", "affected", 1)
    assert bug["zones"] == [{"node": 0, "zone": "Normal", "usable_free_pages": 40960, "threshold_pages": 3072,
                             "highatomic_pages": 38400}]
    assert "6.6.60" in bug["fixed_in"] and "only a stopgap" in said_verdict(verdict)
    assert "CVE-2024-50219" in verdict["content"] and "6.6.60" in verdict["content"]


def test_the_same_report_on_a_fixed_kernel_is_not_this_bug(tmp_path):
    result = evaluate_path(write(tmp_path, cve_report().replace("6.6.43-1.el9.x86_64", "6.6.60-1.el9.x86_64")))
    assert known_bug_verdict(result) is None


def test_a_report_below_the_floor_on_an_affected_kernel_is_not_this_bug(tmp_path):
    # The 6.12 fixture relabelled 6.6.43: Normal 2918 <= 3072 pages, so the reserve, not the bug, failed it.
    from tests.kernlog.helpers import fixture_text
    text = fixture_text("journal_6.12_short-iso_bnxt.txt").replace("6.12.9-200.fc41.x86_64", "6.6.43-1.el9.x86_64")
    assert known_bug_verdict(evaluate_path(write(tmp_path, text))) is None
