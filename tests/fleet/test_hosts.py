"""Fleet reports count hosts: archives grouped by host identity, latest archive speaks for the host."""

import csv
import io
import os
import random
import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.fleet import report
from pagealloc.render.fleet_html import render_html
from tests.fleet.test_report import failing, healthy

RHEL8 = "4.18.0-513.5.1.el8_9.x86_64"


def nightly(record, night, machine_id=None, mem_total_kb=8009884, confidence=None):
    """``record`` as archived on ``night`` (1..n): its own path, its modification time."""
    record = dict(record, figures=dict(record["figures"], mem_total_kb=mem_total_kb, confidence=confidence))
    record["source"] = record["source"].replace(".tar.xz", "-2026-11-%02d.tar.xz" % night)
    record["archive_time"] = "2026-11-%02dT02:30:00Z" % night
    record["machine_id"] = machine_id
    return record


def test_150_nightly_archives_of_one_host_are_one_host():
    # 149 nights failing, then fixed: the latest archive (night 150 sorts last by time) decides.
    records = [nightly(failing("/srv/web1.tar.xz", "web1", 11585, 11585, 23552, 3, ["ixgbe"], RHEL8), night % 28 + 1)
               for night in range(149)]
    for index, rec in enumerate(records):
        rec["archive_time"] = "2026-%02d-%02dT02:30:00Z" % (1 + index // 28, 1 + index % 28)
        rec["source"] = "/srv/web1-%03d.tar.xz" % index
    fixed = nightly(healthy("/srv/web1.tar.xz", "web1", RHEL8), 1)
    fixed["archive_time"], fixed["source"] = "2026-12-01T02:30:00Z", "/srv/web1-149.tar.xz"
    summary = report.summarise(records + [fixed])
    assert summary["totals"] == {"archives": 150, "analysed": 150, "errors": 0, "hosts": 1, "hosts_to_fix": 0}
    (host,) = summary["hosts"]
    assert (host["host"], host["archives"], host["source"], host["first_archive"]) == (
        "web1", 150, "/srv/web1-149.tar.xz", "/srv/web1-000.tar.xz")
    assert summary["by_verdict"] == {"MIN_FREE_KBYTES_LOW_ATOMIC_RX": {"pass": 1}}


def test_text_report_names_the_latest_archive_and_the_count():
    records = [nightly(failing("/srv/web1.tar.xz", "web1", 11585, 11585, 23552, night, ["ixgbe"], RHEL8), night,
                       confidence="medium") for night in (1, 2, 3)]
    text = report.render_text(report.summarise(records))
    assert "hosts 1, hosts to fix 1; archives 3, analysed 3, could not analyse 0" in text
    assert "web1  (latest of 3 archives: /srv/web1-2026-11-03.tar.xz)" in text
    assert "failures 3;" in text and "confidence medium" in text


def test_identity_machine_id_then_memtotal_then_kernel():
    twin_a = nightly(healthy("/srv/a.tar.xz", "node", RHEL8), 1, machine_id="a" * 32)
    twin_b = nightly(healthy("/srv/b.tar.xz", "node", RHEL8), 1, machine_id="b" * 32)
    small = nightly(healthy("/srv/c.tar.xz", "db", RHEL8), 1, mem_total_kb=4000000)
    # A kernel upgrade on the same MemTotal is the same host (the upgrade may be the fix).
    upgraded = nightly(healthy("/srv/d.tar.xz", "db", "5.14.0-362.el9.x86_64"), 2, mem_total_kb=4000000)
    resized = nightly(healthy("/srv/e.tar.xz", "db", RHEL8), 3, mem_total_kb=16000000)
    log_only = nightly(healthy("/srv/f.log", "edge", "6.1.0-13-amd64"), 1, mem_total_kb=None)
    summary = report.summarise([twin_a, twin_b, small, upgraded, resized, log_only])
    assert [(h["host_id"], h["archives"]) for h in summary["hosts"]] == [
        ("db MemTotal 16000000 kB", 1), ("db MemTotal 4000000 kB", 2), ("edge kernel 6.1.0-13-amd64", 1),
        ("node machine-id " + "a" * 32, 1), ("node machine-id " + "b" * 32, 1)]


def test_confidence_column_in_html_and_csv():
    records = [nightly(failing("/srv/web1.tar.xz", "web1", 11585, 11585, 23552, 3, ["ixgbe"], RHEL8), 1,
                       confidence="low")]
    summary = report.summarise(records)
    assert "<th>confidence</th>" in render_html(summary) and "<td>low</td>" in render_html(summary)
    (row,) = csv.DictReader(io.StringIO(report.render_csv(summary)))
    assert (row["confidence"], row["archives"], row["host_id"]) == ("low", "1", "web1 MemTotal 8009884 kB")


def test_confidence_of_records_written_before_the_figure_existed():
    old = failing("/srv/web1.tar.xz", "web1", 11585, 11585, 23552, 3, ["ixgbe"], RHEL8)
    old["verdicts"][0]["details"]["confidence"] = {"level": "high", "reasons": []}
    assert report.summarise([old])["hosts"][0]["confidence"] == "high"


def test_chart_caption_says_how_many_of_how_many_hosts_are_drawn():
    records = [failing("/srv/h%03d.tar.xz" % i, "h%03d" % i, 2038, 2038, 4096 + 1024 * i, 1 + i % 7, ["e100"], RHEL8)
               for i in range(150)]
    page = render_html(report.summarise(records))
    assert "40 of 150 hosts shown, sorted by failure reports, most first" in page
    assert "40 of 150 hosts shown, sorted by recommended value, largest first" in page
    # largest recommended first: h149 (4096 + 149 * 1024 = 156672 kB) is drawn, h000 is not.
    start = page.index("<title>min_free_kbytes of the hosts to fix")
    reserve_chart = page[start:page.index("</svg>", start)]
    assert ">h149<" in reserve_chart and ">h000<" not in reserve_chart


HOSTS = st.lists(st.tuples(st.sampled_from(["web1", "web2", "db1", "db2"]), st.integers(1, 28), st.booleans()),
                 min_size=1, max_size=40, unique_by=lambda n: (n[0], n[1]))  # one archive per host and night


@settings(max_examples=60, deadline=None)
@given(HOSTS, st.randoms(use_true_random=False))
def test_older_archives_never_change_the_headline(nights, rnd):
    """Metamorphic: adding a host's older archives (any order) changes only the archive counts."""
    def make(host, night, fails):
        base = (failing("/srv/%s.tar.xz" % host, host, 11585, 11585, 23552, night, ["ixgbe"], RHEL8) if fails
                else healthy("/srv/%s.tar.xz" % host, host, RHEL8))
        return nightly(base, night)

    records = [make(*n) for n in nights]
    latest = {}
    for rec in records:
        key = rec["host"]
        if key not in latest or (rec["archive_time"], rec["source"]) > (latest[key]["archive_time"], latest[key]["source"]):
            latest[key] = rec
    shuffled = list(records)
    rnd.shuffle(shuffled)
    everything, only_latest = report.summarise(shuffled), report.summarise(list(latest.values()))
    assert everything["totals"]["hosts"] == len(latest) == only_latest["totals"]["hosts"]
    assert everything["totals"]["archives"] == len({r["source"] for r in records})
    for key in ("by_verdict", "by_kernel", "by_driver", "by_recommendation_kb"):
        assert everything[key] == only_latest[key]
    strip = ("archives", "first_archive")
    assert [{k: v for k, v in h.items() if k not in strip} for h in everything["hosts_to_fix"]] == \
        [{k: v for k, v in h.items() if k not in strip} for h in only_latest["hosts_to_fix"]]


def test_shuffled_lines_give_the_same_host_rows():
    records = [nightly(failing("/srv/web1.tar.xz", "web1", 11585, 11585, 23552, n, ["ixgbe"], RHEL8), n) for n in (1, 2)]
    records += [nightly(healthy("/srv/db1.tar.xz", "db1", RHEL8), n) for n in (1, 2, 3)]
    expected = report.render_json(report.summarise(records))
    for seed in range(5):
        random.Random(seed).shuffle(records)
        assert report.render_json(report.summarise(records)) == expected


def test_machine_id_of_a_sosreport_reaches_the_record(examples_dir, tmp_path):
    # sos 3.x/4.x plugin dbus copies /var/lib/dbus/machine-id (sos/report/plugins/dbus.py).
    from pagealloc.evaluate import evaluate_path
    from pagealloc.fleet.record import result_record

    report_dir = tmp_path / "sosreport-healthy"
    shutil.copytree(os.path.join(examples_dir, "sosreport-healthy"), str(report_dir), symlinks=True)
    (report_dir / "var" / "lib" / "dbus").mkdir(parents=True)
    (report_dir / "var" / "lib" / "dbus" / "machine-id").write_text("3d1219c7c4c5404aaa1f6d2a48adfda4\n")
    record = result_record(evaluate_path(str(report_dir)))
    assert record["machine_id"] == "3d1219c7c4c5404aaa1f6d2a48adfda4"
    assert report.summarise([record])["hosts"][0]["host_id"] == record["host"] + " machine-id 3d1219c7c4c5404aaa1f6d2a48adfda4"
