"""
Burst numbers - how many failures a burst of printed reports stands for
=======================================================================

The kernel prints at most 10 reports per 5-second window (mm/page_alloc.c
``warn_alloc()``'s ``nopage_rs``, ``DEFAULT_RATELIMIT_INTERVAL``/``BURST``;
``printk_ratelimit()`` with the same defaults before) and then
"N callbacks suppressed": a burst's failures are at least its
reports plus the suppressed count, and NOWARN allocations are not in it at
all (see SILENT_RX_ALLOC_FAILURES).  Reports belong to one group while each
follows the previous one within ``GAP_S`` seconds in the same log; the
printk clock (uptime) is used when printed, else the syslog wall-clock time;
a clock that goes backwards (a new boot) starts a new group.

A burst is several failures close in time (:func:`is_burst`): a group of two
reports or more, or a report with "callbacks suppressed" (the rate limit
swallowed more failures of the same window).  A lone report - one report, no
other within ``GAP_S``, nothing suppressed - is no burst: FAILURE_BURSTS
counts it apart (``lone_reports``) and never calls it "1 burst".  A report
without a time (``duration_s`` None) is a group of its own, neither close to
another nor known to be lone (``undated_reports``).

Examples:
    >>> from pagealloc.kernlog.event import FailureEvent
    >>> evs = [FailureEvent("page-allocation-failure", source="dmesg", timestamp=t, suppressed=s)
    ...        for t, s in ((100.0, 0), (100.4, 37), (101.2, 12), (4000.0, 0))]
    >>> [(g["reports"], g["suppressed"], g["at_least"], g["duration_s"]) for g in report_groups(evs)]
    [(3, 49, 52, 1.2), (1, 0, 1, 0.0)]
    >>> [is_burst(g) for g in report_groups(evs)]
    [True, False]
"""

from pagealloc.knowledge.load_at_failure import parse_wallclock

GAP_S = 60.0
MIN_FAILURES = 2  # a burst: at least two failures close in time (printed or suppressed)
_DAYS_BEFORE_MONTH = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


def _seconds(event):
    """("uptime"|"wallclock", seconds) or (None, None)."""
    if event.timestamp is not None:
        return "uptime", float(event.timestamp)
    parsed = parse_wallclock(event.wallclock)
    if parsed is None:
        return None, None
    _, month, day, time, offset = parsed
    seconds = ((_DAYS_BEFORE_MONTH[month - 1] + day) * 86400 + time.hour * 3600 + time.minute * 60
               + time.second + time.microsecond / 1e6)
    return "wallclock", seconds - (offset.total_seconds() if offset else 0)


def _label(event):
    if event.wallclock:
        return event.wallclock
    if event.timestamp is not None:
        return "%.3f s after boot" % event.timestamp
    return "line %s of %s" % (event.line, event.source)


def report_groups(events, gap_s=GAP_S):
    """``[{first, last, reports, suppressed, at_least, duration_s, peak_per_minute, source}]`` in log order:
    reports chained within ``gap_s`` of each other, lone reports included (see :func:`is_burst`)."""
    out, current, previous = [], None, None
    for event in events:
        clock, seconds = _seconds(event)
        same = (current is not None and seconds is not None and previous is not None
                and event.source == current["source"] and clock == previous[0]
                and 0 <= seconds - previous[1] <= gap_s)
        if not same:
            current = {"source": event.source, "first": _label(event), "times": [], "reports": 0, "suppressed": 0}
            out.append(current)
        current["reports"] += 1
        current["suppressed"] += event.suppressed or 0
        current["last"] = _label(event)
        if seconds is not None:
            current["times"].append(seconds)
        previous = (clock, seconds) if seconds is not None else None
    for burst in out:
        times = burst.pop("times")
        burst["at_least"] = burst["reports"] + burst["suppressed"]
        burst["duration_s"] = round(times[-1] - times[0], 3) if times else None
        burst["peak_per_minute"] = max((sum(1 for u in times if t <= u < t + 60) for t in times), default=None)
    return out


def is_burst(group):
    """Whether a group of :func:`report_groups` stands for two failures or more (reports plus suppressed)."""
    return group["at_least"] >= MIN_FAILURES
