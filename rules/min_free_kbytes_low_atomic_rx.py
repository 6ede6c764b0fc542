"""
MIN_FREE_KBYTES_LOW_ATOMIC_RX - order-0 atomic failures with the reserve at its default
======================================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures` (the failure
reports of every kernel log) and, when collected,
:class:`pagealloc.combiners.memory_picture.MemoryPicture` and
:class:`pagealloc.combiners.rx_evidence.RxEvidence` (receive failures counted
but never printed: cited in ``failures.silent``, they confirm the exhaustion
the reports may not show; when none was collected, ``collect_next`` names the
commands that count them, :mod:`pagealloc.knowledge.collect_next`).

Fires when at least one "page allocation failure" is order 0 and atomic and
may use the reserve below min: in the network receive path, or with its trace
lost (docs/rules.md "Why the main rule takes every order-0 atomic failure that
may use the reserve"; reports on another path with ``__GFP_HIGH`` are judged
with them, and alone by MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH, so that this key
always names a receive failure or one that may be) while the runtime
``vm.min_free_kbytes`` is at, below, or within max(error bound, 10%) above the
kernel's default for this host.  The recommendation comes from
:mod:`pagealloc.knowledge.recommendation` (configurable through the rule's
insights-core metadata ``recommendation_policy``), the remediation from
:mod:`pagealloc.knowledge.remediation`.

Responses (details keys documented in docs/rules.md):

* ``make_fail`` MIN_FREE_KBYTES_LOW_ATOMIC_RX: failures, evidence,
  min_free_kbytes, recommendation, remediation, confidence, missing_inputs.
  Also when neither the running value nor the default is known but a failure
  is on the receive path (a pasted header and trace): ``assumption``
  current_is_kernel_default, confidence "low" (``reserve_assumed_default``), the
  value from whatever gives the memory size (None without), and a remediation
  whose ``guarded_commands`` check on the host that nothing sets the key at boot
  before they write (:func:`pagealloc.knowledge.remediation.guarded_block`).
* ``make_pass`` MIN_FREE_KBYTES_OK: no such failure in the logs read (``reason``
  no_order0_atomic_rx_failures); never when the receive counters show failures
  nothing printed (SILENT_RX_ALLOC_FAILURES).
* ``make_info`` MIN_FREE_KBYTES_RAISED_STILL_FAILING: such failures of this host
  while its reserve is already raised above the default (``reason``
  already_raised): ``ran_with_kb`` tells whether they ran on the raised value
  (a default-sized reserve does not explain them) or before the raise (then
  the persistence result says whether the fix holds).  A finding, not a
  pass: a report found is never answered "fine".
* ``make_info`` MIN_FREE_KBYTES_FIX_IN_PLACE: the only such failures ran under
  a reserve that the running and the persisted value now both exceed
  (:mod:`pagealloc.knowledge.event_verdicts`): which value failed, which runs
  now, what to watch for.
* ``make_info`` FAILURES_NOT_FROM_THIS_SYSTEM: the only such failures come
  from another host or memory size (``set_aside`` lists them with the
  reasons); they are never judged with this host's reserve.
* ``make_info`` MIN_FREE_KBYTES_AT_POLICY_LIMIT: such failures, but the
  default is already at the policy's share of memory: nothing safe to raise.
* ``make_info`` RESERVE_NOT_SHOWN_EXHAUSTED: such failures, but the replay of the
  kernel's watermark test on the reports' numbers
  (:mod:`pagealloc.knowledge.watermark_replay`) says a larger reserve would not
  have helped (``replay.verdict`` other_cause, zone_restricted, fragmentation,
  reserve_exhausted with ``cannot_help``) or cannot tell (inconclusive margin).
  Reports without zone lines cannot be replayed: the rule then decides as
  before, with the confidence reason ``watermark_replay_unavailable``; reports inside their
  reserve, open only by the drift or refill margin, decide as exhausted with
  ``watermark_margin_inconclusive`` (:func:`pagealloc.knowledge.watermark_replay.in_reserve_within_margin`).
* ``make_info`` INSUFFICIENT_DATA: such failures, none on the receive path, but
  the runtime value or the kernel default is unknown even from the reports (no
  zone lines: a pre-filtered log) (``reason`` "reserve_unknown"); or order-0 atomic
  failures without ``__GFP_HIGH`` whose reports lost their call trace, so
  that nobody can tell what they were (``reason`` "call_path_unknown"; with
  ``__GFP_HIGH`` they are judged like the others, one confidence level lower)
  (``missing_inputs`` names what to collect;
  ``provisional_recommendation`` is the policy's value if the known reserve
  were the default, with ``assumption: current_is_kernel_default``); or the
  failures were printed by a 2.4 kernel (``reason`` "kernel_2_4": 2.4 has no
  vm.min_free_kbytes, its zone reserves are sized at boot; nothing recommended).

A dominant holder at failure time (:func:`pagealloc.knowledge.memory_holders.dominant_holder`:
one holder or allocation site with half of RAM or more in the report's own Mem-Info, not
anonymous memory) comes first: the rule still fires (the reserve did run out), but
``holder_first`` names the holder, the confidence reason ``memory_held_by_one_holder`` caps the
level at "low", and the text says to find what holds the memory before raising the reserve.

From a plain log (no runtime value, no /proc/zoneinfo) the verdict still
comes: the failure report's Mem-Info gives the reserve at failure time and
the default (:mod:`pagealloc.knowledge.report_reserve`), and ``confidence``
says so (``current_estimated_from_report``, ``default_estimated_from_report``).
"""

