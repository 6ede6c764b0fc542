"""A dmesg excerpt whose records were joined into paragraphs (an editor or a mail client joining the lines of a
paste, then maybe wrapping them again): each record's uptime stamp stands glued, after a blank, to the end of the
record before it (``... all_unreclaimable? no [  776.233602] Normal free:1492kB min:964kB ...``).  The records
are cut apart at their stamps (kernlog/collapsed.uptime_pieces) and read one by one, as in the log; a stamp
earlier than the line's first, or far later, is text quoting another line, no record."""

import os
import re

import pytest

from pagealloc.kernlog.collapsed import caller_pieces, uptime_pieces
from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import FIXTURES, fixture_text

_STAMPED = re.compile(r"^\[\s*\d{1,10}\.\d{6}\] ")


def _lines(name):
    # (the fixture's "# ..." notes left out; a joined paste keeps no carriage return inside a line)
    return [line.rstrip("\r") for line in fixture_text(name).split("\n") if line.strip() and not line.startswith("# ")]


# dmesg fixtures every line of which is a record behind its own uptime stamp
DMESG = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt")
               and _lines(name) and all(_STAMPED.match(line) for line in _lines(name)))


def _all_figures(text):
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.atomic, e.context, e.driver, e.pid, e.call_trace,
             [(z.node, z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb) for z in e.zones]) for e in parse_text(text).events]


def test_most_dmesg_fixtures_are_drawn():
    assert len(DMESG) >= 8


@pytest.mark.parametrize("quote", ["", "> "])
@pytest.mark.parametrize("per_line", [2, 3, 5])
@pytest.mark.parametrize("name", DMESG)
def test_records_glued_into_paragraphs_decode_to_the_same_figures(name, per_line, quote):
    lines = _lines(name)
    text = "\n".join(quote + " ".join(lines[at:at + per_line]) for at in range(0, len(lines), per_line))
    assert _all_figures(text) == _all_figures("\n".join(lines))


def test_each_glued_record_keeps_the_quote_of_the_line():
    assert uptime_pieces("> [    9.230989] Mem-Info: [    9.231329] active_anon:0 inactive_anon:0") == [
        "> [    9.230989] Mem-Info:", "> [    9.231329] active_anon:0 inactive_anon:0"]


@pytest.mark.parametrize("line", [
    "[  100.000001] eth0: link up, see [   99.000001] above",   # an earlier line quoted: no record
    "[  100.000001] resumed after [ 9000.000001] s",             # beyond GLUED_SPAN_S of the line's own
    "[  100.000001] frame [<c0109829>] (unwind_backtrace)",     # an ARM frame's address: no stamp
])
def test_a_stamp_that_cannot_follow_the_lines_own_is_no_record(line):
    assert uptime_pieces(line) is None


