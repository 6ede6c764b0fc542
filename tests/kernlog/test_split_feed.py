"""A dense log parsed on several cores (pagealloc.kernlog.split_feed) gives what the streaming scan gives
on one: same events, line numbers, order, counts and suppressed notices, wherever the cuts fall, however
often the parts record their state, whatever the bound on kept events; and the bounded sinks it joins
(BoundedEvents.splice) hold what one sink fed every event would hold."""

import doctest
import io
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import parse, scan, split_feed
from pagealloc.kernlog.bounded import BoundedEvents
from tests.kernlog.helpers import FIXTURES, fixture_text

LOG_FIXTURES = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt"))
# Lines that change the assembler's state across reports: rate-limit notices (counted into the next
# report), a SLUB line (attached to the last report emitted), a 3.10 vmalloc line, a vmap failure.
OTHER_LINES = [b"[ 5.0] warn_alloc: 7 callbacks suppressed\n",
               b"[ 5.0] SLUB: Unable to allocate memory on node -1, gfp=0x20(GFP_ATOMIC)\n",
               b"[ 5.0]   cache: kmalloc-512, object size: 512, buffer size: 512, default order: 1, min order: 0\n",
               b"[ 5.0] vmalloc: allocation failure, allocated 4096 of 8192 bytes\n",
               b"[ 5.0] vmap allocation for size 8192 failed: use vmalloc=<size> to increase size\n",
               b"[ 5.0] e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex\n", b"\n"]
BLOCKS = [fixture_text(name).encode() + b"\n" for name in LOG_FIXTURES] + OTHER_LINES


def test_doc_examples():
    assert doctest.testmod(split_feed)[0] == 0


def _events(result):
    return [e.to_dict() for e in result.events], result.total_reports, result.suppressed


def _streamed(data, keep=None):
    assembler = parse.ReportAssembler(source="x", keep=keep)
    scan.feed_stream(io.BytesIO(data), assembler)
    return parse._result(assembler)


def _split(path, workers, keep=None, cuts=None):
    assembler = parse.ReportAssembler(source="x", keep=keep)
    done = split_feed.feed_file(str(path), assembler, workers=workers, threshold=0, cuts=cuts)
    return parse._result(assembler) if done else None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(BLOCKS), min_size=1, max_size=14), st.lists(st.floats(0, 1), min_size=1, max_size=3),
       st.sampled_from([None, 2, 3]), st.sampled_from([1, 57, 700, 1 << 16]))
def test_the_parts_joined_give_the_streaming_result_wherever_the_cuts_fall(tmp_path, monkeypatch, blocks, cuts,
                                                                            keep, stride):
    monkeypatch.setattr(split_feed, "STRIDE", stride)
    data = b"".join(blocks)
    path = tmp_path / "dmesg"
    path.write_bytes(data)
    cuts = [int(cut * len(data)) for cut in cuts]
    split = _split(path, len(cuts) + 1, keep, cuts)
    if split is None:  # only with no line start inside the file to cut at, or when a part's bound dropped
        # an event the join needed
        inside = [cut for cut in cuts if cut > 0 and 0 < (cut if data[cut - 1] == 10 else data.find(b"\n", cut) + 1) < len(data)]
        assert keep is not None or not inside
        return
    assert _events(split) == _events(_streamed(data, keep))
    assert split.total_reports == _streamed(data).total_reports


def _dense(copies, names=("dmesg_4.9_debian_interleaved.txt", "dmesg_3.10_rhel7_ixgbe.txt",
                          "dmesg_4.18_rhel8_mlx5_numa_slub.txt")):
    return b"".join(fixture_text(name).encode() + b"\n" for name in names) * copies


def _joins(monkeypatch, tmp_path):
    """Where each part stopped (None: at the end), in the order the parts finished; the children write
    to a file (their memory is their own)."""
    record = tmp_path / "joins"
    record.write_text("")
    feed = split_feed._feed

    def spy(reader, assembler, base):
        answer = feed(reader, assembler, base)
        with open(record, "a") as out:
            out.write("%d %s\n" % (reader.start, answer["joined"]))
        return answer
    monkeypatch.setattr(split_feed, "_feed", spy)
    return lambda: sorted((int(start), None if joined == "None" else int(joined))
                          for start, joined in (line.split() for line in record.read_text().splitlines()))


