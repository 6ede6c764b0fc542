"""One fixture per kernel era / architecture / log format; expected values read off the fixture text."""

import pytest

from pagealloc.kernlog.parse import parse_file, parse_text
from tests.kernlog.helpers import fixture_path

# (fixture, comm, pid, cpu, kernel, order, gfp_mask, gfp_flags, gfp_era, driver, in_interrupt, suppressed)
ERA_ROWS = [
    ("dmesg_2.6.32_i686_e100_seed.txt", "swapper", 0, None, "2.6.32-5-686", 0, "0x20", ["GFP_ATOMIC"],
     "2.6.32", "e100", True, 0),
    ("dmesg_3.10_rhel7_ixgbe.txt", "swapper/12", 0, 12, "3.10.0-1160.el7.x86_64", 0, "0x20", ["GFP_ATOMIC"],
     "3.10", "ixgbe", True, 0),
    ("dmesg_4.14_amzn2_ena_nodemask.txt", "kworker/3:1H", 412, 3, "4.14.203-156.332.amzn2.x86_64", 0,
     "0x1080020", ["GFP_ATOMIC"], "4.10-4.17", "ena", True, 3),
    ("dmesg_4.18_rhel8_mlx5_numa_slub.txt", "swapper/27", 0, 27, "4.18.0-553.el8_10.x86_64", 0, "0x480020",
     ["GFP_ATOMIC"], "4.18-5.0", "mlx5_core", True, 0),
    ("messages_5.14_rhel9_virtio.txt", "swapper/0", 0, 0, "5.14.0-362.8.1.el9_3.x86_64", 0, "0xa20",
     ["GFP_ATOMIC"], "5.1-6.2", "virtio_net", True, 12),
    ("journal_6.12_short-iso_bnxt.txt", "napi/eth0-8193", 2231, 7, "6.12.9-200.fc41.x86_64", 0, "0x820",
     ["GFP_ATOMIC"], "6.3+", "bnxt_en", False, 0),
    ("dmesg_5.10_arm64_hns3.txt", "ksoftirqd/5", 38, 5, "5.10.0-60.18.0.50.oe2203.aarch64", 0, "0xa20",
     ["GFP_ATOMIC"], "5.1-6.2", "hns3", True, 0),
    ("dmesg_3.10_ppc64le_ibmveth.txt", "swapper/7", 0, 7, "3.10.0-1160.el7.ppc64le", 0, "0x20",
     ["GFP_ATOMIC"], "3.10", "ibmveth", True, 0),
]


@pytest.mark.parametrize("row", ERA_ROWS, ids=[r[0] for r in ERA_ROWS])
def test_each_era_fixture_decodes_to_one_complete_atomic_rx_failure(row):
    name, comm, pid, cpu, kernel, order, mask, flags, era, driver, interrupt, suppressed = row
    result = parse_file(fixture_path(name))
    assert result.total_reports == 1
    event = result.events[0]
    assert event.kind == "page-allocation-failure"
    assert (event.comm, event.pid, event.cpu, event.kernel, event.order) == (comm, pid, cpu, kernel, order)
    assert (event.gfp_mask, event.gfp_flags, event.gfp_era, event.atomic) == (mask, flags, era, True)
    assert (event.context, event.driver, event.in_interrupt) == ("network-rx", driver, interrupt)
    assert event.suppressed == suppressed
    assert event.truncated is False
    assert event.zones and all(z.min_kb is not None for z in event.zones)
    assert event.call_trace[0] in ("dump_stack", "dump_backtrace", "dump_stack_lvl", "__alloc_pages_nodemask")


def test_rhel7_zones_reserves_and_buddy_with_migratetype_letters():
    event = parse_file(fixture_path("dmesg_3.10_rhel7_ixgbe.txt")).events[0]
    normal = event.zones[2]
    assert (normal.node, normal.zone, normal.free_kb, normal.min_kb, normal.low_kb, normal.high_kb) == (
        0, "Normal", 12044, 45112, 56388, 67668)
    assert [z.lowmem_reserve for z in event.zones] == [[0, 1627, 64075, 64075], [0, 0, 62447, 62447], [0, 0, 0, 0]]
    # "Node 0 Normal: 2811*4kB (UEM) 100*8kB (UM) ..." -> order 0: 2811, order 1: 100
    assert event.buddy["Normal"]["0"] == 2811 and event.buddy["Normal"]["1"] == 100
    assert event.buddy["DMA"]["10"] == 3
    assert event.call_trace[-1] == "start_cpu"  # frames after <EOI> still belong to the report


