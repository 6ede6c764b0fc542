"""A report whose header a post quotes first and whose task line, trace and Mem-Info it pastes long after,
behind prose and another report (a linux-btrfs mail, 2019: a 5.0.4 header quoted at the top, a 5.0.10
report, then "This is the original (5.0.4) KASAN-free stacktrace:" and the first report's lines ~80 lines
below its header).  The emitted header-only report is opened again by its own task line only when nothing
else can claim it: same framing, same comm, the same moment, no header in that framing since.  Never a
wrong attribution: a wrong zone figure is worse than none.

Built from two fixtures of tests/fixtures/logs (RHEL 7.9 3.10 ixgbe, quoted with "> "; Huawei 5.10 arm64
hns3 in between, unquoted), whose own figures each report must keep.
"""

import io

from pagealloc.kernlog.parse import parse_stream, parse_text
from tests.kernlog.test_metamorphic import _fixture, figures
from tests.kernlog.test_metamorphic_pairs import _BY_NAME

FIRST, OTHER = "dmesg_3.10_rhel7_ixgbe.txt", "dmesg_5.10_arm64_hns3.txt"


def _lines(name):
    return [line for line in _fixture(_BY_NAME[name]).split("\n") if line and not line.startswith("#")]


def _post(task_line=lambda line: line, between=()):
    first = ["> " + line for line in _lines(FIRST)]
    task = next(i for i, line in enumerate(first) if "Comm:" in line)
    return "\n".join(
        ["On Tue, Mar 26, 2019 at 12:30:07AM -0400, someone wrote:", first[0], "", "It turns out there were",
         "two bugs overlapping here.", "", "Here's another one:", ""] + _lines(OTHER)
        + ["", "This is the original stacktrace:", ""] + list(between) + first[1:task] + [task_line(first[task])]
        + first[task + 1:] + ["", "-- ", "someone"]) + "\n"


def _alone(name):
    return figures(parse_text(_fixture(_BY_NAME[name])))


def test_a_header_quoted_first_takes_its_task_line_trace_and_mem_info_pasted_after_another_report():
    text = _post()
    assert figures(parse_text(text)) == _alone(FIRST) + _alone(OTHER)
    first = parse_text(text).events[0]
    assert first.zones and first.context == "network-rx" and first.pid == 0 and not first.truncated
    # the streaming scan (which feeds only the lines it must) reads the same
    streamed = parse_stream(io.BytesIO(text.encode()))
    assert figures(streamed) == figures(parse_text(text))


def _header_only(text):
    events = parse_text(text).events
    first = events[0]
    assert (first.comm, first.zones, first.call_trace, first.pid) == ("swapper/12", [], [], None)
    assert figures(parse_stream(io.BytesIO(text.encode()))) == figures(parse_text(text))
    return events


def test_a_later_task_line_of_another_comm_is_not_the_quoted_header_s():
    _header_only(_post(lambda line: line.replace("Comm: swapper/12", "Comm: kswapd0")))


def test_a_later_task_line_printed_seconds_after_the_header_is_not_its():
    _header_only(_post(lambda line: line.replace("[5062331.", "[5062339.")))


def test_a_header_in_the_same_framing_between_claims_what_follows():
    between = ["> [5062331.418035] kswapd0: page allocation failure: order:0, mode:0x20"]
    events = _header_only(_post(lambda line: line.replace("Comm: swapper/12", "Comm: kswapd0"), between))
    assert events[-1].comm == "kswapd0" and events[-1].zones


def test_a_header_without_a_time_takes_no_late_lines():
    """Without times the text cannot say the lines are the same moment's: the header stays alone."""
    def bare(line):
        return line.replace("[5062331.418032] ", "").replace("[5062331.418040] ", "")
    text = _post()
    lines = text.split("\n")
    header = next(i for i, line in enumerate(lines) if "swapper/12: page allocation failure" in line)
    lines[header] = bare(lines[header])
    _header_only("\n".join(lines))


_STALL = "[%s] a.out: page allocation stalls for 10024ms, order:0, mode:0x24280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO)"
_TASK = "[%s] CPU: 0 PID: 10356 Comm: a.out Tainted: G        W       4.9.0+ #102"


def _pids(*lines):
    return [(e.timestamp, e.pid) for e in parse_text("\n".join(lines) + "\n").events]


def test_a_task_line_printed_minutes_after_an_open_header_of_its_comm_is_not_its():
    """Tetsuo Handa's 4.9 OOM stress log (linux-mm, 2016-12-15; tests/fixtures/posted/mail_4.9_serial_printk_
    dropped_note_glued_stalls.txt): a.out's stall at 122.4 s stands alone ("(...snipped...)" after it), a.out's
    task line at 464.3 s is a later stall's whose header was snipped or dropped.  dump_stack() prints right
    after the header: the open header of that comm printed 342 s before takes no pid from it; one printed at
    the same moment does, the oldest open one or not."""
    assert _pids(_STALL % "  122.418304", "(...snipped...)", _TASK % "  464.330865") == [(122.418304, None)]
    assert _pids(_STALL % "  122.418304", _TASK % "  122.418390") == [(122.418304, 10356)]
    assert _pids(_STALL % "  122.418304", "(...snipped...)", _STALL % "  464.330001", _TASK % "  464.330865") \
        == [(122.418304, None), (464.330001, 10356)]
    # without uptimes on both lines nothing tells the moments apart: the task line is the open header's
    assert _pids((_STALL % "x")[4:], "(...snipped...)", (_TASK % "x")[4:]) == [(None, 10356)]
