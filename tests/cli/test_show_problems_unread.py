"""
``--show problems`` hides passed and informational checks, never the verdict
that says the question could not be answered: an INSUFFICIENT_DATA verdict
(no kernel log read, or reports found but not decidable) stays in the JSON and
YAML documents.  Before, an archive with an empty dmesg gave ``"verdicts": []``
with ``--show problems --format json``: to a script reading the document, the
same as "looked, nothing wrong".
"""

import json
import os

import yaml

from tests.cli.triage_helpers import run_triage

LOG = os.path.join(os.path.dirname(__file__), "..", "fixtures", "logs", "dmesg-T_3.10_truncated_tail.txt")


def verdicts(completed, fmt):
    data = json.loads(completed.stdout) if fmt == "json" else yaml.safe_load(completed.stdout)
    return [(v["key"], (v.get("details") or {}).get("reason")) for v in data["verdicts"]]


def test_no_kernel_log_read_stays_with_show_problems(tmp_path):
    empty = tmp_path / "messages"
    empty.write_text("Dec  5 01:00:00 web1 sshd[12]: Accepted publickey for root\n")
    for fmt in ("json", "yaml"):
        completed = run_triage(empty, "--show", "problems", "--format", fmt)
        assert completed.returncode == 2, completed.stderr
        assert ("INSUFFICIENT_DATA", "kernel_log_unread") in verdicts(completed, fmt)


def test_undecided_reports_stay_with_show_problems(tmp_path):
    # (s26) Without its zone lines: with them the replay decides (a DMA zone above its floor).  Without its
    # trace frames too: with the receive trace the main rule fires on the assumed default (s40).
    with open(LOG, encoding="utf-8") as handle:
        kept = [line for line in handle if " free:" not in line and "lowmem_reserve" not in line
                and "[<" not in line]
    log = tmp_path / "dmesg"
    log.write_text("".join(kept))
    every = run_triage(log, "--format", "json")
    undecided = [v for v in verdicts(every, "json") if v[0] == "INSUFFICIENT_DATA"]
    assert undecided, "the fixture's reports are undecidable without the host's state"
    problems = run_triage(log, "--format", "json", "--show", "problems")
    assert problems.returncode == every.returncode == 0
    assert [v for v in verdicts(problems, "json") if v[0] == "INSUFFICIENT_DATA"] == undecided
    assert len(verdicts(problems, "json")) < len(verdicts(every, "json"))  # the informational ones are hidden
