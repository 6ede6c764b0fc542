"""A text that ends inside its trace's last frame, cut in the frame's "+0xOFF/0xLEN" (a page store or a paste
truncated mid-line: s34-holdAD's gist ends "[<ffffffffa002ba1a>] tg3_start_xmit+0x42a/0x").  The address bracket
and the offset say frame (patterns.FRAME_CUT), even with what followed the text joined behind it, so the cut
frame is read as the trace's last: the call path and what it decides are those of the uncut text.  A line
without the address bracket is not read so."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text

HEAD = ("[32799839.603312] swapper/14: page allocation failure: order:4, mode:0x4020\n"
        "[32799839.603317] Pid: 0, comm: swapper/14 Tainted: G W 3.2.0-34-generic #53-Ubuntu\n"
        "[32799839.603320] Call Trace:\n"
        "[32799839.603322] <IRQ> [<ffffffff8111ceb6>] warn_alloc_failed+0xf6/0x150\n"
        "[32799839.603336] [<ffffffff81120c57>] __alloc_pages_nodemask+0x6d7/0x8f0\n"
        "[32799839.603351] [<ffffffff816474de>] kmalloc_large_node+0x57/0x85\n"
        "[32799839.603365] [<ffffffff81534db8>] __alloc_skb+0x78/0x240\n"
        "[32799839.603367] [<ffffffff815355a5>] skb_copy+0x45/0xb0\n"
        "[32799839.603378] [<ffffffffa002ab05>] tigon3_dma_hwbug_workaround+0x205/0x270 [tg3]\n")
# frames a driver's workaround returns to: the driver's own xmit (a module frame, its module cut away with the
# rest) or the core's transmit path built in
OUTER = ["tg3_start_xmit", "dev_hard_start_xmit", "sch_direct_xmit", "__qdisc_run", "dev_queue_xmit"]


def _decided(text):
    event, = parse_text(text).events
    return event.call_trace, event.context, event.driver


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(OUTER), st.integers(0x10, 0xfff), st.integers(0x100, 0xfff), st.data(),
       st.sampled_from(["", " | |", "  "]), st.sampled_from(["", "\n", "  \n", "\n```\n\nAny idea?\n",
                                                            "\n[/quote]\n\nSame here.\n"]))
def test_a_text_cut_inside_its_last_frames_offset_reads_as_uncut(func, offset, size, data, suffix, after):
    """The paste's text ends inside the frame; what a post adds after it (a closing fence, a reply) may follow,
    and a wrap joiner may hold it as the cut line's rest ("... /0x ```"): the frame is still read."""
    last = "[32799839.603387] [<ffffffffa002ba1a>] %s+0x%x/0x%x" % (func, offset, size)
    whole = HEAD.replace("\n", suffix + "\n") + last + suffix + "\n"
    # the cut keeps "+0x" and one digit of the offset at least, and loses one character of the size at least
    start = last.index("+0x") + 4
    cut = data.draw(st.integers(start, len(last) - 1))
    cut_text = HEAD.replace("\n", suffix + "\n") + last[:cut] + after
    assert _decided(cut_text) == _decided(whole)
    assert _decided(cut_text)[0][-1] == func


def test_a_sentence_ending_in_a_cut_offset_is_no_frame():
    # no address bracket: the offset alone does not make a frame of a line
    text = HEAD + "the last frame it showed was tg3_start_xmit+0x42a/0x"
    assert "tg3_start_xmit" not in _decided(text)[0]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(OUTER), st.integers(0x10, 0xfff), st.integers(0x100, 0xfff), st.data(),
       st.sampled_from(["kernel: ", "web1 kernel: ", "Sat Jan 27 00:14:32 2024 kern.warn kernel: ",
                        "<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - "]))
def test_a_cut_last_frame_wrapped_after_its_address_then_logged_again_reads_as_uncut(func, offset, size, data, outer):
    """The truncated paste wrapped at its last frame's address ("[32799839.603387] [<ffffffffa002ba1a>]" /
    "tg3_start_xmit+0x42a/0x"), then every line logged again behind a syslog prefix (s34's gist under wrap-60 then
    kernel-tag): the rest behind the prefix alone is the frame's symbol, its offset cut as the text's end cut it."""
    last = "[32799839.603387] [<ffffffffa002ba1a>] %s+0x%x/0x%x" % (func, offset, size)
    start = last.index("+0x") + 4
    cut = last[:data.draw(st.integers(start, len(last) - 1))]
    address_end = cut.index("] ", cut.index("[<")) + 1
    def logged(lines):
        return "".join(outer + line + "\n" for line in lines)
    whole = logged(HEAD.splitlines() + [last])
    wrapped = logged(HEAD.splitlines() + [cut[:address_end], cut[address_end + 1:]])
    assert _decided(wrapped) == _decided(whole)
    assert _decided(wrapped)[0][-1] == func
