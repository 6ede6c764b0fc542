"""
SILENT_RX_ALLOC_FAILURES - receive failures the kernel did not print
====================================================================

Reads :class:`pagealloc.combiners.rx_evidence.RxEvidence` (TcpExt
``PFMemallocDrop``, the drivers' ``ethtool -S`` allocation-failure counters,
softnet_stat), the reserve from
:class:`pagealloc.combiners.memory_picture.MemoryPicture` and, when logs
were read, the printed reports (:class:`pagealloc.combiners.alloc_failures.AllocFailures`).

Many drivers refill rx rings with ``__GFP_NOWARN`` (page_pool,
``dev_alloc_pages``; page_pool forces it for atomic allocations since 2025):
a failed atomic allocation prints nothing, it only increments a driver
counter.  A receive buffer that *was* allocated from the emergency reserve
is dropped at a socket that may not use it, counted only as
``PFMemallocDrop``.  Fires when any of these counters is above zero while
``vm.min_free_kbytes`` is at or near the kernel default, whether or not a
report was printed; the recommendation and remediation are those of
MIN_FREE_KBYTES_LOW_ATOMIC_RX.

Confidence: "medium" on counters alone (they say the reserve ran out or was
used, not how often now: they count since boot), "high" when printed
atomic receive-path reports agree.  softnet_stat drops and time squeezes
are CPU budget (backlog, netdev_budget), reported as such and never a
reason to fire; ``TCPRcvQDrop`` is socket memory (tcp_mem, rcvbuf), context only.

Details: ``nics`` ([{name, counters, total, summary, drivers, by_name_only}]),
``pfmemalloc_drops`` ({value, sources, since}), ``silent_failures`` (sum of
the counters), ``printed_reports``, ``confidence``, ``not_memory`` (softnet,
TCPRcvQDrop), ``min_free_kbytes``, ``recommendation``, ``remediation``,
``collect_next`` ([{id, command, why}]), ``recheck`` (the two commands that show
growth), ``missing_inputs``.
"""

from insights.core import dr
from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.picture_json import reserve_details
from pagealloc.combiners.rx_evidence import RxEvidence
from pagealloc.knowledge.collect_next import collect_next_commands
from pagealloc.knowledge.recommendation import policy_from_metadata, recommended_min_free_kbytes
from pagealloc.knowledge.references import KERNEL_DOCS_PAGE_POOL, RESERVE_LINKS, links
from pagealloc.knowledge.remediation import build_remediation
from pagealloc.knowledge.reserve_state import reserve_state

ERROR_KEY = "SILENT_RX_ALLOC_FAILURES"

CONTENT = """Receive-path allocation failures the kernel did not log (confidence {{ confidence }}):
{%- for nic in nics %} {{ nic.name }} ({{ nic.drivers|join(", ") or "driver by name" }}): {% for name, value in nic.summary.items() %}{{ name }}={{ value }}{{ ", " if not loop.last }}{% endfor %};{% endfor %}
{%- if pfmemalloc_drops %} PFMemallocDrop={{ pfmemalloc_drops.value }};{% endif %} vm.min_free_kbytes is at the kernel default ({{ min_free_kbytes.current }} kB)
{%- for item in not_memory %}; not memory: {{ item.text }}{% endfor %}.
Raise it to {{ recommendation.value }} kB: {{ remediation.runtime_command }}, persisted in {{ remediation.sysctl_d_file.path }}."""

LINKS = dict(RESERVE_LINKS, **links(("networking", [KERNEL_DOCS_PAGE_POOL])))


def nics_with_rx_alloc_failures(evidence):
    return [{"name": n["name"], "counters": {k: v for k, v in n["counters"].items() if v}, "total": n["total"],
             "summary": {k: v for k, v in n["summary"].items() if v}, "drivers": n["drivers"],
             "by_name_only": n["by_name_only"]} for n in evidence.nic_failures]


def printed_rx_reports(failures):
    """Printed atomic failure reports of the receive path (any order)."""
    if failures is None:
        return 0
    return sum(1 for e in failures.events if e.context == "network-rx" and e.atomic)


def not_memory(evidence):
    """What grows for other reasons, said plainly."""
    out = []
    softnet = evidence.softnet
    if softnet and (softnet["dropped"] or softnet["time_squeeze"]):
        out.append({"input": "/proc/net/softnet_stat", "dropped": softnet["dropped"],
                    "time_squeeze": softnet["time_squeeze"],
                    "text": "softnet_stat dropped=%d time_squeeze=%d over %d CPUs: CPU budget "
                            "(net.core.netdev_max_backlog, netdev_budget), not memory"
                            % (softnet["dropped"], softnet["time_squeeze"], softnet["cpus"])})
    rcvq = evidence.snmp.get("TCPRcvQDrop")
    if rcvq and rcvq["value"]:
        out.append({"input": "TcpExt TCPRcvQDrop", "value": rcvq["value"],
                    "text": "TCPRcvQDrop=%d: socket receive memory (net.ipv4.tcp_mem, tcp_rmem), "
                            "not the page allocator's reserve" % rcvq["value"]})
    return out


@rule(MemoryPicture, RxEvidence, optional=[AllocFailures], links=LINKS, tags=["memory", "networking", "sysctl"])
def report(picture, evidence, failures):
    if not evidence.memory_evidence:
        return None
    policy = policy_from_metadata(dr.get_metadata(report))
    state = reserve_state(picture, policy=policy)
    if not state.near_default:
        return None  # unknown, or already raised
    current = state.current.value
    recommendation = recommended_min_free_kbytes(state.default.value, state.mem_total.value, current, policy)
    if recommendation.value_kb <= current:
        return None
    nics = nics_with_rx_alloc_failures(evidence)
    pfmemalloc = evidence.snmp.get("PFMemallocDrop") if evidence.pfmemalloc_drops else None
    printed = printed_rx_reports(failures)
    commands = collect_next_commands(picture.identity.kernel_release, [n["name"] for n in nics])
    return make_fail(
        ERROR_KEY,
        nics=nics,
        pfmemalloc_drops={"value": pfmemalloc["value"], "sources": pfmemalloc["sources"],
                          "since": pfmemalloc["since"]} if pfmemalloc else None,
        silent_failures=sum(n["total"] for n in nics) + (pfmemalloc["value"] if pfmemalloc else 0),
        printed_reports=printed,
        confidence="high" if printed else "medium",
        not_memory=not_memory(evidence),
        min_free_kbytes=reserve_details(state),
        recommendation=recommendation.to_dict(),
        remediation=build_remediation(recommendation.value_kb, state.persisted),
        collect_next=commands,
        recheck=["`%s`" % c["command"].replace("\n", "; ") for c in commands
                 if c["id"] in ("nstat_pfmemalloc", "ethtool_alloc")],
        missing_inputs=state.missing_inputs,
    )
