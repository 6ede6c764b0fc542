"""
NON_ATOMIC_ALLOC_FAILURE - memory pressure, not a vm.min_free_kbytes problem
===========================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

Fires when a page allocation failed although its GFP mask allowed sleeping
and direct reclaim (``__GFP_WAIT`` / ``__GFP_DIRECT_RECLAIM`` set, e.g.
GFP_KERNEL 0xd0 / 0xcc0): the kernel reclaimed and still found no page.
Order 0 means real memory exhaustion (find the consumer); order > 0 means
fragmentation (compaction, smaller orders).  Whether the request could
compact for itself is its mask's and kernel's answer
(:mod:`pagealloc.knowledge.direct_compaction`): a GFP_NOIO request (and a
GFP_NOFS one before 4.10/4.11) never does, so only a block already assembled
in the background could have served it.  The atomic reserve that
vm.min_free_kbytes sizes is not what ran out, so raising it is not the fix.

Details: ``failures`` (summary with ``orders`` and ``contexts``), ``cause``
("memory_pressure" when any failure is order 0, else "fragmentation"),
``evidence`` (zone free vs min per report), ``direct_compaction`` (for
fragmentation: ``possible`` True/False, the mask's ``missing`` flags, the
kernel ``since`` whose gate applies and its ``source``; None when the reports'
masks or kernels do not tell one answer).
"""

from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.direct_compaction import direct_compaction, gate_source
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
    return make_fail(ERROR_KEY, failures=summary, cause=cause, evidence=events_evidence(events),
                     direct_compaction=compaction_details(events) if cause == "fragmentation" else None)


def compaction_details(events):
    """One answer for every report, or None when they differ or one does not tell."""
    answers = {direct_compaction(event) for event in events}
    if len(answers) != 1 or None in answers:
        return None
    answer = answers.pop()
    return {"possible": answer.possible, "missing": list(answer.missing), "since": answer.since,
            "source": gate_source(answer.since)}
