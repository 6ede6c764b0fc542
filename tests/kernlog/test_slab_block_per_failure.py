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
from pagealloc.knowledge.gfp import ERAS_BY_NAME, slab_never_asks
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


def _own_block(lines, cache):
    """_block(lines) when that block's cache line names ``cache`` (the report's own cache), else None.  A block
    of another cache printed inside the report before its trace is another CPU's failure, not a copy of the
    report's own: slab_out_of_memory() (mm/slub.c ___slab_alloc) prints only after warn_alloc() returned, its
    header, dump_stack() and show_mem() all printed (the LTP pty04 post on 5.7: kmalloc-4k blocks between
    the task line and the first frame of a report that holds the skbuff_head_cache block read before them)."""
    block = _block(lines)
    if block is None or not any("cache: %s," % cache in line for line in lines[block[0]:block[1]]):
        return None
    return block


def _cases():
    for path in ALL_FIXTURES:
        text = _fixture(path)
        events = parse_text(text).events
        if events and events[0].kind == "page-allocation-failure" and events[0].slab is not None \
                and events[0].slab.cache and _own_block(text.split("\n"), events[0].slab.cache) is not None:
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


# Reports of a dmesg (every line behind its uptime stamp) without a block of their own
_STAMPED = re.compile(r"^\[\s*(\d{1,10}\.\d{6})\] ")


def _stamped_cases():
    for path in ALL_FIXTURES:
        lines = [line for line in _fixture(path).split("\n") if line.strip() and not line.startswith("#")]
        events = parse_text("\n".join(lines)).events
        if lines and events and all(_STAMPED.match(line) for line in lines) \
                and all(event.slab is None for event in events):
            yield pytest.param(lines, id=os.path.basename(path))


STAMPED_CASES = list(_stamped_cases())


def test_enough_stamped_reports_lack_a_block():
    assert len(STAMPED_CASES) >= 5


# How the notice reached the text: as printed; its line cut after the function's colon (a wrap; the rest marked by a
# leading blank here), maybe in a quote the wrap's rest was re-quoted in (behind a quoted hex counter, whose digits the
# count could be read as: test_metamorphic_pairs.FOUND, the posted capture under hex-counter, quote-3-wrap-72-requoted)
RESHAPED = {"as printed": (False, lambda lines: lines), "cut after its colon": (True, lambda lines: [
    line.lstrip() for line in lines]), "cut after its colon, quoted": (True, lambda lines: [
        "> > " + line.lstrip() for line in lines])}


@pytest.mark.parametrize("reshaped", sorted(RESHAPED))
@pytest.mark.parametrize("notice", ["warn_alloc", "warn_alloc_failed"])
@pytest.mark.parametrize("lines", STAMPED_CASES)
def test_a_block_after_the_allocator_s_rate_limit_notice_is_another_failure(lines, notice, reshaped):
    # The page allocator's rate-limit notice ("warn_alloc_failed: 23962 callbacks suppressed", lib/ratelimit.c) is
    # printed in the warn_alloc() call it lets through: a SLUB block after it is that later failure's, or one whose
    # header the limit held back - never a report's from before the notice (s34-holdAB: a netconsole capture of
    # 3.10.12 on linux-mm, the blocks six seconds after two cut reports, both taken into them before s34).
    # Metamorphic: the notice and a block appended to a dmesg whose reports have no block of their own add one
    # slab-allocation-failure and change no report, also when a wrap cut the notice after its function's colon (s34
    # pairs7: "> > > 044F4 < 4> > Sep 18 20:49:07 [88999.386191] warn_alloc_failed:" / "> > > 23962 callbacks
    # suppressed", the capture quoted in a reply behind a counter and re-wrapped: the count opens the rest).
    cut, reshape = RESHAPED[reshaped]
    last = float(_STAMPED.match(lines[-1]).group(1))
    notice_lines = ["[%12.6f] %s:" % (last + 6, notice), " 23962 callbacks suppressed"] if cut else [
        "[%12.6f] %s: 23962 callbacks suppressed" % (last + 6, notice)]
    added = notice_lines + [
             "[%12.6f] SLUB: Unable to allocate memory on node -1 (gfp=0x20)" % (last + 6),
             "[%12.6f]   cache: kmalloc-256, object size: 256, buffer size: 256, default order: 0, min order: 0"
             % (last + 6),
             "[%12.6f]   node 0: slabs: 468, objs: 7488, free: 0" % (last + 6)]
    before, after = parse_text("\n".join(reshape(lines))), parse_text("\n".join(reshape(lines + added)))
    assert figures(after)[:-1] == figures(before)
    assert after.events[-1].kind == "slab-allocation-failure" and after.events[-1].slab.cache == "kmalloc-256"
    assert after.events[-1].gfp_mask == "0x20"


# A page allocation the slab allocators never make: their page requests keep only the request's reclaim and
# constraint bits and add the cache's allocflags (mm/slub.c new_slab()/allocate_slab(), mm/slab.c cache_grow()), so
# a mode with __GFP_ZERO, __GFP_HIGHMEM or __GFP_MOVABLE (gfp.SLAB_NEVER_ASKS) is no slab's and a SLUB/SLAB block
# after its report is another failure (s34-holdAC: LTP thp04 on 5.4, a GFP_KERNEL_ACCOUNT|__GFP_ZERO header, two
# Oopses, then ten skbuff_head_cache blocks; before s34 the first block was taken into thp04's report and lost).
_MODE = re.compile(r"mode:(0x[0-9a-f]+)(\(([^)]*)\))?")


