"""
Reserve state - vm.min_free_kbytes against the kernel default, for the rules
===========================================================================

Reads the memory picture (``MemoryPicture``, design.md) and, when the runtime
value was not collected, falls back to the value a failure report proves: the
sum of its lowmem zones' ``min`` marks.  Returns the ``min_free_kbytes``
details block the rules share, plus whether the value is "at or near" the
default (:func:`pagealloc.knowledge.recommendation.is_near_kernel_default`),
and the confidence codes that follow from where each figure came from.

Examples:
    >>> confidence(["default_computed", "current_read", "zone_below_min_in_report"])
    {'level': 'high', 'reasons': ['default_computed', 'current_read', 'zone_below_min_in_report']}
    >>> confidence(["default_estimated", "current_read", "zone_below_min_in_report"])["level"]
    'medium'
"""

from pagealloc.knowledge.failure_summary import min_free_kbytes_from_report
from pagealloc.knowledge.kernel_default import ratio_to_default
from pagealloc.knowledge.recommendation import DEFAULT_POLICY, is_near_kernel_default, near_default_limit_kb

#: What a missing memory picture means: none of its inputs were collected.
PICTURE_INPUTS = ("meminfo", "zoneinfo", "min_free_kbytes", "sysctl files")
SYSCTL_FILES_INPUT = "sysctl files"
REPORT_SOURCE = "failure report Mem-Info (sum of lowmem zone min)"

# Reasons that lower confidence (one -> medium, two or more -> low).
WEAK_REASONS = frozenset({
    "default_estimated", "current_from_failure_report", "no_zone_evidence",
    "zones_not_below_min_in_report", "persisted_config_unknown", "reports_truncated",
})


def reserve_state(picture, events=(), policy=DEFAULT_POLICY):
    """
    The reserve as the rules see it: a dict with ``current``, ``source``,
    ``default``, ``default_basis``, ``ratio``, ``near_default``,
    ``near_default_limit_kb``, ``mem_total_kb``, ``persisted`` (None when
    unknown) and ``missing_inputs``.
    """
    mf = (picture.min_free_kbytes if picture is not None else None) or {}
    missing = list(picture.missing_inputs) if picture is not None else list(PICTURE_INPUTS)
    current, source = mf.get("current"), mf.get("source")
    if current is None:
        current = next((v for v in map(min_free_kbytes_from_report, events) if v), None)
        source = REPORT_SOURCE if current is not None else None
    default, basis = mf.get("default"), mf.get("default_basis") or {}
    near = limit = None
    if current is not None and default:
        limit = near_default_limit_kb(default, basis.get("error_kb", 0), policy)
        near = is_near_kernel_default(current, default, basis.get("error_kb", 0), policy)
    persisted = mf.get("persisted") if SYSCTL_FILES_INPUT not in missing else None
    return {
        "current": current,
        "source": source,
        "default": default,
        "default_basis": basis,
        "ratio": ratio_to_default(current, default, digits=2),
        "near_default": near,
        "near_default_limit_kb": limit,
        "mem_total_kb": picture.mem_total_kb if picture is not None else None,
        "persisted": persisted,
        "missing_inputs": missing,
    }


def details_block(state):
    """The documented ``min_free_kbytes`` details keys."""
    keys = ("current", "default", "default_basis", "ratio", "source", "near_default_limit_kb")
    return {k: state[k] for k in keys}


def confidence_reasons(state, evidence, events):
    reasons = ["default_computed" if state["default_basis"].get("basis") == "computed" else "default_estimated"]
    reasons.append("current_from_failure_report" if state["source"] == REPORT_SOURCE else "current_read")
    if not evidence:
        reasons.append("no_zone_evidence")
    elif any(z["below_min"] for ev in evidence for z in ev["zones"]):
        reasons.append("zone_below_min_in_report")
    else:
        reasons.append("zones_not_below_min_in_report")
    if state["persisted"] is None:
        reasons.append("persisted_config_unknown")
    if any(e.truncated for e in events):
        reasons.append("reports_truncated")
    return reasons


def confidence(reasons):
    weak = sum(1 for r in reasons if r in WEAK_REASONS)
    return {"level": "high" if weak == 0 else "medium" if weak == 1 else "low", "reasons": list(reasons)}
