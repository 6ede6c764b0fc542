"""
Reclaim pressure - does kswapd wake too late? (the vm.watermark_scale_factor question)
=====================================================================================

A larger ``vm.min_free_kbytes`` raises every watermark; when the problem is
that kswapd starts reclaiming too late for the allocation bursts (it wakes at
``low`` and sleeps at ``high``), the knob made for it is
``vm.watermark_scale_factor`` (4.6+, commit 795ae7a0de6b "mm: scale kswapd
watermarks in proportion to memory", Johannes Weiner): it widens the gaps
min -> low -> high to ``managed x factor / 10000`` per zone
(``__setup_per_zone_wmarks()``, mm/page_alloc.c: ``max(min/4, managed * factor
/ 10000)``) without reserving more memory below ``min``.  Its commit message:
keeping a 250 MB kswapd gap on a large host otherwise takes a 1 GB reserve.

Evidence in /proc/vmstat (cumulative since boot; names from mm/vmstat.c
``vmstat_text[]``, include/linux/vm_event_item.h):

* direct reclaim: ``allocstall`` (up to 4.7), ``allocstall_<zone>`` (4.8+):
  allocations that had to reclaim themselves because kswapd had not kept
  ``low`` free;
* ``kswapd_low_wmark_hit_quickly`` (2.6.31+; mm/vmscan.c ``kswapd_try_to_sleep()``):
  kswapd went to sleep and was woken again before its short nap ended - free
  memory fell back below ``low`` at once.

Both growing mean kswapd's gap is too small for the burst: raise
``watermark_scale_factor`` (default 10 = 0.1%; vm.rst: maximum 1000 = 10%,
3000 from 6.x; Oracle OLED memstate warns above 100).

Examples:
    >>> e = reclaim_evidence({"allocstall_normal": 4410, "allocstall_movable": 1203,
    ...                       "kswapd_low_wmark_hit_quickly": 3821, "pageoutrun": 19022})
    >>> e["allocstall"], e["kswapd_low_wmark_hit_quickly"], e["kswapd_wakes_late"]
    (5613, 3821, True)
    >>> a = scale_factor_advice("5.14.0-427.el9.x86_64", e, current_factor=10, mem_total_kb=16 * 1024 * 1024,
    ...                         min_free_kb=67584, target_gap_kb=135168)
    >>> a["applicable"], a["proposed"], a["gap_now_kb"], a["gap_proposed_kb"]
    (True, 81, 16896, 135895)
"""

import math

from pagealloc.knowledge.kernel_release import KernelRelease

SCALE_FACTOR_FROM = (4, 6)          # commit 795ae7a0de6b (4.6); RHEL 7 (3.10) has no such sysctl
SCALE_FACTOR_BACKPORTS = (".el8", ".el9", ".el10")   # RHEL 8 (4.18) and later carry it (>= 4.6 anyway)
DEFAULT_SCALE_FACTOR = 10           # Documentation/admin-guide/sysctl/vm.rst watermark_scale_factor
SCALE_FACTOR_DIVISOR = 10000        # "units of fractions of 10,000"
# vm.rst: "The maximum value is 1000, or 10% of memory" (4.6-5.x); 3000 (30%) from 6.0
# (commit "mm: increase watermark_scale_factor's upper limit").  Proposals stop at Oracle OLED
# memstate's warning threshold (tools/memstate/memstate_lib/constants.py WSF_THRESHOLD = 100).
ADVICE_CAP = 100
ALLOCSTALL_PREFIX = "allocstall"
LOW_WMARK_HIT_QUICKLY = "kswapd_low_wmark_hit_quickly"


def reclaim_evidence(counters):
    """The reclaim counters that matter, summed over the era's names, and ``kswapd_wakes_late``:
    direct reclaim happened and kswapd was woken again right after reaching ``low``."""
    allocstall = sum(v for k, v in counters.items() if k == ALLOCSTALL_PREFIX or k.startswith(ALLOCSTALL_PREFIX + "_"))
    low_quick = counters.get(LOW_WMARK_HIT_QUICKLY)
    return {
        "allocstall": allocstall,
        "allocstall_counters": sorted(k for k in counters if k.startswith(ALLOCSTALL_PREFIX)),
        "kswapd_low_wmark_hit_quickly": low_quick,
        "kswapd_high_wmark_hit_quickly": counters.get("kswapd_high_wmark_hit_quickly"),
        "pageoutrun": counters.get("pageoutrun"),
        "pgscan_direct": sum(v for k, v in counters.items() if k.startswith("pgscan_direct")) or None,
        "kswapd_wakes_late": bool(allocstall) and bool(low_quick),
    }


def has_scale_factor(release):
    version = KernelRelease.parse(release).version
    return version is not None and (version[:2] >= SCALE_FACTOR_FROM or any(t in release for t in SCALE_FACTOR_BACKPORTS))


def kswapd_gap_kb(min_free_kb, mem_total_kb, factor):
    """The low - min gap summed over zones, ~ max(min_free/4, MemTotal x factor / 10000)."""
    return max((min_free_kb or 0) // 4, mem_total_kb * factor // SCALE_FACTOR_DIVISOR)


def scale_factor_advice(release, evidence, current_factor, mem_total_kb, min_free_kb, target_gap_kb):
    """
    ``{"applicable", "reason", "current", "proposed", "gap_now_kb", "gap_proposed_kb", ...}``: the
    factor whose gap reaches ``target_gap_kb`` (the reserve being protected: kswapd then starts
    reclaiming a reserve's worth above ``min``), at least twice the current one, at most
    :data:`ADVICE_CAP`.
    """
    current = current_factor if current_factor is not None else DEFAULT_SCALE_FACTOR
    base = {"current": current, "current_read": current_factor is not None, "kernel": release,
            "source": "commit 795ae7a0de6b (4.6), Documentation/admin-guide/sysctl/vm.rst watermark_scale_factor"}
    if not has_scale_factor(release) and current_factor is None:
        return dict(base, applicable=False, reason="no_watermark_scale_factor_before_4.6")
    if not evidence["kswapd_wakes_late"]:
        return dict(base, applicable=False, reason="no_direct_reclaim_with_early_kswapd_wakeups")
    if not mem_total_kb:
        return dict(base, applicable=False, reason="memtotal_unknown")
    wanted = math.ceil(target_gap_kb * SCALE_FACTOR_DIVISOR / mem_total_kb)
    proposed = min(max(wanted, 2 * current), ADVICE_CAP)
    if proposed <= current:
        return dict(base, applicable=False, reason="already_at_or_above_the_advice_cap")
    return dict(base, applicable=True, reason="kswapd_wakes_late", proposed=proposed, capped=wanted > ADVICE_CAP,
                target_gap_kb=target_gap_kb, gap_now_kb=kswapd_gap_kb(min_free_kb, mem_total_kb, current),
                gap_proposed_kb=kswapd_gap_kb(min_free_kb, mem_total_kb, proposed),
                runtime_command="sysctl -w vm.watermark_scale_factor=%d" % proposed)
