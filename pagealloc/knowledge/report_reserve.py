"""
Report reserve - what a failure report's Mem-Info proves about vm.min_free_kbytes
=================================================================================

A support engineer often has only a dmesg paste.  Its Mem-Info zone lines
(``ZoneWatermarks`` of :mod:`pagealloc.kernlog.event`) still carry, printed
by the kernel at failure time:

* **the runtime value**: ``__setup_per_zone_wmarks()`` (mm/page_alloc.c, all
  eras) spreads ``pages_min = min_free_kbytes >> (PAGE_SHIFT - 10)`` over the
  zones that are not highmem, ``pages_min * managed / lowmem_pages`` each,
  rounded down to pages; HighMem gets a small fixed mark.  So the sum of those
  zones' ``min`` (less ``boost``, which 5.0+ adds to the printed marks) is the
  value, short by less than one page per zone plus one
  (:func:`pagealloc.knowledge.failure_summary.min_free_kbytes_from_report`);
* **the kernel's default**: ``present:`` (every era) and ``managed:`` (3.8+)
  are the pages ``nr_free_buffer_pages()`` counted, so
  :func:`pagealloc.knowledge.kernel_default.compute_default` runs on them.  A
  log does not say whether THP was on: both cases are in the range unless the
  kernel predates THP (:func:`~pagealloc.knowledge.kernel_default.kernel_has_thp`,
  or, with no release printed, Mem-Info counters older than THP: :func:`predates_thp`);
  with managed pages, memory freed after the default was computed (init
  sections, the initramfs on 5.x) widens the range too.  When the reserve
  (above) matches only the THP-off or only the THP-on default within its
  rounding, that is the one the kernel chose (:func:`infer_thp_from_reserve`);
* **MemTotal**, roughly: ``totalram_pages`` is the sum of every zone's managed
  pages (3.8+); before 3.8 the sum of present pages, a little more.

Every figure is tagged ``basis: "estimated"`` with ``source`` :data:`SOURCE`.

Examples:
    >>> from pagealloc.kernlog.parse import parse_text
    >>> seed = parse_text(SAMPLE_REPORT).events[0]
    >>> reserve = reserve_from_report(seed)
    >>> reserve["current"]["value"], reserve["current"]["range"]   # DMA min 124 + Normal min 1908
    (2032, [2032, 2043])
    >>> d = reserve["default"]                                     # int_sqrt(16 x (15872 + 243776))
    >>> d["value"], d["basis"], d["lowmem_pages_from"], d["thp"], d["range"]
    (2038, 'estimated', 'present', None, [2026, 2038])
    >>> reserve["mem_total_kb"]["value"]                           # 15872 + 243776
    259648
"""

from pagealloc.knowledge import hidden_boost, kernel_default
from pagealloc.knowledge.failure_summary import lowmem_min_zones, min_free_kbytes_from_report
from pagealloc.knowledge.kernel_release import KernelRelease

SOURCE = "failure report (Mem-Info)"

# The seed report's Mem-Info zone lines (Debian 2.6.32-5-686, i686), trimmed to the fields used.
SAMPLE_REPORT = """\
[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20
[ 7873.855895] Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1
[ 7873.856218] Mem-Info:
[ 7873.856226] DMA free:992kB min:124kB low:152kB high:184kB active_anon:64kB present:15872kB mlocked:0kB
[ 7873.856251] Normal free:716kB min:1908kB low:2384kB high:2860kB active_anon:2984kB present:243776kB mlocked:0kB
"""

# A 2.6.22 report (wl500g router firmware, MIPS; tests/fixtures/posted/router_2.6.22_mips_wrapped_80.txt,
# unwrapped): the global counters before split LRU.
PRE_SPLIT_LRU_REPORT = """\
swapper: page allocation failure. order:3, mode:0x4020
Mem-info:
Active:631 inactive:4 dirty:0 writeback:0 unstable:0
 free:258 slab:766 mapped:297 pagetables:43 bounce:0
Normal free:1032kB min:508kB low:632kB high:760kB active:2524kB inactive:16kB present:16256kB pages_scanned:89 all_unreclaimable? no
"""

