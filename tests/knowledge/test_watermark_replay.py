"""
The watermark replay (pagealloc.knowledge.watermark_replay): the kernel's zone test re-run on
real report shapes of several eras, each number worked out by hand in a comment, each report also
taken through the real chain (evaluate_path) to the main rule's verdict.
"""

import doctest
import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.evaluate import evaluate_path
from pagealloc.kernlog.parse import parse_text
from pagealloc.knowledge import watermark_replay
from pagealloc.knowledge.failure_summary import atomic_floor_kb
from pagealloc.knowledge.watermark_replay import alloc_floor_pages, replay_event, replay_events
from tests.kernlog.helpers import fixture_path, fixture_text, one_zone_line_each, report_fixtures
from tests.rules.inputs import said_verdict

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")


def fixture_text_rules(name):
    """An excerpt kept with the verdict tests' inputs (tests/fixtures/rules), not in the metamorphic suite."""
    with open(os.path.join(os.path.dirname(POSTED), "rules", name), encoding="utf-8") as handle:
        return handle.read()


def posted_text(name):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return handle.read()


MAIN_RULE = "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"
# The reserve's verdict: the main rule's, or the same verdict for reports only off the receive path.
RESERVE_RULES = (MAIN_RULE, "pagealloc.rules.min_free_kbytes_low_atomic_other_path.report")


def test_doc_examples():
    assert doctest.testmod(watermark_replay)[0] == 0


def one_event(text):
    events = [e for e in parse_text(text).events if e.kind == "page-allocation-failure"]
    assert len(events) == 1
    return events[0]


def zone(result, name, node=0):
    return next(z for z in result["zones"] if z["zone"] == name and (z["node"] or 0) == node)


def main_verdict(tmp_path, text, name="dmesg"):
    path = tmp_path / name
    path.write_text(text)
    result = evaluate_path(str(path))
    found = [v for v in result["verdicts"] if v["rule"] in RESERVE_RULES]
    assert len(found) == 1, result["verdicts"]
    return found[0]


def with_lines(fixture, replacements):
    """A fixture with some of its lines replaced (each old line must exist once)."""
    text = fixture_text(fixture)
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# --- 2.6.32: the seed -------------------------------------------------------------------------

def test_seed_normal_179_pages_is_below_its_180_page_floor():
    # Debian 2.6.32-5-686, mode 0x20 = GFP_ATOMIC (__GFP_HIGH, no __GFP_WAIT): ALLOC_HIGH|ALLOC_HARDER.
    # Normal: free 716 kB = 179 pages; min 1908 kB = 477 pages -> 477 - 238 = 239 -> 239 - 59 = 180
    # (= 720 kB, failure_summary.atomic_floor_kb); lowmem_reserve[Normal] of Normal is 0; 179 <= 180.
    # DMA: 992 kB = 248 pages; min 31 -> 16 -> 12 + lowmem_reserve[1] 238 = 250; 248 <= 250.
    result = replay_event(one_event(fixture_text("dmesg_2.6.32_i686_e100_seed.txt")))
    assert (result["verdict"], result["era"]) == ("reserve_exhausted", "2.6-3.6")
    assert result["request"]["alloc_flags"] == ["ALLOC_HIGH", "ALLOC_HARDER"]
    normal = zone(result, "Normal")
    assert (normal["usable_free_pages"], normal["floor_pages"], normal["threshold_pages"], normal["margin_pages"]) == \
        (179, 180, 180, -1)
    assert normal["floor_pages"] * 4 == atomic_floor_kb(1908) == 720
    dma = zone(result, "DMA")
    assert (dma["floor_pages"], dma["lowmem_reserve_pages"], dma["threshold_pages"]) == (12, 238, 250)


def test_seed_through_the_chain_fires_with_the_replay_line(tmp_path):
    verdict = main_verdict(tmp_path, fixture_text("dmesg_2.6.32_i686_e100_seed.txt"))
    assert (verdict["key"], verdict["details"]["recommendation"]["value"]) == ("MIN_FREE_KBYTES_LOW_ATOMIC_RX", 4096)
    assert verdict["details"]["replay"]["verdict"] == "reserve_exhausted"
    text = said_verdict(verdict)  # the human report's words
    assert "every zone the allocation could use was below its floor, so a larger reserve helps" in text
    assert "report 1: DMA 248 <= 250 pages" in text
    assert "Normal 179 <= 180 pages (min 477 -> 239 -> 180 + lowmem_reserve 0)" in text


