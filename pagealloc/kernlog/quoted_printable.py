r"""
Kernel reports pasted into mail arrive quoted-printable (RFC 2045 section
6.7): ``=`` is written ``=3D``, and lines longer than 76 characters end in a
soft break ``=`` and go on on the next line.  Such text is decoded before it
is read (``binascii.a2b_qp``), so that the buddy line's ``= 716kB`` and the
zone lines cut at 76 columns come back whole.

Text counts as quoted-printable when its first MiB holds a soft break or an
``=3D`` and no line longer than 78 bytes (an encoder never writes one; a
kernel log has many), or at least 3 soft breaks and at most 2 long lines (1 in
100 in longer text): a mail pasted under a title or an address line.  A mail
saved whole declares its body ``Content-Transfer-Encoding: quoted-printable``;
its own header lines (``Received:``, ``DKIM-Signature:``, ``ARC-Seal:`` folded
past 78 columns) are never encoded, so long lines count only after the header
block holding that declaration (RFC 2045 section 6: the field names the
encoding of the body that follows the block's blank line).

Examples:
    >>> encoded = b"[ 1.0] Normal: 179*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB =\n0*1024kB =3D 716kB\n"
    >>> looks_quoted_printable(encoded)
    True
    >>> decode(encoded)
    b'[ 1.0] Normal: 179*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB = 716kB\n'
    >>> looks_quoted_printable(b"[ 1.0] Normal: 179*4kB = 716kB\n")
    False
    >>> looks_quoted_printable(b"# " + b"x" * 100 + b"\n" + encoded * 3)   # under a long title line
    True
    >>> looks_quoted_printable((b"y" * 100 + b"=\n") * 3)                  # long lines ending in '='
    False
    >>> looks_quoted_printable(b"=57514 [ 1.0] Node 0 DMA32: 5003*4kB 0*8kB =\n=53869 24012kB\n")  # '=57' is 'W'
    False
    >>> mail_head = b"".join(b"ARC-Seal: i=1; a=rsa-sha256; b=" + b"Zx" * 40 + b"\n" for _ in range(4))
    >>> looks_quoted_printable(mail_head + b"Content-Transfer-Encoding: quoted-printable\n\n" + encoded)
    True
    >>> looks_quoted_printable(mail_head + b"Content-Transfer-Encoding: 8bit\n\n" + encoded)
    False
"""

import binascii
import re

from pagealloc.kernlog.line_decoding_reader import LineDecodingReader

SAMPLE = 1 << 20
MAX_ENCODED_LINE = 78
_SOFT_BREAK = re.compile(rb"=\r?\n")
_ESCAPE = re.compile(rb"=([0-9A-F]{2})")
# A MIME part's header field declaring its body quoted-printable, and the blank line that ends its header block.
_DECLARED = re.compile(rb"^Content-Transfer-Encoding:[ \t]*quoted-printable[ \t]*\r?$", re.I | re.M)
_BLOCK_END = re.compile(rb"\n\r?\n")


