"""History store (SQLite and a real PostgreSQL): runs, new/ongoing/resolved, timelines, concurrency, atomicity."""

import doctest
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pagealloc.cli import main
from pagealloc.errors import InputError
from pagealloc.fleet import history
from pagealloc.fleet import store as store_package
from pagealloc.fleet.history import fleet_history, host_timelines, record_results
from pagealloc.fleet.jsonl import ResultsWriter
from pagealloc.fleet.store import open_store
from tests import CHECKOUT_ON_PATH
from tests.fleet.test_report import failing, healthy

RHEL8 = "4.18.0-513.5.1.el8_9.x86_64"


def night(day, fixed_web1=False, db2_fails=False):
    """One nightly collection of three hosts (one archive each, MemTotal 8 GiB).

    web1 fails until its reserve is raised to 23552 (then healthy), db2 starts
    failing when ``db2_fails``, app1 fails every night.
    """
    def dated(record):
        record["source"] = record["source"].replace(".tar.xz", "-2026-11-%02d.tar.xz" % day)
        record["archive_time"] = "2026-11-%02dT02:10:00Z" % day
        record["figures"]["mem_total_kb"] = 8009884
        return record

    web1 = healthy("/srv/web1.tar.xz", "web1", RHEL8) if fixed_web1 else \
        failing("/srv/web1.tar.xz", "web1", 11585, 11585, 23552, 4, ["ixgbe"], RHEL8)
    if fixed_web1:
        web1["figures"]["min_free_kbytes_current"] = 23552
    db2 = failing("/srv/db2.tar.xz", "db2", 11585, 11585, 23552, 2, ["bnx2x"], RHEL8) if db2_fails else \
        healthy("/srv/db2.tar.xz", "db2", RHEL8)
    if not db2_fails:
        db2["figures"]["min_free_kbytes_current"] = 11585
    app1 = failing("/srv/app1.tar.xz", "app1", 2038, 2038, 4096, 1, ["e100"], "2.6.32-5-686")
    return [dated(web1), dated(db2), dated(app1)]


def three_nights(target):
    record_results(target, night(24), "run", started_at="2026-11-24T02:30:00Z")
    record_results(target, night(25), "run", started_at="2026-11-25T02:30:00Z")
    record_results(target, night(26, fixed_web1=True, db2_fails=True), "run", started_at="2026-11-26T02:30:00Z")


def names(section, status):
    return [entry["host"] for entry in section[status]]


def test_doc_examples():
    for module in (history, store_package):
        assert doctest.testmod(module, optionflags=doctest.ELLIPSIS)[0] == 0, module.__name__


def test_three_nights_new_ongoing_resolved(store_target):
    three_nights(store_target)
    with open_store(store_target) as store:
        document = fleet_history(store)
    assert document["runs"] == 3 and document["latest_run"]["hosts"] == 3
    last = document["since_previous_run"]
    assert last["baseline"]["started_at"] == "2026-11-25T02:30:00Z"
    assert (names(last, "new"), names(last, "ongoing"), names(last, "resolved"), names(last, "not_seen")) == (
        ["db2"], ["app1"], ["web1"], [])
    assert last["ongoing"][0]["failing_since"] == "2026-11-24T02:30:00Z"
    assert last["new"][0]["failing_since"] == "2026-11-26T02:30:00Z"
    assert (last["new"][0]["current_kb"], last["new"][0]["recommended_kb"]) == (11585, 23552)


def test_since_a_date_compares_with_the_last_run_before_it(store_target):
    three_nights(store_target)
    with open_store(store_target) as store:
        since_25 = fleet_history(store, since="2026-11-25")["since"]
        since_start = fleet_history(store, since="2026-11-01")["since"]
    assert since_25["baseline"]["started_at"] == "2026-11-24T02:30:00Z"
    assert (names(since_25, "new"), names(since_25, "ongoing"), names(since_25, "resolved")) == (
        ["db2"], ["app1"], ["web1"])
    assert since_start["baseline"] is None and names(since_start, "new") == ["app1", "db2"]


def test_timeline_of_a_fixed_host(store_target):
    three_nights(store_target)
    with open_store(store_target) as store:
        timelines = host_timelines(store, "web1")
        with pytest.raises(InputError, match="no such host"):
            host_timelines(store, "nosuch")
    assert timelines == {"web1 MemTotal 8009884 kB": [
        ("2026-11-24T02:30:00Z", "first seen, failing: failures 4, min_free_kbytes 11585 kB, recommended 23552 kB"),
        ("2026-11-26T02:30:00Z", "reserve raised: min_free_kbytes 11585 -> 23552 kB"),
        ("2026-11-26T02:30:00Z", "failures stopped (min_free_kbytes 23552 kB)"),
    ]}


def test_a_host_without_archive_in_the_latest_run_is_not_seen_not_resolved(tmp_path):
    target = str(tmp_path / "h.sqlite")
    record_results(target, night(24), "run", started_at="2026-11-24T02:30:00Z")
    record_results(target, [r for r in night(25) if r["host"] != "app1"], "run", started_at="2026-11-25T02:30:00Z")
    with open_store(target) as store:
        last = fleet_history(store)["since_previous_run"]
    assert names(last, "not_seen") == ["app1"] and names(last, "resolved") == []


