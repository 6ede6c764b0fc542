"""
ALLOC_MASK_UNDECIDED - a failure found whose mask cannot be read without the kernel release
==========================================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`.

The GFP bits moved between kernel eras (docs/log-formats.md, pagealloc.knowledge.gfp):
``0xd0`` is GFP_KERNEL up to 4.3 (may sleep) but ``__GFP_IO|__GFP_FS|__GFP_RECLAIMABLE``
without any reclaim bit in 4.4-4.9 (may not).  A report that prints the mask without its
names and without a task line, on a host whose release is not known either, cannot say
whether the request could sleep, so no verdict is taken on a guess: the report was found,
and this says what is known (order, task, path, the readings of each era the value fits)
and what is missing (the kernel release: ``uname -r``, or the report's ``CPU: ... Comm:``
task line, or the boot banner ``Linux version``).

The header's own form may still date it (:data:`pagealloc.knowledge.gfp.HEADER_DATES`: the
colon of ``failure: order:`` is 3.0+, ``nodemask=`` 4.11+, ``,cpuset=`` on the header's line 4.18+ - mainline 5.0, RHEL 8 backport):
the eras before that release are left out of the readings and ``header_since`` says from which
release on, ``header_clue`` by which clue (null when the reports' headers prove nothing, or not
all the same).

Details: ``failures`` (summary), ``readings`` [{``gfp_mask``, ``eras``, ``releases`` (each
era's kernels in words: "3.0-4.3" for the "3.10" table), ``flags``, ``may_sleep``}] (one row per
distinct reading of the mask), ``header_since``, ``header_clue``, ``missing_inputs`` (``uname``).
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import is_mask_undecided, summarize_failures
from pagealloc.knowledge.gfp import ERAS_BY_NAME, era_releases, header_clue
from pagealloc.knowledge.references import KERNEL_DOCS_MEMORY_ALLOCATION, links
from pagealloc.words import with_counted

ERROR_KEY = "ALLOC_MASK_UNDECIDED"
MAX_READINGS = 6

CONTENT = with_counted("""{{ counted(failures.count, "page allocation failure report") }} (order {{ failures.orders|join("/") }}, mode {{ failures.gfp_masks|join(", ") }}; task {{ failures.comms|join(", ") }}) whose mask reads differently by kernel era: whether the request could sleep is unknown.
Collect the kernel release (uname -r) and analyse again.""")


def readings(events):
    """The distinct readings of each mask in the eras it fits (names, may sleep), at most MAX_READINGS."""
    rows = {}
    for event in events:
        value = int(event.gfp_mask, 16)
        for name in (event.gfp_era or "").split("|"):
            era = ERAS_BY_NAME.get(name)
            if era is None:
                continue
            key = (event.gfp_mask, "|".join(era.names_for(value)[0]), era.can_sleep(value))
            eras = rows.setdefault(key, [])
            if name not in eras:
                eras.append(name)
    return [{"gfp_mask": mask, "eras": eras, "releases": [era_releases(e) for e in eras], "flags": flags,
             "may_sleep": sleeps}
            for (mask, flags, sleeps), eras in list(rows.items())[:MAX_READINGS]]


def dated_since(events):
    """The oldest release every report's header form proves (gfp.header_since), or None when any proves
    nothing or they differ (then each event's narrowing is in its own ``gfp_era``)."""
    found = {event.header_since for event in events}
    return found.pop() if len(found) == 1 else None


@rule(AllocFailures, optional=[FailureTimeline], links=links(("kernel_docs", [KERNEL_DOCS_MEMORY_ALLOCATION])),
      tags=["memory"])
def report(failures, timeline=None):
    events = host_events([e for e in failures.events if is_mask_undecided(e)], timeline)
    if not events:
        return None
    since = dated_since(events)
    return make_info(ERROR_KEY, failures=summarize_failures(events), readings=readings(events),
                     header_since=since, header_clue=header_clue(since) if since else None,
                     missing_inputs=["uname"])
