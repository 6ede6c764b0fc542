"""Failure classification, summary and Mem-Info evidence."""

import doctest

from pagealloc.kernlog.event import FailureEvent, ZoneWatermarks
from pagealloc.knowledge import failure_summary
from pagealloc.knowledge.failure_summary import (
    atomic_floor_kb,
    events_evidence,
    is_high_order_atomic_rx,
    is_non_atomic,
    is_order0_atomic_rx,
    is_vmalloc_failure,
    min_free_kbytes_from_report,
    summarize_failures,
    zone_evidence,
)


def test_doc_examples():
    failed, _ = doctest.testmod(failure_summary)
    assert failed == 0


def seed_event(**changes):
    """The seed report (2.6.32-5-686, i686) as the log parser's event."""
    values = dict(
        kind="page-allocation-failure", source="dmesg", line=1, timestamp=7873.855883,
        comm="swapper", pid=0, kernel="2.6.32-5-686", order=0, gfp_mask="0x20",
        gfp_flags=["GFP_ATOMIC"], gfp_era="2.6.32", atomic=True, context="network-rx",
        driver="e100", in_interrupt=True,
        zones=[
            ZoneWatermarks(None, "DMA", 992, 124, 152, 184, [0, 238, 238, 238]),
            ZoneWatermarks(None, "Normal", 716, 1908, 2384, 2860, [0, 0, 0, 0]),
        ],
    )
    values.update(changes)
    return FailureEvent(**values)


def test_seed_event_is_order0_atomic_rx_and_nothing_else():
    e = seed_event()
    assert is_order0_atomic_rx(e)
    assert not is_high_order_atomic_rx(e)
    assert not is_non_atomic(e)
    assert not is_vmalloc_failure(e)


def test_classification_rejects_what_the_reserve_cannot_fix():
    assert not is_order0_atomic_rx(seed_event(order=3))
    assert is_high_order_atomic_rx(seed_event(order=3))
    assert not is_order0_atomic_rx(seed_event(atomic=False, gfp_mask="0xd0"))
    assert is_non_atomic(seed_event(atomic=False, gfp_mask="0xd0"))
    assert not is_order0_atomic_rx(seed_event(context="storage"))
    assert not is_order0_atomic_rx(seed_event(atomic=None))  # undecodable mask: unknown, not atomic
    assert not is_order0_atomic_rx(seed_event(kind="vmalloc-failure"))
    assert is_vmalloc_failure(seed_event(kind="vmalloc-failure"))


def test_atomic_floor_follows_zone_watermark_ok_in_pages():
    # 2.6.32 __zone_watermark_ok: min 1908 kB = 477 pages; -477/2 (238) = 239;
    # -239/4 (59) = 180 pages = 720 kB.  The seed's Normal zone had 716 kB (179
    # pages) free: 179 <= 180, so the GFP_ATOMIC order-0 request failed.
    assert atomic_floor_kb(1908) == 720
    # 64K pages (arm64): min 65536 kB = 1024 pages -> 512 -> 384 pages = 24576 kB.
    assert atomic_floor_kb(65536, page_kb=64) == 24576


def test_zone_evidence_of_the_seed_report():
    rows = zone_evidence(seed_event())
    assert rows == [
        {"node": None, "zone": "DMA", "free_kb": 992, "min_kb": 124, "below_min": False,
         "atomic_floor_kb": 48, "below_atomic_floor": False, "lowmem_reserve_pages": [0, 238, 238, 238]},
        {"node": None, "zone": "Normal", "free_kb": 716, "min_kb": 1908, "below_min": True,
         "atomic_floor_kb": 720, "below_atomic_floor": True, "lowmem_reserve_pages": [0, 0, 0, 0]},
    ]


def test_events_evidence_skips_reports_without_mem_info_and_is_bounded():
    events = [seed_event(zones=[], truncated=True)] + [seed_event(timestamp=float(i)) for i in range(10)]
    evidence = events_evidence(events, limit=3)
    assert [ev["timestamp"] for ev in evidence] == [0.0, 1.0, 2.0]


def test_summary_of_a_burst():
    events = [
        seed_event(suppressed=0),
        seed_event(timestamp=7900.1, comm="ksoftirqd/0", pid=3, suppressed=12),
        seed_event(timestamp=7950.0, source="messages", line=40, wallclock="Jun 17 21:19:45", suppressed=3),
    ]
    s = summarize_failures(events)
    assert s["count"] == 3
    assert s["suppressed"] == 15
    assert s["first"] == {"timestamp": 7873.855883, "wallclock": None, "source": "dmesg", "line": 1}
    assert s["last"] == {"timestamp": 7950.0, "wallclock": "Jun 17 21:19:45", "source": "messages", "line": 40}
    assert s["comms"] == ["swapper", "ksoftirqd/0"]  # most frequent first
    assert s["drivers"] == ["e100"]
    assert s["gfp_masks"] == ["0x20"]
    assert s["gfp_flags"] == ["GFP_ATOMIC"]
    assert s["orders"] == [0]
    assert s["kernel"] == "2.6.32-5-686"


def test_summary_of_no_events():
    s = summarize_failures([])
    assert s["count"] == 0 and s["first"] is None and s["kernel"] is None


def test_min_free_kbytes_from_report_sums_lowmem_mins():
    # Seed: DMA 124 + Normal 1908 = 2032 kB (runtime 2038: per-zone rounding to pages).
    assert min_free_kbytes_from_report(seed_event()) == 2032
    highmem = seed_event(zones=seed_event().zones + [ZoneWatermarks(None, "HighMem", 5000, 512, 700, 900)])
    assert min_free_kbytes_from_report(highmem) == 2032
    assert min_free_kbytes_from_report(seed_event(zones=[])) is None
