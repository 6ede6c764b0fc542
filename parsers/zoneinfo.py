"""
ZoneInfo - file ``/proc/zoneinfo``
==================================

Per-zone page counts and watermarks, in pages, as mm/vmstat.c
``zoneinfo_show_print()`` prints them.  Reads ``pagealloc.specs.Specs.zoneinfo``
(sos collects /proc/zoneinfo in its ``kernel`` plugin).

Formats handled:

* 2.6.32 (RHEL 6, Debian 6): populated zones only, no ``managed`` line,
  ``scanned`` after ``high``, ``protection: (0, 238, 238, 238)``.
* 3.x to 4.11: ``managed`` after ``present`` (from 3.8).
* 4.12+: every zone of a node, unpopulated ones end after ``protection``;
  ``per-node stats`` under a node's first zone.
* 5.0+: ``boost`` after ``free``; 5.18+: ``promo`` after ``high``; 6.x
  prints ``cma`` and more statistics.

Only the figures pagealloc needs are kept; statistics lines are skipped.  A
zone that lacks one of ``min``, ``low``, ``high`` or ``present`` (or carries a
value that is not a non-negative integer) is still listed, with the missing
figure as None, and the problem is recorded in ``errors`` with its line.

Sample input (4.18, RHEL 8)::

    Node 0, zone      DMA
      per-node stats
          nr_inactive_anon 43419
      pages free     3840
            min      15
            low      18
            high     21
            spanned  4095
            present  3998
            managed  3840
            protection: (0, 2965, 15796, 15796, 15796)
    Node 0, zone   Normal
      pages free     2506338
            min      13730
            low      17162
            high     20594
            spanned  3407872
            present  3407872
            managed  3339520
            protection: (0, 0, 0, 0, 0)

Examples:
    >>> type(zoneinfo)
    <class 'pagealloc.parsers.zoneinfo.ZoneInfo'>
    >>> [z.name for z in zoneinfo.zones]
    ['DMA', 'Normal']
    >>> normal = zoneinfo.zone(0, "Normal")
    >>> normal.min_pages, normal.high_pages, normal.managed_pages
    (13730, 20594, 3339520)
    >>> normal.protection
    [0, 0, 0, 0, 0]
    >>> zoneinfo.nodes, zoneinfo.has_managed, zoneinfo.errors
    ([0], True, [])
"""

import re
from dataclasses import dataclass, field
from typing import List, Optional

from insights.core import Parser
from insights.core.plugins import parser

from pagealloc.specs import Specs

_ZONE_HEADER = re.compile(r"^Node\s+(\d+),\s+zone\s+(\S+)\s*$")
# "pages free N" and the indented "name N" lines of the zone's own block.
_FIELD = re.compile(r"^\s*(?:pages\s+)?(free|min|low|high|boost|promo|spanned|present|managed|scanned)\s+(\S+)\s*$")
_PROTECTION = re.compile(r"^\s*protection:\s*\(([^)]*)\)\s*$")
# zoneinfo_show_print() (mm/vmstat.c) lists "pagesets" with "cpu: N" for each online CPU: the
# host's CPU count for the per-cpu counter drift bound.
_PAGESET_CPU = re.compile(r"^\s*cpu:\s*(\d+)\s*$")
REQUIRED = ("min", "low", "high", "present")
# Guard against absurd input: 2**50 pages of 4 KiB is 4 EiB.
MAX_PAGES = 2 ** 50


@dataclass
class Zone:
    node: int
    name: str
    line: int
    free_pages: Optional[int] = None
    min_pages: Optional[int] = None
    low_pages: Optional[int] = None
    high_pages: Optional[int] = None
    boost_pages: Optional[int] = None
    spanned_pages: Optional[int] = None
    present_pages: Optional[int] = None
    managed_pages: Optional[int] = None
    protection: List[int] = field(default_factory=list)

    @property
    def populated(self):
        return bool(self.present_pages)

    @property
    def complete(self):
        return all(getattr(self, name + "_pages") is not None for name in REQUIRED)


_ATTRIBUTE = {"free": "free_pages", "min": "min_pages", "low": "low_pages", "high": "high_pages",
              "boost": "boost_pages", "spanned": "spanned_pages", "present": "present_pages",
              "managed": "managed_pages"}


@parser(Specs.zoneinfo)
class ZoneInfo(Parser):
    """
    Attributes:
        zones (list): :class:`Zone` per ``Node N, zone NAME`` block, in file order.
        nodes (list): NUMA node ids seen.
        has_managed (bool): whether the kernel prints ``managed`` (3.8+).
        online_cpus (int or None): CPUs listed under a zone's ``pagesets`` (online CPUs), or None.
        errors (list): ``{"line", "reason"}`` for figures that could not be read.

    A file with no zone header at all gives no zones and one error: the
    memory picture then names /proc/zoneinfo as unusable.
    """

    def parse_content(self, content):
        self.zones, self.errors = [], []
        zone, in_zone_fields = None, False
        cpus = {}
        for number, text in enumerate(content, 1):
            header = _ZONE_HEADER.match(text)
            if header:
                zone = Zone(node=int(header.group(1)), name=header.group(2), line=number)
                self.zones.append(zone)
                in_zone_fields = False
                continue
            if zone is None:
                continue
            if text.strip().startswith("pages free"):
                in_zone_fields = True  # per-node stats above this line belong to the node
            protection = _PROTECTION.match(text)
            if protection:
                zone.protection = self._numbers(protection.group(1), number)
                in_zone_fields = False  # statistics follow; nothing more to read for this zone
                continue
            cpu = _PAGESET_CPU.match(text) if not in_zone_fields and "cpu:" in text else None
            if cpu:
                cpus.setdefault(id(zone), set()).add(int(cpu.group(1)))
                continue
            match = _FIELD.match(text) if in_zone_fields else None
            if match:
                value = self._count(match.group(2), number, match.group(1))
                attribute = _ATTRIBUTE.get(match.group(1))
                if attribute:
                    setattr(zone, attribute, value)
        if not self.zones:
            self.errors.append({"line": None, "reason": "no 'Node N, zone NAME' header"})
        for zone in self.zones:
            missing = [name for name in REQUIRED if getattr(zone, name + "_pages") is None]
            if missing:
                self.errors.append({"line": zone.line, "reason": "zone %d/%s lacks %s" % (
                    zone.node, zone.name, ", ".join(missing))})
        self.nodes = sorted({z.node for z in self.zones})
        self.has_managed = any(z.managed_pages is not None for z in self.zones)
        self.online_cpus = max((len(c) for c in cpus.values()), default=None)

    def _count(self, text, line, name):
        if text.isdigit() and int(text) <= MAX_PAGES:
            return int(text)
        self.errors.append({"line": line, "reason": "%s is not a page count: %r" % (name, text[:40])})
        return None

    def _numbers(self, text, line):
        values = [v.strip() for v in text.split(",") if v.strip()]
        return [n for n in (self._count(v, line, "protection") for v in values) if n is not None]

    def zone(self, node, name):
        """The :class:`Zone` of ``node`` named ``name``, or None."""
        for zone in self.zones:
            if zone.node == node and zone.name == name:
                return zone
        return None

    @property
    def populated_zones(self):
        return [z for z in self.zones if z.populated]
