"""ReportAssembler._line_run (a report's lines other than a plain frame's or a Mem-Info block's, read in a row) gives
exactly what feeding each line gives, on drawn logs: dmesg reports of every era with lines cut, dropped, moved behind
another prefix, another CPU's header and task line inside a trace, trace noise and openers of many forms.
"""

import copy

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import assembler, scan
from pagealloc.kernlog import patterns as P
from pagealloc.kernlog.assembler import ReportAssembler
from pagealloc.kernlog.escaped_text import needs_splitting
from pagealloc.kernlog.prefix import Prefixed, uptime_only
from pagealloc.kernlog.structured_records import needs_reading
from pagealloc.kernlog.terminal_codes import needs_showing
from pagealloc.kernlog.web_text import needs_unescaping, needs_unmarking, unmarked
from tests.kernlog.test_dense_path import (
    CUT_BODIES,
    FRAME_BODIES,
    MEM_FIXTURES,
    ODD_LINES,
    RUN_LINES,
    _edited,
    _events,
    _fixture_lines,
)

# -- the line it reads: a _PLAIN_LINE whose prefix uptime_only reads -----------------------------------------

LINE_PIECES = ["[", "[ ", "[  ", "1", "10000", ".", "000217", "]", "] ", " ", "  ", "\t", "(", "[<ffffffffa8d81340>]",
               " [<c0013a7c>] ", "[    C3]", "kernel: ", "web1 kernel: ", "Call Trace:", "Mem-Info:", "RSP: 0018:ffff",
               "Code: e8 <45> 85", "Hardware name: QEMU (i440FX + PIIX, 1996)", "&", "\\", "`", "*", "_", "~", ">", "<",
               "|", "{", "}", "=", ",", "x", "A", "0000000000000020", "\u00e9", "\u00a0", "\r", "\x00", "+0x1/0x2"]
UPTIMES = st.tuples(st.sampled_from(["[", "[ ", "[    ", "[\t"]), st.sampled_from(["0", "1", "10000", "12345678901"]),
                    st.sampled_from([".", ".0", ".000217", ".1234567891"]), st.sampled_from(["]", "] ", "]  "]))
PLAIN_REPORT_LINES = st.tuples(UPTIMES.map("".join), st.lists(st.sampled_from(LINE_PIECES), max_size=8).map("".join))


@settings(max_examples=3000, deadline=None)
@given(PLAIN_REPORT_LINES.map("".join))
def test_a_plain_report_line_is_a_plain_line_uptime_only_reads(line):
    match = assembler._PLAIN_REPORT.fullmatch(line)
    if match is not None:
        assert assembler._PLAIN_LINE.fullmatch(line) is not None  # (feed's test: no decoder changes it)
        read = uptime_only(line)
        if "kernel:" in match.group("body")[:80]:
            assert read is None
        else:
            assert read == Prefixed(match.group("body"), float(match.group("ts")), None, None, None, None, True, True)


# -- trace noise: what _report_line reads as TRACE_NOISE, changing nothing -----------------------------------

NOISE_PIECES = ["0000000000000020", "4b3c2a1d", "ffff9a5c7f943a68", " ", "  ", "RSP: ", "RAX: ", "R13: ", "RIP: ", "Code: ",
                "Hardware name: ", "Workqueue: ", "0018:", "EFLAGS: 00000246", "ORIG_RAX: ", "e8 9c <45> 85", "<IRQ>",
                "Dell Inc. PowerEdge R730/0WCJNT, BIOS 2.11.0 11/02/2019", "QEMU (i440FX + PIIX, 1996)", "kblockd blk_mq",
                " from ", ".c:", "cpuset=", "per-cpu:", " free:", "Free pages:", "vma", "callbacks suppressed", "oom-killer:",
                "cache: x", "SLUB: ", "}", "*", "_", "pages RAM", "lowmem", "Mem-Info:", "CPU: 1 PID: 2 Comm: x", "12",
                "net_rx+0x1/0x2", "c0ffee00", "func"]


