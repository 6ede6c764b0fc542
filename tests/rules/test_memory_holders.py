"""MEMORY_HOLDERS through the real chain: the failure report's own Mem-Info totals when printed,
else the sosreport's meminfo, slabinfo and slabtop -o; silent when the replay shows free memory."""

import doctest

from insights.specs import Specs as CoreSpecs

from pagealloc.knowledge import memory_holders
from pagealloc.rules import memory_holders as rule_module
from pagealloc.specs import Specs
from tests.rules.inputs import SEED_DMESG, SEED_MEMINFO, fixture, host, run

# /proc/slabinfo 2.1 (2.6.32 slub.c s_show): name active_objs num_objs objsize objperslab pagesperslab
# : tunables limit batchcount sharedfactor : slabdata active_slabs num_slabs sharedavail
SLABINFO = """slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
skbuff_head_cache 327680 327680    256   16    1 : tunables    0    0    0 : slabdata  20480  20480      0
dentry             40960  40960    128   32    1 : tunables    0    0    0 : slabdata   1280   1280      0
"""
# slabtop -o (procps 3.2.8, Debian 6) of the same caches: CACHE SIZE = slabs x pages per slab x 4 kB,
# skbuff_head_cache 20480 x 1 x 4 = 81920K, dentry 1280 x 4 = 5120K.
SLABTOP = """ Active / Total Objects (% used)    : 368640 / 368640 (100.0%)
 Active / Total Slabs (% used)      : 21760 / 21760 (100.0%)
 Active / Total Caches (% used)     : 2 / 2 (100.0%)
 Active / Total Size (% used)       : 87040.00K / 87040.00K (100.0%)
 Minimum / Average / Maximum Object : 0.12K / 0.24K / 0.25K

  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME
327680 327680 100%    0.25K  20480       16     81920K skbuff_head_cache
 40960  40960 100%    0.12K   1280       32      5120K dentry
"""
# The seed report without its global counter block (a log pre-filtered down to the zone lines).
SEED_WITHOUT_COUNTERS = "\n".join(line for line in SEED_DMESG.split("\n")
                                  if "kB" in line or not any(k in line for k in ("_anon:", "_file:", "dirty:", "slab_",
                                                                                  "shmem:")))
SLAB_LEAK = fixture("logs", "dmesg_6.12_slab_leak_alloc_profiling.txt")
FRAGMENTED = fixture("logs", "dmesg_6.19_xen_uvc_alloc_profiling.txt")


def test_doc_examples():
    failed, _ = doctest.testmod(memory_holders)
    assert failed == 0


def test_a_slab_cache_holding_a_third_of_ram_is_named_at_collection_time():
    # skbuff_head_cache 327680 x 256 B = 81920 kB of MemTotal 254648 kB = 32%.
    data = host(dmesg=SEED_WITHOUT_COUNTERS).add(CoreSpecs.proc_slabinfo, SLABINFO, path="/proc/slabinfo")
    result = run(rule_module.report, data)
    notable = [(h["name"], h["kb"], h["share"]) for h in result["holders"] if h["notable"]]
    assert notable == [("slab cache skbuff_head_cache", 81920, 0.32)]
    assert result["when"] == "collection_time" and result["replay_verdict"] == "reserve_exhausted"


def test_slabtop_cache_size_is_read_when_collected():
    data = host(dmesg=SEED_WITHOUT_COUNTERS, files=[(Specs.slabtop, "/sos_commands/memory/slabtop_-o", SLABTOP)])
    result = run(rule_module.report, data)
    assert [(c["name"], c["kb"]) for c in result["caches_now"]] == [("skbuff_head_cache", 81920), ("dentry", 5120)]
    assert result["holders"][0]["name"] == "slab cache skbuff_head_cache"


def test_failure_time_figures_win_and_name_the_allocation_sites():
    # 6.12 report (fixture comment): slab_unreclaimable 2883584 pages x 4 kB = 11534336 kB of
    # 4194158 x 4 = 16776632 kB (69%); hugetlbfs 1024 x 2048 kB = 2097152 kB (13%).  The seed's
    # meminfo/slabinfo (collection time) are not used for the holders.
    data = host(dmesg=SLAB_LEAK).add(CoreSpecs.proc_slabinfo, SLABINFO, path="/proc/slabinfo")
    result = run(rule_module.report, data)
    assert result["when"] == "failure_time" and result["mem_total_kb"] == 16776632
    assert [(h["name"], h["kb"], h["share"]) for h in result["holders"] if h["notable"]] == [
        ("unreclaimable slab (slab_unreclaimable)", 11534336, 0.69),
        ("hugetlbfs pool (hugepages_total x hugepages_size)", 2097152, 0.13)]
    top = result["allocations"][0]
    # "10.8 GiB" = 10.8 x 1048576 kB = 11324620 kB (68% of RAM)
    assert (top["function"], top["module"], top["kb"], top["share"], top["calls"]) == (
        "__nf_conntrack_alloc", "nf_conntrack", 11324620, 0.68, 36238786)
    assert result["profiling"] is None  # the 6.10-6.17 header does not say
    assert result["caches_now"][0] == {"name": "skbuff_head_cache", "kb": 81920}
    assert result["report"]["line"] == 5 and result["report"]["timestamp"] == 86211.431102


def test_failure_time_wording_says_so():
    from jinja2 import Template
    result = run(rule_module.report, host(dmesg=SLAB_LEAK))
    text = Template(rule_module.CONTENT).render(**result)
    assert text.startswith("Memory held at failure time (the report's own Mem-Info), of 16776632 kB:")
    assert "__nf_conntrack_alloc (net/netfilter/nf_conntrack_core.c:1727 [nf_conntrack]): 10.8 GiB" in text


def test_free_memory_above_the_floor_says_nothing_about_holders():
    # The 6.19 report's slab_unreclaimable is 12482 x 4 = 49928 kB of 72535 x 4 = 290140 kB (17%),
    # but its DMA32 zone was above its floor for an order-5 request: fragmentation, not exhaustion.
    assert run(rule_module.report, host(dmesg=FRAGMENTED)) is None


def test_nothing_notable_says_nothing():
    # The seed report: slab_unreclaimable 2329 x 4 = 9316 kB of 65520 x 4 = 262080 kB (3.6%), shmem 0;
    # the sosreport agrees (SUnreclaim 9352 kB of 254648 kB).
    assert "SUnreclaim:         9352 kB" in SEED_MEMINFO
    assert run(rule_module.report, host()) is None


def test_human_formats_say_when_and_who():
    from pagealloc.render.findings import CONTEXT_KEYS, finding
    found = finding({"key": "MEMORY_HOLDERS", "type": "info", "details": run(rule_module.report, host(dmesg=SLAB_LEAK))})
    assert found["headline"] == "Memory held at failure time (the report's Mem-Info)"
    assert found["paragraphs"][0][0] == "unreclaimable slab (slab_unreclaimable): 11534336 kB (69% of 16776632 kB)"
    assert found["paragraphs"][2][0] == ("__nf_conntrack_alloc (net/netfilter/nf_conntrack_core.c:1727 [nf_conntrack]): "
                                         "10.8 GiB in 36238786 calls")
    assert "MEMORY_HOLDERS" in CONTEXT_KEYS  # context beside a finding, never the page's headline
