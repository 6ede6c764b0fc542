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
import re

import pytest

from pagealloc.kernlog import mail_base64, quoted_printable
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import FIXTURES, report_fixtures

POSTED = os.path.join(os.path.dirname(FIXTURES), "posted")
CALLER_ID = re.compile(r"(\]\[)\s*[TC]\s*\d+\]")  # a printk caller id behind a stamp: "][ T3124]"
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
    # printk caller ids name the printing context: the other dump's lines carry its own (the fault ran on CPU
    # 7 in interrupt context: "[    C7]"), never the report's
    prefix = CALLER_ID.sub(lambda m: m.group(1) + "    C7]", prefix)
    own = lines[opener + 1 + KEEP:]
    woven = []
    for other, mine in zip(OTHER_DUMP, own):
        woven += [prefix + other, mine]
    return "\n".join(lines[:opener + 1 + KEEP] + woven + own[len(OTHER_DUMP):])


def _cases():
    cases = []
    for _, name, text in report_fixtures():
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


# With printk caller ids (5.1+, CONFIG_PRINTK_CALLER) each record names its printer, and a report prints all its
# lines from one context: another CPU's dump, even woven in right after the report's opener, changes nothing.
def _caller_cases():
    from tests.kernlog.test_metamorphic import TRANSFORMS
    cases = []
    for param in CASES:
        text = TRANSFORMS["caller-cpu"](param.values[0])
        lines = text.split("\n")
        events = parse_text(text).events
        start = events[0].line - 1 if events else len(lines)
        opener = next((i for i in range(start, min(start + 40, len(lines)))
                       if lines[i].rstrip().endswith(("Call Trace:", "Call trace:"))), None)
        if opener is None or "[     C1] " not in lines[opener]:
            continue
        # the other CPU: one neither the stamp nor the report's own task line ("CPU: 0 PID: 1") names, so the
        # stamps do not contradict the text (a report printed on CPU 0 took the other dump's C0 lines as its own)
        other = next(cpu for cpu in (0, 2, 3) if cpu != events[0].cpu)
        prefix = lines[opener][:lines[opener].index("[     C1] ")] + "[     C%d] " % other
        own = lines[opener + 1:]
        woven = []
        for other, mine in zip(OTHER_DUMP, own):
            woven += [prefix + other, mine]
        cases.append(pytest.param(text, "\n".join(lines[:opener + 1] + woven + own[len(OTHER_DUMP):]), id=param.id))
    return cases


CALLER_CASES = _caller_cases()


def test_enough_fixtures_take_the_other_cpus_dump():
    assert len(CALLER_CASES) >= 10


@pytest.mark.parametrize("text, woven", CALLER_CASES)
def test_another_cpus_dump_with_caller_ids_leaves_the_report_exactly_as_it_was(text, woven):
    def figures(events):
        return [_facts(event) + (event.context, event.driver) for event in events]
    assert figures(parse_text(woven).events) == figures(parse_text(text).events)


def test_the_real_caller_id_case_takes_no_other_cpus_frames():
    """syzkaller testdata 492 (5.3-rc6): the header is printed by [C1]; the file holds none of its trace, only
    CPU 0's timer softirq building an HSR frame (__netdev_alloc_skb ... net_rx_action-free): no frame is its."""
    text = ("[ 3239.887621][    C1] aoe: skb alloc failure\n"
            "[ 3239.893776][    C0]  ? mod_timer+0x50c/0xc10\n"
            "[ 3239.898444][    C1] kworker/u4:4: page allocation failure: order:0, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), "
            "nodemask=(null),cpuset=/,mems_allowed=0-1\n"
            "[ 3239.903665][    C0]  ? __netdev_alloc_skb+0x38a/0x440\n"
            "[ 3240.886309][    C0]  __build_skb+0x26/0x70\n"
            "[ 3240.890552][    C0]  __netdev_alloc_skb+0x255/0x440\n"
            "[ 3240.895572][    C0]  send_hsr_supervision_frame+0x110/0xf20\n"
            "[ 3240.920835][    C0]  call_timer_fn+0x1ac/0x780\n"
            "[ 3240.954761][    C0]  run_timer_softirq+0x697/0x17a0\n"
            "[ 3240.990553][    C0]  __do_softirq+0x262/0x98c\n"
            "[ 3241.014959][    C0]  </IRQ>\n")
    event, = parse_text(text).events
    assert (event.comm, event.call_trace, event.context) == ("kworker/u4:4", [], "unknown")


# Another CPU's panic printed between a report's header and its own dump_stack() (syzbot's panic_on_warn logs:
# the header, then "Kernel panic - not syncing" and the panicking task's trace, then the report's task line):
# the report's task line comes after a trace it took, so that trace was the other dump's (dump_stack() prints
# the task line first) and the report's own trace follows.
PANIC = ("Kernel panic - not syncing: panic_on_warn set ...",
         "CPU: 1 PID: 27333 Comm: otherpanic Not tainted 4.16.0-rc4+ #260",
         "Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011",
         "Call Trace:",
         " <IRQ>",
         " dump_stack+0x194/0x24d",
         " panic+0x1e4/0x41c",
         " __warn+0x1dc/0x200",
         " __netif_receive_skb_core+0x1a41/0x3460",
         " e1000_clean+0x24e/0x600 [e1000]",
         " net_rx_action+0x146/0x3f0",
         " </IRQ>")