def _assembler_in_trace(others):
    """An assembler whose report runs its trace (``others`` more reports open, waiting or in their trace)."""
    fed = ReportAssembler()
    lines = ["[ 9.000001] swapper/1: page allocation failure: order:0, mode:0x20",
             "[ 9.000002] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 4.18.0 #1"] * others + \
            ["[ 10.000001] swapper/2: page allocation failure: order:0, mode:0x20",
             "[ 10.000002] CPU: 2 PID: 0 Comm: swapper/2 Not tainted 4.18.0 #1", "[ 10.000003] Call Trace:",
             "[ 10.000004]  dump_stack+0x41/0x60", "[ 10.000005]  warn_alloc+0x7b/0x108"]
    for number, line in enumerate(lines, 1):
        fed.feed(number, line)
    return fed


def _state(fed):
    reports = [{name: getattr(report, name) for name in report.__slots__} for report in fed.open]
    return repr((vars(fed), reports))


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(NOISE_PIECES), min_size=1, max_size=6).map("".join), st.integers(0, 2))
def test_a_trace_noise_line_is_noise_to_report_line_and_changes_nothing(body, others):
    if assembler._TRACE_NOISE_LINE.fullmatch(body) is None or any(w in body for w in assembler._NOT_NOISE_WORDS):
        return
    assert P.TRACE_NOISE.match(body) is not None
    fed = _assembler_in_trace(others)
    assert fed.mem_target is None and fed.open
    before = _state(fed)
    lead = body.lstrip()[:1]
    assert fed._report_line(body, Prefixed(body, 10.5, known=True), lead) is assembler._NOISE
    assert _state(fed) == before


# -- runs of report lines ---------------------------------------------------------------------------------

# Bodies put behind the prefix of a line of a report (or lines of their own): trace noise and openers of several
# forms, registers naming a symbol, task lines, a hardware name with a frame's signs, a line cut after its prefix,
# a header without its mode (a provisional one, which the report lines after it prove).
REPORT_BODIES = ["Call Trace:", " Call Trace:", "Call Trace: ", "Call trace:", "Mem-Info:", "Mem-info:",
                 " 0000000000000020 4b3c2a1d0e5f6a71 ffff9a5c7f943a68 ffffffffa8d81340", " ffff9a5c 7f943af8",
                 "RSP: 0018:ffffa8f3c0d8fd70 EFLAGS: 00000246 ORIG_RAX: ffffffffffffffdc", "RIP: 0010:native_safe_halt+0xb/0x10",
                 "RAX: ffffffffffffffed RBX: ffff9a5c7f943a68 RCX: 0000000000000000", "R13: 0000000000000001",
                 "Code: e8 9c 3c 8a ff 80 7c 24 0b 00 74 17 <45> 85 ed 0f", "Code: Bad RIP value.",
                 "Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1ubuntu1 04/01/2014",
                 "Hardware name: Dell Inc. PowerEdge R730/0WCJNT, BIOS 2.11.0 11/02/2019", "Workqueue: kblockd blk_mq_run_work_fn",
                 "Hardware name: xyz free:12kB", "Workqueue: events vmstat_update", "CPU: 3 PID: 26 Comm: ksoftirqd/3 Not tainted",
                 "Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1", "kworker/2:1H cpuset=/ mems_allowed=0", " <IRQ>",
                 " </IRQ>", " <TASK>", "RIP: 0033:0x7f3c2a1d0e5f", "task: ffff8800 ti: ffff8801 task.ti: ffff8801", "",
                 "Modules linked in: igb e1000", "---[ end trace 1a2b3c4d5e6f7a8b ]---", " ? ret_from_fork+0x1f/0x40",
                 " [<ffffffffa8d81340>] dump_stack+0x19/0x1b", "  igb_poll+0x46c/0x7a0 [igb]",
                 "swapper/9: page allocation failure: order:0, mode:0x20 and then it hung", "Call Trace:\nMem-Info:\n0000000000000020 4b3c2a1d"]
