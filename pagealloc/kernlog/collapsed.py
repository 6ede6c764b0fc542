"""
A syslog excerpt collapsed into one line: the line breaks were lost (a blog or wiki export, an
editor joining paragraphs), so each line's syslog head (date, host, tag) stands glued to the end of
the line before it, with a blank between them or with none::

    2020-03-16T17:56:07.505715+08:00 VECS0xxxx kernel:[] ? __alloc_pages_nodemask+0x7e1/0x9602020-03-16T17:56:07.505717+08:00 VECS0xxxx kernel: java: page allocation failure. order:0, mode:0x202020-03-16T17:56:07.505719+08:00 VECS0xxxx kernel: Pid: 12845, comm: java ...

Such a line holds its own head again: the same host and tag behind a date written the same way,
digit for digit (``\\d{4}-\\d{2}-...``: a fixed width is what tells the year ``2020`` from the hex
digits it is glued to, ``mode:0x20`` + ``2020-03-16T...``).  :func:`pieces` cuts the line before
each repetition; the assembler reads every piece as a line of its own, as it does with rsyslog's
``#012`` escapes.  A line whose head does not come again is no collapsed excerpt (None).

Examples:
    >>> line = ("Oct 27 18:00:02 concorde kernel:  [<c013fa77>] __alloc_pages+0x28b/0x29d "
    ...         "Oct 27 18:00:02 concorde kernel:  [<c013faa1>] __get_free_pages+0x18/0x24")
    >>> pieces(line)
    ['Oct 27 18:00:02 concorde kernel:  [<c013fa77>] __alloc_pages+0x28b/0x29d ', 'Oct 27 18:00:02 concorde kernel:  [<c013faa1>] __get_free_pages+0x18/0x24']
    >>> [p[-18:] for p in pieces("2020-03-16T17:56:07.5+08:00 h kernel: x: page allocation failure. "
    ...                          "order:0, mode:0x202020-03-16T17:56:07.6+08:00 h kernel: Pid: 1, comm: x")]
    ['order:0, mode:0x20', 'l: Pid: 1, comm: x']
    >>> pieces("> Jun 17 21:19:45 w kernel: a+0x1/0x2 Jun 17 21:19:45 w kernel: b+0x1/0x2")   # quoted
    ['> Jun 17 21:19:45 w kernel: a+0x1/0x2 ', '> Jun 17 21:19:45 w kernel: b+0x1/0x2']
    >>> pieces("Jun 17 21:19:45 web1 kernel: Kernel command line: root=/dev/sda1 kernel: quiet") is None
    True
"""

import re

from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.prefix import syslog_head

_DIGITS_OR_BLANKS = re.compile(r"\d+|[ \t]+")
MAX_OUTER = 64  # the longest text before the first syslog head that is looked behind
_TIME = re.compile(r"\d\d:\d\d:\d\d")


def _head_shape(head):
    """Regex of a syslog head: each digit run of the same width, blank runs free, the rest literal."""
    out, last = [], 0
    for run in _DIGITS_OR_BLANKS.finditer(head):
        out.append(re.escape(head[last:run.start()]))
        text = run.group()
        out.append(r"[ \t]+" if text[0] in " \t" else r"\d{%d}" % len(text))
        last = run.end()
    out.append(re.escape(head[last:]))
    return re.compile("".join(out))


