"""
KernelLogsRead - which kernel logs were read, and what they held
===============================================================

"Nothing read" must never look like "nothing found".  This combiner takes
the same parsed logs as :class:`~pagealloc.combiners.alloc_failures.AllocFailures`
(present or not) and says, for each file, whether it held kernel lines at
all (:func:`pagealloc.kernlog.log_survey.has_kernel_lines`: an auth.log
holds none), and for the files with failure reports where each boot starts
(:func:`~pagealloc.kernlog.log_survey.boot_markers`, read lazily: only
what the timeline asks for).

Pre-filtered logs: insights-client keeps only the lines of dmesg and
/var/log/messages that contain one of its filter strings (insights-core
``add_filter``; ``grep -F`` at collection, spec_factory.py), and the client's
filter set is not pagealloc's unless pagealloc was installed where it ran.
So a log read from an insights-client archive (a core collection's hydrated
specs, or a legacy archive with ``insights_commands/``) counts as read only
when a failure report survived the filters: one that kept nothing
("prefiltered_empty"), only other rules' lines (the boot banner, a NIC's link
messages: "prefiltered_unrelated"), or lines of a report without its first
line (a call trace kept by a driver's name: "prefiltered_fragments") cannot
tell "no failure" from "filtered out", so it is not read: no "No problem
found" from it.

Attributes:
    logs (list): ``{"source", "content", "events"}`` per file: ``content`` is
        "kernel", "other_programs", "empty", "unrecognised", "prefiltered" (pre-filtered,
        a report kept), "prefiltered_fragments", "prefiltered_unrelated" or "prefiltered_empty"
    read_any (bool): at least one file held kernel lines ("kernel" or "prefiltered")
    live_host (bool): the live host was analysed (the dmesg and journal
        commands may have been refused)
    unread (list): what was looked for and not read, in words

Examples:
    >>> logs_read.read_any, [(log["content"], log["events"]) for log in logs_read.logs]
    (True, [('kernel', 1)])
"""

import io
import os

from insights.core.context import HostContext
from insights.core.exceptions import ContentException, SkipComponent
from insights.core.filters import add_filter
from insights.core.plugins import combiner
from insights.specs import Specs as CoreSpecs

from pagealloc.kernlog import log_survey, streamed
from pagealloc.kernlog.parse import open_log
from pagealloc.parsers.page_alloc_failure import (
    REPORT_FILTERS,
    CoreDmesgAllocFailures,
    CoreMessagesAllocFailures,
    CoreVmcoreDmesgAllocFailures,
    DmesgAllocFailures,
    JournalAllocFailures,
    KernLogAllocFailures,
    MessagesAllocFailures,
    VmcoreDmesgAllocFailures,
)

# The boot banner, so that pre-filtered logs still show where boots start.
BANNER_FILTER = "Linux version"
for _spec in (CoreSpecs.dmesg, CoreSpecs.messages):
    add_filter(_spec, BANNER_FILTER)

LOOKED_FOR = ("dmesg", "/var/log/messages (and rotations)", "/var/log/kern.log or /var/log/syslog",
              "the kernel journal (journalctl -k)", "kdump's vmcore-dmesg.txt")
LIVE_REFUSED = ("dmesg gave nothing: reading the kernel ring buffer needs root or CAP_SYSLOG when "
                "kernel.dmesg_restrict=1", "journalctl -k gave nothing: the kernel journal needs root or "
                "membership of the systemd-journal or adm group")
CONTENT_WORDS = {"other_programs": "holds no kernel line (only other programs' syslog lines)",
                 "empty": "is empty", "unrecognised": "holds no line in a kernel log format",
                 "prefiltered_unrelated": "was pre-filtered when collected (insights-client keeps only the lines "
                                          "its filters match) and holds no failure report: whether one was "
                                          "filtered out cannot be told",
                 "prefiltered_fragments": "was pre-filtered when collected and holds lines of a failure report "
                                          "(call trace, Mem-Info) without its first line: whether a failure "
                                          "happened cannot be told",
                 "prefiltered_empty": "was pre-filtered when collected and kept no line: whether a failure "
                                      "report was filtered out cannot be told"}
#: a legacy insights-client archive: every log in it was filtered by the client
CLIENT_COMMANDS = "insights_commands"
_REPORT_LINE_MARKS = tuple(mark.encode() for mark in REPORT_FILTERS)


def _client_filtered(log):
    """True for a log read from a legacy insights-client archive (its root holds insights_commands/)."""
    root = getattr(getattr(log, "_context", None), "root", None)
    return bool(root) and os.path.isdir(os.path.join(root, CLIENT_COMMANDS))


