"""
Prose that quotes a failure header, told from a report by evidence.

A header line that stands alone behind a prefix (``> ``, ``| ``, indentation,
a shell prompt, a timestamp style nobody listed) is a header-only report,
exactly as it is without the prefix (pre-filtered logs hold headers only):
reshaping text never changes what it says.  It is prose only when the text
around it says so (issue 12: "a header ... inside a sentence or a list item,
is prose; a quoted report with its trace is a report"):

- **words** stand before the comm that no other line repeats as its prefix
  (``The log entry swapper: ...``, ``Subject: Re: ...``, a page title
  ``[Linux][Kernel][Memory] smbd: ...``); words that the lines next to it
  repeat (``root@web1:~# `` before every line) are a prefix;
- a **list item** holds it: a bullet or a number (``- ``, ``* ``, ``\u2022 ``,
  ``1. ``, ``9) ``) stands before the comm with nothing but words between
  (``  9. Re: swapper: ...``, ``> - kswapd0: ...``, ``kernel:   9. Re: ...``);
  a number before more signs is a line number (``# 12) >>> ``);
- an opening **quotation mark** or parenthesis is glued to the comm
  (``text: 'java: page allocation stalls for 10412ms, order:0' }``);
- the **sentence goes on** after the header's fields on the same line
  (``... mode:0x20 on this box, any idea?``, ``..., mode:0x20" (with 512MB``);
  warn_alloc() prints nothing after ``mode:``, ``nodemask=``, ``cpuset=`` and
  ``mems_allowed=`` (mm/page_alloc.c), slab_out_of_memory() nothing after
  ``gfp=`` (mm/slub.c);
- a **sentence is wrapped around it**: the line before it (in the same
  prefix, no blank between) is unfinished text (ends in ``:``, ``,`` or a
  lower-case word) and the line after it continues in lower case
  (``# Sometimes ffmpeg fails to vmalloc (we run out of memory):`` /
  ``# <4>[12331.3] ffmpeg: vmalloc: ...`` / ``# which causes ...``).

Templates (``order:<N>``, ``mode:<0xMASK>``) carry no values and are no
header at all; headers without the comm and mode a kernel prints stay
provisional (:mod:`pagealloc.kernlog.framing`).  A provisional header becomes
a report when report lines follow in its framing.

Examples:
    >>> has_words("> | "), has_words("# 12) >>> "), has_words("root@web1:~# "), has_words("> kernel: # ")
    (False, False, True, False)
    >>> has_words("2017-01-18T13:28:41.783833+03:00 "), has_words("On Jan 18 13:28:41 the box said ")
    (False, True)
    >>> list_item("  9. Re: "), list_item("> - "), list_item("root@web1:~# 9. Re: "), list_item("# 12) >>> ")
    (True, True, True, False)
    >>> list_item("<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - "), list_item("> - <4>1 2024-01-27T00:14:32Z h k - - - ")
    (False, True)
    >>> goes_on(", mode:0x20 on this box, any idea?"), goes_on(", mode:0x20(GFP_ATOMIC), nodemask=(null)**")
    (True, False)
    >>> goes_on(": order:3, mode:0x20)"), goes_on(": order:0, mode:0x820(GFP_ATOMIC), nodemask=(null),mems_allowed=0)")
    (True, True)
    >>> goes_on(" on node -1 (gfp=0x20)"), goes_on(": order:0, mode:0x820(GFP_ATOMIC|__GFP_")
    (False, False)
    >>> goes_on(" (gfp=0x20/0) from"), goes_on(" (gfp=0x20/0) from c012e052"), goes_on(" (gfp=0x20/0) from here")
    (False, False, True)
    >>> goes_on(". order:1, mode:0x20 Thanks.", True), goes_on(". order:1, mode:0x20` 则可能是内核bug", True)
    (False, True)
    >>> goes_on(": order:0, mode:0x2015a 显然是内存不足。", True, stamped=True), goes_on(": order:0, mode:0x2015a 显然", True)
    (False, True)
    >>> goes_on(": order:0, mode:0x20` 则可能是内核bug", True, stamped=True), goes_on(": order:0, mode:0x20 which is", True, stamped=True)
    (True, True)
    >>> goes_on(": order:7, mode:0xdc0(GFP_KERNEL)            __alloc_pages_slowpath → vmbus_alloc_ring", True)
    False
    >>> goes_on(". order:5, mode:0xd0, lge_init_mtd_access: error: cannot allocate memory", True)
    True
    >>> goes_on(". order:3, mode:0x4020I am Googling..."), has_words("... in turn, solved.> ")
    (False, False)
    >>> wrapped_around("# Sometimes ffmpeg fails (we run out of memory):", "# which causes lots of this:", "# ")
    True
    >>> wrapped_around("Situation", "followed by a stack trace", "")   # a heading, not a sentence
    False
"""

