"""The short paths that make dense logs cheap give exactly what the general paths give.

Each short path (pagealloc.kernlog.prefix.uptime_only, Framing.read's use of it, the zone line's
one-pass field reading, the spare Mem-Info totals, the assembler's plain-frame path, its one test for
the per-line decoders and its earlier-stamped test, framing.outer_lead_end's regexes built from one set
of pieces, the scan's ASCII blocks, framing.plain_learned for a header as a dense dmesg prints it) is
compared with the general code it stands in for, on drawn lines built from the pieces that decide
between them.
"""

import copy
import dataclasses
import io
import re
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import assembler, mem_info, prose, scan
from pagealloc.kernlog import framing as framing_module
from pagealloc.kernlog import patterns as P
from pagealloc.kernlog.assembler import _BUDDY_COUNTS, ReportAssembler, _zone_kb_fields
from pagealloc.kernlog.escaped_text import needs_splitting
from pagealloc.kernlog.event import MemInfoTotals
from pagealloc.kernlog.framing import Framing, _shape, learn, outer_lead_end, plain_learned
from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.parse import parse_lines, parse_stream
from pagealloc.kernlog.prefix import Prefixed, _after_level, split_prefix, uptime_only
from pagealloc.kernlog.structured_records import needs_reading
from pagealloc.kernlog.terminal_codes import needs_showing
from pagealloc.kernlog.web_text import needs_unescaping, needs_unmarking
from pagealloc.knowledge.call_paths import classify_trace
from tests.kernlog.helpers import fixture_text

# Pieces of dmesg prefixes and what may follow them (callers, frames, journal tags, odd blanks).
PREFIX_PIECES = ["[", "]", " ", "  ", "\t", "\u3000", ".", "1", "42", "7873", "855883", "(0)", "[123:kw/0:1]",
                 "[    C3]", "[  T412]", " [<ffffffffa8d81340>]", "[<c0013a7c>]", " [3:  Binder:9343_3:22875]",
                 " [4", "[4", "kernel: ", "web1 kernel: ", "swapper: ", "Call Trace:", "x" * 70, "\u00b2", "<4>"]
LINES = st.lists(st.sampled_from(PREFIX_PIECES), max_size=12).map("".join)
UPTIME_LINES = st.tuples(st.sampled_from(["[", "[ ", "[  "]), st.integers(0, 10 ** 10).map(str),
                         st.sampled_from([".0", ".000001", ".855883", ".1234567891"]), st.sampled_from(["]", "] "]),
                         LINES).map("".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


@settings(max_examples=500, deadline=None)
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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOTALS_PIECES), max_size=10).map("".join))
def test_a_line_read_as_no_totals_changes_nothing(text):
    # The assembler tries each line on one spare MemInfoTotals until a line is read (_read_totals).
    totals = MemInfoTotals()
    before = dataclasses.asdict(totals)
    if not mem_info.read_line(totals, text):
        assert dataclasses.asdict(totals) == before


# -- the plain-frame path of ReportAssembler.feed -------------------------------------------------------

DMESG_FIXTURES = ["dmesg_2.6.32_i686_e100_seed.txt", "dmesg_3.10_rhel7_ixgbe.txt", "dmesg_4.14_amzn2_ena_nodemask.txt",
                  "dmesg_4.18_rhel8_mlx5_numa_slub.txt", "dmesg_5.10_arm64_hns3.txt", "dmesg_4.9_debian_interleaved.txt",
                  "dmesg_6.12_slab_leak_alloc_profiling.txt", "dmesg_3.2_arm_addresses_mv643xx.txt"]
# Lines that sit next to plain frames and must change what the short path may take: frames it must not
# take (a colon, "allocation", one blank, a caller id, an ARM caller, non-ASCII, a module on the next
# line, CRLF, NUL), a wrapped rest, a new header, Mem-Info, markers, other programs' lines.
ODD_LINES = ["[ 1.000001]  [<ffffffffa87c4b00>] warn_alloc_failed+0x110/0x180",
             "[ 1.000002]  ? do_allocation_x+0x1/0x2 [mod]", "[ 1.000003] [<ffffffffa87c4b00>] one_blank+0x1/0x2",
             "[ 1.000004][    C3]  ? other_cpu+0x1/0x2", "[ 1.000005]  [<c0013a7c>] (dump_backtrace+0x0/0x10c) from",
             "[ 1.000006]  ? caf\u00e9_rx+0x1/0x2", "[ 1.000007]  ? split_module+0x1/0x2", "[ixgbe]",
             "[ 1.000008]  ? crlf_frame+0x1/0x2\r", "[ 1.000009]  ? nul\x00_frame+0x1/0x2",
             "[ 1.000010]  ? :e1000:e1000_clean_rx_irq+0x1/0x2", "[ 1.000011]  ? igb_poll (drivers/igb.c:8)",
             "[ 1.000012] swapper/3: page allocation failure: order:0, mode:0x20",
             "[ 1.000013] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 3.10.0 #1", "[ 1.000014] Call Trace:",
             "[ 1.000015]  <IRQ>  [<ffffffffa8d81340>] dump_stack+0x19/0x1b", "[ 1.000016]  </IRQ>",
             "[ 1.000017] Mem-Info:", "[ 1.000018] Normal free:716kB min:1908kB low:2384kB high:2860kB",
             "[ 1.000019] vmalloc: allocation failure: 9 bytes", "[ 1.000020]  ? __vmalloc_node+0x1/0x2",
             "[ 1.000021]  ? x" + "y" * 210 + "+0x1/0x2", "Jun 17 21:19:45 web1 kernel: [ 7873.855883]  ? sys+0x1/0x2",
             "> [ 1.000022]  ? quoted+0x1/0x2", "[ 1.000023]  ? trailing_blank+0x1/0x2 ", "",
             "[ 1.000024]  ? ends_in_for+0x1/0xf", "[ 1.000025]  ? module_dash+0x1/0x2 [a-b_c]",
             "[ 1.000026]  [<c0013a7c>] (dump_backtrace+0x0/0x10c) from [<c0397d8c>] (dump_stack+0x18/0x1c)",
             "[ 1.000027]  unwind_backtrace from show_stack+0x10/0x14"]


def _fixture_lines(name):
    return fixture_text(name).split("\n")


