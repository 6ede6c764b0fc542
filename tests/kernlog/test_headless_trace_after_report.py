"""A call trace pasted under a report without its own header ("[1]" and another failure's frames, linux-arm-kernel
2020-05-15, tests/fixtures/posted/mail_5.7_arm64_headless_trace_pasted_under_report.txt): it starts again at the
unwinder's top frames (dump_backtrace, show_stack, dump_stack).  A trace never returns to its unwinder, so those
frames, printed for sure after the report's other frames, open another dump: none of its frames is the report's
(pagealloc.kernlog.assembler: _frame_line, and the dense paths _plain_frame and the frame run that defer to it).
A top frame x86 marks "?" is a stale word on the stack and cuts nothing.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text

TOPS = ("dump_backtrace", "show_stack", "dump_stack", "dump_stack_lvl", "unwind_backtrace")
# the report's own path: a boot-time pool, no device (other), or an e1000 receive refill (network-rx, e1000)
OWN_PATHS = (
    [("alloc_pages_current", None), ("dma_atomic_pool_init", None), ("do_one_initcall", None),
     ("kernel_init", None), ("ret_from_fork", None)],
    [("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", "e1000"), ("e1000_clean_rx_irq", "e1000"),
     ("net_rx_action", None), ("__do_softirq", None)],
)
STAMP = st.integers(min_value=1, max_value=99999)
MODULE = st.sampled_from(["sr_mod", "nvme", "xfs", "amdgpu", "ixgbe", "ath9k"])


def _frame(stamp, func, module, form, unsure=False):
    tail = " [%s]" % module if module else ""
    if form == "arm64":
        return "[%6d.%06d]  %s+0x10/0x20%s" % (stamp, 1, func, tail)
    return "[%6d.%06d]  [<ffffffff81000000>] %s%s+0x10/0x20%s" % (stamp, 1, "? " if unsure else "", func, tail)


def _report(stamp, form, own):
    lines = ["[%6d.%06d] swapper/0: page allocation failure: order:2, mode:0x1(GFP_DMA), nodemask=(null)" % (stamp, 0),
             "[%6d.%06d] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 5.7.0-rc5 #44" % (stamp, 0),
             "[%6d.%06d] Call %s:" % (stamp, 0, "trace" if form == "arm64" else "Trace")]
    tops = ("dump_backtrace", "show_stack", "dump_stack") if form == "arm64" else ("dump_stack",)
    lines += [_frame(stamp, func, None, form) for func in tops]
    lines += [_frame(stamp, "warn_alloc", None, form), _frame(stamp, "__alloc_pages_nodemask", None, form)]
    return lines + [_frame(stamp, func, module, form) for func, module in own]


@settings(max_examples=60, deadline=None)
@given(STAMP, st.sampled_from(["arm64", "x86"]), st.sampled_from(OWN_PATHS), st.sampled_from(TOPS), MODULE,
       st.sampled_from([[], ["", "We did some debugging.", "", "[1]", "-" * 40]]))
def test_a_headless_trace_pasted_under_a_report_is_not_its_path(stamp, form, own, top, module, between):
    report = _report(stamp, form, own)
    alone = parse_text("\n".join(report)).events
    headless = [_frame(stamp + 20, top, None, form), _frame(stamp + 20, "warn_alloc", None, form),
                _frame(stamp + 20, "kmem_cache_alloc_trace", None, form),
                _frame(stamp + 20, "probe_it", module, form), _frame(stamp + 20, "really_probe", None, form)]
    events = parse_text("\n".join(report + between + headless)).events
    assert len(alone) == len(events) == 1
    assert (events[0].context, events[0].driver) == (alone[0].context, alone[0].driver)
    assert events[0].driver != module


@given(STAMP, st.sampled_from(TOPS))
def test_a_stale_top_frame_marked_unsure_cuts_no_trace(stamp, top):
    """x86 prints stale return addresses with "?": "? dump_stack" inside a trace is no new dump, and the
    receive frames after it are still the report's."""
    lines = _report(stamp, "x86", [])
    lines += [_frame(stamp, "__netdev_alloc_skb", None, "x86"), _frame(stamp, top, None, "x86", unsure=True),
              _frame(stamp, "e1000_alloc_rx_buffers", "e1000", "x86"),
              _frame(stamp, "e1000_clean_rx_irq", "e1000", "x86"), _frame(stamp, "net_rx_action", None, "x86")]
    events = parse_text("\n".join(lines)).events
    assert [(e.context, e.driver) for e in events] == [("network-rx", "e1000")]


# The unwinder's own frames at a trace's top, as kernels print them: 2.6.18 i386 (show_trace, dump_stack:
# arch/i386/kernel/traps.c), 2.6.18 x86_64 (dump_trace, show_trace, dump_stack: arch/x86_64/kernel/traps.c),
# 5.x arm64 with gcc's ipa clone (dump_backtrace.part.0, show_stack, dump_stack_lvl, dump_stack:
# arch/arm64/kernel/stacktrace.c, lib/dump_stack.c), and any top under a clone suffix.  None of them is a
# trace that has run: the top frames after them are the same dump's (s32 lead: lkml 2006-11 2.6.18.2 tg3 and
# netdev 2022-06 5.18 mvneta, both read as another dump after 855d6ce and their receive path lost).
PROLOGUES = (["show_trace", "dump_stack"], ["dump_trace", "show_trace", "dump_stack"],
             ["show_trace_log_lvl", "show_trace", "dump_stack"],
             ["dump_backtrace.part.0", "show_stack", "dump_stack_lvl", "dump_stack"],
             ["dump_backtrace.isra.0", "show_stack", "dump_stack"], ["unwind_backtrace", "show_stack.constprop.0",
                                                                     "dump_stack"])


@settings(max_examples=60, deadline=None)
@given(STAMP, st.sampled_from(["arm64", "x86"]), st.sampled_from(PROLOGUES))
def test_the_unwinders_own_frames_at_a_traces_top_are_that_trace(stamp, form, prologue):
    lines = ["[%6d.%06d] swapper: page allocation failure: order:0, mode:0x20" % (stamp, 0),
             "[%6d.%06d] Call %s:" % (stamp, 0, "trace" if form == "arm64" else "Trace")]
    lines += [_frame(stamp, func, None, form) for func in prologue]
    lines += [_frame(stamp, "__alloc_pages", None, form)] + [_frame(stamp, f, m, form) for f, m in OWN_PATHS[1]]
    event, = parse_text("\n".join(lines)).events
    assert (event.context, event.driver) == ("network-rx", "e1000")
    assert list(event.call_trace[:len(prologue)]) == prologue