def _blockless_report_cases():
    for case in STAMPED_CASES:
        lines = case.values[0]
        events = parse_text("\n".join(lines)).events
        last = events[-1]
        eras = [ERAS_BY_NAME[name] for name in (last.gfp_era or "").split("|") if name in ERAS_BY_NAME]
        # a block the report's own slab could print: as able to sleep as the report
        name = "GFP_KERNEL" if last.atomic is False else "GFP_ATOMIC"
        # the eras the mask may be read in agree on __GFP_ZERO and on that mask (a mask of unknown kernel)
        if last.kind == "page-allocation-failure" and last.atomic is not None and eras \
                and not slab_never_asks(last.gfp_mask, last.gfp_era) \
                and len({(e.bits.get("__GFP_ZERO"), dict(e.composites)[name]) for e in eras}) == 1 \
                and "__GFP_ZERO" in eras[0].bits:
            yield pytest.param(lines, eras[0], name, id=case.id)


BLOCKLESS_CASES = list(_blockless_report_cases())


def test_enough_reports_without_a_block_of_one_era():
    assert len(BLOCKLESS_CASES) >= 3


@pytest.mark.parametrize("lines, era, name", BLOCKLESS_CASES)
def test_a_block_after_a_zeroed_page_request_is_another_failure(lines, era, name):
    # Metamorphic pair that differs in one bit: a SLUB block (GFP_KERNEL after a report that may sleep, GFP_ATOMIC after
    # one that may not) appended to a report without a block of its own is that report's (its slab's page allocation
    # failed: no new event); set __GFP_ZERO in the report's
    # mode (and its printed names; every report's) and the same block is another failure's.
    mask = dict(era.composites)[name]
    last = float(_STAMPED.match(lines[-1]).group(1))
    block = ["[%12.6f] SLUB: Unable to allocate memory on node -1, gfp=%#x(%s)" % (last + 0.000001, mask, name),
             "[%12.6f]   cache: kmalloc-2048, object size: 2048, buffer size: 2048, default order: 3, min order: 0"
             % (last + 0.000002), "[%12.6f]   node 0: slabs: 12, objs: 192, free: 0" % (last + 0.000003)]
    plain = parse_text("\n".join(lines + block))
    assert figures(plain) == figures(parse_text("\n".join(lines)))

    def zeroed(match):
        value = "%#x" % (int(match.group(1), 16) | era.bits["__GFP_ZERO"])
        return "mode:%s(%s|__GFP_ZERO)" % (value, match.group(3)) if match.group(2) else "mode:" + value

    zero_lines = [_MODE.sub(zeroed, line) for line in lines]
    before, after = parse_text("\n".join(zero_lines)), parse_text("\n".join(zero_lines + block))
    assert figures(after)[:-1] == figures(before)
    assert after.events[-1].kind == "slab-allocation-failure" and after.events[-1].slab.cache == "kmalloc-2048"


# (s42-hold42t) A vmalloc failure's report holds no SLUB/SLAB block: its pages come from the page allocator one by one
# (mm/vmalloc.c __vmalloc_area_node()), and a failed kmalloc of its page array (or of its vm_struct) prints its block
# before vmalloc's warn_alloc().  A block right after such a report is another failure, whatever stamps its lines carry:
# the same uptime as the report's last line, none (a paste without stamps), or a /dev/kmsg record's (a post's
# netconsole capture after its dmesg, tests/fixtures/posted/mail_4.19_dev_kmsg_netconsole_slub_blocks.txt).
_SLUB_BLOCK = ["SLUB: Unable to allocate memory on node -1, gfp=0x600040(GFP_NOFS)",
               "  cache: ext4_inode_cache(100:12G), object size: 1024, buffer size: 1032, default order: 3, min order: 0",
               "  node 0: slabs: 18346, objs: 568698, free: 0"]


def _vmalloc_cases():
    for path in ALL_FIXTURES:
        lines = _fixture(path).split("\n")
        events = parse_text("\n".join(lines)).events
        if events and events[-1].kind == "vmalloc-failure" and events[-1].slab is None:
            yield pytest.param(lines, id=os.path.basename(path))


VMALLOC_CASES = list(_vmalloc_cases())


def test_enough_reports_end_in_a_vmalloc_failure():
    assert len(VMALLOC_CASES) >= 5


@pytest.mark.parametrize("stamp", ["same uptime", "none", "dev-kmsg"])
@pytest.mark.parametrize("lines", VMALLOC_CASES)
def test_a_block_after_a_vmalloc_failure_is_another_failure(lines, stamp):
    last = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    uptime = _STAMPED.match(lines[last])
    if stamp == "same uptime":
        block = ["%s%s" % (uptime.group(0), line) for line in _SLUB_BLOCK] if uptime else _SLUB_BLOCK
    elif stamp == "dev-kmsg":
        block = ["4,%d,922134743,-;%s" % (1210 + i, line) for i, line in enumerate(_SLUB_BLOCK)]
    else:
        block = _SLUB_BLOCK
    text = "\n".join(lines[:last + 1] + block + lines[last + 1:])
    before, after = parse_text("\n".join(lines)).events, parse_text(text).events
    assert figures(parse_text(text))[:len(before)] == figures(parse_text("\n".join(lines)))  # the reports keep theirs
    assert [event.kind for event in after[len(before):]] == ["slab-allocation-failure"]
    assert after[-1].slab.cache == "ext4_inode_cache(100:12G)" and after[-1].gfp_mask == "0x600040"
    assert all(event.slab is None for event in after[:len(before)] if event.kind == "vmalloc-failure")
