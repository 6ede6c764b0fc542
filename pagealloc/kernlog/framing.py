"""
A report's framing: the prefix its header stands behind, learned from the
header line and used to read the report's other lines.

A header (:mod:`pagealloc.kernlog.header`) can stand anywhere on its line.
What stands before its comm is split in two:

- the *known* part, the log prefixes :func:`~pagealloc.kernlog.prefix.split_prefix`
  understands (syslog, dmesg, journal, printk caller ...), which keep giving
  their facts (time, host, caller) on every line;
- the *outer* part in front of it, whatever it is: indentation, mail quotes
  (``> ``, ``>> ``), ``| `` boxes, a shell prompt, a timestamp style nobody
  listed.  Its *shape* is its literal text with every run of digits free and
  every run of blanks free in length, so that times and ids may change from
  line to line while ``> `` never matches ``>> `` or ``| ``.  A quotation mark
  glued before the header line's log prefix that the next line does not repeat
  opened a quote around a pasted log (``"Jul 29 12:40:06 host kernel: ...``):
  no part of the framing.

A following line belongs to the report when it starts with the outer shape
and its known part has the same form (a timestamp where the header had one,
a syslog date where it had one; dmesg's own stamps, the uptime and -H's
minute or delta, frame alike).  Such a line is read with the outer part
removed; a line without the framing is someone else's text, or the rest of a
line that a mail client or console wrapped (see the assembler).

Evidence, not a list of markers, decides whether a header quoted in text is
a report (:mod:`pagealloc.kernlog.prose`): a header inside a sentence or a
list item (words before the comm that no line next to it repeats, ``9. Re: ``,
``Subject: ``, ``- ``; text going on after its fields) is *provisional* and
becomes an event only when at least one report line (task line, trace,
Mem-Info ...) follows in the same framing.  A header standing alone on its
line behind a prefix of any shape (blanks, ``> ``, ``| ``, a shell prompt
repeated on the lines around it, known log prefixes) is the header-only
report it is without that prefix (pre-filtered logs hold headers only).

Examples:
    >>> from pagealloc.kernlog.header import find_header
    >>> line = ">> Jun 17 21:19:45 web1 kernel: [ 7873.855883] swapper: page allocation failure. order:0, mode:0x20"
    >>> framing, pre, comm = learn(find_header(line))
    >>> framing.outer, framing.provisional, pre.host, pre.timestamp, comm
    ('>> ', False, 'web1', 7873.855883, 'swapper')
    >>> learn(find_header("> [ 1.0] swapper: page allocation failure. order:0, mode:0x20"))[0].provisional
    False
    >>> framing.read(">> Jun 17 21:19:46 web1 kernel: [ 7873.855899] Call Trace:").body
    'Call Trace:'
    >>> framing.read("> Jun 17 21:19:46 web1 kernel: [ 7873.855899] Call Trace:") is None
    True
    >>> framing.read(">> Jun 17 21:19:46 web1 kernel: Call Trace:").body   # same syslog date, no uptime
    'Call Trace:'
    >>> learn(find_header("> - swapper: page allocation failure. order:0, mode:0x20"))[0].provisional
    True
    >>> learn(find_header("> swapper: page allocation failure. order:0, mode:0x20 on this box"))[0].provisional
    True
    >>> learn(find_header("I saw Jun 17 21:19:45 web1 kernel: swapper: page allocation failure. order:0"))[0].provisional
    True
    >>> dmesg = learn(find_header("> [ 1.0] swapper: page allocation failure. order:0, mode:0x20"))[0]
    >>> dmesg.read("> Call Trace:") is None   # no uptime where the header had one: wrapped or other text
    True
    >>> dmesg.read("> [  +0.000012] Call Trace:").body   # dmesg -H's delta after an uptime: one dmesg paste
    'Call Trace:'
"""

import dataclasses
import re
from os.path import commonprefix

from pagealloc.kernlog import prose
from pagealloc.kernlog.header import COMM_MAX, comm_splits, find_header
from pagealloc.kernlog.patterns import FRAME, FRAME_ARM_NAMES, FRAME_BARE, TASK_NEW, TASK_OLD
from pagealloc.kernlog.prefix import Prefixed, split_prefix, uptime_only, wall_clock_alone

# Digit runs and blank runs vary from line to line; so does a counter printed in hex (Unisoc's "04166 < 4> "
# above "0419C < 4> "): a token of hex digits holding a digit, standing alone, is one run.
_RUNS = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]*\d[0-9A-Fa-f]*(?![0-9A-Za-z])|\d+|[ \t]+")
# Each run of a shape is matched whole, never given back (an atomic group, possessive repeats): the runs
# of an outer part are maximal, so the literal after one cannot start inside it, and a failing match
# must not try every split of every run (a journalctl -o json line holds a dozen hex and digit tokens
# before its MESSAGE: backtracking over them took minutes on one line).
_HEX_TOKEN = r"(?>[0-9A-Fa-f]*\d[0-9A-Fa-f]*)(?![0-9A-Za-z])"
_PREFIX_ENDS = frozenset(":]>")  # last characters of known log prefixes (see ends_in_log_prefix)
_NEVER = re.compile(r"(?!)")
# A task line or a trace opener; a task line may be cut right after its first word by a wrap ("... kernel: CPU:"
# above "7 PID: 111104 Comm: java ...").
_REPORT_START = re.compile(r"(?:CPU: \d|Pid: \d|(?:CPU|Pid):\s*$|Call [Tt]race:)")
# The second line of a SLUB/SLAB failure block: "  cache: %s, object size: %u, ..." (mm/slub.c and mm/slab.c
# slab_out_of_memory()); the name and its comma are enough (a wrap may cut before "object size").
_SLAB_CACHE = re.compile(r"cache: [^,\s]+,(?:\s|$)")
# A trace's frame with its address ("[<c0144f5a>] ...", "<IRQ>  [<ffffffff8112c207>] ? ..."), where a
# report's text starts behind a log prefix when the header was pasted without that prefix.
# (also 32-bit ARM's "[<c0013a7c>] (func+0x0/0xf0) from" and i386 2.6.9-2.6.1x's "[__alloc_pages+441/862] ")
# The address alone is enough: a wrap may have moved the symbol to the next line.
_FRAME_START = re.compile(r"(?:<(?:IRQ|EOI|NMI)>\s+)?\[<[0-9a-fA-F]{6,16}>\](?: |$)|\[[A-Za-z_][\w.]*\+\d+/\d+\] ")
_HEADER_REST = re.compile(r"[ \t>|]*,?[ \t]*(?:order:[ \t]*\d|mode:[ \t]*0x)")  # a wrapped header's rest
# A task line's start up to its comm, also when a wrap cut it before its taint ("... Comm: java Not")
# or before its comm ("CPU: 7 PID: 111104": no comm to compare).
_TASK_HEAD = re.compile(r"(?:CPU|Pid):\s*$|CPU: \d+(?: (?:UID: \d+ )?PID:)?\s*$"  # (cut before its pid: "CPU: 7 PID:" / "111104 Comm: java")
                        r"|(?:CPU: \d+ (?:UID: \d+ )?PID: \d+|Pid: \d+,)(?:(?: [Cc]omm:)?\s*$| [Cc]omm: (?P<comm>.{1,20}?)"
                        r"(?: (?:Kdump: loaded )?(?:Not(?: tainted)?|Tainted:)|\s*$))")  # (blanks a paste left at a cut)
