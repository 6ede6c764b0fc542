"""
Entry points of the kernel log parser: lines, text or a file in, failure
events out (bounded: the first and last ``keep`` events, the rest counted).

Examples:
    >>> text = '''[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20
    ... [ 7873.855895] Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1'''
    >>> result = parse_text(text, source="dmesg")
    >>> event = result.events[0]
    >>> event.comm, event.order, event.gfp_flags, event.atomic, event.truncated
    ('swapper', 0, ['GFP_ATOMIC'], True, True)
"""

import bz2
import gzip
import io
import lzma
import os
import zlib
from dataclasses import dataclass, field
from typing import List, Optional

from pagealloc.kernlog import (
    lent_release,
    mail_alternatives,
    mail_base64,
    quoted_printable,
    quoted_title,
    split_feed,
    split_scan,
)
from pagealloc.kernlog.assembler import ReportAssembler
from pagealloc.kernlog.event import FailureEvent
from pagealloc.kernlog.line_ends import CR_TO_LF, LineFeeds, cr_only
from pagealloc.kernlog.scan import feed_stream
from pagealloc.kernlog.text_encoding import Rewound, as_utf8


@dataclass
class LogParse:
    """What one log source yielded."""

    source: Optional[str]
    events: List[FailureEvent] = field(default_factory=list)
    total_reports: int = 0            # all reports seen, including those dropped by the bound
    suppressed: int = 0               # "callbacks suppressed" counts, attributed or not

    @property
    def truncated(self):
        return any(event.truncated for event in self.events)


def _result(assembler):
    sink = assembler.finish()
    # Reports close in the order they end; give them in log order, those of one file line (a record holding
    # escaped newlines: pagealloc.kernlog.escaped_text) in the order of their lines inside it (the read line,
    # before line_shift mapped it to the file's).
    events = sorted(sink.events(), key=lambda event: (event.line or 0, (event.line or 0) + event.line_shift))
    # a title repeating its report's header is that report (kept or dropped by the bound: the sink's evicted keys)
    events, titles = quoted_title.folded(events, sink.evicted)
    total = sink.total - titles
    lent_release.lend(events)  # a lone quoted header takes its post's release (pagealloc.kernlog.lent_release)
    return LogParse(source=assembler.source, events=events, total_reports=total,
                    suppressed=sum(e.suppressed for e in events) + assembler.unattributed_suppressed)


def parse_lines(lines, source=None, kernel_hint=None, keep=None):
    """Parse an iterable of text lines (as insights-core gives ``content``)."""
    if isinstance(lines, list) and any(_mime_field(line) for line in lines[:20000] if isinstance(line, str)):
        # a raw mail: its alternatives are read once (pagealloc.kernlog.mail_alternatives), in parse_text
        return parse_text(_joined(lines), source=source, kernel_hint=kernel_hint, keep=keep)
    if isinstance(lines, list) and any(line[:26].lower() == "content-transfer-encoding:" for line in lines[:20000]
                                       if isinstance(line, str)):
        data = _joined(lines)
        if mail_base64.declares_base64(data):  # a raw mail's base64 text part (pagealloc.kernlog.mail_base64)
            return parse_text(mail_base64.decode(data), source=source, kernel_hint=kernel_hint, keep=keep)
    if isinstance(lines, list) and any(line.endswith(("=", "=\r")) or "=3D" in line for line in lines[:2000]
                                       if isinstance(line, str)):
        data = _joined(lines)
        if quoted_printable.looks_quoted_printable(data):
            lines = quoted_printable.decode(data).decode("utf-8", "replace").split("\n")
    return _parse_decoded(lines, source, kernel_hint, keep)


def _joined(lines):
    """The lines as one text's bytes, for the decoders that read a whole text (a raw mail's structure and
    encodings); undecodable bytes kept as they were (surrogateescape)."""
    return "\n".join(line if isinstance(line, str) else line.decode("utf-8", "replace") for line in lines) \
        .encode("utf-8", "surrogateescape")


def _mime_field(line):
    """Whether a line is a multipart field or a mail's MIME-Version field (mail_alternatives.looks_mime's)."""
    head = line[:13].lower()
    return head == "mime-version:" or head == "content-type:" and "multipart/" in line.lower()


def _parse_decoded(lines, source, kernel_hint, keep):
    """Parse lines already decoded (quoted-printable is decoded once: ``=3D`` gives ``=``, which
    must not be read as a soft break again)."""
    assembler = ReportAssembler(source=source, kernel_hint=kernel_hint, keep=keep)
    for lineno, line in enumerate(lines, 1):
        if isinstance(line, bytes):
            line = line.decode("utf-8", "replace")
        assembler.feed(lineno, line)
    return _result(assembler)


