"""
Kernel default vm.min_free_kbytes: known hosts, each value worked out by hand.

Zone figures are in pages as /proc/zoneinfo prints them; kB = pages * page size.
"""

import doctest

import pytest

from pagealloc.knowledge import kernel_default
from pagealloc.knowledge.kernel_default import compute_default, estimate_default_from_meminfo


def zone(name, managed, node=0, present=None, high_kb=0, has_managed=True):
    return {"node": node, "zone": name, "present_pages": present if present is not None else managed,
            "managed_pages": managed if has_managed else None, "high_kb": high_kb}


# This machine class (Debian 12 VM, 6.x, x86_64): DMA 3840 + DMA32 772915 + Normal 262144 managed.
THIS_VM = [zone("DMA", 3840, present=3998, high_kb=92 * 4), zone("DMA32", 772915, present=782336, high_kb=18854 * 4),
           zone("Normal", 262144, present=5505024, high_kb=6393 * 4),
           zone("Movable", 0, present=0), zone("Device", 0, present=0)]


def test_doc_examples():
    failed, _ = doctest.testmod(kernel_default)
    assert failed == 0


def test_three_zones_thp_madvise_gives_67584():
    # base: (3840 + 772915 + 262144) * 4 = 4155596 kB; int_sqrt(16 * 4155596) = 8154.
    # THP: 3 zones * 11 pageblocks * 2048 kB = 67584 kB (cap ~ 5% of 4 GiB = 206 MB: no cap).
    d = compute_default(THIS_VM, "6.1.0-18-amd64", "x86_64", 4, "madvise")
    assert (d["value"], d["base_kb"], d["thp"]["recommended_kb"]) == (67584, 8154, 67584)
    assert d["thp"]["counted_zones"] == ["0/DMA", "0/DMA32", "0/Normal"]
    assert d["error_kb"] == 0 and d["basis"] == "computed"


def test_thp_never_gives_the_square_root_value():
    # Same zones, THP off: the base 8154 kB; recalculated later (minus high watermarks
    # 368 + 75416 + 25572 kB) it would be int_sqrt(16 * 4054240) = 8054: error 100.
    d = compute_default(THIS_VM, "6.1.0-18-amd64", "x86_64", 4, "never")
    assert d["value"] == 8154
    assert d["thp"]["applied"] is False
    assert (d["error_kb"], d["range"]) == (100, [8054, 8154])


def test_two_numa_nodes_count_four_zones_and_give_90112():
    # node 0: DMA, DMA32, Normal; node 1: Normal -> 4 zones * 22528 = 90112 kB.
    # base: (3840 + 765942 + 7602176 + 8257536) * 4 = 66517976 kB -> int_sqrt(16 * that) = 32623.
    zones = [zone("DMA", 3840), zone("DMA32", 765942), zone("Normal", 7602176), zone("Normal", 8257536, node=1)]
    d = compute_default(zones, "5.14.0-362.8.1.el9_3.x86_64", "x86_64", 4, "always")
    assert (d["value"], d["base_kb"]) == (90112, 32623)
    assert d["thp"]["counted_zones"] == ["0/DMA", "0/DMA32", "0/Normal", "1/Normal"]


# A host booted with movablecore=4G: DMA 3840, DMA32 765942, Normal 3145728, Movable 1048576 pages.
MOVABLE_HOST = [zone("DMA", 3840), zone("DMA32", 765942), zone("Normal", 3145728), zone("Movable", 1048576)]


def test_rhel7_counts_the_movable_zone_for_thp():
    # 3.10 (<= 4.17): every populated zone -> 4 * 22528 = 90112 kB.
    # base ignores Movable: (3840 + 765942 + 3145728) * 4 = 15662040 kB -> 15830.
    d = compute_default(MOVABLE_HOST, "3.10.0-1160.el7.x86_64", "x86_64", 4, "always")
    assert (d["value"], d["base_kb"]) == (90112, 15830)
    assert "0/Movable" in d["thp"]["counted_zones"]