def test_a_dense_log_is_joined_where_the_states_agree_and_loses_no_report(tmp_path, monkeypatch):
    monkeypatch.setattr(split_feed, "STRIDE", 512)
    monkeypatch.setattr(split_feed, "WINDOW", 16 << 10)  # recording ends long before the next part's start
    data = _dense(40)
    path = tmp_path / "dmesg"
    path.write_bytes(data)
    joins = _joins(monkeypatch, tmp_path)
    for workers in (2, 3, 4):
        (tmp_path / "joins").write_text("")
        split = _split(path, workers)
        assert _events(split) == _events(_streamed(data)) and split.total_reports == 160  # 2 + 1 + 1 reports a copy
        # every part but the last joined the next one (the last went on to the end)
        assert [joined is None for _start, joined in joins()] == [False] * (workers - 1) + [True]
    assert [e.line for e in split.events] == [e.line for e in _streamed(data).events]


def test_parts_whose_states_never_agree_leave_the_first_part_going_on_to_the_end(tmp_path, monkeypatch):
    monkeypatch.setattr(split_feed, "state_digest", lambda assembler: b"%016d" % os.getpid())  # never the same
    data = _dense(10)
    path = tmp_path / "dmesg"
    path.write_bytes(data)
    joins = _joins(monkeypatch, tmp_path)
    assert _events(_split(path, 2)) == _events(_streamed(data))
    assert joins()[0] == (0, None)  # this process fed it all; the child was stopped


def test_parse_file_takes_the_split_feed_for_a_dense_file_above_the_threshold(tmp_path, monkeypatch):
    data = _dense(30)
    path = tmp_path / "dmesg"
    path.write_bytes(data)
    streamed = parse.parse_file(str(path))
    used = []
    feed_file = split_feed.feed_file
    monkeypatch.setattr(split_feed, "THRESHOLD", 1000)
    monkeypatch.setattr(split_feed, "STRIDE", 512)
    monkeypatch.setattr(split_feed, "feed_file", lambda *a, **k: used.append(1) or feed_file(*a, workers=2, **k))
    assert _events(parse.parse_file(str(path))) == _events(streamed) and used
    assert split_feed.looks_dense(str(path))
    sparse = tmp_path / "messages"
    sparse.write_bytes(b"[ 1.0] boot line\n" * 20000 + _dense(1) + b"[ 1.0] boot line\n" * 50000)  # 4 reports in 1 MB
    assert not split_feed.looks_dense(str(sparse))


def test_it_declines_one_core_and_small_files(tmp_path):
    path = tmp_path / "dmesg"
    path.write_bytes(_dense(2))
    assert _split(path, 1) is None
    assert not split_feed.feed_file(str(path), parse.ReportAssembler(), workers=2)  # under THRESHOLD
    assert _split(path, 2, cuts=[0, len(_dense(2))]) is None  # no cut inside the file


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 6), st.integers(1, 5))
def test_splice_holds_what_one_sink_fed_every_event_holds(before, after, skip, keep):
    # The serial sequence: ``before`` events, the last of which the second sink saw too (and changed);
    # the second sink also saw ``skip - 1`` events before that one, emitted by the first part as well.
    skip = min(skip, before)
    serial = BoundedEvents(keep)
    for event in list(range(before - 1)) + ["changed"] * (before > 0) + list(range(100, 100 + after)):
        serial.add(event)
    first, second = BoundedEvents(keep), BoundedEvents(keep)
    for event in range(before):
        first.add(event)
    for event in list(range(before - skip, before - 1)) + ["changed"] * (skip > 0) + list(range(100, 100 + after)):
        second.add(event)
    if (skip > 0) != (before > 0):
        assert not first.splice(second, skip)
        return
    if first.splice(second, skip):
        assert (first.events(), first.total, first.dropped) == (serial.events(), serial.total, serial.dropped)
    else:  # an event the join needed was dropped by the second sink's bound
        assert second.dropped and (skip > keep or len(first.head) + keep - skip < keep)
