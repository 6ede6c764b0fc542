"""
MemoryPicture on the bundled examples, on a real sosreport of this machine,
and on missing, broken and conflicting inputs.
"""

import doctest
import os

from insights import dr
from insights.core.hydration import initialize_broker
from insights.parsers.ethtool import Ring
from insights.parsers.ip import IpLinkInfo
from insights.parsers.meminfo import MemInfo
from insights.parsers.sysctl import Sysctl
from insights.parsers.transparent_hugepage import ThpEnabled
from insights.parsers.uname import Uname
from insights.tests import context_wrap

from pagealloc.combiners import (
    host_identity,
    memory_picture,
    memory_zones,
    min_free_reserve,
    nic_rx,
    persisted_config,
    picture_json,
)
from pagealloc.combiners.host_identity import HostIdentity
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.memory_zones import MemoryZones
from pagealloc.combiners.min_free_reserve import MinFreeReserve
from pagealloc.combiners.nic_rx import NicRxFacts
from pagealloc.combiners.persisted_config import PersistedConfig
from pagealloc.knowledge import fact
from pagealloc.parsers.sysctl_files import SysctlConfFile, SysctlDFile
from pagealloc.parsers.thp_state import ThpState
from pagealloc.parsers.tuned_profiles import TunedActiveProfile, TunedProfile
from pagealloc.parsers.uname_machine import UnameMachine
from pagealloc.parsers.vm_tunables import MinFreeKbytes
from pagealloc.parsers.zoneinfo import ZoneInfo
from tests.parsers.fixtures import fixture_text

SEED_MEMINFO = "MemTotal:         254648 kB\nMemFree:           14640 kB\nLowTotal:         254648 kB\n"
SEED_UNAME = "Linux e100-host 2.6.32-5-686 #1 SMP Tue Jun 1 04:59:47 UTC 2010 i686 GNU/Linux"
# ethtool -g and "ip -s -d link" of the seed's e100, copied from examples/sosreport-e100-rx-failure (Debian 6).
ETHTOOL_G_ETH0 = """Ring parameters for eth0:
Pre-set maximums:
RX:\t\t256
RX Mini:\t0
RX Jumbo:\t0
TX:\t\t128
Current hardware settings:
RX:\t\t256
RX Mini:\t0
RX Jumbo:\t0
TX:\t\t64
"""
IP_LINK_ETH0 = """1: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    RX: bytes  packets  errors  dropped overrun mcast
    1048576    12288    0       0       0       0
    TX: bytes  packets  errors  dropped carrier collsns
    1048576    12288    0       0       0       0
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP qlen 1000
    link/ether 00:0e:0c:5a:21:7f brd ff:ff:ff:ff:ff:ff
    RX: bytes  packets  errors  dropped overrun mcast
    2948219032 41290851 0       0       312     1523
    TX: bytes  packets  errors  dropped carrier collsns
    912345234  11203456 0       0       0       0
"""
VM_UNAME = "Linux vm 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 x86_64 GNU/Linux"


def picture(zoneinfo=None, min_free=None, meminfo=None, sysctl=None, sysctl_d=None, sysctl_conf=None,
            uname=None, thp=None, tuned_active=None, tuned_profiles=None, thp_rhel6=None, failures=None):
    """MemoryPicture from literal inputs, through the small combiners it is made of
    (``failures``: an AllocFailures-like object with ``events``)."""
    def wrap(cls, text, path="path"):
        return cls(context_wrap(text, path=path, strip=False)) if text is not None else None
    identity = HostIdentity(wrap(Uname, uname), wrap(UnameMachine, uname))
    memory = MemoryZones(wrap(ZoneInfo, zoneinfo), wrap(MemInfo, meminfo), failures, identity, wrap(ThpEnabled, thp),
                         wrap(ThpState, thp_rhel6, "sys/kernel/mm/redhat_transparent_hugepage/enabled"))
    reserve = MinFreeReserve(wrap(MinFreeKbytes, min_free), wrap(Sysctl, sysctl), memory, failures)
    persisted = PersistedConfig(
        [wrap(SysctlDFile, text, path) for path, text in (sysctl_d or {}).items()] or None,
        wrap(SysctlConfFile, sysctl_conf, "etc/sysctl.conf"), reserve, wrap(TunedActiveProfile, tuned_active),
        [wrap(TunedProfile, text, path) for path, text in (tuned_profiles or {}).items()] or None)
    return MemoryPicture(memory, reserve, persisted, identity)


