"""GFP decoding per era; expected names worked out from the bit tables in pagealloc.knowledge.gfp."""

import doctest

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    # 0x400: __GFP_REPEAT up to 4.17 (no sleep bit), __GFP_DIRECT_RECLAIM from 5.1: eras disagree.
    assert decode_gfp("0x400").atomic is None


@pytest.mark.parametrize("mask, era, flags, atomic", [
    # 2.6-4.3: __GFP_WAIT|IO|FS = GFP_KERNEL; 4.4+: RECLAIMABLE|IO|FS with no reclaim bit (no warning mask)
    ("0xd0", "2.6.32|3.10", ["GFP_KERNEL"], False),
    ("0xd2", "2.6.32|3.10", ["GFP_KERNEL", "__GFP_HIGHMEM"], False),           # 3.x vmalloc()'s mask
    ("0xc0d0", "2.6.32|3.10", ["GFP_KERNEL", "__GFP_COMP", "__GFP_ZERO"], False),
    # 5.1+ GFP_KERNEL 0xcc0 = RECLAIM 0xc00|IO|FS; in 2.6-4.18 layouts 0xc00 is REPEAT|NOFAIL: IO|FS, no reclaim
    ("0xcc0", "5.1-6.2|6.3+", ["GFP_KERNEL"], False),
    # 4.10 GFP_KERNEL 0x14000c0 = KSWAPD 0x1000000|DIRECT 0x400000|IO|FS; 3.x reads 0x400000 as NO_KSWAPD
    ("0x14000c0", "4.4-4.9|4.10-4.17", ["GFP_KERNEL"], False),
    # no IO/FS bit: the rule leaves it alone (every era, atomic in all)
    ("0x20", "2.6.32|3.10|4.4-4.9|4.10-4.17|4.18-5.0|5.1-6.2|6.3+", ["GFP_ATOMIC"], True),
    # IO|FS and no reclaim bit in every era: no era is left, so all stay (the value alone)
    ("0xc0", "2.6.32|3.10|4.4-4.9|4.10-4.17|4.18-5.0|5.1-6.2|6.3+", ["__GFP_IO", "__GFP_FS"], True),
])
def test_value_alone_keeps_the_eras_whose_reading_a_warning_can_print(mask, era, flags, atomic):
    decoded = decode_gfp(mask)
    assert (decoded.era, decoded.flags, decoded.atomic) == (era, flags, atomic)


@pytest.mark.parametrize("era", gfp.ERAS, ids=lambda e: e.name)
def test_every_named_combination_of_an_era_is_a_warning_mask_of_it(era):
    # the rule never rejects the kernel's own named masks (GFP_KERNEL, GFP_NOFS, GFP_USER, ...) but
    # those with __GFP_NOWARN (GFP_TRANSHUGE_LIGHT), which no warning prints
    for name, value in era.composites:
        if value & era.bits.get("__GFP_NOWARN", 0):  # (2.4 has no __GFP_NOWARN: every failure printed)
            continue
        assert era.warns_with(value), (era.name, name, hex(value))
        assert era.warns_with(value | era.bits.get("__GFP_COMP", 0) | era.bits["__GFP_HIGHMEM"])


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=0x3ffffff))
def test_a_decided_value_alone_is_decided_by_every_era_left(value):
    decoded = decode_gfp(hex(value))
    if decoded.atomic is not None:
        eras = [gfp.ERAS_BY_NAME[name] for name in decoded.candidates]
        assert eras and {not e.can_sleep(value) for e in eras} == {decoded.atomic}
        # a kept era is a warning reading, unless no era's reading is one
        fitting = [e for e in gfp.ERAS if not e.dated_only and e.names_for(value)[1] == 0]  # (2.4: by its message only)
        assert all(e.warns_with(value) for e in eras) or not any(e.warns_with(value) for e in fitting)


@pytest.mark.parametrize("mask", ["0xffffffffffffffff", "zz", "", None, "-0x1"])
def test_absurd_or_invalid_masks_never_claim_atomic(mask):
    decoded = decode_gfp(mask)
    assert decoded.atomic is None
