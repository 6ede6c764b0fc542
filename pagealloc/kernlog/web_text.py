"""
Log lines scraped from web pages: HTML character references decoded, page markup cut off.

A report copied out of a web page's source (a scraper, "view source", a
ticket exported as HTML) keeps the escapes the page needed: ``&lt;4&gt;[``
for the printk level, ``&gt; `` for a mail quote, ``&lt;IRQ&gt;`` for a stack
marker, ``&amp;``, and ``&nbsp;`` where <pre> text kept two blanks apart.
The kernel prints none of these references (its text is plain ASCII or
UTF-8), so a line holding one is decoded before it is read.  No-break spaces
(``&nbsp;``, or copied from a rendered page: ``Dec \u00a06 04:30:13``) are
made blanks, and a byte-order mark (a file saved by a Windows editor) is
dropped.  A blog's typography may have set the "x" of a hexadecimal number
that a digit follows as a multiplication sign (WordPress: ``mode:0\u00d74020``,
``+0\u00d729/0\u00d743``); between two digits it is read as the "x" again.

Forum posts, wikis and blogs rendered to text keep the markup of the paste
glued to the log's lines: the code block's opener before the first line and
its closer after the last one (``<pre>``/``</pre>``, ``[code]``/``[/code]``,
``[quote=user]``, a markdown fence of three backticks written without its
line break), ``<br>`` after every line, and a line set in inline code (a
backtick at both ends) or emphasis (``*...*``, ``**...**``, ``_..._``, ``~~...~~``:
the same run of signs at both ends, no blank inside them, as markdown reads
emphasis; ``* item`` is a list item).  The kernel prints neither: no line
of its begins with a tag of text markup (its own markers are upper case:
``<IRQ>``, ``</TASK>``, the printk level ``<4>``) or with a BBCode tag, and
none is wrapped in the same signs at both ends.  :func:`unmarked` cuts that
markup off, so a header set in italics reads comm ``swapper``, not
``*swapper``, and a ``[code]`` glued to a bare header is no prose word.
A fence or tag alone on its line stays as written.  Markup behind a mail
quote or box (a post quoted in a mail: ``> `` before a line's inline code) is
cut the same way, and so is inline code or emphasis ending a line behind any prefix put before it
afterwards (a line number, a syslog tag: it opens at the first sign of its kind, after a blank); inline
code a wrap cut in two loses its lone backtick on each piece.

Examples:
    >>> unescaped("[ 1.0] &nbsp;&lt;IRQ&gt;")
    '[ 1.0]  <IRQ>'
    >>> unescaped("&gt; &lt;4&gt;[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20")
    '> <4>[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20'
    >>> unescaped("&amp;lt;4&amp;gt;[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20")[:12]
    '<4>[ 7.5] sw'
    >>> unescaped("R&D wiki: tcp&nbsp;mem"), unescaped("R&D")   # a bare "&" stays as written
    ('R&D wiki: tcp mem', 'R&D')
    >>> unescaped("swapper: page allocation failure. order:1, mode:0\u00d74020"), unescaped("tg3_poll+0\u00d7393/0x91c")
    ('swapper: page allocation failure. order:1, mode:0x4020', 'tg3_poll+0x393/0x91c')
    >>> unmarked("[code]kswapd0: page allocation failure. order:0, mode:0x20")
    'kswapd0: page allocation failure. order:0, mode:0x20'
    >>> unmarked("[ 1.0] [<c0>] (x+0x4/0x8)[/code]"), unmarked("``` [ 1.0] x```")   # a fence's info: kept
    ('[ 1.0] [<c0>] (x+0x4/0x8)', '``` [ 1.0] x')
    >>> unmarked("*swapper: page allocation failure. order:1, mode:0x20*")
    'swapper: page allocation failure. order:1, mode:0x20'
    >>> unmarked("<pre>[ 1.0] Call Trace:<br>"), unmarked("[ 1.0]  <IRQ>"), unmarked("<4>[ 1.0] x")
    ('[ 1.0] Call Trace:', '[ 1.0]  <IRQ>', '<4>[ 1.0] x')
    >>> unmarked("* kswapd0: page allocation failure"), unmarked("```")   # a list item; a fence alone
    ('* kswapd0: page allocation failure', '```')
    >>> unmarked("`  [<c0123456>] (dump_stack+0x0/0x14)`"), unmarked("`*swapper: page allocation failure*`")
    ('  [<c0123456>] (dump_stack+0x0/0x14)', 'swapper: page allocation failure')
    >>> unmarked("> `[ 1.0] Call Trace:`"), unmarked("> > <pre>[ 1.0] Call Trace:")   # a quoted post
    ('> [ 1.0] Call Trace:', '> > [ 1.0] Call Trace:')
    >>> unmarked("[ 1.0] Call Trace:\\r<br>"), unmarked("`[ 1.0] Call Trace:<br>`"), needs_unmarking("x<br>  ")
    ('[ 1.0] Call Trace:', '[ 1.0] Call Trace:', True)
    >>> unmarked("<br>"), unmarked("> <br>"), unmarked("</pre>")   # an empty line's break; a block's closer alone
    ('', '> ', '</pre>')
    >>> unmarked("  12: `[ 1.0] Call Trace:`"), unmarked("web1 kernel: *swapper: page allocation failure*")
    ('  12: [ 1.0] Call Trace:', 'web1 kernel: swapper: page allocation failure')
    >>> unmarked("web_1 kernel: x_"), unmarked("[ 1.0] Node 0 DMA: 1*4kB (U) = 4kB *")   # no markup
    ('web_1 kernel: x_', '[ 1.0] Node 0 DMA: 1*4kB (U) = 4kB *')
    >>> unmarked("*16kB (UM) 50*32kB (UM) 0*64kB 0*")   # a buddy line cut at a console's width: its stars
    '*16kB (UM) 50*32kB (UM) 0*64kB 0*'
    >>> unmarked("crawl_4065_7997: vmalloc `")   # the closing half of inline code a wrap cut
    'crawl_4065_7997: vmalloc '
    >>> unmarked("`    kernel: Pid: 0, comm: swapper Not tainted"), unmarked("`  two words")  # a log line; text
    ('    kernel: Pid: 0, comm: swapper Not tainted', '`  two words')
    >>> unmarked("`  ksoftirqd/0: page allocation failure: order:3,")   # indented inside it, wrapped
    '  ksoftirqd/0: page allocation failure: order:3,'
    >>> unmarked("`   cache: iommu_iova, object size: 40, buffer size: 448, default")  # the kernel's indentation
    '   cache: iommu_iova, object size: 40, buffer size: 448, default'
    >>> unmarked("`[ 1.0] swapper: page allocation"), unmarked("failure: order:0, mode:0x20`")  # wrapped
    ('[ 1.0] swapper: page allocation', 'failure: order:0, mode:0x20')
    >>> unmarked("VFS: Can't find ext3 filesystem on dev `sda1'.")   # old kernels' `quotes'
    "VFS: Can't find ext3 filesystem on dev `sda1'."
    >>> unmarked("<i>evilcomm</i>: page allocation failure. order:0, mode:0x20")   # a comm's own markup
    '<i>evilcomm</i>: page allocation failure. order:0, mode:0x20'
    >>> without_tags("> <b>"), without_tags("kernel: [code]"), without_tags(" <b>on this box</b>")
    ('> ', 'kernel: ', ' on this box')
    >>> line = "kernel: *swapper: page allocation failure. order:1, mode:0x20*"
    >>> line[markup_before_comm(line, 8, 16):16], markup_before_comm("kernel: *swapper: page", 8, 16)
    ('swapper', 8)
    >>> unescaped("\ufeffDec \u00a06 04:30:13 host kernel: echo: page allocation failure. order:9, mode:0xd0")
    'Dec  6 04:30:13 host kernel: echo: page allocation failure. order:9, mode:0xd0'
"""

