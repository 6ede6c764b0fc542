"""
MemoryZones - one host's memory size, zones and THP state
=========================================================

The memory facts the reserve is computed from: MemTotal and LowTotal
(insights-core's MemInfo), each zone's page counts and watermarks
(pagealloc's ZoneInfo, in pages and kB) with its free blocks per order
(insights-core's BuddyInfo), the base page size, the NUMA node and online
CPU counts, and transparent hugepages (insights-core's ThpEnabled, or
pagealloc's ThpState, which also reads RHEL 6's
``redhat_transparent_hugepage`` path).  The host's kernel and architecture
come from :class:`pagealloc.combiners.host_identity.HostIdentity`; without
``uname``, a failure report's kernel (``AllocFailures``) tells whether THP
existed.

Each figure is a :class:`pagealloc.knowledge.fact.Fact` or a plain typed
value; ``missing_inputs``, ``unusable_inputs`` and ``notes`` name what this
concern could not read (the memory picture lists them in this order:
identity, memory, reserve, persisted configuration).

Sample input (``proc/zoneinfo``, 2.6.32 i686, the seed host)::

    Node 0, zone      DMA
      pages free     248
            min      31
            low      38
            high     46
            ...
            present  3968

Examples:
    >>> memory_zones.mem_total.value, memory_zones.mem_total.input, memory_zones.page_size.value
    (254648, '/proc/meminfo', 4)
    >>> [(z.zone, z.min_pages, z.min_kb) for z in memory_zones.zones]
    [('DMA', 31, 124), ('Normal', 477, 1908)]
    >>> memory_zones.numa_nodes, memory_zones.thp_enabled.value, memory_zones.thp_supported
    (1, None, False)
"""

from dataclasses import dataclass
from typing import Optional

from insights.core.plugins import combiner
from insights.parsers.buddyinfo import BuddyInfo
from insights.parsers.meminfo import MemInfo
from insights.parsers.transparent_hugepage import ThpEnabled

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.host_identity import HostIdentity
from pagealloc.knowledge import kernel_default
from pagealloc.knowledge.fact import COMPUTED, UNKNOWN, Fact
from pagealloc.knowledge.report_reserve import FIXED_PAGE_SIZE_KB
from pagealloc.parsers.thp_state import ThpState
from pagealloc.parsers.zoneinfo import ZoneInfo

PAGE_SIZES_KB = (4, 16, 64)
PAGE_SIZE_FIXED = "fixed by architecture"
PAGE_SIZE_DERIVED = "derived from MemTotal / managed pages"
MEMINFO = "/proc/meminfo"
# No kernel addresses more physical memory than 2^52 bytes (MAX_PHYSMEM_BITS: 52 with x86-64 5-level
# paging, arch/x86/include/asm/sparsemem.h; 52 on arm64, arch/arm64/include/asm/sparsemem.h; less
# elsewhere), so MemTotal (totalram_pages, mm/show_mem.c si_meminfo) cannot exceed it: a larger
# value is forged or corrupt and is never compared with a report's zones.
MAX_MEM_TOTAL_BYTES = 2 ** 52
THP_ENABLED = "/sys/kernel/mm/transparent_hugepage/enabled"


@dataclass(frozen=True, slots=True)
class Zone:
    """One zone of /proc/zoneinfo: page counts, watermarks in pages and kB, free blocks per order."""

    node: int
    zone: str
    present_pages: Optional[int]
    managed_pages: Optional[int]
    free_pages: Optional[int]
    min_pages: Optional[int]
    low_pages: Optional[int]
    high_pages: Optional[int]
    protection: Optional[list]
    free_kb: Optional[int] = None
    min_kb: Optional[int] = None
    low_kb: Optional[int] = None
    high_kb: Optional[int] = None
    buddy_free_blocks: Optional[list] = None