# Page size when the arch does not fix it: the kB figures are what count; only the THP
# pageblock size depends on it (kernel_default notes an assumed pageblock).
ASSUMED_PAGE_KB = 4
FIXED_PAGE_SIZE_KB = {"x86_64": 4, "i686": 4, "s390x": 4}


def predates_thp(event):
    """
    True when the report's Mem-Info shows a kernel older than THP.  show_free_areas()
    (mm/page_alloc.c) printed the global LRU counters as ``Active:N inactive:N`` up to 2.6.27;
    2.6.28's split LRU (commit 4f98a2fee8ac, "vmscan: split LRU lists into anon & file sets")
    prints ``active_anon:``/``active_file:`` instead.  THP came in 2.6.38, and RHEL 6's backport
    sits on 2.6.32, which has split LRU: with the old counters no THP term raised the default.

    >>> from pagealloc.kernlog.parse import parse_text
    >>> predates_thp(parse_text(PRE_SPLIT_LRU_REPORT).events[0])
    True
    >>> predates_thp(parse_text(SAMPLE_REPORT).events[0])
    False
    """
    counters = event.mem_info.counters if event.mem_info is not None else {}
    return "active" in counters and "active_anon" not in counters


def report_point(event):
    """Where a figure came from: the report's file, line, time and kernel."""
    return {"source": event.source, "line": event.line, "timestamp": event.timestamp,
            "wallclock": event.wallclock, "kernel": event.kernel}


def current_from_report(event, page_kb=ASSUMED_PAGE_KB):
    """The runtime ``vm.min_free_kbytes`` at failure time, or None without zone min lines."""
    value = min_free_kbytes_from_report(event)
    if value is None:
        return None
    # Each zone's share and pages_min itself are rounded down to whole pages.
    rounding_kb = (len(lowmem_min_zones(event)) + 1) * page_kb - 1
    return {"value": value, "basis": "estimated", "source": SOURCE,
            "method": "sum of the lowmem zones' min watermarks (less boost)",
            "error_kb": rounding_kb, "range": [value, value + rounding_kb]}


def _zones_for_formula(event, page_kb):
    """compute_default's zone dicts (pages) from the report's kB, or None when a lowmem zone
    lacks its size (a cut line, a filtered log)."""
    zones = []
    for z in event.zones:
        if z.present_kb is None:
            if z.zone in kernel_default.ZONES_UP_TO_NORMAL:
                return None
            continue
        high = z.high_kb - hidden_boost.boost_kb(z, page_kb) if z.high_kb is not None else None
        zones.append({"node": z.node if z.node is not None else 0, "zone": z.zone,
                      "present_pages": z.present_kb // page_kb,
                      "managed_pages": z.managed_kb // page_kb if z.managed_kb is not None else None,
                      "high_kb": high})
    lowmem = [z for z in zones if z["zone"] in kernel_default.ZONES_UP_TO_NORMAL and z["present_pages"]]
    return zones if lowmem else None


