"""
Report assembly: turn kernel log lines into :class:`FailureEvent` objects.

A report is a header line followed by the task line, the call trace, the
Mem-Info block and maybe SLUB/SLAB lines.  The header is found anywhere on
its line (:mod:`pagealloc.kernlog.header`); the prefix before its comm is
learned (:mod:`pagealloc.kernlog.framing`) and the report's other lines are
read through it; lines outside that framing attach to no report.  Each line
is held until the next one arrives, which may be its wrapped rest
(:mod:`pagealloc.kernlog.wrapping`).  Reports from several CPUs can
interleave (nothing serialises warn_alloc() before 5.x), so several reports
may be open at once; each line goes to the report the text points to:

- a task line to the oldest open report without one (same comm preferred);
- trace frames to the report whose trace is running (the last that got a
  task line or a ``Call Trace:`` line);
- Mem-Info lines to the newest report whose trace ran and whose Mem-Info
  has not started;
- a 4.9/4.10 header split by pr_cont is rejoined from its pieces
  (``COMM: `` alone, then ``page allocation failure: order:N``, then
  ``, mode:0x...``).

A report closes when a new header arrives after its Mem-Info started, after
its Mem-Info block ended and other lines follow, after ``MAX_IDLE`` unrelated
kernel lines, or at the end of input.  A report missing its task line, trace
or Mem-Info is marked ``truncated``.  A provisional header (quoted in text,
see the framing) that no report line followed is dropped, not counted.

Examples:
    >>> assembler = ReportAssembler(source="dmesg")
    >>> for number, line in enumerate([
    ...         "[ 1.0] swapper/3: page allocation failure: order:0, mode:0x20",
    ...         "[ 1.0] CPU: 3 PID: 0 Comm: swapper/3 Not tainted 3.10.0-1160.el7.x86_64 #1",
    ...         "[ 1.0] Call Trace:",
    ...         "[ 1.0]  <IRQ>  [<ffffffff8f03c01d>] __napi_alloc_skb+0x8d/0xe0",
    ...         "[ 1.0]  [<ffffffffc03a6e2f>] igb_clean_rx_irq+0x3ff/0xad0 [igb]"], 1):
    ...     assembler.feed(number, line)
    >>> event = assembler.finish().events()[0]
    >>> event.comm, event.kernel, event.context, event.driver, event.in_interrupt, event.truncated
    ('swapper/3', '3.10.0-1160.el7.x86_64', 'network-rx', 'igb', True, True)
"""

import re
from collections import deque
from datetime import datetime
from functools import partial
from types import SimpleNamespace

from pagealloc.kernlog import cut_mode, lazy_trace, mem_info, plausible
from pagealloc.kernlog import patterns as P
from pagealloc.kernlog.bounded import BoundedEvents
from pagealloc.kernlog.collapsed import (
    LEVEL_AFTER_TEXT,
    caller_pieces,
    caller_rest_pieces,
    caller_stamp_rejoined,
    glued_uptime,
    level_pieces,
    record_level_pieces,
    uptime_pieces,
)
from pagealloc.kernlog.collapsed import pieces as collapsed_pieces
from pagealloc.kernlog.collapsed import wrapped_rest as collapsed_wrapped_rest
from pagealloc.kernlog.escaped_text import escaped_lines, needs_splitting
from pagealloc.kernlog.event import FailureEvent, MemInfoTotals, SlabInfo, ZoneWatermarks
from pagealloc.kernlog.framing import (
    behind_words,
    behind_words_alone,
    carried_by_next,
    learn,
    outer_lead_end,
    plain_learned,
    repeated_split,
    repeats,
)
from pagealloc.kernlog.header import comm_and_pid, find_header
from pagealloc.kernlog.logcat import cut_after_tag, rejoined
from pagealloc.kernlog.mem_span import span_lines, span_marks
from pagealloc.kernlog.prefix import Prefixed, split_prefix, syslog_head, uptime_only
from pagealloc.kernlog.prose import list_item, message_in_sentence
from pagealloc.kernlog.quoted_title import title_key
from pagealloc.kernlog.structured_records import needs_reading, record_text, record_uptime
from pagealloc.kernlog.terminal_codes import needs_showing, shown
from pagealloc.kernlog.web_text import needs_unescaping, needs_unmarking, unescaped, unmarked
from pagealloc.kernlog.whole_kinds import (
    HEADER_WORDS,
    header_whole_before,
    whole_before_header,
    whole_by_kind,
)
from pagealloc.kernlog.wrapping import (
    CUT_ENDS,
    MAX_LEAD,
    OWN_TRACE_LINE,
    TASK_CUT_EARLY,
    HeldLine,
    build_id_next,
    comm_alone,
    continues,
    cut_at_width,
    cut_inside_word,
)
from pagealloc.knowledge.call_paths import classify_trace_cached as classify_trace
from pagealloc.knowledge.gfp import decode_gfp, header_since, slab_never_asks

MAX_IDLE = 40           # unrelated kernel lines before an open report is closed
MAX_IDLE_AFTER_MEM = 4  # ... once its Mem-Info block has ended (SLUB lines may follow)
MAX_OPEN = 64           # open reports at once (hostile input: headers without end)
MAX_DIGITS = 18         # larger numbers are not kernel numbers: treated as unknown
MAX_FRAMES = 256
_QUOTE_SIGNS = "> |\t"
# A header-only report whose task line, trace and Mem-Info come later, behind other text (_late_task_line):
# lines it waits (the scan feeds every line meanwhile), seconds its task line may be printed after it.
LATE_WINDOW = 400
LATE_SECONDS = 2
WALL_APART_SECONDS = 60  # a line logged this long after a header by wall clocks is no part of its report (_apart)
_LATE_KINDS = ("page-allocation-failure", "allocation-stall")
PIECE_WINDOW = 4        # lines a split-header piece waits for its partner
STALE_HEADER_LINES = 16  # a header with nothing after it this far back is finished
SLAB_REACH_LINES = 200   # a SLUB/SLAB line this close after a report's header belongs to it
CLOCK_SKEW_S = 0.01      # uptimes of two CPUs' lines may disagree this much (_before_every_open_report)
SHIFTS_KEPT = 256        # changes of the read-line numbering remembered (a header is read a few lines after it)
_NOISE = "noise"
# The top of every trace dump_stack() prints (the unwinder, then show_stack/dump_stack: arch/arm unwind_backtrace,
# arm64 dump_backtrace, x86 dump_stack_lvl, mips show_stack): printed after a trace's other frames, they open another.
_TRACE_TOP = frozenset(("unwind_backtrace", "dump_backtrace", "show_stack", "dump_stack", "dump_stack_lvl",
                        "__dump_stack"))
# Every frame a dump prints before the code that called dump_stack(): the tops above, the older unwinders
# (2.6 i386 arch/i386/kernel/traps.c and x86_64 arch/x86_64/kernel/traps.c: show_trace_log_lvl, show_trace,
# dump_trace; arch/x86/kernel/dumpstack.c: show_stack_log_lvl, print_context_stack), each also under a
# compiler's clone suffix ("dump_backtrace.part.0", ".isra.0", ".constprop.0": gcc's ipa clones).  A trace
# whose frames are all of these has not run yet: the next top frame is its own, not another dump's.
_UNWINDING = _TRACE_TOP | frozenset(("show_trace", "show_trace_log_lvl", "dump_trace", "show_stack_log_lvl",
                                     "print_context_stack"))


def _opens_another_dump(func, frames):
    """``func``, a dump's top frame, printed after ``frames`` that went past the unwinder: a trace never
    returns to its unwinder, so it is another dump's (_plain_frame, the frame run, _frame_line).

    >>> _opens_another_dump("show_stack", [("dump_backtrace.part.0", None)])
    False
    >>> _opens_another_dump("dump_stack", [("show_trace", None)])
    False
    >>> _opens_another_dump("dump_backtrace.isra.0", [("warn_alloc", None), ("__alloc_pages", None)])
    True
    """
    if func not in _TRACE_TOP and ("." not in func or func.partition(".")[0] not in _TRACE_TOP):
        return False
    if not frames:
        return False
    last = frames[-1][0]
    return last not in _UNWINDING and last.partition(".")[0] not in _UNWINDING
# Report lines a mail client reflowed onto the header's own line ("mode:0x4020 Call Trace:"):
# evidence that a quoted header is a report.
# A syslog daemon's note that the line before it came again (sysklogd syslogd.c and BSD syslogd "last message
# repeated %d times", newsyslog's "--- last message repeated %d times ---", rsyslog "message repeated %d times:
# [...]", metalog's "                - Last output repeated %u times -" or "... twice -"), written in place of the repeats with the daemon's own head (date and host, no kernel tag): not read,
# so it is no line after a header ("ld:" above "last message repeated 31 times" shares no glued "l").
_SYSLOG_REPEAT = re.compile(r"(?:^|[\s>|-])(?:last message repeated \d+ times?(?: -+)?|message repeated \d+ times?: \[.*\]"
                            r"|- Last output repeated (?:\d+ times|twice) -)\s*$")  # (the whole rest of the line: never a one-line blob holding one)
_GLUED_REPORT = re.compile(r"\b(?:Call [Tt]race:|CPU: \d+ (?:UID: \d+ )?PID: \d+|Pid: \d+, comm:)")
# The header format dates the kernel when nothing else does (patterns.py): "page allocation
# failure. order:" is printed by 2.6 kernels only, 3.x has a colon.
_PERIOD_HEADER_RELEASE = "2.6"
# ... and 2.4's "__alloc_pages: N-order allocation failed" is 2.4's alone (2.6 prints "page allocation failure").
_ALLOC_PAGES_24_RELEASE = "2.4"
_NOT_COMMS = frozenset(("Call Trace", "Call trace", "Mem-Info", "Mem-info", "Backtrace", "Stack", "Code",
                        "Modules linked in", "Hardware name", "Workqueue"))


# A trace frame line as dense dmesg logs print it, and nothing else: a plain uptime (what
# prefix.uptime_only reads), maybe "[<addr>]" and "? ", a symbol and maybe its module; ASCII only, no colon.
# Such a line is whole after another one (no cut end, see _surely_whole), holds no header, and FRAME reads
# the same symbol and module from it: ReportAssembler._plain_frame takes it without the general path.
_PLAIN_FRAME = re.compile(
    r"\[ *(?P<ts>[0-9]{1,10}\.[0-9]{1,9})\] (?P<body> +(?:\[<[0-9a-fA-F]{6,16}>\] )?(?P<unsure>\? )?"
    r"(?P<func>[A-Za-z_.$][A-Za-z0-9_.$]{0,200})\+0x[0-9a-fA-F]{1,16}/0x[0-9a-fA-F]{1,16}"
    r"(?: \[(?P<module>[A-Za-z0-9_-]{1,64})\])?)")
# A line that no per-line decoder of feed and _feed_text changes or splits, in one test (most lines of a dmesg):
# a dmesg uptime opens it ("[" and a blank or digit: no structured record, no markup's "[code]"), it holds
# no NUL, terminal code, carriage return or backspace (terminal_codes.needs_showing), no backslash (an
# escaped "\\n": escaped_text.needs_splitting), no "&", no-break space, BOM or "\u00d7" (web_text.needs_unescaping),
# and it ends in none of the characters after which web_text.needs_unmarking looks for closing markup;
# 8 characters or more (structured_records.needs_reading's JSON punctuation is shorter).
_NOT_DECODED = r"\x00\x1b\r\x08\x9b\\&\xa0\xd7\ufeff"  # (regex escapes, inside a character class)
_PLAIN_LINE = re.compile(r"\[[ 0-9][^%s]{5,}[^%s`*_~\]> \t]" % (_NOT_DECODED, _NOT_DECODED))
_CUT_LAST = frozenset(end[-1] for end in CUT_ENDS)
# A line of a Mem-Info block (or any other line without frame or markup signs) as dense dmesg logs print it:
# a plain uptime (what prefix.uptime_only reads: "[", blanks, the stamp, "] ", a text that opens with a letter or
# digit after its blanks, so no caller id or frame address follows), then printable ASCII without "\\", "&"
# or "+" (no frame offset, no decoder's sign), ending in none of _PLAIN_LINE's closing-markup characters: every
# such line is a _PLAIN_LINE (tests/kernlog/test_dense_path.py).  ReportAssembler._plain_mem takes it.
_PLAIN_MEM = re.compile(
    r"\[ *(?P<ts>[0-9]{1,10}\.[0-9]{1,9})\] (?P<body> *[A-Za-z0-9][ -%'-*,-\[\]-~]*[!-%'-),-=?-\[^a-}])")
# A report line as dense dmesg logs print it, whatever its kind: a plain uptime (what prefix.uptime_only reads: one
# blank after it, no caller id or second prefix behind it), then two or more printable ASCII characters without "\\" or
# "&", the last none of _PLAIN_LINE's closing-markup characters or a blank: every such line is a _PLAIN_LINE
# (tests/kernlog/test_report_line_run.py).
# ReportAssembler._line_run reads a run of them.
_PLAIN_REPORT = re.compile(
    r"\[ *(?P<ts>[0-9]{1,10}\.[0-9]{1,9})\] (?P<body>(?![(\[]|[ \t]\[(?!<))[ -%'-\[\]-~]+[!-%'-)+-=?-\[^a-}])")
# A stack marker alone on its line ("<IRQ>", "</TASK>" ...), which is no _PLAIN_LINE (its last sign may close page
# markup) but which no decoder of feed and _feed_text changes either (tests/kernlog/test_report_line_run.py);
# ReportAssembler._line_run reads it too.
_MARKER_REPORT = re.compile(r"\[ *(?P<ts>[0-9]{1,10}\.[0-9]{1,9})\] (?P<body> *</?(?:IRQ|EOI|SOFTIRQ|TASK|NMI)>)")
# Report lines _report_line reads as trace noise whatever the assembler's state, once no Mem-Info block runs (see
# _line_run): raw stack words, registers (no symbol: no "+"), code bytes, the hardware name and the workqueue,
# holding none of the words _line and _report_line look for before they try TRACE_NOISE (_NOT_NOISE_WORDS).
_TRACE_NOISE_LINE = re.compile(
    r" *(?:[0-9a-f]{8}|[0-9a-f]{16})(?: (?:[0-9a-f]{8}|[0-9a-f]{16})){0,7}"
    r"|R[A-Z0-9]{1,3}: [0-9a-fA-Z_: ]*|Code: [0-9a-f<> ]*|(?:Hardware name|Workqueue): [^+*}]*")
_NOT_NOISE_WORDS = (" from ", ".c:", "cpuset=", "per-cpu:", " free:", "Free pages:", "vma", "callbacks suppressed",
                    "oom-killer:")
_PPC_ADDRESS_END = re.compile(r"\[[0-9a-fA-F]{8,16}\]$")
# The lines of a Mem-Info block as dense dmesg logs print them, each of a kind ReportAssembler.feed_mem_run reads by
# its kind (_mem_kind_line) when the line after it is of such a kind too: the printk formats of show_free_areas() and
# show_mem() (patterns.py), blanks single, numbers of at most MAX_DIGITS digits, ASCII, the zones' names the kernel's
# (mmzone.h), a counter's name lower case but the first one's first letter, no "alloc", "vma" or "kernel:" (the run
# tests those).  Every such line is a _PLAIN_MEM line whose text only the pattern of its kind reads among those
# _memory_line tries before it, and a pair of them is whole (_surely_whole) but after the kinds in _MEM_WHOLE_ASKED
# and a counter or node line holding "lowmem" or "cache:" (tests/kernlog/test_dense_path.py).
_ZONE_NAME = r"(?:DMA32|DMA|Normal|HighMem|Movable|Device)"
_N = r"[0-9]{1,18}"  # (MAX_DIGITS)
_MEM_KIND = re.compile(  # (possessive repeats of simple classes: a line is read in one pass, no backtracking)
    r"\[ *(?P<ts>[0-9]{1,10}\.[0-9]{1,9})\] (?:"
    r"(?P<mem_info>Mem-[Ii]nfo:)"
    r"|(?P<zone>(?:Node (?P<z_node>[0-9]{1,9}) )?(?P<z_zone>" + _ZONE_NAME + r") free:(?P<z_free>" + _N + r")kB"
    r"(?: boost:(?P<z_boost>" + _N + r")kB)? min:(?P<z_min>" + _N + r")kB low:(?P<z_low>" + _N + r")kB"
    r" high:(?P<z_high>" + _N + r")kB(?: [a-z_()]++:[0-9]++[kKB]*+)*+(?: all_unreclaimable\? (?P<z_flag>yes|no))?)"
    r"|(?P<lowmem>lowmem_reserve\[\]:(?P<l_values>(?: " + _N + r")*+))"
    r"|(?P<buddy>(?:Node (?P<b_node>[0-9]{1,9}),? )?(?P<b_zone>" + _ZONE_NAME + r"): "
    r"(?P<b_counts>[0-9]++\*(?P<b_size>[0-9]++)(?P<b_unit>[kMG])B *+(?:\([A-Z]++\) *+)?"
    r"(?:[0-9]++\*[0-9]++[kMG]B *+(?:\([A-Z]++\) *+)?)*+)(?<= )= [0-9]++[kMG]B)"
    r"|(?P<counters> *(?![BCP])[A-Za-z][a-z_]{0,39}:" + _N + r"(?: ++[a-z_]{1,40}:" + _N + r")*+)"
    r"|(?P<node>Node (?P<n_node>[0-9]{1,9}) active_anon:[0-9]++kB(?: [a-z_()]++: ?[0-9]++[kKB]*+)*+"
    r" all_unreclaimable\? (?:yes|no))"
    r"|(?P<hugepages>(?:Node [0-9]{1,9} )?hugepages_total=" + _N + " hugepages_free=" + _N + " hugepages_surp=" + _N
    + " hugepages_size=" + _N + "kB)"
    r"|(?P<end>" + _N + r" (?:pages RAM|total pagecache pages|pages reserved|pages hwpoisoned|pages of RAM"
    r"|pages of HIGHMEM|reserved pages))"
    r"|(?P<other>" + _N + r" pages (?:in swap cache|HighMem/MovableOnly|HighMem|MovableOnly|shared|non-shared"
    r"|cma reserved|swap cached)|(?:Free swap  =|Total swap =) " + _N + r"kB"
    r"|Swap cache stats: add " + _N + ", delete " + _N + ", find " + _N + "/" + _N + "))")
# When feed_mem_run's lines read by kind are read: "later" once the sink holds its first events (an event after them may
# be one the bound drops: read when the sink gives it out, never if dropped), "never" (at once) or "always" (tests).
DEFER_MEM = "later"
# feed_mem_run keeps a span of such lines at once (mem_span), looked for among this many lines; False: line by line
MEM_SPANS = True
_SPAN_WINDOW = 48
_MEM_WHOLE_ASKED = frozenset(("mem_info", "lowmem", "node"))  # (a colon's end, digits that may go on, " free:")
_LONE_BREAK = re.compile(r"[ \t>|]*<[bB][rR]\s*/?>\s*")  # a "<br>" alone on its line (behind a quote)
_BREAK_END = re.compile(r"<[bB][rR]\s*/?>\s*$")
_HEX_TOKEN = re.compile(r"[0-9a-fA-F]*\d[0-9a-fA-F]*")  # a counter's hex digits (framing: "a token of hex digits")
_DECIMAL_HALF = re.compile(r"\+\d+/\d+\]")  # the "+441/862]" of an i386 2.6.9-2.6.1x frame's "[sym+441/862]" half
_I386_SYMBOL_END = re.compile(r"\[[A-Za-z_.$][\w.$]*\+\d+/\d+\]$")  # a 2.6.9-2.6.1x frame cut after "[sym+dec/dec]"
_BUDDY_COUNTS = re.compile(r"(\d+)\*\d+[kMG]B")  # patterns.BUDDY_COUNT with the count alone captured
_ORDERS = tuple(str(order) for order in range(64))  # keys of FailureEvent.buddy[zone]
# each block with the migrate types printed after it, if any (FailureEvent.buddy_types)
_BUDDY_TYPES = re.compile(r"(\d+\*\d+[kMG]B)\s*(?:\(([A-Z]+)\))?")
# a comm and the header's first words, the line cut inside them ("crawl_4065_7997: vmalloc ")
_HEADER_WORDS_CUT = re.compile(r": (?:page(?: allocation)?|vmalloc(?: error:)?|vmemmap(?: alloc)?|SL[AU]B:)\s*$")
_HEADER_WORDS_LAST = frozenset("encp:")  # last characters of its words: a cheap guard (or a blank)
_PREFIX_LAST = frozenset("]>: \t")  # last characters of a line cut after its log prefix (ends_in_log_prefix)  # last characters of CUT_ENDS: a cheap guard before endswith


