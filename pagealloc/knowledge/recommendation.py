"""
Recommendation policy - how much ``vm.min_free_kbytes`` to advise
=================================================================

A pure function: from the kernel's default, MemTotal and the current value
it returns the value pagealloc recommends, the bounds it respected and the
steps it took (machine-readable codes, rendered by the rules' CONTENT and
explained in docs/recommendation.md).

Where the numbers come from (each one is a field of :class:`RecommendationPolicy`):

* ``default_multiplier`` 2: double the kernel default.  The default is
  ``sqrt(16 x lowmem kB)`` (mm/page_alloc.c ``init_per_zone_wmark_min``), so a
  fixed multiple already scales with the square root of memory; 2x is what the
  seed report's author settled on (2038 -> 4096 on a 256 MB host) and keeps
  small hosts far from the OOM zone.
* ``large_host_mem_kb`` 16 GiB / ``large_host_floor_kb`` 128 MiB: AWS ENA
  best practices ask for 1-3% of memory and "at least 128 MB" on constrained
  systems for fast NICs; big hosts carry fast NICs, and 128 MiB is below 1% of
  any host at or above 16 GiB.
* ``max_percent_of_memtotal`` 3: the top of AWS's 1-3%; Red Hat's tuning
  guides warn that 5-10% of memory makes the kernel OOM at once, so the cap
  stays well below 5%.
* ``absolute_floor_kb`` 1024: Documentation/admin-guide/sysctl/vm.rst - below
  1024 kB the system is "subtly broken".
* ``round_to_kb`` 1024: a readable value (whole MiB).
* Never below the current value nor the kernel default: this advice only
  ever raises the reserve.

The policy is configurable through insights-core component configuration
(``insights-run -c CONFIG``): metadata ``recommendation_policy`` of any
``pagealloc.rules`` component, see :func:`policy_from_metadata`.

Examples:
    >>> r = recommended_min_free_kbytes(default_kb=2038, mem_total_kb=254648, current_kb=2038)
    >>> r.value_kb
    4096
    >>> r.bounds
    {'lower': 2038, 'upper': 7639}
    >>> [step["code"] for step in r.rationale]
    ['default_multiple', 'rounded_up']
    >>> r.percent_of_memtotal
    1.61
    >>> is_near_kernel_default(current_kb=2038, default_kb=2038)
    True
    >>> is_near_kernel_default(current_kb=4096, default_kb=2038)
    False
"""

from dataclasses import asdict, dataclass, fields, replace
from typing import List, Optional

KIB_PER_MIB = 1024
KIB_PER_GIB = 1024 * 1024


@dataclass(frozen=True)
class RecommendationPolicy:
    """Tunable knobs of the policy; defaults and sources in the module docstring."""

    default_multiplier: float = 2.0
    large_host_mem_kb: int = 16 * KIB_PER_GIB
    large_host_floor_kb: int = 128 * KIB_PER_MIB
    max_percent_of_memtotal: float = 3.0
    absolute_floor_kb: int = 1024
    round_to_kb: int = 1024
    # "At or near the default": the default is computed from zoneinfo (or
    # estimated from MemTotal with an error bound); a value within
    # max(error bound, 10%) above it has not been meaningfully tuned.  10% is
    # wider than the drift of managed pages after boot and than 4096 on a 1 GiB
    # host (default 3789, +8%), a "tuned" value that is not really one.
    near_default_tolerance: float = 0.10
    # Above this share of MemTotal a reserve is dangerous (Red Hat: 5-10% of
    # memory OOMs the host; kernel docs: too high "will OOM your machine").
    too_high_percent_of_memtotal: float = 5.0


DEFAULT_POLICY = RecommendationPolicy()

#: Metadata key read by :func:`policy_from_metadata`.
METADATA_KEY = "recommendation_policy"


def policy_from_metadata(metadata, base=DEFAULT_POLICY):
    """
    The policy configured for a component: ``base`` with the overrides found in
    its insights-core metadata under ``recommendation_policy``.  Unknown keys or
    non-numeric values raise ``ValueError`` naming the key.
    """
    overrides = (metadata or {}).get(METADATA_KEY) or {}
    if not isinstance(overrides, dict):
        raise ValueError("%s must be a mapping, got %r" % (METADATA_KEY, overrides))
    known = {f.name: f.type for f in fields(RecommendationPolicy)}
    checked = {}
    for key, value in overrides.items():
        if key not in known:
            raise ValueError("unknown %s key %r (known: %s)" % (METADATA_KEY, key, ", ".join(sorted(known))))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError("%s.%s must be a non-negative number, got %r" % (METADATA_KEY, key, value))
        checked[key] = int(value) if known[key] in (int, "int") else float(value)
    return replace(base, **checked)


