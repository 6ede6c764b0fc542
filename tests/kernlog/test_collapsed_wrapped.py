"""A syslog excerpt collapsed into one line (kernlog/collapsed.py) and then hard-wrapped, as a mail client or a
ticket wraps a long line: the wrap cuts the repeated heads themselves (``...mode:0x202020-03-16T17:56:07.505719+08:00``
/ ``VECS0xxxx kernel: Pid: 12845, ...``).  The physical lines are joined again while they carry the excerpt on
(a repeated head, whole or cut, collapsed.wrapped_rest) and the whole is cut into its lines.  A line number glued
before each head (a code viewer's numbers collapsed with the lines) goes with its head (collapsed.pieces)."""

import os
import re

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import FIXTURES, fixture_text
from tests.kernlog.test_metamorphic import _wrapped
from tests.kernlog.test_recognition import COLLAPSED_POST

HEADS = ["Jun 17 21:19:45 web1 kernel: ", "2025-01-14T03:22:11.123456+00:00 edge4 kernel: ",
         "Sat Jan 27 00:14:32 2024 kern.warn kernel: "]
# Fixtures whose lines carry a wall clock of their own (syslog, journal, dmesg -T): behind another head, collapsed,
# then wrapped, the wrap cuts the inner stamps too and the pieces join across them (26 of their 60 cases differ;
# no post shows a head stacked on a stamped line and collapsed).
_STAMPED = re.compile(r"^(?:\[?[A-Z][a-z]{2} (?:[A-Z][a-z]{2} )?[ \d]\d \d\d:\d\d:\d\d|\d{4}-\d\d-\d\d[T ]\d\d:)")


# (s31: wrapped at 72, dmesg_4.14_amzn2_ena_nodemask's three buddy lines end in ' =' (cut before their total), which
# sniffed as quoted-printable's soft breaks; 'mems_allowed=0' + '2025-01-14T...' reads '=02' and '=20', escapes no
# encoder writes: quoted_printable._needless_escapes.)


def _lines(name):
    # (the fixture's "# ..." notes left out, as test_recognition's collapse property does)
    return [line for line in fixture_text(name).split("\n") if line.strip() and not line.startswith("# ")]


UNSTAMPED = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt")
                   and not any(_STAMPED.match(line) for line in _lines(name)))


def _all_figures(text):
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.atomic, e.context, e.driver, e.pid,
             [(z.node, z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb) for z in e.zones]) for e in parse_text(text).events]


def test_most_fixtures_are_drawn():
    assert len(UNSTAMPED) >= 18


@pytest.mark.parametrize("width", [72, 80])
@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("glue", ["", " "])
@pytest.mark.parametrize("name", UNSTAMPED)
def test_a_collapsed_excerpt_hard_wrapped_decodes_to_the_same_figures(name, glue, head, width):
    lines = _lines(name)
    text = _wrapped(width)(glue.join(head + line for line in lines))
    assert _all_figures(text) == _all_figures("\n".join(lines))


@pytest.mark.parametrize("width", [60, 72, 80])
@pytest.mark.parametrize("quote", ["", "> "])
def test_the_posted_collapsed_excerpt_hard_wrapped_is_read_line_by_line(width, quote):
    # test_recognition's RocketMQ post (a Yuque export, one line, no blank between the lines), wrapped at blanks
    # as a mail client does (and re-quoted): java, order 0, mode 0x20, pid 12845, transmit.
    text = _wrapped(width, quote)(COLLAPSED_POST)
    assert [(e.comm, e.order, e.gfp_mask, e.atomic, e.context, e.pid) for e in parse_text(text).events] == [
        ("java", 0, "0x20", True, "network-tx", 12845)]


@pytest.mark.parametrize("number", ["%d ", "%4d\t", "%d: "])
@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("name", UNSTAMPED)
def test_a_collapsed_excerpt_with_glued_line_numbers_decodes_to_the_same_figures(name, head, number):
    # (a RocketMQ post's second log: "30 2020-03-27T10:35:28.769900+08:00 VECSxxxx kernel: ... 31 2020-03-27T...")
    lines = _lines(name)
    text = " ".join(number % (at + 30) + head + line for at, line in enumerate(lines))
    assert _all_figures(text) == _all_figures("\n".join(lines))


def test_a_syslog_file_whose_next_line_starts_with_its_head_is_not_joined():
    text = ("Jun 17 21:19:45 web1 kernel: swapper: page allocation failure. order:0, mode:0x20\n"
            "Jun 17 21:19:45 web1 kernel: Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1\n"
            "Jul 01 00:00:01 web1 kernel: swapper: page allocation failure. order:1, mode:0x20\n")
    assert [(e.order, e.comm) for e in parse_text(text).events] == [(0, "swapper"), (1, "swapper")]
