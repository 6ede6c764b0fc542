"""
EthtoolStatistics - command ``ethtool -S IFACE``
================================================

``ethtool -S`` prints ``NIC statistics:`` and one ``     name: value`` line
per counter, in the driver's own names (ethtool.c ``dump_stats``:
``"     %.*s: %llu\\n"``).  sos runs it for every interface in its
``networking`` plugin: ``sos_commands/networking/ethtool_-S_IFACE``.

Unlike a flat name -> value map, this parser keeps vmxnet3's per-queue
blocks apart: vmxnet3 prints ``Rx Queue#: N`` and then the same names for
every queue (drivers/net/vmxnet3/vmxnet3_ethtool.c ``vmxnet3_rq_dev_stats``,
``vmxnet3_rq_driver_stats``), so the names of a block are prefixed with
``rxqN `` / ``txqN `` (``rxq1 rx buf alloc fail``).  A driver that prints
``no stats available`` or ``Operation not supported`` gives an empty
``data`` with ``problem`` set.

Sample input (mlx5_core, 4.18.0-513 RHEL 8.9, abridged)::

    NIC statistics:
         rx_packets: 9120433001
         rx_bytes: 11924830911232
         rx_buff_alloc_err: 7
         rx_pp_alloc_slow: 120394
         rx0_packets: 4560216500
         rx0_buff_alloc_err: 3
         rx1_packets: 4560216501
         rx1_buff_alloc_err: 4

Examples:
    >>> ethtool_stats.ifname
    'ens1f0'
    >>> ethtool_stats.data["rx_buff_alloc_err"], ethtool_stats.data["rx1_buff_alloc_err"]
    (7, 4)
"""

import re

from insights.core import CommandParser
from insights.core.plugins import parser

from pagealloc.specs import Specs

_QUEUE = re.compile(r"^\s*(?P<dir>Rx|Tx) Queue#:\s*(?P<n>\d+)\s*$")
_COUNTER = re.compile(r"^\s+(?P<name>\S.*?):\s+(?P<value>-?\d+)\s*$")


@parser(Specs.ethtool_s)
class EthtoolStatistics(CommandParser):
    """
    Attributes:
        ifname (str): the interface, from the file name (``ethtool_-S_IFACE``).
        data (dict): counter name -> int (vmxnet3 queue counters prefixed ``rxqN ``).
        problem (str): why nothing was read, or None.
    """

    def parse_content(self, content):
        name = (self.file_path or "").rsplit("/", 1)[-1]
        self.ifname = name.split("ethtool_-S_", 1)[1] if "ethtool_-S_" in name else None
        self.data, self.problem = {}, None
        if not content or not content[0].startswith("NIC statistics"):
            self.problem = "no statistics: %r" % (content[0][:80] if content else "empty output")
            return
        prefix = ""
        for line in content[1:]:
            queue = _QUEUE.match(line)
            if queue:
                prefix = "%sq%s " % (queue.group("dir").lower(), queue.group("n"))
                continue
            counter = _COUNTER.match(line)
            if not counter:
                continue
            label = counter.group("name").strip()
            # vmxnet3 indents queue counters two more spaces; a less indented line ends the block.
            if prefix and not line.startswith("       "):
                prefix = ""
            self.data[prefix + label] = int(counter.group("value"))
