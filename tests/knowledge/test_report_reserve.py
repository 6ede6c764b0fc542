"""What a failure report's Mem-Info proves: the reserve, the default, MemTotal (values by hand)."""

import doctest
import os
import re

import pytest

from pagealloc.kernlog.parse import parse_file, parse_text
from pagealloc.knowledge import report_reserve
from pagealloc.knowledge.report_reserve import best_report, reserve_from_report
from tests.kernlog.helpers import FIXTURES as LOGS
from tests.kernlog.helpers import fixture_path, one_zone_line_each, report_fixtures

POSTED = os.path.join(os.path.dirname(LOGS), "posted")


def test_doc_examples():
    assert doctest.testmod(report_reserve)[0] == 0


def event_of(name):
    return parse_file(fixture_path(name)).events[0]


def test_seed_report_gives_the_exact_kernel_default_without_thp():
    # 2.6.32 counts present pages: int_sqrt(16 x (15872 + 243776)) = int_sqrt(4154368) = 2038
    # (2038^2 = 4153444 <= 4154368 < 2039^2).  Debian 2.6.32-5 has no THP (2.6.38; only RHEL 6
    # backported it), so no THP term; a recalculation less the high marks would give
    # int_sqrt(16 x (15688 + 240916)) = 2026.
    reserve = reserve_from_report(event_of("dmesg_2.6.32_i686_e100_seed.txt"))
    d = reserve["default"]
    assert (d["value"], d["range"], d["error_kb"], d["thp"], d["clamp"]) == (2038, [2026, 2038], 12, None, [128, 65536])
    assert (d["basis"], d["source"], d["report"]["kernel"]) == ("estimated", "failure report (Mem-Info)", "2.6.32-5-686")


def test_rhel8_numa_report_default_and_reserve():
    # 4.18 counts managed pages of DMA, DMA32, Normal on both nodes:
    # 15360 + 1509112 + 261296536 + 264190224 = 527011232 kB; int_sqrt(16 x 527011232)
    # = int_sqrt(8432179712) = 91826; RHEL 8.10 (-553) has the 262144 clamp.  THP unknown:
    # 4 zones x 11 x 2048 kB = 90112 < 91826, so the value is 91826 either way.  Managed pages
    # may include up to 128 MiB freed after boot: int_sqrt(16 x 526880160) = 91815; and
    # kernel_default treats RHEL 8's clamp boundary build as assumed, so the old 65536 clamp
    # stays in the range.
    # Reserve at failure time: DMA 0 + DMA32 172 + Normal 30908 + Normal 31112 = 62192 kB
    # (boost 0), short by < 5 pages.  MemTotal ~ the managed sum, 527011232 kB.
    reserve = reserve_from_report(event_of("dmesg_4.18_rhel8_mlx5_numa_slub.txt"))
    d = reserve["default"]
    assert (d["value"], d["lowmem_kb"], d["lowmem_pages_from"], d["clamp"][1]) == (91826, 527011232, "managed", 262144)
    assert (d["thp"]["recommended_kb"], d["thp"]["assumed"], d["range"]) == (90112, True, [65536, 91826])
    assert (reserve["current"]["value"], reserve["current"]["range"]) == (62192, [62192, 62211])
    assert reserve["mem_total_kb"]["value"] == 527011232


def test_rhel7_report_without_thp_state_spans_both_cases():
    # 3.10 counts every populated zone for THP: 3 x 11 x 2048 = 67584; base
    # int_sqrt(16 x (15908 + 1666312 + 63945992)) = int_sqrt(1050051392) = 32404.
    d = reserve_from_report(event_of("dmesg_3.10_rhel7_ixgbe.txt"))["default"]
    assert (d["value"], d["base_kb"], d["range"][0] <= 32404, d["range"][1]) == (67584, 32404, True, 67584)
    # With the host's THP state known, no range for it.
    assert reserve_from_report(event_of("dmesg_3.10_rhel7_ixgbe.txt"), thp_enabled="never")["default"]["value"] == 32404


def test_boost_is_taken_off_the_printed_min():
    text = ("[ 5.0] kworker/1:1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)\n"
            "[ 5.0] CPU: 1 PID: 88 Comm: kworker/1:1 Not tainted 6.1.0-18-amd64 #1\n"
            "[ 5.0] Mem-Info:\n"
            "[ 5.0] Node 0 DMA32 free:9016kB boost:0kB min:4472kB low:6428kB high:8384kB present:2080640kB "
            "managed:1957536kB\n"
            "[ 5.0] Node 0 Normal free:20480kB boost:8192kB min:41024kB low:49216kB high:57408kB "
            "present:6291456kB managed:6166108kB\n")
    # 4472 + (41024 - 8192) = 37304
    assert reserve_from_report(parse_text(text).events[0])["current"]["value"] == 37304