_OPENING_MARKERS = ("<IRQ>", "<EOI>", "<NMI>", "<SOFTIRQ>")
# Leads under which _line or _report_line tries a pattern before _memory_line: a mode piece, a task line, a trace
# opener, stack markers (or none: an empty text).
_NOT_MEM_LEADS = frozenset((",", "C", "P", "B", "<", ""))


# Two words of a sentence, one after the other ("page allocation", "frames '"): no prefix or frame address holds them.
_SENTENCE_WORDS = re.compile(r"[A-Za-z]{3,}[,.;:'\")]*[ \t]+['\"(]*[A-Za-z]{2,}")


def _sentence_before(text):
    """``text`` (what stands before a frame's form on its line) holds a sentence's words behind any log prefixes.

    >>> _sentence_before("Jun 17 21:19:45 web1 kernel: kernel: [<ffffffff81166ab2>] ? "), _sentence_before("<IRQ>  ")
    (False, False)
    >>> _sentence_before("# Posted at lore.kernel.org ... 2.6.14.3 and page allocation failures.., frames '[")
    True
    """
    while True:
        text = text.lstrip(" \t>|")
        pre = split_prefix(text)
        if not pre.known or len(pre.body) >= len(text):
            return _SENTENCE_WORDS.search(text) is not None
        text = pre.body


_QUOTE_SIGNS = frozenset(">|")
_BLANKS = frozenset(" \t")


_STAMP_TAIL = re.compile(r"\[[ \t]*(?:\d{1,10}\.\d{6}|[CT]\d{1,7})\]$")  # a printk stamp or caller id ending a line


def _glued_bracket(line):
    """Cheap test: the bracket before the first "][" of ``line`` stands glued to the text before it (no blank, quote
    or colon between): maybe a record a console glued there (collapsed.caller_rest_pieces decides)."""
    opening = line.rfind("[", 0, line.find("]["))
    return opening > 0 and line[opening - 1] not in " \t>|:"


def _surely_whole(body, following):
    """Quick test of the common case: ``body`` is a whole line whatever ``following`` (the next
    line's text) is.  False sends the pair to wrapping.continues, which decides; this test only
    has to be a superset of the cases it joins."""
    lead_following, following = following, following.lstrip()
    lead = following[:1]
    if lead == "[" and following[1:2] != "<":  # a "[module]" may continue a frame
        return False
    if lead == "(" or following.startswith("from "):  # "(file.c:line) [mod]", an ARM frame's " from [<lr>]"
        return False
    body = body.rstrip()
    if not body:  # the log prefix alone: the line may have been cut right after it
        return False
    last = body[-1]  # (the tests on the last character first: they rule out most lines without a slice)
    if last == ":" or last.isdigit():
        # (a re-quoted rest, no framing learned: "> ... CPU: 253" / "> PID: 4995 Comm: ...")
        rest = following.lstrip(" \t>|") if lead in _QUOTE_SIGNS else following
        if (rest[:1].isdigit() or rest[:5] == "PID: ") and TASK_CUT_EARLY.search(body):
            return False  # a task line cut before its pid ("CPU: 253 PID:" / "4995 Comm: systemd-udevd ...")
    if last == ">" and following[:2] == "[<" and body.endswith(_OPENING_MARKERS):
        return False  # 2.6.x's "<IRQ>  [<addr>] ? func" cut after its stack marker
    # (find with bounds: "x" in s[:n] without the slice's copy)
    if (last.isalpha() and body.find("allocation", -32) >= 0  # header words, or a frame's symbol, a console cut
            or last not in "])" and (following.find("+0x", 0, 48) >= 0 or following.find("/0x", 0, 24) >= 0)
            and body.find("/0x", -12) < 0) \
            and cut_inside_word(body, following):
        return False
    if last.isdigit() and "vmap " in body:  # "vmap allocation for size 36864" / "failed: ..."
        return False
    if last in _CUT_LAST and body.endswith(CUT_ENDS):
        # header words, the comm's colon, an ARM " from": only a colon before something that
        # is not the header's words is harmless ("Call Trace:", "Mem-Info:")
        # (the next line may be re-quoted: "> > > vmalloc " under "> > > ... crawl_4065_7997:")
        # (2.4's message cut after its colon: "__alloc_pages:" / "2-order allocation failed (gfp=0x20/0)"; a rate-limit
        # notice: "warn_alloc_failed:" / "23962 callbacks suppressed", which ends the reports before it)
        if last != ":":
            return False
        following = following.lstrip(" \t>|")
        if following[:1].isdigit() and (body.endswith("__alloc_pages:") or " callbacks supp" in following):
            return False
        if not following.startswith(HEADER_WORDS) and (body[:1] == lead_following[:1] or body[:1].isdigit()
                                                     and lead_following[:1].isdigit()) \
                and (shared := outer_lead_end(body[:MAX_LEAD], lead_following)):
            # (behind an outer part both lines start with, digits free: a paste's line number or prompt, "     1\t> [
            # 659.105948][ T3124] kworker/2:1H:" / "     2\t> page")
            following = lead_following[shared:].lstrip(" \t>|")
        return not following.startswith(HEADER_WORDS) \
            and not body.endswith(" order:") and "cache:" not in body \
            and not body.endswith("omm:")  # a SLUB cache line cut before a value; a task line before its comm
    if ":" not in body or last in "]?" and body.endswith((">]", ">] ?")):
        # frames hold no colon (the lines below all do), but one cut after its address ("[<c108c9a2>] ?", ppc64
        # "[c000000fe7f8b6d0] [c000000000c1e8e4]"), maybe behind a tag the framing left ("kernel: [<...>] ?"), is not whole;
        # nor is 4.x's "?" alone, a frame cut after its unreliable mark ("[  659.177756][ T3124]  ?" / "kernel:
        # __read_once_size_nocheck.constprop.2+0x10/0x10", the rest logged again behind a syslog prefix)
        # and a line ending in a log prefix behind a quote no prefix was read from ("> [  659.105948][ T3124]", a glued
        # record cut off its line, the header's comm wrapped onto the next) may go on with the comm
        return not (body.endswith((">]", ">] ?")) or last == "?" and body.lstrip(" \t") == "?" or last == "]" and (
            _STAMP_TAIL.search(body, len(body) - 24) or
            _PPC_ADDRESS_END.search(body, len(body) - 19) or _I386_SYMBOL_END.search(body))
            or not following and build_id_next(body))  # (the prefix alone before a frame's build ID: wrapping)
    if " free:" in body and "kB" in body:  # a zone line (the Mem-Info counters print pages, no kB)
        return " high:" in body
    if "PID:" in body or "Pid:" in body:
        return "ainted" in body and not following[:1].isdigit()  # (a release wrapped after the taint)
    if "*" in body:
        return " = " in body
    if "lowmem" in body:
        return not following[:1].isdigit()
    if "cache:" in body:  # a SLUB cache line is whole once it printed its min order
        return "min order:" in body
    return True


def _regex_end(regex, text):
    match = regex.match(text)
    return match.end() if match is not None else 0


def _outer_lead_end(outer, text):
    """framing.outer_lead_end on the body ``text`` of a line whose log prefix was read off: an outer part
    that opens with a log prefix (``kernel: ``, then a paste's line number) is compared after it too."""
    lead = outer_lead_end(outer, text)
    if not lead and outer[:1] not in (" ", "\t", ">", "|"):
        inner = split_prefix(outer)
        if inner.known and inner.body.strip():
            lead = outer_lead_end(inner.body, text)
    return lead


# The words of alloc_vmap_area()'s "vmap allocation for size %lu failed: use vmalloc=<size> to increase size" (a
# period until 3.x) and of 2.6.27-'s "allocation failed: out of vmalloc space - use vmalloc=<size> to increase size."
# after each blank: a wrapped line's rest is one of them.
_VMAP_WORDS = ["vmap", "allocation", "for", "size", "\\d+", "failed:", "use", "vmalloc=<size>", "to", "increase", "size"]
_VMAP_WORDS_26 = ["allocation", "failed:", "out", "of", "vmalloc", "space", "-", "use", "vmalloc=<size>", "to", "increase",
                  "size"]
_VMAP_REST = re.compile("(?:" + "|".join(" ".join(re.escape(w) if w != "\\d+" else w for w in words[at:])
                                         for words in (_VMAP_WORDS, _VMAP_WORDS_26)
                                         for at in range(1, len(words))) + r")\.?")


_VMAP_TOKENS = frozenset(_VMAP_WORDS + _VMAP_WORDS_26)


def _vmap_piece(words, text):
    """``text`` (after the words ``words`` frames, when it starts with them) holds only words of a vmap message: a
    piece of it a second wrap cut off (``use`` / ``vmalloc=<size> to increase size.``)."""
    match = words.regex.match(text)
    tokens = (text[match.end():] if match is not None else text).split()
    return bool(tokens) and all(token.rstrip(".") in _VMAP_TOKENS or token.isdigit() for token in tokens)


def _words_before_other_text(words, text):
    """``text`` starts with the words ``words`` frames and goes on with something else than the rest of
    a vmap message (a sentence repeating a prompt; a re-quoted wrapped rest ``8: > vmalloc=<size> to
    increase size`` is no other text)."""
    match = words.regex.match(text)
    return match is not None and _VMAP_REST.fullmatch(text[match.end():].strip()) is None


def _shown_each(pieces):
    """``pieces`` without terminal codes (escaped in a string or a record: "\\u001b[32m"; terminal_codes), their
    HTML references and no-break spaces decoded (web_text), as :meth:`Assembler.feed` reads a file line."""
    return [_unescaped_line(shown(piece) if needs_showing(piece) else piece) for piece in pieces]


def _unescaped_line(line):
    return unescaped(line) if needs_unescaping(line) else line


def _line_before(held, lineno):
    """The text of the line right before line ``lineno`` when ``held`` is it."""
    return held.text if held is not None and held.last == lineno - 1 else None


def buddy_key(node, zone):
    """Key of a zone in ``FailureEvent.buddy``: the zone name on node 0 or
    non-NUMA kernels, "Node N ZONE" on other nodes."""
    return zone if node in (None, 0) else "Node %d %s" % (node, zone)


def buddy_counts(text):
    """The block counts of a buddy line's ``counts`` group (patterns.BUDDY: blocks ``N*SIZE[kMG]B``, each maybe
    followed by blanks and a ``(UME)`` type), order 0 first: ``_BUDDY_COUNTS.findall``.  An ASCII group is cut at
    its ``*``s instead (every piece between two ends in the next block's count, behind a ``B``, a blank or a ``)``;
    findall tries the pattern at every position: twice the time).

    >>> buddy_counts("0*4kB (U) 12*8kB 1*16kB (UME) ")
    ['0', '12', '1']
    """
    if not text.isascii():
        return _BUDDY_COUNTS.findall(text)
    pieces = text.split("*")
    return [pieces[0]] + [piece[len(piece.rstrip("0123456789")):] for piece in pieces[1:-1]]


def _int(text):
    if text is None:
        return None
    digits = text.lstrip("-")
    if not digits.isdigit() or len(digits) > MAX_DIGITS:
        return None
    return int(text)


def _unreclaimable(text, default=None):
    """The line's "all_unreclaimable? yes|no" as a bool, else ``default``."""
    match = P.ALL_UNRECLAIMABLE.search(text)
    return match.group("flag") == "yes" if match else default


def _zone_kb_fields(text):
    """``{name: digits}`` of the zone line's optional kB fields the era prints, in one pass: the first
    " name:NkB" of each name counts (a match holds one blank, at its start, so the non-overlapping scan
    meets every one a search per name would find); only the highatomic reserve may print "KB"."""
    fields = {}
    for name, kb, unit in P.ZONE_KB_FIELDS.findall(text):
        if name not in fields and (unit == "k" or name == "reserved_highatomic"):
            fields[name] = kb
    return fields


_ZONE_FIGURES = ("node", "free", "min", "low", "high", "boost")  # patterns.ZONE's figures, as _zone takes them
_KIND_ZONE_FIGURES = tuple("z_" + name for name in _ZONE_FIGURES)  # ... and _MEM_KIND's


def _lowmem_reserve(target, values):
    """A ``lowmem_reserve[]:`` line's ``values`` (patterns.LOWMEM_RESERVE's group) for ``target``'s last zone."""
    # A zone line prints its list right after it: a second list means the zone line between
    # was lost (a wrap or a cut), and the list is that lost zone's, not the zone's before it.
    zones = target.event.zones
    if zones and zones[-1].lowmem_reserve is None:
        # "-?\d+" each (the pattern): _int() only has the length bound left to apply
        values = values.split()
        zones[-1].lowmem_reserve = list(map(int, values)) \
            if max(map(len, values), default=0) <= MAX_DIGITS else [_int(v) for v in values]


def _defer_mem_line(target, name, line):
    """What _mem_kind_line does with the Mem-Info ``line`` of kind ``name`` (no "mem_info") now: the report's own
    state (idle, the block's end); its figures are read later (read_deferred), as _mem_kind_line reads them."""
    if target.deferred is None:
        target.deferred = [line]
    else:
        target.deferred.append(line)
    if name == "zone":
        target.deferred_zone = True
    elif name == "end":
        target.mem_ended = True
    if name != "lowmem":
        target.idle = 0


def read_deferred(report):
    """Read ``report``'s deferred Mem-Info lines into its event (what _mem_kind_line would have done with each)."""
    lines, report.deferred, report.deferred_zone = report.deferred, None, False
    _read_lines(report.event, report.node_unreclaimable, lines)


def _read_lines(event, node_unreclaimable, lines):
    """_mem_kind_line of each deferred line into ``event``, the report's node_unreclaimable ``node_unreclaimable``
    (idle and the block's end were set when the lines came: a stand-in report takes them)."""
    reader = ReportAssembler.__new__(ReportAssembler)  # (its spare totals alone are read: no other state)
    reader.spare_totals, target = MemInfoTotals(), _ReadingReport(event, node_unreclaimable)
    for line in lines:
        if type(line) is tuple:  # ("totals", a line _memory_line read as totals: _deferred_totals)
            reader._read_totals(event, line[1])
            continue
        kind = _MEM_KIND.fullmatch(line)
        reader._mem_kind_line(kind.lastgroup, kind, line[kind.end("ts") + 2:], target)


def _read_mode(event, mode):
    """The mode's flags, era and atomicity of ``event`` from ``mode`` (its mask, printed names and kernel)."""
    decoded = decode_gfp(*mode, since=event.header_since)
    event.gfp_flags, event.gfp_era, event.atomic = decoded.flags, decoded.era, decoded.atomic


def _read_event(event, trace, mode, node_unreclaimable, lines):
    """What _close left to read of ``event``: its call path (classify_trace of ``trace``), its mode (``mode``: none
    without a mask) and its deferred Mem-Info ``lines`` (None: none)."""
    event.context, event.driver, event.in_interrupt = classify_trace(*trace)
    if mode is not None:
        _read_mode(event, mode)
    if lines is not None:
        _read_lines(event, node_unreclaimable, lines)


def _read_now(event):
    """``event`` (the sink's newest, or None) with what it left to read read: a line asks its mode."""
    deferred = event.__dict__.pop("deferred", None) if event is not None else None
    if deferred is not None:
        deferred[0](event, *deferred[1:])
    return event


class _ReadingReport:
    """The parts of a _Report that _mem_kind_line reads or sets."""

    __slots__ = ("event", "node_unreclaimable", "idle", "mem_ended", "closed")

    def __init__(self, event, node_unreclaimable):
        self.event, self.node_unreclaimable = event, node_unreclaimable
        self.idle, self.mem_ended, self.closed = 0, False, False


def _opens_dump(text):
    """``text`` is a line a report's dump opens with: the task line, the cpuset line, an opener, a frame or a stack
    marker (dump_stack() and 4.x's cpuset line follow the header at once)."""
    return P.TASK_IN_LINE.search(text) is not None or P.CPUSET_LINE.match(text) is not None \
        or P.CALL_TRACE.match(text) is not None or P.CALL_TRACE_AND_MORE.match(text) is not None \
        or P.MEM_INFO.match(text) is not None or P.STACK_MARKER.match(text) is not None \
        or P.FRAME.match(text) is not None or P.FRAME_ARM.match(text) is not None


class _Report:
    __slots__ = ("event", "names", "frames", "markers", "has_task", "trace_started", "mem_started",
                 "mem_ended", "idle", "mode_missing", "no_task_line_era", "node_unreclaimable", "framing",
                 "evidence", "closed", "release_hint", "rest", "caller", "unsure", "ambiguous", "elided", "reopened",
                 "task_before_other", "interleaved", "printer", "logged_after", "trace_over", "deferred", "deferred_zone", "lazy",
                 "held_copy", "copy_of")

    def __init__(self, event, framing=None):
        self.event = event
        self.framing = framing
        self.evidence = framing is None or not framing.provisional
        self.closed = False
        self.names = None
        self.frames = []
        self.markers = []
        self.has_task = False
        self.trace_started = False
        self.mem_started = False
        self.mem_ended = False
        self.idle = 0
        self.mode_missing = False
        self.no_task_line_era = False
        self.node_unreclaimable = {}
        self.release_hint = None
        self.rest = None
        self.caller = None
        self.unsure = []  # indexes of frames printed "? func" (x86) or "(unreliable)" (ppc64)
        self.ambiguous = False  # its task line and trace may be another waiting header's (see _task_line)
        self.elided = False  # a person cut lines after its header ("[...]"): its Mem-Info may follow unannounced
        self.reopened = False  # emitted header-only, then its own task line came late (_late_task_line)
        self.task_before_other = False  # its task line came before another dump's (see _task_line)
        self.interleaved = False  # its trace ran when another dump's opened: the traces' frames mix (_start_trace)
        self.printer = None  # (cpu, task) of its header line's printk caller id: its lines' caller (_trace_report)
        self.logged_after = False  # a line in its log framing came after its header (_drop_repeat)
        self.trace_over = False  # its trace met an unwinder's top frame again: frames after are another dump's
        self.deferred = None  # Mem-Info lines of known kinds read later, in order (_defer_mem_line, read_deferred)
        self.deferred_zone = False  # ... one of them a zone line (its event has a zone once they are read)
        self.lazy = None  # (lines, first read number) of its trace, read later (lazy_trace)
        self.held_copy = False  # the same record again below it, blank lines between: kept open till told (_drop_repeat)
        self.copy_of = None  # the report held as an earlier copy of this one's header (_drop_repeat)

    def complete(self):
        if self.event.kind == "vmalloc-failure" and self.event.gfp_mask is None:
            return True  # "vmap allocation ... failed" has no trace by design
        if self.release_hint == _ALLOC_PAGES_24_RELEASE:
            return True  # 2.4's __alloc_pages() prints its one line (a stack only with vm_gfp_debug set)
        if self.event.kind == "slab-allocation-failure":
            return self.event.slab.cache is not None  # slab_out_of_memory() prints no trace
        if self.deferred is not None and not self.mem_ended:
            read_deferred(self)  # (the buddy lines are looked up below)
        zones = self.event.zones
        # Kernels up to 2.6.2x ("Mem-info:") print no task line at all.
        if not ((self.has_task or self.no_task_line_era) and (self.frames or self.lazy is not None)
                and (zones or self.deferred_zone)
                and not self.mode_missing):
            return False
        # every zone's buddy line stands for the block's end only when that end was not seen (looked up last:
        # a genexpr per closed report was 2% of a dense dmesg's time)
        return self.mem_ended or all(buddy_key(z.node, z.zone) in self.event.buddy for z in zones)


