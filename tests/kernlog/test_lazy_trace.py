"""A trace kept for later (pagealloc.kernlog.lazy_trace) is what the runs read line by line: every line of a region is
one the runs take, every pair in it one they read whole (the report-line run's tests, or a plain frame after a plain
frame: the frame run's), its noise lines trace noise; and the events, counts, kept first and last events, dropped
title keys and the assembler's whole state (split_feed.state_digest) are the same with lazy traces and without, on
the bench's dense dmesg and on drawn logs of its reports and the posted and kernel fixtures with noise, cuts, gaps,
prefix changes and trace lines of other kinds put inside their traces.
"""

import doctest

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import assembler, lazy_trace
from tests.kernlog.test_mem_span import _PIECES, _dense_text, _drawn_log, fed_with


def test_doctests():
    assert doctest.testmod(lazy_trace).failed == 0


# -- a region's lines and pairs -------------------------------------------------------------------------------

_FUNCS = ["__vmalloc_node_range", "vmap_x", "dump_stack", "dump_stack_lvl", "show_stack", "warn_alloc", "__alloc_pages_slowpath.constprop.0", "page_fault",
          "vmalloc_x", "lowmem_x", "deadbeef", "cafe0001", "a", "_", "$x", "net_rx_action", "dump_backtrace.part.0",
          "show_trace_log_lvl", "size_x", "SLUB_x", "Unable", "from", "to", "allocation", "e"]
_HEX = st.sampled_from(["0", "5c", "78", "1fe", "ffff", "123456789", "1234567890", "ffffffffffffffff", "e", "c"])
_FRAMES = st.builds(lambda blanks, addr, unsure, func, off, size, module: blanks + addr + unsure + func + "+0x" + off
                    + "/0x" + size + module,
                    st.sampled_from([" ", "  ", "   "]), st.sampled_from(["", "[<ffffffffa7f29964>] ", "[<c108c9a2>] "]),
                    st.sampled_from(["", "? "]), st.sampled_from(_FUNCS), _HEX, _HEX,
                    st.sampled_from(["", "", " [e100]", " [mlx5_core]", " [T12]", " [C3]", " [deadbeef12]", " [x-y]"]))
_MARKERS = st.builds(lambda blanks, close, name: blanks + "<" + close + name + ">", st.sampled_from(["", " ", "  ", "    "]),
                     st.sampled_from(["", "/"]), st.sampled_from(["IRQ", "EOI", "TASK", "NMI", "SOFTIRQ"]))
_NOISE = st.sampled_from([
    " 0000000000000020 4b3c2a1d0e5f6a71 ffff9a5c7f943a68 ffffffffa8d81340", " 0000000000000020 4b3c2a1d0e5f6a7a",
    " 0000000000000020", "RSP: 0018:ffffb7c9c6363e80 EFLAGS: 00000246 ORIG_RAX: ffffffffffffffde",
    "RAX: ffffffffffffffda RBX: 0000557c0c5e0c70 RCX: 00007f5c2a73ef3d", "R13: 0000000000000000 R14: 0000000000000a",
    "RSP: 0018:", "RAX: CPU: 1", "Code: e8 9c 3c 8a ff 80 7c 24 0b 00 <45> 85 ed", "Code: 00 <48", "Code: 0a",
    "RIP: 0010:cpuidle_enter_state+0xdb/0x3a0", "RIP: 0033:0x7f5c2a73ef3d", "RIP: 0010:dump_stack+0x1/0x2",
    "Hardware name: Dell Inc. PowerEdge R730/0WCJNT, BIOS 2.11.0 11/02/2019", "Hardware name: QEMU (i440FX + PIIX, 1996)",
    "Hardware name: x cache: y", "Hardware name: ends with to", "Hardware name: vmalloc: allocation failure", "Hardware name: a [ 12.123456] b", "Hardware name: x:",
    "Workqueue: kblockd blk_mq_run_work_fn", "Workqueue: events page", "Hardware name: x]", "Call Trace:",
    "Call Trace:", "Mem-Info:"])
_LINES = st.one_of(_FRAMES, _FRAMES, _FRAMES, _MARKERS, st.builds("".join, st.tuples(_MARKERS, _FRAMES)), _NOISE)
_STAMP = st.sampled_from(["[10000.000217] ", "[10000.000218] ", "[10000.5] ", "[10001.000001] "])


def _uptime(line):
    return line[:line.index("] ") + 2]