_WORDS_END = re.compile(r".*[^\W\d_]\S*")  # an outer prefix up to the end of its last token holding a letter
_SYSLOG_TAG = re.compile(r"\b(?:kernel|vmunix)(?:\[\d+\])?: ")  # the tag syslog daemons write before kernel text
MAX_OUTER = 200
# A word of a thread name before its last word ("process", "dconf"): no list number, quote sign or tag.
_NAME_WORD = re.compile(r"[A-Za-z][\w/+-]*$")
# A comm holding a colon, a blank set after that colon by the text's writer or tool ("kworker/1: 0" for the
# kworker "kworker/%u:%d" of kernel/workqueue.c, "Binder: 1209_16"): the word up to the colon, then the
# rest, which starts with a digit (a comm of its own it cannot be: see colon_blank_comm).
_COLON_BLANK_COMM = re.compile(r"(?P<first>[A-Za-z][\w/+.-]*:) (?P<rest>\d[\w/+.:-]*)$")


def _run_key(run):
    return " " if run.group()[0] in " \t" else "0"


def _shape(outer):
    """Regex of an outer prefix: digit runs (hex tokens) and blank runs free, the rest literal."""
    out, ends = _shape_pieces(outer)
    out.append(re.escape(outer[ends[-1] if ends else 0:]))
    return re.compile("".join(out))


def _shape_pieces(outer):
    """_shape's regex of ``outer`` up to its last run, as pieces (the text before each run, the run), and the
    runs' ends.  When run ``i`` is blanks, the first ``2 * (i + 1)`` pieces are the regex of ``outer`` cut at
    its end (outer_lead_end: the runs before it, and what stands next to them, are the same in both)."""
    out, ends, last = [], [], 0
    for run in _RUNS.finditer(outer):
        out.append(re.escape(outer[last:run.start()]))
        text = run.group()
        out.append(r"[ \t]++" if text[0] in " \t" else r"\d++" if text.isdigit() and (
            run.start() and outer[run.start() - 1].isalnum() or outer[run.end():run.end() + 1].isalnum()) else _HEX_TOKEN)
        last = run.end()
        ends.append(last)
    return out, ends


class Framing:
    """How the lines of one report are framed (see the module docstring)."""

    __slots__ = ("outer", "regex", "known", "has_time", "has_wall", "relative", "provisional", "tagged", "signature",
                 "trivial", "uptime", "shape", "words_only", "hosted")

    def __init__(self, outer, known, tagged=False):
        self.outer = outer
        # the outer part with its digit and blank runs free, as the regex reads it ("# 12) >>> " frames
        # the lines of "# 13) >>> ": line numbers and times change from line to line)
        self.shape = _RUNS.sub(_run_key, outer)
        # A prefix longer than any log's is text the header was quoted in: nothing repeats it.
        self.regex = (_shape(outer) if len(outer) <= MAX_OUTER else _NEVER) if outer else None
        self.known = known.known
        self.has_time = known.timestamp is not None
        self.has_wall = known.wallclock is not None
        self.relative = known.relative  # dmesg -H: minute lines and delta lines frame alike
        # Words before the comm that are no log prefix, or a list item: prose until proven otherwise
        # (pagealloc.kernlog.prose).  Quote or box signs, blanks, digits and other signs are a prefix
        # of any shape: the header stands on its own as it does without them.  ``words_only``: the
        # words are the only doubt, and lines next to the header repeating them prove them a prefix.
        self.tagged = tagged
        if outer:
            listed = prose.list_item(outer) or prose.quoted(outer)
            self.words_only = not listed and prose.has_words(outer)
            self.provisional = listed or self.words_only
        else:  # nothing before the known prefix (every header of a plain log): no list, no words (what prose says of "")
            self.words_only = self.provisional = False
        # Framings with equal signatures frame the same lines (computed once: the assembler compares
        # them for every open report at every header).
        # (a dmesg -H stamp is a time as an uptime is: its lines are not of the kind a bare syslog prefix frames,
        # "... kernel: [  +0.000012]   cache: ..." under "... kernel: SLUB: ..." a post's title logged with it)
        self.signature = self.shape, self.known, self.has_time or self.relative, self.relative or self.has_wall
        # Nothing frames the lines (bare kernel text): every line carries it.
        self.trivial = self.regex is None and not self.known
        # A dmesg uptime without a syslog date: a line with a plain uptime is read by the short path
        # (prefix.uptime_only gives what split_prefix gives, and every test below passes it).
        self.uptime = self.known and self.has_time and not self.has_wall
        # Behind a host a syslog receiver guessed (_host_of_neighbours): a netconsole record's first
        # piece carries the kernel's prefix, its pr_cont pieces none; both are the report's.
        self.hosted = False

    def read(self, line):
        """The line's :class:`Prefixed` facts and body when it carries this framing, else None."""
        if self.regex is not None:
            match = self.regex.match(line)
            if match is None:
                if line[-1:] in ("", " ", "\t") or self.regex.fullmatch(line + " ") is None:
                    return None
                return Prefixed(body="", known=self.known)  # the prefix alone: a wrap moved its text on
            line = line[match.end():]
        if self.uptime and line[:1] == "[":
            pre = uptime_only(line)
            if pre is not None:
                return pre
        pre = split_prefix(line)
        if self.known and not pre.known and line[:1] == "|":
            # a box drawn inside the report's framing around part of it (",----" / "| [ts] Call Trace:" /
            # "`---", Emacs boxquote under a "> " quote): its lines behind "| " are the report's
            boxed = split_prefix(line[1:].lstrip(" \t"))
            if boxed.known:
                pre = boxed
        if pre.known != self.known and self.known and line[-1:] in _PREFIX_ENDS:
            # a line cut right after its log prefix (the wrapper dropped the blank): the prefix alone
            pre = split_prefix(line + " ")
        if not pre.kernel:
            return pre  # another program's syslog line: the caller skips it
        if pre.known != self.known:
            return pre if self.hosted else None
        if self.known:
            wall = pre.wallclock is not None
            if self.relative != pre.relative and (self.uptime if pre.relative else
                                                  pre.timestamp is not None and not wall):
                return pre  # dmesg's own stamps, plain uptime and -H's minute or delta: one dmesg paste
            # Under the same syslog date a line may lack the uptime (rsyslog writes the lines of a
            # multi-line kernel record without it); without a date, a missing uptime is another text.
            if (pre.timestamp is not None) != self.has_time and not (wall and self.has_wall):
                return None
            if wall != self.has_wall and not (self.relative and pre.relative):
                return None
        return pre


# Where a known log prefix may start inside a header's prefix: after a blank, a quote or box sign or a colon, or at
# a "[" or "<" (one pass finds them: a test at each character was half of _split_known's time on dense logs).
# (or right after a quotation mark that opened a pasted log, at the prefix's start or after a blank: _opening_quote)
_TAIL_STARTS = re.compile(r"(?<=[ \t>|:])|(?=[\[<])|(?<=^[\"\u201c\u201e\u00ab])|(?<=[ \t][\"\u201c\u201e\u00ab])")


def _split_known(prefix):
    """``(outer, known Prefixed)``: the longest tail of ``prefix`` that is a known log prefix (tried from
    the whole prefix on, at each place one may start: _TAIL_STARTS).

    >>> outer, known = _split_known("> [ 1.0] ")
    >>> outer, known.timestamp
    ('> ', 1.0)
    """
    for start in (0, *[match.start() for match in _TAIL_STARTS.finditer(prefix, 1)]):
        tail = prefix[start:]
        if not tail:
            break
        pre = split_prefix(tail)
        if pre.known and not pre.body.strip():
            return prefix[:start], pre
    return prefix, Prefixed(body="")


_FACTS = ("timestamp", "wallclock", "host", "caller_cpu", "caller_task")


def _lent_facts(outer, known):
    """``known`` with the facts it lacks given by a known prefix stacked right before it (a journal's or a log
    tool's before the tag a poster's paste already carried: ``[21161.092614] web1 kernel: kernel: ``,
    ``[21.1][ T42] kernel: ``): the line's uptime, host, caller id.  (A copy: the framing keeps the tail's
    own shape to read the report's lines.)

    >>> outer, known = _split_known("[21161.092614] web1 kernel: kernel: ")
    >>> outer, known.timestamp, _lent_facts(outer, known).timestamp, _lent_facts(outer, known).host
    ('[21161.092614] web1 kernel: ', None, 21161.092614, 'web1')
    >>> _lent_facts("", known) is known
    True
    """
    if not known.known or not outer.strip() or outer[-1:] not in " \t":
        return known
    lender = _split_known(outer)[1]
    lent = {name: getattr(lender, name) for name in _FACTS
            if getattr(known, name) is None and getattr(lender, name) is not None}
    return dataclasses.replace(known, **lent) if lender.known and not lender.relative and lent else known


