"""Confidence levels and the report fallback of the reserve state (the rest runs through the rules)."""

import doctest

from pagealloc.combiners.picture_json import reserve_details
from pagealloc.kernlog.event import ZoneWatermarks
from pagealloc.knowledge import reserve_state
from pagealloc.knowledge.reserve_state import PICTURE_INPUTS, REPORT_SOURCE, confidence
from tests.knowledge.test_failure_summary import seed_event


def test_doc_examples():
    failed, _ = doctest.testmod(reserve_state)
    assert failed == 0


def test_two_weak_reasons_make_low_confidence():
    reasons = ["default_estimated", "current_estimated_from_report", "zone_below_min_in_report"]
    assert confidence(reasons) == {"level": "low", "reasons": reasons}
    # MemTotal from the report only bounds the recommendation: not a weakness of the verdict.
    assert confidence(["default_computed", "current_read", "mem_total_estimated_from_report"])["level"] == "high"


def test_without_a_memory_picture_the_report_gives_the_reserve_and_everything_is_missing():
    # Seed report zones: DMA min 124 + Normal min 1908 = 2032 kB; present 15872 + 243776 kB
    # -> default int_sqrt(16 x 259648) = 2038, MemTotal ~ 259648 kB.
    event = seed_event(zones=[ZoneWatermarks(None, "DMA", 992, 124, 152, 184, present_kb=15872),
                              ZoneWatermarks(None, "Normal", 716, 1908, 2384, 2860, present_kb=243776)])
    state = reserve_state.reserve_state(None, [event])
    details = reserve_details(state)  # the rules' min_free_kbytes block (ratio rounded to 2 digits there)
    assert (state.current.value, state.current.input, state.estimate.basis["range"]) == (2032, REPORT_SOURCE,
                                                                                         [2032, 2043])
    assert (state.default.value, state.default_basis["source"], state.near_default) == (2038, REPORT_SOURCE, True)
    assert (state.mem_total.value, state.mem_total.input, details["ratio"]) == (259648, REPORT_SOURCE, 1.0)
    assert state.persisted is None
    assert state.missing_inputs == list(PICTURE_INPUTS)


def test_without_events_nothing_is_taken_from_reports():
    # The rules about configuration (persistence, too high) pass no events: only read values count.
    assert reserve_state.reserve_state(None).current.value is None


def test_report_without_zone_lines_gives_no_reserve():
    state = reserve_state.reserve_state(None, [seed_event(zones=[])])
    assert (state.current.value, state.default.value, state.near_default) == (None, None, None)
