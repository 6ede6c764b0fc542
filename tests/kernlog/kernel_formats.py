"""
Every printk format of the failure kinds, by kernel era: the format string as the kernel source has it,
the releases that print it, and the file and function, with sample arguments and what the line must
decode to (test_kernel_formats.py renders each row with :func:`render`, the kernel's own format string,
and parses it).  Audited against the kernel source (torvalds/linux history and 2.4 trees; s27-eras):
where a release range rests on a commit, the row names it.

Lines the kernel prints in pieces (``pr_cont``) are given as the pieces joined, as the log shows them.
Mem-Info zone lines of 2.6+ are read by the era fixtures (tests/fixtures/logs, tests/kernlog/test_eras.py);
two formats are known and not read, with the reason in ``NOT_READ``.
"""

import re
from dataclasses import dataclass, field
from typing import Optional, Tuple

# printk conversions the rows use: the kernel's %pGg (GFP flag names), %*pbl (a bitmap list: a nodemask
# or "(null)"), %pV and %p, then C conversions (Python's % ignores the length modifiers h/l).
_SPEC = re.compile(r"%(?:\*pbl|pGg|pV|p|%|[-#0 +]*\d*(?:hh|h|ll|l|z)?[diouxXsc])")


def render(fmt, *args):
    """``fmt`` filled with ``args`` the way printk does for the conversions the rows use.

    >>> render("%s: page allocation failure: order:%u, mode:%#x(%pGg), nodemask=%*pbl", "java", 0, 0x820,
    ...        "GFP_ATOMIC", "(null)")
    'java: page allocation failure: order:0, mode:0x820(GFP_ATOMIC), nodemask=(null)'
    >>> render("__alloc_pages: %lu-order allocation failed (gfp=0x%x/%i) from %p", 1, 0x1f0, 0, 0xc012a4b5)
    '__alloc_pages: 1-order allocation failed (gfp=0x1f0/0) from c012a4b5'
    """
    values = iter(args)

    def one(match):
        spec = match.group()
        if spec == "%%":
            return "%"
        value = next(values)
        if spec in ("%*pbl", "%pGg", "%pV"):
            return str(value)
        if spec == "%p":
            return "%08x" % value
        return re.sub(r"(?:hh|h|ll|l|z)(?=[diouxXsc]$)", "", spec) % value

    return _SPEC.sub(one, fmt)


@dataclass(frozen=True)
class Format:
    kind: str                       # the event kind the line starts
    releases: str                   # kernels that print it
    source: str                     # file: function (and the commit where a range starts or ends)
    printk: Tuple[str, ...]         # the format string(s) of the lines, in the order printed
    args: Tuple[tuple, ...]         # sample arguments, one tuple per line
    order: Optional[int] = None     # what the event must read
    gfp_mask: Optional[str] = None
    comm: Optional[str] = None
    atomic: Optional[bool] = None
    extra: dict = field(default_factory=dict)  # other FailureEvent attributes to check

    def lines(self):
        return [render(fmt, *args) for fmt, args in zip(self.printk, self.args)]


PAF, VMF, STALL, SLAB = "page-allocation-failure", "vmalloc-failure", "allocation-stall", "slab-allocation-failure"

