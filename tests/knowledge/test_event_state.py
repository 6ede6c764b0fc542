"""
Event placement and matching (knowledge/event_timeline, event_match, event_verdicts,
log_survey) and their combiners, on parsed fixtures; properties with hypothesis.
"""

import doctest
import io

from hypothesis import given
from hypothesis import strategies as st
from insights.tests import context_wrap

from pagealloc.combiners import failure_timeline, kernel_logs_read
from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.combiners.kernel_logs_read import KernelLogsRead
from pagealloc.kernlog import log_survey
from pagealloc.kernlog.event import FailureEvent
from pagealloc.knowledge import event_match, event_timeline, event_verdicts
from pagealloc.parsers.page_alloc_failure import DmesgAllocFailures, MessagesAllocFailures
from tests.kernlog.helpers import fixture_text

SEED = "dmesg_2.6.32_i686_e100_seed.txt"


def _dmesg(text=None):
    return DmesgAllocFailures(context_wrap(text or fixture_text(SEED), path="sos_commands/kernel/dmesg"))


def _messages(text):
    return MessagesAllocFailures(context_wrap(text, path="var/log/messages"))


def _logs(dmesg=None, messages=None):
    return KernelLogsRead(dmesg, messages, None, None, None, None, None, None)


def test_doc_examples():
    for module in (event_timeline, event_match, event_verdicts, log_survey):
        assert doctest.testmod(module)[0] == 0, module.__name__
    dmesg = _dmesg()
    logs = _logs(dmesg)
    failures = AllocFailures(dmesg, None, None, None, None, None, None, None)
    assert doctest.testmod(kernel_logs_read, globs={"logs_read": logs})[0] == 0
    timeline = FailureTimeline(failures, None, logs)
    assert doctest.testmod(failure_timeline, globs={"timeline": timeline})[0] == 0


def test_auth_log_holds_no_kernel_line_and_a_syslog_kernel_line_counts():
    auth = "Dec  4 17:00:01 web1 sshd[1234]: Accepted publickey for root\n" * 500
    assert _logs(messages=[_messages(auth)]).read_any is False
    assert _logs(messages=[_messages(auth + "Dec  4 17:00:02 web1 kernel: e100: eth0 NIC Link is Up\n")]).read_any


def test_empty_and_unrecognised_inputs_are_named():
    logs = _logs(messages=[_messages("\n\n"), _messages("hello\nworld\n")])
    assert [log["content"] for log in logs.logs] == ["empty", "unrecognised"]
    assert logs.read_any is False and len(logs.unread) == 2


def test_nothing_at_all_says_what_was_looked_for():
    logs = _logs()
    assert logs.read_any is False and logs.unread[0].startswith("no kernel log in the input (looked for dmesg")


def test_boot_markers_of_a_journal_and_a_cut_line():
    stream = io.BytesIO(b"-- Boot 0123456789abcdef0123456789abcdef --\n" + b"x" * 100 + b"\n"
                        b"[    0.000000] Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org) (gcc)\n")
    markers = log_survey.boot_markers(stream, chunk_size=16)
    assert [(m["line"], m["kind"], m["release"]) for m in markers] == [
        (1, "journal", None), (3, "banner", "6.1.0-13-amd64")]


def _event(source, line, timestamp=None, kernel=None):
    return FailureEvent("page-allocation-failure", source=source, line=line, timestamp=timestamp, kernel=kernel)


def test_uptime_going_backwards_starts_a_boot_without_a_banner():
    events = [_event("/var/log/kern.log", 10, 9000.5), _event("/var/log/kern.log", 20, 35.2),
              _event("/var/log/kern.log", 30, 36.0)]
    placed = event_timeline.place_events(events)
    # 9000.5 -> 35.2: the printk clock restarted once; the last two share the newest boot.
    assert [p["boots_after"] for p in placed] == [1, 0, 0]
    assert [p["current"] for p in placed] == [False, None, None]  # no banner: the newest boot is not proven current


