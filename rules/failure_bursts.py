"""
FAILURE_BURSTS - a burst of reports in numbers
==============================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures` through
:mod:`pagealloc.knowledge.burst_numbers`.  Informational, for bursts of more
than one report or with "callbacks suppressed": per burst the reports, the
suppressed callbacks, the lower bound of failures (their sum), the duration
and the peak reports per minute.  A single, unsuppressed report says
nothing more than itself: no result.

Details: ``bursts`` ([{source, first, last, reports, suppressed, at_least, duration_s,
peak_per_minute}]), ``total_at_least``.
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.knowledge.burst_numbers import bursts
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links

ERROR_KEY = "FAILURE_BURSTS"
MAX_LINES = 10

CONTENT = """{{ bursts|length }} burst(s) of page allocation failure reports, at least {{ total_at_least }} failed allocations (printed reports plus suppressed callbacks)."""


@rule(AllocFailures, links=links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES])), tags=["memory"])
def report(failures):
    found = bursts(failures.events)
    if not any(b["reports"] > 1 or b["suppressed"] for b in found):
        return None
    return make_info(ERROR_KEY, bursts=found, total_at_least=sum(b["at_least"] for b in found))
