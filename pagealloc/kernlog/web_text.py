"""
Log lines scraped from web pages: HTML character references decoded.

A report copied out of a web page's source (a scraper, "view source", a
ticket exported as HTML) keeps the escapes the page needed: ``&lt;4&gt;[``
for the printk level, ``&gt; `` for a mail quote, ``&lt;IRQ&gt;`` for a stack
marker, ``&amp;``, and ``&nbsp;`` where <pre> text kept two blanks apart.
The kernel prints none of these references (its text is plain ASCII or
UTF-8), so a line holding one is decoded before it is read, its ``&nbsp;``
made blanks.  (No-break spaces copied from a rendered page need nothing: the
patterns' ``\\s`` matches them.)

Examples:
    >>> unescaped("[ 1.0] &nbsp;&lt;IRQ&gt;")
    '[ 1.0]  <IRQ>'
    >>> unescaped("&gt; &lt;4&gt;[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20")
    '> <4>[ 7.5] swapper/0: page allocation failure: order:0, mode:0x20'
    >>> unescaped("R&D wiki: tcp&nbsp;mem"), unescaped("R&D")   # a bare "&" stays as written
    ('R&D wiki: tcp mem', 'R&D')
"""

import html
import re

# A named, decimal or hexadecimal character reference (HTML5 names are letters and digits).
_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def unescaped(line):
    """``line`` with its HTML character references decoded (no-break spaces made blanks); the line
    itself when it holds no reference (the common case costs one scan for "&")."""
    if "&" not in line or _REFERENCE.search(line) is None:
        return line
    return html.unescape(line).replace("\u00a0", " ")
