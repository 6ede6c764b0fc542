"""
MEMORY_HOLDERS - who holds the memory on a host with failure reports
====================================================================

Reads the failure reports (:class:`pagealloc.combiners.alloc_failures.AllocFailures`)
and, for the collection-time fallback, insights-core's ``MemInfo``, ``SlabInfo``
and pagealloc's ``slabtop -o`` parser, through
:mod:`pagealloc.knowledge.memory_holders`.  Informational: when a host's
reports show memory exhausted (the watermark replay finds no usable zone above
its floor, or cannot replay) and one consumer holds a notable share of RAM
(unreclaimable slab, the hugetlbfs pool, shmem, one slab cache), it is named
with its size.  The figures are the failure report's own Mem-Info totals when
it printed them (``when: failure_time``, with the 6.10+ "Memory allocations"
sites), else the sosreport's (``when: collection_time``: who *can* hold the
memory, not who held it then).  Silent when the replay shows free memory above
the floor (fragmentation, another cause): holders do not explain those.

Details: ``when``, ``holders`` ([{name, kb, share, notable}]), ``mem_total_kb``
(the report's RAM, or MemTotal), ``report`` ({source, line, timestamp, wallclock},
failure time only), ``allocations`` ([{function, location, module, size, kb, calls,
share}]), ``profiling`` ("on"/"off"/None), ``caches_now`` (largest slab caches at
collection time, [{name, kb}]), ``replay_verdict``.
"""

from insights.core.plugins import make_info, rule
from insights.parsers.meminfo import MemInfo
from insights.parsers.slabinfo import SlabInfo

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.knowledge.memory_holders import (
    allocation_sites,
    failure_time_holders,
    holders,
    memory_exhausted,
    report_with_totals,
    top_slab_caches,
)
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.knowledge.watermark_replay import replay_events
from pagealloc.parsers.slabtop import Slabtop

ERROR_KEY = "MEMORY_HOLDERS"

CONTENT = """Memory held at {% if when == "failure_time" %}failure time (the report's own Mem-Info){% else %}collection time{% endif %}, of {{ mem_total_kb }} kB:
{%- for h in holders if h.notable %} {{ h.name }} {{ h.kb }} kB{{ "," if not loop.last }}{% endfor %}.
{%- if allocations %}
Largest allocation site: {{ allocations[0].function }} ({{ allocations[0].location }}{% if allocations[0].module %} [{{ allocations[0].module }}]{% endif %}): {{ allocations[0].size }}.{% endif %}"""


def _slab_rows(slabtop):
    return slabtop.caches if slabtop is not None else None


@rule(AllocFailures, optional=[MemInfo, SlabInfo, Slabtop], links=links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES])),
      tags=["memory"])
def report(failures, meminfo, slabinfo, slabtop):
    events = failures.events
    if not events:
        return None
    replay = replay_events(events)
    if not memory_exhausted(replay):
        return None
    slabinfo_data = slabinfo.data if slabinfo is not None else None
    caches_now = [{"name": name, "kb": kb} for name, kb in top_slab_caches(slabinfo_data, _slab_rows(slabtop))]
    details = {"replay_verdict": replay["verdict"], "caches_now": caches_now, "allocations": [],
               "profiling": None, "report": None}
    event = report_with_totals(events)
    found, total = failure_time_holders(event.mem_info, event.zones) if event is not None else ([], None)
    if found:
        details.update(when="failure_time", allocations=allocation_sites(event.mem_info, total),
                       profiling=event.mem_info.profiling,
                       report={"source": event.source, "line": event.line, "timestamp": event.timestamp,
                               "wallclock": event.wallclock})
    elif meminfo is not None:
        found, total = holders(meminfo.data, slabinfo_data, _slab_rows(slabtop)), meminfo.data["memtotal"] // 1024
        details["when"] = "collection_time"
    if not any(h["notable"] for h in found):
        return None
    return make_info(ERROR_KEY, holders=found, mem_total_kb=total, **details)
