"""
Could a failed high-order request compact memory for itself?  Its mask and its kernel decide
==========================================================================================

A request that may sleep reclaims and, for order > 0, may also compact: move movable pages
together so that a free block of its order forms.  But the kernel skips direct compaction for a
mask without the flags its page migration may need (``try_to_compact_pages()`` returns
COMPACT_SKIPPED): from 2.6.35, when direct compaction came, both ``__GFP_FS`` and ``__GFP_IO``;
since Michal Hocko's "mm, compaction: allow compaction for GFP_NOFS requests" (posted October
2016; which of 4.10 and 4.11 took it is not pinned here, so a 4.10 release gets no answer)
``__GFP_IO`` alone, migrating only anonymous pages for a GFP_NOFS request.  A GFP_NOIO request
(storage drivers, dm, md, iSCSI, swap over a block device) never compacts for itself, nor did a
GFP_NOFS one (file systems) before; such a failure says that no block of the order was left
assembled by kswapd or kcompactd, not that compaction failed.

GATES: (first release, flags the mask needs, source), newest last.  :func:`direct_compaction`
answers True, False (with the flags missing) or None (order 0, an atomic request, a mask or a
release that does not tell, a release before 2.6.35: direct compaction was not there upstream, and a
distribution's backport is not known here).

Examples:
    >>> from pagealloc.kernlog.event import FailureEvent
    >>> noio = FailureEvent("page-allocation-failure", order=8, gfp_mask="0x204010", atomic=False,
    ...                     gfp_era="3.10", kernel="3.18.18+40-ph")   # GFP_NOIO|__GFP_COMP|__GFP_NOTRACK
    >>> direct_compaction(noio)
    Compaction(possible=False, missing=('__GFP_FS', '__GFP_IO'), since='2.6.35')
    >>> nofs = FailureEvent("page-allocation-failure", order=4, gfp_mask="0x4050", atomic=False,
    ...                     gfp_era="3.10", kernel="3.10.0-1160.el7.x86_64")   # GFP_NOFS|__GFP_COMP
    >>> direct_compaction(nofs).possible, direct_compaction(nofs).missing
    (False, ('__GFP_FS',))
    >>> later = FailureEvent("page-allocation-failure", order=4, gfp_mask="0x40d50", atomic=False,
    ...                      gfp_era="4.18-5.0", kernel="4.18.0-305.el8.x86_64")  # GFP_NOFS|__GFP_COMP|...
    >>> direct_compaction(later).possible
    True
    >>> direct_compaction(FailureEvent("page-allocation-failure", order=0, gfp_mask="0xd0", atomic=False)) is None
    True
"""

from collections import namedtuple

from pagealloc.knowledge.gfp import ERAS, ERAS_BY_NAME
from pagealloc.knowledge.kernel_release import KernelRelease

Gate = namedtuple("Gate", "since needs source")
Compaction = namedtuple("Compaction", "possible missing since")

GATES = (
    Gate((2, 6, 35), ("__GFP_FS", "__GFP_IO"),
         "mm/compaction.c try_to_compact_pages() (56de7263fcf3 'mm: compaction: direct compact when a high-order "
         "allocation fails', 2.6.35): may_enter_fs and may_perform_io, else COMPACT_SKIPPED"),
    Gate((4, 11, 0), ("__GFP_IO",),
         "mm/compaction.c try_to_compact_pages() after 'mm, compaction: allow compaction for GFP_NOFS requests' "
         "(Michal Hocko): 'GFP_NOIO is really tricky context because the migration might require IO' -> "
         "COMPACT_SKIPPED; isolate_migratepages_block() takes only pages without a mapping for a NOFS request"),
)
# The release between the gates that may hold either (the patch's release is not pinned above).
UNPINNED = ((4, 10),)


def _gate(version):
    """The gate of a release (major, minor, patch), or None for one before 2.6.35 (no direct compaction)
    and "unpinned" for a release that may hold either gate."""
    if version[:2] in UNPINNED:
        return "unpinned"
    return next((gate for gate in reversed(GATES) if version >= gate.since), None)


def _gates_over(era):
    """The gates in force over the releases an era's bit layout spans (up to the next era's first)."""
    after = [e.first for e in ERAS if e.first > era.first and not e.dated_only]
    end = min(after) + (0,) if after else (99, 0, 0)
    gates = [_gate(era.first + (0,))] + [gate for gate in GATES if era.first + (0,) < gate.since < end]
    return gates + ["unpinned" for minor in UNPINNED if era.first + (0,) <= minor + (0,) < end]


def _answer(mask, bits, gate):
    missing = tuple(flag for flag in gate.needs if not mask & bits[flag])
    return Compaction(not missing, missing, _release_words(gate.since))


def _release_words(version):
    return ".".join(map(str, version[:2] if version[2] == 0 else version))


def gate_source(since):
    """The source of the gate named ``since`` ('2.6.35', '4.11')."""
    return next(gate.source for gate in GATES if _release_words(gate.since) == since)


def direct_compaction(event):
    """The :class:`Compaction` answer for a failed request that may sleep, or None when it does not apply
    (order 0, an atomic or unknown request) or the report does not tell (mask, era or release)."""
    if not event.order or event.atomic is not False:
        return None
    try:
        mask = int(str(event.gfp_mask), 16)
    except (TypeError, ValueError):
        return None
    eras = [ERAS_BY_NAME[name] for name in (event.gfp_era or "").split("|") if name in ERAS_BY_NAME]
    if not eras:
        return None
    release = KernelRelease.parse(event.kernel)
    answers = set()
    for era in eras:
        for gate in [_gate(release.version)] if release.known else _gates_over(era):
            if gate is None:  # before 2.6.35: no direct compaction upstream, a distro's backport unknown
                answers.add("unknown")
            elif gate == "unpinned":
                old, new = (_answer(mask, era.bits, g) for g in GATES)
                answers.add(old if old == new else "unknown")
            else:
                answers.add(_answer(mask, era.bits, gate))
    if "unknown" in answers or len({(a.possible, a.missing) for a in answers}) != 1:
        return None
    return min(answers, key=lambda a: a.since)  # (eras agreeing through different gates: the older names it)