def parse_text(text, source=None, kernel_hint=None, keep=None):
    if text and cr_only(text):
        text = text.replace("\r\n", "\n").replace("\r", "\n") if isinstance(text, str) \
            else text.replace(b"\r\n", b"\n").translate(CR_TO_LF)
    if isinstance(text, str) and ("=3D" in text or "=\n" in text or "=\r\n" in text
                                  or "ransfer-Encoding:" in text or "ransfer-encoding:" in text
                                  or "ultipart/" in text or "ULTIPART/" in text):
        text = text.encode("utf-8", "surrogateescape")
    if isinstance(text, bytes):
        if mail_alternatives.looks_mime(text):  # a mail's alternatives read once, before their encodings
            text = mail_alternatives.one_alternative(text)
        if mail_base64.declares_base64(text):
            text = mail_base64.decode(text)
        if quoted_printable.looks_quoted_printable(text):
            text = quoted_printable.decode(text)
        text = text.decode("utf-8", "replace")
        return _parse_decoded(text.split("\n"), source, kernel_hint, keep)
    return parse_lines(text.split("\n"), source=source, kernel_hint=kernel_hint, keep=keep)


def parse_stream(stream, source=None, kernel_hint=None, keep=None):
    """Parse a binary stream without loading it whole (see :mod:`pagealloc.kernlog.scan`)."""
    assembler = ReportAssembler(source=source, kernel_hint=kernel_hint, keep=keep)
    head = stream.read(quoted_printable.SAMPLE)
    if cr_only(head):
        stream, head = LineFeeds(stream), head.translate(CR_TO_LF)
    if mail_alternatives.looks_mime(head):  # a mail's alternatives read once, before their encodings
        stream = mail_alternatives.AlternativesReader(stream, head)
        head = stream.read(quoted_printable.SAMPLE)
    if mail_base64.declares_base64(head):  # decoded first: its text may be quoted-printable below
        stream = mail_base64.DecodingReader(stream, head)
        head = stream.read(quoted_printable.SAMPLE)
    if quoted_printable.looks_quoted_printable(head):
        stream = quoted_printable.DecodingReader(stream, head)
    else:
        stream = Rewound(stream, head)
    feed_stream(stream, assembler)
    return _result(assembler)


# Rotated logs are often compressed (messages-20240101.gz): magic bytes -> opener.
_COMPRESSED = ((b"\x1f\x8b", gzip.open), (b"\xfd7zXZ\x00", lzma.open), (b"BZh", bz2.open))


def open_log(path):
    """A binary stream of the log at ``path``, decompressed on the fly when it
    is gzip, xz or bzip2 (by content, not by name), and read as UTF-8 when it
    was saved as UTF-16 or with a UTF-8 byte order mark (:mod:`pagealloc.kernlog.text_encoding`)."""
    with open(path, "rb") as probe:
        magic = probe.read(6)
    for prefix, opener in _COMPRESSED:
        if magic.startswith(prefix):
            return as_utf8(opener(path, "rb"))
    return as_utf8(open(path, "rb"))


def _parse_split(stream, path, source, kernel_hint, keep):
    """A large plain file parsed on several cores: a dense log by :mod:`pagealloc.kernlog.split_feed`,
    another by :mod:`pagealloc.kernlog.split_scan`; or None (nothing read from ``stream``) when it is
    small or needs the streaming scan."""
    size = os.fstat(stream.fileno()).st_size
    if size < min(split_scan.THRESHOLD, split_feed.THRESHOLD):
        return None
    head = stream.read(quoted_printable.SAMPLE)
    stream.seek(0)
    if quoted_printable.looks_quoted_printable(head) or mail_base64.declares_base64(head) \
            or mail_alternatives.looks_mime(head):
        return None
    assembler = ReportAssembler(source=source, kernel_hint=kernel_hint, keep=keep)
    if size >= split_feed.THRESHOLD and split_feed.looks_dense(path):
        done = split_feed.feed_file(path, assembler)
    else:
        done = size >= split_scan.THRESHOLD and split_scan.feed_file(path, assembler)
    return _result(assembler) if done else None


def parse_file(path, source=None, kernel_hint=None, keep=None):
    """Parse a log file by streaming it (compressed files too).  Raises
    OSError when it cannot be read, including corrupt compressed data."""
    try:
        with open_log(path) as stream:
            if isinstance(stream, io.BufferedReader) and not cr_only(stream.peek(1 << 16)):  # plain: maybe large
                result = _parse_split(stream, path, source or path, kernel_hint, keep)
                if result is not None:
                    return result
            return parse_stream(stream, source=source or path, kernel_hint=kernel_hint, keep=keep)
    except (EOFError, lzma.LZMAError, zlib.error) as error:
        raise OSError("corrupt or truncated compressed data (%s)" % (str(error) or type(error).__name__)) from error
