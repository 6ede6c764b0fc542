"""What a report keeps of its Mem-Info block beyond the zone lines (pagealloc.kernlog.mem_info):
the global counters in every era's shape and log framing, hugepages, page cache, RAM, page size and
the 6.10+ memory allocation profiling lines."""

import doctest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import mem_info
from pagealloc.kernlog.event import MemInfoTotals
from pagealloc.kernlog.parse import parse_file, parse_text
from pagealloc.knowledge import memory_holders
from tests.kernlog.helpers import fixture_path, fixture_text

SEED = fixture_text("dmesg_2.6.32_i686_e100_seed.txt")
# The seed's global block: 5 printk lines, each with its own "[ 7873.8562xx]" stamp (2.6.32).
SEED_BLOCK = [line for line in SEED.split("\n") if "7873.8562" in line and "kB" not in line and ":" in line
              and line.split("] ", 1)[1].lstrip()[:1].islower()]

# show_free_areas()'s global block per era: the printk's lines (mm/page_alloc.c; mm/show_mem.c 6.1+).
ERA_BLOCKS = {
    "2.6.18": [["Active", "inactive", "dirty", "writeback", "unstable", "free", "slab", "mapped", "pagetables"]],
    "2.6.28": [["Active_anon", "active_file", "inactive_anon"],
               ["inactive_file", "unevictable", "dirty", "writeback", "unstable"],
               ["free", "slab_reclaimable", "slab_unreclaimable"], ["mapped", "pagetables", "bounce"]],
    "2.6.32": [["active_anon", "inactive_anon", "isolated_anon"], ["active_file", "inactive_file", "isolated_file"],
               ["unevictable", "dirty", "writeback", "unstable"], ["free", "slab_reclaimable", "slab_unreclaimable"],
               ["mapped", "shmem", "pagetables", "bounce"]],
    "4.18": [["active_anon", "inactive_anon", "isolated_anon"], ["active_file", "inactive_file", "isolated_file"],
             ["unevictable", "dirty", "writeback", "unstable"], ["slab_reclaimable", "slab_unreclaimable"],
             ["mapped", "shmem", "pagetables", "bounce"], ["free", "free_pcp", "free_cma"]],
    "6.8": [["active_anon", "inactive_anon", "isolated_anon"], ["active_file", "inactive_file", "isolated_file"],
            ["unevictable", "dirty", "writeback"], ["slab_reclaimable", "slab_unreclaimable"],
            ["mapped", "shmem", "pagetables"], ["sec_pagetables", "bounce"], ["kernel_misc_reclaimable"],
            ["free", "free_pcp", "free_cma"]],
}


def test_doc_examples():
    failed, _ = doctest.testmod(mem_info)
    assert failed == 0


def test_seed_report_counters_page_size_cache_and_ram():
    totals = parse_file(fixture_path("dmesg_2.6.32_i686_e100_seed.txt")).events[0].mem_info
    assert totals.counters["slab_unreclaimable"] == 2329 and totals.counters["shmem"] == 0
    assert totals.counters["free"] == 427 and len(totals.counters) == 17  # 3+3+4+3+4 names
    assert (totals.page_kb, totals.pagecache_pages, totals.ram_pages) == (4, 57660, 65520)
    assert totals.hugepages == [] and totals.allocations == [] and totals.profiling is None
    assert memory_holders.total_kb(totals, "slab_unreclaimable") == 9316  # 2329 x 4


def test_real_6_19_report_with_memory_allocation_profiling():
    totals = parse_file(fixture_path("dmesg_6.19_xen_uvc_alloc_profiling.txt")).events[0].mem_info
    # 6.x block: 20 names incl. sec_pagetables and kernel_misc_reclaimable, on 8 lines sharing one stamp.
    assert len(totals.counters) == 20 and totals.counters["kernel_misc_reclaimable"] == 0
    assert totals.counters["slab_unreclaimable"] == 12482 and totals.ram_pages == 72535
    assert [(p.node, p.size_kb, p.total) for p in totals.hugepages] == [(0, 1048576, 0), (0, 2048, 0)]
    assert memory_holders.hugetlb_pool_kb(totals) == 0
    assert totals.profiling == "on" and len(totals.allocations) == 10
    second, eighth = totals.allocations[1], totals.allocations[7]
    assert (second.size, second.calls, second.location, second.module, second.function) == (
        "33.0 MiB", 8448, "drivers/block/xen-blkfront.c:322", "xen_blkfront", "fill_grant_buffer")
    assert (eighth.size, eighth.bytes, eighth.module) == ("7.36 MiB", 7717519, None)  # 7.36 x 1048576


def test_64k_pages_come_from_the_buddy_line():
    # ppc64le: "Node 0 DMA: 120*64kB (UEM) ..." -> free:120 pages = 7680 kB, the zone's free.
    totals = parse_file(fixture_path("dmesg_3.10_ppc64le_ibmveth.txt")).events[0].mem_info
    assert totals.page_kb == 64 and memory_holders.total_kb(totals, "free") == 7680


def test_rsyslog_escaped_block_is_read_like_the_dmesg_one():
    totals = parse_file(fixture_path("messages_5.14_rhel9_virtio.txt")).events[0].mem_info
    assert totals.counters["slab_unreclaimable"] == 10234 and totals.counters["free_cma"] == 0
    assert [(p.node, p.size_kb) for p in totals.hugepages] == [(0, 2048)]


