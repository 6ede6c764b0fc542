"""Metamorphic suite: every real-format fixture, reshaped the way mail, tickets, forums and other log
tools reshape text, decodes to the same failure figures; prose that quotes a header gives no event.

The transforms are those people apply when they paste a report (issue 12): indentation, mail quote
levels, boxes, syslog tags without a date, OpenWrt logread, syslog instead of dmesg timestamps, dmesg -H, hard
wraps at 72 and 80 columns (the continuation without the prefix, or re-quoted with it), CRLF and
quoted-printable mail bodies, a page shown without code tags (runs of blanks collapsed).  Hypothesis draws
further prefixes.
"""

import functools
import html
import os
import quopri
import re
import string
import zlib

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st

from pagealloc.kernlog import mail_base64, prose, quoted_printable
from pagealloc.kernlog.parse import parse_stream, parse_text
from tests.kernlog.helpers import FIXTURES, decoded, figures, fixture_group, fixture_text
from tests.kernlog.shape_transforms import DATA_EXPORTS, SHAPES

# Every fixture holding kernel reports (all eras, architectures and log formats in tests/fixtures/logs).
REPORT_FIXTURES = sorted(name for name in os.listdir(FIXTURES) if name.endswith(".txt"))
_DMESG_TIME = re.compile(r"^\[\s*\d+\.\d+\] ")


def _prefixed(prefix):
    return lambda text: "\n".join(prefix + line if line else line for line in text.split("\n"))


def _wrap_line(line, width, again=""):
    """Hard wrap at the last blank before ``width`` (what mail clients and ``fmt -s`` do);
    continuation lines start with ``again`` (a re-quoting client repeats the quote)."""
    out = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width + 1)
        if cut <= len(again):
            break
        out.append(line[:cut])
        line = again + line[cut + 1:].lstrip(" ")
    if (line[len(again):] if out else line).strip() or not out:  # a cut at a trailing blank leaves no line of its own
        out.append(line)
    return out


def _wrapped(width, prefix=""):
    def transform(text):
        return "\n".join(piece for line in text.split("\n")
                         for piece in _wrap_line(prefix + line if line else line, width, prefix))
    return transform


def _syslog_without_uptime(text):
    return "\n".join(_DMESG_TIME.sub("Jun 17 21:19:45 web1 kernel: ", line) for line in text.split("\n"))


def _dmesg_human(text):
    """dmesg -H: the minute on the first line, then "[  +0.000012] " deltas."""
    out, first = [], True
    for line in text.split("\n"):
        if _DMESG_TIME.match(line):
            line = _DMESG_TIME.sub("[Jun17 21:19] " if first else "[  +0.000012] ", line)
            first = False
        out.append(line)
    return "\n".join(out)


def _quoted_printable(text):
    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def _retimed(stamp):
    """The dmesg uptime of every line that has one replaced by ``stamp(uptime text)`` (other tools'
    timestamps and prefixes: journalctl -o short-iso ..., dmesg -x, -r, --time-format iso)."""
    def transform(text):
        return "\n".join(_DMESG_TIME.sub(lambda match: stamp(match.group()), line) for line in text.split("\n"))
    return transform


def _numbered(form):
    """Line numbers before every line, as pastebins, ``cat -n`` and code viewers copy them."""
    return lambda text: "\n".join(form % (number + 1) + line for number, line in enumerate(text.split("\n")))


def _hex_counted(text):
    """Unisoc's Android kernel log: a 5-digit hex sequence counter and a spaced level before each line
    (``0419C < 4> [   36.189447] ``); the counter runs through hex letters."""
    return "\n".join("%05X < 4> " % (0x4166 + number * 7) + line if line else line
                     for number, line in enumerate(text.split("\n")))


def _html_escaped(text):
    """A web page's HTML source scraped as text: ``&lt;4&gt;``, ``&gt; ``, ``&amp;`` and blanks after a
    blank as ``&nbsp;`` (what renderers of <pre> text emit to keep alignment)."""
    return html.escape(text, quote=False).replace("  ", " &nbsp;")


def _nbsp(text):
    """Text copied from a rendered web page: a blank after a blank is a no-break space (U+00A0)."""
    return text.replace("  ", " \u00a0")


_BLANKS = re.compile(r"[ \t]+")


def _blanks_collapsed(text):
    """A post shown on a web page as HTML text without <pre> or code tags, its line breaks kept as <br>
    (forum software, a ticket or wiki page pasting without a code block), copied back from the browser: HTML
    white-space collapsing makes every run of blanks and tabs one blank and drops the blanks at a line's
    start and end.  dmesg's right-aligned uptime ``[    5.123456]`` reads ``[ 5.123456]``, frames lose their
    indentation, Mem-Info's aligned columns and a list item's indented lines lose their alignment."""
    return "\n".join(_BLANKS.sub(" ", line).strip(" \t") for line in text.split("\n"))


def _quoted_bare_empty(text):
    """Quoted by a mail client that writes a quoted empty line as ``>`` alone, no blank after it (Thunderbird's and
    Gmail's replies; a page without <pre> strips that blank too)."""
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def _glued_block(opener, closer):
    """A post's code block rendered to text without its line breaks: the opener glued before the first
    line, the closer after the last (``<pre>[ 1.0] swapper: ...``, ``[quote=user]``, a fence)."""
    return lambda text: opener + text.strip("\n") + closer + "\n"


def _inline_code(text):
    """Each line of a post set in inline code (a backtick at both ends), as markdown posts quote log lines."""
    def code(line):
        body = line.rstrip("\r")
        return "`" + body + "`" + line[len(body):] if body.strip() and "`" not in body else line
    return "\n".join(code(line) for line in text.split("\n"))


def _printk_dropped(text):
    """A console capture of a flooded log (serial, netconsole): printk's ``** N printk messages dropped ** `` note
    (console_unlock(), 3.5-4.x) glued before the uptime of every third record, the header's too."""
    def glued(number, line):
        return "** %d printk messages dropped ** " % (7 * number + 1) + line if number % 3 == 0 else line
    return "\n".join(glued(number, line) if _DMESG_TIME.match(line) else line
                     for number, line in enumerate(text.split("\n")))


def _requoted(levels, width, first="> "):
    """Quoted ``levels`` times (the first level ``first``, the others "> ") and hard-wrapped at ``width``
    by a client that re-quotes the continuation with the same signs."""
    quote = "".join([first] + ["> "] * (levels - 1))
    return _wrapped(width, quote)


