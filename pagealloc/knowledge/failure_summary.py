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

Every event belongs to exactly one class of :data:`FAILURE_CLASSES` (or to
none: the catch-all rule ``rules/failure_reports_found.py`` then speaks for
it), and each class names the rule that judges it, so no report found can
fall through without a verdict.

Examples:
    >>> may_use_reserve_below_min("0x20"), may_use_reserve_below_min("0x800"), may_use_reserve_below_min(None)
    (True, False, None)
    >>> atomic_floor_kb(min_kb=1908)   # seed Normal zone: 477 pages -> 239 -> 180 pages
    720
    >>> atomic_floor_kb(min_kb=124)    # seed DMA zone: 31 pages -> 16 -> 12 pages
    48
"""

import re
from collections import Counter

from pagealloc.knowledge import hidden_boost

PAGE_ALLOCATION_FAILURE = "page-allocation-failure"
VMALLOC_FAILURE = "vmalloc-failure"
ALLOCATION_STALL = "allocation-stall"
SLAB_ALLOCATION_FAILURE = "slab-allocation-failure"
NETWORK_RX = "network-rx"
UNKNOWN_PATH = "unknown"
# __GFP_HIGH is bit 5 in every era (include/linux/gfp.h 2.6.x-5.x, gfp_types.h 6.x): the caller may
# use the reserve below min (gfp_to_alloc_flags(): ALLOC_HIGH up to 6.2, ALLOC_MIN_RESERVE from 6.3).
GFP_HIGH_BIT = 0x20

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


def is_allocator_failure(event):
    """A page allocation failure, or a SLUB/SLAB block alone: the slab's page allocation failed at the
    cache's min order with the caller's mask (mm/slub.c allocate_slab(), then slab_out_of_memory()),
    its own report rate-limited away; it is classified by its order and mask like a report.  Not a
    block alone of a memory cgroup's own cache (:func:`is_memcg_slab_only`): that one is the
    cgroup's charge, not the zones' reserve."""
    if event.kind == SLAB_ALLOCATION_FAILURE:
        return not is_memcg_slab_only(event)
    return event.kind == PAGE_ALLOCATION_FAILURE


# A memory cgroup's copy of a slab cache (3.8-5.8, kmem accounting): mm/slab_common.c
# memcg_create_kmem_cache() names it "%s(%d:%s)" (root cache, css id, cgroup name; css->serial_nr
# "%llu" from 4.7), then "%s-memcg" (5.8) until per-memcg caches went in 5.9 (commit 10befea91b61
# "mm: memcg/slab: use a single set of kmem_caches for all allocations").
MEMCG_CACHE_NAME = re.compile(r"^[^\s()]+\(\d+:[^)]*\)$|^[^\s()]+-memcg$")


def is_memcg_slab_only(event):
    """A SLUB/SLAB block with no page allocation report, of a memory cgroup's cache (``kmalloc-1024(1793:
    <container id>)``): a new slab of such a cache is charged to the cgroup (mm/slub.c alloc_slab_page()
    -> memcg_charge_slab() 4.x; __alloc_pages_nodemask() -> memcg_kmem_newpage_charge() 3.x), and a
    charge over the cgroup's limit fails without any page allocation report, while a page allocation
    failure prints one (warn_alloc_failed()).  The cgroup's memory limit, not the zones' reserve.

    >>> from pagealloc.kernlog.parse import parse_text
    >>> text = ("SLUB: Unable to allocate memory on node -1 (gfp=0x20)\\n"
    ...         "  cache: kmalloc-1024(1793:c8edefa9), object size: 1024, buffer size: 1024, default order: 3,"
    ...         " min order: 0\\n  node 0: slabs: 663, objs: 20964, free: 0\\n")
    >>> is_memcg_slab_only(parse_text(text).events[0])
    True
    """
    slab = event.slab
    return event.kind == SLAB_ALLOCATION_FAILURE and slab is not None and bool(
        slab.cache and MEMCG_CACHE_NAME.match(slab.cache))


def may_use_reserve_below_min(gfp_mask):
    """True when the mask carries __GFP_HIGH (GFP_ATOMIC does, GFP_NOWAIT does not), None when unknown."""
    try:
        return bool(int(gfp_mask, 16) & GFP_HIGH_BIT)
    except (TypeError, ValueError):
        return None


def is_order0_atomic_rx(event):
    """An order-0 atomic allocation in the network receive path: the reserve's job."""
    return is_page_allocation_failure(event) and event.order == 0 and event.atomic is True and event.context == NETWORK_RX


def is_order0_atomic_unknown_path(event):
    """An order-0 atomic failure whose report lost its call trace (pre-filtered or cut log):
    it may be a receive failure, nobody can tell."""
    return (is_allocator_failure(event) and event.order == 0 and event.atomic is True
            and event.context == "unknown")


def is_order0_atomic_reserve_other_path(event):
    """An order-0 atomic __GFP_HIGH failure on a path shown not to be receive: the same reserve ran out
    (the main rule judges it too, with the path named and ``path_not_receive`` lowering confidence)."""
    return (is_allocator_failure(event) and event.order == 0 and event.atomic is True
            and event.context not in (NETWORK_RX, UNKNOWN_PATH) and may_use_reserve_below_min(event.gfp_mask) is True)


def is_order0_atomic_without_reserve(event):
    """An order-0 atomic failure outside the receive path whose mask lacks __GFP_HIGH (GFP_NOWAIT):
    it may not go below min, so it fails at min: memory pressure, not the size of the reserve."""
    return (is_allocator_failure(event) and event.order == 0 and event.atomic is True
            and event.context not in (NETWORK_RX, UNKNOWN_PATH) and may_use_reserve_below_min(event.gfp_mask) is False)