def test_numa_node_hugepages_are_kept_per_node_and_size():
    totals = parse_file(fixture_path("dmesg_4.18_rhel8_mlx5_numa_slub.txt")).events[0].mem_info
    assert [(p.node, p.size_kb) for p in totals.hugepages] == [(0, 1048576), (0, 2048), (1, 1048576), (1, 2048)]


def test_report_without_mem_info_keeps_none():
    assert parse_file(fixture_path("dmesg_2.6.9_i386_decimal_e1000.txt")).events[0].mem_info is None


def test_to_dict_is_plain_json():
    data = parse_file(fixture_path("dmesg_6.19_xen_uvc_alloc_profiling.txt")).events[0].to_dict()
    assert data["mem_info"]["allocations"][0]["function"] == "alloc_slab_page"
    assert data["mem_info"]["hugepages"][1] == {"node": 0, "size_kb": 2048, "total": 0, "free": 0, "surp": 0}


def _framed(lines, framing, stamp="[ 7873.856200] "):
    """One printk's lines as each log shows them: dmesg stamps every line (2.6.32 and 3.5+ record
    printing), util-linux dmesg indents continuation lines, rsyslog joins them with #012."""
    if framing == "stamped":
        return [stamp + line for line in lines]
    if framing == "indented":
        return [stamp + lines[0]] + [" " * len(stamp) + line for line in lines[1:]]
    return ["Jun 17 21:19:45 web1 kernel: " + "#012".join(lines)]


@settings(max_examples=60, deadline=None)
@given(era=st.sampled_from(sorted(ERA_BLOCKS)), framing=st.sampled_from(["stamped", "indented", "syslog"]),
       values=st.lists(st.integers(min_value=0, max_value=10 ** 12), min_size=40, max_size=40))
def test_any_era_block_in_any_framing_gives_back_every_counter(era, framing, values):
    numbers = iter(values)
    printed = [[(name, next(numbers)) for name in line] for line in ERA_BLOCKS[era]]
    # printk's format: first line unindented, the others start with one blank
    lines = [("" if i == 0 else " ") + " ".join("%s:%d" % pair for pair in line) for i, line in enumerate(printed)]
    seed = SEED.split("\n")
    first = seed.index(SEED_BLOCK[0])
    block = _framed(lines, framing)
    if framing == "syslog":  # the whole report in syslog framing, so that the block's framing is the report's
        text = "\n".join("Jun 17 21:19:45 web1 kernel: " + line.split("] ", 1)[1] if line.startswith("[") else line
                         for line in seed[:first]) + "\n" + block[0] + "\n" + "\n".join(
            "Jun 17 21:19:45 web1 kernel: " + line.split("] ", 1)[1] for line in seed[first + 5:] if line.startswith("["))
    else:
        text = "\n".join(seed[:first] + block + seed[first + 5:])
    event = parse_text(text).events[0]
    expected = {name.lower(): value for line in printed for name, value in line}
    assert event.mem_info.counters == expected
    assert event.zones and event.mem_info.page_kb == 4


def string_get_size(size):
    """lib/string_helpers.c string_get_size(size, 1, STRING_UNITS_2, ...) in Python (6.x: "%u%s %s")."""
    units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"]
    if size == 0:
        return "0 B"
    i = remainder = 0
    while size >= 1024:
        size, remainder = divmod(size, 1024)
        i += 1
    sf_cap, j = size, 0
    while sf_cap * 10 < 1000:
        sf_cap, j = sf_cap * 10, j + 1
    remainder = (remainder * 1000 >> 10) + (500, 50, 5)[j]
    if remainder >= 1000:
        remainder, size = remainder - 1000, size + 1
    return "%u%s %s" % (size, (".%03u" % remainder)[:j + 1] if j else "", units[i])


@settings(max_examples=200, deadline=None)
@example(size=1053847, calls=1, module=None, line=1)  # "1.00 MiB": 5271 B under, more than half a step
@given(size=st.integers(min_value=0, max_value=2 ** 50), calls=st.integers(min_value=0, max_value=10 ** 9),
       module=st.sampled_from([None, "nf_conntrack", "mlx5_core"]), line=st.integers(min_value=1, max_value=99999))
def test_any_allocation_site_line_reads_back_within_the_printed_precision(size, calls, module, line):
    printed = string_get_size(size)
    text = ("%12s %8u %s:%u [%s] func:%s" % (printed, calls, "net/core/skbuff.c", line, module, "kmalloc_reserve")
            if module else "%12s %8u %s:%u func:%s" % (printed, calls, "mm/slub.c", line, "alloc_slab_page"))
    totals = MemInfoTotals()
    assert mem_info.read_line(totals, text)
    site = totals.allocations[0]
    assert (site.size, site.calls, site.module, site.location.endswith(":%d" % line)) == (printed, calls, module, True)
    # 3 significant figures, but string_get_size() drops the remainders below the printed unit
    # and truncates the last one to thousandths before rounding: 1053847 B prints "1.00 MiB"
    # (5271 B under, more than half a step).  Within one step of the last printed digit.
    number, unit = printed.split()
    decimals = len(number.partition(".")[2])
    step = 1024 ** "B KiB MiB GiB TiB PiB EiB ZiB YiB".split().index(unit) / 10 ** decimals
    assert abs(site.bytes - size) <= step
