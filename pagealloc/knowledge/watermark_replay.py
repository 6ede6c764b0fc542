"""
Watermark replay - re-run the kernel's zone test on a failure report's numbers
=============================================================================

"Would a bigger ``vm.min_free_kbytes`` have let this allocation succeed?"  The
kernel tried every zone of the request's zonelist with ``zone_watermark_fast()``
/ ``__zone_watermark_ok()`` (mm/page_alloc.c) at the ``min`` mark and printed
each zone's figures (``show_free_areas()``, mm/page_alloc.c; mm/show_mem.c from
6.1) after it failed.  This module replays that test, in pages and with the
kernel's integer arithmetic, for each printed zone:

1. the mark is the zone's ``min``, less the ``boost`` when the era lets
   an order-0 ``__GFP_HIGH``/``__GFP_ATOMIC`` request ignore the boost
   (:data:`WATERMARK_ERAS`): the printed one, or on 5.0-5.15, which print none,
   the least boost the marks' gap proves (:mod:`pagealloc.knowledge.hidden_boost`);
2. ``__GFP_HIGH`` (ALLOC_HIGH, ALLOC_MIN_RESERVE from 6.3) halves it,
   ``min -= min / 2``, and an atomic request (ALLOC_HARDER up to 6.2,
   ALLOC_NON_BLOCK from 6.3) takes a quarter more, ``min -= min / 4``;
3. free pages that the request cannot use are taken off ``free``: ``(1 << order) - 1``,
   free CMA pages for an unmovable request (3.7+), the highatomic reserve for a
   request without access to reserves (4.4+);
4. the zone fails when ``usable_free <= floor + lowmem_reserve[highest_zoneidx]``,
   ``highest_zoneidx`` being the request's zone class (``gfp_zone()``: Normal unless
   ``__GFP_DMA``/``__GFP_DMA32``/``__GFP_HIGHMEM``);
5. an order > 0 request also needs a free block of its order (4.4+) or, before,
   enough free pages above each smaller order with the mark halved per order.

Per-cpu counter drift: ``NR_FREE_PAGES`` is folded from per-cpu deltas of up to
``stat_threshold`` pages (mm/vmstat.c ``calculate_normal_threshold()`` /
``calculate_pressure_threshold()``), so a zone printed slightly above its floor
may have been below it when tested: a positive margin within CPUs x threshold
is *inconclusive*.  A zone below its floor is what the failure says happened.

kswapd's refill: the figures are read *after* the failed test, and kswapd was woken *before* it.
mm/page_alloc.c ``__alloc_pages_slowpath()`` wakes kswapd (``wake_all_kswapd()``/``wake_all_kswapds()``)
before its retry of ``get_page_from_freelist()``, the test that failed; a request that cannot
reclaim then goes to ``nopage:``, where ``warn_alloc()`` (``__alloc_pages_slowpath()``'s own printk up
to 3.x) prints the header and ``dump_stack()``'s trace before ``show_mem()`` -> ``show_free_areas()``
reads each zone's ``NR_FREE_PAGES``.  Meanwhile kswapd (mm/vmscan.c ``balance_pgdat()``), woken for a
zone below its low mark, reclaims until the zone passes its high mark, and other CPUs free pages.
So a margin no larger than the zone's ``low - min`` gap (the least kswapd restores once woken) is
*inconclusive* in every era (``within_refill``, reason ``margin_within_kswapd_refill``); 2.6.37+
bounds the drift by the same gap already (the pressure threshold above), so this adds the older
kernels.  Measured on every real post we hold (28 order-0 atomic reports with zone lines):
consecutive reports of one burst move a zone by 179 pages in 18 ms (an r8169 receive burst on
2.6.32, DMA32 1564 -> 1743 pages) and from 1208 to 259 pages (a virtio_net burst on 3.8); the two
receive reports this moves from ``other_cause`` (kernel bugzilla 15709 on 2.6.34: DMA32 385 > 375
pages by 10, drift bound 8, gap 250; the r8169 burst's second report: 169 > drift 12, gap 375) sit in
posts whose failures the engineer reads as the reserve running out; no other verdict moves.

Verdict per report (:data:`VERDICTS`); the main rule raises the reserve only on
``reserve_exhausted``.  ``cma_held``: every usable zone was below its floor only because its
free pages were CMA pages the unmovable request may not take (the zone passes when they count):
the free memory was there, in the CMA area, and a larger reserve does not move it out (movable
allocations fill the regular blocks while CMA stays free: mm/page_alloc.c ``__rmqueue()`` takes
CMA first for movable requests only when it holds over half of a zone's free pages, commit
16867664936e "mm,page_alloc,cma: conditionally prefer cma pageblocks for movable allocations",
5.9; before it only as a fallback).

Examples:
    >>> from pagealloc.kernlog.parse import parse_text
    >>> seed = parse_text(SAMPLE_REPORT).events[0]
    >>> r = replay_event(seed)
    >>> r["verdict"], [(z["zone"], z["usable_free_pages"], z["threshold_pages"]) for z in r["zones"]]
    ('reserve_exhausted', [('DMA', 248, 250), ('Normal', 179, 180)])
    >>> replay_line(r)
    'reserve_exhausted: DMA 248 <= 250 pages (min 31 -> 16 -> 12 + lowmem_reserve 238); Normal 179 <= 180 pages (min 477 -> 239 -> 180 + lowmem_reserve 0)'
"""

from itertools import combinations

from pagealloc.knowledge import gfp as gfp_tables
from pagealloc.knowledge import hidden_boost, kernel_default
from pagealloc.knowledge.kernel_release import KernelRelease

