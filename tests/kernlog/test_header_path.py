"""The short paths of a dense dmesg's header give exactly what the general paths give, and the walks over the open
reports a header asks decide as the walks they replaced did.

header.comm_splits' plain head (a plain uptime, then a comm of one word: header._PLAIN_HEAD) is compared with the
general steps (header._comm_splits) on heads drawn from the pieces that decide between them: uptimes with and without
blanks, comm characters and the signs the general steps cut at (blanks, quote and box signs, brackets, markup, a
printk level, a debug patch's "(pid)"), comms around COMM_MAX characters long.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import assembler as assembler_module
from pagealloc.kernlog.assembler import ReportAssembler, _Report
from pagealloc.kernlog.event import FailureEvent
from pagealloc.kernlog.framing import learn
from pagealloc.kernlog.header import _PLAIN_HEAD, COMM_MAX, _comm_splits, comm_splits, find_header
from pagealloc.kernlog.prefix import Prefixed

# a plain uptime, mostly: its blanks and digits drawn; else a prefix that is none (a level, a quote, a caller id ...)
UPTIMES = st.one_of(
    st.tuples(st.sampled_from(["[", "[ ", "[    "]), st.sampled_from(["0", "42", "10000", "1234567890"]),
              st.sampled_from([".0", ".001350", ".123456789"])).map(lambda parts: "".join(parts) + "] "),
    st.tuples(st.sampled_from(["[", "<4>[", "> [", "[T", "[ 1.0] ", "Subject: "]), st.sampled_from(["0", "42", ""]),
              st.sampled_from([".0", "", ".x"]), st.sampled_from(["] ", "]", "]  ", "] >", "]\t"])).map("".join))
WORDS = ["swapper", "kworker/2:1H", "Web", "Content", "Z", "9", "a.b+c-d_e", "Subject", "solved.", "x" * (COMM_MAX - 1),
         "y" * COMM_MAX, "w" * (COMM_MAX + 1), "(sd-pam)", "\u00e9t\u00e9", ""]
SIGNS = ["", " ", "\t", "  ", "(4629)", "(", ")", ">", "|", "#", '"', "'", "]", "[", "<b>", "</b>", "<7>", "*", "`", "~"]
COMMS = st.tuples(st.sampled_from(SIGNS[:1] * 8 + SIGNS), st.sampled_from(WORDS),
                  st.lists(st.tuples(st.sampled_from(SIGNS), st.sampled_from(WORDS)), max_size=2)).map(
    lambda drawn: drawn[0] + drawn[1] + "".join(sign + word for sign, word in drawn[2]))
TAILS = [": page allocation failure: order:0, mode:0x20", ": page allocation stalls for 10008ms, order:0"]


@settings(max_examples=1200, deadline=None)
@given(UPTIMES, COMMS, st.sampled_from(TAILS))
def test_a_plain_head_splits_as_the_general_steps_split_it(uptime, comm, tail):
    line = uptime + comm + tail
    comm_end = len(uptime + comm)
    assert comm_splits(line, comm_end) == _comm_splits(line, comm_end)


def test_the_dense_headers_take_the_plain_head():
    for line in ("[10000.001350] swapper/21: page allocation failure: order:0, mode:0x20",
                 "[  525.138934] kworker/2:1H: page allocation failure: order:0, mode:0x20",
                 "[    5.000000] %s: page allocation stalls for 10008ms, order:0" % ("y" * COMM_MAX)):
        hit = find_header(line)
        assert _PLAIN_HEAD.fullmatch(line, 0, hit.comm_end) is not None
        assert list(hit.splits) == _comm_splits(line, hit.comm_end)


# -- the open reports a header asks (a dense 4.9 log keeps dozens of stall reports open) --------------------------------
# Each rewritten walk is held to the walk it replaced, kept here as it was, on open reports drawn from the states that
# decide it.

def _closing_walk_before(assembler, lineno, signature):
    """ReportAssembler._end_reports_before as it was (its tests in their first order)."""
    for report in list(assembler.open):
        if report.mem_started or report.release_hint == assembler_module._ALLOC_PAGES_24_RELEASE \
                and not report.trace_started \
                or (not report.has_task and not report.trace_started
                    and lineno - (report.event.line or 0) > assembler_module.STALE_HEADER_LINES) \
                or report.framing.signature != signature or not report.evidence and not (
                    report.event.comm is None and report.mode_missing and report.framing.known
                    and lineno - (report.event.line or 0) <= assembler_module.PIECE_WINDOW):
            assembler._close(report)


def _repeat_walk_before(assembler, pre, comm, rest):
    """ReportAssembler._drop_repeat as it was (every open report's time asked first)."""
    timestamp = pre.timestamp
    if timestamp is None and pre.wallclock is None:
        return
    for report in assembler.open:
        event = report.event
        if timestamp is not None:
            if event.timestamp != timestamp:
                continue
        elif not (event.timestamp is None and event.wallclock == pre.wallclock and event.host == pre.host
                  and not report.logged_after):
            continue
        if report.idle and not report.has_task and not report.trace_started and not report.frames \
                and (event.comm or None) == (comm.strip() if comm else None) and report.rest == rest:
            if report.evidence:
                assembler.unproven += 1
                report.evidence = False
            assembler._close(report)
            return


FRAMINGS = [learn(find_header(line))[0] for line in (
    "[10000.001350] swapper/21: page allocation failure: order:0, mode:0x20",
    "Jun 17 21:19:45 web1 kernel: swapper: page allocation failure. order:0, mode:0x20",
    "> see swapper: page allocation failure. order:0, mode:0x20")]
REPORTS = st.fixed_dictionaries({
    "flags": st.lists(st.booleans(), min_size=10, max_size=10), "framing": st.sampled_from(FRAMINGS),
    "release_hint": st.sampled_from([None, assembler_module._ALLOC_PAGES_24_RELEASE, "2.6.32"]),
    "line": st.sampled_from([None, 1, 90, 97, 100]), "timestamp": st.sampled_from([None, 5.0]),
    "wallclock": st.sampled_from([None, "Jun 17 21:19:45"]), "comm": st.sampled_from([None, "swapper"]),
    "rest": st.sampled_from([": order:0, mode:0x20", ". order:0, mode:0x20"])})


def _assembler(drawn):
    fed = ReportAssembler()
    for number, facts in enumerate(drawn):
        event = FailureEvent("page-allocation-failure", line=facts["line"], timestamp=facts["timestamp"],
                             wallclock=facts["wallclock"], comm=facts["comm"])
        report = _Report(event, facts["framing"])
        (report.mem_started, report.trace_started, report.has_task, report.evidence, report.mode_missing,
         report.logged_after, report.reopened, idle, framed, report.frames) = facts["flags"][:9] + [[]]
        report.idle, report.release_hint, report.rest = int(idle), facts["release_hint"], facts["rest"]
        if framed:
            report.frames = [("f", None)]
        report.names = number  # (which report: the closes are compared by it)
        fed.open.append(report)
    fed.unproven = sum(not report.evidence for report in fed.open)
    return fed


def _closed(walk, drawn, *args):
    fed = _assembler(drawn)
    closed = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReportAssembler, "_close", lambda self, report: (closed.append(report.names),
                                                                      self.open.remove(report)))
        walk(fed, *args)
    return closed, fed.unproven, [(r.names, r.evidence) for r in fed.open]


