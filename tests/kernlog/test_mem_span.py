"""A Mem-Info span kept at once (pagealloc.kernlog.mem_span, ReportAssembler.feed_mem_run) is what the run keeps line by
line: each span line is one the run reads by its kind and keeps as text, every pair in it whole by its kinds, and
the events, counts, kept first and last events and the assembler's whole state (split_feed.state_digest) are the
same with spans taken and without, on the bench's dense dmesg and on drawn logs of its reports and the posted and
kernel fixtures with noise, cuts, gaps and prefix changes between them.
"""

import copy
import dataclasses
import doctest
import io

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.kernel_reports import REPORTS, report_lines, with_dmesg_prefix, with_syslog_prefix
from bench.logs import _dense_chunk
from pagealloc.kernlog import assembler, mem_span, scan
from pagealloc.kernlog.assembler import _MEM_KIND, _MEM_WHOLE_ASKED, ReportAssembler, _surely_whole
from pagealloc.kernlog.split_feed import state_digest
from pagealloc.kernlog.whole_kinds import whole_by_kind
from pagealloc.kernlog.wrapping import CUT_ENDS
from tests.kernlog.helpers import fixture_text
from tests.kernlog.test_dense_path import _NODE_BODIES, MEM_FIXTURES, MEM_KIND_BODIES

POSTED = ["../posted/" + name for name in ("blog_2.6.32_el6_italic_header_pl.txt",
                                        "archarm_4.3_arm_names_rtl_usb.txt")]


def test_doctests():
    assert doctest.testmod(mem_span).failed == 0


def _dense_text(chunks=1, second=10000):
    chunk = _dense_chunk()
    return b"".join(chunk.replace(b"@@@@@", b"%5d" % (second + i)) for i in range(chunks))


# The dense dmesg's Mem-Info bodies (every era's) and drawn ones, behind uptimes that mostly share their seconds.
_DENSE_BODIES = sorted({line[line.index("] ") + 2:] for line in _dense_text().decode().split("\n")
                        if _MEM_KIND.fullmatch(line)})
_BODIES = st.one_of(st.sampled_from(_DENSE_BODIES), st.sampled_from(_DENSE_BODIES), MEM_KIND_BODIES)
_STAMPS = st.sampled_from(["[10000.000217] ", "[10000.999999] ", "[10000.000001] ", "[10001.000000] ", "[ 9999.9] ",
                           "[    5.100000] "])
_SPAN_LINES = st.lists(st.tuples(st.sampled_from(["[10000.000217] "] * 6 + ["[10000.5] "]) | _STAMPS, _BODIES)
                       .map("".join), min_size=1, max_size=14)


def _body(line):
    kind = _MEM_KIND.fullmatch(line)
    return kind.string[kind.end("ts") + 2:]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SPAN_LINES)
def test_a_span_holds_lines_the_run_keeps_by_kind(lines):
    text = "\n".join(lines) + "\n"
    taken, seconds = mem_span.span_lines(text)
    kinds = []
    for at in range(taken):
        line = lines[at]
        kind = _MEM_KIND.fullmatch(line)  # (a line the run reads by its kind ...)
        assert kind is not None and not ("alloc" in line or "vma" in line or "kernel:" in line)
        name, body = kind.lastgroup, _body(line)
        kinds.append(name)
        assert name != "mem_info"  # (... and keeps as text: _defer_mem_line)
        assert not (name == "counters" and ("lowmem" in body or "cache:" in body))
        assert kind.group("ts").split(".")[0] == seconds and float(kind.group("ts")) >= float(seconds)
        assert not line.endswith(CUT_ENDS)  # (no line before a header's cut: before_alloc unchanged)
        if at + 1 < taken:  # the pair with the next line is whole, by the test the run asks of it
            following = _body(lines[at + 1])
            if name == "lowmem":
                assert whole_by_kind(body, following)
            elif name in _MEM_WHOLE_ASKED:
                assert name == "node" and _surely_whole(body, following)
            else:
                assert _surely_whole(body, following)
    kept = taken - 1
    if kept > 0:
        end = sum(map(len, lines[:kept])) + kept
        assert mem_span.span_marks(text, end) == ("zone" in kinds[:kept], "end" in kinds[:kept],
                                                  set(kinds[:kept]) == {"lowmem"})


@settings(max_examples=300, deadline=None)
@given(_NODE_BODIES, _BODIES)
@example("Node 0 active_anon:4kB free:5kB all_unreclaimable? no", "57660 total pagecache pages")
def test_a_node_line_a_span_keeps_is_whole_before_the_next(node, following):
    # (a node line asks the wrap test: _surely_whole asks one holding " free:" for " high:")
    text = "[10000.000217] %s\n[10000.000224] %s\n" % (node, following)
    if mem_span.span_lines(text)[0] == 2:
        assert _surely_whole(node, following)