def test_e100_example_still_fires_with_4096(examples_dir):
    result = evaluate_path(os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    verdict = next(v for v in result["verdicts"] if v["rule"] in RESERVE_RULES)
    assert (verdict["key"], verdict["details"]["recommendation"]["value"]) == ("MIN_FREE_KBYTES_LOW_ATOMIC_RX", 4096)
    assert verdict["details"]["replay"]["more_reserve_helps"] is True


# --- 5.x: boost ---------------------------------------------------------------------------------

# The 5.10 arm64 fixture's Normal line with a 40960 kB boost: printed min 65536 kB = 16384 pages
# includes it (min_wmark_pages() = _watermark[WMARK_MIN] + watermark_boost); unboosted min
# 24576 kB = 6144 pages.  Free 20000 kB = 5000 pages: far below the printed min.
HNS3_NORMAL = ("Normal free:9860kB boost:0kB min:36868kB low:46084kB high:55300kB",
               "Normal free:20000kB boost:40960kB min:65536kB low:74752kB high:83968kB")
HNS3_NORMAL_BUDDY = ("Node 0 Normal: 2465*4kB (UME) 0*8kB", "Node 0 Normal: 5000*4kB (UME) 0*8kB")


def test_boost_ignored_from_5_7_the_printed_min_would_mislead(tmp_path):
    # 5.10, mode 0xa20 = GFP_ATOMIC (__GFP_HIGH|__GFP_ATOMIC|__GFP_KSWAPD_RECLAIM): order-0 __GFP_ATOMIC
    # is retried with the unboosted mark (zone_watermark_fast, 5.7+): 6144 -> 3072 -> 2304 pages.
    # 5000 > 2304 by 2696 pages; drift bound (CPU 5 -> at least 6 CPUs): normal threshold
    # 2 x fls(6)=3 x (1 + fls(32485152 kB / 128 MiB = 247) = 8) = 54 -> 6 x 54 = 324; pressure
    # (74752 - 65536) kB / 4 = 2304 pages, / 6 = 384 -> capped 125 -> 750; low - min = 2304.
    # Bound 2304 < 2696: the zone passed the kernel's own test -> other_cause, no recommendation.
    text = with_lines("dmesg_5.10_arm64_hns3.txt", dict([HNS3_NORMAL, HNS3_NORMAL_BUDDY]))
    result = replay_event(one_event(text))
    normal = zone(result, "Normal")
    assert (normal["mark_pages"], normal["floor_pages"], normal["margin_pages"], normal["drift_pages"]) == \
        (6144, 2304, 2696, 2304)
    assert (result["verdict"], result["era"]) == ("other_cause", "5.7-6.2")
    assert "(boost 10240 ignored)" in watermark_replay.replay_line(result)
    verdict = main_verdict(tmp_path, text)
    assert (verdict["key"], verdict["details"]["replay"]["verdict"]) == ("RESERVE_NOT_SHOWN_EXHAUSTED", "other_cause")


def test_the_same_numbers_on_5_4_where_boost_applied_are_reserve_exhausted():
    # 5.0-5.6 checked the boosted mark: 16384 -> 8192 -> 6144 pages; 5000 <= 6144.  Metamorphic:
    # only the release changes, and the verdict follows the era.
    text = with_lines("dmesg_5.10_arm64_hns3.txt", dict([HNS3_NORMAL, HNS3_NORMAL_BUDDY]))
    text = text.replace("5.10.0-60.18.0.50.oe2203.aarch64", "5.4.0-42-generic")
    result = replay_event(one_event(text))
    assert (result["era"], zone(result, "Normal")["threshold_pages"], result["verdict"]) == \
        ("5.0-5.6", 6144, "reserve_exhausted")


# --- DMA32 excluded by lowmem_reserve -----------------------------------------------------------

def test_dma32_with_234_mb_free_is_excluded_by_its_lowmem_reserve(tmp_path):
    # RHEL 7.9 (3.10.0-1160), mode 0x20.  DMA32 free 240000 kB = 60000 pages looks plentiful, but a
    # Normal-class request must leave lowmem_reserve[2] = 62447 pages there: floor 848 -> 424 -> 318,
    # threshold 318 + 62447 = 62765; 60000 <= 62765.  Normal 3011 <= 4230 (11278 -> 5639 -> 4230).
    text = with_lines("dmesg_3.10_rhel7_ixgbe.txt", {
        "DMA32 free:6000kB": "DMA32 free:240000kB",
        "Node 0 DMA32: 300*4kB (UEM) 200*8kB (UEM) 100*16kB (UM) 50*32kB (UM) 0*64kB 0*128kB 0*256kB 0*512kB "
        "0*1024kB 0*2048kB 0*4096kB = 6000kB":
        "Node 0 DMA32: 300*4kB (UEM) 200*8kB (UEM) 100*16kB (UM) 50*32kB (UM) 0*64kB 0*128kB 0*256kB 0*512kB "
        "0*1024kB 0*2048kB 57*4096kB (M) = 239472kB"})
    result = replay_event(one_event(text))
    dma32 = zone(result, "DMA32")
    assert (dma32["usable_free_pages"], dma32["lowmem_reserve_pages"], dma32["threshold_pages"], dma32["status"]) == \
        (60000, 62447, 62765, "below_floor")
    assert result["verdict"] == "reserve_exhausted"
    verdict = main_verdict(tmp_path, text)
    assert verdict["key"] == "MIN_FREE_KBYTES_LOW_ATOMIC_RX"


# --- CMA ------------------------------------------------------------------------------------------

def test_a_zone_whose_free_pages_are_cma_is_below_the_floor_for_an_unmovable_request():
    # 5.10 arm64, GFP_ATOMIC (unmovable: no ALLOC_CMA).  Normal free 200000 kB = 50000 pages, far
    # above min 36868 kB, but free_cma 190000 kB = 47500 pages cannot serve it: usable 2500 pages;
    # floor 9217 -> 4609 -> 3457; 2500 <= 3457.  free vs min alone would call this zone healthy.
    text = with_lines("dmesg_5.10_arm64_hns3.txt", {
        "Normal free:9860kB": "Normal free:200000kB",
        "free_pcp:600kB local_pcp:0kB free_cma:0kB": "free_pcp:600kB local_pcp:0kB free_cma:190000kB"})
    result = replay_event(one_event(text))
    normal = zone(result, "Normal")
    assert (normal["free_pages"], normal["free_cma_pages"], normal["usable_free_pages"], normal["threshold_pages"]) == \
        (50000, 47500, 2500, 3457)
    # Counted, the CMA pages put it 50000 - 3457 pages above the floor: the memory was there, in CMA.
    assert normal["cma_subtracted"] and (result["verdict"], result["causes"]) == ("cma_held", ["free_pages_in_cma"])
    assert "free_cma 47500 not usable" in watermark_replay.replay_line(result)


def test_a_zone_below_its_floor_even_with_its_cma_pages_is_reserve_exhausted():
    # The same zone with free 12000 kB = 3000 pages, of which free_cma 1600 kB = 400: usable 2600 <= 3457,
    # and 3000 <= 3457 with the CMA pages too: the reserve itself ran out.
    text = with_lines("dmesg_5.10_arm64_hns3.txt", {
        "Normal free:9860kB": "Normal free:12000kB",
        "free_pcp:600kB local_pcp:0kB free_cma:0kB": "free_pcp:600kB local_pcp:0kB free_cma:1600kB"})
    result = replay_event(one_event(text))
    normal = zone(result, "Normal")
    assert (normal["usable_free_pages"], normal["free_cma_pages"], normal["threshold_pages"]) == (2600, 400, 3457)
    assert result["verdict"] == "reserve_exhausted"


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 60000), st.integers(0, 60000))
def test_cma_held_exactly_when_the_cma_pages_would_lift_the_zone_over_its_floor(free_pages, cma_pages):
    cma_pages = min(cma_pages, free_pages)
    text = with_lines("dmesg_5.10_arm64_hns3.txt", {
        "Normal free:9860kB": "Normal free:%dkB" % (free_pages * 4),
        "free_pcp:600kB local_pcp:0kB free_cma:0kB": "free_pcp:600kB local_pcp:0kB free_cma:%dkB" % (cma_pages * 4)})
    result = replay_event(one_event(text))
    normal = zone(result, "Normal")
    if normal["status"] != "below_floor":
        assert result["verdict"] != "cma_held"
        return
    lifted = free_pages - normal["threshold_pages"] > (normal["drift_pages"] or 0)
    assert (result["verdict"] == "cma_held") == (bool(cma_pages) and lifted)


