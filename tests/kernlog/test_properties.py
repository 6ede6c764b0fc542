"""Property tests (hypothesis): any text parses to a list of events without an exception, and parsing
complete reports separated by an unrelated line is additive."""

import io
import tempfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.event import KINDS
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import fixture_text

FIXTURES = ["dmesg_2.6.32_i686_e100_seed.txt", "dmesg_3.10_rhel7_ixgbe.txt", "dmesg_4.14_amzn2_ena_nodemask.txt",
            "dmesg_4.18_rhel8_mlx5_numa_slub.txt", "dmesg_5.10_arm64_hns3.txt"]
REPORT_WORDS = ["page allocation failure: order:0, mode:0x20", "Call Trace:", "Mem-Info:", " <IRQ> ",
                "Normal free:1kB min:2kB low:3kB high:4kB", "lowmem_reserve[]: 0 1", "#012", "\r",
                "CPU: 1 PID: 0 Comm: swapper/1 Not tainted 4.9.0 #1", " ? e100_poll+0x1/0x2 [e100]",
                "Normal: 1*4kB = 4kB", ", mode:0x480020(GFP_ATOMIC)", "swapper/3: ", "SLUB: Unable to allocate",
                "warn_alloc: 3 callbacks suppressed", "vmalloc: allocation failure: 9 bytes", "[ 1.5] ", "\n"]


def _key(result):
    return [{k: v for k, v in e.to_dict().items() if k not in ("line",)} for e in result.events]


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(REPORT_WORDS)), max_size=60))
def test_any_text_gives_a_list_of_events_and_never_raises(pieces):
    result = parse_text("".join(pieces))
    assert isinstance(result.events, list)
    assert result.total_reports >= len(result.events)
    for event in result.events:
        assert event.kind in KINDS


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(FIXTURES), min_size=1, max_size=4))
def test_parse_of_concatenated_reports_is_the_concatenation_of_parses(names):
    texts = [fixture_text(name) for name in names]
    separator = "\n[99999.000000] eth0: link up, 10000 Mbps\n" * 5
    whole = parse_text(separator.join(texts))
    parts = [parse_text(text) for text in texts]
    assert _key(whole) == [event for part in parts for event in _key(part)]


class _Pipe(io.RawIOBase):
    """A stream that returns at most ``chunk`` bytes per read (a pipe, a socket): every chunk
    boundary a file can have, also inside a quoted-printable soft break."""

    def __init__(self, data, chunk):
        self.data, self.chunk, self.at = data, chunk, 0

    def readable(self):
        return True

    def readinto(self, view):
        count = min(len(view), self.chunk, len(self.data) - self.at)
        view[:count] = self.data[self.at:self.at + count]
        self.at += count
        return count


_QP_WORDS = [b"=\n", b"=\r\n", b"=3D", b"\r\n", b" = 716kB"]


def _events(result):
    return [{k: v for k, v in e.to_dict().items() if k != "source"} for e in result.events]


def _same(result, other):
    assert _events(result) == _events(other)
    assert (result.suppressed, result.total_reports) == (other.suppressed, other.total_reports)


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.binary(max_size=30), st.sampled_from([w.encode() for w in REPORT_WORDS] + _QP_WORDS)),
                max_size=80),
       st.sampled_from([7, 16, 97, 4096]))
@example([b"=\n", b"page allocation failure: order:0, mode:0x20"], 7)  # s23-dense's find: a soft break first
@example([b"=\r\n", b"page allocation failure: order:0, mode:0x20"], 7)
def test_every_entry_point_gives_what_parsing_the_text_in_memory_gives(pieces, chunk):
    """parse_text (bytes or str), parse_lines (the text's lines, as insights-core gives them),
    parse_stream over a stream read in pieces and parse_file decide quoted-printable alike and give
    the same events."""
    from pagealloc.kernlog import parse
    data = b"".join(pieces)
    in_memory = parse_text(data)
    _same(parse.parse_stream(io.BufferedReader(_Pipe(data, chunk), buffer_size=chunk)), in_memory)
    text = data.decode("utf-8", "replace")
    if "\ufffd" not in text:  # (a str has no undecodable bytes left to replace)
        _same(parse_text(text), in_memory)
        _same(parse.parse_lines(text.split("\n")), in_memory)
    with tempfile.NamedTemporaryFile(suffix=".log") as handle:
        handle.write(data)
        handle.flush()
        _same(parse.parse_file(handle.name), in_memory)