def test_rhel8_does_not_count_the_movable_zone_for_thp():
    # 4.18+: zones up to Normal only -> 3 * 22528 = 67584 kB.
    d = compute_default(MOVABLE_HOST, "4.18.0-513.5.1.el8_9.x86_64", "x86_64", 4, "always")
    assert d["value"] == 67584
    assert "0/Movable" not in d["thp"]["counted_zones"]


def test_seed_256mb_host_gives_2038_from_present_pages():
    # 2.6.32 (no "managed" line): present DMA 3968 + Normal 60944 = 64912 pages = 259648 kB;
    # int_sqrt(16 * 259648) = int_sqrt(4154368) = 2038 (the seed's /proc value).  No THP in 2.6.32.
    zones = [zone("DMA", 3968, high_kb=184, has_managed=False), zone("Normal", 60944, high_kb=2860, has_managed=False)]
    d = compute_default(zones, "2.6.32-5-686", "i686", 4, None)
    assert d["value"] == 2038
    assert d["thp"] is None and d["lowmem_pages_from"] == "present"
    # Recalculated minus high watermarks: int_sqrt(16 * 256604) = 2026 -> error 12.
    assert d["error_kb"] == 12


def test_seed_1gib_i686_host_excludes_highmem_and_lands_on_3789():
    # 1 GiB i686: lowmem ends at 896 MiB; HighMem (32752 pages) is not counted.
    # present DMA 3968 + Normal 220373 = 224341 pages = 897364 kB (876 MiB);
    # int_sqrt(16 * 897364) = int_sqrt(14357824) = 3789 (3789^2 = 14356521, 3790^2 = 14364100),
    # not 4 * sqrt(1024000) = 4047.  The high watermarks (~46 + 709 pages) bound the error.
    zones = [zone("DMA", 3968, high_kb=184, has_managed=False),
             zone("Normal", 220373, high_kb=2836, has_managed=False),
             zone("HighMem", 32752, high_kb=512, has_managed=False)]
    d = compute_default(zones, "2.6.32-5-686", "i686", 4, None)
    assert abs(d["value"] - 3789) <= d["error_kb"] and d["value"] == 3789
    assert d["lowmem_zones"] == ["0/DMA", "0/Normal"]
    assert d["value"] != 4047


# 4 TiB over 4 nodes: DMA 3840 + DMA32 765942 + Normal 4 x 268435456 = 1074511606 pages
# = 4298046424 kB; int_sqrt(16 * 4298046424) = int_sqrt(68768742784) = 262237
# (262237^2 = 68768244169, 262238^2 = 68768768644) -> clamped.
HUGE_HOST = [zone("DMA", 3840), zone("DMA32", 765942)] + [zone("Normal", 268435456, node=n) for n in range(4)]


def test_4tib_host_hits_262144_on_a_new_kernel():
    d = compute_default(HUGE_HOST, "5.14.0-362.8.1.el9_3.x86_64", "x86_64", 4, "never")
    assert (d["value"], d["base_unclamped_kb"], d["clamp"]) == (262144, 262237, [128, 262144])


def test_4tib_host_stays_at_65536_on_an_old_kernel():
    d = compute_default(HUGE_HOST, "3.10.0-957.el7.x86_64", "x86_64", 4, "never")
    assert (d["value"], d["clamp_rule"]) == (65536, "RHEL 7 before build 1160")


def test_4tib_host_on_an_old_kernel_with_thp_gets_the_thp_value_above_the_clamp():
    # 3.10 counts all 6 populated zones: 6 * 22528 = 135168 > 65536 (THP is not clamped).
    d = compute_default(HUGE_HOST, "3.10.0-957.el7.x86_64", "x86_64", 4, "always")
    assert d["value"] == 135168


