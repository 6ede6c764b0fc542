"""
Large kernel logs of an archive: scanned while they are unpacked, never written.

A sosreport's ``var/log/messages`` can be hundreds of megabytes.  Writing it
to the work area and reading it back (the failure-report scan, then the
boot-marker survey) cost more than decompressing the archive.  So a member
that

* only pagealloc's kernel-log parsers read (its path matches one of their
  spec paths, :func:`pagealloc.evaluate.streamable_logs`, and no other spec's),
* is at least :data:`STREAM_MIN_BYTES` long, and
* is a plain log (not a gzip/xz/bzip2 rotation, which is written as before),

goes through :func:`pagealloc.kernlog.streamed.read_stream` as it comes out of
the decompressor: the same scan and surveys as on the file, on the same
bytes, counted against the same limits (per file, total, ratio) as a written
file.  An empty stand-in file is written in its place so that insights-core
still resolves the spec, and the log parsers find what was read in
:mod:`pagealloc.kernlog.streamed`.  A hardlink to a streamed member (its
copy would be the empty stand-in) unpacks the archive again without
selection or streaming (:class:`~pagealloc.archive.selection.SelectionMiss`).

Examples:
    >>> logs = LogMembers([(["/var/log/messages", "/var/log/messages-*"], r"\\.(gz|xz)$")], ["/proc/zoneinfo"])
    >>> logs.streams("sosreport-h/var/log/messages"), logs.streams("sosreport-h/var/log/messages-2024.gz")
    (True, False)
    >>> logs.streams("sosreport-h/proc/zoneinfo")
    False
"""

import re

from pagealloc.archive.selection import patterns_regex
from pagealloc.kernlog.text_encoding import Rewound

#: smaller logs are written and read back as before (cheap, and the split scan may use every core)
STREAM_MIN_BYTES = 32 << 20
# A rotated log compressed inside the archive is written as before (parse_file decompresses it).
COMPRESSED_MAGIC = (b"\x1f\x8b", b"\xfd7zXZ\x00", b"BZh")
HEAD_BYTES = 64 << 10


class LogMembers:
    """Which archive members are kernel logs only the log parsers read.

    ``logs``: (spec path patterns, ignore regex or None) of each log spec implementation;
    ``others``: the path patterns of every other spec (a member they match is written).
    """

    def __init__(self, logs, others, min_bytes=None):
        self.min_bytes = STREAM_MIN_BYTES if min_bytes is None else min_bytes
        self._logs = [(patterns_regex(patterns), re.compile(ignore) if ignore else None) for patterns, ignore in logs]
        self._others = patterns_regex(others) if others else None

    def streams(self, rel):
        if self._others is not None and self._others.fullmatch(rel):
            return False
        return any(wanted.fullmatch(rel) and not (ignore and ignore.search(rel)) for wanted, ignore in self._logs)


class Counted:
    """A member's bytes, each read counted against the budget as if written (``copy_stream``'s checks)."""

    def __init__(self, stream, budget, name, head=b""):
        # (bytes already read from ``stream`` to sniff it are put back in front, counted like the rest)
        self.stream = Rewound(stream, head) if head else stream
        self.budget, self.name = budget, name
        self.file_bytes = 0

    def _count(self, count):
        if count:
            self.file_bytes += count
            self.budget.add_bytes(count, self.file_bytes, self.name)

    def read(self, size=-1):
        data = self.stream.read(size) or b""
        self._count(len(data))
        return data

    def readinto(self, view):
        count = self.stream.readinto(view) or 0
        self._count(count)
        return count
