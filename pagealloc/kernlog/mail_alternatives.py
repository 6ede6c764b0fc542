r"""
A mail's alternatives are one text: read one of them, not each.

A ``multipart/alternative`` mail (RFC 2046 section 5.1.4) carries the same
message more than once, a text/plain part and a text/html part (often
quoted-printable or base64): read as text, one pasted report would be two.  Of
each alternative body one part is read, the text/plain one if there is one,
else the first (the others repeat it); every other part is read, so a
``multipart/mixed`` mail's text and its attached dmesg are both read, and an
alternative nested in it counts once.  The parts left out are given as empty
lines, so every line after them keeps its line number.

The structure is told from the header blocks: a ``Content-Type: multipart/...``
field's ``boundary`` parameter (folded onto a continuation line or not, quoted
or not), the delimiter lines ``--boundary`` and the close ``--boundary--``
(RFC 2046 section 5.1.1; blanks after the boundary allowed), each part's header
block up to its blank line, a ``message/rfc822`` part's own mail header.  An
mbox holding many mails reads each on its own: a postmark line (``From
sender date``) ends whatever structure is open.

The delimiters are tracked by hand rather than with the stdlib ``email``
package: its parser keeps the whole message in memory and would read a
syslog's gigabytes to find no mail in them; here a text is read as a stream of
whole lines, outside any multipart only a regex search for the next multipart
field runs over it, and a file whose first MiB holds no ``Content-Type:
multipart/`` or ``MIME-Version:`` field (every log) never meets this module
(:func:`looks_mime`).  An alternative whose first part is not text/plain is
held until a text/plain part or its close shows which part to read (at most
``HOLD`` bytes: past that, the first part is read).

Examples:
    >>> mail = (b"MIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=b1\n\n"
    ...         b"--b1\nContent-Type: text/plain\n\nswapper: page allocation failure\n"
    ...         b"--b1\nContent-Type: text/html\n\n<div>swapper: page allocation failure</div>\n--b1--\n")
    >>> looks_mime(mail)
    True
    >>> print(one_alternative(mail).decode())
    MIME-Version: 1.0
    Content-Type: multipart/alternative; boundary=b1
    <BLANKLINE>
    --b1
    Content-Type: text/plain
    <BLANKLINE>
    swapper: page allocation failure
    --b1
    <BLANKLINE>
    <BLANKLINE>
    <BLANKLINE>
    --b1--
    <BLANKLINE>
    >>> one_alternative(mail).count(b"\n") == mail.count(b"\n")
    True
"""

import re

from pagealloc.kernlog.line_decoding_reader import LineDecodingReader

SAMPLE = 1 << 20
HOLD = 16 << 20  # bytes an undecided alternative may hold before its first part is read

# Whether a text may hold MIME structure (its first MiB): a multipart field, or a mail's MIME-Version field.
_MIME = re.compile(rb"^(?:Content-Type:[ \t]*multipart/|MIME-Version:)", re.I | re.M)
# Outside any multipart: the next multipart field (it opens a header block read line by line).
_MULTIPART_FIELD = re.compile(rb"^Content-Type:[ \t]*multipart/", re.I | re.M)
# An mbox postmark ("From sender asctime"); in an mbox a body's own "From " lines are written ">From ".
_POSTMARK = re.compile(rb"From \S+.* \d{1,2}:\d\d(?::\d\d)? .*\d{4}\s*")
_FIELD = re.compile(rb"([!-9;-~]+)[ \t]*:[ \t]*(.*)", re.S)
_MEDIA_TYPE = re.compile(rb"[ \t]*([!#-'*+.0-9A-Z^-~-]+/[!#-'*+.0-9A-Z^-~-]+)", re.I)
_BOUNDARY = re.compile(rb";[ \t]*boundary[ \t]*=[ \t]*(?:\"([^\"\r\n]+)\"|([^;\s]+))", re.I)
_HEADER_LINES = 500  # a header block longer than this is no header block (its blank line never came)

_READ, _SKIP, _HOLD, _HOLD_SKIPPED = range(4)  # what becomes of a line of a multipart's current part


def looks_mime(sample):
    """Whether ``sample`` (a text's first bytes) holds a multipart field or a mail's MIME-Version field.  The
    words looked for in the lower-cased sample first (1.6 ms a MiB; the case-blind regex alone takes 7 ms): a
    syslog's head holds neither."""
    sample = sample[:SAMPLE]
    lowered = sample.lower()
    return (b"multipart/" in lowered or b"mime-version:" in lowered) and _MIME.search(sample) is not None


