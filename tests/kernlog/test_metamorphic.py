"""Metamorphic suite: every real-format fixture, reshaped the way mail, tickets, forums and other log
tools reshape text, decodes to the same failure figures; prose that quotes a header gives no event.

The transforms are those people apply when they paste a report (issue 12): indentation, mail quote
levels, boxes, syslog tags without a date, OpenWrt logread, syslog instead of dmesg timestamps, dmesg -H, hard
wraps at 72 and 80 columns (the continuation without the prefix, or re-quoted with it), CRLF and
quoted-printable mail bodies.  Hypothesis draws further prefixes.
"""

import os
import quopri
import re
import string

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import prose, quoted_printable
from pagealloc.kernlog.parse import parse_stream, parse_text
from tests.kernlog.helpers import FIXTURES, fixture_text

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
    "quoted-printable": _quoted_printable,
}


def figures(result):
    """The figures a verdict rests on: kind, comm, order, mask, atomic, context, driver, zones."""
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.atomic, e.context, e.driver,
             [(z.node, z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb) for z in e.zones]) for e in result.events]


_ORIGINALS = {}


def _original(name):
    if name not in _ORIGINALS:
        _ORIGINALS[name] = figures(parse_text(fixture_text(name)))
    return _ORIGINALS[name]


def test_every_fixture_has_reports_to_compare():
    assert all(_original(name) for name in REPORT_FIXTURES)
    assert len(REPORT_FIXTURES) >= 15


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("name", REPORT_FIXTURES)
def test_a_reshaped_report_decodes_to_the_same_figures(name, transform):
    reshaped = TRANSFORMS[transform](fixture_text(name))
    assert figures(parse_text(reshaped)) == _original(name)


@pytest.mark.parametrize("transform", ["quote", "wrap-72", "quoted-printable", "crlf"])
def test_streaming_a_reshaped_file_gives_what_parsing_it_in_memory_gives(transform):
    import io
    text = TRANSFORMS[transform](fixture_text("dmesg_4.18_rhel8_mlx5_numa_slub.txt"))
    streamed = parse_stream(io.BytesIO(("[ 0.1] boot\n" * 3000 + text).encode()))
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


# Every real-format fixture: tests/fixtures/logs (all eras) and tests/fixtures/posted (reports people posted).
POSTED = os.path.join(os.path.dirname(FIXTURES), "posted")
ALL_FIXTURES = [os.path.join(FIXTURES, name) for name in REPORT_FIXTURES] + sorted(
    os.path.join(POSTED, name) for name in os.listdir(POSTED) if name.endswith(".txt"))
# A posted header line alone, no report line after it: behind a prefix of any shape it is the header-only
# report it is without one; only a prefix that makes it a list item ("- ", "* ") makes it prose.
LONE_HEADER = {"qa_3.10_header_bracketed_comm.txt", "kb_2.6.16_sles10_title_without_comm.txt"}
_FIGURES = {}


def _fixture(path):
    """The fixture as a reader sees it: a quoted-printable mail (a posted fixture kept as sent) is
    decoded by the mail client before anyone quotes, indents or re-logs it."""
    with open(path, "rb") as handle:
        data = handle.read()
    if quoted_printable.looks_quoted_printable(data):
        data = quoted_printable.decode(data)
    return data.decode("utf-8", "replace")


def _expected(path, prefix=""):
    if os.path.basename(path) in LONE_HEADER and prose.list_item(prefix):
        return []
    if path not in _FIGURES:
        _FIGURES[path] = figures(parse_text(_fixture(path)))
    return _FIGURES[path]


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


@settings(max_examples=400, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_FIXTURES), st.lists(_PART, min_size=1, max_size=4), st.integers(1, 999),
       st.sampled_from([None, 72, 80]))
def test_every_fixture_keeps_its_figures_behind_any_drawn_prefix(path, parts, seed, wrap):
    """Any printable prefix shape (literal text, digit runs that vary per line, indentation, quote
    levels, boxes), stacked on every fixture, maybe hard-wrapped, keeps every figure."""
    prefix = _drawn_prefix(parts)
    text = _stacked(prefix, seed)(_fixture(path))
    if wrap:
        text = _wrapped(wrap)(text)
    assert figures(parse_text(text)) == _expected(path, prefix)


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
}


@pytest.mark.parametrize("composed", sorted(COMPOSED))
@pytest.mark.parametrize("path", ALL_FIXTURES, ids=os.path.basename)
def test_composed_transforms_keep_the_figures(path, composed):
    assert figures(parse_text(COMPOSED[composed](_fixture(path)))) == _expected(path)


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
    if wrap:
        text = _wrapped(wrap)(text)
    assert parse_text(text).total_reports == 0