import re

from pagealloc.kernlog.patterns import MASK
from pagealloc.kernlog.prefix import split_prefix
from pagealloc.kernlog.web_text import without_tags

# A list item's marker: a bullet, or a number of at most 3 digits and "." or ")" (markdown, mail, KB).
_OPENING = "\"'(\u201c\u2018"
_MARKER = re.compile(r"[\u2022\u00b7\u25aa\u25e6\u2023\u2043*+-]|\d{1,3}[.)]")
# What warn_alloc() prints after the mode (4.x-6.x), and the SLUB line's gfp (with its names).
# (2.4's "(gfp=0x%x/%i)", 2.4.10-pre with " from %p" after it: __alloc_pages()'s return address, which
# a mail client's wrap may carry to the next line: "... (gfp=0x20/0) from" / "c012e052")
_MODE_END = re.compile(r"gfp=0x[0-9a-fA-F]+/\d+\)(?: from(?: (?:0x)?[0-9a-fA-F]+\b|\s*$))?"
                       r"|mode:\s?" + MASK + r"(?:\([\w|]*\)?)?|gfp=0x[0-9a-fA-F]+(?:\([\w|]*\)?)?\)?")
_TRAILING = re.compile(r"\s*(?:nodemask|cpuset|mems_allowed)=")
# (nodemask and mems_allowed are %*pbl node lists, digits, commas and ranges: letters glued after them are
# no field's, "mems_allowed=0I am Googling"; a cpuset's name may hold any letter, its comma ends it; a list ends in
# a number, so a comma after it is text going on: "mems_allowed=0, lge_...")
_AFTER_MODE = re.compile(r"(?:,?\s*nodemask=(?:\(null\)|[\d-]*(?:,[\d-]+)*))?(?:,?\s*cpuset=[^,\s]*)?"
                         r"(?:,?\s*mems_allowed=[\d-]*(?:,[\d-]+)*)?")
# Report text a mail client reflowed onto the header's line, and rsyslog's escaped newline.
_GLUED = re.compile(r"Call [Tt]race:|CPU: \d|Pid: \d|#012")
# A kernel function's name opening the joined line (``__alloc_pages_slowpath -> vmbus_alloc_ring``, a
# call chain written out under the header in notes; ``dump_stack+0x1c``): C names with an underscore or
# an offset, never a word of a sentence (signs before it, a backtick of inline code or a quote sign, are markup).
_SYMBOL = re.compile(r"[^\w]*[A-Za-z_]\w*(?:_\w*(?![\w'])|\+0x[0-9a-fA-F]+)")
# A quote sign glued to a sentence's end with only quote signs and blanks after it ("...in turn, solved.> "
# before "NetworkManager: page allocation failure. ..."): a page flattened to text (a forum archive) joined
# the quoted line to the reply's sentence; the quote opens a line of its own.
_GLUED_QUOTE = re.compile(r"[.!?]>[>\s]*$")
_OPENER = re.compile(r"\s*(?:Call [Tt]race|Mem-[Ii]nfo|Backtrace|Stack|Hardware name|Modules linked in)\b")
# A wall-clock time a log writer put before the kernel text (ISO 8601 / RFC 3339, BSD syslog, ctime): its
# letters ("T", "Jan", "Thu") are no words of a sentence ("2017-01-18T13:28:41.783833+03:00 rsync: ...",
# a syslog receiver's date with its host field empty).
_WALLCLOCK = re.compile(
    r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?"
    r"|(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ 0-3]?\d"
    r" \d\d:\d\d:\d\d(?:\.\d{1,9})?(?: \d{4})?")


def has_words(outer):
    """Whether ``outer`` (what stands before the comm and any log prefix) holds letters outside log
    prefixes: words, where quote and box signs, blanks, digits and other signs hold none, nor do log
    prefixes stacked behind quote signs (``> kernel: # ``: a quoted log line of a markdown title), nor
    a wall-clock time (``2017-01-18T13:28:41.783833+03:00 ``, ``Jan 18 13:28:41 ``)."""
    text = without_tags(outer)  # page markup holds no words ("> <b>", "kernel: [code]")
    glued = _GLUED_QUOTE.search(text)
    if glued is not None:
        text = text[glued.start() + 1:]  # a quote a flattened page glued to the sentence before it
    while True:
        text = text.lstrip(" \t>|")
        pre = split_prefix(text)
        if not pre.known or len(pre.body) >= len(text):
            break
        text = pre.body
    return any(c.isalpha() for c in _WALLCLOCK.sub(" ", text))


