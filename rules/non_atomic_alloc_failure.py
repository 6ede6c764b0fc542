"""
NON_ATOMIC_ALLOC_FAILURE - memory pressure, not a vm.min_free_kbytes problem
===========================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

Fires when a page allocation failed although its GFP mask allowed sleeping
and direct reclaim (``__GFP_WAIT`` / ``__GFP_DIRECT_RECLAIM`` set, e.g.
GFP_KERNEL 0xd0 / 0xcc0): the kernel reclaimed and compacted and still found
no page.  Order 0 means real memory exhaustion (find the consumer); order > 0
means fragmentation (compaction, smaller orders).  The atomic reserve that
vm.min_free_kbytes sizes is not what ran out, so raising it is not the fix.

Details: ``failures`` (summary with ``orders`` and ``contexts``), ``cause``
("memory_pressure" when any failure is order 0, else "fragmentation"),
``evidence`` (zone free vs min per report).
"""

from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import events_evidence, is_non_atomic, summarize_failures
from pagealloc.knowledge.references import KERNEL_DOCS_COMPACTION, KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.words import with_counted

ERROR_KEY = "NON_ATOMIC_ALLOC_FAILURE"

CONTENT = with_counted("""{{ counted(failures.count, "page allocation") }} that may sleep ({{ failures.gfp_masks|join(", ") }}; order {{ failures.orders|join("/") }}) failed even after reclaim: {% if cause == "memory_pressure" %}memory exhaustion{% else %}fragmentation{% endif %}, not a vm.min_free_kbytes problem.""")

LINKS = links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES, KERNEL_DOCS_COMPACTION]))


@rule(AllocFailures, optional=[FailureTimeline], links=LINKS, tags=["memory"])
def report(failures, timeline=None):
    # Another host's or memory size's reports never speak for this host (event_verdicts).
    events = host_events([e for e in failures.events if is_non_atomic(e)], timeline)
    if not events:
        return None
    summary = summarize_failures(events)
    cause = "memory_pressure" if 0 in summary["orders"] else "fragmentation"
    return make_fail(ERROR_KEY, failures=summary, cause=cause, evidence=events_evidence(events))
