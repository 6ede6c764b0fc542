"""
FAILURE_BURSTS - a burst of reports in numbers
==============================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures` through
:mod:`pagealloc.knowledge.burst_numbers`.  Informational, for bursts: two
failures or more close in time (reports within 60 s of each other, or a report
with "callbacks suppressed").  Per burst the reports, the suppressed
callbacks, the lower bound of failures (their sum), the duration and the peak
reports per minute.  A lone report (nothing else within 60 s, nothing
suppressed) is no burst: it is counted in ``lone_reports``, never listed as
"1 burst"; a report without a time (a paste without stamps) cannot be placed
next to another, so it is counted in ``undated_reports``, neither a burst nor
lone; with such reports only, no result.

Details: ``bursts`` ([{source, first, last, reports, suppressed, at_least, duration_s,
peak_per_minute}], bursts only), ``lone_reports`` (dated reports in no burst), ``undated_reports`` (reports in no burst
with no time to place them),
``total_at_least`` (every failure the logs show: the bursts' and the lone reports').
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.knowledge.burst_numbers import is_burst, report_groups
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.words import with_counted

ERROR_KEY = "FAILURE_BURSTS"
MAX_LINES = 10

CONTENT = with_counted("""{{ counted(bursts|length, "burst") }} of page allocation failures (two or more within 60 s)
{%- if lone_reports %} and {{ counted(lone_reports, "lone report") }}{% endif %}
{%- if undated_reports %} and {{ counted(undated_reports, "undated report") }}{% endif %}, at least {{ total_at_least }} failed allocations in all (printed reports plus suppressed callbacks).""")


@rule(AllocFailures, links=links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES])), tags=["memory"])
def report(failures):
    groups = report_groups(failures.events)
    found = [g for g in groups if is_burst(g)]
    if not found:
        return None
    alone = [g for g in groups if not is_burst(g)]
    return make_info(ERROR_KEY, bursts=found, lone_reports=sum(g["reports"] for g in alone if g["duration_s"] is not None),
                     undated_reports=sum(g["reports"] for g in alone if g["duration_s"] is None),
                     total_at_least=sum(g["at_least"] for g in groups))