def filtered_content(stream):
    """What a pre-filtered log without a report kept (``stream``: binary): "prefiltered_fragments" when a
    line holds one of the strings a failure report's lines hold, "prefiltered_empty" when it kept no line,
    else "prefiltered_unrelated"."""
    kept = False
    for line in stream:
        if any(mark in line for mark in _REPORT_LINE_MARKS):
            return "prefiltered_fragments"
        kept = kept or bool(line.strip())
    return "prefiltered_unrelated" if kept else "prefiltered_empty"


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def event_count(log):
    """Events parsed from one log, or None when its content cannot be read (an empty pre-filtered
    spec raises ContentException on first use)."""
    try:
        return len(log.events)
    except (ContentException, SkipComponent):
        return None


def _opened(log):
    """A binary stream of the parsed input: its file, or the provider's lines (command output)."""
    context = getattr(log, "_context", None)
    path = getattr(context, "path", None)
    if path and os.path.isfile(path):
        return open_log(path)
    lines = getattr(context, "content", None) or []
    return io.BytesIO("\n".join(lines).encode("utf-8", "replace") + b"\n")


@combiner(optional=[DmesgAllocFailures, MessagesAllocFailures, KernLogAllocFailures, JournalAllocFailures,
                    VmcoreDmesgAllocFailures, CoreDmesgAllocFailures, CoreMessagesAllocFailures,
                    CoreVmcoreDmesgAllocFailures, HostContext])
class KernelLogsRead(object):
    """What kernel logs the input held (module docstring)."""

    def __init__(self, dmesg, messages, kern_log, journal, vmcore, core_dmesg, core_messages, core_vmcore,
                 host=None):
        own = [log for value in (dmesg, messages, kern_log, journal, vmcore) for log in _as_list(value)]
        fallbacks = ((core_dmesg, dmesg), (core_messages, messages), (core_vmcore, vmcore))
        prefiltered = [log for core, own_kind in fallbacks if not _as_list(own_kind) for log in _as_list(core)]
        self._by_source = {}
        self.logs = []
        for log in own + prefiltered:
            events = event_count(log)
            if events is None:
                # insights-core's pre-filtered spec raises on empty content: in an archive the
                # collector kept nothing that matched; on the live host the command failed.
                if host is None:
                    self.logs.append({"source": log.file_path, "content": "prefiltered_empty", "events": 0})
                continue
            if log in prefiltered or _client_filtered(log):
                # kept by a client's filters: read only when a report survived them
                content = "prefiltered" if events else self._survey(log, filtered_content) or "prefiltered_unrelated"
            elif events:
                content = "kernel"
            else:
                content = self._survey(log, log_survey.has_kernel_lines) or "unrecognised"
            self._by_source[log.source] = log
            self.logs.append({"source": log.source, "content": content, "events": events})
        self.read_any = any(log["content"] in ("kernel", "prefiltered") for log in self.logs)
        self.live_host = host is not None
        self.unread = self._unread(self._read_kinds(dmesg), self._read_kinds(journal))
        self._markers = {}

    def _read_kinds(self, value):
        """The logs of one kind that were read (their content did not raise)."""
        return [log for log in _as_list(value) if log.source in self._by_source]

    def _with_kernel_lines(self, logs):
        sources = {log.source for log in logs}
        return any(entry["content"] == "kernel" for entry in self.logs if entry["source"] in sources)

    @staticmethod
    def _survey(log, survey):
        read = streamed.recall(getattr(getattr(log, "_context", None), "path", None))
        if read is not None:  # surveyed while the archive was unpacked: the file is a stand-in
            return read.surveys.get(survey.__name__)  # None: not surveyed then, unknown
        try:
            with _opened(log) as stream:
                return survey(stream)
        except (OSError, EOFError, ValueError):
            return None

    def _unread(self, dmesg, journal):
        # On the live host the refusal lines below speak for the dmesg and journal commands.
        commands = {log.source for log in dmesg + journal} if self.live_host else set()
        words = ["%s %s" % (log["source"], CONTENT_WORDS[log["content"]]) for log in self.logs
                 if log["content"] in CONTENT_WORDS and log["source"] not in commands]
        if self.live_host:
            refused = [LIVE_REFUSED[0]] if not self._with_kernel_lines(dmesg) else []
            refused += [LIVE_REFUSED[1]] if not self._with_kernel_lines(journal) else []
            if refused and os.geteuid() != 0:
                refused.append("pagealloc ran as uid %d, not root" % os.geteuid())
            words += refused
        if not self.logs:
            words.append("no kernel log in the input (looked for %s)" % ", ".join(LOOKED_FOR))
        return words

    def markers(self, sources):
        """``{source: boot markers}`` of the given files (surveyed once each)."""
        for source in sources:
            if source not in self._markers and source in self._by_source:
                self._markers[source] = self._survey(self._by_source[source], log_survey.boot_markers) or []
        return {s: self._markers[s] for s in sources if s in self._markers}
