"""What a whole-report path could cost on a dense dmesg: a measurement, not the product (docs/benchmarks.md, row 3,
session 38).

A dense dmesg report (header to the next header) proven by one regex match, then the work the assembler must still do
for it, against the parse as it is.  The match is built from the product's own kinds: the header and task line as a
dense dmesg prints them, the trace region's lines as ``lazy_trace._LINE`` spells them (the header's whole seconds),
``Mem-Info:``, the block's lines as ``mem_span._BODY`` spells them (2.6's per-cpu lines and the SLUB lines too), up to
the next header; then what ``lazy_trace.region`` proves in Python on the same lines (its words, one opener, a frame,
the lines' length, the vmalloc lines, the free-text lines' pairs, the dumps' top frames), on the matched text.

Modes (``python -m bench.whole_report_ceiling FILE MODE [KEEP]``, CPU seconds of the work after the imports):

- ``current``: ``scan.feed_stream`` and ``events()`` of the sink (keep KEEP), as ``parse_stream`` does;
- ``match``: the match and the proofs alone, over the whole file read as text;
- ``direct``: the match, the proofs and the assembler's per-report steps by direct calls: ``find_header``,
  ``plain_learned``, ``_header`` (the open reports' walks, ``_new_report``, ``_open_report``, closing the report
  before: ``_close``, the sink), the task line (``_task_line``), the report's trace and Mem-Info kept as text (its
  lazy and deferred fields set, as ``lazy_trace.take`` and ``mem_span`` leave them).  The events it makes are not
  the product's (the kept text is not read back), nor does it set all of the state the general path sets: a lower
  bound of a whole-report path's cost, the ceiling of its gain.

Instructions: ``PYTHONHASHSEED=0 valgrind --tool=cachegrind --cache-sim=no python -m bench.whole_report_ceiling FILE
MODE KEEP``, less the same with MODE ``imports`` (for ``current``) or ``read`` (the imports and the file read as text,
for the other two).
"""

import re
import sys
import time

from pagealloc.kernlog import lazy_trace, mem_span
from pagealloc.kernlog import patterns as P
from pagealloc.kernlog.assembler import LAZY_PARTS, ReportAssembler
from pagealloc.kernlog.framing import plain_learned
from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.prefix import uptime_only
from pagealloc.kernlog.scan import MAX_LINE, feed_stream

_STAMP = lazy_trace._S  # (a line's uptime with the whole seconds of the header's: group "s")
_HEADER = (r"\[ *(?P<s>[0-9]{1,10})\.[0-9]{1,9}\] [A-Za-z0-9_/:.-]{1,16}: (?:page allocation (?:failure[.:] order:"
           r"[0-9]{1,2}|stalls for [0-9]{1,9}ms, order:[0-9]{1,2})|vmalloc: allocation failure: [0-9]{1,18} bytes)"
           r", mode:0x[0-9a-f]{1,8}(?:\([A-Z_|]*\))?(?:, nodemask=\(null\)(?:,cpuset=[^,\n]*,mems_allowed=[0-9,-]*)?)?\n")
_TASK = (_STAMP + r"(?:CPU: [0-9]{1,5} (?:UID: [0-9]+ )?PID: [0-9]{1,9} Comm: [^\n]{1,200}"
         r"|Pid: [0-9]{1,9}, comm: [^\n]{1,200}|[A-Za-z0-9_/:.-]{1,16} cpuset=[^\n]{1,200})\n")
_BLOCK = (r"(?:" + _STAMP + r"(?:" + mem_span._BODY[3:-3]
          + r"|(?:DMA32|DMA|Normal|HighMem) per-cpu:|CPU +[0-9]{1,4}: hi: +[0-9]+, btch: +[0-9]+ usd: +[0-9]+"
          r"|SLUB: Unable to allocate memory on node -?[0-9]+ \(gfp=0x[0-9a-f]+\)"
          r"|  cache: [a-z0-9_-]+, object size: [0-9]+, buffer size: [0-9]+, default order: [0-9]+, min order: [0-9]+"
          r"|  node [0-9]+: slabs: [0-9]+, objs: [0-9]+, free: [0-9]+)\n)*+")
_REPORT = re.compile(_HEADER + r"(?:" + _TASK + r")++(?:" + lazy_trace._LINE + r")*+(?:" + _STAMP + r"Mem-Info:\n)?"
                     + _BLOCK + r"(?=\[ *[0-9]{1,10}\.[0-9]{1,9}\] [A-Za-z0-9_/:.-]{1,16}: (?:page |vmalloc: )|\Z)")


