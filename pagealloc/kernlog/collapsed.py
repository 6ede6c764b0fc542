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
    """The lines a collapsed syslog excerpt ``line`` was made of, or None (see the module docstring)."""
    tag = line.find("kernel:")
    if tag < 0 or line.find("kernel:", tag + 7) < 0:  # cheap guard: the kernel tag twice
        return None
    for outer, head in _outer_and_heads(line, min(len(line), MAX_OUTER)):
        shape = _head_shape(head.rstrip())
        cuts, last = [], len(outer) + len(head)
        for match in shape.finditer(line, last):
            if line[last:match.start()].strip():  # (a head right behind a head: one line's stacked prefix)
                cuts.append(match.start())
            last = match.end()
        if cuts:
            starts = [len(outer)] + cuts
            # what stood before the first head (a quote, an indentation) was put before all of the lines
            return [outer + line[start:end] for start, end in zip(starts, cuts + [len(line)])]
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