def _events(lines, short_path, paths=("_plain_frame",), scanned=False, runs=True):
    """Events, counts and every trace as classified (frames with their modules, markers, unsure frames);
    without ``short_path``, the assembler's short ``paths`` always decline.  ``scanned``: the lines' bytes
    parsed as a stream (scan._feed_while_busy: ASCII blocks, runs of lines), without ``runs``
    ReportAssembler.feed_run taking none (each line fed on its own)."""
    traces = []

    def recording(frames, *rest):  # markers, unsure frames, the task
        traces.append([list(frames)] + [list(arg) if isinstance(arg, list) else arg for arg in rest])
        return classify_trace(frames, *rest)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembler, "classify_trace", recording)
        if not short_path:
            for path in paths:
                patch.setattr(ReportAssembler, path, lambda self, held, lineno, line: False)
        if not runs:
            patch.setattr(ReportAssembler, "feed_run", lambda self, lines, at, lineno, max_len: 0)
        result = parse_stream(io.BytesIO("\n".join(lines).encode()), keep=10 ** 6) if scanned \
            else parse_lines(lines, keep=10 ** 6)
    return [dataclasses.asdict(event) for event in result.events], result.total_reports, result.suppressed, traces


def _module_wrapped(line):
    """A frame line with its "[module]" moved to a line of its own (a console wrap)."""
    head, _, module = line.rpartition(" [")
    return [head, "[" + module] if head and module.endswith("]") and "+0x" in head else [line]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(DMESG_FIXTURES), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 400), st.sampled_from(ODD_LINES + ["drop", "wrap"])), max_size=12))
def test_plain_frame_path_gives_what_the_general_path_gives(names, edits):
    lines = [line for name in names for line in _fixture_lines(name)]
    for at, odd in edits:  # insert an odd line, drop one, or move a frame's module to a line of its own
        at %= len(lines) + 1
        if odd == "drop":
            del lines[at:at + 1]
        elif odd == "wrap":
            lines[at:at + 1] = _module_wrapped(lines[at]) if at < len(lines) else []
        else:
            lines.insert(at, odd)
    assert _events(lines, True) == _events(lines, False)
    assert _events(lines, True) == _events(lines, False, ("_plain_header",))


def test_the_plain_frame_path_is_taken_on_dense_dmesg():
    taken = []
    original = ReportAssembler._plain_frame

    def counting(self, held, lineno, line):
        taken.append(original(self, held, lineno, line))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_plain_frame", counting)
        lines = _fixture_lines("dmesg_3.10_rhel7_ixgbe.txt")
        assert _events(lines, True)[0]
    assert taken.count(True) >= 10


# -- the line's lead character (ReportAssembler._line): anchored patterns ruled out without a scan -------

# Each pattern the assembler tries only when the first character after the blanks is one of these.
LEADS = {"MODE_PIECE": ",", "TASK_NEW": "C", "TASK_OLD": "P",
         "CALL_TRACE": "CBS", "MEM_INFO": "M", "LOWMEM_RESERVE": "l", "SLAB_OOM": "S", "SLAB_CACHE": "c",
         "NODE_STATE": "N"}


def _lead(text):
    return text.lstrip()[:1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(LEADS)), st.data())
def test_an_anchored_pattern_matches_only_behind_its_lead(name, data):
    pattern = getattr(P, name)
    text = data.draw(st.from_regex(pattern))
    assert pattern.match(text) and _lead(text) in LEADS[name]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.from_regex(P.MEM_END))
def test_the_mem_info_end_matches_only_behind_a_digit(text):
    assert P.MEM_END.match(text) and _lead(text).isdecimal()


def test_regex_blanks_and_digits_are_str_isspace_and_isdecimal():
    # lstrip() and isdecimal() stand in for the patterns' ^\s* and \d: the same characters.
    blank, digit = re.compile(r"\s"), re.compile(r"\d")
    for code in range(0x110000):
        char = chr(code)
        assert (blank.match(char) is not None) == char.isspace()
        assert (digit.match(char) is not None) == char.isdecimal()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["1423", "0", "\u0663", "*", "4", "kB", "MB", "GB", "B", " ", "(UME)", "x", "=", "*4kB"]),
                max_size=30).map("".join))
def test_buddy_counts_alone_are_the_blocks_counts(text):
    assert _BUDDY_COUNTS.findall(text) == [count for count, _size, _unit in P.BUDDY_COUNT.findall(text)]
    first = P.BUDDY_COUNT.match(text)
    if first:
        assert P.BUDDY_COUNT.findall(text)[0] == first.groups()


# A buddy line's blocks: a count, "*", a size and unit, blanks (maybe none) and a migrate type (maybe none).
BUDDY_BLOCK = st.tuples(st.sampled_from(["0", "7", "1423", "\u0663", "12\u0663"]), st.just("*"), st.sampled_from(["4", "2048", "1"]),
                        st.sampled_from(["kB", "MB", "GB"]), st.sampled_from(["", " ", "  ", "\t", "\x1c"]),
                        st.sampled_from(["", "(U) ", "(UME)", "(M)  "])).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(BUDDY_BLOCK, min_size=1, max_size=14).map("".join),
                 st.lists(st.sampled_from(["1423", "0", "\u0663", "*", "4", "kB", "MB", "B", " ", "(UME)", "x", "="]),
                          max_size=30).map("".join)))
def test_buddy_counts_cut_at_stars_are_the_patterns_counts(counts):
    # buddy_counts reads the counts group of a line patterns.BUDDY matched: what _BUDDY_COUNTS.findall reads
    match = P.BUDDY.match("Normal: " + counts + "= 716kB")
    if match is not None:
        assert assembler.buddy_counts(match.group("counts")) == _BUDDY_COUNTS.findall(match.group("counts"))


FRAME_NAMES = ["__alloc_pages_nodemask", "__netdev_alloc_skb", "e1000_alloc_rx_buffers", "net_rx_action",
               "__do_softirq", "kmem_cache_alloc", "tcp_sendmsg", "nvme_queue_rq", "ring_alloc", "", "swapper"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(FRAME_NAMES), st.sampled_from([None, "e1000", "igb", "nvme"])), max_size=8),
       st.lists(st.sampled_from(["IRQ", "/IRQ", "EOI", "TASK", "NMI"]), max_size=3),
       st.lists(st.integers(0, 8), max_size=3, unique=True),
       st.one_of(st.none(), st.tuples(st.sampled_from(["swapper/3", "ksoftirqd/0", "java", None]),
                                      st.sampled_from([0, 7, None]))))
def test_the_memoised_trace_classification_is_classify_trace(frames, markers, unsure, task):
    from pagealloc.knowledge.call_paths import classify_trace_cached
    assert classify_trace_cached(frames, markers, unsure, task) == classify_trace(frames, markers, unsure, task)
    frames.append(("__netdev_alloc_skb", "igb"))  # the caller's lists change afterwards: not the memo's key
    assert classify_trace_cached(frames, markers, unsure, task) == classify_trace(frames, markers, unsure, task)