def behind_words(prefix):
    """The framing of the text after ``prefix`` when ``prefix`` is words (a shell prompt, a sentence)
    before a known log prefix, else None: that text is a log line only when the next line repeats
    the framing (see the assembler's vmap lines).

    >>> behind_words("root@web1:~# [857958.982070] ").outer
    'root@web1:~# '
    >>> behind_words("[857958.982070] ") is None, behind_words("I saw ") is None
    (True, True)
    """
    outer, known = _split_known(prefix)
    return Framing(outer, known) if known.known and outer.strip() else None


def behind_words_alone(prefix):
    """The framing of the text after ``prefix`` when ``prefix`` is words with no log prefix after them (a shell prompt
    before a log tool's text without times, ``journalctl -o cat``), else None: that text is a log line only when the
    next line repeats the words, as behind_words's.

    >>> behind_words_alone("root@web1:~# ").known, behind_words_alone("") is None
    (False, True)
    """
    return Framing(prefix, split_prefix("")) if prefix.strip() and prefix[-1:] in " \t" else None


def ends_in_log_prefix(text):
    """``text`` ends in a known log prefix and holds nothing after it (a line wrapped before the comm)."""
    text = text.rstrip()
    # Every known prefix ends in "]" (uptime, caller), ">" (level), ":" (syslog tag, dmesg -x), "-" (RFC 5424's
    # nil fields), ";" (a /dev/kmsg record's header) or a digit (dmesg --time-format iso): a line ending otherwise
    # is not tried at each position.
    last = text[-1:]
    if not last or last not in "]>:-;" and not last.isdigit():
        return False
    return _split_known(text + " ")[1].known


_EMPHASIS = frozenset("*_`~")
# A list item's first line: a bullet or a number, then text (KB articles, markdown, mail).
_LIST_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:[\u2022\u00b7\u25aa\u25e6\u2023*+-]|\d{1,3}[.)])[ \t]+\S")


def _in_list_item(hit, framing=None):
    """The header line continues a list item or a sentence: the line right before it (after the
    log prefix both share) opens a list item, or is text introducing it (``... from the console:``),
    and the header is indented deeper, with no blank line between (markdown reads it as part of
    that paragraph).  A header quoted so is prose unless report lines follow (``  \u2022 ... with
    the following message:`` above ``    program-name: page allocation failure. order:2, ...``).
    Right under a list item's first line the header continues the item at any indentation, when no
    log prefix of its own stands before it: markdown's lazy continuation, and what is left of the
    item when a web page showed the text without <pre> (HTML collapses every run of blanks and drops
    them at a line's start: ``\u2022 ... from the console:`` above ``program-name: page ...``).  A
    sentence's colon above an unindented header is how posts introduce a pasted line: no such evidence."""
    before = hit.before
    if not before or not before.strip():
        return False
    # Only an indented header, or one right under a list item's opening, can continue them (a cheap
    # test first: every header of a dense log comes here).
    if not (hit.prefix[:1] in (" ", "\t") or hit.prefix.endswith(("  ", "\t"))) \
            and _LIST_ITEM.match(before, len(hit.prefix.rstrip(" \t"))) is None:
        return False
    # The header's outer signs or words (digit runs free: line numbers, times) before its indentation;
    # the line before may lack them (an item's first line wrapped, its rest unquoted): then the
    # header's indentation counts after them and one blank.
    lead = framing.outer.rstrip(" \t") if framing is not None else ""
    at = _shape(lead).match(hit.line) if lead else None
    if at is not None:
        line, above = hit.line[at.end():], _shape(lead).match(before)
        if above is not None:
            before = before[above.end():]
        elif line[:1] in (" ", "\t"):
            line = line[1:]
    else:
        common = len(commonprefix([before, hit.line]).rstrip(" \t"))
        before, line = before[common:], hit.line[common:]
    # a line before that lacks the log prefix (the wrapped rest of the item's first line): both compared
    # after their own log prefix
    before, text = _after_log_prefix(before), _after_log_prefix(line)
    item = _LIST_ITEM.match(before)
    if item is not None:
        if text is line:  # (no log prefix of the header's own: the item's text goes on)
            return True
        indent = len(item.group("indent"))
    elif before.rstrip().endswith(":") and not split_prefix(before.lstrip(" \t")).known:
        indent = len(before) - len(before.lstrip(" \t"))
    else:
        return False
    return len(text) - len(text.lstrip(" \t")) > indent


def _after_log_prefix(text):
    pre = split_prefix(text.lstrip(" \t>|"))  # (behind quote signs the wrapped rest above did not repeat)
    return pre.body if pre.known else text


# Opening quotation marks (ASCII, English, German, French) that may open a pasted log: "Jul 29 ... kernel: ..."
_OPENING_QUOTES = frozenset('"\u201c\u201e\u00ab')
# ... and the marks that close them (German closes its "\u201e" with "\u201c"): a header line that closes its quote
# quotes that one line, as prose does ("[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20")
_CLOSING_QUOTES = frozenset('"\u201d\u201c\u00bb')


def _opening_quote(text):
    """Whether ``text`` ends in an opening quotation mark that stands at its start or after a blank (``"``,
    ``> "``, ``12: "``): the quote a poster opened before pasting a log line, glued to its prefix."""
    return text[-1:] in _OPENING_QUOTES and text[-2:-1] in ("", " ", "\t")


def _undecorated(outer, line, next_line=None, before=None, logged=True):
    """``outer`` without a markup emphasis that also closes the line (``**[ 1.0] comm: ...**``), or
    without a markdown code fence opened on the line (three backticks glued before ``[833860.48]
    picom: ...`` in a tracker comment): a decoration of that one line, not the prefix of the report's
    lines - unless the next line starts with it too (then the signs are a prefix every line carries).
    A quotation mark opening a pasted log is dropped only when a known log prefix follows it (``logged``: a
    mark glued to the comm quotes a header in a sentence, ``"kworker/u:0: page allocation failure: ..."``)
    and the line does not close it (then it quotes that one line): prose.quoted judges those.

    >>> _undecorated('"', '"Jul 29 12:40:06 host kernel: __alloc_pages: 2-order allocation failed (gfp=0x20/0)')
    ''
    >>> _undecorated('"', '"[ 7873.8] swapper: page allocation failure. order:0, mode:0x20"')
    '"'
    >>> _undecorated('"', '"kworker/u:0: page allocation failure: order:1, mode:0x20', logged=False)
    '"'
    """
    body = outer.rstrip()
    if not body:
        return outer  # no signs at all (every header of a plain log: nothing to look for below)
    if next_line is not None and next_line.startswith(body) or before is not None and before.startswith(body):
        return outer  # (the line before carries them too: a blank line may follow a header, "``` swapper: ..." / "")
    if logged and _opening_quote(outer) and line.rstrip()[-1:] not in _CLOSING_QUOTES:
        # a quotation mark opening a log pasted inside quotes (``"Jul 29 12:40:06 host kernel: __alloc_pages:
        # 2-order allocation failed`` ... ``[kernel]"``, a 2005 mail): it opens the quote, no line repeats it
        return outer[:len(body) - 1] + outer[len(body):]
    fence = max(len(body) - len(body.rstrip(sign)) for sign in "`~")
    if fence >= 3:  # a markdown fence is three or more backticks or tildes; the report's lines lack it
        return outer[:len(body) - fence] + outer[len(body):]
    sign = body[len(body.rstrip("".join(_EMPHASIS))):]  # the innermost decoration ("> **" -> "**")
    if sign and len(sign) <= 3 and line.rstrip().endswith(sign[::-1]):
        return outer[:len(body) - len(sign)] + outer[len(body):]
    return outer


