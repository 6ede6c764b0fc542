"""
A binary stream decoded on the fly, a chunk of whole lines at a time
====================================================================

The mail decoders (:mod:`pagealloc.kernlog.quoted_printable`,
:mod:`pagealloc.kernlog.mail_base64`) stream a raw mail to the scanner: each
read takes bytes from the stream until a chunk that can be decoded on its own
is there (whole lines; a quoted-printable soft break waits for its next line),
and returns that chunk decoded.  A subclass says where the chunk ends
(``_cut``) and how it decodes (``_decoded``); a read never returns ``b""``
before the end of the stream (a reader's caller takes that for the end), nor
more than it was asked for (a caller reading into a buffer of that size:
``text_encoding.Rewound.readinto``); the rest waits for the next read.

>>> import io
>>> class Upper(LineDecodingReader):
...     def _decoded(self, chunk, final):
...         return chunk.upper()
>>> reader = Upper(io.BytesIO(b"a\\nb"), head=b"x")
>>> reader.read(1), reader.read(1), reader.read(1), reader.read(1), reader.read(1)
(b'X', b'A', b'\\n', b'B', b'')
"""

SAMPLE = 1 << 20  # bytes per read of the underlying stream when the caller asks for all


class LineDecodingReader:
    """``raw`` decoded on the fly; ``head`` holds bytes already read from ``raw``."""

    def __init__(self, raw, head=b""):
        self.raw = raw
        self.pending = head
        self.eof = False
        self.ready = b""  # decoded bytes past what the last read was asked for

    def read(self, size=-1):
        size = SAMPLE if size is None or size < 0 else max(size, 1)
        out = self.ready or self._read(size)
        self.ready = out[size:]
        return out[:size]

    def _read(self, size):
        while True:
            if not self.eof:
                data = self.raw.read(size)
                if data:
                    self.pending += data
                else:
                    self.eof = True
            cut = len(self.pending) if self.eof else self._cut()
            if cut > 0 or self.eof:
                chunk, self.pending = self.pending[:cut], self.pending[cut:]
                out = self._decoded(chunk, self.eof)
                if out or self.eof:
                    return out

    def _cut(self):
        """End of the last whole line of ``pending`` (0: none yet)."""
        return self.pending.rfind(b"\n") + 1

    def _decoded(self, chunk, final):
        """``chunk`` (whole lines; at the end of the stream, the rest) decoded."""
        raise NotImplementedError
