"""
KSWAPD_WAKES_LATE - raise vm.watermark_scale_factor, the knob for bursts
========================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures`,
:class:`pagealloc.parsers.vmstat.VmStat` and, when collected,
:class:`pagealloc.combiners.memory_picture.MemoryPicture`.

Fires when atomic page allocation failures were logged, /proc/vmstat shows
direct reclaim (``allocstall*`` > 0) and kswapd woken again right after it
reached the ``low`` watermark (``kswapd_low_wmark_hit_quickly`` > 0), and the
kernel has ``vm.watermark_scale_factor`` (4.6+; not RHEL 7): kswapd starts too
late for the bursts, and widening its gap
(:mod:`pagealloc.knowledge.reclaim_pressure`) is the cure that a larger
``vm.min_free_kbytes`` only approximates by reserving memory below ``min``.
The counters are cumulative since boot (one snapshot): they prove that direct
reclaim happened, not when.

Details: ``failures`` (summary), ``reclaim`` (``allocstall``,
``allocstall_counters``, ``kswapd_low_wmark_hit_quickly``,
``kswapd_high_wmark_hit_quickly``, ``pageoutrun``, ``pgscan_direct``,
``kswapd_wakes_late``), ``advice`` (``current``, ``current_read``,
``proposed``, ``capped``, ``target_gap_kb``, ``gap_now_kb``,
``gap_proposed_kb``, ``runtime_command``, ``kernel``, ``source``).
"""

from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.knowledge import event_verdicts
from pagealloc.knowledge.failure_summary import is_page_allocation_failure, summarize_failures
from pagealloc.knowledge.reclaim_pressure import reclaim_evidence, scale_factor_advice
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.parsers.vmstat import VmStat
from pagealloc.words import with_counted

ERROR_KEY = "KSWAPD_WAKES_LATE"
KERNEL_DOCS_WATERMARK_SCALE_FACTOR = "https://docs.kernel.org/admin-guide/sysctl/vm.html#watermark-scale-factor"
COMMIT_795AE7A0DE6B = ("https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/"
                       "?id=795ae7a0de6b834a0cc202aa55c190ef81496665")

CONTENT = with_counted("""kswapd wakes too late ({{ counted(reclaim.allocstall, "direct reclaim stall") }} since boot) beside {{ counted(failures.count, "atomic page allocation failure") }}.
Raise vm.watermark_scale_factor from {{ advice.current }} to {{ advice.proposed }}: {{ advice.runtime_command }}.""")

LINKS = links(("kernel_docs", [KERNEL_DOCS_WATERMARK_SCALE_FACTOR, KERNEL_DOCS_MIN_FREE_KBYTES]),
              ("kernel_commit", [COMMIT_795AE7A0DE6B]))


@rule(AllocFailures, VmStat, optional=[MemoryPicture, FailureTimeline], links=LINKS, tags=["memory", "sysctl"])
def report(failures, vmstat, picture, timeline=None):
    # Only this host's reports: /proc/vmstat describes this host (the timeline sets others aside).
    events = [e for e in event_verdicts.host_events(failures.events, timeline)
              if is_page_allocation_failure(e) and e.atomic is True]
    if not events:
        return None
    evidence = reclaim_evidence(vmstat)
    release = (picture.identity.kernel_release if picture is not None else None) or \
        next((e.kernel for e in events if e.kernel), None)
    reserve = picture.reserve if picture is not None else None
    mem_total = picture.memory.mem_total.value if picture is not None else None
    min_free = reserve.current.value if reserve is not None else None
    current = reserve.watermark_scale_factor.value if reserve is not None else None
    # The gap to reach: the reserve being protected (kswapd starts a reserve's worth above min).
    target = max(min_free or 0, (reserve.default.value or 0) if reserve is not None else 0)
    advice = scale_factor_advice(release, evidence, current, mem_total, min_free, target)
    if not advice["applicable"]:
        return None
    return make_fail(ERROR_KEY, failures=summarize_failures(events), reclaim=evidence, advice=advice)