from dataclasses import dataclass

from insights.core import dr
from insights.core.plugins import make_fail, make_info, make_pass, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.combiners.kernel_logs_read import KernelLogsRead
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.picture_json import nic_json, reserve_details
from pagealloc.combiners.rx_evidence import RxEvidence
from pagealloc.knowledge import event_verdicts, report_reserve
from pagealloc.knowledge.collect_next import collect_next_commands, decide_reserve_commands
from pagealloc.knowledge.failure_summary import (
    NETWORK_RX,
    UNKNOWN_PATH,
    events_evidence,
    is_order0_atomic_reserve_other_path,
    is_order0_atomic_rx,
    is_order0_atomic_unknown_path,
    may_use_reserve_below_min,
    summarize_failures,
)
from pagealloc.knowledge.memory_holders import dominant_holder
from pagealloc.knowledge.published_guidance import guidance_block
from pagealloc.knowledge.recommendation import is_too_high, policy_from_metadata, recommended_min_free_kbytes
from pagealloc.knowledge.references import RESERVE_LINKS
from pagealloc.knowledge.remediation import (
    ASSUMPTION,
    build_assumed_remediation,
    build_remediation,
    policy_fields,
)
from pagealloc.knowledge.reserve_state import ReserveState, confidence, confidence_reasons, reserve_state
from pagealloc.knowledge.watermark_replay import host_cpus, replay_events, replay_reasons, reserve_may_help
from pagealloc.words import with_counted

ERROR_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_RX"
OK_KEY = "MIN_FREE_KBYTES_OK"
AT_LIMIT_KEY = "MIN_FREE_KBYTES_AT_POLICY_LIMIT"
INSUFFICIENT_DATA_KEY = "INSUFFICIENT_DATA"
NOT_EXHAUSTED_KEY = "RESERVE_NOT_SHOWN_EXHAUSTED"
RAISED_KEY = "MIN_FREE_KBYTES_RAISED_STILL_FAILING"
FIX_IN_PLACE_KEY = "MIN_FREE_KBYTES_FIX_IN_PLACE"
FOREIGN_KEY = "FAILURES_NOT_FROM_THIS_SYSTEM"
# 2.4 kernels (their message is __alloc_pages()'s "N-order allocation failed", gfp era "2.4") have no
# vm.min_free_kbytes: 2.4 mm/page_alloc.c free_area_init_core() sizes each zone's pages_min from the
# zone (realsize / zone_balance_ratio, clamped to 20..255 pages; low = 2 x min, high = 3 x min), set
# only by the memfrac= boot parameter (setup_mem_frac()).  No sysctl value is recommended for them.
KERNEL_2_4 = "kernel_2_4"
GFP_ERA_2_4 = "2.4"
# What to collect when the reports lost their call trace (insights-client filters, a cut paste).
FULL_REPORTS_INPUT = "complete failure reports (call trace) in an unfiltered kernel log"

