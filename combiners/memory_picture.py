"""
MemoryPicture - one host's memory, reserve and persisted configuration
=====================================================================

A thin view over the small combiners that each own one concern:

* :class:`pagealloc.combiners.host_identity.HostIdentity`: host name, kernel, architecture;
* :class:`pagealloc.combiners.memory_zones.MemoryZones`: MemTotal, zones and watermarks, page size, THP;
* :class:`pagealloc.combiners.min_free_reserve.MinFreeReserve`: ``vm.min_free_kbytes`` now, the
  kernel's default, their ratio, ``watermark_scale_factor``, what the failure reports stand in for;
* :class:`pagealloc.combiners.persisted_config.PersistedConfig`: the value set at boot (sysctl files, TuneD);
* :class:`pagealloc.combiners.nic_rx.NicRxFacts`: each NIC's MTU, rx ring and allocation-failure counters.

The picture exists when any of its inputs was collected (ZoneInfo, MemInfo,
AllocFailures, MinFreeKbytes, Sysctl, SysctlDFile, SysctlConfFile); a concern
none of whose inputs was collected is that combiner built from nothing (all
unknown, its inputs named in ``missing_inputs``).  The rules read the typed
parts (``identity``, ``memory``, ``reserve``, ``persisted``, ``nic_rx``);
``to_dict()`` is the JSON form, made by :mod:`pagealloc.combiners.picture_json`,
and the plain attributes below are that form's figures (docs/memory-picture.md).

Examples:
    >>> mp = memory_picture
    >>> mp.mem_total_kb, mp.page_size_kb, [z["zone"] for z in mp.zones]
    (254648, 4, ['DMA', 'Normal'])
    >>> mp.min_free_kbytes["current"], mp.min_free_kbytes["default"], mp.min_free_kbytes["ratio"]
    (2038, 2038, 1.0)
    >>> mp.min_free_kbytes["default_basis"]["basis"], mp.min_free_kbytes["persisted"]["value"]
    ('computed', None)
    >>> mp.reserve.current.value, mp.reserve.default.source, mp.memory.zones[1].min_kb
    (2038, 'computed', 1908)
"""

from insights.core.plugins import combiner

from pagealloc.combiners import picture_json
from pagealloc.combiners.host_identity import HostIdentity
from pagealloc.combiners.memory_zones import MemoryZones
from pagealloc.combiners.min_free_reserve import MinFreeReserve
from pagealloc.combiners.nic_rx import NicRxFacts
from pagealloc.combiners.persisted_config import PersistedConfig


@combiner([MemoryZones, MinFreeReserve, PersistedConfig], optional=[HostIdentity, NicRxFacts])
class MemoryPicture(object):
    """
    Attributes:
        identity, memory, reserve, persisted, nic_rx: the typed concerns (module docstring).
        missing_inputs (list): absent inputs, identity's first, then memory's, reserve's, persisted's.
        unusable_inputs (list): ``{"input", "reason"}`` (and ``line``) of inputs present but unreadable.
        notes (list): caveats, in the same order.
        The JSON figures: hostname, fqdn, kernel_release, arch, page_size_kb, numa_nodes,
        online_cpus, mem_total_kb, mem_total_estimated_from_report, zones, thp_enabled,
        thp_supported, watermark_scale_factor, min_free_kbytes, nics, provenance.
    """

    def __init__(self, memory, reserve, persisted, identity=None, nic_rx=None):
        self.identity = identity if identity is not None else HostIdentity()
        self.memory = memory if memory is not None else MemoryZones(identity=self.identity)
        self.reserve = reserve if reserve is not None else MinFreeReserve(memory=self.memory)
        self.persisted = persisted if persisted is not None else PersistedConfig(reserve=self.reserve)
        self.nic_rx = nic_rx if nic_rx is not None else NicRxFacts()
        parts = (self.identity, self.memory, self.reserve, self.persisted)
        self.missing_inputs = [name for part in parts for name in part.missing_inputs]
        self.unusable_inputs = [entry for part in parts[1:] for entry in part.unusable_inputs]
        self.notes = [note for part in parts[1:] for note in part.notes]
        self.provenance = picture_json.provenance(self.memory, self.reserve)
        plain = picture_json.picture_json(self)
        for name in ("hostname", "fqdn", "kernel_release", "arch", "page_size_kb", "numa_nodes", "mem_total_kb",
                     "mem_total_estimated_from_report", "zones", "thp_enabled", "thp_supported",
                     "watermark_scale_factor", "min_free_kbytes", "nics"):
            setattr(self, name, plain[name])
        self.online_cpus = self.memory.online_cpus
        self._plain = plain

    def to_dict(self):
        return self._plain
