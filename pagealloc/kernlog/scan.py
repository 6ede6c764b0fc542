"""
Streaming scan of a kernel log file: find the failure reports without
reading the whole file into memory or through the line parser.

The file is read in large binary chunks; ``bytes.find`` looks for marker
strings that every report (or rate-limit notice) contains; only from there on
(plus a few lines before, for split 4.9 headers and the 3.10 vmalloc line)
are lines decoded and fed to the :class:`ReportAssembler`, and only while it
has a report open.  Memory: one chunk plus the events kept.  Lines longer
than ``MAX_LINE`` bytes are cut (the rest of such a line is skipped).
"""

CHUNK = 8 << 20
MAX_LINE = 64 << 10
BACKTRACK_LINES = 3
MARKERS = (b"allocation failure", b"allocation stall", b"vmalloc", b"vmap allocation",
           b"callbacks suppressed")


def _decode(raw):
    return raw.decode("utf-8", "replace")


class _MarkerFinder:
    """Next marker position in a buffer, caching each marker's next hit."""

    def __init__(self, buf, end):
        self.buf, self.end = buf, end
        self.next_hit = {marker: -2 for marker in MARKERS}

    def find(self, pos):
        best = -1
        for marker, hit in self.next_hit.items():
            if hit != -1 and hit < pos:
                hit = self.buf.find(marker, pos, self.end)
                self.next_hit[marker] = hit
            if hit >= 0 and (best < 0 or hit < best):
                best = hit
        return best


def feed_stream(stream, assembler, chunk_size=CHUNK):
    """Feed the interesting lines of a binary stream to ``assembler``; returns it finished."""
    lineno = 0
    buf = b""
    skipping_long_line = False
    while True:
        data = stream.read(chunk_size)
        eof = not data
        buf = buf + data if buf else data
        if skipping_long_line:
            newline = buf.find(b"\n")
            if newline < 0:
                buf = b""
                if eof:
                    break
                continue
            buf = buf[newline + 1:]
            skipping_long_line = False
        end = len(buf) if eof else buf.rfind(b"\n") + 1
        if end == 0:
            if len(buf) > MAX_LINE:  # one enormous line: parse its start, skip the rest
                lineno += 1
                if assembler.busy or any(m in buf[:MAX_LINE] for m in MARKERS):
                    assembler.feed(lineno, _decode(buf[:MAX_LINE]))
                buf = b""
                skipping_long_line = True
            if eof:
                break
            continue
        lineno = _feed_lines(buf, end, lineno, assembler)
        buf = buf[end:]
        if eof:
            break
    assembler.finish()
    return assembler


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
