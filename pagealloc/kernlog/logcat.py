"""
Android logcat's rendering of kernel lines, turned back into the kernel's text.

``logcat -b kernel`` (and a bugreport's kernel section) prints each kernel line in the ``threadtime``
form ``MM-DD HH:MM:SS.mmm  PID  TID L TAG     : message``: logd's klog reader takes the head of the
kernel's text up to its colon as the tag (``Binder`` of ``Binder:672_7: page allocation failure``,
``Call trace`` of ``Call trace:``, ``SLUB`` of ``SLUB: Unable to allocate ...``, dropping the blank after
the colon), or leaves the tag empty (``CPU: 7 PID: ...``), and logcat pads the tag to eight columns before
``: ``.  A comm holding a colon (Android's ``Binder:672_7``,
``kworker/u8:2``) is then cut in two, and a report's lines change their words before the text.  The
kernel's text is the tag, a colon and the message (the message alone when the tag is empty); the
date, pid, tid and level stay in front as the line's log prefix (pagealloc.kernlog.prefix reads it).

Examples (a held-out post, github.com/arter97/exfat-linux/issues/19, 4.19.81):
    >>> rejoined("04-17 02:19:20.662     0     0 W Binder  : 672_7: page allocation failure: order:4")
    '04-17 02:19:20.662     0     0 W Binder:672_7: page allocation failure: order:4'
    >>> rejoined("04-17 02:19:20.662     0     0 I         : CPU: 7 PID: 11313 Comm: Binder:672_7")
    '04-17 02:19:20.662     0     0 I CPU: 7 PID: 11313 Comm: Binder:672_7'
    >>> rejoined("06-03 13:29:12.999 1010315 31557 31557 W Binder  : 31542_2: page allocation failure")   # -v uid
    '06-03 13:29:12.999 1010315 31557 31557 W Binder:31542_2: page allocation failure'
    >>> rejoined("06-03 13:29:12.999 1010315 31557 31557 W SLUB    : Unable to allocate memory on node -1, gfp=0x900")
    '06-03 13:29:12.999 1010315 31557 31557 W SLUB: Unable to allocate memory on node -1, gfp=0x900'
    >>> rejoined("06-03 13:29:12.999 1010315 31557 31557 W node 0  : slabs: 57, objs: 2907, free: 0")
    '06-03 13:29:12.999 1010315 31557 31557 W node 0: slabs: 57, objs: 2907, free: 0'
    >>> rejoined("> 04-17 02:19:20.662     0     0 I Call trace:  ")   # quoted, the tag longer than 8
    '> 04-17 02:19:20.662     0     0 I Call trace: '
    >>> rejoined("04-17 00:00:30.986     0     0 W [ T4242] v4l2src0: src: page allocation failure: order:5")  # caller id
    '04-17 00:00:30.986     0     0 W [ T4242] v4l2src0:src: page allocation failure: order:5'
    >>> rejoined("[ 1.0] swapper/0: page allocation failure: order:0") == "[ 1.0] swapper/0: page allocation failure: order:0"
    True
"""

import re

# date, pid, tid, level (logcat's threadtime; -v uid puts the uid, a number or a name, before the pid), then the
# tag padded to 8 columns and ": "
_LINE = re.compile(r"(?P<head>\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} +(?:[\w.-]{1,16} +)?\d{1,7} +\d{1,7} [VDIWEFS] )(?P<tag>[^:]*?) *: ")
# where "MM-DD" may start: behind quote signs, blanks, a paste's line numbers or prompt, log prefixes stacked
# on it (a syslog relay's line logged again: two syslog prefixes, 86-100 characters)
_REACH = 200
# the date from its dash on: a literal first, so the search runs in C
_DATE = re.compile(r"-\d\d \d\d:\d\d:\d\d\.\d{3} ")
# a key and its number glued, as Mem-Info prints its pairs ("inactive_anon:12", "min:964kB")
_GLUED_PAIR = re.compile(r"\w:\d")


def _start(line):
    """Where the logcat line's date starts in ``line``, else -1."""
    date = _DATE.search(line, 2, _REACH)
    if date is None:
        return -1
    start = date.start() - 2
    if not line[start:start + 2].isdigit() or start and line[start - 1].isalnum():
        return -1
    return start


