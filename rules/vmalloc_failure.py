"""
VMALLOC_FAILURE - a vmalloc failure is a different problem
=========================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

Informs when the logs contain vmalloc failures (``vmalloc: allocation
failure: N bytes``, ``vmalloc error: size N``, ``vmap allocation for size N
failed``): the vmalloc address space or a very large virtually contiguous
request ran out, not the page allocator's atomic reserve.  These events never
count for the vm.min_free_kbytes rules.

Details: ``failures`` (summary: count, first/last, comms, kernel ...).
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import is_vmalloc_failure, summarize_failures
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.words import with_counted

ERROR_KEY = "VMALLOC_FAILURE"

CONTENT = with_counted("""{{ counted(failures.count, "vmalloc failure") }}{% if failures.comms %} ({{ failures.comms|join(", ") }}){% endif %}: not a vm.min_free_kbytes problem.""")


@rule(AllocFailures, optional=[FailureTimeline], links=links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES])),
      tags=["memory"])
def report(failures, timeline=None):
    events = host_events([e for e in failures.events if is_vmalloc_failure(e)], timeline)
    if not events:
        return None
    return make_info(ERROR_KEY, failures=summarize_failures(events))
