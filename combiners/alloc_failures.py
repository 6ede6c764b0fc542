"""
AllocFailures - every kernel log source of a host, deduplicated
================================================================

Combines the :mod:`pagealloc.parsers.page_alloc_failure` parsers: the same
report often sits in dmesg *and* /var/log/messages (and the journal); it is
counted once.  pagealloc's own unfiltered sources win over insights-core's
filterable ones: a ``Core*`` parser is used only when no own parser read the
same kind of log.

Two events are the same report when kind, comm, pid, order, GFP mask and the
zones' free kB at failure time agree, they come from different files, and
their times do not contradict (equal uptime stamps when both have one, equal
wall-clock when both have one).  Without zone lines (pre-filtered logs) a time
must match.

Examples:
    >>> alloc_failures.total_reports
    1
    >>> [e.comm for e in alloc_failures.page_allocation_failures()]
    ['swapper']
    >>> alloc_failures.to_list()[0]["driver"]
    'e100'
"""

from insights.core.exceptions import ContentException, SkipComponent
from insights.core.plugins import combiner
from insights.parsers.uname import Uname

from pagealloc.kernlog.bounded import DEFAULT_KEEP, BoundedEvents
from pagealloc.knowledge.gfp import decode_gfp
from pagealloc.parsers.page_alloc_failure import (
    CoreDmesgAllocFailures,
    CoreMessagesAllocFailures,
    CoreVmcoreDmesgAllocFailures,
    DmesgAllocFailures,
    JournalAllocFailures,
    KernLogAllocFailures,
    MessagesAllocFailures,
    VmcoreDmesgAllocFailures,
)

_SAME_TIME_S = 0.001


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _fingerprint(event):
    return (event.kind, event.comm, event.pid, event.order, event.gfp_mask,
            tuple((z.node, z.zone, z.free_kb) for z in event.zones))


def _times_agree(a, b, need_match):
    if a.timestamp is not None and b.timestamp is not None:
        return abs(a.timestamp - b.timestamp) < _SAME_TIME_S
    if a.wallclock is not None and b.wallclock is not None:
        return a.wallclock == b.wallclock
    return not need_match


def deduplicate(logs, keep=DEFAULT_KEEP):
    """``(sink, duplicates, suppressed)``: events of several parsed logs, each
    report once, and the "callbacks suppressed" counts of the distinct ones."""
    sink = BoundedEvents(keep)
    seen = {}
    duplicates = suppressed = 0
    for log in logs:
        for event in log.events:
            key = _fingerprint(event)
            earlier = seen.setdefault(key, [])
            kept = next((other for other in earlier if other.source != event.source
                         and _times_agree(event, other, not event.zones)), None)
            if kept is not None:
                duplicates += 1
                kept.wallclock = kept.wallclock or event.wallclock  # the syslog copy knows the time of day
                continue
            earlier.append(event)
            suppressed += event.suppressed
            sink.add(event)
        if not log.events:  # notices with no report to attach them to
            suppressed += log.suppressed
    return sink, duplicates, suppressed


def readable(log):
    """False when a parsed log's content cannot be read (insights-core raises ContentException
    for an empty pre-filtered spec, e.g. dmesg refused on the live host)."""
    try:
        return log.events is not None
    except (ContentException, SkipComponent):
        return False


def redecode_with_release(event, release):
    """Decode again with the host's kernel release (``uname -r``) when the
    report itself printed none and its era was not settled."""
    if event.kernel or not release or not event.gfp_mask:
        return
    if event.gfp_era and "|" not in event.gfp_era:
        return
    names = "|".join(event.gfp_flags) if event.gfp_names_printed else None
    decoded = decode_gfp(event.gfp_mask, names, release)
    event.gfp_flags, event.gfp_era, event.atomic = decoded.flags, decoded.era, decoded.atomic


@combiner([DmesgAllocFailures, MessagesAllocFailures, KernLogAllocFailures, JournalAllocFailures,
           VmcoreDmesgAllocFailures, CoreDmesgAllocFailures, CoreMessagesAllocFailures,
           CoreVmcoreDmesgAllocFailures], optional=[Uname])
class AllocFailures(object):
    """Failure events of one host from all its kernel logs.

    Attributes:
        events (list): FailureEvent objects, deduplicated, per source in log
            order (dmesg, messages, kern.log, journal, vmcore-dmesg); the
            first and last 1000 when there are more
        total_reports (int): distinct reports seen, including those not kept
        suppressed (int): "callbacks suppressed" counts of the allocator
        sources (list): files read
        truncated (bool): any event incomplete, or a pre-filtered source used

    With ``uname`` available, events whose report printed no kernel release
    (pre-filtered logs, cut reports) are GFP-decoded with the host's release.
    """

    def __init__(self, dmesg, messages, kern_log, journal, vmcore, core_dmesg, core_messages, core_vmcore,
                 uname=None):
        own = [log for value in (dmesg, messages, kern_log, journal, vmcore) for log in _as_list(value)]
        fallbacks = ((core_dmesg, dmesg), (core_messages, messages), (core_vmcore, vmcore))
        prefiltered = [log for core, own_kind in fallbacks if not _as_list(own_kind)
                       for log in _as_list(core)]
        # An empty pre-filtered spec raises on first use: skip it, keep the logs that were read.
        logs = [log for log in own + prefiltered if readable(log)]
        sink, duplicates, self.suppressed = deduplicate(logs)
        self.events = sink.events()
        release = getattr(uname, "kernel", None) if uname is not None else None
        for event in self.events:
            redecode_with_release(event, release)
        self.total_reports = sum(log.total_reports for log in logs) - duplicates
        self.sources = [log.source for log in logs if log.source]
        self.truncated = any(e.truncated for e in self.events) or bool(prefiltered)

    def page_allocation_failures(self):
        return [e for e in self.events if e.kind == "page-allocation-failure"]

    def to_list(self):
        return [e.to_dict() for e in self.events]
