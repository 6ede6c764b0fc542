"""
Kernel default vm.min_free_kbytes
=================================

What the kernel would have chosen for ``vm.min_free_kbytes`` on a host, from
its /proc/zoneinfo (computed) or, failing that, /proc/meminfo (estimated with
an explicit error bound).  Pure functions over plain data; the memory-picture
combiner calls them.

The kernel's choice, step by step (verified in the sources cited at each table):

1. Base, at boot (``init_per_zone_wmark_min()``, ``calculate_min_free_kbytes()``
   from 5.7; mm/page_alloc.c)::

       lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10)
       min_free_kbytes = clamp(int_sqrt(lowmem_kbytes * 16), 128, CLAMP_MAX)

   ``nr_free_buffer_pages()`` sums, over zones usable by GFP_USER (DMA, DMA32,
   Normal of every node; never HighMem or Movable), ``managed - high``
   (``present - high`` before ``managed`` existed, kernel < 3.8).  At boot the
   high watermarks are still 0, so the base uses the full managed pages; a
   later recalculation (memory hotplug; THP switched off on 6.x) subtracts the
   then-current high watermarks.  We model boot and report the recalculated
   value as the error bound.
2. THP (``set_recommended_min_free_kbytes()``, mm/huge_memory.c 2.6.38,
   mm/khugepaged.c from 4.8), only when THP ``enabled`` is always or madvise::

       recommended = pageblock_nr_pages * nr_zones * (2 + MIGRATE_PCPTYPES**2)
       recommended = min(recommended, nr_free_buffer_pages() / 20)   # 5% cap
       min_free_kbytes = max(min_free_kbytes, recommended)

   ``nr_zones`` counts every populated zone up to 4.17 and only zones up to
   Normal from 4.18 (commit "mm/thp: don't count ZONE_MOVABLE as the target for
   freepage reserving", Joonsoo Kim, 2018).  khugepaged starts after the
   watermarks were set from the base value, so the 5% cap sees
   ``managed - high(base)``; we rebuild those watermarks.

Examples:
    >>> zones = [
    ...     {"node": 0, "zone": "DMA", "present_pages": 3998, "managed_pages": 3840, "high_kb": 368},
    ...     {"node": 0, "zone": "DMA32", "present_pages": 782336, "managed_pages": 772915, "high_kb": 75416},
    ...     {"node": 0, "zone": "Normal", "present_pages": 5505024, "managed_pages": 262144, "high_kb": 25572},
    ... ]
    >>> d = compute_default(zones, "6.1.0-18-amd64", "x86_64", 4, "madvise")
    >>> d["value"], d["base_kb"], d["thp"]["recommended_kb"], d["basis"]
    (67584, 8154, 67584, 'computed')
    >>> compute_default(zones, "6.1.0-18-amd64", "x86_64", 4, "never")["value"]
    8154
    >>> int_sqrt_default(259648)   # the seed's 256 MB host: (3968 + 60944) pages * 4 kB
    2038
"""

import math

from pagealloc.knowledge.kernel_release import KernelRelease

# --- Zones ------------------------------------------------------------------
# gfp_zone(GFP_USER) is ZONE_NORMAL (include/linux/gfp.h): nr_free_buffer_pages()
# and, from 4.18, the THP zone count stop there.  HighMem and Movable are above.
ZONES_UP_TO_NORMAL = ("DMA", "DMA32", "Normal")
# Zones that are not "highmem" for the watermark split (is_highmem(), mm/page_alloc.c
# __setup_per_zone_wmarks: lowmem_pages sums every !is_highmem zone, Movable included).
HIGHMEM_ZONES = ("HighMem",)

# --- Base clamp -------------------------------------------------------------
BASE_CLAMP_MIN_KB = 128
CLAMP_MAX_OLD_KB = 65536
# Upstream commit "mm/page_alloc: increase default min_free_kbytes bound" (Joel
# Savitz, Red Hat, 2020; merged in 5.7) raised the upper clamp to 256 MiB.
CLAMP_MAX_NEW_KB = 262144
# (rule name, distro tag in the release string, base version, first build with the
# new clamp).  RHEL 7.9 (3.10.0-1160) carries the backport (domain notes, sec. 3);
# for RHEL 8 we assume 8.3 (4.18.0-240), the first minor released after 5.7.
CLAMP_BACKPORTS = (
    ("RHEL 7", "el7", (3, 10, 0), 1160),
    ("RHEL 8", "el8", (4, 18, 0), 240),
)
UPSTREAM_NEW_CLAMP = (5, 7)

