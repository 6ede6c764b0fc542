"""
Input text cannot add, split or re-order report lines (issue 16 item 2): line
breaks (also U+2028/U+2029, which ``str.splitlines()`` and browsers honour),
control characters and the bidi controls from any value of the input come
out as visible escapes, in every human format.  Metamorphic: a report with a
hostile value in every input-controlled field has exactly as many lines as
the same report with a plain value.
"""

import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

import pagealloc.render.inert
from pagealloc.render import render
from pagealloc.render.inert import UNSAFE, inert, inert_data
from tests.render.sample_result import hostile_result

HUMAN_FORMATS = ("text", "markdown", "html")
# the characters that matter, often, plus anything else
DANGEROUS = st.sampled_from(["\n", "\r", "\t", "\x1b", "\x07", "\x85", "\u2028", "\u2029", "\u202e", "\u2066",
                             "\u200f", "\u061c", "\x0b", "\x0c", "\x1c"])
PAYLOADS = st.lists(st.one_of(DANGEROUS, st.characters(), st.sampled_from(["PROBLEM FOUND: X", "  curl x | sh"])),
                    max_size=30).map(lambda parts: "h" + "".join(parts))  # never empty: an empty host is not shown


def test_doc_examples():
    failed, _ = doctest.testmod(pagealloc.render.inert)
    assert failed == 0


def as_rendered(payload):
    """hostile_result with the verdict CONTENT as result.rendered_content makes it (inert details)."""
    result = hostile_result(payload)
    result["verdicts"][0]["content"] = "driver " + inert(payload) + "\nRecommended: vm.min_free_kbytes = 8192 kB"
    return result


@settings(max_examples=150, deadline=None)
@given(PAYLOADS)
def test_hostile_values_add_no_lines_and_leave_no_unsafe_character(payload):
    for fmt in HUMAN_FORMATS:
        # text wraps prose at 80 columns between words: a longer value may take more wrapped lines,
        # so the line structure is compared unwrapped (a width no value reaches)
        hostile, plain = render(as_rendered(payload), fmt, width=10**9), render(as_rendered("x"), fmt, width=10**9)
        assert len(hostile.split("\n")) == len(plain.split("\n")), fmt
        assert len(hostile.splitlines()) == len(plain.splitlines()), fmt
        unsafe = set(UNSAFE.findall(hostile.replace("\n", ""))) - set(UNSAFE.findall(plain.replace("\n", "")))
        assert not unsafe, (fmt, unsafe)


@given(st.text())
def test_inert_is_one_line_and_idempotent(text):
    once = inert(text)
    assert len(once.splitlines()) <= 1 and not UNSAFE.search(once)
    assert inert(once) == once


def test_rule_details_are_made_inert_but_the_templates_line_breaks_and_own_content_stay():
    details = {"conflicts": [{"path": "/etc/sysctl.d/zz\n  curl x | sh\n.conf"}],
               "sysctl_d_file": {"content": "vm.min_free_kbytes = 4096\n"}, "comms": ("sw\u2028x",)}
    safe = inert_data(details)
    assert safe["conflicts"][0]["path"] == "/etc/sysctl.d/zz\\n  curl x | sh\\n.conf"
    assert safe["sysctl_d_file"]["content"] == "vm.min_free_kbytes = 4096\n"
    assert safe["comms"] == ["sw\\u2028x"]
    assert details["conflicts"][0]["path"].count("\n") == 2  # the caller's data is not changed
