"""Issue 12's prose rule as properties: a header line that stands alone behind a prefix of any drawn
shape decodes as it does without the prefix (reshaping never changes the decode), and a header inside
a sentence, a list item, a quotation or a template gives no event behind any drawn prefix.

The header lines follow the kernel's format strings of each era (mm/page_alloc.c warn_alloc() and
its 2.6 predecessor, mm/vmalloc.c, mm/slub.c slab_out_of_memory()); the text around them is what
posts hold around a quoted line: a sentence before, a question after, blank lines between or not.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog import prose
from pagealloc.kernlog.parse import parse_text
from pagealloc.kernlog.prefix import split_prefix
from tests.kernlog.shape_transforms import DATA_EXPORTS
from tests.kernlog.test_metamorphic import (
    _DIGITS,
    _PART,
    TRANSFORMS,
    _drawn_prefix,
    _stacked,
    _wrapped,
    figures,
)

_COMM_WORD = re.compile(r"[A-Z0-9][\w/+-]*$")  # pagealloc.kernlog.header: a word a comm of several words may start with

HEADERS = [
    "swapper: page allocation failure. order:0, mode:0x20",                              # 2.6.18-2.6.3x
    "[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20",               # dmesg 2.6.32
    "Mar 25 21:05:29 web1 kernel: cifsd: page allocation failure. order:3, mode:0xd0",   # syslog 2.6.x
    "[some_app]: page allocation failure: order:4, mode:0x2040d0",                       # 3.10, comm redacted
    "kworker/u16:2: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null),"
    "cpuset=/,mems_allowed=0",                                                            # 5.x
    "java: page allocation stalls for 10412ms, order:0, mode:0x24200ca(GFP_HIGHUSER_MOVABLE)",  # 4.9-4.12
    "[   36.750294] kunit_try_catch: vmalloc: allocation failure: 184467 bytes, mode:0xcc0(GFP_KERNEL), "
    "nodemask=(null),cpuset=/,mems_allowed=0",                                            # 4.9-5.10
    "ipset: vmalloc error: size 1073741848, page order 0, failed to allocate pages, mode:0xdc0(GFP_KERNEL|"
    "__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0",                               # 5.11+
]
# Text around a lone header line: it does not run through the line (a finished sentence before it, a
# new sentence after it, or blank lines between).
_BEFORE = ["", "I get this in dmesg:\n\n", "Lately I have noticed entries like this one.\n",
           "\u79c1\u306e\u30b7\u30b9\u30c6\u30e0\u304c\u5831\u544a\u3057\u307e\u3057\u305f\u3002\n"]
_AFTER = ["\nAny idea what it means?", "\n\nthen the box hangs.", "\nIt repeats every night."]
# A header inside a sentence, a list item, a quotation or a template ({} is the header line).
PROSE = [
    "I keep seeing {} on this box, any idea?",
    "The log entry {} indicates that the kernel failed to allocate a page.",
    "{} keeps showing up in my logs",
    "- {}\n- the same on the other host",
    "* {}",
    "1. {}\n2. see the article below",
    "  9. Re: {}",
    "\u2022 {}",
    "Sometimes the allocation fails (we run out of memory):\n{}\nwhich causes lots of this printed to console.",
    "text: '{}' }},",
    "resolves the problem I have with\n\"{}\" (with 512MB ram free).",
    # the same sentence as a mail client wraps it: the quoted header on a line of its own (a quote glued to the comm,
    # or to a log prefix and closed on the line, quotes that line; only an unclosed one may open a pasted log)
    "resolves the problem I have with\n\"{}\"\n(with 512MB ram free).",
    "and the log says\n\u201c{}\u201d\nbefore it hangs.",
    # (s29-holdL) the header ends a parenthesis opened on the line before, an Outlook-spaced quote
    "it failed when it tried to get 32KB. (e.g.\n\n{})\n\nSo I can not understand it.",
]
TEMPLATES = ["program: page allocation failure: order:<N>, mode:<0xMASK>",
             "<comm>: page allocation failure. order:N, mode:0xGFP"]


def _lone_prefix(parts):
    """A drawn prefix (test_metamorphic._drawn_prefix) whose last word cannot begin a comm of several
    words: ``Mw java:`` may be the thread ``Mw java`` (``Web Content``), which only a line next to the
    header repeating ``Mw `` tells (test_recognition's comm-split tests); blank lines stand between here."""
    prefix = _drawn_prefix(parts)
    last = (prefix.split()[-1:] or [""])[0].replace(_DIGITS, "0")
    return prefix + "| " if _COMM_WORD.match(last) else prefix


def _one(header):
    return figures(parse_text(header))


@pytest.mark.parametrize("header", HEADERS)
def test_every_header_line_alone_is_one_report(header):
    assert len(_one(header)) == 1


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.sampled_from(_BEFORE), st.sampled_from(_AFTER),
       st.lists(_PART, min_size=1, max_size=4), st.integers(1, 999))
