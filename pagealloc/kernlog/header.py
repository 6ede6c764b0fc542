"""
Failure headers found wherever they stand on a line.

People paste reports indented, mail-quoted (``> ``), boxed (``| ``), behind
prefixes of tools nobody listed.  So the header is not looked for at the
start of the line: its fixed words are (``page allocation failure``,
``page allocation stalls for``, ``vmalloc: allocation failure``,
``vmalloc error: size``, ``vmemmap alloc failure``, a ``SLUB:/SLAB: Unable to allocate memory`` line, and 2.4's
``__alloc_pages: N-order allocation failed``),
and the comm is read backwards from the ``: `` before them.  Everything in
front of the comm is the line's *prefix*: :mod:`pagealloc.kernlog.framing`
learns its shape and reads the report's following lines through it.

The comm is ``current->comm`` as printed by ``%s`` (at most TASK_COMM_LEN - 1
= 15 bytes, include/linux/sched.h): one word, or several short words
(``Web Content``).  What stands before the comm is cut where text cannot be
part of a comm: a word ending in ``:`` (``kernel: ``, ``Re: ``), a word that
does not start with a capital or digit (``> ``, ``| ``, ``* ``, ``see``), a ``]``
(``[123:kworker/0:1]kworker/0:1``: MediaTek's caller prefix has no blank), page markup
glued to it (``*swapper: ...*`` set in italics, ``<b>kswapd0``: :mod:`pagealloc.kernlog.web_text`).
When a header could be split several ways, :func:`comm_splits` gives every
way (shortest comm first) and the framing keeps the one whose prefix the
next line repeats.

Examples:
    >>> hit = find_header("> [ 1.0] Web Content: page allocation failure: order:0, mode:0x20")
    >>> hit.comm, hit.prefix, hit.what, hit.rest
    ('Web Content', '> [ 1.0] ', 'page allocation failure', ': order:0, mode:0x20')
    >>> [(s.prefix, s.comm) for s in comm_splits(hit.line, hit.comm_end)]
    [('> [ 1.0] Web ', 'Content'), ('> [ 1.0] ', 'Web Content')]
    >>> find_header("[ 9.0] page allocation failure: order:0").comm is None
    True
    >>> find_header("kernel: WebContainer : : page allocation failure: order:4, mode:0x4d0").comm
    'WebContainer : '
    >>> find_header("[some_app]: page allocation failure: order:4, mode:0x2040d0").comm
    '[some_app]'
    >>> find_header("(.mlocate): page allocation failure: order:5, mode:0x40cc0").comm   # systemd's "(unit)" comm
    '(.mlocate)'
    >>> find_header("kworker/0:5(4629): page allocation stalls for 10008ms, order:0").comm   # a debug patch's pid
    'kworker/0:5(4629)'
    >>> comm_and_pid('kworker/0:5(4629)'), comm_and_pid('(sd-pam)'), comm_and_pid('a.out')
    (('kworker/0:5', 4629), ('(sd-pam)', None), ('a.out', None))
    >>> find_header('"(kworker/u:0: page allocation failure: order:0, mode:0x20').comm
    'kworker/u:0'
    >>> find_header("> Subject: page allocation failure. order:3, mode:0x20").comm is None   # a mail's field
    True
    >>> hit = find_header("[ 9.5] xen-balloon: vmemmap alloc failure: order:9, mode:0x4cc0(GFP_KERNEL)")
    >>> hit.comm, hit.what, hit.rest
    ('xen-balloon', 'vmemmap alloc failure', ': order:9, mode:0x4cc0(GFP_KERNEL)')
    >>> find_header("SLUB: Unable to allocate memory on node -1 (gfp=0x20)").what
    'SLUB: Unable to allocate memory'
    >>> hit = find_header("Aug 27 17:20:03 kernel: __alloc_pages: 0-order allocation failed (gfp=0x20/0)")
    >>> hit.comm, hit.order24, hit.prefix, hit.rest
    (None, '0', 'Aug 27 17:20:03 kernel: ', ' (gfp=0x20/0)')
"""

import re
from dataclasses import dataclass
from typing import Optional

from pagealloc.kernlog.prefix import kmsg_head_end
from pagealloc.kernlog.web_text import markup_before_comm

COMM_MAX = 16   # TASK_COMM_LEN - 1 = 15 bytes; one more for a comm cut in the middle of a UTF-8 character
# The header's fixed words, as printed by (mm/page_alloc.c) warn_alloc()/warn_alloc_failed(),
# (mm/vmalloc.c) __vmalloc_area_node()/__vmalloc_node_range() and (mm/slub.c, mm/slab.c)
# slab_out_of_memory(); see pagealloc.kernlog.patterns for each era's format string.
WHAT = re.compile(
    r"(?P<what>page allocation failure|page allocation stalls for (?P<stall_ms>\d+)ms"
    r"|vmalloc: allocation failure|vmalloc error: size (?P<vsize>\d+)|vmemmap alloc failure"
    r"|SL[AU]B: Unable to allocate memory"
    r"|__alloc_pages: (?P<order24>\d+)-order allocation failed)"
    r"(?P<rest>.*)$")
