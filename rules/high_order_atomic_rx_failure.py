"""
HIGH_ORDER_ATOMIC_RX_FAILURE - fragmentation, not the reserve's size
====================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures` and, when
collected, :class:`pagealloc.combiners.memory_picture.MemoryPicture` (NIC
MTUs, the reserve).

Fires when an atomic allocation of order >= 1 failed in the network receive
path.  Such a request needs 2^order contiguous free pages: jumbo-frame or
large rx buffers (Intel e1000 docs; Oracle: IPoIB MTU 65520 -> order 5) on
fragmented memory.  SUSE TID 7002803: order > 0 atomic failures are often
harmless (drivers fall back); the advice is MTU / driver buffer options /
compaction, and a larger vm.min_free_kbytes helps less than for order 0.
The driver's buffer options and the MTU size only the driver's receive
buffers: when the request came from the network stack's own code (a socket
for a connection being accepted, a TCP receive queue compacted: see
:mod:`pagealloc.knowledge.rx_allocation_site`), the advice leaves them out
(the MTU stays for a copy of a received packet, which it sizes).

Details: ``failures`` (summary, with ``orders``), ``evidence`` (per report:
zone free vs min, and ``free_blocks_at_order`` = free buddy blocks of the
requested order or larger), ``jumbo_nics`` ([{name, mtu}] with MTU > 1500),
``slab_caches`` (SLUB cache lines), ``requested_by`` (per deciding frame:
``by`` "rx_buffer" or "stack", ``function``, ``object`` and its ``what``,
``effect`` and ``counter``; a report whose trace shows no caller gives none), ``advice``
(codes), ``min_free_kbytes``.
"""

from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.picture_json import reserve_details
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import (  # noqa: F401 (free_blocks_at_order: tests read it here)
    buddy_facts,
    events_evidence,
    free_blocks_at_order,
    is_high_order_atomic_rx,
    summarize_failures,
)
from pagealloc.knowledge.references import (
    INTEL_E1000_README,
    KERNEL_DOCS_COMPACTION,
    KERNEL_DOCS_MIN_FREE_KBYTES,
    links,
)
from pagealloc.knowledge.reserve_state import reserve_state
from pagealloc.knowledge.rx_allocation_site import OBJECTS, allocation_site
from pagealloc.words import with_counted

ERROR_KEY = "HIGH_ORDER_ATOMIC_RX_FAILURE"
STANDARD_MTU = 1500

CONTENT = with_counted("""{{ counted(failures.count, "atomic page allocation failure") }} of order {{ failures.orders|join("/") }} in the network receive path{% if failures.drivers %} (driver {{ failures.drivers|join(", ") }}){% endif %}: memory too fragmented for {% if "driver_rx_buffer_options" in advice %}contiguous receive buffers{% else %}the network stack's own objects ({{ requested_by|map(attribute="function")|join(", ") }}){% endif %}.
{%- for nic in jumbo_nics %} {{ nic.name }} uses MTU {{ nic.mtu }}.{% endfor %}
Advice: {{ advice|join(", ") }}.""")

LINKS = links(("kernel_docs", [KERNEL_DOCS_COMPACTION, KERNEL_DOCS_MIN_FREE_KBYTES]), ("vendor", [INTEL_E1000_README]))


def requested_by(events):
    """Each deciding frame's :class:`~pagealloc.knowledge.rx_allocation_site.Site` as details, once,
    and whether some report's request was (or may have been) a receive buffer."""
    rows, buffers = {}, False
    for event in events:
        site = allocation_site(event.call_trace, event.driver)
        buffers = buffers or site is None or site.kind == "rx_buffer"
        if site is not None:
            known = OBJECTS.get(site.code)
            rows.setdefault((site.kind, site.function), {
                "by": site.kind, "function": site.function, "object": site.code,
                "what": known.what if known else None, "effect": known.effect if known else None,
                "counter": known.counter if known else None,
                "mtu_sized": site.kind == "rx_buffer" or bool(known and known.mtu_sized)})
    return list(rows.values()), buffers


def jumbo_nics(picture):
    if picture is None:
        return []
    return [{"name": n.name, "mtu": n.mtu} for n in picture.nic_rx.nics if (n.mtu or 0) > STANDARD_MTU]


@rule(AllocFailures, optional=[MemoryPicture, FailureTimeline], links=LINKS,
      tags=["memory", "networking", "fragmentation"])
def report(failures, picture, timeline=None):
    # Another host's or memory size's reports never speak for this host (event_verdicts).
    events = host_events([e for e in failures.events if is_high_order_atomic_rx(e)], timeline)
    if not events:
        return None
    requests, buffers = requested_by(events)
    nics = jumbo_nics(picture)
    sized_by_mtu = buffers or any(r["mtu_sized"] for r in requests)
    advice = (["lower_mtu"] if nics and sized_by_mtu else []) + (["driver_rx_buffer_options"] if buffers else []) \
        + ["compaction"]
    slabs = sorted({e.slab.cache for e in events if e.slab is not None and e.slab.cache})
    return make_fail(
        ERROR_KEY,
        failures=summarize_failures(events),
        evidence=events_evidence(events, annotate=buddy_facts),
        jumbo_nics=nics,
        slab_caches=slabs,
        requested_by=requests,
        advice=advice,
        min_free_kbytes=reserve_details(reserve_state(picture, events)),
    )