def test_posted_imx_fec_receive_failure_with_its_free_memory_in_cma_does_not_raise_the_reserve(tmp_path):
    # The i.MX 3.10.53 fec report Michal Hocko answered "All your remaining memory is apparently
    # reserved for CMA" (linux-mm 2014-12-05).  DMA free 143792 kB = 35948 pages, free_cma:35784
    # (global, pages; the zone line's free_cma:143136kB the same): usable 35948 - 35784 = 164;
    # min 3336 kB = 834 -> 834 - 417 = 417 -> 417 - 104 = 313; 164 <= 313, but 35948 > 313 with CMA.
    verdict = main_verdict(tmp_path, posted_text("mail_3.10_quoted_player_status_glued_fec.txt"))
    replay = verdict["details"]["replay"]
    assert (verdict["key"], replay["verdict"]) == ("RESERVE_NOT_SHOWN_EXHAUSTED", "cma_held")
    assert replay["text"] == ["cma_held: DMA 164 <= 313 pages (min 834 -> 417 -> 313 + lowmem_reserve 0, "
                              "free_cma 35784 not usable)"]


# --- No zone line, the buddy lines' migrate types (3.10 ppc64, linux-mm 2014-05-18) -----------------------

CMA_BUDDY = "mail_3.10_ppc64_cma_buddy_only_wrapped_total_tg3.txt"
CMA_BUDDY_LINE = (" Node 0 DMA: 408*64kB (C) 408*128kB (C) 408*256kB (C) 408*512kB (C) 408*1024kB (C) 406*2048kB (C) "
                  "199*4096kB (C) 97*8192kB (C) 6*16384kB (C) =")


