"""
Verdicts from a kernel log alone, through the real chain: a plain log file ->
pagealloc.evaluate.evaluate_path (log context: the file is read by the same
specs as a sosreport's dmesg) -> AllocFailures -> MemoryPicture (from the
failure reports only) -> MIN_FREE_KBYTES_LOW_ATOMIC_RX.
"""

import os

from pagealloc.evaluate import evaluate_path
from pagealloc.result import exit_code
from tests.kernlog.helpers import fixture_path, fixture_text

RULE_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_RX"


def main_verdict(result):
    found = [v for v in result["verdicts"] if v["rule"] == "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"]
    assert len(found) == 1, result["verdicts"]
    return found[0]


def test_seed_dmesg_alone_fails_with_the_authors_fix():
    # Reserve 124 + 1908 = 2032 kB; default int_sqrt(16 x (15872 + 243776)) = 2038 (no THP on
    # Debian 2.6.32); 2 x 2038 = 4076 -> 4096, 1.58% of the zones' 259648 kB.
    result = evaluate_path(fixture_path("dmesg_2.6.32_i686_e100_seed.txt"))
    assert result["input"]["kind"] == "log" and exit_code(result) == 1
    verdict = main_verdict(result)
    assert (verdict["key"], verdict["type"]) == (RULE_KEY, "fail")
    details = verdict["details"]
    assert details["recommendation"]["value"] == 4096
    assert (details["min_free_kbytes"]["current"], details["min_free_kbytes"]["default"]) == (2032, 2038)
    assert details["confidence"]["level"] == "low"
    assert {"current_estimated_from_report", "default_estimated_from_report"} <= set(details["confidence"]["reasons"])
    assert details["missing_inputs"] == ["uname", "meminfo", "zoneinfo", "min_free_kbytes", "sysctl files"]
    picture = result["memory_picture"]
    assert picture["min_free_kbytes"]["current"] is None  # nothing was read ...
    assert picture["min_free_kbytes"]["current_estimated_from_report"]["value"] == 2032  # ... it was estimated
    assert picture["min_free_kbytes"]["default_basis"]["source"] == "failure report (Mem-Info)"
    assert picture["mem_total_estimated_from_report"]["value"] == 259648


def test_rhel8_numa_report_with_dma32_above_its_floor_is_not_shown_exhausted():
    # 4.18 (RHEL 8), mode 0x480020 = GFP_ATOMIC: __GFP_HIGH and __GFP_ATOMIC -> ALLOC_HIGH|ALLOC_HARDER,
    # class Normal (lowmem_reserve index 2 of DMA/DMA32/Normal/Movable/Device).  Replayed in pages:
    #   Node 0 DMA32 free 1031492 kB = 257873; min 172 kB = 43 -> 43 - 21 = 22 -> 22 - 5 = 17;
    #   + lowmem_reserve[2] 255172 = 255189; 257873 > 255189 by 2684 pages.
    #   Drift bound, CPU 27 -> at least 28 CPUs: normal threshold 2 x fls(28)=5 x (1 + fls(1509112 kB
    #   / 128 MiB = 11) = 4) = 50 -> 28 x 50 = 1400; pressure (1636 - 172) / 4 = 366 pages -> 28 x 13 = 364
    #   and low - min = 366: bound 1400 < 2684.  So the kernel's own test passes in DMA32: a larger
    #   vm.min_free_kbytes would not have helped -> no fix, the reserve is still reported (62192 vs 91826).
    result = evaluate_path(fixture_path("dmesg_4.18_rhel8_mlx5_numa_slub.txt"))
    verdict = main_verdict(result)
    assert (verdict["key"], verdict["type"]) == ("RESERVE_NOT_SHOWN_EXHAUSTED", "info")
    details = verdict["details"]
    assert (details["min_free_kbytes"]["current"], details["min_free_kbytes"]["default"]) == (62192, 91826)
    replay = details["replay"]
    assert (replay["verdict"], replay["more_reserve_helps"]) == ("other_cause", False)
    dma32 = next(z for z in replay["reports"][0]["zones"] if z["zone"] == "DMA32")
    assert (dma32["usable_free_pages"], dma32["threshold_pages"], dma32["margin_pages"], dma32["drift_pages"],
            dma32["status"]) == (257873, 255189, 2684, 1400, "above_floor")
    assert any("DMA32 257873 > 255189 pages (min 43 -> 22 -> 17 + lowmem_reserve 255172" in line
               for line in verdict["details"]["replay"]["text"])
    assert "remediation" not in details and exit_code(result) == 0


def test_headers_only_filtered_log_is_insufficient_data(tmp_path):
    # What a pre-filtered dmesg keeps when only "page allocation failure" survives the filters.
    headers = [line for line in fixture_text("dmesg_2.6.32_i686_e100_seed.txt").splitlines()
               if "page allocation failure" in line]
    path = tmp_path / "dmesg"
    path.write_text("\n".join(headers) + "\n")
    result = evaluate_path(str(path))
    verdict = main_verdict(result)
    assert (verdict["key"], verdict["type"], verdict["details"]["reason"]) == (
        "INSUFFICIENT_DATA", "info", "reserve_unknown")  # no Mem-Info, no host state; the trace lost too
    assert verdict["details"]["missing_inputs"][-1].startswith("complete failure reports (call trace)")
    assert verdict["details"]["min_free_kbytes"]["default"] is None
    assert exit_code(result) == 0


def test_the_seed_web_page_gives_one_event_and_the_same_verdict():
    result = evaluate_path(fixture_path("webpage_seed_report_with_references.txt"), context="log")
    assert len(result["events"]) == 1 and result["events"][0]["line"] == 10
    assert os.path.basename(result["events"][0]["source"]) == "webpage_seed_report_with_references.txt"
    assert main_verdict(result)["details"]["recommendation"]["value"] == 4096


def test_a_reserve_between_the_thp_off_and_on_defaults_says_so():
    # RHEL 9 2 GiB VM report: zones DMA + DMA32 managed 15360 + 1999080 kB -> base 5677, THP
    # 2 x 11 x 2048 = 45056; the zone mins 140 + 17892 = 18032 kB are near neither.  THP on (the
    # distribution default) makes 18032 a lowered default -> fires; THP off would make it raised.
    result = evaluate_path(fixture_path("messages_5.14_rhel9_virtio.txt"))
    details = main_verdict(result)["details"]
    assert (details["min_free_kbytes"]["current"], details["min_free_kbytes"]["default"]) == (18032, 45056)
    assert "near_default_only_if_thp_on" in details["confidence"]["reasons"]
    assert details["confidence"]["level"] == "low"
