"""
What the s22 review found a support engineer stumbling on, on the bundled e100 example (real chain):
the published-guidance table's two Red Hat rows read as a contradiction; the ring-refill line said
"covers it" beside a verdict that the reserve is too small; the running value had no unit.
"""

import re

import pytest

from pagealloc.evaluate import evaluate_path
from pagealloc.render import render
from pagealloc.render.findings import finding, rx_bursts
from pagealloc.render.summary import picture_rows

MAIN_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_RX"


@pytest.fixture(scope="module")
def e100(examples_dir):
    return evaluate_path(examples_dir + "/sosreport-e100-rx-failure")


def main_finding(result):
    return finding(next(v for v in result["verdicts"] if v["key"] == MAIN_KEY))


def guidance_rows(result):
    table = next(p for p in main_finding(result)["paragraphs"] if isinstance(p, dict) and p.get("kind") == "table")
    return table["rows"]


def test_each_guidance_row_names_its_document_and_case(e100):
    rows = guidance_rows(e100)
    sources = [row[0] for row in rows]
    assert len(set(sources)) == len(sources)  # no two rows read alike
    red_hat = [row for row in rows if row[0].startswith("Red Hat")]
    # KB 4085851: 10 x the 2038 kB default for drops under load; the tuning guide: too high from 5% of
    # 254648 kB = 12732 kB.  Both apply, to different cases: the rows say which.
    assert red_hat == [["Red Hat KB 4085851: packet drops", "20380 kB", "below (0.2x of its value)"],
                       ["Red Hat tuning guide: upper limit", "below 12732 kB", "within (1.61% of MemTotal)"]]


def test_the_ring_refill_line_agrees_with_the_verdict(e100):
    # Room below min now: DMA 31 - 12 + Normal 477 - 180 = 316 pages = 1264 kB, 2 refills of 512 kB;
    # recommended 2552 kB, 4 refills.  The replay found every usable zone below its floor: that room
    # was used up at the failure, so "one refill fits" is not said as "covers it".
    text = " ".join(render(e100, "text").split())
    assert "covers it" not in text
    assert ("eth0: one full receive-ring refill is 1 queue x 256 buffers x 2048 B = 512 kB. The room atomic "
            "allocations have below min holds 2 such refills now (1264 kB) and 4 such refills with the "
            "recommendation (2552 kB). The report shows that room used up: atomic allocations took more "
            "than one refill's worth.") in text


def test_a_room_smaller_than_one_refill_says_so_without_the_used_up_sentence():
    burst = {"name": "eth1", "rx_queues": 8, "rx_ring": 4096, "buffer_bytes": 2048, "refill_kb": 65536,
             "room_now_kb": 11692, "room_recommended_kb": 34652}
    (line,) = rx_bursts({"rx_burst": [burst]}, used_up=True)
    assert "holds less than one refill now (11692 kB) and less than one refill with the recommendation" in line
    assert "used up" not in line  # one refill alone is more than the room: nothing more to explain


def test_every_figure_in_kb_carries_its_unit(e100):
    rows = dict(picture_rows(e100["memory_picture"]))
    assert rows["vm.min_free_kbytes (running)"] == "2038 kB (/proc/sys/vm/min_free_kbytes)"
    for label in ("MemTotal", "vm.min_free_kbytes (running)", "kernel default"):
        assert re.match(r"(about )?\d+ kB\b", rows[label]), (label, rows[label])


def test_a_log_without_timestamps_counts_per_file_named_by_file_name_when_those_differ():
    from pagealloc.render.event_view import event_views
    from pagealloc.render.summary import report_timeline
    events = [{"source": "tests/fixtures/posted/rpi_3.2_vmalloc.txt"}, {"source": "/var/log/messages", "suppressed": 2}]
    rows = report_timeline(event_views(events))["rows"]
    assert [(r["label"], r["reports"], r["suppressed"]) for r in rows] == [("rpi_3.2_vmalloc.txt", 1, 0),
                                                                           ("messages", 1, 2)]
    same_name = [{"source": "/host1/var/log/messages"}, {"source": "/host2/var/log/messages"}]
    assert [r["label"] for r in report_timeline(event_views(same_name))["rows"]] == [
        "/host1/var/log/messages", "/host2/var/log/messages"]


def test_a_plain_log_names_its_unknown_figures_in_one_line_not_a_column_of_unknown(e100):
    from tests.kernlog.helpers import fixture_path
    text = render(evaluate_path(fixture_path("dmesg_4.18_rhel8_mlx5_numa_slub.txt")), "text")
    picture = text[text.index("\nMemory picture\n"):text.index("\nNotes\n")]
    assert "unknown" not in picture.replace("Not known", "")
    flat = " ".join(picture.split())
    assert "Not known from this input: host, arch, NUMA nodes, running / default, persisted value, " \
           "transparent hugepages, vm.watermark_scale_factor." in flat
    assert "kernel default 91826 kB, estimated (+/- 26290 kB)" in flat  # the known figures keep their rows
    # Two unknown figures (the e100 example: THP, watermark_scale_factor) stay rows of the table.
    e100_text = render(e100, "text")
    assert "  transparent hugepages         unknown" in e100_text and "Not known from this input" not in e100_text