# -- the per-line decoders in one test (ReportAssembler.feed and _feed_text: _PLAIN_LINE) ------------------

# What each decoder's cheap test looks for, and what stands around it in a dmesg line.
DECODER_PIECES = ["[", "[ ", "[1", "[a", "]", " ", "\t", "1.5", "x", "Call Trace:", "&", "&lt;", "\\", "\\n", "\x00",
                  "\x1b[32m", "\r", "\b", "\x9b", "\u00a0", "\ufeff", "<br>", "</pre>", "`", "*", "_", "~", "[/code]",
                  ">", "|", "{", "}", '"', ",", "=", "A", "\u00e9", "\u3000", "\n", "[    C3]"]


def _decoded_by_any(line):
    return "\x00" in line or needs_showing(line) or needs_reading(line) or needs_splitting(line) \
        or needs_unescaping(line) or needs_unmarking(line)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(DECODER_PIECES), max_size=12).map("".join))
def test_a_plain_line_is_one_no_decoder_looks_at(line):
    if assembler._PLAIN_LINE.fullmatch(line) is not None:
        assert not _decoded_by_any(line)


def test_most_lines_of_a_dmesg_are_plain():
    lines = [line for name in DMESG_FIXTURES for line in _fixture_lines(name) if line]
    plain = [line for line in lines if assembler._PLAIN_LINE.fullmatch(line)]
    assert len(plain) > 0.8 * len(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(DMESG_FIXTURES), min_size=1, max_size=2),
       st.lists(st.tuples(st.integers(0, 400), st.integers(0, 300), st.sampled_from(DECODER_PIECES)), max_size=8))
def test_the_plain_line_test_gives_what_the_decoders_give(names, edits):
    lines = [line for name in names for line in _fixture_lines(name)]
    for at, column, piece in edits:  # a decoder's sign put into a line of a report
        at %= len(lines) + 1
        if at < len(lines):
            lines[at] = lines[at][:column] + piece + lines[at][column:]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembler, "_PLAIN_LINE", re.compile(r"(?!)"))  # matches nothing: every line decoded
        general = _events(lines, True)
    assert _events(lines, True) == general


# -- the Mem-Info path of ReportAssembler.feed (_plain_mem) ----------------------------------------------

# Bodies a dense dmesg line may hold around a Mem-Info block, with the signs each test before _memory_line looks
# for (a frame's "+", " from ", ".c:", "cpuset=", "vma", "callbacks suppressed", "oom-killer:", a bare symbol,
# the leads of a task line, a trace opener or a mode piece, stack markers), lines that end in a header's words or
# a cut end, decoders' signs, an elision, a glued record, a journal tag, caller ids, blanks and the empty line.
MEM_BODIES = ["Mem-Info:", "Node 0 DMA32 free:5596kB min:1976kB low:2468kB high:2964kB present:2046336kB",
              "DMA free:992kB min:124kB low:152kB high:184kB", "Normal free:716kB min:1908kB low:2384kB",
              "lowmem_reserve[]: 0 238 238 238", "DMA: 0*4kB 2*8kB 1*16kB = 20kB", "Normal: 179*4kB (UEM) 0*8kB",
              " active_file:28611 inactive_file:28682 isolated_file:0", "active_anon:762 inactive_anon:827",
              "57660 total pagecache pages", "65520 pages RAM", "Free swap  = 346240kB", "Swap cache stats: add 1",
              "Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB",
              "Node 0 active_anon:4kB all_unreclaimable? yes", "SLUB: Unable to allocate memory on node -1 (gfp=0x20)",
              "  cache: kmalloc-192, object size: 192, buffer size: 192, default order: 0, min order: 0",
              "  node 0: slabs: 105, objs: 2205, free: 0", "CPU    0: hi:    0, btch:   1 usd:   0",
              "DMA per-cpu:", "Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1", "Call Trace:",
              "Comm: x", "Bogus line", ", mode:0x20", "<IRQ>", " ? dump_stack+0x19/0x1b", "swapper_rx [e100]",
              "free:1 vmalloc:2", "net_ratelimit: 3 callbacks suppressed", "x invoked oom-killer: gfp_mask=0x20",
              "x cpuset=/ mems_allowed=0", "at mm/page_alloc.c:12", "dump from here", "ends in page",
              "swapper: page allocation failure: order:0, mode:0x20", "vmap allocation for size 4096 failed",
              "web1 kernel: DMA free:1kB min:1kB low:1kB high:1kB", "[...]", "a&amp;b 12", "tab\there 1",
              "12.5] glued [ 13.0] DMA free:1kB", "#012 escaped", "free:2 min:1 x", " ", "", "wrapped  rest",
              "DMA free:992kB min:124kB low:152kB high:184kB active_anon:64kB inactive_anon:116kB",
              "unwind_backtrace from show_stack", "warn_alloc (mm/page_alloc.c:12)", "DOM: page", "kswapd0: SLUB:"]
MEM_PREFIXES = ["[10000.000217] ", "[    5.100000] ", "[10000.000217]", "[ 1.0]  ", "[  T12] ", "[ 1.0] [ C3] ",
                "> [ 1.0] ", "Jun 17 21:19:45 web1 kernel: [ 1.0] ", "", "[1.0] ", "[ 9.5] \u00b2"]
MEM_LINES = st.tuples(st.sampled_from(MEM_PREFIXES), st.sampled_from(MEM_BODIES)).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(MEM_LINES, st.tuples(MEM_LINES, st.lists(st.sampled_from(DECODER_PIECES + MEM_BODIES), max_size=4)
                                      .map("".join)).map("".join)))
def test_a_plain_mem_line_is_a_plain_line_uptime_only_reads(line):
    match = assembler._PLAIN_MEM.fullmatch(line)
    if match is not None:
        assert assembler._PLAIN_LINE.fullmatch(line) is not None
        read = uptime_only(line)
        if "kernel:" in match.group("body")[:80]:
            assert read is None
        else:
            assert read == Prefixed(match.group("body"), float(match.group("ts")), None, None, None, None, True, True)


MEM_FIXTURES = DMESG_FIXTURES + ["dmesg_2.6.9_i386_decimal_e1000.txt", "dmesg_6.19_xen_uvc_alloc_profiling.txt",
                                 "dmesg_4.14_mips_ath9k.txt", "dmesg_3.10_ppc64le_ibmveth.txt"]


_UPTIME_HEAD = re.compile(r"\[[^\]]*\] ?")


