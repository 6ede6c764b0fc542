"""
Slabtop - command ``slabtop -o``
================================

procps' ``slabtop -o`` prints /proc/slabinfo once, sorted by object count: a
summary (``Active / Total Size (% used) : 635542.20K / 644896.65K (98.5%)``),
then one row per cache under the header ``OBJS ACTIVE USE OBJ SIZE SLABS
OBJ/SLAB CACHE SIZE NAME``, ``CACHE SIZE`` being slabs x pages per slab x page
size in kB (procps slabtop.c, the same columns from procps 3.2 to procps-ng 4.0).
sos runs it in the ``memory`` plugin (``add_cmd_output("slabtop -o",
foreground=True)``): ``sos_commands/memory/slabtop_-o``.  Sizes may carry the
locale's decimal comma (``0,10K``).  Rows that do not have the eight columns
are counted in ``skipped``.

Sample input (procps-ng 4.0.2, kernel 6.18, abridged)::

     Active / Total Objects (% used)    : 3055234 / 3158030 (96.7%)
     Active / Total Slabs (% used)      : 97598 / 97598 (100.0%)
     Active / Total Caches (% used)     : 129 / 235 (54.9%)
     Active / Total Size (% used)       : 635542.20K / 644896.65K (98.5%)
     Minimum / Average / Maximum Object : 0.01K / 0.20K / 50.28K

      OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME
    1380639 1341421  97%    0.10K  35401       39    141604K buffer_head
    461412 460108  99%    0.19K  21972       21     87888K dentry
    246890 246758  99%    1.10K  20170       14    282480K ext4_inode_cache

Examples:
    >>> [(c["name"], c["cache_kb"]) for c in slabtop.largest(2)]
    [('ext4_inode_cache', 282480), ('buffer_head', 141604)]
    >>> slabtop.total_size_kb, slabtop.skipped
    (644896, 0)
"""

import re

from insights.core import CommandParser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.specs import Specs

_SIZE = r"\d{1,12}(?:[.,]\d+)?K"
_ROW = re.compile(r"^\s*(?P<objs>\d{1,18})\s+(?P<active>\d{1,18})\s+(?P<use>\d{1,3})%\s+(?P<objsize>" + _SIZE
                  + r")\s+(?P<slabs>\d{1,18})\s+(?P<per_slab>\d{1,9})\s+(?P<cache>\d{1,18})K\s+(?P<name>\S+)\s*$")
_TOTAL_SIZE = re.compile(r"^\s*Active / Total Size \(% used\)\s*:\s*(?P<active>" + _SIZE + r") / (?P<total>"
                         + _SIZE + ")")


def _kb(text):
    """``"644896.65K"`` or ``"0,10K"`` -> kB as float."""
    return float(text.rstrip("K").replace(",", "."))


@parser(Specs.slabtop)
class Slabtop(CommandParser):
    """
    Attributes:
        caches (list): ``{name, objs, active, objsize_kb, slabs, cache_kb}`` per row, as printed.
        total_size_kb (int): the summary's total slab size, or None when not printed.
        skipped (int): rows after the header that were not a cache row.
    """

    def parse_content(self, content):
        self.caches, self.total_size_kb, self.skipped = [], None, 0
        in_rows = False
        for line in content:
            if not line.strip():
                continue
            if not in_rows:
                total = _TOTAL_SIZE.match(line)
                if total:
                    self.total_size_kb = int(_kb(total.group("total")))
                in_rows = "OBJS" in line and "CACHE SIZE" in line and "NAME" in line
                continue
            row = _ROW.match(line)
            if row is None:
                self.skipped += 1
                continue
            self.caches.append({"name": row.group("name"), "objs": int(row.group("objs")),
                                "active": int(row.group("active")), "objsize_kb": _kb(row.group("objsize")),
                                "slabs": int(row.group("slabs")), "cache_kb": int(row.group("cache"))})
        if not in_rows:
            raise SkipComponent("slabtop -o: no 'OBJS ... CACHE SIZE NAME' header (slabinfo unreadable?)")

    def largest(self, top=5):
        """The ``top`` caches by CACHE SIZE, largest first."""
        return sorted(self.caches, key=lambda c: -c["cache_kb"])[:top]
