"""
Android logcat's rendering of kernel lines, turned back into the kernel's text.

``logcat -b kernel`` (and a bugreport's kernel section) prints each kernel line in the ``threadtime``
form ``MM-DD HH:MM:SS.mmm  PID  TID L TAG     : message``: logd's klog reader takes the head of the
kernel's text up to its colon as the tag (``Binder`` of ``Binder:672_7: page allocation failure``,
``Call trace`` of ``Call trace:``), or leaves the tag empty (``CPU: 7 PID: ...``), and logcat pads the
tag to eight columns before ``: ``.  A comm holding a colon (Android's ``Binder:672_7``,
``kworker/u8:2``) is then cut in two, and a report's lines change their words before the text.  The
kernel's text is the tag, a colon and the message (the message alone when the tag is empty); the
date, pid, tid and level stay in front as the line's log prefix (pagealloc.kernlog.prefix reads it).

Examples (a held-out post, github.com/arter97/exfat-linux/issues/19, 4.19.81):
    >>> rejoined("04-17 02:19:20.662     0     0 W Binder  : 672_7: page allocation failure: order:4")
    '04-17 02:19:20.662     0     0 W Binder:672_7: page allocation failure: order:4'
    >>> rejoined("04-17 02:19:20.662     0     0 I         : CPU: 7 PID: 11313 Comm: Binder:672_7")
    '04-17 02:19:20.662     0     0 I CPU: 7 PID: 11313 Comm: Binder:672_7'
    >>> rejoined("> 04-17 02:19:20.662     0     0 I Call trace:  ")   # quoted, the tag longer than 8
    '> 04-17 02:19:20.662     0     0 I Call trace: '
    >>> rejoined("[ 1.0] swapper/0: page allocation failure: order:0") == "[ 1.0] swapper/0: page allocation failure: order:0"
    True
"""

import re

# date, pid, tid, level (logcat's threadtime), then the tag padded to 8 columns and ": "
_LINE = re.compile(r"(?P<head>\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} +\d{1,7} +\d{1,7} [VDIWEFS] )(?P<tag>[^:]*?) *: ")
# where "MM-DD" may start: behind quote signs, blanks, a paste's line numbers or prompt, a log prefix stacked on it
_REACH = 100
# the date from its dash on: a literal first, so the search runs in C
_DATE = re.compile(r"-\d\d \d\d:\d\d:\d\d\.\d{3} ")


def rejoined(line):
    """``line`` with a logcat kernel line's tag joined back to its message, else ``line`` unchanged.

    >>> rejoined("  12 | > `04-17 02:19:20.662     0     0 W Binder  : 672_7: x`")
    '  12 | > `04-17 02:19:20.662     0     0 W Binder:672_7: x`'
    """
    date = _DATE.search(line, 2, _REACH)
    if date is None:
        return line
    start = date.start() - 2
    if not line[start:start + 2].isdigit() or start and line[start - 1].isalnum():
        return line
    match = _LINE.match(line, start)
    if match is None:
        return line
    tag = match.group("tag").strip()
    return line[:match.end("head")] + (tag + ":" if tag else "") + line[match.end():]
