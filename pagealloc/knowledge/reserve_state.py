"""
Reserve state - vm.min_free_kbytes against the kernel default, for the rules
===========================================================================

Reads the memory picture's typed parts (``picture.reserve``, ``.memory``,
``.persisted``: docs/memory-picture.md) without reshaping them.  For a rule
that brings failure events, what was not collected is taken from the failure
reports (:mod:`pagealloc.knowledge.report_reserve`): the runtime value as the
sum of the lowmem zones' ``min`` marks, MemTotal as the sum of the zones (the
default from the reports' zone sizes is the picture's own fallback).  Returns
a :class:`ReserveState` of :class:`pagealloc.knowledge.fact.Fact` figures,
whether the value is "at or near" the default
(:func:`pagealloc.knowledge.recommendation.is_near_kernel_default`), and the
confidence codes that follow from where each figure came from; the rules'
``min_free_kbytes`` details block is made from it by
:func:`pagealloc.combiners.picture_json.reserve_details`.

Examples:
    >>> state = reserve_state(None)                 # no picture, no failure report: nothing known
    >>> state.current.known, state.near_default, state.missing_inputs
    (False, None, ['meminfo', 'zoneinfo', 'min_free_kbytes', 'sysctl files'])
    >>> confidence(["default_computed", "current_read", "zone_below_min_in_report"])
    {'level': 'high', 'reasons': ['default_computed', 'current_read', 'zone_below_min_in_report']}
    >>> confidence(["default_estimated", "current_read", "zone_below_min_in_report"])["level"]
    'medium'
    >>> confidence(["default_estimated_from_report", "current_estimated_from_report",
    ...             "zone_below_min_in_report"])["level"]
    'low'
"""

from dataclasses import dataclass
from typing import Optional

from pagealloc.knowledge import report_reserve
from pagealloc.knowledge.fact import ESTIMATED, UNKNOWN, Fact
from pagealloc.knowledge.recommendation import DEFAULT_POLICY, is_near_kernel_default, near_default_limit_kb
from pagealloc.knowledge.sysctl_resolution import Resolution

#: What a missing memory picture means: none of its inputs were collected.
PICTURE_INPUTS = ("meminfo", "zoneinfo", "min_free_kbytes", "sysctl files")
REPORT_SOURCE = report_reserve.SOURCE

# Reasons that lower confidence (one -> medium, two or more -> low).
WEAK_REASONS = frozenset({
    "default_estimated", "default_estimated_from_report", "current_estimated_from_report",
    "near_default_only_if_thp_on",
    "no_zone_evidence", "zones_not_below_min_in_report", "persisted_config_unknown", "reports_truncated",
    "watermark_margin_inconclusive",  # (a zone above its floor within the margin: rules/min_free_kbytes_low_atomic_rx)
})


def error_above_default_kb(default, basis):
    """How far above ``default`` the kernel's value may lie: the top of the basis's ``range`` when
    it has one (a THP-assumed default is already the top: THP off only lowers it), else the
    symmetric ``error_kb``.

    >>> error_above_default_kb(67584, {"error_kb": 35212, "range": [32372, 67584]})
    0
    >>> error_above_default_kb(2026, {"error_kb": 125, "range": [2004, 2151]}), error_above_default_kb(2038, {})
    (125, 0)
    """
    span = basis.get("range")
    if span and len(span) == 2 and span[1] is not None:
        return max(span[1] - default, 0)
    return basis.get("error_kb") or 0


@dataclass(frozen=True, slots=True)
class ReserveState:
    """
    The reserve as a rule sees it.  ``current``: read, or estimated from a failure
    report (``input`` :data:`REPORT_SOURCE`); ``estimate``: that report estimate when
    ``current`` is one, else None; ``default``: computed or estimated, its ``basis``
    the kernel_default dict; ``ratio``: current / default, unrounded; ``near_default``
    (None when unknown) with its ``near_default_limit_kb`` and, when THP is assumed,
    ``near_default_if_thp_off``; ``mem_total``: read or estimated; ``persisted``: the
    persisted configuration (a typed ``Resolution``), None when no sysctl file was collected.
    """

    current: Fact
    estimate: Optional[Fact]
    default: Fact
    ratio: Optional[float]
    near_default: Optional[bool]
    near_default_limit_kb: Optional[int]
    near_default_if_thp_off: Optional[bool]
    mem_total: Fact
    persisted: Optional[Resolution]
    missing_inputs: list

    @property
    def default_basis(self):
        return self.default.basis or {}


