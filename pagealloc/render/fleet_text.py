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
"""

from pagealloc.render.inert import clean
from pagealloc.render.remediation import fleet_steps

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


def figures_line(row):
    """'MIN_FREE_KBYTES_LOW_ATOMIC_RX; failures 7; drivers ixgbe; min_free_kbytes 11585 -> 23552 (default 11585); ...'."""
    return "%s; failures %s; drivers %s; min_free_kbytes %s -> %s (default %s); confidence %s" % (
        clean(", ".join(row["failing_keys"])), number(row["failures"]), clean(", ".join(row["drivers"])) or "-",
        number(row["current"]), number(row["recommended"]), number(row["default"]),
        clean(row.get("confidence") or "?"))


def counts_block(title, counts):
    lines = [title]
    if not counts:
        lines.append("  (none)")
    for key, value in counts.items():
        lines.append("  %-40s %6d" % (clean(key, 200), value) if isinstance(value, int)
                     else "  %-40s %s" % (clean(key, 200), ", ".join("%s %d" % (clean(k, 40), n) for k, n in value.items())))
    return lines


def host_to_fix(row):
    """The host, its figures, then its fix: one step a line, labels aligned."""
    lines = ["  %s  (%s)" % (clean(row["host"] or UNKNOWN, 300), clean(archives_note(row), 1000)),
             "    " + figures_line(row)]
    fix = fleet_steps(row.get("remediation"))
    lines += ["    %-8s %s" % (label + ":", clean(command)) for label, command in fix["steps"]]
    if fix["withheld"]:
        lines.append("    " + fix["withheld"])
    return lines


def render_text(summary):
    lines = [TITLE, "=" * len(TITLE), TOTALS % summary["totals"], "(%s)" % COUNTED_ONCE, ""]
    for key, title in COUNTS:
        lines += counts_block(title, summary[key]) + [""]
    lines.append("Hosts to fix:")
    if not summary["hosts_to_fix"]:
        lines.append("  (none)")
    for row in summary["hosts_to_fix"]:
        lines += host_to_fix(row)
    lines += ["", "Could not analyse:"]
    if not summary["errors"]:
        lines.append("  (none)")
    lines += ["  %s: %s" % (clean(error["source"], 1000), clean(error["error"])) for error in summary["errors"]]
    return "\n".join(lines) + "\n"
