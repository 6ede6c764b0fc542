r"""
Streaming scan of a kernel log file: find the failure reports without
reading the whole file into memory or through the line parser.

The file is read in large binary chunks; ``bytes.find`` looks for marker
strings that every report contains; only from there on (plus a few lines
before, for split 4.9 headers, the 3.10 vmalloc line and the "callbacks
suppressed" notice)
are lines decoded and fed to the :class:`ReportAssembler`, and only while it
has a report open.  Memory: one chunk plus the events kept.  Lines longer
than ``MAX_LINE`` bytes are cut (the rest of such a line is skipped).

Examples:
    >>> import io
    >>> from pagealloc.kernlog.assembler import ReportAssembler
    >>> log = b"[ 0.1] boot\n" * 1000 + b"[ 9.0] java: page allocation failure: order:2, mode:0x4020\n"
    >>> events = feed_stream(io.BytesIO(log), ReportAssembler(), chunk_size=4096).sink.events()
    >>> [(e.line, e.comm, e.order) for e in events]
    [(1001, 'java', 2)]
"""

from bisect import bisect_left

CHUNK = 8 << 20
MAX_LINE = 64 << 10
BACKTRACK_LINES = 5
ASCII_BLOCK = 16 << 10  # bytes of whole lines decoded at once while the assembler is busy (_feed_while_busy)
MARKERS = (b"allocation failure", b"alloc failure", b"allocation stall", b"vmalloc", b"vmap allocation",
           b"callbacks suppressed", b"Unable to allocate memory", b"-order allocation failed")  # (2.4)
# A header wrapped inside its words ("... swapper: page allocation" / "failure: order:0"):
# a prefilter hit on a line ending in "allocation" counts as a marker line too.



def _decode(raw):
    return raw.decode("utf-8", "replace")


# Every marker line contains "alloc" (the suppressed notices that count name
# an *alloc* function, patterns.ALLOC_RATELIMITED_FUNCS), so one pass of
# bytes.find finds them all (the scan is bound by these passes: measured 5
# passes 0.55 s, 2 passes 0.25 s per 200 MB; 1 pass: 2.37x grep instead of
# 3.04x on 2 GB).  A prefilter hit only counts when its line holds a marker.
PREFILTER = (b"alloc",)
assert all(any(p in m for p in PREFILTER) for m in MARKERS if m != b"callbacks suppressed")


class _MarkerFinder:
    """Next marker position in a buffer, caching each prefilter needle's next hit.
    ``hits``: where the prefilter needles start in ``buf[:end]``, sorted, when an
    accelerated matcher found them (:mod:`pagealloc.kernlog.hyperscan_prefilter`)."""

    def __init__(self, buf, end, hits=None):
        self.buf, self.end, self.hits = buf, end, hits
        self.next_hit = {needle: -2 for needle in PREFILTER}

    def _prefiltered(self, pos):
        if self.hits is not None:
            at = bisect_left(self.hits, pos)
            return self.hits[at] if at < len(self.hits) else -1
        best = -1
        for needle, hit in self.next_hit.items():
            if hit != -1 and hit < pos:
                hit = self.buf.find(needle, pos, self.end)
                self.next_hit[needle] = hit
            if hit >= 0 and (best < 0 or hit < best):
                best = hit
        return best

    def find(self, pos):
        buf, end = self.buf, self.end
        while True:
            hit = self._prefiltered(pos)
            if hit < 0:
                return -1
            # Markers never span lines: look for the earliest one on the hit's line.
            line_start = max(buf.rfind(b"\n", pos, hit) + 1, pos)
            line_end = buf.find(b"\n", hit, end)
            line_end = end if line_end < 0 else line_end
            found = [at for at in (buf.find(m, line_start, line_end) for m in MARKERS) if at >= 0]
            if found:
                return min(found)
            if buf[line_start:line_end].rstrip().endswith(b"allocation"):
                return hit
            pos = line_end + 1


