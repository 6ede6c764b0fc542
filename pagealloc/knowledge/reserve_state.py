"""
Reserve state - vm.min_free_kbytes against the kernel default, for the rules
===========================================================================

Reads the memory picture (``MemoryPicture``, design.md).  For a rule that
brings failure events, what was not collected is taken from the failure
reports (:mod:`pagealloc.knowledge.report_reserve`): the runtime value as the
sum of the lowmem zones' ``min`` marks, MemTotal as the sum of the zones (the
default from the reports' zone sizes is the picture's own fallback).  Returns
the ``min_free_kbytes`` details block the rules share, plus whether the value
is "at or near" the default
(:func:`pagealloc.knowledge.recommendation.is_near_kernel_default`), and the
confidence codes that follow from where each figure came from.

Examples:
    >>> confidence(["default_computed", "current_read", "zone_below_min_in_report"])
    {'level': 'high', 'reasons': ['default_computed', 'current_read', 'zone_below_min_in_report']}
    >>> confidence(["default_estimated", "current_read", "zone_below_min_in_report"])["level"]
    'medium'
    >>> confidence(["default_estimated_from_report", "current_estimated_from_report",
    ...             "zone_below_min_in_report"])["level"]
    'low'
"""

from pagealloc.knowledge import report_reserve
from pagealloc.knowledge.kernel_default import ratio_to_default
from pagealloc.knowledge.recommendation import DEFAULT_POLICY, is_near_kernel_default, near_default_limit_kb

#: What a missing memory picture means: none of its inputs were collected.
PICTURE_INPUTS = ("meminfo", "zoneinfo", "min_free_kbytes", "sysctl files")
SYSCTL_FILES_INPUT = "sysctl files"
REPORT_SOURCE = report_reserve.SOURCE

# Reasons that lower confidence (one -> medium, two or more -> low).
WEAK_REASONS = frozenset({
    "default_estimated", "default_estimated_from_report", "current_estimated_from_report",
    "near_default_only_if_thp_on",
    "no_zone_evidence", "zones_not_below_min_in_report", "persisted_config_unknown", "reports_truncated",
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


def _reserve_from_events(events):
    """What the failure reports prove when there is no picture to say it."""
    report = report_reserve.best_report(events)
    return report_reserve.reserve_from_report(report) if report is not None else None


def reserve_state(picture, events=(), policy=DEFAULT_POLICY):
    """
    The reserve as the rules see it: a dict with ``current``, ``source``,
    ``current_estimate`` (the report's estimate when ``current`` is one, else
    None), ``default``, ``default_basis``, ``ratio``, ``near_default``,
    ``near_default_limit_kb``, ``mem_total_kb``, ``persisted`` (None when
    unknown) and ``missing_inputs``.  Only with ``events`` (a rule about
    failures) do the reports stand in for the runtime value and MemTotal.
    """
    mf = (picture.min_free_kbytes if picture is not None else None) or {}
    missing = list(picture.missing_inputs) if picture is not None else list(PICTURE_INPUTS)
    current, source = mf.get("current"), mf.get("source")
    default, basis = mf.get("default"), mf.get("default_basis") or {}
    mem_total = picture.mem_total_kb if picture is not None else None
    mem_total_source = "/proc/meminfo" if mem_total is not None else None
    estimate = None
    if events:
        if picture is not None:
            estimate = mf.get("current_estimated_from_report")
            total = getattr(picture, "mem_total_estimated_from_report", None)
        else:
            found = _reserve_from_events(events) or {}
            estimate, total = found.get("current"), found.get("mem_total_kb")
            if found.get("default") is not None:
                default, basis = found["default"]["value"], found["default"]
        if current is None and estimate is not None:
            current, source = estimate["value"], REPORT_SOURCE
        else:
            estimate = None
        if mem_total is None and total is not None:
            mem_total, mem_total_source = total["value"], REPORT_SOURCE
    near = limit = near_if_thp_off = None
    if current is not None and default:
        above = error_above_default_kb(default, basis)
        limit = near_default_limit_kb(default, above, policy)
        near = is_near_kernel_default(current, default, above, policy)
        thp = basis.get("thp") or {}
        if thp.get("assumed") and basis.get("base_kb"):
            # THP state unknown: would the value still be "the default" if THP were off?
            near_if_thp_off = is_near_kernel_default(current, basis["base_kb"], 0, policy)
    persisted = mf.get("persisted") if SYSCTL_FILES_INPUT not in missing else None
    return {
        "current": current,
        "source": source,
        "current_estimate": estimate,
        "default": default,
        "default_basis": basis,
        "ratio": ratio_to_default(current, default, digits=2),
        "near_default": near,
        "near_default_limit_kb": limit,
        "near_default_if_thp_off": near_if_thp_off,
        "mem_total_kb": mem_total,
        "mem_total_source": mem_total_source,
        "persisted": persisted,
        "missing_inputs": missing,
    }


def details_block(state):
    """The documented ``min_free_kbytes`` details keys."""
    keys = ("current", "current_estimate", "default", "default_basis", "ratio", "source", "near_default_limit_kb")
    return {k: state[k] for k in keys}


def confidence_reasons(state, evidence, events):
    basis = state["default_basis"]
    reasons = ["default_computed" if basis.get("basis") == "computed" else
               "default_estimated_from_report" if basis.get("source") == REPORT_SOURCE else "default_estimated"]
    reasons.append("current_estimated_from_report" if state["current_estimate"] is not None else "current_read")
    if not evidence:
        reasons.append("no_zone_evidence")
    elif any(z["below_min"] for ev in evidence for z in ev["zones"]):
        reasons.append("zone_below_min_in_report")
    else:
        reasons.append("zones_not_below_min_in_report")
    if state["near_default"] and state["near_default_if_thp_off"] is False:
        # Between the THP-off and the THP-on default: raised if THP was off, lowered if it was on.
        reasons.append("near_default_only_if_thp_on")
    if state["mem_total_source"] == REPORT_SOURCE:
        reasons.append("mem_total_estimated_from_report")  # only bounds the recommendation
    if state["persisted"] is None:
        reasons.append("persisted_config_unknown")
    if any(e.truncated for e in events):
        reasons.append("reports_truncated")
    return reasons


def confidence(reasons):
    weak = sum(1 for r in reasons if r in WEAK_REASONS)
    return {"level": "high" if weak == 0 else "medium" if weak == 1 else "low", "reasons": list(reasons)}