def test_posted_ppc64_report_with_only_cma_free_blocks_is_cma_held_from_its_buddy_line(tmp_path):
    # The author: "non movable atomic allocations are failing because we don't have anything other than
    # CMA pages left".  The zone lines were cut; the DMA buddy line (ppc64's one zone, 64 kB pages) shows
    # free blocks at every order, each only on the CMA lists: 3348992 kB the unmovable 0x20 request may not
    # take, more than the largest default reserve of 3.10 (65536 kB).
    verdict = main_verdict(tmp_path, posted_text(CMA_BUDDY))
    replay = verdict["details"]["replay"]
    assert (verdict["key"], replay["verdict"]) == ("RESERVE_NOT_SHOWN_EXHAUSTED", "cma_held")
    assert replay["reports"][0]["reason"] == "buddy_free_blocks_only_cma"
    assert replay["text"] == ["cma_held (no zone line; buddy lines: free blocks on CMA lists only, 3348992 kB)"]


@pytest.mark.parametrize("old, new", [
    ("408*64kB (C)", "408*64kB (UC)"),    # an order with an unmovable list too: its blocks may be usable
    ("408*64kB (C)", "408*64kB (R)"),     # MIGRATE_RESERVE (up to 4.3): an atomic request takes it
    ("408*64kB (C)", "408*64kB"),         # an order without its types: nothing known of it
])
def test_a_free_block_the_request_may_take_leaves_the_replay_without_zone_lines(old, new):
    result = replay_event(one_event(posted_text(CMA_BUDDY).replace(CMA_BUDDY_LINE, CMA_BUDDY_LINE.replace(old, new, 1))))
    assert (result["verdict"], result["reason"]) == ("inconclusive", "zone_lines_missing")


def test_isolated_blocks_count_as_unusable_but_not_as_cma():
    # "(CI)" at order 0: not usable, not counted as CMA (the lists cannot be told apart): 3348992 - 408*64.
    result = replay_event(one_event(posted_text(CMA_BUDDY).replace("408*64kB (C)", "408*64kB (CI)", 1)))
    assert (result["verdict"], result["cma_free_kb"]) == ("cma_held", 3348992 - 408 * 64)


@pytest.mark.parametrize("mask, verdict", [("0x20", "cma_held"), ("0x200da", "inconclusive")])
def test_a_movable_request_may_take_cma_blocks(mask, verdict):
    # 3.10: 0x200da = GFP_HIGHUSER_MOVABLE (__GFP_MOVABLE 0x08): ALLOC_CMA, the CMA lists are its own.
    text = posted_text(CMA_BUDDY).replace("order:0, mode:0x20", "order:0, mode:" + mask)
    assert replay_event(one_event(text))["verdict"] == verdict


def test_cma_free_blocks_below_the_largest_default_reserve_decide_nothing():
    # One order left with 1000 x 64 kB = 64000 kB on the CMA lists: not above 65536 kB.
    line = " Node 0 DMA: 1000*64kB (C) 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB 0*8192kB 0*16384kB ="
    text = posted_text(CMA_BUDDY).replace(CMA_BUDDY_LINE, line).replace("\n 3348992kB\n", "\n 64000kB\n")
    event = one_event(text)
    assert event.buddy["DMA"]["0"] == 1000 and event.buddy_types["DMA"] == {"0": "C"}
    assert replay_event(event)["reason"] == "zone_lines_missing"


def test_posted_binder_report_with_free_above_its_floor_is_not_exhausted_though_the_reserve_is_unknown(tmp_path):
    # Jaewon Kim's 4.19 Android example (linux-mm 2020): no task line, no release, so neither the
    # reserve's default nor its running value can be had.  Its own zone says enough: Normal free
    # 10908 kB = 2727 pages, free_cma 712 kB = 178 -> usable 2549; min 6192 kB = 1548 -> 1548 - 774 =
    # 774 -> 774 - 193 = 581; lowmem_reserve 0; margin 1968 pages above the floor, inside the drift
    # bound low - min = (44388 - 6192) / 4 = 9549: the test is open, exhaustion is not shown.  Before,
    # the rule answered INSUFFICIENT_DATA and offered a raise "if the reserve is the default".
    verdict = main_verdict(tmp_path, fixture_text_rules("mail_4.19_android_binder_atomic_free_above_min.txt"))
    assert verdict["key"] == "RESERVE_NOT_SHOWN_EXHAUSTED"
    assert verdict["details"]["replay"]["text"] == [
        "inconclusive (margin_within_drift): Normal 2549 > 581 pages (min 1548 -> 774 -> 581 + lowmem_reserve 0, "
        "free_cma 178 not usable, drift bound 9549)"]
    assert verdict["details"]["min_free_kbytes"]["current"] is None


# --- 6.6 highatomic (CVE-2024-50219 shape) -----------------------------------------------------------

CVE_NORMAL = ("Normal free:11672kB boost:0kB min:32768kB low:47108kB high:61448kB reserved_highatomic:2048KB",
              "Normal free:163840kB boost:0kB min:32768kB low:47108kB high:61448kB reserved_highatomic:153600KB")


