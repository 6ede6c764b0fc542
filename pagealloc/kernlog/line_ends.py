"""
Line ends other than a line feed: a log whose lines end in a carriage return alone (a serial console
capture, a classic Mac paste) is read with its carriage returns as line feeds (CRLF needs nothing: the
assembler strips the CR).  Told from the first MiB, as quoted-printable is.
"""

SAMPLE = 1 << 20


def cr_only(text):
    r"""Lines ended by a carriage return alone (a serial console capture, a classic Mac paste): more bare
    CRs than line feeds in the first MiB.

    >>> cr_only("[ 1.0] a\r[ 1.1] b\r[ 1.2] c\r"), cr_only(b"a\r\nb\r\nc\r\nd\r\n")
    (True, False)
    """
    cr, lf = ("\r", "\n") if isinstance(text, str) else (b"\r", b"\n")
    sample = text[:SAMPLE]
    bare = sample.count(cr) - sample.count(cr + lf)
    return bare > 2 and bare > sample.count(lf)


CR_TO_LF = bytes.maketrans(b"\r", b"\n")


class LineFeeds:
    """A binary stream whose carriage returns are read as line feeds (a CR-only log)."""

    def __init__(self, stream):
        self.stream = stream

    def read(self, size=-1):
        return self.stream.read(size).translate(CR_TO_LF)

    def readinto(self, view):
        data = self.read(len(view))
        view[:len(data)] = data
        return len(data)