# insights-run's short form (the full words are render's: pagealloc.render.findings).
_FAILURES = """{{ counted(failures.count, "order-0 atomic page allocation failure") }} in
{%- if reason == "call_path_unknown" %} an unknown call path ({{ "the report lost its" if failures.count == 1 else "the reports lost their" }} call trace)
{%- elif failures.contexts == ["network-rx"] %} the network receive path
{%- elif "network-rx" in failures.contexts %} the network receive path and {{ failures.contexts|reject("equalto", "network-rx")|join("/") }} code
{%- elif failures.contexts == ["unknown"] %} a call path {{ "the report does not show (its" if failures.count == 1 else "the reports do not show (their" }} call trace was lost)
{%- else %} {{ failures.contexts|join("/") }} code, not the network receive path{% endif %}
{%- if failures.suppressed %} (+{{ failures.suppressed }} suppressed by the rate limit){% endif %}
{%- if failures.drivers %}, driver {{ failures.drivers|join(", ") }}{% endif %}"""

CONTENT = {key: with_counted(template) for key, template in {
    ERROR_KEY: _FAILURES + """
{%- if failures.silent and failures.silent.total %} (and {{ failures.silent.total }} never printed, counted since boot){% endif %}
{%- if assumption %}, with vm.min_free_kbytes not in the input (assumed the kernel default{% if min_free_kbytes.current is not none %}: about {{ min_free_kbytes.current }} kB in the reports{% endif %}).
{%- else %}, with vm.min_free_kbytes at the kernel default ({% if min_free_kbytes.current_estimate %}about {% endif %}{{ min_free_kbytes.current }} kB).{% endif %}
{%- if holder_first %}
First: {{ holder_first.name }} held {{ holder_first.kb }} kB ({{ (holder_first.share * 100)|round|int }}% of {{ holder_first.ram_kb }} kB RAM) at failure time: find what holds it.
{%- endif %}
{%- if assumption %}
Raise it to {% if recommendation.value is not none %}{{ recommendation.value }} kB{% else %}{{ "%g"|format(recommendation.policy.multiplier) }} times its value (the policy's value, computed on the host){% endif %} unless something sets it at boot: the remediation's guarded commands check that first, then persist it in {{ remediation.sysctl_d_file.path }} (confidence {{ confidence.level }}).
{%- else %}
Raise it to {{ recommendation.value }} kB: {{ remediation.runtime_command }}, persisted in {{ remediation.sysctl_d_file.path }} (confidence {{ confidence.level }}).{% endif %}""",
    OK_KEY: """vm.min_free_kbytes is {{ min_free_kbytes.current }} kB (default {{ min_free_kbytes.default }} kB): no order-0 atomic failure the reserve answers for in {{ sources|join(", ") }}.""",
    RAISED_KEY: _FAILURES + """, with vm.min_free_kbytes already raised to {{ min_free_kbytes.current }} kB (default {{ min_free_kbytes.default }} kB)
{%- if ran_with_kb and min_free_kbytes.current and ran_with_kb < min_free_kbytes.current %}: they ran with about {{ ran_with_kb }} kB, before the raise.
{%- else %}: a default-sized reserve does not explain them.{% endif %}""",
    AT_LIMIT_KEY: _FAILURES + """, but vm.min_free_kbytes ({{ min_free_kbytes.current }} kB, the kernel default) is already {{ recommendation.percent_of_memtotal }}% of MemTotal.
Look at the driver's receive ring instead of raising it.""",
    NOT_EXHAUSTED_KEY: _FAILURES + """.
Replaying the kernel's watermark test on the reports, a larger vm.min_free_kbytes would not have helped ({{ replay.verdict }}).""",
    FIX_IN_PLACE_KEY: """{{ counted(failures.count, "order-0 atomic " ~ ("receive " if "network-rx" in failures.contexts else "") ~ "failure") }} ran with vm.min_free_kbytes at about {{ failed_with_range_kb|join("-") }} kB.
It is now {{ running_kb }} kB running and {{ persisted_kb }} kB persisted ({{ persisted_file }}): the fix is in place.""",
    FOREIGN_KEY: """{% set total = set_aside_total or set_aside|length %}{{ counted(total, "order-0 atomic failure report") }} found, none from the system analysed.
Analyse {{ "it with its" if total == 1 else "them with their" }} own host's sosreport.""",
    INSUFFICIENT_DATA_KEY: _FAILURES + """.
{%- if reason == "kernel_2_4" %}
A 2.4 kernel printed them: it has no vm.min_free_kbytes (its zone reserves are sized at boot, memfrac=), so no value is recommended.
{%- else %}
Whether vm.min_free_kbytes is at the kernel default cannot be decided: not collected: {{ missing_inputs|join(", ") }}.
{%- if provisional_recommendation %} If the reserve of about {{ min_free_kbytes.current }} kB is the kernel default, raise it to {{ provisional_recommendation.value }} kB.{% endif %}
{%- if decide_commands %}
On the host, {{ decide_commands[0].command }} gives the running value: it is the kernel default when no sysctl file, TuneD profile or boot parameter sets it.{% endif %}
{%- endif %}""",
}.items()}


