"""
Failure summary - which failures a rule is about, and what they prove
=====================================================================

Pure helpers over :class:`pagealloc.kernlog.event.FailureEvent` that the rules
share: the classification sentences of docs/rules.md (``is_order0_atomic_rx``
...), a JSON summary of a group of failures, and the per-zone evidence of a
report's Mem-Info block (free vs the ``min`` watermark and the lower floor an
atomic request may reach).

The atomic floor follows ``__zone_watermark_ok`` (mm/page_alloc.c, same
arithmetic in 2.6.32, 4.x and 6.x): an ``__GFP_HIGH`` request halves the
``min`` mark, an atomic (``ALLOC_HARDER`` / ``ALLOC_NON_BLOCK``) one takes off
a further quarter, in pages: ``m = min - min/2; m = m - m/4`` ~ 3/8 x min.
An order-0 request fails in a zone when ``free <= m + lowmem_reserve``.

Examples:
    >>> atomic_floor_kb(min_kb=1908)   # seed Normal zone: 477 pages -> 239 -> 180 pages
    720
    >>> atomic_floor_kb(min_kb=124)    # seed DMA zone: 31 pages -> 16 -> 12 pages
    48
"""

from collections import Counter

PAGE_ALLOCATION_FAILURE = "page-allocation-failure"
VMALLOC_FAILURE = "vmalloc-failure"
NETWORK_RX = "network-rx"

# Zones whose min watermark is not a share of vm.min_free_kbytes: highmem gets a
# small fixed mark (mm/page_alloc.c __setup_per_zone_wmarks, is_highmem()); Device
# holds no free pages.  Movable is highmem only when carved out of HighMem
# (zone_movable_is_highmem(), 32-bit); on 64-bit it takes its share.
ZONES_OUTSIDE_MIN_FREE = ("HighMem", "Device")

#: How many events and zones of evidence a rule's details keep (details must
#: stay small: insights-core truncates responses above 64 kB).
MAX_EVIDENCE_EVENTS = 5


def is_page_allocation_failure(event):
    return event.kind == PAGE_ALLOCATION_FAILURE


def is_order0_atomic_rx(event):
    """An order-0 atomic allocation in the network receive path: the reserve's job."""
    return is_page_allocation_failure(event) and event.order == 0 and event.atomic is True and event.context == NETWORK_RX


def is_order0_atomic_unknown_path(event):
    """An order-0 atomic failure whose report lost its call trace (pre-filtered or cut log):
    it may be a receive failure, nobody can tell."""
    return (is_page_allocation_failure(event) and event.order == 0 and event.atomic is True
            and event.context == "unknown")


def is_high_order_atomic_rx(event):
    """An order >= 1 atomic receive allocation: fragmentation, not the reserve's size."""
    return (
        is_page_allocation_failure(event)
        and event.order is not None
        and event.order >= 1
        and event.atomic is True
        and event.context == NETWORK_RX
    )


def is_non_atomic(event):
    """A request that could sleep and reclaim, and still failed: memory pressure."""
    return is_page_allocation_failure(event) and event.atomic is False


def is_vmalloc_failure(event):
    return event.kind == VMALLOC_FAILURE


def atomic_floor_kb(min_kb, page_kb=4):
    """The free level (kB) an atomic, __GFP_HIGH order-0 request may drain a zone to."""
    pages = min_kb // page_kb
    pages -= pages // 2
    pages -= pages // 4
    return pages * page_kb


def _time_point(event):
    return {"timestamp": event.timestamp, "wallclock": event.wallclock, "source": event.source, "line": event.line}


def _unique(values):
    """Distinct non-empty values, most frequent first (ties in first-seen order)."""
    counts = Counter(v for v in values if v not in (None, ""))
    return [v for v, _ in counts.most_common()]


def summarize_failures(events):
    """The ``failures`` details block for a group of events (empty group -> count 0)."""
    events = list(events)
    return {
        "count": len(events),
        "suppressed": sum(e.suppressed or 0 for e in events),
        "first": _time_point(events[0]) if events else None,
        "last": _time_point(events[-1]) if events else None,
        "comms": _unique(e.comm for e in events),
        "drivers": _unique(e.driver for e in events),
        "orders": sorted(set(e.order for e in events if e.order is not None)),
        "gfp_masks": _unique(e.gfp_mask for e in events),
        "gfp_flags": _unique(f for e in events for f in e.gfp_flags),
        "contexts": _unique(e.context for e in events),
        "kernel": next((e.kernel for e in events if e.kernel), None),
        "truncated": any(e.truncated for e in events),
    }


def zone_evidence(event, page_kb=4):
    """Free vs watermarks of every zone printed with one report (kB)."""
    rows = []
    for z in event.zones:
        if z.free_kb is None or z.min_kb is None:
            continue
        floor = atomic_floor_kb(z.min_kb, page_kb)
        rows.append({
            "node": z.node,
            "zone": z.zone,
            "free_kb": z.free_kb,
            "min_kb": z.min_kb,
            "below_min": z.free_kb < z.min_kb,
            "atomic_floor_kb": floor,
            "below_atomic_floor": z.free_kb <= floor,
            "lowmem_reserve_pages": list(z.lowmem_reserve) if z.lowmem_reserve else None,
        })
    return rows


def events_evidence(events, page_kb=4, limit=MAX_EVIDENCE_EVENTS, annotate=None):
    """
    Zone evidence of the first ``limit`` events that printed a Mem-Info block.
    ``annotate(event, zone_row)`` may return extra keys for a zone row.
    """
    out = []
    for e in events:
        zones = zone_evidence(e, page_kb)
        if annotate is not None:
            for row in zones:
                row.update(annotate(e, row))
        if zones:
            out.append({"timestamp": e.timestamp, "wallclock": e.wallclock, "order": e.order, "zones": zones})
        if len(out) >= limit:
            break
    return out


def any_zone_below_min(evidence):
    return any(z["below_min"] for ev in evidence for z in ev["zones"])


def lowmem_min_zones(event):
    """The report's zones whose ``min`` mark is a share of vm.min_free_kbytes."""
    highmem = any(z.zone == "HighMem" for z in event.zones)
    return [z for z in event.zones if z.min_kb is not None and z.zone not in ZONES_OUTSIDE_MIN_FREE
            and not (highmem and z.zone == "Movable")]


def min_free_kbytes_from_report(event):
    """
    vm.min_free_kbytes as it was when the report was printed: the sum of the
    lowmem zones' ``min`` marks (min_free_kbytes is spread over them by size),
    less the 5.0+ ``boost`` that the printed marks include.  Per-zone rounding
    to pages makes it a few kB low (seed: 124 + 1908 = 2032 for 2038).  None
    when the report has no zone lines.
    """
    zones = lowmem_min_zones(event)
    return sum(z.min_kb - (z.boost_kb or 0) for z in zones) if zones else None