# Migrate types whose free blocks no unmovable request takes (show_migration_types()'s letters,
# mm/page_alloc.c, commit 377e4f167664 "mm: show migration types in show_mem", 3.5): C the CMA lists
# (__rmqueue_cma_fallback() / __rmqueue() only for ALLOC_CMA), I isolated blocks (never allocated from).
NO_UNMOVABLE_TYPES = frozenset("CI")

VERDICTS = ("reserve_exhausted", "other_cause", "cma_held", "zone_restricted", "fragmentation", "inconclusive")

# The seed report (Debian 2.6.32-5-686), trimmed to the lines the replay reads.
SAMPLE_REPORT = """\
[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20
[ 7873.855895] Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1
[ 7873.856218] Mem-Info:
[ 7873.856226] DMA free:992kB min:124kB low:152kB high:184kB present:15872kB all_unreclaimable? no
[ 7873.856237] lowmem_reserve[]: 0 238 238 238
[ 7873.856251] Normal free:716kB min:1908kB low:2384kB high:2860kB present:243776kB all_unreclaimable? no
[ 7873.856262] lowmem_reserve[]: 0 0 0 0
"""

# --- Zone indices -------------------------------------------------------------------------
# enum zone_type (include/linux/mmzone.h): DMA (CONFIG_ZONE_DMA), DMA32 (CONFIG_ZONE_DMA32),
# Normal, HighMem (CONFIG_HIGHMEM), Movable (always, 2.6.23+), Device (CONFIG_ZONE_DEVICE, 4.3+).
# lowmem_reserve[] has MAX_NR_ZONES entries in this order, so its length and the printed names
# fix the layout (setup_per_zone_lowmem_reserve(), mm/page_alloc.c).
ZONE_TYPES = ("DMA", "DMA32", "Normal", "HighMem", "Movable", "Device")
ALWAYS_PRESENT = ("Normal", "Movable")
# Arches whose kernels never have the zone (x86_32 has no ZONE_DMA32; 64-bit has no HIGHMEM).
ARCH_WITHOUT = {"i686": ("DMA32",), "x86_64": ("HighMem",), "aarch64": ("HighMem",),
                "ppc64le": ("HighMem",), "s390x": ("HighMem",)}
# gfp_zone() (include/linux/gfp.h): the request's highest zone class from its zone modifiers.
ZONE_CLASS_BITS = (("__GFP_DMA", "DMA"), ("__GFP_DMA32", "DMA32"))

# --- Eras of the watermark test ----------------------------------------------------------
# (first kernel, name, rules), oldest first; a row holds from its kernel until the next row.
#   cma:        free CMA pages are unusable for a request without ALLOC_CMA (unmovable):
#               __zone_watermark_ok(), commit d95ea5d18e69 "cma: fix watermark checking" (3.7).
#   highatomic: a request without ALLOC_HARDER (ALLOC_RESERVES from 6.3) has
#               z->nr_reserved_highatomic taken off free (commit 0aaa29a56e4f "mm, page_alloc:
#               reserve pageblocks for high-order atomic allocations on demand", 4.4).
#   high_order: "loop" - for each smaller order its free pages are taken off and the mark halved
#               (__zone_watermark_ok() up to 4.3); "block" - a free block of the order must exist
#               (commit 97a16fc82a7c "mm, page_alloc: only enforce watermarks for order-0
#               allocations", 4.4).
#   boost:      None - no watermark_boost; "applies" - the printed (boosted) min is the mark
#               (commit 1c30844d2dfe "mm: reclaim small amounts of memory when an external
#               fragmentation event occurs", 5.0); "ignored_for_atomic" - zone_watermark_fast()
#               retries an order-0 __GFP_ATOMIC (ALLOC_MIN_RESERVE from 6.3) request with the
#               unboosted _watermark[WMARK_MIN] (commit f80b08fc4453 "mm, page_alloc: skip
#               ->watermark_boost for atomic order-0 allocations", 5.7).
#   harder:     which requests get min -= min/4 (gfp_to_alloc_flags(), mm/page_alloc.c):
#               "no_wait" - !__GFP_WAIT (2.6.x-4.3; 3.x also !__GFP_NO_KSWAPD, !__GFP_NOMEMALLOC);
#               "gfp_atomic" - __GFP_ATOMIC && !__GFP_NOMEMALLOC (4.4-6.2, commit d0164adc89f6);
#               "non_block" - !__GFP_DIRECT_RECLAIM && !__GFP_NOMEMALLOC and __GFP_HIGH (6.3,
#               "mm/page_alloc: explicitly define how __GFP_HIGH non-blocking allocations
#               accesses reserves", with "mm: discard __GFP_ATOMIC").
# Per-cpu threshold under pressure: calculate_pressure_threshold() (mm/vmstat.c) from 2.6.37
# (commit 88f5acf88ae6 "mm: page allocator: adjust the per-cpu counter threshold when memory is low").
WATERMARK_ERAS = (
    ((2, 6, 0), "2.6-3.6", dict(cma=False, highatomic=False, high_order="loop", boost=None, harder="no_wait")),
    ((3, 7, 0), "3.7-4.3", dict(cma=True, highatomic=False, high_order="loop", boost=None, harder="no_wait")),
    ((4, 4, 0), "4.4-4.20", dict(cma=True, highatomic=True, high_order="block", boost=None, harder="gfp_atomic")),
    ((5, 0, 0), "5.0-5.6", dict(cma=True, highatomic=True, high_order="block", boost="applies",
                                harder="gfp_atomic")),
    ((5, 7, 0), "5.7-6.2", dict(cma=True, highatomic=True, high_order="block", boost="ignored_for_atomic",
                                harder="gfp_atomic")),
    ((6, 3, 0), "6.3+", dict(cma=True, highatomic=True, high_order="block", boost="ignored_for_atomic",
                             harder="non_block")),
)
PRESSURE_THRESHOLD_FROM = (2, 6, 37)
STAT_THRESHOLD_MAX = 125     # mm/vmstat.c: "Maximum threshold is 125"
MAX_REPORTS = 5              # per-report results a rule's details keep