# 2.4's mm/page_alloc.c __alloc_pages() printk (its function's name where later headers print the comm):
#   2.4.0-2.4.9  KERN_ERR "__alloc_pages: %lu-order allocation failed.\n"
#   2.4.10-pre   KERN_NOTICE "__alloc_pages: %u-order allocation failed (gfp=0x%x/%i) from %p\n"
#   2.4.2x       KERN_NOTICE "__alloc_pages: %u-order allocation failed (gfp=0x%x/%i)\n"  (%i: PF_MEMALLOC)
ALLOC_PAGES_24 = "__alloc_pages"
# A word before the comm's last word: thread names such as "Web Content", "IPC I/O Parent",
# "DOM Worker" start with a capital or a digit; "I see", "9.", "10)", "Re:" are not comm words.
_COMM_WORD = re.compile(r"[A-Z0-9][\w/+-]*$")
# Signs glued before a comm that belong to the text around it: a mail quote or prompt without its
# blank (">swapper:"), an opening quotation mark or bracket of a sentence ('"kworker/u:0: page ...').
_GLUED_SIGNS = frozenset(">|#\"'(\u201c\u2018")
_GLUED_LEVEL = re.compile(r"<\d{1,3}>")
# Message header fields whose body is free text (RFC 5322 3.6.5 Subject, Comments, Keywords; RFC 1036 2.2.10
# Summary, also a tracker's field; Outlook's Thread-Topic): a header quoted there without its comm
# (``Subject: page allocation failure. order:3, mode:0x20``) names the field, not a task, whatever stands
# before the field on its line (a quote, a paste's prefix).  (A task named so loses its report.)
_FREE_TEXT_FIELDS = frozenset(("Subject", "Comments", "Keywords", "Summary", "Thread-Topic"))


@dataclass
class HeaderHit:
    line: str
    what: str
    rest: str
    what_start: int
    comm_end: Optional[int]     # index of the ": " after the comm, None when no comm is printed
    prefix: str                 # text before the comm (before the header words when there is no comm)
    comm: Optional[str]
    stall_ms: Optional[str] = None
    vsize: Optional[str] = None
    order24: Optional[str] = None   # the order of 2.4's "__alloc_pages: N-order allocation failed"
    splits: tuple = ()          # comm_splits(line, comm_end), computed once
    before: Optional[str] = None  # the line right before the header's (set by the assembler)
    settled: Optional[str] = None  # outer prefix already shown to frame report lines before a wrap was joined
    doubted: tuple = ()         # shorter comms' (framing, known, comm) when no next line chose the split (framing.learn)

    @property
    def slab(self):
        return self.what.startswith("SL")

    @property
    def era24(self):
        """2.4's ``__alloc_pages: N-order allocation failed`` line (no comm, no report lines after it)."""
        return self.what.startswith(ALLOC_PAGES_24)

    @property
    def commless(self):
        """A whole line the kernel prints without ``current->comm``: slab_out_of_memory()'s and 2.4's
        __alloc_pages() message; no comm is read before it."""
        return self.slab or self.era24


@dataclass
class CommSplit:
    prefix: str
    comm: str


# A debug patch's header names the task with its pid after the comm, "%s(%u): page allocation stalls for ..."
# (Tetsuo Handa's 4.9-4.12 stall-warning patches to mm/page_alloc.c, run and posted on linux-mm): the comm is
# the name before "(pid)" (15 bytes at most without it); a name all in parentheses is systemd's "(unit)" comm.
_PID_AFTER_COMM = re.compile(r"(?<=[^\s(])\((?P<pid>\d{1,7})\)$")


def comm_and_pid(comm):
    """``(comm, pid)`` of a header's comm: the pid a debug patch printed after it split off, else None."""
    comm = comm.strip()
    pid = _PID_AFTER_COMM.search(comm)
    if pid is None:
        return comm, None
    return comm[:pid.start()], int(pid.group("pid"))


# A sentence's end, then quote signs: no comm holds that (a file or thread name with ".>" in it).
_QUOTE_AFTER_SENTENCE = re.compile(r"^.*[.!?]>+(?=[^>])")


# A head as a dense dmesg prints it: a plain uptime, then a comm of one word (at most COMM_MAX characters) in which none
# of the steps below finds anything to cut (no blank, quote, bracket, markup, level or "(pid)"): its one split.
_PLAIN_HEAD = re.compile(r"\[ *[0-9]{1,10}\.[0-9]{1,9}\] (?P<comm>[A-Za-z][A-Za-z0-9_/:.+-]{0,%d})" % (COMM_MAX - 1))


def comm_splits(line, comm_end):
    """Every way to read ``line[:comm_end]`` as prefix + comm, shortest comm first."""
    plain = _PLAIN_HEAD.fullmatch(line, 0, comm_end)
    if plain is not None:  # (tests/kernlog/test_header_path.py: the steps below give it too)
        start = plain.start("comm")
        return [CommSplit(line[:start], line[start:comm_end])]
    return _comm_splits(line, comm_end)