def _blank(data):
    return b"\n" * data.count(b"\n")


class _Multipart:
    __slots__ = ("boundary", "alternative", "parts", "chosen", "current", "held", "held_size")

    def __init__(self, boundary, alternative):
        self.boundary = boundary
        self.alternative = alternative
        self.parts = 0          # parts opened so far
        self.chosen = False     # (alternative) the part to read is known: later parts are skipped
        self.current = _READ    # the current part's lines (the preamble's: read)
        self.held = []          # (alternative) lines held until the part to read is known
        self.held_size = 0


class _Header:
    """A header block being read: its lines, and the multipart whose part it opens (None: a mail's own)."""
    __slots__ = ("lines", "owner")

    def __init__(self, owner):
        self.lines = []
        self.owner = owner


class _Filter:
    """The structure read so far; :meth:`feed` takes whole lines and gives them back, skipped parts blank."""

    def __init__(self):
        self.stack = []     # the open multiparts, outermost first
        self.header = None  # the header block being read
        self.out = []

    def feed(self, data):
        pos, end = 0, len(data)
        marks = _Marks(data)
        while pos < end:
            if self.header is None:
                start = marks.mark(pos) if self.stack else marks.field(pos)
                if start > pos:
                    self._put(data[pos:start], len(self.stack) - 1)
                    pos = start
                    continue
            stop = data.find(b"\n", pos) + 1 or end
            self._line(data[pos:stop])
            pos = stop
        out, self.out = b"".join(self.out), []
        return out

    def finish(self):
        """At the end of the text: what is still held is read (a mail cut off before its close)."""
        if self.header is not None:
            self._end_header()
        while self.stack:
            self._pop()
        out, self.out = b"".join(self.out), []
        return out

    def _put(self, data, depth):
        """``data`` from inside the multipart at ``depth`` (-1: outside any), routed by each enclosing part."""
        while depth >= 0:
            part = self.stack[depth]
            if part.current in (_SKIP, _HOLD_SKIPPED):
                data = _blank(data)
            if part.current in (_HOLD, _HOLD_SKIPPED):
                part.held.append(data)
                part.held_size += len(data)
                if part.held_size > HOLD:
                    self._read_first(depth)
                return
            depth -= 1
        self.out.append(data)

    def _line(self, line):
        if self.header is not None:
            self.header.lines.append(line)
            if not line.strip() or len(self.header.lines) >= _HEADER_LINES:
                self._end_header()
            return
        if not self.stack:  # a multipart field outside any multipart: its header block is read from here
            self.header = _Header(None)
            self._line(line)
            return
        if line.startswith(b"From ") and _POSTMARK.fullmatch(line):  # the next mail of an mbox
            while self.stack:
                self._pop()
            self._put(line, -1)
            return
        token = line.rstrip()  # (a delimiter line may end in blanks: RFC 2046 section 5.1.1)
        if token.startswith(b"--"):
            for depth in range(len(self.stack) - 1, -1, -1):
                boundary = self.stack[depth].boundary
                rest = token[2 + len(boundary):]
                if rest in (b"", b"--") and token[2:2 + len(boundary)] == boundary:
                    self._delimiter(depth, line, rest == b"--")
                    return
        self._put(line, len(self.stack) - 1)

    def _delimiter(self, depth, line, close):
        while len(self.stack) > depth + 1:  # inner multiparts left open end here
            self._pop()
        part = self.stack[depth]
        if close:
            self._pop(line)
            return
        if part.current in (_HOLD, _HOLD_SKIPPED):
            part.held.append(line)
            part.held_size += len(line)
        else:
            self._put(line, depth - 1)
        part.parts += 1
        part.current = _READ
        self.header = _Header(part)

    def _end_header(self):
        header, self.header = self.header, None
        fields = _fields(header.lines)
        kind = _MEDIA_TYPE.match(fields.get(b"content-type", b""))
        # RFC 2045 section 5.2: a part that declares no type is text/plain
        kind = kind.group(1).lower() if kind else (b"text/plain" if header.owner is not None else b"")
        block = b"".join(header.lines)
        owner = header.owner
        if owner is not None and owner.alternative:
            self._choose(owner, kind == b"text/plain")
        self._put(block, len(self.stack) - 1)
        if kind.startswith(b"multipart/"):
            boundary = _BOUNDARY.search(fields.get(b"content-type", b""))
            if boundary:
                self.stack.append(_Multipart(boundary.group(1) or boundary.group(2), kind == b"multipart/alternative"))
        elif kind in (b"message/rfc822", b"message/global") and owner is not None:
            self.header = _Header(None)  # the part's body opens with a mail's own header

    def _choose(self, part, plain):
        """What becomes of the part of an alternative whose header block was just read."""
        depth = self.stack.index(part)
        if part.chosen:
            part.current = _SKIP
        elif plain:  # the text/plain part: read it; what was held is another alternative
            held, part.held, part.held_size = part.held, [], 0
            part.chosen, part.current = True, _READ
            if held:
                self._put(_blank(b"".join(held)), depth - 1)
        elif part.parts == 1:  # the first part, not text/plain: held until a text/plain part or the close
            part.current = _HOLD
        else:
            part.current = _HOLD_SKIPPED

    def _read_first(self, depth):
        """An alternative's held lines given as they are (its first part is the one read), later parts skipped."""
        part = self.stack[depth]
        held, part.held, part.held_size = part.held, [], 0
        part.chosen = True
        part.current = _READ if part.current == _HOLD else _SKIP
        self._put(b"".join(held), depth - 1)

    def _pop(self, close_line=b""):
        part = self.stack[-1]
        if part.held or part.current in (_HOLD, _HOLD_SKIPPED):
            self._read_first(len(self.stack) - 1)
        self.stack.pop()
        if close_line:
            self._put(close_line, len(self.stack) - 1)


