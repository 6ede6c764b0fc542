"""Every printk format of the failure kinds, of every era (tests/kernlog/kernel_formats.py), rendered from the
kernel's own format string and parsed: the event it starts, with the figures the line prints."""

import doctest

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog import kernel_formats
from tests.kernlog.kernel_formats import FORMATS

# dmesg's uptime before each line, as most posted logs carry it
UPTIME = "[ 4417.%06d] "


def test_doc_examples():
    assert doctest.testmod(kernel_formats)[0] == 0


@pytest.mark.parametrize("row", FORMATS, ids=["%s %s %d" % (f.kind, f.releases.split(" ")[0], i)
                                              for i, f in enumerate(FORMATS)])
@pytest.mark.parametrize("prefixed", [True, False], ids=["dmesg", "bare"])
def test_every_format_of_every_era_decodes(row, prefixed):
    text = "".join((UPTIME % i if prefixed else "") + line + "\n" for i, line in enumerate(row.lines()))
    events = parse_text(text).events
    assert len(events) == 1, (text, events)
    event = events[0]
    assert (event.kind, event.order, event.gfp_mask, event.comm, event.atomic) == (
        row.kind, row.order, row.gfp_mask, row.comm, row.atomic), text
    for name, want in row.extra.items():
        got = event.slab.cache if name == "slab_cache" else getattr(event, name)
        assert got == want, (name, text)


def test_the_table_covers_every_kind_and_era_boundary():
    kinds = {f.kind for f in FORMATS}
    assert kinds == {"page-allocation-failure", "vmalloc-failure", "allocation-stall", "slab-allocation-failure"}
    firsts = {f.releases.split(" ")[0].split("-")[0].rstrip("+") for f in FORMATS if f.kind == "page-allocation-failure"}
    assert {"2.4.0", "2.4.2x", "2.6.0", "2.6.31", "3.0", "4.6", "4.11", "5.0"} <= firsts


def test_2_6_vmalloc_line_after_its_report_leaves_the_next_header_alone():
    # 2.6 prints the vmalloc line after the page allocator's report (see the table); a receive failure
    # right after it is its own page allocation failure (before: it was taken for the vmalloc's header,
    # which is 3.0+'s order, and left the main rule).
    text = ("[ 10.100000] insmod: page allocation failure. order:0, mode:0xd2\n"
            "[ 10.100001] Pid: 77, comm: insmod Not tainted 2.6.32-5-686 #1\n"
            "[ 10.100300] 65520 pages RAM\n"
            "[ 10.100301] vmalloc: allocation failure, allocated 40960 of 1052672 bytes\n"
            "[ 10.200000] swapper: page allocation failure. order:0, mode:0x20\n")
    events = parse_text(text).events
    assert [(e.line, e.kind, e.comm, e.atomic) for e in events] == [
        (1, "vmalloc-failure", "insmod", False), (5, "page-allocation-failure", "swapper", True)]
    # 3.0+: the same line before its header is that header's
    later = text.replace("failure. order", "failure: order").replace(
        "Pid: 77, comm: insmod Not tainted 2.6.32-5-686 #1", "CPU: 0 PID: 77 Comm: insmod Not tainted 3.10.0-1160.el7.x86_64 #1")
    assert [e.kind for e in parse_text(later).events] == ["page-allocation-failure", "vmalloc-failure"]