# Whole lines: another CPU's header and task line inside a trace, a prefix another tool adds, a caller id.
REPORT_LINES = ["[ 1.000100] kswapd0: page allocation stalls for 10380ms, order:0, mode:0x24200ca(GFP_HIGHUSER_MOVABLE)",
                "[ 1.000101] CPU: 5 PID: 61 Comm: kswapd0 Not tainted 4.9.0-8-amd64 #1",
                "Jun 17 21:19:45 web1 kernel: [ 7873.855883] Call Trace:", "[ 1.000102][    C3] Call Trace:",
                "[ 1.000103]  0000000000000020 4b3c2a1d0e5f6a71\r", "[ 1.000104] Hardware name: caf\u00e9 PC",
                "[99999.000105] Call Trace:", "[    0.000106] Mem-Info:", "[ 1.000107] CPU: 3 PID:"]


def _in_report(line):
    return "+0x" in line or "Call" in line or "CPU:" in line or "Hardware" in line or ">" in line or "R" in line[:24]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MEM_FIXTURES), min_size=1, max_size=3),
       st.lists(st.tuples(st.integers(0, 10 ** 6), st.one_of(st.sampled_from(REPORT_BODIES + FRAME_BODIES + CUT_BODIES),
                                                                 st.sampled_from(ODD_LINES + RUN_LINES + REPORT_LINES
                                                                                 + ["drop", "wrap"]))),
                max_size=10),
       st.sampled_from([scan.MAX_LINE, 100, 60]), st.sampled_from([scan.ASCII_BLOCK, 300, 80]))
# (found by a landing run, s33: a frame glued behind <IRQ> with another boot's uptime, after the trace's own
# frames, ends that trace (trace_over); a later opener makes it the trace target again, and the frame short
# paths took frames for it where _frame_line takes none)
@example(names=["dmesg_4.14_mips_ath9k.txt", "dmesg_4.14_mips_ath9k.txt", "dmesg_4.9_debian_interleaved.txt"],
         edits=[(1, "Call Trace:"), (0, "Call Trace:"),
                (0, "[ 1.000100] kswapd0: page allocation stalls for 10380ms, order:0, mode:0x24200ca(GFP_HIGHUSER_MOVABLE)"),
                (28, "[ 1.000015]  <IRQ>  [<ffffffffa8d81340>] dump_stack+0x19/0x1b"), (35187, "Call Trace:")],
         max_line=scan.MAX_LINE, block=scan.ASCII_BLOCK)
def test_report_line_runs_give_what_feeding_each_line_gives(names, edits, max_line, block):
    # in a report's first lines or its trace: a drawn body behind the line before's prefix, a line, a drop, a cut
    lines = _edited([line for name in names for line in _fixture_lines(name)], edits, _in_report,
                    REPORT_BODIES + FRAME_BODIES + CUT_BODIES, pieces=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scan, "MAX_LINE", max_line)
        patch.setattr(scan, "ASCII_BLOCK", block)
        runs = _events(lines, True, scanned=True)
        patch.setattr(ReportAssembler, "_line_run", lambda self, lines, at, lineno, max_len: 0)
        assert runs == _events(lines, True, scanned=True)
        assert runs == _events(lines, True, scanned=True, runs=False)
        assert runs == _events(copy.copy(lines), False, ("_plain_mem", "_plain_frame", "_plain_header"), scanned=True, runs=False)


def test_report_line_runs_are_taken_on_dense_dmesg():
    taken = []
    original = ReportAssembler._line_run

    def counting(self, lines, at, lineno, max_len):
        taken.append(original(self, lines, at, lineno, max_len))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_line_run", counting)
        lines = _fixture_lines("dmesg_4.18_rhel8_mlx5_numa_slub.txt")
        assert _events(lines, True, scanned=True)[0]
    assert sum(taken) >= 8  # (its task line, hardware name, opener, registers, code bytes: each taken in a run)