def _caller(pre):
    """(cpu, task) of a line's printk caller id, None without one."""
    return None if pre.caller_cpu is None and pre.caller_task is None else (pre.caller_cpu, pre.caller_task)


def _may_print(report, caller):
    """Whether a line of printk caller id ``caller`` (_caller: None without one) may be ``report``'s: a report
    prints all its lines from the context its header's line names (_Report.printer)."""
    return caller is None or report.printer in (None, caller)


def _comm_piece(match):
    """A COMM_PIECE match names a comm: no report line's opener, no blank inside, not a number alone ("kernel: 6: ":
    a paste's line number before an empty line)."""
    comm = match.group("comm")
    return comm not in _NOT_COMMS and " " not in comm.strip() and not comm.strip().isdigit()


def _bare_kind(report):
    """The kind of framing (known prefix, time, wall clock) of a report that has no line but its header,
    else None.  A SLUB/SLAB line completes such a report only in the same kind of framing: a header
    quoted outside the log (an issue title, a heading, no log prefix) is not the failure a SLUB line
    behind a log prefix goes with (slab_out_of_memory() prints in the log that printed the header)."""
    if report.has_task or report.trace_started or report.mem_started or report.frames:
        return None
    return _slab_kind(report.framing)


def _slab_kind(framing):
    """What a SLUB/SLAB line's framing must share with a header-only report's: the kind of framing behind a known
    log prefix; behind none (an issue title's ``# ``, a prefix no reader knows, ``... W kernel  : `` a log tool
    stacked) the shape itself, the same outer part on every line of one log."""
    return framing.signature[1:] if framing.known else framing.signature


def _slab_printed_before_body(report):
    """Whether ``report`` is a page allocation report holding a SLUB/SLAB block read before its trace: its task
    line or "Call Trace:" read, no frame of its own (none, or only those read after another dump's trace opened
    into it: ``interleaved``) and no Mem-Info yet.  slab_out_of_memory() prints after warn_alloc() returns, so
    such a block was another CPU's, and the report's frames are still to come."""
    event = report.event
    return event.kind == "page-allocation-failure" and event.slab is not None \
        and (report.has_task or report.trace_started) and (not report.frames or report.interleaved) \
        and not report.lazy and not report.mem_started


def _own_dump(report, pre):
    """The line ``pre`` may be of the dump of ``report``: it has its task line or trace already, or ``pre`` was
    made close to its header (dump_stack() runs right after the header: a trace made LATE_SECONDS later is
    another dump's, a SysRq-W task list or a hung task minutes after a lone header)."""
    return report.has_task or report.trace_started or not _apart(report.event, pre)


def _apart(event, pre):
    """The header of ``event`` and the line ``pre`` were made more than LATE_SECONDS apart by their uptimes
    (printk stamps a record when it is made), or ``pre`` was logged more than WALL_APART_SECONDS after the
    header by wall clocks, when the lines carry no uptime (a syslog daemon's or journal's clock is when it read
    the record, a reader's lag is shared by lines read together, and a year's turn hides in it: only a line
    far later tells); False when they cannot be compared."""
    if event.timestamp is not None or pre.timestamp is not None:
        return event.timestamp is not None and pre.timestamp is not None \
            and abs(pre.timestamp - event.timestamp) > LATE_SECONDS
    header, line = _wall_seconds(event.wallclock), _wall_seconds(pre.wallclock)
    return header is not None and line is not None and line - header > WALL_APART_SECONDS


def _same_moment(event, pre):
    """The line ``pre`` was printed right after the header of ``event`` (by its times: uptimes of one boot,
    or wall clocks, at most LATE_SECONDS apart); False when they cannot be compared."""
    if event.timestamp is not None or pre.timestamp is not None:
        return event.timestamp is not None and pre.timestamp is not None \
            and 0 <= pre.timestamp - event.timestamp <= LATE_SECONDS
    header, line = _wall_seconds(event.wallclock), _wall_seconds(pre.wallclock)
    return header is not None and line is not None and 0 <= line - header <= LATE_SECONDS


# (dmesg -T, syslog; journalctl -o short-precise's and logcat's clocks to the micro- and millisecond)
_WALL_FORMATS = ("%a %b %d %H:%M:%S %Y", "%b %d %H:%M:%S", "%b %d %H:%M:%S.%f", "%m-%d %H:%M:%S.%f")


def _wall_seconds(wallclock):
    """Seconds of a wall clock as a log prefix prints it (dmesg -T, syslog), else None."""
    if not wallclock:
        return None
    text = " ".join(wallclock.split())
    for form in _WALL_FORMATS:
        try:
            stamp = datetime.strptime(text, form)
        except ValueError:
            continue
        return (stamp - datetime(1900, 1, 1)).total_seconds()
    try:
        return datetime.fromisoformat(text.replace(",", ".")).timestamp()
    except ValueError:
        return None


def _later(event, pre, slack=0.0):
    """The report of ``event`` was printed after the line ``pre`` (uptimes of one boot, not dmesg -H
    deltas), by more than ``slack`` seconds: that line, printed earlier, is not one of its lines
    (slab_out_of_memory() prints after the page allocator's report, in the same log: a SLUB line of
    uptime 1293 is no part of a report of uptime 73138; a trace and Mem-Info pasted below a header but
    stamped before it are another failure's).  The slack covers the clocks of two CPUs."""
    return event.timestamp is not None and pre.timestamp is not None and not pre.relative \
        and event.timestamp > pre.timestamp + slack