TRANSFORMS = {
    "indent-2": _prefixed("  "),
    "indent-4": _prefixed("    "),
    "indent-tab": _prefixed("\t"),
    "quote": _prefixed("> "),
    "quote-2": _prefixed(">> "),
    "box": _prefixed("| "),
    "host-kernel-tag": _prefixed("web1 kernel: "),
    "kernel-tag": _prefixed("kernel: "),
    "logread": _prefixed("Sat Jan 27 00:14:32 2024 kern.warn kernel: "),
    "shell-prompt": _prefixed("root@web1:~# "),
    "syslog-without-uptime": _syslog_without_uptime,
    "dmesg-human": _dmesg_human,
    "wrap-72": _wrapped(72),
    "wrap-80": _wrapped(80),
    "quote-wrap-72-requoted": _wrapped(72, "> "),
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "cr-only": lambda text: text.replace("\n", "\r"),  # a serial console capture, a classic Mac paste
    "quoted-printable": _quoted_printable,
    # s25: what web pages, pastebins, other wrap widths, nested quotes and other log tools do.
    "html-escaped": _html_escaped,
    "nbsp": _nbsp,
    "markdown-fence": lambda text: "Here is the log:\n\n```text\n" + text.strip("\n") + "\n```\n\nAny idea?\n",
    "line-numbers-bar": _numbered("%4d | "),
    "line-numbers-colon": _numbered("%d: "),
    "cat-n": _numbered("%6d\t"),
    "wrap-60": _wrapped(60),
    "wrap-100": _wrapped(100),
    "wrap-132": _wrapped(132),
    "quote-nested-spaced": _prefixed("> > "),
    "quote-3-mixed": _prefixed(">> > "),
    "quote-3-wrap-72-requoted": _requoted(3, 72),
    "tabs-expanded": lambda text: text.expandtabs(8),
    "trailing-blanks": lambda text: "\n".join(line + "  " if line else line for line in text.split("\n")),
    "bom": lambda text: "\ufeff" + text,
    "journal-short-iso": _retimed(lambda _: "2024-01-27T00:14:32+0100 web1 kernel: "),
    "journal-short-precise": _retimed(lambda _: "Jan 27 00:14:32.123456 web1 kernel: "),
    "journal-short-monotonic": _retimed(lambda uptime: uptime + "web1 kernel: "),
    "rsyslog-rfc3339": _prefixed("2024-01-27T00:14:32.123456+00:00 web1 kernel: "),
    "dmesg-x": _retimed(lambda uptime: "kern  :warn  : " + uptime),
    "dmesg-r": _retimed(lambda uptime: "<4>" + uptime),
    "dmesg-iso": _retimed(lambda _: "2024-01-27T00:14:32,123456+01:00 "),
    "caller-task": _retimed(lambda uptime: uptime.rstrip() + "[ T4242] "),
    "caller-cpu": _retimed(lambda uptime: uptime.rstrip() + "[     C1] "),
    "hex-counter": _hex_counted,
    "printk-dropped-glued": _printk_dropped,
    # s26: page markup glued to the lines of a post rendered to text (pagealloc.kernlog.web_text).
    "glued-pre": _glued_block("<pre>", "</pre>"),
    "glued-bbcode-quote": _glued_block("[quote=talz13]", "[/quote]"),
    "glued-fence": _glued_block("```", "```"),
    "inline-code-lines": _inline_code,
    "br-lines": lambda text: "\n".join(line + "<br>" if line else line for line in text.split("\n")),
    # s37: a post rendered as HTML without code tags (runs of blanks collapsed, none at a line's ends).
    "blanks-collapsed": _blanks_collapsed,
    "quote-bare-empty-lines": _quoted_bare_empty,
    # s27: log tools handing the kernel's records on as data, terminal captures, RFC 5424, CSV exports of log
    # searches, tracker markup (tests/kernlog/shape_transforms.py names the tool each follows).
    **SHAPES,
}


def _original(name):
    return decoded(fixture_text(name)).figures


def test_every_fixture_has_reports_to_compare():
    assert all(_original(name) for name in REPORT_FIXTURES)
    assert len(REPORT_FIXTURES) >= 15


# (fixture, transform) pairs where the transform says something the text contradicts.  A printk caller
# id names the CPU (or task) that printed each record: stamped "[     C1]" on every line of two CPUs'
# interleaved 4.9 reports (their task lines print "CPU: 20" and "CPU: 12") it says CPU 1 printed both
# traces, so the frames go to neither report by CPU and the first report's trace is read as unknown.
# No kernel writes that text; the figures the caller id does not route (kind, comm, order, mask, atomic,
# zones) must still be the same.
CONTRADICTED = {("dmesg_4.9_debian_interleaved.txt", "caller-cpu")}


def _without_trace(rows):
    return [row[:5] + row[7:] for row in rows]


# Cases of the s27 shapes that still differ: (fixture, transform) -> how they differ (differs_how), asserted.
# (s28: the 2.4 router fixture behind RFC 5424 stacked on busybox's syslog passes: RFC 5424's "- - -" was read
# as a list item's bullet; the dict stays for the next open case.)
OPEN_SHAPES = {}


_COLUMNS = ("kind", "comm", "order", "mask", "atomic", "context", "driver", "zones")


def differs_how(got, want):
    """How a decode differs from the original's figures: the event counts, or the columns that differ."""
    if len(got) != len(want):
        return "%d event(s) for %d" % (len(got), len(want))
    return "+".join(sorted({_COLUMNS[i] for row, wanted in zip(got, want) for i in range(8) if row[i] != wanted[i]}))


def check_every_transform(text, want, transforms=None, expected_to_differ=(), contradicted=()):
    """Decode ``text`` under every transform of ``transforms`` (TRANSFORMS) and compare with ``want``; one message
    names every transform that failed.  ``expected_to_differ`` maps a transform to how its decode differs today
    (differs_how): an asserted outcome, so a case that starts keeping its figures, or differs another way, fails
    too (then its table is updated).  Under a ``contradicted`` transform the figures the printk caller id routes
    (context, driver) may differ.  One test per fixture instead of one per (fixture, transform): the cases are the
    same, each still fails on its own, without pytest's cost per item (s40: ~1 ms of CPU per item)."""
    transforms = TRANSFORMS if transforms is None else transforms
    failed = {}
    for transform in sorted(transforms):
        got = decoded(transforms[transform](text)).figures
        if transform in expected_to_differ:
            how = differs_how(got, want) if got != want else "keeps its figures now"
            if how != expected_to_differ[transform]:
                failed[transform] = "expected to differ by %s, %s: update its table" % (expected_to_differ[transform], how)
        elif transform in contradicted:
            if _without_trace(got) != _without_trace(want):
                failed[transform] = (_without_trace(got), _without_trace(want))
        elif got != want:
            failed[transform] = (differs_how(got, want), got, want)
    assert not failed, "%d transform(s) failed: %s\n%s" % (len(failed), ", ".join(sorted(failed)), "\n".join(
        "%s: %s" % item for item in sorted(failed.items())))


@pytest.mark.parametrize("name", [pytest.param(name, marks=fixture_group(name)) for name in REPORT_FIXTURES])
def test_a_reshaped_report_decodes_to_the_same_figures(name):
    check_every_transform(fixture_text(name), _original(name), TRANSFORMS,
                          {shape: how for (fixture, shape), how in OPEN_SHAPES.items() if fixture == name},
                          {shape for fixture, shape in CONTRADICTED if fixture == name})