def cve_report():
    # The 6.12 journal fixture as a 6.6.43 kernel (Cloudflare's case) with most free pages in
    # highatomic pageblocks: free 163840 kB = 40960 pages, reserved_highatomic 153600 kB = 38400.
    text = with_lines("journal_6.12_short-iso_bnxt.txt", {CVE_NORMAL[0]: CVE_NORMAL[1]})
    return text.replace("6.12.9-200.fc41.x86_64", "6.6.43-1.el9.x86_64")


def test_highatomic_pages_count_as_free_for_an_atomic_request_which_then_fails():
    # 6.3+: GFP_ATOMIC 0x820 -> ALLOC_MIN_RESERVE|ALLOC_NON_BLOCK, which are in ALLOC_RESERVES, so
    # __zone_watermark_unusable_free() keeps the highatomic pages: usable 40960 pages; floor
    # 8192 -> 4096 -> 3072; margin 37888 > drift (low - min = 3585 pages).  The zone passes the
    # watermark test, yet order-0 atomics could not take highatomic blocks (rmqueue, before the fix).
    result = replay_event(one_event(cve_report()))
    normal = zone(result, "Normal")
    assert (normal["usable_free_pages"], normal["highatomic_pages"], normal["highatomic_subtracted"]) == \
        (40960, 38400, False)
    assert (normal["threshold_pages"], normal["margin_pages"], normal["drift_pages"]) == (3072, 37888, 3585)
    assert result["verdict"] == "other_cause"
    assert result["causes"][0] == "highatomic_reserve_held"
    assert result["request"]["alloc_flags"] == ["ALLOC_MIN_RESERVE", "ALLOC_NON_BLOCK"]


def test_cve_shape_through_the_chain_does_not_raise_the_reserve(tmp_path):
    verdict = main_verdict(tmp_path, cve_report(), "journal.txt")
    assert (verdict["key"], verdict["details"]["replay"]["verdict"]) == ("RESERVE_NOT_SHOWN_EXHAUSTED", "other_cause")


# --- all_unreclaimable ------------------------------------------------------------------------------

def test_every_zone_all_unreclaimable_says_more_reserve_cannot_help(tmp_path):
    # 3.10 zone lines end with "all_unreclaimable? yes|no" (zone flag up to 4.7).  Every usable zone
    # below its floor (as in the ixgbe fixture) and unreclaimable: real exhaustion.
    text = fixture_text("dmesg_3.10_rhel7_ixgbe.txt").replace("all_unreclaimable? no", "all_unreclaimable? yes")
    assert "all_unreclaimable? yes" in text
    result = replay_event(one_event(text))
    assert (result["verdict"], result["cannot_help"]) == ("reserve_exhausted", ["all_unreclaimable"])
    assert replay_events([one_event(text)])["more_reserve_helps"] is False
    verdict = main_verdict(tmp_path, text)
    assert verdict["key"] == "RESERVE_NOT_SHOWN_EXHAUSTED"
    assert "Every usable zone was marked all_unreclaimable" in said_verdict(verdict)


def test_4_8_node_line_flag_reaches_the_zones_of_its_node():
    # 4.8+ prints "all_unreclaimable? yes" on the "Node N active_anon:..." line (pgdat flag).
    text = fixture_text("dmesg_4.14_amzn2_ena_nodemask.txt")
    assert "all_unreclaimable? no" in text
    event = one_event(text.replace("all_unreclaimable? no", "all_unreclaimable? yes"))
    assert {z.all_unreclaimable for z in event.zones} == {True}
    assert {z.all_unreclaimable for z in one_event(text).zones} == {False}


# --- order > 0 -------------------------------------------------------------------------------------

def test_order_2_with_the_zone_above_floor_but_no_block_is_fragmentation():
    # 6.12 report as order:2.  Normal free 163840 kB = 40960 pages, no highatomic; order 2 takes
    # (1 << 2) - 1 = 3 pages off: 40957 > 3072 + 0; the buddy line has only order-0 pages -> no free
    # block of order >= 2 (4.4+ rule).
    text = with_lines("journal_6.12_short-iso_bnxt.txt", {
        "order:0, mode:0x820(GFP_ATOMIC)": "order:2, mode:0x820(GFP_ATOMIC)",
        CVE_NORMAL[0]: "Normal free:163840kB boost:0kB min:32768kB low:47108kB high:61448kB reserved_highatomic:0KB",
        "Node 0 Normal: 2918*4kB (UME) 0*8kB": "Node 0 Normal: 40960*4kB (UME) 0*8kB"})
    result = replay_event(one_event(text))
    assert zone(result, "Normal")["usable_free_pages"] == 40957
    assert (result["verdict"], result["reason"]) == ("fragmentation", "no_free_block_of_order")


# --- properties --------------------------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=10**7))
def test_floor_matches_the_existing_atomic_floor_and_about_3_8_of_min(min_pages):
    floor = alloc_floor_pages(min_pages, True, True)
    assert floor * 4 == atomic_floor_kb(min_pages * 4)
    assert min_pages * 3 // 8 <= floor <= min_pages * 3 // 8 + 2


