r"""
A large log file scanned on several cores, with the streaming scan's result.

The streaming scan (:mod:`pagealloc.kernlog.scan`) spends nearly all its time
in two C loops over every byte: ``bytes.find`` of the prefilter needle and
``bytes.count`` of newlines for line numbers.  For a file of at least
``THRESHOLD`` bytes those loops run in one process per available core: the
file is cut at line boundaries and each part is *surveyed* (where its marker
lines start, by the same test the streaming scan applies, and how many lines
it has).  One process then feeds the assembler in file order, from a
read-only mmap of the file: the lines around each marker, and every line
while a report is open, numbered from the parts' line counts.  The assembler
therefore sees exactly the lines, numbers and order the streaming scan gives
it, and its state carries across the cuts.

The prefilter needles are found by ``bytes.find``, or by Hyperscan when the
optional ``scan`` extra is installed (:mod:`pagealloc.kernlog.hyperscan_prefilter`).

A survey that meets a NUL byte (the streaming scan drops them before
searching), a line longer than its read size, or marker lines closer than
one per ``SPARSE`` bytes (a dense log, where feeding the assembler is all
the work) answers "unsure", and the file is streamed instead.

Examples:
    >>> import os, tempfile
    >>> from pagealloc.kernlog.assembler import ReportAssembler
    >>> log = b"[ 0.1] boot\n" * 1000 + b"[ 9.0] java: page allocation failure: order:2, mode:0x4020\n"
    >>> with tempfile.NamedTemporaryFile(suffix=".log") as f:
    ...     _ = f.write(log * 3); f.flush()
    ...     assembler = ReportAssembler()
    ...     feed_file(f.name, assembler, workers=2, threshold=0)
    ...     [(e.line, e.comm) for e in assembler.sink.events()]
    True
    [(1001, 'java'), (2002, 'java'), (3003, 'java')]
"""

import mmap
import os
import pickle
from array import array
from contextlib import contextmanager

from pagealloc.kernlog import hyperscan_prefilter, scan
from pagealloc.kernlog.line_ends import cr_only

THRESHOLD = 128 << 20   # below it one core scans fast enough (128 MB: ~0.1 s) and forking costs more than it saves
# A log with marker lines closer than one per SPARSE bytes on average (past the first
# ALLOWANCE) spends its time feeding the assembler, not searching: the survey saves nothing
# there and costs ~0.4 s CPU per 100 MB of back-to-back reports, so such a log is streamed.
SPARSE = 64 << 10
ALLOWANCE = 64
READ = 8 << 20
RELEASE = 16 << 20   # the feeding process unmaps what it read every 16 MB


def available_cores():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@contextmanager
def opened_for_split(path, workers, threshold):
    """``(fd, size, mmap)`` of ``path`` when it is worth splitting across ``workers`` cores in forked
    processes (two or more, at least ``threshold`` bytes), else None: the file is streamed instead.
    The gate of both split paths (this survey, and kernlog/split_feed's dense parse)."""
    if workers < 2 or not hasattr(os, "fork"):
        yield None
        return
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size < max(threshold, 1):
            yield None
            return
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            # (a CR-only log is streamed: kernlog/line_ends reads its carriage returns as line feeds)
            yield None if cr_only(mm[:1 << 16]) else (f.fileno(), size, mm)


def feed_file(path, assembler, workers=None, threshold=THRESHOLD):
    """Feed ``path`` to ``assembler`` as :func:`scan.feed_stream` would and finish it;
    True when done, False (nothing fed) when the file is to be streamed instead."""
    workers = available_cores() if workers is None else workers
    with opened_for_split(path, workers, threshold) as opened:
        if opened is None:
            return False
        fd, size, mm = opened
        markers = _survey_parts(fd, _cuts(mm, size, workers))
        if markers is None:
            return False
        _feed_markers(mm, size, markers, assembler)
    assembler.finish()
    return True