# --- THP --------------------------------------------------------------------
MIGRATE_PCPTYPES = 3   # include/linux/mmzone.h: UNMOVABLE, MOVABLE, RECLAIMABLE
THP_PAGEBLOCKS_PER_ZONE = 2 + MIGRATE_PCPTYPES * MIGRATE_PCPTYPES   # = 11
THP_FIRST_VERSION = (2, 6, 38)            # CONFIG_TRANSPARENT_HUGEPAGE appeared in 2.6.38
THP_BACKPORT_TAGS = (".el6",)             # RHEL 6 (2.6.32) carries THP (redhat_transparent_hugepage)
THP_ONLY_LOWMEM_ZONES_FROM = (4, 18)      # Joonsoo Kim's patch, see module docstring
THP_ENABLED_STATES = ("always", "madvise")  # khugepaged_enabled()
THP_CAP_DIVISOR = 20                      # "don't ever allow to reserve more than 5% of the lowmem"
# pageblock size in kB by (arch, page size kB): pageblock_order = HUGETLB_PAGE_ORDER
# (include/linux/pageblock-flags.h) = PMD size for these arches.
PAGEBLOCK_KB = {
    ("x86_64", 4): 2048,       # 512 x 4 KiB (PMD 2 MiB)
    ("i686", 4): 2048,         # PAE PMD 2 MiB (THP needs PAE on 32-bit x86)
    ("aarch64", 4): 2048,      # 512 x 4 KiB
    ("aarch64", 16): 32768,    # 2048 x 16 KiB (PMD 32 MiB)
    ("aarch64", 64): 524288,   # 8192 x 64 KiB (PMD 512 MiB)
    ("s390x", 4): 1024,        # segment 1 MiB
}
ARCH_ALIASES = {"amd64": "x86_64", "arm64": "aarch64", "i386": "i686", "i586": "i686", "x86": "i686"}

# --- Watermarks (to rebuild high at khugepaged time) -------------------------
# min/4 gap up to 4.5 (and RHEL 7); max(min/4, managed * factor / 10000) from 4.6
# (commit "mm: scale kswapd watermarks in proportion to memory", 4.6).
SCALED_WATERMARKS_FROM = (4, 6)
DEFAULT_WATERMARK_SCALE_FACTOR = 10

# --- Estimating boot lowmem from /proc/meminfo -------------------------------
# MemTotal (totalram_pages) and LowTotal (totalram - totalhigh) are read long after
# the default was computed and count other pages than nr_free_buffer_pages() did:
# * kernels < 3.8 (no managed_pages) counted present pages, more than MemTotal by
#   what was reserved before the buddy allocator started: the struct page array
#   of all RAM (32 B per 4 KiB page on 32-bit = 0.78%, 64 B on 64-bit = 1.56%;
#   include/linux/mm_types.h), the kernel image, early page tables and bootmem
#   (bounded by 32 MiB), and on hosts of 1 GiB and more a kdump crashkernel
#   area (RHEL's crashkernel=auto reserves 128-512 MiB, bounded by 512 MiB).
# * kernels >= 3.8 counted managed pages; MemTotal has since grown by what was
#   freed after boot (free_initmem, free_initrd_mem: init sections and the
#   initramfs image; 128 MiB bounds a distribution initramfs).
MANAGED_PAGES_FROM = (3, 8)
ARCH_BITS = {"x86_64": 64, "aarch64": 64, "ppc64le": 64, "s390x": 64, "i686": 32, "armv7l": 32}
STRUCT_PAGE_BYTES = {32: 32, 64: 64}
ESTIMATE_EARLY_RESERVED_MAX_KB = 32 * 1024
ESTIMATE_CRASHKERNEL_FROM_KB = 1024 * 1024
ESTIMATE_CRASHKERNEL_MAX_KB = 512 * 1024
ESTIMATE_LATE_FREED_MAX_KB = 128 * 1024
# 32-bit x86 with the distributions' 3G/1G split maps at most 896 MiB as lowmem
# (1 GiB minus __VMALLOC_RESERVE 128 MiB, arch/x86/include/asm/pgtable_32_types.h);
# the fixmap/kmap areas take some MiB off the top (the seed's 1 GiB host: 876 MiB).
X86_32_LOWMEM_MAX_KB = 896 * 1024
X86_32_LOWMEM_TOP_SLACK_KB = 32 * 1024

