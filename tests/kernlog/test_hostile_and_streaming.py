"""Messy and hostile input: CRLF, #012, binary junk, NUL, invalid UTF-8, huge lines, many headers,
absurd numbers, reports cut at every line; streaming equals in-memory parsing."""

import io

import pytest

from pagealloc.kernlog import bounded, parse, scan
from pagealloc.kernlog.event import KINDS
from pagealloc.kernlog.parse import parse_stream, parse_text
from tests.kernlog.helpers import fixture_text

SEED = "dmesg_2.6.32_i686_e100_seed.txt"


def _summary(result):
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.driver, [(z.zone, z.free_kb) for z in e.zones],
             e.buddy, e.truncated) for e in result.events]


def test_doc_examples():
    import doctest

    from pagealloc.kernlog import assembler
    for module in (parse, bounded, scan, assembler):
        assert doctest.testmod(module)[0] == 0


def test_crlf_and_binary_junk_and_invalid_utf8_do_not_change_the_result():
    clean = fixture_text(SEED).encode()
    messy = b"\x00\xff\xfe garbage \x80\x81\n" + clean.replace(b"\n", b"\r\n") + b"\x00" * 50 + b"\n\xc3\x28\n"
    assert _summary(parse_stream(io.BytesIO(messy))) == _summary(parse_text(clean))
    assert parse_stream(io.BytesIO(messy)).events[0].slab.cache == "kmalloc-192"


def test_rsyslog_012_escapes_one_physical_line_holding_the_whole_report():
    lines = [line for line in fixture_text(SEED).splitlines() if line.startswith("[")]
    one_line = "Jun 17 21:19:45 web1 kernel: " + "#012".join(lines) + "\n"
    result = parse_text(one_line)
    assert _summary(result) == _summary(parse_text(fixture_text(SEED)))
    assert result.events[0].line == 1 and result.events[0].host == "web1"


@pytest.mark.parametrize("chunk", [7, 64, 1000, 1 << 20])
def test_streaming_in_any_chunk_size_finds_the_same_events_and_line_numbers(chunk):
    text = ("[    1.0] boot line\n" * 5000) + fixture_text(SEED) + ("\n[ 2.0] later\n" * 3000)
    assembler = parse.ReportAssembler(source="x")
    scan.feed_stream(io.BytesIO(text.encode()), assembler, chunk_size=chunk)
    streamed = parse._result(assembler)
    in_memory = parse_text(text, source="x")
    assert _summary(streamed) == _summary(in_memory)
    assert [e.line for e in streamed.events] == [e.line for e in in_memory.events] == [5002]


def test_a_huge_line_is_cut_and_parsing_goes_on(monkeypatch):
    monkeypatch.setattr(scan, "MAX_LINE", 1024)
    text = b"x" * 5_000_000 + b"\n" + fixture_text(SEED).encode()
    result = parse_stream(io.BytesIO(text))
    assert result.total_reports == 1 and result.events[0].line == 3  # junk line, then the fixture comment


def test_many_headers_are_bounded_and_counted():
    header = "[ 1.0] swapper/0: page allocation failure: order:0, mode:0x20\n"
    result = parse_text(header * 5000, keep=10)
    assert result.total_reports == 5000
    assert len(result.events) == 20 and all(e.truncated for e in result.events)


def test_absurd_numbers_give_unknowns_not_crashes():
    text = ("[ 1.0] x: page allocation failure: order:99, mode:0xffffffffffffffff\n"
            "[ 1.0] Normal free:-5kB min:99999999999999999999999kB low:1kB high:2kB\n")
    event = parse_text(text).events[0]
    # impossible values are dropped and named (pagealloc.kernlog.plausible, issue 16)
    assert event.order is None and event.atomic is None and event.gfp_era is None
    assert event.unusable.startswith("order 99 is impossible")


def test_every_prefix_of_the_seed_report_parses_without_error():
    lines = fixture_text(SEED).splitlines()
    last_buddy = next(i for i, line in enumerate(lines) if "] Normal: 179*4kB" in line)
    for cut in range(len(lines) + 1):
        result = parse_text("\n".join(lines[:cut]))
        if cut < 2:
            assert result.events == []
        else:
            event = result.events[0]
            # complete once every zone's buddy line is in (the SLUB lines are optional)
            assert event.comm == "swapper" and event.truncated == (cut <= last_buddy)