FORMATS = (
    # --- page allocation failure headers -------------------------------------------------------------
    Format(PAF, "2.4.0-2.4.9", "mm/page_alloc.c: __alloc_pages() (KERN_ERR; no mask printed)",
           ("__alloc_pages: %lu-order allocation failed.",), ((0,),), order=0, extra={"gfp_era": None}),
    Format(PAF, "2.4.10-pre (Daniel Phillips' gfp patch, then ' from %p')", "mm/page_alloc.c: __alloc_pages()",
           ("__alloc_pages: %u-order allocation failed (gfp=0x%x/%i) from %p",), ((1, 0x1f0, 0, 0xc012a4b5),),
           order=1, gfp_mask="0x1f0", atomic=False, extra={"gfp_era": "2.4", "gfp_flags": ["GFP_KERNEL"]}),
    Format(PAF, "2.4.2x (with vm_gfp_debug's dump_stack)", "mm/page_alloc.c: __alloc_pages() (KERN_NOTICE)",
           ("__alloc_pages: %u-order allocation failed (gfp=0x%x/%i)",), ((0, 0x20, 0),),
           order=0, gfp_mask="0x20", atomic=True, extra={"gfp_era": "2.4", "gfp_flags": ["GFP_ATOMIC"]}),
    Format(PAF, "2.6.0-2.6.30", "mm/page_alloc.c: __alloc_pages() (printk_ratelimit(), then dump_stack())",
           ("%s: page allocation failure. order:%d, mode:0x%x",), (("swapper", 0, 0x20),),
           order=0, gfp_mask="0x20", comm="swapper", atomic=True, extra={"gfp_flags": ["GFP_ATOMIC"]}),
    Format(PAF, "2.6.31-2.6.39", "mm/page_alloc.c: __alloc_pages_slowpath() nopage: (then dump_stack(), show_mem())",
           ("%s: page allocation failure. order:%d, mode:0x%x",), (("kswapd0", 1, 0x4020),),
           order=1, gfp_mask="0x4020", comm="kswapd0", atomic=True),
    Format(PAF, "3.0-4.5 (Dave Hansen, 'mm: break out page allocation warning code')",
           "mm/page_alloc.c: warn_alloc_failed()",
           ("%s: page allocation failure: order:%d, mode:0x%x",), (("swapper/12", 0, 0x20),),
           order=0, gfp_mask="0x20", comm="swapper/12", atomic=True),
    Format(PAF, "4.6-4.10 (%pGg, c5c990e8a1fe; SUSE's 4.4 backports it)", "mm/page_alloc.c: warn_alloc_failed(), warn_alloc() 4.9",
           ("%s: page allocation failure: order:%u, mode:%#x(%pGg)",),
           (("swapper/3", 0, 0x2080020, "GFP_ATOMIC"),),
           order=0, gfp_mask="0x2080020", comm="swapper/3", atomic=True, extra={"gfp_era": "4.4-4.9"}),
    Format(PAF, "4.11-4.20 (Michal Hocko, 'warn_alloc print nodemask'; cpuset line of its own)",
           "mm/page_alloc.c: warn_alloc(); kernel/cgroup/cpuset.c: cpuset_print_current_mems_allowed()",
           ("%s: page allocation failure: order:%u, mode:%#x(%pGg), nodemask=%*pbl", "%s cpuset=%s mems_allowed=%*pbl"),
           (("kworker/3:1H", 0, 0x1080020, "GFP_ATOMIC", "(null)"), ("kworker/3:1H", "/", "0")),
           order=0, gfp_mask="0x1080020", comm="kworker/3:1H", atomic=True, extra={"gfp_era": "4.10-4.17"}),
    Format(PAF, "5.0+ (RHEL 8's 4.18 too: cpuset on the header's line)",
           "mm/page_alloc.c (mm/show_mem.c not involved): warn_alloc() + cpuset_print_current_mems_allowed() pr_cont",
           ("%s: page allocation failure: order:%u, mode:%#x(%pGg), nodemask=%*pbl,cpuset=%s,mems_allowed=%*pbl",),
           (("napi/eth0-8193", 0, 0x820, "GFP_ATOMIC", "(null)", "/", "0"),),
           order=0, gfp_mask="0x820", comm="napi/eth0-8193", atomic=True, extra={"gfp_era": "6.3+"}),
    # --- warn_alloc() for the memmap of hot-added memory: the page allocation's order in its own message ---
    Format(PAF, "4.12-4.20 (warn_alloc() in vmemmap_alloc_block(); cpuset line of its own)",
           "mm/sparse-vmemmap.c: vmemmap_alloc_block() -> warn_alloc(gfp_mask & ~__GFP_NOWARN, NULL, fmt)",
           ("%s: vmemmap alloc failure: order:%u, mode:%#x(%pGg), nodemask=%*pbl", "%s cpuset=%s mems_allowed=%*pbl"),
           (("kworker/u8:3", 9, 0x14004c0, "GFP_KERNEL|__GFP_RETRY_MAYFAIL", "(null)"), ("kworker/u8:3", "/", "0")),
           order=9, gfp_mask="0x14004c0", comm="kworker/u8:3", atomic=False),
    Format(PAF, "5.0+ (xen-balloon's hotplug in a Qubes guest, QubesOS/qubes-issues#10035)",
           "mm/sparse-vmemmap.c: vmemmap_alloc_block() -> warn_alloc(gfp_mask & ~__GFP_NOWARN, NULL, fmt)",
           ("%s: vmemmap alloc failure: order:%u, mode:%#x(%pGg), nodemask=%*pbl,cpuset=%s,mems_allowed=%*pbl",),
           (("xen-balloon", 9, 0x4cc0, "GFP_KERNEL|__GFP_RETRY_MAYFAIL", "(null)", "/", "0"),),
           order=9, gfp_mask="0x4cc0", comm="xen-balloon", atomic=False),
    # --- stall warnings (63f53dea0c98 "mm: warn about allocations which stall for too long", 4.9;
    #     removed by 400e22499dd9 "mm: don't warn about allocations which stall for too long", 4.15) ----
    Format(STALL, "4.9-4.10", "mm/page_alloc.c: __alloc_pages_slowpath() -> warn_alloc()",
           ("%s: page allocation stalls for %ums, order:%u, mode:%#x(%pGg)",),
           (("java", 10412, 0, 0x24201ca, "GFP_HIGHUSER_MOVABLE|__GFP_COLD"),),
           order=0, gfp_mask="0x24201ca", comm="java", atomic=False),
    Format(STALL, "4.11-4.14", "mm/page_alloc.c: __alloc_pages_slowpath() -> warn_alloc()",
           ("%s: page allocation stalls for %ums, order:%u, mode:%#x(%pGg), nodemask=%*pbl",
            "%s cpuset=%s mems_allowed=%*pbl"),
           (("rsync", 51236, 0, 0x14200ca, "GFP_HIGHUSER_MOVABLE", "(null)"), ("rsync", "/", "0")),
           order=0, gfp_mask="0x14200ca", comm="rsync", atomic=False),
    # --- vmalloc ---------------------------------------------------------------------------------------
    Format(VMF, "2.6.x (after the page allocator's own report of the page: alloc_page() warned, no __GFP_NOWARN)",
           "mm/vmalloc.c: __vmalloc_area_node() fail: printk(KERN_WARNING ...)",
           ("%s: page allocation failure. order:%d, mode:0x%x", "vmalloc: allocation failure, allocated %ld of %ld bytes"),
           (("insmod", 0, 0xd2), (40960, 1052672)), order=0, gfp_mask="0xd2", comm="insmod", atomic=False),
    Format(VMF, "3.0-4.9 (its own line, then the page allocation header)",
           "mm/vmalloc.c: __vmalloc_area_node() -> mm/page_alloc.c warn_alloc_failed(fmt) '%pV'",
           ("vmalloc: allocation failure, allocated %ld of %ld bytes", "%s: page allocation failure: order:%d, mode:0x%x"),
           ((40960, 1052672), ("modprobe", 0, 0xd2)), order=0, gfp_mask="0xd2", comm="modprobe", atomic=False),
    Format(VMF, "3.0-4.9", "mm/vmalloc.c: __vmalloc_node_range() -> warn_alloc_failed(fmt)",
           ("vmalloc: allocation failure: %lu bytes", "%s: page allocation failure: order:%d, mode:0x%x"),
           ((1073741824,), ("qemu-kvm", 0, 0x80d2)), order=0, gfp_mask="0x80d2", comm="qemu-kvm", atomic=False),
    Format(VMF, "4.10-5.10 (one line: warn_alloc(gfp, NULL, fmt))", "mm/vmalloc.c: __vmalloc_area_node() -> warn_alloc()",
           ("%s: vmalloc: allocation failure, allocated %ld of %ld bytes, mode:%#x(%pGg), nodemask=%*pbl",),
           (("insmod", 40960, 1052672, 0x14000c2, "GFP_KERNEL|__GFP_HIGHMEM", "(null)"),),
           gfp_mask="0x14000c2", comm="insmod", atomic=False),
    Format(VMF, "4.10-5.10", "mm/vmalloc.c: __vmalloc_node_range() -> warn_alloc()",
           ("%s: vmalloc: allocation failure: %lu bytes, mode:%#x(%pGg), nodemask=%*pbl,cpuset=%s,mems_allowed=%*pbl",),
           (("crawl_4065_7997", 14680064, 0x6000c0, "GFP_KERNEL", "(null)", "/", "0"),),
           gfp_mask="0x6000c0", comm="crawl_4065_7997", atomic=False),
    Format(VMF, "5.11+ (page order from 5.13's huge vmalloc)", "mm/vmalloc.c: __vmalloc_area_node() -> warn_alloc()",
           ("%s: vmalloc error: size %lu, page order %u, failed to allocate pages, mode:%#x(%pGg), "
            "nodemask=%*pbl,cpuset=%s,mems_allowed=%*pbl",),
           (("ffmpeg", 14680064, 9, 0xcc0, "GFP_KERNEL", "(null)", "/", "0"),),
           order=9, gfp_mask="0xcc0", comm="ffmpeg", atomic=False),
    Format(VMF, "5.11+", "mm/vmalloc.c: __vmalloc_area_node() -> warn_alloc() (the page array)",
           ("%s: vmalloc error: size %lu, failed to allocated page array size %lu, mode:%#x(%pGg), nodemask=%*pbl",),
           (("systemd-udevd", 8388608, 4096, 0xdc0, "GFP_KERNEL|__GFP_ZERO", "(null)"),),
           gfp_mask="0xdc0", comm="systemd-udevd", atomic=False),
    Format(VMF, "5.11+", "mm/vmalloc.c: __vmalloc_node_range() -> warn_alloc()",
           ("%s: vmalloc error: size %lu, vm_struct allocation failed, mode:%#x(%pGg), nodemask=%*pbl",),
           (("modprobe", 1073741848, 0xcc0, "GFP_KERNEL", "(null)"),),
           gfp_mask="0xcc0", comm="modprobe", atomic=False),
    Format(VMF, "5.11+", "mm/vmalloc.c: __vmalloc_node_range() -> warn_alloc()",
           ("%s: vmalloc error: size %lu, exceeds total pages, mode:%#x(%pGg), nodemask=%*pbl",),
           (("a.out", 1073741848, 0xcc0, "GFP_KERNEL", "(null)"),),
           gfp_mask="0xcc0", comm="a.out", atomic=False),
    Format(VMF, "later 5.x/6.x", "mm/vmalloc.c: __vmalloc_area_node() -> warn_alloc() (vmap_pages_range() failed)",
           ("%s: vmalloc error: size %lu, failed to map pages, mode:%#x(%pGg), nodemask=%*pbl",),
           (("bpftool", 65536, 0xcc0, "GFP_KERNEL", "(null)"),),
           gfp_mask="0xcc0", comm="bpftool", atomic=False),
    Format(VMF, "2.6.x-2.6.27 (KERN_WARNING; in 2.6.11)", "mm/vmalloc.c: __get_vm_area_node() (before the vmap allocator)",
           ("allocation failed: out of vmalloc space - use vmalloc=<size> to increase size.",), ((),)),
    Format(VMF, "2.6.28-3.x (KERN_WARNING, a period at the end)", "mm/vmalloc.c: alloc_vmap_area()",
           ("vmap allocation for size %lu failed: use vmalloc=<size> to increase size.",), ((36864,),)),
    Format(VMF, "3.x+ (pr_warn, no period)", "mm/vmalloc.c: alloc_vmap_area()",
           ("vmap allocation for size %lu failed: use vmalloc=<size> to increase size",), ((1052672,),)),
    # --- slab_out_of_memory() without a page allocation report (its page allocation ran __GFP_NOWARN) ---
    Format(SLAB, "2.6.32-4.5 (Pekka Enberg, 'SLUB: Out-of-memory diagnostics')", "mm/slub.c: slab_out_of_memory()",
           ("SLUB: Unable to allocate memory on node %d (gfp=0x%x)",
            "  cache: %s, object size: %d, buffer size: %d, default order: %d, min order: %d",
            "  node %d: slabs: %ld, objs: %ld, free: %ld"),
           ((-1, 0x20), ("kmalloc-256", 256, 256, 1, 0), (0, 3018, 48288, 0)),
           order=0, gfp_mask="0x20", atomic=True, extra={"slab_cache": "kmalloc-256"}),
    Format(SLAB, "4.6+", "mm/slub.c: slab_out_of_memory()",
           ("SLUB: Unable to allocate memory on node %d, gfp=%#x(%pGg)",
            "  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u",
            "  node %d: slabs: %ld, objs: %ld, free: %ld"),
           ((-1, 0x480020, "GFP_ATOMIC"), ("skbuff_head_cache", 232, 256, 1, 0), (0, 1520, 24320, 0)),
           order=0, gfp_mask="0x480020", atomic=True, extra={"slab_cache": "skbuff_head_cache"}),
    Format(SLAB, "3.10-4.5 (Rafael Aquini, 'mm: SLAB Out-of-memory diagnostics')", "mm/slab.c: slab_out_of_memory()",
           ("SLAB: Unable to allocate memory on node %d (gfp=0x%x)", "  cache: %s, object size: %d, order: %d",
            "  node %d: slabs: %ld/%ld, objs: %ld/%ld, free: %ld"),
           ((0, 0x20), ("size-4096", 4096, 0), (0, 1022, 1022, 1022, 1022, 0)),
           order=0, gfp_mask="0x20", atomic=True, extra={"slab_cache": "size-4096"}),
    Format(SLAB, "4.6+", "mm/slab.c: slab_out_of_memory()",
           ("SLAB: Unable to allocate memory on node %d, gfp=%#x(%pGg)", "  cache: %s, object size: %d, order: %d",
            "  node %d: slabs: %ld/%ld, objs: %ld/%ld, free: %ld"),
           ((0, 0xa20, "GFP_ATOMIC"), ("kmalloc-4k", 4096, 1), (0, 511, 511, 1022, 1022, 0)),
           order=1, gfp_mask="0xa20", atomic=True, extra={"slab_cache": "kmalloc-4k"}),
)

# Formats of the failure kinds' Mem-Info that are known and not read, and why.
NOT_READ = (
    ("Zone:%s freepages:%6lukB min:%6lukB low:%6lukB high:%6lukB (2.4.0-2.4.17; 2.4.2x: 'Zone:%s freepages:%6lukB')",
     "2.4 mm/page_alloc.c show_free_areas_core(): kB (K(x) = x << (PAGE_SHIFT - 10)). Printed by SysRq-M only: "
     "2.4's __alloc_pages() failure line is never followed by it, so no 2.4 report has zone lines to attach."),
    ("protections[]: %lu %lu %lu (2.6.0-2.6.10)",
     "mm/page_alloc.c show_free_areas(): zone->protection[], which 2.6.0-2.6.10's __alloc_pages() adds to its "
     "marks per allocation class, not 2.6.11+'s lowmem_reserve[]: the zone lines are read, the replay says "
     "lowmem_reserve_missing and the rule decides from the reserve (three real posts: 2.6.9/2.6.10 lkml 2004)."),
)