# Posted at lore.kernel.org (linux-mm/linux-kernel 2019-06-01, amit nagal
# <CABWb+VzkDbgE2kQrGjDBzu0qZkvd72MTSdRQTFDLAKgp90WEwQ@mail.gmail.com>: linux kernel page allocation failure and
# tuning of page reclaim procedure; 4.9.123, Renesas RZ/A1): the poster's paste had joined records ("...
# all_unreclaimable? no [  776.233602] Normal"), then gmail wrapped the mail at 72.  (The report up to its
# Mem-Info line is tests/fixtures/posted/mail_4.9_rza1_wrapped_trace_sh_eth_poll.txt.)
GLUED_POST = (
    '# [  775.947949] nc.traditional: page allocation failure: order:0,\n'
    'mode:0x2080020(GFP_ATOMIC)\n'
    '[  775.956362] CPU: 0 PID: 1288 Comm: nc.traditional Tainted: G\n'
    '   O    4.9.123-pic6-g31a13de-dirty #19\n'
    '[  775.966085] Hardware name: Generic R7S72100 (Flattened Device Tree)\n'
    '[  775.972501] [<c0109829>] (unwind_backtrace) from [<c010796f>]\n'
    '(show_stack+0xb/0xc)\n'
    '[  775.980118] [<c010796f>] (show_stack) from [<c0151de3>]\n'
    '(warn_alloc+0x89/0xba)\n'
    '[  775.987361] [<c0151de3>] (warn_alloc) from [<c0152043>]\n'
    '(__alloc_pages_nodemask+0x1eb/0x634)\n'
    '[  775.995790] [<c0152043>] (__alloc_pages_nodemask) from [<c0152523>]\n'
    '(__alloc_page_frag+0x39/0xde)\n'
    '[  776.004685] [<c0152523>] (__alloc_page_frag) from [<c03190f1>]\n'
    '(__netdev_alloc_skb+0x51/0xb0)\n'
    '[  776.013217] [<c03190f1>] (__netdev_alloc_skb) from [<c02c1b6f>]\n'
    '(sh_eth_poll+0xbf/0x3c0)\n'
    '[  776.021342] [<c02c1b6f>] (sh_eth_poll) from [<c031fd8f>]\n'
    '(net_rx_action+0x77/0x170)\n'
    '[  776.029051] [<c031fd8f>] (net_rx_action) from [<c011238f>]\n'
    '(__do_softirq+0x107/0x160)\n'
    '[  776.036896] [<c011238f>] (__do_softirq) from [<c0112589>]\n'
    '(irq_exit+0x5d/0x80)\n'
    '[  776.044165] [<c0112589>] (irq_exit) from [<c012f4db>]\n'
    '(__handle_domain_irq+0x57/0x8c)\n'
    '[  776.052007] [<c012f4db>] (__handle_domain_irq) from [<c01012e1>]\n'
    '(gic_handle_irq+0x31/0x48)\n'
    '[  776.060362] [<c01012e1>] (gic_handle_irq) from [<c0108025>]\n'
    '(__irq_svc+0x65/0xac)\n'
    '[  776.067835] Exception stack(0xc1cafd70 to 0xc1cafdb8)\n'
    '[  776.072876] fd60: 0002751c c1dec6a0 0000000c 521c3be5\n'
    '[  776.081042] fd80: 56feb08e f64823a6 ffb35f7b feab513d f9cb0643\n'
    '0000056c c1caff10 ffffe000\n'
    '[  776.089204] fda0: b1f49160 c1cafdc4 c180c677 c0234ace 200e0033 ffffffff\n'
    '[  776.095816] [<c0108025>] (__irq_svc) from [<c0234ace>]\n'
    '(__copy_to_user_std+0x7e/0x430)\n'
    '[  776.103796] [<c0234ace>] (__copy_to_user_std) from [<c0241715>]\n'
    '(copy_page_to_iter+0x105/0x250)\n'
    '[  776.112503] [<c0241715>] (copy_page_to_iter) from [<c0319aeb>]\n'
    '(skb_copy_datagram_iter+0xa3/0x108)\n'
    '[  776.121469] [<c0319aeb>] (skb_copy_datagram_iter) from [<c03443a7>]\n'
    '(tcp_recvmsg+0x3ab/0x5f4)\n'
    '[  776.130045] [<c03443a7>] (tcp_recvmsg) from [<c035e249>]\n'
    '(inet_recvmsg+0x21/0x2c)\n'
    '[  776.137576] [<c035e249>] (inet_recvmsg) from [<c031009f>]\n'
    '(sock_read_iter+0x51/0x6e)\n'
    '[  776.145384] [<c031009f>] (sock_read_iter) from [<c017795d>]\n'
    '(__vfs_read+0x97/0xb0)\n'
    '[  776.152967] [<c017795d>] (__vfs_read) from [<c01781d9>] (vfs_read+0x51/0xb0)\n'
    '[  776.159983] [<c01781d9>] (vfs_read) from [<c0178aab>] (SyS_read+0x27/0x52)\n'
    '[  776.166837] [<c0178aab>] (SyS_read) from [<c0105261>]\n'
    '(ret_fast_syscall+0x1/0x54)\n'
    '[  776.174308] Mem-Info:\n'
    '[  776.176650] active_anon:2037 inactive_anon:23 isolated_anon:0\n'
    '[  776.176650]  active_file:2636 inactive_file:7391 isolated_file:32\n'
    '[  776.176650]  unevictable:0 dirty:1366 writeback:1281 unstable:0\n'
    '[  776.176650]  slab_reclaimable:719 slab_unreclaimable:724\n'
    '[  776.176650]  mapped:1990 shmem:26 pagetables:159 bounce:0\n'
    '[  776.176650]  free:373 free_pcp:6 free_cma:0\n'
    '[  776.209062] Node 0 active_anon:8148kB inactive_anon:92kB\n'
    'active_file:10544kB inactive_file:29564kB unevictable:0kB\n'
    'isolated(anon):0kB isolated(file):128kB mapped:7960kB dirty:5464kB\n'
    'writeback:5124kB shmem:104kB writeback_tmp:0kB unstable:0kB\n'
    'pages_scanned:0 all_unreclaimable? no [  776.233602] Normal\n'
    'free:1492kB min:964kB low:1204kB high:1444kB active_anon:8148kB\n'
    'inactive_anon:92kB active_file:10544kB inactive_file:29564kB\n'
    'unevictable:0kB writepending:10588kB present:65536kB\n'
    'managed:59304kB mlocked:0kB slab_reclaimable:2876kB\n'
    'slab_unreclaimable:2896kB kernel_stack:1152kB pagetables:636kB\n'
    'bounce:0kB\n'
    'free_pcp:24kB local_pcp:24kB free_cma:0kB [  776.265406]\n'
    'lowmem_reserve[]: 0 0 [  776.268761] Normal: 7*4kB (H) 5*8kB (H)\n'
    '7*16kB (H) 5*32kB (H) 6*64kB (H) 2*128kB (H) 2*256kB (H) 0*512kB\n'
    '0*1024kB 0*2048kB 0*4096kB = 1492kB\n'
    '10071 total pagecache pages\n'
    '[  776.284124] 0 pages in swap cache\n'
    '[  776.287446] Swap cache stats: add 0, delete 0, find 0/0 [\n'
    '776.292645] Free swap  = 0kB [  776.295532] Total swap = 0kB\n'
    '[  776.298421] 16384 pages RAM [  776.301224] 0 pages\n'
    'HighMem/MovableOnly [  776.305052] 1558 pages reserved\n'
)