def pieces(line):
    """The lines a collapsed syslog excerpt ``line`` was made of, or None (see the module docstring).

    A line number glued before each head (``30 2020-03-27T10:35:28.769900+08:00 h kernel: ... 31 2020-...``,
    a code viewer's numbers collapsed with the lines) goes with its head: the outer part repeated (digit runs
    free) right before a head is that line's own.

    >>> [p[:8] for p in pieces("30 Jun 17 21:19:45 w kernel: a+0x1/0x2 31 Jun 17 21:19:45 w kernel: b+0x1/0x2")]
    ['30 Jun 1', '31 Jun 1']
    """
    tag = line.find("kernel:")
    if tag < 0 or line.find("kernel:", tag + 7) < 0:  # cheap guard: the kernel tag twice
        return None
    for outer, head in _outer_and_heads(line, min(len(line), MAX_OUTER)):
        shape = _head_shape(head.rstrip())
        numbered = _numbered(outer)
        cuts, last = [], len(outer) + len(head)
        for match in shape.finditer(line, last):
            if line[last:match.start()].strip():  # (a head right behind a head: one line's stacked prefix)
                own = numbered.search(line, last, match.start()) if numbered is not None else None
                cuts.append(own.start() if own is not None else match.start())
            last = match.end()
        if cuts:
            if numbered is not None:
                return [line[start:end].rstrip(" ") for start, end in zip([0] + cuts, cuts + [len(line)])]
            starts = [len(outer)] + cuts
            # what stood before the first head (a quote, an indentation) was put before all of the lines
            return [outer + line[start:end] for start, end in zip(starts, cuts + [len(line)])]
    return None


# A dmesg excerpt whose records a mail client or an editor joined into paragraphs and wrapped again: after
# the wrapped pieces are rejoined, one line holds several records, each behind its own uptime stamp glued
# after a blank to the end of the record before it ("...all_unreclaimable? no [  776.233602] Normal
# free:1492kB min:964kB ...").  The line's first stamp stands behind its outer part (a quote, an indentation,
# a syslog or journal head: text ending in a blank, a quote sign or a colon, MAX_OUTER long at most); each
# later stamp of the same form, no earlier than the first and within an hour of it, starts a record, which
# is put behind the same outer part.  A stamp may carry its printk caller id ("[  659.105948][ T3124] ", 5.1+).
_CALLER = r"(?:\[[ \t]*[CT]\d{1,7}\])?"
_STAMP = re.compile(r"\[[ \t]*(?P<ts>\d{1,10}\.\d{6})\]" + _CALLER + " ")
_GLUED_UPTIME = re.compile(r"[ \t]\[[ \t]*(?P<ts>\d{1,10}\.\d{6})\]" + _CALLER + " ")
GLUED_SPAN_S = 3600.0
_QUOTE_SIGNS = re.compile(r"[ \t>|]*")
MAX_STACKED = 200  # the longest run of stacked log prefixes looked behind (framing.MAX_OUTER)
glued_uptime = _GLUED_UPTIME.search  # (the hot path's test: a line holding a second record's stamp)


def _lead_stamp(line):
    """The stamp of the record ``line`` starts with, behind its outer part (MAX_OUTER long at most), or None."""
    lead = _STAMP.search(line, 0, MAX_OUTER + 24)
    if lead is None and len(line) > MAX_OUTER + 24:
        # log prefixes stacked before the outer part (a post logged again by busybox's logread, relayed by rsyslog
        # behind RFC 5424): the outer part is looked for behind the last kernel tag among them
        tag = line.rfind("kernel", 0, MAX_STACKED)
        lead = _STAMP.search(line, tag, tag + MAX_OUTER + 24) if tag > 0 else None
    return lead


