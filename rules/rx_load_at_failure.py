"""
RX_LOAD_AT_FAILURE - the receive rate and memory sar recorded at each failure
============================================================================

Reads :class:`pagealloc.combiners.load_at_failure.LoadAtFailure`.  Informational:
for every sar interval that holds failure reports, the busiest interface's
receive rate (and its multiple of the interface's median that day),
``kbmemfree``, ``pgscank/s`` and ``pgscand/s``; then what could not be placed
and why (uptime-only stamps, no sar file for the day, unknown time zone), and
whether sar's interval is too coarse to show a sub-second burst.

Details: ``intervals`` ([{load, reports, first}]), ``unplaced`` ({reason: n}),
``coarse`` (bool), ``sources``, ``chart`` (for the HTML report), ``other_systems`` (reports of
another system, never set against this host's sar).
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.load_at_failure import LoadAtFailure
from pagealloc.knowledge.load_at_failure import REASONS, sentence
from pagealloc.knowledge.references import SADF_MAN, SAR_MAN, links
from pagealloc.words import counted, with_counted

ERROR_KEY = "RX_LOAD_AT_FAILURE"
MAX_LINES = 12

CONTENT = with_counted("""Load at failure time (sar):
{%- if lines %} {{ lines[0] }}{% if lines|length > 1 or more %} (and {{ counted(lines|length - 1 + (more or 0), "more interval") }}){% endif %}.
{%- else %} {% for reason, count in unplaced_text.items() %}{{ counted(count, "report") }} not placed: {{ reason }}{{ "; " if not loop.last }}{% endfor %}.{% endif %}""")


LINKS = links(("sysstat", [SAR_MAN, SADF_MAN]))


@rule(LoadAtFailure, links=LINKS, tags=["memory", "networking", "performance"])
def report(load):
    if not load.intervals and not load.unplaced:
        return None  # (another system's reports alone: nothing of this host's to show)
    lines = ["%s at %s" % (counted(i["reports"], "report"), sentence(i["load"]))
             for i in load.intervals]
    return make_info(
        ERROR_KEY,
        intervals=load.intervals,
        unplaced=load.unplaced,
        unplaced_text={REASONS[r]: n for r, n in sorted(load.unplaced.items())},
        coarse=any(i["load"]["coarse"] for i in load.intervals),
        sources=load.sources,
        chart=load.chart,
        other_systems=load.other_systems,
        lines=lines[:MAX_LINES],
        more=max(0, len(lines) - MAX_LINES),
    )
