import doctest

from insights.tests import context_wrap

from pagealloc.parsers import page_alloc_failure
from pagealloc.parsers.page_alloc_failure import (
    CoreDmesgAllocFailures,
    DmesgAllocFailures,
    MessagesAllocFailures,
)
from tests.kernlog.helpers import fixture_path, fixture_text
from tests.parsers.fixtures import docstring_sample

SEED = "dmesg_2.6.32_i686_e100_seed.txt"



def test_doc_examples():
    env = {"dmesg_failures": DmesgAllocFailures(context_wrap(docstring_sample(page_alloc_failure), path="sos_commands/kernel/dmesg"))}
    failed, _ = doctest.testmod(page_alloc_failure, globs=env)
    assert failed == 0


def test_seed_report_from_content_gives_the_documented_values():
    parsed = DmesgAllocFailures(context_wrap(fixture_text(SEED), path="sos_commands/kernel/dmesg"))
    assert parsed.streamed is False
    assert parsed.total_reports == 1
    event = parsed.events[0]
    assert (event.comm, event.pid, event.kernel, event.order) == ("swapper", 0, "2.6.32-5-686", 0)
    assert (event.gfp_mask, event.gfp_flags, event.atomic) == ("0x20", ["GFP_ATOMIC"], True)
    assert (event.context, event.driver, event.in_interrupt) == ("network-rx", "e100", True)
    normal = [z for z in event.zones if z.zone == "Normal"][0]
    assert (normal.free_kb, normal.min_kb, normal.low_kb, normal.high_kb) == (716, 1908, 2384, 2860)
    assert event.buddy["Normal"]["0"] == 179
    assert (event.slab.cache, event.slab.object_size, event.slab.min_order) == ("kmalloc-192", 192, 0)


def test_parser_streams_from_the_provider_path_when_it_is_a_real_file():
    # content is deliberately empty: only streaming from the path can find the report
    parsed = MessagesAllocFailures(context_wrap("", path=fixture_path(SEED)))
    assert parsed.streamed is True
    assert [e.driver for e in parsed.events] == ["e100"]
    assert parsed.events[0].source == fixture_path(SEED)


def test_prefiltered_core_dmesg_keeps_the_lines_the_rules_need():
    # What an insights-client archive holds after the core dmesg filters ran.
    parsed = CoreDmesgAllocFailures(context_wrap(fixture_text(SEED), filtered_spec=page_alloc_failure.CoreSpecs.dmesg))
    event = parsed.events[0]
    assert (event.comm, event.gfp_mask, event.context) == ("swapper", "0x20", "network-rx")
    assert [z.free_kb for z in event.zones] == [992, 716]
    assert event.buddy == {}  # buddy lines match no filter: gone
    assert parsed.prefiltered is True


def test_log_without_failures_gives_an_empty_parser_not_an_error():
    parsed = DmesgAllocFailures(context_wrap("[    0.000000] Linux version 5.14.0-362.el9.x86_64\n"))
    assert parsed.events == [] and parsed.total_reports == 0


def test_core_spec_parsers_parse_only_when_used():
    parsed = CoreDmesgAllocFailures(context_wrap(fixture_text(SEED)))
    assert parsed._result is None  # nothing parsed yet
    assert parsed.total_reports == 1 and parsed._result is not None
