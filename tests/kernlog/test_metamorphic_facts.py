"""Metamorphic suite for the facts a known log prefix gives: every fixture (tests/fixtures/logs and
tests/fixtures/posted), reshaped in a way that keeps every prefix field on its line, gives each event the
same host, wall clock, uptime, pid and CPU (the task line's, or a printk caller id's) as the original.

test_metamorphic compares the figures a verdict rests on (comm, order, mask, zones ...); a paste that keeps
those but drops the time or the pid still loses what a reader correlates reports by (s28-holdK's facts
probe found a lone vmap line behind a quote without its time, a task line cut inside its taint without its
pid).  The transforms here add and remove no fact: indentation, quotes, boxes, fences, line ends, blanks,
hard wraps (plain and re-quoted), markup and line numbers around each line, and the data renderings that
carry the text unchanged in one string (Ansible, ``aws ec2 get-console-output``, a Python bytes repr).
Transforms that replace or add a prefix (syslog, journal, dmesg -H, caller ids) change facts by design.
"""

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import ALL_FIXTURES, TRANSFORMS, _fixture

FACT_KEEPING = (
    "indent-2", "indent-4", "indent-tab", "quote", "quote-2", "box", "quote-nested-spaced", "quote-3-mixed",
    "markdown-fence", "crlf", "cr-only", "bom", "trailing-blanks", "tabs-expanded", "nbsp", "html-escaped",
    "wrap-60", "wrap-72", "wrap-80", "wrap-100", "wrap-132", "quote-wrap-72-requoted", "quote-3-wrap-72-requoted",
    "quoted-printable", "kernel-tag", "shell-prompt", "line-numbers-bar", "line-numbers-colon", "cat-n",
    "hex-counter", "dmesg-r", "dmesg-x", "dmesg-color", "glued-pre", "glued-bbcode-quote", "glued-fence",
    "inline-code-lines", "br-lines", "script-typescript", "discourse-quote", "ansible-stdout",
    "ec2-console-output", "python-bytes-repr")

# (fixture, transform) cases whose facts still differ, with the mechanism (xfail while they differ; strict:
# a case that starts passing must leave this table).  None open at s28.
OPEN = {}


def facts(result):
    """What a known prefix (and the task line) says about each event: when, where, who."""
    return [(e.kind, e.comm, e.timestamp, e.wallclock, e.host, e.pid, e.cpu) for e in result.events]


_ORIGINAL_FACTS = {}


def _original(path):
    if path not in _ORIGINAL_FACTS:
        _ORIGINAL_FACTS[path] = (_fixture(path), facts(parse_text(_fixture(path))))
    return _ORIGINAL_FACTS[path]


def test_every_fact_keeping_transform_exists_and_some_fixture_has_every_fact():
    assert set(FACT_KEEPING) <= set(TRANSFORMS)
    seen = [row for path in ALL_FIXTURES for row in _original(path)[1]]
    for column in (2, 3, 4, 5, 6):  # uptime, wall clock, host, pid, CPU: each given by some fixture
        assert any(row[column] is not None for row in seen), column


@pytest.mark.parametrize("transform", FACT_KEEPING)
def test_a_reshaped_fixture_keeps_each_events_facts(transform):
    """One parse per fixture per transform; the cases that differ must be exactly the open ones."""
    differ = {}
    for path in ALL_FIXTURES:
        text, expected = _original(path)
        got = facts(parse_text(TRANSFORMS[transform](text)))
        if got != expected:
            differ[path.rsplit("/", 1)[-1]] = [(want, have) for want, have in zip(expected, got) if want != have] \
                or (len(expected), len(got))
    open_here = {name for (name, shape) in OPEN if shape == transform}
    assert set(differ) - open_here == set(), {name: differ[name] for name in set(differ) - open_here}
    assert open_here - set(differ) == set(), "passing now, remove from OPEN: %s" % sorted(open_here - set(differ))


def test_an_apostrophe_before_an_escaped_logs_first_line_break_opens_no_string():
    """The posted OpenWrt serial log (its first line "a comment's serial console log") as an Ansible result:
    the apostrophe inside the JSON string was taken for the string's opening quote, no closing apostrophe
    followed, so the string ran to the line's end and its last line, the task line cut inside its taint,
    kept the closing '"}' and stopped reading as a task line (pid and CPU lost)."""
    path = next(path for path in ALL_FIXTURES if path.endswith("openwrt_3.x_serial_padded_task_line_cut.txt"))
    text = TRANSFORMS["ansible-stdout"](_fixture(path))
    assert "comment's" in text.split("\\n", 1)[0] and text.rstrip().endswith('Not tai"}')
    event, = [e for e in parse_text(text).events if e.comm == "mmcqd/0"]
    assert (event.pid, event.cpu, event.timestamp) == (656, 0, 74.58)
