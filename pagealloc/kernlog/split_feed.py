r"""
A dense log parsed on several cores, with the streaming scan's result.

In a dense log (failure reports back to back) nearly every line goes through
the Python report assembler, and one core does all the work.  A plain file of
at least ``THRESHOLD`` bytes whose head is dense (marker lines closer than one
per :data:`split_scan.SPARSE` bytes) is cut at line starts, one part per
available core.  Each part is fed by the streaming scan
(:func:`pagealloc.kernlog.scan.feed_stream`) to its own assembler: the first
part in this process, the others in forked children.  A part after the first
starts with a fresh assembler, whose state may differ from the one the part
before has at that line (a report still open, the kernel release seen, a held
line), so the parts are joined where their states agree:

- over its first ``WINDOW`` lines, a part records after each line, while its
  assembler is busy (the scan then feeds it every line), a digest of the
  assembler's whole state: every attribute but the event sink, plus the last
  event emitted, which a later SLUB line may still change (``_slab_header``);
- the part before, reaching that stretch, compares its own state after each
  line with those digests.  At the first line where they are equal both
  assemblers do the same from there on (same state, same lines), so it stops,
  and the events are its own up to that line and the next part's after it
  (:meth:`pagealloc.kernlog.bounded.BoundedEvents.splice`).

Where no line agrees the part before simply goes on, as the streaming scan
would.  The result is the streaming scan's by construction: the same events,
line numbers, order and counts (tests/kernlog/test_split_feed.py, on drawn logs
cut anywhere).  One limit is the streaming scan's own: a line longer than
``scan.MAX_LINE`` is read differently depending on where a read ends (its
head is fed, or its whole text searched), and the parts' reads end elsewhere.

Examples:
    >>> import os, tempfile
    >>> from pagealloc.kernlog.assembler import ReportAssembler
    >>> report = (b"[ 9.0] java: page allocation failure: order:2, mode:0x4020\n"
    ...           b"[ 9.0] CPU: 1 PID: 7 Comm: java Not tainted 4.9.0 #1\n[ 9.0] Call Trace:\n"
    ...           b"[ 9.0]  [<ffffffff8f03c01d>] __alloc_pages_nodemask+0x8d/0xe0\n")
    >>> with tempfile.NamedTemporaryFile(suffix=".log") as f:
    ...     _ = f.write(report * 40); f.flush()
    ...     assembler = ReportAssembler()
    ...     feed_file(f.name, assembler, workers=2, threshold=0)
    ...     events = assembler.sink.events()
    True
    >>> len(events), [e.line for e in events[:3]], events[-1].line
    (40, [1, 5, 9], 157)
"""

import copy
import hashlib
import os
import pickle
import signal
import struct

from pagealloc.kernlog import scan, split_scan

THRESHOLD = 8 << 20   # below it a dense file parses in well under a second on one core
SAMPLE = 1 << 20      # the head read to decide whether a file is dense
# A part records its state every STRIDE bytes over its first WINDOW bytes.  The states of two parts
# agree once every report open at the cut has closed; in a log of stall reports (which print no
# Mem-Info: up to ReportAssembler's MAX_OPEN stay open) that takes MAX_OPEN stalls, ~3 MB of the
# bench's dense dmesg.  A digest of 64 open reports costs ~0.35 ms; at most 256 of them, 8 KB of pipe.
STRIDE = 64 << 10
WINDOW = 16 << 20
_SNAPSHOT = struct.Struct("<qq16s")  # offset (a line start), events emitted before it, digest of the state there


class _Joined(Exception):
    """Raised from a part's reader at the checkpoint from which the next part goes on."""

    def __init__(self, emitted):
        super().__init__(emitted)
        self.emitted = emitted  # events the next part had emitted before it


def looks_dense(path):
    """True when the head of the file at ``path`` holds marker lines closer than one per SPARSE bytes."""
    with open(path, "rb") as f:
        head = f.read(SAMPLE)
    end = head.rfind(b"\n") + 1
    finder, count, at = scan._MarkerFinder(head, end), 0, 0
    while True:
        hit = finder.find(at)
        if hit < 0:
            return end > 0 and count > end // split_scan.SPARSE
        count += 1
        newline = head.find(b"\n", hit, end)
        at = end if newline < 0 else newline + 1


