import doctest

from insights.tests import context_wrap

from pagealloc.combiners import alloc_failures
from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.parsers.page_alloc_failure import (
    CoreDmesgAllocFailures,
    DmesgAllocFailures,
    MessagesAllocFailures,
)
from pagealloc.tests.kernlog.helpers import fixture_text

SEED = "dmesg_2.6.32_i686_e100_seed.txt"


def _syslog(dmesg_text, host="web1", wall="Jun 17 21:19:45"):
    """The same report as rsyslog writes it to /var/log/messages (uptime kept inside)."""
    return "\n".join("%s %s kernel: %s" % (wall, host, line) for line in dmesg_text.splitlines()
                     if line.startswith("["))


def _dmesg():
    return DmesgAllocFailures(context_wrap(fixture_text(SEED), path="sos_commands/kernel/dmesg"))


def _messages(text):
    return MessagesAllocFailures(context_wrap(text, path="var/log/messages"))


def test_doc_examples():
    env = {"alloc_failures": AllocFailures(_dmesg(), None, None, None, None, None, None, None)}
    failed, _ = doctest.testmod(alloc_failures, globs=env)
    assert failed == 0


def test_same_report_in_dmesg_and_messages_counts_once():
    combined = AllocFailures(_dmesg(), [_messages(_syslog(fixture_text(SEED)))], None, None, None, None, None, None)
    assert combined.total_reports == 1
    assert len(combined.events) == 1
    assert combined.sources == ["/sos_commands/kernel/dmesg", "/var/log/messages"]
    assert combined.truncated is False


def test_different_reports_in_two_sources_are_both_kept():
    text = fixture_text(SEED).replace("Normal free:716kB", "Normal free:700kB").replace("7873.8", "9000.1")
    combined = AllocFailures(_dmesg(), [_messages(_syslog(text))], None, None, None, None, None, None)
    assert combined.total_reports == 2
    assert [z.free_kb for z in combined.events[1].zones if z.zone == "Normal"] == [700]


def test_core_spec_is_used_only_without_the_own_dmesg_and_marks_truncation():
    core = CoreDmesgAllocFailures(context_wrap(fixture_text(SEED)))
    only_core = AllocFailures(None, None, None, None, None, core, None, None)
    assert only_core.total_reports == 1 and only_core.truncated is True
    both = AllocFailures(_dmesg(), None, None, None, None, core, None, None)
    assert both.total_reports == 1 and both.truncated is False and len(both.sources) == 1


def test_present_with_zero_events_when_a_log_exists():
    empty = DmesgAllocFailures(context_wrap("[    1.000000] e100: Intel(R) PRO/100 Network Driver\n"))
    combined = AllocFailures(empty, None, None, None, None, None, None, None)
    assert combined.events == [] and combined.total_reports == 0 and combined.to_list() == []
    assert combined.page_allocation_failures() == []
