"""
ProcNetNetstat - file ``/proc/net/netstat``
===========================================

The kernel's extended SNMP counters, printed by net/ipv4/proc.c
``netstat_seq_show()`` as pairs of lines: a header line ``TcpExt: Name ...``
and a value line ``TcpExt: 0 ...`` with the same prefix (then ``IpExt:``,
``MPTcpExt:`` on 5.6+).  sos copies /proc/net in its ``networking`` plugin
(``proc/net/netstat``).  The counters pagealloc reads and their meaning are
in :mod:`pagealloc.knowledge.netstat_counters`.

A header without its value line, a value that is not an integer or a count
mismatch is recorded in ``problems`` (the section is dropped), never raised.

Sample input (4.18, abridged to the first and the PFMemallocDrop columns)::

    TcpExt: SyncookiesSent SyncookiesRecv SyncookiesFailed PFMemallocDrop TCPRcvQDrop
    TcpExt: 0 0 3 1742 0
    IpExt: InNoRoutes InTruncatedPkts InMcastPkts
    IpExt: 0 0 1203

Examples:
    >>> proc_net_netstat.get("TcpExt", "PFMemallocDrop")
    1742
    >>> proc_net_netstat.get("TcpExt", "NoSuchCounter") is None
    True
    >>> sorted(proc_net_netstat.sections)
    ['IpExt', 'TcpExt']
"""

from insights.core import Parser
from insights.core.plugins import parser

from pagealloc.specs import Specs


@parser(Specs.proc_net_netstat)
class ProcNetNetstat(Parser):
    """
    Attributes:
        sections (dict): section name -> {counter name: int}.
        problems (list): what could not be read, one sentence each.
    """

    def parse_content(self, content):
        self.sections, self.problems = {}, []
        lines = [line for line in content if line.strip()]
        i = 0
        while i < len(lines):
            head = lines[i]
            values = lines[i + 1] if i + 1 < len(lines) else None
            name = head.split(":", 1)[0].strip()
            if ":" not in head or values is None or values.split(":", 1)[0].strip() != name:
                self.problems.append("line %d: %r has no value line" % (i + 1, head[:40]))
                i += 1
                continue
            names, numbers = head.split(":", 1)[1].split(), values.split(":", 1)[1].split()
            if len(names) != len(numbers) or not all(n.isdigit() for n in numbers):
                self.problems.append("%s: %d names but %d values, or a value that is not a number"
                                     % (name, len(names), len(numbers)))
            else:
                self.sections[name] = dict(zip(names, (int(n) for n in numbers)))
            i += 2

    def get(self, section, counter):
        """A counter's value, or None when this kernel does not print it."""
        return self.sections.get(section, {}).get(counter)