def provisional_recommendation(state, policy):
    """
    Without the kernel default, what the policy would say *if* the known
    reserve (runtime, or the report's zone min marks) were that default -
    labelled with the assumption; None when no reserve is known either.
    """
    current = state.current.value
    if current is None:
        return None
    rec = recommended_min_free_kbytes(current, state.mem_total.value, current, policy).to_dict()
    rec["assumption"] = "current_is_kernel_default"
    return rec


def undecided_details(state, policy):
    """What every INSUFFICIENT_DATA about the reserve adds: the provisional value (or, with no reserve known,
    the policy that would give it from the running value) and the commands that decide it on the host."""
    provisional = provisional_recommendation(state, policy)
    return {"provisional_recommendation": provisional,
            "provisional_policy": None if provisional else {
                "multiplier": policy.default_multiplier, "round_to_kb": policy.round_to_kb,
                "large_host_mem_kb": policy.large_host_mem_kb, "large_host_floor_kb": policy.large_host_floor_kb,
                "max_percent_of_memtotal": policy.max_percent_of_memtotal,
                "assumption": "current_is_kernel_default"},
            "decide_commands": decide_reserve_commands()}


@dataclass(frozen=True)
class Case:
    """What every answer of the rule reads: the logs' failures, this host's picture and reserve, the policy."""

    failures: object
    picture: object
    timeline: object
    state: ReserveState
    policy: object
    rx: object = None  # RxEvidence: the counters of receive failures never printed (SILENT_RX_ALLOC_FAILURES)

    @property
    def block(self):
        return reserve_details(self.state)

    @property
    def sources(self):
        return list(self.failures.sources)

    def summary(self, events):
        summary = summarize_failures(events)
        picture = self.picture
        summary["kernel"] = summary["kernel"] or (picture.identity.kernel_release if picture is not None else None)
        # All reports of every kind, including any beyond AllocFailures' bound: "count" is a lower bound then.
        summary["total_reports"] = self.failures.total_reports
        return summary


def _guidance(case, value_kb, release, events, replay):
    """Published guidance beside the value, and per-node floors on the first exhausted report."""
    exhausted = next((i for i, r in enumerate(replay["reports"]) if r["verdict"] == "reserve_exhausted"), None)
    state, picture = case.state, case.picture
    return guidance_block(value_kb, state.current.value, state.default.value, state.mem_total.value, release,
                          events[exhausted] if exhausted is not None else None,
                          replay["reports"][exhausted] if exhausted is not None else None,
                          nics=[nic_json(n) for n in picture.nic_rx.nics] if picture is not None else None)


