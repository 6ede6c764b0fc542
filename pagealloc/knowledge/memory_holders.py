"""
Who holds the memory - at failure time from the report, else from the sosreport
===============================================================================

When reports show memory exhausted rather than a small reserve, the next
question is who holds it.  At failure time, from the report's own Mem-Info
block (:mod:`pagealloc.kernlog.mem_info`; figures in pages x the report's page
size, shares of its ``pages RAM``): :func:`failure_time_holders`

* ``slab_unreclaimable`` (2.6.28+; before, ``slab`` counts all slab);
* the hugetlbfs pools, ``hugepages_total x hugepages_size`` summed over nodes;
* ``shmem`` (2.6.32+), ``pagetables``, anon LRU (``active_anon + inactive_anon``) for scale;
* 6.10+ with memory allocation profiling: the ten largest allocation sites
  (:func:`allocation_sites`), which name the code that holds the memory.

Without those lines, from the sosreport (collection time, not failure
time; sos ``memory`` plugin: ``proc/meminfo``, ``proc/slabinfo``, ``slabtop -o``):

* ``SUnreclaim`` - unreclaimable slab (kernel objects reclaim cannot free);
* ``HugePages_Total x Hugepagesize`` - the hugetlbfs pool, never available to
  other allocations whether used or not;
* ``Shmem`` - tmpfs and shared memory, reclaimable only by swapping;
* ``AnonPages``, ``PageTables`` for scale;
* the largest slab caches (``slabtop -o``'s CACHE SIZE, whole slabs; else
  ``num_objs x objsize`` from /proc/slabinfo 2.1 columns).

A holder is *notable* from ``NOTABLE_SHARE`` of MemTotal.  At failure time, one holder (or one
allocation site) with ``DOMINANT_SHARE`` of RAM or more is *dominant*
(:func:`dominant_holder`): the main rule then names it as what to fix first.

Examples:
    >>> mi = {"memtotal": 1048576 * 1024, "sunreclaim": 262144 * 1024, "shmem": 10240 * 1024,
    ...       "hugepages_total": 0, "hugepagesize": 2048 * 1024, "anonpages": 1024 * 1024}
    >>> [(h["name"], h["kb"], h["share"], h["notable"]) for h in holders(mi)][:2]
    [('unreclaimable slab (SUnreclaim)', 262144, 0.25, True), ('shmem/tmpfs (Shmem)', 10240, 0.01, False)]

    The failure-time figures of a report (6.12, 16 GiB, a slab leak):

    >>> from pagealloc.kernlog.event import MemInfoTotals, HugePagePool
    >>> totals = MemInfoTotals(counters={"slab_unreclaimable": 2883584, "shmem": 1203}, page_kb=4,
    ...                        ram_pages=4194158, hugepages=[HugePagePool(0, 2048, 1024, 1024, 0)])
    >>> found, ram_kb = failure_time_holders(totals)
    >>> ram_kb, [(h["name"], h["kb"], h["share"]) for h in found if h["notable"]]
    (16776632, [('unreclaimable slab (slab_unreclaimable)', 11534336, 0.69), ('hugetlbfs pool (hugepages_total x hugepages_size)', 2097152, 0.13)])
    >>> dominant_in_totals(totals)["name"], DOMINANT_SHARE
    ('unreclaimable slab (slab_unreclaimable)', 0.5)
"""

NOTABLE_SHARE = 0.10
# One holder with half of RAM or more at failure time is the failure's cause, not the reserve: a larger
# vm.min_free_kbytes (at most a few % of RAM) only moves the point at which the holder exhausts memory.
# Below half, the rest of memory is still the larger part and the reserve's size can be the deciding
# factor, so the holder stays context (MEMORY_HOLDERS) beside the reserve verdict.
DOMINANT_SHARE = 0.50
TOP_CACHES = 5
PAGE_KB = 4
# Replay verdicts (pagealloc.knowledge.watermark_replay) that show free memory above the floor:
# the memory was not exhausted, so who holds it does not explain the failure.
NOT_EXHAUSTED = ("other_cause", "cma_held", "fragmentation", "zone_restricted")


def total_kb(totals, name):
    """A global counter in kB (pages x the report's page size), or None when not printed."""
    pages = totals.counters.get(name)
    if pages is None or not totals.page_kb:
        return None
    return pages * totals.page_kb


def hugetlb_pool_kb(totals):
    """Memory in the hugetlbfs pools at failure time (used or not: never available to other
    allocations), summed over nodes and sizes; None when no hugepages line was printed."""
    if not totals.hugepages:
        return None
    return sum((pool.total or 0) * (pool.size_kb or 0) for pool in totals.hugepages)


def memory_exhausted(replay):
    """False when the replay shows a zone the request could use above its floor (other cause,
    fragmentation, zone restriction); True when the free memory ran out or could not be replayed."""
    return replay["verdict"] not in NOT_EXHAUSTED


def report_with_totals(events):
    """The last report whose Mem-Info totals give a page size and counters, or None."""
    for event in reversed(events):
        totals = event.mem_info
        if totals is not None and totals.page_kb and (totals.counters or totals.hugepages):
            return event
    return None


def _kb(meminfo, key):
    value = meminfo.get(key)
    return value // 1024 if isinstance(value, int) else None