def seed_picture(**inputs):
    return picture(zoneinfo=fixture_text("memory", "zoneinfo_2.6.32_i686_256mb.txt"), min_free="2038\n",
                   meminfo=SEED_MEMINFO, uname=SEED_UNAME, **inputs)


def test_doc_examples():
    assert doctest.testmod(memory_picture, globs={"memory_picture": seed_picture()})[0] == 0


def test_doc_examples_of_the_small_combiners():
    mp = seed_picture()
    persisted = picture(sysctl_d={"etc/sysctl.d/99-zzz.conf": "vm.min_free_kbytes = 135168\n"}).persisted
    ring = Ring(context_wrap(ETHTOOL_G_ETH0, path="sos_commands/networking/ethtool_-g_eth0"))
    link = IpLinkInfo(context_wrap(IP_LINK_ETH0))
    cases = ((host_identity, {"host_identity": mp.identity}), (memory_zones, {"memory_zones": mp.memory}),
             (min_free_reserve, {"min_free_reserve": mp.reserve}), (persisted_config, {"persisted_config": persisted}),
             (nic_rx, {"nic_rx_facts": NicRxFacts([ring], None, link)}), (picture_json, {}), (fact, {}))
    for module, globs in cases:
        assert doctest.testmod(module, extraglobs=globs)[0] == 0, module.__name__


def run_pipeline(root):
    """The insights-core pipeline (specs -> parsers -> combiner) on a sosreport directory."""
    dr.load_components("insights.specs.default", "insights.specs.sos_archive", "pagealloc.specs",
                       "pagealloc.parsers.zoneinfo", "pagealloc.parsers.vm_tunables",
                       "pagealloc.parsers.sysctl_files", "pagealloc.parsers.tuned_profiles",
                       "pagealloc.parsers.uname_machine", continue_on_error=False)
    _, broker = initialize_broker(root)
    broker = dr.run(dr.get_dependency_graph(MemoryPicture), broker=broker)
    assert MemoryPicture not in broker.exceptions, broker.exceptions.get(MemoryPicture)
    return broker.get(MemoryPicture)