def test_errors_are_recorded_with_the_run(tmp_path):
    from pagealloc.fleet.record import error_record

    target = str(tmp_path / "h.sqlite")
    record_results(target, night(24) + [error_record("/srv/bad.tar.xz", "truncated")], "run")
    with open_store(target) as store:
        (run,) = store.runs()
        with store.transaction() as cursor:
            cursor.execute("SELECT source, error FROM fleet_errors")
            assert cursor.fetchall() == [("/srv/bad.tar.xz", "truncated")]
    assert (run["archives"], run["errors"], run["hosts"]) == (4, 1, 3)


def test_schema_is_migrated_once_and_a_newer_one_refused(store_target):
    for _ in range(2):
        with open_store(store_target) as store:
            assert store.schema_version() == 3
    with open_store(store_target) as store:
        with store.transaction() as cursor:
            cursor.execute("UPDATE pagealloc_schema SET version = 99")
    with pytest.raises(InputError, match="schema version 99 is newer"):
        open_store(store_target)


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "history.sqlite"
    bogus.write_text("not sqlite at all " * 100)
    with pytest.raises(InputError, match="not a usable history database"):
        open_store(str(bogus))
    with pytest.raises(InputError, match="file path or a postgresql"):
        open_store("mysql://x/y")


# Writes ``count`` runs of ``hosts`` hosts into the store named by argv[1].
WRITER = CHECKOUT_ON_PATH + """
import sys
from pagealloc.fleet.history import record_results
from tests.fleet.test_report import failing
target, tag, count, hosts = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for run in range(count):
    records = [failing("/srv/%s-%d-%d.tar.xz" % (tag, run, h), "%s-%d" % (tag, h), 2038, 2038, 4096, 1, ["e100"], "k")
               for h in range(hosts)]
    record_results(target, records, "run", label=tag)
"""


def test_two_writers_at_once_lose_nothing(store_target):
    open_store(store_target).close()
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, store_target, tag, "15", "30"],
                                stderr=subprocess.PIPE, text=True) for tag in ("a", "b")]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    with open_store(store_target) as store:
        runs = store.runs()
        assert sorted(r["label"] for r in runs) == ["a"] * 15 + ["b"] * 15
        for run in runs:  # every run complete, none mixed with the other writer's hosts
            states = store.states(run["id"])
            assert len(states) == 30 and {s["host"].split("-")[0] for s in states.values()} == {run["label"]}


# Records one run but stops forever after the run row and half the host rows are written.
KILLED_WRITER = CHECKOUT_ON_PATH + """
import sys, time
from pagealloc.fleet.store import base
from pagealloc.fleet.history import record_results
from tests.fleet.test_report import failing
real = base.state_of
seen = []
def slow_state_of(row):
    seen.append(row)
    if len(seen) == 50:
        print("mid-run", flush=True)
        time.sleep(600)
    return real(row)
base.state_of = slow_state_of
records = [failing("/srv/h%d.tar.xz" % h, "h%d" % h, 2038, 2038, 4096, 1, ["e100"], "k") for h in range(100)]
record_results(sys.argv[1], records, "run")
"""


def test_a_killed_run_leaves_no_half_record(store_target):
    record_results(store_target, night(24), "run", started_at="2026-11-24T02:30:00Z")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, store_target], stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "mid-run"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=60)
    time.sleep(0.2)  # PostgreSQL notices the dropped connection and rolls back
    with open_store(store_target) as store:
        assert [r["started_at"] for r in store.runs()] == ["2026-11-24T02:30:00Z"]
        with store.transaction() as cursor:
            cursor.execute("SELECT COUNT(*) FROM fleet_host_states")
            assert cursor.fetchone()[0] == 3
        # and the store still takes writes (no lock left behind)
    record_results(store_target, night(25), "run")


def write_jsonl(path, records):
    with ResultsWriter(str(path)) as out:
        for record in records:
            out.write(record)
    return str(path)


