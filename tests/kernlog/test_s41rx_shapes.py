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
