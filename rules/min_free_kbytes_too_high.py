"""
MIN_FREE_KBYTES_TOO_HIGH - a reserve so large it invites OOM kills
==================================================================

Reads :class:`pagealloc.combiners.memory_picture.MemoryPicture`.

Fires when the runtime ``vm.min_free_kbytes`` exceeds the policy's safe share
of MemTotal (5% by default: Red Hat's tuning guide says 5-10% of memory makes
the system run out of memory at once; kernel docs: too high "will OOM your
machine instantly") *and* is above the kernel default (the kernel's own THP
default on a small host is not a user's mistake).

Details: ``min_free_kbytes`` (current, default, ...), ``mem_total_kb``,
``percent_of_memtotal``, ``threshold_percent``, ``suggested`` (the policy's
value for this host, the same computation as MIN_FREE_KBYTES_LOW_ATOMIC_RX)
and ``remediation`` to set it.
"""

from insights.core import dr
from insights.core.plugins import make_fail, rule

from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.picture_json import reserve_details
from pagealloc.knowledge.recommendation import (
    is_too_high,
    percent_of,
    policy_from_metadata,
    recommended_min_free_kbytes,
)
from pagealloc.knowledge.references import RESERVE_LINKS
from pagealloc.knowledge.remediation import build_remediation
from pagealloc.knowledge.reserve_state import reserve_state

ERROR_KEY = "MIN_FREE_KBYTES_TOO_HIGH"

CONTENT = """vm.min_free_kbytes is {{ min_free_kbytes.current }} kB, {{ percent_of_memtotal }}% of MemTotal ({{ mem_total_kb }} kB), above the safe {{ threshold_percent }}%.
{%- if suggested %}
Lower it to {{ suggested.value }} kB: {{ remediation.runtime_command }}, persisted in {{ remediation.sysctl_d_file.path }}.{% endif %}"""


@rule(MemoryPicture, links=RESERVE_LINKS, tags=["memory", "sysctl"])
def report(picture):
    policy = policy_from_metadata(dr.get_metadata(report))
    state = reserve_state(picture, policy=policy)
    current, mem_total = state.current.value, state.mem_total.value
    if current is None or not is_too_high(current, mem_total, policy):
        return None
    if state.near_default:
        return None  # the kernel's own default: not a tuning mistake
    # Suggested value: the policy's target for a host whose reserve is at the default.
    default = state.default.value
    suggested = recommended_min_free_kbytes(default, mem_total, None, policy) if default else None
    return make_fail(
        ERROR_KEY,
        min_free_kbytes=reserve_details(state),
        mem_total_kb=mem_total,
        percent_of_memtotal=percent_of(current, mem_total),
        threshold_percent=policy.too_high_percent_of_memtotal,
        suggested=suggested.to_dict() if suggested else None,
        remediation=build_remediation(suggested.value_kb, state.persisted) if suggested else None,
        missing_inputs=state.missing_inputs,
    )
