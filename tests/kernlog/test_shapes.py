"""The log shapes of tools that hand kernel records on as data (pagealloc.kernlog.structured_records,
escaped_text, terminal_codes): streamed as read in memory, events at the file line holding their header's
text, and the prefix-shape regex that a journal JSON line once made backtrack for minutes."""

import io
import json

import pytest

from pagealloc.kernlog import framing
from pagealloc.kernlog.parse import parse_stream, parse_text
from tests.kernlog.helpers import fixture_text
from tests.kernlog.shape_transforms import SHAPES, _fields
from tests.kernlog.test_metamorphic import figures

NAME = "dmesg_4.18_rhel8_mlx5_numa_slub.txt"
BOOT = "[ 0.1] boot\n" * 3000  # the streaming scan reads no line of these: it searches for its markers


@pytest.mark.parametrize("shape", ["journal-json", "journal-json-pretty", "journal-verbose", "journal-export",
                                   "dmesg-json", "ansible-stdout", "ec2-console-output", "script-typescript",
                                   "kibana-csv"])
def test_a_shape_streamed_gives_the_events_and_file_lines_parsing_it_in_memory_gives(shape):
    text = BOOT + SHAPES[shape](fixture_text(NAME))
    streamed, in_memory = parse_stream(io.BytesIO(text.encode())), parse_text(text)
    assert figures(streamed) == figures(in_memory) == figures(parse_text(fixture_text(NAME)))
    assert [e.line for e in streamed.events] == [e.line for e in in_memory.events]
    lines = text.split("\n")
    for event in in_memory.events:  # the file line holding the header's text (a record's other fields are no lines)
        assert "allocation failure" in lines[event.line - 1]


def test_a_record_with_another_programs_text_is_that_programs_line():
    """journalctl -o json holds every program's records: another program's record is read as its syslog
    tag writes it, so a header its text quotes (a monitoring script's message) is no kernel report."""
    record = ('{"SYSLOG_IDENTIFIER":"alertd","_PID":"77","MESSAGE":"swapper/0: page allocation failure: order:0, '
              'mode:0x20"}\n')
    assert parse_text(record).total_reports == 0
    kernel = record.replace('"SYSLOG_IDENTIFIER":"alertd","_PID":"77"', '"SYSLOG_IDENTIFIER":"kernel"')
    assert [(e.comm, e.order) for e in parse_text(kernel).events] == [("swapper/0", 0)]


def _record(number, message):
    return json.dumps(dict(_fields(7873855883 + number, message, number)), separators=(",", ":"))


def test_a_prefix_of_many_hex_and_digit_tokens_is_matched_without_backtracking():
    """Two journal JSON lines quoting a fixture's comments: the first one's text before a comm (the outer
    prefix: a dozen hex and digit tokens, then words) is tried against the next line part by part; each run
    of the shape regex is matched whole (atomic), so this returns at once instead of trying every split of
    every run (the regex of ac91601 ran over 25 s here before it was stopped)."""
    first = _record(0, "# 2.6.9 x86_64 dmesg: mm/page_alloc.c __alloc_pages() x")
    outer = first[:first.index("__alloc_pages() ") + len("__alloc_pages() ")]
    line = _record(1, '# dump_stack() = arch/x86_64/kernel/traps.c show_trace(): "\\nCall Trace:" (a blank line)')
    assert 0 < framing.outer_lead_end(outer, line) < len(outer)
