"""
One line per failure report: where it sits on the host's timeline and whether it matches
========================================================================================

For the text, markdown and HTML outputs (a list in the "Failure reports"
section of :func:`pagealloc.render.summary.build_view`): each report's time and
place, its boot, kernel and syslog host, and whether it is the analysed
host's (``matches_host`` and the reasons set by
:mod:`pagealloc.knowledge.event_match`).  Plain text: every value from the
input passes through :func:`pagealloc.render.summary.clean`, and the format
escapes the whole line.

Examples:
    >>> event = {"timestamp": 7873.855883, "source": "/var/log/messages", "line": 56, "kernel": "2.6.32-5-686",
    ...          "matches_host": False, "match": {"role": "foreign", "host": "oldbox", "kernel": "2.6.32-5-686",
    ...          "kernel_from": "task line", "reasons_in_words": ["logged by host oldbox, not web1"],
    ...          "boot": {"current": None, "boots_after": 0}}}
    >>> print(failure_line(1, event))
    #1 7873.856 s after boot (/var/log/messages:56): boot unknown, kernel 2.6.32-5-686, host oldbox: other system, set aside (logged by host oldbox, not web1)
"""

from pagealloc.render.inert import clean

MAX_LINES = 20
ROLE_WORDS = {"current": "matches this host", "earlier": "this host, earlier state, counted",
              "fixed_since": "this host, reserve raised since", "foreign": "other system, set aside"}


def _clean(value):
    return clean(value, 200)


def _when(event):
    if event.get("wallclock"):
        return _clean(event["wallclock"])
    if event.get("timestamp") is not None:
        return "%.3f s after boot" % float(event["timestamp"])
    return "undated"


def _boot(boot, host_known):
    if boot.get("current") is True:
        return "current boot" if host_known else "newest boot in the log"
    if boot.get("current") is False or boot.get("boots_after"):
        after = boot.get("boots_after") or 0
        return "earlier boot (%d later)" % after if after else "earlier boot"
    return "boot unknown"


def failure_line(number, event):
    """One plain-text line about one failure event of the result."""
    match = event.get("match") or {}
    where = "%s:%s" % (_clean(event.get("source")), event.get("line")) if event.get("line") else \
        _clean(event.get("source"))
    kernel = match.get("kernel") or event.get("kernel")
    host = match.get("host") or event.get("host")
    matches = event.get("matches_host")
    parts = [_boot(match.get("boot") or {}, matches is not None), "kernel " + (_clean(kernel) if kernel else "unknown")]
    if host:
        parts.append("host " + _clean(host))
    verdict = ROLE_WORDS.get(match.get("role"), "match unknown") if matches is not None else \
        "match unknown (no host state to compare)"
    reasons = "; ".join(_clean(r) for r in match.get("reasons_in_words") or [])
    return "#%d %s (%s): %s: %s%s" % (number, _when(event), where, ", ".join(parts), verdict,
                                      " (%s)" % reasons if reasons else "")


def failure_lines(events):
    """Lines for the first MAX_LINES events, and how many more there are."""
    lines = [failure_line(n, e) for n, e in enumerate(events[:MAX_LINES], 1)]
    if len(events) > MAX_LINES:
        lines.append("... and %d more report(s) (JSON output: every event's matches_host and match)"
                     % (len(events) - MAX_LINES))
    return lines
