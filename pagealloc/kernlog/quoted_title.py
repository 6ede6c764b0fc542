"""
A header quoted on its own beside the full report it comes from is that report, not a second one.

Posts put the report's header line alone above the log (an issue's title, a line cited in the
text, a mail's subject), then paste the report.  The lone copy prints nothing of its own: no log
prefix (time, date, host), no task line, trace or Mem-Info.  A kernel never prints a header alone
(warn_alloc() in mm/page_alloc.c prints it with dump_stack() and show_mem(), all or nothing under
its rate limit), so in a log a lone header is a cut or filtered report; only beside a report of
the same text with the very same header (kind, comm, order, mask) is it a quotation of that one.
A header alone that another report does not repeat stays an event (a filtered log keeps headers
only, and they all are alone), and so do copies that carry a prefix or lines of their own
(identical failures of a flood).  A 2.4 ``__alloc_pages: N-order allocation failed`` line is a whole
report in one line (2.4 mm/page_alloc.c __alloc_pages() prints nothing more): never a title.

Examples:
    >>> from pagealloc.kernlog.event import FailureEvent
    >>> title = FailureEvent("page-allocation-failure", line=1, comm="adb", order=8, gfp_mask="0x24040c0")
    >>> report = FailureEvent("page-allocation-failure", line=9, comm="adb", order=8, gfp_mask="0x24040c0",
    ...                       timestamp=2093.41, pid=4321, call_trace=["dump_stack+0x1c/0x24"])
    >>> [e.line for e in without_quoted_titles([title, report])]
    [9]
    >>> other = FailureEvent("page-allocation-failure", line=1, comm="adb", order=4, gfp_mask="0x24040c0")
    >>> [e.line for e in without_quoted_titles([other, report])]
    [1, 9]
"""


def _alone(event):
    """Nothing but the header: no log prefix and no report line read with it."""
    return (event.gfp_era != "2.4" and event.timestamp is None and event.wallclock is None and event.host is None and event.pid is None
            and not event.kernel and not event.call_trace and not event.zones and event.mem_info is None
            and event.slab is None)


def _header(event):
    return event.kind, event.order, event.gfp_mask


def without_quoted_titles(events):
    """``events`` less each lone header that a report of the same text with lines of its own repeats
    word for word (the same comm, or the lone copy without one)."""
    reports = {}
    for event in events:
        if not _alone(event) and event.gfp_mask is not None:
            reports.setdefault(_header(event), set()).add(event.comm)
    if not reports:
        return events
    return [event for event in events
            if not (_alone(event) and event.gfp_mask is not None and _header(event) in reports
                    and (event.comm is None or event.comm in reports[_header(event)]))]
