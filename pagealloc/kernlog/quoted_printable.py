r"""
Kernel reports pasted into mail arrive quoted-printable (RFC 2045 section
6.7): ``=`` is written ``=3D``, and lines longer than 76 characters end in a
soft break ``=`` and go on on the next line.  Such text is decoded before it
is read (``binascii.a2b_qp``), so that the buddy line's ``= 716kB`` and the
zone lines cut at 76 columns come back whole.

Text counts as quoted-printable when its first MiB holds a soft break or an
``=3D`` and no line longer than 78 bytes (an encoder never writes one; a
kernel log has many), or at least 3 soft breaks and at most 2 long lines (1 in
100 in longer text): a mail pasted under a title or an address line.

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
"""

import binascii
import re

SAMPLE = 1 << 20
MAX_ENCODED_LINE = 78
_SOFT_BREAK = re.compile(rb"=\r?\n")
_ESCAPE = re.compile(rb"=([0-9A-F]{2})")


def looks_quoted_printable(data):
    sample = data[:SAMPLE]
    if b"=3D" not in sample and not _SOFT_BREAK.search(sample):
        return False
    if _needless_escapes(sample):
        return False
    lines = sample.split(b"\n")
    if len(sample) == SAMPLE:
        lines = lines[:-1]  # the sample may end inside a line
    long_lines = sum(1 for line in lines if len(line.rstrip(b"\r")) > MAX_ENCODED_LINE)
    if not long_lines:
        return True
    # A mail pasted below a title or a web page's address line: a few long lines beside many soft breaks
    # (an encoder writes none; a kernel log whose lines end in "=" by chance has many long lines).
    return len(_SOFT_BREAK.findall(sample)) >= 3 and long_lines <= max(2, len(lines) // 100)


def _needless_escapes(sample):
    """More ``=XX`` escapes of printable ASCII than of anything else: an encoder escapes only ``=``, blanks
    at a line's end, control and 8-bit bytes, so ``=57514 [ 1.0] ...`` (a counter after an ``=`` before
    every line, buddy lines wrapped after their ``=``) is text that happens to look encoded."""
    needless = needed = 0
    for escape in _ESCAPE.finditer(sample):
        value = int(escape.group(1), 16)
        if 0x21 <= value <= 0x7E and value != 0x3D:
            needless += 1
        else:
            needed += 1
    return needless > needed


def decode(data):
    """Decoded bytes (CRLF line ends become LF first: a soft break is ``=`` at the end of a line)."""
    return binascii.a2b_qp(data.replace(b"\r\n", b"\n"))


class DecodingReader:
    """A binary stream decoded on the fly; ``head`` holds bytes already read from ``raw``.

    Each read decodes whole lines only; a last line that ends in a soft
    break waits for the next read.
    """

    def __init__(self, raw, head=b""):
        self.raw = raw
        self.pending = head
        self.eof = False

    def read(self, size=-1):
        size = SAMPLE if size is None or size < 0 else max(size, 1)
        while True:
            if not self.eof:
                data = self.raw.read(size)
                if data:
                    self.pending += data
                else:
                    self.eof = True
            if self.eof:
                out, self.pending = self.pending, b""
                return decode(out)
            cut = self._cut()
            if cut > 0:
                out, self.pending = self.pending[:cut], self.pending[cut:]
                return decode(out)

    def _cut(self):
        """End of the last complete line of ``pending`` that is not soft-broken (0: none)."""
        pending = self.pending
        cut = pending.rfind(b"\n") + 1
        while cut > 0 and (pending.endswith(b"=\n", 0, cut) or pending.endswith(b"=\r\n", 0, cut)):
            cut = pending.rfind(b"\n", 0, cut - 1) + 1
        return cut
