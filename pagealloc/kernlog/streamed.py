"""
Kernel logs read straight from an archive's stream
==================================================

A large ``/var/log/messages`` inside a ``.tar.xz`` used to be decompressed,
written to the work area, and read back twice: by the failure-report scan
(:func:`pagealloc.kernlog.parse.parse_file`) and by the boot-marker survey
(:mod:`pagealloc.kernlog.log_survey`).  For a 250 MB log, writing it and
reading it again cost more than the whole rest of a triage.

When the extractor meets such a log (:mod:`pagealloc.archive.log_members`
decides which), it calls :func:`read_stream` on the member's bytes as they
come out of the decompressor: the same scan (:func:`parse_stream`) and the
same surveys see the same bytes in one pass, and only an empty stand-in
file is written where the log was, so that insights-core still resolves the
spec that reads it.  The answers are kept here, under the stand-in's real
path, until the work area goes (:func:`forget`).  Everything that reads a
kernel log file asks here first (:func:`recall`): the log parsers
(``pagealloc.parsers.page_alloc_failure``) and the logs-read combiner
(``pagealloc.combiners.kernel_logs_read``); :func:`pagealloc.evaluate.streamable_logs`
allows streaming only while those are the only readers of the log specs.

The events, line numbers and survey answers are those of the file read from
disk (the scan and the surveys are the same code; a property test compares
them); only ``source`` is given afterwards (:meth:`StreamedLog.parse_as`),
because the report's root, which spec paths are relative to, is known only
once the archive is unpacked.

Examples:
    >>> import io, os, tempfile
    >>> log = (b"Jun 18 07:00:01 web1 kernel: [    0.000000] Linux version 2.6.32-5-686 (Debian 2.6.32-31)\\n"
    ...        b"Jun 18 07:01:02 web1 kernel: swapper: page allocation failure. order:0, mode:0x20\\n")
    >>> read = read_stream(io.BytesIO(log))
    >>> stand_in = os.path.join(tempfile.mkdtemp(), "messages")
    >>> open(stand_in, "wb").close()
    >>> remember(stand_in, read)
    >>> parsed = recall(stand_in).parse_as("/var/log/messages")
    >>> [(e.source, e.line, e.comm) for e in parsed.events]
    [('/var/log/messages', 2, 'swapper')]
    >>> recall(stand_in).surveys["has_kernel_lines"], [m["line"] for m in recall(stand_in).surveys["boot_markers"]]
    ('kernel', [1])
    >>> forget(os.path.dirname(stand_in)); recall(stand_in) is None
    True
"""

import copy
import os
from dataclasses import dataclass, field
from typing import Dict

from pagealloc.kernlog import log_survey
from pagealloc.kernlog.parse import LogParse, parse_stream
from pagealloc.kernlog.text_encoding import as_utf8

# survey function name -> the class that surveys pushed buffers the same way
SURVEYS = {"boot_markers": log_survey.BootMarkers, "has_kernel_lines": log_survey.KernelLines}

_READ = {}  # real path of a stand-in -> StreamedLog


@dataclass
class StreamedLog:
    """What one log member held: its parse (``source`` not yet given) and each survey's answer."""

    parse: LogParse
    surveys: Dict[str, object] = field(default_factory=dict)

    def parse_as(self, source):
        """The parse as :func:`~pagealloc.kernlog.parse.parse_file` gives it for ``source``."""
        events = []
        for event in self.parse.events:
            event = copy.copy(event)
            event.source = source
            events.append(event)
        return LogParse(source=source, events=events, total_reports=self.parse.total_reports,
                        suppressed=self.parse.suppressed)


class _Surveyed:
    """A binary stream whose bytes also go, as they are read, through the surveys."""

    def __init__(self, stream):
        self.stream = stream
        self.chunks = log_survey.LineChunks()
        self.surveys = {name: kind() for name, kind in SURVEYS.items()}
        self.active = list(self.surveys.values())

    def _seen(self, data):
        if self.active:
            for first, buf in self.chunks.push(data):
                self.active = [survey for survey in self.active if not survey.feed(first, buf)]

    def read(self, size=-1):
        data = self.stream.read(size)
        self._seen(data)
        return data

    def readinto(self, view):
        count = self.stream.readinto(view) or 0
        if count:
            with memoryview(view) as seen:
                self._seen(seen[:count])
        return count

    def results(self):
        while self.read(log_survey.CHUNK):  # the scan read to the end; this only drains a stream it left
            pass
        if self.active:
            for first, buf in self.chunks.close():
                self.active = [survey for survey in self.active if not survey.feed(first, buf)]
        return {name: survey.result() for name, survey in self.surveys.items()}


def read_stream(stream):
    """Scan and survey a binary stream in one pass: a :class:`StreamedLog`."""
    surveyed = _Surveyed(as_utf8(stream))  # a UTF-16 log member: surveyed and scanned as the UTF-8 it stands for
    parse = parse_stream(surveyed)
    return StreamedLog(parse=parse, surveys=surveyed.results())


def remember(path, log):
    _READ[os.path.realpath(path)] = log


def recall(path):
    """The :class:`StreamedLog` read in place of the file at ``path`` (through links too), else None."""
    if not _READ or not path:
        return None
    return _READ.get(os.path.realpath(path))


def forget(folder):
    """Drop what was read for stand-ins under ``folder`` (its work area is going)."""
    top = os.path.realpath(folder) + os.sep
    for path in [p for p in _READ if p.startswith(top)]:
        del _READ[path]


def forget_path(path):
    """Drop what was read for the stand-in at ``path`` (an archive entry replaces it)."""
    _READ.pop(os.path.realpath(path), None)
