"""
Mem-Info totals - what a failure report says about memory beyond its zone lines
================================================================================

``__show_mem()`` (lib/show_mem.c; mm/show_mem.c from 6.1) and ``show_free_areas()``
print, besides the zone lines the watermark replay reads, the figures that say who
held the memory at failure time.  This module reads them into
:class:`pagealloc.kernlog.event.MemInfoTotals`, one line at a time:

* the global counter block, in pages, one printk with embedded newlines, whose
  shape changed with the kernel (mm/page_alloc.c ``show_free_areas()``)::

      2.6.9-2.6.2x  Active:%lu inactive:%lu dirty:%lu writeback:%lu unstable:%lu free:%u slab:%lu ...
      2.6.28-31     Active_anon:%lu active_file:%lu inactive_anon:%lu\\n inactive_file:%lu ...
                     free:%lu slab_reclaimable:%lu slab_unreclaimable:%lu\\n mapped:%lu pagetables:%lu ...
      2.6.32-4.7    active_anon:%lu inactive_anon:%lu isolated_anon:%lu\\n ... free:%lu
                    slab_reclaimable:%lu slab_unreclaimable:%lu\\n mapped:%lu shmem:%lu pagetables:%lu ...
      4.8+          ... slab_reclaimable:%lu slab_unreclaimable:%lu\\n mapped:%lu shmem:%lu pagetables:%lu
                    ... free:%lu free_pcp:%lu free_cma:%lu  (6.0+ sec_pagetables:, kernel_misc_reclaimable:)

  so it is read by its structure: a line made only of ``name:number`` tokens (the
  first begins ``active_anon:`` or ``Active:``), wherever a printk, dmesg or
  rsyslog's ``#012`` put the breaks;
* ``Node %d hugepages_total=%u hugepages_free=%u hugepages_surp=%u hugepages_size=%lukB``
  per node and huge page size (mm/hugetlb.c ``hugetlb_show_meminfo_node()``, 3.x+);
* ``%ld total pagecache pages`` and ``%lu pages RAM`` (before 2.6.29 the arch show_mem(): ``%d pages of RAM``);
* 6.10+ with CONFIG_MEM_ALLOC_PROFILING: ``Memory allocations:`` (6.18+: ``Memory
  allocations (profiling is currently turned on):``) then the ten largest allocation
  sites, ``pr_notice("%12s %8llu %s:%u [%s] func:%s\\n", bytes, calls, file, line,
  module, function)`` with ``bytes`` from ``string_get_size(..., STRING_UNITS_2)``
  (``"38.4 MiB"``, 3 significant figures; lib/string_helpers.c).

The page size comes from the buddy lines (their order-0 block, ``4kB`` on x86,
``64kB`` on 64K-page arm64/ppc64), not from an assumption.

Examples:
    >>> from pagealloc.kernlog.event import MemInfoTotals
    >>> totals = MemInfoTotals()
    >>> for line in ["active_anon:3060 inactive_anon:1925 isolated_anon:0",
    ...              " slab_reclaimable:2569 slab_unreclaimable:12482",
    ...              "Node 0 hugepages_total=512 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB",
    ...              "11692 total pagecache pages", "72535 pages RAM",
    ...              "Memory allocations (profiling is currently turned on):",
    ...              "    38.4 MiB     5505 mm/slub.c:3075 func:alloc_slab_page"]:
    ...     assert read_line(totals, line)
    >>> totals.counters["slab_unreclaimable"], totals.pagecache_pages, totals.ram_pages, totals.profiling
    (12482, 11692, 72535, 'on')
    >>> pool, site = totals.hugepages[0], totals.allocations[0]
    >>> pool.total * pool.size_kb, site.bytes, site.function
    (1048576, 40265318, 'alloc_slab_page')
    >>> read_line(totals, "Normal per-cpu:")
    False
"""

import re

from pagealloc.kernlog.event import AllocationSite, HugePagePool

MAX_DIGITS = 18        # a longer number is no kernel counter
MAX_COUNTERS = 48      # names kept from the global block (about 25 in any era)
MAX_POOLS = 256        # nodes x huge page sizes
MAX_SITES = 16         # the kernel prints its top 10