def _edited(lines, edits, in_block, bodies, pieces=False):
    """``lines`` with each drawn edit ``(at, odd)`` made at a line ``in_block`` selects: "drop" it, "wrap" it
    in two (a console's wrap), else put ``odd`` after it, behind that line's uptime when ``odd`` is one of
    ``bodies`` (``pieces``: each of its newline-separated pieces as a line of its own)."""
    for at, odd in edits:
        inside = [i for i, line in enumerate(lines) if in_block(line)] or [0]
        at = inside[at % len(inside)]
        if odd == "drop":
            del lines[at:at + 1]
        elif odd == "wrap":
            cut = len(lines[at]) // 2
            lines[at:at + 1] = [lines[at][:cut], lines[at][cut:]]
        else:
            head = _UPTIME_HEAD.match(lines[at]) if odd in bodies else None
            lines[at + 1:at + 1] = [(head.group() if head else "") + piece
                                    for piece in (odd.split("\n") if pieces else [odd])]
    return lines


def _in_mem_info(line):
    return " free:" in line or "*" in line or "lowmem" in line or " pages" in line or "_anon:" in line


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.one_of(st.sampled_from(MEM_BODIES), MEM_LINES,
                                                                 st.sampled_from(ODD_LINES + ["drop", "wrap"]))),
                max_size=10))
def test_plain_mem_path_gives_what_the_general_path_gives(names, edits):
    # in a Mem-Info block: a drawn body behind the line before's prefix, a drawn line, a drop
    lines = _edited([line for name in names for line in _fixture_lines(name)], edits, _in_mem_info, MEM_BODIES)
    assert _events(lines, True) == _events(lines, False, ("_plain_mem",))
    assert _events(lines, True) == _events(lines, False, ("_plain_mem", "_plain_frame", "_plain_header"))


def test_the_plain_mem_path_is_taken_on_dense_dmesg():
    taken = []
    original = ReportAssembler._plain_mem

    def counting(self, held, lineno, line):
        taken.append(original(self, held, lineno, line))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_plain_mem", counting)
        lines = _fixture_lines("dmesg_3.10_rhel7_ixgbe.txt")
        assert _events(lines, True)[0]
    assert taken.count(True) >= 10


# -- the earlier-stamped test (ReportAssembler._before_every_open_report) ---------------------------------

STAMPS = st.one_of(st.none(), st.sampled_from([0.0, 1.0, 1.01, 1.0100000001, 0.99, 2.5]),
                   st.floats(0, 10, allow_nan=False))


@settings(max_examples=500, deadline=None)
@given(st.lists(STAMPS, max_size=4), STAMPS, st.booleans())
def test_the_earlier_stamped_test_is_later_for_every_open_report(headers, stamp, relative):
    fed = ReportAssembler()
    fed.open = [SimpleNamespace(event=SimpleNamespace(timestamp=header)) for header in headers]
    pre = Prefixed(body="x", timestamp=stamp, relative=relative)
    assert fed._before_every_open_report(pre) == all(
        assembler._later(report.event, pre, assembler.CLOCK_SKEW_S) for report in fed.open)


# -- framing.outer_lead_end: each cut's regex from the pieces of the whole outer part ---------------------

def _outer_lead_end_per_cut(outer, line):
    """outer_lead_end as it was: _shape of each cut built on its own."""
    cut = len(outer.rstrip(" \t"))
    while cut > 0:
        cut = max(outer.rfind(" ", 0, cut), outer.rfind("\t", 0, cut))
        if cut < 0:
            return 0
        match = _shape(outer[:cut + 1]).match(line)
        if match is not None:
            return match.end()
        cut = len(outer[:cut].rstrip(" \t"))
    return 0


OUTER_PIECES = st.sampled_from([" ", "  ", "\t", "a", "B", "x1", "12", "0x1f", "ff", "ab12", "1a", ":", ">", "|", "[", "]",
                                ".", "-", "#", "kernel:", "Jun", "\u00e9", "\u3000", "\u0663"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(OUTER_PIECES, max_size=10).map("".join), st.lists(OUTER_PIECES, max_size=10).map("".join),
       st.integers(0, 12))
def test_outer_lead_end_is_the_shape_of_each_cut(outer, line, shared):
    line = outer[:shared] + line  # (a line that starts with part of the outer part)
    assert outer_lead_end(outer, line) == _outer_lead_end_per_cut(outer, line)


# -- the scan's busy loop: ASCII blocks decoded at once (scan._feed_while_busy) ---------------------------

class _Recorder:
    """Takes what the scan feeds; busy for its first ``busy_for`` lines."""

    held = None  # (no run of lines: ReportAssembler.feed_run is tested below)

    def __init__(self, busy_for):
        self.busy_for, self.fed, self.open = busy_for, [], []

    @property
    def busy(self):
        return len(self.fed) < self.busy_for

    def feed(self, lineno, line):
        self.fed.append((lineno, line.rstrip("\r\n")))  # (ReportAssembler.feed's first step)

    def feed_run(self, lines, at, lineno, max_len):
        return 0


def _per_line_while_busy(buf, pos, end, lineno, fed):
    """The busy loop as it was: each line found, cut and decoded on its own."""
    while True:
        newline = buf.find(b"\n", pos, end)
        stop = end if newline < 0 else newline + 1
        lineno += 1
        fed.feed(lineno, buf[pos:stop if stop - pos <= scan.MAX_LINE else pos + scan.MAX_LINE].decode("utf-8", "replace"))
        pos = stop
        if pos >= end or not (fed.open or fed.busy):
            return pos, lineno


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([b"\n", b"\n", b"\r", b"abc", b"[ 1.0] x", b" ", b"\xc3\xa9", b"\xff", b"\xc3", b"\x00",
                                 b"0123456789"]), max_size=40).map(b"".join),
       st.integers(0, 30), st.integers(0, 5), st.integers(1, 24), st.integers(1, 40))
def test_ascii_blocks_feed_what_each_line_decoded_feeds(data, busy_for, start, max_line, block):
    buf = bytearray(data)
    start = min(start, len(buf))
    if start == len(buf):
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "MAX_LINE", max_line)
        patch.setattr(scan, "ASCII_BLOCK", block)
        blocks, lines = _Recorder(busy_for), _Recorder(busy_for)
        assert scan._feed_while_busy(buf, start, len(buf), 7, blocks) == \
            _per_line_while_busy(buf, start, len(buf), 7, lines)
    assert blocks.fed == lines.fed


# -- a header's framing with nothing before its known prefix (framing: Framing, _undecorated, colon_blank_comm) --

def test_an_empty_outer_part_is_what_prose_says_of_it():
    # Framing skips prose's tests when nothing stands before the known prefix: they find no list and no words there
    listed = prose.list_item("") or prose.quoted("")
    assert not listed and not prose.has_words("")
    framing = Framing("", split_prefix("[ 1.0] "))
    assert (framing.provisional, framing.words_only) == (False, False)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["", " ", "  \t"]), st.one_of(st.none(), LINES), st.one_of(st.none(), LINES), LINES)
