"""Rx burst sizing (pagealloc.knowledge.rx_burst): one full ring refill against the room below min."""

import doctest
import os
import shutil

from pagealloc.evaluate import evaluate_path
from pagealloc.knowledge import rx_burst
from pagealloc.knowledge.rx_burst import burst_sizing, rx_buffer_bytes
from tests.parsers.test_ethtool_channels import UNSUPPORTED
from tests.rules.inputs import said_verdict

MAIN_RULE = "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"


def test_doc_examples():
    assert doctest.testmod(rx_burst)[0] == 0


def test_buffer_grows_with_the_mtu_in_powers_of_two():
    # 1500 + 18 + 66 + 320 = 1904 -> 2048; 4000 -> 4404 -> 8192; 9000 -> 9404 -> 16384.
    assert [rx_buffer_bytes(m) for m in (576, 1500, 4000, 9000)] == [2048, 2048, 8192, 16384]


def test_four_queues_of_256_need_the_recommended_reserve():
    # 4 x 256 x 2 KiB = 2048 kB: the seed host's room now 1264 kB does not cover it, 2552 kB does.
    row = burst_sizing([{"name": "eth0", "mtu": 1500, "rx_ring": 256, "rx_queues": 4}], 1264, 2552)[0]
    assert (row["refill_kb"], row["covered_now"], row["covered_by_recommendation"]) == (2048, False, True)


def test_e100_example_ring_refill_against_the_room_below_min(examples_dir, tmp_path):
    # e100: rx ring 256 (ethtool -g), one queue (ethtool -l unsupported), MTU 1500 -> 2048 B buffers:
    # 256 x 2 KiB = 512 kB.  Room below min (runtime 2038 kB: pages_min 509 over 64912 lowmem pages):
    # DMA 509 x 3968 / 64912 = 31 -> floor 12; Normal 509 x 60944 / 64912 = 477 -> floor 180;
    # (31 - 12) + (477 - 180) = 316 pages = 1264 kB.  Recommended 4096 (1024 pages): DMA 62 -> 24,
    # Normal 961 -> 361: 38 + 600 = 638 pages = 2552 kB.  Both cover one refill: the rings alone
    # do not explain the failure (several refills in a row, other allocations) - said with numbers.
    tree = str(tmp_path / "sos")
    shutil.copytree(os.path.join(examples_dir, "sosreport-e100-rx-failure"), tree, symlinks=True)
    with open(os.path.join(tree, "sos_commands/networking/ethtool_-l_eth0"), "w") as out:
        out.write(UNSUPPORTED)
    verdict = next(v for v in evaluate_path(tree)["verdicts"] if v["rule"] == MAIN_RULE)
    burst = verdict["details"]["guidance"]["rx_burst"]
    assert burst == [{"name": "eth0", "mtu": 1500, "rx_ring": 256, "rx_queues": None,
                      "rx_queues_basis": "assumed 1 (ethtool -l not collected or not supported)", "buffer_bytes": 2048,
                      "refill_kb": 512, "room_now_kb": 1264, "room_recommended_kb": 2552,
                      "covered_now": True, "covered_by_recommendation": True}]
    assert "eth0: one full receive-ring refill is 1 queue x 256 buffers x 2048 B = 512 kB" in said_verdict(verdict)
