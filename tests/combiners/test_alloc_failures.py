import doctest

from insights.tests import context_wrap

from pagealloc.combiners import alloc_failures
from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.parsers.page_alloc_failure import (
    CoreDmesgAllocFailures,
    DmesgAllocFailures,
    MessagesAllocFailures,
)
from tests.kernlog.helpers import fixture_text

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


def test_uname_settles_the_gfp_era_of_reports_without_a_task_line():
    from insights.parsers.uname import Uname
    # 4.18 (RHEL 8) header alone, as a pre-filtered messages file may hold it: 0x480020 without names
    header = "Jun 17 21:19:45 web1 kernel: swapper/3: page allocation failure: order:0, mode:0x480020\n"
    uname = Uname(context_wrap("Linux web1 4.18.0-553.el8_10.x86_64 #1 SMP Fri May 10 15:19:13 EDT 2024 "
                               "x86_64 x86_64 x86_64 GNU/Linux"))
    without = AllocFailures(None, [_messages(header)], None, None, None, None, None, None)
    assert "|" in without.events[0].gfp_era or without.events[0].gfp_era is None
    combined = AllocFailures(None, [_messages(header)], None, None, None, None, None, None, uname)
    event = combined.events[0]
    assert (event.gfp_era, event.gfp_flags, event.atomic) == ("4.18-5.0", ["GFP_ATOMIC"], True)
    assert "gfp_names_printed" not in event.to_dict()


def test_combiner_runs_through_insights_dependency_resolution():
    from insights import dr
    from insights.core.context import SosArchiveContext

    from pagealloc.specs import Specs
    broker = dr.Broker()
    broker[SosArchiveContext] = SosArchiveContext()
    broker[Specs.dmesg] = context_wrap(fixture_text(SEED), path="sos_commands/kernel/dmesg")
    broker = dr.run(dr.get_dependency_graph(AllocFailures), broker=broker)
    assert broker[AllocFailures].total_reports == 1


def test_rhel_messages_without_uptime_still_deduplicates_against_dmesg():
    # RHEL's rsyslog writes no [uptime]: only the report's facts (comm, pid, order, mask, zone free kB) match.
    import re
    messages = "\n".join("Jun 17 21:19:45 web1 kernel: " + re.sub(r"^\[[ 0-9.]+\] ", "", line)
                         for line in fixture_text(SEED).splitlines() if line.startswith("["))
    combined = AllocFailures(_dmesg(), [_messages(messages)], None, None, None, None, None, None)
    assert combined.total_reports == 1 and len(combined.sources) == 2
