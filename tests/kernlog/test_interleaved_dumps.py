"""A failure report printed line by line into another dump (an oops or a warning on another CPU) with no
printk caller ids: syzbot's consoles, serial logs of a crash.  Once the other dump has printed its task line
("CPU: 7 PID: 4242 Comm: ...") and opened its trace, the frames that follow may be either's, so none of them
decides the failure's context or driver (pagealloc.kernlog.assembler: _task_line, _start_trace).  The real
case is tests/fixtures/posted/syzkaller_4.15_vmalloc_trace_interleaved_with_gpf_irq.txt: an iptables
setsockopt's vmalloc failure read as a receive failure from the fault's <IRQ> __netif_receive_skb_core frames.

Every fixture whose first report opens its trace with "Call Trace:" gets such a dump, a fault under a
receive softirq, woven into its trace after the report's first frames: every report keeps its figures, and
one whose own frames do not make it a receive failure is not made one by the other dump's.
"""

import os

import pytest

from pagealloc.kernlog import mail_base64, quoted_printable
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import FIXTURES

POSTED = os.path.join(os.path.dirname(FIXTURES), "posted")
KEEP = 2  # the report's own frame lines printed before the other dump starts
# A general protection fault under a receive softirq (the shape of 4.15's ip6t_do_table fault in the real case)
OTHER_DUMP = ("general protection fault: 0000 [#1] SMP KASAN",
              "CPU: 7 PID: 4242 Comm: otherdump Not tainted 4.15.0+ #221",
              "Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011",
              "RIP: 0010:ip6t_do_table+0x132d/0x1a30",
              "Call Trace:",
              " <IRQ>",
              " ip6t_do_table+0x132d/0x1a30",
              " nf_hook_slow+0x44/0xc0",
              " __netif_receive_skb_core+0x1a41/0x3460",
              " netif_receive_skb_internal+0x3d/0xb0",
              " napi_gro_receive+0xd0/0x100",
              " e1000_clean_rx_irq+0x1ad/0x3a0 [e1000]",
              " e1000_clean+0x24e/0x600 [e1000]",
              " net_rx_action+0x146/0x3f0",
              " __do_softirq+0xdd/0x2a5",
              " irq_exit+0xbf/0xd0",
              " </IRQ>")


def _read(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _woven(text):
    """``text`` with OTHER_DUMP woven into its first report's trace (behind the opener's own prefix), or
    None when that trace has no "Call Trace:" opener or too few lines after it."""
    events = parse_text(text).events
    if not events:
        return None
    lines = text.split("\n")
    start = events[0].line - 1
    opener = next((i for i in range(start, min(start + 40, len(lines)))
                   if lines[i].rstrip().endswith(("Call Trace:", "Call trace:"))), None)
    if opener is None or opener + KEEP + len(OTHER_DUMP) >= len(lines):
        return None
    prefix = lines[opener][:len(lines[opener].rstrip()) - len("Call Trace:")]
    own = lines[opener + 1 + KEEP:]
    woven = []
    for other, mine in zip(OTHER_DUMP, own):
        woven += [prefix + other, mine]
    return "\n".join(lines[:opener + 1 + KEEP] + woven + own[len(OTHER_DUMP):])


def _cases():
    cases = []
    for folder in (FIXTURES, POSTED):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                text = _read(os.path.join(folder, name))
                data = text.encode("utf-8")
                if quoted_printable.looks_quoted_printable(data) or mail_base64.declares_base64(data):
                    continue  # (lines woven into an encoded mail body would break its encoding, not its report)
                woven = _woven(text)
                if woven is not None:
                    cases.append(pytest.param(text, woven, id=name))
    return cases


CASES = _cases()


def _facts(event):
    return (event.kind, event.comm, event.order, event.gfp_mask, event.atomic,
            [(zone.zone, zone.free_kb, zone.min_kb) for zone in event.zones])


def test_enough_fixtures_take_the_other_dump():
    assert len(CASES) >= 12


@pytest.mark.parametrize("text, woven", CASES)
def test_another_dump_woven_into_a_trace_leaves_the_report_as_it_was(text, woven):
    before, after = parse_text(text).events, parse_text(woven).events
    assert [_facts(event) for event in after] == [_facts(event) for event in before]
    for was, now in zip(before, after):
        if was.context != "network-rx":
            assert now.context != "network-rx"
        if was.driver != "e1000":
            assert now.driver != "e1000"


def test_the_real_case_is_no_receive_failure():
    events = parse_text(_read(os.path.join(POSTED, "syzkaller_4.15_vmalloc_trace_interleaved_with_gpf_irq.txt"))).events
    assert [(event.comm, event.context, [zone.zone for zone in event.zones]) for event in events] == [
        ("syz-executor6", "other", ["DMA", "DMA32", "Normal"])]


def test_a_task_line_of_the_same_report_after_its_opener_changes_nothing():
    """Only another task's dump shuts the trace: the report's own frames after a repeated opener still count
    (a pasted trace quoted twice, the opener printed again by a paste)."""
    text = ("[ 1.000000] swapper/0: page allocation failure: order:0, mode:0x20\n"
            "[ 1.000001] Pid: 0, comm: swapper Not tainted 2.6.32 #1\n"
            "[ 1.000002] Call Trace:\n"
            "[ 1.000003]  <IRQ>  [<ffffffff8111ea6c>] __alloc_pages_nodemask+0x74c/0x8f0\n"
            "[ 1.000004] Call Trace:\n"
            "[ 1.000005]  [<ffffffffa01a2c6e>] e1000_alloc_rx_buffers+0x9e/0x2f0 [e1000]\n"
            "[ 1.000006]  [<ffffffff8142f1a3>] net_rx_action+0x103/0x2f0\n")
    event, = parse_text(text).events
    assert (event.context, event.driver) == ("network-rx", "e1000")
