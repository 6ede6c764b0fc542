"""The large-file scan on several cores (pagealloc.kernlog.split_scan) gives what the streaming scan
and the in-memory parser give: same events, same line numbers, same suppressed counts, whatever the
cuts between the parts and the read size; it declines (nothing fed) where the streaming scan must
do the work."""

import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import hyperscan_prefilter, parse, scan, split_scan
from pagealloc.kernlog.line_ends import cr_only
from pagealloc.kernlog.parse import parse_file, parse_text
from tests.kernlog.helpers import FIXTURES, fixture_text
from tests.kernlog.test_properties import REPORT_WORDS

LOG_FIXTURES = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt"))


def _events(result):
    return [e.to_dict() for e in result.events], result.total_reports, result.suppressed


def _split(path, workers, read_size=None, monkeypatch=None):
    if read_size and monkeypatch:
        monkeypatch.setattr(split_scan, "READ", read_size)
    assembler = parse.ReportAssembler(source="x")
    done = split_scan.feed_file(str(path), assembler, workers=workers, threshold=0)
    return parse._result(assembler) if done else None


def _streamed(data):
    assembler = parse.ReportAssembler(source="x")
    scan.feed_stream(io.BytesIO(data), assembler)
    return parse._result(assembler)


@pytest.fixture
def log_file(tmp_path):
    def write(data):
        path = tmp_path / "messages"
        path.write_bytes(data)
        return path
    return write


@pytest.fixture(params=["hyperscan", "stdlib"])
def matcher(request, monkeypatch):
    """Both prefilters: Hyperscan (the test extra installs it) and bytes.find."""
    monkeypatch.setenv(hyperscan_prefilter.ENV, request.param)
    if request.param == "hyperscan":
        assert hyperscan_prefilter.finder() is not None, "hyperscan is not installed (pip install pagealloc[scan])"
    return request.param


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.binary(max_size=30), st.sampled_from([w.encode() for w in REPORT_WORDS])), max_size=80),
       st.sampled_from([2, 3, 5]), st.sampled_from([64, 97, 4096]))
def test_any_bytes_split_any_way_give_the_streaming_and_in_memory_result(log_file, monkeypatch, matcher, pieces,
                                                                          workers, read_size):
    data = b"".join(pieces)
    split = _split(log_file(data), workers, read_size, monkeypatch)
    if split is None:  # declined: only for what the streaming scan must handle itself
        longest = max(len(line) for line in data.split(b"\n"))
        assert not data or b"\x00" in data or longest + 1 >= read_size or cr_only(data)
        return
    assert _events(split) == _events(_streamed(data)) == _events(parse_text(data, source="x"))


@pytest.mark.parametrize("name", LOG_FIXTURES)
def test_every_fixture_with_a_report_across_every_cut_gives_the_streamed_events(log_file, matcher, name):
    # Three copies behind filler lines: with 2 to 7 parts the cuts fall before, inside and after reports.
    report = fixture_text(name).encode()
    filler = b"".join(b"Mar  1 00:00:%02d host sshd[42]: session opened for user root\n" % (i % 60)
                      for i in range(37))
    data = (filler + report + b"\n") * 3
    streamed = _events(_streamed(data))
    for workers in range(2, 8):
        split = _split(log_file(data), workers)
        if b"\x00" in data:
            assert split is None
            continue
        assert _events(split) == streamed, workers


def test_parse_file_takes_the_split_scan_above_the_threshold_and_gives_the_same_result(log_file, monkeypatch):
    block = b"[ 1.0] boot line\n" * 3000 + fixture_text("dmesg_2.6.32_i686_e100_seed.txt").encode()
    data = block * 4
    path = log_file(data)
    streamed = parse_file(str(path))
    used = []
    feed_file = split_scan.feed_file
    monkeypatch.setattr(split_scan, "THRESHOLD", 1000)
    monkeypatch.setattr(split_scan, "feed_file", lambda *a, **k: used.append(1) or feed_file(*a, workers=2, **k))
    split = parse_file(str(path))
    assert used and _events(split) == _events(streamed)
    assert [e.line for e in split.events] == [e.line for e in streamed.events] == [3002 + i * block.count(b"\n") for i in range(4)]


def test_it_declines_what_the_streaming_scan_must_handle(log_file, monkeypatch):
    report = fixture_text("dmesg_2.6.32_i686_e100_seed.txt").encode()
    assert _split(log_file(report.replace(b"page", b"pa\x00ge", 1)), 2) is None        # NUL bytes are dropped
    monkeypatch.setattr(split_scan, "READ", 4096)
    assert _split(log_file(b"x" * 5000 + b"\n" + report), 2) is None                   # a line longer than a read
    monkeypatch.setattr(split_scan, "ALLOWANCE", 2)
    assert _split(log_file(report * 3), 2) is None                                      # dense: streamed
    assert _split(log_file(report), 1) is None                                          # one core
    assert _split(log_file(b""), 2) is None                                             # nothing to map
    assert _split(log_file(report), 2) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.binary(max_size=12), st.sampled_from([b"alloc", b"vmalloc", b"allocallo", b"\n"])),
                max_size=60), st.integers(min_value=0, max_value=400))
def test_hyperscan_finds_exactly_where_bytes_find_finds(pieces, cut):
    find = hyperscan_prefilter.finder()
    assert find is not None, "hyperscan is not installed (pip install pagealloc[scan])"
    buf = bytearray(b"".join(pieces))
    end = min(cut, len(buf))
    expected, at = [], buf.find(scan.PREFILTER[0], 0, end)
    while at >= 0:
        expected.append(at)
        at = buf.find(scan.PREFILTER[0], at + 1, end)
    assert find(buf, end) == expected


def test_hyperscan_hands_a_chunk_of_too_many_hits_to_bytes_find(monkeypatch):
    monkeypatch.setattr(hyperscan_prefilter, "MAX_HITS", 3)
    find = hyperscan_prefilter.finder()
    assert find(bytearray(b"alloc " * 3), 18) == [0, 6, 12] and find(bytearray(b"alloc " * 4), 24) is None
    monkeypatch.setenv(hyperscan_prefilter.ENV, "stdlib")
    assert hyperscan_prefilter.finder() is None


def test_a_cut_is_looked_for_within_one_read_only(log_file, monkeypatch):
    # A cut point followed by more than READ bytes without a newline gives no cut there (that part's
    # survey would be unsure anyway): the search never maps the rest of a file holding no newline.
    import mmap
    monkeypatch.setattr(split_scan, "READ", 4096)
    path = log_file(b"a\n" * 2048 + b"x" * 8192 + b"\n" + b"b\n" * 100)
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        size = os.fstat(f.fileno()).st_size
        assert split_scan._cuts(mm, size, 2) == [(0, size)]          # the midpoint falls inside the long run
        assert split_scan._cuts(mm, size, 4)[0] == (0, 3124)          # a cut with a newline near it is kept


def test_a_run_of_nul_bytes_is_dropped_like_the_line_parser_drops_it():
    report = fixture_text("dmesg_2.6.32_i686_e100_seed.txt").encode()
    crashed = b"\x00" * (3 << 20) + report.replace(b"allocation", b"allo\x00\x00cation", 1)
    assert _events(_streamed(crashed)) == _events(parse_text(crashed.decode(), source="x"))
    assert [e.comm for e in _streamed(crashed).events] == ["swapper"]