def ratio(current_kb, default_kb):
    """current / default, unrounded (each output rounds it), or None when either is unknown.

    >>> ratio(3789, 4096), ratio(None, 4096), ratio(2038, 0)
    (0.925048828125, None, None)
    """
    return current_kb / default_kb if current_kb is not None and default_kb else None


def _picture_figures(picture):
    """(current, estimate, default, mem_total, mem_total_from_report, persisted, missing) of a picture."""
    reserve, persisted = picture.reserve, picture.persisted
    return (reserve.current, reserve.estimate_from_report, reserve.default, picture.memory.mem_total,
            reserve.mem_total_from_report, persisted.resolution if persisted.files_collected else None,
            list(picture.missing_inputs))


def _report_figures(events):
    """The same figures when there is no picture: what the failure reports prove, everything missing."""
    report = report_reserve.best_report(events) if events else None
    found = (report_reserve.reserve_from_report(report) if report is not None else None) or {}
    estimate = Fact(found["current"]["value"], ESTIMATED, REPORT_SOURCE, found["current"]) \
        if found.get("current") else None
    total = found.get("mem_total_kb")
    default = found.get("default")
    return (UNKNOWN, estimate, Fact(default["value"], default.get("basis"), REPORT_SOURCE, default)
            if default is not None else Fact(basis={}),
            UNKNOWN, Fact(total["value"], ESTIMATED, REPORT_SOURCE, total) if total else None, None,
            list(PICTURE_INPUTS))


def _nearness(current, default, policy):
    """(near_default, near_default_limit_kb, near_default_if_thp_off); all None when either is unknown."""
    if current.value is None or not default.value:
        return None, None, None
    basis = default.basis or {}
    above = error_above_default_kb(default.value, basis)
    near_if_thp_off = None
    thp = basis.get("thp") or {}
    if thp.get("assumed") and basis.get("base_kb"):
        # THP state unknown: would the value still be "the default" if THP were off?
        near_if_thp_off = is_near_kernel_default(current.value, basis["base_kb"], 0, policy)
    return (is_near_kernel_default(current.value, default.value, above, policy),
            near_default_limit_kb(default.value, above, policy), near_if_thp_off)


def reserve_state(picture, events=(), policy=DEFAULT_POLICY):
    """
    The :class:`ReserveState` of a memory picture (None: not collected).  Only with
    ``events`` (a rule about failures) do the reports stand in for the runtime value
    and MemTotal; without a picture they also give the default.
    """
    if picture is not None:
        current, estimate, default, mem_total, total, persisted, missing = _picture_figures(picture)
    else:
        current, estimate, default, mem_total, total, persisted, missing = _report_figures(events)
    if not events or current.known or estimate is None:
        estimate = None  # the report's figure counts only for a rule about failures, and only in place of one read
    else:
        current = Fact(estimate.value, ESTIMATED, REPORT_SOURCE, estimate.basis)
    if events and not mem_total.known and total is not None:
        mem_total = total
    return ReserveState(current, estimate, default, ratio(current.value, default.value),
                        *_nearness(current, default, policy), mem_total, persisted, missing)


def confidence_reasons(state, evidence, events):
    """Why the verdict is as sure as it is: where each figure came from, what the reports show."""
    basis = state.default_basis
    reasons = ["default_computed" if basis.get("basis") == "computed" else
               "default_estimated_from_report" if basis.get("source") == REPORT_SOURCE else "default_estimated"]
    reasons.append("current_estimated_from_report" if state.estimate is not None else "current_read")
    if not evidence:
        reasons.append("no_zone_evidence")
    elif any(z["below_min"] for ev in evidence for z in ev["zones"]):
        reasons.append("zone_below_min_in_report")
    else:
        reasons.append("zones_not_below_min_in_report")
    if state.near_default and state.near_default_if_thp_off is False:
        # Between the THP-off and the THP-on default: raised if THP was off, lowered if it was on.
        reasons.append("near_default_only_if_thp_on")
    if state.mem_total.input == REPORT_SOURCE:
        reasons.append("mem_total_estimated_from_report")  # only bounds the recommendation
    if state.persisted is None:
        reasons.append("persisted_config_unknown")
    if any(e.truncated for e in events):
        reasons.append("reports_truncated")
    return reasons


def confidence(reasons):
    weak = sum(1 for r in reasons if r in WEAK_REASONS)
    return {"level": "high" if weak == 0 else "medium" if weak == 1 else "low", "reasons": list(reasons)}