def test_a_lone_header_behind_any_drawn_prefix_decodes_as_it_does_without_it(header, before, after, parts, seed):
    """Indentation, quote levels, boxes, prompts, literal text, digit runs that change per line: the
    prefix is stacked on every line of the post (words in it are repeated by the lines around the
    header).  Only a prefix ending in a list item's marker makes it prose.  (Wrapped pastes: the
    metamorphic suite and test_properties.)"""
    prefix = _lone_prefix(parts)
    text = before + header + after
    expected = [] if prose.list_item(prefix) else _one(header)
    assert figures(parse_text(text)) == _one(header)
    assert figures(parse_text(_stacked(prefix, seed)(text))) == expected


@settings(max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.sampled_from(PROSE + TEMPLATES), st.lists(_PART, max_size=4), st.integers(1, 999),
       st.sampled_from([None, 72, 80]))
def test_a_header_in_a_sentence_or_a_list_item_behind_any_drawn_prefix_gives_no_event(header, form, parts, seed, wrap):
    text = form.format(header) if "{}" in form else form
    if parts:
        text = _stacked(_drawn_prefix(parts), seed)(text)
    if wrap:
        text = _wrapped(wrap)(text)
    assert parse_text(text).total_reports == 0


def test_a_header_quoted_with_its_report_lines_is_a_report_in_a_list_item_too():
    """Report lines after it in its framing outweigh the list item (a KB bullet quoting a whole report)."""
    text = ("  \u2022 What do the components mean ?\n    kernel: swapper: page allocation failure. order:2, mode:0x20\n"
            "    kernel: Pid: 0, comm: swapper Not tainted 2.6.32-220.el6.x86_64 #1\n")
    for quote in ("", "> ", "| "):
        events = parse_text("\n".join(quote + line for line in text.split("\n"))).events
        assert [(e.comm, e.kernel) for e in events] == [("swapper", "2.6.32-220.el6.x86_64")]


# Transforms that only put a prefix before every line (or change line ends / encoding); the wrapping ones
# are the metamorphic suite's (a header cut inside its words is a wrapping matter, not a prose one).
_UNWRAPPED = sorted(name for name in TRANSFORMS if "wrap" not in name)


@pytest.mark.parametrize("transform", _UNWRAPPED)
def test_a_header_in_a_sentence_or_a_list_item_gives_no_event_under_every_transform(transform):
    timed = split_prefix(TRANSFORMS[transform]("text").split("\n")[0])
    for header in HEADERS:
        for form in PROSE:
            if form.startswith("Sometimes") and (timed.timestamp is not None or timed.wallclock is not None
                                                 or transform in DATA_EXPORTS):  # (a record's fields, then a sentence)
                # every line then carries a time (logread, rsyslog ...): lines with a time are log lines,
                # never read as the sentence around a header (a header-only line of a real log must not
                # be dropped)
                continue
            text = TRANSFORMS[transform](form.format(header))
            assert parse_text(text).total_reports == 0, (form, header)


