"""Shapes found by the s38-holdM held-out set of mailing-list posts, held to their mechanism by drawn cases.

* Other CPUs' SLUB blocks printed between a report's task line and its first frame are failures of their own,
  and the report keeps its frames (assembler._slab_printed_before_body).
* A header cited with its stamp beside the report that holds the same record is that report, not a second one
  (quoted_title._without_cited_copies): before it or after it, in any quoting.  Another stamp is another failure.
* A record whose printk level stayed glued behind the end of an earlier record's text (2.4/2.6 printk() left a
  message without its newline open): the header behind the level is a report of its own
  (assembler._record_level), whatever the earlier record says and however the line is prefixed or wrapped.
* A stall's task line and trace printed after another task's OOM report, in a plain dmesg: the stall's
  (assembler._late_task_line, also on the plain-line path), whatever the clock's form.
"""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import TRANSFORMS

_RECORD = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e, blacklist_characters="<>[]"),
                  min_size=1, max_size=30)
_WORDS = st.lists(_RECORD, min_size=1, max_size=4).map(" ".join)
_HEADERS = [
    ("__alloc_pages: 0-order allocation failed.", (None, 0, None)),
    ("__alloc_pages: 1-order allocation failed (gfp=0x20/0)", (None, 1, "0x20")),
    ("swapper: page allocation failure. order:0, mode:0x20", ("swapper", 0, "0x20")),
    ("kswapd0: page allocation failure: order:2, mode:0x4020", ("kswapd0", 2, "0x4020")),
]
_OUTERS = ["Oct 31 12:01:46 mf2 kernel: ", "[ 1234.567890] ", "kernel: ", "> Oct 31 12:01:46 mf2 kernel: ", ""]


def _heads(text):
    return [(e.comm, e.order, e.gfp_mask) for e in parse_text(text).events]


@settings(max_examples=150, deadline=None)
@given(words=_WORDS, header=st.sampled_from(_HEADERS), outer=st.sampled_from(_OUTERS), level=st.integers(0, 7))
@example(words="k", header=_HEADERS[1], outer=_OUTERS[0], level=0)  # (the earlier record starts as the comm does)
def test_a_header_glued_behind_an_earlier_record_by_its_level_is_a_report(words, header, outer, level):
    text, want = header
    before = outer + "Out of Memory: Killed process 1485 (magma.exe).\n"
    glued = "%s%s.<%d>%s\n" % (outer, words, level, text)
    assert _heads(before + glued) == [want]


@settings(max_examples=60, deadline=None)
@given(words=_WORDS, level=st.integers(0, 7), width=st.sampled_from(["wrap-60", "wrap-72", "wrap-80", "wrap-100"]))
def test_a_glued_header_wrapped_by_a_mailer_is_still_a_report(words, level, width):
    log = "".join("Oct 31 12:01:%02d mf2 kernel: __alloc_pages: 0-order allocation failed.\n" % s for s in (44, 45))
    glued = "Oct 31 12:01:46 mf2 kernel: %s.<%d>__alloc_pages: 0-order allocation failed.\n" % (words[:20], level)
    assert _heads(TRANSFORMS[width](log + glued)) == [(None, 0, None)] * 3


def test_text_with_a_level_but_no_header_behind_it_stays_one_line():
    assert _heads("Oct 31 12:01:46 mf2 kernel: see foo.<4>bar for details\n") == []


_REPORT = """[  375.398423] swapper: page allocation failure. order:0, mode:0x20
[  375.398483] Pid: 0, comm: swapper Not tainted 2.6.31.5 #3
[  375.398519] Call Trace:
[  375.398690]  [<c1228003>] ? __alloc_skb+0x44/0x101
[  375.398723]  [<c12289b5>] ? dev_alloc_skb+0x11/0x25
[  375.398760]  [<c11a53a1>] ? tulip_refill_rx+0x3c/0x115
[  375.398793]  [<c11a57f7>] ? tulip_poll+0x37d/0x416
[  375.398832]  [<c122cf56>] ? net_rx_action+0x3a/0xdb
[  375.399133] Mem-Info:
[  375.399391] DMA free:924kB min:4kB low:4kB high:4kB present:15872kB pages_scanned:0 all_unreclaimable? yes
"""


@settings(max_examples=60, deadline=None)
@given(stamp=st.sampled_from(["375.398423", "375.398424", "374.000001"]), before=st.booleans(),
       quote=st.sampled_from(["", "> ", ">> ", "| "]))