def test_blanks_alone_are_no_decoration(outer, next_line, before, line):
    assert framing_module._undecorated(outer, line, next_line, before) == outer


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PREFIX_PIECES + ["kworker/1:", " 0", ": ", ":", "1H", "> "]), max_size=8).map("".join))
def test_a_comm_with_a_blank_after_its_colon_needs_one(head):
    # colon_blank_comm returns None at once when head holds no ": " (its comm holds one, and is a piece of head)
    comm = framing_module.colon_blank_comm(head)
    assert comm is None or ": " in comm and comm in head


# -- runs of lines in one call (ReportAssembler.feed_run: frames, a Mem-Info block; from scan._feed_while_busy) --

# Lines a run must stop before or read alike: frames and Mem-Info lines printed before every open header, with a
# CR, "kernel:" or "#012" in them, frames in a Mem-Info block and the reverse, lines longer than a small MAX_LINE.
RUN_LINES = ["[    0.000001]  ? early_frame+0x1/0x2", "[    0.000001] Normal free:1kB min:1kB low:1kB high:1kB",
             "[    0.000001] active_anon:1 inactive_anon:2", "[ 1.000001] active_anon:1 inactive_anon:2\r",
             "[ 1.000002]  ? cr_frame+0x1/0x2\r", "[ 1.000003] web1 kernel: free:1", "[ 1.000004] x #012 free:1",
             "[ 1.000005] " + "active_anon:1 " * 12, "[ 1.000006]  ? " + "long_" * 30 + "frame+0x1/0x2",
             "[99999.000007]  ? late_frame+0x1/0x2 [late]", "[99999.000008] 12 pages reserved",
]
# Bodies of a zone line, a frame and a buddy line cut in two where a console or pr_cont() cut them, each piece put
# behind the line before's prefix (the wrap test, _surely_whole, keeps such a pair off the runs).
CUT_BODIES = ["Normal free:716kB min:1908kB low:2384kB\nhigh:2860kB present:243776kB", " ? e100_poll+0x1d6/0x29d\n[e100]",
              "Normal: 179*4kB 0*8kB 0*16kB\n0*32kB = 716kB", "DMA32 free:5596kB min:1976kB low:2468kB high:\n2964kB",
              "SLUB: Unable to allocate memory on node -1 (gfp=0x20)\n  cache: kmalloc-192,",
              "lowmem_reserve[]: 0 1814\n40068 40068", "active_anon:6114420 inactive_anon:\n679646 isolated_anon:0"]
FRAME_BODIES = ["  ? net_rx_action+0x1/0x2", " [<ffffffffa8d81340>] dump_stack+0x19/0x1b", "  igb_poll+0x46c/0x7a0 [igb]",
                "  ? alloc_pages_current+0x1/0x2", "  ? x+0x1/0x2 [a-b]"]


def _in_run(line):
    return _in_mem_info(line) or "+0x" in line


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.one_of(st.sampled_from(MEM_BODIES + FRAME_BODIES), MEM_LINES,
                                                                 st.sampled_from(CUT_BODIES),
                                                                 st.sampled_from(ODD_LINES + RUN_LINES + ["drop", "wrap"]))),
                max_size=10),
       st.sampled_from([scan.MAX_LINE, 100, 60]), st.sampled_from([scan.ASCII_BLOCK, 300, 80]))
def test_runs_of_lines_give_what_feeding_each_line_gives(names, edits, max_line, block):
    # in a trace or a Mem-Info block: a drawn body behind the line before's prefix, a line, a drop
    lines = _edited([line for name in names for line in _fixture_lines(name)], edits, _in_run,
                    MEM_BODIES + FRAME_BODIES + CUT_BODIES, pieces=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "MAX_LINE", max_line)  # (a run takes no line the scan cuts)
        patch.setattr(scan, "ASCII_BLOCK", block)  # (runs cut at the ends of blocks)
        runs = _events(lines, True, scanned=True)
        assert runs == _events(lines, True, scanned=True, runs=False)
        assert runs == _events(lines, False, ("_plain_mem", "_plain_frame"), scanned=True, runs=False)


def test_runs_are_taken_on_dense_dmesg():
    taken = []
    original = ReportAssembler.feed_run

    def counting(self, lines, at, lineno, max_len):
        taken.append(original(self, lines, at, lineno, max_len))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "feed_run", counting)
        lines = _fixture_lines("dmesg_3.10_rhel7_ixgbe.txt")
        assert _events(lines, True, scanned=True)[0]
    assert sum(taken) >= 30 and max(taken) >= 15  # (its trace's frames and its Mem-Info block, each in a run)


@settings(max_examples=500, deadline=None)
@given(st.lists(STAMPS, min_size=1, max_size=4), st.floats(0, 10, allow_nan=False))
def test_the_runs_earlier_stamped_test_is_the_assemblers(headers, stamp):
    fed = ReportAssembler()
    fed.open = [SimpleNamespace(event=SimpleNamespace(timestamp=header)) for header in headers]
    pre = Prefixed(body="x", timestamp=stamp)
    assert fed._earlier_than_every_header(stamp) == fed._before_every_open_report(pre)
    oldest = headers[0]
    if oldest is None or not oldest > stamp + assembler.CLOCK_SKEW_S:  # (the runs ask the oldest header first)
        assert not fed._before_every_open_report(pre)


# -- a Mem-Info block's lines read by their kind (_MEM_KIND, ReportAssembler._mem_kind_line) ------------------

# Bodies of a Mem-Info block as the kernel prints them, and near misses: a counter's or zone field's name that the
# tests before _memory_line look at ("lowmem", "cache:", "Pid", "kernel", "vmalloc", "from", " free:"), numbers too
# long, units missing, blanks doubled, zones no kernel names, an empty zone, per-cpu lines.
_NUMBERS = st.sampled_from(["0", "7", "4096", "123456789", "9" * 18, "1" * 19])
_FIELD_NAMES = ["active_anon", "present", "managed", "free_pcp", "free_cma", "reserved_highatomic", "isolated(anon)",
                "pages_scanned", "lowmem", "swapcache", "free", "kernel", "vmalloc", "from", "x" * 41, "Bounce",
                "all_unreclaimable"]
_FIELDS = st.tuples(st.sampled_from([" ", "  ", ""]), st.sampled_from(_FIELD_NAMES), st.sampled_from([":", ": ", "="]),
                    _NUMBERS, st.sampled_from(["kB", "KB", "", "B"])).map("".join)
