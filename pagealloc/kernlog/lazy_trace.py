"""
A report's trace read when its event is given out: the lines from the one after its task line up to its
``Mem-Info:`` line (hardware name, workqueue, stack words, ``Call Trace:``, stack markers, frames, registers and
code bytes), found by one match while the bound may drop the report's event (the sink holds its first events:
assembler.DEFER_MEM), kept as text and read by the runs' own code only if the event is given out.  A dense dmesg's
reports go so: each has a trace, and only the first and last events the bound keeps are ever given out.

A region is a run of lines each of a kind the report-line and frame runs (ReportAssembler._line_run, _frame_run) take
and read whole before the next one, by their kinds (``_REGION``: a plain frame after a plain frame is the frame run's,
which asks nothing; a marker, the opener or trace noise is whole before a line opening with no "[", as
whole_kinds.whole_by_kind says; a frame before anything, as assembler._surely_whole says: tests/kernlog/
test_lazy_trace.py draws them), the pairs around its free-text lines (the hardware name, the workqueue, a RIP line)
asked as the report-line run asks them.  What reading such a region changes is the report's own trace (frames,
markers, unsure marks, the caller an ARM line names) and nothing the next lines ask, given what :func:`take` and
:func:`region` hold: one opener, which starts the newest report's trace (it has a task line and no trace yet, no other
dump's task line came), only lines the runs claim (trace noise, stack markers, frames of the running trace: no
header, task or Mem-Info words; "vmalloc" only in a frame after a frame, which the frame run takes), a frame at least,
every line printed after the oldest open report's header (its whole seconds: none is every open report's line from
before), no dump's top frame after a frame past the unwinder (no other dump opens: assembler._opens_another_dump).
So a region sets at once what reading it sets outside
the trace (the trace started and running, the Mem-Info line as the newest "alloc" or cut-end line: before_alloc),
holds the ``Mem-Info:`` line as the run holds it, and keeps its lines on the report (``_Report.lazy``); :func:`replay`
reads them through a scratch assembler holding only a stand-in of the report with the report's own lists, each line
by ReportAssembler._line (what the runs do with each line, tests/kernlog/test_report_line_run.py and
test_dense_path.py), and :func:`read_event` then reads the call path, mode and Mem-Info as assembler._read_event does.
Events, counts, kept events, dropped title keys and state digests are the same with lazy traces and without
(tests/kernlog/test_lazy_trace.py).

>>> lines = ["[   10.000002] Hardware name: QEMU Standard PC", "[   10.000003] Call Trace:",
...          "[   10.000004]  dump_stack+0x41/0x60", "[   10.000005]  warn_alloc+0x7b/0x108",
...          "[   10.000006] Mem-Info:"]
>>> from pagealloc.kernlog.assembler import LAZY_PARTS
>>> region(LAZY_PARTS, lines, 0, 10.000001, 64 << 10)
4
>>> region(LAZY_PARTS, lines[:4] + ["[   10.000005]  show_stack+0x7b/0x108"] + lines[4:], 0, 10.000001, 64 << 10)  # (a top again)
"""

import re

from pagealloc.kernlog.collapsed import glued_uptime
from pagealloc.kernlog.prefix import Prefixed
from pagealloc.kernlog.whole_kinds import whole_by_kind

LAZY_TRACES = True  # False: every trace line read as it comes (tests)