def int_sqrt_default(lowmem_kb):
    """``int_sqrt(lowmem_kbytes * 16)``: the unclamped base value."""
    return math.isqrt(max(int(lowmem_kb), 0) * 16)


def clamp_max_kb(release):
    """The base clamp's upper bound for a kernel release and the rule that decided it."""
    parsed = KernelRelease.parse(release)
    version, build = parsed.version, parsed.build
    if version is None:
        return None, "unknown kernel release"
    for rule, tag, base, first_build in CLAMP_BACKPORTS:
        if version == base and ("." + tag) in release:
            if build is not None and build >= first_build:
                return CLAMP_MAX_NEW_KB, "%s backport (from build %d)" % (rule, first_build)
            return CLAMP_MAX_OLD_KB, "%s before build %d" % (rule, first_build)
    if version[:2] >= UPSTREAM_NEW_CLAMP:
        return CLAMP_MAX_NEW_KB, "upstream 5.7 and later"
    return CLAMP_MAX_OLD_KB, "upstream before 5.7"


def clamp_base(unclamped_kb, clamp_max):
    return min(max(unclamped_kb, BASE_CLAMP_MIN_KB), clamp_max)


def thp_counts_only_lowmem_zones(release):
    version = KernelRelease.parse(release).version
    return version is not None and version[:2] >= THP_ONLY_LOWMEM_ZONES_FROM


def kernel_has_thp(release):
    version = KernelRelease.parse(release).version
    return version is None or version >= THP_FIRST_VERSION or any(t in release for t in THP_BACKPORT_TAGS)


def pageblock_kb(arch, page_size_kb):
    arch = ARCH_ALIASES.get(arch, arch)
    return PAGEBLOCK_KB.get((arch, page_size_kb))


def _managed(zone):
    """Managed pages, or present pages on kernels whose zoneinfo has no ``managed`` (< 3.8)."""
    managed = zone.get("managed_pages")
    return managed if managed is not None else (zone.get("present_pages") or 0)


def _populated(zones):
    return [z for z in zones if _managed(z) > 0 or (z.get("present_pages") or 0) > 0]