def _comm_splits(line, comm_end):
    """comm_splits of any head."""
    head = line[:comm_end]
    out = []
    # A comm cut at 15 bytes right after a blank ends in it: Java thread "WebContainer : 12"
    # prints "WebContainer : : page allocation failure".  The last word is read before that blank.
    end = len(head) - 1 if head.endswith(" ") and head[-2:-1] not in " \t" else len(head)
    # The last word: no blank inside, cut after a "]" (a caller prefix glued to the comm).  Only
    # blanks and tabs separate words: a comm may hold any other character, U+2028 included.
    start = _word_start(head, end)
    word = head[start:end]
    pid = _PID_AFTER_COMM.search(head, start, end)
    most = COMM_MAX + (len(pid.group()) if pid else 0)  # a debug patch's "(pid)" after the comm is not in it
    glued = _QUOTE_AFTER_SENTENCE.search(word)
    if glued is not None:
        # a quote sign glued to a sentence's end ("solved.>swapper:"): a page flattened to text joined the quoted
        # line to the reply's sentence (prose._GLUED_QUOTE); the comm starts after the quote signs
        start += glued.end()
        word = head[start:end]
    kmsg = kmsg_head_end(word)
    if 0 < kmsg < len(word):  # a /dev/kmsg record's header, glued to its text by the format ("4,1202,...,-;swapper")
        start += kmsg
    elif "]" in word[:-1]:  # a caller prefix glued to the comm; a bracketed word is the comm ("[some_app]")
        start += word.rindex("]", 0, len(word) - 1) + 1
    elif len(word) > most:
        # Too long for a comm: a prefix is glued to it without a blank ("<7><7><7>>swapper").  Cut
        # after its last quote or box sign when that leaves a comm, else keep the longest comm
        # possible: the framing then finds the exact cut from the next line (_glued_prefix).
        cut = max(word.rfind(sign) for sign in ">|")
        start += cut + 1 if 0 <= cut and len(word) - cut - 1 <= most else len(word) - most
    while True:
        while start < len(head) and head[start] in _GLUED_SIGNS and not _enclosed(head, start, end):
            start += 1  # a quote or prompt without its blank (">swapper:", "\"kworker:")
        level = _GLUED_LEVEL.match(head, start)  # ... or a printk level ("<7>swapper:", "<4>>swapper:")
        if level is None or level.end() >= end:
            break
        start = level.end()
    start = markup_before_comm(line, start, end)  # page markup: "> *swapper: ... mode:0x20*", "<b>kswapd0"
    if start >= end or len(head) - start > most:
        return out
    out.append(CommSplit(head[:start], head[start:]))
    # Earlier words join the comm while it stays short and they look like comm words.
    while True:
        stop = len(head[:start].rstrip(" "))
        if stop == start or stop == 0:
            break
        begin = _word_start(head, stop)
        if not _COMM_WORD.match(head[begin:stop]) or len(head) - begin > most:
            break
        start = begin
        out.append(CommSplit(head[:start], head[start:]))
    return out


def _word_start(head, end):
    """Where the word of ``head`` ending at ``end`` starts: after the last blank or tab before ``end`` (0 without one).

    >>> _word_start("[ 1.0] Web\tContent", 18), _word_start("swapper", 7)
    (11, 0)
    """
    return max(head.rfind(" ", 0, end), head.rfind("\t", 0, end)) + 1


def _enclosed(head, start, end):
    """The comm word opens with ``(`` and ends with the ``)`` that closes it: a name in parentheses is
    the whole comm, not a sentence's opening parenthesis (systemd names the processes it forks for a
    unit so: ``(sd-pam)``, ``(.mlocate)``, ``(modprobe)``)."""
    return head[start] == "(" and head[end - 1:end] == ")" and head.count("(", start, end) == head.count(")", start, end)


def find_header(line):
    """The failure header on ``line`` (anywhere), or None.

    The comm chosen here is the longest plausible one; callers that can see
    the next line choose among :func:`comm_splits`.
    """
    if "allocation" not in line and "vmalloc" not in line and "Unable to" not in line and "alloc failure" not in line:
        return None
    match = WHAT.search(line)
    if match is None:
        return None
    start = match.start()
    hit = HeaderHit(line=line, what=match.group("what"), rest=match.group("rest"), what_start=start,
                    comm_end=None, prefix=line[:start], comm=None,
                    stall_ms=match.group("stall_ms"), vsize=match.group("vsize"), order24=match.group("order24"))
    if hit.commless:
        return hit
    head = line[:start]
    if head.endswith(": "):
        comm_end = len(head) - 2
        splits = comm_splits(line, comm_end)
        if splits and splits[0].comm in _FREE_TEXT_FIELDS:
            return hit  # a message field quoting a comm-less header: no comm
        if splits:
            hit.comm_end, hit.splits = comm_end, tuple(splits)
            hit.prefix, hit.comm = splits[-1].prefix, splits[-1].comm
    return hit
