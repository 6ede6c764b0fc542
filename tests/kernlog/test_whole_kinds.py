"""whole_kinds.whole_by_kind answers True only for pairs assembler._surely_whole calls whole, on drawn lines of its
kinds and lines around them (what a continuation may open with: modules, source places, quotes, header words,
figures, frames cut after their address), on text drawn from its own patterns and on any text; and the dense
path gives the same events with it as without it, on drawn logs.  whole_kinds.header_whole_before answers True only
for a header and a next line wrapping.continues gives no piece of it, on drawn headers of every era, cut ones, and
task lines (drawn comms, signs a cut may leave)."""

import copy
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import assembler, whole_kinds
from pagealloc.kernlog.assembler import _surely_whole
from pagealloc.kernlog.framing import learn
from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.prefix import uptime_only
from pagealloc.kernlog.whole_kinds import header_whole_before, whole_before_header, whole_by_kind
from pagealloc.kernlog.wrapping import HeldLine, continues
from tests.kernlog.test_dense_path import (
    COMMS,
    HEADER_RESTS,
    HEADERS,
    MEM_BODIES,
    MEM_FIXTURES,
    NEXT_BODIES,
    SLAB_LINES,
    STAMPS,
    _edited,
    _events,
    _fixture_lines,
)
from tests.kernlog.test_report_line_run import (
    CUT_BODIES,
    FRAME_BODIES,
    REPORT_BODIES,
    REPORT_LINES,
    _in_report,
)

HEX = st.sampled_from("0123456789abcdef")
WORD = st.sampled_from([8, 16]).flatmap(lambda n: st.lists(HEX, min_size=n, max_size=n).map("".join))
STACK_WORDS = st.tuples(st.sampled_from(["", " ", "  "]), st.lists(WORD, min_size=1, max_size=8)) \
    .map(lambda t: t[0] + " ".join(t[1]))
REGISTERS = st.from_regex(r"R[A-Z0-9]{1,3}: [0-9a-fA-Z_: ]{0,60}[0-9a-fA-Z_:]", fullmatch=True)
CODE = st.from_regex(r"Code: [0-9a-f<> ]{0,60}[0-9a-f<>]", fullmatch=True)
LOWMEM = st.lists(st.integers(0, 10 ** 19).map(str), max_size=6).map(lambda v: "lowmem_reserve[]:" + "".join(
    " " + figure for figure in v))
# the kinds, real lines of other kinds, and texts ending like a cut line
HELD = st.one_of(
    st.sampled_from(sorted(whole_kinds._MARKERS) + sorted(whole_kinds._OPENERS)),
    STACK_WORDS, REGISTERS, CODE, LOWMEM,
    st.sampled_from(["RSP: 0018:ffffb8c0c0103e70 EFLAGS: 00000246", "RIP: 0010:cpuidle_enter_state+0xdb/0x4a0",
                     "Code: 0f 1f 44 00 00 <41> 57 41 56", "R13: SLUB: U", "R12: __a", "RAX: CPU: 12", "R8: PID:",
                     "ffff9a5c7f943a68", " 0000000000000020 4b3c2a1d0e5f6a71", "Hardware name: Dell Inc. PowerEdge",
                     "Mem-Info", "Call Trace", " <IRQ>  [<ffffffffa8d81340>]", "<IRQ> ", "lowmem_reserve[]:",
                     "lowmem_reserve[]: 0 238 238 238 vmap 1", " dump_stack+0x19/0x1b", "swapper/21:", "CPU: 21"]),
    st.text(alphabet="0123456789abcdefABCDEFRSUBLP_:<>/ []", max_size=30))
FOLLOWING = st.one_of(
    st.sampled_from([" dump_stack+0x19/0x1b", " [<ffffffffa8d81340>] dump_stack+0x19/0x1b", " ? __alloc_pages+0x1/0x2",
                     "  [<c108c9a2>] ? __alloc_pages_nodemask+0x484/0x4d9", "[e100]", " [ixgbe]", "(mm/page_alloc.c:12)",
                     "from [<c0012345>] (show_stack+0x10/0x14)", "> page allocation failure", "| x", "",
                     "page allocation failure: order:0", "pagetables:234 bounce:0", "allocation failure, order:0",
                     "alloc failure", "SLUB: Unable to allocate memory", "size 4096", "Unable to allocate", "12 34",
                     "4995 Comm: systemd-udevd", "PID: 4995 Comm: x", "lloc_pages: 3-order allocation failed +0x1",
                     "nable to allocate memory +0x1/0x2", "B: Unable to allocate memory", "active_anon:762",
                     "Normal free:716kB min:1908kB", "DMA: 0*4kB 2*8kB = 16kB", "57660 total pagecache pages",
                     " <IRQ>", " </TASK>", "Mem-Info:", "Call Trace:", "RIP: 0010:x+0x1/0x2", "/0x1b", "+0x19/0x1b"]),
    st.tuples(st.sampled_from(["", " ", "  ", "\t", "\x0b"]), st.text(alphabet="pagevmlocSLUB_[(<>|/+0x19 :kf",
                                                                      max_size=30)).map("".join),
    st.text(max_size=20))


