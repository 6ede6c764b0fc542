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


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), st.sampled_from(REPORT_WORDS)), max_size=60))
def test_any_text_gives_a_list_of_events_and_never_raises(pieces):
    result = parse_text("".join(pieces))
    assert isinstance(result.events, list)
    assert result.total_reports >= len(result.events)
    for event in result.events:
        assert event.kind in KINDS


@settings(max_examples=40, deadline=None)
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


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
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