def learn(hit, next_line=None):
    """``(Framing, Prefixed facts of the header line, comm)`` of a header hit (the facts include those of a
    known prefix stacked before the framing's own: :func:`_lent_facts`).

    When the comm can be split off in several ways (``host7 swapper`` /
    ``Web Content``), the split whose framing ``next_line`` carries wins;
    without such evidence the shortest comm behind a non-provisional prefix,
    else the longest comm.
    """
    framing, known, comm = _learned(hit, next_line)
    return framing, _lent_facts(framing.outer, known), comm


# A comm as a dense dmesg prints it (``swapper/0``, ``kworker/u16:2``, ``Chrome_IOThread``): a letter, then no
# blank, quote, bracket or markup sign (no comm split, glued prefix, emphasis or log prefix can be read in it).
_PLAIN_COMM = re.compile(r"[A-Za-z][A-Za-z0-9_/:.+-]*")
_GOES_ON = {}  # prose.goes_on(rest) of the rests plain_learned saw (a dense log repeats a few)


def plain_learned(hit, next_line):
    """What :func:`learn` gives for ``hit`` and ``next_line``, without its searches, when the header is one a
    dense dmesg prints: a plain uptime and a comm of one word (:data:`_PLAIN_COMM`, no ``kern``: no syslog tag
    or facility), its mode on the line, and the next line behind a plain uptime without a syslog tag or a
    bracket after it; else None (learn decides).

    Why it is learn's answer: the head ``[ts] comm: `` holds no known prefix tail; the one split's prefix is
    the uptime alone, so the framing's outer part is empty (nothing to undecorate, no tag, no lent facts,
    not provisional); a comm of one word is neither told by the next line (a told comm holds a blank, so it
    would take the uptime's ``]``, which the next line does not hold after its own) nor after a log prefix,
    nor colon-blank; the next line starts with another uptime or another comm letter (no glued prefix),
    carries the first character and no ``kernel:`` (no other framing to adopt) and a timestamp (no sentence
    wrapped around the header); a comm after an uptime is no list item and no modeless title.  What is left
    of _judged is asked as it asks it.  (tests/kernlog/test_dense_path.py draws headers and next lines
    against learn.)

    >>> hit = find_header("[10000.000000] swapper: page allocation failure. order:0, mode:0x20")
    >>> framing, pre, comm = plain_learned(hit, "[10000.000007] Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1")
    >>> framing.outer, framing.uptime, framing.provisional, pre.timestamp, comm
    ('', True, False, 10000.0, 'swapper')
    """
    if len(hit.splits) != 1 or hit.settled is not None or next_line is None or next_line[:1] != "[" \
            or "kernel:" in next_line or "mode:" not in hit.rest:
        return None
    prefix, comm = hit.splits[0].prefix, hit.splits[0].comm
    if next_line.startswith(hit.line[:len(prefix) + 1]) or _PLAIN_COMM.fullmatch(comm) is None or "kern" in comm \
            or "vmunix" in comm:
        return None
    known = uptime_only(prefix)
    after = uptime_only(next_line) if known is not None and not known.body else None
    if after is None or "]" in after.body:
        return None
    framing = Framing("", known)
    rest = hit.rest
    goes_on = _GOES_ON.get(rest)
    if goes_on is None:
        if len(_GOES_ON) >= 256:
            _GOES_ON.clear()
        goes_on = _GOES_ON[rest] = prose.goes_on(rest)
    if goes_on or prose.goes_on_in_next(rest, next_line):
        framing.provisional, framing.words_only = True, False
    return framing, known, comm


def _learned(hit, next_line):
    outer, known = _split_known(hit.line[:hit.what_start])
    if not known.known and hit.comm_end is None and not hit.commless and "order:" in hit.rest \
            and "mode:" in hit.rest and not prose.goes_on(hit.rest):
        # a wall clock alone before a whole header (its order and mode, nothing after them): a log line
        # someone edited (``2017-01-18T13:28:41.783833+03:00 page allocation stalls for 10380ms, order:0,
        # mode:0x2604050(...)``).  (A piece without its mode behind a date is a netconsole receiver's line,
        # its host guessed from the piece's first word: _host_of_neighbours.)
        dated = wall_clock_alone(hit.line[:hit.what_start])
        if dated is not None:
            outer, known = _split_known(dated[0])
            known.known, known.wallclock = True, known.wallclock or dated[1]
    if known.known:  # the header words follow a log prefix directly: no comm printed (4.9 pieces)
        framing = Framing(_undecorated(outer, hit.line, next_line, hit.before), known)
        if "mode:" not in hit.rest and not hit.commless or hit.slab and "gfp=" not in hit.rest:
            # neither the comm nor the mode: a 4.9 piece whose report lines follow, or a title (so is a
            # SLUB/SLAB line without its mask, which every era prints in the same printk)
            framing.provisional, framing.words_only = True, False
        if next_line is not None and framing.read(next_line) is None:
            framing = carried_by_next(framing, None, next_line, slab=hit.slab) or framing
        if hit.era24:  # no report line ever follows it: words before it count as a prefix only when repeated
            return _judged(hit, (framing, known, None), next_line)
        return framing, known, None
    if hit.comm_end is None or hit.comm is not None and hit.comm.isdigit() and next_line is not None \
            and _shape(hit.line[:hit.comm_end + 1] + " ").match(next_line) is not None:
        # (a number the next line starts with too, "7: page allocation failure: ..." above "8: CPU: 18 PID: ...":
        # a paste's line number before a header printed without its comm, no comm)
        choices = [(hit.prefix if hit.comm_end is None else hit.line[:hit.what_start], None)]
    elif _vmalloc_line_before_header(hit, next_line):
        choices = [(hit.line[:hit.what_start], None)]
    else:
        splits = hit.splits or comm_splits(hit.line, hit.comm_end)
        choices = [(split.prefix, split.comm) for split in splits]
        told = _comm_told_by(next_line, hit.line[:hit.comm_end]) if next_line is not None else None
        if told is not None:  # the next line proves it: tried first (its own words repeat the shorter splits')
            choices = [(hit.line[:hit.comm_end - len(told)], told)] + [c for c in choices if c[1] != told]
        else:
            whole = _comm_after_log_prefix(hit.line[:hit.comm_end]) or colon_blank_comm(hit.line[:hit.comm_end], next_line)
            if whole is not None and whole not in [comm for _, comm in choices]:
                choices.append((hit.line[:hit.comm_end - len(whole)], whole))
    # the comm the next line's task line names picks the split (``Og/N java:`` above ``... Comm: java``)
    named = _task_comm(next_line) if next_line is not None and len(choices) > 1 else None
    if named not in [comm for _, comm in choices]:
        named = None
    glued = _glued_prefix(hit, choices, next_line)
    if glued is not None and named is not None and glued[2].strip() != named:
        # text shared with the next line only because its task line starts with the comm's first
        # word (``CPU 0/KVM:`` above ``CPU: 11 PID: 16473 Comm: CPU 0/KVM``): no glued prefix
        glued = None
    if glued is not None and named is None and _task_comm(next_line) in [comm for _, comm in choices]:
        # ... or, with one split only, because the task line names the whole comm (``Chrome_IOThread:`` above
        # ``CPU: 18 PID: 4540 Comm: Chrome_IOThread``): the shared "C" is the task line's, no prefix
        glued = None
    if glued is not None and glued[3]:
        return _judged(hit, glued[:3], next_line)
    learned = []
    for prefix, comm in choices:
        outer, known = _split_known(prefix)
        outer = _undecorated(outer, hit.line, next_line, hit.before, known.known)
        # the syslog tag only matters when something stands before the known prefix
        framing = Framing(outer, known, tagged=bool(known.known and outer.strip()
                                                    and _SYSLOG_TAG.search(prefix, len(outer))))
        # The next line carrying a split's framing decides between several splits, and beats a prefix
        # glued inside the comm word ("kernel: Probe:" above "kernel: Pid: ..." shares "kernel: P").
        if next_line is not None and (len(choices) > 1 or glued is not None) and not framing.trivial \
                and named in (None, comm) and framing.read(next_line) and not _word_repeated(framing, comm, next_line):
            return _judged(hit, (framing, known, comm), next_line)
        learned.append((framing, known, comm))
    if glued is not None:
        return _judged(hit, glued[:3], next_line)
    chosen = next((choice for choice in learned if choice[2] == named), None) if named else None
    if chosen is None and next_line is not None and len(learned) > 1:
        # ... else the split whose outer part the next line starts with, a task line or trace after it
        chosen = next((choice for choice in learned if _repeated_before_report(choice[0], next_line)), None)
    # (all provisional, no next line to tell: the split whose prefix ends in a known log prefix, as a log line's
    # does - "root@web1:~# 06-03 13:29:12.999 1010315 31557 31557 W " before "Binder:31542_2: ...", the logcat
    # level no word of the comm - else the longest comm)
    chosen = chosen or next((choice for choice in learned if not choice[0].provisional), None) \
        or next((choice for choice in learned if choice[1].known), learned[-1])
    if len(learned) > 1 and (next_line is None or not next_line.strip()) and chosen[2] is not None:
        # no next line to tell (a blank one after the header): the first line after the blanks may (the assembler)
        hit.doubted = tuple(choice for choice in learned if choice[2] is not None and len(choice[2]) < len(chosen[2]))
    return _settled(hit, chosen, next_line)


