"""
The decompressing thread ahead of the tar reader (pagealloc.archive.read_ahead): the same bytes,
decompressor errors raised where the stream breaks, and no thread left behind when the reader
stops early (a limit, a refused entry).
"""

import gzip
import lzma
import queue
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.archive import decompressing_early, open_input, read_ahead
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.archive.read_ahead import ReadAhead
from pagealloc.errors import InputError
from tests.archive_factory import sos_entries, tar_with_entries


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3 << 20), st.lists(st.integers(1, 1 << 21), min_size=1, max_size=8))
def test_reads_of_any_size_give_the_decompressed_bytes(tmp_path_factory, data, sizes):
    path = str(tmp_path_factory.mktemp("ra") / "x.xz")
    with lzma.open(path, "wb", preset=0) as out:
        out.write(data)
    got, turn = [], 0
    with ReadAhead(lzma.open, path) as stream:
        while True:
            piece = bytearray(sizes[turn % len(sizes)]) if turn % 2 else None
            if piece is None:
                chunk = stream.read(sizes[turn % len(sizes)])
            else:
                chunk = bytes(piece[:stream.readinto(piece)])
            turn += 1
            if not chunk:
                break
            got.append(chunk)
    assert b"".join(got) == data


def test_a_truncated_stream_raises_in_the_reader(tmp_path):
    path = str(tmp_path / "x.gz")
    with gzip.open(path, "wb") as out:
        out.write(b"y" * (3 << 20))
    with open(path, "rb") as whole:
        cut = whole.read()[:-100]
    with open(path, "wb") as out:
        out.write(cut)
    with pytest.raises(EOFError), ReadAhead(gzip.open, path) as stream:
        while stream.read(1 << 16):
            pass


def test_no_thread_is_left_when_the_reader_stops_early(tmp_path):
    before = threading.active_count()
    archive = tar_with_entries(str(tmp_path / "a.tar.gz"), sos_entries() + [
        ({"name": "sosreport-x/f%d" % n}, b"x" * 4096) for n in range(3000)])
    with pytest.raises(InputError, match="more than 100 entries"):
        with open_input(archive, limits=ExtractionLimits(max_entries=100)):
            pass
    assert threading.active_count() == before


@pytest.mark.parametrize("taken", [True, False])
def test_decompressing_early_is_taken_over_or_stopped(tmp_path, taken):
    before = threading.active_count()
    archive = tar_with_entries(str(tmp_path / "a.tar.xz"), sos_entries() + [
        ({"name": "sosreport-x/proc/zoneinfo"}, b"Node 0, zone   Normal\n")], mode="w:xz")
    with decompressing_early(archive):
        assert read_ahead._early
        if taken:
            with open_input(archive, wanted=()) as opened:
                assert opened.kind == "sos"
            assert not read_ahead._early
    assert not read_ahead._early and threading.active_count() == before


class _LingeringStream:
    """A decompressed stream whose closing outlasts the reader's last read: the thread has put
    its last chunk and is still alive (closing its file) when the reader closes."""

    def __init__(self, data, holder):
        self.data, self.holder = data, holder  # holder["reader"]: the ReadAhead, once made

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        while "reader" not in self.holder:
            threading.Event().wait(0.001)
        self.holder["reader"]._stop.wait(5)

    def read(self, size):
        data, self.data = self.data[:size], self.data[size:]
        return data


def test_close_after_the_last_chunk_does_not_wait_on_the_empty_queue():
    """Closing waited up to 0.1 s on the queue for a thread that had nothing left to put (seen
    on 7 archives of 200 in a 2-worker fleet run): it now only waits for the thread to exit."""
    holder = {}
    stream = holder["reader"] = ReadAhead(lambda path, mode: _LingeringStream(b"abc" * 100, holder), "x")
    waited_empty = []
    get = stream._chunks.get

    def counting_get(block=True, timeout=None):
        try:
            return get(block, timeout)
        except queue.Empty:
            waited_empty.append(block)
            raise

    stream._chunks.get = counting_get
    assert stream.read() == b"abc" * 100
    assert stream._thread.is_alive()  # still in its stream's __exit__
    stream.close()
    assert not stream._thread.is_alive() and not any(waited_empty)