def test_rhel8_numa_second_node_and_slub_cache():
    event = parse_file(fixture_path("dmesg_4.18_rhel8_mlx5_numa_slub.txt")).events[0]
    assert [(z.node, z.zone) for z in event.zones] == [(0, "DMA"), (0, "DMA32"), (0, "Normal"), (1, "Normal")]
    assert event.zones[3].free_kb == 88444 and event.zones[3].min_kb == 31112
    assert event.buddy["Node 1 Normal"]["0"] == 22111
    assert (event.slab.cache, event.slab.object_size, event.slab.min_order) == ("skbuff_head_cache", 232, 0)


def test_syslog_prefix_gives_wallclock_and_host_and_skips_other_programs():
    event = parse_file(fixture_path("messages_5.14_rhel9_virtio.txt")).events[0]
    assert (event.wallclock, event.host, event.timestamp) == ("Mar  3 10:15:01", "db7", None)
    assert "dump_stack_lvl" in event.call_trace and "warn_alloc" in event.call_trace  # NetworkManager line skipped
    assert [z.zone for z in event.zones] == ["DMA", "DMA32"]


def test_journal_short_iso_prefix():
    event = parse_file(fixture_path("journal_6.12_short-iso_bnxt.txt")).events[0]
    assert (event.wallclock, event.host) == ("2025-01-14T03:22:11+0000", "edge4")
    assert event.zones[2].free_kb == 11672


def test_arm64_lower_case_call_trace_and_ppc64_frames():
    arm = parse_file(fixture_path("dmesg_5.10_arm64_hns3.txt")).events[0]
    assert arm.call_trace[:3] == ["dump_backtrace", "show_stack", "dump_stack"]
    ppc = parse_file(fixture_path("dmesg_3.10_ppc64le_ibmveth.txt")).events[0]
    assert "ibmveth_replenish_buffer_pool" in ppc.call_trace
    assert ppc.buddy["DMA"] == {str(i): (120 if i == 0 else 0) for i in range(9)}  # 64 KiB pages


def test_interleaved_4_9_reports_are_separated_and_the_split_header_rejoined():
    result = parse_file(fixture_path("dmesg_4.9_debian_interleaved.txt"))
    assert result.total_reports == 2
    first, second = result.events
    assert (first.comm, first.cpu, first.gfp_mask, first.driver) == ("swapper/20", 20, "0x2080020", "ixgbe")
    # the second header arrived as "swapper/12: " + "page allocation failure: order:0" + ", mode:..."
    assert (second.comm, second.cpu, second.order, second.gfp_mask) == ("swapper/12", 12, 0, "0x2080020")
    assert (second.gfp_flags, second.gfp_era, second.atomic) == (["GFP_ATOMIC"], "4.4-4.9", True)
    assert second.driver == "bnx2x"
    # each report got its own Mem-Info block (free differs by 8 kB); the first block goes to the
    # newest report whose trace ran (swapper/12), the second to swapper/20
    assert [z.free_kb for z in second.zones] == [15896, 20812]
    assert [z.free_kb for z in first.zones] == [15896, 20804]
    assert not first.truncated and not second.truncated


def test_dmesg_T_timestamps_and_a_report_cut_off_at_the_end():
    result = parse_file(fixture_path("dmesg-T_3.10_truncated_tail.txt"))
    assert result.total_reports == 2
    complete, cut = result.events
    assert complete.wallclock == "Mon Jun  3 02:11:47 2019" and complete.timestamp is None
    assert complete.truncated is False and complete.driver == "e1000"
    assert cut.truncated is True and cut.comm == "swapper/1" and cut.zones == []


def _facts(event):
    return (event.kind, event.comm, event.pid, event.kernel, event.order, event.gfp_mask, event.gfp_flags,
            event.atomic, event.context, event.driver, event.in_interrupt, event.call_trace,
            [(z.node, z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb, z.lowmem_reserve) for z in event.zones],
            event.buddy, event.slab, event.truncated)


