"""
The watermark boost a 5.0-5.15 zone line includes without printing it
(pagealloc.knowledge.hidden_boost), on the real Ingenic 5.8 report and on drawn
marks built the way __setup_per_zone_wmarks() and boost_watermark() build them.
"""

import dataclasses
import doctest
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.evaluate import evaluate_path
from pagealloc.kernlog.event import ZoneWatermarks
from pagealloc.kernlog.parse import parse_text
from pagealloc.knowledge import hidden_boost
from pagealloc.knowledge.failure_summary import min_free_kbytes_from_report
from pagealloc.knowledge.watermark_replay import replay_event

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")
INGENIC = "mail_5.8_mips_qp_stmmac_hidden_boost.txt"
MAIN_RULE = "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"


def posted(name):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return handle.read()


def test_doc_examples():
    assert doctest.testmod(hidden_boost)[0] == 0


def test_ingenic_zone_line_carries_a_pageblock_of_boost_it_does_not_print():
    # Normal free:1812kB min:5472kB low:5816kB high:6160kB, managed 118804 kB (4 kB pages).
    # gap = 5816 - 5472 = 344 kB = 86 pages = 6160 - 5816; 4 x 86 + 3 = 347 pages = 1388 kB at most
    # unboosted (the other report of the boot prints min:1376kB low:1720kB: 344 pages, gap 86).
    # Boost at least 1368 - 347 = 1021 pages = 4084 kB (a 1024-page pageblock).
    event = parse_text(posted(INGENIC)).events[0]
    normal = event.zones[0]
    assert (normal.zone, normal.min_kb, normal.low_kb, normal.high_kb, normal.boost_kb) == \
        ("Normal", 5472, 5816, 6160, None)
    assert (hidden_boost.boost_kb(normal), hidden_boost.boost_basis(normal)) == (4084, "inferred_from_gap")
    # The reserve the report shows is the unboosted min: 5472 - 4084 = 1388 kB, not 5472 kB.
    assert min_free_kbytes_from_report(event) == 1388


def test_ingenic_replay_leaves_the_test_open_and_the_rule_does_not_raise_a_boosted_reserve(tmp_path):
    # 0xa20 with no release printed: the 5.1-6.2 layout spans 5.1-5.6 (the boosted min is the mark:
    # 1368 -> 684 -> 513, 453 <= 513) and 5.7+ (an order-0 GFP_ATOMIC request retries with the
    # unboosted min, commit f80b08fc4453: 347 -> 174 -> 131, 453 > 131).  Before, the boost was
    # invisible: "reserve_exhausted: Normal 453 <= 513" and a raise from 5472 to 5836 kB.
    result = replay_event(parse_text(posted(INGENIC)).events[0])
    assert (result["verdict"], result["reason"]) == ("inconclusive", "boost_rule_unknown")
    normal = result["zones"][0]
    assert (normal["boost_pages"], normal["boost_basis"], normal["mark_pages"], normal["floor_pages"]) == \
        (1021, "inferred_from_gap", 347, 131)
    path = tmp_path / "dmesg"
    path.write_text(posted(INGENIC))
    verdict = next(v for v in evaluate_path(str(path))["verdicts"] if v["rule"] == MAIN_RULE)
    assert verdict["key"] == "RESERVE_NOT_SHOWN_EXHAUSTED"
    assert verdict["details"]["min_free_kbytes"]["current"] == 1388


def test_a_5_8_release_decides_the_boost_rule_and_the_zone_passes():
    # The same report with its release known (the task line's "5.8.0-00013-g192f2fd7b678", lost to a
    # soft break in the mail): 5.7+ ignores the boost for the atomic order-0 request, so Normal 453 >
    # 131 + drift 86 (low - min, one CPU): above its floor.
    event = dataclasses.replace(parse_text(posted(INGENIC)).events[0], kernel="5.8.0-00013-g192f2fd7b678")
    assert replay_event(event)["verdict"] == "other_cause"


@settings(max_examples=300, deadline=None)
@given(st.integers(32, 200000), st.integers(0, 4000), st.integers(0, 40), st.integers(0, 300000))
def test_the_inferred_boost_never_exceeds_the_real_one(min_pages, managed_term, blocks, managed):
    # __setup_per_zone_wmarks() (4.6+): gap = max(min >> 2, managed x wsf / 10000); boost_watermark()
    # adds pageblocks (512 pages here) to all three marks.  Printed in kB, no boost field (5.0-5.15).
    gap = max(min_pages >> 2, managed_term)
    boost = blocks * 512
    zone = ZoneWatermarks(None, "Normal", 0, 4 * (min_pages + boost), 4 * (min_pages + gap + boost),
                          4 * (min_pages + 2 * gap + boost), managed_kb=4 * managed)
    inferred = hidden_boost.boost_kb(zone)
    assert 0 <= inferred <= 4 * boost
    if boost == 0:
        assert inferred == 0
    if gap == min_pages >> 2:  # the min / 4 term: exact within the 3 pages of the division
        assert 4 * boost - inferred <= 4 * 3 or inferred == 0 and 4 * (min_pages + boost) <= 4 * (4 * gap + 3)


def test_pre_5_0_and_2_6_shapes_never_read_as_boosted():
    # 3.10 (low = min + min/4, high = min + min/2), 2.6.9 (low = 2 x min, high = 3 x min), a 3.10
    # HighMem zone (min clamped to 128 pages, gap from its lowmem share).
    for zone in (ZoneWatermarks(None, "DMA32", 0, 4136, 5168, 6204), ZoneWatermarks(None, "Normal", 0, 8044, 16088, 24132),
                 ZoneWatermarks(None, "HighMem", 0, 128, 304, 480)):
        assert hidden_boost.boost_kb(zone) == 0
