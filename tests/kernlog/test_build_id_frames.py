"""Module frames carrying a build ID (5.14+ CONFIG_STACKTRACE_BUILD_ID: "func+0x1/0x2 [mod <40 hex digits>]").

kernel/kallsyms.c __sprint_symbol() prints the module's build ID inside its brackets when the kernel is built
with CONFIG_STACKTRACE_BUILD_ID (Fedora, Arch, SteamOS ...).  The module is the same one a trace without the
ID names, so the decoded context and driver must not change when each module frame gains one
(posted fixture mail_6.11_quoted_journal_wrapped_build_id_module_frames_mhi).
"""
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import patterns
from pagealloc.kernlog.parse import parse_text

BUILD_IDS = st.text(alphabet="0123456789abcdef", min_size=40, max_size=40)
MODULES = st.sampled_from(["e1000e", "igb", "mlx5_core", "xfs", "nvme", "i915", "mhi", "ath11k_pci"])

RX_TRACE = """\
swapper/3: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0
CPU: 3 PID: 0 Comm: swapper/3 Not tainted 6.1.0-13-amd64 #1 Debian 6.1.55-1
Call Trace:
 <IRQ>
 dump_stack_lvl+0x44/0x5c
 warn_alloc+0x137/0x160
 __alloc_pages_slowpath.constprop.0+0xc29/0xcd0
 __alloc_pages+0x308/0x330
 page_frag_alloc_align+0x171/0x190
 __napi_alloc_skb+0x82/0x120
 e1000_clean_rx_irq+0x10f/0x3d0 [e1000e{bid}]
 e1000e_poll+0x84/0x2a0 [e1000e{bid}]
 __napi_poll+0x28/0x160
 net_rx_action+0x29e/0x350
 __do_softirq+0xc5/0x2c8
 </IRQ>
"""


@settings(max_examples=40, deadline=None)
@given(MODULES, BUILD_IDS, st.sampled_from(["", "? "]))
def test_a_frame_with_a_build_id_names_its_module(module, build_id, mark):
    line = " %sfunc_x+0x1c/0x40 [%s %s]" % (mark, module, build_id)
    assert patterns.FRAME.match(line).group("module") == module
    assert patterns.FRAME_ANYWHERE.search(line).group("module") == module


@settings(max_examples=15, deadline=None)
@given(BUILD_IDS)
def test_a_build_id_in_every_module_frame_keeps_context_and_driver(build_id):
    plain = parse_text(RX_TRACE.format(bid="")).events
    with_id = parse_text(RX_TRACE.format(bid=" " + build_id)).events
    assert [(e.context, e.driver) for e in plain] == [("network-rx", "e1000e")]
    assert [(e.kind, e.comm, e.order, e.gfp_mask, e.context, e.driver) for e in with_id] == \
        [(e.kind, e.comm, e.order, e.gfp_mask, e.context, e.driver) for e in plain]


def test_a_bracketed_address_is_still_no_module():
    # the next frame's address in brackets (x86 <= 4.9 "[<ffffffff81...>]") never reads as a module
    line = " func_x+0x1c/0x40 [ffffffff8164f6f2]"
    assert patterns.FRAME.match(line).group("module") is None


_OUTERS = ["Sat Jan 27 00:14:32 2024 kern.warn kernel: ", "<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - ",
           "> > > 2024-01-27T00:14:32.123456+00:00 web1 kernel: "]


@settings(max_examples=12, deadline=None)
@given(BUILD_IDS, st.sampled_from(_OUTERS), st.booleans())
def test_a_build_id_a_wrap_moved_on_after_the_quote_alone_keeps_its_module(build_id, outer, cut_after_tag):
    """A journal trace quoted in a mail whose mailer cut each module frame inside its brackets ("> kernel:
    mhi_fw_load_handler+0x126/0x340 [mhi" / "> a96cb...]"), the mail logged again behind a long syslog prefix and
    re-wrapped at 60-80 columns: the rest's quote is left alone on its line ("... kernel: >" / "a96cb...]"), maybe
    the frame cut after its journal tag too ("... kernel: > kernel: " / "mhi_fw_load_handler+0x126/0x340 [mhi"; the
    posted mhi mail under logread, rfc5424 or rsyslog then wrap-60/72/80 or a re-quoting wrap).  The build ID is one
    word of 40 digits no wrap breaks, so the quote alone under an open module bracket is where it was moved on.
    Metamorphic: as the frames uncut."""
    inner = ["kernel: " + line for line in RX_TRACE.format(bid=" " + build_id).split("\n") if line]
    whole = "".join(outer + "> " + line + "\n" for line in inner)
    def cut(line):
        at = line.find(" " + build_id + "]")
        if at < 0:
            return [outer + "> " + line]
        head = [outer + "> kernel: ", line[len("kernel: "):at]] if cut_after_tag else [outer + "> " + line[:at]]
        return head + [outer + ">", build_id + "]"]
    pieces = "".join(piece + "\n" for line in inner for piece in cut(line))
    assert pieces.count("\n") > whole.count("\n") + 3
    expected = [(e.kind, e.comm, e.order, e.gfp_mask, e.context, e.driver) for e in parse_text(whole).events]
    assert expected == [("page-allocation-failure", "swapper/3", 0, "0xa20", "network-rx", "e1000e")]
    assert [(e.kind, e.comm, e.order, e.gfp_mask, e.context, e.driver) for e in parse_text(pieces).events] == expected