def without_rx_failures(case, undecided, fixed, foreign, logs_read):
    """No order-0 atomic failure of this host that the reserve answers for: say why (or nothing, when nothing
    was read)."""
    state, block = case.state, case.block
    if undecided:
        # Never "no receive failure" when the reports that could be ones lost their trace.
        aside = {"set_aside": event_verdicts.listed(foreign, case.timeline)} if foreign else {}
        return make_info(INSUFFICIENT_DATA_KEY, reason="call_path_unknown",
                         failures=case.summary(undecided), min_free_kbytes=block,
                         **undecided_details(state, case.policy), missing_inputs=state.missing_inputs + [FULL_REPORTS_INPUT], **aside)
    if fixed:
        return make_info(FIX_IN_PLACE_KEY, **event_verdicts.fix_in_place_details(fixed, case.timeline,
                                                                                  case.failures.sources))
    if foreign:
        return make_info(FOREIGN_KEY, set_aside=event_verdicts.listed(foreign, case.timeline),
                         set_aside_total=len(foreign), sources=case.sources, min_free_kbytes=block, missing_inputs=state.missing_inputs)
    if logs_read is not None and not logs_read.read_any:
        return None  # nothing read is not "nothing found": rules/kernel_log_unread.py says so
    current = state.current.value
    if current is None or is_too_high(current, state.mem_total.value, case.policy):
        return None  # nothing to vouch for (MIN_FREE_KBYTES_TOO_HIGH speaks for the latter)
    if case.rx is not None and case.rx.memory_evidence:
        return None  # the counters show receive failures nothing printed: never "OK" beside them
    return make_pass(OK_KEY, reason="no_order0_atomic_rx_failures", sources=case.sources,
                     min_free_kbytes=block, missing_inputs=state.missing_inputs)


def with_rx_failures(case, events, foreign):
    """This host's order-0 atomic failures the reserve answers for (receive, another path with __GFP_HIGH, path
    unknown), judged against its reserve and the replay."""
    state, block, summary = case.state, case.block, case.summary(events)
    # Every answer lists the reports of other systems it set aside (absent when none: outputs unchanged).
    aside = {"set_aside": event_verdicts.listed(foreign, case.timeline)} if foreign else {}
    if all(event.gfp_era == GFP_ERA_2_4 for event in events):
        # The line says an order-0 atomic request found every zone at its floor; the knob the other
        # answers name does not exist there (KERNEL_2_4): nothing more is claimed.
        return make_info(INSUFFICIENT_DATA_KEY, reason=KERNEL_2_4, failures=summary, min_free_kbytes=block,
                         missing_inputs=[], **aside)
    picture = case.picture
    cpus = host_cpus(picture.memory.online_cpus if picture is not None else None)
    replay = replay_events(events, cpus)
    may_help = may_help_receive(events, replay, cpus)
    if state.near_default is None:
        if not may_help:
            # The reports' own zone lines show the memory was there (a zone above its floor, CMA, a low
            # zone only): whatever the reserve's size, raising it is not the answer.
            return not_exhausted(case, events, summary, replay, aside)
        if any(e.context == NETWORK_RX for e in events):
            return reserve_assumed_default(case, events, foreign, summary, replay)
        return make_info(INSUFFICIENT_DATA_KEY, reason="reserve_unknown", failures=summary, min_free_kbytes=block,
                         **undecided_details(state, case.policy), missing_inputs=missing_inputs(state, events), **aside)
    if not state.near_default:
        return make_info(RAISED_KEY, reason="already_raised", sources=case.sources, failures=summary,
                         min_free_kbytes=block, missing_inputs=missing_inputs(state, events),
                         ran_with_kb=event_verdicts.recommendation_base(
                             None, event_verdicts.failure_reserves(events, case.timeline)), **aside)
    if not may_help:
        return not_exhausted(case, events, summary, replay, aside)
    base = event_verdicts.recommendation_base(state.default.value,
                                              event_verdicts.failure_reserves(events, case.timeline))
    recommendation = recommended_min_free_kbytes(base, state.mem_total.value, state.current.value, case.policy)
    if recommendation.value_kb <= state.current.value:
        return make_info(AT_LIMIT_KEY, failures=summary, min_free_kbytes=block,
                         recommendation=recommendation.to_dict(), missing_inputs=missing_inputs(state, events), **aside)
    return reserve_too_low(case, events, foreign, summary, replay, base, recommendation)