@settings(max_examples=1000, deadline=None)
@given(HELD, FOLLOWING)
def test_a_pair_whole_by_its_kinds_is_one_surely_whole_calls_whole(body, following):
    if whole_by_kind(body, following):
        assert _surely_whole(body, following)


@settings(max_examples=1000, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_on_any_text_whole_by_kind_implies_surely_whole(body, following):
    if whole_by_kind(body, following):
        assert _surely_whole(body, following)


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.from_regex(whole_kinds._NOISE, fullmatch=True), st.from_regex(whole_kinds._LOWMEM, fullmatch=True)),
       FOLLOWING)
def test_text_of_its_own_patterns_is_whole_only_where_surely_whole_says_so(body, following):
    if whole_by_kind(body, following):
        assert _surely_whole(body, following)


def test_the_kinds_of_a_dense_report_are_told_whole():
    lines = [line for name in MEM_FIXTURES for line in _fixture_lines(name)]
    bodies = [re.sub(r"^\[[ 0-9.]*\] ", "", line) for line in lines if line.startswith("[")]
    taken = [body for body, after in zip(bodies, bodies[1:]) if whole_by_kind(body, after)]
    assert {" <IRQ>", "Call Trace:", "Mem-Info:"} <= set(taken)
    assert any(body.startswith("lowmem_reserve[]: ") for body in taken)
    assert any(body.startswith("RSP: ") for body in taken) and any(body.startswith("Code: ") for body in taken)


BODIES = REPORT_BODIES + FRAME_BODIES + CUT_BODIES + MEM_BODIES + ["lowmem_reserve[]: 0 238 238 238", "R12: __a",
                                                                 "RAX: CPU: 12", " ffff9a5c7f943a68"]


def _same_events_with_each_off(lines, shortcuts):
    """The events of ``lines`` stay the same as each shortcut of the assembler is switched off in turn (answers False:
    the general test decides), the ones before it staying off."""
    taken = _events(lines, True, scanned=True)
    with pytest.MonkeyPatch.context() as patch:
        for name in shortcuts:
            patch.setattr(assembler, name, lambda *args: False)
            assert taken == _events(lines, True, scanned=True)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.sampled_from(BODIES + REPORT_LINES + ["drop", "wrap"])), max_size=10))
def test_the_dense_path_gives_the_same_events_without_it(names, edits):
    # drawn bodies behind the line before's prefix in a report's first lines, its trace or its Mem-Info block
    lines = _edited([line for name in names for line in _fixture_lines(name)], edits,
                    lambda line: _in_report(line) or ":" in line, BODIES, pieces=True)
    _same_events_with_each_off(lines, ("whole_by_kind", "header_whole_before", "whole_before_header"))


# -- a header whole before its task line (header_whole_before): wrapping.continues gives that line no piece -----------

TASK_BODIES = ["CPU: 1 PID: 0 Comm: {comm} Not tainted 4.9.0 #1", "Pid: 0, comm: {comm} Not tainted 2.6.32-5-686 #1",
               "CPU: 253 PID: 4995 Comm: {comm}", "CPU: 0 PID:", "CPU: 1", "Pid: 3, comm: {comm}+0x1/0x2",
               "CPU: 2 PID: 1 Comm: x)", "CPU: 12 PID: 1 Comm: GFP_ATOMIC) Not tainted", "Pid: 1, comm: page allocation",
               "CPU: 1 PID: 0 Comm: {comm} alloc failure", "  CPU: 7 PID: 9 Comm: {comm}", "CPU: x PID: 1", "CPU:  3",
               "Pid: 0, comm: {comm} nodemask=(null),cpuset=/,mems_allowed=0", "CPU: 3 ATOMIC) failure order:0, mode:0x20"]
# rests cut inside a flag name, a field, the mode's figures or words; a comma's end (4.11+'s nodemask wrapped on)
CUT_RESTS = ["page allocation failure: order:0, mode:0x20(GFP_ATO", "page allocation failure: order:0, mode:0x20(",
             "page allocation failure: order:0, mode:0x2", "page allocation stalls for 10472ms, order:0, mode:",
             "page allocation failure: order:0, mode", "page allocation failure: order:0, mode:0x20(GFP_ATOMIC|__GFP_",
             "vmalloc: allocation failure: 67108864 bytes, mode:0xcc0(GFP_KERNEL),", "page allocation failure: order:0, mo",
             "page allocation failure: order:0, mode:0x20 ", "page allocation failure: order:0, mode:0x20(GFP_ATOMIC) ,",
             "page allocation failure: order:0, mode:0x20 page allocation", "page allocation failure: mode:0x20 order"]


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(STAMPS, COMMS, st.sampled_from(HEADER_RESTS + CUT_RESTS + SLAB_LINES), st.sampled_from(TASK_BODIES + NEXT_BODIES),
       st.one_of(STAMPS, st.sampled_from(["", "   ", "> "])))
