"""One SLUB/SLAB block per failed slab allocation: a page allocation report whose own block was printed is done,
and a block after it is another failure.

mm/slub.c ___slab_alloc() (and mm/slab.c cache_alloc_refill()) calls slab_out_of_memory() once when
allocate_slab() / cache_grow_begin() returned NULL, after the page allocator printed its report
(warn_alloc()); a second "SLUB: Unable to allocate memory" block is another allocation's failure, whose page
allocation report warn_alloc()'s rate limit or __GFP_NOWARN held back (an Android logcat, 2021: nine avc_node
blocks of three tasks after one GFP_NOWAIT report, tests/fixtures/posted/mail_5.x_android_logcat_uid_selinux_
nowait_slub_blocks.txt).  Before s30 every later block was taken into the report and lost.

Every fixture whose page allocation report has its own block gets a copy of that block right after it: one
more slab-allocation-failure, the report's figures unchanged.
"""

import os
import re

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import ALL_FIXTURES, _fixture, figures

_BLOCK_START = re.compile(r"SL[AU]B: Unable to allocate memory")
# the block's own lines after its first: "  cache: ...", "  node N: slabs: ..." (behind the lines' prefix)
_BLOCK_LINE = re.compile(r"(?:cache: |node \d+: slabs: )")


def _block(lines):
    """(start, end) of the first SLUB/SLAB block with its cache line, else None."""
    for start, line in enumerate(lines):
        if _BLOCK_START.search(line):
            end = start + 1
            while end < len(lines) and _BLOCK_LINE.search(lines[end]):
                end += 1
            if end > start + 1:
                return start, end
    return None


def _cases():
    for path in ALL_FIXTURES:
        text = _fixture(path)
        events = parse_text(text).events
        if events and events[0].kind == "page-allocation-failure" and events[0].slab is not None \
                and events[0].slab.cache and _block(text.split("\n")) is not None:
            yield pytest.param(text, id=os.path.basename(path))


CASES = list(_cases())


def test_enough_reports_have_their_own_block():
    assert len(CASES) >= 7


@pytest.mark.parametrize("text", CASES)
def test_a_block_after_a_report_s_own_is_another_failure(text):
    lines = text.split("\n")
    start, end = _block(lines)
    twice = "\n".join(lines[:end] + lines[start:end] + lines[end:])
    before, after = parse_text(text).events, parse_text(twice).events
    assert figures(parse_text(twice))[:1] == figures(parse_text(text))[:1]  # the report keeps its figures
    added = [event for event in after if event.kind == "slab-allocation-failure"]
    assert len(added) == 1 + sum(event.kind == "slab-allocation-failure" for event in before)
    assert added[0].slab.cache == before[0].slab.cache and added[0].gfp_mask is not None
