"""
The rules that name a different cause than the reserve: non-atomic failures,
vmalloc failures and high-order atomic receive failures.

Fixtures (tests/fixtures/rules/, dmesg format with uptime stamps):
* dmesg_4.18_rhel8_xfs_order4_gfp_kernel.txt - RHEL 8 4.18.0-305: order 4,
  mode 0x6040c0(GFP_KERNEL|__GFP_COMP) in an xfs CIL worker (0x200000
  __GFP_DIRECT_RECLAIM set: may sleep).
* dmesg_5.10_vmalloc_failure.txt - Debian 11 5.10: "vmalloc: allocation
  failure: 8589938688 bytes" in the header (mm/vmalloc.c warn_alloc).
* dmesg_3.10_rhel7_e1000e_order2_rx.txt - RHEL 7 3.10.0-1160: order 2,
  mode 0x104020 (GFP_ATOMIC|__GFP_COMP|__GFP_KMEMCG) from
  e1000_alloc_rx_buffers under net_rx_action; Normal free 337772 kB, far above
  min 61616 kB, but only order-0/1 blocks free (64633 x 4 kB + 9905 x 8 kB).
* dmesg_3.10_rhel7_scsi_order0_atomic.txt - RHEL 7 3.10.0-957: order-0
  GFP_ATOMIC in the SCSI completion softirq (storage, not network).
"""

from insights.formats import render

from pagealloc.kernlog.parse import parse_lines
from pagealloc.rules import high_order_atomic_rx_failure, non_atomic_alloc_failure, vmalloc_failure
from tests.rules.inputs import SEED_DMESG, fixture, host, run, said


def logs_only(name):
    """A plain log: no memory state collected."""
    text = SEED_DMESG if name == "seed" else fixture("rules", name)
    return host(dmesg=text, min_free=None, zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None)


def test_non_atomic_failure_is_memory_pressure_not_a_reserve_problem():
    result = run(non_atomic_alloc_failure.report, logs_only("dmesg_4.18_rhel8_xfs_order4_gfp_kernel.txt"))
    assert result["error_key"] == "NON_ATOMIC_ALLOC_FAILURE"
    assert result["cause"] == "fragmentation"  # order 4 only
    f = result["failures"]
    assert (f["count"], f["orders"], f["gfp_masks"], f["comms"]) == (1, [4], ["0x6040c0"], ["kworker/u64:3"])
    assert f["gfp_flags"] == ["GFP_KERNEL", "__GFP_COMP"]
    assert f["kernel"] == "4.18.0-305.el8.x86_64"
    assert f["contexts"] == ["filesystem"]
    assert "fragmentation, not a vm.min_free_kbytes problem" in render(non_atomic_alloc_failure.report, result)
    text = said(result)  # the human report's words
    assert "could not assemble contiguous pages even after reclaim" in text
    assert "vm.min_free_kbytes is not the fix" in text


def test_non_atomic_rule_is_silent_on_atomic_failures():
    for name in ("seed", "dmesg_3.10_rhel7_e1000e_order2_rx.txt", "dmesg_5.10_vmalloc_failure.txt"):
        assert run(non_atomic_alloc_failure.report, logs_only(name)) is None, name


def test_vmalloc_failure_is_information_only():
    result = run(vmalloc_failure.report, logs_only("dmesg_5.10_vmalloc_failure.txt"))
    assert result["type"] == "info"
    assert result["info_key"] == "VMALLOC_FAILURE"
    assert result["failures"]["count"] == 1
    assert result["failures"]["comms"] == ["insmod"]
    assert "not a vm.min_free_kbytes problem" in render(vmalloc_failure.report, result)
    assert run(vmalloc_failure.report, logs_only("seed")) is None