# (s29-holdL) Sentences whose words stand as "callee from caller" (arch/arm/kernel/traps.c prints the caller
# with %pS: an offset, or an address): after a header quoted inside a sentence they are no trace lines.
_FROM_SENTENCES = ["memory from buddy.  So I can not understand why page alloc failure",
                   "the data comes from userspace, mostly",
                   "copied from dmesg"]


@pytest.mark.parametrize("sentence", _FROM_SENTENCES)
def test_words_around_from_after_a_header_in_a_sentence_are_no_arm_frame(sentence):
    for quote in ("", "> ", ">> "):
        for header in HEADERS:
            text = "\n".join(quote + line for line in ("it failed when it tried (e.g.", "", header + ")", "",
                                                        sentence, ""))
            assert parse_text(text).total_reports == 0, (quote, header, sentence)


def test_an_arm_names_frame_still_needs_its_callers_offset_and_keeps_it():
    head = "kworker/0:1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0)"
    frames = ["dump_backtrace from show_stack+0x20/0x24", "__netdev_alloc_skb from rx_submit+0x3c/0x2a4 [usbnet]",
              "rx_submit [usbnet] from rx_complete+0x118/0x2c8 [usbnet]", "ret_from_fork from 0x0"]
    # the same header quoted in a sentence is a report once the kernel's frames follow it in its framing
    text = "it failed (e.g.\n" + "\n".join([head] + ["  " + f for f in frames]) + "\n"
    events = parse_text(text).events
    assert [(e.comm, e.context, e.driver) for e in events] == [("kworker/0:1", "network-rx", "usbnet")]


# (s29-holdL) 2.4.10-pre's "__alloc_pages: %u-order allocation failed (gfp=0x%x/%i) from %p" cut by a mailer's
# wrap before the address: the same report as the whole line, behind any drawn prefix.
_ERA24 = "__alloc_pages: 0-order allocation failed (gfp=0x20/0) from c012e052"


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PART, max_size=4), st.integers(1, 999), st.integers(1, 4))
def test_a_24_line_wrapped_before_its_caller_address_is_the_same_report(parts, seed, count):
    whole = "\n".join([_ERA24] * count) + "\n"
    cut = whole.replace(" from c012e052", " from\nc012e052")
    prefix = _lone_prefix(parts) if parts else ""
    expected = [] if prose.list_item(prefix) else figures(parse_text(whole))
    assert len(figures(parse_text(whole))) == count
    assert figures(parse_text(_stacked(prefix, seed)(cut) if prefix else cut)) == expected


# (s31-holdV) Kernel functions a person writes out under a header, without offsets: C names with an underscore.
_CHAIN_SYMBOLS = ["__alloc_pages_slowpath", "vmbus_alloc_ring", "vmbus_open", "hvs_probe", "__alloc_pages_nodemask",
                  "kmalloc_order_trace", "alloc_skb_with_frags", "net_rx_action", "__do_softirq", "e1000_clean"]


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.lists(st.sampled_from(_CHAIN_SYMBOLS), min_size=1, max_size=5),
       st.sampled_from([" \u2192 ", " -> ", " <- ", " ... ", ", "]), st.sampled_from(["", " ", "  ", "           ", "\t"]))
