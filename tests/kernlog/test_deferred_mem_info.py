"""A Mem-Info block's lines read by their kind are read when their event is given out (assembler.DEFER_MEM): the
events, the dropped events' title keys, the counts and the assembler's state (split_feed.state_digest) are those of
reading each line at once, on drawn logs: dmesg reports of every era with drawn Mem-Info lines, standard and broken,
put into their blocks, lines dropped, cut and wrapped, several reports in a row, read whole, bounded and in two parts.
"""

import dataclasses
import io
import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import assembler, quoted_title, scan, split_feed
from pagealloc.kernlog.assembler import ReportAssembler
from pagealloc.kernlog.event import FailureEvent, ZoneWatermarks
from pagealloc.kernlog.parse import parse_stream
from tests.kernlog.test_dense_path import (
    MEM_FIXTURES,
    MEM_KIND_BODIES,
    _events,
    _fixture_lines,
    _mem_block_edited,
)

EDITS = st.lists(st.tuples(st.integers(0, 10 ** 6), st.sampled_from(["replace", "replace", "after", "alone", "drop",
                                                                     "cut", "wrap"]), MEM_KIND_BODIES), max_size=8)


def _drawn(names, edits):
    return _mem_block_edited([line for name in names for line in _fixture_lines(name)], edits)


def _bounded(lines, keep):
    """Events as given out, and the count (quoted_title folds titles with the dropped events' title keys)."""
    result = parse_stream(io.BytesIO("\n".join(lines).encode()), keep=keep)
    return [dataclasses.asdict(event) for event in result.events], result.total_reports, result.suppressed


def _unordered_traces(result):
    """Events and counts as they are, the traces classified as a multiset: a report whose Mem-Info lines are read
    later is classified when it is given out, so a SLUB block's own (empty) trace that follows it may be classified
    first; what is classified is the same."""
    events, total, suppressed, traces = result
    return events, total, suppressed, sorted(repr(trace) for trace in traces)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=4), EDITS, st.sampled_from([scan.MAX_LINE, 100]))
# (s34-holdAE, found in a kernlog run on 09f5b04) a SLUB line in place of the report's Mem-Info title: the report,
# read later, is classified after the SLUB block it precedes; events and counts equal
@example(names=["dmesg_6.19_xen_uvc_alloc_profiling.txt"],
         edits=[(0, "replace", "Mem-info:"), (0, "replace", "SLUB: Unable to allocate memory on node -1 (gfp=0x20)")],
         max_line=scan.MAX_LINE)
def test_lines_read_later_give_what_reading_them_at_once_gives(names, edits, max_line):
    lines = _drawn(names, edits)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "MAX_LINE", max_line)
        patch.setattr(assembler, "DEFER_MEM", "always")
        later = _unordered_traces(_events(lines, True, scanned=True))
        patch.setattr(assembler, "DEFER_MEM", "never")
        assert later == _unordered_traces(_events(lines, True, scanned=True))
        assert later == _unordered_traces(_events(lines, False, ("_plain_header",), scanned=True))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=2, max_size=6), EDITS, st.sampled_from([1, 2, 3]))
def test_a_bounded_sink_gives_the_same_events_and_counts(names, edits, keep):
    # the events the bound keeps, read later (those after the first ones) or at once, and the count with the titles
    # folded by the dropped events' keys (quoted_title asks a dropped event's title key, its lines never read)
    lines = _drawn(names, edits)
    with pytest.MonkeyPatch.context() as patch:
        later = _bounded(lines, keep)
        patch.setattr(assembler, "DEFER_MEM", "never")
        assert later == _bounded(lines, keep)


def _digests(lines, every):
    """split_feed.state_digest after every ``every``-th line fed (scan's runs on), and the events."""
    fed, digests = ReportAssembler(keep=10 ** 6), []
    for number, line in enumerate(lines, 1):
        run = fed.feed_run([line], 0, number - 1, scan.MAX_LINE) if fed.held is not None else 0
        if not run:
            fed.feed(number, line)
        if number % every == 0:
            digests.append(split_feed.state_digest(fed))
    return digests, [dataclasses.asdict(event) for event in fed.finish().events()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=3), EDITS, st.integers(5, 40))