@pytest.mark.parametrize("variant, original", [
    ("kern.log_2.6.32_debian_syslog_uptime.txt", "dmesg_2.6.32_i686_e100_seed.txt"),
    ("dmesg_2.6.32_crlf.txt", "dmesg_2.6.32_i686_e100_seed.txt"),
    ("messages_3.10_rhel7_012_escaped.txt", "dmesg_3.10_rhel7_ixgbe.txt"),
    ("messages_3.10_binary_junk.txt", "dmesg_3.10_rhel7_ixgbe.txt"),
])
def test_the_same_report_in_another_log_format_gives_the_same_facts(variant, original):
    got = parse_file(fixture_path(variant)).events
    assert len(got) == 1
    assert _facts(got[0]) == _facts(parse_file(fixture_path(original)).events[0])


def test_format_variants_keep_their_own_time_and_host():
    kern_log = parse_file(fixture_path("kern.log_2.6.32_debian_syslog_uptime.txt")).events[0]
    assert (kern_log.timestamp, kern_log.wallclock, kern_log.host) == (7873.855883, "Jun 17 21:19:45", "squeeze")
    escaped = parse_file(fixture_path("messages_3.10_rhel7_012_escaped.txt")).events[0]
    assert (escaped.line, escaped.timestamp, escaped.host) == (3, None, "hv07")


def test_rhel6_slab_allocator_lines():
    # RHEL 6 (2.6.32-754.el6.x86_64) uses SLAB: mm/slab.c slab_out_of_memory() prints
    # "SLAB: Unable to allocate memory on node %d (gfp=0x%x)" and "  cache: %s, object size: %d, order: %d".
    text = """Jun  3 02:11:47 el6db kernel: swapper: page allocation failure. order:1, mode:0x20
Jun  3 02:11:47 el6db kernel: Pid: 0, comm: swapper Not tainted 2.6.32-754.el6.x86_64 #1
Jun  3 02:11:47 el6db kernel: Call Trace:
Jun  3 02:11:47 el6db kernel: <IRQ>  [<ffffffff81135e9a>] ? __alloc_pages_nodemask+0x7da/0x980
Jun  3 02:11:47 el6db kernel: [<ffffffff8117a1f2>] ? kmem_getpages+0x62/0x170
Jun  3 02:11:47 el6db kernel: [<ffffffff8117ae0a>] ? fallback_alloc+0x1ba/0x270
Jun  3 02:11:47 el6db kernel: [<ffffffff8144c1e6>] ? __alloc_skb+0x76/0x1b0
Jun  3 02:11:47 el6db kernel: [<ffffffffa01e5b9c>] ? bnx2_poll_work+0x7fc/0x1330 [bnx2]
Jun  3 02:11:47 el6db kernel: [<ffffffff81460ed3>] ? net_rx_action+0x103/0x2f0
Jun  3 02:11:47 el6db kernel: Mem-Info:
Jun  3 02:11:47 el6db kernel: Node 0 Normal free:41436kB min:45056kB low:56320kB high:67584kB active_anon:1001kB present:16547840kB
Jun  3 02:11:47 el6db kernel: lowmem_reserve[]: 0 0 0 0
Jun  3 02:11:47 el6db kernel: Node 0 Normal: 10359*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 41436kB
Jun  3 02:11:47 el6db kernel: 4194303 pages RAM
Jun  3 02:11:47 el6db kernel: SLAB: Unable to allocate memory on node 0 (gfp=0x20)
Jun  3 02:11:47 el6db kernel:  cache: size-4096, object size: 4096, order: 1
Jun  3 02:11:47 el6db kernel:  node 0: slabs: 3021/3021, objs: 3021/3021, free: 0
"""
    event = parse_text(text).events[0]
    assert (event.order, event.gfp_flags, event.gfp_era, event.atomic) == (1, ["GFP_ATOMIC"], "2.6.32", True)
    assert (event.slab.cache, event.slab.object_size, event.slab.min_order) == ("size-4096", 4096, 1)
    assert (event.context, event.driver, event.truncated) == ("network-rx", "bnx2", False)