_ZONE_NAMES = st.sampled_from(["DMA", "DMA32", "Normal", "HighMem", "Movable", "Device", "Bogus", "Pid"])
_NODE = st.sampled_from(["", "Node 0 ", "Node 3 ", "Node 0, ", "Node 1234567890 "])
_UNRECLAIMABLE = st.sampled_from(["", " all_unreclaimable? no", " all_unreclaimable? yes", " all_unreclaimable?"])
_ZONE_BODIES = st.tuples(_NODE, _ZONE_NAMES, st.just(" free:"), _NUMBERS, st.sampled_from(["kB", "kB boost:0kB"]),
                         st.just(" min:"), _NUMBERS, st.just("kB low:"), _NUMBERS, st.just("kB high:"), _NUMBERS,
                         st.just("kB"), st.lists(_FIELDS, max_size=6).map("".join), _UNRECLAIMABLE).map("".join)
_BUDDY_BODIES = st.tuples(_NODE, _ZONE_NAMES, st.just(": "),
                          st.lists(st.tuples(_NUMBERS, st.just("*"), st.sampled_from(["4", "2048"]),
                                             st.sampled_from(["kB ", "MB ", "kB", "kB (UME) ", "kB (U)  "])).map("".join),
                                   min_size=1, max_size=11).map("".join),
                          st.sampled_from(["= ", "=", ""]), _NUMBERS, st.just("kB")).map("".join)
_COUNTER_BODIES = st.tuples(st.sampled_from(["", " ", "  "]),
                            st.lists(st.tuples(st.sampled_from(_FIELD_NAMES[:-1] + ["Active", "Active_anon", "Pid", "PID",
                                                                                    "Cached", "slab_reclaimable"]),
                                               st.just(":"), _NUMBERS).map("".join), min_size=1, max_size=6)
                            .map(" ".join)).map("".join)
_NODE_BODIES = st.tuples(_NODE, st.just("active_anon:"), _NUMBERS, st.just("kB"),
                         st.lists(_FIELDS, max_size=6).map("".join), _UNRECLAIMABLE).map("".join)
_OTHER_BODIES = st.one_of(
    st.sampled_from(["Mem-Info:", "Mem-info:", "DMA32: empty", "DMA per-cpu:", "CPU    0: hi:    0, btch:   1 usd:   0",
                     "Free swap  = 1kB", "Total swap = 369452kB", "Swap cache stats: add 1, delete 2, find 3/4",
                     "Mem-Info: x", "SLUB: Unable to allocate memory on node -1 (gfp=0x20)"]),
    st.tuples(st.sampled_from(["lowmem_reserve[]:", "lowmem_reserve[]: "]),
              st.lists(_NUMBERS, max_size=5).map(" ".join)).map("".join),
    st.tuples(_NODE, st.just("hugepages_total="), _NUMBERS, st.just(" hugepages_free=0 hugepages_surp=0 hugepages_size="),
              _NUMBERS, st.just("kB")).map("".join),
    st.tuples(_NUMBERS, st.sampled_from([" pages RAM", " total pagecache pages", " pages reserved", " pages hwpoisoned",
                                         " pages in swap cache", " pages HighMem/MovableOnly", " pages shared",
                                         " pages of RAM", " reserved pages", " pages to", " pages"])).map("".join))
MEM_KIND_BODIES = st.one_of(_ZONE_BODIES, _BUDDY_BODIES, _COUNTER_BODIES, _NODE_BODIES, _OTHER_BODIES)
_STAMPS = st.sampled_from(["[10000.000217] ", "[    5.100000] ", "[    0.000001] ", "[99999.000001] "])
MEM_KIND_LINES = st.one_of(st.tuples(_STAMPS, MEM_KIND_BODIES).map("".join),
                           st.from_regex(assembler._MEM_KIND, fullmatch=True))


def _kind_body(kind):
    return kind.string[kind.end("ts") + 2:]


def _run_may_read(line):
    return not ("alloc" in line or "vma" in line or "kernel:" in line)  # (feed_mem_run's tests before _MEM_KIND)


@settings(max_examples=1000, deadline=None)
@given(MEM_KIND_LINES)
def test_a_mem_kind_line_passes_the_plain_mem_tests(line):
    # ... of the line the run reads (_PLAIN_MEM, the header words' cut end) and of the held line (_plain_mem's)
    kind = assembler._MEM_KIND.fullmatch(line)
    if kind is None or not _run_may_read(line):
        return
    plain, text = assembler._PLAIN_MEM.fullmatch(line), _kind_body(kind)
    assert plain is not None and plain.group("ts", "body") == (kind.group("ts"), text)
    assert assembler._HEADER_WORDS_CUT.search(line) is None and assembler.glued_uptime(text) is None
    assert not any(sign in text for sign in ("#012", "callbacks suppressed", "oom-killer:", "+", " from ", ".c:",
                                             "cpuset="))
    assert not ("_" in text and ":" not in text and "=" not in text)
    assert _lead(text) not in assembler._NOT_MEM_LEADS


# (Every ordered pair of a drawn list: a drawn line costs ~10 ms, mostly from_regex's, its check microseconds.  150
# lists of up to 10 lines check 1,450-2,050 pairs of 47-54 (held kind, kind) pairs per run, where 1,000 drawn pairs
# checked 275-357 of 39-42, in a third of the CPU: 4.4-5.1 against 14.4-16.5 CPU-s, seeds 1-3.)
@settings(max_examples=150, deadline=None)
@given(st.lists(MEM_KIND_LINES, min_size=1, max_size=10))
def test_a_pair_of_mem_kind_lines_is_whole_or_asked(lines):
    kinds = [assembler._MEM_KIND.fullmatch(line) for line in lines]
    read = [kind for kind, line in zip(kinds, lines) if kind is not None and _run_may_read(line)]
    for held_kind in read:
        text, name = _kind_body(held_kind), held_kind.lastgroup
        if name in assembler._MEM_WHOLE_ASKED or name == "counters" and ("lowmem" in text or "cache:" in text):
            continue
        for kind in read:
            assert assembler._surely_whole(text, _kind_body(kind)), (text, _kind_body(kind))