def near_default_limit_kb(default_kb, error_kb=0, policy=DEFAULT_POLICY):
    """The highest value still counted as "at or near" the kernel default."""
    return default_kb + max(int(error_kb or 0), int(default_kb * policy.near_default_tolerance))


def is_near_kernel_default(current_kb, default_kb, error_kb=0, policy=DEFAULT_POLICY):
    """True when the runtime value is at, below, or within tolerance above the default."""
    return current_kb <= near_default_limit_kb(default_kb, error_kb, policy)


def percent_of(value_kb, mem_total_kb):
    """``value_kb`` as a percentage of MemTotal, two decimals (None when unknown)."""
    if not mem_total_kb:
        return None
    return round(100.0 * value_kb / mem_total_kb, 2)


def is_too_high(current_kb, mem_total_kb, policy=DEFAULT_POLICY):
    """True when the reserve exceeds the policy's safe share of MemTotal."""
    return bool(mem_total_kb) and current_kb * 100.0 > mem_total_kb * policy.too_high_percent_of_memtotal


@dataclass
class Recommendation:
    value_kb: int
    bounds: dict
    rationale: List[dict]
    percent_of_memtotal: Optional[float]

    def to_dict(self):
        d = asdict(self)
        d["value"] = d.pop("value_kb")
        return d


def _lower_bound_code(lower, default_kb, current_kb, policy):
    if current_kb and current_kb == lower and current_kb > default_kb:
        return "not_below_current"
    if lower == default_kb:
        return "not_below_kernel_default"
    return "kernel_docs_minimum"


def _round_up(value, step):
    return -(-value // step) * step


def recommended_min_free_kbytes(default_kb, mem_total_kb=None, current_kb=None, policy=DEFAULT_POLICY):
    """
    The recommended ``vm.min_free_kbytes`` in kB.

    ``default_kb`` is the kernel's default for this host (required);
    ``mem_total_kb`` (MemTotal) sets the upper bound and the large-host floor
    (without it neither applies); ``current_kb`` is never undercut.
    """
    if default_kb is None or default_kb <= 0:
        raise ValueError("a positive kernel default is required, got %r" % (default_kb,))
    lower = max(default_kb, current_kb or 0, policy.absolute_floor_kb)
    upper = int(mem_total_kb * policy.max_percent_of_memtotal / 100) if mem_total_kb else None

    target = int(default_kb * policy.default_multiplier)
    rationale = [{"code": "default_multiple", "multiplier": policy.default_multiplier, "kb": target}]
    if mem_total_kb and mem_total_kb >= policy.large_host_mem_kb and target < policy.large_host_floor_kb:
        target = policy.large_host_floor_kb
        rationale.append({"code": "large_host_floor", "mem_total_kb": mem_total_kb, "kb": target})
    if target < policy.absolute_floor_kb:
        target = policy.absolute_floor_kb
        rationale.append({"code": "kernel_docs_minimum", "kb": target})

    rounded = _round_up(target, policy.round_to_kb) if policy.round_to_kb else target
    if rounded != target:
        target = rounded
        rationale.append({"code": "rounded_up", "to_kb": policy.round_to_kb, "kb": target})

    if upper is not None and target > upper:
        # Largest readable value under the cap; the cap itself if rounding
        # down would fall to the floor.
        capped = (upper // policy.round_to_kb) * policy.round_to_kb if policy.round_to_kb else upper
        target = capped if capped > lower else upper
        rationale.append(
            {"code": "capped_at_percent_of_memtotal", "percent": policy.max_percent_of_memtotal, "kb": target}
        )
    if upper is not None and upper < lower:
        rationale.append({"code": "upper_bound_below_floor", "upper_kb": upper, "lower_kb": lower})
        upper = lower
    if target < lower:
        target = lower
        rationale.append({"code": _lower_bound_code(lower, default_kb, current_kb, policy), "kb": target})

    return Recommendation(
        value_kb=target,
        bounds={"lower": lower, "upper": upper},
        rationale=rationale,
        percent_of_memtotal=percent_of(target, mem_total_kb),
    )
