"""A holder with most of RAM at failure time comes first: MIN_FREE_KBYTES_LOW_ATOMIC_RX still fires
(the reserve ran out) but names the holder (``holder_first``), caps its confidence at "low" and
says in words to find what holds the memory before raising the reserve."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.event import MemInfoTotals
from pagealloc.knowledge.memory_holders import DOMINANT_SHARE, dominant_in_totals
from pagealloc.render.findings import finding
from pagealloc.rules import min_free_kbytes_low_atomic_rx as main_rule
from tests.rules.inputs import fixture, host, run

# 6.12 slab leak (fixture comment): slab_unreclaimable 2883584 x 4 = 11534336 kB of 4194158 x 4 =
# 16776632 kB RAM (69%); the top allocation site __nf_conntrack_alloc 10.8 GiB (68%) is smaller.
SLAB_LEAK = fixture("logs", "dmesg_6.12_slab_leak_alloc_profiling.txt")
RAM_PAGES = 4194158


def log_only(dmesg):
    return host(dmesg=dmesg, min_free=None, zoneinfo=None, meminfo=None, uname=None, sysctl_conf=None)


def with_slab(pages, sites=True):
    """The slab-leak report with slab_unreclaimable set to ``pages`` (the zone lines, hence the replay,
    unchanged); without its "Memory allocations" lines unless ``sites``."""
    text = SLAB_LEAK.replace("slab_unreclaimable:2883584", "slab_unreclaimable:%d" % pages)
    if not sites:
        text = re.sub(r"(?m)^\[[^]]*\] (Memory allocations:| +[0-9.]+ [KMG]i?B .*)\n", "", text)
    return text


def test_the_slab_leak_names_the_holder_first_and_lowers_confidence():
    result = run(main_rule.report, log_only(SLAB_LEAK))
    assert result["error_key"] == "MIN_FREE_KBYTES_LOW_ATOMIC_RX"
    assert result["holder_first"] == {"name": "unreclaimable slab (slab_unreclaimable)", "kb": 11534336,
                                      "share": 0.69, "ram_kb": 16776632, "site": False, "threshold": 0.5}
    assert result["confidence"]["level"] == "low"
    assert result["confidence"]["reasons"][-1] == "memory_held_by_one_holder"
    found = finding({"key": result["error_key"], "type": "rule", "details": result})
    assert found["headline"].startswith("Memory exhausted by unreclaimable slab (slab_unreclaimable) (69% of RAM): "
                                        "find what holds it first; raising vm.min_free_kbytes")
    assert found["paragraphs"][0].startswith("First: unreclaimable slab (slab_unreclaimable) held 11534336 kB, 69%")
    from jinja2 import Template
    text = Template(main_rule.CONTENT[main_rule.ERROR_KEY]).render(**result)
    assert "\nFirst: unreclaimable slab (slab_unreclaimable) held 11534336 kB (69% of 16776632 kB RAM)" in text


def test_a_notable_but_not_dominant_holder_keeps_todays_verdict():
    # 20%: 838832 pages x 4 = 3355328 kB of 16776632 kB; with the sites gone (the 10.8 GiB site would
    # be dominant on its own) the report is the same failure with a notable holder only.
    plain = run(main_rule.report, log_only(with_slab(31022, sites=False)))
    notable = run(main_rule.report, log_only(with_slab(838832, sites=False)))
    assert "holder_first" not in notable and "holder_first" not in plain
    assert notable == plain
    assert "Network receive ran out of atomic memory reserve" in finding(
        {"key": notable["error_key"], "type": "rule", "details": notable})["headline"]


def test_a_single_allocation_site_is_a_holder():
    # slab counter back to a small value; the 10.8 GiB site (11324620 kB, 68%) alone is dominant.
    result = run(main_rule.report, log_only(with_slab(31022)))
    assert result["holder_first"]["site"] is True and result["holder_first"]["kb"] == 11324620
    assert result["holder_first"]["name"].startswith("allocation site __nf_conntrack_alloc (")


@settings(max_examples=300, deadline=None)
@given(ram=st.integers(1024, 1 << 26), share=st.floats(0.3, 0.7), anon_share=st.floats(0, 0.95),
       kind=st.sampled_from(["slab_unreclaimable", "shmem", "pagetables"]))
def test_dominant_exactly_from_the_threshold(ram, share, anon_share, kind):
    # Anonymous memory never counts, however large; any other holder counts from DOMINANT_SHARE of RAM.
    pages = int(ram * share)
    totals = MemInfoTotals(counters={kind: pages, "active_anon": int(ram * anon_share), "inactive_anon": 0},
                           page_kb=4, ram_pages=ram)
    found = dominant_in_totals(totals)
    if pages * 4 >= DOMINANT_SHARE * ram * 4:
        assert found is not None and found["kb"] == pages * 4 and found["ram_kb"] == ram * 4
    else:
        assert found is None


@settings(max_examples=8, deadline=None)
@given(pages=st.sampled_from([int(RAM_PAGES * s) for s in (0.2, 0.45, 0.49)] + [RAM_PAGES // 2 + d for d in (-1, 0, 1)]
                             + [int(RAM_PAGES * s) for s in (0.51, 0.6)]))
def test_the_rule_switches_at_the_threshold(pages):
    # Through the whole chain: the holder comes first iff slab holds half of RAM or more; otherwise
    # the verdict is the one without any holder.
    result = run(main_rule.report, log_only(with_slab(pages, sites=False)))
    assert result["error_key"] == "MIN_FREE_KBYTES_LOW_ATOMIC_RX"
    assert ("holder_first" in result) == (pages * 4 >= DOMINANT_SHARE * RAM_PAGES * 4)
    if "holder_first" not in result:
        assert result == run(main_rule.report, log_only(with_slab(31022, sites=False)))
