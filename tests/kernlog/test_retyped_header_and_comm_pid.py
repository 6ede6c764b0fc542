"""Shapes met in the s35-holdAF held-out set (reports kept in public repositories' files and blog posts).

- A retyped or OCR'd copy of a 3.x header without the colon after ``order`` (``order 0, mode: 0x20``, a CentOS 7
  syslog in a bilingual blog post): every posted 3.x header, so retyped, decodes to the same figures; prose
  saying ``order 3`` is no header.
- A debug patch's header that prints the task's pid after its comm (``a.out(4225): page allocation stalls ...``,
  Tetsuo Handa's 4.9 netconsole capture on linux-mm): the comm is the name without ``(pid)``, whatever its
  length up to 15 bytes; the pid is the event's.
- A built-in filesystem other than the common ones (reiserfs in 2.6.2) and a driver's transmit ring made while
  the device comes up (iwlwifi's tx queue under dev_open, 2.6.28) in pagealloc.knowledge.call_paths.
"""

import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text
from pagealloc.knowledge.call_paths import classify_trace
from tests.kernlog.test_metamorphic import figures

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")
_COLON_HEADER = re.compile(r"(page allocation failure): order:(\d+), ?mode:")


def _read(name):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return handle.read()


def test_every_posted_3x_header_retyped_without_the_order_colon_decodes_the_same():
    names = [name for name in sorted(os.listdir(POSTED))
             if name.endswith(".txt") and _COLON_HEADER.search(_read(name))]
    assert len(names) > 20
    for name in names:
        text = _read(name)
        retyped = _COLON_HEADER.sub(r"\1: order \2, mode: ", text)
        assert figures(parse_text(retyped)) == figures(parse_text(text)), name


def test_prose_saying_order_is_no_header():
    for text in ("nginx: page allocation failure: order 3 errors keep coming back\n",
                 "kswapd0: page allocation failure: it had order 0, mode: 0x20 before\n",
                 "foo: page allocation failure: order 2 and mode 0x20\n"):
        assert parse_text(text).events == []


_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789_.-/:", min_size=1, max_size=15).filter(
    lambda name: name[0].isalnum() and not name.endswith(":"))
_PREFIX = st.sampled_from(("", "[  525.138934] ", "<4>[  12.5] ", "Dec 19 16:23:18 host kernel: [  525.1] ",
                           "2016-12-19 16:23:18 192.168.186.128:6666 [  525.138934] "))


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(_NAME, st.integers(min_value=1, max_value=4194304), _PREFIX)
def test_a_pid_printed_after_the_comm_is_no_part_of_it(name, pid, prefix):
    tail = ": page allocation stalls for 47748ms, order:0 mode:0x26042c0(GFP_KERNEL|__GFP_NOWARN|__GFP_COMP)\n"
    with_pid = parse_text("%s%s(%d)%s" % (prefix, name, pid, tail)).events
    plain = parse_text("%s%s%s" % (prefix, name, tail)).events
    assert [(e.kind, e.comm, e.order, e.gfp_mask) for e in with_pid] == [(e.kind, e.comm, e.order, e.gfp_mask)
                                                                         for e in plain]
    assert [(e.comm, e.pid) for e in with_pid] == [(name, pid)]


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(_NAME, st.integers(min_value=1, max_value=4194304), _PREFIX)
def test_a_comm_with_its_pid_and_the_stall_words_cut_twice_still_decode(name, pid, prefix):
    # A mail wrapped, then re-wrapped narrower: "comm(pid): page" / "allocation stalls for" / "47748ms, order:0 ..."
    # (wrapping._still_cut: the words begun on the comm's line go on over both cuts).
    whole = "%s%s(%d): page allocation stalls for 47748ms, order:0 mode:0x26042c0(GFP_KERNEL|__GFP_NOWARN)\n" % (
        prefix, name, pid)
    cut = whole.replace(" allocation stalls for ", "\nallocation stalls for\n")
    assert [(e.kind, e.comm, e.pid, e.order, e.gfp_mask) for e in parse_text(cut).events] == \
        [("allocation-stall", name, pid, 0, "0x26042c0")]


def test_a_systemd_unit_comm_in_parentheses_keeps_them():
    events = parse_text("(sd-pam): page allocation failure: order:0, mode:0x20\n").events
    assert [e.comm for e in events] == ["(sd-pam)"]


_FS_TRACE = [("__alloc_pages", None), ("__kmalloc", None), ("{fs}_insert_item", None), ("{fs}_create", None),
             ("vfs_create", None), ("do_sys_open", None)]


def test_a_builtin_filesystem_is_known_by_its_prefix():
    for fs in ("reiserfs", "jfs", "ext2", "udf", "nilfs", "ubifs", "jffs2", "erofs", "xfs", "ext4"):
        frames = [(name.format(fs=fs), module) for name, module in _FS_TRACE]
        assert classify_trace(frames)[:2] == ("filesystem", None), fs


_RING_SETUP = [("__get_free_pages", None), ("iwl_tx_queue_alloc", "iwlcore"), ("iwl_txq_ctx_reset", "iwlcore"),
               ("__iwl4965_up", "iwlagn"), ("iwl4965_mac_start", "iwlagn"), ("ieee80211_open", "mac80211"),
               ("dev_open", None), ("dev_change_flags", None), ("sys_ioctl", None)]


def test_a_transmit_ring_made_at_open_is_not_transmit_until_a_transmit_core_frame_says_so():
    assert classify_trace(_RING_SETUP)[:2] == ("network-other", "iwlagn")  # iwlcore: the library iwlagn links
    # the same driver frames under the transmit core: a packet being sent
    sending = _RING_SETUP[:3] + [("dev_hard_start_xmit", None), ("__dev_queue_xmit", None), ("ip_finish_output2", None)]
    assert classify_trace(sending)[0] == "network-tx"
    # no device coming up: the driver's own tx frame still says transmit
    assert classify_trace(_RING_SETUP[:3] + [("process_one_work", None)])[0] == "network-tx"


def test_a_transmit_ring_remade_by_the_drivers_recovery_work_is_not_transmit():
    # (s35-holdAF post 14, 2.6.28) the firmware restarted: iwl4965_bg_up [iwlagn] from the driver's workqueue
    restart = _RING_SETUP[:4] + [("iwl4965_bg_up", "iwlagn"), ("run_workqueue", None), ("worker_thread", None),
                                 ("kthread", None), ("child_rip", None)]
    assert classify_trace(restart)[:2] == ("network-other", "iwlagn")
    # a reset task refilling the receive ring: not the receive path either (tg3_reset_task -> tg3_restart_hw)
    refill = [("__alloc_skb", None), ("tg3_alloc_rx_data", "tg3"), ("tg3_init_rings", "tg3"),
              ("tg3_restart_hw", "tg3"), ("tg3_reset_task", "tg3"), ("process_one_work", None)]
    assert classify_trace(refill)[:2] == ("network-other", "tg3")
    # the same ring refill under NAPI stays receive
    assert classify_trace(refill[:2] + [("tg3_poll", "tg3"), ("net_rx_action", None)])[0] == "network-rx"