def test_the_posted_joined_and_wrapped_mem_info_is_read_record_by_record():
    # "Normal free:1492kB min:964kB low:1204kB high:1444kB", glued behind the Node line and wrapped, is the
    # report's one zone line; sh_eth_poll under net_rx_action: receive, driver sh_eth (call_paths)
    events = parse_text(GLUED_POST).events
    assert [(e.comm, e.order, e.gfp_mask, e.context, e.driver, [(z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb)
             for z in e.zones]) for e in events] == [
        ("nc.traditional", 0, "0x2080020", "network-rx", "sh_eth", [("Normal", 1492, 964, 1204, 1444)])]


def test_a_header_glued_behind_an_open_frame_by_its_level_is_a_record_of_its_own():
    # netconsole / a serial console: a trace line's address printed, its symbol not yet, when a nested printk began a
    # record; the console kept that record's "<4>" (kernel/printk.c strips the level at a line's start only).
    # Metamorphic: the same text with the record on a line of its own decodes alike.
    frames = ["  [<c0139923>] __alloc_pages+0x2b3/0x420", "  [<c02e99b7>] alloc_skb+0x47/0xf0",
              "  [<c02398dc>] tg3_alloc_rx_skb+0x7c/0x130", "  [<c0239efc>] tg3_rx+0x3ac/0x420",
              "  [<c02f0661>] net_rx_action+0x81/0x100"]
    first = ["swapper: page allocation failure. order:0, mode:0x20"] + frames
    nested = ["swapper: page allocation failure. order:0, mode:0x20", "  [<c0139923>] __alloc_pages+0x2b3/0x420",
              "  [<c02fc0d2>] find_skb+0x32/0xa0", "  [<c02fc231>] netpoll_send_udp+0x41/0x260",
              "  [<f89b1040>] write_msg+0x40/0x50 [netconsole]", "  [<c01181b7>] printk+0x17/0x20"]
    for level in "0123457":
        glued = "\n".join(first + ["  [<c010326e>]<%s>" % level + nested[0]] + nested[1:])
        apart = "\n".join(first + ["  [<c010326e>]"] + nested)
        assert _all_figures(glued) == _all_figures(apart)
        assert [e.context for e in parse_text(glued).events] == ["network-rx", "network-tx"]


_STAMP_END = re.compile(r"^(\[\s*(\d{1,10}\.\d{6})\])")


def _with_caller(line, task):
    """``line`` (a dmesg record) with a printk caller id after its stamp, as 5.1+ CONFIG_PRINTK_CALLER prints it."""
    return _STAMP_END.sub(r"\1[ T%d]" % task, line, count=1)


@pytest.mark.parametrize("name", DMESG)
def test_a_caller_id_record_glued_without_a_blank_to_an_unfinished_line_is_a_record_of_its_own(name):
    # A console interleaving CPUs' records (s34-holdAB, a 5.2-next console on linux-mm): another task's record printed
    # without its newline, its text cut ("[  657.060922][ T3384]  ? page_"), the failure header's stamp and caller id
    # glued right behind it with no blank, and a second CPU's header of the same failure next.  Metamorphic: each
    # header glued so decodes like the same records on lines of their own - the caller id marks the stamp as a
    # record's start (before s34 such a line stayed whole, and its header was read as prose before the next one).
    glued, apart = [], []
    for line in _lines(name):
        mine, stamp = _with_caller(line, 3124), _STAMP_END.match(line)
        if "allocation failure" in line and stamp:
            cut = "[%12.6f][ T3384]  ? page_" % max(float(stamp.group(2)) - 0.002, 0.0)
            other = _with_caller(line, 1598)
            glued += [cut + mine, other]
            apart += [cut, mine, other]
        else:
            glued.append(mine)
            apart.append(mine)
    assert len(glued) < len(apart)
    assert _all_figures("\n".join(glued)) == _all_figures("\n".join(apart))