@pytest.mark.parametrize("transform", ["quote", "wrap-72", "quoted-printable", "crlf", "cr-only"])
def test_streaming_a_reshaped_file_gives_what_parsing_it_in_memory_gives(transform):
    import io
    text = TRANSFORMS[transform](fixture_text("dmesg_4.18_rhel8_mlx5_numa_slub.txt"))
    end = "\r" if transform == "cr-only" else "\n"  # (a file's line ends are told from its first MiB)
    streamed = parse_stream(io.BytesIO((("[ 0.1] boot" + end) * 3000 + text).encode()))
    assert figures(streamed) == _original("dmesg_4.18_rhel8_mlx5_numa_slub.txt")


# Prose that quotes a header: no report lines follow it in its framing, so no event.
PROSE = [
    "I keep seeing swapper: page allocation failure. order:0, mode:0x20 on this box, any idea?",
    "1. swapper: page allocation failure. order:1, mode:0x20\n2. kswapd0: page allocation failure: order:0, "
    "mode:0x20\n3. java: page allocation failure: order:4, mode:0xd0",
    "Symptom: messages like 'kernel: <comm>: page allocation failure: order:<N>, mode:<0xMASK>' in /var/log/messages",
    "Symptom: log entries like 'kernel: java: page allocation failure: order:4, mode:0xd0' appear.\n"
    "Resolution: raise vm.min_free_kbytes.",
    "- swapper/0: page allocation failure: order:0, mode:0x20\n- see the article below",
    "> Re: [PATCH] mm: swapper/0: page allocation failure: order:0, mode:0x20\n> Thanks, applied.",
    # a sentence wrapped at 80 so that a line starts with the quoted header (UDOOboard/Kernel_Unico#8)
    "resolves the problem I have with\n\"kworker/u:0: page allocation failure: order:1, mode:0x20\" (with 512MB\n"
    "ram free and also +/- 400MB swap free).",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_quoting_a_header_gives_no_event(text):
    assert parse_text(text).total_reports == 0


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
def test_the_seed_web_page_gives_its_one_report_under_every_transform(transform):
    result = parse_text(TRANSFORMS[transform](fixture_text("webpage_seed_report_with_references.txt")))
    assert result.total_reports == 1
    assert figures(result) == _original("webpage_seed_report_with_references.txt")


_PIECES = ["> ", ">", "| ", "|", " ", "  ", "\t", "#", "* ", "- ", ": ", "host ", "kernel: ", "[12] ", "<7>",
           "ab", "Z9 ", "2024/01/27 00:14:32 ", "12:00:01 ", "(x) ", "$ ", "~ ", "%"]


# PAGEALLOC_PROPERTY_EXAMPLES=5000 runs many more draws by hand; CI keeps the count modest.
_BY_HAND = os.environ.get("PAGEALLOC_PROPERTY_EXAMPLES")  # random draws then; CI's are the same every run
PROPERTY_EXAMPLES = int(_BY_HAND or "60")


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None, derandomize=_BY_HAND is None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5), st.sampled_from(REPORT_FIXTURES),
       st.booleans())
def test_any_drawn_prefix_keeps_the_figures(pieces, name, wrap):
    prefix = "".join(pieces)
    assume(not wrap or len(prefix) <= 24)  # a wrap inside the prefix itself is no paste anyone makes
    text = _prefixed(prefix)(fixture_text(name))
    if wrap:
        text = _wrapped(80)(text)
    assert figures(parse_text(text)) == _original(name)


@pytest.mark.parametrize("prefix, name", [
    # a prefix glued to the comm, ending at a blank of the next line: "Z9 %swapper:" above "Z9 % [<c0144f5a>]"
    ("Z9 %", "dmesg_2.6.9_i386_decimal_e1000.txt"),
    ("\tZ9 ab#<7>", "dmesg_2.6.9_i386_decimal_e1000.txt"),
    ("$ (x) | Z9 <7>", "dmesg_2.6.9_i386_decimal_e1000.txt"),
    # the #012-escaped Mem-Info line cut right after its syslog prefix ("... hv07 kernel:")
    ("kernel: kernel:   <7>%", "messages_3.10_rhel7_012_escaped.txt"),
    # a zone line cut right after "Node 0 DMA" behind a 24-character prefix
    ("2024/01/27 00:14:32   >%", "journal_6.12_short-iso_bnxt.txt"),
])
def test_prefixes_random_draws_found_keep_the_figures_when_wrapped(prefix, name):
    assert figures(parse_text(_wrapped(80)(_prefixed(prefix)(fixture_text(name))))) == _original(name)


@pytest.mark.parametrize("glued", ["<7><7><7>>", "ababababab", "%%%%%%%%%%%%%%%%%%%%"])
def test_a_prefix_glued_to_the_comm_longer_than_a_comm_is_still_cut(glued):
    """Hypothesis found ``<7><7><7>>swapper:``: 17 characters with no blank cannot all be the comm
    (TASK_COMM_LEN - 1 = 15); the cut comes from the quote sign or from the next line."""
    name = "dmesg_2.6.9_i386_decimal_e1000.txt"
    assert figures(parse_text(_prefixed(glued)(fixture_text(name)))) == _original(name)


# Prefixes stacked on lines that already carry one (issue 12: a shell prompt before a mail quote, a
# log prefix before lines the poster indented).
def test_a_quoted_syslog_header_wrapped_behind_a_prompt_keeps_its_rest():
    """The header's rest wrapped onto a line that carries only the prompt (the outermost part of the
    header's prefix): the rest is joined without it, and words the header's own wrapped line repeats
    are a prefix of the lines, not a sentence."""
    text = "root@web1:~# > Mar 25 21:05:29 igestion-l kernel: cifsd: page allocation failure.\n" \
           "root@web1:~# order:3, mode:0xd0\nroot@web1:~# >\nroot@web1:~# > After this error the server hangs.\n"
    assert [(e.comm, e.order, e.gfp_mask) for e in parse_text(text).events] == [("cifsd", 3, "0xd0")]
    # a sentence quoting a syslog header, the next line not continuing it: prose
    prose = "I saw Mar 25 21:05:29 igestion-l kernel: cifsd: page allocation failure.\nI saw it twice.\n"
    assert parse_text(prose).total_reports == 0
    wrapped_prose = "I saw Mar 25 21:05:29 igestion-l kernel: cifsd: page allocation failure.\nThen order:3, mode:0xd0\n"
    assert parse_text(wrapped_prose).total_reports == 0