def test_rhel7_1160_has_the_backported_clamp():
    assert kernel_default.clamp_max_kb("3.10.0-1160.el7.x86_64") == (262144, "RHEL 7 backport (from build 1160)")
    assert kernel_default.clamp_max_kb("5.4.0-150-generic")[0] == 65536
    assert kernel_default.clamp_max_kb("5.7.0")[0] == 262144


def test_arm64_64k_pages_thp_term_is_capped_at_5_percent_of_lowmem():
    # RHEL 8 aarch64, 64 KiB pages: DMA32 65536 + Normal 196608 pages = 16 GiB.
    # base: int_sqrt(16 * 16777216) = 16384 kB = 256 pages.
    # THP uncapped: 2 zones * 11 * 8192 pages (512 MiB pageblocks) = 180224 pages = 11534336 kB.
    # Watermarks from the base (4.6+, factor 10): DMA32 min 64, gap max(16, 65) = 65, high 194;
    # Normal min 192, gap max(48, 196) = 196, high 584.  Cap = (262144 - 778) // 20 = 13068 pages
    # = 836352 kB -> the default.
    zones = [zone("DMA32", 65536), zone("Normal", 196608)]
    d = compute_default(zones, "4.18.0-513.5.1.el8_9.aarch64", "aarch64", 64, "always")
    assert d["value"] == 836352
    assert d["thp"]["capped"] is True and d["thp"]["uncapped_kb"] == 11534336
    # Bound: the cap without watermarks, 262144 // 20 = 13107 pages = 838848 kB.
    assert d["error_kb"] == 838848 - 836352


def test_unknown_thp_state_is_estimated_with_both_cases_in_the_range():
    d = compute_default(THIS_VM, "6.1.0-18-amd64", "x86_64", 4, None)
    assert d["basis"] == "estimated"
    assert d["range"] == [8054, 67584]


def test_unknown_pageblock_size_is_estimated_not_guessed_silently():
    d = compute_default(THIS_VM, "6.1.0", "riscv64", 4, "always")
    assert d["basis"] == "estimated"
    assert any("pageblock size unknown" in n for n in d["notes"])


def in_range(d, true_value):
    low, high = d["range"]
    return low <= true_value <= high and abs(d["value"] - true_value) <= d["error_kb"]


def test_estimate_for_the_seed_256mb_host_holds_the_true_2038():
    # Seed meminfo: MemTotal = LowTotal = 254648 kB; the kernel (2.6.32, present pages) saw 259648 kB.
    # Point: 254648 + struct pages 254648 x 32 / 4096 = 1989 -> 256637 kB -> int_sqrt(4106192) = 2026.
    # High end: + 32 MiB early reserves (no crashkernel below 1 GiB) = 289405 -> int_sqrt(4630480) = 2151.
    # Low end: 254648 - (1.5 x 2018 + 0.2% = 3027 + 509) = 251112 -> int_sqrt(4017792) = 2004.
    d = estimate_default_from_meminfo(254648, 254648, "2.6.32-5-686", "i686", 4, None)
    assert (d["value"], d["range"], d["error_kb"]) == (2026, [2004, 2151], 125)
    assert d["lowmem_range_kb"] == [251112, 289405] and d["lowmem_basis"] == "LowTotal"
    assert in_range(d, 2038)
    # The old estimate (int_sqrt(16 x MemTotal) = 2018, error 0) missed it.
    assert d["error_kb"] > 0


# 1 GiB i686 (2.6.32, zoneinfo of test_seed_1gib_i686_host...): present DMA 3968 + Normal 220373
# + HighMem 32752 pages = 1028372 kB; ~12000 kB reserved at boot (struct pages of 262144 pfns
# = 8192 kB, kernel, bootmem) -> MemTotal 1016372; HighTotal 131008 (HighMem is not reserved
# from) -> LowTotal 885364 kB.  The kernel's value is 3789 (present lowmem 897364 kB).
GIB_I686_MEMTOTAL, GIB_I686_LOWTOTAL = 1016372, 885364


