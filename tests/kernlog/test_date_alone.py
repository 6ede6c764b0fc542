"""A wall clock alone before a whole failure header, no host, no tag, no comm: a log line someone edited
(issue 12).  A date before header words is no line form of its own: a netconsole receiver writes its date and
a host it guessed from the packet's first word before each 4.9 pr_cont piece (``2017-... storage8 ,``, and
``2017-... page allocation stalls for 2102516ms, order:0`` where the piece's first word took the host's place),
and a sentence may name a date.  The header's own words are the evidence: its order and mode on the line, no
text after them (framing.learn, prefix.wall_clock_alone)."""

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import TRANSFORMS, figures

# Posted to linux-mm by Michal Hocko (Message-ID <20170201152742.GA3728@dhcp22.suse.cz>, "Re: [Bug 192981] New:
# page allocation stalls", 2017-02-01), as archived: a 4.9.0 netconsole log behind a syslog receiver's RFC 3339
# date and host, "slightly edited to fix the broken new lines": the header's comm piece and host edited out,
# zone lines whose console cuts were joined with a blank ("free: 491744kB").
HAND_EDITED = (
    '[slightly edited to fix the broken new lines in the output]\n'
    '\n'
    '2017-01-18T13:28:41.783833+03:00 page allocation stalls for 10380ms, order:0, mode:0x2604050(GFP_NOFS|__GFP_COMP|__GFP_RECLAIMABLE|__GFP_NOTRACK)\n'
    '[...]\n'
    '7221.937932]  free:1142851 free_pcp:20 free_cma:2942\n'
    '2017-01-18T13:28:42.743176+03:00 storage8 [ 7221.938674] Node 0 active_anon:3352112kB inactive_anon:2120kB active_file:87308kB inactive_file:85252kB unevictable:3532kB isolated(anon):0kB iso\n'
    'lated(file):2852kB mapped:5492kB dirty:0kB writeback:0kB shmem:0kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 2128kB writeback_tmp:0kB unstable:0kB pages_scanned:592392 all_unreclaimable?\n'
    ' yes\n'
    '2017-01-18T13:28:42.743780+03:00 storage8 [ 7221.939273] Node 1 active_anon:3472092kB inactive_anon:292kB active_file:73592kB inactive_file:72548kB unevictable:61700kB isolated(anon):0kB isolated(file):6640kB mapped:3268kB dirty:0kB writeback:0kB shmem:0kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 292kB writeback_tmp:0kB unstable:0kB pages_scanned:1064 all_unreclaimable? no\n'
    '[...]\n'
    '2017-01-18T13:28:42.744551+03:00 storage8 [ 7221.940642] Node 0 DMA32 free: 491744kB min:129476kB low:161844kB high:194212kB active_anon:59952kB inactive_anon:0kB active_file:148kB inactive_file:108kB unevictable:0kB writepending:0kB present:3120640kB managed:3055072kB mlocked:0kB slab_reclaimable:2317296kB slab_unreclaimable:96572kB kernel_stack:32kB pagetables:136kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB\n'
    '2017-01-18T13:28:42.892456+03:00 storage8 [ 7222.088527] lowmem_reserve[]: 90576 90576 0 0\n'
    '2017-01-18T13:28:42.892592+03:00 storage8 [ 7222.088696] Node 0 Normal free: 1965392kB min:1965456kB low:2456820kB high:2948184kB active_anon:3292160kB inactive_anon:2120kB active_file:87560kB inactive_file:85192kB unevictable:3532kB writepending:0kB present:47185920kB managed:46375368kB mlocked:3532kB slab_reclaimable:24725412kB slab_unreclaimable:2591604kB kernel_stack:15944kB pagetables:98056kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB\n'
    '2017-01-18T13:28:42.893512+03:00 storage8 [ 7222.089602] Node 1 Normal free: 2099044kB min:2098692kB low:2623364kB high:3148036kB active_anon:3472092kB inactive_anon:292kB active_file:71624kB inactive_file:71456kB unevictable:61700kB writepending:0kB present:50331648kB managed:49519168kB mlocked:61700kB slab_reclaimable:28674160kB slab_unreclaimable:2597592kB kernel_stack:8472kB pagetables:51836kB bounce:0kB free_pcp:296kB local_pcp:0kB free_cma:11768kB\n'
    '\n'
    'All the eligible zones are low on memoyr (DMA32 with the lowmem\n'
    'protection). Anon memory is not reclaimable because you do not have\n'
    'any swap.\n'
    '-- \n'
    'Michal Hocko\n'
    'SUSE Labs\n'
)
# By hand: allocation stall, no comm on the line (the comm piece was edited out), order 0, mode 0x2604050 =
# GFP_NOFS|__GFP_COMP|__GFP_RECLAIMABLE|__GFP_NOTRACK (4.9: __GFP_DIRECT_RECLAIM 0x400000 set: not atomic), no
# frame (context unknown); the zone lines below "[...]": Node 0 DMA32 free 491744 min 129476 low 161844 high
# 194212, Node 0 Normal 1965392/1965456/2456820/2948184, Node 1 Normal 2099044/2098692/2623364/3148036 (kB).
EXPECTED = [("allocation-stall", None, 0, "0x2604050", False, "unknown", None,
             [(0, "DMA32", 491744, 129476, 161844, 194212), (0, "Normal", 1965392, 1965456, 2456820, 2948184),
              (1, "Normal", 2099044, 2098692, 2623364, 3148036)])]