SEED_NORMAL = "Normal free:716kB min:1908kB"


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=4000), st.integers(min_value=0, max_value=4000))
def test_more_free_never_turns_a_passing_zone_into_a_failing_one(free_a, free_b):
    # Monotone in free: the seed's Normal zone with two free levels (pages).
    low, high = sorted((free_a, free_b))
    text = fixture_text("dmesg_2.6.32_i686_e100_seed.txt")

    def margin(pages):
        result = replay_event(one_event(text.replace(SEED_NORMAL, "Normal free:%dkB min:1908kB" % (pages * 4))))
        return zone(result, "Normal")["margin_pages"]

    assert margin(low) <= margin(high)
    assert margin(high) - margin(low) == high - low


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=400, max_value=20000))
def test_a_bigger_min_never_lowers_the_floor(min_pages):
    text = fixture_text("dmesg_2.6.32_i686_e100_seed.txt")
    floors = []
    for pages in (min_pages, min_pages + 1, min_pages * 2):
        result = replay_event(one_event(text.replace(SEED_NORMAL, "Normal free:716kB min:%dkB" % (pages * 4))))
        floors.append(zone(result, "Normal")["floor_pages"])
    assert floors == sorted(floors)


def test_a_report_without_zone_lines_is_not_replayable_and_the_rule_decides_as_before():
    headers_and_trace = "\n".join(line for line in fixture_text("dmesg_2.6.32_i686_e100_seed.txt").splitlines()
                                  if "free:" not in line and "lowmem_reserve" not in line)
    result = replay_event(one_event(headers_and_trace))
    assert (result["verdict"], result["reason"]) == ("inconclusive", "zone_lines_missing")
    assert watermark_replay.reserve_may_help(replay_events([one_event(headers_and_trace)]))


def test_a_lost_zone_line_leaves_the_zone_before_it_its_own_lowmem_reserve():
    # A paste that lost the seed's Normal zone line (a wrap no reader could rejoin, a line cut by the
    # poster) keeps Normal's "lowmem_reserve[]: 0 0 0 0".  That list is the lost zone's: the DMA line
    # keeps its own 0 238 238 238, and the replay sees Normal missing (DMA's list steps up to it) and
    # is not replayable, where DMA with a reserve of 0 read "DMA 248 > 12 pages: other_cause".
    text = "\n".join(line for line in fixture_text("dmesg_2.6.32_i686_e100_seed.txt").splitlines()
                     if "Normal free:" not in line)
    event = one_event(text)
    assert [(z.zone, z.lowmem_reserve) for z in event.zones] == [("DMA", [0, 238, 238, 238])]
    result = replay_event(event)
    assert (result["verdict"], result["reason"]) == ("inconclusive", "usable_zone_line_missing")
    assert "zone Normal holds pages (lowmem_reserve[]) but its line is missing" in result["notes"]


def test_every_fixture_gets_a_verdict_with_numbers_or_a_reason():
    for name in sorted(os.listdir(os.path.dirname(fixture_path("x")))):
        with open(fixture_path(name), errors="replace") as handle:
            events = [e for e in parse_text(handle.read()).events if e.kind == "page-allocation-failure"]
        for event in events:
            result = replay_event(event)
            assert result["verdict"] in watermark_replay.VERDICTS
            assert result["reason"], name
            if result["verdict"] != "inconclusive" or result["reason"] == "margin_within_drift":
                assert any(z.get("threshold_pages") is not None for z in result["zones"]), name


# --- the host's CPU count from /proc/zoneinfo -----------------------------------------------------

ZONEINFO_TWO_CPUS = """Node 0, zone   Normal
  pages free     179
        min      477
        low      596
        high     715
        present  60944
    protection: (0, 0, 0, 0)
  pagesets
    cpu: 0
              count: 89
              high:  90
              batch: 15
  vm stats threshold: 12
    cpu: 1
              count: 12
              high:  90
              batch: 15
  vm stats threshold: 12
"""


def test_zoneinfo_pagesets_give_the_online_cpu_count_and_the_replay_uses_it():
    # 2.6.32-style pagesets (one "cpu: N" per online CPU): 2 CPUs.  The drift bound of a zone then
    # is exact: 2 x max(normal 2 x fls(2)=2 x (1 + fls(60944 x 4 kB / 128 MiB = 1)) = 8,
    # pressure (596 - 477) / 2 = 59) = 118 pages, without the low - min stand-in of unknown counts.
    from insights.tests import context_wrap

    from pagealloc.parsers.zoneinfo import ZoneInfo
    parsed = ZoneInfo(context_wrap(ZONEINFO_TWO_CPUS))
    assert (parsed.online_cpus, parsed.zone(0, "Normal").high_pages) == (2, 715)
    text = fixture_text("dmesg_2.6.32_i686_e100_seed.txt").replace(
        SEED_NORMAL, "Normal free:%dkB min:1908kB" % (400 * 4)).replace("2.6.32-5-686", "2.6.39-5-686")
    result = replay_event(one_event(text), watermark_replay.host_cpus(parsed.online_cpus))
    normal = zone(result, "Normal")
    # min 477 -> floor 180; low 2384 kB = 596 pages; 400 - 180 = 220 > 118: above the floor.
    assert (result["cpus"], normal["drift_pages"], normal["status"]) == ({"count": 2, "basis": "host"}, 118,
                                                                           "above_floor")


