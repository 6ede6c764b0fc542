r"""
Log survey - what a kernel log file holds besides failure reports
================================================================

The failure-report scan (:mod:`pagealloc.kernlog.scan`) decodes only the
lines around its markers.  Two other facts need the rest of the file:

* **whether any kernel line was read at all**: a file of other programs'
  syslog lines (auth.log), an empty capture or a text that is not a kernel log
  must never count as "no failure found" (:func:`has_kernel_lines`);
* **where each boot starts** (:func:`boot_markers`): the kernel's first line
  ``Linux version RELEASE (builder) ...`` (``start_kernel()`` prints
  ``linux_banner``, init/version.c, every era), journalctl's ``-- Boot ID --``
  (systemd 250+) and ``-- Reboot --`` (before) separators between boots.

Both stream the file in chunks with ``bytes.find`` (a 2 GB log is never
loaded whole) and stop as soon as the answer is known where they can.

Examples:
    >>> import io
    >>> log = (b"Jun 17 21:19:45 web1 sshd[123]: Accepted publickey for root\n"
    ...        b"Jun 18 07:00:01 web1 kernel: [    0.000000] Linux version 2.6.32-5-686 (Debian 2.6.32-31)\n"
    ...        b"-- Reboot --\n")
    >>> [(m["line"], m["kind"], m["release"], m["timestamp"]) for m in boot_markers(io.BytesIO(log))]
    [(2, 'banner', '2.6.32-5-686', 0.0), (3, 'journal', None, None)]
    >>> has_kernel_lines(io.BytesIO(log)), has_kernel_lines(io.BytesIO(log.split(b"\n")[0] + b"\n"))
    ('kernel', 'other_programs')
"""

import re

from pagealloc.kernlog import hyperscan_prefilter
from pagealloc.kernlog.prefix import split_prefix

CHUNK = 8 << 20
MAX_LINE = 64 << 10
BOOT_NEEDLES = (b"Linux version ", b"-- Boot ", b"-- Reboot --")
_BANNER = re.compile(r"Linux version (?P<release>\S+) \(")
_JOURNAL_BOOT = re.compile(r"^-- (?:Boot [0-9a-f]{32}|Reboot) --\s*$")
# A kernel line of a syslog file carries the "kernel" tag; journal exports too.
KERNEL_TAG_NEEDLES = (b"kernel:", b"kernel[", b"vmunix:")
# Lines looked at for a dmesg-style prefix ("[ 1.0]", "[Thu Jun ...]", iso) before giving up.
HEAD_LINES = 200
MAX_MARKERS = 10000


class LineChunks:
    """Bytes pushed in, (first line number, complete lines' bytes) out: what :func:`_chunks` yields
    for a stream, also for bytes that arrive from elsewhere (an archive member being unpacked).
    Bytes are cut into ``chunk_size`` blocks first, as ``stream.read(chunk_size)`` gives them, so
    the output does not depend on how the bytes were pushed.  One block buffer is reused (a new
    8 MB object per block costs page faults)."""

    def __init__(self, chunk_size=CHUNK):
        self.block = bytearray(chunk_size)
        self.fill = 0
        self.carry = b""
        self.lineno = 1

    def push(self, data):
        """The complete-lines buffers that ``data`` finishes (a list, often empty)."""
        out = []
        with memoryview(data) as view:
            size, pos, block = len(view), 0, self.block
            while pos < size:
                take = min(len(block) - self.fill, size - pos)
                block[self.fill:self.fill + take] = view[pos:pos + take]
                self.fill += take
                pos += take
                if self.fill == len(block):
                    self._block(out)
        return out

    def close(self):
        """The buffers left at the end of the bytes."""
        out = []
        if self.fill:
            self._block(out)
        if self.carry:
            out.append((self.lineno, self.carry[:MAX_LINE]))
            self.carry = b""
        return out

    def _block(self, out):
        """``carry + block`` as :func:`_chunks` handles each read."""
        block, size, carry = self.block, self.fill, self.carry
        self.fill = 0
        end = block.rfind(b"\n", 0, size) + 1
        if end == 0:  # no newline yet: keep only a bounded start
            self.carry = carry[:MAX_LINE] if len(carry) >= MAX_LINE else \
                carry + bytes(block[:min(size, MAX_LINE - len(carry))])
            return
        with memoryview(block) as view:
            lines = b"".join((carry, view[:end]))
            self.carry = bytes(view[end:size])
        out.append((self.lineno, lines))
        self.lineno += lines.count(b"\n")


def _chunks(stream, chunk_size=CHUNK):
    """(first line number, complete lines' bytes) of a binary stream; long lines cut at MAX_LINE."""
    chunks = LineChunks(chunk_size)
    while True:
        data = stream.read(chunk_size)
        if not data:
            yield from chunks.close()
            return
        yield from chunks.push(data)