def looks_quoted_printable(data):
    sample = data[:SAMPLE]
    if b"=3D" not in sample and not _SOFT_BREAK.search(sample):
        return False
    start = _body_start(sample)
    if _needless_escapes(sample[start:]):  # (a mail header's "b=..." signatures are no escapes)
        return False
    lines = sample[start:].split(b"\n")
    if len(sample) == SAMPLE:
        lines = lines[:-1]  # the sample may end inside a line
    long_lines = sum(1 for line in lines if len(line.rstrip(b"\r")) > MAX_ENCODED_LINE)
    if not long_lines:
        # under a declaration, the body itself must look encoded (a decoded body kept under its mail
        # header holds no "=3D" and at most a stray "=" at a line's end)
        return not start or b"=3D" in sample[start:] or len(_SOFT_BREAK.findall(sample, start)) >= 3
    # A mail pasted below a title or a web page's address line: a few long lines beside many soft breaks
    # (an encoder writes none; a kernel log whose lines end in "=" by chance has many long lines).
    return len(_SOFT_BREAK.findall(sample)) >= 3 and long_lines <= max(2, len(lines) // 100)


def _body_start(sample):
    """Offset of the body a ``Content-Transfer-Encoding: quoted-printable`` field declares (0: none declared):
    the mail header lines above it are written unencoded, however long."""
    declared = _DECLARED.search(sample)
    if not declared:
        return 0
    end = _BLOCK_END.search(sample, declared.end())
    return end.end() if end else len(sample)


# Control bytes a text holds: NUL (a crash leaves zeroed blocks in a log), line ends and tabs, VT and FF, and a
# terminal capture's BEL, BS and ESC (pagealloc.kernlog.terminal_codes).
_TEXT_CONTROLS = frozenset((0x00, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B))


def _needless_escapes(sample):
    r"""More ``=XX`` escapes of printable ASCII than of anything else: an encoder escapes only ``=``, blanks
    at a line's end, control and 8-bit bytes, so ``=57514 [ 1.0] ...`` (a counter after an ``=`` before
    every line, buddy lines wrapped after their ``=``) is text that happens to look encoded.  A blank escaped
    inside a line, or a control byte no text holds (_TEXT_CONTROLS: the rest), is no encoder's either:
    ``mems_allowed=0`` glued to ``2025-01-14T...`` (a collapsed syslog excerpt) reads ``=02`` and ``=20``.

    >>> _needless_escapes(b"mems_allowed=02025-01-14T03:22:11 edge4 kernel: x=2025-01-14T03:22:12 =\nDMA")
    True
    >>> _needless_escapes(b"from [<c010796f>]=20\n(show_stack+0xb/0xc) caf=C3=A9 =3D 1492kB")
    False
    """
    needless = needed = 0
    for escape in _ESCAPE.finditer(sample):
        value = int(escape.group(1), 16)
        if 0x21 <= value <= 0x7E and value != 0x3D or value < 0x20 and value not in _TEXT_CONTROLS \
                or value in (0x20, 0x09) and sample[escape.end():escape.end() + 1] not in (b"\n", b"\r", b"=", b""):
            needless += 1
        else:
            needed += 1
    return needless > needed


def decode(data):
    r"""Decoded bytes (CRLF line ends become LF first: a soft break is ``=`` at the end of a line); the mail
    header block above a declared body is kept as written (its ``b=...`` signatures are no escapes).

    >>> decode(b"DKIM-Signature: b=ED2x\nContent-Transfer-Encoding: quoted-printable\n\nsize=3D4 =\n8kB\n")
    b'DKIM-Signature: b=ED2x\nContent-Transfer-Encoding: quoted-printable\n\nsize=4 8kB\n'
    """
    data = data.replace(b"\r\n", b"\n")
    start = _body_start(data)
    return data[:start] + binascii.a2b_qp(data[start:])


def _decode_body(data):
    return binascii.a2b_qp(data.replace(b"\r\n", b"\n"))


class DecodingReader(LineDecodingReader):
    """A binary stream decoded on the fly; ``head`` holds bytes already read from ``raw``.

    Each read decodes whole lines only; a last line that ends in a soft
    break waits for the next read.
    """

    def __init__(self, raw, head=b""):
        start = _body_start(head)
        super().__init__(raw, head[start:])
        self.verbatim = head[:start]  # the mail header block above a declared body: not encoded

    def _decoded(self, chunk, final):
        return self._verbatim() + _decode_body(chunk)

    def _verbatim(self):
        out, self.verbatim = self.verbatim, b""
        return out

    def _cut(self):
        """End of the last complete line of ``pending`` that is not soft-broken (0: none)."""
        pending = self.pending
        cut = pending.rfind(b"\n") + 1
        while cut > 0 and (pending.endswith(b"=\n", 0, cut) or pending.endswith(b"=\r\n", 0, cut)):
            cut = pending.rfind(b"\n", 0, cut - 1) + 1
        return cut
