"""ThpState: the bracketed THP mode, upstream and RHEL 6 paths."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import thp_state
from pagealloc.parsers.thp_state import ThpState


def test_doc_examples():
    assert doctest.testmod(thp_state, globs={"thp_state": ThpState(context_wrap("[always] madvise never"))})[0] == 0


def test_rhel6_path_same_format():
    parsed = ThpState(context_wrap("always madvise [never]", path="sys/kernel/mm/redhat_transparent_hugepage/enabled"))
    assert parsed.mode == "never"


@pytest.mark.parametrize("text", ["always madvise never", "[sometimes] never", "", "[always] [never]"])
def test_no_single_known_mode_skips(text):
    with pytest.raises(SkipComponent):
        ThpState(context_wrap(text))
