"""
Nstat - command ``nstat -zas``
==============================

iproute2's ``nstat`` prints one kernel SNMP counter a line: the name (section
prefix glued to the counter, ``TcpExtPFMemallocDrop``), the absolute value
(``-a``) and a rate, after a ``#kernel`` line (misc/nstat.c ``dump_kern_db``:
``"%-32s%-16llu%6.1f"``, so a name of 32 characters or more touches its value).
``-z`` keeps zero counters, ``-s`` does not update nstat's history file.
sos runs it in the ``networking`` plugin: ``sos_commands/networking/nstat_-zas``.

Lines that are not ``NAME INTEGER RATE`` are counted in ``skipped``.

Sample input (iproute2 6.2, abridged)::

    #kernel
    IpInReceives                    48211003           0.0
    TcpExtPFMemallocDrop            1742               0.0
    TcpExtTCPRcvQDrop               0                  0.0

Examples:
    >>> nstat.counters["TcpExtPFMemallocDrop"]
    1742
    >>> nstat.get("TcpExt", "TCPRcvQDrop")
    0
    >>> nstat.get("TcpExt", "Missing") is None
    True
"""

import re

from insights.core import CommandParser
from insights.core.plugins import parser

from pagealloc.specs import Specs

# fprintf("%-32s%-16llu%6.1f\n"): a name of 32 characters or more runs into its value.
_LINE = re.compile(r"^(?:(?P<name>[A-Za-z][A-Za-z0-9_]*)\s+|(?P<long>[A-Za-z][A-Za-z0-9_]{31,}?))"
                   r"(?P<value>\d+)(?:\s*-?\d+\.\d)?\s*$")


@parser(Specs.nstat)
class Nstat(CommandParser):
    """
    Attributes:
        counters (dict): nstat name -> int.
        skipped (int): lines that were neither a counter nor a ``#`` comment.
    """

    def parse_content(self, content):
        self.counters, self.skipped = {}, 0
        for line in content:
            if not line.strip() or line.startswith("#"):
                continue
            match = _LINE.match(line)
            if match:
                self.counters[match.group("name") or match.group("long")] = int(match.group("value"))
            else:
                self.skipped += 1

    def get(self, section, counter):
        """The counter /proc/net/netstat calls ``section: counter``, or None."""
        return self.counters.get(section + counter)