def feed_file(path, assembler, workers=None, threshold=THRESHOLD, cuts=None):
    """Feed ``path`` to ``assembler`` (not fed yet) as :func:`scan.feed_stream` would, on ``workers``
    cores, and finish it; True when done, False (nothing fed) when the file is too small or cannot be
    split here.  ``cuts``: byte offsets to cut at (moved on to line starts), else about equal parts."""
    workers = split_scan.available_cores() if workers is None else workers
    with split_scan.opened_for_split(path, workers, threshold) as opened:
        if opened is None:
            return False
        fd, size, mm = opened
        starts = _starts(mm, size, workers if cuts is None else cuts)
        if len(starts) < 2:
            return False
        return _run(fd, size, starts, assembler)


def _starts(mm, size, parts):
    """Part starts: 0, then line starts near the cuts (a list) or near each ``size * i / parts``
    (preferring the start of a header line, where the parts' states agree soonest)."""
    if isinstance(parts, int):
        wanted = []
        for i in range(1, parts):
            at = size * i // parts
            header = mm.find(b"allocation failure", at, min(size, at + SAMPLE))
            wanted.append(mm.rfind(b"\n", 0, header) + 1 if header >= 0 else at)
    else:
        wanted = sorted(parts)
    starts = [0]
    for at in wanted:
        if 0 < at < size and mm[at - 1] != 0x0A:
            at = mm.find(b"\n", at) + 1
        if starts[-1] < at < size:
            starts.append(at)
    return starts


