"""Two logs joined (a flood's reports one after another, two hosts' excerpts in one ticket) decode as each alone.

Every ordered pair of tests/fixtures/logs (25 x 25) is parsed joined; the figures must be the first's then the
second's.  Found with test_split_feed's draws (s30): a 2.6.9 x86_64 report, its trace opened by ``Call Trace:``
and no task line (2.6.x up to 2.6.2x printed none), kept its trace running past the next header, so the 2.6.9
i386 report after it (frames without an opener) lost its frames to it and became a lone header, which
pagealloc.kernlog.quoted_title then folded away: 6 of 625 pairs differed on main a2bc2b1.  The last 5 (s31): a 3.2
ARM report (no task line, its frames without an opener right under the header) after a running trace gave its
frames to that trace; its first frame is the unwinder's, which no trace prints again after its other frames.
"""

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import fixture_text
from tests.kernlog.test_metamorphic import figures
from tests.kernlog.test_split_feed import LOG_FIXTURES

_ALONE = {}


def _alone(name):
    if name not in _ALONE:
        _ALONE[name] = figures(parse_text(fixture_text(name) + "\n"))
    return _ALONE[name]


@pytest.mark.parametrize("first", LOG_FIXTURES)
def test_two_logs_joined_give_each_log_s_reports(first):
    differ = [second for second in LOG_FIXTURES
              if figures(parse_text(fixture_text(first) + "\n" + fixture_text(second) + "\n"))
              != _alone(first) + _alone(second)]
    assert differ == []


def test_a_2_6_9_report_after_another_takes_its_own_frames():
    joined = parse_text(fixture_text("dmesg_2.6.9_x86_64_braced_frames_e1000.txt") + "\n"
                        + fixture_text("dmesg_2.6.9_i386_decimal_e1000.txt") + "\n").events
    assert [(event.comm, len(event.call_trace), event.driver) for event in joined] == [
        ("swapper", 17, "e1000"), ("swapper", 6, "e1000")]


_ARM_32 = ("[  512.310000] swapper: page allocation failure: order:0, mode:0x20\n"
           "[  512.310000] [<c0013a7c>] (unwind_backtrace+0x0/0xf0) from [<c0082a3c>] (warn_alloc_failed+0xc4/0xf4)\n"
           "[  512.310000] [<c0082a3c>] (warn_alloc_failed+0xc4/0xf4) from [<c02d1c58>] (__netdev_alloc_skb+0x1c/0x44)\n"
           "[  512.310000] [<c02d1c58>] (__netdev_alloc_skb+0x1c/0x44) from [<bf0041b4>] "
           "(mv643xx_eth_poll+0x4a8/0x6e8 [mv643xx_eth])\n")


def test_a_trace_top_frame_after_a_running_trace_opens_the_newer_header_s_trace():
    """A 3.2 ARM header (no task line, no opener) inside a report whose trace still runs: its first frame is the
    unwinder's, which the running trace printed first already, so that frame and the ones after it are its own."""
    running = ("[  500.100000] java: page allocation failure: order:2, mode:0xd0\n"
               "[  500.100000] CPU: 1 PID: 812 Comm: java Not tainted 3.10.0 #1\n"
               "[  500.100000] Call Trace:\n"
               "[  500.100000]  [<ffffffff8163a8f4>] dump_stack+0x19/0x1b\n"
               "[  500.100000]  [<ffffffff8116c0d2>] warn_alloc_failed+0x112/0x180\n")
    events = parse_text(running + _ARM_32).events
    assert [(e.comm, len(e.call_trace), e.driver) for e in events] == [("java", 2, None), ("swapper", 4, "mv643xx_eth")]
    # ... while a frame that is no trace's top goes on in the running trace (another CPU's header inside it)
    events = parse_text(running + _ARM_32.replace("unwind_backtrace+0x0/0xf0", "kmalloc+0x10/0xf0")).events
    assert [len(e.call_trace) for e in events] == [6, 0]


def test_the_streaming_scan_s_runs_of_frames_keep_the_rule():
    """The scan hands a running trace's plain frames over in runs (ReportAssembler.feed_run): a trace's top
    frame there, under a newer header without task line or opener, starts that header's trace as line by line."""
    import io

    from pagealloc.kernlog.parse import parse_stream
    running = ("[    5.000000] java: page allocation failure: order:2, mode:0xd0\n"
               "[    5.000000] CPU: 1 PID: 812 Comm: java Not tainted 3.10.0 #1\n[    5.000000] Call Trace:\n"
               "[    5.000000]  [<ffffffff8163a8f4>] dump_stack+0x19/0x1b\n"
               "[    5.000000]  [<ffffffff8116c0d2>] warn_alloc_failed+0x112/0x180\n")
    bare = ("[    6.000000] swapper: page allocation failure: order:0, mode:0x20\n"
            "[    6.000000]  [<ffffffff8163a8f4>] dump_stack+0x19/0x1b\n"
            "[    6.000000]  [<ffffffff8116c0d2>] warn_alloc_failed+0x112/0x180\n"
            "[    6.000000]  [<ffffffff8116c0d3>] __netdev_alloc_skb+0x1/0x2\n"
            "[    6.000000]  [<ffffffff8116c0d4>] e1000_alloc_rx_buffers+0x1/0x2 [e1000]\n")
    text = "[    1.000000] boot line\n" * 2000 + running + bare + "[    7.000000] done\n"
    want = [("java", 2, None), ("swapper", 4, "e1000")]
    for result in (parse_text(text), parse_stream(io.BytesIO(text.encode()))):
        assert [(e.comm, len(e.call_trace), e.driver) for e in result.events] == want