def default_from_report(event, arch=None, thp_enabled=None):
    """The kernel's default from the report's zone sizes (compute_default), or None.
    ``thp_enabled`` when the host's THP state is known; else both cases are in the range."""
    release = event.kernel
    arch = arch or KernelRelease.parse(release).arch
    page_kb = FIXED_PAGE_SIZE_KB.get(arch) or ASSUMED_PAGE_KB
    zones = _zones_for_formula(event, page_kb)
    if zones is None:
        return None
    pre_thp_counters = not release and predates_thp(event)
    basis = kernel_default.compute_default(zones, release, arch, page_kb, thp_enabled,
                                           thp_possible=False if pre_thp_counters else None)
    notes = basis["notes"]
    if not release:
        notes.append("the report printed no kernel release: era-dependent terms span both eras")
    if arch not in FIXED_PAGE_SIZE_KB:
        notes.append("page size not known from the log (arch %s): %d kB assumed" % (arch, page_kb))
    if pre_thp_counters:
        notes.append("THP cannot raise the default: the report's Mem-Info counters (Active:/inactive:) are "
                     "those of kernels before 2.6.28, older than THP (2.6.38)")
    elif basis["thp"] is None:
        notes.append("THP cannot raise the default: kernel %s predates THP (2.6.38, RHEL 6 backport)" % release)
    alternatives = set(basis["range"])
    if basis["lowmem_pages_from"] == "managed":
        # Managed pages grow after boot by what init frees later (free_initmem; the initramfs
        # when init_per_zone_wmark_min runs earlier, 5.x): the boot value may be lower.
        boot_kb = max(basis["lowmem_kb"] - kernel_default.ESTIMATE_LATE_FREED_MAX_KB, 0)
        clamp_max = basis["clamp"][1]
        alternatives.add(kernel_default.clamp_base(kernel_default.int_sqrt_default(boot_kb), clamp_max))
        notes.append("managed pages read at failure time; up to %d kB freed after boot are in the range"
                     % kernel_default.ESTIMATE_LATE_FREED_MAX_KB)
    basis.update(basis="estimated", source=SOURCE, report=report_point(event),
                 range=[min(alternatives), max(alternatives)],
                 error_kb=max(abs(a - basis["value"]) for a in alternatives))
    return basis


def _overlaps(span, low, high):
    return span[0] <= high and span[1] >= low


def infer_thp_from_reserve(default, current):
    """
    With the THP state unknown, narrow ``default`` (in place) to the THP-off or THP-on case when
    the report's reserve range meets only that case's values: the kernel's untouched default
    is one of them, and a user setting exactly one of them is not plausible.  A reserve that
    meets neither (tuned) or both (a big host whose base exceeds the THP term) changes nothing.
    """
    thp = default.get("thp")
    if not thp or not thp.get("assumed"):
        return default
    off = (default["range"][0], default["base_kb"])
    on_low = max(default["base_kb"], min([thp["recommended_kb"]] + thp["alternative_recommendations_kb"]))
    on = (on_low, default["value"])
    low, high = current["range"]
    matches_off, matches_on = _overlaps(off, low, high), _overlaps(on, low, high)
    if matches_off == matches_on:
        return default
    span = off if matches_off else on
    value = default["base_kb"] if matches_off else default["value"]
    thp.update(applied=not matches_off, inferred_from_reserve="off" if matches_off else "on")
    default.update(value=value, range=list(span), error_kb=max(value - span[0], span[1] - value))
    if matches_off:
        default["formula"] = "clamp(int_sqrt(16 * lowmem_kb), 128, clamp_max)"
    default["notes"].append("THP state inferred from the report's reserve (%d-%d kB): the THP-%s default"
                            % (low, high, "off" if matches_off else "on"))
    return default


def mem_total_from_report(event):
    """MemTotal (kB) as the zones printed it, or None."""
    managed = [z.managed_kb for z in event.zones if z.managed_kb is not None]
    if managed and len(managed) == len(event.zones):
        return {"value": sum(managed), "basis": "estimated", "source": SOURCE,
                "method": "sum of every zone's managed kB (totalram_pages)"}
    present = [z.present_kb for z in event.zones if z.present_kb is not None]
    if present and len(present) == len(event.zones):
        return {"value": sum(present), "basis": "estimated", "source": SOURCE,
                "method": "sum of every zone's present kB (kernel < 3.8: above MemTotal by boot reserves)"}
    return None


def reserve_from_report(event, arch=None, thp_enabled=None):
    """``{"report", "current", "default", "mem_total_kb"}`` of one report (values may be None),
    or None when the report printed no usable zone line."""
    current = current_from_report(event, FIXED_PAGE_SIZE_KB.get(arch) or ASSUMED_PAGE_KB)
    default = default_from_report(event, arch, thp_enabled)
    if default is not None and current is not None:
        infer_thp_from_reserve(default, current)
    if current is None and default is None:
        return None
    return {"report": report_point(event), "current": current, "default": default,
            "mem_total_kb": mem_total_from_report(event)}