def _high_pages_for(zones, min_free_kb, page_size_kb, scaled, scale_factor):
    """High watermark (pages) per zone as __setup_per_zone_wmarks() sets it for ``min_free_kb``."""
    pages_min = min_free_kb // page_size_kb
    lowmem_pages = sum(_managed(z) for z in zones if z["zone"] not in HIGHMEM_ZONES) or 1
    highs = []
    for z in zones:
        managed = _managed(z)
        wmin = pages_min * managed // lowmem_pages
        gap = max(wmin // 4, managed * scale_factor // 10000) if scaled else wmin // 4
        highs.append(wmin + (2 * gap if scaled else wmin // 2))
    return highs


def _lowmem_zones(zones):
    return [z for z in _populated(zones) if z["zone"] in ZONES_UP_TO_NORMAL]


def compute_default(zones, kernel_release, arch, page_size_kb, thp_enabled,
                    watermark_scale_factor=None, thp_possible=None):
    """
    The default from zoneinfo.  ``zones``: dicts with ``node``, ``zone``,
    ``present_pages``, ``managed_pages`` (None before 3.8) and ``high_kb``
    (current high watermark).  ``thp_enabled``: "always", "madvise", "never"
    or None (unknown).  ``thp_possible`` False: the caller knows the kernel
    predates THP although its release is unknown (None: the release decides).  Returns a JSON-able dict: ``value`` (kB), ``basis``
    ("computed" or "estimated" when an input had to be assumed), ``error_kb``
    and ``range`` (other plausible kernel values), and every term.
    """
    page_size_kb = page_size_kb or 4
    notes = []
    clamp_max, clamp_rule, basis = _clamp_or_assumed(kernel_release, notes)
    lowmem = _lowmem_zones(zones)
    lowmem_kb = sum(_managed(z) for z in lowmem) * page_size_kb
    used_present = any(z.get("managed_pages") is None for z in lowmem)
    base_unclamped = int_sqrt_default(lowmem_kb)
    base = clamp_base(base_unclamped, clamp_max)
    base_alternatives = _base_alternatives(lowmem, base_unclamped, clamp_max, clamp_rule, kernel_release,
                                           page_size_kb)
    thp = None if thp_possible is False else _thp_term(zones, lowmem, base, kernel_release, arch, page_size_kb,
                                                        thp_enabled, watermark_scale_factor, notes)
    value, alternatives = _with_thp(base, base_alternatives, thp)
    if thp is not None and thp["applied"] and thp["basis"] != "computed":
        basis = "estimated"
    return {
        "value": value,
        "basis": basis,
        "formula": "max(clamp(int_sqrt(16 * lowmem_kb), 128, clamp_max), thp_recommended_kb)"
                   if thp and thp["applied"] else "clamp(int_sqrt(16 * lowmem_kb), 128, clamp_max)",
        "lowmem_kb": lowmem_kb,
        "lowmem_zones": ["%s/%s" % (z.get("node", 0), z["zone"]) for z in lowmem],
        "lowmem_pages_from": "present" if used_present else "managed",
        "base_unclamped_kb": base_unclamped,
        "base_kb": base,
        "clamp": [BASE_CLAMP_MIN_KB, clamp_max],
        "clamp_rule": clamp_rule,
        "thp": thp,
        "error_kb": max(abs(a - value) for a in alternatives),
        "range": [min(alternatives), max(alternatives)],
        "notes": notes,
    }


def _clamp_or_assumed(kernel_release, notes):
    """``(clamp_max, clamp_rule, basis)``: the old clamp, estimated, when the release is unknown."""
    clamp_max, clamp_rule = clamp_max_kb(kernel_release)
    if clamp_max is None:
        notes.append("kernel release unknown: clamp could be 65536 or 262144")
        return CLAMP_MAX_OLD_KB, clamp_rule, "estimated"
    return clamp_max, clamp_rule, "computed"


def _base_alternatives(lowmem, base_unclamped, clamp_max, clamp_rule, kernel_release, page_size_kb):
    """Every base value the kernel could have chosen: at boot, after a recalculation, either clamp
    when the build boundary is assumed."""
    base = clamp_base(base_unclamped, clamp_max)
    # A recalculation after boot subtracts the high watermarks of that moment.
    lowmem_now_kb = sum(max(_managed(z) * page_size_kb - (z.get("high_kb") or 0), 0) for z in lowmem)
    alternatives = {base, clamp_base(int_sqrt_default(lowmem_now_kb), clamp_max)}
    if clamp_rule.startswith("RHEL 8") or not KernelRelease.parse(kernel_release).known:
        alternatives |= {clamp_base(base_unclamped, CLAMP_MAX_NEW_KB), clamp_base(base_unclamped, CLAMP_MAX_OLD_KB)}
    return alternatives


def _with_thp(base, base_alternatives, thp):
    """``(value, alternatives)``: the base raised by the THP term when it applies."""
    value, alternatives = base, set(base_alternatives)
    if thp is not None and thp["applied"]:
        value = max(base, thp["recommended_kb"])
        recommendations = [thp["recommended_kb"]] + thp["alternative_recommendations_kb"]
        alternatives = {max(a, r) for a in base_alternatives for r in recommendations}
        if thp["assumed"]:
            alternatives |= base_alternatives
    alternatives.add(value)
    return value, alternatives


def _pageblock_or_assumed(arch, page_size_kb, notes):
    """``(pageblock kB, basis)``: 2048 kB, estimated, for an arch/page size the table lacks."""
    block_kb = pageblock_kb(arch, page_size_kb)
    if block_kb is None:
        notes.append("pageblock size unknown for %s with %s kB pages: assumed 2048 kB" % (arch, page_size_kb))
        return 2048, "estimated"
    return block_kb, "computed"


def _thp_cap_pages(zones, lowmem, base_kb, version, page_size_kb, scale_factor):
    """The THP term's cap (pages): managed minus the high watermarks the base value sets, and
    the bound without them (the full managed pages)."""
    scaled = version is None or version[:2] >= SCALED_WATERMARKS_FROM
    factor = scale_factor if scale_factor is not None else DEFAULT_WATERMARK_SCALE_FACTOR
    all_zones = _populated(zones)
    highs = dict(zip((id(z) for z in all_zones),
                     _high_pages_for(all_zones, base_kb, page_size_kb, scaled, factor)))
    cap_pages = sum(max(_managed(z) - highs[id(z)], 0) for z in lowmem) // THP_CAP_DIVISOR
    return cap_pages, sum(_managed(z) for z in lowmem) // THP_CAP_DIVISOR


def _thp_term(zones, lowmem, base_kb, release, arch, page_size_kb, thp_enabled, scale_factor, notes):
    """The THP recommendation (dict) or None when THP cannot raise the value."""
    if not kernel_has_thp(release):
        return None
    if thp_enabled not in THP_ENABLED_STATES + ("never",):
        if thp_enabled is not None:
            notes.append("THP state %r not understood: treated as unknown" % (thp_enabled,))
        assumed = True
    else:
        assumed = False
    only_lowmem = thp_counts_only_lowmem_zones(release)
    counted = lowmem if only_lowmem else _populated(zones)
    block_kb, basis = _pageblock_or_assumed(arch, page_size_kb, notes)
    block_pages = block_kb // page_size_kb
    recommended_pages = block_pages * len(counted) * THP_PAGEBLOCKS_PER_ZONE
    version = KernelRelease.parse(release).version
    cap_pages, cap_pages_no_high = _thp_cap_pages(zones, lowmem, base_kb, version, page_size_kb, scale_factor)
    term = {
        "enabled": thp_enabled,
        "basis": "estimated" if assumed else basis,
        "counted_zones": ["%s/%s" % (z.get("node", 0), z["zone"]) for z in counted],
        "zone_rule": "zones up to Normal (>= 4.18)" if only_lowmem else "every populated zone (<= 4.17)",
        "pageblock_kb": block_kb,
        "pageblocks_per_zone": THP_PAGEBLOCKS_PER_ZONE,
        "uncapped_kb": recommended_pages * page_size_kb,
        "cap_kb": cap_pages * page_size_kb,
        "capped": cap_pages < recommended_pages,
        "recommended_kb": min(recommended_pages, cap_pages) * page_size_kb,
        "applied": thp_enabled in THP_ENABLED_STATES or assumed,
    }
    # Other plausible kernel values: the cap on managed pages without the rebuilt watermarks; with an
    # unknown release, the other era's zone count.
    term["alternative_recommendations_kb"] = [min(recommended_pages, cap_pages_no_high) * page_size_kb]
    if version is None:
        other_count = len(_populated(zones)) if only_lowmem else len(lowmem)
        term["alternative_recommendations_kb"].append(
            min(block_pages * other_count * THP_PAGEBLOCKS_PER_ZONE, cap_pages) * page_size_kb)
    term["assumed"] = assumed
    if assumed:
        notes.append("THP state unknown: assumed enabled (distribution default); without THP the "
                     "default is %d kB" % base_kb)
    return term


# --- Estimate from /proc/meminfo only --------------------------------------------------------
# Without zoneinfo we know neither the zones nor their managed pages.  MemTotal is
# the sum of managed pages of all zones (totalram_pages); LowTotal, when present
# (32-bit CONFIG_HIGHMEM kernels), excludes HighMem.  x86_64 zone count: DMA and
# DMA32 always on hosts > 16 MiB, Normal only when RAM extends above 4 GiB.
X86_64_NORMAL_ZONE_ABOVE_KB = 4 * 1024 * 1024
X86_64_NORMAL_ZONE_SURE_ABOVE_KB = 5 * 1024 * 1024  # below 4 GiB of addresses lies a PCI hole of up to 1 GiB


def estimate_default_from_meminfo(mem_total_kb, low_total_kb, kernel_release, arch, page_size_kb,
                                  thp_enabled, numa_nodes=None):
    """
    An estimate of the default from meminfo figures only, with ``range`` and
    ``error_kb`` that bound the kernel's value (see :func:`estimated_boot_lowmem_kb`
    for the lowmem interval, and the THP zone counts that are plausible).
    """
    page_size_kb = page_size_kb or 4
    arch = ARCH_ALIASES.get(arch, arch)
    clamp_max, clamp_rule = clamp_max_kb(kernel_release)
    clamp_choices = [clamp_max] if clamp_max else [CLAMP_MAX_OLD_KB, CLAMP_MAX_NEW_KB]
    notes = ["no /proc/zoneinfo: zones and managed pages are assumed"]
    lowmem = estimated_boot_lowmem_kb(mem_total_kb, low_total_kb, kernel_release, arch, page_size_kb, notes)
    point_kb, low_kb, high_kb = lowmem["point"], lowmem["low"], lowmem["high"]
    nodes = numa_nodes or 1
    if numa_nodes is None:
        notes.append("NUMA nodes unknown: assumed 1; a second node (one more Normal zone) is in the range")
    block_kb, _ = _pageblock_or_assumed(arch, page_size_kb, notes)
    thp_states = _thp_states(kernel_release, thp_enabled, notes)

    def defaults(lowmem_kb, node_counts):
        return _possible_defaults(lowmem_kb, node_counts, clamp_choices, thp_states, block_kb, arch, page_size_kb)

    likely = defaults(point_kb, [nodes])
    # With THP on, the most zones is the likelier case on hosts above 4 GiB; otherwise the base.
    value = max(likely) if True in thp_states else min(likely)
    other_nodes = [nodes] if numa_nodes is not None else [nodes, nodes + 1]
    candidates = likely | defaults(low_kb, other_nodes) | defaults(high_kb, other_nodes) | \
        defaults(point_kb, other_nodes)
    low, high = min(candidates), max(candidates)
    if low == high:
        notes.append("the THP term fixes the value: the lowmem uncertainty (%d-%d kB) does not change it"
                     % (low_kb, high_kb))
    return {
        "value": value,
        "basis": "estimated",
        "formula": "from meminfo: int_sqrt(16 * boot lowmem estimated from %s) and THP term with plausible "
                   "zone counts" % ("LowTotal" if low_total_kb is not None else "MemTotal"),
        "lowmem_kb": point_kb,
        "lowmem_range_kb": [low_kb, high_kb],
        "lowmem_basis": lowmem["basis"],
        "base_unclamped_kb": int_sqrt_default(point_kb),
        "base_kb": min(clamp_base(int_sqrt_default(point_kb), c) for c in clamp_choices),
        "clamp": [BASE_CLAMP_MIN_KB, clamp_max],
        "clamp_rule": clamp_rule,
        "thp_zone_counts": _plausible_lowmem_zone_counts(point_kb, arch, nodes),
        "error_kb": max(value - low, high - value),
        "range": [low, high],
        "notes": notes,
    }


def _thp_states(kernel_release, thp_enabled, notes):
    """The THP states the kernel may have had: [False], [True], or both when unknown."""
    if not kernel_has_thp(kernel_release) or thp_enabled == "never":
        return [False]
    if thp_enabled in THP_ENABLED_STATES:
        return [True]
    notes.append("THP state unknown: both cases in the range")
    return [True, False]


def _possible_defaults(lowmem_kb, node_counts, clamp_choices, thp_states, block_kb, arch, page_size_kb):
    """Every value the kernel could choose with this lowmem, per clamp, THP state and zone count."""
    out = set()
    cap_kb = lowmem_kb // page_size_kb // THP_CAP_DIVISOR * page_size_kb
    counts = {c for n in node_counts for c in _plausible_lowmem_zone_counts(lowmem_kb, arch, n)}
    for clamp in clamp_choices:
        base = clamp_base(int_sqrt_default(lowmem_kb), clamp)
        for thp_on in thp_states:
            out |= {max(base, min(block_kb * c * THP_PAGEBLOCKS_PER_ZONE, cap_kb)) for c in counts} \
                if thp_on else {base}
    return out


def estimated_boot_lowmem_kb(mem_total_kb, low_total_kb, kernel_release, arch, page_size_kb, notes):
    """
    ``{"point", "low", "high", "basis"}``: the lowmem (kB) that
    ``nr_free_buffer_pages()`` counted when the default was computed, from
    MemTotal/LowTotal read later (why they differ, and the bounds used: the
    comment above the ESTIMATE_* constants).  ``low`` also allows for a
    recalculation that subtracted the high watermarks.

    >>> b = estimated_boot_lowmem_kb(254648, 254648, "2.6.32-5-686", "i686", 4, [])
    >>> b["point"], b["low"], b["high"]   # seed: + struct pages 1989; + 32 MiB early reserves
    (256637, 251112, 289405)
    """
    bits = ARCH_BITS.get(arch)
    memmap_kb = mem_total_kb * STRUCT_PAGE_BYTES.get(bits, 64) // (page_size_kb * 1024)
    version = KernelRelease.parse(kernel_release).version
    # Unknown release: both eras in the range, the point from the current (managed) one.
    eras = (["present"] if version < MANAGED_PAGES_FROM else ["managed"]) if version else ["managed", "present"]
    if low_total_kb is None and arch == "i686" and mem_total_kb > X86_32_LOWMEM_MAX_KB - X86_32_LOWMEM_TOP_SLACK_KB:
        # HighMem exists: lowmem is bounded by the 3G/1G split, not by MemTotal.
        notes.append("i686 with MemTotal %d kB and no LowTotal: lowmem taken as the 3G/1G split's %d-%d kB"
                     % (mem_total_kb, X86_32_LOWMEM_MAX_KB - X86_32_LOWMEM_TOP_SLACK_KB, X86_32_LOWMEM_MAX_KB))
        present = (X86_32_LOWMEM_MAX_KB - X86_32_LOWMEM_TOP_SLACK_KB, X86_32_LOWMEM_MAX_KB)
        point = X86_32_LOWMEM_MAX_KB - X86_32_LOWMEM_TOP_SLACK_KB // 2
        spans = {"present": (present[0], point, present[1]),
                 # managed = present - early reserves (struct pages of all RAM live in lowmem).
                 "managed": (present[0] - memmap_kb - ESTIMATE_EARLY_RESERVED_MAX_KB, point - memmap_kb, present[1])}
        basis = "32-bit lowmem split"
    else:
        read_kb = low_total_kb if low_total_kb is not None else mem_total_kb
        crash_kb = ESTIMATE_CRASHKERNEL_MAX_KB if mem_total_kb >= ESTIMATE_CRASHKERNEL_FROM_KB else 0
        spans = {
            # present pages at boot = what MemTotal counts + pages reserved before the buddy allocator.
            "present": (read_kb, read_kb + memmap_kb,
                        read_kb + memmap_kb + ESTIMATE_EARLY_RESERVED_MAX_KB + crash_kb),
            # managed pages at boot = MemTotal - what was freed after boot.
            "managed": (max(read_kb - ESTIMATE_LATE_FREED_MAX_KB, 0), read_kb, read_kb),
        }
        basis = "LowTotal" if low_total_kb is not None else "MemTotal"
    era = eras[0]
    low = min(spans[e][0] for e in eras)
    high = max(spans[e][2] for e in eras)
    # A recalculation subtracts the high watermarks: at most 1.5 x min plus 0.2% of lowmem
    # (min + 2 x max(min/4, managed x 10/10000), watermark_scale_factor 10).
    low -= int_sqrt_default(low) * 3 // 2 + low * 2 // 1000
    return {"point": spans[era][1], "low": max(low, 0), "high": high, "basis": basis}


def _plausible_lowmem_zone_counts(lowmem_kb, arch, nodes):
    arch = ARCH_ALIASES.get(arch, arch)
    if arch == "x86_64":
        if lowmem_kb > X86_64_NORMAL_ZONE_SURE_ABOVE_KB:
            first = [3]
        elif lowmem_kb > X86_64_NORMAL_ZONE_ABOVE_KB - 1024 * 1024:
            first = [2, 3]
        else:
            first = [2]
        # Extra nodes usually hold only Normal.
        return sorted({c + (nodes - 1) for c in first})
    # Other arches: 1 to 3 lowmem zones per node (DMA/DMA32/Normal depending on config).
    return sorted({c * nodes for c in (1, 2, 3)} | {c + nodes - 1 for c in (1, 2, 3)})