def _read_into(stream, buf, at, size):
    """Read up to ``size`` bytes into ``buf[at:]``; bytes read (0 at the end)."""
    readinto = getattr(stream, "readinto", None)
    if readinto is not None:
        with memoryview(buf) as view:
            return readinto(view[at:at + size]) or 0
    data = stream.read(size)
    buf[at:at + len(data)] = data
    return len(data)


def feed_stream(stream, assembler, chunk_size=CHUNK, lineno=0):
    """Feed the interesting lines of a binary stream to ``assembler``; returns it finished.
    ``lineno``: lines before the stream's first (a part of a file, :mod:`pagealloc.kernlog.split_feed`).

    One buffer is reused for the whole stream: the unfinished last line of a
    chunk moves to its front and the next chunk is read in behind it (a new
    chunk-sized object per read costs page faults: 2 GB read with
    ``buf + data`` took 1.3 s of system time, reused 0.35 s).  The last
    ``BACKTRACK_LINES`` complete lines that were not fed move along too, so a
    report starting right after a chunk boundary still gets the lines before
    its header (split 4.9 headers, the rate-limit notice).
    """
    window = _Window(stream, chunk_size)
    # lineno: lines counted so far (all lines before offset ``window.done``)
    while window.read():
        if window.skip_long_line_rest() is None:
            continue
        end = window.complete_lines_end()
        if end <= window.done:  # no complete new line yet
            lineno = window.cut_enormous_line(lineno, assembler)
            continue
        lineno, fed = _feed_lines(window.buf, window.done, end, lineno, assembler)
        window.keep_context(max(fed, 0), end)
    assembler.finish()
    return assembler


class _Window:
    """The reused buffer of :func:`feed_stream`: ``buf[:have]`` holds unfed
    context lines (``buf[:done]``, already counted), the carried partial line
    and the newest data."""

    def __init__(self, stream, chunk_size):
        self.stream, self.chunk_size = stream, chunk_size
        self.buf = bytearray(chunk_size)
        self.have = self.done = 0
        self.eof = self.skipping_long_line = False

    def read(self):
        """Read the next chunk in behind what is kept; False once the end was handled."""
        if self.eof:
            return False
        buf, have, size = self.buf, self.have, self.chunk_size
        if len(buf) < have + size:  # a long partial line is carried: make room
            buf.extend(bytes(have + size - len(buf)))
        got = _read_into(self.stream, buf, have, size)
        self.eof = not got
        if got and buf.find(b"\x00", have, have + got) >= 0:
            got = _drop_nul_bytes(buf, have, got)
        self.have += got
        return True

    def skip_long_line_rest(self):
        """Drop the rest of a cut line up to its newline; None while none came yet."""
        if not self.skipping_long_line:
            return True
        buf, done, have = self.buf, self.done, self.have
        newline = buf.find(b"\n", done, have)
        if newline < 0:
            self.have = done
            return None
        buf[done:have - (newline + 1 - done)] = buf[newline + 1:have]
        self.have -= newline + 1 - done
        self.skipping_long_line = False
        return True

    def complete_lines_end(self):
        return self.have if self.eof else self.buf.rfind(b"\n", self.done, self.have) + 1

    def cut_enormous_line(self, lineno, assembler):
        """One line longer than ``MAX_LINE`` and no newline yet: parse its start, skip the rest."""
        if self.have - self.done <= MAX_LINE:
            return lineno
        lineno += 1
        head = bytes(self.buf[self.done:self.done + MAX_LINE])
        if assembler.busy or any(m in head for m in MARKERS):
            assembler.feed(lineno, _decode(head))
        self.have = self.done = 0
        self.skipping_long_line = True
        return lineno

    def keep_context(self, fed, end):
        """Move the unfed context lines before ``end`` and the partial line after it to the front."""
        keep = _context_start(self.buf, fed, end)
        self.have = _carry(self.buf, keep, self.have)
        self.done = end - keep


def _drop_nul_bytes(buf, at, size):
    """Remove NUL bytes from ``buf[at:at + size]`` in place; the new size.

    The line parser drops them (``ReportAssembler.feed``), so the scan must
    too: a NUL inside "allocation failure" would otherwise hide a report from
    the marker search that the in-memory parser still finds.
    """
    # (translate deletes in one C pass: replace() took 10 s per GB of a crash's NUL run)
    kept = bytes(buf[at:at + size]).translate(None, b"\x00")
    buf[at:at + len(kept)] = kept
    return len(kept)


