"""Confidence levels and the report fallback of the reserve state (the rest runs through the rules)."""

import doctest

from pagealloc.knowledge import reserve_state
from pagealloc.knowledge.reserve_state import PICTURE_INPUTS, REPORT_SOURCE, confidence
from pagealloc.tests.knowledge.test_failure_summary import seed_event


def test_doc_examples():
    failed, _ = doctest.testmod(reserve_state)
    assert failed == 0


def test_two_weak_reasons_make_low_confidence():
    reasons = ["default_estimated", "current_from_failure_report", "zone_below_min_in_report"]
    assert confidence(reasons) == {"level": "low", "reasons": reasons}


def test_without_a_memory_picture_the_report_gives_the_reserve_and_everything_is_missing():
    # Seed report zones: DMA min 124 + Normal min 1908 = 2032 kB; no default without a picture.
    state = reserve_state.reserve_state(None, [seed_event()])
    assert (state["current"], state["source"]) == (2032, REPORT_SOURCE)
    assert state["default"] is None and state["near_default"] is None and state["ratio"] is None
    assert state["persisted"] is None
    assert state["missing_inputs"] == list(PICTURE_INPUTS)