_WINDOW = 96  # lines looked at for the region's Mem-Info line
# A region's lines by their kinds, each behind a plain uptime of the same whole seconds as its first line's: a line
# the runs take (_PLAIN_FRAME, _PLAIN_REPORT, _MARKER_REPORT), whole before the next line by the runs' tests (the pair
# as whole_kinds.whole_by_kind or assembler._surely_whole answers it: tests/kernlog/test_lazy_trace.py draws them):
# - a plain frame (its length printed in at most nine digits: "/0x" within the last twelve characters), and after a
#   plain frame one with a module (no caller id or address in its brackets); the frame run takes them
# - a stack marker alone, before a line opening with no "["; a marker before a frame (no module)
# - an x86 RIP line naming a symbol (a frame), or a user address (noise: its pairs asked here, see _SPECIAL)
# - raw stack words, registers and code bytes as whole_kinds reads them (the last sign a digit or b-f), before a line
#   opening with no "["
# - the hardware name and the workqueue (trace noise; their pairs asked here, see _SPECIAL)
# - "Call Trace:", before a frame or marker (no header's words)
_S = r"\[ *(?P=s)\.[0-9]{1,9}\] "
_SYMBOL = r"[A-Za-z_.$][A-Za-z0-9_.$]{0,200}\+0x[0-9a-fA-F]{1,16}/0x[0-9a-fA-F]{1,9}"
_FRAME = r" +(?:\[<[0-9a-fA-F]{6,16}>\] )?(?:\? )?" + _SYMBOL
_MODULE = r" \[(?![CT][0-9]{1,7}\])(?![0-9a-fA-F]{8,16}\])[A-Za-z0-9_-]{1,64}\]"
_MARKER = r"</?(?:IRQ|EOI|SOFTIRQ|TASK|NMI)>"
_NO_BRACKET = r"(?![^\]\n]*\] +\[)"  # (the next line opens with no "[")
_LINE = (_S + r"(?:" + _FRAME + r"\n(?:" + _S + _FRAME + r"(?:" + _MODULE + r")?\n)*+"  # (its uptime read once)
         + r"|(?: {0,3}" + _MARKER + r"\n" + _NO_BRACKET
         + r"| *" + _MARKER + _FRAME + r"\n"
         + r"|RIP: [0-9a-f]{4}:(?:" + _SYMBOL + r"|0x[0-9a-f]{1,16})\n"
         + r"|(?: *(?:[0-9a-f]{8}|[0-9a-f]{16})(?: (?:[0-9a-f]{8}|[0-9a-f]{16})){1,7}|R[A-Z0-9]{1,3}: [0-9a-fA-Z_: ]*"
         + r"|Code: [0-9a-f<> ]*)(?<=[0-9b-f])\n" + _NO_BRACKET
         + r"|(?:Hardware name|Workqueue): (?:[^+*}\n&\\]|(?<![A-Za-z0-9_.$])\+)*(?<=[!-%'-)+-=?-\[^a-}])\n"
         + r"|Call Trace:\n(?![^\]\n]*\] +(?:\[(?!<)|page|vmalloc|allocation|failure|SL|size|Unable|vmemmap|alloc ))))")
_REGION = re.compile(r"(?=\[ *(?P<s>[0-9]{1,10})\.)(?:" + _LINE + r")++" + _S + r"Mem-Info:\n")
# lines whose pairs with the lines beside them are asked as the report-line run asks them (their text is free)
_SPECIAL = ("] Hardware name: ", "] Workqueue: ", "] RIP: ")
# words no line of a region holds: a header's, a task line's, what a symbol may hold that a RIP line would be read for
# ("lowmem": _surely_whole asks the next line's first sign); a symbol may hold "vma" (_line's _vmalloc_line reads no
# frame: it looks for words and blanks no frame holds), and "vmalloc" after a plain frame (the frame run's: the
# report-line run leaves a line holding "alloc" and "vmalloc" to feed, which looks for a header in it)
_WORDS = ("allocation", "CPU:", "PID:", "lowmem")
# words a hardware name or workqueue line must not hold: a syslog tag, an escaped newline, a header's or vmalloc
# line's words, an ARM caller, a task line's, assembler._NOT_NOISE_WORDS (no other kind of a region holds one)
_NAMED_WORDS = ("kernel:", "#012", " from ", "allocation", "Unable to", "alloc failure", ">]<", "CPU:", "PID:",
                " free:", ".c:", "cpuset=", "per-cpu:", "Free pages:", "callbacks suppressed", "oom-killer:", "vma")
_NAMED = re.compile("|".join(map(re.escape, _NAMED_WORDS)))  # (any of them in a line: one search)
# the dumps' top frames' names as substrings (assembler._TRACE_TOP: "dump_stack" in "dump_stack_lvl", "__dump_stack")
_TOP_WORDS = ("dump_stack", "show_stack", "unwind_backtrace", "dump_backtrace")
_SYMBOL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$")


