"""One line per failure report in text, markdown and HTML, with its boot, kernel, host and match."""

import doctest

from pagealloc.render import failure_lines, render
from pagealloc.render.event_view import event_views


def _event(**match):
    base = {"kind": "page-allocation-failure", "order": 0, "atomic": True, "context": "network-rx",
            "source": "/var/log/messages", "line": 56, "wallclock": "Jun 17 20:41:13", "timestamp": 7873.855883,
            "kernel": "2.6.32-5-686", "host": "e100-host", "zones": [], "matches_host": True,
            "match": {"role": "current", "reasons": [], "reasons_in_words": [], "kernel": "2.6.32-5-686",
                      "host": "e100-host", "boot": {"current": True, "boots_after": 0}}}
    base["match"].update(match)
    return base


def _result(events):
    return {"host": "e100-host", "source": "x", "verdicts": [], "events": events, "memory_picture": None,
            "errors": []}


def test_doc_examples():
    assert doctest.testmod(failure_lines)[0] == 0


def test_each_format_shows_one_line_per_failure():
    foreign = _event(role="foreign", reasons=["other_host"], host="db7\n#2 forged line",
                     reasons_in_words=["logged by host db7, not e100-host"])
    foreign["matches_host"] = False
    events = [_event(), foreign]
    text = render(_result(events), fmt="text")
    # each a list item ("  - "), wrapped at 80 columns under its own indent
    numbered = [line[4:6] for line in text.splitlines() if line[:7] in ("  - #1 ", "  - #2 ")]
    assert numbered == ["#1", "#2"]
    flat = " ".join(text.split())
    assert "#1 Jun 17 20:41:13 (/var/log/messages:56): current boot, kernel 2.6.32-5-686, host e100-host: " \
           "matches this host" in flat
    # The forged line break in the syslog host stays on line #2 (escaped), never a line of its own.
    assert not any(line.strip().startswith("#2 forged") for line in text.splitlines())
    assert "other system, set aside (logged by host db7, not e100-host)" in flat
    markdown = render(_result(events), fmt="markdown")
    assert "- \\#1 Jun 17 20:41:13" in markdown  # a list item, its "#" not a heading
    assert "other system, set aside (logged by host db7, not e100-host)" in markdown
    html = render(_result(events), fmt="html")
    assert "other system, set aside (logged by host db7, not e100-host)" in html


def test_many_failures_are_capped():
    # Alternating roles: no two reports in a row say the same, so each has its line, up to the cap.
    events = [_event(role="earlier" if n % 2 else "current") for n in range(failure_lines.MAX_LINES + 5)]
    lines = failure_lines.failure_lines(event_views(events))
    assert len(lines) == failure_lines.MAX_LINES + 1 and lines[-1].startswith("... and 5 more reports")


def test_reports_in_a_row_that_say_the_same_share_a_line():
    # A plain log's six reports read six identical lines but for their line numbers (session 24's reader's
    # pass): one line names them all, its line range and its first and last time.
    events = [dict(_event(), line=line, wallclock="May  6 07:11:%02d" % second)
              for line, second in ((13, 28), (14, 28), (17, 37), (22, 39))]
    events.append(dict(_event(role="earlier"), line=30))  # says something else: a line of its own
    events.append(dict(_event(), line=31))
    lines = failure_lines.failure_lines(event_views(events))
    assert lines == [
        "#1-#4 May  6 07:11:28 .. May  6 07:11:39 (/var/log/messages: lines 13-22): current boot, kernel "
        "2.6.32-5-686, host e100-host: matches this host",
        "#5 Jun 17 20:41:13 (/var/log/messages:30): current boot, kernel 2.6.32-5-686, host e100-host: this host, "
        "earlier state, counted",
        "#6 Jun 17 20:41:13 (/var/log/messages:31): current boot, kernel 2.6.32-5-686, host e100-host: matches "
        "this host"]
    undated = [dict(_event(), line=n, wallclock=None, timestamp=None) for n in (10, 13)]
    assert failure_lines.failure_lines(event_views(undated))[0].startswith(
        "#1-#2 undated (/var/log/messages: lines 10-13): ")  # never "undated .. undated"
    many = [dict(_event(), line=n) for n in range(1, 100)]
    assert failure_lines.failure_lines(event_views(many))[0].startswith("#1-#99 ")