def test_e100_example_replay_counts_the_hosts_cpus(examples_dir):
    result = evaluate_path(os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    verdict = next(v for v in result["verdicts"] if v["rule"] in RESERVE_RULES)
    assert verdict["details"]["replay"]["reports"][0]["cpus"] == {"count": 1, "basis": "host"}


def test_quoted_zone_lines_without_lowmem_reserve_or_release_still_show_the_memory_was_there(tmp_path):
    # Michal Hocko quoting a 3.10 ARM report (linux-mm 2016-05): each header, "[...]", then only its
    # Normal zone line: no task line (no release: 0x20 reads GFP_ATOMIC up to 4.3, __GFP_HIGH after, and
    # every era gives the same answer), no lowmem_reserve[] (the Normal zone is the request's own class:
    # its entry is 0 in every layout).  Normal free 63768 kB = 15942 pages; min 2000 kB = 500 -> 250 ->
    # 188 (2.6-4.3: !__GFP_WAIT takes the quarter too; 4.4+: 250); 15942 > 188 + 125 (drift, one CPU
    # assumed): the kernel's test passed there.  Hocko: "This is a lot of free memory to block GFP_ATOMIC".
    # Before: INSUFFICIENT_DATA and a provisional raise.
    verdict = main_verdict(tmp_path, posted_text("mail_3.10_quoted_headers_elided_zone_lines.txt"))
    replay = verdict["details"]["replay"]
    assert (verdict["key"], replay["verdict"], replay["counts"]) == (
        "RESERVE_NOT_SHOWN_EXHAUSTED", "other_cause", {"other_cause": 2})
    assert replay["text"][0] == ("other_cause (zone_above_floor): Normal 15942 > 188 pages (min 500 -> 250 -> 188 "
                                 "+ lowmem_reserve 0, drift bound 125)")


def test_a_lone_class_zone_below_its_floor_proves_nothing_without_the_lower_zones():
    # The same quoted shape with Normal free 600 kB = 150 pages <= 188: DMA/DMA32 may exist unprinted
    # (no lowmem_reserve[] to tell), so no exhaustion is claimed.
    text = posted_text("mail_3.10_quoted_headers_elided_zone_lines.txt").replace("free:63768kB", "free:600kB")
    event = [e for e in parse_text(text).events if e.zones][0]
    result = replay_event(event)
    assert (result["verdict"], result["reason"]) == ("inconclusive", "lowmem_reserve_missing")


# A 2.6.34 receive failure (kernel bugzilla 15709's figures, a 1 GB KVM guest with 2 CPUs), lines from
# mm/page_alloc.c __alloc_pages_slowpath()'s nopage: printk "%s: page allocation failure. order:%d,
# mode:0x%x", dump_stack(), show_mem() -> show_free_areas() "%s free:%lukB min:%lukB low:%lukB high:%lukB".
# The order of events there: wake_all_kswapd() -> get_page_from_freelist() (the zone test that failed) ->
# nopage: header, trace, then the zones' NR_FREE_PAGES read.  kswapd (mm/vmscan.c balance_pgdat())
# reclaims meanwhile until free > high + lowmem_reserve.
REFILL_REPORT = """\
[  454.006706] users: page allocation failure. order:0, mode:0x20
[  454.006712] Pid: 7992, comm: users Not tainted 2.6.34-rc3-git6 #2
[  454.006714] Call Trace:
[  454.006717] <IRQ>  [<ffffffff8109dff7>] __alloc_pages_nodemask+0x5c8/0x615
[  454.006842]  [<ffffffff8167f2c7>] try_fill_recv+0x5e/0x20f
[  454.006846]  [<ffffffff8167fe13>] virtnet_poll+0x52a/0x5c7
[  454.006873]  [<ffffffff8176035d>] net_rx_action+0xad/0x1a5
[  454.006985] Mem-Info:
[  454.007010] Node 0 DMA free:4000kB min:60kB low:72kB high:88kB present:15768kB all_unreclaimable? no
[  454.007021] lowmem_reserve[]: 0 994 994 994
[  454.007025] Node 0 DMA32 free:{dma32}kB min:4000kB low:5000kB high:6000kB present:1018080kB all_unreclaimable? no
[  454.007036] lowmem_reserve[]: 0 0 0 0
"""


def test_a_zone_printed_within_the_low_min_gap_above_its_floor_is_what_kswapd_restores_not_another_cause():
    # GFP_ATOMIC 0x20 on 2.6.34: min 4000 kB = 1000 pages -> 1000 - 500 = 500 -> 500 - 125 = 375; lowmem_reserve
    # 0; DMA32 free 1540 kB = 385 pages: 385 > 375 by 10, beyond the drift bound 8 (the 2.6 task line prints
    # no CPU: one assumed; normal threshold 2 x fls(1) x (1 + fls(1018080 kB / 128 MiB = 7) = 3) = 8; no
    # pressure threshold before 2.6.37) - but within low - min = 5000 - 4000 kB = 250 pages, the least
    # kswapd, woken before the failing test, restores while the header and trace print: inconclusive.
    # DMA: 4000 kB = 1000 pages <= 6 + 994 = 1000: below.
    result = replay_event(one_event(REFILL_REPORT.format(dma32=1540)))
    dma32 = zone(result, "DMA32")
    assert (dma32["usable_free_pages"], dma32["threshold_pages"], dma32["drift_pages"], dma32["refill_pages"]) == (
        385, 375, 8, 250)
    assert (dma32["status"], result["verdict"], result["reason"]) == (
        "within_refill", "inconclusive", "margin_within_kswapd_refill")
    assert zone(result, "DMA")["status"] == "below_floor"
    # One page beyond the gap (375 + 250 + 1 = 626 pages): the zone passing when printed is shown.
    above = replay_event(one_event(REFILL_REPORT.format(dma32=626 * 4)))
    assert (zone(above, "DMA32")["status"], above["verdict"]) == ("above_floor", "other_cause")


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=3000))
def test_a_zone_is_other_cause_only_beyond_what_kswapd_restores(pages):
    # The same report with DMA32 at any free count: at or below the floor (375) -> reserve_exhausted; above it
    # by at most the gap (250) -> inconclusive; beyond -> other_cause.
    result = replay_event(one_event(REFILL_REPORT.format(dma32=pages * 4)))
    dma32 = zone(result, "DMA32")
    if pages <= 375:
        assert result["verdict"] == "reserve_exhausted"
    elif pages <= 625:
        assert result["verdict"] == "inconclusive" and dma32["status"] in ("within_drift", "within_refill")
    else:
        assert result["verdict"] == "other_cause"