def _unwinders_only(text, end, unwinding):
    """Whether every frame in ``text[:end]`` is an unwinder's (``unwinding``: assembler._UNWINDING, or a clone of one): a
    frame's symbol is the run of symbol characters before its "+0x" (its line holds one frame, the first "+0x"'s)."""
    at = text.find("+0x", 0, end)
    while at >= 0:
        start = at
        while start and text[start - 1] in _SYMBOL_CHARS:
            start -= 1
        symbol = text[start:at]
        if symbol not in unwinding and symbol.partition(".")[0] not in unwinding:
            return False
        at = text.find("+0x", text.find("\n", at), end)
    return True


def _pair_taken(A, held, line):
    """Whether the report-line run takes the line ``line`` after the held line ``held`` (both whole log lines) and
    reads ``held`` whole before it: its tests of the pair."""
    body_held = held[held.index("] ") + 2:]
    body = line[line.index("] ") + 2:]
    return not (line[-1:] == "]" or line[-1:] == ">" and held[-1:] in ": \t" and "-" in held
                or "[" in body_held and glued_uptime(body_held) is not None
                or not (whole_by_kind(body_held, body) or A._surely_whole(body_held, body))
                or line[-1:] in A._HEADER_WORDS_LAST and A._HEADER_WORDS_CUT.search(line) is not None)


def _lines_holding(text, word, end):
    """The (start, stop) of each line of ``text[:end]`` holding ``word`` (each line once)."""
    here = text.find(word, 0, end)
    while here >= 0:
        stop = text.find("\n", here)
        yield text.rfind("\n", 0, here) + 1, stop
        here = text.find(word, stop, end)


def _line_before(text, start):
    """Where the line before the one starting at ``start`` (not the first) starts."""
    return text.rfind("\n", 0, start - 1) + 1


def region(A, lines, at, oldest, max_len):
    """The lines ``lines[at:]`` of a trace up to its ``Mem-Info:`` line, the first of them held after its report's task
    line (``oldest``: the uptime of the oldest open report's header, or None): how many come before the Mem-Info line
    when they make a region (module docstring), else None.  ``A``: the assembler's parts this module reads
    (assembler.LAZY_PARTS: it imports this module)."""
    text = "\n".join(lines[at:at + _WINDOW]) + "\n"
    end = text.find("] Mem-Info:\n")
    if end < 0:
        return None
    end += 12
    match = _REGION.fullmatch(text, 0, end)
    if match is None or any(text.find(word, 0, end) >= 0 for word in _WORDS) \
            or text.count("] Call Trace:\n", 0, end) != 1 or text.find("+0x", 0, end) < 0:
        return None  # (one opener, a frame at least: its event's call path is never empty)
    count = text.count("\n", 0, end) - 1
    if max(map(len, lines[at:at + count + 1])) >= max_len \
            or oldest is not None and float(match.group("s")) + A.CLOCK_SKEW_S < oldest:
        return None  # (a line the scan cuts; a line printed before every open report's header: none's)
    for start, stop in _lines_holding(text, "vmalloc", end):
        if start and (A._PLAIN_FRAME.fullmatch(text, start, stop) is None
                      or A._PLAIN_FRAME.fullmatch(text, _line_before(text, start), start - 1) is None):
            return None
    for special in _SPECIAL:
        for start, stop in _lines_holding(text, special, end):
            line = text[start:stop]
            if special != "] RIP: " and _NAMED.search(line) is not None \
                    or start and not _pair_taken(A, text[_line_before(text, start):start - 1], line) \
                    or not _pair_taken(A, line, text[stop + 1:text.find("\n", stop + 1)]):
                return None
    last_top = max(text.rfind(word, 0, end) for word in _TOP_WORDS)
    if last_top >= 0 and not _unwinders_only(text, last_top, A._UNWINDING):
        return None  # (a dump's top frame after a frame past the unwinder: maybe another dump's)
    return count