def fed_with(data, keep, defer, switch, on):
    """What feeding ``data`` as a stream gives with a fast path on or off (``switch``: its module and flag, patched to
    ``on``): the state digest before finishing (a copy: the digest reads what was deferred), then every event given
    out, the counts and the evicted title keys.  (test_lazy_trace holds its lazy traces to the same.)"""
    fed = ReportAssembler(keep=keep)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(*switch, on)
        patch.setattr(assembler, "DEFER_MEM", defer)
        patch.setattr(ReportAssembler, "finish", lambda self: None)
        scan.feed_stream(io.BytesIO(data), fed)
        patch.undo()
        patch.setattr(assembler, "DEFER_MEM", defer)
        digest = state_digest(copy.deepcopy(fed))
        fed.finish()
        events = [dataclasses.asdict(event) for event in fed.sink.events()]
    kinds = {}
    for event in events:
        kinds[event["kind"]] = kinds.get(event["kind"], 0) + 1
    return digest, events, kinds, fed.sink.total, dict(fed.sink.evicted)


def _same_with_spans_and_without(data, keep, defer="later", window=assembler._SPAN_WINDOW):
    taken = []
    original = mem_span.span_lines

    def counting(text):
        taken.append(original(text)[0])
        return taken[-1], original(text)[1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assembler, "span_lines", counting)
        # (a short window ends spans inside a block: the run goes on from a span's last line, its kind asked then)
        patch.setattr(assembler, "_SPAN_WINDOW", window)
        with_spans = fed_with(data, keep, defer, (assembler, "MEM_SPANS"), True)
    assert with_spans == fed_with(data, keep, defer, (assembler, "MEM_SPANS"), False)
    return sum(count for count in taken if count > 1)


def test_the_dense_dmesg_gives_the_same_with_spans():
    data = _dense_text(chunks=4)  # (44 reports)
    for keep, defer, window in ((2, "later", 48), (10, "later", 48), (3, "always", 48), (2, "later", 4)):
        assert _same_with_spans_and_without(data, keep, defer, window) > 200  # (spans taken)


_NOISE = ["sshd[2312]: Accepted publickey for root from 10.0.0.1 port 22 ssh2", "", "e1000e: eth0 NIC Link is Up",
          "Node 0 Normal free:716kB min:1908kB low:2384kB high:2860kB", "lowmem_reserve[]: 0 0", "page allocation",
          "12 total pagecache pages", "DMA: 1*4kB = 4kB"]


def _report_text(index, second, prefix, cut, noise):
    lines = report_lines(REPORTS[index % len(REPORTS)])
    if cut:
        lines = lines[:max(1, len(lines) * cut // 8)]
    if noise is not None:
        at = noise[0] % (len(lines) + 1)
        lines = lines[:at] + [_NOISE[noise[1] % len(_NOISE)]] + lines[at:]
    if prefix == "syslog":
        return with_syslog_prefix(lines, "Jun 17 21:19:%02d" % (second % 60), "web1")
    return with_dmesg_prefix(lines, second, 1000 * (second % 7), usec_step=7 if prefix == "dmesg" else 400000)


_PIECES = st.one_of(
    st.tuples(st.just("report"), st.integers(0, 100), st.integers(0, 3), st.sampled_from(["dmesg", "dmesg", "slow",
                                                                                          "syslog"]),
              st.sampled_from([0, 0, 0, 3, 5, 7]), st.none() | st.tuples(st.integers(0, 99), st.integers(0, 99))),
    st.tuples(st.just("fixture"), st.sampled_from(MEM_FIXTURES + POSTED)),
    st.tuples(st.just("noise"), st.sampled_from(_NOISE)))


def _drawn_log(pieces):
    out, second = [], 10000
    for piece in pieces:
        if piece[0] == "report":
            second += piece[2]
            out.append(_report_text(piece[1], second, piece[3], piece[4], piece[5]))
        elif piece[0] == "fixture":
            out.append(fixture_text(piece[1]).rstrip("\n") + "\n")
        else:
            out.append("[%5d.000001] %s\n" % (second, piece[1]))
    return "".join(out).encode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=8), st.sampled_from([1, 2, 3]), st.sampled_from(["later", "always"]),
       st.sampled_from([48, 48, 3, 7]))
def test_drawn_logs_give_the_same_with_spans(pieces, keep, defer, window):
    _same_with_spans_and_without(_drawn_log(pieces), keep, defer, window)