def test_vmap_lines_behind_a_prompt_are_log_lines_when_the_next_line_repeats_it():
    line = "root@web1:~# [857958.%06d] vmap allocation for size 36864 failed: use vmalloc=<size> to increase size\n"
    text = line % 1 + line % 2 + "root@web1:~# [857968.790990] warn_alloc: 3 callbacks suppressed\n"
    events = parse_text(text).events
    assert [(e.kind, e.timestamp) for e in events] == [("vmalloc-failure", 857958.000001),
                                                       ("vmalloc-failure", 857958.000002)]
    # the same words before a sentence quoting the message, or a line that does not repeat them: prose
    assert parse_text("I saw [857958.982070] vmap allocation for size 36864 failed\nI saw it twice.\n").total_reports == 0
    assert parse_text("I saw [857958.982070] vmap allocation for size 36864 failed").total_reports == 0
    assert parse_text(line % 1 + "\nroot@web1:~# [857968.790990] warn_alloc: 3 callbacks suppressed\n").total_reports == 0


def test_a_logread_prefix_stacked_on_lines_indented_by_a_blank_keeps_their_uptime():
    text = "Sat Jan 27 00:14:32 2024 kern.warn kernel: [7730502.783337] page allocation failure: order:5, mode:0x24000c0\n" \
           "Sat Jan 27 00:14:32 2024 kern.warn kernel:  [7730502.783343] CPU: 18 PID: 22411 Comm: ssl_proxy Tainted: G" \
           "           OE   4.4.0-116-generic #140-Ubuntu\n"
    event = parse_text(text).events[0]
    assert (event.comm, event.pid, event.kernel) == ("ssl_proxy", 22411, "4.4.0-116-generic")


# Reshaping gaps measured on real posts (s24 held-out sets x TRANSFORMS), each written here from the
# format it follows.
def test_a_hex_sequence_counter_before_each_line_frames_the_report_also_wrapped():
    """Unisoc's Android log prefix: a 5-digit hex counter, a spaced level, the uptime and a wall clock
    (``0419C < 4> [   36.189447] [03-19 10:05:52.189] ``); the counter runs through hex letters, so a
    digit run that changes from line to line may hold them too.  Wrapped at 72 the header is cut inside
    its words and the SLUB block's lines still carry the prefix.  (The block is a failure of its own: its
    GFP_ATOMIC request cannot have made the header's GFP_NOIO page allocation, s29-holdL.)"""
    body = ["ActivityManager: page allocation failure: order:0, mode:0xc00(GFP_NOIO), "
            "nodemask=(null),cpuset=foreground,mems_allowed=0",
            "SLUB: Unable to allocate memory on node -1, gfp=0xa20(GFP_ATOMIC)",
            "cache: ext4_io_end, object size: 64, buffer size: 64, default order: 0, min order: 0",
            "node 0: slabs: 53,objs: 3392, free: 0"]
    text = "\n".join("%05X < 4> [   36.%06d] [03-19 10:05:52.%03d] %s" % (0x4166 + 0x33 * n, 172486 + n, 172 + n, line)
                     for n, line in enumerate(body))
    whole = figures(parse_text(text))
    assert whole == [("page-allocation-failure", "ActivityManager", 0, "0xc00", False, "unknown", None, []),
                     ("slab-allocation-failure", None, 0, "0xa20", True, "unknown", None, [])]
    assert parse_text(text).events[1].slab.cache == "ext4_io_end"
    for width in (60, 72, 80):
        assert figures(parse_text(_wrapped(width)(text))) == whole, width


def test_a_vmalloc_error_header_wrapped_after_size_is_rejoined():
    """6.x __vmalloc_node_range(): "vmalloc error: size %lu, exceeds total pages"; a 72-column wrap cuts
    between ``size`` and the number (the number belongs to the header words)."""
    lines = ["[Tue Oct 25 00:13:08 2022] ipset: vmalloc error: size 1073741848, exceeds total pages",
             "[Tue Oct 25 00:13:08 2022] Call Trace:", "[Tue Oct 25 00:13:08 2022]  <TASK>",
             "[Tue Oct 25 00:13:08 2022]  dump_stack_lvl+0x48/0x60",
             "[Tue Oct 25 00:13:08 2022]  warn_alloc+0x155/0x180",
             "[Tue Oct 25 00:13:08 2022]  __vmalloc_node_range+0x72a/0x760"]
    text = "\n".join("        " + line for line in lines)
    whole = figures(parse_text(text))
    assert [row[:2] for row in whole] == [("vmalloc-failure", "ipset")]
    for transform in (_wrapped(72), _wrapped(72, "> "), _wrapped(60)):
        assert figures(parse_text(transform(text))) == whole


@pytest.mark.parametrize("prefix", ["Dec  5 01:00:00 web1 kernel: ", "[ 1234.567890] ", "2024-01-27T00:14:32+0100 web1 kernel: ",
                                    "> Dec  5 01:00:00 web1 kernel: "])
def test_a_comm_of_lowercase_words_on_a_lone_log_line_is_read(prefix):
    """A pre-filtered log holds the header line alone: the kernel prints current->comm right after the log
    prefix, so the words between it and the colon are the comm (Java's ``process reaper``) without a task
    line to prove it; a sentence or a list number before them is no comm word."""
    events = parse_text(prefix + "process reaper: page allocation failure: order:0, mode:0x20").events
    assert [(e.comm, e.order, e.gfp_mask) for e in events] == [("process reaper", 0, "0x20")]
    assert parse_text(prefix + "1. kswapd0: page allocation failure: order:0, mode:0x20").total_reports == 0
    assert parse_text("I saw process reaper: page allocation failure: order:0, mode:0x20").total_reports == 0


@pytest.mark.parametrize("comm", ["a]b", "java (GC)", "process reaper"])
def test_a_comm_prctl_set_to_any_bytes_is_read_whole_after_the_log_prefix(comm):
    """s25-review: prctl(PR_SET_NAME) takes any bytes; a ``]`` or a parenthesis inside the comm made the
    comm a part of it and the header's words a prose prefix (context and driver lost)."""
    name = "dmesg_2.6.32_i686_e100_seed.txt"
    got = figures(parse_text(fixture_text(name).replace("swapper", comm)))
    assert got == [(row[0], comm) + tuple(row[2:]) for row in _original(name)]


def test_a_short_comm_repeated_by_a_cpuset_line_behind_a_journal_tag_is_not_joined_with_the_tag():
    """journalctl -o short-monotonic (``[   44.478214] web1 kernel: ``): the 4.11-4.20 cpuset line repeats
    the tag before the comm, which is no comm word (a 4.14 ARM post: comm ``ip``)."""
    text = ("[   44.478214] web1 kernel: ip: page allocation failure: order:0, mode:0x1080120(GFP_ATOMIC|__GFP_COLD), "
            "nodemask=(null)\n[   44.487689] web1 kernel: ip cpuset=/ mems_allowed=0\n"
            "[   44.491438] web1 kernel: CPU: 3 PID: 668 Comm: ip Tainted: G           O    4.14.78 #1\n")
    assert [(e.comm, e.pid) for e in parse_text(text).events] == [("ip", 668)]