def uptime_pieces(line):
    """The records of ``line`` when it holds several dmesg records glued one after another (see
    _GLUED_UPTIME), each behind the outer part the first stands behind; else None.

    >>> uptime_pieces("> [  776.209062] Node 0 all_unreclaimable? no [  776.233602] Normal free:1492kB min:964kB")
    ['> [  776.209062] Node 0 all_unreclaimable? no', '> [  776.233602] Normal free:1492kB min:964kB']
    >>> uptime_pieces("Jun 17 21:19:45 web1 kernel: [ 5.000001] a [ 5.000002] b")
    ['Jun 17 21:19:45 web1 kernel: [ 5.000001] a', 'Jun 17 21:19:45 web1 kernel: [ 5.000002] b']
    >>> head = "Sat Jan 27 00:14:32 2024 kern.warn kernel: "   # busybox logread's, stacked twice (a post logged again)
    >>> line = head + head + "> [  776.209062] Node 0 no [  776.233602] Normal free:1492kB"
    >>> [p[2 * len(head):] for p in uptime_pieces(line)]
    ['> [  776.209062] Node 0 no', '> [  776.233602] Normal free:1492kB']
    >>> uptime_pieces("[  776.1] x [  770.000001] y") is None   # (not the stamp's form: six digits)
    True
    >>> uptime_pieces("[ 12.000001] a [  5.000000] b") is None   # an earlier time: a quoted line, no record
    True
    >>> uptime_pieces("[  6.000001][ T33] Node 0 no [  6.000002][ T33] Normal free:1492kB")   # printk caller ids
    ['[  6.000001][ T33] Node 0 no', '[  6.000002][ T33] Normal free:1492kB']
    >>> uptime_pieces("> x: page allocation failure: order:0, mode:0x20 [  6.000002] CPU: 1 PID: 7 Comm: x [  6.000003] Call trace:")
    ['> x: page allocation failure: order:0, mode:0x20', '> [  6.000002] CPU: 1 PID: 7 Comm: x', '> [  6.000003] Call trace:']
    """
    lead = _lead_stamp(line)
    if lead is None or lead.start() and line[lead.start() - 1] not in " \t>|:" \
            or line.find("[", lead.end()) < 0:  # (cheap: most lines hold no second bracket)
        return None
    first, outer = float(lead.group("ts")), line[:lead.start()]
    starts = [lead.start()]
    for match in _GLUED_UPTIME.finditer(line, lead.end()):
        if not first <= float(match.group("ts")) <= first + GLUED_SPAN_S:
            return None
        starts.append(match.start() + 1)
    if len(starts) == 1:
        return None
    if "alloc" in outer and find_header(outer) is not None:
        # the first record is a header whose own stamp is gone (a flattened paste under ``journalctl -o cat``, a
        # paste cut before the comm): no outer part but a record of its own; the records after it stand behind
        # the quote or indentation it stands behind
        first, outer = outer.rstrip(" \t"), _QUOTE_SIGNS.match(outer).group()
        return [first] + [outer + line[start:end].rstrip(" \t") for start, end in zip(starts, starts[1:] + [len(line)])]
    return [outer + line[start:end].rstrip(" \t") for start, end in zip(starts, starts[1:] + [len(line)])]


# A record's stamp and caller id glued with no blank behind the text of another record a console left unfinished
# ("[  657.060922][ T3384]  ? page_[  659.105948][ T3124] kworker/2:1H: page", s34-holdAB): at the line's end too,
# when a wrap cut the line right after the caller id.
_CALLER_GLUED = re.compile(r"(?<=[^\s\]])\[[ \t]*(?P<ts>\d{1,10}\.\d{6})\]\[[ \t]*[CT]\d{1,7}\](?= |$)")


def caller_pieces(line):
    """The unfinished record and the record glued behind it with no blank (see _CALLER_GLUED), the second behind the
    outer part (quote, indentation) the first stands behind; None when ``line`` holds no such record after its own
    stamp, no later than that stamp and within an hour of it.  (Cheap: most lines hold one "][" at most.)

    >>> caller_pieces("> [  657.060922][ T3384]  ? page_[  659.105948][ T3124]")
    ['> [  657.060922][ T3384]  ? page_', '> [  659.105948][ T3124]']
    >>> caller_pieces("[  659.105948][ T3124] kworker/2:1H: page allocation failure") is None
    True
    >>> caller_pieces("[  657.060922][ T3384] x[  600.000001][ T3124] y") is None   # an earlier time: text quoting it
    True
    """
    if line.count("][") < 2:
        return None
    lead = _lead_stamp(line)
    glued = _CALLER_GLUED.search(line, lead.end()) if lead is not None else None
    if glued is None or not float(lead.group("ts")) <= float(glued.group("ts")) <= float(lead.group("ts")) + GLUED_SPAN_S:
        return None
    return [line[:glued.start()], line[:lead.start()] + line[glued.start():]]


