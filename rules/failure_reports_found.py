"""
FAILURE_REPORTS_FOUND - the catch-all: every report found is said, none falls through
====================================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures` and, when
built, :class:`pagealloc.combiners.failure_timeline.FailureTimeline`.

Each class of failure has the rule that judges it
(:data:`pagealloc.knowledge.failure_summary.FAILURE_CLASSES`).  This rule
speaks for the reports none of them takes, so that a report found never ends
as "no problem found":

* ``other_system``: a report of another host or memory size of a class whose
  rule judges only this host (the main rule lists its own under
  FAILURES_NOT_FROM_THIS_SYSTEM);
* ``unusable``: a header whose order or mode no kernel prints
  (:mod:`pagealloc.kernlog.plausible`): found, never reasoned from;
* ``slab_only``: a ``SLUB:``/``SLAB: Unable to allocate memory`` block with no
  page allocation report whose mask or order was lost (with both, it is
  classified like a report: ``is_allocator_failure``);
* ``memcg_slab_cache``: such a block alone of a memory cgroup's own cache
  (``kmalloc-1024(1793:<container id>)``, 3.8-5.8 kmem accounting): the cgroup's
  charge failed at its limit, which prints no page allocation report
  (:func:`pagealloc.knowledge.failure_summary.is_memcg_slab_only`); the zones'
  reserve is not in question, so the main rule does not count it;
* ``unclassified``: anything else (an order or mode the report lost).

Details: ``count``, ``why`` ({code: reports}), ``reports`` (up to 20: ``kind``,
``source``, ``line``, ``when``, ``comm``, ``order``, ``gfp_mask``, ``context``,
``why``, ``detail``: the unusable reason, the other system's reasons in words,
or the slab cache).
"""

from collections import Counter

from insights.core.plugins import make_info, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.failure_summary import JUDGES_OTHER_SYSTEMS, is_memcg_slab_only, judging_rules
from pagealloc.knowledge.references import KERNEL_SOURCE_PAGE_ALLOC, links
from pagealloc.words import with_counted

ERROR_KEY = "FAILURE_REPORTS_FOUND"
SLAB_ONLY = "slab-allocation-failure"
MAX_LISTED = 20

CONTENT = with_counted("""{{ counted(count, "allocation failure report") }} found that no other verdict judges ({% for code, n in why.items() %}{{ n }} {{ code }}{% if not loop.last %}, {% endif %}{% endfor %}): each is listed with what it shows.""")


def why_unjudged(event, timeline):
    """The reason code when no class rule speaks for the event, else None."""
    modules = judging_rules(event)
    if modules:
        if timeline is not None and timeline.role(event) == "foreign" and not set(modules) & set(JUDGES_OTHER_SYSTEMS):
            return "other_system"
        return None
    if event.unusable:
        return "unusable"
    if is_memcg_slab_only(event):
        return "memcg_slab_cache"
    if event.kind == SLAB_ONLY:
        return "slab_only"
    return "unclassified"


def _when(event):
    if event.wallclock:
        return event.wallclock
    return "%.3f s after boot" % event.timestamp if event.timestamp is not None else None


def _detail(event, why, timeline):
    if why == "unusable":
        return event.unusable
    if why == "other_system" and timeline is not None and timeline.entry(event):
        return "; ".join(timeline.entry(event)["words"])
    if event.slab is not None and event.slab.cache:
        return "cache %s" % event.slab.cache
    return None


@rule(AllocFailures, optional=[FailureTimeline], links=links(("kernel_source", [KERNEL_SOURCE_PAGE_ALLOC])),
      tags=["memory"])
def report(failures, timeline=None):
    found = [(e, why) for e in failures.events for why in [why_unjudged(e, timeline)] if why]
    if not found:
        return None
    listed = [{"kind": e.kind, "source": e.source, "line": e.line, "when": _when(e), "comm": e.comm,
               "order": e.order, "gfp_mask": e.gfp_mask, "context": e.context, "why": why,
               "detail": _detail(e, why, timeline)} for e, why in found[:MAX_LISTED]]
    return make_info(ERROR_KEY, count=len(found), why=dict(Counter(why for _, why in found).most_common()),
                     reports=listed)
