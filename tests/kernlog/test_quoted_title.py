"""A post's title (or a line cited in its text) that repeats, word for word, the header of the report it
then pastes is that report: every fixture with such a title above it keeps its figures.  A lone header
that no report repeats stays an event, and so do identical headers that each carry a log prefix or lines
of their own (a flood), and 2.4's one-line reports (pagealloc.kernlog.quoted_title).  Posts seen: GitHub
issue titles 'adb: page allocation failure: order:8, mode:0x24040c0' above the report they head."""

import os
import re

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import ALL_FIXTURES, _expected, _fixture, figures


def _title(text, event):
    """The report's header as a title: its line from the comm on (the log prefix left behind)."""
    line = text.split("\n")[event.line - 1]
    start = line.find(event.comm + ":")
    end = _MASK_END.search(line, start)
    return line[start:end.end()] if start >= 0 and end and "allocation failure" in line[start:end.end()] else None


_MASK_END = re.compile(r"mode:\s*0x[0-9a-f]+(\([^)]*\))?")


def _titled():
    cases = []
    for path in ALL_FIXTURES:
        text = _fixture(path)
        events = parse_text(text).events
        first = events[0] if events else None
        if first is None or first.kind != "page-allocation-failure" or not first.comm or first.gfp_era == "2.4" \
                or not (first.call_trace or first.pid is not None):
            continue
        title = _title(text, first)
        if title:
            cases.append(pytest.param(path, title, id=os.path.basename(path)))
    return cases


TITLED = _titled()


def test_the_titled_fixtures_are_many():
    assert len(TITLED) >= 40


@pytest.mark.parametrize("path, title", TITLED)
def test_a_title_repeating_the_report_header_is_that_report(path, title):
    text = title + "\n\nSeen on one of our hosts after a burst of traffic; the log:\n\n" + _fixture(path)
    assert figures(parse_text(text)) == _expected(path)


HEADER = "swapper/0: page allocation failure: order:0, mode:0x20\n"
REPORT = ("[ 812.334455] swapper/0: page allocation failure: order:0, mode:0x20\n"
          "[ 812.334470] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 3.10.0-327.el7.x86_64 #1\n"
          "[ 812.334480] Call Trace:\n"
          "[ 812.334490]  <IRQ>  [<ffffffff8163a8f4>] dump_stack+0x19/0x1b\n")


def test_a_lone_header_that_no_report_repeats_stays_an_event():
    other = "swapper/0: page allocation failure: order:1, mode:0x20\n"
    assert [e.order for e in parse_text(other + "\n" + REPORT).events] == [1, 0]


def test_lone_headers_of_a_filtered_log_all_count():
    assert len(parse_text(HEADER + HEADER + HEADER).events) == 3


def test_a_report_repeated_whole_counts_twice():
    assert len(parse_text(REPORT + REPORT.replace("812.33", "813.33")).events) == 2


def test_2_4_one_line_reports_are_never_titles():
    line = "__alloc_pages: 0-order allocation failed (gfp=0x20/0) from c012e052\n"
    assert len(parse_text(line + "\n" + "kernel: " + line).events) == 2


def test_a_sentence_holding_a_frame_s_form_under_a_title_is_no_frame_of_it():
    """Under a header quoted as a title, after the post's sentences, a line citing a frame ("frames
    '[71553.093687]: dump_backtrace+0xf4/0x118'") is text: a report with neither task line nor opener takes
    frames only right under its header (s29 left two posts' titles so, taking a frame: no lone header)."""
    text = ("swapper/0: page allocation failure: order:0, mode:0x20\n\nSeen after a burst of traffic.\n"
            "The trace starts [<ffffffff8163a8f4>] dump_stack+0x19/0x1b as usual; the log:\n\n" + REPORT)
    assert [(e.line, e.call_trace) for e in parse_text(text).events] == [(6, ["dump_stack"])]
    # (a 2.6.9 i386 report's frames right under its header, without task line or opener, are its own)
    bare = "swapper: page allocation failure. order:0, mode:0x20\n [<c0144f5a>] __alloc_pages+0x1b9/0x35e\n"
    assert [e.call_trace for e in parse_text(bare).events] == [["__alloc_pages"]]


@pytest.mark.parametrize("keep", [1, 2, 3])
def test_a_title_is_folded_whatever_the_bound_on_kept_events_dropped(keep):
    """A log's events past the bound (the first and last ``keep``) are counted, not kept: a title whose
    report the bound dropped, or a title dropped itself, is folded all the same (the sink keeps each dropped
    event's key), so the reports counted do not depend on the bound."""
    def report(order, second):
        return REPORT.replace("order:0", "order:%d" % order).replace("812.33", "8%02d.33" % second)
    text = HEADER + "\n" + "".join(report(order, at) for at, order in enumerate([1, 2, 3, 0, 4, 5, 6]))
    whole = parse_text(text)
    assert whole.total_reports == 7 and [e.order for e in whole.events] == [1, 2, 3, 0, 4, 5, 6]
    bounded = parse_text(text, keep=keep)
    assert bounded.total_reports == 7
    assert [e.order for e in bounded.events] == [1, 2, 3, 0, 4, 5, 6][:keep - 1] + [1, 2, 3, 0, 4, 5, 6][-keep:]
    # the title dropped with its report kept (the head full of other reports before it)
    late = "".join(report(order, at) for at, order in enumerate([1, 2, 3])) + "\n" + HEADER + "\n" + report(0, 9)
    assert parse_text(late, keep=1).total_reports == parse_text(late).total_reports == 4
