"""
GFP masks by kernel era: bit tables, decoding, and "can this request sleep?".

The numeric value of a GFP flag changed several times.  A header such as
``mode:0x20`` means ``GFP_ATOMIC`` on 2.6.32/RHEL6/RHEL7 but only
``__GFP_HIGH`` on 4.4+, so a mask is decoded with the table of the kernel
that printed it.  Each era below cites the ``include/linux/gfp.h`` (from 6.0
``include/linux/gfp_types.h``) it was copied from; docs/log-formats.md records
how each layout was verified.

Examples:
    >>> d = decode_gfp("0x20", kernel_release="2.6.32-5-686")
    >>> d.flags, d.era, d.atomic
    (['GFP_ATOMIC'], '2.6.32', True)
    >>> decode_gfp("0x480020", printed_names="GFP_ATOMIC").era
    '4.18-5.0'
    >>> decode_gfp("0xcc0", kernel_release="5.14.0-362.el9.x86_64").flags
    ['GFP_KERNEL']
    >>> decode_gfp("0x20").atomic   # no kernel known: every era agrees
    True
    >>> d = decode_gfp("0x1f0", kernel_release="2.4.20")   # 2.4: GFP_KERNEL carries __GFP_HIGH
    >>> d.flags, d.era, d.atomic
    (['GFP_KERNEL'], '2.4', False)
"""

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Dict, List, Optional, Tuple

from pagealloc.knowledge.kernel_release import KernelRelease

# ---------------------------------------------------------------------------
# Bit tables (name -> value).  Only bits that exist in the era are listed.

# 2.4 include/linux/mm.h "GFP bitmasks.." (read in 2.4.17, and the same block in the 2.4.10 and
# 2.4.2x trees and 2.5.31's gfp.h): zone modifiers __GFP_DMA 0x01, __GFP_HIGHMEM 0x02; action
# modifiers __GFP_WAIT 0x10 ("Can wait and reschedule?"), __GFP_HIGH 0x20 ("Should access emergency
# pools?"), __GFP_IO 0x40, __GFP_HIGHIO 0x80, __GFP_FS 0x100.  2.4.0-2.4.5 had another layout
# (__GFP_WAIT 0x01, __GFP_HIGH 0x02, __GFP_IO 0x04, __GFP_DMA 0x08, __GFP_HIGHMEM 0x10), but their
# __alloc_pages() printed no mask ("%lu-order allocation failed."): every 2.4 line with "gfp=" is this
# layout (2.4.9's "gfp=0x30/1" on linux-kernel, 2001, is GFP_NOIO here and no mask in the old one).
_BITS_2_4 = {
    "__GFP_DMA": 0x01, "__GFP_HIGHMEM": 0x02, "__GFP_WAIT": 0x10, "__GFP_HIGH": 0x20,
    "__GFP_IO": 0x40, "__GFP_HIGHIO": 0x80, "__GFP_FS": 0x100,
}
# Its named masks (same header; GFP_NFS = GFP_KERNEL, GFP_KSWAPD = GFP_USER), largest first.  Unlike
# 2.6, GFP_KERNEL and GFP_NOFS/GFP_NOIO carry __GFP_HIGH; GFP_ATOMIC is __GFP_HIGH alone.
_NAMED_2_4 = (
    ("GFP_HIGHUSER", 0x1d2), ("GFP_KERNEL", 0x1f0), ("GFP_USER", 0x1d0), ("GFP_NOFS", 0xf0),
    ("GFP_NOHIGHIO", 0x70), ("GFP_NOIO", 0x30), ("GFP_ATOMIC", 0x20),
)