def take(A, assembler, lines, at, lineno, max_len):
    """ReportAssembler.feed_run's step for a held task line of the newest report: the task line read by the
    report-line run, then the region after it kept on the report when it is one (module docstring).  Returns how many
    lines of ``lines[at:]`` were taken (0: none)."""
    taken = assembler._line_run(lines[at:at + 1], 0, lineno, max_len)
    if taken != 1 or at + 1 >= len(lines):
        return taken
    report = assembler.open[-1] if assembler.open else None
    held = assembler.held
    if report is None or held is None or held.pre is None or not report.has_task or report.trace_started \
            or report.mem_started or assembler.trace_target is not report or report.frames or report.ambiguous \
            or report.reopened or report.printer is not None or not report.evidence or not report.logged_after \
            or report.lazy is not None or report.event.timestamp is None or assembler.unproven \
            or assembler.other_dump or assembler.trace_shut or assembler.held_frame is not None \
            or held.hit is not None or held.joined or not held.pre.kernel or assembler.pending_vmap is not None \
            or assembler.split_doubts or assembler.word_doubts or assembler.shift:
        return taken
    count = region(A, lines, at, assembler.open[0].event.timestamp, max_len)
    if count is None:
        return taken
    first = lineno + 1  # (the held line's read number)
    report.lazy = (lines[at:at + count], first)
    report.trace_started = True  # (its opener: _start_trace)
    report.idle = 0
    assembler.trace_shut = False
    line = lines[at + count]
    # the newest line holding "alloc" or a cut end (a header's first piece): the Mem-Info line ("Info:"), which the
    # report-line run takes (_feed_text's before_alloc)
    assembler.before_alloc = (first + count, lines[at + count - 1])
    ts = line[line.index("[") + 1:line.index("]")].strip()
    held.first = held.last = first + count
    held.text, held.hit = line, None
    held.pre = Prefixed("Mem-Info:", float(ts), None, None, None, None, True, True)
    return taken + count


def replay(A, report):
    """Read the lines ``report`` kept (take) into its trace as the runs read them (an open report's: its state is then
    the one reading them as they came gives)."""
    stand = _replayed(A, report.event, report.framing, report.lazy, report.frames, report.markers, report.unsure)
    report.lazy = None
    report.caller, report.trace_over = stand.caller, stand.trace_over


def _replayed(A, event, framing, kept, frames, markers, unsure):
    """The stand-in report the kept lines ``kept`` (take's) were read into through a scratch assembler, each as the runs
    read it (ReportAssembler._line), into ``frames``, ``markers`` and ``unsure`` (a report's own lists)."""
    lines, first = kept
    scratch = A.ReportAssembler()
    stand = A._Report(event, framing)
    stand.has_task = stand.evidence = stand.logged_after = True
    stand.frames, stand.markers, stand.unsure = frames, markers, unsure
    scratch.open = [stand]
    scratch.trace_target, scratch.framing = stand, framing
    plain_frame, plain_report, marker_report = A._PLAIN_FRAME, A._PLAIN_REPORT, A._MARKER_REPORT
    for number, line in enumerate(lines, first):
        match = plain_frame.fullmatch(line) if "+0x" in line else None
        match = match or plain_report.fullmatch(line) or marker_report.fullmatch(line)
        body = match.group("body")
        scratch._line(number, body, Prefixed(body, float(match.group("ts")), None, None, None, None, True, True))
    return stand


def read_event(A, event, kept, framing, trace, mode, node_unreclaimable, lines):
    """assembler._read_event of an event whose report kept its trace's lines ``kept`` (take; ``framing``: the report's):
    its trace read first, then its call path as _close gives it (an ARM line's caller last), then the rest.  (The event
    holds no report: a dropped event is freed by its count of references, no reference cycle to collect.)"""
    frames = trace[0]
    stand = _replayed(A, event, framing, kept, frames, trace[1], trace[2])
    if stand.caller is not None and len(frames) < A.MAX_FRAMES:
        frames.append(stand.caller)
    event.call_trace = [name for name, _module in frames]
    A._read_event(event, trace, mode, node_unreclaimable, lines)
