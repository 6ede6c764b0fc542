"""
The benchmark input generators: deterministic, well-formed, and holding
exactly the reports they claim (timing is not tested here).
"""

import doctest
import io
import re

import pytest

from pagealloc.bench import harness, kernel_reports, logs

SYSLOG_LINE = re.compile(rb"^[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d db-prod-07 [\w./-]+(\[\d+\])?: .*$")
DMESG_LINE = re.compile(rb"^\[ *(\d+)\.(\d{6})\] .*$")


@pytest.mark.parametrize("module", [kernel_reports, logs, harness])
def test_doc_examples(module):
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0


def _messages(size, reports, seed):
    out = io.BytesIO()
    facts = logs.write_messages(out, size=size, reports=reports, seed=seed)
    return out.getvalue(), facts


def test_messages_same_seed_same_bytes_other_seed_other_bytes():
    first, _ = _messages(600000, 4, seed=3)
    again, _ = _messages(600000, 4, seed=3)
    other, _ = _messages(600000, 4, seed=4)
    assert first == again
    assert first != other


def test_messages_hold_exactly_the_reports_they_claim_in_syslog_format():
    data, facts = _messages(1 << 20, 20, seed=1)
    lines = data.split(b"\n")
    assert lines[-1] == b""  # ends on a whole line
    assert all(SYSLOG_LINE.match(line) for line in lines[:-1])
    assert data.count(b"page allocation failure") == facts["page_allocation_failures"] == 20
    # The 9 page allocation failure eras are used in turn: 20 reports = 2 full rounds + 2.
    assert facts["eras"][:9] == [r.era for r in kernel_reports.PAGE_ALLOCATION_FAILURES]
    assert facts["eras"][18:] == ["2.6.32", "3.10-rhel7"]
    assert facts["bytes"] == len(data) <= 1 << 20
    # journald -> rsyslog escapes the Mem-Info counters' newlines (3.10+ only):
    # 20 reports minus the three 2.6.32 ones (reports 1, 10 and 19).
    assert data.count(b"isolated_anon:0#012 active_file:") == 17


def test_messages_timestamps_never_go_backwards():
    data, _ = _messages(400000, 3, seed=2)
    month = {m.encode(): i for i, m in enumerate(logs._MONTHS)}
    stamps = [(month[line[:3]], int(line[4:6]), line[7:15]) for line in data.split(b"\n") if line]
    assert stamps == sorted(stamps)


def test_messages_too_small_for_the_reports_is_refused():
    with pytest.raises(ValueError):
        _messages(20000, 20, seed=1)


def test_dense_dmesg_is_deterministic_and_counts_every_report():
    out, again = io.BytesIO(), io.BytesIO()
    facts = logs.write_dense_dmesg(out, size=200000)
    logs.write_dense_dmesg(again, size=200000)
    data = out.getvalue()
    assert data == again.getvalue() and facts["bytes"] == len(data)
    chunk = len(data) // facts["chunks"]
    assert facts["chunks"] == 200000 // chunk
    # 11 reports per chunk: 9 page allocation failures, 1 stall, 1 vmalloc failure.
    assert facts["events_by_kind"] == {"page-allocation-failure": 9 * facts["chunks"],
                                       "allocation-stall": facts["chunks"], "vmalloc-failure": facts["chunks"]}
    assert data.count(b"page allocation failure") == 9 * facts["chunks"]
    stamps = []
    for line in data.split(b"\n")[:-1]:
        match = DMESG_LINE.match(line)
        assert match, line
        stamps.append((int(match.group(1)), int(match.group(2))))
    assert stamps == sorted(stamps) and stamps[0] == (10000, 0)


def test_buddy_lines_add_up_to_their_printed_totals():
    buddy = re.compile(r"^(?:Node \d+,? )?\w+: (\d+\*4kB .*) = (\d+)kB$", re.M)
    checked = 0
    for report in kernel_reports.REPORTS:
        for blocks, total in buddy.findall(report.text):
            assert sum(int(n) * int(k) for n, k in re.findall(r"(\d+)\*(\d+)kB", blocks)) == int(total)
            checked += 1
    assert checked == 26
