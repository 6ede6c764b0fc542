"""A post quotes a log's header line alone, then after its prose pastes the log that record heads: one
report, when the log prefix's time is a wall clock (syslog, rsyslog's ISO 8601, dmesg -T) and no uptime
tells the record apart.  A wall clock names a whole second (or a moment a flood's records can share), so
the copies are one record only when no line of the log came between them; a header repeated right after
itself, or after another line in the same log prefix, is a flood and every copy counts
(tests/fixtures/posted/blog_3.10_el7_ko_syslog_header_quoted_then_same_record.txt, a Korean blog's post).
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_text

HEADS = ("Apr 14 07:32:42 server1 kernel: ", "2025-04-14T07:32:42.118211+09:00 server1 kernel: ",
         "[Mon Apr 14 07:32:42 2025] ")
HEADER = "kworker/u448:1: page allocation failure: order:5, mode:0x80d0\n"
TASK = "CPU: 6 PID: 138678 Comm: kworker/u448:1 Tainted: P OE 3.10.0-514.el7.x86_64 #1\n"
OTHER = "i40e 0000:3b:00.0: TX driver issue detected, PF reset issued\n"
PROSE = ("\nThe kernel kept printing it. Here is the log:\n\n",
         "\n커널은 데이터와 구조체의 임시 저장을 위해 메모리 청크를 자주 할당해야 합니다.\n\n로그를 확인해보겠습니다.\n\n",
         "\n\u4e0b\u9762\u5c31\u662f\u4e00\u4e2a\u5b8c\u6574\u7684dump:\n")


def _events(text):
    return [(e.comm, e.order, e.gfp_mask, e.line) for e in parse_text(text).events]


@pytest.mark.parametrize("prose", PROSE)
@pytest.mark.parametrize("head", HEADS)
def test_a_header_quoted_above_the_log_it_heads_is_one_report(head, prose):
    text = "Lately this shows up:\n\n" + head + HEADER + prose + head + HEADER + head + TASK
    events = _events(text)
    assert len(events) == 1
    assert events[0][:3] == ("kworker/u448:1", 5, "0x80d0")
    assert events[0][3] == text.count("\n", 0, text.rindex(head + HEADER)) + 1  # the copy the log reads on


@pytest.mark.parametrize("prose", PROSE + ("\n",))
@pytest.mark.parametrize("head", HEADS)
def test_a_mail_quoting_the_post_with_bare_quote_signs_on_its_empty_lines_keeps_one_report(head, prose):
    """Mail clients quote an empty line as ">" alone (and a page without <pre> strips the blank after a quote sign
    with nothing behind it): that line is a blank line of the post, no line of the log between the copies, and no
    line a wrap cut, so the sentence after it stays a paragraph of its own (s37: the held-out Korean blog's header
    twice, collapsed after a re-quoting wrap, counted two)."""
    text = "Lately this shows up:\n\n" + head + HEADER + prose + head + HEADER + head + TASK
    quoted = "\n".join("> " + line if line else ">" for line in text.split("\n"))
    assert [e[:3] for e in _events(quoted)] == [("kworker/u448:1", 5, "0x80d0")]
    # a line of the log between them, quoted so, still makes them two failures
    other = "> " + head + HEADER + ">\n> " + head + OTHER + ">\n> " + head + HEADER + "> " + head + TASK
    assert len(_events(other)) == 2


@pytest.mark.parametrize("between", ["", OTHER, OTHER + OTHER])
@pytest.mark.parametrize("head", HEADS)
def test_the_same_header_after_a_line_of_the_log_is_another_failure(head, between):
    text = head + HEADER + "".join(head + line for line in between.splitlines(True)) + head + HEADER + head + TASK
    assert len(_events(text)) == 2


@pytest.mark.parametrize("prose", PROSE)
def test_a_quoted_header_of_another_second_or_host_stays_its_own_report(prose):
    head = HEADS[0]
    for other in (head.replace(":42 ", ":43 "), head.replace("server1", "server2")):
        assert len(_events(other + HEADER + prose + head + HEADER + head + TASK)) == 2


# 5.x's header over three lines as a mail client wrapped it (linux-arm-kernel 2020-05-15, posted fixture
# mail_5.7_arm64_headless_trace_pasted_under_report: "[   21.450571] systemd-udevd: page allocation failure: order:0," /
# "mode:0xcc1(GFP_KERNEL|GFP_DMA)," / "nodemask=(null),cpuset=/,mems_allowed=0"), pasted twice back to back.
_WRAPPED_5X = ["[   21.450571] systemd-udevd: page allocation failure: order:0,", "mode:0xcc1(GFP_KERNEL|GFP_DMA),",
               "nodemask=(null),cpuset=/,mems_allowed=0"]


@pytest.mark.parametrize("head", ("Sat Jan 27 00:14:32 2024 kern.warn kernel:", "Apr 14 07:32:42 server1 kernel:",
                                  "<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - -"))
@pytest.mark.parametrize("alone", [(1,), (2,), (1, 2)])
def test_a_wrapped_header_pasted_twice_back_to_back_counts_twice_when_its_log_prefix_stands_alone(head, alone):
    """The post logged again (logread, syslog, RFC 5424) and wrapped once more: the log prefix stands alone above a
    piece whose long word moved on (the mode, or 4.11+'s nodemask after the mode's comma).  The pieces are the
    header's, no line of a log between the copies: a flood's two records, as without the wrap."""
    lines = []
    for i, piece in enumerate(_WRAPPED_5X):
        lines += [head, piece] if i in alone else [head + " " + piece]
    events = _events("\n".join(lines * 2) + "\n")
    assert [e[:3] for e in events] == [("systemd-udevd", 0, "0xcc1")] * 2


@pytest.mark.parametrize("blanks", [1, 2])
@pytest.mark.parametrize("head", ["root@web1:~# ", "admin@RT-N16:/tmp/home/root# ", "Ax 17 "])
@pytest.mark.parametrize("header", [HEADER, "__alloc_pages: 0-order allocation failed (gfp=0x1d2/0)            \n"])
def test_a_flood_double_spaced_behind_a_prompt_counts_its_last_copy_too(header, head, blanks):
    """(s37-meta11, the same flood behind a shell prompt) Words before the comm are a prefix once a line repeats them;
    the last copy, no line after it, stands behind the words its open neighbours proved (main 1f43ae1 dropped it)."""
    text = ("\n" * blanks).join(head + header for _ in range(4))
    assert len(_events(text)) == 4


# (s39) A flood's records behind one wall-clock second, a blank line under each (a paste double-spaced, logged again):
# the same header, blank lines and the same header is also a header quoted above its log, so the earlier copy is held
# until the later one's next line tells (assembler._drop_repeat): dump_stack()'s first line makes the later copy the
# record the earlier quoted; another header, another kernel line or the end of the text, a flood.
_FLOOD_HEADS = HEADS + ("Sat Jan 27 00:14:32 2024 kern.warn kernel: ", "<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - ")
_FLOOD_HEADERS = (HEADER.rstrip("\n"), "__alloc_pages: 0-order allocation failed (gfp=0x1d2/0)            ",
                  "__alloc_pages: 0-order allocation failed (gfp=0xf0/0)")
_NOT_REPORT_LINES = ("VM: killing process gammu-smsd", OTHER.rstrip("\n"))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_FLOOD_HEADS), st.lists(st.tuples(st.sampled_from(_FLOOD_HEADERS), st.integers(1, 3),
                                                         st.sampled_from((None,) + _NOT_REPORT_LINES)),
                                               min_size=1, max_size=8))
def test_a_double_spaced_flood_behind_one_second_counts_every_record(head, records):
    lines = []
    for header, blanks, other in records:
        lines += [head + header] + [""] * blanks + ([head + other, ""] if other else [])
    text = "\n".join(lines) + "\n"
    assert len(_events(text)) == len(records)
    # the same log, its first header quoted above it with only blank lines between: one record more
    assert len(_events(head + records[0][0] + "\n\n" + text)) == len(records) + 1
    # ... unless the log's first record reads on with its dump: the quoted copy is that record
    task = head + TASK.replace("kworker/u448:1", "gammu-smsd")
    assert len(_events(head + records[0][0] + "\n\n" + head + records[0][0] + "\n" + task)) == 1


@pytest.mark.parametrize("head", _FLOOD_HEADS)
@pytest.mark.parametrize("first", ["CPU: 6 PID: 138678 Comm: kworker/u448:1 Tainted: P OE 3.10.0-514.el7.x86_64 #1",
                                   "Call Trace:", " [<ffffffff8168c4a9>] dump_stack+0x19/0x1b",
                                   "kworker/u448:1 cpuset=/ mems_allowed=0"])
def test_a_header_quoted_above_its_log_is_one_report_whatever_dump_line_comes_first(head, first):
    """The later copy's first line is the dump warn_alloc() prints right after the header (its task line, its
    cpuset line on 4.9-4.11, the trace's opener or first frame on kernels without a task line): the copies are one."""
    text = head + HEADER + "\n" + head + HEADER + head + first + "\n"
    assert len(_events(text)) == 1