def test_highmem_zone_is_not_part_of_the_reserve():
    # i686 with 2 GiB: HighMem gets a fixed small min (is_highmem); lowmem zones share min_free.
    text = ("swapper: page allocation failure. order:0, mode:0x20\nPid: 0, comm: swapper Not tainted 2.6.32-5-686 #1\n"
            "Mem-Info:\n"
            "DMA free:3512kB min:60kB low:72kB high:88kB present:15864kB\n"
            "Normal free:5284kB min:3664kB low:4580kB high:5496kB present:872836kB\n"
            "HighMem free:120kB min:512kB low:1232kB high:1952kB present:1196040kB\n")
    reserve = reserve_from_report(parse_text(text).events[0])
    assert reserve["current"]["value"] == 60 + 3664
    # Default counts DMA + Normal only: int_sqrt(16 x 888700) = 3770.
    assert reserve["default"]["value"] == 3770 and reserve["default"]["lowmem_kb"] == 888700
    assert reserve["mem_total_kb"]["value"] == 15864 + 872836 + 1196040


def test_report_without_zone_lines_gives_nothing_and_the_fullest_report_is_chosen():
    seed = event_of("dmesg_2.6.32_i686_e100_seed.txt")
    cut = parse_text("swapper: page allocation failure. order:0, mode:0x20\n").events[0]
    assert reserve_from_report(cut) is None and best_report([cut]) is None
    assert best_report([seed, cut]) is seed


def debian12_8g_report(dma32_min, normal_min, dma_min):
    """A 6.1 (Debian 12) x86_64 8 GiB VM's report, zone lines in show_free_areas() order.
    Managed: DMA 15360 + DMA32 3063808 + Normal 5160000 = 8239168 kB (2059792 pages)."""
    return (
        "[ 9.0] swapper/2: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),"
        "cpuset=/,mems_allowed=0\n"
        "[ 9.0] CPU: 2 PID: 0 Comm: swapper/2 Not tainted 6.1.0-18-amd64 #1  Debian 6.1.76-1\n"
        "[ 9.0] Mem-Info:\n"
        "[ 9.0] Node 0 DMA free:15360kB boost:0kB min:%dkB low:32kB high:44kB reserved_highatomic:0KB "
        "present:15992kB managed:15360kB mlocked:0kB\n"
        "[ 9.0] Node 0 DMA32 free:9016kB boost:0kB min:%dkB low:7328kB high:10388kB reserved_highatomic:0KB "
        "present:3129256kB managed:3063808kB mlocked:0kB\n"
        "[ 9.0] Node 0 Normal free:6012kB boost:0kB min:%dkB low:12348kB high:17508kB reserved_highatomic:0KB "
        "present:5242880kB managed:5160000kB mlocked:0kB\n" % (dma_min, dma32_min, normal_min))


def test_a_reserve_at_the_thp_off_default_tells_thp_was_off():
    # Base int_sqrt(16 x 8239168) = 11481; THP on would give 3 x 11 x 2048 = 67584.
    # The kernel's split of 11481 (pages_min 2870 x managed / 2059792): DMA 5, DMA32 1067,
    # Normal 1797 pages = 20 + 4268 + 7188 = 11476 kB, range 11476..11491: holds 11481 only.
    # THP-off range: recalculation less high marks int_sqrt(16 x 8211228) = 11462, 128 MiB freed
    # after boot int_sqrt(16 x 8108096) = 11389.
    d = reserve_from_report(parse_text(debian12_8g_report(4268, 7188, 20)).events[0])["default"]
    assert (d["value"], d["range"], d["thp"]["inferred_from_reserve"], d["thp"]["applied"]) == (
        11481, [11389, 11481], "off", False)


def test_a_reserve_at_the_thp_on_default_tells_thp_was_on():
    # Split of 67584 (pages_min 16896): DMA 31, DMA32 6282, Normal 10581 pages = 124 + 25128 + 42324
    # = 67576 kB, range 67576..67591: holds 67584.
    d = reserve_from_report(parse_text(debian12_8g_report(25128, 42324, 124)).events[0])["default"]
    assert (d["value"], d["range"], d["thp"]["inferred_from_reserve"]) == (67584, [67584, 67584], "on")


def test_a_tuned_reserve_leaves_the_thp_range_open():
    # 4096 + 8192 + 12 = 12300 kB: neither 11389..11481 nor 67584.
    d = reserve_from_report(parse_text(debian12_8g_report(4096, 8192, 12)).events[0])["default"]
    assert (d["value"], d["range"], "inferred_from_reserve" in d["thp"]) == (67584, [11389, 67584], False)