def test_a_trace_written_out_under_a_header_is_no_sentence_going_on(header, symbols, joint, indent):
    """A header in a retyped incident log (WSL2 notes, s31-holdV: ``__alloc_pages_slowpath ->
    vmbus_alloc_ring -> ...`` indented under it): the line under it opens with a kernel function's name,
    not a word of a sentence, so the header stays a report with the figures it has alone, its context
    and driver aside (main 75c3448
    read the lower-case letter as a sentence going on and dropped it).  The same line opening with a word
    (``which keeps showing up``) is still a sentence.  Flush left too: a line that starts with the comm's
    first letter is no prefix glued to the comm when what follows the shared letters opens no report line
    (framing._glued_prefix: ``kworker/u16:2:`` above ``kmalloc_order_trace`` gave the comm ``worker/u16:2``
    on main 19c69ca)."""
    chain = indent + joint.join(symbols)
    alone = [figure[:5] + figure[7:] for figure in _one(header)]  # (a symbol alone on its line is a frame)
    for text in (header + "\n" + chain, header + "\n" + chain + "\n\nAny idea?"):
        assert [figure[:5] + figure[7:] for figure in figures(parse_text(text))] == alone


_REPORT_LINES = ["CPU: 2 PID: 1 Comm: {} Not tainted 3.10.0 #1", "Call Trace:", "Hardware name: QEMU Standard PC",
                 "Pid: 1, comm: {} Not tainted 2.6.32 #1"]


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["kworker/u16:2", "swapper", "java", "Chrome_IOThread", "cifsd"]),
       st.text("abks%#", min_size=1, max_size=4), st.sampled_from(_REPORT_LINES), st.integers(1, 3),
       st.sampled_from(["_order_trace -> alloc_skb", "alloc_skb_with_frags", "_alloc_pages_slowpath", "mem_cgroup"]))
def test_a_prefix_glued_to_the_comm_is_told_by_the_report_line_after_it(comm, glue, line, shared, rest):
    """A prefix glued to the comm (``abswapper:``) is the text the header and the next line share when what
    follows it there opens a report line (``abCPU: 2 PID: ...``); a line under a header flush left that only
    starts with the comm's first letters (``kworker/u16:2:`` above ``kmalloc_order_trace``, ``cifsd:`` above
    ``c...``) shares no prefix: the comm is whole (framing._glued_prefix; main 19c69ca cut those letters off)."""
    header = ": page allocation failure: order:0, mode:0x20"
    glued = figures(parse_text(glue + comm + header + "\n" + glue + line.format(comm) + "\n"))
    assert [figure[1] for figure in glued] == [comm]
    under = figures(parse_text(comm + header + "\n" + comm[:shared] + rest + "\n"))
    assert [figure[1] for figure in under] == [comm]


def test_a_symbol_opens_no_sentence_but_a_word_does():
    rest = " order:7, mode:0xdc0(GFP_KERNEL|__GFP_ZERO) "
    assert not prose.goes_on(rest + "__alloc_pages_slowpath \u2192 vmbus_alloc_ring", joined=True)
    assert not prose.goes_on(rest + "dump_stack+0x1c/0x20", joined=True)
    assert prose.goes_on(rest + "keeps showing up in my logs", joined=True)
    assert prose.goes_on(rest + "which is odd", joined=True)


# (s31-holdV) A forum archive flattened to text joins a reply's lines: the quoted header is glued to the sentence
# before it ("... solved.> NetworkManager: page allocation failure. order:3, mode:0x4020I am Googling...").
_GLUABLE = HEADERS
_SENTENCE_BEFORE = ["Here is the first problem. Let's try to fix it and hope the rest is, in turn, solved.",
                    "Is this the cause?", "Look at this!", "Hi."]
# (capitals that are hex digits too, A-F: the kernel prints the mask's in lower case, %#x)
_SENTENCE_AFTER = ["I am Googling...", "Thanks in advance.", "It repeats every night.", "Now what?",
                   "Anyway, thanks.", "Before that it ran for weeks.", "Could it be the NIC?", "Every night."]


@settings(max_examples=200, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_GLUABLE), st.sampled_from(_SENTENCE_BEFORE), st.sampled_from(_SENTENCE_AFTER),
       st.sampled_from(["> ", ">> ", "> > ", ">", ">>", "> >"]))
