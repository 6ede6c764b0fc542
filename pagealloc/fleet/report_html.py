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

import html
import math

from pagealloc.render.inert import inert

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



def escape(text):
    """Archive text for HTML: made inert (line breaks, control and bidi characters, non-UTF-8
    bytes shown as escapes), then HTML-escaped."""
    return html.escape(inert(text), quote=True)

def _number(value):
    return "?" if value is None else "%d" % value


def _scale(values, log):
    """value -> bar width in px: linear from 0, or log10 over whole decades (kB spanning 2038 to 135168)."""
    positive = [v for v in values if v and v > 0]
    if not positive:
        return lambda value: 0, []
    if not log:
        top = max(positive)
        return lambda value: int(round((value or 0) * PLOT_WIDTH / top)), []
    low = 10 ** math.floor(math.log10(min(positive)))
    high = 10 ** math.ceil(math.log10(max(positive)))
    if high <= low:
        high = low * 10
    span = math.log10(high) - math.log10(low)

    def width(value):
        if not value or value <= 0:
            return 0
        return max(1, int(round(PLOT_WIDTH * (math.log10(value) - math.log10(low)) / span)))

    decades = [10 ** exponent for exponent in range(int(math.log10(low)), int(math.log10(high)) + 1)]
    return width, decades


def caption(shown, total, sorted_by):
    """What a chart leaves out, said under it.

    >>> caption(40, 150, "failure reports")
    '40 of 150 hosts shown, sorted by failure reports'
    >>> caption(3, 3, "failure reports")
    'all 3 hosts shown, sorted by failure reports'
    """
    if shown == total:
        return "all %d hosts shown, sorted by %s" % (total, sorted_by)
    return "%d of %d hosts shown, sorted by %s" % (shown, total, sorted_by)


def bar_chart(title, bars, unit, series=("value",), log=False, sorted_by="value"):
    """Horizontal bars: ``bars`` = [(label, value or (v1, v2))], values >= 0 or None.

    At most :data:`CHART_MAX_BARS` bars are drawn, the caption says how many
    of how many; ``log`` draws a logarithmic axis with a line at every decade.
    """
    total = len(bars)
    bars = bars[:CHART_MAX_BARS]
    per_bar = BAR_HEIGHT * len(series)
    height = 30 + len(bars) * (per_bar + 6) + 10 * len(series) + 34
    values = [v for _, vals in bars for v in (vals if isinstance(vals, tuple) else (vals,)) if v]
    width_of, decades = _scale(values, log)
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" width="%d" height="%d">'
             % (LABEL_WIDTH + PLOT_WIDTH + 90, height),
             '<title>%s</title>' % escape(title)]
    y = 20
    for label, vals in bars:
        vals = vals if isinstance(vals, tuple) else (vals,)
        parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
                     % (LABEL_WIDTH - 6, y + per_bar // 2 + 4, escape(str(label))))
        for index, value in enumerate(vals):
            width = width_of(value)
            parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"/>'
                         % (LABEL_WIDTH, y, width, BAR_HEIGHT - 2, COLOURS[index % len(COLOURS)]))
            parts.append('<text x="%d" y="%d">%s</text>' % (LABEL_WIDTH + width + 4, y + BAR_HEIGHT - 5, _number(value)))
            y += BAR_HEIGHT
        y += 6
    for decade in decades:
        x = LABEL_WIDTH + width_of(decade)
        parts.append('<line x1="%d" y1="16" x2="%d" y2="%d" stroke="#999" stroke-dasharray="2,3"/>'
                     '<text x="%d" y="%d" text-anchor="middle">%d</text>' % (x, x, y, x, y + 10, decade))
    if decades:
        y += 12
    if len(series) > 1:
        for index, name in enumerate(series):
            parts.append('<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>'
                         % (LABEL_WIDTH + index * 160, y + 2, COLOURS[index], LABEL_WIDTH + index * 160 + 14, y + 11,
                            escape(name)))
        y += 14
    parts.append('<text x="%d" y="12">%s (%s%s)</text>'
                 % (LABEL_WIDTH, escape(title), escape(unit), ", log scale" if log else ""))
    parts.append('<text x="%d" y="%d" font-style="italic">%s</text>'
                 % (LABEL_WIDTH, y + 14, escape(caption(len(bars), total, sorted_by))))
    parts.append("</svg>")
    return "\n".join(parts)


def _label(row):
    return row["host"] or row["source"]


def _failures_chart(summary):
    rows = [r for r in summary["hosts"] if r["failures"]]
    rows.sort(key=lambda r: (-r["failures"], _label(r), r["source"]))
    return bar_chart("Failure reports per host (latest archive)", [(_label(r), r["failures"]) for r in rows], "reports",
                     sorted_by="failure reports, most first")


def _reserve_chart(summary):
    rows = sorted(summary["hosts_to_fix"], key=lambda r: (-(r["recommended"] or 0), _label(r), r["source"]))
    return bar_chart("min_free_kbytes of the hosts to fix", [(_label(r), (r["current"], r["recommended"])) for r in rows],
                     "kB", series=("current", "recommended"), log=True, sorted_by="recommended value, largest first")


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
    headers = ("host", "archives", "latest archive", "rules", "failures", "drivers", "current kB", "default kB",
               "recommended kB", "confidence")
    out = ["<table><tr>%s</tr>" % "".join("<th>%s</th>" % h for h in headers)]
    for row in summary["hosts_to_fix"]:
        out.append("<tr><td>%s</td><td class=\"n\">%s</td><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>%s</td>"
                   "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s</td></tr>" % (
                       escape(row["host"] or "unknown"), _number(row.get("archives", 1)), escape(row["source"]),
                       escape(", ".join(row["failing_keys"])), _number(row["failures"]),
                       escape(", ".join(row["drivers"])), _number(row["current"]), _number(row["default"]),
                       _number(row["recommended"]), escape(row.get("confidence") or "?")))
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
        _table(("hosts", "hosts to fix", "archives", "analysed", "could not analyse"),
               [(totals["hosts"], totals["hosts_to_fix"], totals["archives"], totals["analysed"], totals["errors"])]),
        "<p>Each host is counted once, by its latest archive.</p>",
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