def _word_repeated(framing, comm, next_line):
    """The first word of a comm of several words stands again right after the framing on the next
    line: a word of the prefix every line repeats (``55433 A java: ...`` above ``63352 A Jun 13 ...``),
    not of the comm.

    >>> _word_repeated(Framing("1 ", Prefixed(body="")), "A java", "2 A Jun 13 04:36:30 web1 kernel: CPU: 7")
    True
    >>> _word_repeated(Framing("55433 ", Prefixed(body="")), "55433 java", "63352 63352 Jun 13 04:36:30 web1 kernel: CPU: 7")
    True
    >>> _word_repeated(Framing("1 ", Prefixed(body="")), "Web Content", "2 CPU: 7 PID: 1 Comm: Web Content")
    False
    """
    if comm is None or " " not in comm or framing.regex is None:
        return False
    outer = framing.regex.match(next_line)
    word = comm.split(None, 1)[0]  # (its digit runs free: a line number or time changes line to line)
    return outer is not None and _shape(word + " ").match(next_line, outer.end()) is not None


def _comm_told_by(next_line, head):
    """A comm of several words ending ``head`` (the header line up to the comm's colon) that the next
    line, the report's task line (``Comm: process reaper``) or 4.11-4.20 cpuset line (``process reaper
    cpuset=/ mems_allowed=0``), prints too, else None.  Thread names need not start with a capital
    (Java's ``process reaper``, ``dconf worker``); only that line proves where such a comm starts."""
    start = _REPORT_START.search(next_line, 0, MAX_OUTER + 64)
    if start is not None:
        body = next_line[start.start():]
        task = TASK_NEW.match(body) or TASK_OLD.match(body)
        told = task.group("comm") if task is not None else None
        if told is not None and " " in told and len(told) <= COMM_MAX and head.endswith(told) \
                and head[-len(told) - 1:-len(told)] in ("", " ", "\t", "]", ">"):
            return told
        return None
    cut = next_line.find(" cpuset=", 0, MAX_OUTER + 64)
    if cut <= 0:
        return None
    before = next_line[:cut]
    # the longest run of the head's last words (at most 15 bytes) that the cpuset line ends with too and
    # that a log prefix (or nothing) stands before: the line repeats the log prefix as well
    best, at = None, len(head)
    while True:
        at = head.rfind(" ", 0, at)
        if at < 0 or len(head) - at - 1 > COMM_MAX:
            break
        words = head[at + 1:]
        if words.split(" ", 1)[0].endswith(":"):
            break  # a syslog tag the cpuset line repeats too ("web1 kernel: ip" above "web1 kernel: ip cpuset=/")
        if words[:1] == "[" and len(split_prefix(words).body) < len(words):
            break  # ... or a printk caller id ("[     C1] mevent" above "[     C1] mevent cpuset=/", logcat's tag)
        if " " in words and before.endswith(words) and before[-len(words) - 1:-len(words)] in ("", " ", "\t", "]", ">"):
            outer, known = _split_known(head[:at + 1])
            if known.known or not outer.strip():
                best = words
    return best


def _vmalloc_line_before_header(hit, next_line):
    """``vmalloc: allocation failure: N bytes`` without a mode, the next line a page allocation header
    behind the same prefix shape: 3.x-4.8 warn_alloc_failed() printed the vmalloc line without a comm
    and the ``%s: page allocation failure`` line after it, so what stands before it on the line (a
    paste's line number ``7: ``) is a prefix, not a comm (4.9+ prints the comm and the mode on it)."""
    return hit.what == "vmalloc: allocation failure" and "mode:" not in hit.rest and next_line is not None \
        and "page allocation failure" in next_line and _shape(hit.line[:hit.what_start]).match(next_line) is not None


def _comm_after_log_prefix(head):
    """The words between a log prefix and the header's colon (``head`` ends there) when they fit a comm:
    the kernel prints current->comm right after the log prefix, so a comm of words without capitals
    (Java's ``process reaper``, ``dconf worker``) needs no next line to prove it on a pre-filtered
    log line (``Dec  5 01:00:00 web1 kernel: process reaper: page allocation failure: ...``), nor does
    one word holding a ``]`` there (prctl() sets any bytes: ``a]b``; a glued caller prefix opens with ``[``)."""
    at = len(head)
    while True:
        at = head.rfind(" ", 0, at)
        if at <= 0 or len(head) - at - 1 > COMM_MAX:
            return None
        words = head[at + 1:]
        if (" " in words and all(map(_NAME_WORD.match, words.split(" ")[:-1])) or "]" in words and "[" not in words) \
                and head[at - 1:at] != " ":
            outer, known = _split_known(head[:at + 1])
            if known.known and known.kernel and not any(c.isalnum() for c in outer):
                return words


