"""
SILENT_RX_ALLOC_FAILURES - rx buffer allocation failures only the NIC counts
===========================================================================

Reads :class:`pagealloc.combiners.memory_picture.MemoryPicture` (per-NIC
``ethtool -S`` rx allocation failure counters, the reserve).

From 5.4 many drivers refill rx rings with ``__GFP_NOWARN`` (page_pool,
``dev_alloc_pages``): a failed atomic allocation prints nothing, it only
increments a counter (``rx_alloc_fail``, ``alloc_rx_page_failed``,
``rx_pg_alloc_fail``, ...).  Fires when any such counter is above zero while
``vm.min_free_kbytes`` is at or near the kernel default; the recommendation
and remediation are those of MIN_FREE_KBYTES_LOW_ATOMIC_RX.

Details: ``nics`` ([{name, counters, total}]), ``min_free_kbytes``,
``recommendation``, ``remediation``, ``missing_inputs``.  The counters count
since the driver was loaded: compare two collections to see whether they grow.
"""

from insights.core import dr
from insights.core.plugins import make_fail, rule

from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.knowledge.recommendation import policy_from_metadata, recommended_min_free_kbytes
from pagealloc.knowledge.references import KERNEL_DOCS_PAGE_POOL, RESERVE_LINKS, links
from pagealloc.knowledge.remediation import build_remediation
from pagealloc.knowledge.reserve_state import details_block, reserve_state

ERROR_KEY = "SILENT_RX_ALLOC_FAILURES"

CONTENT = """NIC counters show receive buffer allocation failures that the kernel did not log (__GFP_NOWARN):
{%- for nic in nics %} {{ nic.name }}: {% for name, value in nic.counters.items() %}{{ name }}={{ value }}{{ ", " if not loop.last }}{% endfor %};{% endfor %}
vm.min_free_kbytes is {{ min_free_kbytes.current }} kB, at the kernel default {{ min_free_kbytes.default }} kB.
Recommended: {{ recommendation.value }} kB. Now: {{ remediation.runtime_command }}; persist in
{{ remediation.sysctl_d_file.path }} ("{{ remediation.sysctl_d_file.content|trim }}"); apply with {{ remediation.apply_command }}.
The counters count since the driver loaded: collect twice to see whether they still grow."""

LINKS = dict(RESERVE_LINKS, **links(("networking", [KERNEL_DOCS_PAGE_POOL])))


def nics_with_rx_alloc_failures(picture):
    out = []
    for nic in picture.nics:
        counters = {k: v for k, v in (nic.get("rx_alloc_fail_counters") or {}).items() if v}
        if counters:
            out.append({"name": nic.get("name"), "counters": counters, "total": sum(counters.values())})
    return out


@rule(MemoryPicture, links=LINKS, tags=["memory", "networking", "sysctl"])
def report(picture):
    nics = nics_with_rx_alloc_failures(picture)
    if not nics:
        return None
    policy = policy_from_metadata(dr.get_metadata(report))
    state = reserve_state(picture, policy=policy)
    if not state["near_default"]:
        return None  # unknown, or already raised
    recommendation = recommended_min_free_kbytes(state["default"], state["mem_total_kb"], state["current"], policy)
    if recommendation.value_kb <= state["current"]:
        return None
    return make_fail(
        ERROR_KEY,
        nics=nics,
        min_free_kbytes=details_block(state),
        recommendation=recommendation.to_dict(),
        remediation=build_remediation(recommendation.value_kb, state["persisted"]),
        missing_inputs=state["missing_inputs"],
    )
