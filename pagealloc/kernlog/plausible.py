"""
Values a real failure report cannot carry.

A header with an order or a mode no kernel prints is not a report to reason
from (a corrupted line, a forged log): the event keeps its place in the
evidence but loses the impossible values (``order``/``gfp_mask`` become
unknown, so no rule sizes a reserve from them) and carries ``unusable``, the
reason, which the result shows as a note.

========  ===============================  =====================================================
value     possible                         kernel source
========  ===============================  =====================================================
order     0 .. 31                          mm/page_alloc.c ``__alloc_pages()`` returns NULL
                                           without a report for ``order > MAX_PAGE_ORDER``
                                           (``>= MAX_ORDER`` before 6.4), and MAX_ORDER is a
                                           Kconfig value of at most a few tens (arch
                                           ``ARCH_FORCE_MAX_ORDER``); 31 is a generous bound
                                           (order-31 blocks are 8 TiB of 4 KiB pages); orders are
                                           unsigned, so never negative
mode      at most 32 bits (``0xffffffff``) include/linux/types.h ``typedef unsigned int gfp_t``;
                                           ``warn_alloc()`` prints it with ``%#x``
========  ===============================  =====================================================

Examples:
    >>> problems(order=999999999999999999, gfp_mask="0x20")
    ['order 999999999999999999 is impossible (0-31)']
    >>> problems(order=-1, gfp_mask="0xffffffffffffffffffff")
    ['order -1 is impossible (0-31)', 'mode 0xffffffffffffffffffff is wider than the 32-bit gfp_t']
    >>> problems(order=3, gfp_mask="0x40cc0")
    []
"""

MAX_PLAUSIBLE_ORDER = 31
GFP_BITS = 32


def problems(order, gfp_mask):
    """Why a header's ``order`` and ``gfp_mask`` (hex text) cannot come from a kernel; [] when they can."""
    found = []
    if order is not None and not 0 <= order <= MAX_PLAUSIBLE_ORDER:
        found.append("order %d is impossible (0-%d)" % (order, MAX_PLAUSIBLE_ORDER))
    if gfp_mask is not None and int(gfp_mask, 16) >> GFP_BITS:
        found.append("mode %s is wider than the 32-bit gfp_t" % gfp_mask)
    return found