def is_high_order_atomic_rx(event):
    """An order >= 1 atomic receive allocation: fragmentation, not the reserve's size."""
    return (
        is_page_allocation_failure(event)
        and event.order is not None
        and event.order >= 1
        and event.atomic is True
        and event.context == NETWORK_RX
    )


def is_high_order_atomic_other_path(event):
    """An order >= 1 atomic failure outside (or not shown in) the receive path: fragmentation."""
    return (is_allocator_failure(event) and event.order is not None and event.order >= 1
            and event.atomic is True and event.context != NETWORK_RX)


def is_mask_undecided(event):
    """A failure whose mask could not be decoded for its era (no kernel release): atomic or not is unknown."""
    return is_allocator_failure(event) and event.atomic is None and event.gfp_mask is not None \
        and event.order is not None and not event.unusable


def is_allocation_stall(event):
    return event.kind == ALLOCATION_STALL


def is_non_atomic(event):
    """A request that could sleep and reclaim, and still failed: memory pressure."""
    return is_allocator_failure(event) and event.atomic is False


def is_vmalloc_failure(event):
    return event.kind == VMALLOC_FAILURE


# Each class of failure and the rule (pagealloc.rules.<module>) that judges it; the main rule also
# judges reports of another host or memory size (FAILURES_NOT_FROM_THIS_SYSTEM), the others skip them.
# Order matters only for documentation: the predicates do not overlap (tests/rules/test_coverage.py).
FAILURE_CLASSES = (
    ("order0_atomic_rx", is_order0_atomic_rx, "min_free_kbytes_low_atomic_rx"),
    ("order0_atomic_unknown_path", is_order0_atomic_unknown_path, "min_free_kbytes_low_atomic_rx"),
    ("order0_atomic_reserve_other_path", is_order0_atomic_reserve_other_path, "min_free_kbytes_low_atomic_other_path"),
    ("order0_atomic_without_reserve", is_order0_atomic_without_reserve, "nowait_alloc_failure"),
    ("high_order_atomic_rx", is_high_order_atomic_rx, "high_order_atomic_rx_failure"),
    ("high_order_atomic_other_path", is_high_order_atomic_other_path, "high_order_atomic_failure"),
    ("non_atomic", is_non_atomic, "non_atomic_alloc_failure"),
    ("vmalloc", is_vmalloc_failure, "vmalloc_failure"),
    ("allocation_stall", is_allocation_stall, "allocation_stall"),
    ("mask_undecided", is_mask_undecided, "alloc_mask_undecided"),
)
JUDGES_OTHER_SYSTEMS = ("min_free_kbytes_low_atomic_rx",)
# With receive reports (or reports whose trace was lost) beside them, the main rule judges a class's reports
# with its own: the same reserve ran out, one verdict (rules/min_free_kbytes_low_atomic_other_path.py).
ALSO_JUDGED_BY = {"min_free_kbytes_low_atomic_other_path": "min_free_kbytes_low_atomic_rx"}


def failure_class(event):
    """The code of the first class the event belongs to, or None (the catch-all speaks for it)."""
    return next((code for code, belongs, _ in FAILURE_CLASSES if belongs(event)), None)


def judging_rule(event):
    """The rule module that judges the event (None: only the catch-all)."""
    return next((module for _, belongs, module in FAILURE_CLASSES if belongs(event)), None)


def judging_rules(event):
    """Every rule module that may speak for the event: its class's, and the one that judges it with others."""
    module = judging_rule(event)
    return () if module is None else (module,) + ((ALSO_JUDGED_BY[module],) if module in ALSO_JUDGED_BY else ())


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


def free_blocks_at_order(buddy_counts, order):
    """Free blocks of ``order`` or larger in one zone's buddy line ({order: count})."""
    return sum(count for o, count in buddy_counts.items() if int(o) >= order)


def buddy_facts(event, zone_row):
    """``free_blocks_at_order`` of one zone row of :func:`events_evidence` (None without buddy lines)."""
    # The log parser keys node 0 (and non-NUMA) by zone name, other nodes "Node N ZONE".
    node = zone_row["node"]
    key = zone_row["zone"] if node in (None, 0) else "Node %d %s" % (node, zone_row["zone"])
    counts = event.buddy.get(key)
    return {"free_blocks_at_order": free_blocks_at_order(counts, event.order) if counts else None}


# Mem-Info counters worth naming when memory ran short (pages as printed, mm/show_mem.c).
MEM_INFO_FIGURES = ("free", "active_anon", "inactive_anon", "active_file", "inactive_file", "shmem",
                    "slab_reclaimable", "slab_unreclaimable", "pagetables", "mapped")


def mem_info_figures(events):
    """The last report's Mem-Info counters in kB ({"line", "kb": {name: kB}}), None when none printed them."""
    for event in reversed(list(events)):
        info = event.mem_info
        if info is not None and info.counters:
            page_kb = info.page_kb or 4
            return {"source": event.source, "line": event.line,
                    "kb": {name: info.counters[name] * page_kb for name in MEM_INFO_FIGURES if name in info.counters}}
    return None


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
    less the 5.0+ ``boost`` that the printed marks include (printed from 5.16, else
    inferred from the marks' gap: :mod:`pagealloc.knowledge.hidden_boost`).  Per-zone rounding
    to pages makes it a few kB low (seed: 124 + 1908 = 2032 for 2038).  None
    when the report has no zone lines.
    """
    zones = lowmem_min_zones(event)
    return sum(z.min_kb - hidden_boost.boost_kb(z) for z in zones) if zones else None
