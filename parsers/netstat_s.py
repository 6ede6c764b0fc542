"""
NetstatStatistics - command ``netstat -s``
==========================================

net-tools' ``netstat -s`` reads /proc/net/snmp and /proc/net/netstat and
prints each section (``TcpExt:``) with a sentence per counter it knows.  A
counter missing from its table (``PFMemallocDrop``, ``TCPRcvQDrop``) is
printed as ``    Name: value`` and only when it is not zero (statistics.c
``printval()``: "try our best").  sos runs it in the ``networking`` plugin:
``sos_commands/networking/netstat_-s``.

So an absent counter means "zero, or this kernel has no such counter";
``get`` returns None for it and the combiner prefers /proc/net/netstat or
nstat, which print zeros.

Sample input (net-tools 2.10, RHEL 8, abridged)::

    Ip:
        Forwarding: 2
        48211003 total packets received
    TcpExt:
        3 SYN cookies failed
        11203 delayed acks sent
        PFMemallocDrop: 1742
        TCPOrigDataSent: 9120433
    IpExt:
        InOctets: 63412230412

Examples:
    >>> netstat_s.get("TcpExt", "PFMemallocDrop")
    1742
    >>> netstat_s.get("TcpExt", "TCPRcvQDrop") is None
    True
    >>> sorted(netstat_s.sections)
    ['Ip', 'IpExt', 'TcpExt']
"""

import re

from insights.core import CommandParser
from insights.core.plugins import parser

from pagealloc.specs import Specs

_SECTION = re.compile(r"^(?P<name>[A-Za-z0-9]+):\s*$")
_RAW = re.compile(r"^\s+(?P<name>[A-Za-z][A-Za-z0-9_]*): (?P<value>\d+)\s*$")


@parser(Specs.netstat_s)
class NetstatStatistics(CommandParser):
    """
    Attributes:
        sections (dict): section -> {counter: int} for the ``Name: value`` lines
            (the counters net-tools has no sentence for).
    """

    def parse_content(self, content):
        self.sections = {}
        current = None
        for line in content:
            section = _SECTION.match(line)
            if section:
                current = self.sections.setdefault(section.group("name"), {})
                continue
            raw = _RAW.match(line)
            if raw and current is not None:
                current[raw.group("name")] = int(raw.group("value"))

    def get(self, section, counter):
        """The printed value, or None (zero, or not in this kernel)."""
        return self.sections.get(section, {}).get(counter)