import html
import re

from pagealloc.kernlog.prefix import split_prefix

# A named, decimal or hexadecimal character reference (HTML5 names are letters and digits).
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def unescaped(line):
    """``line`` with its HTML character references decoded, no-break spaces made blanks and byte-order
    marks dropped; the line itself when it holds none of them."""
    for _ in range(2):  # a page that escaped text already escaped ("&amp;lt;4&amp;gt;") is decoded twice
        if "&" not in line or _REFERENCE.search(line) is None:
            break
        line = html.unescape(line)
    line = line.replace("\u00a0", " ").replace("\ufeff", "")
    return _TIMES.sub("x", line) if "\u00d7" in line else line


# WordPress's wptexturize() sets every "x" between two numbers as a multiplication sign ("&#215;"): a
# hexadecimal number starting with a digit reads "0\u00d74020", "+0\u00d729/0\u00d743" on the rendered page
# (not "0xc4", whose "x" no digit follows).  The kernel prints no such sign.
_TIMES = re.compile(r"(?<=\d)\u00d7(?=\d)")


# Tags of text markup (HTML) and of forum posts (BBCode), with attributes ("<pre class=...>",
# "[quote=talz13]", "[code=text]"); a fence of 3 or more backticks or tildes.
_HTML = (r"pre|code|tt|samp|kbd|var|b|i|u|s|em|strong|small|big|mark|del|ins|strike|font|span|div|p|br"
         r"|blockquote|q|cite|li|dd|dt|td|th|h[1-6]|sup|sub|nobr|center")
