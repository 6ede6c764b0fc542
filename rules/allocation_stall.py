"""
ALLOCATION_STALL - an allocation stuck in direct reclaim, not a failure
======================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

Kernels 4.9 to 4.14 print ``COMM: page allocation stalls for Nms, order:N,
mode:0x...`` when an allocation that may sleep has looped in
``__alloc_pages_slowpath()`` (direct reclaim, compaction, retries) for more
than 10 s (commit 63f53dea0c98 "mm: warn about allocations which stall for
too long", removed in 4.15 by 400e22499dd9).  The allocation had not failed
yet: the task was stuck reclaiming because memory was short and reclaim made
little progress (slow swap or storage, a reclaim-resistant workload, memory
cgroup limits).  vm.min_free_kbytes is not what ran out: a larger reserve
makes kswapd start earlier but takes memory from everything else.

Details: ``failures`` (summary: count, orders, masks, tasks), ``evidence``
(zone free vs min per report), ``mem_info`` (the last report's Mem-Info
totals in kB when printed).
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import (
    events_evidence,
    is_allocation_stall,
    mem_info_figures,
    summarize_failures,
)
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, KERNEL_SOURCE_PAGE_ALLOC, links
from pagealloc.words import with_counted

ERROR_KEY = "ALLOCATION_STALL"

CONTENT = with_counted("""{{ counted(failures.count, "allocation stall report") }} (order {{ failures.orders|join("/") }}; task {{ failures.comms|join(", ") }}): an allocation spent over 10 s in direct reclaim; memory was short and reclaim slow, not a vm.min_free_kbytes problem.""")


@rule(AllocFailures, optional=[FailureTimeline],
      links=links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES]), ("kernel_source", [KERNEL_SOURCE_PAGE_ALLOC])),
      tags=["memory"])
def report(failures, timeline=None):
    events = host_events([e for e in failures.events if is_allocation_stall(e)], timeline)
    if not events:
        return None
    return make_info(ERROR_KEY, failures=summarize_failures(events), evidence=events_evidence(events),
                     mem_info=mem_info_figures(events))
