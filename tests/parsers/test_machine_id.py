"""MachineId: machine-id(5) from /etc/machine-id or sos's /var/lib/dbus/machine-id."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import machine_id
from pagealloc.parsers.machine_id import MachineId


def test_doc_examples():
    parsed = MachineId(context_wrap("3d1219c7c4c5404aaa1f6d2a48adfda4\n"))
    assert doctest.testmod(machine_id, globs={"machine_id": parsed})[0] == 0


def test_upper_case_is_normalised():
    assert MachineId(context_wrap("3D1219C7C4C5404AAA1F6D2A48ADFDA4")).machine_id == "3d1219c7c4c5404aaa1f6d2a48adfda4"


@pytest.mark.parametrize("content", ["", "uninitialized", "3d1219c7", "3d1219c7c4c5404aaa1f6d2a48adfda4\nextra",
                                     "3d1219c7-c4c5-404a-aa1f-6d2a48adfda4"])
def test_anything_but_one_id_is_skipped(content):
    with pytest.raises(SkipComponent):
        MachineId(context_wrap(content))
