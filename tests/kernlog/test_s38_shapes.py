"""Shapes found by the s38-holdM held-out set of mailing-list posts, held to their mechanism by drawn cases.

* Other CPUs' SLUB blocks printed between a report's task line and its first frame are failures of their own,
  and the report keeps its frames (assembler._slab_printed_before_body).
* A header cited with its stamp beside the report that holds the same record is that report, not a second one
  (quoted_title._without_cited_copies): before it or after it, in any quoting.  Another stamp is another failure.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text

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