def test_rhel5_2_6_18_report_without_task_line_and_lower_case_mem_info():
    # RHEL 5 (2.6.18-419.el5) x86_64: no task line before the trace; "Mem-info:"; kernel from --kernel/uname.
    text = """swapper: page allocation failure. order:1, mode:0x20
Call Trace:
 <IRQ>  [<ffffffff8000f2ab>] __alloc_pages+0x2b5/0x2ce
 [<ffffffff80031b8b>] __netdev_alloc_skb+0x12/0x2d
 [<ffffffff8815d3a0>] :e1000:e1000_alloc_rx_buffers+0x9c/0x2dd
 [<ffffffff8815d7b6>] :e1000:e1000_clean_rx_irq+0x205/0x4a1
 [<ffffffff8008d44f>] net_rx_action+0xac/0x1b3
 [<ffffffff80012562>] __do_softirq+0x89/0x133
Mem-info:
Node 0 DMA per-cpu:
cpu 0 hot: high 0, batch 1 used:0
Node 0 DMA free:10172kB min:16kB low:20kB high:24kB active:0kB inactive:0kB present:9676kB pages_scanned:0 all_unreclaimable? yes
lowmem_reserve[]: 0 3000 4010 4010
Node 0 DMA: 3*4kB 4*8kB 5*16kB 2*32kB 4*64kB 2*128kB 1*256kB 0*512kB 1*1024kB 0*2048kB 2*4096kB = 10172kB
"""
    event = parse_text(text, kernel_hint="2.6.18-419.el5").events[0]
    assert (event.comm, event.order, event.gfp_flags, event.atomic) == ("swapper", 1, ["GFP_ATOMIC"], True)
    assert event.zones[0].free_kb == 10172 and event.buddy["DMA"]["0"] == 3
    assert (event.context, event.driver, event.in_interrupt) == ("network-rx", "e1000", True)
    assert "e1000_clean_rx_irq" in event.call_trace
    assert (event.pid, event.kernel) == (None, None)  # 2.6.18 prints no task line ...
    assert event.truncated is False  # ... so its absence does not make the report incomplete


# (fixture, [(node, zone, present_kb, managed_kb, boost_kb)]) read off each zone line by hand:
# "present:" is printed by every era, "managed:" from 3.8, "boost:" from 5.0 (show_free_areas()).
ZONE_SIZE_ROWS = [
    ("dmesg_2.6.32_i686_e100_seed.txt", [(None, "DMA", 15872, None, None), (None, "Normal", 243776, None, None)]),
    ("dmesg_3.10_rhel7_ixgbe.txt", [(0, "DMA", 15992, 15908, None), (0, "DMA32", 1843200, 1666312, None),
                                    (0, "Normal", 65011712, 63945992, None)]),
    ("dmesg_3.10_ppc64le_ibmveth.txt", [(0, "DMA", 8388608, 8321536, None)]),
    ("dmesg_4.14_amzn2_ena_nodemask.txt", [(0, "DMA", 15992, 15908, None), (0, "DMA32", 3129256, 3063808, None),
                                           (0, "Normal", 13107200, 12888584, None)]),
    ("dmesg_4.18_rhel8_mlx5_numa_slub.txt", [(0, "DMA", 15996, 15360, 0), (0, "DMA32", 1575936, 1509112, 0),
                                             (0, "Normal", 265289728, 261296536, 0),
                                             (1, "Normal", 268435456, 264190224, 0)]),
    ("dmesg_5.10_arm64_hns3.txt", [(0, "DMA", 1048576, 982912, 0), (0, "Normal", 33554432, 32485152, 0)]),
    ("messages_5.14_rhel9_virtio.txt", [(0, "DMA", 15992, 15360, 0), (0, "DMA32", 2080616, 1999080, 0)]),
    ("journal_6.12_short-iso_bnxt.txt", [(0, "DMA", 15992, 15360, 0), (0, "DMA32", 2080640, 1957536, 0),
                                         (0, "Normal", 14680064, 14340220, 0)]),
]


@pytest.mark.parametrize("name,expected", ZONE_SIZE_ROWS, ids=[r[0] for r in ZONE_SIZE_ROWS])
def test_zone_lines_give_present_managed_and_boost_of_each_era(name, expected):
    event = parse_file(fixture_path(name)).events[0]
    assert [(z.node, z.zone, z.present_kb, z.managed_kb, z.boost_kb) for z in event.zones] == expected
    assert all({"present_kb", "managed_kb", "boost_kb"} <= set(z) for z in event.to_dict()["zones"])