class ReportAssembler:
    """Feed lines with :meth:`feed`, then call :meth:`finish`; events land in
    ``self.sink`` (a :class:`BoundedEvents`)."""

    def __init__(self, source=None, kernel_hint=None, keep=None):
        self.source = source
        self.kernel_hint = kernel_hint
        # an emitted event is changed only through sink.last() (split_feed.state_digest relies on it)
        # (each event the bound drops leaves its quoted_title key: the titles fold as over every event)
        self.sink = BoundedEvents(keep, key=title_key) if keep else BoundedEvents(key=title_key)
        self.open = []
        self.trace_target = None
        self.mem_target = None
        self.pending_comms = []       # (comm, lineno, blanks before it) of split header pieces no header took yet
        self.raw_pieces = []          # (lineno, text) of lines ending in a colon behind an outer part not read yet
        self.header_end = None        # last line of the newest header (a wrapped one spans several)
        self.last_text = -1           # read number of the newest line holding text or a log prefix (_drop_repeat)
        self.pending_vmalloc = None   # lineno of a 3.10 "vmalloc: allocation failure" line
        self.pending_suppressed = 0
        self.unattributed_suppressed = 0
        # line of the newest page allocator rate-limit notice ("warn_alloc_failed: 23962 callbacks suppressed"):
        # ___ratelimit() prints it in the warn_alloc() call it lets through, so it opens a new failure, and a
        # SLUB/SLAB block after it is no report's from before it (see _slab_header)
        self.ratelimit_line = None
        self.kernel_seen = None
        self.framing = None           # framing of the newest open report
        self.emitted_bare = None      # _bare_kind() of the newest emitted event's report
        self.held = None              # the line waiting for its successor (wrapping.HeldLine)
        self.pending_vmap = None      # (lineno, Prefixed, Framing or None) of a "vmap allocation ... failed" line
        # logical lines read since the pending vmap line (a wrapped line is one; 0 when none is pending:
        # split_feed compares whole assembler states, so nothing here counts lines for ever)
        self.vmap_age = 0
        self.repeat_notes = []        # read numbers of the last syslog repeat notes, no lines (_confirm_vmap)
        self.vmap_comm = None         # (lineno of the pending vmap line, comm) its task line named (_vmap_task_line)
        self.unproven = 0             # open reports without evidence yet (provisional headers)
        self.word_doubts = []         # ... whose only doubt is words before the comm (_words_repeated)
        self.split_doubts = []        # (report, shorter comms) of headers no next line split (_split_repeated)
        self.before_alloc = (None, None)  # (lineno, the line before it) of the last line holding "alloc"
        self.spare_totals = MemInfoTotals()  # tried on a report without totals yet (see _read_totals)
        self.held_frame = None        # (func, module, "? ") when the held line is a plain frame line (_PLAIN_FRAME)
        self.late = None              # the newest emitted header-only report its lines may still follow (_late_task_line)
        # Lines are numbered as read: a structured record's lines without log text are not read, an escaped
        # string's lines are read one after another (structured_records, escaped_text); read number = file
        # line + shift.  shifts: (first read number, shift) since each change, for the events' file lines.
        self.shift = 0
        self.shifts = deque(maxlen=SHIFTS_KEPT)
        self.record_uptime = None     # the uptime a structured record's time field gave its text line
        self.other_dump = False       # another task's dump_stack() began while a trace ran, its opener not seen yet
        self.trace_shut = False       # that dump's trace opened: frames are none's until a report's own opener
        self.broken_at = None         # the last line that ended in a "<br>" (web_text: a page's line breaks)
        self.logcat_at = None         # the last line logcat.rejoined gave back whole (its tag joined to its text)

    # -- input -------------------------------------------------------------
    @property
    def busy(self):
        """True while a report is open or a held line may start one (the
        streaming scanner must feed every line then)."""
        return bool(self.open) or self.late is not None or (self.held is not None and "alloc" in self.held.text)

    def feed(self, lineno, line):
        """One physical log line (str).  It is held until the next line shows
        whether that one continues it (a wrapped line); rsyslog ``#012``
        escapes split it further."""
        line = line.rstrip("\r\n")
        if self.shift:
            lineno += self.shift
        held = self.held
        if self.held_frame is not None and "+0x" in line and self._plain_frame(held, lineno, line):
            return  # a frame after a frame in a running trace: the dense logs' commonest pair
        if self.mem_target is not None and held is not None and self.held_frame is None \
                and self._plain_mem(held, lineno, line):
            return  # a line after a Mem-Info line of a running block: the dense logs' next commonest pair
        if _PLAIN_LINE.fullmatch(line) is not None:  # a dmesg line none of the decoders below changes
            self._feed_text(lineno, line, True)
            return
        if "\x00" in line:
            line = line.replace("\x00", "")
        if needs_showing(line):  # a terminal capture: colours, title and cursor codes, CRs (terminal_codes)
            coded, line = line, shown(line)
            if not line and ("\x1b" in coded or "\x9b" in coded) and "\r" not in coded:
                # control sequences alone: no row of text the terminal drew, but a closing code a wrap counting the
                # codes' bytes moved on ("... crawl_4065_7997: vmalloc" / "ESC[0m" / "ESC[33merror: ..."): no line (a
                # CRLF text's empty line, coloured, keeps its CR: "ESC[1m\rESC[0m" is the empty line it was; blanks inside
                # codes are a row of blanks drawn: a list's indentation coloured, "ESC[1m\t\tESC[0m", is that line)
                self._read_pieces(lineno, [""])
                return
        # scraped from a web page: "&lt;4&gt;[", "&gt; ", no-break spaces (web_text); before a record is read (a
        # page showing journalctl -o verbose's fields)
        line = _unescaped_line(line)
        if needs_reading(line) or needs_splitting(line):
            pieces = self._carried_lines(line)
            if pieces is not None:  # a structured record or an escaped string (structured_records, escaped_text)
                if len(pieces) != 1 or not pieces[0]:
                    self._read_pieces(lineno, pieces)
                    return
                line = pieces[0]
        self._feed_text(lineno, line)

    def _read_pieces(self, lineno, pieces):
        """Read the lines one file line carries as lines of their own, one read number each (none: the
        line holds no log text and is not read)."""
        if pieces == [""]:
            self._shifted(lineno, self.shift - 1)  # the next file line takes this read number
            return
        for number, piece in enumerate(pieces, lineno):
            if number > lineno:
                self._shifted(number, self.shift + 1)
            self._feed_text(number, piece)

    def _shifted(self, first, shift):
        """From read number ``first`` on, read number = file line + ``shift``."""
        self.shift = shift
        if self.shifts and self.shifts[-1][0] == first:
            self.shifts.pop()
        self.shifts.append((first, shift))

    def _file_line(self, lineno):
        """The file line of read line ``lineno`` (a recent one: SHIFTS_KEPT changes are remembered)."""
        for first, shift in reversed(self.shifts):
            if lineno >= first:
                return lineno - shift
        return lineno if len(self.shifts) < SHIFTS_KEPT else lineno - self.shifts[0][1]

    def _feed_text(self, lineno, line, plain=False):
        """:meth:`feed` of a line read as text (``lineno``: its read number; ``plain``: _PLAIN_LINE matched it)."""
        if ">]<" in line:
            # a header a nested printk glued behind an open frame line ("  [<c010326e>]<4>swapper: page allocation
            # failure..."): the frame line's piece, then the header as a line of its own (collapsed.level_pieces),
            # also when a wrap moved the header's words on ("... [<c010326e>]<4>swapper:" / "page allocation ...")
            pieces = level_pieces(line)
            if pieces is not None:
                self._feed_text(lineno, pieces[0], plain)
                line = pieces[1]
        held = self.held
        if not plain and needs_unmarking(line):  # page markup glued on: "<pre>", "[code]", "*swapper: ...*" (web_text)
            if "<br" in line or "<BR" in line:
                if _LONE_BREAK.fullmatch(line) is not None and self.broken_at != lineno - 1 \
                        and held is not None and lineno == held.last + 1:
                    # "<br>" alone under a line that did not end in one: the line's own break, which a wrap
                    # moved onto a line of its own ("... vm_struct allocation" / "<br>" / "failed, mode:..."):
                    # no line (a "<br>" alone under one that ends in it is the page's empty line)
                    held.last = lineno
                    return
                if _BREAK_END.search(line) is not None:
                    self.broken_at = lineno
            elif held is not None and lineno == held.last + 1 and line.strip(" \t>|") == "`":
                # inline code's closing mark alone under a line: a wrap moved it on from the end of that line ("...
                # Node 0 Normal free:605704kB" / "`"), where it closed the code opened there; no line (markdown
                # opens no code with a lone mark, and a line of it shows nothing)
                held.last = lineno
                return
            line = unmarked(line)  # (HTML references and no-break spaces were decoded by feed: web_text)
        if not plain and "repeated" in line and _SYSLOG_REPEAT.search(line):
            # a syslog daemon's note that the line before came again: no log text (see _SYSLOG_REPEAT); read as the
            # line shows it (its colours, escapes and markup undone: "...repeated 2 times<br>")
            self.repeat_notes = self.repeat_notes[-3:] + [lineno]
            return
        if held is not None and held.text[-1:] in "[ \t" and lineno == held.last + 1 and not held.joined \
                and held.text.rstrip(" \t")[-1:] == "[":
            # ... its stamp and caller id cut by a wrap at one of their blanks ("... ? page_[  659.105948][" / "T3124]
            # kworker/2:1H: page"): the line rejoined, then cut before the glued record below
            lead = outer_lead_end(held.text[:MAX_LEAD], line) if line[:1] == held.text[:1] else 0
            joined = caller_stamp_rejoined(held.text, line[lead:])
            if joined is not None:
                self.held = None
                self._feed_text(lineno, joined, plain)
                return
        if "][" in line:
            # a record a console glued with no blank behind another's unfinished text, its stamp's caller id telling
            # it (collapsed.caller_pieces): read as a line of its own, so that a wrap's rests join the record (the
            # line unmarked first: "... ? page_[  659.105948][ T3124]<br>", a page's break after the cut)
            pieces = caller_pieces(line)
            if pieces is None and held is not None and lineno == held.last + 1 and _glued_bracket(line):
                # ... or behind the rest of a line a wrap cut before the glued record ("kernel: [  657.060922][ T3384]
                # ?" / "page_[  659.105948][ T3124] kworker/2:1H: page", the text logged again, then wrapped)
                pieces = caller_rest_pieces(held.text, line)
            if pieces is not None:
                self._feed_text(lineno, pieces[0], plain)
                line, held = pieces[1], self.held
        if not plain and "-" in line:  # ("-": the cheap test a logcat date "MM-DD" passes)
            whole = rejoined(line)  # Android logcat: the kernel text's head shown as the line's tag (logcat)
            if whole is not line:
                line, self.logcat_at = whole, lineno
        if not plain and held is not None and (
                # (cut at the tag's colon behind another prefix, or in its padding: "> W Binder" / ">  : 672_7: ...")
                held.text[-1:] in ": \t" and "-" in held.text
                or line[:1] in " \t>|:" and line.lstrip(" \t>|")[:1] == ":" and "-" in held.text
                or held.pre is not None and held.pre.wallclock is not None and held.pre.wallclock[2:3] == "-") \
                and held.hit is None and lineno == held.last + 1 and not held.joined and self.logcat_at != held.last:
            joined = cut_after_tag(held.text, line)
            if joined is not None:
                # a logcat line cut before its message ("... W Binder  :" / "672_7: page allocation failure:
                # ..."): one line, its tag joined back to the message (unmarked and rejoined: plain)
                self.held = None
                self._feed_text(lineno, joined, plain=True)
                self.held.first = held.first
                return
        framing = self.framing
        pre = spare = None
        alloc = "alloc" in line
        if held is not None:
            if lineno == held.last + 1:
                if held.text[:4] != line[:4] and "kernel:" in held.text and self._collapsed_wrap(held, lineno, line):
                    return  # (a syslog file's lines start alike: the guard keeps this off its path)
                held_pre = held.pre
                if held.hit is None:
                    if plain and framing is not None and framing.uptime and framing.regex is None:
                        pre = uptime_only(line) or framing.read(line)  # (Framing.read's first step, inline)
                    else:
                        pre = split_prefix(line) if framing is None else framing.read(line)
                    # The common case, a whole line of the report and then another one, is
                    # decided here (inline: the hot path); the rest by wrapping.continues.
                    if pre is not None and held_pre is not None:
                        whole = _surely_whole(held_pre.body, pre.body)
                        if whole and (alloc and "allocation" in line or (
                                line[-1:] in _HEADER_WORDS_LAST or line[-1:].isspace()) and (
                                _HEADER_WORDS_CUT.search(line) or held.text[-1:] == "]" and comm_alone(line))):
                            # a header next: the held line may end in the log prefix it was cut after, or
                            # in the first word of a two-word comm ("DOM" / "Worker: page allocation ..."); or
                            # its comm alone, the words on the line after ("> ... [  525.138934]" / "a.out(4051):")
                            last = held.text[-1:]
                            word = held.text[held.text.rfind(" ") + 1:]
                            whole = not (last in _PREFIX_LAST or last.isdigit() or word[:1].isupper()
                                         or word.endswith("-order")) \
                                or last.isdigit() and plain and not held.joined and framing is not None \
                                and framing.uptime and framing.regex is None and whole_before_header(held.text, pre.body)
                            # (2.4: "__alloc_pages: 0-order" / "allocation failed"; a dense report's last line: whole)
                    else:
                        whole = False
                    if not whole and self._join(held, lineno, line, pre):
                        return
                    if held_pre is not None and not held.joined and held_pre.kernel and "#012" not in held.text \
                            and ("[" not in held_pre.body or glued_uptime(held_pre.body) is None) \
                            and ("<" not in held_pre.body or LEVEL_AFTER_TEXT.search(held_pre.body) is None) \
                            and (self.late is None or "omm: " not in held.text):  # (glued records, a late task line: _process)
                        self.held = None
                        self._line(held.first, held_pre.body, held_pre)
                        spare, held = held, None  # its object is reused for this line (no allocation per line)
                elif self._join(held, lineno, line, None):
                    return
            if held is not None:
                self.held = None
                self._process(held)
            if self.split_doubts and line.strip():
                self._split_repeated(line)
            if self.framing is not framing:
                pre = None
        if self.word_doubts:
            self._words_repeated(line)
        hit = find_header(line) if alloc else None
        if alloc or line[-1:] in _CUT_LAST and line.endswith(CUT_ENDS) \
                or line[-1:] in _BLANKS and line.rstrip(" \t").endswith(CUT_ENDS):  # (blanks a paste left at the cut)
            # the line before a header, or its first piece
            self.before_alloc = lineno, _line_before(spare or held, lineno)  # (framing._judged, _glued_before_comm)
        if hit is not None:
            pre, hit.before = None, self.before_alloc[1]
        elif pre is None:
            pre = self.framing.read(line) if self.framing is not None else split_prefix(line)
            if pre is None and self.open and ("CPU: " in line or "Pid: " in line):
                pre = self._task_line_reframed(line)
        if spare is None:
            self.held = HeldLine(lineno, line, pre, hit)
        else:  # neither joined nor a header: learned and joined are still unset
            spare.first = spare.last = lineno
            spare.text, spare.pre, spare.hit = line, pre, hit
            self.held = spare
        self.held_frame = None
        if pre is not None and "+0x" in line and hit is None:
            match = _PLAIN_FRAME.fullmatch(line)
            if match is not None and pre.body == match.group("body") and pre.kernel \
                    and pre.caller_cpu is None and pre.caller_task is None:
                self.held_frame = match.group("func", "module", "unsure")

    def _carried_lines(self, line):
        """The log lines ``line`` carries when it is a structured record (a journal or dmesg JSON field, a
        journal export field: structured_records) or an escaped string holding a report (escaped_text), else
        None; each is read as a line of the same number."""
        if "alloc" in line and needs_splitting(line):
            pieces = escaped_lines(line)
            if pieces is not None:  # (a captured terminal's codes, escaped in the string: "\u001b[32m")
                return _shown_each(pieces)
        text = record_text(line) if needs_reading(line) else None
        if text is None:
            return None
        if not text:  # another field: maybe the record's time, which its text line then carries
            self.record_uptime = record_uptime(line) or self.record_uptime
            return [""]
        if self.record_uptime is not None:
            text, self.record_uptime = self.record_uptime + text, None
        return _shown_each(text.split("\n"))

    def _before_every_open_report(self, pre):
        """The line ``pre`` was printed before the header of every open report (beyond two CPUs' clock
        skew): a trace pasted from earlier on, none's line.  (_later of every open report, spelled out: it
        runs for every line while reports are open, and the oldest report usually answers False.)"""
        stamp = pre.timestamp
        if stamp is None or pre.relative:
            return not self.open
        return self._earlier_than_every_header(stamp)

    def _plain_frame(self, held, lineno, line):
        """The short path of :meth:`feed` for a plain frame line (_PLAIN_FRAME) after a held one while a
        trace runs in a plain uptime framing: the held frame goes to the running trace, as _line ->
        _report_line -> _frame_line would take it, and this line is held.  False (nothing done) in any
        other case.  (tests/kernlog/test_dense_path.py: same events as without this path.)"""
        framing, target = self.framing, self.trace_target
        if lineno != held.last + 1 or held.joined or target is None or target.closed or target.mem_started \
                or target.trace_over \
                or framing is None or not framing.uptime or framing.regex is not None or "allocation" in line:
            return False  # (a trace that met its unwinder's top again takes no frame: _frame_line's test)
        match = _PLAIN_FRAME.fullmatch(line)
        if match is None or self._before_every_open_report(held.pre):  # (_line's test)
            return False
        func, module, unsure = self.held_frame
        if (func in _TRACE_TOP or "." in func) and _opens_another_dump(func, target.frames):
            return False  # a trace's top frame after its other frames opens another dump (_frame_line, _dump_after)
        if len(target.frames) < MAX_FRAMES:
            if unsure:  # "? func": as _frame_line marks it
                target.unsure.append(len(target.frames))
            target.frames.append((func, module))
            target.caller = None
        target.idle = 0
        if self.unproven:
            self._evidence()
        self.held_frame = match.group("func", "module", "unsure")
        held.first = held.last = lineno
        held.text = line
        held.pre = Prefixed(match.group("body"), float(match.group("ts")), None, None, None, None, True, True)
        return True

    def _plain_mem(self, held, lineno, line):
        """The short path of :meth:`feed` for a _PLAIN_MEM line after a held line while a Mem-Info block runs
        in a plain uptime framing: the held line goes straight to _memory_line when _line and _report_line
        would take it there (none of their earlier tests can hold: the guards below are theirs), and this
        line is held as _feed_text holds it.  False (nothing done) in any other case.
        (tests/kernlog/test_dense_path.py: same events as without this path.)"""
        framing = self.framing
        if lineno != held.last + 1 or held.hit is not None or held.joined or framing is None or not framing.uptime \
                or framing.regex is not None or "alloc" in line:
            return False
        last = line[-1:]
        if last in _HEADER_WORDS_LAST and _HEADER_WORDS_CUT.search(line) is not None:
            return False  # (_feed_text's test of header words cut at the line's end; no blank ends a _PLAIN_MEM line)
        match = _PLAIN_MEM.fullmatch(line)
        if match is None:
            return False
        body = match.group("body")
        if body.find("kernel:", 0, 80) >= 0:  # (uptime_only declines it)
            return False
        # _feed_text's held line: one of the report's, whole before this one, read by _line
        held_pre, text = held.pre, held.text
        if held_pre is None or not held_pre.kernel or "#012" in text or text[:4] != line[:4] and "kernel:" in text:
            return False
        text = held_pre.body
        if "[" in text and glued_uptime(text) is not None or not _surely_whole(text, body):
            return False
        # _line's and _report_line's tests before _memory_line, none of which may hold
        if not self.open or self.pending_vmap is not None or "vma" in text or "callbacks suppressed" in text \
                or "oom-killer:" in text or "+" in text or " from " in text or ".c:" in text or "cpuset=" in text \
                or "_" in text and ":" not in text and "=" not in text:
            return False
        lead = text[:1]
        if lead.isspace():
            lead = text.lstrip()[:1]
        if lead in _NOT_MEM_LEADS or held_pre.timestamp is not None and self._before_every_open_report(held_pre):
            return False
        pre = Prefixed(body, float(match.group("ts")), None, None, None, None, True, True)  # (uptime_only's)
        self.held = None
        if not self.open[-1].logged_after:
            self._logged_after()
        found = self._memory_line(text, lead) or (P.SLAB_NODE.match(text) or P.TRACE_NOISE.match(text)) and _NOISE
        if not found:
            self._unclaimed(held.first, text)
        elif found is not _NOISE and self.unproven:
            self._evidence()
        # _feed_text's rest for this line (no "alloc" in it: no header)
        if self.split_doubts and line.strip():
            self._split_repeated(line)
        if self.framing is not framing:
            pre = None
        if self.word_doubts:
            self._words_repeated(line)
        if last in _CUT_LAST and line.endswith(CUT_ENDS):
            self.before_alloc = lineno, _line_before(held, lineno)
        if pre is None:
            pre = self.framing.read(line) if self.framing is not None else split_prefix(line)
        held.first = held.last = lineno
        held.text, held.pre, held.hit = line, pre, None
        self.held = held
        self.held_frame = None
        return True

    def _deferring(self):
        """Whether an event made now may be one the bound drops, so its figures are read when the sink gives it out
        (DEFER_MEM; the sink's first events are always given out)."""
        return DEFER_MEM == "always" or DEFER_MEM == "later" and self.sink.total >= self.sink.keep

    def feed_run(self, lines, at, lineno, max_len):
        """Feed ``lines[at:]`` (read numbers ``lineno + 1`` on) as :meth:`feed` feeds them one by one while each is a
        line one of its short paths takes in a row: frames of a running trace (:meth:`_plain_frame`) or a Mem-Info
        block's lines (:meth:`_plain_mem`), read in one loop.  Returns how many lines were taken (0: feed the next
        one with :meth:`feed`); a line longer than ``max_len`` (which the scan cuts) is never taken."""
        if self.held_frame is not None:
            return self._frame_run(lines, at, lineno, max_len) or (
                self._line_run(lines, at, lineno, max_len) if self.mem_target is None else 0)
        if self.mem_target is not None:
            return self.feed_mem_run(lines, at, lineno, max_len)
        if lazy_trace.LAZY_TRACES and self.held is not None and "omm: " in self.held.text and self.open and not self.open[-1].has_task \
                and self._deferring():
            return lazy_trace.take(LAZY_PARTS, self, lines, at, lineno, max_len)  # (a task line, then its trace kept for later)
        return self._line_run(lines, at, lineno, max_len)

    def _line_run(self, lines, at, lineno, max_len):
        """The other lines of a report in a row (a task line, "Call Trace:", a trace's first frame, registers, stack
        words, stack markers, "Mem-Info:" ...), each fed as :meth:`feed` feeds a _PLAIN_REPORT (or _MARKER_REPORT)
        line in a plain uptime framing: the held line, whole before it (_surely_whole, no header's words cut at its
        end), goes to :meth:`_line` (trace noise and the two openers straight to what _report_line does with them),
        and this line is held, read as prefix.uptime_only reads it, as _feed_text does after its tests, which hold
        for the whole run (the framing, no doubts or vmap pending, no header: none of find_header's words); feed's
        short paths' lines are left to them (a plain frame after one, any line of a running Mem-Info block).  The run stops after
        a line that changed any of that (a new framing, a frame or a Mem-Info block that a short path takes next).
        Returns how many lines it took.  (tests/kernlog/test_report_line_run.py: same events as feeding each line.)"""
        held, framing = self.held, self.framing
        if held is None or self.shift or held.last != lineno or held.hit is not None or held.joined \
                or framing is None or not framing.uptime or framing.regex is not None or not self.open \
                or self.mem_target is not None or self.pending_vmap is not None or self.split_doubts or self.word_doubts:
            return 0
        count, start = len(lines), at
        while at < count:
            line = lines[at]
            alloc = "alloc" in line  # (a frame of the allocator: no header when find_header's words are missing)
            if len(line) >= max_len or alloc and ("allocation" in line or "vmalloc" in line or "Unable to" in line
                                                  or "alloc failure" in line or ">]<" in line) \
                    or self.held_frame is not None and "+0x" in line and _PLAIN_FRAME.fullmatch(line) is not None:
                break  # (a plain frame after a plain frame: feed's _plain_frame, the frame run's)
            match = _PLAIN_REPORT.fullmatch(line)
            held_pre, text = held.pre, held.text
            if match is None:
                # a stack marker: _feed_text reads it as a plain line unless the held line may be a logcat line cut
                # at its tag (cut_after_tag: a line ending in its colon or blanks, holding a "-")
                match = _MARKER_REPORT.fullmatch(line) if line[-1:] == ">" else None
                if match is None or text[-1:] in ": \t" and "-" in text:
                    break
            body = match.group("body")
            if body.find("kernel:", 0, 80) >= 0 or held_pre is None or not held_pre.kernel or "#012" in text \
                    or "kernel:" in text and text[:4] != line[:4]:
                break
            held_body = held_pre.body
            if "[" in held_body and glued_uptime(held_body) is not None \
                    or not (whole_by_kind(held_body, body) or _surely_whole(held_body, body)) \
                    or line[-1:] in _HEADER_WORDS_LAST and _HEADER_WORDS_CUT.search(line) is not None:
                break
            lineno += 1
            at += 1
            pre = Prefixed(body, float(match.group("ts")), None, None, None, None, True, True)  # (uptime_only's)
            self.held = None
            # _line: a report is open, no vmap pending; a line printed before every open header is none's (its
            # earlier-stamped test, the oldest header asked first: see _frame_run)
            stamp, oldest = held_pre.timestamp, self.open[0].event.timestamp
            if stamp is not None and not held_pre.relative and oldest is not None and oldest > stamp + CLOCK_SKEW_S \
                    and self._earlier_than_every_header(stamp):
                self._line(held.first, held_body, held_pre)
            elif held_body == "Call Trace:" or held_body == "Mem-Info:" or _TRACE_NOISE_LINE.fullmatch(held_body) \
                    is not None and not any(word in held_body for word in _NOT_NOISE_WORDS):
                # what _line and _report_line do with it, in one step: a trace's opener (CALL_TRACE), a Mem-Info
                # block's (MEM_INFO), or trace noise (nothing more)
                if not self.open[-1].logged_after:
                    self._logged_after()
                if held_body == "Call Trace:":
                    self._start_trace(held_pre)
                elif held_body == "Mem-Info:":
                    self._mem_info_start(held_body)
                if self.unproven and (held_body == "Call Trace:" or held_body == "Mem-Info:"):
                    self._evidence()  # (a report line proves its header; noise proves nothing)
            else:
                self._line(held.first, held_body, held_pre)
            # _feed_text's rest for this line (no header: find_header declines it)
            if self.split_doubts and line.strip():
                self._split_repeated(line)
            if self.framing is not framing:
                pre = None
            if self.word_doubts:
                self._words_repeated(line)
            if alloc or line[-1:] in _CUT_LAST and line.endswith(CUT_ENDS):
                self.before_alloc = lineno, _line_before(held, lineno)
            if pre is None:
                pre = self.framing.read(line) if self.framing is not None else split_prefix(line)
                if pre is None and self.open and ("CPU: " in line or "Pid: " in line):
                    pre = self._task_line_reframed(line)
            held.first = held.last = lineno
            held.text, held.pre, held.hit = line, pre, None
            self.held = held
            self.held_frame = None
            if pre is not None and "+0x" in line:
                plain = _PLAIN_FRAME.fullmatch(line)
                if plain is not None and pre.body == plain.group("body") and pre.kernel \
                        and pre.caller_cpu is None and pre.caller_task is None:
                    self.held_frame = plain.group("func", "module", "unsure")
                    break  # (the frame run takes the frames after it)
            if self.framing is not framing or self.mem_target is not None or not self.open \
                    or self.pending_vmap is not None or self.split_doubts or self.word_doubts:
                break
        return at - start

    def _earlier_than_every_header(self, stamp):
        """_before_every_open_report of a line with uptime ``stamp`` (not relative), reports open."""
        stamp += CLOCK_SKEW_S
        for report in self.open:
            header = report.event.timestamp
            if header is None or header <= stamp:
                return False
        return True

    def _frame_run(self, lines, at, lineno, max_len):
        """The frames of a running trace in a row, each taken as :meth:`_plain_frame` takes it after a held plain
        frame; the tests that hold for the whole run (framing, trace target, the held line's state) made once
        (a frame changes none of them), the earlier-stamped test asking the oldest open header first (the full
        test only when that header is later than the line), and no Prefixed built for a line the run reads on
        past.  (tests/kernlog/test_dense_path.py.)"""
        held, framing, target = self.held, self.framing, self.trace_target
        if held is None or self.shift or held.last != lineno or held.joined or target is None or target.closed or target.trace_over \
                or target.mem_started or framing is None or not framing.uptime or framing.regex is not None \
                or not self.open:
            return 0
        held_pre = held.pre
        # _before_every_open_report: the oldest open header usually tells (printed before the line: False)
        oldest = self.open[0].event.timestamp
        stamp = None if held_pre.relative or oldest is None else held_pre.timestamp
        frames, unsure, frame = target.frames, target.unsure, self.held_frame
        count, start, match = len(lines), at, None
        while at < count:
            line = lines[at]
            if "+0x" not in line or "allocation" in line or len(line) >= max_len \
                    or (frame[0] in _TRACE_TOP or "." in frame[0]) and _opens_another_dump(frame[0], frames):
                break
            new = _PLAIN_FRAME.fullmatch(line)
            if new is None or stamp is not None and oldest > stamp + CLOCK_SKEW_S \
                    and self._earlier_than_every_header(stamp):
                break
            if len(frames) < MAX_FRAMES:
                if frame[2]:  # "? func": as _frame_line marks it
                    unsure.append(len(frames))
                frames.append(frame[:2])
                target.caller = None
            target.idle = 0
            if self.unproven:
                self._evidence()
            match, frame = new, new.group("func", "module", "unsure")
            at += 1
            if oldest is not None:
                stamp = float(new.group("ts"))
        if match is not None:
            self.held_frame = frame
            held.first = held.last = lineno + at - start
            held.text = match.string
            held.pre = Prefixed(match.group("body"), float(match.group("ts")), None, None, None, None, True, True)
        return at - start

    def feed_mem_run(self, lines, at, lineno, max_len):
        """Feed ``lines[at:]`` (read numbers ``lineno + 1`` on) as :meth:`feed` feeds them one by one while each is
        a line _plain_mem takes: a run of a Mem-Info block's lines read in one loop.  What holds for the whole run
        is tested once (the framing, the held line's state, open reports, no doubts or vmap pending: only
        _unclaimed changes them, and the run stops after it); the earlier-stamped test asks the oldest open header
        first (see _frame_run); no Prefixed is built for a line the run reads on past.  A line of a kind _MEM_KIND
        knows before another one is read by its kind (:meth:`_mem_kind_line`), without the tests the kinds pass.
        Returns how many lines it took (0: feed the next one); it stops before a line _plain_mem would decline, or
        longer than ``max_len`` (the scan cuts those).  (tests/kernlog/test_dense_path.py: same events as feeding
        each line.)"""
        held, framing = self.held, self.framing
        if held is None or self.held_frame is not None or self.mem_target is None or self.shift \
                or held.hit is not None or held.joined or held.last != lineno or framing is None or not framing.uptime \
                or framing.regex is not None or not self.open or self.pending_vmap is not None \
                or self.split_doubts or self.word_doubts:
            return 0
        held_pre = held.pre
        if held_pre is None or not held_pre.kernel:
            return 0
        if at < len(lines) and ("alloc" in lines[at] or len(lines[at]) >= max_len):
            return 0  # (the loop's first test: no line taken; the held line's kind is not asked)
        oldest = self.open[0].event.timestamp  # (see _frame_run)
        stamp = None if held_pre.relative or oldest is None else held_pre.timestamp
        newest, text_line, body_held, first = self.open[-1], held.text, held_pre.body, held.first
        # the held line's kind: a line the run reads is tested for "alloc", "vma" and "kernel:" before _MEM_KIND
        kind = None if "alloc" in text_line or "vma" in text_line or "kernel:" in text_line \
            else _MEM_KIND.fullmatch(text_line)
        if kind is not None and text_line[kind.end("ts") + 2:] != body_held:
            kind = None
        # once the sink's first events are in, a report's event may be one the bound drops: its figures are read
        # when the sink gives it out (_defer_mem_line), never when dropped (the first ones are always given out)
        defer = self._deferring()
        count, start, ts, stop, spanned = len(lines), at, None, False, False
        while at < count and not stop:
            line = lines[at]
            if "alloc" in line or len(line) >= max_len:
                break
            if kind is False:  # (a span's last line, held: its kind asked once the run goes on past it)
                kind = _MEM_KIND.fullmatch(text_line)
            new = None if "vma" in line or "kernel:" in line else _MEM_KIND.fullmatch(line)
            target = self.mem_target
            name = kind.lastgroup if kind is not None and new is not None else None
            if name is not None and (name == "mem_info" or target is not None and not target.closed):
                # two lines of known kinds: the held one is read by its kind (_mem_kind_line)
                body = line[new.end("ts") + 2:]
                text = body_held
                if (name in _MEM_WHOLE_ASKED or name == "counters" and ("lowmem" in text or "cache:" in text)) \
                        and not (whole_by_kind(text, body) or _surely_whole(text, body)) \
                        or stamp is not None and oldest > stamp + CLOCK_SKEW_S and self._earlier_than_every_header(stamp):
                    break
                lineno += 1
                at += 1
                self.held = None
                if not newest.logged_after:
                    self._logged_after()
                if defer and name != "mem_info":
                    _defer_mem_line(target, name, text_line)
                    if MEM_SPANS and not self.unproven and at < count:
                        # the lines from this one on that the run would keep as text in a row: kept at once, the
                        # span's last line held (mem_span; its lines share whole seconds, tested once here)
                        window = lines[at - 1:at - 1 + _SPAN_WINDOW]
                        joined = "\n".join(window) + "\n"
                        taken, seconds = span_lines(joined)
                        if taken > 1 and max(map(len, window[:taken])) < max_len \
                                and (oldest is None or oldest <= float(seconds) + CLOCK_SKEW_S):
                            kept = window[:taken - 1]
                            # (flags set already, and the idle count the held line's step set back unless it was a
                            # lowmem_reserve[] line, are not looked for again)
                            zone, ended, lowmem_only = span_marks(joined, sum(map(len, kept)) + len(kept),
                                                                  not target.deferred_zone, not target.mem_ended,
                                                                  name == "lowmem")
                            target.deferred.extend(kept)
                            if zone:
                                target.deferred_zone = True
                            if ended:
                                target.mem_ended = True
                            if not lowmem_only:
                                target.idle = 0
                            text_line, line = kept[-1], window[taken - 1]
                            # (its uptime and text as _MEM_KIND reads them: the span read its "[ *s.us] ")
                            close = line.index("] ")
                            ts, body, spanned = line[1:close].lstrip(" "), line[close + 2:], True
                            lineno += taken - 1
                            at += taken - 1
                else:
                    self._mem_kind_line(name, kind, text, target)
                if self.unproven:
                    self._evidence()
            else:
                last = line[-1:]
                if last in _HEADER_WORDS_LAST and _HEADER_WORDS_CUT.search(line) is not None:
                    break
                if new is None:
                    new = _PLAIN_MEM.fullmatch(line)
                    if new is None:
                        break
                body = line[new.end("ts") + 2:]
                if body.find("kernel:", 0, 80) >= 0 or "#012" in text_line \
                        or text_line[:4] != line[:4] and "kernel:" in text_line:
                    break
                text = body_held  # _plain_mem's tests of the held line
                if "[" in text and glued_uptime(text) is not None or not _surely_whole(text, body) \
                        or "vma" in text or "callbacks suppressed" in text or "oom-killer:" in text or "+" in text \
                        or " from " in text or ".c:" in text or "cpuset=" in text \
                        or "_" in text and ":" not in text and "=" not in text:
                    break
                lead = text[:1]
                if lead.isspace():
                    lead = text.lstrip()[:1]
                if lead in _NOT_MEM_LEADS or stamp is not None and oldest > stamp + CLOCK_SKEW_S \
                        and self._earlier_than_every_header(stamp):
                    break
                lineno += 1
                at += 1
                self.held = None
                if not newest.logged_after:
                    self._logged_after()
                found = self._memory_line(text, lead) or (P.SLAB_NODE.match(text) or P.TRACE_NOISE.match(text)) \
                    and _NOISE
                if not found:
                    self._unclaimed(first, text)  # (may close reports: the run ends with this line)
                    stop = True
                elif found is not _NOISE and self.unproven:
                    self._evidence()
            if line[-1:] in _CUT_LAST and line.endswith(CUT_ENDS):
                self.before_alloc = lineno, text_line
            if spanned:
                kind, spanned = False, False  # (its kind: asked when the run goes on)
            else:
                kind, ts = new if new.re is _MEM_KIND else None, new.group("ts")
            first, text_line, body_held = lineno, line, body
            stamp = None if oldest is None else float(ts)
            stop = stop or self.framing is not framing
        if ts is not None:
            held.first = held.last = lineno
            held.text, held.hit = text_line, None
            held.pre = Prefixed(body_held, float(ts), None, None, None, None, True, True) \
                if self.framing is framing else self.framing.read(text_line) if self.framing is not None \
                else split_prefix(text_line)
        self.held = held
        return at - start

    def _mem_kind_line(self, name, kind, text, target):
        """What _memory_line does with the line ``text`` of the kind ``name`` (``kind``: its _MEM_KIND match) while
        ``target``'s block runs (open; any for "mem_info"), without the tests that rule out the other kinds."""
        if name == "counters":  # (_read_totals: read_line reads it as a COUNTERS_LINE, which it is)
            event = target.event
            if event.mem_info is None:
                event.mem_info, self.spare_totals = self.spare_totals, MemInfoTotals()
            mem_info.read_counters(event.mem_info, text)
        elif name == "other":
            pass  # (the lines _memory_line reads and keeps nothing of)
        elif name == "hugepages":
            self._read_totals(target.event, text)  # (always a line read: idle below as _memory_line sets it)
        elif name == "zone":
            target.event.zones.append(self._zone(target, kind.group(*_KIND_ZONE_FIGURES), kind.group("z_zone"), text,
                                                 kind.group("z_flag") or ""))
        elif name == "lowmem":
            _lowmem_reserve(target, kind.group("l_values"))
            return  # (no idle: as _memory_line)
        elif name == "buddy":
            self._buddy(target, kind.group("b_node"), kind.group("b_zone"), kind.group("b_counts"),
                        kind.group("b_size", "b_unit"))
            return
        elif name == "end":
            target.mem_ended = True
            target.idle = 0
            self._read_totals(target.event, text)
            return
        elif name == "node":
            target.node_unreclaimable[_int(kind.group("n_node"))] = _unreclaimable(text)
        elif name == "mem_info":
            self._mem_info_start(text)
            return
        target.idle = 0

    @staticmethod
    def _collapsed_wrap(held, lineno, line):
        """Join ``line`` to ``held`` when it is the rest of a collapsed syslog excerpt a hard wrap cut
        (collapsed.wrapped_rest): the whole excerpt is cut into its lines in _process."""
        piece = collapsed_wrapped_rest(held.text, line)
        if piece is None:
            return False
        held.join(lineno, piece)
        held.hit = held.learned = None  # (a header in it is found in its own piece)
        return True

    def _join(self, held, lineno, line, nxt):
        """Join ``line`` to ``held`` when it continues it (see :mod:`pagealloc.kernlog.wrapping`);
        ``nxt`` is ``line`` read through the current framing (unless ``held`` is a header)."""
        if held.hit is not None:
            if held.learned is None:
                held.learned = self._plain_header(held, lineno, line) or learn(held.hit, line)
            framing, carried = held.learned[0], True
            nxt = framing.read(line)
            if nxt is not None and header_whole_before(held.hit, nxt.body):
                return False  # (its task line: continues gives it no piece)
        else:
            framing, carried = self.framing, held.pre is not None
            if self.late is not None and "omm: " in held.text and framing is not self.late.framing:
                # what may be the late task line of an emitted header-only report (_late_task_line) is read in
                # that report's framing, so its rest wrapped onto this line joins it as in the open report's
                late = self.late.framing
                if late.read(held.text) is not None:
                    framing, carried, nxt = late, True, late.read(line)
        piece = continues(held, line, nxt, framing, carried)
        if piece is None:
            return False
        held.join(lineno, piece, line)
        if held.hit is None and "<" in held.text and LEVEL_AFTER_TEXT.search(held.text) is not None \
                and record_level_pieces(held.text) is not None:
            # an earlier record's line with a header glued behind it by its level (and the header's rest a wrap moved
            # on): no header's line, split behind its prefix when read (_record_level)
            return True
        if "alloc" in held.text:
            # header words rejoined from two lines, or a header's rest: learn it again from the whole
            # line (a closing emphasis may have been wrapped away) and the line after it
            hit = find_header(held.text)
            if hit is not None and held.hit is not None:
                hit.before = held.hit.before  # (the line above the header's first piece: framing._in_list_item)
            if hit is not None or held.hit is None:
                if hit is not None and held.learned is not None and not held.learned[0].provisional:
                    hit.settled = held.learned[0].shape  # evidence found before the join still holds
                if hit is not None:  # the line before the header's first piece
                    hit.before = held.hit.before if held.hit is not None else \
                        self.before_alloc[1] if self.before_alloc[0] == held.first else None
                held.hit, held.learned = hit, None
        return True

    @staticmethod
    def _plain_header(held, lineno, line):
        """learn(held.hit, line) for a header as a dense dmesg prints it, without learn's searches
        (framing.plain_learned), else False.  (tests/kernlog/test_dense_path.py: same events without it.)"""
        return plain_learned(held.hit, line) or False

    def _process(self, held):
        lineno = held.first
        if self.pending_vmap is not None:
            self.vmap_age += 1
        elif self.vmap_age:
            self.vmap_age = 0
        collapsed = (collapsed_pieces(held.text) if len(held.text) > 80 else None) \
            or (uptime_pieces(held.text) if glued_uptime(held.text) else None)
        if collapsed is not None:
            # a syslog excerpt whose line breaks were lost: each piece behind its own syslog head
            for at, piece in enumerate(collapsed):
                hit = find_header(piece) if "alloc" in piece else None
                pre = None if hit else (self.framing.read(piece) if self.framing is not None else split_prefix(piece))
                record = HeldLine(lineno, piece, pre, hit)
                if hit is not None and at + 1 < len(collapsed):
                    record.learned = learn(hit, collapsed[at + 1])  # (the next record tells, as a next line does)
                self._process(record)
            return
        if "#012" in held.text:
            # rsyslog escaped the kernel's newlines: each piece is a line behind the same syslog prefix
            line = held.joined and cut_at_width(held.pieces) or held.text  # (cut at a console's width: as cut)
            cut = line.rfind("kernel: ", 0, line.find("#012"))
            head = line[:cut + 8] if cut >= 0 else syslog_head(line)
            for piece in line[len(head):].split("#012"):
                piece = head + piece
                hit = find_header(piece) if "alloc" in piece else None
                pre = None if hit else (self.framing.read(piece) if self.framing is not None else split_prefix(piece))
                self._process(HeldLine(lineno, piece, pre, hit))
            return
        if "<" in held.text and LEVEL_AFTER_TEXT.search(held.text) is not None and self._record_level(held):
            return
        if held.hit is not None:
            # (a joined header was found again by _join, with the evidence its first line gave)
            hit = held.hit if not held.joined or held.hit is not None and held.hit.line == held.text \
                else find_header(held.text)
            learned = held.learned or learn(hit)
            if hit is not None and self._header(lineno, hit, learned):
                self.header_end = held.last
                return
            held.pre = learned[1]
            held.pre.body = held.text[len(learned[0].outer):]
            if learned[1].known:
                held.pre = split_prefix(held.pre.body)
        if self.late is not None:
            if lineno - self.late.event.line - self.late.event.line_shift > LATE_WINDOW:
                self.late = None
            elif "omm: " in held.text and self._late_task_line(held):
                pass  # (held.pre: the line read in the reopened report's framing)
        prefixed = held.pre
        attach = True
        if prefixed is None:  # outside the open report's framing: not its line ...
            prefixed = split_prefix(held.text)
            # ... unless it is a trace line while a trace runs, pasted without the report's prefix or
            # its uptime (behind the quote or log prefix all the lines share)
            body = self._unframed_trace_line(held.text, prefixed) if self.open else None
            attach = body is not None
            if attach:
                prefixed.body = body
        if not prefixed.kernel:
            self.last_text = lineno  # (another program's line of the log)
            return
        self._line(lineno, prefixed.body, prefixed, attach)

    def _record_level(self, held):
        """A header a printk level glued behind the end of an earlier record ("kernel: Out of Memory: Killed process
        1691 (magma.exe).<3>__alloc_pages: 0-order allocation failed."): the earlier record, then the header, each a
        line of its own behind the line's outer part as the framing that reads the line has it (its wall clock and
        host, a quote, a prompt or a paste's line numbers before it: collapsed.record_level_pieces).  False when the
        line holds no such header."""
        pre = (self.framing.read(held.text) if self.framing is not None else None) or held.pre \
            or split_prefix(held.text)
        body = pre.body
        if not held.text.endswith(body):
            return False
        pieces = record_level_pieces(body)
        if pieces is None:
            return False
        outer = held.text[:len(held.text) - len(body)]
        earlier = outer + pieces[0]
        for piece in (earlier, outer + pieces[1]):
            hit = find_header(piece) if "alloc" in piece or "SL" in piece else None
            pre = None if hit else (self.framing.read(piece) if self.framing is not None else split_prefix(piece))
            record = HeldLine(held.first, piece, pre, hit)
            if hit is not None:
                # (the outer part alone tells, as a next line does: the earlier record behind it might start with
                # the header's own first letters, "k.<0>kswapd0: ...", which a shared prefix would take)
                record.learned = learn(hit, outer)
            self._process(record)
        return True

    def _task_line_reframed(self, text):
        """``text`` read in the framing it carries when it is the task line of the newest open report that
        still waits for its own and took no line yet (the same comm, printed within LATE_SECONDS when both
        lines have a time; under a header without a comm, or cut before its comm, any at the same moment), and the header's own
        framing does not hold it: the header was pasted with a sign or word of its line only (``> # [
        775.9] nc: page allocation failure...``, a prompt before the first line) and a blank line or a
        reply's sentences stood after it, so no next line told (framing._settled looks at the line right
        after the header).  The report's framing becomes the task line's; else None."""
        report = self.open[-1]
        if report.has_task or report.trace_started or report.mem_started:
            return None
        event = report.event
        adopted = carried_by_next(report.framing, event.comm, text)
        if adopted is None or adopted.shape == report.framing.shape:
            return None
        pre = adopted.read(text)
        if pre is None or not pre.body.lstrip().startswith(("CPU:", "Pid:")):
            return None
        named = "omm: " in pre.body  # (a wrap may cut the task line before or after its comm; its rest is joined)
        if named and event.comm is not None and "omm: %s" % event.comm not in pre.body:
            return None
        if (not named or event.comm is None or event.timestamp is not None and pre.timestamp is not None) \
                and not _same_moment(event, pre):
            return None  # (dump_stack() prints right after the header; a header without a comm names no task)
        if self.framing is report.framing:
            self.framing = adopted
        report.framing = adopted
        return pre

    def _late_task_line(self, held):
        """The task line of the newest emitted header-only report, printed (or pasted) long after its header
        behind other text or another report (a mail quoting a header, then the report it belongs to after
        another one): that report is opened again, and its trace and Mem-Info follow.  Only when nothing
        else can claim the line: its framing (same outer shape and log prefix form), the header's comm,
        the same moment (dump_stack() runs right after the header: uptimes within LATE_SECONDS, a
        wall clock within LATE_SECONDS), the same host and CPU where both print them, no header in that
        framing since (see _open_report), no open report waiting for a task line of that comm."""
        late = self.late
        pre = late.framing.read(held.text)
        if pre is None or not pre.known or not pre.kernel:
            return False
        match = P.TASK_NEW.match(pre.body) or P.TASK_OLD.match(pre.body)
        event = late.event
        if match is None or match.group("comm").strip() != event.comm \
                or any(not r.has_task and r.event.comm in (event.comm, None) for r in self.open) \
                or not _same_moment(event, pre) or None not in (event.host, pre.host) and event.host != pre.host:
            return False
        cpu = match.groupdict().get("cpu")
        if event.cpu is not None and (cpu is not None and _int(cpu) != event.cpu
                                      or pre.caller_cpu is not None and pre.caller_cpu != event.cpu):
            return False
        self.late = None
        late.closed, late.reopened, late.idle = False, True, 0
        self.open.append(late)
        self.framing = late.framing
        held.pre = pre
        return True

    def _unframed_trace_line(self, text, prefixed):
        """The trace line ``text`` holds when it was pasted without the prefix its report's other
        lines carry (its text after what they share), else None."""
        framing = self.framing
        if framing is not None and framing.regex is not None:
            outer = framing.regex.match(text)
            if outer is not None:
                # the quote or indentation is still there (or words holding a syslog tag, "kernel: | ") ...
                text = text[outer.end():]
                prefixed = split_prefix(text)  # ... and maybe the log prefix but its uptime
            else:
                # ... or only its outermost layers: "> > Call Trace:" under "> > elm3b29 login: dd: page
                # allocation failure." (a console's login prompt printed before the header only)
                lead = outer_lead_end(framing.outer, text)
                if lead:
                    text = text[lead:]
                    prefixed = split_prefix(text)
        if prefixed.known:
            if prefixed.timestamp is not None or framing is None or not (framing.has_time or framing.relative) \
                    or prefixed.relative:
                return None
            # only the uptime is missing ("web1 kernel: [<c0144f5a>] ...", or dmesg -H's "[  +0.000012]")
            text = prefixed.body
        if self.trace_target is None:  # no trace runs yet: only its opener
            return text if text.lstrip().startswith(("Call Trace:", "Call trace:")) else None
        return text if OWN_TRACE_LINE.match(text) else None

    def finish(self):
        held = self.held
        self.held_frame = None
        if held is not None:
            self.held = None
            self._process(held)
        self._emit_pending_vmap()
        for report in list(self.open):
            self._close(report)
        if self.pending_suppressed:
            last = self.sink.last()
            if last is not None:
                last.suppressed += self.pending_suppressed
            else:
                self.unattributed_suppressed += self.pending_suppressed
            self.pending_suppressed = 0
        return self.sink

    # -- dispatch ----------------------------------------------------------
    def _line(self, lineno, text, pre, attach=True):
        if self.open and (text or pre.timestamp is not None or pre.wallclock is not None):
            self.last_text = lineno
            if attach and not self.open[-1].logged_after:
                if self.open[-1].copy_of is not None:
                    self._copy_told(self.open[-1], text)
                self._logged_after()  # (a quoted empty line, ">" alone, is a blank line of the post: no log line)
        if self.pending_vmap is not None and self.pending_vmap[2] is not None:
            self._confirm_vmap(lineno, text, pre)
        if "vma" in text and self._vmalloc_line(lineno, text, pre):  # "vmalloc:", "vmap allocation"
            return
        if self.pending_vmap is not None and not self.open and "omm: " in text:  # "Comm: ", "comm: "
            self._vmap_task_line(text, pre)
        if "callbacks suppressed" in text:
            match = P.SUPPRESSED.match(text)
            if match and P.ALLOC_RATELIMITED_FUNCS.match(match.group("func")):
                self.pending_suppressed += _int(match.group("count")) or 0
                self.ratelimit_line = lineno
                return
        if attach and self.open and pre.timestamp is not None and self._before_every_open_report(pre):
            attach = False  # printed before every open report's header (a trace pasted from earlier on): none's line
        if attach and self.open:
            # The first character after the blanks: most patterns _report_line tries are anchored there
            # (^\s*), so it rules them out without scanning a long line for their words (\s is isspace()).
            lead = text[:1]
            if lead.isspace():
                lead = text.lstrip()[:1]
            if "oom-killer:" in text and P.OOM_KILLER.match(text):
                self._end_reports_framed(self.framing.signature)
                return
            found = self._mode_piece(lineno, text, pre) if lead == "," else self._report_line(text, pre, lead)
            if found:
                if found is not _NOISE and self.unproven:
                    self._evidence()
                return
        self._unclaimed(lineno, text)

    def _unclaimed(self, lineno, text):
        """The rest of :meth:`_line` for a line no open report took: an elision mark, a header's piece, or idle."""
        if self.open and ("..." in text or "snip" in text or "\u2026" in text) and (
                P.ELISION.match(text) or P.ELISION.match(text[_outer_lead_end(self.framing.outer, text):])
                or self.framing.regex is not None and P.ELISION.match(text[_regex_end(self.framing.regex, text):])):
            # (also behind the outer part's first layers: "root@web1:~# [...]", or the whole outer part without the
            # log prefix a date-alone header stands behind: "     4\t[...]" under "     3\t2017-01-18T13:28:41...")
            self.open[-1].elided = True
            return
        self._maybe_piece(lineno, text)

    def _end_reports_framed(self, signature):
        """out_of_memory()'s dump_header() ("X invoked oom-killer: gfp_mask=...") starts another report
        with its own task line, trace and Mem-Info: the reports open in that framing are done (a trace
        cut by it must not take the OOM report's Mem-Info)."""
        for report in list(self.open):
            if report.framing.signature == signature:
                self._close(report)

    def _evidence(self):
        """A report line in the newest framing: its provisional headers are reports."""
        shape, kind = self.framing.shape, self.framing.signature[1:]
        for report in self.open:
            # (a line behind a log prefix, or one with a time, proves no header quoted without them: the
            # kernel prints a report's lines in the log that printed its header)
            if not report.evidence and report.framing.shape == shape and report.framing.signature[1:] == kind:
                report.evidence = True
                self.unproven -= 1

    def _words_repeated(self, line):
        """The first non-blank line after headers behind words: when it starts with their words too,
        the words are the lines' prefix (a shell prompt before every line, blank lines between), not
        a sentence quoting a header (framing._settled looks at the lines right before and after)."""
        if not line.strip() or all(not line[outer_lead_end(report.framing.outer, line.rstrip() + " "):].strip()
                                   for report in self.word_doubts):
            return  # (a blank line, or one holding the outer layers of their prefix only: "17: ", numbered)
        for report in self.word_doubts:
            if not report.closed and not report.evidence and repeats(report.framing, line):
                report.evidence = True
                self.unproven -= 1
        self.word_doubts = []

    def _split_repeated(self, line):
        """The first non-blank line after headers whose comm of several words no next line chose (a blank
        line after them): when it starts with the first words of such a comm (``A Call Trace: ...`` below
        ``A swapper: page allocation failure ...``), they are the prefix every line carries, the comm the
        rest (framing.repeated_split)."""
        for report, alternatives in self.split_doubts:
            choice = None if report.closed or report.has_task else repeated_split(alternatives, line)
            if choice is None:
                continue
            framing, comm = choice[0], choice[2]
            if framing.provisional and not framing.words_only:
                continue  # (a list item's sign, not words the lines repeat)
            framing.provisional = framing.words_only = False
            if self.framing is report.framing:
                self.framing = framing
            report.framing, report.event.comm = framing, comm_and_pid(comm)[0]
        self.split_doubts = []

    def _log_lines_behind_words(self, framing):
        """Syslog header lines one after another behind the same words (a shell prompt, a second log
        prefix): an excerpt of a log file, not sentences quoting one."""
        for report in self.open:
            if report.framing.signature == framing.signature:
                framing.provisional = False
                if not report.evidence:
                    report.evidence = True
                    self.unproven -= 1

    def _maybe_piece(self, lineno, text):
        at, match = 0, P.COMM_PIECE.match(text)
        if match is None and text.endswith((": ", ":")) and text[:1] in _QUOTE_SIGNS:
            # behind a quote and a log prefix the open framing does not hold ("> > > [335170.452601] rsync: ",
            # a wrap cut between a netconsole receiver's prefix and the uptime): the piece is after them
            lead = len(text) - len(text.lstrip(" \t>|"))
            pre = split_prefix(text[lead:])
            if pre.known and pre.kernel:
                at = len(text) - len(pre.body)
                match = P.COMM_PIECE.match(pre.body)
        if match and "\t" in match.group("comm"):  # a tab ends a paste's line number ("    14\trsync: "): no comm's
            at += match.start("comm") + match.group("comm").rindex("\t") + 1
            match = P.COMM_PIECE.match(text[at:])
        if match and _comm_piece(match):
            pending = [piece for piece in self.pending_comms if lineno - piece[1] <= PIECE_WINDOW]
            self.pending_comms = pending[-3:] + [(match.group("comm"), lineno, text[:at + match.start("comm")])]
            return
        if match is None and text[-1:] in ": " and text.rstrip(" \t")[-1:] == ":":
            # behind an outer part no report taught yet (an indentation, a paste's line number or a prompt before the
            # log prefix: "  [ 6204.372355] swapper/3: "): the comm-less header's own framing reads it (_piece_comm)
            raw = [piece for piece in self.raw_pieces if lineno - piece[0] <= PIECE_WINDOW]
            self.raw_pieces = raw[-3:] + [(lineno, text)]
        self._idle_tick()

    def _piece_comm(self, lineno, framing):
        """The comm of a header printed without one (4.9/4.10 pr_cont pieces): the ``COMM: `` piece
        of the last few lines when exactly one is waiting.  Two CPUs' pieces interleaved without
        printk caller ids leave several: which is this header's cannot be told from the text (the
        task line that dump_stack() prints after the header names it, see _task_line).  A piece that
        is all the header's outer prefix, or its outermost layers, is an empty line behind it (``6: `` above
        ``7: [ 1.0] page allocation failure: ...`` or ``7: > [ 1.0] ...`` when a paste numbered its lines), no comm."""
        regex = framing.regex
        for number, text in self.raw_pieces:
            read = framing.read(text) if lineno - number <= PIECE_WINDOW else None
            match = P.COMM_PIECE.match(read.body) if read is not None and read.known == framing.known else None
            if match is not None and _comm_piece(match):
                at = len(text) - len(read.body) + match.start("comm")
                self.pending_comms.append((match.group("comm"), number, text[:at]))
        self.raw_pieces = []
        pending = [piece for piece in self.pending_comms if lineno - piece[1] <= PIECE_WINDOW
                   and (regex is None or regex.fullmatch(piece[2] + piece[0] + ": ") is None
                        and outer_lead_end(framing.outer, piece[2] + piece[0] + ": ") != len(piece[2] + piece[0]) + 2)]
        self.pending_comms = pending
        if len(pending) != 1:
            return None
        self.pending_comms = []
        return pending[0][0]

    def _idle_tick(self):
        for report in list(self.open):
            report.idle += 1
            limit = MAX_IDLE_AFTER_MEM if report.mem_ended else MAX_IDLE
            if report.idle > limit:
                self._close(report)

    # -- headers -----------------------------------------------------------
    def _vmalloc_line(self, lineno, text, pre):
        """3.10's vmalloc line before a header, and alloc_vmap_area()'s message."""
        if P.VMALLOC_LINE.match(text):
            if not self._vmalloc_after_report(lineno):
                self.pending_vmalloc = lineno
            return True
        vmap = "vmap allocation" in text or "out of vmalloc" in text  # (2.6.27-: "allocation failed: out of vmalloc ...")
        if vmap:
            match = P.VMAP_FAILED_ANYWHERE.search(text)
            if match is not None and message_in_sentence(text[:match.start()], text[match.start():]):
                return True  # quoted inside a sentence, as a header would be (prose): no event
        if P.VMAP_FAILED.match(text) or vmap and self._vmap_behind_prefix(text):
            if not pre.known:  # behind an indentation or a quote: the log prefix after them still gives its time
                inner = split_prefix(text.lstrip(" \t>|"))
                if inner.known and inner.kernel:
                    pre = inner
            elif pre.timestamp is None and pre.wallclock is None and pre.host is None:
                inner = split_prefix(pre.body)  # a bare tag stacked on the log line ("kernel: thales kernel: ..."):
                if inner.known and inner.kernel:  # the line's own prefix gives its time and host
                    pre = inner
            self._emit_pending_vmap()
            self.pending_vmap, self.vmap_age = (lineno, pre, None), 0
            return True
        if vmap:
            match = P.VMAP_FAILED_ANYWHERE.search(text)
            framing = behind_words(text[:match.start()]) if match is not None else None
            if framing is None and match is not None and not list_item(text[:match.start()]):
                # ... or before the message without a time (journalctl -o cat behind a shell prompt pasted on every
                # line: "root@web1:~# vmap allocation for size 36864 failed: ..."): so does the next line; also behind
                # a log prefix (``text`` is its body), the post logged again ("kernel: > Jul 16 00:01:10 [kernel] vmap
                # ...": metalog's head quoted, then re-logged), whose next line repeats the words after its own prefix
                framing = behind_words_alone(text[:match.start()])
            if framing is not None:  # words before a log prefix: the next line decides (_confirm_vmap)
                self._emit_pending_vmap()
                self.pending_vmap, self.vmap_age = (lineno, framing.read(text) or pre, framing), 0
                return True
        return False

    def _vmalloc_after_report(self, lineno):
        """2.6's mm/vmalloc.c __vmalloc_area_node() prints "vmalloc: allocation failure, allocated %ld of %ld
        bytes" at its fail: label, *after* the page allocator's own report of the page alloc_page() could not
        get (no __GFP_NOWARN before 3.0); 3.0+ prints it *before* the header (warn_alloc_failed(fmt)).  So after
        a report in 2.6's form (the period of "failure. order:", 2.6 only) the line is that report's: it becomes
        a vmalloc failure, and the next header is left alone."""
        report = self.open[-1] if self.open else None
        if report is not None:
            event, period = report.event, (report.rest or "").startswith(".")
        else:
            event = _read_now(self.sink.last())  # (its era)
            period = event is not None and event.gfp_era == "2.6.32" and event.line is not None \
                and lineno - event.line <= SLAB_REACH_LINES
        if event is None or not period or event.kind != "page-allocation-failure":
            return False
        event.kind = "vmalloc-failure"
        return True

    def _confirm_vmap(self, lineno, text, pre, framing=None):
        """A vmap line behind words (a shell prompt) is a log line when the next line (the one after
        its wrapped rest) repeats the words before a log prefix of the same form (``framing``: a
        header's); otherwise it was a sentence quoting the message, dropped."""
        first, vmap_pre, words = self.pending_vmap
        if lineno == first:
            return
        lineno -= sum(first < note < lineno for note in self.repeat_notes)  # (a daemon's repeat note between: no line)
        if framing is not None:
            same = framing.signature == words.signature
        else:
            read = words.read(text)
            same = read is not None and read.kernel and (read.known or not words.known)  # (words alone: repeated)
        if same and lineno <= first + 3:
            self.pending_vmap = (first, vmap_pre, None)
        elif lineno > first + 2 or framing is not None or not text.strip() or _words_before_other_text(words, text) \
                or lineno == first + 2 and not _vmap_piece(words, text):
            self.pending_vmap = None
        # (else a line right after it without the words, or re-quoted with them: its wrapped rest, and a second piece
        # of it when a second wrap cut the message again; the line after them decides)

    @staticmethod
    def _vmap_behind_prefix(text):
        """alloc_vmap_area()'s message behind an indentation, a quote or a log prefix (no words)."""
        match = P.VMAP_FAILED_ANYWHERE.search(text)
        if match is None:
            return False
        before = text[:match.start()].lstrip(" \t>|")
        if not before:
            return True
        pre = split_prefix(before)
        if pre.known and not pre.body.strip():
            return True
        # ... or behind signs and numbers only, no list item's marker (a paste's line number "     6\t", a hex
        # counter "0416D < 4> " before a log tool's text without times: journalctl -o cat numbered)
        # (a log prefix after them: behind_words reads its time, _vmalloc_line's next branch)
        return all(_HEX_TOKEN.fullmatch(token) or not any(c.isalpha() for c in token) for token in before.split()) \
            and not list_item(before) and behind_words(before) is None

    def _emit_pending_vmap(self, joined=False):
        """A "vmap allocation ... failed" line is its own event unless a vmalloc header follows."""
        pending, self.pending_vmap, self.vmap_age = self.pending_vmap, None, 0
        named, self.vmap_comm = self.vmap_comm, None
        if pending is not None and not joined and pending[2] is None:
            event = self._new_event("vmalloc-failure", pending[0], pending[1])
            if named is not None and named[0] == pending[0]:
                event.comm = named[1]
            self._emit(event, truncated=False)

    def _vmap_task_line(self, text, pre):
        """A task line right after a "vmap allocation ... failed" line, no header between them: alloc_vmap_area()
        printed that line, then __vmalloc_node_range()'s warn_alloc() the vmalloc report's header and dump_stack()
        this task line, so the header was lost on the way (an excerpt cut it, a message was dropped) and the
        task line names the failure's task.  Only the next line or two (another CPU's line may come between),
        printed at the same moment where both carry an uptime; a vmap line behind words waits (_confirm_vmap)."""
        first, vmap_pre, framing = self.pending_vmap
        if framing is not None or self.vmap_age > 2 or self.vmap_comm is not None:
            return
        match = P.TASK_IN_LINE.search(text)
        if match is None:
            return
        if not pre.known:  # behind an indentation or a quote, like the vmap line (_vmalloc_line)
            pre = split_prefix(text[:match.start()].lstrip(" \t>|"))
        if vmap_pre.timestamp is not None and pre.timestamp is not None \
                and not 0 <= pre.timestamp - vmap_pre.timestamp <= LATE_SECONDS:
            return
        self.vmap_comm = (first, match.group("comm").strip())

    def _header(self, lineno, hit, learned):
        """Open a report for a header hit; False when the text is no header after all."""
        framing, pre, comm = learned
        if not pre.kernel:
            return False
        if self.pending_vmap is not None and self.pending_vmap[2] is not None:
            self._confirm_vmap(lineno, None, pre, framing)
        if self.pending_vmap is not None and self.vmap_age > PIECE_WINDOW:  # (a wrapped line counts once)
            self._emit_pending_vmap()
        if hit.slab:
            return self._slab_header(lineno, hit, framing, pre)
        if hit.what == "vmalloc: allocation failure" and comm is None \
                and P.VMALLOC_LINE.match(hit.line[hit.what_start:]):
            if not self._vmalloc_after_report(lineno):
                self.pending_vmalloc = lineno
            return True
        kind, order = self._header_kind(lineno, hit)
        if kind is None:
            return False  # prose mentioning "page allocation failure", not a header
        if hit.era24:
            order = P.ALLOC_PAGES_24.match(hit.line, hit.what_start)
        self._emit_pending_vmap(joined=kind == "vmalloc-failure" and self.pending_vmap is not None)
        self.pending_vmalloc = None
        if lineno - 1 == self.header_end and self._echoed(pre, comm, hit.rest):
            return True
        if self.open and self.open[-1].copy_of is not None:
            self._keep_copy(self.open[-1])  # a header, no log line, after the copy: a flood's records, each counted
        held = self._drop_repeat(pre, comm, hit.rest, lineno)
        if framing.provisional and framing.tagged and self.open:
            self._log_lines_behind_words(framing)
        elif framing.words_only and self.open and any(report.evidence and report.framing.shape == framing.shape
                                                      for report in self.open):
            framing.provisional = framing.words_only = False  # words a report's lines proved a prefix (a prompt), again
        self._end_reports_before(lineno, framing.signature)
        if comm is None and (self.pending_comms or self.raw_pieces) and not hit.era24:
            comm = self._piece_comm(lineno, framing)
        self._open_report(self._new_report(kind, lineno, pre, framing, comm, order, hit.rest))
        if held is not None:
            self.open[-1].copy_of = held
        if hit.doubted and comm == learned[2]:
            self.split_doubts.append((self.open[-1], hit.doubted))
        return True

    def _header_kind(self, lineno, hit):
        """``(kind, order match)`` of a header hit; kind None when it has no order (prose)."""
        what, rest = hit.what, hit.rest
        if hit.era24:
            return "page-allocation-failure", None  # its order stands in its fixed words
        order = P.ORDER.search(rest)
        if order is None and what == "vmalloc error: size %s" % hit.vsize:
            order = P.VMALLOC_PAGE_ORDER.search(rest)
        if order is None and not what.startswith("vmalloc"):
            return None, None
        if what == "vmemmap alloc failure":
            return "page-allocation-failure", order  # warn_alloc() for the memmap's pages of that order
        if what.startswith("page allocation failure"):
            vmalloc = self.pending_vmalloc is not None and lineno - self.pending_vmalloc <= PIECE_WINDOW
            return ("vmalloc-failure" if vmalloc else "page-allocation-failure"), order
        if what.startswith("page allocation stalls"):
            return "allocation-stall", order
        return "vmalloc-failure", order

    def _end_reports_before(self, lineno, signature):
        """A new header ends reports whose Mem-Info already started, and bare headers left behind
        (no task line or trace within a few lines: a pre-filtered log, or a flood of headers).
        Reports in another framing cannot get lines any more, nor can a quoted header that no
        report line followed (but a 4.9 header piece behind a log prefix, its comm and mode not seen yet,
        waits a few lines: another CPU's header may come between its pieces and its report lines)."""
        for report in list(self.open):
            if report.held_copy:
                continue  # (an earlier copy of the header just read: what follows that copy tells, _drop_repeat)
            # (the tests a report whose trace started answers first: a dense 4.9 log keeps dozens of stall reports open)
            if report.mem_started or report.framing.signature != signature or not report.evidence and not (
                        report.event.comm is None and report.mode_missing and report.framing.known
                        and lineno - (report.event.line or 0) <= PIECE_WINDOW) \
                    or not report.trace_started and (report.release_hint == _ALLOC_PAGES_24_RELEASE or not report.has_task
                                                     and lineno - (report.event.line or 0) > STALE_HEADER_LINES):
                self._close(report)

    def _new_report(self, kind, lineno, pre, framing, comm, order, rest):
        """The report a header opens, with what its own line says."""
        event = self._new_event(kind, lineno, pre)
        event.comm, event.pid = comm_and_pid(comm) if comm else (None, None)
        event.order = _int(order.group("order")) if order else None
        report = _Report(event, framing)
        report.rest = rest
        report.printer = _caller(pre)
        if not report.evidence and _GLUED_REPORT.search(rest):
            report.evidence = True
        if rest.startswith("."):
            report.release_hint = _PERIOD_HEADER_RELEASE
        mode = P.MODE.search(rest)
        if order is not None and order.re is P.ALLOC_PAGES_24:
            # 2.4: the mask in "(gfp=0x%x/%i)" (none before 2.4.10, by design: not missing); comm null,
            # the kernel printed none (the words before the function's name are the line's prefix)
            report.release_hint = _ALLOC_PAGES_24_RELEASE
            if order.group("mode"):
                self._set_mode(report, order)
        elif mode:
            self._set_mode(report, mode)
        else:
            report.mode_missing = kind != "vmalloc-failure"
        event.suppressed, self.pending_suppressed = self.pending_suppressed, 0
        return report

    def _echoed(self, pre, comm, rest):
        """A header without the time its newest predecessor has, right after the same header, is that
        record printed twice (the console's copy pasted under the log's): one report."""
        newest = self.open[-1] if self.open else None
        if newest is None or newest.has_task or newest.rest != rest or (newest.event.comm or None) != (
                comm.strip() if comm else None):
            return False
        framing = newest.framing
        return framing.has_time and pre.timestamp is None or (framing.has_wall or framing.relative) \
            and pre.wallclock is None and not pre.relative

    def _drop_repeat(self, pre, comm, rest, lineno=None):
        """An open header-only report with the same uptime and header, other text between them, is
        this printk record pasted twice (quoted above the log): the copy that reads on is kept.
        (Identical headers back to back are a flood, each one counted.)  A syslog time without an
        uptime names a whole second, which a flood's records share: the same record only when no line
        of the log came between the copies (a post quoting the header, then the log it came from).
        With blank lines alone between them (no sentence of a post) the copies are also a flood's records
        double-spaced (a paste with a blank line under each line): what follows the later copy tells, so the
        earlier one is held (returned) until then: a line of the log after it, the log the header was quoted
        above (dropped, _logged_after); another header first, a flood (kept, _keep_copy)."""
        timestamp = pre.timestamp
        if timestamp is None and pre.wallclock is None:
            return None
        for report in self.open:
            if report.has_task:  # (most: a dense 4.9 log keeps dozens of stall reports open, their trace over)
                continue
            event = report.event
            if timestamp is not None:
                if event.timestamp != timestamp:
                    continue
            elif not (event.timestamp is None and event.wallclock == pre.wallclock and event.host == pre.host
                      and not report.logged_after):
                continue
            if report.idle and not report.trace_started and not report.frames \
                    and (event.comm or None) == (comm.strip() if comm else None) and report.rest == rest:
                if timestamp is not None or lineno is None or event.line < self.last_text < lineno or report.held_copy:
                    self._drop_copy(report)  # (text between them: a post's sentence, not a flood's spacing)
                    return None
                report.held_copy = True
                return report
        return None

    def _drop_copy(self, report):
        """Drop a header-only report that was the same record pasted again (_drop_repeat)."""
        report.held_copy = False
        if report.evidence:
            self.unproven += 1
            report.evidence = False
        self._close(report)  # a report without evidence is dropped, not emitted

    def _copy_told(self, later, text):
        """The first line of the log after a header copy: dump_stack()'s first line (warn_alloc() calls it right
        after the header) makes the copy the record the earlier one quoted; any other line, a flood's neighbour."""
        if _opens_dump(text):
            self._drop_quoted_copy(later)
        else:
            self._keep_copy(later)

    def _drop_quoted_copy(self, later):
        """A line of the log came after the copy ``later``: the earlier copy it held was quoted above the log."""
        earlier, later.copy_of = later.copy_of, None
        if earlier.held_copy:
            self._drop_copy(earlier)

    def _keep_copy(self, later):
        """The header after ``later`` came before any line of its log: the copy ``later`` held is a flood's record."""
        earlier, later.copy_of = later.copy_of, None
        if earlier.held_copy:
            earlier.held_copy = False
            self._close(earlier)

    def _logged_after(self):
        """A line read in the newest open report's framing (or a trace line it takes): a line of the log
        came after the open headers.  (From the newest back: a report this marked, unless reopened since, was marked
        with every report before it, which all stay marked: a dense 4.9 log keeps dozens of stall reports open.)"""
        if self.open and self.open[-1].copy_of is not None:
            self._drop_quoted_copy(self.open[-1])
        for report in reversed(self.open):
            if report.logged_after and not report.reopened:
                break
            report.logged_after = True

    def _open_report(self, report):
        if self.late is not None and self.late.framing.signature == report.framing.signature:
            self.late = None  # a header in the same framing: a task line after it may be its own
        if len(self.open) >= MAX_OPEN:
            self._close(self.open[0])
        self.open.append(report)
        target = self.trace_target
        if target is not None and target.trace_started and not target.has_task \
                and target.framing.signature == report.framing.signature and report.event.kind == "page-allocation-failure":
            # a header after a running trace of a report without a task line (2.6.x up to 2.6.2x printed none),
            # in its framing: that dump_stack() is over, and the frames that follow without an opener (2.6.9-2.6.1x
            # i386 printed none) are this report's.  (With task lines, a header inside another CPU's trace leaves
            # it running: 4.9's interleaved pieces; the next task line or opener names the target.)
            self.trace_target = None
        self.framing = report.framing
        self.unproven += not report.evidence
        if not report.evidence and report.framing.words_only:
            self.word_doubts.append(report)

    def _slab_header(self, lineno, hit, framing, pre):
        """A SLUB/SLAB "Unable to allocate memory" line: part of the report
        it follows, or its own event when no page allocation report precedes it."""
        kind = _slab_kind(framing)
        gfp = P.SLAB_GFP.search(hit.rest)
        # A vmalloc failure's report holds no SLUB/SLAB block: its pages come from the page allocator one by one,
        # and a failed kmalloc of its page array prints its block before vmalloc's warning (mm/vmalloc.c
        # __vmalloc_area_node(): kmalloc_node(), then warn_alloc()), so a block after the report is another
        # failure's, however far the lines' stamps can be compared (a post's netconsole records after its dmesg).
        owners = [r for r in self.open if _bare_kind(r) in (None, kind) and not _later(r.event, pre)
                  and not self._before_ratelimit(r.event) and r.event.kind != "vmalloc-failure"]
        # an open report this line cannot belong to: the line is another allocation's, printed into it
        interrupted = any(self._not_its_slab(r.event, r.names, r.rest, gfp) for r in owners)
        if interrupted:
            owners = [r for r in owners if not self._not_its_slab(r.event, r.names, r.rest, gfp)]
        # A page allocation report that holds a block but whose trace is still to come (its task line or
        # "Call Trace:" read, no frame, no Mem-Info) is not done: its own block would print after all of it
        # (slab_out_of_memory() after warn_alloc() returns), so the block it holds and this one are other
        # CPUs' failures printed into it, and its frames are yet to come (LTP pty04 on 5.7: nine SLUB blocks
        # between reproducer's header, task line, "Call Trace:" and its first frame).  It stays open; this
        # line is a failure of its own.
        waiting = [r for r in owners if _slab_printed_before_body(r)]
        if waiting:
            interrupted = True
            owners = [r for r in owners if r not in waiting]
        if owners:
            # A page allocation report whose own block was printed, its cache line read, is done: mm/slub.c
            # and mm/slab.c print one block per failed slab allocation, after the page allocator's report
            # (allocate_slab() / cache_grow_begin() return NULL, then slab_out_of_memory()), so another
            # SLUB line is another failure (its page allocation's report held back by warn_alloc()'s rate
            # limit or by __GFP_NOWARN).
            for report in owners:
                if report.event.kind == "page-allocation-failure" and report.event.slab is not None \
                        and report.event.slab.cache is not None:
                    self._close(report)
            owners = [r for r in owners if not r.closed]
        if owners:
            # Another SLUB line after slab-only reports: a new failure.  Those that printed their cache
            # line are complete; one still waiting for it stays open (CPUs print their SLUB lines
            # interleaved: several headers, then their cache lines, oldest first).
            if not all(r.event.kind == "slab-allocation-failure" for r in owners):
                return False
            for report in owners:
                if report.event.slab.cache is not None:
                    self._close(report)
        last = _read_now(self.sink.last())  # (its mode and atomicity: asked below)
        if last is not None and last.line is not None and lineno - last.line - last.line_shift <= SLAB_REACH_LINES \
                and last.slab is None and last.kind != "vmalloc-failure" and not interrupted \
                and not self._before_ratelimit(last) \
                and self.emitted_bare in (None, kind) and not _later(last, pre) \
                and not (gfp and last.atomic is False and self._slab_atomic(gfp, last.kernel)) \
                and not (last.kind == "page-allocation-failure" and slab_never_asks(last.gfp_mask, last.gfp_era)):
            last.slab = SlabInfo(cache=None, object_size=None, min_order=None)
            return True
        event = self._new_event("slab-allocation-failure", lineno, pre)
        event.slab = SlabInfo(cache=None, object_size=None, min_order=None)
        report = _Report(event, framing)
        if gfp:
            self._set_mode(report, gfp)
        report.mem_started = True  # its lines are the cache/node lines that follow
        self.mem_target = report
        self._open_report(report)
        return True

    def _before_ratelimit(self, event):
        """Whether the header of ``event`` came before the newest page allocator rate-limit notice: the notice
        starts another failure's report (lib/ratelimit.c prints it in the call it lets through), so a SLUB/SLAB
        block after it is that failure's or one whose header the limit held back (mm/slub.c and mm/slab.c rate
        their blocks apart: "__slab_alloc: 23956 callbacks suppressed"), never the earlier report's, which
        printed its own block, if any, before the next warn_alloc() call could print the notice."""
        return self.ratelimit_line is not None and event.line is not None and event.line < self.ratelimit_line

    def _not_its_slab(self, event, names, rest, gfp):
        """Whether a SLUB/SLAB line with ``gfp`` cannot report the slab of the open page allocation report
        ``event``: the slab's request cannot sleep while the report's mode can.  The slab allocator asks the
        page allocator with the request's flags, bits removed (gfp_allowed_mask) or added that never let it
        sleep (__GFP_COMP, __GFP_NOWARN, __GFP_NORETRY, the cache's allocflags: mm/slub.c allocate_slab(),
        mm/slab.c cache_grow_begin()), so such a line is another allocation's failure printed into the
        report (another CPU's, its page allocation quiet with __GFP_NOWARN): a GFP_ATOMIC skbuff_small_head
        block inside kswapd0's GFP_KERNEL report.  Nor can it when the report's mode carries a bit no slab
        allocator asks the page allocator for (gfp.SLAB_NEVER_ASKS: __GFP_ZERO, __GFP_HIGHMEM, __GFP_MOVABLE):
        thp04's GFP_KERNEL_ACCOUNT|__GFP_ZERO header before ten skbuff_head_cache blocks (LTP on 5.4, s34-holdAC).
        Unknown either way: the report's, as before."""
        if event.kind != "page-allocation-failure" or event.gfp_mask is None \
                or plausible.problems(None, event.gfp_mask):
            return False  # (a mask no kernel prints is never reasoned from: pagealloc.kernlog.plausible)
        kernel = event.kernel or self.kernel_hint or self.kernel_seen
        if not names and cut_mode.reason(rest, event.gfp_mask, event.kernel, kernel) is not None:
            return False  # a mask the paste cut short
        decoded = decode_gfp(event.gfp_mask, names, kernel, since=header_since(rest))
        if slab_never_asks(event.gfp_mask, decoded.era):
            return True  # a request no slab allocator makes (gfp.SLAB_NEVER_ASKS): the block is another's
        if gfp is None or plausible.problems(None, gfp.group("mode")) or not self._slab_atomic(gfp, kernel):
            return False
        return decoded.atomic is False

    @staticmethod
    def _slab_atomic(gfp, kernel):
        """Whether a SLUB/SLAB line's ``gfp=`` (a SLAB_GFP match) is a request that cannot sleep."""
        return decode_gfp(gfp.group("mode"), gfp.group("names"), kernel).atomic is True

    def _new_event(self, kind, lineno, pre):
        # (line: the read number while the report is open; _emit gives the file line)
        return FailureEvent(kind=kind, source=self.source, line=lineno, timestamp=pre.timestamp,
                            wallclock=pre.wallclock, host=pre.host, cpu=pre.caller_cpu, stamped=pre.relative,
                            line_shift=lineno - self._file_line(lineno) if self.shifts else 0)

    @staticmethod
    def _set_mode(report, match):
        report.event.gfp_mask = match.group("mode").lower()
        report.names = match.groupdict().get("names")
        report.mode_missing = False

    # -- lines inside a report -----------------------------------------------
    def _report_line(self, text, pre, lead):
        """Attach a line to an open report; False when it belongs to none.  Cheap tests guard each
        regex (most lines are frames): substrings, or ``lead``, the first character after the blanks."""
        markers = ()
        if lead == "C" and "}" in text:
            opener = P.CALL_TRACE_AND_MORE.match(text)
            if opener:  # 2.6.x x86_64: the first frames on the opener's line
                self._start_trace(pre)
                text = text[opener.end():]
                lead = "<"
        if lead == "<" and text.find("<", 0, 12) >= 0:  # markers lead the line: "<IRQ> ", " </TASK>"
            markers = []
            marker = P.STACK_MARKER.match(text)
            while marker:
                markers.append(marker.group("name") if not marker.group("close") else "/" + marker.group("name"))
                text = text[marker.end():]
                marker = P.STACK_MARKER.match(text)
        if markers or "+" in text and ("+0x" in text or "/" in text or "}" in text) or " from " in text or ".c:" in text:
            if self._frame_line(text, pre, markers) or markers:
                return True
        elif "_" in text and ":" not in text and "=" not in text and P.FRAME_BARE.match(text) \
                and self._bare_frame_may_follow() and self._frame_line(text, pre, markers):
            # a bare symbol: an abridged trace's frame (patterns.FRAME_BARE, which matches no ":" or "=": the
            # Mem-Info lines' names hold "_" too, and the guard keeps them off the regex)
            return True
        if lead == "C" or lead == "P":
            match = P.TASK_NEW.match(text) or P.TASK_OLD.match(text)
            if match:
                self._task_line(match, pre)
                return True
        if "cpuset=" in text and P.CPUSET_LINE.match(text):
            return True
        if (lead == "C" or lead == "B") and P.CALL_TRACE.match(text):  # ("Stack:" is noise here)
            self._start_trace(pre)
            return True
        if self._memory_line(text, lead):
            return True
        if P.SLAB_NODE.match(text) or P.TRACE_NOISE.match(text):
            return _NOISE
        return False

    def _start_trace(self, pre):
        """A trace opener: the newest report with a task line and no trace yet runs its trace (the report
        its printk caller id names, when the line has one)."""
        caller = _caller(pre)  # (a report whose header another caller printed is not this opener's)
        # (dump_stack() runs right after the header: an opener made LATE_SECONDS after a header that has no task
        # line is another dump's, a SysRq-W task list or a hung task minutes after a lone header, as _trace_report
        # tells a frame)
        target = self._latest(lambda r: r.has_task and not r.trace_started and _may_print(r, caller)) or self._latest(
            lambda r: not r.trace_started and _may_print(r, caller) and _own_dump(r, pre))
        if self.other_dump and (target is None or target.task_before_other or not target.has_task):
            # Another dump (an oops, a warning on another CPU) printed its task line while a report's trace
            # ran, and this is its opener: without printk caller ids the frames that follow may be any
            # running trace's (two CPUs' lines interleave), so none of them is taken (_frame_line).
            self.other_dump = False
            for report in self.open:
                report.task_before_other = False
                if report.trace_started and not report.mem_started and _may_print(report, caller):
                    report.interleaved = True
            self.trace_target = None
            self.trace_shut = True
            return
        if target:
            target.trace_started = True
            self.trace_target = target
            self.trace_shut = False

    def _mode_piece(self, lineno, text, pre):
        """A lone ``, mode:...`` piece (4.9/4.10 pr_cont) for the header that misses it.  A piece on its
        own line does not continue a header printed on the line right before it (pr_cont would have
        put it on that line): with several headers waiting, that rules one out; when it leaves more
        than one, the piece's owner cannot be told and the masks stay unknown."""
        if not P.MODE_PIECE.match(text):
            return self._report_line(text, pre, ",")
        mode = P.MODE.search(text)
        waiting = [report for report in self.open if report.mode_missing]
        if len(waiting) > 1:
            waiting = [report for report in waiting if report.event.line != lineno - 1]
        if mode and len(waiting) == 1:
            self._set_mode(waiting[0], mode)
        return True

    def _bare_frame_may_follow(self):
        """A symbol alone on its line may be a frame: a trace runs, or the line before was a report's own
        (its header, a frame); after other lines it is a wrapped sentence's last word (``Rozwiązane poprzez
        zwiększenie parametru`` / ``min_free_kbytes`` under a header quoted in a note)."""
        target = self.trace_target
        return target is not None and not target.closed or any(report.idle == 0 for report in self.open)

    def _frame_line(self, text, pre, markers):
        """A trace frame (any form, see patterns.FRAME*) for the report whose trace runs; True when taken."""
        target = self.trace_target  # the running trace, unless a printk caller id routes the line
        if target is None or target.closed or target.mem_started or pre.caller_cpu is not None \
                or pre.caller_task is not None:
            target = self._trace_report(pre)
        if markers and target:
            target.markers.extend(markers)
        frame = P.FRAME.match(text)
        if frame is not None:
            module, old_module = frame.group("module", "old_module")
            module = module or old_module
        else:
            frame = P.FRAME_ARM.match(text) or P.FRAME_ARM_NAMES.match(text) \
                or P.FRAME_DECODED.match(text) or P.FRAME_ANYWHERE.search(text) \
                or ("}" in text or None) and P.FRAME_BRACED.search(text) or P.FRAME_BARE.match(text) \
                or (target is not None and target.frames or None) and P.FRAME_CUT.match(text)
            if frame is not None and frame.re is P.FRAME_ANYWHERE and _DECIMAL_HALF.match(text, frame.end("func")):
                # i386 2.6.9-2.6.1x "[pg0+944968351/1069114368] e1000_alloc_rx_buffers+0x6f/0x3b0 [e1000]": the
                # bracketed half is print_symbol()'s own lookup, which names a module's code after the last
                # kernel symbol below it ("pg0", "gcc2_compiled."); the "+0x" half names the function
                frame = next((more for more in P.FRAME_ANYWHERE.finditer(text, frame.end())
                              if not _DECIMAL_HALF.match(text, more.end("func"))), frame)
            module = frame.group("module") if frame else None
        if frame is not None and frame.re is P.FRAME_ANYWHERE and target is not None and not target.has_task \
                and not target.trace_started and _sentence_before(text[:frame.start()]):
            # words before a frame's form, for a header with neither task line nor opener (a title quoted above a
            # post): a sentence citing a frame ("... frames '[71553.093687]: dump_backtrace+0xf4/0x118'"), no frame
            return False
        if frame is not None and target is not None and _opens_another_dump(frame.group("func"), target.frames):
            newer = self._dump_after(target) if len(self.open) > 1 else None
            if newer is None and not 0 <= text.find("? ") < frame.start("func"):
                # A trace never returns to its unwinder: a top frame printed for sure ("?" marks a stale word on
                # an x86 stack) after the trace's other frames opens another dump, whose header the text lacks
                # (a headless trace pasted under a report); its frames are none's (linux-arm-kernel 2020-05-15).
                target.trace_over = True
                self.trace_target = None
                self.trace_shut = True
                return True
            target = newer or target
        if target is not None and target.trace_over:
            target = None  # (a caller id routes the other dump's frames to the report: still none of its own)
        if not (frame and target):
            if frame is None or not self.trace_shut:
                return False
            # a frame after another dump's opener: that dump's or an interleaved trace's, taken by none; it
            # is no unrelated line (the interleaved reports' traces still run, their Mem-Info is to come)
            for report in self.open:
                if report.interleaved and not report.mem_started:
                    report.idle = 0
            return True
        if len(target.frames) < MAX_FRAMES:
            if "?" in text and 0 <= text.find("? ") < frame.start("func") or text[-1:] == ")" and "(unre" in text:
                target.unsure.append(len(target.frames))
            target.frames.append((frame.group("func"), module))
            # 32-bit ARM "callee from caller": the caller opens the next line, or ends the trace
            caller = P.ARM_CALLER.search(text, frame.end("func")) if " from " in text else None
            target.caller = (caller.group("func"), caller.group("module")) if caller else None
            if frame.re is P.FRAME_BRACED:  # several on a line
                for more in P.FRAME_BRACED.finditer(text, frame.end()):
                    if len(target.frames) < MAX_FRAMES:
                        target.frames.append((more.group("func"), more.group("module")))
            elif "..." in text or "\u2026" in text:
                # frames a person abridged onto one line: "warn_alloc+0xe8/0x180 ... fec_enet_rx_napi+0x4fc/0xb80"
                for more in P.FRAME_ANYWHERE.finditer(text, frame.end("func")):
                    between = text[frame.end("func"):more.start()]
                    if len(target.frames) < MAX_FRAMES and ("..." in between or "\u2026" in between):
                        target.frames.append((more.group("func"), more.group("module")))
        target.idle = 0
        return True

    def _dump_after(self, running):
        """The report whose dump_stack() a trace's top frame (the unwinder's) opens after ``running``'s other frames:
        a trace never returns to its unwinder, so the frame is a newer header's, printed without a task line or an
        opener (3.2 ARM: header, then "[<c0013a7c>] (unwind_backtrace+0x0/0xf0) from ..."), once one waits."""
        newer = self._latest(lambda r: r is not running and not r.frames and not r.has_task and not r.trace_started
                             and not r.mem_started and (r.event.line or 0) > (running.event.line or 0))
        if newer is not None:
            self.trace_target = newer
        return newer

    def _latest(self, predicate):
        for report in reversed(self.open):
            if predicate(report):
                return report
        return None

    def _trace_report(self, pre):
        if pre.caller_cpu is not None:  # printk caller id routes by CPU ("[ C3]") ...
            for report in reversed(self.open):
                if report.event.cpu == pre.caller_cpu and not report.mem_started and _own_dump(report, pre):
                    return report
        if pre.caller_task is not None:  # ... or by task ("[ T412]", process context)
            for report in reversed(self.open):
                if report.event.pid == pre.caller_task and not report.mem_started and _own_dump(report, pre):
                    return report
        # A report prints all its lines from one context, so with one caller id (printk_caller_id(): the
        # task's pid, or the CPU in interrupt context): a frame another caller printed is not its own.
        caller = _caller(pre)
        if caller is not None:  # ... or by the caller id of a report's header, when one report has it
            printed = [r for r in self.open if r.printer == caller and not r.mem_started and not r.interleaved
                       and _own_dump(r, pre)]
            if len(printed) == 1:
                return printed[0]
        target = self.trace_target
        if target is not None and not target.closed and not target.mem_started and _may_print(target, caller):
            return target
        if self.trace_shut:
            return None
        # (dump_stack() runs right after the header: a frame made LATE_SECONDS after a header that has neither task
        # line nor trace yet is another dump's, a post's example pasted far below a lone header)
        return self._latest(lambda r: not r.mem_started and not r.interleaved and _may_print(r, caller)
                            and _own_dump(r, pre))

    def _task_line(self, match, pre):
        comm = match.group("comm").strip()
        # The header printed current->comm, the task line prints it again: a
        # task line of another task (another warning's) is not this report's.
        # dump_stack() runs after the header's last piece (", mode:..."): a report still waiting for
        # it is not the one whose task line this is, while one that has it is.
        # dump_stack() prints right after the header, so the report's header was printed at the task line's
        # moment where both lines carry a time: a header of that comm printed long before (its own task line
        # snipped or dropped, "(...snipped...)", "** 56 printk messages dropped **") is not this one's.
        target = next((r for r in self.open if not r.has_task and r.event.comm == comm
                       and not _apart(r.event, pre)), None)
        if target is not None and target.trace_started and not target.mem_started:
            # its own task line after a trace it took: dump_stack() prints the task line first, so that
            # trace was another dump's (a panic or an oops on another CPU between the header and its own
            # dump_stack()); its own trace follows
            target.trace_started = False
            target.frames, target.markers, target.unsure, target.caller = [], [], [], None
        if target is None:
            # (a SLUB/SLAB block is no target: slab_out_of_memory() prints no stack, so a task line after one is
            # another dump's, an oops on another CPU printed into a run of blocks)
            nameless = [r for r in self.open if not r.has_task and r.event.comm is None
                        and r.event.kind != "slab-allocation-failure"]
            whole = [r for r in nameless if not r.mode_missing]
            if len({(r.event.order, r.event.gfp_mask) for r in whole}) > 1:
                # several whole headers without a comm, saying different things: the task line (and the
                # trace after it) may be any one's (the same header twice pairs up alike either way)
                for report in whole:
                    report.ambiguous = True
            target = (whole or nameless or [None])[0]
        if target is None:
            if any(r.trace_started and not r.mem_started for r in self.open):
                self.other_dump = True  # another task's dump_stack() while a trace runs (see _start_trace)
                for report in self.open:
                    report.task_before_other = report.has_task and not report.trace_started
            return
        if target.event.comm is None:  # the comm piece this header's own was
            self.pending_comms = [piece for piece in self.pending_comms if piece[0] != comm]
        event = target.event
        target.has_task = True
        event.comm = event.comm or comm
        event.pid = _int(match.group("pid"))
        if "cpu" in match.groupdict() and match.group("cpu") is not None:
            event.cpu = _int(match.group("cpu"))
        release = next((tok for tok in (match.group("rest") or "").split() if P.RELEASE_TOKEN.match(tok)), None)
        if release:
            event.kernel = release
            self.kernel_seen = release
        target.idle = 0
        self.trace_target = target

    def _memory_line(self, text, lead):
        """A line of a Mem-Info block (or the SLUB/SLAB lines after it); False when it is none.
        ``lead``: the first character after the blanks (see _line)."""
        if lead == "M" and P.MEM_INFO.match(text):
            self._mem_info_start(text)
            return True
        target = self.mem_target
        if target is not None and target.closed:
            target = None
        if target is None and self.open and ("per-cpu:" in text or " free:" in text or "Free pages:" in text
                                             or "kB" in text and "*" in text):
            target = self._mem_info_unannounced(text)
        if " free:" in text:
            match = P.ZONE.match(text)
            if match:
                if target:
                    if target.deferred is not None:
                        read_deferred(target)  # (the lines before this one first, in their order; so below)
                    target.event.zones.append(self._zone(target, match.group(*_ZONE_FIGURES), match.group("zone"), text))
                    target.idle = 0
                return True
        if lead == "l":
            match = P.LOWMEM_RESERVE.match(text)
            if match:
                if target:
                    if target.deferred is not None:
                        read_deferred(target)
                    _lowmem_reserve(target, match.group("values"))
                return True
        if "*" in text:
            match = P.BUDDY.match(text)
            if match:
                if target:
                    if target.deferred is not None:
                        read_deferred(target)
                    self._buddy(target, match.group("node"), match.group("zone"), match.group("counts"))
                return True
        if target is not None and text.rstrip().endswith(": empty"):
            match = P.BUDDY_EMPTY.match(text)
            if match:  # the zone printed, with no blocks to count: its buddy line all the same
                if target.deferred is not None:
                    read_deferred(target)
                target.event.buddy[buddy_key(_int(match.group("node")), match.group("zone"))] = {}
                target.idle = 0
                return True
        if lead.isdecimal() and P.MEM_END.match(text):
            if target:
                target.mem_ended = True
                target.idle = 0
                if target.deferred is None:
                    self._read_totals(target.event, text)
                else:
                    self._deferred_totals(target, text)
            return True
        if (lead == "S" or lead == "c") and self._slab_line(target, text):
            return True
        if target and lead == "N" and "all_unreclaimable" in text:
            node = P.NODE_STATE.match(text)
            if node:  # 4.8+: the node line carries the flag for the zone lines that follow
                if target.deferred is not None:
                    read_deferred(target)
                target.node_unreclaimable[_int(node.group("node"))] = _unreclaimable(text)
                target.idle = 0
                return True
        if target and ((self._read_totals(target.event, text) if target.deferred is None
                        else self._deferred_totals(target, text)) or P.MEM_BODY.match(text)):
            target.idle = 0
            return True
        return False

    @staticmethod
    def _deferred_totals(target, text):
        """_read_totals into ``target``'s event after its deferred lines: deferred too (whether read_line reads a
        line does not depend on the totals it reads into)."""
        if not mem_info.read_line(MemInfoTotals(), text):
            return False
        target.deferred.append(("totals", text))
        return True

    def _read_totals(self, event, text):
        """Read a Mem-Info totals line (pagealloc.kernlog.mem_info) into the event; False when it is none."""
        totals = event.mem_info
        if totals is not None:
            return mem_info.read_line(totals, text)
        # read_line changes nothing when it reads nothing: one spare object serves until a line is read
        if not mem_info.read_line(self.spare_totals, text):
            return False
        event.mem_info, self.spare_totals = self.spare_totals, MemInfoTotals()
        return True

    def _mem_info_unannounced(self, text):
        """A Mem-Info block that starts without its "Mem-info:" line (2.6.9-2.6.1x printed
        show_free_areas() right after the trace; a paste may also start at the zone lines, or keep only a
        buddy line after a "...." cut): its first per-cpu, zone or buddy line starts the block of the newest
        report whose trace ran, or whose lines after the header a person cut ("[...]" between the header and its
        zone line)."""
        per_cpu = P.PER_CPU.match(text)
        if not (per_cpu or P.ZONE.match(text) or P.BUDDY.match(text)):
            return None
        target = self._latest(lambda r: not r.mem_started and (r.trace_started or bool(r.frames) or r.elided))
        if target is not None:
            target.mem_started = True
            # the kernels that printed the block so printed no task line either (dump_stack() alone)
            target.no_task_line_era = bool(per_cpu)
            target.idle = 0
            self.mem_target = target
        return target

    def _mem_info_start(self, text):
        # The newest report whose trace ran and whose Mem-Info has not started: a report that
        # never printed its Mem-Info (a stall, a cut report) must not take a later report's block.
        target = self._latest(lambda r: not r.mem_started and r.trace_started) or self._latest(
            lambda r: not r.mem_started)
        if target:
            target.mem_started = True
            target.no_task_line_era = "Mem-info" in text
            target.idle = 0
            self.mem_target = target

    @staticmethod
    def _zone(target, figures, zone, text, flag=None):
        """The zone line ``text``'s watermarks: ``figures`` are patterns.ZONE's groups _ZONE_FIGURES, ``zone`` its name,
        ``flag`` the all_unreclaimable answer it prints when read already ("" for none)."""
        kb = _zone_kb_fields(text)
        # "-?\d+" or None each (the patterns): _int() only has the length bound left to apply; the kernel
        # prints them %lu, so a minus sign is no kernel number (a forged "min:-124kB" raised to "-2032 kB")
        node, free, wmin, low, high, boost, present, managed, cma, pcp, highatomic = [
            None if value is None or value[0] == "-" else int(value) if len(value) <= MAX_DIGITS else _int(value)
            for value in figures + (
                kb.get("present"), kb.get("managed"), kb.get("free_cma"), kb.get("free_pcp"),
                kb.get("reserved_highatomic"))]
        default = target.node_unreclaimable.get(node)
        if flag is None:
            flag = default if "all_unreclaimable" not in text else _unreclaimable(text, default)
        else:
            flag = flag == "yes" if flag else default
        return ZoneWatermarks(
            node=node, zone=zone, free_kb=free, min_kb=wmin, low_kb=low, high_kb=high,
            present_kb=present, managed_kb=managed, boost_kb=boost, free_cma_kb=cma, free_pcp_kb=pcp,
            reserved_highatomic_kb=highatomic,
            all_unreclaimable=flag)

    def _slab_line(self, target, text):
        """SLUB/SLAB "Unable to allocate" and its "cache:" line; False for other lines."""
        if "SLUB:" in text or "SLAB:" in text:
            if P.SLAB_OOM.match(text):
                slab_target = target or self._latest(lambda r: True)
                if slab_target:
                    slab_target.event.slab = SlabInfo(cache=None, object_size=None, min_order=None)
                    slab_target.idle = 0
                return True
        if "cache:" in text:
            match = P.SLAB_CACHE.match(text)
            if match and match.group("object_size") is None:
                return True  # cut after the cache name (a name perhaps cut too): the block's line, nothing to read
            if match:
                # the oldest report still waiting for its cache line (interleaved SLUB lines: FIFO), one in the
                # line's kind of framing first: slab_out_of_memory() prints both lines in one log, so a SLUB line
                # quoted without a log prefix (an issue title) does not take the cache line of one behind it
                # (the same framing before the same kind: a title behind the log prefix a tool put before every
                # line of the post is of the line's kind too, "kernel: SLUB: ..." above "kernel: 2024-01-27T... SLUB:")
                waiting = [r for r in self.open if r.event.slab is not None and r.event.slab.cache is None]
                owner = waiting[0] if waiting else None
                if len(waiting) > 1 and self.framing is not None:
                    signature = self.framing.signature
                    owner = next((r for r in waiting if r.framing.signature == signature), None) \
                        or next((r for r in waiting if r.framing.signature[1:] == signature[1:]), owner)
                if owner:
                    owner.event.slab = SlabInfo(
                        cache=match.group("cache"), object_size=_int(match.group("object_size")),
                        min_order=_int(match.group("min_order") or match.group("order")))
                return True
        return False

    @staticmethod
    def _buddy(report, node, zone, text, first=None):
        """A buddy line's figures into ``report``: patterns.BUDDY's groups node, zone and counts (``text``); ``first``:
        the first block's size and unit (patterns.BUDDY_COUNT's last groups) when read already."""
        key = buddy_key(_int(node), zone)
        # The block counts, order 0 first (BUDDY_COUNT's blocks, their counts alone: no tuple per block);
        # digits only, so no _int() beyond the length bound.
        counts = buddy_counts(text)
        if len(counts) <= len(_ORDERS) and max(map(len, counts), default=0) <= MAX_DIGITS:
            report.event.buddy[key] = dict(zip(_ORDERS, map(int, counts)))
        else:
            report.event.buddy[key] = {str(order): int(count) if len(count) <= MAX_DIGITS else None
                                       for order, count in enumerate(counts)}
        types = {str(order): letters for order, (_, letters) in enumerate(_BUDDY_TYPES.findall(text))
                 if letters} if "(" in text else None
        if types:
            report.event.buddy_types[key] = types
        elif report.event.buddy_types:
            report.event.buddy_types.pop(key, None)  # (the zone's line printed again, without types)
        if first is None:
            first = P.BUDDY_COUNT.match(text)
            first = first.group(2, 3) if first else None
        page_kb = mem_info.page_kb_from_buddy(first)
        if page_kb and report.event.mem_info is None:
            report.event.mem_info = MemInfoTotals()
        if page_kb and not report.event.mem_info.page_kb:
            report.event.mem_info.page_kb = page_kb
        report.idle = 0

    def read_every_deferred(self):
        """Read every deferred Mem-Info line now (open reports' and the last event's): the state is then the one
        reading them at once gives (split_feed.state_digest compares the states of parts whose sinks differ)."""
        for report in self.open:
            if report.deferred is not None:
                read_deferred(report)
            if report.lazy is not None:
                lazy_trace.replay(LAZY_PARTS, report)
        _read_now(self.sink.last())

    # -- output ------------------------------------------------------------
    def _close(self, report):
        if report.closed:
            return
        report.held_copy = False  # (closed before its copy's next line told, the input ended: a flood's record)
        report.closed = True
        self.open.remove(report)
        if self.trace_target is report:
            self.trace_target = None
        if self.mem_target is report:
            self.mem_target = None
        self.framing = self.open[-1].framing if self.open else None
        self.other_dump = self.other_dump and bool(self.open)
        self.trace_shut = self.trace_shut and bool(self.open)
        event = report.event
        if not report.evidence:  # a header quoted in text, with no report lines after it
            self.unproven -= 1
            self.pending_suppressed += event.suppressed
            return
        if event.kind == "slab-allocation-failure" and event.slab.min_order is not None:
            event.order = event.slab.min_order  # the order slab_out_of_memory() fell back to
        if report.ambiguous:  # which task line and trace were its own cannot be told: unknown
            event.comm = event.pid = event.cpu = None
            report.frames, report.markers, report.unsure, report.caller = [], [], [], None
        lazy = report.lazy  # its trace's lines, kept to be read later (lazy_trace)
        defer = not report.reopened and self._deferring()
        if lazy is not None and not defer:
            lazy_trace.replay(LAZY_PARTS, report)
            lazy = None
        if report.caller is not None and len(report.frames) < MAX_FRAMES:
            report.frames.append(report.caller)  # the last ARM line's caller: no line of its own
        event.call_trace = [name for name, _module in report.frames]
        # an event with a trace after the sink's first ones may be one the bound drops: its call path and mode are
        # read when the sink gives it out (_read_event; its title key asks neither: quoted_title._alone), or when a
        # later line asks the newest event's (_read_now); from the values it has now, as reading them now would
        later = (event.call_trace or lazy is not None) and defer
        trace = (report.frames, report.markers, report.unsure, (event.comm, event.pid))
        if not later:
            event.context, event.driver, event.in_interrupt = classify_trace(*trace)
        mode = None
        impossible = plausible.problems(event.order, event.gfp_mask)
        if impossible:  # kept as evidence, never reasoned from (pagealloc.kernlog.plausible)
            event.unusable = "; ".join(impossible)
            event.order = event.gfp_mask = None
        elif event.gfp_mask is not None and not report.names:
            cut = cut_mode.reason(report.rest, event.gfp_mask, event.kernel,
                                  event.kernel or self.kernel_hint or self.kernel_seen)
            if cut is not None:  # a mask the paste cut short is not read (pagealloc.kernlog.cut_mode)
                event.unusable, event.gfp_mask = cut, None
        if event.gfp_mask is not None:
            # With no release, the header's own form leaves out the eras before it (gfp.HEADER_DATES).
            event.header_since = header_since(report.rest)
            mode = (event.gfp_mask, report.names,
                    event.kernel or self.kernel_hint or report.release_hint or self.kernel_seen)
            if not later:
                _read_mode(event, mode)
            event.gfp_names_printed = bool(report.names)
        if report.reopened:  # its event was emitted once, and is changed in place (see _late_task_line)
            event.truncated = not report.complete()
            return
        self.emitted_bare = _bare_kind(report)
        truncated = not report.complete()
        lines = None
        if report.deferred is not None:
            if event.call_trace or lazy is not None:
                # read when the sink gives the event out (BoundedEvents.events): an event the bound drops is never
                # read.  Before that only its title key is asked (quoted_title), which a trace answers alone.
                lines = report.deferred
                report.deferred, report.deferred_zone = None, False
            else:
                read_deferred(report)
        if lazy is not None:
            event.deferred = (_read_lazy_event, lazy, report.framing, trace, mode, report.node_unreclaimable, lines)
        elif later:
            event.deferred = (_read_event, trace, mode, report.node_unreclaimable, lines)
        elif lines is not None:
            event.deferred = (_read_lines, report.node_unreclaimable, lines)
        self._emit(event, truncated=truncated)
        if event.kind in _LATE_KINDS and event.comm and not (report.has_task or report.frames or report.mem_started) \
                and (event.timestamp is not None or event.wallclock is not None) and not report.framing.relative:
            self.late = report

    def _emit(self, event, truncated):
        event.truncated = truncated
        if event.line_shift and event.line is not None:
            event.line -= event.line_shift
        self.sink.add(event)


# What lazy_trace reads of this module (which imports it): its runs' line patterns and tests, the scratch assembler and
# stand-in report its kept lines are read through, and _read_event.
LAZY_PARTS = SimpleNamespace(ReportAssembler=ReportAssembler, _Report=_Report, _read_event=_read_event,
                             _surely_whole=_surely_whole, _HEADER_WORDS_LAST=_HEADER_WORDS_LAST,
                             _HEADER_WORDS_CUT=_HEADER_WORDS_CUT, CLOCK_SKEW_S=CLOCK_SKEW_S, _UNWINDING=_UNWINDING,
                             _PLAIN_FRAME=_PLAIN_FRAME, _PLAIN_REPORT=_PLAIN_REPORT, _MARKER_REPORT=_MARKER_REPORT,
                             MAX_FRAMES=MAX_FRAMES)
_read_lazy_event = partial(lazy_trace.read_event, LAZY_PARTS)