def test_a_quoted_header_glued_between_sentences_by_a_flattened_page_is_the_report(header, before, after, sign):
    """The quote sign glued to a sentence's end opens the quoted line (the words before it are the
    reply's), with its blank or without (``solved.>swapper:``: a sentence's end and quote signs are no
    comm's, header.comm_splits), and a capital glued to the header's last field opens the next sentence:
    the figures of the header quoted on its own lines (main 75c3448: no event).  A capital that is a hex
    digit (``mode:0x4020Anyway``) with a lower-case letter after it is no digit of the mask, which the
    kernel prints in lower case (patterns.MASK); the node list of ``mems_allowed=`` holds digits, commas
    and dashes only (prose._AFTER_MODE).  Not drawn: a header whose last field is a cpuset's name (the
    rest cut off, ``cpuset=/user.slice`` + ``Thanks``): a cgroup's name may end in any letters, so
    ``/user.sliceThanks`` is as much a name as ``/user.slice`` is; nor lower-case text glued to a mask
    (``mode:0x20again``: ``a`` is as much a digit)."""
    lined = before + "\n" + sign + header + "\n" + after
    glued = before + sign + header + after
    assert figures(parse_text(glued)) == figures(parse_text(lined)) == _one(header)
    # a blank before the quote sign or after the header leaves a sentence: no report
    assert parse_text(before + " " + sign + header + " keeps showing up.").total_reports == 0


_STAMPED = ["[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20",
            "[  591.262663] postgres: page allocation stalls for 255434ms, order:0 mode:0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD)",
            "[ 5062331.418032] swapper/12: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null)"]


@pytest.mark.parametrize("words", ["A ", "A 2016-12-19 16:23:18 192.168.186.128:6666 ", "node3 ", "Ax 17 "])
@pytest.mark.parametrize("cut", ["", "after the stamp", "before the mode"])
@pytest.mark.parametrize("header", _STAMPED)
def test_a_whole_header_behind_words_and_its_own_uptime_is_a_log_line(header, cut, words):
    """The last line of a paste behind a column nothing else repeats (s35-holdAF: "A 2016-12-19 16:23:18
    192.168.186.128:6666 [  591.262663]" / "postgres: page allocation stalls for 255434ms, order:0" / "mode:...", a
    netconsole capture wrapped, the header its last line): words before the kernel's own uptime, the header whole
    from its comm to its mode, nothing after it, are no sentence quoting a header (a sentence goes on after the
    mode, wraps around the line or marks a list item: PROSE above, still no event).  Metamorphic: as without the
    words."""
    text = words + header
    if cut == "after the stamp":
        text = text.replace("] ", "]\n", 1)
    elif cut == "before the mode":
        text = text.replace(" mode:", "\nmode:", 1)
    assert figures(parse_text(text)) == _one(header) != []
    for form in ("I keep seeing {} on this box, any idea?", "- {}", "text: '{}' }},"):
        assert parse_text(form.format(words + header)).total_reports == 0


# (s38-holdT) Remarks in a script without case right under a pasted record (Chinese blogs comment on the line below a
# log line, not hard-wrapped): zh, ja, ko.
_CASELESS_REMARKS = ["\u663e\u7136\u662f\u5185\u5b58\u4e0d\u8db3\u3002",                      # 显然是内存不足。
                     "\u3053\u308c\u306f\u4f55\u5ea6\u3082\u51fa\u307e\u3059\u3002",        # これは何度も出ます。
                     "\uba54\ubaa8\ub9ac\uac00 \ubd80\uc871\ud569\ub2c8\ub2e4."]              # 메모리가 부족합니다.