# 2.6.32 include/linux/gfp.h (also RHEL6 2.6.32-*.el6): __GFP_WAIT is the
# "may sleep" bit; __GFP_NOTRACK (kmemcheck) from 2.6.31.
_BITS_2_6_32 = {
    "__GFP_DMA": 0x01, "__GFP_HIGHMEM": 0x02, "__GFP_DMA32": 0x04, "__GFP_MOVABLE": 0x08,
    "__GFP_WAIT": 0x10, "__GFP_HIGH": 0x20, "__GFP_IO": 0x40, "__GFP_FS": 0x80,
    "__GFP_COLD": 0x100, "__GFP_NOWARN": 0x200, "__GFP_REPEAT": 0x400, "__GFP_NOFAIL": 0x800,
    "__GFP_NORETRY": 0x1000, "__GFP_COMP": 0x4000, "__GFP_ZERO": 0x8000,
    "__GFP_NOMEMALLOC": 0x10000, "__GFP_HARDWALL": 0x20000, "__GFP_THISNODE": 0x40000,
    "__GFP_RECLAIMABLE": 0x80000, "__GFP_NOTRACK": 0x200000,
}

# 3.10 include/linux/gfp.h (RHEL7 3.10.0-*.el7 keeps this layout):
# adds __GFP_MEMALLOC 0x2000 (3.6), __GFP_KMEMCG 0x100000 (3.8-3.14, later
# __GFP_NOACCOUNT), __GFP_NO_KSWAPD 0x400000, __GFP_OTHER_NODE 0x800000,
# __GFP_WRITE 0x1000000 (3.2).
_BITS_3_10 = dict(_BITS_2_6_32, **{
    "__GFP_MEMALLOC": 0x2000, "__GFP_KMEMCG": 0x100000, "__GFP_NO_KSWAPD": 0x400000,
    "__GFP_OTHER_NODE": 0x800000, "__GFP_WRITE": 0x1000000,
})

# 4.4 include/linux/gfp.h (commit d0164adc89f6 "mm, page_alloc: distinguish
# between being unable to sleep, unwilling to sleep and avoiding waking
# kswapd"): __GFP_WAIT split into __GFP_DIRECT_RECLAIM 0x400000 (the sleep
# bit) and __GFP_KSWAPD_RECLAIM 0x2000000; __GFP_RECLAIMABLE moved to 0x10.
_BITS_4_4 = {
    "__GFP_DMA": 0x01, "__GFP_HIGHMEM": 0x02, "__GFP_DMA32": 0x04, "__GFP_MOVABLE": 0x08,
    "__GFP_RECLAIMABLE": 0x10, "__GFP_HIGH": 0x20, "__GFP_IO": 0x40, "__GFP_FS": 0x80,
    "__GFP_COLD": 0x100, "__GFP_NOWARN": 0x200, "__GFP_REPEAT": 0x400, "__GFP_NOFAIL": 0x800,
    "__GFP_NORETRY": 0x1000, "__GFP_MEMALLOC": 0x2000, "__GFP_COMP": 0x4000, "__GFP_ZERO": 0x8000,
    "__GFP_NOMEMALLOC": 0x10000, "__GFP_HARDWALL": 0x20000, "__GFP_THISNODE": 0x40000,
    "__GFP_ATOMIC": 0x80000, "__GFP_ACCOUNT": 0x100000, "__GFP_NOTRACK": 0x200000,
    "__GFP_DIRECT_RECLAIM": 0x400000, "__GFP_OTHER_NODE": 0x800000, "__GFP_WRITE": 0x1000000,
    "__GFP_KSWAPD_RECLAIM": 0x2000000,
}

# 4.10 removed __GFP_OTHER_NODE: __GFP_WRITE 0x800000, __GFP_KSWAPD_RECLAIM
# 0x1000000; 4.12 adds __GFP_NOLOCKDEP 0x2000000 (CONFIG_LOCKDEP only);
# 4.13 renames __GFP_REPEAT to __GFP_RETRY_MAYFAIL; 4.15 drops __GFP_COLD
# and __GFP_NOTRACK but leaves their bits stranded (the layout only moved in
# 4.18, see below).
_BITS_4_10 = {k: v for k, v in _BITS_4_4.items() if k not in ("__GFP_OTHER_NODE", "__GFP_REPEAT")}
_BITS_4_10.update({"__GFP_RETRY_MAYFAIL": 0x400, "__GFP_WRITE": 0x800000,
                   "__GFP_KSWAPD_RECLAIM": 0x1000000, "__GFP_NOLOCKDEP": 0x2000000})