@pytest.mark.parametrize("requote", ["", "> >> "])
def test_a_two_word_comm_cut_by_a_wrap_between_its_words_is_rejoined(requote):
    """A quoted 4.9 syslog stall header wrapped at 60 between ``DOM`` and ``Worker`` (Firefox's thread)."""
    text = ("> >> Mar 14 14:31:20 x61s-44a5 kernel: [168382.032039] DOM\n" + requote
            + "Worker: page allocation stalls for 10646ms, order:0,\nmode:0x24280ca(GFP_HIGHUSER_MOVABLE|__GFP_ZERO)\n"
            "> >> Mar 14 14:31:20 x61s-44a5 kernel: [168382.032050] CPU: 1 PID: 3037 Comm: DOM Worker Not tainted 4.9.13 #1\n")
    assert [(e.kind, e.comm, e.pid) for e in parse_text(text).events] == [("allocation-stall", "DOM Worker", 3037)]
    # a sentence before the log prefix keeps it prose
    assert parse_text("I saw [168382.032039] DOM\nWorker: page allocation stalls for 10646ms, order:0, "
                      "mode:0x24280ca\nThen it hung.\n").total_reports == 0


def test_a_vmap_line_joins_its_vmalloc_header_when_wrapping_made_more_lines_between():
    """alloc_vmap_area()'s message and warn_alloc()'s vmalloc header of one failure (5.4 OpenWrt) are one
    event: the window between them counts lines as printed, not the pieces a mail client wrapped them into."""
    text = ("Sun Jun  6 16:14:09 2021 kern.warn kernel: [  115.882897] vmap allocation for size 36864 failed: use "
            "vmalloc=<size> to increase size\n"
            "Sun Jun  6 16:14:09 2021 kern.warn kernel: [  115.890818] warn_alloc: 2 callbacks suppressed\n"
            "Sun Jun  6 16:14:09 2021 kern.warn kernel: [  115.890823] tracebox: vmalloc: allocation failure: 32768 "
            "bytes, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0\n"
            "Sun Jun  6 16:14:09 2021 kern.warn kernel: [  115.906781] CPU: 1 PID: 22991 Comm: tracebox Tainted: G"
            "         C        5.4.83 #0\n")
    whole = figures(parse_text(text))
    assert [row[:4] for row in whole] == [("vmalloc-failure", "tracebox", None, "0xcc0")]
    assert figures(parse_text(_requoted(3, 72)(text))) == whole


@pytest.mark.parametrize("quote", ["", "> "])
def test_an_empty_numbered_line_is_no_comm_piece(quote):
    """``6: `` (an empty line numbered by a paste) above a 4.4 header printed without its comm is not a
    4.9 ``COMM: `` piece: it is the header's own outer prefix, or its outermost layer, and nothing else."""
    text = ("6: \n7: " + quote + "[7730502.783337] page allocation failure: order:5, mode:0x24000c0\n8: " + quote
            + " [7730502.783343] CPU: 18 PID: 22411 Comm: ssl_proxy Tainted: G           OE   4.4.0-116-generic #140\n")
    assert [(e.comm, e.order) for e in parse_text(text).events] == [("ssl_proxy", 5)]


def test_a_re_quoted_header_cut_inside_its_words_joins_while_another_report_is_open():
    """A journal export quoted three times and re-wrapped: the header cut after ``page allocation``, its rest
    re-quoted; the open report (a quoted header in a sentence above) has another framing."""
    text = ("> > > as '9. Re: swapper: page allocation failure. order:1, mode:0x20'\n\n"
            "> > > 2024-01-27T00:14:32+0100 web1 kernel: swapper: page allocation\n> > > failure. order:0, mode:0x20\n"
            "> > > 2024-01-27T00:14:32+0100 web1 kernel: Pid: 0, comm: swapper Not\n> > > tainted 2.6.32-5-686 #1\n")
    assert [(e.comm, e.order, e.pid) for e in parse_text(text).events] == [("swapper", 0, 0)]


def test_a_last_line_cut_inside_its_uptime_does_not_join_the_trace_opener():
    """An excerpt that ends inside a line (``>   [    0.27717``, s25-holdB's cut scan of a quoted arm64 kdump
    post): the piece is no rest of ``Call trace:``, which is a whole line and the report's evidence."""
    text = (">   [    0.247713] swapper/0: page allocation failure: order:1, mode:0xcc1(GFP_KERNEL|GFP_DMA), "
            "nodemask=(null),cpuset=/,mems_allowed=0\n>   <..snip..>\n>   [    0.274706] Call trace:\n>   [    0.27717")
    assert [(e.comm, e.order) for e in parse_text(text).events] == [("swapper/0", 1)]


def test_a_quoted_report_behind_a_login_prompt_keeps_its_braced_trace():
    """A console's login prompt printed before the header only (``> > elm3b29 login: dd: page ...``); the
    2.6.9-2.6.2x x86_64 trace under it carries only the quote, its opener and frames on one line."""
    text = ("> > elm3b29 login: dd: page allocation failure. order:0, mode:0x20\n> > \n"
            "> > Call Trace:<IRQ> <ffffffff801632ae>{__alloc_pages+990} <ffffffff801668da>{cache_grow+314}\n"
            "> >        <ffffffff80166d7f>{cache_alloc_refill+543} <ffffffff80166e86>{kmem_cache_alloc+54}\n"
            "> >        <ffffffff8033d021>{scsi_get_command+81} <ffffffff8034181d>{scsi_prep_fn+301}\n")
    event, = parse_text(text).events
    assert (event.comm, event.order, event.in_interrupt) == ("dd", 0, True)
    assert event.call_trace == ["__alloc_pages", "cache_grow", "cache_alloc_refill", "kmem_cache_alloc",
                                "scsi_get_command", "scsi_prep_fn"]


def test_html_escaped_report_lines_are_decoded():
    text = ("&lt;4&gt;[ 7873.855883] swapper/0: page allocation failure: order:0, mode:0x20\n"
            "&lt;4&gt;[ 7873.855895] CPU: 0 PID: 0 Comm: swapper/0 Not tainted 4.9.0 #1\n"
            "&lt;4&gt;[ 7873.855899] Call Trace:\n&lt;4&gt;[ 7873.855900] &nbsp;&lt;IRQ&gt;\n"
            "&lt;4&gt;[ 7873.855935] &nbsp;e1000_clean_rx_irq+0x1/0x2 [e1000]\n"
            "&lt;4&gt;[ 7873.855936] &nbsp;net_rx_action+0x1/0x2\n")
    event, = parse_text(text).events
    assert (event.comm, event.context, event.driver, event.in_interrupt) == ("swapper/0", "network-rx", "e1000", True)


# Every real-format fixture: tests/fixtures/logs (all eras) and tests/fixtures/posted (reports people posted).
POSTED = os.path.join(os.path.dirname(FIXTURES), "posted")
ALL_FIXTURES = [os.path.join(FIXTURES, name) for name in REPORT_FIXTURES] + sorted(
    os.path.join(POSTED, name) for name in os.listdir(POSTED) if name.endswith(".txt"))
