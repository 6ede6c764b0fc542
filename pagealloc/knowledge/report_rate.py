"""
Report rate by wall-clock time - reports per minute (or wider) when a log has no uptime stamps
==============================================================================================

A syslog or journal export without printk times (``Mar  3 10:15:01 db7 kernel: ...``)
still says when each report was printed.  :func:`wallclock_rate` counts reports and
their suppressed callbacks per minute of that clock, widening the interval (10 min,
1 h, 6 h, 1 d, 7 d, 30 d) until the span fits ``max_rows``; busy logs keep their
busiest intervals.  Syslog stamps carry no year: times are placed within the year
(a log that spans New Year shows its January part first), and stamps that do not
parse leave the caller to count per log file.

Examples:
    >>> stamps = [("Mar  3 10:15:01", 0), ("Mar  3 10:15:40", 9), ("Mar  3 10:17:02", 0)]
    >>> rate = wallclock_rate(stamps)
    >>> rate["axis"], [(r["label"], r["reports"], r["suppressed"]) for r in rate["rows"]]
    ('count per 1 min interval of the log clock', [('Mar 03 10:15', 2, 9), ('Mar 03 10:17', 1, 0)])
    >>> wallclock_rate([(None, 0)]) is None
    True
"""

import datetime

from pagealloc.knowledge.load_at_failure import parse_wallclock

# Interval widths, seconds: a minute first (the "reports per minute").
WIDTHS = (60, 600, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400)
_LEAP_YEAR = 2024  # a year with Feb 29, for stamps without a year


def _instant(text):
    """A naive datetime of a wall-clock stamp (its own offset kept as printed), or None."""
    parsed = parse_wallclock(text)
    if parsed is None:
        return None
    year, month, day, time, _offset = parsed
    try:
        return datetime.datetime(year or _LEAP_YEAR, month, day, time.hour, time.minute, time.second)
    except ValueError:
        return None


def _label(start, width):
    return start.strftime("%b %d %H:%M") if width < 86400 else start.strftime("%b %d")


def _axis(width):
    names = {60: "1 min", 600: "10 min", 3600: "1 h", 6 * 3600: "6 h", 86400: "1 day", 7 * 86400: "7 day",
             30 * 86400: "30 day"}
    return "count per %s interval of the log clock" % names[width]


def wallclock_rate(stamps, max_rows=24):
    """Of ``stamps``, one ``(wallclock text, suppressed callbacks)`` pair per report:
    ``{axis, caption, rows: [{label, reports, suppressed, boot, start, width}]}`` (the shape of
    the uptime timeline; ``start`` in seconds since the first interval), or None when a report's
    stamp does not parse."""
    instants = [_instant(wallclock) for wallclock, _ in stamps]
    if not stamps or None in instants:
        return None
    first, last = min(instants), max(instants)
    span = (last - first).total_seconds()
    width = next((w for w in WIDTHS if span / w < max_rows), WIDTHS[-1])
    epoch = datetime.datetime(first.year, 1, 1)
    buckets = {}
    for (_, suppressed), when in zip(stamps, instants):
        start = int((when - epoch).total_seconds() // width) * width
        bucket = buckets.setdefault(start, [0, 0])
        bucket[0] += 1
        bucket[1] += int(suppressed or 0)
    rows = [{"label": _label(epoch + datetime.timedelta(seconds=start), width), "reports": reports,
             "suppressed": suppressed, "boot": None, "start": start - min(buckets), "width": width}
            for start, (reports, suppressed) in sorted(buckets.items())]
    caption = None
    if len(rows) > max_rows:
        caption = "the %d busiest of %d intervals" % (max_rows, len(rows))
        rows = sorted(sorted(rows, key=lambda r: -(r["reports"] + r["suppressed"]))[:max_rows], key=lambda r: r["start"])
    return {"axis": _axis(width), "caption": caption, "rows": rows}