def test_suppressed_notices_attach_to_the_next_report_or_to_the_last():
    header = "[ 1.0] swapper/0: page allocation failure: order:0, mode:0x20\n"
    text = "[ 0.5] warn_alloc: 7 callbacks suppressed\n" + header + "[ 3.0] warn_alloc: 5 callbacks suppressed\n"
    result = parse_text(text)
    assert [e.suppressed for e in result.events] == [12] and result.suppressed == 12
    other = parse_text("[ 1.0] net_ratelimit: 9 callbacks suppressed\n")
    assert other.suppressed == 0


KIND_CASES = [
    # 3.10: warn_alloc_failed() prints the vmalloc message line, then the usual header
    ("[ 9.0] vmalloc: allocation failure, allocated 0 of 8392704 bytes\n"
     "[ 9.0] insmod: page allocation failure: order:0, mode:0xd2\n", "vmalloc-failure", "insmod", 0),
    # 4.9-5.10: the vmalloc message is the header itself
    ("[ 9.0] qemu-kvm: vmalloc: allocation failure: 34359738368 bytes, mode:0x24080c2"
     "(GFP_KERNEL|__GFP_HIGHMEM|__GFP_ZERO)\n", "vmalloc-failure", "qemu-kvm", None),
    # 6.1+
    ("[ 9.0] modprobe: vmalloc error: size 8192, vm_struct allocation failed, mode:0xcc0(GFP_KERNEL), "
     "nodemask=(null),cpuset=/,mems_allowed=0\n", "vmalloc-failure", "modprobe", None),
    ("[ 9.0] vmap allocation for size 1052672 failed: use vmalloc=<size> to increase size\n",
     "vmalloc-failure", None, None),
    # 4.9-4.12 stall warning
    ("[ 9.0] java: page allocation stalls for 10064ms, order:0, mode:0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD)\n",
     "allocation-stall", "java", 0),
]


@pytest.mark.parametrize("text, kind, comm, order", KIND_CASES)
def test_vmalloc_failures_and_stalls_are_their_own_kinds(text, kind, comm, order):
    event = parse_text(text).events[0]
    assert (event.kind, event.comm, event.order) == (kind, comm, order)


def test_streaming_catches_the_suppressed_notice_printed_before_a_report():
    text = ("[ 0.1] boot\n" * 100 + "[ 0.5] warn_alloc: 7 callbacks suppressed\n" + fixture_text(SEED)
            + "[ 9.0] eth0: link up\n" * 100)
    assert [e.suppressed for e in parse_stream(io.BytesIO(text.encode())).events] == [7]


def test_arm32_unwind_frames():
    # 4.3 ARCH armv5 (mxs) dump_backtrace format: "[<pc>] (func) from [<lr>] (caller+0x/0x)"
    text = """[  969.610000] systemd-cgroups: page allocation failure: order:0, mode:0x20
[  969.610000] CPU: 0 PID: 1450 Comm: systemd-cgroups Tainted: G         C      4.3.0-1-ARCH #1
[  969.610000] Hardware name: Freescale MXS (Device Tree)
[  969.610000] [<c000f780>] (unwind_backtrace) from [<c000d20c>] (show_stack+0x10/0x14)
[  969.610000] [<c009bf44>] (warn_alloc_failed) from [<c009e194>] (__alloc_pages_nodemask+0x178/0x860)
[  969.610000] [<c009ea7c>] (__alloc_page_frag) from [<c051aa84>] (__netdev_alloc_skb+0x84/0xec)
[  969.610000] [<c051aa84>] (__netdev_alloc_skb) from [<bf17c574>] (_rtl_rx_completed+0xac/0x1bc [rtl_usb])
[  969.610000] [<bf17c574>] (_rtl_rx_completed [rtl_usb]) from [<c03f08c8>] (__usb_hcd_giveback_urb+0x70/0x108)
[  969.610000] [<c00216bc>] (tasklet_action) from [<c002196c>] (__do_softirq+0xe0/0x244)
"""
    event = parse_text(text).events[0]
    assert event.call_trace[:4] == ["unwind_backtrace", "warn_alloc_failed", "__alloc_page_frag", "__netdev_alloc_skb"]
    assert (event.context, event.driver, event.in_interrupt) == ("network-rx", "rtl_usb", True)
    assert event.gfp_era == "3.10" and event.atomic is True