def test_a_stamped_header_cited_beside_its_report_is_that_report(stamp, before, quote):
    cited = "%s[  %s] swapper: page allocation failure. order:0, mode:0x20\nThat is the line I mean.\n" % (quote, stamp)
    report = "".join(quote + line + "\n" for line in _REPORT.splitlines())
    text = cited + "\n" + report if before else report + "\n" + cited
    contexts = [e.context for e in parse_text(text).events]
    if stamp == "375.398423":  # the same record: one report, its trace read
        assert contexts == ["network-rx"]
    else:  # another stamp: not this record (whether the cited header is an event of its own is prose's rule)
        assert "network-rx" in contexts and len(contexts) <= 2


_SLUB = """[ 26.8%04d] SLUB: Unable to allocate memory on node -1, gfp=0xa20(GFP_ATOMIC)
[ 26.8%04d]   cache: kmalloc-4k, object size: 4096, buffer size: 8192, default order: 3, min order: 1
[ 26.8%04d]   node 0: slabs: 44294, objs: 177164, free: 0
"""
_LTP = """[ 26.819715] reproducer: page allocation failure: order:1, mode:0x40a20(GFP_ATOMIC|__GFP_COMP), nodemask=(null)
[ 26.821191] CPU: 1 PID: 456 Comm: reproducer Not tainted 5.7.0-rc4+ #49
[ 26.822807] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS rel-1.12.0
[ 26.822813] Call Trace:
[ 26.825031]  dump_stack+0x97/0xe0
[ 26.859539]  warn_alloc.cold+0x87/0x18d
[ 26.869409]  __alloc_pages_nodemask+0x517/0x6e0
[ 26.876403]  __kmalloc+0x25e/0x2c0
[ 26.876814]  __tty_buffer_request_room+0x1c0/0x560
[ 26.878181]  pty_write+0x103/0x1d0
[ 26.882973]  tty_write+0x3c0/0x700
[ 26.895141] Mem-Info:
"""


@settings(max_examples=60, deadline=None)
@given(blocks=st.lists(st.sampled_from([1, 2, 3]), min_size=2, max_size=5))
def test_slub_blocks_between_a_task_line_and_the_first_frame_leave_the_trace_to_its_report(blocks):
    # blocks: after which of the report's lines (task line, hardware name, "Call Trace:") each block is printed
    lines = _LTP.splitlines(keepends=True)
    stamp = iter(range(2000, 9000, 10))
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        for _ in range(blocks.count(index)):
            out.append(_SLUB % (next(stamp), next(stamp), next(stamp)))
    events = parse_text("".join(out)).events
    assert events[0].context == "other" and events[0].comm == "reproducer"
    # the first block inside the report is read as its own (the repo's rule); every later one is a failure of its own
    assert [e.kind for e in events[1:]] == ["slab-allocation-failure"] * (len(blocks) - 1)


_STALL = "[  540.039842] kworker/1:1: page allocation stalls for 10079ms, order:0, mode:0x14001c2(GFP_KERNEL)\n"
_OOM = """[  540.041961] kthreadd invoked oom-killer: gfp_mask=0x16040c0(GFP_KERNEL), nodemask=(null),  order=2, oom_score_adj=0
[  540.041984] CPU: 3 PID: 2 Comm: kthreadd Not tainted 4.10.0-rc5-next-20170125+ #495
[  540.041989] Call Trace:
[  540.042008]  dump_stack+0x85/0xc9
[  540.042016]  dump_header+0x9f/0x296
[  540.042039]  oom_kill_process+0x219/0x400
[  540.042046]  out_of_memory+0x13d/0x580
[  540.042237] Mem-Info:
[  540.042390] Out of memory: Kill process 10688 (a.out) score 998 or sacrifice child
"""
_OWN = """[  540.214404] CPU: 1 PID: 51 Comm: kworker/1:1 Not tainted 4.10.0-rc5-next-20170125+ #495
[  540.219901] Workqueue: events pcpu_balance_workfn
[  540.221740] Call Trace:
[  540.223154]  dump_stack+0x85/0xc9
[  540.224724]  warn_alloc+0x11e/0x1d0
[  540.226333]  __alloc_pages_slowpath+0x3d4/0xe02
[  540.229970]  pcpu_populate_chunk+0xc2/0x440
[  540.231724]  pcpu_balance_workfn+0x615/0x670
[  540.235405]  process_one_work+0x22b/0x760
"""


@settings(max_examples=40, deadline=None)
@given(between=st.integers(1, 9), transform=st.sampled_from(
    ["plain", "syslog-without-uptime", "journal-short-precise", "logcat-kernel", "quote", "cat-n"]))
def test_a_stall_s_late_task_line_after_another_task_s_oom_report_is_the_stall_s(between, transform):
    oom = "".join(_OOM.splitlines(keepends=True)[:between])
    text = _STALL + oom + _OWN
    events = parse_text(TRANSFORMS[transform](text) if transform != "plain" else text).events
    assert [(e.comm, e.context) for e in events] == [("kworker/1:1", "other")]
