"""
RxEvidence - receive failures the kernel log does not show
==========================================================

Joins the inputs that count receive-side allocation trouble without printing
a report: the TcpExt counters (``/proc/net/netstat``, ``nstat -zas``,
``netstat -s``; meaning and kernel range in
:mod:`pagealloc.knowledge.netstat_counters`), the drivers' ``ethtool -S``
allocation-failure counters (:mod:`pagealloc.knowledge.nic_counters`), and
``/proc/net/softnet_stat`` (insights-core's ``SoftNetStats``), which is kept
apart because its drops and time squeezes are CPU budget, not memory.

All counters count since boot (TcpExt, softnet) or since the driver loaded
(``ethtool -S``): one collection shows that failures happened, two show
whether they still happen.

The SNMP sources are read at slightly different moments of the collection;
counters only grow, so the largest value is kept and every source's value
is listed.  ``netstat -s`` omits zero counters: it never turns an unknown
into a zero.

Examples:
    >>> rx_evidence.snmp["PFMemallocDrop"]["value"], rx_evidence.snmp["PFMemallocDrop"]["sources"]
    (1742, {'/proc/net/netstat': 1742})
    >>> [(n["name"], n["total"]) for n in rx_evidence.nics]
    [('ens1f0', 7)]
    >>> rx_evidence.memory_evidence
    True
"""

from insights.core.plugins import combiner
from insights.parsers.softnet_stat import SoftNetStats

from pagealloc.knowledge.netstat_counters import COUNTERS
from pagealloc.knowledge.nic_counters import nic_alloc_failures
from pagealloc.parsers.ethtool_stats import EthtoolStatistics
from pagealloc.parsers.netstat_s import NetstatStatistics
from pagealloc.parsers.nstat import Nstat
from pagealloc.parsers.proc_net_netstat import ProcNetNetstat

SECTION = "TcpExt"


@combiner([ProcNetNetstat, Nstat, NetstatStatistics, EthtoolStatistics, SoftNetStats])
class RxEvidence(object):
    """
    Attributes:
        snmp (dict): counter -> {value, sources: {source: value}, memory, since, meaning, source_code};
            only counters some source printed.
        nics (list): [{name, counters, total, drivers, by_name_only}] for devices with a
            recognised allocation-failure counter (zero or not).
        softnet (dict): {dropped, time_squeeze, cpus} summed over CPUs, or None.
        inputs_read (list): the inputs that were read.
    """

    def __init__(self, proc_netstat, nstat, netstat_s, ethtool, softnet):
        self.inputs_read = []
        self.snmp = {}
        for label, parsed in (("/proc/net/netstat", proc_netstat), ("nstat -zas", nstat),
                              ("netstat -s", netstat_s)):
            if parsed is None:
                continue
            self.inputs_read.append(label)
            for name, row in COUNTERS.items():
                value = parsed.get(SECTION, name)
                if value is None:
                    continue
                entry = self.snmp.setdefault(name, {"value": 0, "sources": {}, "memory": row.memory,
                                                    "since": row.since, "meaning": row.meaning,
                                                    "source_code": row.source})
                entry["sources"][label] = value
                entry["value"] = max(entry["value"], value)
        self.nics = []
        for stats in ethtool or []:
            if not stats.ifname or stats.problem:
                continue
            self.inputs_read.append("ethtool -S " + stats.ifname)
            found = nic_alloc_failures(stats.data)
            if found["counters"]:
                self.nics.append(dict(found, name=stats.ifname))
        self.nics.sort(key=lambda n: n["name"])
        self.softnet = None
        if softnet is not None and softnet.cpu_instances:
            self.inputs_read.append("/proc/net/softnet_stat")
            self.softnet = {"dropped": sum(softnet.per_cpu_nstat("packet_drops")),
                            "time_squeeze": sum(softnet.per_cpu_nstat("time_squeeze")),
                            "cpus": softnet.cpu_instances}

    @property
    def pfmemalloc_drops(self):
        entry = self.snmp.get("PFMemallocDrop")
        return entry["value"] if entry else None

    @property
    def nic_failures(self):
        """Devices whose allocation-failure total is above zero."""
        return [n for n in self.nics if n["total"]]

    @property
    def memory_evidence(self):
        """True when a counter that means "the page allocator's reserve ran out or was used" is above zero."""
        return bool(self.pfmemalloc_drops) or bool(self.nic_failures)

    def to_dict(self):
        return {"snmp": self.snmp, "nics": self.nics, "softnet": self.softnet, "inputs_read": self.inputs_read}