# A line of the global block: only "name:number" tokens; the block's first line names the
# anon LRU ("active_anon:" 2.6.32+, "Active_anon:" 2.6.28-31, "Active:" before).
COUNTERS_LINE = re.compile(r"^\s*(?:[A-Za-z_]{1,40}:\d{1,%d}\s*)+$" % MAX_DIGITS)
COUNTER = re.compile(r"([A-Za-z_]{1,40}):(\d+)")
HUGEPAGES = re.compile(r"^\s*(?:Node (?P<node>\d+) )?hugepages_total=(?P<total>\d+) hugepages_free=(?P<free>\d+)"
                       r" hugepages_surp=(?P<surp>\d+) hugepages_size=(?P<size>\d+)kB")
PAGECACHE = re.compile(r"^\s*(?P<pages>\d+) total pagecache pages")
RAM = re.compile(r"^\s*(?P<pages>\d+) pages (?:of )?RAM")  # "of": the arch show_mem() before 2.6.29
ALLOCATIONS_HEADER = re.compile(r"^\s*Memory allocations(?: \(profiling is currently turned (?P<state>on|off)\))?:\s*$")
# "%12s %8llu %s:%u [%s] func:%s": string_get_size() prints "<n>[.<frac>] <unit>" with units
# B, KiB, MiB, ... (STRING_UNITS_2).
ALLOCATION_SITE = re.compile(
    r"^\s*(?P<size>(?P<number>\d{1,4}(?:\.\d{1,3})?) (?P<unit>[KMGTPEZY]i)?B)\s+(?P<calls>\d{1,%d}) "
    r"(?P<location>\S+:\d+)(?: \[(?P<module>[\w-]+)\])? func:(?P<function>\S+)\s*$" % MAX_DIGITS)
UNIT_POWER = {None: 0, "Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6, "Zi": 7, "Yi": 8}


def _int(text):
    return int(text) if text is not None and len(text) <= MAX_DIGITS else None


def read_line(totals, text):
    """Read one Mem-Info line into ``totals``; False (and ``totals`` unchanged) when it is none of the
    lines above."""
    if ":" in text and "=" not in text and COUNTERS_LINE.match(text):
        read_counters(totals, text)
        return True
    if "hugepages_total=" in text:
        return _hugepages(totals, text)
    if "pages" in text:
        match = PAGECACHE.match(text) or RAM.match(text)
        if match:
            pages = _int(match.group("pages"))
            if match.re is PAGECACHE:
                totals.pagecache_pages = pages
            else:
                totals.ram_pages = pages
            return True
    if "emory allocations" in text:
        match = ALLOCATIONS_HEADER.match(text)
        if match:
            totals.profiling = match.group("state")
            return True
    if " func:" in text:
        return _allocation_site(totals, text)
    return False


def read_counters(totals, text):
    """Read a line of the global counter block (a ``COUNTERS_LINE``) into ``totals``: the first value of a
    name counts.

    >>> from pagealloc.kernlog.event import MemInfoTotals
    >>> totals = MemInfoTotals()
    >>> read_counters(totals, " free:427 Slab_reclaimable:774 free:1")
    >>> totals.counters
    {'free': 427, 'slab_reclaimable': 774}
    """
    counters = totals.counters
    for name, value in COUNTER.findall(text):
        name = name.lower()
        if name not in counters and len(counters) < MAX_COUNTERS:
            counters[name] = int(value)


def _hugepages(totals, text):
    match = HUGEPAGES.match(text)
    if match is None:
        return False
    if len(totals.hugepages) < MAX_POOLS:
        totals.hugepages.append(HugePagePool(
            node=_int(match.group("node")), size_kb=_int(match.group("size")), total=_int(match.group("total")),
            free=_int(match.group("free")), surp=_int(match.group("surp"))))
    return True


def _allocation_site(totals, text):
    match = ALLOCATION_SITE.match(text)
    if match is None:
        return False
    if len(totals.allocations) < MAX_SITES:
        size = float(match.group("number")) * 1024 ** UNIT_POWER[match.group("unit")]
        totals.allocations.append(AllocationSite(
            size=match.group("size"), bytes=int(size), calls=_int(match.group("calls")),
            location=match.group("location"), module=match.group("module"), function=match.group("function")))
    return True


def page_kb_from_buddy(first):
    """The page size in kB from a buddy line's first (order 0) block size ``(size, unit)``:
    ``4kB`` -> 4; None when there is none or the line does not start at one page."""
    if not first:
        return None
    size, unit = first
    if unit != "k" or not size.isdigit() or len(size) > 4:
        return None
    return int(size)