def test_bundled_e100_example(examples_dir):
    mp = run_pipeline(os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    # 2.6.32: DMA 3968 + Normal 60944 present pages -> int_sqrt(16 * 259648) = 2038 (= the runtime value).
    assert (mp.hostname, mp.kernel_release, mp.arch, mp.page_size_kb) == ("e100-host", "2.6.32-5-686", "i686", 4)
    assert (mp.mem_total_kb, mp.numa_nodes, mp.thp_enabled, mp.thp_supported) == (254648, 1, None, False)
    mf = mp.min_free_kbytes
    assert (mf["current"], mf["source"], mf["default"], mf["ratio"]) == (2038, "/proc/sys/vm/min_free_kbytes", 2038, 1.0)
    assert mf["default_basis"]["basis"] == "computed" and mf["default_basis"]["thp"] is None
    assert [(z["zone"], z["min_kb"], z["high_kb"]) for z in mp.zones] == [("DMA", 124, 184), ("Normal", 1908, 2860)]
    assert mp.zones[1]["buddy_free_blocks"] == [1402, 510, 96, 22, 5, 1, 0, 0, 0, 0, 0]
    # Nothing persisted: Debian's sysctl.conf is all comments, 30-postgresql-shm.conf does not set it.
    assert mf["persisted"]["value"] is None and mf["persisted"]["files"] == []
    assert mp.nics == [{"name": "eth0", "mtu": 1500, "rx_ring": 256, "rx_ring_max": 256, "rx_alloc_fail_counters": {}}]
    assert mp.missing_inputs == [] and mp.unusable_inputs == []
    assert mp.provenance["min_free_kbytes.current"] == "read /proc/sys/vm/min_free_kbytes"
    assert mp.provenance["min_free_kbytes.default"] == "computed"
    assert mp.to_dict()["min_free_kbytes"]["default"] == 2038


def test_bundled_healthy_example(examples_dir):
    mp = run_pipeline(os.path.join(examples_dir, "sosreport-healthy"))
    # Managed 3840 + 765942 + 3339520 pages = 16437208 kB: base 16217; THP madvise, 3 zones -> 67584.
    mf = mp.min_free_kbytes
    assert (mf["current"], mf["default"], mf["default_basis"]["base_kb"]) == (67584, 67584, 16217)
    assert (mp.thp_enabled, mp.watermark_scale_factor, mp.hostname) == ("madvise", 10, "healthy-host")
    persisted = mf["persisted"]
    assert persisted["value"] is None and persisted["masked"] == []  # /lib -> usr/lib is not masking
    assert persisted["tuned"]["profile"] == "throughput-performance" and persisted["tuned"]["value"] is None
    assert mp.missing_inputs == []


def test_real_sosreport_of_this_machine(real_sosreport_dir):
    mp = run_pipeline(real_sosreport_dir)
    with open("/proc/sys/vm/min_free_kbytes") as f:
        live = int(f.read())
    mf = mp.min_free_kbytes
    assert mf["current"] == live
    assert mf["default_basis"]["basis"] == "computed"
    persisted = mf["persisted"]
    if persisted["value"] is None and persisted["tuned"] is None:
        # Nothing tuned: the kernel's own choice must be what we compute.
        assert abs(mf["default"] - live) <= mf["default_basis"]["error_kb"], mf["default_basis"]


def test_real_sosreport_tarball_through_evaluate_path(real_sosreport_tarball):
    # The .tar.xz sos writes, opened and analysed the way `pagealloc triage` does.
    from pagealloc.evaluate import evaluate_path
    with open("/proc/sys/vm/min_free_kbytes") as f:
        live = int(f.read())
    result = evaluate_path(real_sosreport_tarball)
    picture = result["memory_picture"]
    assert picture["min_free_kbytes"]["current"] == live
    assert picture["zones"] and picture["mem_total_kb"] > 0
    assert not [e for e in result["errors"] if "memory_picture" in str(e)]


def test_this_vm_zoneinfo_gives_67584():
    # Managed 3840 + 772915 + 294912 = 1071667 pages = 4286668 kB: base int_sqrt(68586688) = 8281;
    # THP madvise, 3 zones up to Normal: 3 * 11 * 2048 = 67584 kB (what /proc showed on this VM).
    mp = picture(zoneinfo=fixture_text("memory", "zoneinfo_6.18_debian12_vm_3zones.txt"), min_free="67584",
                 meminfo=fixture_text("memory", "meminfo_6.18_debian12_vm.txt"), uname=VM_UNAME,
                 thp="always [madvise] never")
    mf = mp.min_free_kbytes
    assert (mf["default"], mf["default_basis"]["base_kb"], mf["ratio"]) == (67584, 8281, 1.0)


def test_two_numa_nodes_from_zoneinfo_give_90112():
    # Managed 3840 + 765942 + 7491322 (node 0) + 8257536 (node 1) = 16518640 pages = 66074560 kB:
    # base int_sqrt(16 * 66074560) = 32514; THP always, 4 zones up to Normal: 4 * 22528 = 90112.
    mp = picture(zoneinfo=fixture_text("memory", "zoneinfo_4.18_rhel8_2nodes.txt"), min_free="90112",
                 meminfo="MemTotal:       66074560 kB\n",
                 uname="Linux n 4.18.0-553.el8_10.x86_64 #1 SMP Fri May 10 15:19:13 EDT 2024 "
                       "x86_64 x86_64 x86_64 GNU/Linux", thp="[always] madvise never")
    mf = mp.min_free_kbytes
    assert (mp.numa_nodes, mf["default"], mf["default_basis"]["base_kb"]) == (2, 90112, 32514)
    assert mf["default_basis"]["thp"]["counted_zones"] == ["0/DMA", "0/DMA32", "0/Normal", "1/Normal"]


def test_rhel6_thp_from_the_redhat_path_raises_the_default():
    # RHEL 6 (2.6.32-754.el6) has THP; the same zones as this VM: 3 populated zones (<= 4.17 counts
    # all populated ones; Movable is empty) -> 67584 kB, computed, not the base 8281.
    mp = picture(zoneinfo=fixture_text("memory", "zoneinfo_6.18_debian12_vm_3zones.txt"), min_free="67584",
                 meminfo=fixture_text("memory", "meminfo_6.18_debian12_vm.txt"),
                 uname="Linux r6 2.6.32-754.el6.x86_64 #1 SMP Thu May 24 18:18:25 EDT 2018 "
                       "x86_64 x86_64 x86_64 GNU/Linux", thp_rhel6="[always] madvise never")
    assert (mp.thp_enabled, mp.thp_supported) == ("always", True)
    assert mp.min_free_kbytes["default"] == 67584
    assert mp.min_free_kbytes["default_basis"]["basis"] == "computed"


def test_meminfo_only_is_estimated_and_missing_inputs_are_named():
    mp = picture(meminfo=SEED_MEMINFO, uname=SEED_UNAME)
    mf = mp.min_free_kbytes
    # 2.6.32 counted present pages: LowTotal 254648 kB + struct pages 254648 x 32 / 4096 = 1989 kB
    # -> int_sqrt(16 x 256637) = 2026; range 2004..2151 (kernel_default tests) holds the true 2038.
    assert (mf["default"], mf["default_basis"]["basis"]) == (2026, "estimated")
    assert mf["default_basis"]["range"] == [2004, 2151] and mf["default_basis"]["error_kb"] == 125
    assert mf["current"] is None and mf["ratio"] is None
    assert mp.provenance["min_free_kbytes.default"] == "estimated"
    assert mp.missing_inputs == ["zoneinfo", "min_free_kbytes", "sysctl files"]


def test_garbage_inputs_are_reported_unusable_never_a_value():
    # (A meminfo that insights-core's MemInfo cannot parse at all never reaches the combiner: it is
    # then a component error in the broker and "meminfo" is listed as missing.)
    mp = picture(zoneinfo="garbage\x00\n", min_free="lots\n", meminfo="Garbage:  12 kB\n",
                 sysctl_d={"etc/sysctl.d/80-tuning.conf": fixture_text("memory", "sysctl_d_garbage.conf")})
    mf = mp.min_free_kbytes
    assert (mf["current"], mf["default"], mf["ratio"]) == (None, None, None)
    assert mf["default_basis"]["basis"] is None
    inputs = [u["input"] for u in mp.unusable_inputs]
    assert inputs == ["meminfo", "zoneinfo", "min_free_kbytes"]
    assert mf["persisted"]["value"] == 11264 and len(mf["persisted"]["errors"]) == 6


def test_incomplete_zoneinfo_falls_back_to_the_meminfo_estimate():
    text = fixture_text("memory", "zoneinfo_2.6.32_i686_256mb.txt").replace("        high     715\n", "")
    mp = picture(zoneinfo=text, min_free="2038", meminfo=SEED_MEMINFO, uname=SEED_UNAME)
    assert mp.min_free_kbytes["default_basis"]["basis"] == "estimated"
    assert {"input": "zoneinfo", "line": 43, "reason": "zone 0/Normal lacks high"} in mp.unusable_inputs


def test_persisted_value_tuned_and_conf_override_end_to_end():
    mp = picture(zoneinfo=fixture_text("memory", "zoneinfo_6.18_debian12_vm_3zones.txt"), min_free="67584",
                 meminfo=fixture_text("memory", "meminfo_6.18_debian12_vm.txt"), uname=VM_UNAME,
                 thp="always [madvise] never",
                 sysctl_d={"usr/lib/sysctl.d/50-vendor.conf": "vm.min_free_kbytes = 90112\n",
                           "etc/sysctl.d/99-zzz.conf": "vm.min_free_kbytes = 135168\n"},
                 sysctl_conf="vm.min_free_kbytes = 45056\n",
                 tuned_active="hpc-compute",
                 tuned_profiles={"usr/lib/tuned/hpc-compute/tuned.conf": fixture_text("memory", "tuned_hpc-compute.conf")})
    p = mp.min_free_kbytes["persisted"]
    assert (p["value"], p["winning_file"], p["boot_value"]) == (45056, "/etc/sysctl.conf", 135168)
    assert p["sysctl_conf_overrides"] is True and p["applied"] is False
    assert p["tuned"]["value"] == 135168 and p["tuned"]["overridden"] is True
    assert p["proposed_file"] == "/etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf"
    assert [f["path"] for f in p["files"]] == ["/usr/lib/sysctl.d/50-vendor.conf", "/etc/sysctl.d/99-zzz.conf",
                                               "/etc/sysctl.conf"]


def test_active_tuned_profile_without_its_tuned_conf_is_named_missing():
    # /etc/tuned/active_profile says hpc-compute, but no tuned.conf was collected: the
    # profile may set the key (hpc-compute ships 135168), so the persisted value is unsettled.
    mp = seed_picture(sysctl_conf="", tuned_active="hpc-compute")
    p = mp.min_free_kbytes["persisted"]
    assert (p["tuned"]["profile"], p["tuned"]["value"], p["tuned"]["file"]) == ("hpc-compute", None, None)
    assert (p["tuned"]["conf_collected"], p["tuned"]["unread_profiles"]) == (False, ["hpc-compute"])
    assert (p["value"], p["value_settled"], p["applied"]) == (None, False, None)
    assert mp.missing_inputs == ["tuned profile hpc-compute"]
    # With the profile collected, its value is read and nothing is missing.
    mp = seed_picture(sysctl_conf="", tuned_active="hpc-compute", tuned_profiles={
        "usr/lib/tuned/hpc-compute/tuned.conf": fixture_text("memory", "tuned_hpc-compute.conf")})
    p = mp.min_free_kbytes["persisted"]
    assert (p["tuned"]["value"], p["tuned"]["conf_collected"], p["value_settled"]) == (135168, True, True)
    assert mp.missing_inputs == []
    assert "TuneD profile(s) latency-performance not in the input" in mp.notes  # included first: irrelevant


def test_arm64_64k_page_size_is_derived_from_memtotal():
    # 2 zones of 64 KiB pages: managed 65536 + 196608 = 262144 pages; MemTotal 16777216 kB -> 64 kB pages.
    zoneinfo = "".join("Node 0, zone %8s\n  pages free     100\n        min      %d\n        low      %d\n"
                       "        high     %d\n        spanned  %d\n        present  %d\n        managed  %d\n"
                       "        protection: (0, 0, 0)\n" % (name, m, m * 5 // 4, m * 3 // 2, pages, pages, pages)
                       for name, m, pages in (("DMA32", 3276, 65536), ("Normal", 9830, 196608)))
    mp = picture(zoneinfo=zoneinfo, min_free="836352", meminfo="MemTotal:       16777216 kB\n",
                 uname="Linux a 4.18.0-513.5.1.el8_9.aarch64 #1 SMP Fri Sep 29 05:21:10 EDT 2023 "
                       "aarch64 aarch64 aarch64 GNU/Linux", thp="[always] madvise never")
    assert (mp.arch, mp.page_size_kb) == ("aarch64", 64)
    # See tests/knowledge/test_kernel_default.py for the hand computation: the 5% cap, 836352 kB.
    assert mp.min_free_kbytes["default"] == 836352


def seed_failures(kernel="2.6.32-5-686"):
    """AllocFailures-like: the seed dmesg's one report (zones DMA present 15872 kB, Normal 243776 kB)."""
    from types import SimpleNamespace

    from pagealloc.kernlog.parse import parse_text
    event = parse_text(fixture_text("logs", "dmesg_2.6.32_i686_e100_seed.txt")).events[0]
    event.kernel = kernel
    return SimpleNamespace(events=[event])


def test_failure_reports_alone_give_an_estimated_picture():
    # Reserve 124 + 1908 = 2032 (range 2032..2043); default int_sqrt(16 x 259648) = 2038; zones sum 259648.
    mp = picture(failures=seed_failures())
    mf = mp.min_free_kbytes
    assert (mf["current"], mf["source"], mf["ratio"]) == (None, None, None)  # nothing was read
    estimate = mf["current_estimated_from_report"]
    assert (estimate["value"], estimate["range"], estimate["report"]["line"]) == (2032, [2032, 2043], 2)
    assert (mf["default"], mf["default_basis"]["basis"], mf["default_basis"]["source"]) == (
        2038, "estimated", "failure report (Mem-Info)")
    assert mp.mem_total_kb is None and mp.mem_total_estimated_from_report["value"] == 259648
    # The report's kernel predates THP: its state is not a missing input.
    assert mp.thp_supported is False
    assert mp.missing_inputs == ["uname", "meminfo", "zoneinfo", "min_free_kbytes", "sysctl files"]
    assert mp.provenance["min_free_kbytes.current_estimated_from_report"] == "estimated from failure report (Mem-Info)"
    assert mp.to_dict()["mem_total_estimated_from_report"]["value"] == 259648


def test_runtime_data_wins_over_the_report():
    mp = seed_picture(failures=seed_failures())
    mf = mp.min_free_kbytes
    assert (mf["current"], mf["default_basis"]["basis"]) == (2038, "computed")
    assert mf["current_estimated_from_report"]["value"] == 2032  # still shown: the value at failure time


def test_report_default_before_the_meminfo_estimate_unless_it_is_from_another_boot():
    same = picture(meminfo=SEED_MEMINFO, uname=SEED_UNAME, failures=seed_failures())
    assert (same.min_free_kbytes["default"], same.min_free_kbytes["default_basis"].get("source")) == (
        2038, "failure report (Mem-Info)")
    # Another kernel running now: the meminfo estimate (2026), and a note why.
    other = picture(meminfo=SEED_MEMINFO, uname=SEED_UNAME, failures=seed_failures("2.6.32-6-686"))
    assert other.min_free_kbytes["default"] == 2026 and "source" not in other.min_free_kbytes["default_basis"]
    assert any("2.6.32-6-686" in note for note in other.notes)
    # Memory grown to 1 GiB since: zones 259648 kB vs MemTotal 1016372 kB differ by > 10%.
    grown = picture(meminfo="MemTotal:        1016372 kB\n", uname=SEED_UNAME, failures=seed_failures())
    assert "source" not in grown.min_free_kbytes["default_basis"]
    assert any("another memory size" in note for note in grown.notes)


def test_persisted_value_is_never_compared_with_an_estimate():
    mp = picture(sysctl_conf="vm.min_free_kbytes = 2038\n", failures=seed_failures())
    persisted = mp.min_free_kbytes["persisted"]
    assert persisted["value"] == 2038 and persisted["applied"] is None  # 2032 is an estimate, not the runtime


def test_incomplete_reports_are_named_in_the_notes():
    from types import SimpleNamespace

    from pagealloc.kernlog.parse import parse_text
    cut = fixture_text("logs", "dmesg_2.6.32_i686_e100_seed.txt").split("Normal free:")[0]
    mp = picture(failures=SimpleNamespace(events=parse_text(cut).events))
    assert mp.min_free_kbytes["current_estimated_from_report"] is None and mp.min_free_kbytes["default"] is None
    assert any("complete Mem-Info" in note for note in mp.notes)
