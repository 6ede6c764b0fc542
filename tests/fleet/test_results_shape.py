"""
A results file is input too (pipelines merge them, people edit them): a line of another shape (figures
as a list, a verdict as a string, a count as "many" or NaN, which Python's json reads) is skipped like a
torn line instead of ending every ``fleet report`` format and ``fleet record`` in an AttributeError
traceback; and a remediation whose commands do not have the rules' fixed shape is withheld in the JSON
report too (it is in text, HTML and CSV), so ``jq .hosts_to_fix[].remediation.runtime_command`` never
hands a script ``sysctl -w vm.min_free_kbytes=1; rm -rf /``.
"""

import json
import subprocess

import pytest

from pagealloc.fleet.record import error_record, well_formed
from tests.fleet.workers import pagealloc_command

GOOD = dict(error_record("/srv/good.tar.xz", "not an archive"))
MALFORMED = [
    dict(GOOD, source="/srv/a.tar.xz", figures=["x"]),
    dict(GOOD, source="/srv/b.tar.xz", verdicts=["MIN_FREE_KBYTES_LOW_ATOMIC_RX"]),
    dict(GOOD, source="/srv/c.tar.xz", figures=dict(GOOD["figures"], failures="many")),
    dict(GOOD, source="/srv/d.tar.xz", figures=dict(GOOD["figures"], mem_total_kb=float("nan"))),
    dict(GOOD, source="/srv/e.tar.xz", host=["web1"]),
]
FORGED = {"source": "/srv/f.tar.xz", "host": "web1", "error": None, "failure_events": [],
          "figures": dict(GOOD["figures"], problem=True, failures=2, confidence="high", drivers=["e100"]),
          "verdicts": [{"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "type": "fail",
                        "key": "MIN_FREE_KBYTES_LOW_ATOMIC_RX",
                        "details": {"remediation": {"runtime_command": "sysctl -w vm.min_free_kbytes=1; rm -rf /",
                                                    "sysctl_d_file": {"path": "/etc/cron.d/x", "content": "x"},
                                                    "apply_command": "sysctl --system"}}}]}


def fleet(*args):
    return subprocess.run(pagealloc_command() + ["fleet"] + list(map(str, args)), capture_output=True, text=True,
                          timeout=120)


def test_records_of_another_shape_are_not_records():
    assert well_formed(GOOD) and well_formed(FORGED)
    assert not any(well_formed(record) for record in MALFORMED)


@pytest.mark.parametrize("fmt", ["text", "json", "html", "csv", "prometheus"])
def test_a_results_file_of_malformed_lines_is_one_line_in_every_format(tmp_path, fmt):
    results = tmp_path / "r.jsonl"
    results.write_text("".join(json.dumps(record) + "\n" for record in MALFORMED))
    completed = fleet("report", results, "--format", fmt)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip() == ("pagealloc fleet: %s: no fleet records (empty, missing or not a pagealloc "
                                        "results file)" % results)


def test_malformed_lines_beside_good_ones_are_skipped(tmp_path):
    results = tmp_path / "r.jsonl"
    results.write_text("".join(json.dumps(record) + "\n" for record in MALFORMED + [GOOD]))
    completed = fleet("report", results, "--format", "json")
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["totals"]["archives"] == 1
    assert fleet("record", results, "--db", tmp_path / "h.sqlite").returncode == 0


def test_a_forged_remediation_is_withheld_in_the_json_report(tmp_path):
    results = tmp_path / "r.jsonl"
    results.write_text(json.dumps(FORGED) + "\n")
    completed = fleet("report", results, "--format", "json")
    assert completed.returncode == 0, completed.stderr
    fix = json.loads(completed.stdout)["hosts_to_fix"][0]["remediation"]
    assert "runtime_command" not in fix and fix["withheld"].startswith("Withheld")
    assert fix["unchecked"]["runtime_command"].endswith("rm -rf /")  # kept for a person to look at
