"""Report lines whole by their kind: a pair of lines the wrap test (assembler._surely_whole) passes, told by the kinds
of the two lines alone, in a few string tests where _surely_whole takes twenty.

The dense dmesg's report lines after its task line are stack markers, trace and Mem-Info openers, raw stack words,
registers and code bytes, frames and Mem-Info lines.  :func:`whole_by_kind` answers True for a held line of the
first kinds and a next line that opens with none of the signs a continuation can open with; every such pair is one
_surely_whole calls whole (tests/kernlog/test_whole_kinds.py draws the kinds and lines around them), so
``whole_by_kind(a, b) or _surely_whole(a, b)`` is ``_surely_whole(a, b)``.  Why each kind is whole:

- a stack marker (``<IRQ>``, ``</TASK>`` ...): it holds no colon and ends in ``>``: no cut end, no frame cut after
  its address; a frame's symbol after it is no cut word (no header's word or symbol ends in ``>``); only a frame
  after an opening marker is a question, and it opens with ``[``.
- ``Call Trace:`` and ``Mem-Info:``: a colon's end is whole unless the header's words follow it (a comm's colon), and
  no symbol, field name or header word ends in ``Trace:`` or ``Info:``; a frame's address may follow (``[<``).
- stack words, registers and code bytes (two words or more, of hexadecimal digits, upper case letters, ``_``, ``:``
  and ``<>``, the last sign a digit or ``b``-``f``): no word _surely_whole looks for (``free:``, ``PID:``, ``CPU:``,
  ``lowmem``, ``cache:``, ``*``) and no cut end fits in them, and none ends in a header word's first letters.
- ``lowmem_reserve[]:`` and its figures: whole unless a digit opens the next line (a figure wrapped on).

And a header before its task line (:func:`header_whole_before`): wrapping.continues gives that line no piece.

>>> whole_by_kind(" <IRQ>", " dump_stack+0x19/0x1b"), whole_by_kind("Call Trace:", " [<c108c9a2>] ? f+0x4/0x4d9")
(True, True)
>>> whole_by_kind("Mem-Info:", "page allocation failure: order:0"), whole_by_kind(" <IRQ>", " [<c010326e>] ? f+0x1/0x2")
(False, False)
>>> whole_by_kind("RSP: 0018:ffffb8c0c0103e70 EFLAGS: 00000246", " cpuidle_enter+0x17/0x30")
True
>>> whole_by_kind("lowmem_reserve[]: 0 238 238 238", "Normal free:716kB"), whole_by_kind("lowmem_reserve[]: 0 238", "4")
(True, False)
"""

import re

# The stack markers as _MARKER_REPORT reads them (up to three blanks before), "Call Trace:" and "Mem-Info:".
_MARKERS = frozenset(" " * blanks + "<" + close + name + ">" for blanks in range(4) for close in ("", "/")
                     for name in ("IRQ", "EOI", "SOFTIRQ", "TASK", "NMI"))
_OPENERS = frozenset(("Call Trace:", "Mem-Info:"))
# What the rest of a line cut at a colon starts with when the colon is the comm's (or a SLUB line's, a vmalloc
# header's): the header's words. A line opening so may continue a line ending in a colon (assembler asks it too).
HEADER_WORDS = ("page", "vmalloc", "allocation", "failure", "SL", "size", "Unable", "vmemmap", "alloc ")
# Raw stack words (two or more), registers and code bytes, ending in a digit or b-f (no header word's start).
_NOISE = re.compile(r" *(?:[0-9a-f]{8}|[0-9a-f]{16})(?: (?:[0-9a-f]{8}|[0-9a-f]{16})){1,7}"
                    r"|R[A-Z0-9]{1,3}: [0-9a-fA-Z_: ]*[0-9b-f]|Code: [0-9a-f<> ]*[0-9b-f]")
_LOWMEM = re.compile(r"lowmem_reserve\[\]:(?: [0-9]{1,18})+")
_NOT_AFTER = frozenset("[(>|")  # a next line opening so is asked (a module, a source place, a quote)


