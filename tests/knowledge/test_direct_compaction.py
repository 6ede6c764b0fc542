"""
pagealloc.knowledge.direct_compaction: whether a failed request that may sleep could compact for itself,
from its mask's bits in its era's layout and the gate of its kernel (mm/compaction.c try_to_compact_pages()).
"""

import doctest

from hypothesis import given
from hypothesis import strategies as st

from pagealloc.kernlog.event import FailureEvent
from pagealloc.knowledge import direct_compaction as module
from pagealloc.knowledge.direct_compaction import direct_compaction
from pagealloc.knowledge.gfp import ERAS_BY_NAME

# (era, a release of it) for every layout since direct compaction came; the release decides the gate.
RELEASES = [("2.6.32", "2.6.39"), ("2.6.32", "2.6.35"), ("3.10", "3.10.0-1160.el7.x86_64"), ("4.4-4.9", "4.9.0"),
            ("4.10-4.17", "4.14.67"), ("4.18-5.0", "4.18.0-305.el8.x86_64"), ("5.1-6.2", "5.15.0-91-generic"),
            ("6.3+", "6.8.0")]


def event(mask, era, release=None, order=4, atomic=False):
    return FailureEvent("page-allocation-failure", order=order, gfp_mask=hex(mask), atomic=atomic, gfp_era=era,
                        kernel=release)


def test_the_module_examples_hold():
    assert doctest.testmod(module)[0] == 0


@given(st.sampled_from(RELEASES), st.booleans(), st.booleans(), st.integers(1, 10), st.integers(0, 2 ** 26 - 1))
def test_the_mask_s_io_and_fs_bits_and_the_release_decide(era_release, io, fs, order, noise):
    era, release = era_release
    bits = ERAS_BY_NAME[era].bits
    mask = noise & ~(bits["__GFP_IO"] | bits["__GFP_FS"]) | (bits["__GFP_IO"] if io else 0) | \
        (bits["__GFP_FS"] if fs else 0)
    answer = direct_compaction(event(mask, era, release, order))
    nofs_may = era not in ("2.6.32", "3.10", "4.4-4.9")  # every release drawn here from 4.14 on has the second gate
    assert answer.possible == (io and (fs or nofs_may))
    assert ("__GFP_IO" in answer.missing) == (not io)
    # The same report without its release: the era's span answers where every gate over it agrees.
    spanless = direct_compaction(event(mask, era, None, order))
    assert spanless is None or spanless.possible == answer.possible


def test_order_0_and_atomic_requests_get_no_answer_and_an_unknown_release_of_4_10_none_for_gfp_nofs():
    bits = ERAS_BY_NAME["4.10-4.17"].bits
    nofs = bits["__GFP_DIRECT_RECLAIM"] | bits["__GFP_KSWAPD_RECLAIM"] | bits["__GFP_IO"]
    assert direct_compaction(event(nofs, "4.10-4.17", "4.10.3")) is None      # which gate 4.10 had is not pinned
    assert direct_compaction(event(nofs, "4.10-4.17", None)) is None          # 4.10-4.17: either
    assert direct_compaction(event(nofs, "4.10-4.17", "4.11.0")).possible is True
    assert direct_compaction(event(nofs, "4.10-4.17", "4.10.3", order=0)) is None
    assert direct_compaction(event(nofs, "4.10-4.17", "4.11.0", atomic=True)) is None
    # Before 2.6.35 (Ubuntu 10.04's 2.6.32, 2.4): no direct compaction upstream, a backport unknown: no answer.
    old = ERAS_BY_NAME["2.6.32"].bits
    for mask in (old["__GFP_WAIT"] | old["__GFP_IO"] | old["__GFP_FS"], old["__GFP_WAIT"]):
        assert direct_compaction(event(mask, "2.6.32", "2.6.32-41-server")) is None
        assert direct_compaction(event(mask, "2.6.32", None)) is None
    assert direct_compaction(event(0x30, "2.4", "2.4.20")) is None
