"""
Fleet report as text - ``pagealloc fleet report`` (the default format)
=====================================================================

Lays out the summary of :func:`pagealloc.fleet.report.summarise`: totals,
counts by verdict, kernel, driver and recommended value, each host to fix
with its figures and its fix (:func:`pagealloc.render.remediation.fleet_steps`),
and the archives that could not be analysed.  Every value from an archive or
a results file is made one inert line (:func:`pagealloc.render.summary.clean`):
an escape sequence in a host name cannot reach the terminal, a line break
cannot add a report line.

Examples:
    >>> print(render_text({"totals": {"hosts": 0, "hosts_to_fix": 0, "archives": 1, "analysed": 0, "errors": 1},
    ...                    "by_verdict": {}, "by_kernel": {}, "by_driver": {}, "by_recommendation_kb": {},
    ...                    "hosts_to_fix": [], "errors": [{"source": "/a\\n.tar", "error": "truncated"}]}), end="")
    pagealloc fleet report
    ======================
    hosts 0, hosts to fix 0; archives 1, analysed 0, could not analyse 1
    (each host is counted once, by its latest archive)
    <BLANKLINE>
    Verdicts by key:
      (none)
    <BLANKLINE>
    Hosts by kernel:
      (none)
    <BLANKLINE>
    Hosts by failing driver:
      (none)
    <BLANKLINE>
    Hosts to fix by recommended min_free_kbytes (kB):
      (none)
    <BLANKLINE>
    Hosts to fix:
      (none)
    <BLANKLINE>
    Could not analyse:
      /a\\n.tar: truncated

Lines are at most :data:`WIDTH` columns, as in ``pagealloc triage``: a row
of figures is broken between its cells (``; ``), a cell between words; a
word longer than a line (a path) stays whole, and a command to paste is
never broken.  With nothing that could not be analysed, that section is
left out (the totals say 0).

    >>> for line in cells_lines(["rule MIN_FREE_KBYTES_LOW_ATOMIC_RX", "failures 7", "drivers ixgbe",
    ...                           "min_free_kbytes 11585 -> 23552 (default 11585)", "confidence high"], 70, "    "):
    ...     print(line)
        rule MIN_FREE_KBYTES_LOW_ATOMIC_RX; failures 7; drivers ixgbe;
        min_free_kbytes 11585 -> 23552 (default 11585); confidence high
"""

import re
import textwrap

from pagealloc.render.inert import clean
from pagealloc.render.remediation import fleet_steps

#: columns of a text line (pagealloc triage's width)
WIDTH = 80

UNKNOWN = "unknown"
TITLE = "pagealloc fleet report"
TOTALS = ("hosts %(hosts)d, hosts to fix %(hosts_to_fix)d; archives %(archives)d, analysed %(analysed)d, "
          "could not analyse %(errors)d")
COUNTED_ONCE = "each host is counted once, by its latest archive"
COUNTS = (("by_verdict", "Verdicts by key:"), ("by_kernel", "Hosts by kernel:"),
          ("by_driver", "Hosts by failing driver:"),
          ("by_recommendation_kb", "Hosts to fix by recommended min_free_kbytes (kB):"))


def number(value):
    return "?" if value is None else str(value)


def archives_note(row):
    """The archive that speaks for the host, and how many it has."""
    if row.get("archives", 1) == 1:
        return row["source"]
    return "latest of %d archives: %s" % (row["archives"], row["source"])


def figure_cells(row):
    """A host's figures as cells: rule(s), failures, drivers, reserve now -> recommended, confidence."""
    return ["%s %s" % ("rules" if len(row["failing_keys"]) > 1 else "rule", clean(", ".join(row["failing_keys"]))),
            "failures %s" % number(row["failures"]), "drivers %s" % (clean(", ".join(row["drivers"])) or "-"),
            "min_free_kbytes %s -> %s (default %s)" % (number(row["current"]), number(row["recommended"]),
                                                     number(row["default"])),
            "confidence %s" % clean(row.get("confidence") or "?")] + (
        ["silent receive failures {:,} since boot".format(row["silent_rx_failures"])]
        if row.get("silent_rx_failures") else [])