# Two CPUs failing at once on 4.9/4.10 (mm/page_alloc.c warn_alloc(): pr_warn("%s: ", current->comm),
# pr_cont("%pV") of "page allocation failure: order:%u", pr_cont(", mode:%#x(%pGg)\n"), then dump_stack(),
# serialised between CPUs by lib/dump_stack.c's dump_lock) without printk caller ids: one CPU's pieces
# stay on one line while nothing comes between them, and the other CPU's pieces can land anywhere before
# its own dump_stack().  Each CPU gets other figures, so a piece given to the wrong report shows.
_CPUS = {
    "A": ("swapper/20", 20, 0, "0x2080020", "GFP_ATOMIC", "ixgbe",
          ["__napi_alloc_skb+0x88/0xe0", "ixgbe_clean_rx_irq+0xf0/0xa80 [ixgbe]", "ixgbe_poll+0x2ac/0x7a0 [ixgbe]"]),
    "B": ("kworker/3:1", 3, 2, "0x2280020", "GFP_ATOMIC|__GFP_NOTRACK", "bnx2x",
          ["__netdev_alloc_skb+0x88/0xe0", "bnx2x_alloc_rx_data+0x5c/0x160 [bnx2x]", "bnx2x_poll+0xbe/0x2d0 [bnx2x]"]),
}


def _warn_alloc_pieces(cpu):
    comm, _, order, mask, names, _, _ = _CPUS[cpu]
    return [(cpu, "%s: " % comm), (cpu, "page allocation failure: order:%d" % order), (cpu, ", mode:%s(%s)" % (mask, names))]


def _dump_stack(cpu):
    comm, number, _, _, _, _, frames = _CPUS[cpu]
    return [(None, "CPU: %d PID: 0 Comm: %s Not tainted 4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2" % (number, comm)),
            (None, "Hardware name: Dell Inc. PowerEdge R620/0VV3F2, BIOS 2.5.2 01/28/2015"), (None, "Call Trace:"),
            (None, " <IRQ> ")] + [(None, " [<ffffffff82929964>] ? " + frame) for frame in
                                  ["dump_stack+0x5c/0x78", "warn_alloc+0x13a/0x160"] + frames + ["net_rx_action+0x23e/0x380"]]


def _interleaved(first, at):
    """dmesg lines (owner CPU of each header piece, text) of ``first``'s report with the other CPU's
    three header pieces put in at the indexes ``at`` (in order), the other CPU's dump_stack() after."""
    second = "B" if first == "A" else "A"
    records = _warn_alloc_pieces(first) + _dump_stack(first)
    for piece, index in reversed(list(zip(_warn_alloc_pieces(second), sorted(at)))):
        records.insert(index, piece)
    lines = []
    for cpu, text in records + _dump_stack(second):
        if cpu is not None and lines and lines[-1][0] == cpu:
            lines[-1][1] += text  # pr_cont: the same CPU's piece with nothing between goes on its line
        else:
            lines.append([cpu, text])
    return lines


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.sampled_from("AB"), st.lists(st.integers(0, len(_warn_alloc_pieces("A") + _dump_stack("A"))),
                                       min_size=3, max_size=3))
@example("A", [5, 7, 11])  # swapper/12's pieces around swapper/20's task line (dmesg_4.9_debian_interleaved)
@example("A", [0, 1, 4])   # both comm pieces first, both headers waiting for their mode: unknown, not swapped
def test_interleaved_pr_cont_pieces_give_each_report_its_own_figures_or_unknown(first, at):
    lines = _interleaved(first, at)
    text = "".join("[2836069.%06d] %s\n" % (534600 + number, line) for number, (_, line) in enumerate(lines))
    events = parse_text(text).events
    assert len(events) == 2
    for event in events:
        owner = lines[event.line - 1][0]  # the CPU whose "page allocation failure" piece opened it
        assert owner is not None and "page allocation failure" in lines[event.line - 1][1]
        comm, number, order, mask, _, driver, _ = _CPUS[owner]
        assert event.comm in (comm, None) and event.order == order and event.gfp_mask in (mask, None)
        assert event.driver in (driver, None) and event.cpu in (number, None)
    if min(at) > len(_warn_alloc_pieces(first)) + 1:  # the other CPU's header came whole after the first's
        assert [(e.comm, e.gfp_mask, e.driver) for e in events] == [(_CPUS[cpu][0], _CPUS[cpu][3], _CPUS[cpu][5])
                                                                  for cpu in (first, "B" if first == "A" else "A")]