def colon_blank_comm(head, next_line=None):
    """The comm ending ``head`` (the header line up to the comm's colon) when it holds a colon with a blank
    after it and stands right after a kernel log prefix (or first on its line): ``[71553.093623]kworker/1: 0`` (a patch mail's
    log, a blank after every colon).  Its last word alone (``0``, ``1H``) starts with a digit, and what
    stands before it (``kworker/1:``) is no log prefix, so the header would have no comm at all.

    >>> colon_blank_comm("> [71553.093623]kworker/1: 0"), colon_blank_comm("[ 1.0] kernel: 6")
    ('kworker/1: 0', None)
    >>> colon_blank_comm("[ 1.0] kworker/1:0"), colon_blank_comm("A[71553.093623]kworker/u8: 3H")
    (None, 'kworker/u8: 3H')
    >>> colon_blank_comm("> kworker/1: 0"), colon_blank_comm("web1 kernel: 0")
    ('kworker/1: 0', None)

    ... or behind an outer part ``next_line`` repeats, digit runs free (a paste's line number: ``    10\tkworker/1:
    0`` above ``    11\tWorkqueue: events ...``, the log's time left out by journalctl -o cat):

    >>> colon_blank_comm("    10\tkworker/1: 0", "    11\tWorkqueue: events"), colon_blank_comm("    10\tkworker/1: 0")
    ('kworker/1: 0', None)
    """
    if ": " not in head:
        return None  # (every comm returned holds ": ", and is a piece of head: a log prefix is tried at no position)
    for start in range(len(head)):
        if start and not (head[start - 1] in " \t>|:" or head[start] in "[<"):
            continue  # (where a log prefix can start: as _split_known)
        pre = split_prefix(head[start:])
        if pre.known and pre.kernel:
            body = pre.body.lstrip(" ")
            match = _COLON_BLANK_COMM.match(body)
            if match is not None and len(body) - 1 <= COMM_MAX and not _SYSLOG_TAG.match(body):
                return body  # (else a later log prefix may stand in the body: "kernel: > [7.1]kworker/1: 0")
    body = head.lstrip(" \t>|")  # ... or first on its line, no log prefix kept (journalctl -o cat, a quote)
    match = _COLON_BLANK_COMM.match(body)
    if match is None and next_line is not None:
        match = _COLON_BLANK_COMM.search(head)  # (the leftmost start: a word after the lead ends the line)
        if match is not None and match.start() and head[match.start() - 1] in " \t>|:" \
                and _shape(head[:match.start()]).match(next_line) is not None:
            body = head[match.start():]
        else:
            match = None
    return body if match and len(body) - 1 <= COMM_MAX and not _SYSLOG_TAG.match(body) else None


def _repeated_before_report(framing, line):
    outer = framing.regex.match(line) if framing.regex is not None else None
    return outer is not None and _REPORT_START.search(line, outer.end(), outer.end() + MAX_OUTER + 64) is not None


def _task_comm(line):
    """The comm of the task line ``line`` holds after its prefix, else None."""
    start = _REPORT_START.search(line, 0, MAX_OUTER + 64)
    if start is None:
        return None
    task = _TASK_HEAD.match(line, start.start())
    return task.group("comm").strip() if task is not None and task.group("comm") else None


def _settled(hit, chosen, next_line):
    """``chosen`` (framing, known, comm), or the next line's framing when that line shows the header
    was pasted without its own (:func:`carried_by_next`); its evidence settled by where the header
    stands (:func:`_in_list_item`) and by a next line repeating words before a syslog prefix."""
    framing = chosen[0]
    if chosen[2] is None and not hit.commless and next_line is not None and hit.before:
        hosted = _host_of_neighbours(framing, chosen[1], hit.before, next_line)
        if hosted is not None:
            framing = hosted
            chosen = (hosted, chosen[1], None)
    # (A known prefix above a line starting alike after the outer part is read alike: the common case
    # costs no read.)  A next line holding one more syslog tag carries another log prefix inside the
    # header's own.
    cut = len(framing.outer)
    if next_line is not None and (
            next_line.count("kernel: ") + next_line.endswith("kernel:") > hit.line.count("kernel: ", 0, hit.what_start)
            or (not framing.known or next_line[cut:cut + 1] != hit.line[cut:cut + 1])
            and framing.read(next_line) is None):
        adopted = carried_by_next(framing, chosen[2], next_line, hit.before) \
            or _alone_carried(framing, chosen[2], next_line)
        if adopted is not None:
            return adopted, chosen[1], _comm_behind(hit, chosen[2], next_line)
    return _judged(hit, chosen, next_line)


def _comm_behind(hit, comm, next_line):
    """The comm of the split whose prefix ``next_line`` (the report's next line, read in a framing of its own)
    starts with too, when the chosen ``comm`` of several words takes a word of it (``U rsync: page allocation
    failure ...`` above ``U kernel: <IRQ>  [<ffffffff8112c207>] ? ...``: the ``U `` every line carries, or a
    host, is no word of the comm); not when that line names the comm there itself (``Web Content cpuset=/``)."""
    if comm is None or " " not in comm:
        return comm
    for split in hit.splits:
        match = _shape(split.prefix).match(next_line) if len(split.comm) < len(comm) else None
        if match is not None and not next_line.startswith(split.comm, match.end()):
            return split.comm
    return comm


def repeated_split(alternatives, line):
    """The one of ``alternatives`` (``(framing, known, comm)`` of a header's shorter comms) whose outer part
    ``line`` starts with, not followed by that comm's own colon (a header of the same thread again), else
    None: ``line``, the first line after the blanks below a header (``A swapper: page allocation ...`` /
    `` `` / ``A Call Trace: ...``), shows the words every line carries (``A ``), no comm's.

    >>> alternatives = ((Framing("A ", Prefixed(body="")), Prefixed(body=""), "swapper"),)
    >>> repeated_split(alternatives, "A Call Trace:<IRQ> <ffffffff8015fd9f>{__alloc_pages+815}")[2]
    'swapper'
    >>> repeated_split(alternatives, "A swapper: page allocation failure. order:0, mode:0x20") is None
    True
    """
    for choice in alternatives:
        framing, comm = choice[0], choice[2]
        match = framing.regex.match(line) if framing.regex is not None and framing.outer.strip() else None
        if match is not None and not line.startswith(comm + ":", match.end()):
            return choice
    return None


_HOST_WORD = re.compile(r"[a-z0-9][A-Za-z0-9._-]{0,62}$")


def _host_of_neighbours(framing, known, before, next_line):
    """The framing of a comm-less header piece whose next line carries one more word, a host, right
    after its outer part, else None: the line before carries the same word, or (a wrap took the line
    before's outer part away) the next line has the mode piece or the kernel's prefix behind it.
    netconsole sends the pieces a 4.9/4.10 warn_alloc() prints with pr_cont (``rsync: ``, ``page
    allocation stalls for ...``, ``, mode:...``) as packets of their own; a syslog receiver guessing
    each packet's host from its first word writes the piece's first header word where the host stands
    (``T storage8 [1.5] rsync: `` / ``T page allocation stalls ...`` / ``T storage8 , mode:...``):
    the host word belongs to the report's lines' prefix.

    >>> _host_of_neighbours(Framing("2017-01-17T11:08:33.754574+03:00 ", Prefixed(body="")), Prefixed(body=""),
    ...     "2017-01-17T11:08:33.754562+03:00 storage8 [335170.452601] rsync: ",
    ...     "2017-01-17T11:08:33.754825+03:00 storage8 , mode:0x26040d0").outer
    '2017-01-17T11:08:33.754574+03:00 storage8 '
    """
    if framing.regex is None or known.known:
        return None
    words, pieces = set(), []
    for line in (before, next_line):
        match = framing.regex.match(line)
        if match is None:
            if line is next_line:
                return None
            continue  # the line before wrapped (its rest alone): the next line decides
        word = line[match.end():].split(" ", 1)[0]
        if not _HOST_WORD.match(word) or not line.startswith(word + " ", match.end()):
            return None
        words.add(word)
        rest = line[match.end() + len(word) + 1:]
        # behind the host: the mode piece (pr_cont) or the kernel's own prefix of the next record
        pieces.append(rest.lstrip().startswith(",") or split_prefix(rest).known)
    if len(words) != 1 or len(pieces) < 2 and not pieces[-1]:
        return None  # a sentence's first word after a quote is no host: both neighbours, or the piece
    hosted = Framing(framing.outer + words.pop() + " ", known)
    hosted.hosted = True
    return hosted