def test_high_order_atomic_rx_failure_points_at_fragmentation():
    result = run(high_order_atomic_rx_failure.report, logs_only("dmesg_3.10_rhel7_e1000e_order2_rx.txt"))
    assert result["error_key"] == "HIGH_ORDER_ATOMIC_RX_FAILURE"
    f = result["failures"]
    assert (f["orders"], f["drivers"], f["gfp_masks"]) == ([2], ["e1000e"], ["0x104020"])
    normal = [z for z in result["evidence"][0]["zones"] if z["zone"] == "Normal"][0]
    # Plenty free, far above min: not a reserve problem.
    assert (normal["free_kb"], normal["min_kb"], normal["below_min"]) == (337772, 61616, False)
    # ... but no free block of order >= 2 outside DMA (DMA: 1x16k + 2x64k + 128k + 256k + 1M + 2M
    # + 3x4M = 10 blocks, kept from Normal allocations by lowmem_reserve).
    blocks = {z["zone"]: z["free_blocks_at_order"] for z in result["evidence"][0]["zones"]}
    assert blocks == {"DMA": 10, "DMA32": 0, "Normal": 0}
    assert result["advice"] == ["driver_rx_buffer_options", "compaction"]  # no NIC facts collected
    assert result["jumbo_nics"] == []
    assert "order 2 in the network" in render(high_order_atomic_rx_failure.report, result)
    text = said(result)  # the human report's words
    assert "Raising vm.min_free_kbytes helps less here than for order-0 failures." in text
    assert "zone DMA32 had" in text and "0 free blocks of order 2 or more" in text and "block(s)" not in text


def test_high_order_rule_is_silent_on_order0_and_non_network_failures():
    for name in ("seed", "dmesg_3.10_rhel7_scsi_order0_atomic.txt", "dmesg_4.18_rhel8_xfs_order4_gfp_kernel.txt"):
        assert run(high_order_atomic_rx_failure.report, logs_only(name)) is None, name


def test_free_blocks_at_order_counts_blocks_large_enough():
    # Seed buddy lines (parser output): DMA 0*4 2*8 1*16 0*32 5*64 1*128 2*256 ...
    # blocks of order >= 2: 1 + 0 + 5 + 1 + 2 = 9; Normal has only 179 order-0 blocks.
    seed = parse_lines(SEED_DMESG.splitlines(), source="dmesg").events[0]
    assert high_order_atomic_rx_failure.free_blocks_at_order(seed.buddy["DMA"], 2) == 9
    assert high_order_atomic_rx_failure.free_blocks_at_order(seed.buddy["Normal"], 1) == 0


def test_jumbo_mtu_nic_adds_the_mtu_advice():
    # The same RHEL 7 host with its runtime reserve (67584: the fixture's zone mins
    # 32 + 5932 + 61616 kB derive from it) and `ip -s -d link` (iproute 4.11) showing
    # eno1 at MTU 9000: a 9000-byte frame needs a 16 kB (order-2) rx buffer.
    data = host(dmesg=fixture("rules", "dmesg_3.10_rhel7_e1000e_order2_rx.txt"), min_free="67584",
                zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None,
                ip_link=fixture("rules", "ip_-s_-d_link_rhel7_jumbo"))
    result = run(high_order_atomic_rx_failure.report, data)
    assert result["jumbo_nics"] == [{"name": "eno1", "mtu": 9000}]
    assert result["advice"] == ["lower_mtu", "driver_rx_buffer_options", "compaction"]
    assert result["min_free_kbytes"]["current"] == 67584
    assert "eno1 uses MTU 9000" in render(high_order_atomic_rx_failure.report, result)


def posted_only(name):
    return host(dmesg=fixture("posted", name), min_free=None, zoneinfo=None, meminfo=None, uname=None,
                sysctl_conf=None)


def test_a_high_order_receive_failure_of_the_stacks_own_object_gets_no_driver_advice():
    # syslog_2.6.32_el6_tcp_syn.txt (2.6.32-279 el6, posted): order 1, mode 0x20, sk_prot_alloc <- sk_clone <-
    # inet_csk_clone <- tcp_create_openreq_child <- tcp_v4_syn_recv_sock: the socket of a connection being
    # accepted (TCP's slab cache), which neither the MTU nor a driver option sizes.
    result = run(high_order_atomic_rx_failure.report, posted_only("syslog_2.6.32_el6_tcp_syn.txt"))
    assert result["error_key"] == "HIGH_ORDER_ATOMIC_RX_FAILURE"
    assert result["advice"] == ["compaction"]
    assert [(r["by"], r["function"], r["object"], r["counter"]) for r in result["requested_by"]] == \
        [("stack", "sk_prot_alloc", "socket", "TcpExtListenDrops")]
    assert "the network stack's own objects (sk_prot_alloc)" in render(high_order_atomic_rx_failure.report, result)
    text = " ".join(said(result).split())
    assert "the network stack, not the driver, asked for 2 contiguous pages" in text
    assert "nstat -az TcpExtListenDrops" in text and "receive buffer option" not in text