def list_item(outer):
    """Whether ``outer`` ends in a list item's start: a bullet or a short number ending in ``.`` or
    ``)``, followed by nothing or by words only (``9. Re: ``).  Signs after it (``12) >>> ``, a
    line number before a quote; ``1) 12:00:01 ``) make it a layer of the prefix instead.  A sign
    inside a log prefix ending ``outer`` is no marker (RFC 5424's absent fields ``- - -`` before
    another log's line an rsyslog relay forwarded whole: ``<4>1 ... web1 kernel - - - ``, or a prompt pasted
    behind them: ``<4>1 ... web1 kernel - - - root@web1:~# ``).

    >>> list_item("<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - root@web1:~# "), list_item("kernel: - ")
    (False, True)
    >>> list_item("> <4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - Here is the first problem. ")
    False
    >>> list_item("     6\t<4>1 2024-01-27T00:14:32Z web1 kernel - - - So: "), list_item("- <4>1 2024-01-27T00:14:32Z h k - - - So: ")
    (False, True)
    """
    tokens = _without_log_prefixes(outer).split()
    for at in range(len(tokens) - 1, -1, -1):
        if _MARKER.fullmatch(tokens[at]) is not None:
            return all(any(c.isalpha() for c in token) for token in tokens[at + 1:])
    return False


def _without_log_prefixes(outer):
    """``outer`` without the known log prefixes that end it (the longest tail a log prefix holds whole,
    again and again: ``> - <4>1 ... - - - `` -> ``> - ``)."""
    if _MARKER.search(outer) is None:
        return outer  # (the common case: no sign a list could open with)
    cut = True
    while cut:
        cut = False
        for start in range(len(outer)):
            if start and outer[start - 1] not in " \t>|:" and outer[start] not in "[<":
                continue
            pre = split_prefix(outer[start:])
            if pre.known and not pre.body.strip():
                outer, cut = outer[:start], start > 0
                break
    # ... and those it opens with, words after them (a shell prompt behind the relay's fields: ``<4>1 ... web1
    # kernel - - - root@web1:~# ``), also behind what a paste put before them (quote signs, an indentation, a line
    # number, a prompt: ``     6\t<4>1 ... - - - ``; kept)
    for start in range(len(outer)):
        if start and outer[start - 1] not in " \t>|":
            continue
        body = outer[start:]
        pre = split_prefix(body)
        if pre.known and pre.body.strip() and len(pre.body) < len(body):
            if any(_MARKER.fullmatch(token) for token in outer[:start].split()):
                return outer  # (a list item's marker before the log prefix: "- <4>1 ... - - - So: ", as before)
            while pre.known and pre.body.strip() and len(pre.body) < len(body):
                body = pre.body
                pre = split_prefix(body)
            return outer[:start] + body
    return outer


def quoted(outer):
    """Whether an opening quotation mark or parenthesis is glued to the comm (``'java: page allocation
    stalls ...'`` in test data, ``"kworker/u:0: page allocation failure ..."`` in a sentence): a
    header quoted inside text, whatever prefix its lines share."""
    return outer[-1:] in _OPENING and outer[-1:] != ""


