"""
VmStat - file ``/proc/vmstat``
==============================

The kernel's event and state counters, one ``name value`` pair a line
(mm/vmstat.c ``vmstat_show()``, names from ``vmstat_text[]``), cumulative
since boot.  Reads ``pagealloc.specs.Specs.vmstat`` (sos copies /proc/vmstat
in its ``memory`` plugin).  Counter names change between kernels (``allocstall``
up to 4.7, ``allocstall_<zone>`` from 4.8), so the parser keeps every pair;
:mod:`pagealloc.knowledge.reclaim_pressure` knows which names mean what.

A line that is not ``name non-negative-integer`` is skipped and recorded in
``errors`` with its line number; a file without any counter raises
``SkipComponent`` (nothing was read).

Sample input (5.14, RHEL 9, trimmed)::

    nr_free_pages 2001398
    nr_slab_unreclaimable 61244
    pgscan_direct 2030401
    pageoutrun 19022
    allocstall_dma 0
    allocstall_dma32 12
    allocstall_normal 4410
    allocstall_movable 1203
    kswapd_low_wmark_hit_quickly 3821
    kswapd_high_wmark_hit_quickly 402

Examples:
    >>> type(vmstat)
    <class 'pagealloc.parsers.vmstat.VmStat'>
    >>> vmstat["allocstall_normal"], vmstat.get("allocstall"), len(vmstat)
    (4410, None, 10)
"""

from insights.core import Parser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.specs import Specs


@parser(Specs.vmstat)
class VmStat(Parser, dict):
    """``{counter name: int}``; ``errors`` lists unusable lines as ``{"line", "reason"}``."""

    def parse_content(self, content):
        self.errors = []
        for number, line in enumerate(content, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) != 2 or not parts[1].isdigit():
                self.errors.append({"line": number, "reason": "not 'name integer': %r" % line[:60]})
                continue
            self[parts[0]] = int(parts[1])
        if not self:
            raise SkipComponent("no counter in /proc/vmstat")