def may_help_receive(events, replay, cpus):
    """Whether a larger reserve may have helped: the replay of all the reports (reserve_may_help), or, when
    that says no, the replay of the receive failures alone.  Another path's report (a __GFP_HIGH storage request
    a day later, its zones above their floors) shows its own moment: it does not say the receive failures, whose
    numbers are missing or agree, had the memory (a 4.9 Fedora VM: virtio_net's report without zone lines,
    virtio_blk's above its floors)."""
    if reserve_may_help(replay):
        return True
    receive = [event for event in events if is_order0_atomic_rx(event)]
    return 0 < len(receive) < len(events) and reserve_may_help(replay_events(receive, cpus))


def not_exhausted(case, events, summary, replay, aside):
    """RESERVE_NOT_SHOWN_EXHAUSTED: the replay of the reports' zone test says a larger reserve would not
    (or not clearly) have let the allocations succeed."""
    state = case.state
    return make_info(NOT_EXHAUSTED_KEY, failures=summary, replay=replay, min_free_kbytes=case.block,
                     confidence=receive_or_lower(confidence(confidence_reasons(state, events_evidence(events),
                                                                               events)), events),
                     missing_inputs=missing_inputs(state, events), **aside)


def reserve_too_low(case, events, foreign, summary, replay, base, recommendation):
    """The finding: the failures ran on a default-sized reserve and a larger one would have helped."""
    state, evidence = case.state, events_evidence(events)
    reasons = confidence_reasons(state, evidence, events) + replay_reasons(replay)
    silent = silent_counters(case.rx)
    summary = dict(summary, silent=silent)
    release = summary["kernel"]
    confidence = receive_or_lower(event_verdicts.cap_confidence(
        corroborated(reasons, silent), event_verdicts.earlier_reasons(events, case.timeline)), events)
    answer = {"recommendation": dict(recommendation.to_dict(),
                                     base=event_verdicts.base_details(base, state.default.value)),
              "remediation": build_remediation(recommendation.value_kb, state.persisted)}
    return finding(case, events, foreign, summary, evidence, replay, answer,
                   _guidance(case, recommendation.value_kb, release, events, replay), confidence, silent)


def finding(case, events, foreign, summary, evidence, replay, answer, guidance, confidence, silent):
    """make_fail ERROR_KEY: what every finding says around its ``answer`` (the value and the fix: measured, or on
    the assumed default), in one key order (the outputs' order)."""
    holder = dominant_holder(events)
    return make_fail(
        ERROR_KEY,
        failures=summary,
        evidence=evidence,
        min_free_kbytes=case.block,
        **answer,
        replay=replay,
        guidance=guidance,
        confidence=holder_comes_first(confidence, holder),
        set_aside=event_verdicts.listed(foreign, case.timeline),
        missing_inputs=missing_inputs(case.state, events),
        collect_next=collect_next_commands(summary["kernel"], _ifnames(case)) if silent is None else [],
        **({"holder_first": holder} if holder else {}),  # absent otherwise: outputs without one unchanged
    )


ASSUMED_DEFAULT_REASON = "reserve_assumed_default"


def assumed_confidence(state, evidence, events, replay):
    """Always "low": the reasons of the figures that are known (none claims a default or a running value the
    input does not show), then ``reserve_assumed_default``."""
    reasons = [r for r in confidence_reasons(state, evidence, events)
               if not (r.startswith("default_") and state.default.value is None)
               and not (r == "current_read" and state.current.value is None)]
    reasons += replay_reasons(replay)
    return {"level": "low", "reasons": reasons + [ASSUMED_DEFAULT_REASON]}


