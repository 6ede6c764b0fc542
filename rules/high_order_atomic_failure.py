"""
HIGH_ORDER_ATOMIC_FAILURE - contiguous memory an atomic caller could not get
===========================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

The sibling of HIGH_ORDER_ATOMIC_RX_FAILURE for every other path (a driver's
tasklet, USB, wireless firmware, a packet generator, storage completion, or a
report whose trace was lost): an atomic request of order >= 1 needs 2^order
contiguous free pages and may neither reclaim nor compact for itself
(``__alloc_pages_slowpath()`` returns before direct compaction and reclaim
when ``__GFP_DIRECT_RECLAIM`` / ``__GFP_WAIT`` is clear, mm/page_alloc.c), so
it fails as soon as no free block of that order is left: fragmentation, even
with plenty of memory free.  The report's buddy lines show it
(``free_blocks_at_order``).

What helps, in order (``advice`` codes): for network code its buffer sizes
(``network_buffer_sizes``: MTU, the driver's page-sized buffer or copybreak
options, GRO/LRO); the caller asking for less or
preparing earlier (``caller_fallback``: order 0 or kvmalloc, or allocating
once at setup with GFP_KERNEL where compaction can run); background
compaction (``background_compaction``: kcompactd from 4.6 and kswapd rebuild
large blocks between bursts; a one-off ``echo 1 > /proc/sys/vm/compact_memory``
only helps until memory fragments again, it is no fix for an atomic caller);
a larger vm.min_free_kbytes only as a measured second step
(``min_free_kbytes_secondary``: more free memory keeps more large blocks,
at the cost of that memory).  SUSE TID 7002803: order > 0 atomic failures are
often harmless when the caller falls back; they matter when a device or
feature stops working.

Details: ``failures`` (summary with ``orders`` and ``contexts``), ``evidence``
(zone free vs min per report, ``free_blocks_at_order``), ``slab_caches``,
``advice`` (codes).
"""

from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import (
    buddy_facts,
    events_evidence,
    is_high_order_atomic_other_path,
    summarize_failures,
)
from pagealloc.knowledge.references import KERNEL_DOCS_COMPACTION, KERNEL_DOCS_MEMORY_ALLOCATION, links
from pagealloc.words import with_counted

ERROR_KEY = "HIGH_ORDER_ATOMIC_FAILURE"
ADVICE = ("caller_fallback", "background_compaction", "min_free_kbytes_secondary")
# Network code off the receive path (an skb head grown by pskb_expand_head, transmit): its buffer sizes.
NETWORK_ADVICE = "network_buffer_sizes"

CONTENT = with_counted("""{{ counted(failures.count, "atomic page allocation failure") }} of order {{ failures.orders|join("/") }} ({{ failures.contexts|join("/") }} code; task {{ failures.comms|join(", ") }}): no free block of that size, memory too fragmented for an allocation that cannot compact.
The caller should fall back to order 0 or allocate at setup; echo 1 > /proc/sys/vm/compact_memory is no fix for atomic context.""")


@rule(AllocFailures, optional=[FailureTimeline],
      links=links(("kernel_docs", [KERNEL_DOCS_MEMORY_ALLOCATION, KERNEL_DOCS_COMPACTION])),
      tags=["memory", "fragmentation"])
def report(failures, timeline=None):
    # Another host's or memory size's reports never speak for this host (event_verdicts).
    events = host_events([e for e in failures.events if is_high_order_atomic_other_path(e)], timeline)
    if not events:
        return None
    slabs = sorted({e.slab.cache for e in events if e.slab is not None and e.slab.cache})
    network = [NETWORK_ADVICE] if any(e.context.startswith("network") for e in events) else []
    return make_fail(ERROR_KEY, failures=summarize_failures(events),
                     evidence=events_evidence(events, annotate=buddy_facts), slab_caches=slabs,
                     advice=network + list(ADVICE))