# A glued record's stamp and caller id a wrap cut at one of their blanks: the held line ends inside them ("... ? page_[
# 659.105948][", "... ? page_["), the next line, behind the outer part the two share, starts with their rest.
_CALLER_CUT = re.compile(r"(?<=[^\s\]])\[[ \t]*(?:\d{1,10}\.\d{6}\]\[[ \t]*)?$")
_CALLER_REST = re.compile(r"[ \t]*(?:\d{1,10}\.\d{6}\]\[[ \t]*)?[CT]\d{1,7}\](?= |$)")
_CALLER_STAMP = re.compile(r"\[[ \t]*\d{1,10}\.\d{6}\]\[[ \t]*[CT]\d{1,7}\]")


def caller_stamp_rejoined(held, rest):
    """``held`` and ``rest`` (the next line without the outer part both start with) joined when a wrap cut the stamp and
    caller id of a record a console glued inside ``held`` at one of their blanks (a blank of a log prefix a wrap
    cannot tell from a word's end: "... ? page_[  659.105948][" / "T3124] kworker/2:1H: page"); else None.  The
    joined line is then cut by :func:`caller_pieces`.

    >>> caller_stamp_rejoined("[  657.060922][ T3384]  ? page_[  659.105948][", "T3124] kworker/2:1H: page")
    '[  657.060922][ T3384]  ? page_[  659.105948][ T3124] kworker/2:1H: page'
    >>> caller_stamp_rejoined("[  657.060922][ T3384]  ? page_[", "659.105948][ T3124] kworker/2:1H: page")[31:]
    '[ 659.105948][ T3124] kworker/2:1H: page'
    >>> caller_stamp_rejoined("[  657.060922][ T3384]  see [", "T3124] x") is None   # no stamp: no record's prefix
    True

    A line's own stamp cut at a blank of its padding is rejoined too (_own_stamp_rejoined).
    """
    cut = _CALLER_CUT.search(held, max(len(held) - 40, 0))
    if cut is None:
        return _own_stamp_rejoined(held, rest)
    after = _CALLER_REST.match(rest)
    if after is None:
        return None
    stamp = cut.group().rstrip(" \t") + " " + after.group().lstrip(" \t")  # (one blank where the wrap cut)
    return held[:cut.start()] + stamp + rest[after.end():] if _CALLER_STAMP.fullmatch(stamp) else None


# A line's own uptime cut at a blank of its padding ("2016-12-19 16:23:18 192.168.186.128:6666 [ " / "525.138934] a.out(4051):
# page allocation stalls for", a netconsole receiver's line numbered and wrapped at 60): "[" behind the line's start or a
# blank, the seconds and "]" opening the rest.
_STAMP_CUT = re.compile(r"(?:^|(?<=[ \t>|]))\[[ \t]*$")
_STAMP_REST = re.compile(r"[ \t]*\d{1,10}\.\d{6}\](?=[ \t\[]|$)")


def own_stamp_cut(text):
    """``text`` ends where a wrap cut its own uptime at a blank of its padding (above): the next line holds the
    stamp's rest, and ``text`` is no line's wrapped rest but the start of a record of its own.

    >>> own_stamp_cut("> > > root@web1:~# 2016-12-19 16:23:18 192.168.186.128:6666 [ "), own_stamp_cut("? page_[")
    (True, False)
    """
    return text.rstrip(" \t")[-1:] == "[" and _STAMP_CUT.search(text, max(len(text) - 12, 0)) is not None