@settings(max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_STAMPED), st.sampled_from(_CASELESS_REMARKS), st.sampled_from(["", "> ", "    ", "| "]))
def test_a_remark_without_case_right_under_a_stamped_record_leaves_it_a_log_line(header, remark, lead):
    """A stamped header whole on its line, a remark in Chinese, Japanese or Korean on the very next line (no blank
    between): the line is a pasted record, as with a blank line between (no case marks the remark as a new sentence,
    so "a sentence going on" cannot be read from it; text glued to the mode on the same line, or behind a closing
    code mark, still is one).  Metamorphic: as with a blank line between; each line behind the same lead."""
    alone = figures(parse_text(lead + header + "\n" + lead + "\n" + lead + remark))
    assert alone == _one(header) != []
    assert figures(parse_text(lead + header + "\n" + lead + remark)) == alone
    assert parse_text(lead + header + "` " + remark).total_reports == 0
    assert parse_text(lead + header + "\n" + lead + "which keeps coming back.").total_reports == 0


# (s37-neg12) The one-line vmalloc-area messages (no comm, no mode): alloc_vmap_area()'s (a period until 3.x) and its
# 2.6.27- predecessor from __get_vm_area_node().  Alone they are a vmalloc failure, as a lone header is;
# quoted inside a sentence (an opening quotation mark glued to them, a sentence or a closing parenthesis going on
# after their last word) they are prose (prose.message_in_sentence).  Not judged: a wrap cutting the message (the
# sentence then goes on after its rest on the next line) and a sentence wrapped around the line (no line next to
# it is read for these messages).
MESSAGES = [
    "vmap allocation for size 268439552 failed: use vmalloc=<size> to increase size",        # 4.x-6.x
    "[  165.842123] vmap allocation for size 2498560 failed: use vmalloc=<size> to increase size.",  # 2.6.28-3.x
    "Sep 15 13:40:01 thales kernel: allocation failed: out of vmalloc space - use vmalloc=<size> to increase size.",
]
_IN_TEXT = [form for form in PROSE if not form.startswith("Sometimes")]


@pytest.mark.parametrize("message", MESSAGES)
def test_every_vmalloc_area_message_alone_is_one_vmalloc_failure(message):
    assert [event.kind for event in parse_text(message).events] == ["vmalloc-failure"]


@settings(max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MESSAGES), st.sampled_from(_IN_TEXT), st.lists(_PART, max_size=4), st.integers(1, 999))
def test_a_vmalloc_area_message_in_a_sentence_or_a_list_item_behind_any_drawn_prefix_gives_no_event(message, form,
                                                                                                     parts, seed):
    text = form.format(message)
    if parts:
        text = _stacked(_drawn_prefix(parts), seed)(text)
    assert parse_text(text).total_reports == 0


# (s37-meta11, from holdAD: an LGE MSM 2.6.3x C file's '//' comment quoting a header with a driver's message after
# it) A comma after the mode is no kernel's: the line goes on, whatever the wrap left on the next line.
_GOES_ON_AFTER_COMMA = ["lge_init_mtd_access: error: cannot allocate memory", "e1000_alloc_rx_buffers failed again",
                        "mtd_read returned -12", "dma_alloc_coherent() fails too"]


@settings(max_examples=120, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(HEADERS), st.sampled_from(_GOES_ON_AFTER_COMMA), st.sampled_from(["", "// ", "# ", "> ", "    "]),
       st.booleans())
def test_a_header_line_going_on_after_a_comma_is_prose_wrapped_or_not(header, rest, lead, after):
    """``// comm: page allocation failure. order:5, mode:0xd0, lge_init_mtd_access: error: ...``: a wrap at 72 or 80
    leaves ``mode:0xd0,`` ending the line and the driver's message (a C name opening it, as a trace written out by
    hand opens) on the next.  The comma says the header's own line went on, so it is prose both ways (main 1f43ae1
    read the wrapped one as a header-only report); the same line without the comma stays the report it is alone."""
    tail = "\nstatic int bufsize;\n" if after else ""
    assert parse_text(lead + header + ", " + rest + tail).total_reports == 0
    assert parse_text(lead + header + ",\n" + rest + tail).total_reports == 0
    assert [figure[:5] for figure in figures(parse_text(lead + header + "\n" + rest + tail))] == \
        [figure[:5] for figure in _one(header)]
