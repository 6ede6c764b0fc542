"""Shapes of the s41 receive-path held-out set (hold41rx), each a mechanism proved on drawn variants.

* A trace opened long after a lone header is another dump's (assembler._own_dump): a SysRq-W task list or a hung
  task minutes after a header whose own dump was cut, by uptimes (LATE_SECONDS) or wall clocks
  (WALL_APART_SECONDS), with or without printk caller ids.
* A header cited with its stamp keeps being that record when a SLUB block was read behind it
  (quoted_title._cited).
* A device completion's callback allocating an skb refills what the device filled: receive
  (call_paths._completion_refill).
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text
from pagealloc.knowledge.call_paths import classify_trace

_LONE = "[ %s] kworker/u8:3: page allocation failure: order:0, mode:0x2200020(GFP_NOWAIT|__GFP_HIGH|__GFP_NOTRACK)\n"
_SYSRQ = """[ %s] sysrq: SysRq : Show Blocked State
[ %s]   task                        PC stack   pid father
[ %s] systemd         D ffff88011ad63a30     0     1      0 0x00000000
[ %s] Call Trace:
[ %s]  [<ffffffff81845cec>] schedule+0x8b/0xa3
[ %s]  [<ffffffff81172138>] throttle_direct_reclaim+0x1f7/0x21d
[ %s]  [<ffffffff8117555d>] try_to_free_pages+0x8a/0x21f
[ %s]  [<ffffffff81168216>] __alloc_pages_nodemask+0x4c9/0x978
[ %s]  [<ffffffff81162464>] filemap_fault+0x189/0x4b5
[ %s]  [<ffffffff8122e89e>] ext4_filemap_fault+0x3a/0x4e
[ %s]  [<ffffffff8118aaf5>] handle_mm_fault+0x7fc/0x1358
"""


def _stamp(seconds):
    return "%12.6f" % seconds


@settings(max_examples=40, deadline=None)
@given(gap=st.floats(min_value=2.5, max_value=5000), blanks=st.integers(0, 3),
       caller=st.sampled_from(["", "[     C1]", "[  T4242]"]))
def test_a_dump_long_after_a_lone_header_is_not_its_trace(gap, blanks, caller):
    header = 2241.167884
    text = _LONE % _stamp(header) + "\n" * blanks + (_SYSRQ % tuple([_stamp(header + gap)] * 11))
    if caller:
        text = "".join(line.replace("] ", "]%s " % caller, 1) + "\n" for line in text.splitlines())
    events = parse_text(text).events
    assert [(e.comm, e.context, e.call_trace) for e in events] == [("kworker/u8:3", "unknown", [])]


def test_a_dump_right_after_a_lone_header_stays_its_trace():
    header = 2241.167884
    text = _LONE % _stamp(header) + (_SYSRQ % tuple([_stamp(header + 0.01)] * 11))
    assert [e.context for e in parse_text(text).events] == ["filesystem"]


@settings(max_examples=20, deadline=None)
@given(minutes=st.integers(2, 50))
def test_by_wall_clocks_a_dump_minutes_later_is_not_its_trace(minutes):
    def wall(seconds):
        return "Jun 14 10:%02d:%02d host kernel:" % divmod(seconds, 60)
    lines = [wall(5) + " kworker/u8:3: page allocation failure: order:0, mode:0x2200020"]
    for line in (_SYSRQ % tuple(["0"] * 11)).splitlines():
        lines.append(wall(5 + 60 * minutes) + line.split("]", 1)[1])
    events = parse_text("\n".join(lines) + "\n").events
    assert [(e.comm, e.context) for e in events] == [("kworker/u8:3", "unknown")]


_REPORT_A = """[ 2240.842567] swapper/3: page allocation failure: order:0, mode:0x2200020(GFP_NOWAIT|__GFP_HIGH|__GFP_NOTRACK)
[ 2240.852384] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 4.6.2 #2
[ 2240.889396] Call Trace:
[ 2240.891839]  <IRQ>  [<ffffffff81368f0c>] dump_stack+0x85/0xbe
[ 2240.897611]  [<ffffffff811659de>] warn_alloc_failed+0x134/0x15c
[ 2240.903531]  [<ffffffff8116850a>] __alloc_pages_nodemask+0x7bd/0x978
[ 2240.957997]  [<ffffffff811a1c78>] kmem_cache_alloc+0xa0/0x1d6
[ 2240.969210]  [<ffffffff816cb6c6>] __alloc_skb+0x55/0x1b4
[ 2240.974524]  [<ffffffffc0299ca7>] ath9k_hif_usb_reg_in_cb+0xd4/0x181 [ath9k_htc]
[ 2240.981925]  [<ffffffff815b12f2>] __usb_hcd_giveback_urb+0xa6/0x10b
[ 2240.988215]  [<ffffffff815b1e60>] usb_giveback_urb_bh+0x9a/0xe4
[ 2240.994134]  [<ffffffff81088185>] tasklet_hi_action+0x10c/0x11b
[ 2241.000063]  [<ffffffff8184da9a>] __do_softirq+0x182/0x377
[ 2241.050265] Mem-Info:
"""


@settings(max_examples=30, deadline=None)
@given(quote=st.sampled_from(["", "> ", "| "]), between=st.sampled_from(["or\n", "", "and then\n"]),
       before=st.booleans())
def test_a_cited_header_with_a_slub_line_behind_it_is_its_record(quote, between, before):
    cited = (quote + "[ 2240.842567] swapper/3: page allocation failure: order:0, mode:0x2200020"
             "(GFP_NOWAIT|__GFP_HIGH|__GFP_NOTRACK)\n" + between
             + quote + "[ 2241.167986] SLUB: Unable to allocate memory on node -1, gfp=0x2080020(GFP_ATOMIC)\n")
    text = cited + "\nthe log:\n\n" + _REPORT_A if before else _REPORT_A + "\n" + cited
    events = [e for e in parse_text(text).events if e.kind == "page-allocation-failure"]
    assert [(e.comm, e.context, e.driver) for e in events] == [("swapper/3", "network-rx", "ath9k_htc")]


def test_a_usb_completion_callback_allocating_an_skb_is_receive():
    frames = [("kmem_cache_alloc", None), ("__alloc_skb", None), ("ath9k_hif_usb_reg_in_cb", "ath9k_htc"),
              ("__usb_hcd_giveback_urb", None), ("usb_giveback_urb_bh", None), ("tasklet_hi_action", None)]
    assert classify_trace(frames)[:2] == ("network-rx", "ath9k_htc")
    # the same driver building a command in a work item: no completion, no receive
    command = [("__alloc_skb", None), ("ath9k_wmi_cmd", "ath9k_htc"), ("ath9k_regwrite", "ath9k_htc"),
               ("ath9k_htc_ani_work", "ath9k_htc"), ("process_one_work", None)]
    assert classify_trace(command)[0] != "network-rx"