def goes_on(rest, joined=False, lead=None, stamped=False):
    """Whether text continues after the header's fields (``rest``: what follows the header's fixed
    words): letters after the mode or gfp and the fields printed after it.  ``joined``: the header's
    line was whole and the next line was joined to it (a wrapped line's rest, or other text): only a
    sentence going on in lower case (``... mode:0x20`` / ``keeps showing up in my logs``) counts; a
    new sentence or another program's line (``Thanks.``, ``May  6 07:11:28 alpha last message
    repeated``) does not make the header prose, nor does the header's own prefix starting the joined
    text (``lead``: its regex; a line of the same paste, cut right after its prefix).  ``stamped``: the
    kernel's uptime stands right before the comm (a log record): text of a script without case (Chinese,
    Japanese) on the joined line is a remark under the pasted record (Chinese blogs comment right below a log
    line; such text is not hard-wrapped) unless a closing quote or code mark ties it to the header."""
    ends = [match.end() for match in _MODE_END.finditer(rest)]
    if not ends:
        return False  # no mode printed (a cut or wrapped line): nothing to judge here
    if rest.count(")") > rest.count("("):
        # A parenthesis the header did not open closes after its fields (``(e.g.`` / ``> swapper: page
        # allocation failure: order:3, mode:0x20)``): the header is an example inside a sentence.  The
        # kernel's own brackets (the flag names, ``nodemask=(null)``, 2.4's ``(gfp=...)``) are balanced.
        return True
    tail = rest[_AFTER_MODE.match(rest, ends[-1]).end():]
    glued = _GLUED.search(tail)
    if glued is not None:
        tail = tail[:glued.start()]
    tail = without_tags(tail)  # a closing tag after the mode ("mode:0x20</b>") is no sentence
    if joined and lead is not None:
        again = lead.match(tail.lstrip())
        if again is not None:
            tail = tail.lstrip()[again.end():]
    if tail[:1].isalpha():
        joined = True  # text glued to the mode without a blank ("mode:0x4020I am Googling"): a flattened page joined it
    elif tail.lstrip()[:1] == ",":
        # A comma after the mode and the fields printed behind it is no kernel's: the header's own line went on
        # (``// comm: ... mode:0xd0, lge_init_mtd_access: error: ...``, a C comment), a wrap only moved the rest.
        joined = False
    if joined and _SYMBOL.match(tail):
        return False  # a trace line written by hand under the header, not a sentence
    first = next((c for c in tail if c.isalpha()), None)
    if joined and stamped and first is not None and not first.isupper() and not first.islower() \
            and tail.lstrip()[:1] == first:
        return False  # a remark without case right under a stamped record, nothing closing between
    # (a script without case, Chinese or Japanese, marks no new sentence: its text goes on)
    return first is not None and (not joined or not first.isupper())


def wrapped_around(before, after, outer, regex=None, known=None):
    """Whether the lines right before and after a header (``before``, ``after``; None when absent)
    are one sentence wrapped around it: the one before is unfinished text (it ends in ``:`` or ``,``,
    or in a lower-case word after other words), the one after goes on in lower case.  Each is read
    after the header's prefix ``outer`` (``regex`` when its shape is learned) when it carries it (a
    wrapped line's rest may not), and after a log prefix without a time of the header's own form
    ``known`` (text re-logged line by line: ``kernel: ``).  Lines behind another log prefix and report openers (``Call Trace:``,
    ``Mem-Info:``) are no sentence, nor is a 4.11-4.20 cpuset line."""
    if not before or not after:
        return False
    texts = []
    for line in (before, after):
        match = regex.match(line) if regex is not None else None
        if match is not None:
            line = line[match.end():]
        elif outer and line.startswith(outer):
            line = line[len(outer):]
        pre = split_prefix(line)
        if pre.known:
            if pre.known != known or pre.timestamp is not None or pre.wallclock is not None:
                return False  # a log line (its time), or another log's
            line = pre.body  # the same tag as the header's, no time: text re-logged line by line
        if _OPENER.match(line):
            return False
        texts.append(line.strip())
    first, second = texts
    last = first[-1:]
    unfinished = last in (":", ",") or last.isalpha() and last.islower() and " " in first
    return unfinished and second[:1].isalpha() and second[:1].islower() and " " in second \
        and " cpuset=" not in second and "allocation" not in second


def stamped_whole(outer, rest, stamped):
    """Whether a header whose words before it are the only doubt is a log line: the kernel's own uptime stands
    right before its comm (``stamped``: dmesg's or a console's ``[  591.262663] ``) and it prints its order and
    mode whole (``rest``).  Words before such a stamp are a column a tool or a person put before the line (``A
    2016-12-19 16:23:18 192.168.186.128:6666 [  591.262663] postgres: page allocation stalls for 255434ms,
    order:0 mode:0x24201ca(...)``, the last line of a paste), not a sentence quoting a header: a sentence goes on
    after the mode (:func:`goes_on`), wraps around the line (:func:`wrapped_around`) or marks a list item.  The
    word right before the stamp is a column's (a letter, a port, a host): it ends in a letter or digit, and no
    lower-case word of a sentence (``I saw [168382.032039] DOM Worker: ...``), quotation mark or list item's marker
    stands among the words (``- A 2016-12-19 ... [ ...``, ``text: 'A ... [ ...``; a marker glued to a string's
    opening quote in a data export, ``"stdout": "* [ 7873.855883] swapper: ...``, ``b"* [ ...``, ``"\\u2022 [
    ...``, stays prose).

    >>> stamped_whole("A 2016-12-19 16:23:18 192.168.186.128:6666 ", ", order:0 mode:0x24201ca(GFP_COLD)", True)
    True
    >>> stamped_whole("A ", ", order:0 mode:0x24201ca", False), stamped_whole("A ", ". order: 2", True)
    (False, False)
    >>> stamped_whole("I saw ", ", order:0, mode:0x24280ca", True)
    False
    >>> stamped_whole('{"stdout": "* ', ". order:0, mode:0x20", True), stamped_whole('"\\u2022 ', ". order:0, mode:0x20", True)
    (False, False)
    """
    if not stamped or "mode:" not in rest or "order:" not in rest:
        return False
    tokens = outer.split()
    return bool(tokens) and tokens[-1][-1:].isalnum() and not any(c in outer for c in _OPENING + "\u201d\u2019") \
        and not any(_MARKER.fullmatch(token) or token.isalpha() and token.islower() for token in tokens)


