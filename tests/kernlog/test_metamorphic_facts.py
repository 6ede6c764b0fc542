"""Metamorphic suite for the facts a known log prefix gives: every fixture (tests/fixtures/logs and
tests/fixtures/posted), reshaped in a way that keeps every prefix field on its line, gives each event the
same host, wall clock, uptime, pid and CPU (the task line's, or a printk caller id's) as the original.

test_metamorphic compares the figures a verdict rests on (comm, order, mask, zones ...); a paste that keeps
those but drops the time or the pid still loses what a reader correlates reports by (s28-holdK's facts
probe found a lone vmap line behind a quote without its time, a task line cut inside its taint without its
pid).  The transforms here add and remove no fact: indentation, quotes, boxes, fences, line ends, blanks,
hard wraps (plain and re-quoted), markup and line numbers around each line, and the data renderings that
carry the text unchanged in one string (Ansible, ``aws ec2 get-console-output``, a Python bytes repr).
The transforms that put another tool's prefix in place of the dmesg uptime (syslog, journalctl -o short-*,
dmesg --time-format iso, a printk caller id after it) change the facts by design: the events whose header
line had the uptime take exactly the facts the new prefix gives (RETIMED), the others keep theirs.
"""


import os

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import decoded, facts
from tests.kernlog.test_metamorphic import _DMESG_TIME, ALL_FIXTURES, GROUPED_FIXTURES, TRANSFORMS, _fixture
from tests.kernlog.test_metamorphic_posted import NOT_RENDERED

FACT_KEEPING = (
    "indent-2", "indent-4", "indent-tab", "quote", "quote-2", "box", "quote-nested-spaced", "quote-3-mixed",
    "markdown-fence", "crlf", "cr-only", "bom", "trailing-blanks", "tabs-expanded", "nbsp", "html-escaped",
    "wrap-60", "wrap-72", "wrap-80", "wrap-100", "wrap-132", "quote-wrap-72-requoted", "quote-3-wrap-72-requoted",
    "quoted-printable", "kernel-tag", "shell-prompt", "line-numbers-bar", "line-numbers-colon", "cat-n",
    "hex-counter", "dmesg-r", "dmesg-x", "dmesg-color", "glued-pre", "glued-bbcode-quote", "glued-fence",
    "inline-code-lines", "br-lines", "script-typescript", "discourse-quote", "ansible-stdout",
    "ec2-console-output", "python-bytes-repr")

# transform -> (the uptime stays, the wall clock, the host) of the prefix it writes in place of a line's uptime
# (the prefixes test_metamorphic's TRANSFORMS write, with the facts prefix.split_prefix documents for each form).
RETIMED = {
    "syslog-without-uptime": (False, "Jun 17 21:19:45", "web1"),
    "journal-short-iso": (False, "2024-01-27T00:14:32+0100", "web1"),
    "journal-short-precise": (False, "Jan 27 00:14:32.123456", "web1"),
    "journal-short-monotonic": (True, None, "web1"),
    "dmesg-iso": (False, "2024-01-27T00:14:32,123456+01:00", None),
    "caller-task": (True, None, None),  # (a task's caller id: the pid and CPU stay the task line's)
}

# (fixture, transform) cases whose facts still differ, with the mechanism (xfail while they differ; strict:
# a case that starts passing must leave this table).  None open at s28.
# (s41-hold41) An Ubuntu Forums post whose syslog excerpt is wrapped in BBCode, "[FONT=courier new]" glued before
# the first line's date: a prefix put before every line (a syslog tag, a prompt, a paste's line number or counter,
# inline code) leaves the tag between that prefix and the date, and web_text cuts page markup only where it opens
# the line (behind blanks or quote signs), so the header's date is not read: its wall clock is lost (the figures
# and the host are kept).  Open: cutting a tag glued behind any prefix needs a cheap test on every line with a "[".
_FONT_GLUED = "a BBCode tag glued before the syslog date behind a prefix put before it: the date is not read"
OPEN = {("forum_4.15_bbcode_font_glued_before_syslog_date_nvidia.txt", shape): _FONT_GLUED for shape in (
    "kernel-tag", "shell-prompt", "line-numbers-bar", "line-numbers-colon", "cat-n", "hex-counter",
    "inline-code-lines")}


_ORIGINAL_FACTS = {}


