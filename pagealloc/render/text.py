"""
Text output (the default): the headline in words first, then the sections
of :mod:`pagealloc.render.summary` (why, the fix to paste, the failure
reports, the memory picture, references, details).  Prose wraps at
``width`` (the terminal's width, 80 when not a terminal) between words
only; commands and URLs are never wrapped, and commands start at column 0
so that the block pastes into a root shell as shown.  Colour only when asked
(the command line asks when stdout is a terminal and NO_COLOR is unset).
Archive text is shown with control characters escaped, so a log line cannot
drive the terminal.

Examples:
    >>> print(render({"source": "dmesg", "verdicts": [], "events": [], "memory_picture": None}), end="")
    No problem found
    <BLANKLINE>
    Failure reports
      No page allocation failure reports found.
    <BLANKLINE>
    Details
      source     dmesg
      pagealloc  unknown
    >>> wrap("a long sentence with a command-like word-with-dashes", 20, "  ")
    ['  a long sentence', '  with a', '  command-like', '  word-with-dashes']
"""

import re
import textwrap

from pagealloc.render.summary import build_view

COLOURS = {"problem": "\x1b[1;31m", "ok": "\x1b[1;32m", "info": "\x1b[1;33m", "heading": "\x1b[1m"}
RESET = "\x1b[0m"
DEFAULT_WIDTH = 80
INDENT = "  "


def render(result, show="all", colour=False, width=None, short=False):
    view = build_view(result, show=show)
    width = max(40, width or DEFAULT_WIDTH)

    def paint(style, text):
        return COLOURS[style] + text + RESET if colour else text

    out = [paint(view["status"], line) for line in wrap(view["headline"], width)]
    for part in view["sections"]:
        if short and part["id"] != "remediation":
            continue
        out += [""] + [paint("heading", line) for line in wrap(part["title"], width)]
        previous = None
        for block in part["blocks"]:
            lines = LAYOUT.get(block["kind"], skip)(block, width)
            if lines and previous in ("table", "list") and lines[0]:
                out.append("")  # a table or list ends before the next block starts
            out += lines
            previous = block["kind"] if lines else previous
        while out[-1] == "":
            out.pop()
    return "\n".join(out) + "\n"


# A number and its unit stay on one line ("1264 kB", not "1264" / "kB"): the space between them is held
# as a NUL while wrapping (text from the input never holds one: pagealloc.render.inert escapes controls).
NUMBER_UNIT = re.compile(r"(?<=\d) (?=(?:kB|KiB|MiB|GiB|B|s|pages?)\b)")


def wrap(text, width, indent="", hanging=None):
    """Prose lines of at most ``width`` columns, broken between words only (a longer word stays whole)."""
    lines = textwrap.wrap(NUMBER_UNIT.sub("\0", text), width=width, initial_indent=indent,
                          subsequent_indent=indent if hanging is None else hanging,
                          break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    return [line.replace("\0", " ") for line in lines]


def paragraph(block, width):
    return wrap(block["text"], width, INDENT)


def bullet_list(block, width):
    return [line for item in block["items"] for line in wrap(item, width, INDENT + "- ", INDENT + "  ")]


def commands(block, width):
    # Column 0, unwrapped, set off by blank lines: what is shown is what runs.
    return [""] + block["lines"] + [""]


def table(block, width):
    header, rows = block["header"], block["rows"]
    if header is None and rows and len(rows[0]) == 2:  # label / value: the value wraps under itself
        label_width = max(len(label) for label, _ in rows)
        hanging = INDENT + " " * (label_width + 2)
        lines = []
        for label, value in rows:
            lines += wrap("%-*s  %s" % (label_width, label, value), width, INDENT, hanging)
        return lines
    grid = ([header] if header else []) + rows
    widths = column_widths(grid, width - len(INDENT), block["numeric"])

    def line(row):
        cells = [cell.rjust(w) if i in block["numeric"] else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths))]
        return (INDENT + "  ".join(cells)).rstrip()

    def lines_of(row):
        """A row as lines: a cell wider than its column wraps under itself."""
        cells = [wrap(cell, w) if len(cell) > w else [cell] for cell, w in zip(row, widths)]
        return [line([cell[n] if n < len(cell) else "" for cell in cells]) for n in range(max(map(len, cells)))]

    lines = [line for row in grid for line in lines_of(row)]
    if block.get("caption"):
        lines += wrap("(%s)" % block["caption"], width, INDENT)
    return lines


def column_widths(grid, room, numeric):
    """Each column as wide as its widest cell; when the table is wider than ``room``, the widest text
    column wraps, never narrower than its longest word; numbers never wrap, and the first column (a row's
    name: a wrapped one would read as the next row's) only when no other column can."""
    widths = [max(len(row[i]) for row in grid) for i in range(len(grid[0]))]
    floors = [max((len(word) for row in grid for word in NUMBER_UNIT.sub("\0", row[i]).split()), default=0)
              for i in range(len(widths))]
    while sum(widths) + 2 * (len(widths) - 1) > room:
        narrowable = [i for i in range(len(widths)) if i not in numeric and widths[i] > floors[i]]
        if not narrowable:
            break
        widest = max(narrowable, key=lambda i: (i > 0, widths[i]))
        widths[widest] -= 1
    return widths


def links(block, width):
    return [line for group in block["items"] for line in [INDENT + group["label"]] + [INDENT * 2 + url for url in group["urls"]]]


def skip(block, width):
    return []  # charts: the tables beside them carry the same figures


LAYOUT = {"paragraph": paragraph, "list": bullet_list, "commands": commands, "table": table, "links": links}