def test_the_state_digest_is_that_of_reading_at_once(names, edits, every):
    # split_feed joins two parts where their digests agree: a part whose sink is full (lines read later) and one
    # whose sink is not (read at once) must agree where their states do
    lines = _drawn(names, edits)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembler, "DEFER_MEM", "always")
        later = _digests(lines, every)
        patch.setattr(assembler, "DEFER_MEM", "never")
        assert later == _digests(lines, every)


def test_a_dense_log_in_two_parts_gives_what_one_stream_gives(tmp_path):
    # both parts read later once their sinks are full, and join where their digests agree (split_feed)
    lines = [line for name in MEM_FIXTURES for line in _fixture_lines(name) if line.startswith("[")] * 6
    path = tmp_path / "dense.log"
    path.write_text("\n".join(lines) + "\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(split_feed, "STRIDE", 4096)
        whole = ReportAssembler(keep=2)
        split_feed.feed_file(str(path), whole, workers=2, threshold=0)
        patch.setattr(assembler, "DEFER_MEM", "never")
        with open(path, "rb") as stream:
            once = scan.feed_stream(stream, ReportAssembler(keep=2))
    assert os.path.getsize(path) > 3 * 4096 and whole.sink.total == once.sink.total > 4
    assert [event.to_dict() for event in whole.sink.events()] == [event.to_dict() for event in once.sink.events()]
    assert whole.sink.evicted == once.sink.evicted


def test_lines_are_read_later_on_a_dense_dmesg():
    deferred = []
    original = assembler._defer_mem_line

    def counting(target, name, line):
        deferred.append(name)
        return original(target, name, line)

    lines = _fixture_lines("dmesg_3.10_rhel7_ixgbe.txt") * 3
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembler, "_defer_mem_line", counting)
        events = _bounded(lines, 1)[0]
    assert {"zone", "lowmem", "buddy", "end"} <= set(deferred)  # (the reports after the first, which the sink holds)
    assert events[-1]["zones"] and events[-1]["buddy"] and events[-1]["mem_info"]  # (read when given out)


ZONE = ZoneWatermarks(node=0, zone="Normal", free_kb=1, min_kb=1, low_kb=1, high_kb=1)


@settings(max_examples=500, deadline=None)
@given(st.builds(FailureEvent, kind=st.just("page-allocation-failure"), timestamp=st.none() | st.just(1.0),
                 pid=st.none() | st.just(7), kernel=st.none() | st.just("3.10.0"), gfp_mask=st.just("0x20"),
                 call_trace=st.lists(st.sampled_from(["dump_stack", "net_rx_action"]), min_size=1, max_size=2),
                 zones=st.sampled_from([[], [ZONE]])))
@example(event=FailureEvent("page-allocation-failure", gfp_mask="0x20", call_trace=["dump_stack"]))
def test_a_title_key_of_an_event_with_a_trace_asks_nothing_read_later(event):
    # an event is given to the sink with its lines, call path and mode unread only when it has a trace
    # (assembler._close): its title key (asked when the bound drops it) is then what it is with them read
    for era in (None, "2.4", "3.10|4.4-4.9"):
        read = dataclasses.replace(event, zones=[ZONE], gfp_era=era, atomic=True, context="network-rx")
        assert quoted_title.title_key(event) == quoted_title.title_key(read)


def test_call_paths_and_modes_are_read_later_on_a_dense_dmesg():
    classified = []
    original = assembler.classify_trace

    def counting(*trace):
        classified.append(trace)
        return original(*trace)

    lines = _fixture_lines("dmesg_3.10_rhel7_ixgbe.txt") * 4
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembler, "classify_trace", counting)
        fed = ReportAssembler(keep=1)
        for number, line in enumerate(lines, 1):
            fed.feed(number, line)
        fed.finish()
        assert len(classified) == 1 and fed.sink.total == 4  # (the first event: the sink's head)
        events = fed.sink.events()
        assert len(classified) == 2  # (the last: the one the bound keeps; the two between are never read)
    assert events[-1].context == events[0].context and events[-1].atomic == events[0].atomic is not None