def test_rotations_are_read_oldest_first():
    events = [_event("/var/log/messages", 5), _event("/var/log/messages.1", 5), _event("/var/log/messages.2.gz", 5)]
    markers = {"/var/log/messages.1": [{"line": 9, "kind": "banner", "release": "5.14.0-1", "timestamp": 0.0,
                                        "wallclock": None, "host": None}]}
    placed = event_timeline.place_events(events, markers, running_kernel="5.14.0-1")
    # Order: messages.2.gz (boot 0), messages.1 line 5 (boot 0), banner at messages.1:9, messages (boot 1).
    assert [p["boots_after"] for p in placed] == [0, 1, 1]
    assert [p["kernel"] for p in placed] == ["5.14.0-1", None, None]
    assert placed[0]["current"] is True and placed[0]["kernel_from"] == "boot banner"


HOSTS = st.sampled_from(["web1", "WEB1.example.com", "db7", "localhost", None])
RELEASES = st.sampled_from(["2.6.32-5-686", "6.1.0-13-amd64", None])
KB = st.one_of(st.none(), st.integers(min_value=1, max_value=1 << 26))


@given(HOSTS, RELEASES, KB, KB, HOSTS, RELEASES, KB, KB, KB)
def test_match_is_consistent(host, kernel, reserve, mem, this_host, this_kernel, this_mem, running, persisted):
    state = {"host": host, "kernel": kernel, "reserve_kb": [reserve, reserve + 11] if reserve else None,
             "mem_total_kb": mem, "current_boot": None, "boots_after": 0}
    analysed = {"hostname": this_host, "kernel_release": this_kernel, "mem_total_kb": this_mem,
                "min_free_kbytes": running, "persisted_kb": persisted}
    match = event_match.compare(state, analysed)
    # matches_host is None exactly when nothing could be compared, False exactly when a reason exists.
    assert (match["matches_host"] is None) == (not match["compared"])
    assert (match["matches_host"] is False) == bool(match["reasons"])
    assert set(match["reasons"]) <= set(event_match.REASONS)
    assert match["role"] in event_match.ROLES
    # Metamorphic: the same state compared with itself never differs in host, kernel or memory.
    mirror = {"hostname": host, "kernel_release": kernel, "mem_total_kb": mem,
              "min_free_kbytes": reserve, "persisted_kb": reserve}
    assert not {"other_host", "other_kernel", "other_memory_size", "reserve_changed_since"} & set(
        event_match.compare(state, mirror)["reasons"])
    # Only a raise of both the running and the persisted value is "fixed since".
    if match["role"] == "fixed_since":
        assert running > state["reserve_kb"][1] and persisted > state["reserve_kb"][1]


LINES = st.lists(st.sampled_from([
    "Dec  4 10:00:00 web1 kernel: [    0.000000] Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org) (gcc)",
    "-- Reboot --", "-- Boot 0123456789abcdef0123456789abcdef --", "Dec  4 10:00:01 web1 sshd[1]: Linux version",
    "Dec  4 10:00:02 web1 kernel: e100: eth0 NIC Link is Up", "", "x" * 40]), max_size=60)


@given(LINES, st.integers(min_value=1, max_value=200))
def test_boot_markers_match_a_line_by_line_reading(lines, chunk_size):
    """Metamorphic: the chunked bytes.find survey finds exactly the markers a naive per-line
    reading finds, on the same line numbers, whatever the chunk size."""
    data = ("\n".join(lines) + "\n").encode()
    expected = [number for number, line in enumerate(lines, 1)
                if line.startswith(("-- Reboot", "-- Boot")) or " kernel: [    0.000000] Linux version" in line]
    found = log_survey.boot_markers(io.BytesIO(data), chunk_size=chunk_size)
    assert [m["line"] for m in found] == expected
