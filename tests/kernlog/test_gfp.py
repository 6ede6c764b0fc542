"""GFP decoding per era; expected names worked out from the bit tables in pagealloc.knowledge.gfp."""

import doctest

import pytest

from pagealloc.knowledge import gfp
from pagealloc.knowledge.gfp import decode_gfp, era_for_release


def test_doc_examples():
    failed, _ = doctest.testmod(gfp)
    assert failed == 0


@pytest.mark.parametrize("release, era", [
    ("2.6.32-754.el6.x86_64", "2.6.32"), ("3.10.0-1160.el7.x86_64", "3.10"), ("4.3.0", "3.10"),
    ("4.4.0-210-generic", "4.4-4.9"), ("4.9.0-5-amd64", "4.4-4.9"), ("4.14.203", "4.10-4.17"),
    ("4.18.0-553.el8_10.x86_64", "4.18-5.0"), ("5.0.21", "4.18-5.0"), ("5.1.0", "5.1-6.2"),
    ("5.14.0-362.el9.x86_64", "5.1-6.2"), ("6.2.16", "5.1-6.2"), ("6.3.1", "6.3+"), ("6.12.9-200.fc41", "6.3+"),
])
def test_era_boundaries_follow_the_gfp_h_history(release, era):
    assert era_for_release(release).name == era


@pytest.mark.parametrize("mask, release, flags, atomic", [
    ("0x20", "2.6.32-5-686", ["GFP_ATOMIC"], True),
    ("0x4020", "2.6.32-5-686", ["GFP_ATOMIC", "__GFP_COMP"], True),         # 0x20 | 0x4000
    ("0xd0", "3.10.0-1160.el7.x86_64", ["GFP_KERNEL"], False),              # WAIT|IO|FS
    ("0x204020", "3.10.0-957.el7", ["GFP_ATOMIC", "__GFP_COMP", "__GFP_NOTRACK"], True),
    ("0x2080020", "4.9.0-5-amd64", ["GFP_ATOMIC"], True),                   # HIGH|ATOMIC|KSWAPD
    ("0x24000c0", "4.4.0", ["GFP_KERNEL"], False),
    ("0x1080020", "4.14.203", ["GFP_ATOMIC"], True),
    ("0x14000c0", "4.14.203", ["GFP_KERNEL"], False),
    ("0x480020", "4.18.0-553.el8_10", ["GFP_ATOMIC"], True),
    ("0x6000c0", "4.18.0-553.el8_10", ["GFP_KERNEL"], False),
    ("0xa20", "5.14.0-362.el9", ["GFP_ATOMIC"], True),
    ("0xcc0", "5.14.0-362.el9", ["GFP_KERNEL"], False),
    ("0x820", "6.8.0", ["GFP_ATOMIC"], True),
    ("0x800", "6.8.0", ["GFP_NOWAIT"], True),
    ("0x40a20", "5.14.0", ["GFP_ATOMIC", "__GFP_COMP"], True),              # 0xa20 | 0x40000
])
def test_masks_decode_by_the_era_of_the_kernel_release(mask, release, flags, atomic):
    decoded = decode_gfp(mask, kernel_release=release)
    assert (decoded.flags, decoded.atomic) == (flags, atomic)


def test_printed_names_win_and_pick_the_matching_era():
    decoded = decode_gfp("0x2084120", printed_names="GFP_ATOMIC|__GFP_COLD|__GFP_COMP")
    assert decoded.flags == ["GFP_ATOMIC", "__GFP_COLD", "__GFP_COMP"]
    assert decoded.era == "4.4-4.9" and decoded.atomic is True
    assert decode_gfp("0x14210d2", printed_names="GFP_HIGHUSER|__GFP_NORETRY|__GFP_RECLAIMABLE").atomic is False


def test_value_alone_lists_every_era_it_fits():
    decoded = decode_gfp("0x20")
    assert decoded.era == "2.6.32|3.10|4.4-4.9|4.10-4.17|4.18-5.0|5.1-6.2|6.3+"
    assert decoded.flags == ["GFP_ATOMIC"] and decoded.atomic is True
    # 0xd0: GFP_KERNEL with __GFP_WAIT (<= 4.3) but no sleep bit in later layouts: eras disagree.
    assert decode_gfp("0xd0").atomic is None


@pytest.mark.parametrize("mask", ["0xffffffffffffffff", "zz", "", None, "-0x1"])
def test_absurd_or_invalid_masks_never_claim_atomic(mask):
    decoded = decode_gfp(mask)
    assert decoded.atomic is None