# 4.18 include/linux/gfp.h (Shakeel Butt, "mm: fix stranded gfp bits",
# 2018): __GFP_WRITE 0x100, __GFP_DIRECT_RECLAIM 0x200000,
# __GFP_KSWAPD_RECLAIM 0x400000, __GFP_NOLOCKDEP 0x800000.  RHEL8
# 4.18.0-* keeps it in every minor release (8.0 to 8.10 reports print
# mode:0x480020(GFP_ATOMIC)).
_BITS_4_18 = {
    "__GFP_DMA": 0x01, "__GFP_HIGHMEM": 0x02, "__GFP_DMA32": 0x04, "__GFP_MOVABLE": 0x08,
    "__GFP_RECLAIMABLE": 0x10, "__GFP_HIGH": 0x20, "__GFP_IO": 0x40, "__GFP_FS": 0x80,
    "__GFP_WRITE": 0x100, "__GFP_NOWARN": 0x200, "__GFP_RETRY_MAYFAIL": 0x400, "__GFP_NOFAIL": 0x800,
    "__GFP_NORETRY": 0x1000, "__GFP_MEMALLOC": 0x2000, "__GFP_COMP": 0x4000, "__GFP_ZERO": 0x8000,
    "__GFP_NOMEMALLOC": 0x10000, "__GFP_HARDWALL": 0x20000, "__GFP_THISNODE": 0x40000,
    "__GFP_ATOMIC": 0x80000, "__GFP_ACCOUNT": 0x100000, "__GFP_DIRECT_RECLAIM": 0x200000,
    "__GFP_KSWAPD_RECLAIM": 0x400000, "__GFP_NOLOCKDEP": 0x800000,
}

# 5.1 include/linux/gfp.h (Alexey Dobriyan, "mm: shuffle GFP_* flags"):
# GFP_KERNEL/GFP_ATOMIC bits packed low.  Bits from 0x800000 up depend on
# the version and config: 5.1-5.13 __GFP_NOLOCKDEP 0x800000; 5.14 (and
# RHEL9 5.14.0-*, verified in a Rocky/RHEL9 tree) __GFP_ZEROTAGS 0x800000,
# __GFP_SKIP_KASAN_POISON 0x1000000, __GFP_NOLOCKDEP 0x2000000; 6.0-6.2
# gfp_types.h adds __GFP_SKIP_ZERO/__GFP_SKIP_KASAN_UNPOISON (KASAN_HW_TAGS
# only).  Those high bits are reported as hex, never guessed.
_BITS_5_1 = {
    "__GFP_DMA": 0x01, "__GFP_HIGHMEM": 0x02, "__GFP_DMA32": 0x04, "__GFP_MOVABLE": 0x08,
    "__GFP_RECLAIMABLE": 0x10, "__GFP_HIGH": 0x20, "__GFP_IO": 0x40, "__GFP_FS": 0x80,
    "__GFP_ZERO": 0x100, "__GFP_ATOMIC": 0x200, "__GFP_DIRECT_RECLAIM": 0x400,
    "__GFP_KSWAPD_RECLAIM": 0x800, "__GFP_WRITE": 0x1000, "__GFP_NOWARN": 0x2000,
    "__GFP_RETRY_MAYFAIL": 0x4000, "__GFP_NOFAIL": 0x8000, "__GFP_NORETRY": 0x10000,
    "__GFP_MEMALLOC": 0x20000, "__GFP_COMP": 0x40000, "__GFP_NOMEMALLOC": 0x80000,
    "__GFP_HARDWALL": 0x100000, "__GFP_THISNODE": 0x200000, "__GFP_ACCOUNT": 0x400000,
}

# 6.3 include/linux/gfp_types.h (NeilBrown, "mm: discard __GFP_ATOMIC"):
# 0x200 left unused; GFP_ATOMIC = __GFP_HIGH|__GFP_KSWAPD_RECLAIM = 0x820.
# 6.10's enum of bit numbers (Suren Baghdasaryan, "mm: enumerate all gfp
# flags") keeps ___GFP_UNUSED_BIT at 0x200, so the table holds up to
# __GFP_ACCOUNT 0x400000; higher bits are config-dependent again.
_BITS_6_3 = {k: v for k, v in _BITS_5_1.items() if k != "__GFP_ATOMIC"}


