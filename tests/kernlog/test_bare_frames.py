"""Frames as a person abridges a trace, or as a tool prints one without offsets: the symbol alone on its line
(patterns.FRAME_BARE), maybe behind "? " and before its module.  They are the report's frames (its context and
driver come out the same), and they are the report lines a header quoted without its comm needs (a note's
``page allocation failure: order:0, mode:0x800(GFP_NOWAIT)`` / ``tegra_dma_prep_slave_sg`` / ...)."""

import os
import re

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import FIXTURES, fixture_text

# "[<addr>] [<addr>] ? func+0x1/0x2 [mod]" at the end of a line (x86, arm64, ppc64, s390 forms): what stands
# before the addresses (a log prefix, blanks) is kept, the addresses and the offsets go.
_FRAME = re.compile(r"^(?P<lead>(?:.*?kernel: ?)?(?:\[\s*\d+\.\d+\]\s*)?\s*)(?:\[<?[0-9a-fA-F]{6,16}>?\]\s*){0,2}(?P<unsure>\? )?"
                    r"(?P<func>[A-Za-z_.$][\w.$]*)\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+(?P<module> \[[\w-]+\])?\s*$")


def _bare(text):
    out = []
    for line in text.split("\n"):
        frame = _FRAME.match(line)
        if frame is not None and "_" in frame.group("func"):
            line = frame.group("lead") + (frame.group("unsure") or "") + frame.group("func") + (frame.group("module") or "")
        out.append(line)
    return "\n".join(out)


def _figures(text):
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.atomic, e.context, e.driver) for e in parse_text(text).events]


TRACED = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt")
                and _bare(fixture_text(name)) != fixture_text(name))


def test_most_traced_fixtures_are_drawn():
    assert len(TRACED) >= 15


@pytest.mark.parametrize("name", TRACED)
def test_frames_without_addresses_and_offsets_decode_to_the_same_figures(name):
    text = fixture_text(name)
    assert _figures(_bare(text)) == _figures(text)


NOTE = ("内核在两次冻结时均记录：\n\n```text\npage allocation failure: order:0, mode:0x800(GFP_NOWAIT)\n"
        "tegra_dma_prep_slave_sg\ntegra_uart_start_rx_dma\nserial-tegra 3100000.serial: Not able to get desc for Rx\n```\n")


@pytest.mark.parametrize("fenced", [True, False])
def test_a_header_without_its_comm_and_bare_frames_is_a_report(fenced):
    text = NOTE if fenced else NOTE.replace("```text\n", "").replace("```\n", "")
    events = parse_text(text).events
    assert [(e.comm, e.order, e.gfp_mask, e.atomic, e.call_trace) for e in events] == [
        (None, 0, "0x800", True, ["tegra_dma_prep_slave_sg", "tegra_uart_start_rx_dma"])]


@pytest.mark.parametrize("after", ["Thanks, any idea?", "see the trace below", "Regards"])
def test_a_header_without_its_comm_and_no_report_line_stays_a_title(after):
    assert parse_text("page allocation failure: order:0, mode:0x800(GFP_NOWAIT)\n%s\n" % after).events == []