_BBCODE = r"code|quote|b|i|u|s|color|size|font|spoiler|pre|php|noparse|tt|highlight|plain|cmd|center|indent"
_OPENER = re.compile(rf"(?:<(?:{_HTML})(?:\s[^<>]*)?/?>|\[(?:{_BBCODE})(?:=[^\[\]]*)?\]|`{{3,}}|~{{3,}})+(?=\S)",
                     re.I)
_CLOSER = re.compile(rf"(?:</(?:{_HTML})\s*>|<br\s*/?>|\[/(?:{_BBCODE})\]|`{{3,}}|~{{3,}})+\s*$",
                     re.I)
_BREAKS = re.compile(r"(?:<br\s*/?>)+\s*", re.I)
_TAG = re.compile(rf"</?(?:{_HTML})(?:\s[^<>]*)?/?>|\[/?(?:{_BBCODE})(?:=[^\[\]]*)?\]", re.I)
# A line in inline code (any text between the backticks: a trace line keeps its indentation) or in
# emphasis (the same run at both ends, not blank inside: markdown's rule; "* item" is a list item).  A star
# before a size in kB is a buddy line's "%lu*%lukB" that a cut left first on a line ("*16kB (UM) ... 0*"), no mark.
_WRAPPED = re.compile(r"([\s>|]*)(?:(`{1,2})(?!`)(.*?[^`])\2|(\*{1,3}|_{1,3}|~~)(?![\s*_~]|\d+[kMG]B\b)(.*?[^\s*_~])\4)\s*$")
_MARKS = "<[`*_~"
# The header's fixed words (header.WHAT, which imports this module) and alloc_vmap_area()'s message.
_HEADER_WORDS = re.compile(r"page allocation (?:failure|stalls for)|vmalloc(?::| error:)|vmap allocation for size"
                           r"|SL[AU]B: Unable to allocate memory")
_QUOTE = re.compile(r"[\s>|]*")
# Lines the kernel indents itself: a SLUB/SLAB block's cache and node lines ("  cache: %s, object size: ...", "  node
# %d: slabs: ..."), a trace's frames (" ? dump_stack+0x19/0x1b", "  [<c0139923>] __alloc_pages+0x2b3/0x420")
_INDENTED_LINE = re.compile(r"[ \t]+(?:cache: [^,\s]+,|node -?\d+: slabs:|\[<[0-9a-fA-F]{6,16}>\]"
                            r"|(?:\? )?[A-Za-z_.][\w.]*\+0x[0-9a-fA-F]+/0x)")
# Markup glued before a comm behind a log prefix or quote ("> *swapper: ... mode:0x20*", "kernel: <b>kswapd0"):
# a tag or fence, or an emphasis run the line ends with too.
_BEFORE_COMM = re.compile(rf"(?:<(?:{_HTML})(?:\s[^<>]*)?>|\[(?:{_BBCODE})(?:=[^\[\]]*)?\]|`{{3,}}|~{{3,}})+"
                          r"|(\*{1,3}|_{1,3}|`{1,2}|~~)(?![\s*_`~])", re.I)


def unmarked(line):
    """``line`` without the page markup glued to it: a code block's or tag's opener at its start and
    closer at its end, inline code or emphasis around it; the line itself when it holds none."""
    start = _QUOTE.match(line).end()  # blanks, or a mail quote or box the markup stands behind ("> `[ 1.0] ...`")
    opener = _OPENER.match(line, start)
    original = line
    if opener is not None:
        line = line[:start] + line[opener.end():]
    closer = _CLOSER.search(line) if line.rstrip()[-1:] in ">]`~" else None
    if closer is not None and (not line[:closer.start()].isspace() and closer.start() or _BREAKS.fullmatch(closer.group())):
        # (a closer alone stays, but a "<br>" alone is the empty line it ends: a blank line of the page's text)
        # blanks before it kept: a line wrapped at a blank ("low:8988kB <br>"); a CRLF text's CR is its line end
        line = line[:closer.start()].rstrip("\r")
    if line is not original and ("</" in line or "[/" in line) and _TAG.search(line):
        return original  # a tag closed inside the text: the text's own ("<i>evilcomm</i>: page allocation ...")
    if line[start:start + 1] not in "`*_~" and line.rstrip()[-1:] in "`*_~" and line.strip():
        start = _behind_a_prefix(line, start)  # a prefix added after the markup: "web1 kernel: `[ 1.0] ...`"
    for _ in range(2):  # "`*swapper: ...*`": emphasis in inline code
        wrapped = _WRAPPED.match(line, start) if line[start:start + 1] in "`*_~" and line[start:start + 1] else None
        if wrapped is None:
            break
        line = line[:start] + wrapped.group(1) + (wrapped.group(3) if wrapped.group(2) else wrapped.group(5))
        if line[-1:] == ">" and ("<br" in line or "<BR" in line):  # "`[ 1.0] Call Trace:<br>`": inside the code
            closer = _CLOSER.search(line)
            if closer is not None and closer.start() > start:
                line = line[:closer.start()]
    if line.count("`") == 1:  # inline code a wrap cut in two: its opening half, its closing half
        if line[start:start + 1] == "`" and (line[start + 1:start + 2].strip() or _logged(line[start + 1:])
                                              or _HEADER_WORDS.search(line, start + 1)
                                              or _INDENTED_LINE.match(line, start + 1)):
            # (blanks inside it before a log line: "`    kernel: Pid: 0, ..."; or the post's own indentation
            # before a header's first piece: "`  ksoftirqd/0: page allocation failure: order:3,"; or the kernel's
            # before a line it indents: "`   cache: iommu_iova, object size: 40, buffer size: 448, default")
            line = line[:start] + line[start + 1:]
        elif line.rstrip().endswith("`") and line[start:].strip() != "`":
            at = line.rindex("`")
            line = line[:at] + line[at + 1:]
    return line