def wrap(text, indent="", hanging=None, width=WIDTH):
    """Lines of at most ``width`` columns, broken between words (a longer word stays whole);
    a number keeps its unit (``23552 kB``).

    >>> wrap("min_free_kbytes 11585 kB, recommended 23552 kB", "  ", "    ", width=36)
    ['  min_free_kbytes 11585 kB,', '    recommended 23552 kB']
    """
    lines = textwrap.wrap(_UNIT_SPACE.sub(_GLUE, text), width=width, initial_indent=indent,
                          subsequent_indent=indent if hanging is None else hanging,
                          break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    return [line.replace(_GLUE, " ") for line in lines]


# the space between a number and its unit, held by a character textwrap does not break at
_UNIT_SPACE = re.compile(r"(?<=\d) (?=kB\b)")
_GLUE = "\x00"


def cells_lines(cells, width=WIDTH, indent=""):
    """``cells`` joined by ``; `` into lines of at most ``width`` columns, broken between cells
    (a cell longer than a line is broken between its words)."""
    lines, line = [], ""
    for cell in cells:
        joined = line + "; " + cell if line else cell
        if len(indent) + len(joined) + 1 <= width:  # + the ';' that ends a line that goes on
            line = joined
            continue
        if line:
            lines.append(indent + line + ";")
        parts = wrap(cell, indent, width=width)
        lines += parts[:-1]
        line = parts[-1][len(indent):]
    return lines + [indent + line]


def counts_block(title, counts):
    lines = [title]
    if not counts:
        lines.append("  (none)")
    for key, value in counts.items():
        label = clean(key, 200)
        value = ("%6d" % value if isinstance(value, int)
                 else ", ".join("%s %d" % (clean(k, 40), n) for k, n in value.items()))
        line = "  %-40s %s" % (label, value)
        lines += [line] if len(line) <= WIDTH else wrap(label, "  ") + wrap(value.strip(), "      ")
    return lines


def host_to_fix(row):
    """The host and its archive, its figures, then its fix: one step a line, labels aligned.

    The commands are never broken (what is shown is what runs); the sysctl.d file and
    its line are, between the two.
    """
    host, note = clean(row["host"] or UNKNOWN, 300), clean(archives_note(row), 1000)
    lines = ["  %s  (%s)" % (host, note)]
    if len(lines[0]) > WIDTH:
        lines = wrap(host, "  ") + wrap(note, "    ", "      ")
    lines += cells_lines(figure_cells(row), indent="    ")
    fix = fleet_steps(row.get("remediation"))
    for label, command in fix["steps"]:
        step = "    %-8s %s" % (label + ":" if label else "", clean(command))  # "": a guarded block's next line
        if len(step) > WIDTH and label == "persist":  # "FILE: LINE": the line goes under the file
            path, _, content = step.partition(": /")[2].partition(": ")
            step = "    persist: /%s:\n%s%s" % (path, " " * 13, content)
        lines += step.split("\n")
    if fix["withheld"]:
        lines += wrap(fix["withheld"], "    ")
    return lines


def render_text(summary):
    lines = [TITLE, "=" * len(TITLE)] + wrap(TOTALS % summary["totals"]) + ["(%s)" % COUNTED_ONCE, ""]
    for key, title in COUNTS:
        lines += counts_block(title, summary[key]) + [""]
    lines.append("Hosts to fix:")
    if not summary["hosts_to_fix"]:
        lines.append("  (none)")
    for row in summary["hosts_to_fix"]:
        lines += host_to_fix(row)
    if summary["errors"]:  # nothing failed: no empty section (the totals say 0)
        lines += ["", "Could not analyse:"]
        for error in summary["errors"]:
            lines += wrap("%s: %s" % (clean(error["source"], 1000), clean(error["error"])), "  ", "    ")
    return "\n".join(lines) + "\n"
