"""/proc/vmstat: counters by name, unusable lines named, empty input skipped."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import vmstat
from pagealloc.parsers.vmstat import VmStat

SAMPLE = vmstat.__doc__.split("Sample input (5.14, RHEL 9, trimmed)::")[1].split("Examples:")[0]


def test_doc_examples():
    failed, _ = doctest.testmod(vmstat, globs={"vmstat": VmStat(context_wrap(SAMPLE))})
    assert failed == 0


def test_3_10_single_allocstall_counter():
    # RHEL 7 (3.10) prints one "allocstall" (include/linux/vm_event_item.h ALLOCSTALL).
    parsed = VmStat(context_wrap("nr_free_pages 3001\nallocstall 77\nkswapd_low_wmark_hit_quickly 5\n"))
    assert (parsed["allocstall"], parsed["kswapd_low_wmark_hit_quickly"], parsed.errors) == (77, 5, [])


def test_garbage_lines_are_named_not_guessed():
    parsed = VmStat(context_wrap("nr_free_pages 12\nbroken line here\nallocstall -3\n"))
    assert dict(parsed) == {"nr_free_pages": 12}
    assert [e["line"] for e in parsed.errors] == [2, 3]


def test_empty_file_is_skipped():
    with pytest.raises(SkipComponent):
        VmStat(context_wrap(""))