# ALL_FIXTURES as parameters, each in its fixture's xdist group (helpers.decoded).
GROUPED_FIXTURES = [pytest.param(path, marks=fixture_group(path), id=os.path.basename(path)) for path in ALL_FIXTURES]
# A posted header line alone, no report line after it: behind a prefix of any shape it is the header-only
# report it is without one; only a prefix that makes it a list item ("- ", "* ") makes it prose.
# (2.4 printed no line after its "__alloc_pages: N-order allocation failed": every report is a lone header.)
LONE_HEADER = {"qa_3.10_header_bracketed_comm.txt", "kb_2.6.16_sles10_title_without_comm.txt",
               "messages_2.4.20_router_alloc_pages_gfp.txt"}


@functools.lru_cache(maxsize=None)  # (read once per process: every test of a fixture starts from its text)
def _fixture(path):
    """The fixture as a reader sees it: a quoted-printable or base64 mail (a posted fixture kept as sent) is
    decoded by the mail client before anyone quotes, indents or re-logs it."""
    with open(path, "rb") as handle:
        data = handle.read()
    if mail_base64.declares_base64(data):
        data = mail_base64.decode(data)
    if quoted_printable.looks_quoted_printable(data):
        data = quoted_printable.decode(data)
    return data.decode("utf-8", "replace")


def _expected(path, prefix=""):
    if os.path.basename(path) in LONE_HEADER and prose.list_item(prefix):
        return []
    return decoded(_fixture(path)).figures


_DIGITS = "\ue000"  # a digit run that changes from line to line (a line number, a time, an id)
_PART = st.one_of(
    st.text(alphabet=string.ascii_letters + string.punctuation + " ", min_size=1, max_size=8),  # literal text
    st.sampled_from([" ", ": ", "| ", "] ", ") ", "\t", ":: "]).map(lambda sep: _DIGITS + sep),
    st.sampled_from([" ", "  ", "    ", "\t"]),                     # indentation
    st.integers(1, 3).map(lambda level: ">" * level + " "),         # mail quote levels
    st.sampled_from(["| ", "|", "> | ", "# ", "$ "]))                # boxes, prompts


def _drawn_prefix(parts):
    """A prefix shape as pasted text has them: it ends in a blank, not in a word glued to the text
    (test_prefixes_random_draws_found... covers glued ones), nor in a colon after a word (the kernel's
    own "comm: "), nor in "[" or "<" (which would complete a cut log prefix: "[" + "    4.79] ")."""
    prefix = "".join(parts)
    if prefix.rstrip()[-1:] in (":", "[", "<"):
        prefix += "| "
    return prefix if prefix[-1:].isspace() else prefix + " "


def _stacked(prefix, seed):
    """``prefix`` before every non-empty line, its digit runs changing from line to line."""
    def transform(text):
        lines = text.split("\n")
        for number, line in enumerate(lines):
            if line:
                mine = prefix
                while _DIGITS in mine:
                    mine = mine.replace(_DIGITS, str(10000 + (seed * (number + 3) * 7919) % 90000), 1)
                lines[number] = mine + line
        return "\n".join(lines)
    return transform


# Draws per fixture: each fixture's draws come from a seed of its own name (crc32), so adding a fixture adds
# its own draws and leaves every other fixture's alone (as test_metamorphic_pairs' checksum sample does).
# Before s28 the property sampled the fixture list: a new fixture shifted every draw and twice surfaced an
# older gap at someone's landing.  PAGEALLOC_PROPERTY_EXAMPLES=N draws N random cases per fixture by hand.
DRAWS_PER_FIXTURE = int(_BY_HAND or "10")


def _fixture_seed(path):
    return zlib.crc32(os.path.basename(path).encode())


@pytest.mark.parametrize("path", GROUPED_FIXTURES)
def test_every_fixture_keeps_its_figures_behind_any_drawn_prefix(path):
    """Any printable prefix shape (literal text, digit runs that vary per line, indentation, quote
    levels, boxes), stacked on every fixture, maybe hard-wrapped, keeps every figure."""
    original = _fixture(path)

    @settings(max_examples=DRAWS_PER_FIXTURE, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(_PART, min_size=1, max_size=4), st.integers(1, 999), st.sampled_from([None, 72, 80]))
    def keeps_its_figures(parts, seed, wrap):
        prefix = _drawn_prefix(parts)
        text = _stacked(prefix, seed)(original)
        if wrap:
            text = _wrapped(wrap)(text)
        assert figures(parse_text(text)) == _expected(path, prefix)

    if not _BY_HAND:
        keeps_its_figures = hypothesis_seed(_fixture_seed(path))(keeps_its_figures)
    keeps_its_figures()


def test_a_task_line_cut_right_after_cpu_still_carries_the_headers_report():
    """The 4.9 CoreOS post (header pasted without its syslog prefix, the rest with it) behind a long
    prefix and wrapped at 72: the task line is cut right after ``CPU:``, its comm on the next piece.  The
    cut line still shows the report's log prefix (s25-holdA's landing: context went network-rx -> unknown,
    a draw that a new fixture shifted onto this case)."""
    path = os.path.join(POSTED, "coreos_4.9_header_unprefixed.txt")
    text = _wrapped(72)(_stacked(_drawn_prefix([":" * 24]), 1)(_fixture(path)))
    assert "kernel: CPU:\n7 PID: 111104" in text
    assert figures(parse_text(text)) == _expected(path)


def test_the_drawn_prefix_property_draws_per_fixture():
    """Each fixture's draws depend on its name only: a new fixture leaves the others' draws alone."""
    assert len({_fixture_seed(path) for path in ALL_FIXTURES}) == len(ALL_FIXTURES)
    assert _fixture_seed(os.path.join(POSTED, "indented_3.2_arm_probe_not_rx.txt")) == zlib.crc32(
        b"indented_3.2_arm_probe_not_rx.txt")


# Cases the per-fixture draws found (s28, 100 random draws per fixture by hand), one per mechanism:
# (fixture, prefix parts, seed of the digit runs, wrap width).
DRAWN_FOUND = [
    # a capitalised word before every line ("A ", "U ", "ClR ") read as the first word of a comm of two words
    # ("A swapper"): a blank line after the header, the first line after it shows the word is every line's ...
    ("dmesg_2.6.9_x86_64_braced_frames_e1000.txt", ["A"], 1, None),
    ("blog_2.6.32_el6_italic_header_pl.txt", ["  ", "  ClR"], 349, 72),
    # ... or the next line, a frame behind "kernel: " the header lacks, starts with it ("# U kernel: <IRQ> ...")
    ("memo_2.6.32_bare_header_frames_kernel_tag_commented_tg3.txt", ["# ", "U"], 60, None),
    # a wrap cut right after a report's log prefix, the next header's comm on the next line: the header is that
    # line's (it kept the trivial framing, took a trace stamped before it)
    ("forum_2.6.22_headers_then_earlier_stamped_headless_trace.txt", ["\ue000\t", "\t", "\ue000| ", "\ue000: "], 907, 72),
    # ... or between the syslog prefix and the uptime ("... localhost kernel:" / "[19625.248000] Xorg: page ...")
    ("forum_2.6.22_headers_then_earlier_stamped_headless_trace.txt",
     [" }uo@],", "\ue000] ", "m", "\ue000:: "], 769, 72),
]


