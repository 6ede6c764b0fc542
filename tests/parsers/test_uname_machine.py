"""UnameMachine: the machine word of uname -a in the Debian and RHEL forms."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import uname_machine
from pagealloc.parsers.uname_machine import UnameMachine


def test_doc_examples():
    line = "Linux e100-host 2.6.32-5-686 #1 SMP Tue Jun 1 04:59:47 UTC 2010 i686 GNU/Linux"
    assert doctest.testmod(uname_machine, globs={"uname_machine": UnameMachine(context_wrap(line))})[0] == 0


@pytest.mark.parametrize("line, machine", [
    ("Linux vm 6.18.44-fc-v669 #1 SMP PREEMPT_DYNAMIC @0 x86_64 GNU/Linux", "x86_64"),
    ("Linux h 4.18.0-513.5.1.el8_9.aarch64 #1 SMP Fri Sep 29 05:21:10 EDT 2023 aarch64 aarch64 aarch64 GNU/Linux",
     "aarch64"),
])
def test_machine_word(line, machine):
    assert UnameMachine(context_wrap(line)).machine == machine


def test_no_machine_word_skips():
    with pytest.raises(SkipComponent):
        UnameMachine(context_wrap("garbage"))
