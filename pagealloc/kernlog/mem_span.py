"""
A Mem-Info block's lines in a row that ``ReportAssembler.feed_mem_run`` would read one by one by their kind and
keep as text (a report whose event the bound may drop: assembler.DEFER_MEM), found in one regex match.

Inside such a run every step is the same whatever the line (assembler._defer_mem_line: the line kept, the
report's idle set back but by a ``lowmem_reserve[]`` line, its zone or end flag set by a zone or end line),
so a span of those lines is taken at once when each line is one the run takes by its kind without a wrap
test, the pair with the line after it whole by their kinds (a ``lowmem_reserve[]`` line's before a line
opening with a letter: whole_kinds.whole_by_kind; a 4.8+ node line's, ``Node 0 active_anon:...kB ...
all_unreclaimable? no``, holding no `` free:``, before any span line: assembler._surely_whole), and no line
printed before every open report's header (all of the span's lines share the whole seconds of its first: the
caller compares the oldest header with them once).  The span's lines and what _MEM_KIND calls them are held equal by
tests/kernlog/test_mem_span.py.

:func:`span_lines` counts the lines of ``text`` (lines ending in a newline) such a span takes from its
start; :func:`span_marks` says what the kept lines set.

>>> text = ("[10000.000217] DMA free:992kB min:124kB low:152kB high:184kB present:15872kB\\n"
...         "[10000.000224] lowmem_reserve[]: 0 238 238 238\\n"
...         "[10000.000245] DMA: 0*4kB 2*8kB 1*16kB = 16kB\\n"
...         "[10000.000259] 57660 total pagecache pages\\n")
>>> count, seconds = span_lines(text)
>>> count, seconds
(4, '10000')
>>> span_marks(text, text.index("[10000.000245]"))  # (the lines before the third: zone, end, all lowmem)
(True, False, False)
>>> span_lines("[10000.000224] lowmem_reserve[]: 0 238\\n[10000.000259] 57660 total pagecache pages\\n")[0]  # (a digit)
0
>>> span_lines("[10000.000217] DMA free:992kB min:124kB low:152kB high:184kB\\n[10001.000224] lowmem_reserve[]: 0\\n")[0]
1
"""

import re

_ZONE_NAME = r"(?:DMA32|DMA|Normal|HighMem|Movable|Device)"  # (assembler._MEM_KIND's)
_N = r"[0-9]{1,18}"
# The kinds of assembler._MEM_KIND a span takes (not "mem_info", which starts a block), each as _MEM_KIND spells it (a
# node line's fields but " free:"); a counters line holding "lowmem" or "cache:" asks the wrap test.
_ZONE_REST = (r" free:" + _N + r"kB(?: boost:" + _N + r"kB)? min:" + _N + r"kB low:" + _N + r"kB high:" + _N
              + r"kB(?: [a-z_()]++:[0-9]++[kKB]*+)*+(?: all_unreclaimable\? (?:yes|no))?")
_BUDDY_REST = (r": [0-9]++\*[0-9]++[kMG]B *+(?:\([A-Z]++\) *+)?(?:[0-9]++\*[0-9]++[kMG]B *+(?:\([A-Z]++\) *+)?)*+"
               r"(?<= )= [0-9]++[kMG]B")
_HUGEPAGES = (r"hugepages_total=" + _N + " hugepages_free=" + _N + " hugepages_surp=" + _N + " hugepages_size=" + _N
              + "kB")
# (whole before any line of a span: _surely_whole asks a line holding " free:" for " high:", and "lowmem" or "cache:",
# which span_lines rules out, of the next line's first sign)
_NODE_REST = r"active_anon:[0-9]++kB(?: (?!free:)[a-z_()]++: ?[0-9]++[kKB]*+)*+ all_unreclaimable\? (?:yes|no)"
_KINDS = (
    # zone, buddy, node and hugepages lines behind a node's number; a zone or buddy line
    r"Node [0-9]{1,9}(?: (?:" + _ZONE_NAME + r"(?:" + _ZONE_REST + r"|" + _BUDDY_REST + r")|" + _NODE_REST + r"|"
    + _HUGEPAGES + r")|, " + _ZONE_NAME + _BUDDY_REST + r")",
    _ZONE_NAME + r"(?:" + _ZONE_REST + r"|" + _BUDDY_REST + r")",
    # (whole before a line opening with a letter: whole_kinds.whole_by_kind; the lookahead reads the next line)
    r"lowmem_reserve\[\]:(?: " + _N + r")++(?=\n\[ *[0-9]{1,10}\.[0-9]{1,9}\] [A-Za-z])",
    _HUGEPAGES,
    # the block's end ("end") and the lines read for nothing ("other")
    _N + r" (?:pages (?:RAM|reserved|hwpoisoned|of RAM|of HIGHMEM|in swap cache|HighMem/MovableOnly|HighMem"
    r"|MovableOnly|shared|non-shared|cma reserved|swap cached)|total pagecache pages|reserved pages)",
    r"(?:Free swap  =|Total swap =) " + _N + r"kB|Swap cache stats: add " + _N + ", delete " + _N + ", find " + _N
    + "/" + _N,
    r" *(?![BCP])[A-Za-z][a-z_]{0,39}:" + _N + r"(?: ++[a-z_]{1,40}:" + _N + r")*+",  # (counters)
)
# (one alternative per first sign, which the regex engine tells before it tries one)
_BODY = r"(?:" + "|".join(_KINDS) + r")\n"
# The first line names its whole seconds; every other line repeats them.
_SPAN = re.compile(r"\[ *(?P<s>[0-9]{1,10})\.[0-9]{1,9}\] " + _BODY
                   + r"(?:\[ *(?P=s)\.[0-9]{1,9}\] " + _BODY + r")*+")
_ZONE_LINE = re.compile(r"\] (?:Node [0-9]{1,9} )?" + _ZONE_NAME + " free:")
_END_LINE = re.compile(r"\] " + _N + r" (?:pages RAM|total pagecache pages|pages reserved|pages hwpoisoned"
                       r"|pages of RAM|pages of HIGHMEM|reserved pages)\n")
_LOWMEM_LEAD = "] lowmem_reserve[]:"


def span_lines(text):
    """``(lines, seconds)``: how many lines from the start of ``text`` make a span (0: none) and their whole
    seconds (the uptime's digits before its point)."""
    match = _SPAN.match(text)
    if match is None:
        return 0, None
    end = match.end()
    # words feed_mem_run tests each line for (a counters line holding "lowmem" or "cache:" asks the wrap test):
    # looked for in the whole span at once, which then reads line by line
    if text.find("alloc", 0, end) >= 0 or text.find("vma", 0, end) >= 0 or text.find("kernel:", 0, end) >= 0 \
            or text.find("cache:", 0, end) >= 0 or text.count("lowmem", 0, end) != text.count(_LOWMEM_LEAD, 0, end):
        return 0, None
    return text.count("\n", 0, end), match.group("s")


def span_marks(text, end, zone=True, ended=True, lowmem=True):
    """What the span's lines in ``text[:end]`` set: ``(zone, end, lowmem only)`` - one of them is a zone line
    (assembler._defer_mem_line's deferred_zone), one ends the block (mem_ended), all are ``lowmem_reserve[]``
    lines (which leave the report's idle as it was); each only when asked (False when not: the caller asks what
    its report does not hold yet)."""
    return zone and _ZONE_LINE.search(text, 0, end) is not None, ended and _END_LINE.search(text, 0, end) is not None, \
        lowmem and text.count(_LOWMEM_LEAD, 0, end) == text.count("\n", 0, end)
