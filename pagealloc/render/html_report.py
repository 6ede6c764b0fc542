"""
HTML output: one self-contained page (no script, no external resource) with
two inline SVG charts: zone free vs ``min`` watermark in each failure report,
and the failures over time.  Every string is HTML-escaped (``html.escape``
with quotes), and a Content-Security-Policy forbids scripts altogether, so
text from a hostile archive can neither inject markup nor run.

Examples:
    >>> page = render({"source": "<script>alert(1)</script>", "verdicts": [], "events": []})
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    (False, True)
"""

from html import escape as html_escape

from pagealloc.render.load_chart import load_chart
from pagealloc.render.summary import (
    build_view,
    clean,
    content_lines,
    evidence_sentences,
    remediation_commands,
    remediation_notes,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
LABELS = {"fail": "FAIL", "info": "INFO", "pass": "PASS"}
STYLE = """
body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222}
h1.problem{color:#b00}h1.ok{color:#070}h1.info{color:#a60}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
.fail{color:#b00;font-weight:bold}.pass{color:#070}.info{color:#a60}
pre{background:#f4f4f4;padding:.5em;white-space:pre-wrap}.below{color:#b00}
svg text{font-size:11px;font-family:sans-serif}
"""


def esc(value, limit=2000):
    return html_escape(clean(value, limit), quote=True)


def esc_lines(lines):
    """Lines for a <pre>: each escaped on its own, joined by our line breaks."""
    return "\n".join(esc(line, 20000) for line in lines)


def render(result, show="all", colour=False):
    view = build_view(result, show=show)
    body = ['<h1 class="%s" id="verdict">%s</h1>' % (view["status"], esc(view["headline"])),
            "<p>source: <code>%s</code>" % esc(view["source"])]
    if view["host"]:
        body.append(" &middot; host: <code>%s</code>" % esc(view["host"]))
    body.append("</p>")
    body += verdict_section(view) + evidence_section(view) + picture_section(view)
    for key, remediation in view["remediations"]:
        body += remediation_section(key, remediation)
    notes = view["notes"]
    if notes:
        body += ["<h2>Notes</h2><ul>"] + ["<li>%s</li>" % esc(n) for n in notes] + ["</ul>"]
    body.append("<p><small>pagealloc %s</small></p>" % esc(view["version"]))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">"
            "<title>pagealloc: %s</title><style>%s</style></head>\n<body>\n%s\n</body></html>\n"
            % (CSP, esc(view["headline"]), STYLE, "\n".join(body)))


def verdict_section(view):
    out = []
    if view["verdicts"]:
        out.append("<table><tr><th>result</th><th>key</th><th>rule</th></tr>")
        out += ['<tr><td class="%s">%s</td><td>%s</td><td>%s</td></tr>'
                % (v["type"], LABELS[v["type"]], esc(v["key"]), esc(v["rule"])) for v in view["verdicts"]]
        out.append("</table>")
    for verdict in view["verdicts"]:
        if verdict.get("content"):
            out.append("<h2>%s</h2><pre>%s</pre>" % (esc(verdict["key"]), esc_lines(content_lines(verdict["content"]))))
        if verdict["key"] == "RX_LOAD_AT_FAILURE" and isinstance((verdict.get("details") or {}).get("chart"), dict):
            out.append(load_chart(verdict["details"]["chart"], esc))
    return out


def evidence_section(view):
    summary = view["events"]
    if not summary:
        return ["<p>No page allocation failure reports found.</p>"]

    out = ["<h2>Evidence</h2><ul>"]
    out += ["<li>%s</li>" % line for line in evidence_sentences(summary, esc, times="&times;")] + ["</ul>"]
    if view["zone_points"]:
        out.append("<h3>Zone free vs min watermark in each report</h3>")
        out.append(zone_chart(view["zone_points"]))
    out.append("<h3>Failures over time</h3>")
    out.append(timeline_chart(view["timeline"]))
    return out


