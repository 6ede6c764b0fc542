"""
NicRxFacts - each NIC's receive settings and allocation-failure counters
========================================================================

Per network device: the MTU (insights-core's IpLinkInfo, ``ip -s -d link``),
the rx ring size and its maximum (insights-core's ethtool Ring, ``ethtool
-g``), the rx queue count (pagealloc's EthtoolChannels, ``ethtool -l``: RX
plus Combined channels) and the driver's receive allocation-failure counters
(insights-core's ethtool Statistics, ``ethtool -S``, filtered by
:mod:`pagealloc.knowledge.nic_counters`).  The loopback device is left out.
Devices are sorted by name.

Sample input (``sos_commands/networking/ethtool_-g_eth0``)::

    Ring parameters for eth0:
    Pre-set maximums:
    RX:             256
    ...
    Current hardware settings:
    RX:             256

Examples:
    >>> [(n.name, n.mtu, n.rx_ring, n.rx_ring_max) for n in nic_rx_facts.nics]
    [('eth0', 1500, 256, 256)]
"""

from dataclasses import dataclass, field
from typing import Optional

from insights.core.plugins import combiner
from insights.parsers.ethtool import Ring, Statistics
from insights.parsers.ip import IpLinkInfo

from pagealloc.knowledge.nic_counters import rx_alloc_failure_counters
from pagealloc.parsers.ethtool_channels import EthtoolChannels


@dataclass(slots=True)
class Nic:
    """One network device's receive facts (None: not collected)."""

    name: str
    mtu: Optional[int] = None
    rx_ring: Optional[int] = None
    rx_ring_max: Optional[int] = None
    rx_alloc_fail_counters: dict = field(default_factory=dict)
    rx_queues: Optional[int] = None


@combiner(optional=[Ring, Statistics, IpLinkInfo, EthtoolChannels])
class NicRxFacts(object):
    """
    Attributes:
        nics (tuple of Nic): every device some input names, sorted by name.
    """

    def __init__(self, rings=None, stats=None, ip_link=None, channels=None):
        nics = {}

        def nic(name):
            return nics.setdefault(name, Nic(name))
        for link in ip_link or []:
            name = link.data.get("name")
            if name and name != "lo":
                nic(name).mtu = link.data.get("mtu")
        for ring in rings or []:
            if ring.ifname and "current" in ring.data:
                entry = nic(ring.ifname)
                entry.rx_ring, entry.rx_ring_max = ring.data["current"].rx, ring.data["max"].rx
        for chan in channels or []:
            if chan.ifname and chan.rx_queues is not None:
                nic(chan.ifname).rx_queues = chan.rx_queues
        for stat in stats or []:
            if stat.ifname:
                nic(stat.ifname).rx_alloc_fail_counters = rx_alloc_failure_counters(stat.data)
        self.nics = tuple(nics[name] for name in sorted(nics))