def test_a_report_missing_a_populated_zone_line_proves_nothing():
    # dmesg -T fixture (RHEL 7): DMA32 is the highest zone printed, yet its lowmem_reserve[]
    # "0 0 944 944" says the zone above (Normal) holds 944 x 256 pages: its line is missing, so the
    # zone sums would be low.  The second report of that file is cut inside its trace.
    events = parse_file(fixture_path("dmesg-T_3.10_truncated_tail.txt")).events
    assert not report_reserve.zones_all_printed(events[0]) and events[1].truncated
    assert best_report(events) is None
    assert report_reserve.zones_all_printed(event_of("dmesg_3.10_rhel7_ixgbe.txt"))


# linux-kernel 2004-11-09, "Re: 2.6.10-rc1-mm4 -1 EAGAIN after allocation failure": a tg3 receive
# failure on 2.6.10-rc1-mm4 (i386, 4 GB), as posted, unquoted; the "Mem-info:" line that
# arch/i386/mm/pgtable.c show_mem() prints before show_free_areas() restored (the post cut it).
LKML_2004_TG3 = """\
swapper: page allocation failure. order:0, mode:0x20
 [__alloc_pages+525/912] __alloc_pages+0x20d/0x390
 [alloc_skb+50/208] alloc_skb+0x32/0xd0
 [tg3_alloc_rx_skb+112/304] tg3_alloc_rx_skb+0x70/0x130
 [tg3_rx+518/944] tg3_rx+0x206/0x3b0
 [tg3_poll+139/336] tg3_poll+0x8b/0x150
 [net_rx_action+125/288] net_rx_action+0x7d/0x120
 [__do_softirq+184/208] __do_softirq+0xb8/0xd0
Mem-info:
DMA per-cpu:
cpu 0 hot: low 2, high 6, batch 1
cpu 0 cold: low 0, high 2, batch 1
Normal per-cpu:
cpu 0 hot: low 32, high 96, batch 16
cpu 0 cold: low 0, high 32, batch 16

Free pages:        4616kB (1600kB HighMem)
Active:504159 inactive:454759 dirty:20020 writeback:115 unstable:0 free:1154 slab:50758 mapped:489095 pagetables:1222
DMA free:56kB min:144kB low:288kB high:432kB active:1936kB inactive:4932kB present:16384kB pages_scanned:32 all_unreclaimable? no
protections[]: 0 0 0
Normal free:2960kB min:8044kB low:16088kB high:24132kB active:492320kB inactive:166992kB present:901120kB pages_scanned:62 all_unreclaimable? no
protections[]: 0 0 0
HighMem free:1600kB min:512kB low:1024kB high:1536kB active:1522380kB inactive:1647112kB present:3178432kB pages_scanned:0 all_unreclaimable? no
protections[]: 0 0 0
"""


def test_counters_older_than_split_lru_rule_out_the_thp_term():
    # No release printed.  The reserve: DMA min 144 + Normal min 8044 = 8188 kB (HighMem's mark is
    # not part of it).  The default: lowmem = DMA 16384 + Normal 901120 = 917504 kB present;
    # int_sqrt(16 x 917504) = int_sqrt(14680064) = 3831 (3831^2 = 14676561 <= 14680064 < 3832^2).
    # "Active:N inactive:N" counters are pre-2.6.28, so no THP term (2.6.38) can make 8188 the
    # default: the host had raised its reserve (akpm's reply asks exactly that).
    event = parse_text(LKML_2004_TG3).events[0]
    assert report_reserve.predates_thp(event)
    reserve = reserve_from_report(event)
    d = reserve["default"]
    assert (d["value"], d["thp"], reserve["current"]["value"]) == (3831, None, 8188)
    assert d["range"][1] < reserve["current"]["range"][0]
    assert any("before 2.6.28" in note for note in d["notes"])


def test_without_the_old_counters_the_same_zones_keep_the_thp_range_open():
    # The same zone lines with the global counter line taken out: the release is unknown, THP may
    # have raised the default, so the range reaches above the reserve.
    text = "\n".join(line for line in LKML_2004_TG3.splitlines() if not line.startswith("Active:"))
    event = parse_text(text).events[0]
    assert not report_reserve.predates_thp(event)
    d = reserve_from_report(event)["default"]
    assert d["thp"] is not None and d["range"][1] > 8188


def test_a_quoted_report_with_only_its_dma_zone_line_proves_nothing():
    # (s30-holdS) linux-kernel 2004-11-10: a 2.6.10-rc1-mm3 e1000 receive failure quoted with only its DMA zone
    # line ("DMA free:8kB min:12kB ... present:16384kB", "protections[]: 0 0 0"), Normal and HighMem as buddy
    # lines only.  Summed alone the 16 MB DMA zone gave a reserve of 12 kB and a default of 512 kB.
    [event] = parse_file(os.path.join(POSTED, "mail_2.6.10_dma_zone_line_only_buddy_names_normal_e1000.txt")).events
    assert [z.zone for z in event.zones] == ["DMA"] and set(event.buddy) == {"DMA", "Normal", "HighMem"}
    assert not report_reserve.zones_all_printed(event) and best_report([event]) is None