def _judged(hit, chosen, next_line):
    """``chosen`` with its framing's evidence settled by where the header stands (a list item, a
    sentence: pagealloc.kernlog.prose) and by lines next to it repeating the words before it."""
    framing = chosen[0]
    if chosen[2] is None and not hit.commless or _modeless(hit, chosen[1], chosen[2]) or _in_list_item(hit, framing) \
            or prose.goes_on(hit.rest, hit.settled is not None, _lead_shape(framing) if hit.settled else None,
                             chosen[1].timestamp is not None) \
            or next_line is not None and prose.goes_on_in_next(hit.rest, _after_outer(framing, next_line)) \
            or prose.wrapped_around(_after_lead(framing, hit.before), _after_lead(framing, next_line), framing.outer,
                                    framing.regex, framing.known):
        # A header without a comm and without a log prefix before its words is no line the kernel
        # prints (warn_alloc() always prints current->comm; only a 4.9/4.10 pr_cont piece after a
        # log prefix lacks it): a title or a sentence (``page allocation failure. order: 2`` heading
        # a knowledge-base page) unless report lines follow; so is a header inside a list item or a
        # sentence (pagealloc.kernlog.prose), whatever stands before it.
        framing.provisional, framing.words_only = True, False
    elif framing.words_only and (hit.settled == framing.shape or repeats(framing, hit.before) or next_line is not None
                                 and (repeats(framing, next_line) or _wrapped_behind_words(framing.outer, hit, next_line))
                                 or prose.stamped_whole(framing.outer, hit.rest, chosen[1].timestamp is not None)):
        # Words that the line before or after repeats are a prefix of the lines (a shell prompt, a
        # second log prefix), not a sentence quoting a log line; so are words the header's wrapped
        # rest carries on the next line without the rest of the prefix.  (The first non-blank line
        # after a blank one is looked at by the assembler.)  So are words before the header's own uptime
        # when it prints its order and mode whole (prose.stamped_whole).
        framing.provisional = framing.words_only = False
    return chosen


def _after_lead(framing, line):
    """``line`` without the outermost layers of the header's outer part when it carries them but not the whole
    part (``root@web1:~# 9: order:3`` under ``root@web1:~# 8: > ... cifsd: page allocation failure.``: a
    prompt and a line number every line repeats, no sentence); else ``line`` as it is."""
    if line is None or framing.regex is None or framing.regex.match(line) is not None:
        return line
    return line[outer_lead_end(framing.outer, line):]


def _modeless(hit, known, comm=None):
    """A page allocation header without its mode and without a log prefix before its comm: every era
    prints the mode in the same printk (only 4.9/4.10 pr_cont pieces split it off, behind log prefixes,
    and a wrapped mode is joined before this is asked), so it is a title or a cut quotation
    (``3: page allocation failure. order: 2`` under a line-numbered KB title) until report lines follow;
    so is one whose comm is a number only behind a log prefix (the KB page numbered, then logged again:
    ``kernel: 3: page allocation failure. order: 2``; a 4.9 piece's comm is printed with its mode's record)."""
    if hit.slab:  # slab_out_of_memory() prints the mask in the same printk in every era
        return not known.known and "gfp=" not in hit.rest
    return (not known.known or comm is not None and comm.isdigit()) and "mode:" not in hit.rest \
        and hit.what.startswith(("page allocation", "vmemmap"))


def _lead_shape(framing):
    """Regex of the outer prefix's signs or words without the blanks after them, or None."""
    lead = framing.outer.strip(" \t")
    return _shape(lead) if lead else None


def _after_outer(framing, line):
    match = framing.regex.match(line) if framing.regex is not None else None
    return line[match.end():] if match is not None else line


def repeats(framing, line):
    """``line`` starts with the outer prefix of ``framing`` (its shape: digits and blanks free), or with
    its words when signs follow them that belong to the header's line only (``A `` of ``A # `` above
    ``A [turn 0 ...]``: a prompt or label before every line, a markdown heading on this one)."""
    if line is None or framing.regex is None or not line.strip():
        return False
    if framing.regex.match(line) is not None:
        return True
    words = _WORDS_END.match(framing.outer)
    return words is not None and words.end() < len(framing.outer.rstrip(" \t")) \
        and _shape(words.group() + " ").match(line) is not None


def _wrapped_behind_words(outer, hit, next_line):
    """``next_line`` is the header's wrapped rest (its ``order:``/``mode:``) behind the words that
    stand before the quote signs of ``outer`` (``root@web1:~# > Mar 25 ... kernel: cifsd: page
    allocation failure.`` above ``root@web1:~# order:3, mode:0xd0``): a sentence does not repeat its
    first words where a line it quotes wraps."""
    end = outer_words_end(outer, next_line)
    return end > 0 and "order:" not in hit.rest and _HEADER_REST.match(next_line, end) is not None


def outer_lead_end(outer, line):
    """Where the longest leading part of ``outer`` that ends at a blank (its outermost layers: ``> ``
    of ``> kernel: ``, a prompt before a quote) ends on ``line`` when ``line`` starts with it (digit
    and blank runs free), else 0: a wrapped line's rest that a client re-quoted with part of the
    prefix only.

    >>> outer_lead_end("> kernel: ", "> high:26836kB active_anon:0kB"), outer_lead_end("> ", "high:1")
    (2, 0)
    """
    cut = len(outer.rstrip(" \t"))
    pieces = None
    while cut > 0:
        cut = max(outer.rfind(" ", 0, cut), outer.rfind("\t", 0, cut))
        if cut < 0:
            return 0
        # _shape(outer[:cut + 1]), from the pieces of the whole outer part, built once (a held line's own
        # text is tried at each of its blanks): cut + 1 is the end of a blank run
        if pieces is None:
            pieces, ends = _shape_pieces(outer)
        match = re.compile("".join(pieces[:2 * ends.index(cut + 1) + 2])).match(line)
        if match is not None:
            return match.end()
        cut = len(outer[:cut].rstrip(" \t"))
    return 0


def outer_words_end(outer, line):
    """Where the words of ``outer`` (what stands before its trailing quote or box signs: a prompt, a
    line number) end on ``line`` when ``line`` starts with them (digit and blank runs free), else 0.

    >>> outer_words_end("root@web1:~# > ", "root@web1:~# order:3, mode:0xd0")
    13
    >>> outer_words_end("# 12) > ", "# 13) order:3"), outer_words_end("> ", "order:3")
    (6, 0)
    """
    words = outer.rstrip(" \t>|")
    if not words:
        return 0
    match = _shape(words).match(line)
    if match is None:
        return 0
    end = match.end()
    return end + len(line[end:]) - len(line[end:].lstrip(" \t"))


def carried_by_next(framing, comm, next_line, before=None, slab=False):
    """The framing of ``next_line`` when the header was pasted without the log prefix its report's
    lines carry (``java: page allocation failure...`` above ``Jun 13 ... kernel: CPU: 7 PID: 111104
    Comm: java ...``), with a prefix cut short (``    4.795291] swapper/0: ...`` above ``[
    4.805112] CPU: 0 PID: 1 Comm: swapper/0 ...``) or another one: the next line is this report's
    task line (the same comm; any when the header printed none) behind a known log prefix; under a
    header with nothing before it, or only what the next line also starts with, its trace opener
    too, or its first frame (``rsync: page allocation failure...`` above ``kernel: <IRQ>
    [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0``).  Under a SLUB/SLAB header (``slab``)
    the block's own ``cache:`` line is that evidence (`` Jun 18 12:16:00 river kernel: SLUB: ...``, the
    first line of a paste indented by a blank, above ``Jun 18 12:16:00 river kernel: cache: kmalloc-4096,
    object size: ...``)."""
    start = _REPORT_START.search(next_line, 0, MAX_OUTER + 64)  # the report text right after a prefix
    cache = _SLAB_CACHE.search(next_line, 0, MAX_OUTER + 64) if slab and start is None else None
    # or the trace's first frame, printed without its opener (2.6.x, or cut off a paste)
    frame = _FRAME_START.search(next_line, 0, MAX_OUTER + 64) if start is None and cache is None else None
    if start is None and cache is None and frame is None:
        return None
    start = start or cache or frame
    body = next_line[start.start():]
    task = _TASK_HEAD.match(body) if cache is None and frame is None else None
    if task is not None:
        if comm is not None and task.group("comm") not in (comm, None):
            return None
    elif cache is not None:
        pass
    elif not (frame is not None or body.startswith(("Call Trace:", "Call trace:"))) or framing.known \
            or framing.regex is not None and framing.regex.match(next_line) is None \
            and not _blanks_behind_prefix(framing.outer, next_line[:start.start()]):
        return None
    outer, known = _split_known(next_line[:start.start()])
    if not known.known and not _glued_before_comm(framing.outer, outer, comm, task, before):
        return None
    if not known.kernel or _WRAPPED_REST.match(outer, len(commonprefix([outer, framing.outer]))):
        # (the header's own rest opening the line behind what it shares of the header's outer part, a paste of glued
        # records wrapped again: "> mode:0x20[2662122.262119] Pid: 0, comm: swapper ..." under ">     [2662122.262113]
        # swapper: ... order:0,": no prefix, the mode's piece)
        return None
    adopted = Framing(outer, known)
    return adopted if adopted.read(next_line) is not None else None