def test_a_header_whole_before_its_task_line_takes_no_piece_of_it(stamp, comm, what, body, next_stamp):
    line = stamp + (what if what in SLAB_LINES else comm + ": " + what)
    hit = find_header(line)
    assume(hit is not None)
    next_line = next_stamp + body.format(comm=comm)
    framing = learn(copy.copy(hit), next_line)[0]
    nxt = framing.read(next_line)
    if nxt is not None and header_whole_before(hit, nxt.body):
        assert continues(HeldLine(1, line, None, hit), next_line, nxt, framing, True) is None


def test_a_dense_dmesg_header_is_whole_before_its_task_line():
    lines = [line for name in MEM_FIXTURES for line in _fixture_lines(name)]
    taken = []
    for line, after in zip(lines, lines[1:]):
        hit = find_header(line) if "alloc" in line else None
        if hit is not None:
            framing = learn(copy.copy(hit), after)[0]
            nxt = framing.read(after)
            taken.append(nxt is not None and header_whole_before(hit, nxt.body))
    assert sum(taken) >= 8


@pytest.mark.parametrize("edits", [[], [(0, "wrap")], [(3, "drop"), (1, "wrap")]])
def test_the_header_pair_gives_the_same_events_without_it(edits):
    lines = _edited([line for name in MEM_FIXTURES for line in _fixture_lines(name)], edits, lambda line: "alloc" in line,
                    BODIES)
    _same_events_with_each_off(lines, ("header_whole_before", "whole_before_header"))


# -- a dense report's last line whole before the next header (whole_before_header) -----------------------------------

FUNCS = st.one_of(st.sampled_from(["page_fault", "__alloc_pages", "vmap", "__vmap_pages_range", "abc", "x", "page",
                                   "allocation", "SLUB", "mode", "order", "GFP_ATOMIC", "_", "$x.y"]),
                  st.from_regex(r"[A-Za-z_.$][A-Za-z0-9_.$]{0,12}", fullmatch=True))
FRAMES = st.tuples(st.sampled_from([" ", "  ", "   "]), st.sampled_from(["", "[<ffffffffa8d81340>] ", "[<c108c9a2>] "]),
                   st.sampled_from(["", "? "]), FUNCS, st.sampled_from(["+0x1e/0x30", "+0x0/0x0", "+0xab/0xcd"])) \
    .map("".join)
LAST_BODIES = st.one_of(FRAMES, LOWMEM.filter(lambda text: text[-1].isdigit()),
                        st.tuples(st.integers(0, 99), st.integers(0, 10 ** 6), st.integers(0, 10 ** 6),
                                  st.integers(0, 10 ** 6)).map(lambda v: "  node %d: slabs: %d, objs: %d, free: %d" % v))
HEADER_STAMPS = st.sampled_from(["[10000.001350] ", "[    5.100000] ", "[ 12.5] "])
HEADER_PIECES = HEADER_RESTS + CUT_RESTS + ["page allocation", "page", "vmalloc", "allocation failure: order:0",
                                            "failure: order:0, mode:0x20"]


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(LAST_BODIES.map(lambda body: "[10000.000343] " + body), st.from_regex(whole_kinds._BEFORE_HEADER,
                                                                                       fullmatch=True)),
       HEADER_STAMPS, COMMS, st.sampled_from(HEADER_PIECES + SLAB_LINES), st.sampled_from(HEADERS))
def test_a_dense_report_s_last_line_gives_the_next_header_no_piece(text, stamp, comm, what, report_header):
    line = stamp + (what if what in SLAB_LINES else comm + ": " + what)
    framing = learn(find_header(report_header), "[10000.001357] CPU: 21 PID: 0 Comm: x Not tainted")[0]
    assume(framing.uptime and framing.regex is None)
    held_pre = uptime_only(text)
    assume(held_pre is not None)
    nxt = uptime_only(line) or framing.read(line)
    if nxt is not None and whole_before_header(text, nxt.body):
        assert continues(HeldLine(1, text, held_pre, None), line, nxt, framing, True) is None


def test_a_dense_report_s_last_line_is_whole_before_the_next_header():
    # reports back to back, as the bench's dense dmesg prints them (a report's last line, then the next header)
    lines = [line for name in MEM_FIXTURES for line in _fixture_lines(name) if line.startswith("[")]
    bodies = [re.sub(r"^\[[ 0-9.]*\] ", "", line) for line in lines]
    taken = [text for text, after in zip(lines, bodies[1:]) if "allocation" in after and whole_before_header(text, after)]
    assert any("node 0: slabs:" in text for text in taken)  # (a SLUB block ends the 2.6.32 report)