def _composites(bits, atomic_extra):
    """Named combinations in the order the kernel's %pGg prints them
    (include/trace/events/mmflags.h __def_gfpflag_names: largest first)."""
    b = bits.get
    reclaim = (b("__GFP_DIRECT_RECLAIM", 0) | b("__GFP_KSWAPD_RECLAIM", 0)) or b("__GFP_WAIT", 0)
    io, fs = bits["__GFP_IO"], bits["__GFP_FS"]
    kernel = reclaim | io | fs
    user = kernel | bits["__GFP_HARDWALL"]
    highuser = user | bits["__GFP_HIGHMEM"]
    movable = highuser | bits["__GFP_MOVABLE"]
    atomic = bits["__GFP_HIGH"] | atomic_extra | b("__GFP_KSWAPD_RECLAIM", 0)
    rows = []
    if "__GFP_DIRECT_RECLAIM" in bits:  # THP masks exist with the 4.4 layout
        light = (movable | bits["__GFP_COMP"] | bits["__GFP_NOMEMALLOC"] | bits["__GFP_NOWARN"]) & ~reclaim
        rows += [("GFP_TRANSHUGE", light | bits["__GFP_DIRECT_RECLAIM"]), ("GFP_TRANSHUGE_LIGHT", light)]
    rows += [("GFP_HIGHUSER_MOVABLE", movable), ("GFP_HIGHUSER", highuser), ("GFP_USER", user)]
    if "__GFP_ACCOUNT" in bits:
        rows.append(("GFP_KERNEL_ACCOUNT", kernel | bits["__GFP_ACCOUNT"]))
    rows += [("GFP_KERNEL", kernel), ("GFP_NOFS", reclaim | io), ("GFP_ATOMIC", atomic),
             ("GFP_NOIO", reclaim)]
    if "__GFP_KSWAPD_RECLAIM" in bits:
        rows += [("GFP_NOWAIT", bits["__GFP_KSWAPD_RECLAIM"]), ("__GFP_RECLAIM", reclaim)]
    return tuple(rows)


@dataclass(frozen=True)
class GfpEra:
    name: str
    first: Tuple[int, int]          # first kernel (major, minor) using this layout
    sleep_bit: str                  # set => the request may sleep (not atomic)
    bits: Dict[str, int]
    composites: Tuple[Tuple[str, int], ...]
    # Only a release or the era's own header form chooses it, never a mask's value alone nor printed
    # names: 2.4's message is "__alloc_pages: N-order allocation failed"; every other header is 2.6+.
    dated_only: bool = False

    @cached_property
    def _print_order(self):
        return self.composites + tuple(sorted(self.bits.items(), key=lambda kv: kv[1]))

    def names_for(self, mask):
        """Decode like the kernel's %pGg: composites first, then single bits,
        leftover bits as one hex word."""
        names, rest = [], mask
        for name, value in self._print_order:
            if value and (rest & value) == value:
                names.append(name)
                rest &= ~value
        if rest:
            names.append(hex(rest))
        return names, rest

    def can_sleep(self, mask):
        return bool(mask & self.bits[self.sleep_bit])

    @cached_property
    def _reclaim_bits(self):
        b = self.bits.get
        return b("__GFP_WAIT", 0) | b("__GFP_DIRECT_RECLAIM", 0) | b("__GFP_KSWAPD_RECLAIM", 0)

    def warns_with(self, mask):
        """False when this era's reading of ``mask`` is no mask a failure warning prints:
        ``__GFP_IO``/``__GFP_FS`` without any reclaim bit (see WARNING_MASKS; 2.4's masks with IO or FS
        all carry __GFP_WAIT too)."""
        return not (mask & (self.bits["__GFP_IO"] | self.bits["__GFP_FS"])) or bool(mask & self._reclaim_bits)


def _era(name, first, bits, sleep_bit, atomic_extra=0):
    return GfpEra(name, first, sleep_bit, bits, _composites(bits, atomic_extra))