def whole_by_kind(body, following):
    """Whether the report line ``body`` is whole before the line ``following`` (its text) by their kinds alone (see
    above); False: ask _surely_whole."""
    rest = following.lstrip()
    lead = rest[:1]
    if body in _OPENERS:  # (a frame's address may follow: "[<", no module's "[")
        return lead != "" and (lead not in _NOT_AFTER or rest[1:2] == "<" and lead == "[") and rest[:5] != "from " \
            and not rest.startswith(HEADER_WORDS)
    if not lead or lead in _NOT_AFTER or rest[:5] == "from ":
        return False
    if body in _MARKERS:
        return True
    last = body[-1:]
    if last.isdigit() and body[:1] == "l":
        return not lead.isdigit() and _LOWMEM.fullmatch(body) is not None
    return last in "0123456789bcdef" and "CPU:" not in body and "PID:" not in body \
        and _NOISE.fullmatch(body) is not None


# A task line's first words, as the kernel prints them right after the header (dump_stack_print_info(), 2.6's
# show_regs()): "CPU: 21 PID: 0 Comm: ...", "Pid: 0, comm: ...".
_TASK_LEADS = frozenset(("CPU: ", "Pid: "))


def header_whole_before(hit, body):
    """Whether the header ``hit`` (find_header's) is whole before the line whose text behind the header's framing is
    ``body``: a task line right after a header that printed its mode (and its order, or a vmalloc header's size) and
    ends in no comma, the figures 4.11+ prints after it (", nodemask=(null),cpuset=/,mems_allowed=0") not wrapped
    on.  wrapping.continues gives such a line no piece (tests/kernlog/test_whole_kinds.py): header_unfinished asks a
    comma's end, and no word of a header's rest reads on into "CPU:" or "Pid:" (a flag name a cut left open
    closes with ")", a field name or symbol with a letter or "+0x", header words with theirs).

    >>> from pagealloc.kernlog.header import find_header
    >>> hit = find_header("[10000.001350] swapper/21: page allocation failure: order:0, mode:0x20")
    >>> header_whole_before(hit, "CPU: 21 PID: 0 Comm: swapper/21 Not tainted 3.10.0 #1")
    True
    >>> header_whole_before(find_header("[1.0] java: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC),"),
    ...                     "CPU: 3 PID: 12 Comm: java")
    False
    """
    piece = body.strip()
    rest = hit.rest
    return piece[:5] in _TASK_LEADS and piece[5:6].isdigit() and not hit.commless and "mode:" in rest \
        and ("order:" in rest or hit.what.startswith("vmalloc")) and not rest.rstrip().endswith(",") \
        and piece.find("+0x", 0, 64) < 0


# A report's last line as a dense dmesg prints it that ends in a digit (which a header's line after it suspects of a
# log prefix a wrap cut the header from, _feed_text): lowmem_reserve's figures, a frame without its module, a SLUB
# block's node line, each behind a plain uptime.
_BEFORE_HEADER = re.compile(
    r"\[ *[0-9]{1,10}\.[0-9]{1,9}\] (?:lowmem_reserve\[\]:(?: [0-9]{1,18})+"
    r"| +(?:\[<[0-9a-fA-F]{6,16}>\] )?(?:\? )?[A-Za-z_.$][A-Za-z0-9_.$]{0,200}\+0x[0-9a-fA-F]{1,16}/0x[0-9a-fA-F]{1,16}"
    r"| +node [0-9]{1,9}: slabs: [0-9]{1,18}, objs: [0-9]{1,18}, free: [0-9]{1,18})")


def whole_before_header(text, body):
    """Whether the held line ``text`` (a whole log line) of a kind above is whole before a header line whose text
    behind the plain uptime framing of the open report is ``body``, opening with a letter (its comm's): no log prefix
    ends such a line and no piece of it reads on into a comm (wrapping.continues gives the header no piece of it:
    tests/kernlog/test_whole_kinds.py).

    >>> whole_before_header("[10000.000343]   node 0: slabs: 105, objs: 2205, free: 0", "swapper/21: page allocation")
    True
    >>> whole_before_header("[10.0] lowmem_reserve[]: 0 238", "238: page allocation failure: order:0, mode:0x20")
    False
    """
    return body[:1].isalpha() and body[:1].isascii() and _BEFORE_HEADER.fullmatch(text) is not None