def _own_stamp_rejoined(held, rest):
    """``held`` and ``rest`` joined when a wrap cut ``held``'s own uptime at a blank of its padding (above); else None.

    >>> _own_stamp_rejoined("2016-12-19 16:23:18 192.168.186.128:6666 [ ", "525.138934] a.out(4051): page")
    '2016-12-19 16:23:18 192.168.186.128:6666 [ 525.138934] a.out(4051): page'
    >>> _own_stamp_rejoined("see [", "525.138934] x"), _own_stamp_rejoined("[ ", "42 apples]")
    ('see [ 525.138934] x', None)
    """
    cut = _STAMP_CUT.search(held, max(len(held) - 12, 0))
    after = _STAMP_REST.match(rest) if cut is not None else None
    if after is None:
        return None
    return held[:cut.start()] + "[ " + rest.lstrip(" \t")


def caller_rest_pieces(held, line):
    """The rest of ``held`` (a record behind its stamp) and the record a console glued behind that rest with no blank
    (see _CALLER_GLUED), when a wrap cut ``held`` before the glued record: ``line``, the wrapped rest, holds it, and
    the record goes behind the outer part ``held`` stands behind (a syslog prefix the text was logged again behind,
    a quote); else None.  The glued stamp is no earlier than held's and within an hour of it, as in caller_pieces.

    >>> caller_rest_pieces("kernel: [  657.060922][ T3384]  ?", "page_[  659.105948][ T3124] kworker/2:1H: page")
    ['page_', 'kernel: [  659.105948][ T3124] kworker/2:1H: page']
    >>> caller_rest_pieces("kernel: [  657.060922][ T3384]  ?", "page_[  600.000001][ T3124] x") is None
    True
    """
    glued = _CALLER_GLUED.search(line)
    lead = _lead_stamp(held) if glued is not None else None
    if lead is None or not float(lead.group("ts")) <= float(glued.group("ts")) <= float(lead.group("ts")) + GLUED_SPAN_S:
        return None
    return [line[:glued.start()], held[:lead.start()] + line[glued.start():]]


def glued_rest(text, line):
    """``line``, starting with a dmesg stamp, is the next record of ``text``, a line holding records glued one after
    another (:func:`uptime_pieces`): a wrap cut the paragraph at the blank before the stamp, so the rest starts with
    it (a post Outlook reflowed, logged again behind a prefix and wrapped: "... kernel: > (sh_eth_poll+0xbf/0x3c0)" /
    "[  776.021342] [<c02c1b6f>] (sh_eth_poll)").  The stamp keeps the form and the span of the text's own.

    >>> glued_rest("kernel: > x [  776.004685] a [ 776.013217] b", "[  776.021342] [<c02c1b6f>] (sh_eth_poll)")
    True
    >>> glued_rest("kernel: > x [  776.004685] a", "[  776.021342] b")   # one record: no paragraph to go on
    False
    >>> glued_rest("kernel: > x [  776.004685] a [ 776.013217] b", "[  775.000001] c")   # an earlier time
    False
    """
    stamps = [float(match.group("ts")) for match in _STAMP.finditer(text)]
    own = _STAMP.match(line)
    if len(stamps) < 2 or own is None or glued_uptime(text) is None:
        return False
    return max(stamps) <= float(own.group("ts")) <= stamps[0] + GLUED_SPAN_S


# A frame line still open (its address printed, its name not yet: 2.6 i386 printk()s "[<%08lx>] " and the symbol
# separately) when a nested printk() starts a record: kernel/printk.c stores each record behind its level "<N>", and
# a console strips that level only at a line's start, so mid-line it stays on screen (netconsole, a serial console):
# "  [<c010326e>]<4>swapper: page allocation failure. order:0, mode:0x20", the header of a failure inside the
# printing of another's trace.
_LEVEL_GLUED = re.compile(r"(?:(?<=[ \t>|:])|^)(?P<open>(?:\[<[0-9A-Fa-f]{6,16}>\][ \t]*)+)<[0-7]>(?=[^\s<])")


