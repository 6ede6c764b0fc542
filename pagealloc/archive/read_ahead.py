"""
Decompression on another core: a thread decompresses the archive ahead of
the tar reader.

A 44 MB ``.tar.xz`` takes 1.8 s of liblzma to decompress; reading its tar
headers, checking every entry and scanning its logs is Python work of about
the same size.  liblzma, zlib and libbz2 release the GIL while they
decompress (CPython's ``_lzmamodule.c``, ``zlibmodule.c``, ``_bz2module.c``),
so a reader thread that decompresses the next megabytes while the main
thread handles the current ones runs both at once on two cores.  At most
:data:`DEPTH` chunks wait in between (memory: ``DEPTH * CHUNK``).

Errors of the decompressor (corrupt or truncated data) are raised again in
the reader's thread, at the point of the stream where they occurred.

Examples:
    >>> import gzip, io, os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "x.gz")
    >>> with gzip.open(path, "wb") as out:
    ...     _ = out.write(b"abc" * 1000)
    >>> with ReadAhead(gzip.open, path) as stream:
    ...     len(stream.read(10)), len(stream.read())
    (10, 2990)
"""

import queue
import threading
from contextlib import contextmanager

from pagealloc.archive.kinds import readable

CHUNK = 1 << 20
DEPTH = 8
# Started early (:func:`early`), it may run this far ahead while the caller loads components.
EARLY_DEPTH = 64

_early = {}  # archive path -> ReadAhead started before extraction


class ReadAhead:
    """``opener(path, "rb")`` read by a thread; ``read``/``readinto`` give its bytes in order."""

    def __init__(self, opener, path, depth=DEPTH):
        self._chunks = queue.Queue(depth)
        self._stop = threading.Event()
        self._data, self._at, self._ended = b"", 0, False
        self._thread = threading.Thread(target=self._decompress, args=(opener, path), daemon=True,
                                        name="pagealloc-read-ahead")
        self._thread.start()

    def _decompress(self, opener, path):
        try:
            with opener(readable(path), "rb") as stream:  # the descriptor the user's file was checked through
                while not self._stop.is_set():
                    data = stream.read(CHUNK)
                    self._put(data)
                    if not data:
                        return
        except BaseException as exc:  # handed over: raised again by the reader
            self._put(exc)

    def _put(self, item):
        while not self._stop.is_set():
            try:
                self._chunks.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    def _fill(self):
        """True when bytes are waiting in ``_data``; False at the end."""
        if self._at < len(self._data):
            return True
        if self._ended:
            return False
        item = self._chunks.get()
        if isinstance(item, BaseException):
            self._ended = True
            raise item
        self._data, self._at = item, 0
        if not item:
            self._ended = True
            return False
        return True

    def read(self, size=-1):
        if size is None or size < 0:
            parts = []
            while self._fill():
                parts.append(self._data[self._at:])
                self._at = len(self._data)
            return b"".join(parts)
        if not self._fill():
            return b""
        data = self._data[self._at:self._at + size]
        self._at += len(data)
        return data

    def readinto(self, view):
        if not self._fill():
            return 0
        count = min(len(view), len(self._data) - self._at)
        view[:count] = self._data[self._at:self._at + count]
        self._at += count
        return count

    def close(self):
        """Stop the thread and wait for it.  Once ``_stop`` is set the thread puts at most the
        chunk it is putting; emptying the queue makes room for it, so the join cannot hang.
        (Waiting on the queue instead cost 0.1 s whenever the thread, its last chunk put, had not
        exited yet: 7 archives of 200 in a 2-worker fleet run.)"""
        self._stop.set()
        while True:
            try:
                self._chunks.get_nowait()  # unblock a put waiting for room
            except queue.Empty:
                break
        self._thread.join()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@contextmanager
def early(path, opener):
    """Start decompressing ``path`` now, up to EARLY_DEPTH chunks ahead: the caller's own work
    (loading insights-core and the components, about 0.4 s) then overlaps it.  :func:`opened`
    takes it over; whatever is not taken is stopped when the block ends."""
    started = _early[path] = ReadAhead(opener, path, EARLY_DEPTH)
    try:
        yield
    finally:
        if _early.get(path) is started:
            del _early[path]
        started.close()


def opened(opener, path):
    """The reader of ``path``: the one started early if there is one, else a new one."""
    started = _early.pop(path, None)
    if started is None:
        return ReadAhead(opener, path)
    started._chunks.maxsize = DEPTH  # from here on, as close behind as a fresh one
    return started