@pytest.mark.parametrize("line", [
    "[  657.060922][ T3384] see x[  659.105948] y",            # no caller id: a bracket in the text, no record
    "[  657.060922][ T3384] x[  600.000001][ T3124] y",        # an earlier time: text quoting a line
    "[  657.060922][ T3384] x[  659.105948][ T3124]y",         # no blank after the caller id: no record's start
])
def test_a_stamp_glued_without_a_blank_needs_its_caller_id(line):
    assert caller_pieces(line) is None


def test_a_record_glued_at_the_end_of_a_line_is_cut_off_for_the_wrap_s_rest():
    # the same console line wrapped right after the glued record's caller id (a mail re-wrapped at 60)
    assert caller_pieces("> [  657.060922][ T3384]  ? page_[  659.105948][ T3124]") == [
        "> [  657.060922][ T3384]  ? page_", "> [  659.105948][ T3124]"]


_LOGREAD = "Sat Jan 27 00:14:32 2024 kern.warn kernel: "
_RFC5424 = "<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - "
_HEADER_WORDS = re.compile(r"^(?P<comm>.*?: )(?P<page>page )(?P<words>allocation failure.*)$")


def _whole(cut, mine):
    return [cut + mine]


def _cut_after_caller(cut, mine):  # a wrap right after the glued record's caller id
    stamp = _STAMP_END.match(mine).end() + len("[ T3124]")
    return [cut + mine[:stamp], mine[stamp + 1:]]


def _cut_in_header_words(cut, mine):  # a wrap after the comm's colon, then after "page" ("kworker/2:1H:" / "page")
    words = _HEADER_WORDS.match(mine)
    return [cut + words.group("comm").rstrip(), words.group("page").rstrip(), words.group("words")]


def _cut_before_glued(cut, mine):  # a wrap inside the unfinished text, before the glued record ("... ?" / "page_[...")
    return [cut[:-len(" page_")], "\x00page_" + mine]


def _cut_inside_caller(cut, mine):  # a wrap at the blank inside the glued caller id ("...[  659.105948][" / "T3124] ...")
    at = _STAMP_END.match(mine).end() + 1
    return [cut + mine[:at], "\x00" + mine[at + 1:]]


def _cut_after_caller_and_comm(cut, mine):  # the log prefix alone, the comm alone, "page", the words
    stamp = _STAMP_END.match(mine).end() + len("[ T3124]")
    words = _HEADER_WORDS.match(mine[stamp + 1:])
    return [cut + mine[:stamp], "\x00" + words.group("comm").rstrip(), words.group("page").rstrip(), words.group("words")]


def _numbered(lines):
    return ["%6d\t%s" % (number, line) for number, line in enumerate(lines, 1)]


def _behind(prefix, rest_prefix=None):
    """Every line behind ``prefix``; a wrap's rest (marked "\\x00") behind ``rest_prefix`` (the rest of a line a wrap cut
    after a log tool's prefix was added stands behind none; a re-quoting wrap's rest behind the quote only)."""
    def reshape(lines):
        return [(prefix if rest_prefix is None else rest_prefix) + line[1:] if line[:1] == "\x00" else prefix + line
                for line in lines]
    return reshape


# How the glued line was cut, and what every line of the paste was put behind afterwards
RESHAPED = {
    "logged twice": (_whole, _behind(_LOGREAD + _LOGREAD)),
    "relayed, logged": (_whole, _behind(_LOGREAD + _RFC5424)),
    "cut after the caller id, numbered": (_cut_after_caller, _numbered),
    "cut after the caller id, numbered with colons": (_cut_after_caller, lambda lines: [
        "%d: %s" % (number, line) for number, line in enumerate(lines, 1)]),
    "cut in the header's words, quoted, numbered": (_cut_in_header_words, lambda lines: _numbered(
        ["> " + line for line in lines])),
    "cut in the header's words, quoted behind a prompt": (_cut_in_header_words, _behind("root@web1:~# > ")),
    "cut after the caller id, a page's breaks": (_cut_after_caller, lambda lines: [line + "<br>" for line in lines]),
    "cut after the caller id, inline code": (_cut_after_caller, lambda lines: ["`%s`" % line for line in lines]),
    "logged, cut before the glued record": (_cut_before_glued, _behind(_LOGREAD, "")),
    "logged, cut inside the glued caller id": (_cut_inside_caller, _behind("kernel: ", "")),
    "quoted, cut inside the glued caller id, re-quoted": (_cut_inside_caller, _behind("> > ", "> ")),
    "quoted, cut after the caller id and the comm": (_cut_after_caller_and_comm, _behind("> ", "")),
}