# Oldest first.  Adding an era = one row.
ERAS = (
    GfpEra("2.4", (2, 4), "__GFP_WAIT", _BITS_2_4, _NAMED_2_4, dated_only=True),
    _era("2.6.32", (2, 6), _BITS_2_6_32, "__GFP_WAIT"),
    _era("3.10", (3, 0), _BITS_3_10, "__GFP_WAIT"),
    _era("4.4-4.9", (4, 4), _BITS_4_4, "__GFP_DIRECT_RECLAIM", _BITS_4_4["__GFP_ATOMIC"]),
    _era("4.10-4.17", (4, 10), _BITS_4_10, "__GFP_DIRECT_RECLAIM", _BITS_4_10["__GFP_ATOMIC"]),
    _era("4.18-5.0", (4, 18), _BITS_4_18, "__GFP_DIRECT_RECLAIM", _BITS_4_18["__GFP_ATOMIC"]),
    _era("5.1-6.2", (5, 1), _BITS_5_1, "__GFP_DIRECT_RECLAIM", _BITS_5_1["__GFP_ATOMIC"]),
    _era("6.3+", (6, 3), _BITS_6_3, "__GFP_DIRECT_RECLAIM"),
)
ERAS_BY_NAME = {era.name: era for era in ERAS}

# What a header's own form proves about the kernel that printed it: the oldest release that prints
# it (newest clue first).  Used only when no release is known, to leave out the eras before it;
# ``rest`` is the header's text after its fixed words (pagealloc.kernlog.header.HeaderHit.rest).
# A header without names is not dated by their absence: names lost in a paste would mis-date a
# 4.6+ report (docs/log-formats.md "GFP masks by era").
HEADER_DATES = (
    # kernel/cgroup/cpuset.c cpuset_print_current_mems_allowed() continues the header's line
    # (",cpuset=%s,mems_allowed=%*pbl") in mainline 5.0 (4.11-4.20 print it on a line of its own), and
    # RHEL 8's 4.18 backports it (tests/fixtures/logs/*4.18_rhel8*): dated 4.18, the release it is seen on.
    (",cpuset=", "4.18", "',cpuset=' on the header's own line"),
    # mm/page_alloc.c warn_alloc() ", mode:%#x(%pGg), nodemask=%*pbl" (Michal Hocko, "mm, page_alloc:
    # warn_alloc print nodemask", 4.11).
    ("nodemask=", "4.11", "'nodemask=' in the header"),
    # mm/page_alloc.c warn_alloc_failed() "%s: page allocation failure: order:%d, mode:0x%x" (Dave
    # Hansen, "mm: break out page allocation warning code", 3.0); 2.6 printed "page allocation
    # failure. order:%d, mode:0x%x" from __alloc_pages(); every later header keeps the colon
    # (vmalloc's "vmalloc: allocation failure: %lu bytes" in the header is 4.10+).
    (": order:", "3.0", "the colon in 'failure: order:' (2.6 kernels print 'failure. order:')"),
)


def header_since(rest):
    """The oldest kernel release a header's form proves (``HEADER_DATES``), or None.

    >>> header_since(": order:0, mode:0x10"), header_since(". order:0, mode:0x10")
    ('3.0', None)
    >>> header_since(": order:0, mode:0x10, nodemask=(null),cpuset=/,mems_allowed=0")
    '4.18'
    """
    text = rest or ""
    return next((release for clue, release, _words in HEADER_DATES if clue in text), None)


def header_clue(release):
    """The words naming the clue that dates a header to ``release`` (a :func:`header_since` value)."""
    return next((words for _clue, first, words in HEADER_DATES if first == release), None)


def era_releases(name):
    """The releases an era's table covers, in words: '3.0-4.3' for "3.10", '6.3+' for "6.3+".

    >>> era_releases("3.10"), era_releases("2.6.32"), era_releases("6.3+"), era_releases("2.4")
    ('3.0-4.3', '2.6', '6.3+', '2.4')
    """
    era = ERAS_BY_NAME[name]
    later = [e for e in ERAS if e.first > era.first]
    first = "%d.%d" % era.first
    if not later:
        return first + "+"
    end = min(e.first for e in later)
    # The release before the next era's first: x.0 follows the previous major's last series.
    last = (end[0], end[1] - 1) if end[1] else (end[0] - 1, LAST_MINOR[end[0] - 1])
    if last[0] == 2 and last[1] % 2:
        last = (2, last[1] - 1)  # 2.x odd minors (2.5) were development series, never released
    return first if last == era.first else "%s-%d.%d" % (first, last[0], last[1])


