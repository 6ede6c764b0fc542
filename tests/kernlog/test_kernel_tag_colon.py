"""The syslog kernel tag with a blank before its colon (pagealloc.kernlog.prefix): a line retyped by hand or typeset
the French or Korean way (``kernel : java: page allocation failure. ...``, a space, NBSP or NNBSP before the colon)
carries the same tag, so every report reads the same (s30-holdQ: a Korean note quoted its cluster's message so).
Only the kernel tag's colon may stand apart: another program's tag so spaced is no syslog line."""

import os
import re

import pytest

from pagealloc.kernlog.parse import parse_text
from pagealloc.kernlog.prefix import split_prefix
from tests.kernlog.helpers import report_fixtures
from tests.kernlog.test_metamorphic import figures

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
# The kernel tag of a syslog line: at the line's start, after a host, or after a BSD date and host.
_TAG = re.compile(r"^((?:[A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d )?(?:[A-Za-z0-9_.-]+ )?)kernel: ")
SPACES = {"space": " ", "nbsp": "\u00a0", "nnbsp": "\u202f"}


def _tagged_fixtures():
    return [(folder, name) for folder, name, text in report_fixtures()
            if sum(1 for line in text.split("\n") if _TAG.match(line)) >= 3]


TAGGED = _tagged_fixtures()


def test_there_are_syslog_fixtures_to_respace():
    assert len(TAGGED) >= 20


@pytest.mark.parametrize("space", sorted(SPACES))
@pytest.mark.parametrize("folder,name", TAGGED)
def test_a_blank_before_the_kernel_tags_colon_keeps_every_figure(folder, name, space):
    with open(os.path.join(FIXTURES, folder, name), encoding="utf-8", errors="replace") as handle:
        text = handle.read()
    respaced = "\n".join(_TAG.sub(lambda m: m.group(1) + "kernel" + SPACES[space] + ": ", line, count=1)
                         for line in text.split("\n"))
    assert respaced != text
    assert figures(parse_text(respaced)) == figures(parse_text(text))


@pytest.mark.parametrize("line", [
    "Apr 19 10:40:39 revo sshd : Accepted publickey for root",
    "Apr 19 10:40:39 revo mykernel : x",
    "2024-01-27T00:14:32+00:00 web1 cron : x",
])
def test_no_other_tags_colon_may_stand_apart(line):
    pre = split_prefix(line)
    assert not (pre.known and pre.kernel and pre.host)


def test_the_korean_notes_retyped_header_is_a_report_and_a_sentence_is_not():
    header = "\t\t> kernel : java: page allocation failure. order:2, mode:0x20"
    assert [(e.comm, e.order, e.gfp_mask) for e in parse_text(header).events] == [("java", 2, "0x20")]
    prose = "The kernel : java: page allocation failure. order:2, mode:0x20 shows up every night on our cluster"
    assert parse_text(prose).events == []
