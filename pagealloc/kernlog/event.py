"""
The failure event: one kernel "page allocation failure" (or vmalloc failure,
or allocation stall) report, as typed facts.

This is the data contract between the log parser, the combiners, the rules
and ``pagealloc parse-log --json``; the keys of :meth:`FailureEvent.to_dict`
are exactly those of the design card and are documented in docs/.
"""

from dataclasses import asdict, dataclass, field, fields
from typing import Dict, List, Optional

# "slab-allocation-failure": a SLUB/SLAB "Unable to allocate memory" block with no page
# allocation report before it (its page allocation ran with __GFP_NOWARN).
KINDS = ("page-allocation-failure", "vmalloc-failure", "allocation-stall", "slab-allocation-failure")
CONTEXTS = ("network-rx", "network-tx", "network-other", "storage", "filesystem", "gpu", "other", "unknown")


@dataclass
class ZoneWatermarks:
    """One zone line of a report's Mem-Info block, in kB (lowmem_reserve in pages).

    ``min_kb``/``low_kb``/``high_kb`` are as printed: from 5.0 they include
    ``boost_kb`` (None when the kernel prints no boost).  ``present_kb`` is
    printed by every era, ``managed_kb`` from 3.8 (None before).
    """

    node: Optional[int]
    zone: str
    free_kb: Optional[int]
    min_kb: Optional[int]
    low_kb: Optional[int]
    high_kb: Optional[int]
    lowmem_reserve: Optional[List[int]] = None
    present_kb: Optional[int] = None
    managed_kb: Optional[int] = None
    boost_kb: Optional[int] = None
    # Read by the watermark replay (None when the era does not print them): free CMA pages
    # (3.7+), pages on per-cpu lists (4.1+), the highatomic reserve (5.x+ prints it), and
    # all_unreclaimable from the zone line (<= 4.7) or the zone's node line (4.8+).
    free_cma_kb: Optional[int] = None
    free_pcp_kb: Optional[int] = None
    reserved_highatomic_kb: Optional[int] = None
    all_unreclaimable: Optional[bool] = None


@dataclass
class SlabInfo:
    cache: Optional[str]
    object_size: Optional[int]
    min_order: Optional[int]


@dataclass
class HugePagePool:
    """One "Node N hugepages_total=... hugepages_size=NkB" line (hugetlb_show_meminfo_node())."""

    node: Optional[int]
    size_kb: Optional[int]
    total: Optional[int]
    free: Optional[int]
    surp: Optional[int]


@dataclass
class AllocationSite:
    """One line of the 6.10+ "Memory allocations:" top list (memory allocation profiling):
    bytes held (``size`` as printed, 3 significant figures; ``bytes`` read back from it),
    live calls, and the allocating source line."""

    size: str
    bytes: int
    calls: Optional[int]
    location: str
    module: Optional[str]
    function: str


@dataclass
class MemInfoTotals:
    """What a report's Mem-Info block says beyond the zone lines (pagealloc.kernlog.mem_info).

    ``counters`` is the global block ("active_anon:N ... slab_unreclaimable:N shmem:N ...") in
    pages, names as printed in lower case; ``page_kb`` the order-0 block size of the buddy lines.
    """

    counters: Dict[str, int] = field(default_factory=dict)
    page_kb: Optional[int] = None
    hugepages: List[HugePagePool] = field(default_factory=list)
    pagecache_pages: Optional[int] = None
    ram_pages: Optional[int] = None
    #: "on"/"off" from the 6.18+ header "Memory allocations (profiling is currently turned on):"
    profiling: Optional[str] = None
    allocations: List[AllocationSite] = field(default_factory=list)


@dataclass
class FailureEvent:
    kind: str
    source: Optional[str] = None
    line: Optional[int] = None
    timestamp: Optional[float] = None
    wallclock: Optional[str] = None
    host: Optional[str] = None
    comm: Optional[str] = None
    pid: Optional[int] = None
    cpu: Optional[int] = None
    kernel: Optional[str] = None
    order: Optional[int] = None
    gfp_mask: Optional[str] = None
    gfp_flags: List[str] = field(default_factory=list)
    gfp_era: Optional[str] = None
    atomic: Optional[bool] = None
    context: str = "unknown"
    driver: Optional[str] = None
    in_interrupt: bool = False
    call_trace: List[str] = field(default_factory=list)
    zones: List[ZoneWatermarks] = field(default_factory=list)
    buddy: Dict[str, Dict[str, int]] = field(default_factory=dict)
    #: the migrate types a buddy line printed after each order's count (3.10+, show_migration_types():
    #: "(UMEC)"), keys as ``buddy``'s, only for the lines and orders that print them
    buddy_types: Dict[str, Dict[str, str]] = field(default_factory=dict)
    slab: Optional[SlabInfo] = None
    mem_info: Optional[MemInfoTotals] = None
    suppressed: int = 0
    truncated: bool = False
    #: why the header's values cannot come from a kernel (pagealloc.kernlog.plausible), else None
    unusable: Optional[str] = None
    # Internal (not in to_dict): the header printed the GFP names itself, so a
    # later re-decoding with the host's kernel release must keep them.
    gfp_names_printed: bool = field(default=False, repr=False, metadata={"internal": True})
    # Internal: the oldest release the header's form proves (pagealloc.knowledge.gfp.header_since),
    # which left the older eras out of ``gfp_era``; ALLOC_MASK_UNDECIDED says so.
    header_since: Optional[str] = field(default=None, repr=False, metadata={"internal": True})
    # Internal: the release another report of the same text printed, used to decode this one's mask
    # (pagealloc.kernlog.lent_release); the report itself printed none (``kernel`` stays None).
    lent_release: Optional[str] = field(default=None, repr=False, metadata={"internal": True})
    # Internal: read lines minus file lines before the header (pagealloc.kernlog.assembler: a structured
    # record's other fields are no lines, an escaped string's lines are several); ``line`` is the file's.
    line_shift: int = field(default=0, repr=False, compare=False, metadata={"internal": True})
    # Internal: the header stood behind a log stamp that keeps no time of its own (dmesg -H's minute or delta):
    # a log's line, no title quoted alone (pagealloc.kernlog.quoted_title).
    stamped: bool = field(default=False, repr=False, compare=False, metadata={"internal": True})

    def to_dict(self):
        """The JSON form (design card key names, plain types only)."""
        data = asdict(self)
        for item in fields(self):
            if item.metadata.get("internal"):
                data.pop(item.name, None)
        return data