def era_for_version(version):
    """``(name, rules)`` of the watermark test a kernel ``(major, minor, patch)`` ran."""
    chosen = WATERMARK_ERAS[0]
    for row in WATERMARK_ERAS:
        if version >= row[0]:
            chosen = row
    return chosen[1], chosen[2]


def alloc_floor_pages(mark_pages, high, harder):
    """The mark an order-0 request must stay above: ``min -= min/2`` (__GFP_HIGH), then
    ``min -= min/4`` (atomic), integer arithmetic as in __zone_watermark_ok().

    >>> alloc_floor_pages(477, True, True), alloc_floor_pages(477, True, False), alloc_floor_pages(477, False, False)
    (180, 239, 477)
    """
    floor = mark_pages
    if high:
        floor -= floor // 2
    if harder:
        floor -= floor // 4
    return floor


def _fls(value):
    """fls(): the 1-based position of the highest set bit, 0 for 0."""
    return int(value).bit_length() if value > 0 else 0


def normal_threshold(cpus, zone_kb):
    """calculate_normal_threshold() (calculate_threshold() before 2.6.37), mm/vmstat.c:
    ``min(125, 2 * fls(cpus) * (1 + fls(zone_mb / 128)))``.

    >>> normal_threshold(1, 243776), normal_threshold(16, 900 * 1024), normal_threshold(1024, 16 * 1024 * 1024)
    (4, 40, 125)
    """
    mem = zone_kb // (128 * 1024)
    return min(STAT_THRESHOLD_MAX, 2 * _fls(cpus) * (1 + _fls(mem)))