def test_printk_caller_ids_route_interleaved_frames_by_cpu():
    # 5.x with CONFIG_PRINTK_CALLER: two CPUs' traces interleave line by line
    text = """[  50.000001][    C1] swapper/1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)
[  50.000002][    C1] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 5.10.0 #1
[  50.000003][    C2] swapper/2: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)
[  50.000004][    C2] CPU: 2 PID: 0 Comm: swapper/2 Not tainted 5.10.0 #1
[  50.000005][    C1] Call Trace:
[  50.000006][    C2] Call Trace:
[  50.000007][    C1]  igb_clean_rx_irq+0x1/0x2 [igb]
[  50.000008][    C2]  nvme_queue_rq+0x1/0x2 [nvme]
[  50.000009][    C1]  net_rx_action+0x1/0x2
[  50.000010][    C2]  blk_mq_dispatch_rq_list+0x1/0x2
"""
    one, two = parse_text(text).events
    assert one.call_trace == ["igb_clean_rx_irq", "net_rx_action"] and one.driver == "igb"
    assert two.call_trace == ["nvme_queue_rq", "blk_mq_dispatch_rq_list"] and two.context == "storage"


def test_a_report_without_mem_info_does_not_take_the_next_reports_block():
    # A 4.9 stall warning cut after its trace, then a complete 2.6.32 report.
    stall = ("[10000.012689] kswapd0: page allocation stalls for 10472ms, order:0, mode:0x24201ca"
             "(GFP_HIGHUSER_MOVABLE|__GFP_COLD)\n"
             "[10000.012696] CPU: 1 PID: 57 Comm: kswapd0 Not tainted 4.9.0-8-amd64 #1 Debian 4.9.130-2\n"
             "[10000.012731] Call Trace:\n"
             "[10000.012738]  [<ffffffffa7f29964>] ? dump_stack+0x5c/0x78\n"
             "[10000.012794]  [<ffffffffc045c0cb>] ? ext4_filemap_fault+0x2b/0x40 [ext4]\n")
    result = parse_text(stall + fixture_text(SEED))
    stalled, failure = result.events
    assert stalled.kind == "allocation-stall" and stalled.truncated and stalled.zones == []
    assert failure.comm == "swapper" and not failure.truncated and len(failure.zones) == 2


def test_a_task_line_of_another_task_is_not_attached():
    # pre-filtered: a bare header, then a soft-lockup's task line of another task
    text = ("[ 1.0] swapper/0: page allocation failure: order:0, mode:0x20\n"
            "[ 2.0] CPU: 3 PID: 812 Comm: rsync Not tainted 3.10.0-1160.el7.x86_64 #1\n")
    event = parse_text(text).events[0]
    assert (event.comm, event.pid, event.kernel) == ("swapper/0", None, None)


def test_a_split_header_right_after_a_chunk_boundary_keeps_its_comm_piece():
    text = fixture_text("dmesg_4.9_debian_interleaved.txt").encode()
    # cut so that the "swapper/12: " piece ends one chunk and its header starts the next
    boundary = text.index(b"[2836069.534686] page allocation failure: order:0")
    for chunk in (boundary, boundary - 17, 64):
        assembler = parse.ReportAssembler()
        scan.feed_stream(io.BytesIO(text), assembler, chunk_size=chunk)
        assert [e.comm for e in parse._result(assembler).events] == ["swapper/20", "swapper/12"]


def test_s390_frames_with_parenthesised_first_frame():
    # s390x 4.18 (RHEL 8) show_stack: the first frame in brackets, the rest "[<addr>] func+off/size"
    text = """[ 5221.412201] swapper/3: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0
[ 5221.412210] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 4.18.0-477.10.1.el8_8.s390x #1
[ 5221.412212] Hardware name: IBM 8561 LT1 400 (z/VM 7.2.0)
[ 5221.412213] Call Trace:
[ 5221.412216] ([<00000000b5a4c1a2>] show_stack+0x8a/0xd0)
[ 5221.412219]  [<00000000b5f1f6c4>] dump_stack+0x8c/0xb8
[ 5221.412222]  [<00000000b5c1e3f4>] warn_alloc+0x104/0x1a0
[ 5221.412230]  [<000003ff80275a1c>] qeth_l3_rx_poll+0x2c4/0x4c0 [qeth_l3]
[ 5221.412233]  [<00000000b5e5fd18>] net_rx_action+0x180/0x3f8
"""
    event = parse_text(text).events[0]
    assert event.call_trace[:2] == ["show_stack", "dump_stack"]
    assert (event.context, event.driver) == ("network-rx", "qeth_l3")