def level_pieces(line):
    """The open frame line and the record a printk level glued to it starts (see _LEVEL_GLUED), the record behind
    the same outer part (log prefix, quote, indentation) as the frame line; else None.

    >>> level_pieces("  [<c010326e>]<4>swapper: page allocation failure. order:0, mode:0x20")
    ['  [<c010326e>]', '  swapper: page allocation failure. order:0, mode:0x20']
    >>> level_pieces("Apr 10 13:50:23 fw kernel:  [<c010326e>]<4>swapper: page allocation failure.")[1]
    'Apr 10 13:50:23 fw kernel:  swapper: page allocation failure.'
    >>> level_pieces("  [<c010326e>] common_interrupt+0x1a/0x20") is None
    True
    """
    match = _LEVEL_GLUED.search(line)
    if match is None:
        return None
    outer = line[:match.start()]
    return [outer + match.group("open").rstrip(" \t"), outer + line[match.end():]]


# A record whose printk level stayed glued behind the end of an earlier record's text: printk() (2.4, 2.6) kept a
# message that did not end in a newline open, so the next message's level "<N>" stayed on the line and syslog logged
# both records as one line: "kernel: Out of Memory: Killed process 1691 (magma.exe).<3>__alloc_pages: 0-order
# allocation failed." (2.4.0-test10 on linux-kernel, 2000-11-02).  A level only counts so when a failure header
# starts right behind it.
LEVEL_AFTER_TEXT = re.compile(r"(?<=[^\s<>\[\]])<[0-7]>(?=[^\s<])")
# ... or the start of one that a wrap cut ("...(magma.exe).<3>__alloc_pages: 0-order allocation" / "failed.")
_HEADER_START = re.compile(r"(?:__alloc_pages:(?: \d|\s*$)|SL[AU]B:(?: Unable|\s*$)"
                           r"|[^\s:<>]{1,16}:(?: (?:page|vmalloc|vmemmap)\b|\s*$))")


def record_level_pieces(body):
    """The earlier record's text and the failure header a printk level glued behind it (see LEVEL_AFTER_TEXT) in
    ``body``, a line's text behind its log prefix (the framing that reads the line gives it: the caller puts the
    line's outer part, a quote and log prefix, before each piece); else None.

    >>> record_level_pieces("Out of Memory: Killed process 1691 (magma.exe).<3>__alloc_pages: 0-order allocation failed.")
    ['Out of Memory: Killed process 1691 (magma.exe).', '__alloc_pages: 0-order allocation failed.']
    >>> record_level_pieces("eth0: link up.<4>swapper: page allocation failure. order:0, mode:0x20")[1]
    'swapper: page allocation failure. order:0, mode:0x20'
    >>> record_level_pieces("see foo.<4>bar for details") is None
    True
    """
    for match in LEVEL_AFTER_TEXT.finditer(body):
        if match.start() == 0:
            continue
        after = body[match.end():]
        hit = find_header(after)
        if (hit is None or (hit.prefix if hit.comm is not None else after[:hit.what_start])) \
                and _HEADER_START.match(after) is None:
            continue  # no header (or a header's start) right behind the level
        return [body[:match.start()], after]
    return None


_NUMBER = re.compile(r"[ \t]*\d{1,7}[ \t:.|)]*")


# (framing's runs: a counter printed in hex, "0419E < 4> ", is one run too)
_RUNS = re.compile(r"(?<![0-9A-Za-z])[0-9A-Fa-f]*\d[0-9A-Fa-f]*(?![0-9A-Za-z])|\d+|[ \t]+")