def test_cli_record_and_report_a_week(tmp_path, capsys):
    db = str(tmp_path / "history.sqlite")
    for day in range(24, 31):
        results = write_jsonl(tmp_path / ("results-%d.jsonl" % day), night(day, fixed_web1=day >= 27, db2_fails=day >= 29))
        assert main(["fleet", "record", results, "--db", db, "--at", "2026-11-%02dT02:30:00Z" % day]) == 0
    capsys.readouterr()
    assert main(["fleet", "report", results, "--db", db, "--since", "2026-11-26"]) == 0
    text = capsys.readouterr().out
    assert "7 runs recorded; latest: run 7 at 2026-11-30T02:30:00Z" in text
    assert "Since the previous run (baseline: run 6 at 2026-11-29T02:30:00Z):\n  new 0, ongoing 2" in text
    assert "  resolved  web1: no failure in" in text.split("Since 2026-11-26")[1]
    assert main(["fleet", "report", "--db", db, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert names(document["history"]["since_previous_run"], "ongoing") == ["app1", "db2"]
    assert main(["fleet", "report", "--db", db, "--host", "db2"]) == 0
    assert "2026-11-29T02:30:00Z  started failing: failures 2, recommended 23552 kB" in capsys.readouterr().out
    assert main(["fleet", "report", results, "--db", db, "--format", "html", "-o", str(tmp_path / "r.html")]) == 0
    page = (tmp_path / "r.html").read_text()
    assert "<h2>History</h2>" in page and page.endswith("</body></html>\n")
    # CSV stays one row per host, with or without a history store (e.g. $PAGEALLOC_FLEET_DB set).
    capsys.readouterr()
    assert main(["fleet", "report", results, "--format", "csv"]) == 0
    plain = capsys.readouterr().out
    assert main(["fleet", "report", results, "--db", db, "--format", "csv"]) == 0
    assert capsys.readouterr().out == plain
    assert main(["fleet", "report", "--db", db, "--format", "csv"]) == 2


def test_the_week_in_docs_fleet_md_is_what_the_code_prints(tmp_path, capsys, request):
    with open(os.path.join(str(request.config.rootpath), "docs", "fleet.md"), encoding="utf-8") as handle:
        docs = handle.read()
    db = str(tmp_path / "history.sqlite")
    for day in range(24, 31):
        results = write_jsonl(tmp_path / ("results-%d.jsonl" % day), night(day, fixed_web1=day >= 27, db2_fails=day >= 29))
        assert main(["fleet", "record", results, "--db", db, "--at", "2026-11-%02dT02:30:00Z" % day]) == 0
    for command in (["--since", "2026-11-26"], ["--host", "web1"]):
        capsys.readouterr()
        assert main(["fleet", "report", "--db", db] + command) == 0
        shown = "$ pagealloc fleet report --db history.sqlite %s\n%s" % (" ".join(command), capsys.readouterr().out)
        assert shown in docs


def test_cli_run_records_a_run_and_a_resumed_run_covers_every_listed_archive(tmp_path, capsys):
    from tests.fleet.archives import make_archives

    folder = tmp_path / "archives"
    folder.mkdir()
    make_archives(str(folder), 3)  # fleet-host-00 and -02 fail (e100 template), -01 is healthy
    db, out = str(tmp_path / "h.sqlite"), str(tmp_path / "r.jsonl")
    assert main(["fleet", "run", str(folder), "--out", out, "--workers", "2", "--db", db]) == 0
    assert main(["fleet", "run", str(folder), "--out", out, "--workers", "2", "--db", db]) == 0  # nothing new
    counts = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert counts["skipped"] == 3 and counts["history_run"] == 2
    with open_store(db) as store:
        first, second = store.runs()
        assert store.states(first["id"]) == store.states(second["id"])
        assert sorted((s["host"], s["problem"]) for s in store.states(second["id"]).values()) == [
            ("fleet-host-00", 1), ("fleet-host-01", 0), ("fleet-host-02", 1)]


def test_a_host_and_archive_name_that_are_not_utf8_are_stored(store_target):
    # fleet sources keep non-UTF-8 file names as lone surrogates (PEP 383); the JSONL escapes them.
    name = "web\udcff1"
    records = [dict(failing("/srv/sos-\udcfe.tar.xz", name, 2038, 2038, 4096, 1, ["e100"], "k"))]
    record_results(store_target, records, "run")
    record_results(store_target, records, "run")
    with open_store(store_target) as store:
        ongoing = fleet_history(store)["since_previous_run"]["ongoing"]
        assert [(e["host"], e["source"]) for e in ongoing] == [("web\\udcff1", "/srv/sos-\\udcfe.tar.xz")]
        assert list(host_timelines(store, name)) == ["web\\udcff1 kernel k"]


def test_the_history_html_is_escaped_and_a_page_of_its_own_is_on_the_base(tmp_path, capsys):
    # A host name from an archive is text: autoescaped by the shared jinja2 base, never markup.
    db = str(tmp_path / "history.sqlite")
    records = night(24, fixed_web1=False, db2_fails=True)
    for record in records:
        if record.get("host") == "db2":
            record["host"] = "db2<script>alert(1)</script>"
    results = write_jsonl(tmp_path / "results.jsonl", records)
    assert main(["fleet", "record", results, "--db", db, "--at", "2026-11-24T02:30:00Z"]) == 0
    assert main(["fleet", "record", results, "--db", db, "--at", "2026-11-25T02:30:00Z"]) == 0
    capsys.readouterr()
    assert main(["fleet", "report", "--db", db, "--format", "html", "-o", str(tmp_path / "h.html")]) == 0
    page = (tmp_path / "h.html").read_text()
    # (a cell may offer a line break after a path separator: <wbr>, which copies as nothing)
    assert "<script>" not in page and "db2&lt;script&gt;alert(1)&lt;/script&gt;" in page.replace("<wbr>", "")
    assert page.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in page and 'name="viewport"' in page
    assert "<h2>History</h2>" in page and 'class="num">2</td>' in page