@pytest.mark.parametrize("reshaped", sorted(RESHAPED))
@pytest.mark.parametrize("name", DMESG)
def test_a_caller_id_record_glued_and_reshaped_is_a_record_of_its_own(name, reshaped):
    # The composed reshapings of the posted 5.2 console (s34 pairs7: 72 composed cases of the full product differed on
    # main 4fceae1): the glued line logged again behind stacked syslog prefixes (the record's stamp looked for behind the
    # last kernel tag), wrapped right after the glued caller id or inside the header's words under a paste's line numbers
    # or a prompt (the log prefix alone, then the comm, then the words: the lead both lines start with, digits free, is
    # no text), marked up line by line (the line unmarked before it is cut), wrapped inside the unfinished text before
    # the glued record, the rest behind no prefix (the record goes behind the outer part of the line it was cut from),
    # or at a blank inside the glued caller id (a mail client cuts there as Outlook cut the posted 4.9 reply's stamps:
    # "[ =20" / "776.013217]"; the stamp is rejoined).  Metamorphic: as the same records on lines of their own,
    # reshaped alike.
    cut_glued, outer = RESHAPED[reshaped]
    glued, apart = [], []
    for line in _lines(name):
        mine, stamp = _with_caller(line, 3124), _STAMP_END.match(line)
        if "allocation failure" in line and stamp and _HEADER_WORDS.match(mine):
            cut = "[%12.6f][ T3384]  ? page_" % max(float(stamp.group(2)) - 0.002, 0.0)
            other = _with_caller(line, 1598)
            glued += cut_glued(cut, mine) + [other]
            apart += [cut, mine, other]
        else:
            glued.append(mine)
            apart.append(mine)
    assert glued != apart
    assert _all_figures("\n".join(outer(glued))) == _all_figures("\n".join(outer(apart)))
    assert not any("\x00" in line for line in outer(glued))


def _paragraphs(lines, per_line):
    return [" ".join(lines[at:at + per_line]) for at in range(0, len(lines), per_line)]


@pytest.mark.parametrize("quote", ["", "> "])
@pytest.mark.parametrize("per_line", [2, 3])
@pytest.mark.parametrize("name", DMESG)
def test_glued_records_wrapped_before_the_headers_mode_decode_to_the_same_figures(name, per_line, quote):
    """(s37-meta11, holdAD's flattened paste and gist wrapped again) A wrap cuts the header before its mode: the
    mode's piece opens the next line with the next record's stamp glued behind it (``mode:0x20[2662122.262119] Pid:
    0, ...``, ``> mode:0x2204020 [ 141.443857] CPU: 1 ...``).  That is the header's rest, not a prefix the report's
    lines carry before their stamps (framing.carried_by_next; main 1f43ae1 took ``mode:0x20`` for one and lost the
    mode)."""
    lines = _lines(name)
    text = "\n".join(quote + paragraph.replace(", mode:", ",\n" + quote + "mode:", 1)
                     if " allocation " in paragraph or " stalls " in paragraph else quote + paragraph
                     for paragraph in _paragraphs(lines, per_line))
    assert _all_figures(text) == _all_figures("\n".join(lines))


@pytest.mark.parametrize("per_line", [3, 5, 1000])
@pytest.mark.parametrize("name", DMESG)
def test_a_header_without_its_stamp_before_glued_records_is_one_report(name, per_line):
    """(s37-meta11) The header's own stamp gone (``journalctl -o cat`` of a flattened paste, a paste cut before the
    comm), the records after it glued behind it: the header is the first record, not the outer part of the others
    (collapsed.uptime_pieces; main 1f43ae1 put it before every record and counted the failure again for each
    report line among them).  Compared with the same lines unglued: one event each, with the header's figures (the
    records after it, behind their stamps, are read in no framing of the stamp-less header: its trace is not asked)."""
    lines = _lines(name)
    first = next(at for at, line in enumerate(lines) if find_header(line) is not None)
    lines[first] = _STAMPED.sub("", lines[first])
    text = "\n".join(lines[:first] + _paragraphs(lines[first:], per_line))
    assert [figure[:5] for figure in _all_figures(text)] == [figure[:5] for figure in _all_figures("\n".join(lines))]
