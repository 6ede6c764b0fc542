"""A syslog header line wrapped between the syslog prefix and the kernel's own uptime (``... Nagle-LTS kernel:`` /
``[586581.925164] Xorg: page allocation failure: ...``) is one line again behind any quote or indentation both
pieces start with (s41-hold41, from an Ubuntu Forums post quoted three times and re-wrapped at 72 columns:
wrapping._behind_shared_quote).  Before, the rest was joined only when nothing stood before the uptime: behind
``> `` the header was read alone with the uptime as its framing, and the report's task line and frames, behind
the syslog prefix, were not its lines (context unknown, no driver).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text

HEADER = ("Nov 23 09:12:16 Nagle-LTS kernel:\n"
          "[586581.925164] Xorg: page allocation failure: order:5, mode:0x14040c0(GFP_KERNEL|__GFP_COMP), "
          "nodemask=(null)\n")
BODY = ("Nov 23 09:12:16 Nagle-LTS kernel: [586581.925167] Xorg cpuset=/ mems_allowed=0\n"
        "Nov 23 09:12:16 Nagle-LTS kernel: [586581.925174] CPU: 1 PID: 1817 Comm: Xorg Tainted: P           OE"
        "    4.15.0-124-generic #127-Ubuntu\n"
        "Nov 23 09:12:16 Nagle-LTS kernel: [586581.925177] Call Trace:\n"
        "Nov 23 09:12:16 Nagle-LTS kernel: [586581.925216]  kmalloc_order+0x18/0x40\n"
        "Nov 23 09:12:16 Nagle-LTS kernel: [586581.925252]  nvkms_alloc+0x25/0x60 [nvidia_modeset]\n")
WANT = [("Xorg", 5, "0x14040c0", "gpu", "nvidia_modeset", 586581.925164, "Nagle-LTS")]


def _decoded(text):
    return [(e.comm, e.order, e.gfp_mask, e.context, e.driver, e.timestamp, e.host) for e in parse_text(text).events]


def _behind(outer, text):
    return "".join(outer + line + "\n" for line in text.splitlines())


@pytest.mark.parametrize("outer", ["", "> ", "> > > ", ">> ", "| ", "    ", "\t", "> | "])
def test_the_uptime_piece_rejoins_its_syslog_prefix_behind_a_shared_outer_part(outer):
    assert _decoded("A crash twice a month:\n\n" + _behind(outer, HEADER + BODY)) == WANT


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=" \t>|", min_size=0, max_size=8))
def test_any_quote_before_both_pieces_decodes_as_the_line_unwrapped(outer):
    """Quote signs and blanks before every line: the wrapped header decodes as the same header unwrapped
    behind the same signs (a quote that reads as something else changes both alike)."""
    unwrapped = HEADER.replace("kernel:\n", "kernel: ", 1)
    assert _decoded(_behind(outer, HEADER + BODY)) == _decoded(_behind(outer, unwrapped + BODY))


def test_a_piece_behind_another_quote_is_no_rest_of_the_line():
    """The uptime piece behind a quote the held line does not open with is a line of its own (another
    paragraph's quote): not joined, the header read behind its own prefix."""
    text = "Nov 23 09:12:16 Nagle-LTS kernel:\n> " + HEADER.split("\n")[1] + "\n"
    assert [(e.comm, e.host) for e in parse_text(text).events] == [("Xorg", None)]