@settings(max_examples=200, deadline=None)
@given(st.lists(REPORTS, max_size=6), st.sampled_from([100, 103, 120]), st.sampled_from(FRAMINGS))
def test_a_header_ends_the_reports_the_walk_before_ended(drawn, lineno, framing):
    assert _closed(ReportAssembler._end_reports_before, drawn, lineno, framing.signature) == \
        _closed(_closing_walk_before, drawn, lineno, framing.signature)


@settings(max_examples=200, deadline=None)
@given(st.lists(REPORTS, max_size=6), st.sampled_from([None, 5.0, 7.5]), st.sampled_from([None, "Jun 17 21:19:45"]),
       st.sampled_from([None, "swapper ", "kswapd0"]), st.sampled_from([": order:0, mode:0x20", ". order:0, mode:0x20"]))
def test_a_repeated_header_drops_the_copy_the_walk_before_dropped(drawn, timestamp, wallclock, comm, rest):
    pre = Prefixed("", timestamp, wallclock)
    assert _closed(ReportAssembler._drop_repeat, drawn, pre, comm, rest) == \
        _closed(_repeat_walk_before, drawn, pre, comm, rest)


# What changes the open reports' logged_after marks: a header opens a report (unmarked), a late task line reopens an
# emitted one (marked or not), a report closes, a line of the log comes (ReportAssembler._logged_after: every open
# report marked, as the walk before did).  The walk from the newest back marks the same.
STEPS = st.lists(st.one_of(st.just(("open",)), st.tuples(st.just("reopen"), st.booleans()),
                           st.tuples(st.just("close"), st.integers(0, 63)), st.just(("log",))), max_size=40)


@settings(max_examples=200, deadline=None)
@given(STEPS)
def test_the_walk_from_the_newest_marks_every_open_report(steps):
    fed = ReportAssembler()
    for step in steps:
        if step[0] == "open":
            fed.open.append(_Report(FailureEvent("page-allocation-failure"), FRAMINGS[0]))
        elif step[0] == "reopen":
            late = _Report(FailureEvent("page-allocation-failure"), FRAMINGS[0])
            late.logged_after, late.reopened = step[1], True
            fed.open.append(late)
        elif step[0] == "close" and fed.open:
            fed.open.pop(step[1] % len(fed.open))
        elif step[0] == "log":
            fed._logged_after()
            assert all(report.logged_after for report in fed.open)