def _panic_cases():
    cases = []
    for param in CASES:
        text = param.values[0]
        events = parse_text(text).events
        lines = text.split("\n")
        start = events[0].line - 1
        comm = events[0].comm
        task = next((i for i in range(start + 1, min(start + 6, len(lines)))
                     if comm and ("Comm: " + comm in lines[i] or "comm: " + comm in lines[i])), None)
        if task is None:
            continue
        at = lines[task].find("CPU: ") if "CPU: " in lines[task] else lines[task].find("Pid: ")
        prefix = lines[task][:at]
        woven = lines[:task] + [prefix + line for line in PANIC] + lines[task:]
        cases.append(pytest.param(text, "\n".join(woven), id=param.id))
    return cases


PANIC_CASES = _panic_cases()


def test_enough_fixtures_take_the_panic():
    assert len(PANIC_CASES) >= 12


@pytest.mark.parametrize("text, woven", PANIC_CASES)
def test_another_cpus_panic_before_the_reports_task_line_leaves_it_exactly_as_it_was(text, woven):
    def figures(events):
        return [_facts(event) + (event.context, event.driver) for event in events]
    assert figures(parse_text(woven).events) == figures(parse_text(text).events)


# (s29-holdL) Another CPU's SLUB block printed into a report: a GFP_ATOMIC slab request whose page allocation
# ran with __GFP_NOWARN failed while a report of an allocation that can sleep was being printed
# (tests/fixtures/posted/mail_6.9_ppc32_qp_slub_blocks_inside_kswapd_trace.txt: skbuff_small_head blocks inside
# kswapd0's GFP_KERNEL reports).  The slab allocator never lets its page allocation sleep when the slab request
# cannot (mm/slub.c allocate_slab()), so the block is its own failure; the report keeps its figures and frames.
def _slub_block(prefix, named):
    gfp = "gfp=0x820(GFP_ATOMIC)" if named else "(gfp=0x20)"
    return [prefix + "SLUB: Unable to allocate memory on node -1, " + gfp if named
            else prefix + "SLUB: Unable to allocate memory on node -1 " + gfp,
            prefix + "  cache: skbuff_head_cache, object size: 232, buffer size: 256, default order: 1, min order: 0",
            prefix + "  node 0: slabs: 15, objs: 225, free: 0"]


def _with_slub_block(text):
    """``text`` with another CPU's GFP_ATOMIC SLUB block after its first report's first KEEP frames, or None."""
    events = parse_text(text).events
    if not events or events[0].kind != "page-allocation-failure" or events[0].atomic is not False:
        return None
    lines = text.split("\n")
    start = events[0].line - 1
    opener = next((i for i in range(start, min(start + 40, len(lines)))
                   if lines[i].rstrip().endswith(("Call Trace:", "Call trace:"))), None)
    if opener is None or opener + KEEP + 4 >= len(lines):
        return None
    prefix = lines[opener][:len(lines[opener].rstrip()) - len("Call Trace:")]
    at = opener + 1 + KEEP
    return "\n".join(lines[:at] + _slub_block(prefix, events[0].gfp_names_printed) + lines[at:])


def _slub_cases():
    cases = []
    for _, name, text in report_fixtures():
        data = text.encode("utf-8")
        if quoted_printable.looks_quoted_printable(data) or mail_base64.declares_base64(data):
            continue
        woven = _with_slub_block(text)
        if woven is not None:
            cases.append(pytest.param(text, woven, id=name))
    return cases


SLUB_CASES = _slub_cases()


def test_enough_sleeping_reports_take_the_other_cpus_slub_block():
    assert len(SLUB_CASES) >= 8


@pytest.mark.parametrize("text, woven", SLUB_CASES)
def test_another_cpus_atomic_slub_block_in_a_sleeping_report_is_its_own_failure(text, woven):
    before, after = parse_text(text).events, parse_text(woven).events
    added = [event for event in after if event.kind == "slab-allocation-failure"]
    kept = [event for event in after if event.kind != "slab-allocation-failure"]
    assert len(added) == 1 + sum(event.kind == "slab-allocation-failure" for event in before)
    assert (added[0].atomic, added[0].order, added[0].slab.cache) == (True, 0, "skbuff_head_cache")
    was = [event for event in before if event.kind != "slab-allocation-failure"]
    assert [_facts(event) for event in kept] == [_facts(event) for event in was]
    assert [event.call_trace for event in kept] == [event.call_trace for event in was]
    assert kept[0].slab == was[0].slab


def test_a_slub_block_a_report_of_its_own_request_can_print_stays_the_reports():
    """The same block after a GFP_ATOMIC report is that report's slab (slab_out_of_memory() prints after the
    page allocator's warning): no other event."""
    text = ("[  5.1] swapper/0: page allocation failure: order:0, mode:0x820(GFP_ATOMIC), nodemask=(null),"
            "cpuset=/,mems_allowed=0\n[  5.1] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 6.1.0 #1\n[  5.1] Call Trace:\n"
            "[  5.1]  <IRQ>\n[  5.1]  warn_alloc+0x13a/0x1c0\n[  5.1]  __alloc_pages+0x2a1/0x320\n"
            + "\n".join(_slub_block("[  5.1] ", True)) + "\n")
    events = parse_text(text).events
    assert [(e.kind, e.comm, e.slab.cache if e.slab else None) for e in events] == [
        ("page-allocation-failure", "swapper/0", "skbuff_head_cache")]