def _uptimed(bodies, first=10.0):
    return ["[%12.6f] %s" % (first + n / 1e6, body) for n, body in enumerate(bodies)]


# Reports whose lines prove a header quoted with text after it (a provisional one: its opener, its Mem-Info
# line), noise before and after an opener, a trace printed before the open header (its earlier stamp).
EDGE_LOGS = [
    _uptimed(["swapper/9: page allocation failure: order:0, mode:0x20 and then it hung", "Mem-Info:",
              "0000000000000020 4b3c2a1d0e5f6a71", "Code: e8 9c 3c"]),
    _uptimed(["swapper/9: page allocation failure: order:0, mode:0x20 and then it hung", "Call Trace:",
              "0000000000000020 4b3c2a1d0e5f6a71", "Code: e8 9c 3c"]),
    _uptimed(["swapper/9: page allocation failure: order:0, mode:0x20 and then it hung", "Mem-Info:",
              "0000000000000020 4b3c2a1d0e5f6a71", "DMA free:992kB min:124kB low:152kB high:184kB", "65520 pages RAM"]),
    _uptimed(["swapper/9: page allocation failure: order:0, mode:0x20 and then it hung", "Code: e8 9c 3c", "Call Trace:",
              "RSP: 0018:ffffa8f3c0d8fd70 EFLAGS: 00000246", " dump_stack+0x41/0x60", "Mem-Info:", "65520 pages RAM"]),
    _uptimed(["swapper/9: page allocation failure: order:0, mode:0x20", "Hardware name: Dell Inc. R730, BIOS 2.11.0",
              "Call Trace:", " dump_stack+0x41/0x60"]) + _uptimed(["Call Trace:", "0000000000000020 4b3c2a1d", "Mem-Info:",
                                                                       " dump_stack+0x41/0x60"], first=5.0),
]


# ... a report ended by another dump's header inside a run (oom-killer), the line after it ending in a colon
EDGE_LOGS.append(_uptimed(["swapper/9: page allocation failure: order:0, mode:0x20", "CPU: 9 PID: 0 Comm: swapper/9 Not",
                           "Hardware name: Dell Inc. R730, BIOS 2.11.0", "java invoked oom-killer: gfp_mask=0x201da, order=0",
                           "Call Trace:", "0000000000000020 4b3c2a1d", " dump_stack+0x41/0x60", "Mem-Info:"]))


@pytest.mark.parametrize("lines", EDGE_LOGS)
def test_report_line_runs_on_edge_logs(lines):
    runs = _events(lines, True, scanned=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_line_run", lambda self, lines, at, lineno, max_len: 0)
        assert runs == _events(lines, True, scanned=True)
    assert runs == _events(lines, False, ("_plain_mem", "_plain_frame", "_plain_header"), scanned=True, runs=False)


MARKER_LINES = st.tuples(UPTIMES.map("".join), st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["<", "</"]),
                         st.sampled_from(["IRQ", "EOI", "SOFTIRQ", "TASK", "NMI", "BR", "br", "pre"]),
                         st.sampled_from([">", "> ", ">`", ""])).map("".join)


@settings(max_examples=1000, deadline=None)
@given(MARKER_LINES)
def test_a_stack_marker_line_is_one_no_decoder_changes(line):
    match = assembler._MARKER_REPORT.fullmatch(line)
    if match is None:
        return
    # feed's decoders (a repeat note, NULs, terminal codes, HTML references, records, escaped strings) and
    # _feed_text's (page markup, logcat tags) leave it as it is
    assert "repeated" not in line and "\x00" not in line and not needs_showing(line) and not needs_unescaping(line)
    assert not needs_reading(line) and not needs_splitting(line) and "-" not in line
    assert not needs_unmarking(line) or unmarked(line) == line
    assert uptime_only(line) == Prefixed(match.group("body"), float(match.group("ts")), None, None, None, None, True, True)