def _line_at(buf, pos):
    start = buf.rfind(b"\n", 0, pos) + 1
    end = buf.find(b"\n", pos)
    end = len(buf) if end < 0 else end
    return start, end


def _marker(line_text, lineno):
    prefix = split_prefix(line_text.rstrip("\r\n"))
    if not prefix.kernel:
        return None
    body = prefix.body
    if _JOURNAL_BOOT.match(line_text.strip()):
        return {"line": lineno, "kind": "journal", "release": None, "timestamp": None, "wallclock": None,
                "host": None}
    match = _BANNER.match(body)
    if not match:
        return None
    return {"line": lineno, "kind": "banner", "release": match.group("release"), "timestamp": prefix.timestamp,
            "wallclock": prefix.wallclock, "host": prefix.host}


def boot_markers(stream, chunk_size=CHUNK):
    """Boot starts in log order: ``{line, kind ("banner" | "journal"), release, timestamp,
    wallclock, host}`` (at most MAX_MARKERS: a hostile log cannot grow the list)."""
    return _survey(BootMarkers(), stream, chunk_size)


class BootMarkers:
    """:func:`boot_markers` over complete-lines buffers fed in order (:class:`LineChunks`)."""

    def __init__(self):
        self.found = []

    def feed(self, first, buf):
        """Survey one buffer; True once the answer cannot change."""
        found = self.found
        if len(found) >= MAX_MARKERS:
            return True
        find = hyperscan_prefilter.literal_finder(BOOT_NEEDLES)
        starts = find(buf) if find is not None else None  # one pass for the three needles
        if starts is None:
            starts = [at for needle in BOOT_NEEDLES for at in _find_all(buf, needle)]
        hits = sorted({_line_at(buf, at)[0] for at in starts})
        lineno, counted = first, 0  # line numbers counted from one hit to the next, not from the chunk start
        for start in hits:
            _, end = _line_at(buf, start)
            lineno += buf.count(b"\n", counted, start)
            counted = start
            marker = _marker(buf[start:min(end, start + MAX_LINE)].decode("utf-8", "replace"), lineno)
            if marker is not None:
                found.append(marker)
                if len(found) >= MAX_MARKERS:
                    return True
        return False

    def result(self):
        return self.found


def _survey(survey, stream, chunk_size):
    """Feed ``survey`` the stream's complete-lines buffers until its answer cannot change."""
    for first, buf in _chunks(stream, chunk_size):
        if survey.feed(first, buf):
            break
    return survey.result()


def _find_all(buf, needle):
    at = buf.find(needle)
    while at >= 0:
        yield at
        at = buf.find(needle, at + len(needle))


def has_kernel_lines(stream, chunk_size=CHUNK):
    """
    ``"kernel"`` when the file holds at least one kernel line (a syslog line tagged
    ``kernel``, or dmesg/journal lines with a kernel time prefix), ``"other_programs"``
    when it holds syslog lines of other programs only, ``"empty"`` when it has no
    non-blank line, ``"unrecognised"`` when its lines are in no kernel log format.
    """
    return _survey(KernelLines(), stream, chunk_size)


class KernelLines:
    """:func:`has_kernel_lines` over complete-lines buffers fed in order (:class:`LineChunks`)."""

    def __init__(self):
        self.others = self.seen = False
        self.head = 0
        self.answer = None

    def feed(self, _first, buf):
        """Survey one buffer; True once the answer is known."""
        if self.answer is not None:
            return True
        for needle in KERNEL_TAG_NEEDLES:
            for at in _find_all(buf, needle):
                start, end = _line_at(buf, at)
                prefix = split_prefix(buf[start:min(end, start + MAX_LINE)].decode("utf-8", "replace"))
                if prefix.kernel and (prefix.wallclock or prefix.timestamp is not None):
                    self.answer = "kernel"
                    return True
        self.seen = self.seen or bool(buf.strip())
        # Past the head only a tagged kernel line (searched above in every chunk) changes the answer.
        head = self.head
        for raw in buf.split(b"\n", HEAD_LINES - head)[:HEAD_LINES - head] if head < HEAD_LINES else ():
            self.head += 1
            prefix = split_prefix(raw[:MAX_LINE].decode("utf-8", "replace"))
            if not prefix.kernel:
                self.others = True
            elif prefix.timestamp is not None or prefix.wallclock is not None:
                self.answer = "kernel"
                return True
        return False

    def result(self):
        if self.answer is not None:
            return self.answer
        if not self.seen:
            return "empty"
        return "other_programs" if self.others else "unrecognised"
