"""Compositions of the metamorphic transforms: text reshaped twice (a wrapped mail numbered by a pastebin,
a quoted paste logged again behind ``kernel: ``, ...) decodes to the same figures as the original.

Measured over every ordered pair of the 43 transforms and every fixture of the metamorphic suite
(66 x 1,849 = 122,034 cases, /work/scratch/s26-compose/pairs.py): 2,148 differed on main df7e530.
"""

import os

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import ALL_FIXTURES, TRANSFORMS, _expected, _fixture, figures

_BY_NAME = {os.path.basename(path): path for path in ALL_FIXTURES}


def _twice(name, first, second):
    return TRANSFORMS[second](TRANSFORMS[first](_fixture(_BY_NAME[name])))


# One case per mechanism found differing (fixture, first transform, second transform).
FOUND = [
    # a trace line without its uptime behind an outer part that holds a syslog tag ("kernel: | Call Trace:"
    # under "kernel: | [ 2161.623563] xxxx: page allocation failure"): read after the whole outer part
    ("stackexchange_4.9_csky_trace_unprefixed.txt", "box", "kernel-tag"),
    ("stackexchange_4.9_csky_trace_unprefixed.txt", "quote-2", "logread"),
    # vmap lines behind a log prefix, then words (a line number), then the dmesg uptime: the next line
    # repeating the words makes them log lines, as without the log prefix
    ("openwrt_5.4_vmap_lines_then_vmalloc.txt", "cat-n", "kernel-tag"),
    ("openwrt_5.4_vmap_lines_then_vmalloc.txt", "line-numbers-colon", "rsyslog-rfc3339"),
    # "[...]" behind "kernel:     17\t" under headers behind "kernel:     16\t> ": the outer part's first
    # layer after its log prefix (the zone line after the elision is the report's)
    ("mail_3.10_quoted_headers_elided_zone_lines.txt", "cat-n", "kernel-tag"),
    ("mail_3.10_quoted_headers_elided_zone_lines.txt", "shell-prompt", "logread"),
    # an empty numbered line indented ("  6: ") above "  7: [7730502.783337] page allocation failure" is
    # the header's own prefix, not a comm piece
    ("dmesg_4.4_header_without_comm_lines_indented.txt", "line-numbers-colon", "indent-2"),
    # a header cut inside its words with blanks left at the cut ("page allocation  " / "failure: ...")
    ("rpi_3.6_syslog_arm_usbnet.txt", "wrap-72", "trailing-blanks"),
    # ... or with a line number on every piece, before any framing is learned ("    10\t... sshd: page
    # allocation" / "    11\tfailure: order:0, mode:0x20"): the prefix both lines start with is no text
    ("rpi_3.6_syslog_arm_usbnet.txt", "wrap-72", "cat-n"),
    ("rpi_3.6_syslog_arm_usbnet.txt", "wrap-60", "line-numbers-bar"),
    # a vmap line behind words whose wrapped rest was re-quoted with them ("     9\t> vmalloc=<size> to
    # increase size"): the rest of the message, not a sentence; the line after it decides
    ("openwrt_5.4_vmap_lines_then_vmalloc.txt", "quote-wrap-72-requoted", "cat-n"),
    # a SLUB cache line cut after "buffer size:", its re-quoted rest carrying the report's framing
    ("mail_5.4_slub_flood_interleaved_wrapped.txt", "wrap-60", "quote"),
]


@pytest.mark.parametrize("name, first, second", FOUND)
def test_a_report_reshaped_twice_keeps_its_figures(name, first, second):
    assert figures(parse_text(_twice(name, first, second))) == _expected(_BY_NAME[name])


def test_a_prefix_left_alone_by_a_wrap_under_a_header_without_its_mode_continues_the_header():
    """``::::::::::| [ 1221.658269] RenderThread: page allocation failure:`` / ``order:0,`` / ``::::::::::|``
    / ``mode:0x14210d2(...)``: the mode word did not fit behind the prefix, the wrap left the prefix alone
    on its line (a draw of test_every_fixture_keeps_its_figures_behind_any_drawn_prefix: mask lost)."""
    name = "wrapped_4.12_android_x86_i915.txt"
    text = TRANSFORMS["wrap-72"](TRANSFORMS["box"](_fixture(_BY_NAME[name])).replace("| ", "::::::::::| "))
    assert "\n::::::::::|\nmode:0x14210d2" in text
    assert figures(parse_text(text)) == _expected(_BY_NAME[name])