def _holding(text, word, start, end):
    """The (start, stop) of each line of ``text[start:end]`` holding ``word``."""
    here = text.find(word, start, end)
    while here >= 0:
        stop = text.find("\n", here)
        yield text.rfind("\n", 0, here) + 1, stop
        here = text.find(word, stop, end)


def _proven(text, body, stop):
    """What lazy_trace.region proves in Python, asked of the report ``text[:stop]`` whose lines after its header
    start at ``body`` (the region: from the line after its task line up to its Mem-Info line or its end)."""
    region_end = text.find("] Mem-Info:\n", body, stop)
    region_end = stop if region_end < 0 else region_end
    region = text.find("\n", text.find("omm: ", body, stop)) + 1
    if text.find("allocation", body, stop) >= 0 or text.find("kernel:", body, stop) >= 0 \
            or any(text.find(word, region, region_end) >= 0 for word in lazy_trace._WORDS) \
            or text.count("] Call Trace:\n", body, region_end) != 1 or text.find("+0x", body, region_end) < 0 \
            or max(map(len, text[body:stop].split("\n"))) >= MAX_LINE:
        return False
    for start, end in _holding(text, "vmalloc", body, region_end):
        if LAZY_PARTS._PLAIN_FRAME.fullmatch(text, start, end) is None:
            return False
    for special in lazy_trace._SPECIAL:
        for start, end in _holding(text, special, body, region_end):
            line = text[start:end]
            if special != "] RIP: " and lazy_trace._NAMED.search(line) is not None \
                    or not lazy_trace._pair_taken(LAZY_PARTS, text[lazy_trace._line_before(text, start):start - 1], line) \
                    or not lazy_trace._pair_taken(LAZY_PARTS, line, text[end + 1:text.find("\n", end + 1)]):
                return False
    last_top = max(text.rfind(word, body, region_end) for word in lazy_trace._TOP_WORDS)
    return last_top < 0 or lazy_trace._unwinders_only(text[body:region_end], last_top - body, LAZY_PARTS._UNWINDING)


def reports(text):
    """``(start, body, stop)`` of each whole report of ``text`` the match and the proofs take (the rest is passed a
    line at a time, as the general path would read it)."""
    match, pos, end = _REPORT.match, 0, len(text)
    while pos < end:
        found = match(text, pos)
        if found is None:
            newline = text.find("\n", pos)
            pos = end if newline < 0 else newline + 1
            continue
        body, stop = text.find("\n", pos) + 1, found.end()
        if _proven(text, body, stop):
            yield pos, body, stop
        pos = stop


def direct(text, keep):
    """The ``direct`` mode (module docstring); the number of reports and the sink's total."""
    assembler, lineno, count = ReportAssembler(source="x", keep=keep), 0, 0
    for pos, body, stop in reports(text):
        task_end = text.find("\n", body)
        task = text[body:task_end]
        hit = find_header(text[pos:body - 1])
        assembler._header(lineno, hit, plain_learned(hit, task))
        pre = uptime_only(task)
        task_match = P.TASK_NEW.match(pre.body) or P.TASK_OLD.match(pre.body)
        if task_match is not None:
            assembler._task_line(task_match, pre)
        report = assembler.open[-1]
        report.evidence = report.logged_after = report.trace_started = True
        deferring = assembler._deferring()
        if deferring:
            report.lazy = ((text[task_end + 1:stop],), lineno + 2)
        else:
            report.frames = [("x", None)]
        if text.find("] Mem-Info:", body, stop) >= 0:
            report.mem_started = report.mem_ended = True
            if deferring:
                report.deferred, report.deferred_zone = [text[task_end:stop]], True
        assembler.trace_target = report
        lineno += text.count("\n", pos, stop)
        count += 1
    return count, assembler.sink.total


def main(argv):
    path, mode = argv[0], argv[1]
    keep = int(argv[2]) if len(argv) > 2 else 100
    start = time.process_time()
    if mode == "current":
        with open(path, "rb") as stream:
            assembler = feed_stream(stream, ReportAssembler(source="x", keep=keep))
            answer = assembler.sink.total, len(assembler.sink.events())
    elif mode in ("match", "direct", "read"):
        with open(path, "rb") as stream:
            text = stream.read().decode("ascii")
        answer = sum(1 for _ in reports(text)) if mode == "match" else direct(text, keep) if mode == "direct" else None
    elif mode == "imports":
        answer = None
    else:
        raise SystemExit("mode: current, match, direct, imports or read")
    print("%s %s keep %d: %s, %.3f s CPU" % (path, mode, keep, answer, time.process_time() - start))


if __name__ == "__main__":
    main(sys.argv[1:])