def cut_after_tag(held, line):
    """``held`` and its next line ``line`` joined, when ``held`` is a logcat kernel line that a wrap cut before
    its message, at the tag's colon or inside the tag (``... W Binder  :`` / ``672_7: page allocation failure:
    ...``, ``... W igb_clean_rx_irq`` / ``(drivers/.../igb_main.c: 8798) [igb]``: a prefix stacked on the
    line pushed the cut there), the tag joined back to the message as :func:`rejoined` does; else None.  The
    part before the date that ``line`` repeats (a re-quoting wrap's ``> ``, which repeats the quote signs
    only when a log prefix stands between them and the date) is left out.

    >>> cut_after_tag("web1 kernel: 04-17 02:19:20.662     0     0 W Binder  :", "672_7: page allocation failure")
    'web1 kernel: 04-17 02:19:20.662     0     0 W Binder:672_7: page allocation failure'
    >>> cut_after_tag("> 04-17 02:19:20.662     0     0 I         :", "> CPU: 7 PID: 11313 Comm: Binder:672_7")
    '> 04-17 02:19:20.662     0     0 I CPU: 7 PID: 11313 Comm: Binder:672_7'
    >>> cut_after_tag("> > kernel: 04-17 02:19:20.662     0     0 W Binder  :", "> > 672_7: page allocation failure")
    '> > kernel: 04-17 02:19:20.662     0     0 W Binder:672_7: page allocation failure'
    >>> cut_after_tag("04-17 02:26:51.402     0     0 W igb_poll", "(drivers/net/ethernet/intel/igb/igb_main.c: 8161) [igb]")
    '04-17 02:26:51.402     0     0 W igb_poll (drivers/net/ethernet/intel/igb/igb_main.c:8161) [igb]'

    A line holding its message (an empty one after the tag's ": ", the kernel's empty line: ``W         : ``
    above a trace pasted without the prefix), a next line of its own (the next logcat line), an empty one, or
    one whose text holds no tag's end is no rest:

    >>> line = "04-17 02:19:20.788   672 11313 D vold    : File system checking finished."
    >>> cut_after_tag(line, "errors found."), cut_after_tag("04-17 00:36:01.637     0     0 W         : ", "Call Trace:")
    (None, None)
    >>> cut_after_tag("04-17 02:19:20.788   672 11313 D vold    :", line)
    >>> cut_after_tag("04-17 02:19:20.662     0     0 W Binder", "672_7"), cut_after_tag("04-17 02:19:20.788   672 11313 D vold    :", "")
    (None, None)
    """
    start = _start(held)
    if start < 0:
        return None
    if _LINE.match(held, start) is not None or not line.strip() or _start(line) >= 0:
        return None  # (": " after the tag: the message, maybe an empty one, is the line's: "W         : ")
    lead = held[:start].rstrip(" \t")
    quote = lead[:len(lead) - len(lead.lstrip(" \t>|"))].rstrip(" \t")  # (a re-quoting wrap repeats only these)
    for again in (lead, quote):
        if again and line.startswith(again):
            line = line[len(again):]
            break
    joined = held.rstrip(" \t") + " " + line.strip()
    return rejoined(joined) if _LINE.match(joined, start) is not None else None


def rejoined(line):
    """``line`` with a logcat kernel line's tag joined back to its message, else ``line`` unchanged.

    >>> rejoined("  12 | > `04-17 02:19:20.662     0     0 W Binder  : 672_7: x`")
    '  12 | > `04-17 02:19:20.662     0     0 W Binder:672_7: x`'
    """
    start = _start(line)
    if start < 0:
        return line
    match = _LINE.match(line, start)
    if match is None:
        return line
    tag, rest = match.group("tag").strip(), line[match.end():]
    if not tag:
        return line[:match.end("head")] + rest
    return line[:match.end("head")] + tag + ":" + (" " if _had_blank(tag, rest) else "") + rest


def _had_blank(tag, rest):
    """Whether the kernel's text had a blank after the colon logd split ``tag`` off at (logd drops it): not
    before an empty rest, nor inside a comm holding a colon (a one-word tag, then a first word ending in the
    comm's colon: ``Binder`` + ``672_7: page ...``, ``v4l2src0`` + ``src: page ...``, ``kworker/u8`` + ``2: ...``),
    nor before a number glued to its key (``active_anon`` + ``1502211 inactive_anon:12 ...`` and ``Normal free``
    + ``1492kB min:964kB ...``, whose other pairs are glued too; ``kworker/3`` + ``1H cpuset=/``; decode_stacktrace's
    ``dump_stack_lvl (lib/dump_stack.c`` + ``107)``); else it had one (``SLUB: Unable ...``, ``node 0: slabs: 57``,
    ``lowmem_reserve[]: 0 194``, ``warn_alloc: 27 callbacks suppressed``, ``RIP: 0010:...``).

    >>> _had_blank("SLUB", "Unable to allocate"), _had_blank("Binder", "672_7: page"), _had_blank("free", "373 free_pcp:6")
    (True, False, False)
    >>> _had_blank("lowmem_reserve[]", "0 194 194"), _had_blank("Call trace", " "), _had_blank("syz-executor6", "vmalloc:")
    (True, False, True)
    """
    if tag[:1] == "[" and "] " in tag:
        tag = tag.split("] ", 1)[1]  # (logd's tag loop skips a "[...]" group: a printk caller id "[ T4242] v4l2src0")
    if not rest.strip() or " " not in tag and rest.split(" ", 1)[0].endswith(":") and not rest.startswith("vmalloc:"):
        return False  # ("vmalloc:" is warn_alloc's text after the comm's ": ", no comm's rest: "syz-executor6" + "vmalloc: ...")
    return not (rest[:1].isdigit() and ("/" in tag or "(" in tag or _GLUED_PAIR.search(rest)))