class _Marks:
    """Where in a chunk of whole lines the next line that may matter starts, found by substring searches (a MiB in
    about 1 ms each; the multi-line regexes ``^Content-Type:...`` and ``^(--|From )`` take 17 and 13 ms) whose
    answers are kept until the reading passes them."""

    __slots__ = ("data", "found")

    def __init__(self, data):
        self.data = data
        self.found = {}  # needle -> (searched from, where found or -1)

    def _find(self, needle, pos):
        searched, where = self.found.get(needle, (None, -1))
        if searched is None or searched > pos or 0 <= where < pos:
            where = self.data.find(needle, pos)
            self.found[needle] = (pos, where)
        return where

    def field(self, pos):
        """Start of the first line from ``pos`` on holding a multipart field (the end: none).  The type's name is
        case-blind: the text is lower-cased a window at a time, each twice the last (outside any multipart lies
        a mail's header block, or text with no mail in it)."""
        data, end, window = self.data, len(self.data), 4096
        while pos < end:
            stop = min(end, pos + window)
            lowered = data[pos:stop].lower()
            at = 0
            while True:
                word = lowered.find(b"multipart/", at)
                if word < 0:
                    break
                start = data.rfind(b"\n", 0, pos + word) + 1
                if _MULTIPART_FIELD.match(data, start):
                    return start
                at = word + 1
            if stop == end:
                break
            pos = data.rfind(b"\n", pos, stop) + 1 or stop  # (the next window starts with the cut line)
            window *= 2
        return end

    def mark(self, pos):
        """Start of the first line from ``pos`` on opening with ``--`` or ``From `` (the end: none)."""
        if self.data.startswith((b"--", b"From "), pos):
            return pos
        found = [where + 1 for where in (self._find(b"\n--", pos), self._find(b"\nFrom ", pos)) if where >= 0]
        return min(found) if found else len(self.data)


def _fields(lines):
    """A header block's fields (lower-case name -> value, continuation lines unfolded); the first of a name wins."""
    unfolded = []
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if unfolded:
                unfolded[-1] += b" " + line.strip()
        else:
            unfolded.append(line.rstrip(b"\r\n"))
    fields = {}
    for line in unfolded:
        field = _FIELD.match(line)
        if field:
            fields.setdefault(field.group(1).lower(), field.group(2))
    return fields


def one_alternative(data):
    """``data`` with every alternative body's parts but one given as empty lines."""
    mail = _Filter()
    return mail.feed(data) + mail.finish()


class AlternativesReader(LineDecodingReader):
    """A binary stream read one alternative per alternative body; ``head`` holds bytes already read from ``raw``."""

    def __init__(self, raw, head=b""):
        super().__init__(raw, head)
        self.mail = _Filter()

    def _decoded(self, chunk, final):
        out = self.mail.feed(chunk)
        return out + self.mail.finish() if final else out