# The receiver's lines re-logged behind a syslog prefix ("kernel: 2017-... storage8 [ 7221.9] Node 0 ..."): a
# receiver's date and host behind a syslog tag is no prefix the reader stacks, so the zone lines are nobody's
# (the header is still found).  (The quoted pr_cont pieces of the same post lose their comm so on main too.)
RELOGGED = {"host-kernel-tag", "kernel-tag", "logread", "rfc5424", "rsyslog-rfc3339"}


def test_the_hand_edited_post_gives_its_stall_and_zones():
    assert figures(parse_text(HAND_EDITED)) == EXPECTED


@pytest.mark.parametrize("transform", sorted(set(TRANSFORMS) - RELOGGED))
def test_the_hand_edited_post_keeps_its_figures_reshaped(transform):
    assert figures(parse_text(TRANSFORMS[transform](HAND_EDITED))) == EXPECTED


@pytest.mark.parametrize("transform", sorted(RELOGGED))
def test_the_hand_edited_header_is_found_behind_a_syslog_prefix(transform):
    assert [f[:5] for f in figures(parse_text(TRANSFORMS[transform](HAND_EDITED)))] == [e[:5] for e in EXPECTED]


_DATES = ["2017-01-18T13:28:41.783833+03:00", "2017-01-18 13:28:41", "2024-02-09T08:09:39Z", "Jan 18 13:28:41"]
_HEADERS = [("page allocation stalls for 10380ms, order:0, mode:0x2604050(GFP_NOFS|__GFP_COMP)", 0, "0x2604050"),
            ("page allocation failure: order:2, mode:0x4020", 2, "0x4020"),
            ("page allocation failure. order:1, mode:0x20", 1, "0x20"),
            ("page allocation failure: order:0, mode:0x1080020(GFP_ATOMIC), nodemask=(null)", 0, "0x1080020")]


@pytest.mark.parametrize("outer", ["", "> ", "  ", "    12\t", "| "])
@pytest.mark.parametrize("date", _DATES)
@pytest.mark.parametrize("header, order, mask", _HEADERS)
def test_a_date_alone_before_a_whole_header_is_a_log_line(header, order, mask, date, outer):
    event, = parse_text(outer + date + " " + header + "\n").events
    assert (event.comm, event.order, event.gfp_mask, event.wallclock) == (None, order, mask, date)


@pytest.mark.parametrize("date", _DATES)
@pytest.mark.parametrize("text", [
    "{date} page allocation failure: order:0, mode:0x20 keeps showing up",      # a sentence going on
    "On {date} page allocation failure: order:0, mode:0x20",                    # words before the date
    "the log said {date} page allocation failure: order:0, mode:0x20",
    "- {date} page allocation failure: order:0, mode:0x20",                     # a list item
    "{date} page allocation stalls for 2102516ms, order:0",                     # a piece without its mode
])
def test_a_date_before_header_words_that_prove_no_log_line_stays_text(text, date):
    assert parse_text(text.format(date=date) + "\n").events == []
