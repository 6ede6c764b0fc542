"""MEMORY_HOLDERS through the real chain: meminfo and slabinfo beside the seed's failure report."""

import doctest

from insights.specs import Specs as CoreSpecs

from pagealloc.knowledge import memory_holders
from pagealloc.rules import memory_holders as rule_module
from pagealloc.tests.rules.inputs import SEED_MEMINFO, host, run

# /proc/slabinfo 2.1 (2.6.32 slub.c s_show): name active_objs num_objs objsize objperslab pagesperslab
# : tunables limit batchcount sharedfactor : slabdata active_slabs num_slabs sharedavail
SLABINFO = """slabinfo - version: 2.1
# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
skbuff_head_cache 327680 327680    256   16    1 : tunables    0    0    0 : slabdata  20480  20480      0
dentry             40960  40960    128   32    1 : tunables    0    0    0 : slabdata   1280   1280      0
"""


def test_doc_examples():
    failed, _ = doctest.testmod(memory_holders)
    assert failed == 0


def test_a_slab_cache_holding_a_third_of_ram_is_named():
    # skbuff_head_cache 327680 x 256 B = 81920 kB of MemTotal 254648 kB = 32%.
    data = host().add(CoreSpecs.proc_slabinfo, SLABINFO, path="/proc/slabinfo")
    result = run(rule_module.report, data)
    notable = [(h["name"], h["kb"], h["share"]) for h in result["holders"] if h["notable"]]
    assert notable == [("slab cache skbuff_head_cache", 81920, 0.32)]
    assert "at collection time" in rule_module.CONTENT


def test_nothing_notable_says_nothing():
    # The seed host: SUnreclaim 9352 kB of 254648 kB (3.7%), no hugepages, Shmem 0.
    assert "SUnreclaim:         9352 kB" in SEED_MEMINFO
    assert run(rule_module.report, host()) is None
