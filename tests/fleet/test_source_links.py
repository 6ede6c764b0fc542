"""
Links in a ``fleet run DIR`` folder (symlink farms): a link whose target resolves inside DIR is
followed (once), a link out of DIR only with ``--follow-links-out`` and otherwise skipped and named in
the run's output; links that dangle, loop or lead back to DIR (or a folder holding it) are always
skipped.  Before, every link was followed: ``fleet run`` read ``/etc/shadow`` through a link dropped
in an upload folder, and a link to ``..`` made the parent folder a source.
"""

import json
import os
import subprocess

from pagealloc.fleet.jsonl import read_records
from pagealloc.fleet.sources import DANGLES, LOOPS, OUT_OF_DIR, list_sources
from tests.archive_factory import seed_dmesg
from tests.fleet.workers import pagealloc_command


def farm(tmp_path):
    """DIR with a log, links in and out of it, a duplicate name, loops and a dangling link."""
    top = tmp_path / "farm"
    outside = tmp_path / "elsewhere"
    (top / ".store").mkdir(parents=True)
    outside.mkdir()
    (top / "web1.log").write_text(seed_dmesg())
    (top / ".store" / "web2.log").write_text(seed_dmesg())
    (outside / "web3.log").write_text(seed_dmesg())
    links = {"web2.log": ".store/web2.log", "latest.log": "web1.log", "web3.log": str(outside / "web3.log"),
             "self": ".", "parent": "..", "gone.log": "no-such-file", "cycle-a": "cycle-b", "cycle-b": "cycle-a"}
    for name, target in links.items():
        os.symlink(target, top / name)
    return top, outside


def test_links_inside_are_followed_once_links_out_only_on_request(tmp_path):
    top, outside = farm(tmp_path)
    skipped = []
    sources = list_sources(str(top), skipped=skipped)
    assert [os.path.basename(s) for s in sources] == ["web1.log", "web2.log"]
    assert {(os.path.basename(s.path), s.reason) for s in skipped} == {
        ("web3.log", OUT_OF_DIR), ("self", LOOPS), ("parent", LOOPS), ("gone.log", DANGLES),
        ("cycle-a", DANGLES), ("cycle-b", DANGLES)}
    skipped = []
    sources = list_sources(str(top), follow_links_out=True, skipped=skipped)
    assert [os.path.basename(s) for s in sources] == ["web1.log", "web2.log", "web3.log"]
    assert not any(s.reason == OUT_OF_DIR for s in skipped) and len(skipped) == 5


def run(top, out, *extra):
    return subprocess.run(pagealloc_command() + ["fleet", "run", str(top), "--out", str(out), "--workers", "1"]
                          + list(extra), capture_output=True, text=True, timeout=180)


def test_fleet_run_names_the_links_it_skips_and_follows_out_only_with_the_option(tmp_path):
    top, outside = farm(tmp_path)
    completed = run(top, tmp_path / "r.jsonl")
    assert completed.returncode == 0, completed.stderr
    lines = completed.stderr.strip().splitlines()
    assert "pagealloc fleet: skipped link %s -> %s: %s" % (top / "web3.log", outside / "web3.log", OUT_OF_DIR) in lines
    assert "pagealloc fleet: skipped link %s -> %s: %s" % (top / "parent", tmp_path, LOOPS) in lines
    assert json.loads(lines[-1]) == {"total": 2, "skipped": 0, "analysed": 2, "errors": 0, "links_skipped": 6}
    assert sorted(os.path.basename(r["source"]) for r in read_records(str(tmp_path / "r.jsonl"))) == [
        "web1.log", "web2.log"]
    completed = run(top, tmp_path / "r.jsonl", "--follow-links-out")
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stderr.strip().splitlines()[-1]) == {
        "total": 3, "skipped": 2, "analysed": 1, "errors": 0, "links_skipped": 5}
    assert sorted(os.path.basename(r["source"]) for r in read_records(str(tmp_path / "r.jsonl"))) == [
        "web1.log", "web2.log", "web3.log"]


def test_the_runs_own_results_file_and_history_in_dir_are_not_sources(tmp_path):
    # 'fleet run /srv/x --out /srv/x/results.jsonl --db /srv/x/h.sqlite': the second night analysed
    # both as archives and recorded two errors (reading the results file while appending to it).
    top = tmp_path / "nightly"
    top.mkdir()
    (top / "web1.log").write_text(seed_dmesg())
    out, db = top / "results.jsonl", top / "h.sqlite"
    for _night in (1, 2):
        completed = run(top, out, "--db", str(db))
        assert completed.returncode == 0, completed.stderr
    assert [os.path.basename(r["source"]) for r in read_records(str(out))] == ["web1.log"]