def test_every_fixture_cut_at_every_line_parses_to_at_most_its_reports():
    import os

    from tests.kernlog.helpers import FIXTURES
    for name in sorted(os.listdir(FIXTURES)):
        lines = fixture_text(name).split("\n")
        full = parse_text("\n".join(lines))
        for cut in range(len(lines)):
            part = parse_text("\n".join(lines[:cut]))
            assert part.total_reports <= full.total_reports, (name, cut)
            assert all(e.kind in KINDS
                       for e in part.events)


def test_printk_task_caller_ids_route_frames_of_process_context_reports():
    text = """[  60.000001][  T412] java: page allocation failure: order:3, mode:0xcc0(GFP_KERNEL), nodemask=(null)
[  60.000002][  T412] CPU: 1 PID: 412 Comm: java Not tainted 5.10.0 #1
[  60.000003][  T977] rsync: page allocation failure: order:4, mode:0x40cc0(GFP_KERNEL|__GFP_COMP), nodemask=(null)
[  60.000004][  T977] CPU: 2 PID: 977 Comm: rsync Not tainted 5.10.0 #1
[  60.000005][  T412] Call Trace:
[  60.000006][  T977] Call Trace:
[  60.000007][  T412]  tcp_sendmsg_locked+0x1/0x2
[  60.000008][  T977]  xfs_buf_get_map+0x1/0x2 [xfs]
"""
    java, rsync = parse_text(text).events
    assert (java.call_trace, java.context) == (["tcp_sendmsg_locked"], "network-tx")
    assert (rsync.call_trace, rsync.context, rsync.driver) == (["xfs_buf_get_map"], "filesystem", "xfs")


def test_the_seed_web_page_yields_only_its_one_quoted_kernel_report():
    # The page's reference list quotes headers ("  9. Re: swapper: page allocation failure.
    # order:1, mode:0x20"): numbered, replies - not kernel lines.
    result = parse_text(fixture_text("webpage_seed_report_with_references.txt"))
    assert result.total_reports == 1
    event = result.events[0]
    assert (event.line, event.comm, event.order, event.driver, event.truncated) == (10, "swapper", 0, "e100", False)


@pytest.mark.parametrize("quoted", [
    "  9. Re: swapper: page allocation failure. order:1, mode:0x20",
    "10) swapper: page allocation failure. order:3, mode:0x20",
    "> - swapper/0: page allocation failure: order:0, mode:0x20",
    "* java: page allocation failure: order:0, mode:0x20",
    "Re: kswapd0: page allocation failure: order:0, mode:0x20",
    "Subject: swapper: page allocation failure: order:0, mode:0x20",
])
def test_quoted_or_listed_headers_are_not_reports(quoted):
    assert parse_text(quoted).total_reports == 0


def test_a_header_line_alone_behind_a_quote_is_the_header_only_report_it_is_without_it():
    # issue 12: prose is a header inside a sentence or a list item, not a line quoted on its own
    for line in ("swapper/0: page allocation failure: order:0, mode:0x20", "[ 1.0] swapper/0: page allocation failure: "
                 "order:0, mode:0x20"):
        assert [(e.comm, e.order) for e in parse_text("> " + line).events] == [("swapper/0", 0)]
        assert [(e.comm, e.order) for e in parse_text(line).events] == [("swapper/0", 0)]


@pytest.mark.parametrize("line,comm", [
    ("[ 1.0] Web Content: page allocation failure: order:0, mode:0x20", "Web Content"),
    ("[ 1.0] kworker/u16:2: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC)", "kworker/u16:2"),
    ("[ 1.0] -bash: page allocation failure: order:0, mode:0x20", "-bash"),
    ("[ 1.0] java: page allocation failure: order:0, mode:0x20", "java"),
    ("[ 1.0] 3dmark.x86: page allocation failure: order:0, mode:0x20", "3dmark.x86"),
])
def test_real_comms_with_spaces_dots_colons_and_dashes_still_start_a_report(line, comm):
    assert parse_text(line).events[0].comm == comm