def zone_chart(points, width=640, bar=9):
    """Horizontal bars: free (blue, red when below min) and min (grey) per report and zone."""
    label_width, scale_width = 150, width - 150 - 90
    top = max(max(p["free_kb"], p["min_kb"]) for p in points) or 1
    row = 2 * bar + 8
    height = row * len(points) + 20
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" '
             'aria-label="zone free versus min watermark">' % (width, height + 16),
             '<text x="%d" y="%d">blue: free, red: free below min, grey: min watermark (kB)</text>'
             % (label_width, height + 10)]
    for i, p in enumerate(points):
        y = 10 + i * row
        free_w = max(1, round(scale_width * p["free_kb"] / top))
        min_w = max(1, round(scale_width * p["min_kb"] / top))
        colour = "#c33" if p["free_kb"] < p["min_kb"] else "#37c"
        parts.append('<text x="0" y="%d">#%d %s</text>' % (y + bar + 3, p["event"], esc(p["zone"], 40)))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>free %d kB</title></rect>'
                     % (label_width, y, free_w, bar, colour, p["free_kb"]))
        parts.append('<text x="%d" y="%d">free %d kB</text>' % (label_width + free_w + 4, y + bar - 1, p["free_kb"]))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#999"><title>min %d kB</title></rect>'
                     % (label_width, y + bar + 1, min_w, bar, p["min_kb"]))
        parts.append('<text x="%d" y="%d">min %d kB</text>' % (label_width + min_w + 4, y + 2 * bar, p["min_kb"]))
    parts.append("</svg>")
    return "".join(parts)


def timeline_chart(timeline, width=640, height=160):
    """One dot per failure report: x = time (or report number), y = allocation order."""
    points = timeline["points"]
    left, right, top, bottom = 40, 20, 10, 30
    xs = [p["x"] for p in points]
    orders = [p["order"] for p in points if isinstance(p["order"], int)]
    x_min, x_max = min(xs), max(xs)
    span = (x_max - x_min) or 1.0
    max_order = max(orders + [1])
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" role="img" '
             'aria-label="failures over time">' % (width, height),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>' % (left, top + plot_h, left + plot_w, top + plot_h),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>' % (left, top, left, top + plot_h),
             '<text x="%d" y="%d">%s</text>' % (left, height - 5, esc(timeline["axis"])),
             '<text x="0" y="%d">order</text>' % (top + 10),
             '<text x="%d" y="%d" text-anchor="end">0</text>' % (left - 4, top + plot_h),
             '<text x="%d" y="%d" text-anchor="end">%d</text>' % (left - 4, top + 22, max_order),
             '<text x="%d" y="%d">%g</text>' % (left, top + plot_h + 12, x_min),
             '<text x="%d" y="%d" text-anchor="end">%g</text>' % (left + plot_w, top + plot_h + 12, x_max)]
    for p in points:
        order = p["order"] if isinstance(p["order"], int) else 0
        cx = left + (plot_w * (p["x"] - x_min) / span if x_max > x_min else plot_w / 2)
        cy = top + plot_h - plot_h * min(order, max_order) / max_order
        parts.append('<circle cx="%.1f" cy="%.1f" r="4" fill="#c33"><title>%s order %s at %g</title></circle>'
                     % (cx, cy, esc(p["kind"]), esc(p["order"]), p["x"]))
    parts.append("</svg>")
    return "".join(parts)


def picture_section(view):
    out = []
    if view["picture"]:
        out.append("<h2>Memory picture</h2><table>")
        out += ["<tr><th>%s</th><td>%s</td></tr>" % (esc(label), esc(value)) for label, value in view["picture"]]
        out.append("</table>")
    if view["missing_inputs"]:
        out.append("<p>Missing inputs: %s</p>" % esc(", ".join(str(m) for m in view["missing_inputs"])))
    return out


def remediation_section(key, remediation):
    out = ["<h2>Remediation for %s</h2>" % esc(key)]
    if remediation is None:
        return out + ["<p>Withheld: the rule's commands did not have the expected shape.</p>"]
    out.append('<pre id="remediation">%s</pre>' % esc_lines(remediation_commands(remediation)))
    out += ["<p>%s</p>" % note for note in remediation_notes(remediation, esc)]
    return out
