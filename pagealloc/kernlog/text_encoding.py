"""
Logs saved in another Unicode encoding: UTF-16 (a Windows editor's "Unicode", PowerShell's ``>``),
with a byte order mark (little or big endian) or without one, and UTF-8 with a byte order mark.
Every reader of a log (``parse-log``, ``triage`` of a log file, the log members of an archive) reads
it through :func:`as_utf8`, so such a paste gives the same report as the UTF-8 log it was saved from.

Without a mark, UTF-16 is recognised the way the Unicode FAQ describes text that is mostly ASCII: in
nearly every second byte a NUL (the high byte of each code unit), and nearly no NUL in the others.  A
true binary file has no such pattern and keeps being refused.

Examples:
    >>> text = "[ 1.0] swapper: page allocation failure: order:0, mode:0x20\\n"
    >>> [codec_of(data) for data in (text.encode(), text.encode("utf-16"), b"\\xfe\\xff" + text.encode("utf-16-be"),
    ...                               text.encode("utf-16-le"), text.encode("utf-16-be"), b"\\xef\\xbb\\xbf" + b"x")]
    [None, 'utf-16', 'utf-16', 'utf-16-le', 'utf-16-be', 'utf-8-sig']
    >>> import io
    >>> as_utf8(io.BytesIO(text.encode("utf-16"))).read() == text.encode()
    True
    >>> codec_of(bytes(range(256)) * 4) is None
    True
"""

import codecs
import io

#: byte order marks, longest first (Unicode standard, table 2-4); UTF-32 marks are not read as UTF-16's
BOMS = ((codecs.BOM_UTF32_LE, None), (codecs.BOM_UTF32_BE, None), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: without a mark: the share of NULs among the high bytes of the code units, and at most among the low ones
HIGH_NULS = 0.9
LOW_NULS = 0.05
MIN_SAMPLE = 16
#: a log marked UTF-16 is mostly ASCII once decoded (kernel messages, times: even in a Chinese forum's
#: paste); a binary file that starts with a mark by chance decodes to < 1% ASCII
ASCII_SHARE = 0.5
CHUNK = 1 << 16


def codec_of(head):
    """The codec to decode a log that starts with ``head`` by, or None for UTF-8 (or anything else:
    the readers take it as it is, and a binary file stays binary)."""
    for mark, codec in BOMS:
        if head.startswith(mark):
            # a binary file that happens to start with FF FE decodes to random CJK, not to a log
            return codec if codec != "utf-16" or _mostly_ascii(head[:CHUNK], codec) else None
    sample = head[:CHUNK - CHUNK % 2]
    if len(sample) < MIN_SAMPLE:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= HIGH_NULS and even_nuls <= LOW_NULS:
        return "utf-16-le"
    if even_nuls >= HIGH_NULS and odd_nuls <= LOW_NULS:
        return "utf-16-be"
    return None


def _mostly_ascii(sample, codec):
    text = codecs.getincrementaldecoder(codec)("replace").decode(sample, final=False)
    return bool(text) and sum(1 for char in text if char < "\x80") >= ASCII_SHARE * len(text)


def decoded_head(head):
    """``head`` (the first bytes of a log) as UTF-8: decoded when :func:`codec_of` names a codec
    (a UTF-8 mark is only dropped: bytes that are not UTF-8 stay as they are, for the binary check)."""
    codec = codec_of(head)
    if codec is None:
        return head
    if codec == "utf-8-sig":
        return head[len(codecs.BOM_UTF8):]
    return codecs.getincrementaldecoder(codec)("replace").decode(head, final=False).encode("utf-8")


class Utf8Reader(io.RawIOBase):
    """A binary stream of ``raw`` decoded from ``codec`` and encoded as UTF-8, read as it goes (a 2 GB
    log is never loaded whole).  Undecodable units become U+FFFD, as in every other reader of logs."""

    def __init__(self, raw, codec, head=b""):
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)("replace")
        self._pending = self._decoder.decode(head, final=False).encode("utf-8") if head else b""
        self._done = False

    def readable(self):
        return True

    def readinto(self, view):
        while not self._pending and not self._done:
            data = self._raw.read(CHUNK)
            self._done = not data
            self._pending = self._decoder.decode(data, final=self._done).encode("utf-8")
        count = min(len(view), len(self._pending))
        view[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def close(self):
        try:
            self._raw.close()
        finally:
            super().close()


def _transcoded(codec):
    """True for the codecs :func:`as_utf8` decodes: UTF-8 with a mark is UTF-8 (the scanner reads the
    mark as it reads any line start it does not know), and is streamed as it is."""
    return codec is not None and codec != "utf-8-sig"


def as_utf8(stream):
    """``stream`` (binary, at its start) as UTF-8 bytes: itself when it is UTF-8 already (a
    BufferedReader is peeked, not read), else a :class:`Utf8Reader` that decodes it as it is read."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        codec = codec_of(peek(CHUNK)[:CHUNK])
        return Utf8Reader(stream, codec) if _transcoded(codec) else stream
    head = stream.read(CHUNK)
    codec = codec_of(head)
    return Utf8Reader(stream, codec, head) if _transcoded(codec) else Rewound(stream, head)


class Rewound(io.RawIOBase):
    """``stream`` with the bytes already read from it put back in front (closing it leaves ``stream``
    to its owner)."""

    def __init__(self, stream, head):
        self._stream, self._head = stream, head

    def readable(self):
        return True

    def readinto(self, view):
        if self._head:
            count = min(len(view), len(self._head))
            view[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        readinto = getattr(self._stream, "readinto", None)
        if readinto is not None:
            return readinto(view) or 0
        data = self._stream.read(len(view))
        view[:len(data)] = data
        return len(data)
