"""
Log lines scraped from web pages: HTML character references decoded.

A report copied out of a web page's source (a scraper, "view source", a
ticket exported as HTML) keeps the escapes the page needed: ``&lt;4&gt;[``
for the printk level, ``&gt; `` for a mail quote, ``&lt;IRQ&gt;`` for a stack
marker, ``&amp;``, and ``&nbsp;`` where <pre> text kept two blanks apart.
The kernel prints none of these references (its text is plain ASCII or
UTF-8), so a line holding one is decoded before it is read.  No-break spaces
(``&nbsp;``, or copied from a rendered page: ``Dec \u00a06 04:30:13``) are
made blanks, and a byte-order mark (a file saved by a Windows editor) is
dropped.

Examples:
    >>> unescaped("[ 1.0] &nbsp;&lt;IRQ&gt;")
    '[ 1.0]  <IRQ>'
    >>> unescaped("&gt; &lt;4&gt;[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20")
    '> <4>[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20'
    >>> unescaped("&amp;lt;4&amp;gt;[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20")[:12]
    '<4>[ 7.5] sw'
    >>> unescaped("R&D wiki: tcp&nbsp;mem"), unescaped("R&D")   # a bare "&" stays as written
    ('R&D wiki: tcp mem', 'R&D')
    >>> unescaped("\ufeffDec \u00a06 04:30:13 host kernel: echo: page allocation failure. order:9, mode:0xd0")
    'Dec  6 04:30:13 host kernel: echo: page allocation failure. order:9, mode:0xd0'
"""

import html
import re

# A named, decimal or hexadecimal character reference (HTML5 names are letters and digits).
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def unescaped(line):
    """``line`` with its HTML character references decoded, no-break spaces made blanks and byte-order
    marks dropped; the line itself when it holds none of them."""
    for _ in range(2):  # a page that escaped text already escaped ("&amp;lt;4&amp;gt;") is decoded twice
        if "&" not in line or _REFERENCE.search(line) is None:
            break
        line = html.unescape(line)
    return line.replace("\u00a0", " ").replace("\ufeff", "")


def needs_unescaping(line):
    """A cheap test before :func:`unescaped` (every line of a log passes it)."""
    return "&" in line or "\u00a0" in line or "\ufeff" in line