# The last minor series of each major (kernel.org releases): 2.6.39 -> 3.0, 3.19 -> 4.0, 4.20 -> 5.0,
# 5.19 -> 6.0.
LAST_MINOR = {2: 6, 3: 19, 4: 20, 5: 19}


def _reaches(era, since):
    """True when ``era`` covers a release at or after ``since`` ((major, minor)): the next era starts later."""
    later = [e.first for e in ERAS if e.first > era.first]
    return not later or min(later) > since

# WARNING_MASKS: __GFP_IO and __GFP_FS only qualify reclaim (include/linux/gfp.h, every era:
# "__GFP_IO can start physical IO", "__GFP_FS can call down to the low-level FS"); every named
# combination that sets them also sets the era's reclaim bit(s) (GFP_NOFS, GFP_KERNEL, GFP_USER,
# GFP_HIGHUSER*, GFP_TEMPORARY: __GFP_WAIT up to 4.3, __GFP_RECLAIM from 4.4), and the kernel clears
# reclaim from such a mask only for an opportunistic try that also sets __GFP_NOWARN
# (mm/mempool.c mempool_alloc(), mm/slub.c allocate_slab()'s higher-order try,
# GFP_TRANSHUGE_LIGHT 4.8+), which never warns (warn_alloc*() returns on __GFP_NOWARN).  So a
# reading of a printed mask with IO or FS and no reclaim bit is not the era that printed it: 0xd0
# is GFP_KERNEL in 2.6-4.3 and only "__GFP_RECLAIMABLE|__GFP_IO|__GFP_FS, no reclaim" from 4.4.

# Printed names that imply the request may direct-reclaim (sleep).
SLEEPING_NAMES = frozenset((
    "GFP_KERNEL", "GFP_KERNEL_ACCOUNT", "GFP_NOFS", "GFP_NOIO", "GFP_USER", "GFP_HIGHUSER",
    "GFP_HIGHUSER_MOVABLE", "GFP_TRANSHUGE", "__GFP_DIRECT_RECLAIM", "__GFP_RECLAIM", "__GFP_WAIT",
    "GFP_TEMPORARY",
))


# Bits the slab allocators never pass to the page allocator: mm/slub.c new_slab() keeps only the request's
# reclaim and constraint bits ("flags & (GFP_RECLAIM_MASK | GFP_CONSTRAINT_MASK)", 2.6.24+) and allocate_slab() adds
# the cache's allocflags (__GFP_COMP, __GFP_DMA/__GFP_DMA32, __GFP_RECLAIMABLE) and __GFP_NOWARN/__GFP_NORETRY;
# mm/slab.c cache_grow() masks the same way and kmem_getpages() adds the same allocflags.  A slab page is never
# zeroed by the page allocator (the object is, after the allocation), never highmem (it stays mapped) and never
# movable: a page allocation report whose mode carries one of these was no slab's, so no "SLUB/SLAB: Unable to
# allocate memory" block (printed after the slab's failed page allocation, mm/slub.c slab_out_of_memory()) is its.
SLAB_NEVER_ASKS = ("__GFP_ZERO", "__GFP_HIGHMEM", "__GFP_MOVABLE")


def slab_never_asks(mask, era):
    """True when every era of ``era`` ("a|b" as :func:`decode_gfp` gives it) reads the page allocation mode
    ``mask`` with a bit of SLAB_NEVER_ASKS: the slab allocator made no such request; False when unknown.

    >>> slab_never_asks("0x400dc0", "5.1-6.2"), slab_never_asks("0x400cc0", "5.1-6.2")   # GFP_KERNEL_ACCOUNT
    (True, False)
    >>> slab_never_asks("0x24280ca", "4.4-4.9"), slab_never_asks("0x204020", "3.10|4.4-4.9")
    (True, False)
    >>> slab_never_asks("0x100", "2.6.32|5.1-6.2"), slab_never_asks("0x20", None)   # eras disagree; no era
    (False, False)
    """
    value = _parse_mask(mask)
    eras = [ERAS_BY_NAME[name] for name in (era or "").split("|") if name in ERAS_BY_NAME]
    if value is None or not eras:
        return False
    return all(value & sum(e.bits.get(name, 0) for name in SLAB_NEVER_ASKS) for e in eras)