@pytest.mark.parametrize("dma32_pages", [376, 385, 500, 625])
def test_the_refill_case_through_the_chain_is_decided_as_exhaustion_one_level_lower(tmp_path, dma32_pages):
    # kernel bugzilla 15709's numbers: DMA32 above its floor of 375 pages by no more than kswapd's refill (250) and
    # still below its min mark (1000), DMA at its floor: inside the reserve, open only by the margin the kernel's
    # order of events explains (kswapd woken before the failed test, the zones read after it).  The numbers agree
    # with the failure, so the rule fires, the reason watermark_margin_inconclusive lowering its confidence; the
    # replay itself stays inconclusive and claims no other cause.
    verdict = main_verdict(tmp_path, REFILL_REPORT.format(dma32=dma32_pages * 4))
    replay = verdict["details"]["replay"]
    assert (verdict["key"], replay["verdict"]) == ("MIN_FREE_KBYTES_LOW_ATOMIC_RX", "inconclusive")
    assert "watermark_margin_inconclusive" in verdict["details"]["confidence"]["reasons"]
    assert ("kswapd refill 250" if dma32_pages - 375 > 8 else "drift bound 8") in replay["text"][0]
    assert "would not have helped" not in said_verdict(verdict)


_USABLE_ZONE_LINE = re.compile(r"(?:Node \d+ )?(?:DMA|DMA32) free:\d+kB (?:boost:\d+kB )?min:")


def _exhausted_with_lower_zones():
    for _, name, text in report_fixtures():
        events = parse_text(text).events
        if len(events) == 1 and _USABLE_ZONE_LINE.search(text) and one_zone_line_each(text, _USABLE_ZONE_LINE) \
                and replay_event(events[0])["verdict"] == "reserve_exhausted":
            yield name, text


@pytest.mark.parametrize("name, text", list(_exhausted_with_lower_zones()))
def test_a_lower_zone_line_dropped_with_its_buddy_line_kept_is_no_exhaustion(name, text):
    # (s30-holdS) Metamorphic: a paste that lost DMA's or DMA32's zone line (and its lowmem_reserve[] line) but
    # kept the zone's buddy line leaves no step in the top zone's lowmem_reserve[]; the lost zone may have stood
    # above its floor, so "every usable zone below its floor" is not shown: usable_zone_line_missing.
    lines = text.splitlines(keepends=True)
    for i in [i for i, line in enumerate(lines) if _USABLE_ZONE_LINE.search(line)]:
        end = i + 2 if i + 1 < len(lines) and "lowmem_reserve[]" in lines[i + 1] else i + 1
        [event] = parse_text("".join(lines[:i] + lines[end:])).events
        result = replay_event(event)
        # (the only zone line dropped, ppc64's DMA: nothing left to replay, zone_lines_missing)
        assert result["verdict"] == "inconclusive" and result["reason"] in (
            "usable_zone_line_missing", "zone_lines_missing"), (name, lines[i][:60], result["reason"])
