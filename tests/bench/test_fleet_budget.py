"""The fleet run's core-second budget (bench/fleet_budget.py) on a real traced run: every archive
is seen, and the parts add up to the core-seconds the run did not use."""

import os
import sys

from bench.fleet_budget import traced_run
from tests.fleet.archives import make_archives


def test_a_traced_run_accounts_for_every_lost_core_second(tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    make_archives(str(folder), 5)
    python = os.path.join(os.path.dirname(sys.executable), "python")
    figures = traced_run(python, str(tmp_path / "trace"),
                         ["fleet", "run", str(folder), "--workers", "2", "--out", str(tmp_path / "r.jsonl")])
    assert figures["archives"] == 5 and figures["children"] >= 2
    parts = ("start_up", "in_archives", "between_archives", "between_children", "tail", "unattributed")
    assert abs(sum(figures[p] for p in parts) - figures["lost"]) < 0.01
    assert abs(figures["others_cpu"] + figures["idle"] - figures["lost"]) < 0.01
    assert figures["parent_start_cpu"] > 0 and figures["start_up"] > 0 and figures["archive_cpu_ms"] > 0
    assert len(open(tmp_path / "r.jsonl").read().splitlines()) == 5