def test_estimate_for_a_1gib_i686_host_uses_lowtotal_and_holds_3789():
    # Point: 885364 + 1016372 x 32 / 4096 = 7940 -> 893304 -> int_sqrt(14292864) = 3780.
    d = estimate_default_from_meminfo(GIB_I686_MEMTOTAL, GIB_I686_LOWTOTAL, "2.6.32-5-686", "i686", 4, None)
    assert (d["value"], d["range"]) == (3780, [3747, 3849])
    assert in_range(d, 3789)
    assert not in_range(d, 4032)  # int_sqrt(16 x MemTotal) = 4032: HighMem would have been counted


def test_estimate_for_a_1gib_i686_host_without_lowtotal_bounds_lowmem_by_the_split():
    # No LowTotal: MemTotal 1016372 > 864 MiB, so HighMem exists and present lowmem lies in
    # 864..896 MiB (884736..917504 kB); point 880 MiB = 901120 kB -> int_sqrt(14417920) = 3797.
    d = estimate_default_from_meminfo(GIB_I686_MEMTOTAL, None, "2.6.32-5-686", "i686", 4, None)
    assert (d["value"], d["lowmem_basis"]) == (3797, "32-bit lowmem split")
    assert d["range"][1] == 3831  # int_sqrt(16 x 917504)
    assert in_range(d, 3789)


def test_estimate_for_a_16gib_x86_64_host_holds_the_computed_defaults():
    # The RHEL 8 guest of tests/fixtures/rules/rhel8_host: managed 3840 + 765942 + 3339520 pages
    # = 16437208 kB = MemTotal; compute_default gives base 16217 and, THP madvise on 3 zones, 67584.
    # THP never: managed era (4.18), lowmem 16437208 - 128 MiB freed after boot - high watermarks
    # (1.5 x 16154 + 0.2%) = 16249296 -> int_sqrt(259988736) = 16124 .. 16217.
    d = estimate_default_from_meminfo(16437208, None, "4.18.0-513.el8.x86_64", "x86_64", 4, "never", 1)
    assert (d["value"], d["range"], d["error_kb"]) == (16217, [16124, 16217], 93)
    assert in_range(d, 16217)
    # THP madvise, one node known: 11 pageblocks x 2 MiB x 3 zones = 67584 whatever the lowmem.
    d = estimate_default_from_meminfo(16437208, None, "4.18.0-513.el8.x86_64", "x86_64", 4, "madvise", 1)
    assert (d["value"], d["range"]) == (67584, [67584, 67584])
    assert any("THP term fixes the value" in n for n in d["notes"])
    # Node count unknown (no zoneinfo): a second node's Normal zone (4 zones, 90112) is in the range.
    d = estimate_default_from_meminfo(16437208, None, "4.18.0-513.el8.x86_64", "x86_64", 4, "madvise")
    assert (d["value"], d["range"], d["error_kb"]) == (67584, [67584, 90112], 22528)
    assert in_range(d, 67584) and in_range(d, 90112)


def test_estimate_around_4gib_has_two_or_three_zones():
    # Around 4 GiB the Normal zone may or may not exist: 2 or 3 zones -> 45056..67584 (one node).
    d = estimate_default_from_meminfo(3900000, None, "4.18.0-513.el8.x86_64", "x86_64", 4, "madvise", 1)
    assert d["range"] == [45056, 67584] and d["error_kb"] == 22528


@pytest.mark.parametrize("release", ["", None, "not-a-kernel"])
def test_unknown_kernel_release_is_estimated(release):
    d = compute_default(THIS_VM, release, "x86_64", 4, "never")
    assert d["basis"] == "estimated" and d["value"] == 8154


def test_unknown_release_puts_both_thp_zone_rules_in_the_range():
    # <= 4.17 counts Movable too (4 zones, 90112), 4.18+ does not (3 zones, 67584).
    d = compute_default(MOVABLE_HOST, None, "x86_64", 4, "always")
    assert d["basis"] == "estimated"
    assert d["range"] == [67584, 90112]