def test_a_driver_buffer_keeps_the_driver_advice_and_names_its_frame():
    # dmesg_3.10_rhel7_e1000e_order2_rx.txt: __netdev_alloc_skb under e1000_alloc_rx_buffers.
    result = run(high_order_atomic_rx_failure.report, logs_only("dmesg_3.10_rhel7_e1000e_order2_rx.txt"))
    assert [(r["by"], r["function"]) for r in result["requested_by"]] == [("rx_buffer", "__netdev_alloc_skb")]
    assert result["advice"] == ["driver_rx_buffer_options", "compaction"]
    assert "the driver asked for 4 contiguous pages" in " ".join(said(result).split())


def test_a_report_without_the_time_says_which_report_its_zones_are_from():
    # A paste whose log lines lost their stamps: its zones were said "at None" before.
    from pagealloc.render.findings import free_blocks_lines
    zones = [{"zone": "Normal", "free_kb": 716, "free_blocks_at_order": 0}]
    assert free_blocks_lines([{"timestamp": None, "wallclock": None, "order": 1, "zones": zones}]) == \
        ["in the report: zone Normal had 716 kB free but no free block of order 1 or more"]
    two = [{"timestamp": 5.5, "order": 1, "zones": zones}, {"timestamp": None, "order": 1, "zones": zones}]
    assert [line.split(":")[0] for line in free_blocks_lines(two)] == ["at 5.500 s after boot", "in report 2"]


def test_a_gfp_noio_request_is_said_to_have_no_compaction_of_its_own():
    # mail_6.8_qp_body_under_long_mail_header_ath11k.txt (6.8.0-rc3, posted): order 4, mode 0x40c00
    # (GFP_NOIO|__GFP_COMP: __GFP_IO 0x40 clear), so try_to_compact_pages() returned COMPACT_SKIPPED.
    result = run(non_atomic_alloc_failure.report, posted_only("mail_6.8_qp_body_under_long_mail_header_ath11k.txt"))
    assert result["cause"] == "fragmentation"
    assert (result["direct_compaction"]["possible"], result["direct_compaction"]["missing"]) == (False, ["__GFP_IO"])
    text = " ".join(said(result).split())
    assert "this mask may not compact memory for itself: without __GFP_IO the kernel skips direct compaction" in text
    # GFP_KERNEL (RHEL 8, 4.18): it compacted and failed all the same.
    result = run(non_atomic_alloc_failure.report, logs_only("dmesg_4.18_rhel8_xfs_order4_gfp_kernel.txt"))
    assert result["direct_compaction"]["possible"] is True
    assert "even after reclaim and compaction: fragmentation" in " ".join(said(result).split())


def test_an_unjudged_report_names_only_the_figures_it_has():
    # A SLUB block without its page allocation report (issue_5.x_journal_monotonic_title_header_slub_blocks.txt:
    # "SLUB: Unable to allocate memory on node -1, gfp=0x900"): a mode and no order; it said "order None" before.
    from pagealloc.render.findings import reports_found
    rows = [{"when": "21161.094 s after boot", "source": "dmesg", "line": 24, "kind": "slab-allocation-failure",
             "order": None, "gfp_mask": "0x900", "why": "slab_only"},
            {"when": None, "source": "dmesg", "kind": "page-allocation-failure", "order": 3, "gfp_mask": None,
             "why": "unclassified"}]
    first, second = reports_found({"reports": rows, "count": 2, "why": {"slab_only": 1, "unclassified": 1}},
                                  None)["paragraphs"][1]
    assert ", mode 0x900; " in first and "order" not in first.split(";")[0]
    assert ", order 3; " in second and "mode" not in second.split(";")[0]
