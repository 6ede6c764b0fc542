"""Two logs joined (a flood's reports one after another, two hosts' excerpts in one ticket) decode as each alone.

Every ordered pair of tests/fixtures/logs (25 x 25) is parsed joined; the figures must be the first's then the
second's.  Found with test_split_feed's draws (s30): a 2.6.9 x86_64 report, its trace opened by ``Call Trace:``
and no task line (2.6.x up to 2.6.2x printed none), kept its trace running past the next header, so the 2.6.9
i386 report after it (frames without an opener) lost its frames to it and became a lone header, which
pagealloc.kernlog.quoted_title then folded away: 6 of 625 pairs differed on main a2bc2b1, 5 now.
"""

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import fixture_text
from tests.kernlog.test_metamorphic import figures
from tests.kernlog.test_split_feed import LOG_FIXTURES

_ALONE = {}

# A 3.2 ARM report prints no task line and its frames no opener ("[<c0032158>] (unwind_backtrace+0x0/0xe0)
# from ..." right under the header); after a report that printed its task line and whose trace still runs,
# a header alone does not say that trace is over (4.9's interleaved pr_cont pieces put another CPU's header
# inside a running trace), so its frames go on to the running one.
OPEN = {(first, "dmesg_3.2_arm_addresses_mv643xx.txt"): "a task-line-less ARM 3.2 report after a running trace"
        for first in ("dmesg_3.2_arm_addresses_mv643xx.txt", "dmesg_4.14_mips_ath9k.txt",
                      "dmesg_4.4_ubuntu_stale_question_frame.txt", "dmesg_6.1_arm_names_usbnet.txt",
                      "dmesg_6.1_decode_stacktrace_igb.txt")}


def _alone(name):
    if name not in _ALONE:
        _ALONE[name] = figures(parse_text(fixture_text(name) + "\n"))
    return _ALONE[name]


@pytest.mark.parametrize("first", LOG_FIXTURES)
def test_two_logs_joined_give_each_log_s_reports(first):
    differ = [second for second in LOG_FIXTURES
              if figures(parse_text(fixture_text(first) + "\n" + fixture_text(second) + "\n"))
              != _alone(first) + _alone(second)]
    assert differ == [second for second in LOG_FIXTURES if (first, second) in OPEN]


def test_a_2_6_9_report_after_another_takes_its_own_frames():
    joined = parse_text(fixture_text("dmesg_2.6.9_x86_64_braced_frames_e1000.txt") + "\n"
                        + fixture_text("dmesg_2.6.9_i386_decimal_e1000.txt") + "\n").events
    assert [(event.comm, len(event.call_trace), event.driver) for event in joined] == [
        ("swapper", 17, "e1000"), ("swapper", 6, "e1000")]
