"""
Streaming scan of a kernel log file: find the failure reports without
reading the whole file into memory or through the line parser.

The file is read in large binary chunks; ``bytes.find`` looks for marker
strings that every report contains; only from there on (plus a few lines
before, for split 4.9 headers, the 3.10 vmalloc line and the "callbacks
suppressed" notice)
are lines decoded and fed to the :class:`ReportAssembler`, and only while it
has a report open.  Memory: one chunk plus the events kept.  Lines longer
than ``MAX_LINE`` bytes are cut (the rest of such a line is skipped).
"""

CHUNK = 8 << 20
MAX_LINE = 64 << 10
BACKTRACK_LINES = 5
MARKERS = (b"allocation failure", b"allocation stall", b"vmalloc", b"vmap allocation",
           b"callbacks suppressed")


def _decode(raw):
    return raw.decode("utf-8", "replace")


# Every marker contains one of these, and they are few: one pass of
# bytes.find per prefilter needle instead of one per marker (the scan is
# bound by these passes: measured 5 passes 0.55 s, 2 passes 0.25 s per
# 200 MB).  A prefilter hit only counts when its line holds a real marker.
PREFILTER = (b"alloc", b"callbacks suppressed")
assert all(any(p in m for p in PREFILTER) for m in MARKERS)


class _MarkerFinder:
    """Next marker position in a buffer, caching each prefilter needle's next hit."""

    def __init__(self, buf, end):
        self.buf, self.end = buf, end
        self.next_hit = {needle: -2 for needle in PREFILTER}

    def _prefiltered(self, pos):
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


def feed_stream(stream, assembler, chunk_size=CHUNK):
    """Feed the interesting lines of a binary stream to ``assembler``; returns it finished.

    One buffer is reused for the whole stream: the unfinished last line of a
    chunk moves to its front and the next chunk is read in behind it (a new
    chunk-sized object per read costs page faults: 2 GB read with
    ``buf + data`` took 1.3 s of system time, reused 0.35 s).
    """
    lineno = 0
    buf = bytearray(chunk_size)
    have = 0  # bytes of buf in use: the carried partial line, then new data
    skipping_long_line = False
    while True:
        if len(buf) < have + chunk_size:  # a long partial line is carried: make room
            buf.extend(bytes(have + chunk_size - len(buf)))
        got = _read_into(stream, buf, have, chunk_size)
        eof = not got
        have += got
        if skipping_long_line:
            newline = buf.find(b"\n", 0, have)
            if newline < 0:
                have = 0
                if eof:
                    break
                continue
            have = _carry(buf, newline + 1, have)
            skipping_long_line = False
        end = have if eof else buf.rfind(b"\n", 0, have) + 1
        if end == 0:
            if have > MAX_LINE:  # one enormous line: parse its start, skip the rest
                lineno += 1
                head = bytes(buf[:MAX_LINE])
                if assembler.busy or any(m in head for m in MARKERS):
                    assembler.feed(lineno, _decode(head))
                have = 0
                skipping_long_line = True
            if eof:
                break
            continue
        lineno = _feed_lines(buf, end, lineno, assembler)
        have = _carry(buf, end, have)
        if eof:
            break
    assembler.finish()
    return assembler


def _carry(buf, start, have):
    """Move ``buf[start:have]`` to the front; returns its length."""
    rest = have - start
    if rest:
        buf[:rest] = buf[start:have]
    return rest


def _feed_lines(buf, end, lineno, assembler):
    finder = _MarkerFinder(buf, end)
    pos = 0
    while pos < end:
        if not assembler.busy:
            hit = finder.find(pos)
            if hit < 0:
                return lineno + buf.count(b"\n", pos, end)
            start = buf.rfind(b"\n", pos, hit) + 1 if hit > pos else pos
            start = max(start, pos)
            for _ in range(BACKTRACK_LINES):
                if start <= pos:
                    break
                previous = buf.rfind(b"\n", pos, start - 1)
                start = previous + 1 if previous >= 0 else pos
            lineno += buf.count(b"\n", pos, start)
            pos = start
            # Feed up to and including the marker line, then continue below.
            while pos <= hit and pos < end:
                pos, lineno = _feed_one(buf, pos, end, lineno, assembler)
            continue
        pos, lineno = _feed_one(buf, pos, end, lineno, assembler)
    return lineno


def _feed_one(buf, pos, end, lineno, assembler):
    newline = buf.find(b"\n", pos, end)
    stop = end if newline < 0 else newline + 1
    lineno += 1
    assembler.feed(lineno, _decode(buf[pos:min(stop, pos + MAX_LINE)]))
    return stop, lineno
