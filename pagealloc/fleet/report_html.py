"""
Fleet report as one HTML page with inline SVG charts
====================================================

Self-contained (no scripts, no external resources): totals, two bar charts
(failure reports per host; current vs recommended ``vm.min_free_kbytes`` of
the hosts to fix), the count tables, the hosts to fix with their remediation
and the archives that could not be analysed.  Every text that comes from an
archive (host names, paths, kernel strings, error messages, commands) goes
through :func:`html.escape`; numbers are formatted from ints.

Examples:
    >>> svg = bar_chart("t", [("<b>", 3)], unit="reports")
    >>> "&lt;b&gt;" in svg and "<b>" not in svg
    True
"""

from html import escape

CHART_MAX_BARS = 40  # the busiest hosts; the tables list them all
BAR_HEIGHT = 16
LABEL_WIDTH = 220
PLOT_WIDTH = 420
COLOURS = ("#c0392b", "#2e86c1")  # first and second series

STYLE = """
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
td.n { text-align: right; }
code { background: #f4f4f4; white-space: nowrap; }
tr.fix td { border-top: none; padding-left: 2em; font-size: 90%; }
svg text { font-size: 11px; }
"""


def _number(value):
    return "?" if value is None else "%d" % value


def bar_chart(title, bars, unit, series=("value",)):
    """Horizontal bars: ``bars`` = [(label, value or (v1, v2))], values >= 0 or None."""
    bars = bars[:CHART_MAX_BARS]
    per_bar = BAR_HEIGHT * len(series)
    height = 30 + len(bars) * (per_bar + 6) + 10 * len(series)
    values = [v for _, vals in bars for v in (vals if isinstance(vals, tuple) else (vals,)) if v]
    scale = PLOT_WIDTH / max(values) if values else 0
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d">'
             % (LABEL_WIDTH + PLOT_WIDTH + 90, height),
             '<title>%s</title>' % escape(title)]
    y = 20
    for label, vals in bars:
        vals = vals if isinstance(vals, tuple) else (vals,)
        parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                     % (LABEL_WIDTH - 6, y + per_bar // 2 + 4, escape(str(label))))
        for index, value in enumerate(vals):
            width = int(round((value or 0) * scale))
            parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                         % (LABEL_WIDTH, y, width, BAR_HEIGHT - 2, COLOURS[index % len(COLOURS)]))
            parts.append('<text x="%d" y="%d">%s</text>' % (LABEL_WIDTH + width + 4, y + BAR_HEIGHT - 5, _number(value)))
            y += BAR_HEIGHT
        y += 6
    if len(series) > 1:
        for index, name in enumerate(series):
            parts.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                         % (LABEL_WIDTH + index * 160, y + 2, COLOURS[index], LABEL_WIDTH + index * 160 + 14, y + 11,
                            escape(name)))
    parts.append('<text x="%d" y="12">%s (%s)</text>' % (LABEL_WIDTH, escape(title), escape(unit)))
    parts.append("</svg>")
    return "\n".join(parts)


def _label(row):
    return row["host"] or row["source"]


def _failures_chart(summary):
    rows = [r for r in summary["hosts"] if r["failures"]]
    rows.sort(key=lambda r: (-r["failures"], _label(r), r["source"]))
    return bar_chart("Failure reports per host", [(_label(r), r["failures"]) for r in rows], "reports")


def _reserve_chart(summary):
    rows = summary["hosts_to_fix"]
    return bar_chart("min_free_kbytes of the hosts to fix", [(_label(r), (r["current"], r["recommended"])) for r in rows],
                     "kB", series=("current", "recommended"))


def _table(headers, rows):
    out = ["<table><tr>%s</tr>" % "".join("<th>%s</th>" % escape(h) for h in headers)]
    for row in rows:
        cells = []
        for cell in row:
            if isinstance(cell, int) and not isinstance(cell, bool):
                cells.append('<td class="n">%d</td>' % cell)
            else:
                cells.append("<td>%s</td>" % escape("" if cell is None else str(cell)))
        out.append("<tr>%s</tr>" % "".join(cells))
    out.append("</table>")
    return "\n".join(out)


def _remediation_html(remediation):
    if not remediation:
        return ""
    lines = []
    for label, text in (("now", remediation.get("runtime_command")),
                        ("persist", ((remediation.get("sysctl_d_file") or {}).get("path") or "")
                         + ": " + ((remediation.get("sysctl_d_file") or {}).get("content") or "").strip()),
                        ("apply", remediation.get("apply_command"))):
        if text and text != ": ":
            lines.append("%s: <code>%s</code>" % (label, escape(text)))
    return "<br>".join(lines)


def _hosts_to_fix(summary):
    """One row of figures per host, its remediation on the row below."""
    if not summary["hosts_to_fix"]:
        return "<p>None.</p>"
    headers = ("host", "archive", "rules", "failures", "drivers", "current kB", "default kB", "recommended kB")
    out = ["<table><tr>%s</tr>" % "".join("<th>%s</th>" % h for h in headers)]
    for row in summary["hosts_to_fix"]:
        out.append("<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>%s</td>"
                   "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>" % (
                       escape(row["host"] or "unknown"), escape(row["source"]), escape(", ".join(row["failing_keys"])),
                       _number(row["failures"]), escape(", ".join(row["drivers"])), _number(row["current"]),
                       _number(row["default"]), _number(row["recommended"])))
        remediation = _remediation_html(row.get("remediation"))
        if remediation:
            out.append('<tr class="fix"><td colspan="%d">%s</td></tr>' % (len(headers), remediation))
    out.append("</table>")
    return "\n".join(out)


def render_html(summary):
    totals = summary["totals"]
    verdict_rows = [(key, kind, count) for key, counts in summary["by_verdict"].items() for kind, count in counts.items()]
    sections = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>pagealloc fleet report</title>',
        "<style>%s</style></head><body>" % STYLE,
        "<h1>pagealloc fleet report</h1>",
        _table(("archives", "analysed", "could not analyse", "hosts to fix"),
               [(totals["archives"], totals["analysed"], totals["errors"], totals["hosts_to_fix"])]),
        "<h2>Charts</h2>",
        _failures_chart(summary),
        _reserve_chart(summary),
        "<h2>Hosts to fix</h2>",
        _hosts_to_fix(summary),
        "<h2>Verdicts</h2>",
        _table(("key", "type", "hosts"), verdict_rows),
        "<h2>Kernels</h2>",
        _table(("kernel", "hosts"), list(summary["by_kernel"].items())),
        "<h2>Failing drivers</h2>",
        _table(("driver", "hosts"), list(summary["by_driver"].items())),
        "<h2>Recommended min_free_kbytes</h2>",
        _table(("kB", "hosts"), list(summary["by_recommendation_kb"].items())),
        "<h2>Could not analyse</h2>",
        _table(("archive", "reason"), [(e["source"], e["error"]) for e in summary["errors"]]),
        "</body></html>",
    ]
    return "\n".join(sections) + "\n"