def _reading_mem_info():
    """An assembler with two reports open whose traces ran: the newer one's Mem-Info block runs (its "Mem-Info:"
    read), the older one's may start at a "Mem-Info:" line."""
    fed = ReportAssembler()
    for number, line in enumerate(["[ 1.0] swapper/3: page allocation failure: order:0, mode:0x20",
                                   "[ 1.0] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 3.10.0-1160.el7.x86_64 #1",
                                   "[ 1.0] Call Trace:", "[ 1.0]  [<ffffffff8f03c01d>] __napi_alloc_skb+0x8d/0xe0",
                                   "[ 1.1] java: page allocation failure: order:2, mode:0x4020",
                                   "[ 1.1] CPU: 1 PID: 7 Comm: java Not tainted 3.10.0-1160.el7.x86_64 #1",
                                   "[ 1.1] Call Trace:", "[ 1.1]  [<ffffffff8f03c01d>] __napi_alloc_skb+0x8d/0xe0",
                                   "[ 1.1] Mem-Info:", "[ 1.1] x"], 1):
        fed.feed(number, line)
    assert fed.mem_target is fed.open[1] and not fed.open[0].mem_started
    return fed


def _state(fed):
    return ([dataclasses.asdict(report.event) for report in fed.open],
            [(report.idle, report.mem_started, report.mem_ended, report.node_unreclaimable, report.no_task_line_era)
             for report in fed.open], fed.open.index(fed.mem_target) if fed.mem_target else None,
            dataclasses.asdict(fed.spare_totals))


# (Each drawn list read in its order and reversed: a drawn line costs ~10 ms, reading it far less, so 250 lists read
# both ways check as many lines (1,466-1,842 per run) and (previous kind, kind) steps (88-90) as 500 lists read once
# (1,432-1,552, 86-89), in 7.6-12.5 CPU-s against 16.9-18.0, seeds 1-3.)
@settings(max_examples=250, deadline=None)
@given(st.lists(MEM_KIND_LINES, min_size=1, max_size=12))
def test_a_mem_kind_line_is_read_as_memory_line_reads_it(lines):
    _read_by_kind_as_memory_line_reads(lines)
    _read_by_kind_as_memory_line_reads(lines[::-1])


def _read_by_kind_as_memory_line_reads(lines):
    # each line in turn, into an open report's running block: what _memory_line does, _mem_kind_line does
    general, short = _reading_mem_info(), _reading_mem_info()
    for line in lines:
        kind = assembler._MEM_KIND.fullmatch(line)
        if kind is None or not _run_may_read(line):
            continue
        text, target = _kind_body(kind), short.mem_target
        if kind.lastgroup != "mem_info" and (target is None or target.closed):
            continue  # (the run reads such a line by its kind only while a block runs)
        for report in general.open + short.open:
            report.idle = 7  # (lines no report took before it: which lines set it back is seen)
        assert general._memory_line(text, _lead(text))
        short._mem_kind_line(kind.lastgroup, kind, text, target)
        assert _state(short) == _state(general)


def _mem_block_edited(lines, edits):
    """``lines`` with each drawn edit ``(at, how, body)`` made at a line of a Mem-Info block: its body replaced by
    ``body`` or ``body`` put after it (behind its uptime, or alone), the line dropped, cut or wrapped."""
    for at, how, body in edits:
        inside = [i for i, line in enumerate(lines) if _in_mem_info(line)] or [0]
        at = inside[at % len(inside)]
        line = lines[at] if at < len(lines) else ""
        head = _UPTIME_HEAD.match(line)
        head = head.group() if head else ""
        if how == "replace":
            lines[at:at + 1] = [head + body]
        elif how == "after":
            lines[at + 1:at + 1] = [head + body]
        elif how == "alone":
            lines[at + 1:at + 1] = [body]
        elif how == "drop":
            del lines[at:at + 1]
        elif how == "cut":
            lines[at:at + 1] = [line[:len(line) * 2 // 3]]
        else:  # a console's wrap
            lines[at:at + 1] = [line[:len(line) // 2], line[len(line) // 2:]]
    return lines


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.sampled_from(["replace", "replace", "after", "alone", "drop", "cut",
                                                                    "wrap"]), MEM_KIND_BODIES), max_size=10),
       st.sampled_from([scan.MAX_LINE, 100]))
def test_mem_blocks_read_by_kind_give_what_the_general_path_gives(names, edits, max_line):
    # drawn Mem-Info lines, standard and broken, in the fixtures' blocks: the run reading lines by their kind, the
    # run without kinds (_MEM_KIND matching nothing) and each line fed on its own give the same events
    lines = _mem_block_edited([line for name in names for line in _fixture_lines(name)], edits)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "MAX_LINE", max_line)  # (a line the scan cuts is read by neither)
        by_kind = _events(lines, True, scanned=True)
        assert by_kind == _events(lines, True, scanned=True, runs=False)
        patch.setattr(assembler, "_MEM_KIND", re.compile(r"(?!)"))
        assert by_kind == _events(lines, True, scanned=True)