def _context_start(buf, floor, end):
    """Start of the last ``BACKTRACK_LINES`` complete lines before ``end``, not below ``floor``."""
    start = end
    for _ in range(BACKTRACK_LINES):
        if start <= floor:
            break
        previous = buf.rfind(b"\n", floor, start - 1)
        start = previous + 1 if previous >= 0 else floor
    return max(start, floor)


def _carry(buf, start, have):
    """Move ``buf[start:have]`` to the front; returns its length."""
    rest = have - start
    if rest:
        buf[:rest] = buf[start:have]
    return rest


def _feed_lines(buf, start, end, lineno, assembler):
    """Feed the report lines of ``buf[start:end]`` (complete lines); lines in
    ``buf[:start]`` are unfed context that a header may reach back into.
    Returns the line count and the offset below which lines were fed."""
    finder = _MarkerFinder(buf, end)
    pos, fed = start, 0
    while pos < end:
        if assembler.busy:  # in a dense log nearly every line comes this way
            pos, lineno = _feed_while_busy(buf, pos, end, lineno, assembler)
            fed = pos
            continue
        hit = finder.find(pos)
        if hit < 0:
            return lineno + buf.count(b"\n", pos, end), fed
        first = max(buf.rfind(b"\n", fed, hit) + 1, fed)
        first = _context_start(buf, fed, first) if first > fed else first
        if first < pos:
            lineno -= buf.count(b"\n", first, pos)
        else:
            lineno += buf.count(b"\n", pos, first)
        pos = first
        # Feed up to and including the marker line, then continue below.
        while pos <= hit and pos < end:
            pos, lineno = _feed_one(buf, pos, end, lineno, assembler)
        fed = pos
    return lineno, fed


def _feed_while_busy(buf, pos, end, lineno, assembler):
    """Feed the lines of ``buf[pos:end]`` while the assembler is busy; ``(pos, lineno)`` after the last fed.
    A block of whole lines that is all ASCII (most logs) is decoded and split at once, each line fed as
    the per-line decode gives it (less its newline, which ``feed`` strips first; cut at ``MAX_LINE``);
    other blocks (and a line longer than one) a line at a time."""
    feed, find, run = assembler.feed, buf.find, assembler.feed_run
    while pos < end:
        stop = buf.rfind(b"\n", pos, min(end, pos + ASCII_BLOCK)) + 1
        block = buf[pos:stop] if stop else None
        if block is not None and block.isascii():
            lines = block.decode("ascii").split("\n")
            lines.pop()  # (after the block's last newline)
            at, count = 0, len(lines)
            while at < count:
                taken = run(lines, at, lineno, MAX_LINE) if assembler.held is not None else 0
                if taken:  # a report's lines in a row, in one call (ReportAssembler.feed_run)
                    at += taken
                    lineno += taken
                else:
                    line = lines[at]
                    at += 1
                    lineno += 1
                    feed(lineno, line if len(line) < MAX_LINE else line[:MAX_LINE])
                if not (assembler.open or assembler.busy):  # open reports: busy (no call)
                    return pos + sum(map(len, lines[:at])) + at, lineno
            pos = stop
            continue
        limit = stop or pos + 1  # (no newline in the block: one long line)
        while pos < limit:
            newline = find(b"\n", pos, end)
            stop = end if newline < 0 else newline + 1
            lineno += 1
            feed(lineno, buf[pos:stop if stop - pos <= MAX_LINE else pos + MAX_LINE].decode("utf-8", "replace"))
            pos = stop
            if not (assembler.open or assembler.busy):
                return pos, lineno
    return pos, lineno


def _feed_one(buf, pos, end, lineno, assembler):
    newline = buf.find(b"\n", pos, end)
    stop = end if newline < 0 else newline + 1
    lineno += 1
    assembler.feed(lineno, _decode(buf[pos:min(stop, pos + MAX_LINE)]))
    return stop, lineno