def reserve_assumed_default(case, events, foreign, summary, replay):
    """
    A receive failure (context network-rx) whose input shows neither the running value nor the kernel
    default: the rule's own signature, and on the vast majority of hosts nothing tuned the reserve.  The
    finding fires on that assumption (``assumption`` current_is_kernel_default, confidence "low"), and the
    remediation checks it on the host before it writes (remediation.guarded_block).  The value comes from
    the default when the memory size gave one, else from the reserve the reports show; with neither it is
    ``None`` and the block computes the policy's value on the host.
    """
    state, evidence, policy = case.state, events_evidence(events), case.policy
    base, mem_total, estimate = state.default.value or state.current.value, state.mem_total.value, None
    if base is None:
        # No zone line, no host state: a report's "N pages RAM" still gives the memory size, and the default from it.
        estimate = report_reserve.default_from_pages_ram(events, summary["kernel"])
        if estimate is not None:
            base, mem_total = estimate["value"], estimate["ram_kb"]
    if base is None:
        value_kb = None
        recommendation = {"value": None, "policy": policy_fields(policy)}
    else:
        # Never at the policy's limit here: a MemTotal (the cap) comes with a default, and then the running
        # value is what is missing; a known running value alone is only doubled.
        found = recommended_min_free_kbytes(base, mem_total, state.current.value, policy)
        value_kb = found.value_kb
        recommendation = dict(found.to_dict(), base=event_verdicts.base_details(base, state.default.value))
        if estimate is not None:
            recommendation["default_from_pages_ram"] = {
                "value": estimate["value"], "range": estimate["range"], "ram_kb": estimate["ram_kb"],
                "source": estimate["source"]}
    recommendation["assumption"] = ASSUMPTION
    silent = silent_counters(case.rx)
    summary = dict(summary, silent=silent)
    answer = {"assumption": ASSUMPTION, "recommendation": recommendation,
              "remediation": build_assumed_remediation(value_kb, policy)}
    guidance = _guidance(case, value_kb, summary["kernel"], events, replay) if value_kb is not None else None
    return finding(case, events, foreign, summary, evidence, replay, answer, guidance,
                   assumed_confidence(state, evidence, events, replay), silent)


# Weak reasons that doubt whether the reserve really ran out; counters that grow only when it ran
# out or was used (PFMemallocDrop, the drivers' rx allocation failures) answer them.
EXHAUSTION_DOUBTS = ("no_zone_evidence", "zones_not_below_min_in_report")


def silent_counters(rx):
    """``{pfmemalloc_drops, nic_failures, nics, total}`` from the receive counters, or None when
    none of them was collected (neither a TcpExt source nor an ``ethtool -S`` with a known counter)."""
    if rx is None or (rx.pfmemalloc_drops is None and not rx.nics):
        return None
    failing = rx.nic_failures
    nic_total = sum(n["total"] for n in failing)
    return {"pfmemalloc_drops": rx.pfmemalloc_drops, "nic_failures": nic_total,
            "nics": [n["name"] for n in failing], "total": (rx.pfmemalloc_drops or 0) + nic_total}


def corroborated(reasons, silent):
    """The confidence of ``reasons``; silent counters above zero answer the doubts about exhaustion
    (listed as ``silent_rx_counters_agree``, the doubts kept in the reasons)."""
    if not silent or not silent["total"]:
        return confidence(reasons)
    level = confidence([r for r in reasons if r not in EXHAUSTION_DOUBTS])["level"]
    return {"level": level, "reasons": list(reasons) + ["silent_rx_counters_agree"]}


HOLDER_FIRST_REASON = "memory_held_by_one_holder"


def holder_comes_first(conf, holder):
    """``conf`` unchanged without a dominant holder; with one, its reason added and the level "low":
    the reserve ran out, but because one holder took most of memory, not because it was too small."""
    if holder is None:
        return conf
    return {"level": "low", "reasons": list(conf["reasons"]) + [HOLDER_FIRST_REASON]}


def _ifnames(case):
    picture = case.picture
    return [n.name for n in picture.nic_rx.nics] if picture is not None else []


@rule(AllocFailures, optional=[MemoryPicture, FailureTimeline, KernelLogsRead, RxEvidence], links=RESERVE_LINKS,
      tags=["memory", "networking", "sysctl"])
def report(failures, picture, timeline=None, logs_read=None, rx=None):
    sorted_out = SortedOut.of(failures, picture, timeline, rx, policy_from_metadata(dr.get_metadata(report)))
    if sorted_out.other_paths_only:
        return None  # MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH judges them: this key stays the receive path's
    if sorted_out.judged:
        return with_rx_failures(sorted_out.case, sorted_out.counted, sorted_out.foreign)
    return without_rx_failures(sorted_out.case, sorted_out.undecided, sorted_out.fixed, sorted_out.foreign, logs_read)


