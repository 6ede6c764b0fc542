"""ZoneInfo on the /proc/zoneinfo formats of 2.6.32, 4.18 (RHEL 8, two nodes) and 6.18, and on garbage."""

import doctest

from insights.tests import context_wrap

from pagealloc.parsers import zoneinfo
from pagealloc.parsers.zoneinfo import ZoneInfo
from tests.parsers.fixtures import docstring_sample, fixture_text


def parse(text):
    return ZoneInfo(context_wrap(text, path="/proc/zoneinfo", strip=False))


def test_doc_examples():
    failed, _ = doctest.testmod(zoneinfo, globs={"zoneinfo": parse(docstring_sample(zoneinfo))})
    assert failed == 0


def test_2632_format_without_managed_keeps_present_and_watermarks():
    info = parse(fixture_text("memory", "zoneinfo_2.6.32_i686_256mb.txt"))
    assert [(z.name, z.present_pages, z.min_pages, z.low_pages, z.high_pages) for z in info.zones] == [
        ("DMA", 3968, 31, 38, 46), ("Normal", 60944, 477, 596, 715)]
    assert info.has_managed is False and info.zone(0, "DMA").managed_pages is None
    assert info.zone(0, "DMA").protection == [0, 238, 238, 238]
    # The per-cpu "high:  0" line under pagesets must not overwrite the zone's high watermark.
    assert info.zone(0, "Normal").high_pages == 715
    assert info.errors == []


def test_418_two_nodes_lists_every_zone_and_both_nodes():
    info = parse(fixture_text("memory", "zoneinfo_4.18_rhel8_2nodes.txt"))
    assert info.nodes == [0, 1]
    assert len(info.zones) == 10
    assert [(z.node, z.name) for z in info.populated_zones] == [(0, "DMA"), (0, "DMA32"), (0, "Normal"), (1, "Normal")]
    assert info.zone(1, "Normal").managed_pages == 8257536
    assert info.zone(1, "Normal").high_pages == 27775
    assert info.zone(1, "DMA").present_pages == 0


def test_this_vm_618_format_with_boost_and_promo_lines():
    info = parse(fixture_text("memory", "zoneinfo_6.18_debian12_vm_3zones.txt"))
    normal = info.zone(0, "Normal")
    assert (normal.min_pages, normal.low_pages, normal.high_pages, normal.managed_pages) == (4649, 5811, 6973, 294912)
    assert normal.boost_pages == 0
    assert [z.name for z in info.populated_zones] == ["DMA", "DMA32", "Normal"]
    assert info.errors == []


def test_310_rhel7_format_with_scanned_and_stats_before_protection():
    # 3.10 (RHEL 7): "scanned" after high, managed, zone statistics (4 spaces) then protection, pagesets.
    text = ("Node 0, zone   Normal\n  pages free     1203455\n        min      11218\n        low      14022\n"
            "        high     16827\n        scanned  0\n        spanned  3407872\n        present  3407872\n"
            "        managed  3350180\n    nr_free_pages 1203455\n    nr_alloc_batch 1541\n"
            "        protection: (0, 0, 0, 0)\n  pagesets\n    cpu: 0\n              count: 160\n"
            "              high:  186\n              batch: 31\n  vm stats threshold: 48\n"
            "  all_unreclaimable: 0\n  start_pfn:         1048576\n  inactive_ratio:    11\n")
    normal = parse(text).zone(0, "Normal")
    assert (normal.free_pages, normal.min_pages, normal.high_pages, normal.managed_pages) == (1203455, 11218, 16827,
                                                                                               3350180)


def test_missing_and_malformed_fields_are_reported_with_their_line():
    text = ("Node 0, zone   Normal\n  pages free     179\n        min      lots\n        low      596\n"
            "        spanned  61424\n        present  60944\n")
    info = parse(text)
    normal = info.zone(0, "Normal")
    assert normal.min_pages is None and normal.high_pages is None and normal.low_pages == 596
    assert normal.complete is False
    assert {"line": 3, "reason": "min is not a page count: 'lots'"} in info.errors
    assert {"line": 1, "reason": "zone 0/Normal lacks min, high"} in info.errors


def test_absurd_page_counts_are_not_taken():
    info = parse("Node 0, zone   Normal\n  pages free     1\n        min      99999999999999999999999\n")
    assert info.zone(0, "Normal").min_pages is None
    assert info.errors[0]["line"] == 3


def test_garbage_gives_no_zones_and_one_error_not_an_exception():
    info = parse("\x00\x01binary\nnot zoneinfo at all\n")
    assert info.zones == [] and info.errors == [{"line": None, "reason": "no 'Node N, zone NAME' header"}]
