"""BootId: /proc/sys/kernel/random/boot_id (sos plugin kernel)."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import boot_id
from pagealloc.parsers.boot_id import BootId


def test_doc_examples():
    parsed = BootId(context_wrap("4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90\n"))
    assert doctest.testmod(boot_id, globs={"boot_id": parsed})[0] == 0


def test_upper_case_is_normalised():
    assert BootId(context_wrap("4C0B4A1E-91F3-4C8A-9D3B-6F7E2A1C5D90")).boot_id == "4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90"


@pytest.mark.parametrize("content", ["", "4c0b4a1e91f34c8a9d3b6f7e2a1c5d90", "4c0b4a1e-91f3-4c8a-9d3b",
                                     "4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90\n4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d91"])
def test_anything_but_one_uuid_is_skipped(content):
    with pytest.raises(SkipComponent):
        BootId(context_wrap(content))