# alloc_vmap_area()'s whole message ("." until 3.x), and 2.6.27-'s __get_vm_area_node() one: printed alone on
# their line, no comm, nothing after "size".
# Another program's line a wrap joined after it ("insmod: can't insert ...": a word and its colon): no sentence.
_PROGRAM_LINE = re.compile(r"[\w./-]+: ")
_VMAP_WHOLE = re.compile(r"(?:vmap allocation for size \d+ failed: |allocation failed: out of vmalloc space - )"
                         r"use vmalloc=<size> to increase size\.?")


def message_in_sentence(before, message):
    """Whether a one-line vmalloc-area message (``message``: the line from ``vmap allocation ...`` or ``allocation
    failed: out of vmalloc space ...`` on; ``before``: what stands before it) is quoted in text, as a header is
    (:func:`quoted`, :func:`goes_on`): an opening quotation mark glued to it, or the whole message with a sentence
    going on after it (a letter: ``... to increase size keeps showing up``) or a parenthesis it did not open
    closing after it.  A message cut by a wrap (its rest on the next line) is not judged here; a log prefix or another
    program's line (``insmod: can't insert ...``) a wrap joined after it is another record, no sentence.

    >>> message_in_sentence('    # Sometime kernel may complain "', "vmap allocation for size 268439552 failed: ...")
    True
    >>> message_in_sentence("", "vmap allocation for size 36864 failed: use vmalloc=<size> to increase size")
    False
    >>> message_in_sentence("", "allocation failed: out of vmalloc space - use vmalloc=<size> to increase size. here")
    True
    >>> message_in_sentence("(e.g. ", "vmap allocation for size 8192 failed: use vmalloc=<size> to increase size)")
    True
    >>> message_in_sentence("", "vmap allocation for size 8192 failed: use vmalloc=<size> to increase")  # wrapped
    False
    >>> message_in_sentence("", "vmap allocation for size 8192 failed: use vmalloc=<size> to increase size[ 5.1] x")
    False
    >>> message_in_sentence("", "vmap allocation for size 73728 failed: use vmalloc=<size> to increase size insmod: can't")
    False
    """
    if quoted(before):
        return True
    whole = _VMAP_WHOLE.match(message)
    if whole is None:
        return False
    tail = without_tags(message[whole.end():])
    if tail.count(")") > tail.count("("):
        return True
    tail = tail.lstrip()
    return tail[:1].isalpha() and not split_prefix(tail).known and _PROGRAM_LINE.match(tail) is None


def goes_on_in_next(rest, after):
    """Whether the header's trailing fields were wrapped onto the next line ``after`` (its text after
    the prefix) with the sentence going on behind them (``... mode:0x480020(GFP_ATOMIC),`` /
    ``nodemask=(null),cpuset=/,mems_allowed=0 keeps showing up in my logs``), or the line went on after
    a comma the kernel never prints behind the mode and its fields, the next line holding none of those
    fields (``mode:0xd0,`` / ``lge_init_mtd_access: error: cannot allocate memory``).

    >>> goes_on_in_next(". order:5, mode:0xd0,", "lge_init_mtd_access: error: cannot allocate memory")
    True
    >>> goes_on_in_next(": order:0, mode:0xa20(GFP_ATOMIC),", "17: nodemask=(null),cpuset=/,mems_allowed=0")
    False
    """
    if not rest.rstrip().endswith(","):
        return False
    if _TRAILING.match(after) is not None:
        return goes_on(rest + " " + after, True)
    ends = [match.end() for match in _MODE_END.finditer(rest)]
    return bool(ends) and rest[_AFTER_MODE.match(rest, ends[-1]).end():].strip() == "," \
        and _TRAILING.search(after) is None and goes_on(rest + " " + after, True)
