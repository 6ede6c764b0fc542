"""A quoted report whose header line alone carries one more sign or word (a prompt, ``> # [ 775.9] nc: page
allocation failure ...``) and whose task line comes after a reply's sentences (a linux-mm mail, 2019: the
replier answered right under the header, the rest of the report quoted below).  With a report line right
under the header, that line shows which framing the lines carry (framing._settled); behind a blank line or
prose nothing did, and the report lost its task line, trace and Mem-Info.  Now the first task line naming
the header's comm (printed within LATE_SECONDS when both lines have a time), while the report waits for
its own, gives the report its framing.

Every fixture of the metamorphic suite whose task line follows its first header within three lines is
quoted with ``> ``, given ``# `` on its header line only and a reply before its task line: it must decode
as quoted without them.  (On main 7dff4e8, 4 of 40 did.)
"""

import os

import pytest

from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import ALL_FIXTURES, _fixture, figures

REPLY = ["", ">We're in the soft interrupt handler at this point, so we have very few options.", "",
         "I will collect statistics for it .", ""]

# Fixtures whose shape contradicts the premise, with the reason.
CONTRADICTED = {
    # the poster renamed the header's comm ('xxxx') but not the task line's ('AiApp'): no line names the
    # header's task, so nothing past the reply is its own
    "stackexchange_4.9_csky_trace_unprefixed.txt": "the task line names another comm than the header",
    # a media player's status line glued before the comm ('[Playing ...][Vol=01][00:02:54/00:04:07]swapper/0:')
    # is that line's only: a prompt stacked on it leaves no comm the task line can be matched to
    "mail_3.10_quoted_player_status_glued_fec.txt": "another program's output glued before the comm",
    # (s37-meta11) metalog's head ('Jul 16 00:01:17 [kernel] ') is no log prefix the assembler knows: the task line past
    # the reply carries no framing it can adopt for the header pasted with a sign (framing.carried_by_next)
    "mail_6.6_gentoo_metalog_vmap_last_output_repeated_bpf.txt": "the report's lines behind a head no known log prefix",
    # the task line under the stall's header is another task's (kthreadd's OOM-killer report, printed between): the
    # stall's own comes 170 ms later, past the reply, in the quoted framing no line past the reply carried yet
    "mail_4.10_late_stall_task_line_after_another_tasks_oom_report.txt": "the task line under the header is another task's",
}


def _quoted(lines):
    return ["> " + line if line else ">" for line in lines]


def _first_header(lines):
    return next((i for i, line in enumerate(lines)
                 if "alloc" in line and not line.startswith("#") and find_header(line) is not None), None)


def _task_after(lines, header):
    return next((i for i in range(header + 1, min(header + 4, len(lines))) if "Comm: " in lines[i]), None)


def _reply_after_prompted_header(text, sign="# "):
    lines = text.split("\n")
    header = _first_header(lines)
    task = _task_after(lines, header)
    quoted = _quoted(lines)
    quoted[header] = "> " + sign + lines[header]
    return "\n".join(quoted[:task] + REPLY + quoted[task:])


def _cases():
    for path in ALL_FIXTURES:
        lines = _fixture(path).split("\n")
        header = _first_header(lines)
        if header is not None and _task_after(lines, header) is not None:
            yield os.path.basename(path), path


CASES = dict(_cases())


def test_enough_fixtures_have_a_task_line_under_their_header():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_reply_after_a_header_pasted_with_a_prompt_keeps_the_report(name):
    text = _fixture(CASES[name])
    expected = figures(parse_text("\n".join(_quoted(text.split("\n")))))
    got = figures(parse_text(_reply_after_prompted_header(text)))
    if name in CONTRADICTED:
        assert got != expected, "now passes: take it out of CONTRADICTED (%s)" % CONTRADICTED[name]
        return
    assert got == expected


HEADER = "> # [  775.947949] nc.traditional: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)"
REST = ["> [  775.956362] CPU: 0 PID: 1288 Comm: nc.traditional Tainted: G           O    4.9.123 #19",
        "> [  775.966085] Hardware name: Generic R7S72100 (Flattened Device Tree)",
        "> [  775.972501] [<c0109829>] (unwind_backtrace) from [<c010796f>] (show_stack+0xb/0xc)",
        "> [  775.995790] [<c0152043>] (__alloc_pages_nodemask) from [<c0152523>] (__alloc_page_frag+0x39/0xde)",
        "> [  776.004685] [<c0152523>] (__alloc_page_frag) from [<c03190f1>] (__netdev_alloc_skb+0x51/0xb0)",
        "> [  776.013217] [<c03190f1>] (__netdev_alloc_skb) from [<c02c1b6f>] (sh_eth_poll+0xbf/0x3c0)",
        "> [  776.021342] [<c02c1b6f>] (sh_eth_poll) from [<c031fd8f>] (net_rx_action+0x77/0x170)"]


def _event(header, rest):
    events = parse_text("\n".join([header] + REPLY + rest) + "\n").events
    assert len(events) == 1
    return events[0]


def test_the_task_line_after_the_reply_gives_the_report_its_lines():
    event = _event(HEADER, REST)
    assert (event.pid, event.context, event.driver) == (1288, "network-rx", "sh_eth")


def test_a_task_line_of_another_comm_is_not_the_header_s():
    event = _event(HEADER, [REST[0].replace("Comm: nc.traditional", "Comm: kworker/0:1")] + REST[1:])
    assert (event.pid, event.call_trace) == (None, [])


def test_a_task_line_printed_long_after_the_header_is_not_its():
    event = _event(HEADER, [line.replace("[  775.", "[  875.").replace("[  776.", "[  876.") for line in REST])
    assert (event.pid, event.call_trace) == (None, [])


def test_a_header_without_a_comm_takes_a_task_line_of_the_same_moment_only():
    commless = HEADER.replace("nc.traditional: ", "")
    assert _event(commless, REST).pid == 1288
    late = [REST[0].replace("[  775.", "[  875.")] + REST[1:]
    assert _event(commless, late).pid is None
