"""The short paths that make dense logs cheap give exactly what the general paths give.

Each short path (pagealloc.kernlog.prefix.uptime_only, Framing.read's use of it, the zone line's
one-pass field reading, the spare Mem-Info totals) is compared with the general code it stands in
for, on drawn lines built from the pieces that decide between them.
"""

import copy
import dataclasses
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import mem_info
from pagealloc.kernlog import patterns as P
from pagealloc.kernlog.assembler import _zone_kb_fields
from pagealloc.kernlog.event import MemInfoTotals
from pagealloc.kernlog.framing import learn
from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.prefix import Prefixed, _after_level, split_prefix, uptime_only

# Pieces of dmesg prefixes and what may follow them (callers, frames, journal tags, odd blanks).
PREFIX_PIECES = ["[", "]", " ", "  ", "\t", "\u3000", ".", "1", "42", "7873", "855883", "(0)", "[123:kw/0:1]",
                 "[    C3]", "[  T412]", " [<ffffffffa8d81340>]", "[<c0013a7c>]", " [3:  Binder:9343_3:22875]",
                 " [4", "[4", "kernel: ", "web1 kernel: ", "swapper: ", "Call Trace:", "x" * 70, "\u00b2", "<4>"]
LINES = st.lists(st.sampled_from(PREFIX_PIECES), max_size=12).map("".join)
UPTIME_LINES = st.tuples(st.sampled_from(["[", "[ ", "[  "]), st.integers(0, 10 ** 10).map(str),
                         st.sampled_from([".0", ".000001", ".855883", ".1234567891"]), st.sampled_from(["]", "] "]),
                         LINES).map("".join)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(LINES, UPTIME_LINES))
def test_uptime_only_is_split_prefix_or_declines(line):
    general = _after_level(Prefixed(body=line), line) if line[:1] == "[" else None
    short = uptime_only(line)
    assert short is None or short == general
    assert split_prefix(line) == (general if general is not None else split_prefix(line))


HEADERS = ["[10000.001350] swapper/21: page allocation failure: order:0, mode:0x20",
           "> [ 1.0] swapper: page allocation failure. order:0, mode:0x20",
           "[  5.0] [    C3] swapper: page allocation failure: order:0, mode:0x20",
           "Jun 17 21:19:45 web1 kernel: [ 7873.855883] swapper: page allocation failure. order:0, mode:0x20"]


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.one_of(LINES, UPTIME_LINES, UPTIME_LINES.map(lambda line: "> " + line)))
def test_framing_read_short_path_is_the_general_read(header, line):
    framing = learn(find_header(header))[0]
    general = copy.copy(framing)
    general.uptime = False
    assert framing.read(line) == general.read(line)


# The zone line's optional fields as they were read before: one search per name.
FIELD_SEARCHES = {"present": re.compile(r" present:(?P<kb>\d+)kB"), "managed": re.compile(r" managed:(?P<kb>\d+)kB"),
                  "free_cma": re.compile(r" free_cma:(?P<kb>\d+)kB"), "free_pcp": re.compile(r" free_pcp:(?P<kb>\d+)kB"),
                  "reserved_highatomic": re.compile(r" reserved_highatomic:(?P<kb>\d+)[kK]B")}
# A zone line's tail: fields of a name, digits and a unit, names repeated, glued or odd.
ZONE_FIELDS = st.tuples(st.sampled_from([" present:", " managed:", " free_cma:", " free_pcp:", " reserved_highatomic:",
                                         "present:", " free:", " isolated(anon):", " xpresent:", ""]),
                        st.sampled_from(["12", "0", "\u0663", "", "1x"]),
                        st.sampled_from(["kB", "KB", "B", "", "kB ", " kB"])).map("".join)


@settings(max_examples=1500, deadline=None)
@given(st.lists(ZONE_FIELDS, max_size=8).map("".join))
def test_zone_fields_in_one_pass_are_the_searches_per_name(text):
    searched = {}
    for name, pattern in FIELD_SEARCHES.items():
        match = pattern.search(text)
        if match:
            searched[name] = match.group("kb")
    assert _zone_kb_fields(text) == searched
    assert P.ZONE_KB_FIELDS.pattern.count("|") == len(FIELD_SEARCHES) - 1


TOTALS_PIECES = ["active_anon:", "free:", "12", " ", "Node 0 ", "hugepages_total=1 hugepages_free=0 hugepages_surp=0 "
                 "hugepages_size=2048kB", " total pagecache pages", " pages RAM", "Memory allocations:", " func:x",
                 "    38.4 MiB     5505 mm/slub.c:3075", "=", "kB", "x"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(TOTALS_PIECES), max_size=10).map("".join))
def test_a_line_read_as_no_totals_changes_nothing(text):
    # The assembler tries each line on one spare MemInfoTotals until a line is read (_read_totals).
    totals = MemInfoTotals()
    before = dataclasses.asdict(totals)
    if not mem_info.read_line(totals, text):
        assert dataclasses.asdict(totals) == before