def _run(fd, size, starts, assembler):
    count = len(starts)
    snapshots = [None] + [os.pipe() for _ in range(1, count)]   # part i -> part i - 1
    results = [None] + [os.pipe() for _ in range(1, count)]     # part i -> this process
    children = {}
    for part in range(1, count):
        pid = os.fork()
        if pid == 0:  # the child: feed its part, send, leave without running the parent's exit handlers
            status = 1
            try:
                _close_except(snapshots, results, (snapshots[part][1], results[part][1],
                                                   snapshots[part + 1][0] if part + 1 < count else None))
                reader = _PartReader(fd, size, starts[part], assembler, snapshots[part][1],
                                     _next(starts, snapshots, part))
                answer = _feed(reader, assembler, _lines_before(fd, starts[part]))
                if answer["joined"] is None:
                    answer["final"] = {k: v for k, v in vars(assembler).items() if k != "sink"}
                _send(results[part][1], pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
                status = 0
            finally:
                os._exit(status)
        children[part] = pid
    _close_except(snapshots, results, [snapshots[1][0]] + [pipe[0] for pipe in results[1:]])
    mine = copy.deepcopy(assembler)
    reader = _PartReader(fd, size, 0, mine, None, _next(starts, snapshots, 0))
    try:
        answers = [_feed(reader, mine, 0)]
        for part in range(1, count):
            if answers[-1]["joined"] is None:
                break
            answer = split_scan.collect_child(children.pop(part), results[part][0])
            if answer is None:
                return False
            answer["emitted"] = answers[-1]["joined"]
            answers.append(answer)
    finally:
        reader.close()
        for part, pid in children.items():  # parts not needed: the one before went on to the end
            os.kill(pid, signal.SIGKILL)
            os.close(results[part][0])
            os.waitpid(pid, 0)
    if not _splice(mine, answers):
        return False
    vars(assembler).update(vars(mine))
    assembler.finish()
    return True


def _next(starts, snapshots, part):
    """(start, snapshot pipe) of the part after ``part``, or None for the last."""
    return (starts[part + 1], snapshots[part + 1][0]) if part + 1 < len(starts) else None


def _feed(reader, assembler, base):
    """Feed a part; its answer: its sink, and the events the next part had emitted where this one
    stopped (None: it went on to the end)."""
    try:
        scan.feed_stream(reader, assembler, lineno=base)
        joined = None
    except _Joined as stop:
        joined = stop.emitted
    finally:
        reader.close()
    return {"sink": assembler.sink, "joined": joined}


def _splice(mine, answers):
    """Join the parts' events into ``mine``'s sink and give it the state of the part that went on to the
    end; False when an event needed was dropped by a part's bound."""
    sink = mine.sink
    for answer in answers[1:]:
        if not sink.splice(answer["sink"], answer["emitted"]):
            return False
    if len(answers) > 1:
        vars(mine).update(answers[-1]["final"])
        mine.sink = sink
    return True


def _lines_before(fd, offset):
    lines, pos = 0, 0
    while pos < offset:
        data = os.pread(fd, min(split_scan.READ, offset - pos), pos)
        if not data:
            break
        lines += data.count(b"\n")
        pos += len(data)
    return lines


def _close_except(snapshots, results, keep):
    for pipe in snapshots[1:] + results[1:]:
        for end in pipe:
            if end not in keep:
                os.close(end)


def _send(fd, data):
    with os.fdopen(fd, "wb") as out:
        out.write(data)


def state_digest(assembler):
    """Digest of everything an assembler's future depends on: its attributes but the sink, and the last
    event emitted (a SLUB line may still attach to it).  Equal digests: the same events from here on.  Deferred
    Mem-Info lines are read first (a part whose sink is full defers them, one whose sink is not reads them)."""
    assembler.read_every_deferred()
    state = {k: v for k, v in vars(assembler).items() if k != "sink"}
    # the newest text line matters only against open header-only reports without an uptime (_drop_repeat), and the
    # runs that read lines without _line (lazy traces, frame and Mem-Info runs) leave it behind: compared so
    state["last_text"] = tuple(assembler.last_text > report.event.line for report in assembler.open
                               if not report.has_task and report.event.timestamp is None)
    data = pickle.dumps((state, assembler.sink.last()), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(data, digest_size=16).digest()


class _PartReader:
    """The binary stream of one part for :func:`scan.feed_stream`.  :meth:`readinto` is called when every
    line given before has been fed, and its reads end at the checkpoints (line starts every STRIDE
    bytes of a part's first WINDOW bytes): there the state is recorded (the part's own checkpoints,
    sent at once to the part before) or compared (the next part's, as they come)."""

    def __init__(self, fd, size, start, assembler, record, next_part):
        self.fd, self.size, self.pos, self.start, self.assembler = fd, size, start, start, assembler
        self.record = record          # pipe to the part before, while recording
        self.mark = _line_start(fd, size, start + STRIDE) if record is not None else None
        self.next_part = next_part    # (start, snapshot pipe) of the next part, until its start is reached
        self.expect = None            # that pipe, while comparing
        self.expected = None          # the next part's next checkpoint: (offset, events emitted, digest)

    def readinto(self, view):
        assembler, pos = self.assembler, self.pos
        if self.record is not None and pos == self.mark:
            if assembler.busy:
                _write(self.record, _SNAPSHOT.pack(pos, assembler.sink.total, state_digest(assembler)))
            self.mark = _line_start(self.fd, self.size, pos + STRIDE)
            if self.mark >= min(self.size, self.start + WINDOW):
                self._stop_recording()
        if self.next_part is not None and pos == self.next_part[0]:
            self.expect, self.next_part = self.next_part[1], None
            self._stop_recording()  # here at the latest: the next part may be waiting for the part before
            self.expected = self._read_expected()
        while self.expected is not None and self.expected[0] <= pos:
            offset, emitted, digest = self.expected
            if offset == pos and assembler.busy and digest == state_digest(assembler):
                raise _Joined(emitted)
            self.expected = self._read_expected()
        if pos >= self.size:
            self.close()
            return 0
        want = min(len(view), self.size - pos)
        for limit in (self.mark if self.record is not None else None,
                      self.next_part[0] if self.next_part is not None else None,
                      self.expected[0] if self.expected is not None else None):
            if limit is not None and limit > pos:
                want = min(want, limit - pos)
        with view[:want] as part:
            got = os.preadv(self.fd, [part], pos)
        if got <= 0:
            self.close()
            return 0
        self.pos += got
        return got

    def _read_expected(self):
        """The next part's next checkpoint, waiting for it; None after its last."""
        data = b""
        while self.expect is not None and len(data) < _SNAPSHOT.size:
            more = os.read(self.expect, _SNAPSHOT.size - len(data))
            if not more:
                os.close(self.expect)
                self.expect = None
            data += more
        return _SNAPSHOT.unpack(data) if len(data) == _SNAPSHOT.size else None

    def _stop_recording(self):
        if self.record is not None:
            os.close(self.record)
            self.record = None

    def close(self):
        """Stop recording and comparing (the pipes are closed)."""
        self._stop_recording()
        if self.expect is not None:
            os.close(self.expect)
            self.expect = self.expected = None
        if self.next_part is not None:
            os.close(self.next_part[1])
            self.next_part = None


def _write(fd, data):
    try:
        os.write(fd, data)
    except BrokenPipeError:  # the part before went on past this checkpoint, or stopped
        pass


def _line_start(fd, size, pos):
    """The first line start at or after ``pos`` (``size`` when none)."""
    if pos >= size:
        return size
    data = os.pread(fd, 1, pos - 1)
    if data == b"\n":
        return pos
    step = 4096
    while pos < size:
        data = os.pread(fd, step, pos)
        if not data:
            return size
        found = data.find(b"\n")
        if found >= 0:
            return min(pos + found + 1, size)
        pos += len(data)
        step = min(step * 4, 1 << 20)
    return size
