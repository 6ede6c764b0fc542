r"""
A log carried inside one string literal: its escaped line breaks made lines again.

Tools that hand a command's output on as data write the whole log as one string
on one line, its line breaks escaped as ``\n`` (``\r\n`` for a console): an
Ansible task result (``fatal: [web1]: FAILED! => {..., "stdout": "[ 1.0]
...\n[ 1.0] ..."}``), ``aws ec2 get-console-output`` (the console's text in
``"Output"``), a log shipper's ``"message"`` field, a Python ``repr`` of
captured bytes (``b'[    0.000000] Linux version ...\n...'``).  The kernel
writes no ``\n`` of two characters (printk's format strings end in a real line
break), so a line holding a header and at least two of them is such a string:
its text before the string's opening quote, the string decoded (JSON and
Python escapes: ``\n``, ``\r``, ``\t``, ``\"``, ``\'``, ``\\``, ``\/``, ``\xNN``,
``\uNNNN``) and split at its line breaks, and the text after its closing
quote are the lines (a line holding no opening quote before them is no such string: a
piece of one that a wrap cut off stays as it is).  A string escaped twice (JSON inside JSON: ``\\n``) is
decoded again.  (rsyslog's ``#012`` escapes are split by the assembler itself.)

Examples:
    >>> escaped_lines('{"stdout": "[ 1.0] swapper: page allocation failure: order:0, mode:0x20\\n[ 1.0] CPU: 0 PID: 0'
    ...               ' Comm: swapper\\n[ 1.0] Call Trace:", "rc": 1}')
    ['{"stdout": "', '[ 1.0] swapper: page allocation failure: order:0, mode:0x20', '[ 1.0] CPU: 0 PID: 0 Comm: swapper', '[ 1.0] Call Trace:', '", "rc": 1}']
    >>> escaped_lines("b'[ 1.0] a\\r\\n[ 1.0] b\\r\\n[ 1.0] it\\'s'")
    ["b'", '[ 1.0] a', '[ 1.0] b', "[ 1.0] it's", "'"]
    >>> escaped_lines(r'{"log": "{\"stdout\": \"x\\ny\\nz\"}"}')   # escaped twice: JSON in a JSON string
    ['{"log": "', '{"stdout": "', 'x', 'y', 'z', '"}', '"}']
    >>> escaped_lines(r"b' \xc2\xa0[ 1.0] a\n \xa0b\nc'")   # UTF-8 bytes of a bytes repr; a str repr's character
    ["b'", ' \xa0[ 1.0] a', ' \xa0b', 'c', "'"]
    >>> escaped_lines("[ 1.0] swapper: page allocation failure: order:0, mode:0x20") is None
    True
    >>> escaped_lines("mode:0x20\\n2. kswapd0: page allocation failure: order:0, mode:0x20\\n3.") is None
    True
"""

import re

_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))", re.S)
_SIMPLE = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "0": "\0", "a": "\a", "v": "\v"}
# A run of byte escapes: a Python bytes repr writes a UTF-8 character as its bytes (b'\xc2\xa0' a no-break
# space copied from a page); a run that is no UTF-8 is read a character per escape (a str repr's '\xa0').
_BYTES = re.compile(r"(?<!\\)(?:\\x[89a-fA-F][0-9a-fA-F])+")
MIN_BREAKS = 2
MAX_DEPTH = 3


def needs_splitting(line):
    """A cheap test before :func:`escaped_lines` (every line of a log passes it)."""
    return "\\n" in line


def _unescape(text):
    text = _BYTES.sub(_utf8, text)
    def one(match):
        code, byte, char = match.groups()
        if code is not None:
            return chr(int(code, 16))
        if byte is not None:
            return chr(int(byte, 16))
        return _SIMPLE.get(char, char)
    return _ESCAPE.sub(one, text)


def _utf8(match):
    raw = bytes.fromhex(match.group().replace("\\x", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group()  # (each escape read alone below)


def _string_bounds(line, first, last):
    r"""The opening quote before ``first`` and the closing quote after ``last`` of the string literal that
    holds both escapes, or None: an unescaped ``"`` or ``'`` (the same sign at both ends).  The nearest quote
    that closes after ``last`` wins: an apostrophe inside a JSON string (``"... comment's log\n..."``) opens
    none; only when no quote closes is the string one cut at the line's end (a cut paste), from the nearest.

    >>> line = '{"stdout": "a comment\'s log\\n[ 1.0] b\\n[ 1.0] c"}'
    >>> start, end = _string_bounds(line, line.find("\\n"), line.rfind("\\n"))
    >>> line[start], line[end:]
    ('"', '"}')
    """
    cut = None
    at = first
    while at > 0:
        at -= 1
        if line[at] in "\"'" and not _escaped(line, at):
            quote = line[at]
            end = last
            while True:
                end = line.find(quote, end)
                if end < 0:
                    break
                if not _escaped(line, end):
                    return at, end
                end += 1
            if cut is None:
                cut = (at, len(line))  # a string cut at the line's end (a cut paste), unless another closes
    return cut


def _escaped(line, at):
    slashes = 0
    while at - slashes - 1 >= 0 and line[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def escaped_lines(line, depth=0):
    """The lines of the escaped string ``line`` carries (with the text before and after the string as lines
    of their own), or None when it carries none."""
    if line.count("\\n") < MIN_BREAKS:
        return None
    first, last = line.find("\\n"), line.rfind("\\n")
    bounds = _string_bounds(line, first, last)
    if bounds is None:
        return None  # no opening quote: a piece of a string a wrap cut, or no string at all
    start, end = bounds[0] + 1, bounds[1]
    head, tail = line[:start], line[end:]
    pieces = _unescape(line[start:end]).split("\n")
    lines = [head] if head else []
    for piece in pieces:
        piece = piece.rstrip("\r")
        deeper = escaped_lines(piece, depth + 1) if depth < MAX_DEPTH and "\\n" in piece else None
        lines.extend(deeper if deeper is not None else [piece])
    if tail:
        lines.append(tail)
    return lines
