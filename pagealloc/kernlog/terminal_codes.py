r"""
Terminal control sequences in a captured console: a line read as the terminal showed it.

A log copied from a terminal capture keeps the control sequences that drew it:
``dmesg --color=always`` (util-linux sys-utils/dmesg.c ``colors[]``) sets the
uptime in green (``ESC[32m``), the subsystem or comm before ``: `` in brown
(``ESC[33m``) and warning-level text in bold (``ESC[1m``), each closed by
``ESC[0m``; ``script`` (util-linux) records the
prompt's colours, the window-title sequence (``ESC]0;user@host: ~ BEL``), a
shell's bracketed-paste switches (``ESC[?2004h``) and the carriage return a
terminal's line discipline writes before every line feed; a serial console
captured by minicom or screen does the same.  The kernel writes none of these
(printk's text is printable, its newline a newline), so every such sequence is
the capture's and is dropped: ECMA-48 CSI and OSC sequences, the other
two-character escapes, and C1's single-byte CSI.  A carriage return after
nothing visible sent the cursor back to column 0 before the line's text
(``ESC[?2004l\r`` before the output's first line): the text after it is the
line; one after text is left as it is (a CRLF file reshaped further:
``...\r<br>``, ``...\r  ``).  A backspace moves back one column.

Examples:
    >>> shown("\x1b[32m[ 7873.855883] \x1b[0m\x1b[33mswapper/0: \x1b[0m\x1b[1mpage allocation failure: order:0\x1b[0m")
    '[ 7873.855883] swapper/0: page allocation failure: order:0'
    >>> shown("\x1b]0;root@web1: ~\x07\x1b[01;32mroot@web1\x1b[00m:\x1b[01;34m~\x1b[00m# dmesg")
    'root@web1:~# dmesg'
    >>> shown("\x1b[?2004l\r[    1.000000] Call Trace:")
    '[    1.000000] Call Trace:'
    >>> shown("  \rXY"), shown("[ 1.0] x\r<br>"), shown("ab\bc"), shown("plain line")
    ('XY', '[ 1.0] x\r<br>', 'ac', 'plain line')
"""

import re

# ECMA-48 (ISO 6429): CSI = ESC [ parameters intermediates final; OSC/DCS/SOS/PM/APC strings up to BEL or
# ST (ESC \); any other escape is ESC, intermediates and one final byte; C1 CSI is the single byte 0x9b.
_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"
                       r"|\x1b[ -/]*[0-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b")


def needs_showing(line):
    """A cheap test before :func:`shown` (every line of a log passes it): an escape, a C1 CSI, a
    carriage return or backspace inside the line."""
    return "\x1b" in line or "\r" in line or "\b" in line or "\x9b" in line


def shown(line):
    """``line`` as a terminal shows it: control sequences dropped, carriage returns and backspaces
    applied; the line itself when it holds none."""
    if "\x1b" in line or "\x9b" in line:
        line = _SEQUENCE.sub("", line)
    line = line.rstrip("\r")
    if "\r" in line:
        head, _, tail = line.rpartition("\r")
        if head.strip():  # text before it: a CR a paste left inside a line ("...\r<br>"), kept as it was
            return line
        line = tail
    if "\b" not in line:
        return line
    cells, column = [], 0
    for char in line:
        if char == "\r":
            column = 0
        elif char == "\b":
            column = max(column - 1, 0)
        else:
            if column < len(cells):
                cells[column] = char
            else:
                cells.append(char)
            column += 1
    return "".join(cells)