def pressure_threshold(cpus, low_pages, min_pages):
    """calculate_pressure_threshold(), mm/vmstat.c (2.6.37+), used while kswapd is awake:
    ``min(125, max(1, (low - min) / cpus))``."""
    return min(STAT_THRESHOLD_MAX, max(1, (low_pages - min_pages) // max(cpus, 1)))


def drift_bound_pages(event, zone, cpus, size_kb, min_pages, page_kb=4):
    """
    How far NR_FREE_PAGES may stray from the true count: CPUs x the per-cpu threshold, the larger
    of the normal and (2.6.37+, kswapd awake) pressure thresholds.  With the CPU count only bounded
    from below, the pressure term is bounded by ``low - min`` whatever the count
    (``cpus * max(1, (low - min) / cpus)``), so that bound is used; None without any figure.
    """
    host_known = bool(cpus) and cpus.get("basis") == "host"
    ncpus = cpus["count"] if cpus else 1
    low = _pages(zone.low_kb, page_kb)
    pressure_era = event.kernel is None or (KernelRelease.parse(event.kernel).version or (0,)) >= PRESSURE_THRESHOLD_FROM
    terms = []
    if size_kb is not None:
        terms.append(ncpus * normal_threshold(ncpus, size_kb))
    if low is not None and pressure_era:
        terms.append(ncpus * pressure_threshold(ncpus, low, min_pages))
        if not host_known:
            terms.append(low - min_pages)
    return max(terms) if terms else None


# --- The request ---------------------------------------------------------------------------

def _eras_of(event):
    names = (event.gfp_era or "").split("|")
    return [gfp_tables.ERAS_BY_NAME[n] for n in names if n in gfp_tables.ERAS_BY_NAME]


def _mask(event):
    try:
        return int(event.gfp_mask, 16)
    except (TypeError, ValueError):
        return None


def request_flags(event, rules):
    """
    ``{"high", "harder", "reserves", "cma_usable", "zone_class"}`` of the failed request under a
    watermark era's ``rules``, from its GFP mask decoded with its bit layout; None when the mask
    or its layout is unknown, or the candidate layouts disagree.
    """
    mask = _mask(event)
    eras = _eras_of(event)
    if mask is None or not eras:
        return None
    readings = set()
    for era in eras:
        bits = era.bits

        def has(name, bits=bits):
            return bool(bits.get(name) and mask & bits[name])

        high = has("__GFP_HIGH")
        may_sleep = era.can_sleep(mask)
        if rules["harder"] == "no_wait":
            harder = not may_sleep and not has("__GFP_NO_KSWAPD") and not has("__GFP_NOMEMALLOC")
        elif rules["harder"] == "gfp_atomic":
            harder = has("__GFP_ATOMIC") and not has("__GFP_NOMEMALLOC")
        else:  # 6.3+: ALLOC_NON_BLOCK, which deepens the floor only together with ALLOC_MIN_RESERVE
            harder = not may_sleep and not has("__GFP_NOMEMALLOC")
        # ALLOC_RESERVES (6.3) / ALLOC_HARDER (4.4-6.2): keeps the highatomic pages in free.
        reserves = harder or (rules["harder"] == "non_block" and high)
        floor_harder = harder and (high or rules["harder"] != "non_block")
        # gfp_migratetype() == MIGRATE_MOVABLE: __GFP_MOVABLE without __GFP_RECLAIMABLE.
        cma_usable = has("__GFP_MOVABLE") and not has("__GFP_RECLAIMABLE")
        zone_class = next((zone for bit, zone in ZONE_CLASS_BITS if has(bit)), None)
        if zone_class is None:
            zone_class = "Movable" if has("__GFP_HIGHMEM") and has("__GFP_MOVABLE") else \
                "HighMem" if has("__GFP_HIGHMEM") else "Normal"
        readings.add((high, floor_harder, reserves, cma_usable, zone_class))
    if len(readings) != 1:
        return None
    high, harder, reserves, cma_usable, zone_class = readings.pop()
    return {"high": high, "harder": harder, "reserves": reserves, "cma_usable": cma_usable,
            "zone_class": zone_class}


def _alloc_flag_names(flags, rules):
    new = rules["harder"] == "non_block"
    names = []
    if flags["high"]:
        names.append("ALLOC_MIN_RESERVE" if new else "ALLOC_HIGH")
    if flags["harder"]:
        names.append("ALLOC_NON_BLOCK" if new else "ALLOC_HARDER")
    if flags["cma_usable"] and rules["cma"]:
        names.append("ALLOC_CMA")
    return names


# --- Zone layout ---------------------------------------------------------------------------

def zone_layouts(length, printed, arch=None):
    """Every enum zone_type layout of ``length`` zones holding the ``printed`` zone names (the
    arch's impossible zones removed when that leaves any)."""
    optional = [z for z in ZONE_TYPES if z not in ALWAYS_PRESENT]
    layouts = []
    for count in range(len(optional) + 1):
        for chosen in combinations(optional, count):
            layout = tuple(z for z in ZONE_TYPES if z in ALWAYS_PRESENT or z in chosen)
            if len(layout) == length and set(printed) <= set(layout):
                layouts.append(layout)
    impossible = ARCH_WITHOUT.get(arch, ())
    fitting = [lay for lay in layouts if not set(impossible) & set(lay)]
    return fitting or layouts


def consistent_layouts(layouts, zones):
    """The layouts the report's own lowmem_reserve[] agrees with: for a zone at index i, entry j
    adds the managed pages of zone j / lowmem_reserve_ratio (256 or 32), so a printed zone of a
    megabyte or more above it must raise the entry at its index (setup_per_zone_lowmem_reserve())."""
    def agrees(layout):
        for low in zones:
            reserve = low.lowmem_reserve or []
            if low.zone not in layout or len(reserve) != len(layout):
                continue
            for high in zones:
                size_kb = high.managed_kb if high.managed_kb is not None else high.present_kb
                if high.node != low.node or high.zone not in layout or not size_kb or size_kb < 1024:
                    continue
                j = layout.index(high.zone)
                if j > layout.index(low.zone) and reserve[j] <= reserve[j - 1]:
                    return False
        return True
    fitting = [lay for lay in layouts if agrees(lay)]
    return fitting or layouts


def class_index(layout, zone_class):
    """lowmem_reserve[] index of the request's zone class; a class the config lacks falls back
    as gfp_zone() does (OPT_ZONE_DMA32 / OPT_ZONE_HIGHMEM -> Normal, no ZONE_DMA -> Normal)."""
    return layout.index(zone_class) if zone_class in layout else layout.index("Normal")


# --- Replay ----------------------------------------------------------------------------------

def _pages(kb, page_kb):
    return kb // page_kb if kb is not None else None


def _buddy_counts(event, zone):
    key = zone.zone if zone.node in (None, 0) else "Node %d %s" % (zone.node, zone.zone)
    counts = event.buddy.get(key)
    return {int(o): c for o, c in counts.items() if c is not None} if counts else None


def _order_check(event, zone, order, floor_pages, free_pages, rules, page_kb):
    """True/False/None (buddy line missing) for the order > 0 part of __zone_watermark_ok()."""
    counts = _buddy_counts(event, zone)
    if counts is None:
        return None
    if rules["high_order"] == "block":
        return any(count for o, count in counts.items() if o >= order)
    minimum = floor_pages
    for o in range(order):  # <= 4.3: this order's pages become unavailable at the next
        free_pages -= counts.get(o, 0) << o
        minimum >>= 1
        if free_pages <= minimum:
            return False
    return True


def _zone_row(event, zone, layout, cls_idx, flags, rules, boost_unknown, page_kb, cpus):
    order = event.order or 0
    idx = layout.index(zone.zone)
    free = _pages(zone.free_kb, page_kb)
    min_pages = _pages(zone.min_kb, page_kb)
    boost = _pages(hidden_boost.boost_kb(zone, page_kb), page_kb)
    row = {"node": zone.node, "zone": zone.zone, "usable": idx <= cls_idx, "free_pages": free,
           "min_pages": min_pages, "boost_pages": boost, "boost_basis": hidden_boost.boost_basis(zone, page_kb),
           "status": "unknown"}
    if free is None or min_pages is None:
        return row
    ignore_boost = order == 0 and rules["boost"] == "ignored_for_atomic" and \
        (flags["high"] if rules["harder"] == "non_block" else flags["harder"])
    mark = min_pages - boost if ignore_boost else min_pages
    floor = alloc_floor_pages(mark, flags["high"], flags["harder"])
    cma = _pages(zone.free_cma_kb, page_kb) if rules["cma"] and not flags["cma_usable"] else 0
    highatomic = _pages(zone.reserved_highatomic_kb, page_kb) \
        if rules["highatomic"] and not flags["reserves"] else 0
    usable_free = free - ((1 << order) - 1) - (cma or 0) - (highatomic or 0)
    reserve_list = zone.lowmem_reserve
    own_zone = idx == cls_idx
    reserve = reserve_list[cls_idx] if reserve_list and cls_idx < len(reserve_list) else (0 if own_zone else None)
    row.update(mark_pages=mark, floor_pages=floor, lowmem_reserve_pages=reserve,
               free_cma_pages=_pages(zone.free_cma_kb, page_kb), cma_subtracted=bool(cma),
               highatomic_pages=_pages(zone.reserved_highatomic_kb, page_kb), highatomic_subtracted=bool(highatomic),
               free_pcp_pages=_pages(zone.free_pcp_kb, page_kb), all_unreclaimable=zone.all_unreclaimable,
               usable_free_pages=usable_free)
    if reserve is None:
        return row
    threshold = floor + reserve
    margin = usable_free - threshold
    size_kb = zone.managed_kb if zone.managed_kb is not None else zone.present_kb
    drift = drift_bound_pages(event, zone, cpus, size_kb, min_pages, page_kb)
    low = _pages(zone.low_kb, page_kb)
    refill = low - min_pages if low is not None else None  # the least kswapd restores once woken
    row.update(threshold_pages=threshold, margin_pages=margin, drift_pages=drift, refill_pages=refill)
    if margin <= 0:
        row["status"] = "below_floor"
    elif boost_unknown and boost and margin <= boost:
        row["status"] = "boost_uncertain"
    elif drift is None or margin <= drift:
        row["status"] = "within_drift"
    elif refill is not None and margin <= refill:
        row["status"] = "within_refill"
    else:
        row["status"] = "above_floor"
    if order > 0 and row["status"] in ("above_floor", "within_drift", "within_refill"):
        row["order_check"] = _order_check(event, zone, order, floor, usable_free, rules, page_kb)
    return row


def _missing_usable_zone(event, layout, cls_idx):
    """``(zone, what shows it)`` of a populated usable zone without its line, else None: the highest
    printed zone of a node has a lowmem_reserve[] step up to the class (the pages of a zone above it)
    but that zone is absent; or a buddy line names a zone up to the class whose zone line is absent (show_free_areas() prints both
    for the same zones: a paste that lost a middle zone's line, DMA32 between DMA and Normal, leaves
    no step in the top zone's lowmem_reserve[], and that zone may have stood above its floor)."""
    by_node = {}
    for z in event.zones:
        by_node.setdefault(z.node, []).append(z)
    for zones in by_node.values():
        names = {z.zone for z in zones}
        top = max(zones, key=lambda z: layout.index(z.zone) if z.zone in layout else -1)
        reserve = top.lowmem_reserve or []
        top_idx = layout.index(top.zone) if top.zone in layout else None
        if top_idx is None or len(reserve) <= cls_idx:
            continue
        for j in range(top_idx + 1, cls_idx + 1):
            if reserve[j] > reserve[j - 1] and layout[j] not in names:
                name = "%s%s" % ("" if top.node in (None, 0) else "Node %d " % top.node, layout[j])
                return name, "lowmem_reserve[]"
    for zones in by_node.values():
        names, node = {z.zone for z in zones}, zones[0].node
        for name in layout[:cls_idx + 1]:
            key = name if node in (None, 0) else "Node %d %s" % (node, name)
            if name not in names and key in event.buddy:
                return key, "its buddy line"
    return None


def host_cpus(count):
    """The ``cpus`` argument for a known CPU count (the host's, e.g. /proc/zoneinfo pagesets)."""
    return {"count": count, "basis": "host"} if count else None


def replay_event(event, cpus=None, page_kb=4):
    """
    The replay of one failure report: a JSON-able dict with ``verdict`` (one of
    :data:`VERDICTS`), ``reason``, the request (zone class, alloc flags), every printed zone's
    figures in pages, and ``notes``.  ``cpus``: :func:`host_cpus` when known; otherwise the
    report's CPU number + 1 is a lower bound.
    """
    notes = []
    version = _replay_version(event, notes)
    if version is None:
        return _replay_every_era(event, cpus, page_kb, notes)
    return _replay(event, cpus, page_kb, notes, version)


def _replay_every_era(event, cpus, page_kb, notes):
    """No release and a GFP layout several eras share (0x20 reads GFP_ATOMIC from 2.6 to 4.3 and
    __GFP_HIGH after): the replay under each; their common decisive verdict when they all agree
    (the first era's figures kept; an open test keeps its reason), else ``kernel_era_unknown``."""
    results = [_replay(event, cpus, page_kb, list(notes), era.first + (0,)) for era in _eras_of(event)]
    verdicts = {(r["verdict"], r["reason"]) for r in results}
    if results and len(verdicts) == 1:
        results[0]["notes"].append("kernel release not printed: every era the GFP layout fits (%s) gives this"
                                   % ", ".join(era.name for era in _eras_of(event)))
        return results[0]
    unknown = _replay(event, cpus, page_kb, notes, None)
    unknown["reason"] = "kernel_era_unknown"
    return unknown


def _replay(event, cpus, page_kb, notes, version):
    result = {"verdict": "inconclusive", "reason": None, "order": event.order, "kernel": event.kernel,
              "timestamp": event.timestamp, "wallclock": event.wallclock, "source": event.source,
              "line": event.line, "era": None, "request": None, "zones": [], "causes": [],
              "cannot_help": [], "cpus": None, "page_kb": page_kb, "notes": notes}
    if version is None:
        result["reason"] = "kernel_era_unknown"
        return result
    era_name, rules = era_for_version(version)
    result["era"] = era_name
    flags = request_flags(event, rules)
    if flags is None:
        result["reason"] = "gfp_mask_unknown"
        return result
    result["request"] = dict(flags, alloc_flags=_alloc_flag_names(flags, rules))
    zones = [z for z in event.zones if z.zone in ZONE_TYPES]
    if not zones or event.order is None:
        result["reason"] = "zone_lines_missing"
        if not zones and event.order is not None and rules["cma"] and not flags["cma_usable"]:
            _cma_only_buddy(event, result, flags, version)
        return result
    layout = _zone_layout(event, zones, flags["zone_class"], notes)
    if cpus is None:
        cpus = {"count": event.cpu + 1, "basis": "lower_bound_from_report_cpu"} if event.cpu is not None else None
    result["cpus"] = cpus or {"count": 1, "basis": "assumed_one_lower_bound"}
    if layout is None:
        _class_zone_only(event, result, zones, flags, rules, page_kb, cpus)
        return result
    cls_idx = class_index(layout, flags["zone_class"])
    # A distro kernel older than 5.0 that prints boost (or whose marks prove one) carries a backport whose
    # atomic rule is unknown.
    boost_printed = any(hidden_boost.boost_basis(z, page_kb) for z in zones)
    boost_unknown = boost_printed and (rules["boost"] is None or _boost_rule_open(event, version))
    if boost_unknown:
        rules = dict(rules, boost="ignored_for_atomic")
    rows = [_zone_row(event, z, layout, cls_idx, flags, rules, boost_unknown, page_kb, cpus) for z in zones]
    result["zones"] = rows
    _decide(event, result, rows, flags, rules, layout, cls_idx)
    return result


def _class_zone_only(event, result, zones, flags, rules, page_kb, cpus):
    """No lowmem_reserve[] printed (a quoted zone line, the rest elided): the layout is unknown, but the
    zone named as the request's class has a reserve entry of 0 for it in every layout
    (setup_per_zone_lowmem_reserve() fills only the entries of higher zones), so its own test can be
    replayed.  Above its floor: the kernel's test passed there (``other_cause``); otherwise the lower
    zones, unprinted or without their reserve, leave it open (``lowmem_reserve_missing``)."""
    result["reason"] = "lowmem_reserve_missing"
    own = [z for z in zones if z.zone == flags["zone_class"]]
    if not own or any(z.lowmem_reserve for z in zones):
        return
    boost_unknown = bool(hidden_boost.boost_basis(own[0], page_kb)) and rules["boost"] is None
    row = _zone_row(event, own[0], ZONE_TYPES, ZONE_TYPES.index(flags["zone_class"]), flags,
                    dict(rules, boost="ignored_for_atomic") if boost_unknown else rules, boost_unknown, page_kb, cpus)
    result["zones"] = [row]
    if row["status"] == "above_floor" and (not event.order or row.get("order_check")):
        result["verdict"], result["reason"] = "other_cause", "zone_above_floor"
        result["causes"] = _other_causes(event, [row], rules)
        result["notes"].append("no lowmem_reserve[] printed: only the %s zone, the request's own class, replayed"
                               % flags["zone_class"])


def _cma_only_buddy(event, result, flags, version):
    """No zone line (a paste kept the buddy lines alone), but the buddy lines print each order's migrate
    types: when every printed zone the request may use holds free blocks only on CMA (or isolated) lists,
    at every order, the unmovable request had no free page it could take while those lists held more than
    the largest reserve the kernel sets by itself (:data:`pagealloc.knowledge.kernel_default.CLAMP_MAX_OLD_KB`
    or ``CLAMP_MAX_NEW_KB``): the free memory was there, in the CMA area (``cma_held``, as
    :func:`_passes_with_cma` says of a zone line).  Zones that printed no buddy line are taken as absent
    (show_free_areas() prints one for every populated zone; noted)."""
    usable = ZONE_TYPES[:ZONE_TYPES.index(flags["zone_class"]) + 1]
    page_kb = (event.mem_info.page_kb if event.mem_info else None) or result["page_kb"]
    cma_kb = 0
    zones = []
    for key, counts in event.buddy.items():
        if key.rsplit(" ", 1)[-1] not in usable:
            continue
        types = event.buddy_types.get(key, {})
        held = [(int(order), count) for order, count in counts.items() if count]
        if any(count is None or not types.get(str(order)) or set(types[str(order)]) - NO_UNMOVABLE_TYPES
               for order, count in held):
            return  # a free block on a list the request may take, or an order without its types
        cma_kb += sum(count * page_kb << order for order, count in held if types[str(order)] == "C")
        zones.append(key)
    clamp_kb = kernel_default.clamp_max_kb(event.kernel or "")[0] or kernel_default.CLAMP_MAX_NEW_KB
    if zones and cma_kb > clamp_kb:
        result["verdict"], result["reason"] = "cma_held", "buddy_free_blocks_only_cma"
        result["causes"] = ["free_pages_in_cma"]
        result["cma_free_kb"] = cma_kb
        result["notes"].append("no zone line: the buddy lines of %s hold free blocks on CMA lists only (%d kB), "
                               "more than the largest default reserve (%d kB); zones without a buddy line taken "
                               "as absent" % (", ".join(zones), cma_kb, clamp_kb))


def _boost_rule_open(event, version):
    """True when the release is not printed and the GFP layout's releases span watermark eras with
    different boost rules (0xa20 is 5.1-6.2: the boosted min applies up to 5.6, from 5.7 an order-0
    atomic request ignores the boost): which mark the kernel tested is then unknown."""
    if KernelRelease.parse(event.kernel).version is not None:
        return False
    eras = _eras_of(event)
    if len(eras) != 1:
        return False
    later = [e.first for e in gfp_tables.ERAS if e.first > eras[0].first]
    end = min(later) + (0,) if later else (99, 0, 0)
    rules = {str(row[2]["boost"]) for row in WATERMARK_ERAS if version <= row[0] < end}
    rules.add(str(era_for_version(version)[1]["boost"]))
    return len(rules) > 1


def _replay_version(event, notes):
    """The kernel version the report printed, else the first of its GFP layout's era (noted)."""
    version = KernelRelease.parse(event.kernel).version
    if version is None:
        gfp_eras = _eras_of(event)
        version = gfp_eras[0].first + (0,) if len(gfp_eras) == 1 else None
        notes.append("kernel release not printed: era taken from the GFP layout" if version else
                     "kernel release not printed and the GFP layout is ambiguous")
    return version


def _zone_layout(event, zones, zone_class, notes):
    """The node's zone layout the report's lowmem_reserve arrays fit (the first when several fit
    and differ up to the request's zone class, noted), or None when none does."""
    lengths = {len(z.lowmem_reserve) for z in zones if z.lowmem_reserve}
    layouts = [lay for n in lengths for lay in zone_layouts(n, {z.zone for z in zones},
                                                            KernelRelease.parse(event.kernel).arch)]
    layouts = consistent_layouts(layouts, zones)
    if len(lengths) != 1 or not layouts:
        return None
    indices = {class_index(lay, zone_class) for lay in layouts}
    if len({tuple(lay[:i + 1]) for lay in layouts for i in indices}) > 1:
        notes.append("zone layout not fixed by the report: %s" % " or ".join("/".join(lay) for lay in layouts))
    return layouts[0]


def _decide(event, result, rows, flags, rules, layout, cls_idx):
    usable = [r for r in rows if r["usable"]]
    order = event.order
    passing = [r for r in usable if r["status"] == "above_floor" and (order == 0 or r.get("order_check"))]
    if passing:
        result["verdict"], result["reason"] = "other_cause", "zone_above_floor"
        result["causes"] = _other_causes(event, passing, rules)
        return
    if order > 0 and any(r["status"] == "above_floor" and r.get("order_check") is False for r in usable):
        result["verdict"], result["reason"] = "fragmentation", "no_free_block_of_order"
        return
    unsure = [r for r in usable if r["status"] != "below_floor"]
    if unsure:
        result["reason"] = {"within_drift": "margin_within_drift", "boost_uncertain": "boost_rule_unknown",
                            "within_refill": "margin_within_kswapd_refill",
                            "above_floor": "buddy_lines_missing"}.get(unsure[0]["status"], "zone_figures_missing")
        if unsure[0]["status"] == "within_drift" and unsure[0].get("drift_pages") is None:
            result["reason"] = "margin_with_unknown_drift"
        return
    missing = _missing_usable_zone(event, layout, cls_idx)
    if not usable or missing:
        result["reason"] = "usable_zone_line_missing"
        if missing:
            result["notes"].append("zone %s holds pages (%s) but its line is missing" % missing)
        return
    if any(_passes_with_cma(r) for r in usable):
        result["verdict"], result["reason"] = "cma_held", "zone_free_pages_in_cma"
        result["causes"] = ["free_pages_in_cma"]
        return
    if flags["zone_class"] in ("DMA", "DMA32") and _excluded_would_pass(rows, flags):
        result["verdict"], result["reason"] = "zone_restricted", "request_limited_to_" + flags["zone_class"]
        return
    result["verdict"], result["reason"] = "reserve_exhausted", "every_usable_zone_below_floor"
    if all(r.get("all_unreclaimable") for r in usable):
        result["cannot_help"].append("all_unreclaimable")


def _passes_with_cma(row):
    """The zone fell below its floor only by the free CMA pages taken off (``cma_subtracted``): with
    them counted it would stand above its floor by more than the per-cpu drift bound."""
    if not row.get("cma_subtracted") or row.get("margin_pages") is None:
        return False
    return row["margin_pages"] + row["free_cma_pages"] > (row.get("drift_pages") or 0)


def _excluded_would_pass(rows, flags):
    """A zone above the request's class holds more than its own floor (its own lowmem_reserve
    entry is 0): a request allowed there would have succeeded."""
    return any(not r["usable"] and r.get("usable_free_pages") is not None and r.get("floor_pages") is not None
               and r["usable_free_pages"] > r["floor_pages"] for r in rows)


def _other_causes(event, passing, rules):
    """Why a zone above its floor still failed, each only where the report shows it."""
    causes = []
    if rules["highatomic"] and any(r.get("highatomic_pages") for r in passing):
        causes.append("highatomic_reserve_held")   # order-0 atomics cannot take highatomic blocks (CVE-2024-50219)
    if any(r.get("free_cma_pages") for r in passing):
        causes.append("free_pages_in_cma")
    if any(r.get("free_pcp_pages") for r in passing):
        causes.append("pages_on_per_cpu_lists")
    causes.append("node_or_cpuset_restriction")    # __GFP_THISNODE / a mempolicy nodemask is not printed in full
    return causes


def replay_events(events, cpus=None, limit=MAX_REPORTS):
    """``{"verdict", "counts", "reports"}`` over several reports: ``reserve_exhausted`` when any
    report says so (without a reason the reserve cannot help), else the most frequent verdict
    (``inconclusive`` last); ``reports`` keeps the first ``limit``."""
    results = [replay_event(e, cpus) for e in events]
    counts = {v: sum(1 for r in results if r["verdict"] == v) for v in VERDICTS}
    helps = [r for r in results if r["verdict"] == "reserve_exhausted" and not r["cannot_help"]]
    if helps:
        verdict = "reserve_exhausted"
    else:
        decisive = [v for v in VERDICTS if counts[v] and v != "inconclusive"]
        verdict = max(decisive, key=lambda v: counts[v]) if decisive else "inconclusive"
    return {"verdict": verdict, "more_reserve_helps": bool(helps), "counts": {k: v for k, v in counts.items() if v},
            "cannot_help": sorted({c for r in results for c in r["cannot_help"]}),
            "reports": results[:limit], "text": [replay_line(r) for r in results[:limit]]}


# Reasons of an inconclusive replay that mean "nothing to replay" (the report lacks the lines or
# the mask), as opposed to numbers that leave the test open (a margin inside the drift bound).
NOT_REPLAYABLE = ("kernel_era_unknown", "gfp_mask_unknown", "zone_lines_missing", "lowmem_reserve_missing",
                  "usable_zone_line_missing", "zone_figures_missing")


# Reasons of an inconclusive replay that leave the test open by a margin: a zone printed above its floor by no
# more than per-cpu drift or kswapd's refill since the test explains (the module's docstring).
WITHIN_MARGIN = ("margin_within_drift", "margin_within_kswapd_refill", "margin_with_unknown_drift")


def in_reserve_within_margin(result):
    """A report open by a margin (``WITHIN_MARGIN``) whose every usable zone stood inside its reserve: free pages
    at or below the min mark (plus the lowmem_reserve kept from the request), the one above its floor no further
    than drift or refill explains.  Such numbers agree with the failed test: nothing in them says the memory was
    there (kernel bugzilla 15709, 2.6.34: DMA32 385 > 375 pages by 10 with min 1000, which the engineer reads as
    the reserve running out); a zone above its min mark is not inside the reserve (Jaewon Kim's 4.19 binder
    report: Normal 2549 usable pages, min 1548)."""
    return result["verdict"] == "inconclusive" and result["reason"] in WITHIN_MARGIN and all(
        z.get("usable_free_pages") is not None and z.get("mark_pages") is not None
        and z["usable_free_pages"] <= z["mark_pages"] + (z.get("lowmem_reserve_pages") or 0)
        for z in result["zones"] if z["usable"])


def reserve_may_help(replay):
    """True when some report shows every usable zone below its floor (a larger reserve helps), or
    when no report says otherwise: none could be replayed (the rule then decides from the reserve alone),
    or each that could stood inside its reserve, open only by a margin (:func:`in_reserve_within_margin`)."""
    if replay["more_reserve_helps"]:
        return True
    return all(r["verdict"] == "inconclusive" and r["reason"] in NOT_REPLAYABLE or in_reserve_within_margin(r)
               for r in replay["reports"])


def replay_reasons(replay):
    """The confidence reason a fix decided without a replay that shows the reserve exhausted carries, as a list:
    none when one does, ``watermark_margin_inconclusive`` when a report stood inside its reserve open by a margin,
    else ``watermark_replay_unavailable``."""
    if replay["more_reserve_helps"]:
        return []
    if any(in_reserve_within_margin(r) for r in replay["reports"]):
        return ["watermark_margin_inconclusive"]
    return ["watermark_replay_unavailable"]


def replay_line(result):
    """One line with the verdict and each usable zone's numbers in pages."""
    parts = []
    for z in result["zones"]:
        if not z["usable"] or z.get("threshold_pages") is None:
            continue
        op = "<=" if z["margin_pages"] <= 0 else ">"
        steps = [z["mark_pages"]]
        request = result["request"] or {}
        if request.get("high"):
            steps.append(steps[-1] - steps[-1] // 2)
        if request.get("harder"):
            steps.append(steps[-1] - steps[-1] // 4)
        boost = " (boost %d ignored%s)" % (z["boost_pages"], ", not printed: min > 4 x (low - min)"
                                           if z.get("boost_basis") == "inferred_from_gap" else "") \
            if z["mark_pages"] != z["min_pages"] else ""
        extra = ""
        if z.get("cma_subtracted"):
            extra += ", free_cma %d not usable" % z["free_cma_pages"]
        if z.get("highatomic_subtracted"):
            extra += ", highatomic %d not usable" % z["highatomic_pages"]
        drift = ", drift bound %d" % z["drift_pages"] if z.get("drift_pages") and z["margin_pages"] > 0 else ""
        if z.get("status") == "within_refill":
            drift += ", kswapd refill %d" % z["refill_pages"]
        parts.append("%s%s %d %s %d pages (min %s%s + lowmem_reserve %d%s%s)" % (
            "" if z["node"] in (None, 0) else "Node %d " % z["node"], z["zone"], z["usable_free_pages"], op,
            z["threshold_pages"], " -> ".join(str(s) for s in steps), boost, z["lowmem_reserve_pages"], extra, drift))
    text = result["verdict"]
    if result["verdict"] == "inconclusive" or result["verdict"] == "other_cause":
        text += " (%s)" % result["reason"]
    if result.get("cma_free_kb") is not None:
        text += " (no zone line; buddy lines: free blocks on CMA lists only, %d kB)" % result["cma_free_kb"]
    return text + (": " + "; ".join(parts) if parts else "")