@dataclass(frozen=True)
class SortedOut:
    """This host's order-0 atomic failures the reserve answers for, by role and path, and the case they make."""

    counted: list     # this host's, under its current reserve
    fixed: list       # failed under a reserve raised since (running and persisted): "fix in place"
    foreign: list     # another host or memory size: set aside, never judged
    known: list       # counted, with a call path shown
    undecided: list   # counted, their call trace lost
    case: Case

    @classmethod
    def of(cls, failures, picture, timeline, rx, policy):
        counted, fixed, foreign = event_verdicts.split_by_role(
            [e for e in failures.events if uses_the_atomic_reserve(e)], timeline)
        known = [e for e in counted if e.context != UNKNOWN_PATH]
        undecided = [e for e in counted if e.context == UNKNOWN_PATH]
        case = Case(failures, picture, timeline, reserve_state(picture, known or undecided, policy), policy, rx)
        return cls(counted, fixed, foreign, known, undecided, case)

    @property
    def judged(self):
        """A verdict on the reserve is due: a path shown, or a report without its trace that may use the
        reserve (__GFP_HIGH: it failed because that reserve was empty, whatever its path; judged like the
        others, ``call_path_unknown`` lowering the confidence)."""
        return bool(self.known) or any(may_use_reserve_below_min(e.gfp_mask) for e in self.undecided)

    @property
    def other_paths_only(self):
        """Every such failure shows a path outside network code (a SCSI completion, a socket's
        allocation in process context, a resume from hibernation): rules/min_free_kbytes_low_atomic_other_path.py
        gives the same verdict under its own key, so that MIN_FREE_KBYTES_LOW_ATOMIC_RX always names a receive
        failure or one that may be (with receive reports beside them, or reports whose trace was lost, this rule
        judges them all).  Network code in interrupt context not shown to be receive ("network-other" with
        ``in_interrupt``: an skb allocated under a built-in driver's interrupt that no table names) stays here,
        one confidence level lower: an atomic skb allocation in a network interrupt is receive's (transmit
        completions free buffers, they do not allocate them); a ring filled from ndo_open does not stay."""
        return bool(self.known) and not any(may_be_receive(e) for e in self.known) \
            and not any(may_use_reserve_below_min(e.gfp_mask) for e in self.undecided)


def may_be_receive(event):
    """Receive, or network code in interrupt context that no table showed to be receive."""
    return event.context == NETWORK_RX or (event.context == NETWORK_OTHER and event.in_interrupt is True)


NETWORK_OTHER = "network-other"


def missing_inputs(state, events):
    """What the memory picture lacked, and the complete reports when some lost their call trace."""
    lost = any(e.context == UNKNOWN_PATH for e in events)
    return state.missing_inputs + ([FULL_REPORTS_INPUT] if lost else [])


def uses_the_atomic_reserve(event):
    """An order-0 atomic failure the reserve below min answers for: in the receive path, on another
    path with __GFP_HIGH (``path_not_receive``), or with its path unknown (the trace was lost)."""
    return is_order0_atomic_rx(event) or is_order0_atomic_reserve_other_path(event) \
        or is_order0_atomic_unknown_path(event)


PATH_NOT_RECEIVE = "path_not_receive"
CALL_PATH_UNKNOWN = "call_path_unknown"
LOWER = {"high": "medium", "medium": "low", "low": "low"}


def receive_or_lower(conf, events):
    """``conf`` unchanged when a report is in the receive path; else one level lower, reason
    ``path_not_receive`` (another path shown) or ``call_path_unknown`` (the traces were lost): the
    reserve ran out all the same (__GFP_HIGH, ALLOC_HIGH|ALLOC_HARDER), but the bursts that drain it
    are the receive path's documented case, and this caller's is not shown to be one."""
    if any(e.context == NETWORK_RX for e in events):
        return conf
    shown = any(e.context != UNKNOWN_PATH for e in events)
    return {"level": LOWER[conf["level"]],
            "reasons": list(conf["reasons"]) + [PATH_NOT_RECEIVE if shown else CALL_PATH_UNKNOWN]}