def _runs_free(outer, anchor="", blanks=r"[ \t]*"):
    """Regex of ``outer`` with its digit (or hex) runs and blank runs free (a line number, a quote's blanks)."""
    out, last = [], 0
    for run in _RUNS.finditer(outer):
        out.append(re.escape(outer[last:run.start()]))
        text = run.group()
        alone = not outer[run.start() - 1:run.start()].isalnum() and not outer[run.end():run.end() + 1].isalnum()
        out.append(blanks if text[0] in " \t" else r"[0-9A-Fa-f]*\d[0-9A-Fa-f]*" if alone else r"\d+")
        last = run.end()
    out.append(re.escape(outer[last:]) + anchor)
    return re.compile("".join(out))


def _numbered(outer):
    """Regex of ``outer`` right before a head when it is a line number (digit runs free), else None."""
    if not outer or _NUMBER.fullmatch(outer) is None:
        return None
    return re.compile(r"(?<![^ \t])" + _runs_free(outer, "$", r"[ \t]+").pattern)


def _digits_free(text):
    return re.sub(r"[ \t]+", " ", re.sub(r"\d", "0", text))


MAX_COLLAPSED = 1 << 16  # the longest collapsed excerpt rejoined from a hard wrap


def wrapped_rest(text, line):
    """``line``'s text when it is the rest of the collapsed excerpt ``text`` that a hard wrap cut (a wrap of a
    line holding many: its heads cut from their text, even between a date and a host), else None.  ``text``
    starts with a syslog head (behind an outer part) and holds it again, or ``line`` brings it again (whole,
    or completing one the wrap cut); a ``line`` starting with the head is a line of its own.

    >>> wrapped_rest("Jun 17 21:19:45 web1 kernel: java: page allocation failure. order:0, mode:0x20 Jun 17",
    ...              "21:19:45 web1 kernel: Pid: 12845, comm: java Not tainted 2.6.32")
    '21:19:45 web1 kernel: Pid: 12845, comm: java Not tainted 2.6.32'
    >>> wrapped_rest("Jun 17 21:19:45 web1 kernel: a+0x1/0x2", "Jun 17 21:19:46 web1 kernel: b+0x1/0x2") is None
    True
    """
    if len(text) + len(line) > MAX_COLLAPSED:
        return None
    for outer, head in _outer_and_heads(text, min(len(text), MAX_OUTER)):
        lead = _runs_free(outer).match(line) if outer.strip() else None  # (a re-quoted or numbered line)
        body = line[lead.end():] if lead is not None else line
        body = body.strip()
        shape = _head_shape(head.rstrip())
        if not body or shape.match(body) is not None:
            return None  # a line of its own
        # the head's date and time, written the same way: a wrap may cut the head after them, and a line may
        # end in them ("...0x9602020-03-16T17:56:07.505717+08:00" / "VECS0xxxx kernel: java: ...")
        date = _head_shape(head[:_TIME.search(head).end()])
        start = len(outer) + len(head)
        if shape.search(text, start) is not None or shape.search(body) is not None:
            return body
        end = date.search(body, max(0, len(body) - len(head) - 8))  # (the head's first part ending the line)
        if end is not None and _digits_free(head).startswith(_digits_free(body[end.start():])):
            return body
        joined, cut = text.rstrip() + " " + body, len(text.rstrip())
        for regex in (shape, date):  # a head, or its date, that the wrap cut
            match = regex.search(joined, max(start, cut - len(head) - 8))
            if match is not None and match.start() <= cut < match.end():
                return body
        return None
    return None


def _outer_and_heads(line, limit):
    """Each ``(outer, head)``: a syslog head (with a date and time and the kernel tag) of ``line`` behind
    ``outer`` (a mail quote, an indentation, a box, a bare ``kernel: `` tag or another head stacked before
    it: text ending in a blank or a quote sign), the outermost first."""
    start = 0
    while start <= limit:
        if not start or line[start - 1] in " \t>|":
            head = syslog_head(line[start:])
            if head and _TIME.search(head):  # a tag without its date and time tells no line from text
                if head.rstrip().endswith("kernel:"):
                    yield line[:start], head
                start += len(head)
                continue
        start += 1