def _cuts(mm, size, parts):
    """Part boundaries: ``parts`` ranges of about equal size, each cut after a newline.
    A newline is looked for within ``READ`` bytes only: a longer line makes the survey unsure
    anyway, and an unbounded search maps every page of a file holding none (2 GB of a crash's
    NULs: 1.1 GB resident)."""
    bounds = [0]
    for i in range(1, parts):
        start = max(size * i // parts, bounds[-1])
        cut = mm.find(b"\n", start, min(start + READ, size)) + 1
        if cut <= 0 or cut >= size:
            break
        if cut > bounds[-1]:
            bounds.append(cut)
    bounds.append(size)
    return list(zip(bounds, bounds[1:]))


def _survey_parts(fd, parts):
    """Marker lines of the whole file as [(offset, line number)], or None when unsure.
    The first part is surveyed here while children survey the others."""
    children = [_fork_survey(fd, start, stop) for start, stop in parts[1:]]
    results = [survey(fd, *parts[0])]
    for pid, pipe in children:
        results.append(collect_child(pid, pipe))
    if any(result is None for result in results):
        return None
    markers, base = [], 0
    for lines, found in results:
        markers.extend((found[i], base + found[i + 1] + 1) for i in range(0, len(found), 2))
        base += lines
    return markers


def _fork_survey(fd, start, stop):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: survey, send, leave without running the parent's exit handlers
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(survey(fd, start, stop), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def collect_child(pid, pipe):
    """The pickled answer of forked child ``pid`` read from ``pipe`` (also kernlog/split_feed's parts),
    or None when the child failed or said nothing."""
    with os.fdopen(pipe, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return None
    return pickle.loads(data)


def survey(fd, start, stop, read_size=None):
    """(newlines, markers) of the file's bytes ``[start, stop)`` (whole lines), or None when unsure.

    ``markers`` holds pairs: a marker line's offset in the file and the newlines
    before it in the part.
    """
    read_size = read_size or READ
    buf = bytearray(read_size)
    markers, lines, pos = array("q"), 0, start
    prefilter = hyperscan_prefilter.finder()
    while pos < stop:
        with memoryview(buf) as view:
            got = os.preadv(fd, [view[:min(read_size, stop - pos)]], pos)
        if got <= 0:
            return None  # the file shrank under us
        end = got if pos + got >= stop else buf.rfind(b"\n", 0, got) + 1
        if end <= 0 or buf.find(b"\x00", 0, end) >= 0:
            return None
        hits = prefilter(buf, end) if prefilter is not None else None
        lines = _survey_chunk(buf, end, pos, lines, markers, hits)
        if len(markers) > 2 * (ALLOWANCE + (pos + end - start) // SPARSE):
            return None  # dense: stream it
        pos += end
    return lines, markers


def _survey_chunk(buf, end, offset, lines, markers, hits):
    finder = scan._MarkerFinder(buf, end, hits)
    counted = at = 0
    while True:
        hit = finder.find(at)
        if hit < 0:
            return lines + buf.count(b"\n", counted, end)
        line_start = buf.rfind(b"\n", 0, hit) + 1
        lines += buf.count(b"\n", counted, line_start)
        counted = line_start
        markers.append(offset + line_start)
        markers.append(lines)
        newline = buf.find(b"\n", hit, end)
        at = end if newline < 0 else newline + 1


def _feed_markers(mm, size, markers, assembler):
    """Feed each marker line with the context lines before it, and on while the assembler is busy."""
    pos = fed = released = 0
    for offset, line in markers:
        if offset < pos:  # fed already, inside a report
            continue
        first = scan._context_start(mm, fed, offset)
        lineno = line - 1 - mm[first:offset].count(b"\n")
        pos = first
        while pos <= offset:
            pos, lineno = scan._feed_one(mm, pos, size, lineno, assembler)
        while True:  # a stretch at a time, handing back the pages read (RSS stays flat)
            pos, lineno = _feed_while_busy(mm, pos, min(size, pos + RELEASE), size, lineno, assembler)
            released = _release(mm, released, pos)
            if pos >= size or not assembler.busy:
                break
        fed = pos


def _feed_while_busy(mm, pos, stop_at, size, lineno, assembler):
    """Feed line after line from ``pos`` while a report is open, up to ``stop_at``; (pos, lineno)."""
    feed, find, max_line = assembler.feed, mm.find, scan.MAX_LINE
    while pos < stop_at and assembler.busy:  # the hot path of a dense log: inline
        newline = find(b"\n", pos, size)
        stop = size if newline < 0 else newline + 1
        lineno += 1
        feed(lineno, mm[pos:min(stop, pos + max_line)].decode("utf-8", "replace"))
        pos = stop
    return pos, lineno


def _release(mm, released, pos):
    """Drop this process's mapping of the pages below ``pos`` (never read again: context
    lines are not taken from before the last fed line); the new low mark."""
    upto = pos - pos % mmap.PAGESIZE
    if upto - released >= RELEASE and hasattr(mm, "madvise"):
        mm.madvise(mmap.MADV_DONTNEED, released, upto - released)
        return upto
    return released