@pytest.mark.parametrize("name, parts, seed, wrap", DRAWN_FOUND)
def test_a_drawn_case_found_keeps_its_figures(name, parts, seed, wrap):
    path = os.path.join(POSTED if os.path.exists(os.path.join(POSTED, name)) else FIXTURES, name)
    prefix = _drawn_prefix(parts)
    text = _stacked(prefix, seed)(_fixture(path))
    if wrap:
        text = _wrapped(wrap)(text)
    assert figures(parse_text(text)) == _expected(path, prefix)


@pytest.mark.parametrize("seed", [1, 7, 500])
def test_a_mask_ending_its_line_takes_no_digits_of_the_next_lines_prefix(seed):
    """The 3.2 ARM probe report behind a prefix that starts with a varying digit run, wrapped at 72: the
    header ``... order:5, mode:0x20`` ends its piece and the next line opens with ``97109 ::::``.  A console
    cut inside a mask joins its rest without a blank (wrapping.cut_inside_number), but a mask followed by a
    blank and more text is no mask the kernel prints: the mode stays 0x20 (read 0x2097109 on 3c82fea; the
    drawn-prefix property reached it when s27-holdH's fixtures shifted its draws)."""
    path = os.path.join(POSTED, "indented_3.2_arm_probe_not_rx.txt")
    text = _wrapped(72)(_stacked(_drawn_prefix([_DIGITS + " " + ":" * 12 + " " + _DIGITS + " "]), seed)(_fixture(path)))
    assert "mode:0x20\n" in text
    assert figures(parse_text(text)) == _expected(path)


# Transforms composed the way text travels: a quote of an indented, wrapped paste, CRLF mail bodies
# encoded quoted-printable (and encoded then converted), a box around a re-quoted wrap ...
COMPOSED = {
    "quote-of-indented-wrap-72": lambda text: _prefixed("> ")(_wrapped(72)(_prefixed("    ")(text))),
    "crlf-of-quoted-printable": lambda text: TRANSFORMS["crlf"](TRANSFORMS["quoted-printable"](text)),
    "quoted-printable-of-crlf": lambda text: TRANSFORMS["quoted-printable"](TRANSFORMS["crlf"](text)),
    "box-of-requoted-wrap-72": lambda text: _prefixed("| ")(TRANSFORMS["quote-wrap-72-requoted"](text)),
    "tab-of-logread": lambda text: _prefixed("\t")(TRANSFORMS["logread"](text)),
    "quote-of-wrap-80-of-kernel-tag": lambda text: _prefixed("> ")(_wrapped(80)(TRANSFORMS["kernel-tag"](text))),
    "quoted-printable-of-requoted-wrap": lambda text: TRANSFORMS["quoted-printable"](
        TRANSFORMS["quote-wrap-72-requoted"](text)),
    "indent-of-dmesg-human": lambda text: _prefixed("  ")(TRANSFORMS["dmesg-human"](text)),
    "quote-2-of-syslog-wrap-72": lambda text: _prefixed(">> ")(_wrapped(72)(TRANSFORMS["syslog-without-uptime"](text))),
    # s37: a forum post without code tags (blanks collapsed) quoted in a reply, or re-wrapped by a mailer
    "quote-of-blanks-collapsed": lambda text: _prefixed("> ")(_blanks_collapsed(text)),
    "wrap-72-of-blanks-collapsed": lambda text: _wrapped(72)(_blanks_collapsed(text)),
}


# The log tool a composed transform renders the records with (a post no tool renders so is no such text:
# test_metamorphic_posted.NOT_RENDERED names the post, the tool and the reason; the serial capture's records
# without the console's notes keep their figures under both: test_a_tool_rendering_a_console_captures_records_...).
_COMPOSED_RENDERER = {"indent-of-dmesg-human": "dmesg-human", "quote-2-of-syslog-wrap-72": "syslog-without-uptime",
                      "tab-of-logread": "logread"}


# Composed cases whose text no longer holds what told the figures (the case asserts what is left: see the test below).
# The KB bullet's template header: collapsed, its indentation is gone, and right under the bullet's line it still
# continues the item (framing._in_list_item); wrapped at 72 as well, the bullet's line is cut and the header stands
# under its rest, "packets with the following message as seen from the console:", which is how a post introduces a
# pasted log line too ("I get this from the console:" / "swapper: page allocation failure. order:2, mode:0x4020").
# Only the bullet two lines up tells them apart, and a header's evidence is the line right above it.
AMBIGUOUS = {("kb_2.6.32_el6_list_item_template_then_report.txt", "wrap-72-of-blanks-collapsed"):
             "the bullet's line wrapped: the template header stands under a sentence's colon, as a pasted log line does"}


# The composed cases of a post NOT_RENDERED names (under the tool _COMPOSED_RENDERER names) whose figures differ today,
# and how (differs_how): asserted, as test_metamorphic_posted.DIFFER_NOW's are; the others keep their figures.
COMPOSED_DIFFER_NOW = {
    ("mail_4.10_late_stall_task_line_after_another_tasks_oom_report.txt", "indent-of-dmesg-human"): "context+zones",
    ("mail_4.9_serial_printk_dropped_note_glued_stalls.txt", "indent-of-dmesg-human"): "9 event(s) for 11",
    ("mail_4.9_serial_printk_dropped_note_glued_stalls.txt", "quote-2-of-syslog-wrap-72"): "8 event(s) for 11",
    ("paste_4.4_arm64_flattened_records_btrfs_submit_scsi.txt", "indent-of-dmesg-human"): "context",
    # (s41-hold41rx: one time on every line, the post's copies are new records; test_metamorphic_posted._STAMPS_ERASED)
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "indent-of-dmesg-human"): "4 event(s) for 3",
    ("mail_4.6_cited_header_with_slub_line_lone_header_before_sysrq_dump_ath9k_htc.txt", "quote-2-of-syslog-wrap-72"): "4 event(s) for 3",
}


@pytest.mark.parametrize("path", GROUPED_FIXTURES)
def test_composed_transforms_keep_the_figures(path):
    from tests.kernlog.test_metamorphic_posted import NOT_RENDERED  # (that module imports this one)
    name = os.path.basename(path)
    for fixture, composed in COMPOSED_DIFFER_NOW:
        assert (fixture, _COMPOSED_RENDERER[composed]) in NOT_RENDERED, (fixture, composed)  # (only such may differ)
    ambiguous = {composed for fixture, composed in AMBIGUOUS if fixture == name}
    for composed in ambiguous:
        # the template header read as the lone header-only report a pasted line is; every other report kept
        got = decoded(COMPOSED[composed](_fixture(path))).figures
        assert [row for row in got if row[1] != "program-name"] == _expected(path) and len(got) == len(_expected(path)) + 1
    check_every_transform(_fixture(path), _expected(path), {key: COMPOSED[key] for key in COMPOSED if key not in ambiguous},
                          {composed: how for (fixture, composed), how in COMPOSED_DIFFER_NOW.items() if fixture == name})


