"""
NOWAIT_ALLOC_FAILURE - an atomic request that may not use the reserve: memory pressure
=====================================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

Informs when an order-0 allocation that may not sleep failed outside the
network receive path and its mask lacks ``__GFP_HIGH`` (GFP_NOWAIT: 0x0 up to
4.3, ``__GFP_KSWAPD_RECLAIM`` 0x2000000 / 0x1000000 / 0x400000 / 0x800 after).
``gfp_to_alloc_flags()`` (mm/page_alloc.c) gives such a request no
ALLOC_HIGH / ALLOC_MIN_RESERVE, so ``__zone_watermark_ok()`` tests it against
the ``min`` mark itself (up to 4.3 a request without ``__GFP_WAIT`` also got
ALLOC_HARDER: min less a quarter; 4.4-6.2 only ``__GFP_ATOMIC`` gives it; 6.3+
ALLOC_NON_BLOCK lowers the mark only with ALLOC_MIN_RESERVE).  It failed
because free memory was at ``min`` in every usable zone: general memory
pressure that kswapd had not caught up with, not a reserve too small.  Raising
vm.min_free_kbytes moves ``min`` up with it, so it does not help such a
request and takes memory from everything else.  Callers of GFP_NOWAIT are
written to fail (they retry or drop the work), so one report is often
harmless; many point at memory pressure to explain.

Details: ``failures`` (summary), ``evidence`` (zone free vs min per report),
``mem_info`` (the last report's Mem-Info totals in kB when printed), ``look_at``
(codes: ``mem_info``, ``memory_holders``, ``kswapd``).
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import (
    events_evidence,
    is_order0_atomic_without_reserve,
    mem_info_figures,
    summarize_failures,
)
from pagealloc.knowledge.references import KERNEL_DOCS_MEMORY_ALLOCATION, KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.words import with_counted

ERROR_KEY = "NOWAIT_ALLOC_FAILURE"

CONTENT = with_counted("""{{ counted(failures.count, "order-0 page allocation failure") }} that may neither sleep nor use the reserve below min ({{ failures.gfp_masks|join(", ") }}{% if failures.gfp_flags %}: {{ failures.gfp_flags|join("|") }}{% endif %}; task {{ failures.comms|join(", ") }}): free memory was at the min mark, general memory pressure.
Raising vm.min_free_kbytes does not help such requests; find what fills memory.""")


@rule(AllocFailures, optional=[FailureTimeline],
      links=links(("kernel_docs", [KERNEL_DOCS_MEMORY_ALLOCATION, KERNEL_DOCS_MIN_FREE_KBYTES])), tags=["memory"])
def report(failures, timeline=None):
    # Another host's or memory size's reports never speak for this host (event_verdicts).
    events = host_events([e for e in failures.events if is_order0_atomic_without_reserve(e)], timeline)
    if not events:
        return None
    figures = mem_info_figures(events)
    return make_info(ERROR_KEY, failures=summarize_failures(events), evidence=events_evidence(events),
                     mem_info=figures, look_at=(["mem_info"] if figures else []) + ["memory_holders", "kswapd"])
