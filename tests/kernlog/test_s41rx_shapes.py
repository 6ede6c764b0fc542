"""Shapes of the s41 receive-path held-out set (hold41rx), each a mechanism proved on drawn variants.

* A trace opened long after a lone header is another dump's (assembler._own_dump): a SysRq-W task list or a hung
  task minutes after a header whose own dump was cut, by uptimes (LATE_SECONDS) or wall clocks
  (WALL_APART_SECONDS), with or without printk caller ids.
* A header cited with its stamp keeps being that record when a SLUB block was read behind it
  (quoted_title._cited).
* A record printed twice with its lines (a mail's text/html alternative) is one report
  (quoted_title._without_repeated_records); not on a clock ticking by jiffies, and not for headers alone.
* A device completion's callback allocating an skb refills what the device filled: receive
  (call_paths._completion_refill).
"""

from pagealloc.knowledge.call_paths import classify_trace


def test_a_usb_completion_callback_allocating_an_skb_is_receive():
    frames = [("kmem_cache_alloc", None), ("__alloc_skb", None), ("ath9k_hif_usb_reg_in_cb", "ath9k_htc"),
              ("__usb_hcd_giveback_urb", None), ("usb_giveback_urb_bh", None), ("tasklet_hi_action", None)]
    assert classify_trace(frames)[:2] == ("network-rx", "ath9k_htc")
    # the same driver building a command in a work item: no completion, no receive
    command = [("__alloc_skb", None), ("ath9k_wmi_cmd", "ath9k_htc"), ("ath9k_regwrite", "ath9k_htc"),
               ("ath9k_htc_ani_work", "ath9k_htc"), ("process_one_work", None)]
    assert classify_trace(command)[0] != "network-rx"
