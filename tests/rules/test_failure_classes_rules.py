"""
The rules for the failures the reserve rule does not judge, on real posted reports.

Each input is a post of tests/fixtures/posted/ (address and kernel in its first lines) read as
the host's dmesg, no memory state collected (a ticket's paste), plus one knowledge-base excerpt
in tests/fixtures/rules/ (messages_novell_order4_0xd0_no_release.txt).
"""

from pagealloc.rules import (
    alloc_mask_undecided,
    allocation_stall,
    failure_reports_found,
    high_order_atomic_failure,
    high_order_atomic_rx_failure,
    min_free_kbytes_low_atomic_rx,
    non_atomic_alloc_failure,
    nowait_alloc_failure,
)
from tests.rules.inputs import fixture, host, run, said


def pasted(*path):
    """A posted excerpt as the only kernel log of a host nothing else was collected from."""
    return host(dmesg=fixture(*path), min_free=None, zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None)


def test_gfp_nowait_failure_is_memory_pressure_not_the_reserve():
    # earlyoom #220, 5.9.0-0.rc4.5.fc34: journald, order 0, mode 0x800(GFP_NOWAIT) = __GFP_KSWAPD_RECLAIM
    # alone: no __GFP_HIGH, so no ALLOC_MIN_RESERVE; the request fails at min itself.
    data = pasted("posted", "journal_5.9_uptime_kernel_tag.txt")
    result = run(nowait_alloc_failure.report, data)
    assert result["info_key"] == "NOWAIT_ALLOC_FAILURE"
    f = result["failures"]
    assert (f["count"], f["orders"], f["gfp_masks"], f["gfp_flags"]) == (1, [0], ["0x800"], ["GFP_NOWAIT"])
    assert result["look_at"][-2:] == ["memory_holders", "kswapd"]
    text = said(result)
    assert "Raising vm.min_free_kbytes raises min with it, so it does not help this request" in text
    # the reserve rule does not take it: nothing to say about the reserve from a paste
    assert run(min_free_kbytes_low_atomic_rx.report, data) is None


def test_allocation_stall_is_said_as_a_stall_not_a_failure():
    # raspberrypi/linux #2909, 4.14.79-v7+: "python3: page allocation stalls for 10060ms, order:1,
    # mode:0x15080c0(GFP_KERNEL_ACCOUNT|__GFP_ZERO)".
    result = run(allocation_stall.report, pasted("posted", "quoted_4.14_arm_stall_wrapped.txt"))
    assert result["info_key"] == "ALLOCATION_STALL"
    assert (result["failures"]["comms"], result["failures"]["orders"]) == (["python3"], [1])
    text = said(result)
    assert text.startswith("An allocation stalled in memory reclaim")
    assert "spent over 10 seconds in direct reclaim" in text


def test_high_order_atomic_failure_outside_receive_is_fragmentation_with_exact_advice():
    # porjo/mt7601 #21, Debian 3.2 armel: khubd, order 5, mode 0x20, DMA buffers at probe (not receive).
    data = pasted("posted", "indented_3.2_arm_probe_not_rx.txt")
    assert run(high_order_atomic_rx_failure.report, data) is None
    result = run(high_order_atomic_failure.report, data)
    assert result["error_key"] == "HIGH_ORDER_ATOMIC_FAILURE"
    f = result["failures"]
    assert (f["orders"], f["comms"]) == ([5], ["khubd"]) and "network-rx" not in f["contexts"]
    assert result["advice"] == ["caller_fallback", "background_compaction", "min_free_kbytes_secondary"]
    text = said(result)
    assert "too few free blocks that large were left. This is fragmentation" in text
    assert "a one-off echo 1 > /proc/sys/vm/compact_memory only helps until memory fragments again" in text


def test_slab_blocks_alone_count_with_the_order0_atomic_report_beside_them():
    # patchew (6.x): two SLUB blocks for skbuff_head_cache, gfp=0x480020(GFP_ATOMIC), min order 0, then a
    # rate-limited swapper/100 header without its trace: 3 order-0 atomic failures, path unknown.
    data = pasted("posted", "patch_mail_slub_then_header.txt")
    result = run(min_free_kbytes_low_atomic_rx.report, data)
    assert (result["info_key"], result["reason"]) == ("INSUFFICIENT_DATA", "reserve_unknown")
    assert result["failures"]["count"] == 3 and result["failures"]["contexts"] == ["unknown"]
    assert result["missing_inputs"][-1] == min_free_kbytes_low_atomic_rx.FULL_REPORTS_INPUT
    assert run(failure_reports_found.report, data) is None
    assert "may use the reserve below the min watermark" in said(result)


def test_a_headers_only_mask_of_2_6_to_4_3_is_decided_and_judged():
    # Micro Focus (Novell) KB 7014973: five "novfsd: page allocation failure: order:4, mode:0xd0" header
    # lines, no task line, no release: 0xd0 reads GFP_KERNEL (2.6-4.3) in the only eras whose reading a
    # warning can print (pagealloc.knowledge.gfp), so it is judged: fragmentation, not the reserve.
    data = pasted("rules", "messages_novell_order4_0xd0_no_release.txt")
    assert run(alloc_mask_undecided.report, data) is None
    result = run(non_atomic_alloc_failure.report, data)
    assert (result["error_key"], result["cause"], result["failures"]["count"]) == (
        "NON_ATOMIC_ALLOC_FAILURE", "fragmentation", 5)


# 3.x warn_alloc_failed() header ("%s: page allocation failure: order:%d, mode:0x%x", mm/page_alloc.c
# 3.10) of a GFP_NOIO request, no task line, no release: 0x10 is __GFP_WAIT (GFP_NOIO, may sleep) up to
# 4.3 and __GFP_RECLAIMABLE alone (no reclaim bit, may not sleep) from 4.4.
NOIO_HEADER = "[ 5123.004417] kworker/u8:2: page allocation failure: order:2, mode:0x10\n"