def _blanks_behind_prefix(header_outer, outer):
    """The header's outer part is blanks only, the blanks the next line holds between its log prefix and its
    text: the header was copied from behind its prefix with the blank(s) after it (syslog's ``kernel:  `` of a
    2.6.9 trace, ``kernel:  postmaster: page allocation failure...`` pasted as `` postmaster: ...`` above
    ``Dec 20 17:14:57 server4 kernel:  [<c0143271>] __alloc_pages+0x2e1/0x2f7``).

    >>> _blanks_behind_prefix(" ", "Dec 20 17:14:57 server4 kernel:  "), _blanks_behind_prefix(" ", "kernel: ")
    (True, True)
    >>> _blanks_behind_prefix("    ", "kernel: "), _blanks_behind_prefix("> ", "> kernel: "), _blanks_behind_prefix(" ", " ")
    (False, False, False)
    """
    return bool(header_outer) and not header_outer.strip(" \t") and outer.endswith(header_outer) \
        and bool(outer[:len(outer) - len(header_outer)].strip())


def _alone_carried(framing, comm, next_line):
    """The framing of ``next_line`` when it holds a log prefix alone, one more syslog tag than the header's line
    (a wrap moved its text on: ``<4>1 ... web1 kernel - - - Jun 13 04:36:30 ip-172-19-13-114 kernel:`` /
    ``CPU: 7 PID: 111104 Comm: java ...`` under ``<4>1 ... web1 kernel - - - java: page allocation failure: ...``,
    the header pasted without the prefix its report's lines carry, all logged again and wrapped); a header
    printing its comm only, in a framing of a known prefix the line's own prefix stands behind."""
    if comm is None or not framing.known or next_line[-1:] != ":" or not next_line.startswith(framing.outer):
        return None
    outer, known = _split_known(next_line + " ")
    if not known.known or not known.kernel or len(outer) <= len(framing.outer):
        return None
    adopted = Framing(outer, known)
    return adopted if adopted.read(next_line + " ") is not None else None


def _glued_before_comm(header_outer, outer, comm, task, before=None):
    """The header's outer part is ``outer`` (what stands before the next line's task line) with text
    glued behind it, and that task line names the header's comm: another program's output printed
    without a newline just before the kernel's line (a media player's status ``> [Playing
    ...][00:02:54/00:04:07]swapper/0: page allocation failure`` above ``> CPU: 0 PID: 0 Comm:
    swapper/0 ...``).  The report's lines carry ``outer`` only.  A wrap inside the glued text leaves
    ``outer`` on the line ``before`` the header's (``> [Playing  (List`` / ``Repeated)][Vol=01]...``).

    >>> _glued_before_comm("> [Vol=01][00:02:54]", "> ", "swapper/0", _TASK_HEAD.match("CPU: 0 PID: 0 Comm: swapper/0 Not"))
    True
    >>> _glued_before_comm("I saw ", "> ", "swapper/0", _TASK_HEAD.match("CPU: 0 PID: 0 Comm: swapper/0 Not"))
    False
    """
    if task is None or comm is None or task.group("comm") not in (comm, None):
        return False  # (a task line a wrap cut before its comm, "> CPU: 0 PID: 0" / "Comm: swapper/0 ...", names none)
    shape = _shape(outer)
    lead = shape.match(header_outer)
    if lead is not None:
        return lead.end() < len(header_outer)
    lead = shape.match(before) if before else None
    return lead is not None and lead.end() < len(before.rstrip())


# The rest of a header a wrap moved onto the next line (mm/page_alloc.c warn_alloc(): "order:%u, mode:%#x(%pGg),
# nodemask=%*pbl", then cpuset and mems_allowed).
_WRAPPED_REST = re.compile(r",?[ \t]*(?:order:[ \t]*\d|mode:[ \t]*0x|nodemask=|cpuset=|mems_allowed=)")
# What a report line under a header opens with: its task line, a trace opener or frame, a Mem-Info line.
_LINE_OPENERS = (_REPORT_START, _FRAME_START, FRAME, FRAME_ARM_NAMES, FRAME_BARE,
                 re.compile(r"Hardware name:|Workqueue:|Mem-[Ii]nfo:|Node \d"))


def _word_char(char):
    return char.isalnum() or char == "_"  # (a C identifier's: "k" / "_order_trace" is one word)


def _opens_report_line(text):
    """Whether ``text`` opens a line a report prints under its header.

    >>> _opens_report_line("CPU: 3 PID: 1 Comm: x"), _opens_report_line("kmalloc_order_trace -> alloc_skb")
    (True, False)
    """
    return any(opener.match(text) is not None for opener in _LINE_OPENERS)


def _glued_prefix(hit, choices, next_line):
    """A prefix glued to the comm (``abswapper:`` above ``ab[<c0144f5a>] ...``): the text the
    header line and the next line start with, when it ends inside the comm word.

    ``(framing, known, comm, clear)``: ``clear`` when the shared text ends at a word boundary of
    the next line (``Z9 %swapper:`` above ``Z9 % [<c0144f5a>]``) or where a report line opens on it
    (``abswapper:`` above ``abCPU: 0``): then it wins over a split at a blank.  A shared first letter
    (``Chrome_IOThread:`` above ``CPU: 3``) is not clear; one the next line goes on with no report line
    after (``kworker/u16:2:`` above ``kmalloc_order_trace``) is no prefix."""
    if next_line is None or hit.comm_end is None or not choices or choices[0][1] is None:
        return None
    if _WRAPPED_REST.match(next_line):
        return None  # the header's own rest, wrapped ("msedge: ... order:10," / "mode:0x190cc2(...)"): no prefix
    if "alloc" in next_line and (header := find_header(next_line)) is not None and header.comm is not None:
        return None  # another header: what two comms start with ("swapper/0:" above "swapper/1:") is no prefix
    word_start = len(choices[0][0])
    if not next_line.startswith(hit.line[:word_start + 1]):  # cheap test first: times usually differ
        return None
    common = len(commonprefix([hit.line[:hit.comm_end], next_line]))
    if not word_start < common < hit.comm_end:
        return None
    clear = not (_word_char(next_line[common - 1:common]) and _word_char(next_line[common:common + 1]))
    if not clear:
        # the shared text ends inside a word of the next line: the prefix ends where a report line opens on
        # it, which the whole word does not (``abswapper:`` above ``abCPU: 0 PID: ...``, ``aChrome_IOThread:``
        # above ``aCPU: 2 ...`` sharing "aC"); a line that only starts with the comm's first letters shares
        # none (``kworker/u16:2:`` above ``kmalloc_order_trace``, ``kernel: ProbeReader:`` above ``kernel: Pid:``)
        if _opens_report_line(next_line[word_start:]):
            return None
        common = next((end for end in range(common, word_start, -1) if _opens_report_line(next_line[end:])), None)
        if common is None:
            return None
        clear = True
    outer, known = _split_known(hit.line[:common])
    framing = Framing(outer, known)
    if framing.trivial or framing.read(next_line) is None:
        return None
    return framing, known, hit.line[common:hit.comm_end], clear
