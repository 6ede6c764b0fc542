"""A header whose mode the paste cut short (pagealloc.kernlog.cut_mode): the mask is unknown, with the
reason, never decoded from what is left of it."""

import doctest

from pagealloc.kernlog import cut_mode
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import fixture_text

RHEL8 = "dmesg_4.18_rhel8_mlx5_numa_slub.txt"   # 4.18.0-553.el8_10: mode:0x480020(GFP_ATOMIC), names printed
RHEL7 = "dmesg_3.10_rhel7_ixgbe.txt"            # 3.10.0: mode:0x20, no names (the era prints none)


def test_doc_examples():
    assert doctest.testmod(cut_mode).failed == 0


def _cut(name, whole, cut):
    text = fixture_text(name)
    assert whole in text
    return parse_text(text.replace(whole, cut, 1)).events[0]


def test_a_4_18_header_cut_inside_its_mask_gives_an_unknown_mask_and_says_why():
    # a paste truncated at 80 columns: "[88231.552301] swapper/27: page allocation failure: order:0, mode:0x4"
    # (68 characters before the mask's digits; "0x4" is what is left of 0x480020)
    event = _cut(RHEL8, "mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0-1", "mode:0x4")
    assert event.kernel == "4.18.0-553.el8_10.x86_64"
    assert (event.gfp_mask, event.atomic, event.gfp_flags) == (None, None, [])
    assert event.unusable == ("mode 0x4 ends the header without the GFP names 4.18.0-553.el8_10.x86_64 prints: "
                              "the paste cut it, the mask is unknown")
    # the rest of the report still reads: order, task, receive path, zones
    whole = parse_text(fixture_text(RHEL8)).events[0]
    assert (event.order, event.comm, event.context, event.driver, event.zones) == (
        whole.order, whole.comm, whole.context, whole.driver, whole.zones)
    assert whole.unusable is None and whole.gfp_mask == "0x480020"


def test_a_mask_cut_right_after_its_digits_is_not_trusted_either():
    # "mode:0x480020" without "(GFP_ATOMIC)": whole digits or not, the text cannot tell
    event = _cut(RHEL8, "mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0-1", "mode:0x480020")
    assert event.gfp_mask is None and event.atomic is None and "paste cut it" in event.unusable


def test_a_3_10_mask_that_no_warning_of_its_era_prints_is_a_cut():
    # 0x4d is __GFP_IO|__GFP_MOVABLE|__GFP_DMA32|__GFP_DMA (3.10 bits) without __GFP_WAIT: no warning prints IO
    # without reclaim (gfp.WARNING_MASKS); it is what a cut leaves of 0x4d0 (GFP_KERNEL|__GFP_REPEAT)
    event = _cut(RHEL7, "order:0, mode:0x20", "order:0, mode:0x4d")
    assert event.kernel.startswith("3.10.0") and event.gfp_mask is None and "no mask a 3.10" in event.unusable


def test_whole_masks_of_eras_without_names_stay_decoded():
    event = parse_text(fixture_text(RHEL7)).events[0]
    assert (event.gfp_mask, event.atomic, event.unusable) == ("0x20", True, None)
    # a cut that leaves a mask the era prints cannot be seen (0x2 of 0x20 is __GFP_HIGHMEM): read as printed
    event = _cut(RHEL7, "order:0, mode:0x20", "order:0, mode:0x2")
    assert event.gfp_mask == "0x2" and event.unusable is None


def test_names_cut_inside_their_bracket_keep_the_mask():
    # "mode:0x480020(GFP_AT" (the names cut, the digits whole: the "(" shows they ended)
    event = _cut(RHEL8, "mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0-1", "mode:0x480020(GFP_AT")
    assert event.gfp_mask == "0x480020" and event.unusable is None