def test_mask_of_unknown_era_says_what_is_known_and_what_is_missing():
    data = host(dmesg=NOIO_HEADER, min_free=None, zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None)
    result = run(alloc_mask_undecided.report, data)
    assert result["info_key"] == "ALLOC_MASK_UNDECIDED"
    assert (result["failures"]["count"], result["failures"]["orders"]) == (1, [2])
    readings = {r["flags"]: (r["may_sleep"], r["eras"][0]) for r in result["readings"]}
    # The colon of "failure: order:" is 3.0+ (warn_alloc_failed()): the 2.6 table is left out.
    assert readings["GFP_NOIO"] == (True, "3.10")
    assert not any("2.6.32" in r["eras"] for r in result["readings"])
    assert (result["header_since"], result["readings"][0]["releases"][0]) == ("3.0", "3.0-4.3")
    assert [sleeps for sleeps, _ in readings.values()].count(False) >= 1  # a 4.4+ reading without reclaim
    assert result["missing_inputs"] == ["uname"]
    text = said(result)
    assert text.startswith("1 page allocation failure report found, but whether the request could sleep "
                           "depends on the kernel release: collect uname -r")
    assert "The header's form dates the kernel 3.0 or later (the colon in 'failure: order:'" in text
    assert "0x10 on kernels 3.0-4.3: GFP_NOIO (may sleep)" in text
    for rule in (non_atomic_alloc_failure, min_free_kbytes_low_atomic_rx, failure_reports_found):
        assert run(rule.report, data) is None  # no verdict on a guess, and no double answer


def test_a_header_whose_form_proves_4_18_is_read_with_the_4_18_layouts_only():
    # The same request as a 5.0+ (RHEL 8 4.18) header prints it (",cpuset=" continues the header's line,
    # cpuset.c cpuset_print_current_mems_allowed()), its names lost in a paste: 0x10 is __GFP_RECLAIMABLE in
    # every layout from 4.18 on, no reclaim bit: decided, never ALLOC_MASK_UNDECIDED.
    header = NOIO_HEADER.rstrip("\n") + ", nodemask=(null),cpuset=/,mems_allowed=0\n"
    data = host(dmesg=header, min_free=None, zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None)
    assert run(alloc_mask_undecided.report, data) is None
    # ... and the 2.6 form ("failure. order:") dates it to the 2.6 table: GFP_NOIO, may sleep.
    data = host(dmesg=NOIO_HEADER.replace("failure: order", "failure. order"), min_free=None, zoneinfo=None,
                meminfo=None, uname=None, sysctl_conf=None)
    assert run(alloc_mask_undecided.report, data) is None
    assert run(non_atomic_alloc_failure.report, data)["error_key"] == "NON_ATOMIC_ALLOC_FAILURE"


def test_another_systems_high_order_report_is_listed_by_the_catch_all():
    # The RHEL 7 e1000e order-2 receive report against the seed host (2.6.32, 1 GiB): another memory size,
    # so the high-order rule (this host only) sets it aside and the catch-all says so.
    data = host(dmesg=fixture("rules", "dmesg_3.10_rhel7_e1000e_order2_rx.txt"))
    assert run(high_order_atomic_rx_failure.report, data) is None
    result = run(failure_reports_found.report, data)
    assert result["info_key"] == "FAILURE_REPORTS_FOUND"
    assert result["why"] == {"other_system": 1}
    assert result["reports"][0]["order"] == 2 and result["reports"][0]["detail"]
    assert "from another system" in said(result)


def test_slab_blocks_of_a_memory_cgroups_cache_are_its_charge_not_the_reserve():
    # moby #35545 (s26-verdict): four "SLUB: Unable to allocate memory on node -1 (gfp=0x20)" blocks of
    # "kmalloc-1024(1793:<container id>)", a container's copy of kmalloc-1024 (mm/slab_common.c
    # memcg_create_kmem_cache(), 3.8-5.8), and no page allocation report: the cgroup's kmem charge failed
    # at its limit (a failed page allocation prints its own report).  Before, the main rule counted them
    # as 4 order-0 atomic failures and offered a provisional raise of vm.min_free_kbytes.
    data = pasted("posted", "issue_3.10_docker_memcg_slub_only.txt")
    assert run(min_free_kbytes_low_atomic_rx.report, data) is None
    result = run(failure_reports_found.report, data)
    assert result["why"] == {"memcg_slab_cache": 4}
    assert result["reports"][0]["detail"].startswith("cache kmalloc-1024(1793:")
    assert "the cgroup's kmem charge failed at its limit" in said(result)


def test_the_same_slab_blocks_of_the_root_cache_still_count_for_the_reserve():
    # Metamorphic: the cache names without the cgroup suffix ("kmalloc-1024"): a slab of the global cache
    # is a plain page allocation at its min order, so the blocks stay order-0 atomic failures the reserve
    # answers for (trace lost): INSUFFICIENT_DATA without the host's reserve.
    text = fixture("posted", "issue_3.10_docker_memcg_slub_only.txt").replace(
        "kmalloc-1024(1793:c8edefa90517e21bc691deef20c17220af0f0ac69962cc51007d372e7dd40256)", "kmalloc-1024")
    data = host(dmesg=text, min_free=None, zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None)
    result = run(min_free_kbytes_low_atomic_rx.report, data)
    assert (result["info_key"], result["failures"]["count"]) == ("INSUFFICIENT_DATA", 4)
    assert run(failure_reports_found.report, data) is None
