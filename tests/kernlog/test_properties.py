"""Property tests (hypothesis): any text parses to a list of events without an exception, and parsing
complete reports separated by an unrelated line is additive."""

from hypothesis import HealthCheck, given, settings
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


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.binary(max_size=30), st.sampled_from([w.encode() for w in REPORT_WORDS])), max_size=80),
       st.sampled_from([7, 16, 97, 4096]))
def test_streaming_a_file_gives_what_parsing_it_in_memory_gives(pieces, chunk):
    import io

    from pagealloc.kernlog import parse, quoted_printable, scan
    data = b"".join(pieces)
    assembler = parse.ReportAssembler()
    stream = io.BytesIO(data)
    if quoted_printable.looks_quoted_printable(data):  # as parse_stream and parse_text decide
        stream = quoted_printable.DecodingReader(stream)
    scan.feed_stream(stream, assembler, chunk_size=chunk)
    streamed = parse._result(assembler)
    in_memory = parse_text(data)
    assert [e.to_dict() for e in streamed.events] == [e.to_dict() for e in in_memory.events]
    assert streamed.suppressed == in_memory.suppressed