_LOWMEM_ZONE_LINE = re.compile(r"(?:Node \d+ )?(?:DMA|DMA32|Normal|Movable) free:\d+kB (?:boost:\d+kB )?min:")


def _single_complete_reports():
    for _, name, text in report_fixtures():
        events = parse_text(text).events
        # (a zone line wrapped by a mail is not found whole: left out)
        if len(events) == 1 and events[0].buddy and best_report(events) is not None \
                and _LOWMEM_ZONE_LINE.search(text) and one_zone_line_each(text, _LOWMEM_ZONE_LINE):
            yield name, text


@pytest.mark.parametrize("name, text", list(_single_complete_reports()))
def test_a_lowmem_zone_line_dropped_from_a_report_leaves_no_reserve_estimate(name, text):
    # Metamorphic: show_free_areas() prints a zone line and a buddy line for the same zones; dropping one lowmem
    # zone line (its buddy line kept) must not leave a sum over the remaining zones standing as the reserve.
    # (s31-holdT) A zone whose buddy line says "empty" (2.6.16-2.6.2x, a zone with no pages) holds nothing to sum:
    # its zone line dropped, the sum over the others still stands.
    empty = {zone for zone, counts in parse_text(text).events[0].buddy.items() if counts == {}}
    lines = text.splitlines(keepends=True)
    for i in [i for i, line in enumerate(lines) if _LOWMEM_ZONE_LINE.search(line)]:
        events = parse_text("".join(lines[:i] + lines[i + 1:])).events
        zone = re.sub(r"^Node 0 ", "", _LOWMEM_ZONE_LINE.search(lines[i]).group(0).split(" free:")[0])
        assert (best_report(events) is not None) == (zone in empty), (name, lines[i][:60])


# linux-kernel 2006-05-21, Haar Janos, "swapper: page allocation failure." (2.6.16 i386, Outlook-wrapped): the
# Mem-info block has an empty zone, whose buddy line is "DMA32: empty", and ends with the arch show_mem() totals
# of kernels before lib/show_mem.c (2.6.29), "524272 pages of RAM".  By hand: DMA min 68 + Normal min 3756 =
# 3824 kB (DMA32 min 0); default int_sqrt(16 x (16384 + 901120)) = 3831 kB.
OLD_TOTALS = "mail_2.6.16_outlook_wrapped_empty_zone_pages_of_ram_e1000.txt"


def _posted_events(name, edit=lambda text: text):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return parse_text(edit(handle.read())).events


def test_the_arch_totals_before_2_6_29_end_the_block_and_the_reserve_is_measured():
    events = _posted_events(OLD_TOTALS)
    assert not events[0].truncated and events[0].mem_info.ram_pages == 524272
    reserve = reserve_from_report(best_report(events))
    assert (reserve["current"]["value"], reserve["default"]["value"]) == (3824, 3831)


def test_an_empty_zones_buddy_line_counts_as_its_buddy_line():
    # Metamorphic: the same report cut before its totals.  Every zone printed its buddy line, the empty one
    # "DMA32: empty" (no blocks to count), so the block is whole without its end line: the same reserve.  Cut
    # before that line, three zones lack theirs: the report is cut, and no reserve is estimated from it.
    events = _posted_events(OLD_TOTALS, lambda text: text.split("Free swap:")[0])
    assert not events[0].truncated and "DMA32" in events[0].buddy
    assert reserve_from_report(best_report(events))["current"]["value"] == 3824
    events = _posted_events(OLD_TOTALS, lambda text: text.split("kernel: DMA32: empty")[0])
    assert events[0].truncated and best_report(events) is None


@pytest.mark.parametrize("folder,name,text", [case for case in report_fixtures() if re.search(
    r"^.*\d+ pages (?:of )?RAM\s*$", case[2], re.M)], ids=lambda value: value if isinstance(value, str)
    and value.endswith(".txt") else "")
def test_pages_ram_and_pages_of_ram_end_a_block_alike(folder, name, text):
    # Metamorphic over every fixture with a totals line: lib/show_mem.c's "N pages RAM" and the older arch
    # show_mem()'s "N pages of RAM" are the same line to the reader: cut or whole, and the RAM read, alike.
    def as_old(t):
        return re.sub(r"(\d+) pages RAM\b", r"\1 pages of RAM", t)

    def as_new(t):
        return re.sub(r"(\d+) pages of RAM\b", r"\1 pages RAM", t)

    def facts(events):
        return [(e.comm, e.truncated, e.mem_info.ram_pages if e.mem_info is not None else None) for e in events]

    assert facts(parse_text(as_old(text)).events) == facts(parse_text(as_new(text)).events)