@dataclass
class GfpDecoding:
    mask: Optional[int]
    flags: List[str] = field(default_factory=list)
    era: Optional[str] = None        # one era name, or "a|b" when the value fits several
    atomic: Optional[bool] = None
    candidates: List[str] = field(default_factory=list)


def era_for_release(release):
    """The GFP era of a kernel release string ("3.10.0-1160.el7.x86_64"), or None."""
    version = KernelRelease.parse(release).version
    if version is None:
        return None
    chosen = None
    for era in ERAS:
        if version[:2] >= era.first:
            chosen = era
    return chosen


def _parse_mask(mask):
    if isinstance(mask, int):
        return mask
    try:
        return int(str(mask), 16)
    except (TypeError, ValueError):
        return None


def decode_gfp(mask, printed_names=None, kernel_release=None, since=None):
    """Decode a header's ``mode:`` value.

    Era choice: the printed names first (the eras whose decoding reproduces
    them), then the kernel release, then the value itself (every era in which
    all set bits exist, from the era of ``since`` on - the oldest release the
    header's form proves, :func:`header_since` - ; ``era`` lists them all when
    more than one fits).

    >>> decode_gfp("0x10").era, decode_gfp("0x10", since="4.18").era
    ('2.6.32|3.10|4.4-4.9|4.10-4.17|4.18-5.0|5.1-6.2|6.3+', '4.18-5.0|5.1-6.2|6.3+')
    """
    value = _parse_mask(mask)
    if value is None or value < 0:
        return GfpDecoding(mask=None)
    flags, era, atomic, candidates = _decode(value, printed_names or None, kernel_release or None, since or None)
    return GfpDecoding(value, list(flags), era, atomic, list(candidates))


@lru_cache(maxsize=4096)
def _decode(value, printed_names, kernel_release, since=None):
    """(flags, era, atomic, candidates) as tuples: cached, the same few masks
    recur thousands of times in a noisy log."""
    by_release = era_for_release(kernel_release)
    if printed_names:
        printed = tuple(n.strip() for n in printed_names.split("|") if n.strip())
        matching = tuple(e.name for e in ERAS if not e.dated_only and set(e.names_for(value)[0]) == set(printed))
        if by_release is not None and (by_release.name in matching or not matching):
            era = by_release.name
        else:
            era = "|".join(matching) or None
        atomic = not any(name in SLEEPING_NAMES for name in printed)
        return printed, era, atomic, matching
    if by_release is not None:
        return (tuple(by_release.names_for(value)[0]), by_release.name, not by_release.can_sleep(value),
                (by_release.name,))
    fitting = _plausible_eras(value, KernelRelease.parse(since).version if since else None)
    if not fitting:
        return (hex(value),), None, None, ()
    # Prefer the reading with the fewest names (composites explain the value).
    best = min(fitting, key=lambda e: len(e.names_for(value)[0]))
    verdicts = {not e.can_sleep(value) for e in fitting}
    return (tuple(best.names_for(value)[0]), "|".join(e.name for e in fitting),
            verdicts.pop() if len(verdicts) == 1 else None, tuple(e.name for e in fitting))


def _plausible_eras(value, since=None):
    """The eras that can have printed ``value``: those whose bits hold it (from ``since``'s era on,
    when any is left), narrowed to those whose reading is a mask a warning prints (WARNING_MASKS)
    when any is left."""
    fitting = [e for e in ERAS if not e.dated_only and e.names_for(value)[1] == 0]
    if since is not None:
        fitting = [e for e in fitting if _reaches(e, since[:2])] or fitting
    return [e for e in fitting if e.warns_with(value)] or fitting
