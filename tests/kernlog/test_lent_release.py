"""A lone header line of a post takes the kernel release its post's full report printed, when the post is
of one host (pagealloc.kernlog.lent_release); two hosts' or two releases' reports lend nothing."""

import doctest

from pagealloc.kernlog import lent_release
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import fixture_text

# 3.10.0-1160.el7 ixgbe receive report, its task line naming the release (tests/fixtures/logs).
REPORT = fixture_text("dmesg_3.10_rhel7_ixgbe.txt")
RELEASE = "3.10.0-1160.el7.x86_64"
# A 3.10 netdev fragment allocation (__netdev_alloc_frag): 0x204020 = GFP_ATOMIC|__GFP_COMP|__GFP_NOTRACK in
# 3.10 (__GFP_NOTRACK 0x200000), but __GFP_DIRECT_RECLAIM|... from 4.4: without a release, atomic is unknown.
LONE = "kworker/3:1: page allocation failure: order:0, mode:0x204020"


def _syslog(host, text):
    """``text``'s dmesg lines as rsyslog wrote them for ``host`` (date, host, tag before the uptime)."""
    return "\n".join("Jun  3 02:11:47 %s kernel: %s" % (host, line) if line.startswith("[") else line
                     for line in text.split("\n"))


def _lone(events):
    lone, = [e for e in events if e.comm == "kworker/3:1"]
    return lone


def test_doc_examples():
    assert doctest.testmod(lent_release).failed == 0


def test_a_lone_header_of_a_post_of_one_host_takes_its_reports_release():
    # a post quotes the header line it asks about, then pastes the full report (no host named)
    events = parse_text("> " + LONE + "\n\nHere is dmesg:\n\n" + REPORT).events
    lone, report = _lone(events), events[-1]
    assert report.kernel == RELEASE and report.gfp_era == "3.10"
    assert (lone.kernel, lone.lent_release, lone.gfp_era, lone.atomic) == (None, RELEASE, "3.10", True)
    assert lone.gfp_flags == ["GFP_ATOMIC", "__GFP_COMP", "__GFP_NOTRACK"]
    assert "lent_release" not in lone.to_dict()   # the JSON keeps what the report printed
    # alone, the same line stays undecided
    alone = _lone(parse_text("> " + LONE + "\n").events)
    assert alone.lent_release is None and alone.atomic is None and "|" in alone.gfp_era


def test_a_lone_syslog_header_takes_the_release_of_its_own_hosts_report():
    text = "Jun  3 02:11:40 hv07 kernel: " + LONE + "\nJun  3 02:11:41 hv07 sshd[812]: Accepted publickey\n" \
        + _syslog("hv07", REPORT)
    lone = _lone(parse_text(text).events)
    assert (lone.host, lone.lent_release, lone.atomic) == ("hv07", RELEASE, True)


def test_two_hosts_releases_are_not_mixed():
    # the lone header is web2's, the report hv07's: web2's kernel is not known
    text = "Jun  3 02:11:40 web2 kernel: " + LONE + "\nJun  3 02:11:41 web2 sshd[812]: Accepted publickey\n" \
        + _syslog("hv07", REPORT)
    lone = _lone(parse_text(text).events)
    assert lone.host == "web2" and lone.lent_release is None and lone.atomic is None
    # a lone header naming no host, in a text holding two hosts' reports: whose it is cannot be told
    other = _syslog("web3", REPORT.replace("3.10.0-1160.el7.x86_64", "3.10.0-957.el7.x86_64"))
    text = "> " + LONE + "\n\n" + _syslog("hv07", REPORT) + "\n" + other
    events = parse_text(text).events
    assert {e.host for e in events if e.kernel} == {"hv07", "web3"}
    lone = _lone(events)
    assert lone.lent_release is None and lone.atomic is None


def test_two_releases_of_one_host_lend_nothing():
    # a reboot into another kernel between the reports: the lone line may be of either
    later = REPORT.replace("3.10.0-1160.el7.x86_64", "3.10.0-1062.el7.x86_64")
    lone = _lone(parse_text("> " + LONE + "\n\n" + REPORT + "\n" + later).events)
    assert lone.lent_release is None and lone.atomic is None


def test_a_release_that_prints_names_is_not_lent_to_a_line_without_them():
    # 4.9 prints "mode:%#x(%pGg)": a lone line without the names may be cut inside its mask (cut_mode)
    report = fixture_text("dmesg_4.9_debian_interleaved.txt")
    lone = _lone(parse_text("> kworker/3:1: page allocation failure: order:0, mode:0x10\n\n" + report).events)
    assert lone.lent_release is None and lone.atomic is None
