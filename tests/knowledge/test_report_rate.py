"""Reports per minute of the log's wall clock when a log has no uptime stamps (the HTML timeline's rows)."""

import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_file
from pagealloc.knowledge import report_rate
from pagealloc.knowledge.report_rate import wallclock_rate
from pagealloc.render.event_view import event_views
from pagealloc.render.summary import report_timeline
from tests.kernlog.helpers import fixture_path


def test_doc_examples():
    failed, _ = doctest.testmod(report_rate)
    assert failed == 0


def test_syslog_report_without_uptime_is_placed_on_its_minute():
    # messages_5.14: "Mar  3 10:15:01 db7 kernel: ...", 12 callbacks suppressed before the report.
    events = [e.to_dict() for e in parse_file(fixture_path("messages_5.14_rhel9_virtio.txt")).events]
    timeline = report_timeline(event_views(events))
    assert timeline["axis"] == "count per 1 min interval of the log clock"
    assert [(r["label"], r["reports"], r["suppressed"]) for r in timeline["rows"]] == [("Mar 03 10:15", 1, 12)]


def test_uptime_stamped_logs_keep_the_since_boot_axis():
    events = [e.to_dict() for e in parse_file(fixture_path("dmesg_2.6.32_i686_e100_seed.txt")).events]
    assert report_timeline(event_views(events))["axis"] == "count per 1 s interval since boot"


def test_a_burst_over_three_minutes_is_counted_per_minute():
    # 30 reports, one every 6 s from 21:19:00: 10 in each of 21:19, 21:20, 21:21.
    events = [{"wallclock": "Jun 17 21:%02d:%02d" % (19 + i * 6 // 60, i * 6 % 60), "suppressed": 1}
              for i in range(30)]
    rows = wallclock_rate([(e["wallclock"], e["suppressed"]) for e in events])["rows"]
    assert [(r["label"], r["reports"], r["suppressed"]) for r in rows] == [
        ("Jun 17 21:19", 10, 10), ("Jun 17 21:20", 10, 10), ("Jun 17 21:21", 10, 10)]


def test_a_stamp_that_does_not_parse_leaves_the_per_file_count():
    events = [{"wallclock": "Mar  3 10:15:01", "source": "a"}, {"wallclock": "yesterday", "source": "a"}]
    assert wallclock_rate([(e["wallclock"], 0) for e in events]) is None
    assert report_timeline(event_views(events))["axis"] == "per log file, the log has no timestamps"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40 * 86400), min_size=1, max_size=60))
def test_every_report_is_counted_once_in_the_interval_that_holds_it(offsets):
    import datetime
    from collections import Counter
    base = datetime.datetime(2024, 1, 2)  # intervals are aligned to Jan 1 of the stamps' year
    stamps = [((base + datetime.timedelta(seconds=s)).strftime("%b %d %H:%M:%S"), 0) for s in offsets]
    rate = wallclock_rate(stamps)
    width = rate["rows"][0]["width"]
    span = max(offsets) - min(offsets)
    assert span / width < 24 or width == report_rate.WIDTHS[-1]
    assert width == report_rate.WIDTHS[0] or span / report_rate.WIDTHS[report_rate.WIDTHS.index(width) - 1] >= 24
    buckets = Counter((86400 + s) // width * width for s in offsets)
    expected = sorted((start - min(buckets), n) for start, n in buckets.items())
    assert sorted((r["start"], r["reports"]) for r in rate["rows"]) == expected
