"""Lines that wait for the line after them, read the same whatever outer part a post puts before every line
(s38-hold38t, from held-out posts of issue trackers):

- 4.9+ pr_cont pieces of a header another CPU split (``swapper/3: `` / ``page allocation failure: order:0`` /
  ``, mode:...``; coolsnowwolf/lede issue 2453, 4.14 MIPS): the comm piece behind an indentation, a paste's line
  numbers, a quote or a prompt is read through the framing the comm-less header teaches (assembler._piece_comm);
- a SLUB block under an issue title's header, both behind prefixes no reader knows: it completes the title's
  header-only report only when its lines carry the title's outer part (assembler._slab_kind).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text

PIECES = ("[ 6204.372355] swapper/3: \n"
          "[ 6204.378081] Stack : 00000000 00000000\n"
          "[ 6204.380541] page allocation failure: order:0\n"
          "[ 6204.380552]  01080020\n"
          "[ 6204.384197] , mode:0x1080020(GFP_ATOMIC), nodemask=\n"
          "[ 6204.390705] (null)\n")
OUTERS = ("", "  ", "    ", "\t", "> ", ">> ", "| ", "root@web1:~# ")


def _figures(text):
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.atomic) for e in parse_text(text).events]


def _outer(text, outer, numbered=False):
    lines = text.split("\n")
    return "\n".join((f"{n:6d}\t" if numbered else "") + outer + line if line else line
                     for n, line in enumerate(lines, 1))


@pytest.mark.parametrize("outer", OUTERS)
@pytest.mark.parametrize("numbered", [False, True])
def test_a_comm_piece_behind_an_outer_part_names_the_comm_less_header(outer, numbered):
    assert _figures(_outer(PIECES, outer, numbered)) == [
        ("page-allocation-failure", "swapper/3", 0, "0x1080020", True)]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=" \t>|#$:~@w1", min_size=0, max_size=12).filter(lambda s: s.strip(" \t") == "" or s[-1:] in " \t"))
def test_the_comm_piece_follows_its_header_behind_any_signs(outer):
    """Blanks, quote signs and a prompt's signs before every line: the comm is the piece's or the decode is the
    same as without them (a prefix that reads as something else changes both lines alike)."""
    got = _figures(_outer(PIECES, outer))
    assert got in ([("page-allocation-failure", "swapper/3", 0, "0x1080020", True)], _figures(PIECES), [])


def test_two_waiting_pieces_name_no_comm_behind_an_outer_part_either():
    """Two CPUs' comm pieces before one comm-less header: which is its comm the text cannot tell (_piece_comm)."""
    text = ("  [ 6204.372300] swapper/0: \n  [ 6204.372355] swapper/3: \n"
            "  [ 6204.380541] page allocation failure: order:0, mode:0x1080020(GFP_ATOMIC), nodemask=(null)\n")
    assert [figure[1] for figure in _figures(text)] == [None]


SLUB_UNDER_TITLE = ("# earlyoom: page allocation failure: order:0, mode:0x800(GFP_NOWAIT)\n\n"
                    "{p}SLUB: Unable to allocate memory on node -1, gfp=0x900(GFP_NOWAIT|__GFP_ZERO)\n"
                    "{p}  cache: page->ptl, object size: 72, buffer size: 72, default order: 0, min order: 0\n"
                    "{p}  node 0: slabs: 236, objs: 13216, free: 0\n")


@pytest.mark.parametrize("prefix", ["[21161.093507] kernel: ", "04-17 05:52:41.093     0     0 W kernel: ",
                                    "rack7 | "])
def test_a_slub_block_behind_another_prefix_is_no_part_of_a_title_header(prefix):
    assert _figures(SLUB_UNDER_TITLE.format(p=prefix)) == [
        ("page-allocation-failure", "earlyoom", 0, "0x800", True),
        ("slab-allocation-failure", None, 0, "0x900", True)]


def test_a_slub_block_behind_the_headers_own_outer_part_is_its_block():
    """The same outer part on the header and the SLUB lines (a quote): one log, the block the report's."""
    text = ("> earlyoom: page allocation failure: order:0, mode:0x800(GFP_NOWAIT)\n"
            "> SLUB: Unable to allocate memory on node -1, gfp=0x900(GFP_NOWAIT|__GFP_ZERO)\n"
            ">   cache: page->ptl, object size: 72, buffer size: 72, default order: 0, min order: 0\n")
    events = parse_text(text).events
    assert [(e.kind, e.comm) for e in events] == [("page-allocation-failure", "earlyoom")]
    assert events[0].slab is not None