# A paste's line number before a log line (pastebin's "  2. ", "12: ", "  12 | ", cat -n's "     2\t")
_LINE_NUMBER = re.compile(r"\d{1,6}(?:[.:)]|[ \t]*\|)?[ \t]+")


def _logged(text):
    """``text`` is blanks, then a log line (a known log prefix first, maybe behind a paste's line number: a
    numbered paste set in inline code, then wrapped, "`  2. [4786894.696004] CPU: 1 PID: ... #1 Debian").

    >>> _logged("  2. [4786894.696004] CPU: 1 PID: 32073"), _logged("  2. two words"), _logged(" 12: kernel: x")
    (True, False, True)
    """
    text = text.lstrip(" \t")
    number = _LINE_NUMBER.match(text) if text[:1].isdigit() else None
    if number is not None:
        text = text[number.end():]
    pre = split_prefix(text)
    return pre.known and pre.body != text


def _behind_a_prefix(line, start):
    """Where inline code or emphasis that ends ``line`` opens when a prefix was put before it after the markup
    (a line number, a syslog tag, a counter: ``  12: `[ 1.0] ...` ``), else ``start``: at the first sign of
    its kind on the line (the prefix holds none), after a blank, as markdown opens it."""
    end = line.rstrip()
    at = line.find(end[-1], start)
    # (not the closing sign itself: "crawl_4065_7997: vmalloc `" is inline code's closing half, a wrap's piece)
    return at if at > start and line[at - 1] in " \t" and end[at:].strip(end[-1]) else start


def without_tags(text):
    """``text`` without HTML text-markup and BBCode tags: they hold no words (``> <b>``, ``kernel: [code]``
    before a comm; ``</b>`` after a header's mode)."""
    return _TAG.sub("", text) if "<" in text or "[" in text else text


def markup_before_comm(line, start, end):
    """Where the comm starts when page markup is glued before it at ``line[start:end]``, else ``start``
    (``kernel: *swapper: page allocation failure. order:1, mode:0x20*``: emphasis ended on the line too)."""
    if line[start:start + 1] not in _MARKS or start >= end:
        return start
    markup = _BEFORE_COMM.match(line, start, end)
    if markup is None or markup.end() >= end or markup.group(1) and not line.rstrip().endswith(markup.group(1)):
        return start
    if _TAG.search(line, markup.end(), end):
        return start  # a tag closed inside the comm is the comm's own text ("<i>evilcomm</i>")
    return markup.end()


def needs_unmarking(line):
    """A cheap test before :func:`unmarked`: markup's first sign opens the line (after blanks, quote or box
    signs) or its
    last sign ends it, and a "[" opening the line is no log prefix ("[ 1.0] ", "[1234]")."""
    first, at = line[:1], 0
    if first in " \t>|" and first:  # behind blanks or a mail quote or box
        at = _QUOTE.match(line).end()
        first = line[at:at + 1]
    if first in _MARKS and first and (first != "[" or line[at + 1:at + 2].isalpha()):
        return True
    last = line[-1:]
    if last in " \t\r":  # blanks an editor left after the markup ("[ 1.0] Call Trace:<br>  ")
        last = line.rstrip()[-1:]
    if last == ">":
        return "</" in line or "<br" in line or "<BR" in line
    return (last in "`*_~" and last != "") or (last == "]" and "[/" in line)


def needs_unescaping(line):
    """A cheap test before :func:`unescaped` (every line of a log passes it)."""
    return "&" in line or "\u00a0" in line or "\ufeff" in line or "\u00d7" in line
