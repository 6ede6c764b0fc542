"""
One line per failure report: where it sits on the host's timeline and whether it matches
========================================================================================

For the text, markdown and HTML outputs (a list in the "Failure reports"
section of :func:`pagealloc.render.summary.build_view`): each report's time and
place, its boot, kernel and syslog host, and whether it is the analysed
host's (``matches_host`` and the reasons set by
:mod:`pagealloc.knowledge.event_match`), read from the typed
:class:`~pagealloc.render.event_view.EventView`.  Plain text: every value from the
input passes through :func:`pagealloc.render.summary.clean`, and the format
escapes the whole line.

Examples:
    >>> from pagealloc.render.event_view import event_view
    >>> event = {"timestamp": 7873.855883, "source": "/var/log/messages", "line": 56, "kernel": "2.6.32-5-686",
    ...          "matches_host": False, "match": {"role": "foreign", "host": "oldbox", "kernel": "2.6.32-5-686",
    ...          "kernel_from": "task line", "reasons_in_words": ["logged by host oldbox, not web1"],
    ...          "boot": {"current": None, "boots_after": 0}}}
    >>> print(failure_line(1, event_view(event)))
    #1 7873.856 s after boot (/var/log/messages:56): boot unknown, kernel 2.6.32-5-686, host oldbox: other system, set aside (logged by host oldbox, not web1)
"""

from pagealloc.render.event_view import MatchView
from pagealloc.render.inert import clean
from pagealloc.words import counted

MAX_LINES = 20
ROLE_WORDS = {"current": "matches this host", "earlier": "this host, earlier state, counted",
              "fixed_since": "this host, reserve raised since", "foreign": "other system, set aside"}


def _clean(value):
    return clean(value, 200)


def _when(event):
    if event.wallclock:
        return _clean(event.wallclock)
    if event.timestamp is not None:
        return "%.3f s after boot" % float(event.timestamp)
    return "undated"


def _boot(match, host_known):
    if match.boot_current is True:
        return "current boot" if host_known else "newest boot in the log"
    if match.boot_current is False or match.boots_after:
        after = match.boots_after or 0
        return "earlier boot (%d later)" % after if after else "earlier boot"
    return "boot unknown"


NO_MATCH = MatchView(None, None, None, (), None, None)


def _parts(event):
    """(where, what): the report's place, and what it says about the host (boot, kernel, host, verdict)."""
    match = event.match or NO_MATCH
    where = "%s:%s" % (_clean(event.source), event.line) if event.line else _clean(event.source)
    kernel = match.kernel or event.kernel
    host = match.host or event.host
    matches = event.matches_host
    parts = [_boot(match, matches is not None), "kernel " + (_clean(kernel) if kernel else "unknown")]
    if host:
        parts.append("host " + _clean(host))
    verdict = ROLE_WORDS.get(match.role, "match unknown") if matches is not None else \
        "match unknown (no host state to compare)"
    reasons = "; ".join(_clean(r) for r in match.reasons_in_words)
    return where, "%s: %s%s" % (", ".join(parts), verdict, " (%s)" % reasons if reasons else "")


def failure_line(number, event):
    """One plain-text line about one failure event (an :class:`~pagealloc.render.event_view.EventView`)."""
    where, what = _parts(event)
    return "#%d %s (%s): %s" % (number, _when(event), where, what)


def _span(first, last):
    """'May  6 07:11:28 .. May  6 07:11:39', or one time when both are the same ('undated')."""
    start, end = _when(first), _when(last)
    return start if start == end else "%s .. %s" % (start, end)


def failure_lines(events):
    """Of :class:`~pagealloc.render.event_view.EventView` ``events``: lines for the first MAX_LINES events, and
    how many more there are.  Reports in a row of one file that say the same about the host share a line
    ("#1-#6 ... (file: lines 13-22): ..."): a plain log's six reports read six identical lines.

    >>> from pagealloc.render.event_view import event_view
    >>> same = [event_view({"wallclock": "May  6 07:11:%02d" % s, "source": "log", "line": n, "host": "alpha"})
    ...         for s, n in ((28, 13), (39, 22))]
    >>> failure_lines(same)
    ['#1-#2 May  6 07:11:28 .. May  6 07:11:39 (log: lines 13-22): boot unknown, kernel unknown, host alpha: match unknown (no host state to compare)']
    """
    runs = []  # [first number, last number, first event, last event, what]
    for number, event in enumerate(events, 1):
        what = _parts(event)[1]
        last = runs[-1] if runs else None
        if last and last[4] == what and last[3].source == event.source and event.line and last[3].line:
            last[1], last[3] = number, event
        else:
            runs.append([number, number, event, event, what])
    lines = [failure_line(first, event) if first == end else
             "#%d-#%d %s (%s: lines %s-%s): %s" % (first, end, _span(event, last_event), _clean(event.source),
                                                   event.line, last_event.line, what)
             for first, end, event, last_event, what in runs[:MAX_LINES]]
    if len(runs) > MAX_LINES:
        lines.append("... and %s (JSON output: every event's matches_host and match)"
                     % counted(len(events) - runs[MAX_LINES - 1][1], "more report"))
    return lines