_DROPPED_NOTE = re.compile(r"^\*\* \d+ printk messages dropped \*\* ", re.M)


@pytest.mark.parametrize("composed", sorted(_COMPOSED_RENDERER))
def test_a_tool_rendering_a_console_captures_records_keeps_the_figures(composed):
    """The composed transforms differing on the serial capture (COMPOSED_DIFFER_NOW, NOT_RENDERED) render its
    records with a log tool, which never sees printk's dropped-records note (console_unlock() writes it to the
    console only): that text, without the notes, keeps its figures under them.  So what differs with the notes
    is the note alone, left before uptimes the tool did not re-render.  (main 19c69ca lost two of a.out's three
    stall headers under dmesg -H even so: its deltas keep no time, and a header behind one was read as a title
    the full report repeats, quoted_title)"""
    path = os.path.join(POSTED, "mail_4.9_serial_printk_dropped_note_glued_stalls.txt")
    records = _DROPPED_NOTE.sub("", _fixture(path))
    assert records != _fixture(path)
    assert figures(parse_text(records)) == _expected(path)
    assert figures(parse_text(COMPOSED[composed](records))) == _expected(path)


@settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4), st.sampled_from(["dmesg-human", "indent-of-dmesg-human"]),
       st.sampled_from(["swapper/0: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)",
                        "a.out: page allocation stalls for 20116ms, order:0, mode:0x342004a(GFP_NOFS|__GFP_HIGHMEM)"]))
def test_headers_behind_dmesg_h_deltas_are_each_a_report(repeats, render, header):
    """A flood's headers, each alone, then the full report of the last one: under ``dmesg -H`` each header
    stands behind a delta (``[  +0.000012]``), a stamp of the log, which no title quoted alone carries: every
    header counts, as behind the uptimes (main 19c69ca folded the lone ones into the full report)."""
    lines = ["[  %d.%06d] %s" % (100 + number, number, header) for number in range(repeats + 1)]
    lines += ["[  200.000001] CPU: 0 PID: 1 Comm: %s Not tainted 4.9.0 #1" % header.split(":")[0],
              "[  200.000002] Call Trace:", "[  200.000003]  [<ffffffff8115489b>] warn_alloc+0x12b/0x170"]
    text = "\n".join(lines) + "\n"
    rendered = (COMPOSED.get(render) or TRANSFORMS[render])(text)
    assert len(parse_text(text).events) == repeats + 1
    assert figures(parse_text(rendered)) == figures(parse_text(text))


def test_a_header_echoed_without_its_time_is_one_report():
    """The console's copy of a header (no time of its own) pasted right under the log's copy is that
    record twice (a real 4.9 post, two CPUs failing): one report, the task line its own."""
    head = "[2836069.534658] page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)\n"
    echo = "page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)\n"
    task = "[2836069.534667] CPU: 20 PID: 0 Comm: swapper/20 Not tainted 4.9.0-5-amd64 #1 Debian 4.9.65-3+deb9u2\n"
    for transform in ("crlf", "kernel-tag", "logread", "dmesg-human", "syslog-without-uptime", "wrap-72"):
        text = TRANSFORMS[transform](head + echo + task)
        assert [(e.comm, e.gfp_mask) for e in parse_text(text).events] == [("swapper/20", "0x2080020")], transform
    # two copies each with its own time are two failures (a flood), both counted
    assert parse_text(head + head.replace("658]", "659]") + task).total_reports == 2


@pytest.mark.parametrize("quote, requote", [("", ""), ("> ", "> "), ("> ", "")])
def test_a_template_header_under_a_wrapped_list_item_behind_a_log_tag_is_prose(quote, requote):
    """A knowledge-base bullet behind ``kernel: `` (and a quote), its first line wrapped with the rest
    unprefixed (or only re-quoted), the indented template header under it: prose, as unprefixed."""
    text = (quote + "kernel:   \u2022 Failed GFP_ATOMIC allocations by the network stack result in dropped\n"
            + requote + "packets with the following message as seen from the console:\n"
            + quote + "kernel:     program-name: page allocation failure. order:2, mode:0x4020\n\n"
            + quote + "kernel: These errors will be followed by a backtrace\n")
    assert parse_text(text).total_reports == 0


_PROSE_TEXTS = PROSE + [_fixture(os.path.join(POSTED, "prose_header_in_sentence.txt")),
                        "The message 'vmap allocation for size 36864 failed' means the vmalloc area is full.\nRaise it.",
                        "I saw [857958.982070] vmap allocation for size 36864 failed\nI saw it twice.\n"]


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_PROSE_TEXTS), st.sampled_from(sorted(TRANSFORMS) + [None]),
       st.lists(_PART, min_size=1, max_size=3), st.integers(1, 999), st.sampled_from([None, 72, 80]))
def test_prose_stays_prose_reshaped_or_behind_any_drawn_prefix(text, transform, parts, seed, wrap):
    """Prose quoting a header or a vmap message gives no event however it is reshaped: a false
    positive is worse than a miss."""
    text = TRANSFORMS[transform](text) if transform else _stacked(_drawn_prefix(parts), seed)(text)
    if wrap and transform not in DATA_EXPORTS:  # (a wrap cuts an export's one line inside its strings: the
        text = _wrapped(wrap)(text)             # list number "3." ends one piece, "java: page ..." starts the next)
    assert parse_text(text).total_reports == 0


# A markdown or forum post quoted in a mail or wrapped by one (s26-holdE): the markup stands behind the
# quote signs, or a wrap cut a line's inline code in two ("`[ 1.0] ... allocation" / "failure: ...`").
# Measured over the 5 markup transforms x the 43 others in both orders and every fixture (31,490 cases):
# 909 differed before, 481 after; those left put markdown behind log prefixes or line numbers, or
# mark up quoted-printable or CRLF text (/work/scratch/s26-holdE/pairs_markup.py).
_MARKDOWN_REPLIES = [("inline-code-lines", "quote"), ("inline-code-lines", "box"), ("glued-pre", "quote"),
                     ("glued-bbcode-quote", "quote-nested-spaced"), ("inline-code-lines", "wrap-80")]


@pytest.mark.parametrize("path", GROUPED_FIXTURES)
def test_a_quoted_or_wrapped_markdown_post_keeps_the_figures(path):
    check_every_transform(_fixture(path), _expected(path), {
        "%s-then-%s" % pair: (lambda text, first=pair[0], second=pair[1]: TRANSFORMS[second](TRANSFORMS[first](text)))
        for pair in _MARKDOWN_REPLIES})
