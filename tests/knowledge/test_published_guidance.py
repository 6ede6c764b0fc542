"""Published guidance beside the recommendation (pagealloc.knowledge.published_guidance), through the chain."""

import doctest

from pagealloc.evaluate import evaluate_path
from pagealloc.knowledge import published_guidance
from pagealloc.knowledge.published_guidance import GUIDANCE, compare, per_node_floors
from tests.kernlog.helpers import fixture_text
from tests.rules.inputs import said_verdict

MAIN_RULE = "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"


def test_doc_examples():
    assert doctest.testmod(published_guidance)[0] == 0


def test_every_row_has_a_rule_a_source_and_a_link():
    for row in GUIDANCE:
        assert row["rule"] and row["source"] and row["url"].startswith("https://"), row["id"]


def by_id(rows):
    return {r["id"]: r for r in rows}


def test_a_64_gib_two_node_host():
    # MemTotal 67108864 kB, 2 nodes, default 11585 (int_sqrt(16 x 8 GiB)... here just a number), 5.14:
    # Red Hat 10 x 11585 = 115850; AWS 1-3% = 671088-2013265; OLED max(0.5% = 335544, 2 x 1 GiB = 2097152)
    # = 2097152, accepted 0.8-1.5x; RHEL ceiling 5% = 3355443; kernel clamp 128-262144 (el9 >= 5.7).
    rows = by_id(compare(131072, default_kb=11585, mem_total_kb=67108864, numa_nodes=2,
                         release="5.14.0-427.el9.x86_64"))
    assert (rows["kernel_default_clamp"]["range_kb"], rows["kernel_default_clamp"]["relation"]) == ([128, 262144], "within")
    assert (rows["redhat_silent_rx_drops"]["value_kb"], rows["redhat_silent_rx_drops"]["relation"]) == (115850, "within")
    assert (rows["aws_ena"]["range_kb"], rows["aws_ena"]["relation"]) == ([671088, 2013265], "below")
    assert (rows["oracle_oled_memstate"]["value_kb"], rows["oracle_oled_memstate"]["relation"]) == (2097152, "below")
    assert rows["rhel_tuning_ceiling"]["relation"] == "within"
    assert rows["rhel_tuning_ceiling"]["range_kb"] == [0, 3355443]


def test_unknown_inputs_say_unknown_instead_of_guessing():
    rows = by_id(compare(4096))
    assert {r["relation"] for r in rows.values()} == {"unknown"}


def test_per_node_floors_split_by_managed_size_and_skip_highmem():
    # 32-bit: HighMem takes no share of min_free_kbytes (its min is a small fixed mark).
    floors = per_node_floors(4096, [{"node": 0, "zone": "DMA", "present_kb": 16384},
                                    {"node": 0, "zone": "Normal", "present_kb": 16384 * 3},
                                    {"node": 0, "zone": "HighMem", "present_kb": 1 << 20}])
    # pages_min 1024 over 4096 + 12288 pages: DMA 256 (-> 128 -> 96), Normal 768 (-> 384 -> 288).
    assert floors == [{"node": 0, "min_kb": 4096, "atomic_floor_kb": (96 + 288) * 4, "zones": ["DMA", "Normal"]}]


def numa_exhausted_report():
    # The RHEL 8 NUMA fixture with every usable zone below its floor: DMA32 1000000 kB = 250000 pages
    # <= 17 + 255172; Node 0 Normal 9000 kB = 2250 <= 2898; Node 1 Normal 9200 kB = 2300 <= 2917.
    text = fixture_text("dmesg_4.18_rhel8_mlx5_numa_slub.txt")
    for old, new in (("DMA32 free:1031492kB", "DMA32 free:1000000kB"),
                     ("Node 0 Normal free:92040kB", "Node 0 Normal free:9000kB"),
                     ("Node 1 Normal free:88444kB", "Node 1 Normal free:9200kB")):
        assert text.count(old) == 1
        text = text.replace(old, new)
    return text


def test_numa_report_shows_the_atomic_floor_each_node_gets(tmp_path):
    # Recommendation 184320 kB (2 x 91826 -> 180 MiB).  pages_min 46080 over 131752808 lowmem pages
    # (15360 + 1509112 + 261296536 + 264190224 kB / 4): Node 1 Normal 66047556 pages -> 23099 pages =
    # 92396 kB; floor 23099 -> 11550 -> 8663 pages = 34652 kB.  Now (62192 kB): 15548 -> 7794 pages =
    # 31176 kB, floor 7794 -> 3897 -> 2923 = 11692 kB.
    path = tmp_path / "dmesg"
    path.write_text(numa_exhausted_report())
    result = evaluate_path(str(path))
    verdict = next(v for v in result["verdicts"] if v["rule"] == MAIN_RULE)
    assert (verdict["key"], verdict["details"]["recommendation"]["value"]) == ("MIN_FREE_KBYTES_LOW_ATOMIC_RX", 184320)
    node1 = verdict["details"]["guidance"]["per_node"][1]
    assert node1 == {"node": 1, "failed": True, "current_min_kb": 31176, "current_atomic_floor_kb": 11692,
                     "recommended_min_kb": 92396, "recommended_atomic_floor_kb": 34652, "zones": ["Normal"]}
    assert "node 1 (failed): atomic floor 11692 kB now, 34652 kB with the recommendation" in said_verdict(verdict)
    published = by_id(verdict["details"]["guidance"]["published"])
    # OLED: max(0.5% of 527011232 = 2635056, 2 x 1 GiB = 2097152) = 2635056; 184320 / it = 0.07 -> below.
    assert (published["oracle_oled_memstate"]["value_kb"], published["oracle_oled_memstate"]["relation"]) == \
        (2635056, "below")