def test_the_dense_mem_info_lines_are_read_by_kind():
    read = []
    original = ReportAssembler._mem_kind_line

    def counting(self, name, kind, text, target):
        read.append(name)
        return original(self, name, kind, text, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_mem_kind_line", counting)
        lines = _fixture_lines("dmesg_3.10_rhel7_ixgbe.txt")
        assert _events(lines, True, scanned=True)[0]
    assert {"zone", "lowmem", "buddy", "end"} <= set(read)  # (its counter block: one record, lines unstamped)


# -- a header as a dense dmesg prints it: its framing without learn's searches (framing.plain_learned) ------

# Comms of every shape: the kernel's, several words, blanks and colons (a colon-blank comm), digits only, a
# syslog tag or facility, quote, bracket and markup signs, a log prefix or date inside.
PLAIN_COMMS = ["swapper", "swapper/0", "kworker/u16:2", "kworker/2:1H", "Chrome_IOThread", "kswapd0", "insmod", "a", "C",
               "P", "Pid", "CPU", "kernel", "kernel[0]", "vmunix", "kern.warn", "xkernel", "kern:warn", "1H", "7", "0x20",
               "Web Content", "kworker/1: 0", "WebContainer : ", "_swapper_", "*swapper*", "<4>swapper", ">swapper",
               "(sd-pam)", "[some_app]", "a]b", "2017-01-18T13:28", "Jun", "web1", "host7 swapper", "\u00e9t\u00e9", "x" * 16]
COMMS = st.one_of(st.sampled_from(PLAIN_COMMS), st.sampled_from(PLAIN_COMMS[:6]), st.text(st.sampled_from("aZk09_/:.+- \t[]<>()*>|#\"'ernl"), min_size=1,
                                                        max_size=17))
STAMPS = st.tuples(st.sampled_from(["", "", "", "> ", "<4>", "web1 kernel: "]), st.sampled_from(["[", "[ ", "[    ", "[\t"]),
                   st.sampled_from(["10000.000000", "5.1", "0.000001", "12"]),
                   st.sampled_from(["] ", "] ", "] ", "]", "]  ", "]\t"]), st.sampled_from(["", "", "", "[    C3] "])).map("".join)
# Every era's header forms and their variants (vmalloc, stall, vmemmap, SLUB, 2.4), text after the mode,
# a mode wrapped away, a closing parenthesis or tag, no mode.
HEADER_RESTS = ["page allocation failure. order:0, mode:0x20", "page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)",
                "page allocation failure: order:0, mode:0x1080020(GFP_ATOMIC), nodemask=(null)",
                "page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0-1",
                "page allocation stalls for 10472ms, order:0, mode:0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD)",
                "vmalloc: allocation failure: 67108864 bytes, mode:0xcc0(GFP_KERNEL), nodemask=(null)",
                "vmalloc: allocation failure, allocated 4096 of 8192 bytes",
                "vmalloc error: size 4096, page order 0, failed to allocate pages, mode:0xcc0(GFP_KERNEL)",
                "vmemmap alloc failure: order:9, mode:0x4cc0(GFP_KERNEL)", "page allocation failure: order:0",
                "page allocation failure: order:0, mode:0x20 and then it hung", "page allocation failure: order:3, mode:0x20)",
                "page allocation failure: order:0, mode:0x480020(GFP_ATOMIC),", "page allocation failure. order:0, mode:0x20</b>",
                "page allocation failure. order:0, mode:0x20 Thanks.", "page allocation failure: order:0, mode:0x20**"]
SLAB_LINES = ["SLUB: Unable to allocate memory on node -1 (gfp=0x20)", "__alloc_pages: 0-order allocation failed (gfp=0x20/0)"]
NEXT_BODIES = ["CPU: 1 PID: 0 Comm: {comm} Not tainted 4.9.0 #1", "Pid: 0, comm: {comm} Not tainted 2.6.32-5-686 #1",
               "{comm} cpuset=/ mems_allowed=0", "CPU: 1 PID: 0 Comm: [ 5.1] {comm} Not tainted", "Call Trace:",
               "Comm: {comm} ]", "nodemask=(null),cpuset=/,mems_allowed=0 keeps showing up in my logs", "kernel: CPU: 1 PID: 0",
               "and it goes on in lower case", "{comm}: page allocation failure: order:0, mode:0x20", "mode:0x20(GFP_ATOMIC)",
               "Mem-Info:", "", "  [<c108c9a2>] ? __alloc_pages_nodemask+0x484/0x4d9", "CPU: 2 PID: 1 Comm: x y Not tainted"]
BEFORE_LINES = [None, "", "- a list item:", "  * the console said:", "I saw this in the log and",
                "[ 4.9] the line before", "[ 4.9] text before it ends with:", "Jun 17 21:19:45 web1 kernel: x"]


def _learned_as_data(learned):
    framing, pre, comm = learned
    slots = {name: getattr(framing, name) for name in Framing.__slots__ if name != "regex"}
    return slots, framing.regex and framing.regex.pattern, pre, comm


HEADER_CASES = st.tuples(STAMPS, COMMS, st.sampled_from(HEADER_RESTS + SLAB_LINES), st.sampled_from([True, False, False]),
                         st.sampled_from(NEXT_BODIES), st.one_of(STAMPS, st.sampled_from(["", "   ", "x"]), LINES),
                         st.sampled_from(BEFORE_LINES), st.sampled_from([False, False, False, True]))
# Cases of the form plain_learned answers for (a plain uptime, one blank after it, before the header and the next line; a
# comm of one word; nothing settled): of HEADER_CASES alone ~5% are (the others are declined, nothing compared), so
# half the cases are drawn here; their comms, header forms, next lines and lines before vary as HEADER_CASES' do.
PLAIN_STAMPS = st.tuples(st.sampled_from(["[", "[ ", "[    "]), st.sampled_from(["10000.000000", "5.1", "0.000001", "12"]),
                         st.sampled_from(["] ", "]"])).map("".join)
PLAIN_HEADER_CASES = st.tuples(PLAIN_STAMPS, st.one_of(st.sampled_from(PLAIN_COMMS[:10]),
                                                       st.text(st.sampled_from("aZk09_/:.+-"), min_size=1, max_size=17)),
                               st.sampled_from(HEADER_RESTS), st.sampled_from([True, False, False]),
                               st.sampled_from(NEXT_BODIES), PLAIN_STAMPS, st.sampled_from(BEFORE_LINES), st.just(False))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(HEADER_CASES, PLAIN_HEADER_CASES))
def test_a_plain_header_gets_what_learn_gives(case):
    # wherever plain_learned answers, it is learn's answer: framing (every slot), facts, comm, doubts
    stamp, comm, what, same_stamp, body, next_stamp, before, settled = case
    line = stamp + (what if what in SLAB_LINES else comm + ": " + what)
    hit = find_header(line)
    assume(hit is not None)
    hit.before, hit.settled = before, "" if settled else None
    next_line = (stamp if same_stamp else next_stamp) + body.format(comm=comm)
    short = plain_learned(copy.copy(hit), next_line)
    general_hit = copy.copy(hit)
    general = learn(general_hit, next_line)
    if short is not None:
        assert _learned_as_data(short) == _learned_as_data(general)
        assert general_hit.doubted == ()


@pytest.mark.parametrize("comm", ["swapper/0", "kworker/u16:2", "Chrome_IOThread"])
@pytest.mark.parametrize("what", HEADER_RESTS)
@pytest.mark.parametrize("body", ["CPU: 1 PID: 0 Comm: {comm} Not tainted 4.9.0 #1", "{comm} cpuset=/ mems_allowed=0",
                                  "nodemask=(null),cpuset=/,mems_allowed=0 keeps showing up in my logs"])
def test_a_plain_header_is_learned_so_in_every_form(comm, what, body):
    # the canonical headers of every era (provisional ones too: text after the mode) take the short path
    hit = find_header("[10000.000000] %s: %s" % (comm, what))
    next_line = "[10000.000007] " + body.format(comm=comm)
    short = plain_learned(copy.copy(hit), next_line)
    assert (short is None) == ("mode:" not in what)
    if short is not None:
        assert _learned_as_data(short) == _learned_as_data(learn(hit, next_line))


def test_the_plain_header_path_is_taken_on_dense_dmesg():
    taken = []
    original = ReportAssembler._plain_header

    def counting(self, held, lineno, line):
        taken.append(original(held, lineno, line))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_plain_header", counting)
        lines = [line for name in DMESG_FIXTURES for line in _fixture_lines(name)]
        events = _events(lines, True)[0]
    assert events and sum(map(bool, taken)) >= 6  # (a SLUB line or a 4.9 piece is learned)
