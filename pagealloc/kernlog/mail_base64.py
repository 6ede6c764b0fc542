r"""
A mail saved whole whose text part is base64 (RFC 2045 section 6.8): the part decoded in place.

A list archive keeps each message as it was sent, and mail clients send a text
part base64 when it holds long lines or 8-bit text: a kernel report pasted into
such a mail is a block of ``Ww9eLm...`` lines in the raw message.  A part's
header block that declares ``Content-Transfer-Encoding: base64`` for a text
type (``Content-Type: text/...``, or none: RFC 2045 section 5.2 makes it
text/plain) is kept as written; the run of base64 lines after its blank line
is decoded (``binascii.a2b_base64``) up to the first line that is not base64
(the next MIME boundary ``--...``, a blank line).  Other parts (an image, an
``application/octet-stream`` attachment) stay as they are, and text that
declares no base64 body is never touched.  The decoded text is then read as
any other (a quoted-printable part of the same mail is decoded afterwards,
:mod:`pagealloc.kernlog.quoted_printable`).

Examples:
    >>> body = base64.encodebytes(b"[ 1.0] swapper: page allocation failure: order:0, mode:0x20\n")
    >>> mail = b"Subject: oops\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n" + body
    >>> declares_base64(mail)
    True
    >>> decode(mail).decode().splitlines()[-1]
    '[ 1.0] swapper: page allocation failure: order:0, mode:0x20'
    >>> picture = b"Content-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n"
    >>> decode(picture) == picture
    True
    >>> declares_base64(b"[ 1.0] swapper: page allocation failure: order:0, mode:0x20\n")
    False
"""

import base64  # noqa: F401 - used by the examples above
import binascii
import re

from pagealloc.kernlog.line_decoding_reader import LineDecodingReader

SAMPLE = 1 << 20
_DECLARED = re.compile(rb"^Content-Transfer-Encoding:[ \t]*base64[ \t]*\r?$", re.I | re.M)
_ENCODING = re.compile(rb"Content-Transfer-Encoding:[ \t]*(\S+)", re.I)
_TYPE = re.compile(rb"Content-Type:[ \t]*([\w.+-]+)/", re.I)
# A line of a base64 body: the alphabet, padding at its end (RFC 2045 section 6.8: at most 76 per line).
_BASE64_LINE = re.compile(rb"[A-Za-z0-9+/]{4,}={0,2}[ \t]*\r?")


def declares_base64(sample):
    """Whether ``sample`` (the first bytes of a text) holds a header field declaring a base64 body."""
    return _DECLARED.search(sample[:SAMPLE]) is not None


class _Decoder:
    """The line-by-line state: the open header block's encoding and type, then the base64 run after it."""

    __slots__ = ("encoding", "text", "decoding", "pending", "ended")

    def __init__(self):
        self.encoding = None   # the encoding the open header block declares
        self.text = True       # its Content-Type is text/* (or none yet)
        self.decoding = False  # inside a declared base64 text body
        self.pending = b""     # base64 characters not decoded yet (fewer than 4, or awaiting more lines)
        self.ended = True      # the decoded text given so far ends in a line break

    def line(self, line):
        """Bytes to give for one input line (with its line end)."""
        if self.decoding:
            if _BASE64_LINE.fullmatch(line.rstrip(b"\n")):
                self.pending += line.strip()
                usable = len(self.pending) - len(self.pending) % 4
                out, self.pending = self.pending[:usable], self.pending[usable:]
                return self._given(_decoded(out))
            self.decoding = False
            return self._flush() + line
        stripped = line.strip()
        if not stripped:
            if self.encoding == b"base64" and self.text:
                self.decoding = True
            self.encoding, self.text = None, True
            return line
        if line[:8].lower() == b"content-":
            encoding = _ENCODING.match(line)
            if encoding is not None:
                self.encoding = encoding.group(1).lower()
            kind = _TYPE.match(line)
            if kind is not None:
                self.text = kind.group(1).lower() == b"text"
        return line

    def _given(self, out):
        if out:
            self.ended = out.endswith(b"\n")
        return out

    def _flush(self):
        """The rest of a base64 run, ended by a line break when the text it held did not end in one."""
        out, self.pending = self._given(_decoded(self.pending)), b""
        if not self.ended:
            out, self.ended = out + b"\n", True
        return out

    def finish(self):
        return self._flush() if self.decoding else b""


def _decoded(chunk):
    try:
        return binascii.a2b_base64(chunk)
    except binascii.Error:  # not base64 after all (a line of the alphabet with bad padding): keep it
        return chunk


def decode(data):
    """``data`` with every declared base64 text body decoded in place (CRLF line ends kept elsewhere)."""
    decoder = _Decoder()
    out = [decoder.line(line) for line in data.splitlines(keepends=True)]
    out.append(decoder.finish())
    return b"".join(out)


class DecodingReader(LineDecodingReader):
    """A binary stream decoded on the fly; ``head`` holds bytes already read from ``raw``.  Each read
    decodes whole lines only; a last line without its end waits for the next read."""

    def __init__(self, raw, head=b""):
        super().__init__(raw, head)
        self.decoder = _Decoder()

    def _decoded(self, chunk, final):
        out = b"".join(self.decoder.line(line) for line in chunk.splitlines(keepends=True))
        return out + self.decoder.finish() if final else out