def _completeness(event):
    """How fully a report printed its lowmem zones: 6.x prints only zones up to the request's
    gfp_zone, and NUMA node filters may hide nodes; prefer the report that shows the most."""
    lowmem = [z for z in event.zones if z.zone in kernel_default.ZONES_UP_TO_NORMAL]
    return len(lowmem), sum(z.present_kb or 0 for z in lowmem)


def zones_all_printed(event):
    """
    False when the report's own ``lowmem_reserve[]`` lines say a zone above the highest zone
    printed on a node holds memory: ``lowmem_reserve[j]`` of a zone counts the managed pages of
    the zones up to j above it (setup_per_zone_lowmem_reserve), so the highest zone of a node
    has only zeros unless a populated zone's line is missing (a cut paste; 6.x skips zones above
    the request's gfp_zone).  Then neither the reserve nor the default can be summed.

    Likewise when a buddy line names a zone that is not highmem but has no zone line:
    show_free_areas() prints both for the same zones (every era walks the populated zones for the
    zone lines and again for the buddy lines, with the same node and gfp_zone filters), so the
    paste lost it (2.6.10 with its ``protections[]: 0 0 0`` says nothing above; a quote trimmed to
    the DMA line leaves Normal as its buddy line only: summed alone, 16 MB would size the reserve).
    """
    highest = {}
    for z in event.zones:
        highest[z.node] = z
    if any(any(z.lowmem_reserve or []) for z in highest.values()):
        return False
    printed = {_buddy_key(z.node, z.zone) for z in event.zones}
    # an unpopulated zone's buddy line ("DMA32: empty", 2.6.16-2.6.2x: no blocks) holds no memory to sum
    return all(key in printed or key.rsplit(" ", 1)[-1] in kernel_default.HIGHMEM_ZONES or counts == {}
               for key, counts in event.buddy.items())


def _buddy_key(node, zone):
    """``FailureEvent.buddy``'s key of a zone (pagealloc.kernlog.assembler.buddy_key): the zone name on node 0
    or a kernel without nodes, "Node N ZONE" on other nodes."""
    return zone if node in (None, 0) else "Node %d %s" % (node, zone)


def best_report(events):
    """The complete report whose Mem-Info shows the reserve most completely (the latest of
    equals), or None.  Cut reports (``truncated``) and reports missing a populated zone's line
    prove nothing about the sums."""
    candidates = [e for e in events if not e.truncated and zones_all_printed(e)
                  and (lowmem_min_zones(e) or _zones_for_formula(e, ASSUMED_PAGE_KB))]
    return max(reversed(candidates), key=_completeness, default=None)


def default_from_pages_ram(events, kernel_release=None):
    """
    When no report printed its zone lines but one kept show_mem()'s ``N pages RAM`` and a buddy line
    (its page size): the kernel default estimated from that memory size
    (:func:`pagealloc.knowledge.kernel_default.estimate_default_from_meminfo`, THP and zones assumed),
    with ``ram_kb`` and ``source`` added; None without both.  ``pages RAM`` counts every page of RAM
    (reserved and highmem ones too), so it is at or above MemTotal: the estimate leans high, within
    the policy's cap of that memory.

    >>> from pagealloc.kernlog.parse import parse_text
    >>> cut = SAMPLE_REPORT.split("[ 7873.856226]")[0] + "[ 7873.856226] Mem-Info:\\n"
    >>> tail = "[ 7873.856300] Normal: 1*4kB 0*8kB 1*16kB = 20kB\\n[ 7873.856400] 1048446 pages RAM\\n"
    >>> found = default_from_pages_ram(parse_text(cut + tail).events)
    >>> found["ram_kb"], found["basis"], found["range"][0] <= found["value"] <= found["range"][1]
    (4193784, 'estimated', True)
    """
    for event in reversed(list(events)):
        totals = event.mem_info
        if totals is not None and totals.ram_pages and totals.page_kb:
            ram_kb = totals.ram_pages * totals.page_kb
            basis = kernel_default.estimate_default_from_meminfo(
                ram_kb, None, kernel_release or event.kernel, None, totals.page_kb, None)
            return dict(basis, ram_kb=ram_kb, source="failure report (pages RAM)")
    return None