_PLAIN = st.sampled_from(["  __vmalloc+0x30/0x40", "  warn_alloc+0x13a/0x160", " [<ffffffffa7d8569a>] ? warn_alloc+0x13a/0x160",
                          "  igb_poll+0x46c/0x7a0 [igb]", "  net_rx_action+0x252/0x300", " <IRQ>", " </IRQ>",
                          " 0000000000000020 4b3c2a1d0e5f6a71", "RSP: 0018:ffffb7c9c6363e80 EFLAGS: 00000246"])
_NOT_OPENERS = _LINES.filter(lambda line: line not in ("Call Trace:", "Mem-Info:"))
# a trace as the kernel prints one (lines before its opener, the opener, frames, markers and noise), or any lines
_SHAPES = st.tuples(st.lists(_NOT_OPENERS, max_size=3), st.lists(st.one_of(_PLAIN, _PLAIN, _NOT_OPENERS), min_size=1,
                                                                 max_size=10)).map(
    lambda shape: ["[10000.000217] " + line for line in shape[0] + ["Call Trace:"] + shape[1]])
_ANY = st.tuples(st.lists(st.tuples(_STAMP, _LINES).map("".join), min_size=1, max_size=12), st.booleans()).map(
    lambda drawn: drawn[0][:1] + ["[10000.000217] Call Trace:"] * drawn[1] + drawn[0][1:])


# the lines a region's pairs are asked of (lazy_trace._SPECIAL: free text), before and after plain lines
_SPECIAL = st.sampled_from(["Hardware name: x cache: y", "Hardware name: ends with to", "Hardware name: x:",
                            "Hardware name: a [ 12.123456] b", "Workqueue: events page", "Hardware name: a - b:",
                            "RIP: 0033:0x7f5c2a73ef3d", "Hardware name: Dell Inc. PowerEdge R730/0WCJNT, BIOS 2.11.0",
                            "Hardware name: QEMU (i440FX + PIIX, 1996)", "Hardware name: a+0x1/0x2", "Hardware name: a+1/2]",
                            "Hardware name: x +1", "Workqueue: a (b.c:12)"])
# ... and the first line after the opener (a symbol opening with a header's words is no frame whole_by_kind knows)
_FIRST = st.sampled_from(["  page_fault+0x28/0x30", "  size_x+0x1/0x2", " [<c108c9a2>] page_fault+0x1/0x2",
                          " ? page_fault+0x1/0x2", "  SLUB_x+0x1/0x2", "  allocate_x+0x1/0x2", " <IRQ>", "  f+0x1/0x2"])
_SPECIALS = st.tuples(st.lists(_SPECIAL, max_size=2), _FIRST, st.lists(_PLAIN, min_size=1, max_size=3),
                      _SPECIAL, st.lists(st.one_of(_PLAIN, _MARKERS), min_size=1, max_size=3)).map(
    lambda shape: ["[10000.000217] " + line
                   for line in shape[0] + ["Call Trace:", shape[1]] + shape[2] + [shape[3]] + shape[4]])


@settings(max_examples=800, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_SHAPES, _SHAPES, _ANY, _SPECIALS))
def test_a_region_holds_lines_and_pairs_the_runs_take(lines):
    lines = lines + ["[10000.000300] Mem-Info:"]
    count = lazy_trace.region(assembler.LAZY_PARTS, lines, 0, 10000.0, 64 << 10)
    if count is None:
        return
    A = assembler
    for at in range(count + 1):
        line = lines[at]
        frame = A._PLAIN_FRAME.fullmatch(line)
        report = A._PLAIN_REPORT.fullmatch(line) or A._MARKER_REPORT.fullmatch(line)
        assert frame is not None or report is not None  # (a line the runs take)
        assert line[:line.index("]")].split(".")[0] == lines[0][:lines[0].index("]")].split(".")[0]  # (its seconds)
        body = line[line.index("] ") + 2:]
        assert "allocation" not in line and "kernel:" not in line and "#012" not in line
        if "vmalloc" in line and at:  # (the frame run's: a plain frame after a plain frame)
            assert frame is not None and A._PLAIN_FRAME.fullmatch(lines[at - 1]) is not None
        if "vma" in line:  # (no vmalloc or vmap line: _line's _vmalloc_line reads nothing of it)
            assert not A.P.VMALLOC_LINE.match(body) and "vmap allocation" not in body
        if frame is None and body not in ("Call Trace:", "Mem-Info:") and body.strip() not in (
                "<IRQ>", "</IRQ>", "<EOI>", "</EOI>", "<TASK>", "</TASK>", "<NMI>", "</NMI>", "<SOFTIRQ>", "</SOFTIRQ>") \
                and "+0x" not in body:
            # trace noise, whatever the run's state (_line_run's one step, or _report_line's TRACE_NOISE)
            assert A.P.TRACE_NOISE.match(body) and not any(word in body for word in A._NOT_NOISE_WORDS)
        if at and not (frame is not None and A._PLAIN_FRAME.fullmatch(lines[at - 1]) is not None):
            held = lines[at - 1]
            assert report is not None and not (line[-1:] == ">" and held[-1:] in ": \t" and "-" in held)
            assert lazy_trace._pair_taken(A.LAZY_PARTS, held, line)
    assert sum(line.endswith("] Call Trace:") for line in lines[:count]) == 1


