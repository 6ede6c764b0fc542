"""
pagealloc.knowledge.rx_allocation_site: who asked, the driver for a receive buffer or the stack for its own
object, read from the trace's structure (the first frame past the allocator that a table knows), so a trace
reshaped the ways real ones are (more allocator levels, unknown words left on the stack, clone suffixes, the
context frames above) keeps its answer.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.knowledge.call_paths import DRIVER_PREFIXES, RX_BUFFER_FRAMES
from pagealloc.knowledge.rx_allocation_site import STACK_OBJECTS, Site, allocation_site

# Allocator levels of every era (2.6 SLAB, SLUB, 4.x+, 6.10's _noprof), and words an unwinder leaves on the stack.
ALLOCATOR = ["__alloc_pages_nodemask", "kmem_getpages", "fallback_alloc", "cache_grow", "____cache_alloc_node",
             "kmem_cache_alloc", "new_slab", "___slab_alloc.constprop.6", "__kmalloc_track_caller", "alloc_skb",
             "__alloc_skb", "__alloc_pages_noprof", "kmalloc_reserve.isra.0", "warn_alloc", "dump_stack"]
NOISE = ["printk", "read_tsc", "_spin_unlock", "sched_clock_local", "deactivate_slab", "ktime_get"]
ABOVE = ["net_rx_action", "__do_softirq", "irq_exit", "do_IRQ", "call_softirq", "cpu_idle"]


def _concrete(glob):
    return glob.replace("*", "x")


def _stack_cases():
    for obj in STACK_OBJECTS:
        for glob in obj.globs:
            name = _concrete(glob)
            yield name, Site("stack", name, obj.code)


def _buffer_cases():
    for glob in RX_BUFFER_FRAMES:
        yield _concrete(glob), "rx_buffer"
    for prefix, _driver in DRIVER_PREFIXES:
        yield prefix + "refill_rx_ring", "rx_buffer"


CASES = [(name, site) for name, site in _stack_cases()] + \
        [(name, Site(kind, name, None)) for name, kind in _buffer_cases()]


@settings(max_examples=300, deadline=None)
@given(case=st.sampled_from(CASES),
       below=st.lists(st.sampled_from(ALLOCATOR + NOISE), max_size=6),
       suffix=st.sampled_from(["", ".constprop.3", ".isra.0", ".part.1", ".cold"]),
       above=st.lists(st.sampled_from(ABOVE + ["tcp_v4_rcv", "ip_rcv", "e1000_clean"]), max_size=5))
def test_the_deciding_frame_decides_whatever_lies_below_and_above_it(case, below, suffix, above):
    name, site = case
    assert allocation_site(["__alloc_pages_nodemask"] + below + [name + suffix] + above) == site


@given(below=st.lists(st.sampled_from(ALLOCATOR + NOISE), max_size=8),
       above=st.lists(st.sampled_from(["tcp_v4_rcv", "sk_clone", "e1000_clean_rx_irq"]), max_size=3))
def test_a_trace_that_reaches_the_softirq_before_any_caller_tells_no_site(below, above):
    for context in ("net_rx_action", "__napi_poll", "__do_softirq", "process_backlog"):
        assert allocation_site(below + [context] + above) is None


def test_the_stack_prefixes_name_the_stack_and_the_driver_words_the_driver():
    # tcp_fragment under retransmission, netif_rx (an "rx" word, but the stack's), r8152's unprefixed rx name.
    assert allocation_site(["__kmalloc", "alloc_skb", "tcp_fragment"]) == Site("stack", "tcp_fragment", None)
    assert allocation_site(["__alloc_skb", "netif_rx", "e1000_intr"]) == Site("stack", "netif_rx", None)
    assert allocation_site(["__alloc_pages_nodemask", "alloc_rx_agg", "r8152_poll"]) == \
        Site("rx_buffer", "alloc_rx_agg", None)
    # The driver the report names lends its prefix: vendor names no table holds (Broadcom "et" on MIPS routers).
    assert allocation_site(["__alloc_skb", "et_dpc", "et_tasklet"], driver="et") == Site("rx_buffer", "et_dpc", None)
    assert allocation_site(["__alloc_skb", "et_dpc", "et_tasklet"]) is None


def test_every_object_says_what_a_failure_costs_and_cites_the_kernel():
    for obj in STACK_OBJECTS:
        assert obj.what.startswith("a ") and obj.effect and not obj.effect.endswith(".")
        assert ".c " in obj.source and "()" in obj.source, obj.code
        assert obj.counter is None or obj.counter.startswith("TcpExt")


def test_the_module_examples_hold():
    import doctest

    from pagealloc.knowledge import rx_allocation_site
    assert doctest.testmod(rx_allocation_site)[0] == 0