def test_rhel5_zone_line_gives_present_without_managed():
    # 2.6.18: "... active:%lukB inactive:%lukB present:%lukB pages_scanned:%lu all_unreclaimable? %s"
    text = ("swapper: page allocation failure. order:0, mode:0x20\nMem-info:\n"
            "Node 0 DMA free:10172kB min:16kB low:20kB high:24kB active:0kB inactive:0kB present:9676kB "
            "pages_scanned:0 all_unreclaimable? yes\n")
    zone = parse_text(text, kernel_hint="2.6.18-419.el5").events[0].zones[0]
    assert (zone.present_kb, zone.managed_kb, zone.boost_kb, zone.min_kb) == (9676, None, None, 16)


def test_a_nonzero_boost_is_kept_apart_from_the_printed_min():
    # 6.1 x86_64 zone line during a fragmentation boost: min/low/high printed include the boost.
    text = ("[ 5.0] kworker/1:1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)\n"
            "[ 5.0] Mem-Info:\n"
            "[ 5.0] Node 0 Normal free:20480kB boost:8192kB min:41024kB low:49216kB high:57408kB "
            "reserved_highatomic:0KB active_anon:0kB present:6291456kB managed:6166108kB mlocked:0kB\n")
    zone = parse_text(text).events[0].zones[0]
    assert (zone.boost_kb, zone.min_kb, zone.present_kb, zone.managed_kb) == (8192, 41024, 6291456, 6166108)


def test_2_4_alloc_pages_lines_decode_with_the_2_4_gfp_layout_and_no_comm():
    # 2.4 __alloc_pages(): "__alloc_pages: %u-order allocation failed (gfp=0x%x/%i)"; figures in the fixture's comment
    events = parse_file(fixture_path("messages_2.4.20_router_alloc_pages_gfp.txt")).events
    assert [(e.line, e.order, e.gfp_mask, e.atomic) for e in events] == [
        (8, 0, "0x20", True), (9, 0, "0x20", True), (11, 0, "0x20", True), (12, 1, "0x1f0", False), (13, 0, "0x30", False)]
    assert [e.gfp_flags for e in events][-2:] == [["GFP_KERNEL"], ["GFP_NOIO"]]
    for event in events:
        # the line names no task, prints no release, trace or zones: nothing of that is claimed
        assert (event.kind, event.comm, event.pid, event.kernel) == ("page-allocation-failure", None, None, None)
        assert (event.gfp_era, event.context, event.driver, event.zones, event.truncated) == (
            "2.4", "unknown", None, [], False)
        assert event.wallclock is not None


def test_2_4_0_to_2_4_9_line_without_a_mask_and_the_2_4_10_pre_form():
    # 2.4.0-2.4.9: KERN_ERR "__alloc_pages: %lu-order allocation failed.\n" (no mask printed, by design);
    # 2.4.10-pre: "... (gfp=0x%x/%i) from %p\n"
    text = ("Aug 19 12:28:16 sol kernel: __alloc_pages: 0-order allocation failed.\n"
            "Aug 19 12:28:37 sol last message repeated 364 times\n"
            "Oct  6 14:54:59 sol kernel: __alloc_pages: 2-order allocation failed (gfp=0x1f0/0) from c012a4b5\n")
    first, second = parse_text(text).events
    assert (first.order, first.gfp_mask, first.atomic, first.comm, first.host, first.unusable) == (0, None, None, None, "sol", None)
    assert (second.order, second.gfp_mask, second.gfp_era, second.atomic) == (2, "0x1f0", "2.4", False)


@pytest.mark.parametrize("text", [
    'I am have problem with "kernel: __alloc_pages: 0-order allocation failed."\n',
    "What does __alloc_pages: 0-order allocation failed (gfp=0x20/0) mean on my router?\n",
    "- __alloc_pages: 0-order allocation failed (gfp=0x20/0) keeps showing up in the log\n",
])
def test_2_4_line_quoted_in_a_sentence_is_no_event(text):
    assert parse_text(text).events == []
