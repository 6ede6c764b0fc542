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

A log's events past the bound are dropped as they pass (pagealloc.kernlog.bounded): each leaves its
:func:`title_key` behind, so a title is folded whether its report was kept or not, and a dropped title too
(``folded`` counts both: the reports a log holds do not depend on the bound).

    >>> from collections import Counter
    >>> folded([title], Counter({title_key(report): 1}))
    ([], 1)
    >>> folded([report], Counter({title_key(title): 2, title_key(other): 1}))[1]
    2

A header cited with its printk stamp and nothing more (a reply quoting ``[ 6676.674219] mmcqd/1: page
allocation failure: ...`` above or below the log it pasted) beside a report of the very same record (stamp,
kind, comm, order, mask) with lines of its own (a task line, a trace) is that record quoted twice: printk stamps
each record to the microsecond, so two failures never share a stamp and a header.  It is folded among the events
kept (a copy whose report the bound dropped stays: the evicted keep no stamps).

    >>> cited = FailureEvent("page-allocation-failure", line=2, comm="adb", order=8, gfp_mask="0x24040c0",
    ...                      timestamp=2093.41)
    >>> [event.line for event in folded([cited, report])[0]], folded([cited, report])[1]
    ([9], 1)
    >>> folded([FailureEvent("page-allocation-failure", line=2, comm="adb", order=8, gfp_mask="0x24040c0",
    ...                      timestamp=2093.42), report])[1]
    0
"""

from collections import Counter


def _alone(event):
    """Nothing but the header: no log prefix (a dmesg -H delta is one: stamped) and no report line read with it."""
    return (event.gfp_era != "2.4" and event.timestamp is None and event.wallclock is None and event.host is None
            and not event.stamped and event.pid is None
            and not event.kernel and not event.call_trace and not event.zones and event.mem_info is None
            and event.slab is None)


def _header(event):
    return event.kind, event.order, event.gfp_mask


def title_key(event):
    """What the fold needs of an event: ``(True, header, comm)`` for a lone header, ``(False, header, comm)``
    for a report of its own, None for one without a mask (neither)."""
    if event.gfp_mask is None:
        return None
    return _alone(event), _header(event), event.comm


def without_quoted_titles(events):
    """``events`` less each lone header that a report of the same text with lines of its own repeats
    word for word (the same comm, or the lone copy without one)."""
    return folded(events)[0]


def _record(event):
    return event.kind, event.timestamp, event.comm, event.order, event.gfp_mask


def _cited(event):
    """A header with its printk stamp and nothing of its dump (no task line, trace, zones or Mem-Info).  A SLUB
    block read after it is no part of the header's record: slab_out_of_memory() prints once warn_alloc() has
    printed the whole report, so a block right behind a lone header is another record a post cites beside it
    ("[ 2240.842567] swapper/3: page allocation failure ... or [ 2241.167986] SLUB: Unable to allocate ...")."""
    return (event.timestamp is not None and event.pid is None and not event.call_trace and not event.zones
            and event.mem_info is None)


def _without_cited_copies(events):
    """``events`` less each stamped header alone that a report with lines of its own repeats stamp and all."""
    printed = {_record(event) for event in events if event.timestamp is not None and not _cited(event)}
    if not printed:
        return events
    return [event for event in events if not (_cited(event) and _record(event) in printed)]


def folded(events, evicted=None):
    """``(events less their quoted titles, titles folded)``: the titles among ``events`` and those counted in
    ``evicted`` (title_key -> events the bound dropped) that a report among either repeats, and the stamped
    headers cited beside their own record among ``events``."""
    given = len(events)
    events = _without_cited_copies(events)
    copies = given - len(events)
    keys = Counter(title_key(event) for event in events)
    keys.pop(None, None)
    if evicted:
        keys.update(evicted)
    reports = {}
    for (alone, header, comm) in keys:
        if not alone:
            reports.setdefault(header, set()).add(comm)
    if not reports:
        return events, copies

    def quoted(key):
        return key is not None and key[0] and key[1] in reports and (key[2] is None or key[2] in reports[key[1]])

    kept = [event for event in events if not quoted(title_key(event))]
    return kept, copies + len(events) - len(kept) + sum(count for key, count in (evicted or {}).items() if quoted(key))
