"""A buddy line's migrate types, and a buddy line that is all a paste kept of the Mem-Info block.

show_free_areas() prints after each order's count the free lists that hold blocks of it
(show_migration_types(), mm/page_alloc.c, 3.5+: "408*64kB (C) "); FailureEvent.buddy_types keeps them,
so that a report whose zone lines were cut can still say that its free memory sat on the CMA lists
(pagealloc.knowledge.watermark_replay, ``buddy_free_blocks_only_cma``).  The case that asked for it: a
3.10 ppc64 tg3 report on linux-mm (2014-05-18) whose author cut the zone lines ("....") and kept the buddy
line, wrapped between its "=" and its total.

Properties over every fixture: a whole buddy line cut after its "=" (the total alone on the next line, with
the line's prefix or without) reads the same, figures, counts and types; the types read are the ones printed.
"""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import POSTED, figures, report_fixtures

NAME = "mail_3.10_ppc64_cma_buddy_only_wrapped_total_tg3.txt"
# a whole buddy line on one line: "[prefix][Node N ]ZONE: c*SkB ... = TkB"
BUDDY_LINE = re.compile(r"^(?P<pre>.*?)(?P<body>(?:Node \d+,? )?[A-Za-z][A-Za-z0-9]{1,15}: (?:\d+\*\d+[kMG]B.*?)=)"
                        r" (?P<total>\d+[kMG]B)\s*$")


def _read(name):
    with open("%s/%s" % (POSTED, name), encoding="utf-8") as handle:
        return handle.read()


def _state(text):
    result = parse_text(text)
    return figures(result), [(e.buddy, e.buddy_types, e.truncated) for e in result.events]


def test_the_posted_buddy_line_alone_is_read_with_its_types():
    event, = parse_text(_read(NAME)).events
    # 408*64 + 408*128 + 408*256 + 408*512 + 408*1024 + 406*2048 + 199*4096 + 97*8192 + 6*16384 = 3348992 kB
    assert event.buddy == {"DMA": {"0": 408, "1": 408, "2": 408, "3": 408, "4": 408, "5": 406, "6": 199,
                                   "7": 97, "8": 6}}
    assert event.buddy_types == {"DMA": {str(order): "C" for order in range(9)}}
    assert event.mem_info.page_kb == 64
    assert event.zones == [] and event.truncated   # the zone lines were cut


def test_a_buddy_line_in_prose_after_a_closed_report_starts_nothing():
    # the report ends at the blank-line gap before the prose; the buddy-shaped line after it is no report's
    text = _read(NAME) + "\n\nLater I saw this line in another log:\nDMA: 12*4kB (UM) 3*8kB (M) = 72kB\n"
    event, = parse_text(text).events
    assert event.buddy["DMA"]["0"] == 408


def _cases():
    return [(folder, name, text) for folder, name, text in report_fixtures()
            if any(BUDDY_LINE.match(line) for line in text.split("\n"))]


CASES = _cases()


def test_there_are_fixtures_with_buddy_lines():
    assert len(CASES) >= 20


def _cut_at_total(text, carry_prefix):
    out = []
    for line in text.split("\n"):
        match = BUDDY_LINE.match(line)
        if match:
            out.append(match.group("pre") + match.group("body"))
            out.append((match.group("pre") if carry_prefix else " ") + match.group("total"))
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("carry_prefix", [True, False], ids=["prefixed", "bare"])
@pytest.mark.parametrize("folder,name,text", CASES, ids=[c[1] for c in CASES])
def test_a_buddy_line_cut_before_its_total_reads_the_same(folder, name, text, carry_prefix):
    assert _state(_cut_at_total(text, carry_prefix)) == _state(text)


HEADER = ("[  100.000001] swapper/0: page allocation failure: order:0, mode:0x20\n"
          "[  100.000002] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 3.10.0-123.el7.x86_64 #1\n"
          "[  100.000003] Call Trace:\n"
          "[  100.000004]  <IRQ>  [<ffffffff815e4b5e>] dump_stack+0x19/0x1b\n"
          "[  100.000005] Mem-Info:\n")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5000), st.sets(st.sampled_from("UMERCHI"))), min_size=1, max_size=11))
def test_the_types_read_are_the_types_printed(blocks):
    # show_migration_types() prints the letters in enum order, each at most once, "()" never for an empty order
    # (its bitmask is 0 there: the kernel prints "(" ")" only for nr[order] != 0)
    order_letters = "UMERCHI"
    parts, expected, total = [], {}, 0
    for order, (count, letters) in enumerate(blocks):
        letters = "".join(sorted(letters, key=order_letters.index)) if count else ""
        parts.append("%d*%dkB %s" % (count, 4 << order, "(%s) " % letters if letters else ""))
        total += count * (4 << order)
        if letters:
            expected[str(order)] = letters
    line = "[  100.000006] Node 0 Normal: " + "".join(parts) + "= %dkB\n" % total
    event, = parse_text(HEADER + line).events
    assert event.buddy["Normal"] == {str(order): count for order, (count, _) in enumerate(blocks)}
    assert event.buddy_types == ({"Normal": expected} if expected else {})
