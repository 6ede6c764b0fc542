"""A zone with no pages prints ``ZONE: empty`` as its buddy line (2.6.16-2.6.2x show_free_areas(): ``printk("%s: ",
zone->name)`` then ``"empty\\n"`` when ``!populated_zone(zone)``), e.g. the DMA32 and HighMem zones of a 32-bit box
with 128 MB (s31-holdT: a 2.6.17 r8169 report on linux-kernel, 2006).  That line is the zone's buddy line: the report
is whole, so its reserve can be read (before, the two zones "lacked" their buddy lines and the report counted as cut:
the main rule answered INSUFFICIENT_DATA for a receive failure whose Normal zone was below min).  main 3a052f8
(s31-holdW) reads the line; here: the post as a fixture, and an empty zone's buddy line with no zone line is no
populated zone's lost line (report_reserve.zones_all_printed).

Property: in every fixture, an unpopulated zone's buddy line put after each buddy line (the same prefix, the way
2.6.16-2.6.2x print DMA32 between DMA and Normal) changes no report's figures, completeness or reserve reading."""

import re

import pytest

from pagealloc.kernlog.parse import parse_text
from pagealloc.knowledge import report_reserve
from tests.kernlog.helpers import POSTED, report_fixtures
from tests.kernlog.test_metamorphic import figures

NAME = "mail_2.6.17_gmail_wrapped_zone_empty_buddy_r8169.txt"
# a whole buddy line on one line: "[prefix][Node N ]ZONE: c*SkB ... = TkB"
BUDDY_LINE = re.compile(r"^(?P<pre>.*?)(?:Node \d+,? )?[A-Za-z][A-Za-z0-9]{1,15}: (?:\d+\*\d+[kMG]B.*?)= \d+[kMG]B\s*$")


def _read(name):
    with open("%s/%s" % (POSTED, name), encoding="utf-8") as handle:
        return handle.read()


def _state(text):
    events = parse_text(text).events
    return figures(parse_text(text)), [(e.truncated, report_reserve.zones_all_printed(e)) for e in events]


def test_the_posted_report_with_empty_zones_is_whole():
    event, = parse_text(_read(NAME)).events
    assert not event.truncated
    assert event.buddy["DMA32"] == {} and event.buddy["HighMem"] == {}
    assert report_reserve.zones_all_printed(event)
    assert report_reserve.best_report([event]) is event


def test_an_empty_line_outside_a_mem_info_block_is_no_line_of_it():
    # the excerpt's first line is the tail of a report whose header was lost: it starts nothing
    event, = parse_text(_read(NAME)).events
    assert event.line > 3


def _cases():
    cases = []
    for folder, name, text in report_fixtures():
        lines = text.split("\n")
        if any(BUDDY_LINE.match(line) for line in lines):
            cases.append((folder, name, text))
    return cases


CASES = _cases()


def test_there_are_fixtures_with_buddy_lines():
    assert len(CASES) >= 20


@pytest.mark.parametrize("folder,name,text", CASES, ids=[c[1] for c in CASES])
def test_an_unpopulated_zones_buddy_line_changes_nothing(folder, name, text):
    out = []
    for line in text.split("\n"):
        out.append(line)
        match = BUDDY_LINE.match(line)
        if match:
            out.append(match.group("pre") + "Movable: empty")
    assert _state("\n".join(out)) == _state(text)
