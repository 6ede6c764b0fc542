"""
MEMORY_HOLDERS - who holds the memory on a host with failure reports
====================================================================

Reads the failure reports (:class:`pagealloc.combiners.alloc_failures.AllocFailures`),
insights-core's ``MemInfo`` and, when collected, ``SlabInfo``, through
:mod:`pagealloc.knowledge.memory_holders`.  Informational: when a host has
failure reports and one consumer holds a notable share of RAM (unreclaimable
slab, the hugetlbfs pool, shmem, one slab cache), it is named with its size.
The figures are the sosreport's, taken at collection time, not at failure
time: they say who *can* hold the memory, not who held it then.

Details: ``holders`` ([{name, kb, share, notable}]), ``mem_total_kb``.
"""

from insights.core.plugins import make_info, rule
from insights.parsers.meminfo import MemInfo
from insights.parsers.slabinfo import SlabInfo

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.knowledge.memory_holders import holders
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links

ERROR_KEY = "MEMORY_HOLDERS"

CONTENT = """Memory held at collection time (not necessarily at failure time), of MemTotal {{ mem_total_kb }} kB:
{%- for h in holders if h.notable %}
  {{ h.name }}: {{ h.kb }} kB ({{ (h.share * 100)|round|int }}%){% endfor %}"""


@rule(AllocFailures, MemInfo, optional=[SlabInfo], links=links(("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES])),
      tags=["memory"])
def report(failures, meminfo, slabinfo):
    if not failures.events:
        return None
    found = holders(meminfo.data, slabinfo.data if slabinfo is not None else None)
    if not any(h["notable"] for h in found):
        return None
    return make_info(ERROR_KEY, holders=found, mem_total_kb=meminfo.data["memtotal"] // 1024)