@combiner([ZoneInfo, MemInfo, AllocFailures], optional=[HostIdentity, ThpEnabled, ThpState, BuddyInfo])
class MemoryZones(object):
    """
    Attributes:
        identity (HostIdentity): the host's kernel and architecture (an empty one without inputs).
        mem_total (Fact): MemTotal in kB, read from /proc/meminfo.
        low_total_kb (int or None): LowTotal (32-bit HighMem hosts).
        zones (tuple of Zone): every zone of /proc/zoneinfo.
        page_size (Fact): base page size in kB (fixed by architecture or derived).
        numa_nodes, online_cpus (int or None): nodes in zoneinfo; CPUs listed in its pagesets.
        thp_enabled (Fact): always / madvise / never, read.
        thp_supported (bool or None): False when the kernel predates THP.
        release (str or None): uname's kernel release, else a failure report's.
        missing_inputs, unusable_inputs, notes (list): what this concern could not read.
    """

    def __init__(self, zoneinfo=None, meminfo=None, failures=None, identity=None, thp=None, thp_state=None,
                 buddy=None):
        self.identity = identity if identity is not None else HostIdentity()
        self.missing_inputs, self.unusable_inputs, self.notes = [], [], []
        self.mem_total, self.low_total_kb = self._meminfo(meminfo)
        zones = self._zones(zoneinfo)
        self.page_size = self._page_size(zones)
        self.zones = with_kb_and_buddy(zones, self.page_size.value, buddy)
        self.numa_nodes = len(zoneinfo.nodes) if zoneinfo is not None and zoneinfo.zones else None
        # Online CPUs from /proc/zoneinfo pagesets: the watermark replay's drift bound.
        self.online_cpus = getattr(zoneinfo, "online_cpus", None) if zoneinfo is not None else None
        self._thp(thp, thp_state, failures)

    @property
    def mem_total_kb(self):
        return self.mem_total.value

    @property
    def page_size_kb(self):
        return self.page_size.value

    def _meminfo(self, meminfo):
        if meminfo is None:
            self.missing_inputs.append("meminfo")
            return UNKNOWN, None
        total = getattr(meminfo, "total", None)
        if not isinstance(total, int) or total <= 0:
            self.unusable_inputs.append({"input": "meminfo", "reason": "no usable MemTotal"})
            return UNKNOWN, None
        if total > MAX_MEM_TOTAL_BYTES:
            self.unusable_inputs.append({"input": "meminfo", "reason": "MemTotal %d kB is more than any kernel can "
                                         "address (2^52 bytes)" % (total // 1024)})
            return UNKNOWN, None
        low = meminfo.data.get("LowTotal") if hasattr(meminfo, "data") else None
        return Fact.read(total // 1024, MEMINFO), (low // 1024 if isinstance(low, int) and low > 0 else None)

    def _zones(self, zoneinfo):
        if zoneinfo is None:
            self.missing_inputs.append("zoneinfo")
            return []
        for error in zoneinfo.errors:
            self.unusable_inputs.append({"input": "zoneinfo", "line": error["line"], "reason": error["reason"]})
        return [Zone(z.node, z.name, z.present_pages, z.managed_pages, z.free_pages, z.min_pages, z.low_pages,
                     z.high_pages, z.protection) for z in zoneinfo.zones]

    def _page_size(self, zones):
        fixed = FIXED_PAGE_SIZE_KB.get(self.identity.arch)
        if fixed:
            return Fact(fixed, COMPUTED, PAGE_SIZE_FIXED)
        pages = sum((z.managed_pages if z.managed_pages is not None else z.present_pages or 0) for z in zones)
        if pages and self.mem_total.value:
            # MemTotal is totalram_pages * page size; pick the nearest real page size.
            ratio = self.mem_total.value / pages
            size = min(PAGE_SIZES_KB, key=lambda s: abs(s - ratio))
            if abs(size - ratio) / size < 0.1:
                self.notes.append("page size %d kB derived from MemTotal / managed pages" % size)
                return Fact(size, COMPUTED, PAGE_SIZE_DERIVED)
        return UNKNOWN

    def _thp(self, thp, thp_state, failures):
        # pagealloc's ThpState also reads RHEL 6's redhat_transparent_hugepage path.
        mode = thp_state.mode if thp_state is not None else thp.active_option if thp is not None else None
        self.thp_enabled = Fact.read(mode, THP_ENABLED)
        # False: the kernel predates THP (2.6.38; RHEL 6 backported it), so "unknown" means "absent".
        # Without uname, a failure report's kernel release tells whether THP existed.
        release = self.identity.kernel_release
        if not release and failures is not None:
            release = next((e.kernel for e in failures.events if e.kernel), None)
        self.release = release
        self.thp_supported = kernel_default.kernel_has_thp(release) if release else None
        if mode is None and kernel_default.kernel_has_thp(release):
            self.missing_inputs.append("transparent_hugepage/enabled")

    def usable_zones(self):
        """Zones for the default: every populated zone up to Normal must be complete, else None."""
        lowmem = [z for z in self.zones if z.zone in kernel_default.ZONES_UP_TO_NORMAL
                  and (z.present_pages or z.managed_pages)]
        if not lowmem or any(v is None for z in lowmem for v in (z.min_pages, z.low_pages, z.high_pages)):
            return None
        return self.zones


def with_kb_and_buddy(zones, page_size_kb, buddy):
    """Each zone with its watermarks in kB and its free blocks per order (/proc/buddyinfo:
    fragmentation for order > 0 failures)."""
    counts = {(row["node"], row["zone"]): row["counter"] for row in buddy or []}

    def kb(pages):
        return pages * page_size_kb if pages is not None and page_size_kb else None
    return tuple(Zone(z.node, z.zone, z.present_pages, z.managed_pages, z.free_pages, z.min_pages, z.low_pages,
                      z.high_pages, z.protection, kb(z.free_pages), kb(z.min_pages), kb(z.low_pages),
                      kb(z.high_pages), counts.get((str(z.node), z.zone))) for z in zones)