def test_a_region_holds_no_line_the_scan_cuts_nor_one_printed_before_the_open_reports():
    lines = ["[10000.000217] Call Trace:", "[10000.000218]  warn_alloc+0x13a/0x160", "[10000.000219] Mem-Info:"]
    assert lazy_trace.region(assembler.LAZY_PARTS, lines, 0, 10000.0, 64 << 10) == 2
    assert lazy_trace.region(assembler.LAZY_PARTS, lines, 0, 10000.0, 30) is None  # (a line as long as the scan's bound)
    assert lazy_trace.region(assembler.LAZY_PARTS, lines, 0, 10000.02, 64 << 10) is None  # (seconds before the oldest header's)
    assert lazy_trace.region(assembler.LAZY_PARTS, lines, 0, None, 64 << 10) == 2  # (an oldest header without uptime: none earlier)
    assert lazy_trace.region(assembler.LAZY_PARTS, lines[:1] + lines[2:], 0, 10000.0, 64 << 10) is None  # (no frame)


# -- the same events and state with lazy traces and without -----------------------------------------------------

def _same_with_lazy_traces_and_without(data, keep, defer="later"):
    taken = []
    original = lazy_trace.region

    def counting(*args):
        taken.append(original(*args))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lazy_trace, "region", counting)
        lazy = fed_with(data, keep, defer, (lazy_trace, "LAZY_TRACES"), True)
    assert lazy == fed_with(data, keep, defer, (lazy_trace, "LAZY_TRACES"), False)
    return sum(count is not None for count in taken)


def test_the_dense_dmesg_gives_the_same_with_lazy_traces():
    data = _dense_text(chunks=4)  # (44 reports)
    for keep, defer in ((2, "later"), (10, "later"), (3, "always")):
        assert _same_with_lazy_traces_and_without(data, keep, defer) > 20  # (regions taken)


# Lines put inside a dense report's trace: another dump's top frame, a frame with a module or an address after other
# lines, markers before a frame's address, noise of each kind, a line printed earlier, a caller id, a header.
_INSIDE = ["  dump_stack+0x1/0x2", " [<ffffffffa7f29964>] dump_stack+0x5c/0x78", " <IRQ>", " [<c108c9a2>] f+0x1/0x2",
           "  f+0x1/0x2 [T12]", "  f+0x1/0x2 [igb]", " 0000000000000020 4b3c2a1d", "RIP: 0033:0x7f5c2a73ef3d",
           "Code: 0a", "Hardware name: x cache: y", "Call Trace:", "Mem-Info:", " ? show_stack+0x1/0x2",
           "  __vmalloc+0x30/0x40", "CPU: 3 PID: 26 Comm: ksoftirqd/3 Not tainted 4.9.0-8-amd64 #1",
           "swapper/0: page allocation failure: order:0, mode:0x20", "[ 9999.000000]  g+0x1/0x2", "[10000.000007][ T12]  g+0x1/0x2"]
_TRACE_PIECES = st.tuples(st.just("inside"), st.integers(0, 100), st.integers(0, 3), st.integers(2, 40),
                          st.sampled_from(_INSIDE))


def _drawn(pieces):
    out = []
    second = 10000
    for piece in pieces:
        if piece[0] != "inside":
            out.append(_drawn_log([piece]).decode())
            continue
        second += piece[2]
        lines = _drawn_log([("report", piece[1], 0, "dmesg", 0, None)]).decode().replace("[10000.", "[%5d." % second)
        lines = lines.rstrip("\n").split("\n")
        at = min(piece[3], len(lines) - 1)
        inside = piece[4] if piece[4].startswith("[") else lines[at][:lines[at].index("] ") + 2] + piece[4]
        out.append("\n".join(lines[:at] + [inside] + lines[at:]) + "\n")
    return "".join(out).encode()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_PIECES, _TRACE_PIECES, _TRACE_PIECES), min_size=1, max_size=8), st.sampled_from([1, 2, 3]),
       st.sampled_from(["later", "always"]))
def test_drawn_logs_give_the_same_with_lazy_traces(pieces, keep, defer):
    _same_with_lazy_traces_and_without(_drawn(pieces), keep, defer)

