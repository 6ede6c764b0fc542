"""/proc/sys/vm/min_free_kbytes and watermark_scale_factor: one integer, or an explicit problem."""

import doctest

import pytest
from insights.tests import context_wrap

from pagealloc.parsers import vm_tunables
from pagealloc.parsers.vm_tunables import MinFreeKbytes, WatermarkScaleFactor


def test_doc_examples():
    globs = {"min_free_kbytes": MinFreeKbytes(context_wrap("2038")),
             "watermark_scale_factor": WatermarkScaleFactor(context_wrap("10"))}
    failed, _ = doctest.testmod(vm_tunables, globs=globs)
    assert failed == 0


def test_value_with_trailing_newline_and_spaces():
    assert MinFreeKbytes(context_wrap("  67584 \n", strip=False)).value == 67584


@pytest.mark.parametrize("text, problem", [
    ("", "expected one line with an integer, found 0 lines"),
    ("4096\n8192", "expected one line with an integer, found 2 lines"),
    ("-1", "not a non-negative integer: '-1'"),
    ("4096kB", "not a non-negative integer: '4096kB'"),
    ("99999999999", "beyond a C int: 99999999999"),
])
def test_unusable_content_gives_none_and_says_why(text, problem):
    parsed = MinFreeKbytes(context_wrap(text))
    assert (parsed.value, parsed.problem) == (None, problem)