def _original(path):
    """(text, facts, whether each event's header line starts with a dmesg uptime), parsed once."""
    if path not in _ORIGINAL_FACTS:
        text = _fixture(path)
        result = parse_text(text)  # (once per fixture: the lines of its events are read here, not kept by decoded)
        lines = text.split("\n")
        timed = [bool(e.line and _DMESG_TIME.match(lines[e.line - 1 - e.line_shift])) for e in result.events]
        _ORIGINAL_FACTS[path] = (text, facts(result), timed)
    return _ORIGINAL_FACTS[path]


def _expected(path, transform):
    text, original, timed = _original(path)
    if transform not in RETIMED:
        return original
    keeps_uptime, wallclock, host = RETIMED[transform]
    return [(kind, comm, uptime if keeps_uptime or not was_timed else None,
             wallclock if was_timed and wallclock else clock, host if was_timed and host else own_host, pid, cpu)
            for (kind, comm, uptime, clock, own_host, pid, cpu), was_timed in zip(original, timed)]


def test_every_fact_keeping_transform_exists_and_some_fixture_has_every_fact():
    assert set(FACT_KEEPING) | set(RETIMED) <= set(TRANSFORMS)
    seen = [row for path in ALL_FIXTURES for row in _original(path)[1]]
    for column in (2, 3, 4, 5, 6):  # uptime, wall clock, host, pid, CPU: each given by some fixture
        assert any(row[column] is not None for row in seen), column


def test_the_retimed_expectation_reads_the_header_lines_own_uptime():
    """An event whose header line starts with a dmesg uptime takes the new prefix's facts; one whose
    header line has a syslog prefix first keeps its own (the transform rewrites no such line)."""
    seed = next(path for path in ALL_FIXTURES if path.endswith("dmesg_2.6.32_i686_e100_seed.txt"))
    assert _original(seed)[2] == [True]
    assert _expected(seed, "syslog-without-uptime")[0][2:5] == (None, "Jun 17 21:19:45", "web1")
    assert not all(timed for path in ALL_FIXTURES for timed in _original(path)[2])


@pytest.mark.parametrize("path", GROUPED_FIXTURES)
def test_a_reshaped_fixture_keeps_each_events_facts(path):
    """One decode per fixture per transform, shared with the figures suites (helpers.decoded: the same texts, in the
    fixture's xdist group); the cases that differ must be exactly the open ones."""
    name = os.path.basename(path)
    differ = {}
    for transform in FACT_KEEPING + tuple(RETIMED):
        if (name, transform) in NOT_RENDERED:
            continue  # a post no log tool renders so (test_metamorphic_posted.NOT_RENDERED, with the reason)
        text, expected = _original(path)[0], _expected(path, transform)
        got = decoded(TRANSFORMS[transform](text)).facts
        if got != expected:
            differ[transform] = [(want, have) for want, have in zip(expected, got) if want != have] \
                or (len(expected), len(got))
    open_here = {shape for (fixture, shape) in OPEN if fixture == name}
    assert set(differ) - open_here == set(), {shape: differ[shape] for shape in set(differ) - open_here}
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


@pytest.mark.parametrize("transform", ["journal-short-monotonic", "caller-task"])
def test_a_known_prefix_stacked_before_a_pasted_kernel_tag_gives_its_facts(transform):
    """The 5.9 journal post ("[21161.092614] kernel: earlyoom: page allocation failure ...") behind another
    known prefix ("[21161.092614] web1 kernel: kernel: ", "[21161.092614][ T4242] kernel: "): the framing is
    the known tail ("kernel: "), and the uptime and host before it were dropped with the outer text."""
    path = next(path for path in ALL_FIXTURES if path.endswith("journal_5.9_uptime_kernel_tag.txt"))
    event, = parse_text(TRANSFORMS[transform](_fixture(path))).events
    assert (event.timestamp, event.host, event.pid, event.cpu) == (
        21161.092614, "web1" if transform == "journal-short-monotonic" else None, 84786, 5)


@pytest.mark.parametrize("path", GROUPED_FIXTURES)
def test_a_fixture_with_its_blanks_collapsed_keeps_each_events_facts_its_wall_clock_as_shown(path):
    """(s37) A page without <pre> collapses the blanks inside a prefix as well: the uptime ("[ 5.1]" for "[    5.1]"),
    host, pid and CPU stay; the wall clock is kept as the text shows it, its day's padding collapsed with the rest
    ("Jun  3 02:11:47" reads "Jun 3 02:11:47")."""
    text, original = _original(path)[:2]
    expected = [row[:3] + (row[3] and " ".join(row[3].split()),) + row[4:] for row in original]
    assert decoded(TRANSFORMS["blanks-collapsed"](text)).facts == expected