def holders(meminfo, slabinfo=None, slabtop=None):
    """``[{name, kb, share, notable}]`` largest first, from the sosreport; slab caches from
    ``slabtop -o`` rows (``[{name, cache_kb}]``) when given, else from /proc/slabinfo."""
    total = _kb(meminfo, "memtotal")
    if not total:
        return []
    out = []
    for name, key in (("unreclaimable slab (SUnreclaim)", "sunreclaim"), ("shmem/tmpfs (Shmem)", "shmem"),
                      ("anonymous memory (AnonPages)", "anonpages"), ("page tables (PageTables)", "pagetables")):
        kb = _kb(meminfo, key)
        if kb is not None:
            out.append({"name": name, "kb": kb})
    pages, size = meminfo.get("hugepages_total"), _kb(meminfo, "hugepagesize")
    if isinstance(pages, int) and pages and size:
        out.append({"name": "hugetlbfs pool (HugePages_Total x Hugepagesize)", "kb": pages * size})
    for cache, kb in top_slab_caches(slabinfo, slabtop):
        out.append({"name": "slab cache %s" % cache, "kb": kb})
    return _ranked(out, total)


# The report's global counters (pages) that name a holder; "slab" is the whole slab up to 2.6.27.
REPORT_COUNTERS = (("unreclaimable slab (slab_unreclaimable)", "slab_unreclaimable"),
                   ("shmem/tmpfs (shmem)", "shmem"), ("page tables (pagetables)", "pagetables"))
OLD_SLAB = ("slab, reclaimable or not (slab)", "slab")


def failure_time_holders(totals, zones=()):
    """``(holders, ram_kb)`` from a report's Mem-Info totals, or ``([], None)`` when the report
    lacks its page size or its RAM (``pages RAM``, else the zones' present kB)."""
    ram_kb = totals.ram_pages * totals.page_kb if totals.ram_pages and totals.page_kb else None
    ram_kb = ram_kb or sum(z.present_kb or 0 for z in zones) or None
    if not ram_kb or not totals.page_kb:
        return [], None
    counters = REPORT_COUNTERS if "slab_unreclaimable" in totals.counters else REPORT_COUNTERS + (OLD_SLAB,)
    out = [{"name": name, "kb": total_kb(totals, key)} for name, key in counters if key in totals.counters]
    anon = [totals.counters.get(key) for key in ("active_anon", "inactive_anon")]
    if None not in anon:
        out.append({"name": "anonymous memory (active_anon + inactive_anon)", "kb": sum(anon) * totals.page_kb})
    pool = hugetlb_pool_kb(totals)
    if pool:
        out.append({"name": "hugetlbfs pool (hugepages_total x hugepages_size)", "kb": pool})
    return _ranked(out, ram_kb), ram_kb


# Holders that do not count for dominance: anonymous memory (the workload itself, reclaimable to
# swap) and the pre-2.6.28 "slab" counter (reclaimable slab included, not a fixed holder).
NOT_DOMINANT = ("anonymous", OLD_SLAB[0])


def dominant_in_totals(totals, zones=()):
    """``{name, kb, share, ram_kb, site}`` for the largest holder or allocation site of a report's
    Mem-Info totals with at least ``DOMINANT_SHARE`` of its RAM (``site`` True for an allocation
    site), or None."""
    found, ram_kb = failure_time_holders(totals, zones)
    if not ram_kb:
        return None
    candidates = [(h["name"], h["kb"], False) for h in found if not h["name"].startswith(NOT_DOMINANT)]
    candidates += [("allocation site %s (%s%s)" % (s["function"], s["location"],
                                                   " [%s]" % s["module"] if s["module"] else ""), s["kb"], True)
                   for s in allocation_sites(totals, ram_kb)]
    name, kb, site = max(candidates, key=lambda c: (c[1], not c[2]), default=(None, 0, False))
    if name is None or kb < DOMINANT_SHARE * ram_kb:
        return None
    return {"name": name, "kb": kb, "share": round(kb / ram_kb, 2), "ram_kb": ram_kb, "site": site,
            "threshold": DOMINANT_SHARE}


def dominant_holder(events):
    """The dominant holder (:func:`dominant_in_totals`) in the last report with Mem-Info totals, or None."""
    event = report_with_totals(events)
    return dominant_in_totals(event.mem_info, event.zones) if event is not None else None


def allocation_sites(totals, ram_kb):
    """The report's 6.10+ "Memory allocations" lines: ``[{function, location, module, size, kb,
    calls, share}]`` as printed (largest first, the kernel's order)."""
    return [{"function": s.function, "location": s.location, "module": s.module, "size": s.size,
             "kb": s.bytes // 1024, "calls": s.calls, "share": round(s.bytes / 1024 / ram_kb, 2) if ram_kb else None}
            for s in totals.allocations]


def _ranked(out, total):
    for holder in out:
        holder["share"] = round(holder["kb"] / total, 2)
        holder["notable"] = holder["kb"] >= NOTABLE_SHARE * total and not holder["name"].startswith("anonymous")
    return sorted(out, key=lambda h: -h["kb"])


def top_slab_caches(slabinfo, slabtop=None, top=TOP_CACHES):
    """``[(cache, kB)]`` of the largest caches: slabtop's CACHE SIZE (whole slabs, what the cache
    holds) when its rows are given, else /proc/slabinfo's num_objs x objsize."""
    if slabtop:
        return [(row["name"], row["cache_kb"]) for row in sorted(slabtop, key=lambda r: -r["cache_kb"])[:top]]
    sizes = []
    for cache, row in ((slabinfo or {}).items()):
        try:
            sizes.append((cache, int(row["num_objs"]) * int(row["objsize"]) // 1024))
        except (KeyError, ValueError, TypeError):
            continue
    return sorted(sizes, key=lambda item: -item[1])[:top]
