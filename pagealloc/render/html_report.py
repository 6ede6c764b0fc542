"""
HTML output: one self-contained page (no script, no external resource; links
to the rules' references only), laid out by a jinja2 template with
autoescape, so every value from the archive is HTML-escaped, and a
Content-Security-Policy forbids scripts altogether.  It reads on a phone
(375 px) as on a desktop: a viewport meta, text and tables that wrap, code
blocks that scroll inside themselves, and inline SVG charts with a viewBox
that scale to the width: each zone's free memory against its ``min`` mark
per report, and the reports over time (count per interval since boot, per
boot; suppressed callbacks stacked on top).  A caption says when a chart or
table shows only part of the data.

Examples:
    >>> page = render({"source": "<script>alert(1)</script>", "verdicts": [], "events": []})
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/<wbr>script&gt;" in page
    (False, True)
    >>> '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    True
"""

from markupsafe import Markup, escape

from pagealloc.render.html_page import register, render_page
from pagealloc.render.inert import clean
from pagealloc.render.load_chart import load_chart
from pagealloc.render.summary import build_view

# Table cells keep words whole (the cell filter lets paths break after a separator instead); headings,
# paragraphs and list items go through the prose filter: a number keeps its unit ("2038 kB") and a long path
# breaks after a "/" on a phone, never mid-word ("transparent_hugepage/enable|d"), a dotted name never.
TEMPLATE = """{% extends "base.html" %}{% block title %}pagealloc: {{ view.headline }}{% endblock %}
{%- block style %}td,th{overflow-wrap:break-word}{% endblock %}
{%- block body %}<h1 class="{{ view.status }}" id="verdict">{{ view.headline|prose }}</h1>
{%- for part in sections %}
<section id="{{ part.id }}"><h2>{{ part.title|prose }}</h2>
{%- for block in part.blocks %}
{%- if block.kind == "paragraph" %}
<p>{{ block.text|prose }}</p>
{%- elif block.kind == "list" %}
<ul>{% for item in block["items"] %}<li>{{ item|prose }}</li>{% endfor %}</ul>
{%- elif block.kind in ("commands", "log") %}
<pre{% if block.kind == "commands" %} class="commands"{% endif %}>{{ block.lines|join("\\n") }}</pre>
{%- elif block.kind == "table" %}
<table>
{%- if block.header %}<tr>{% for cell in block.header %}<th{{ num(block, loop.index0) }}>{{ cell|cell }}</th>{% endfor %}</tr>{% endif %}
{%- for row in block.rows %}
<tr>{% for cell in row %}{% if not block.header and loop.first %}<th>{{ cell|cell }}</th>{% else %}<td{{ num(block, loop.index0) }}>{{ cell|cell }}</td>{% endif %}{% endfor %}</tr>
{%- endfor %}
</table>
{%- if block.caption %}<p><small>{{ block.caption }}</small></p>{% endif %}
{%- elif block.kind == "links" %}
<ul>{% for group in block["items"] %}<li>{{ group.label }}<ul>{% for url in group.urls %}<li><a href="{{ url }}">{{ url }}</a></li>{% endfor %}</ul></li>{% endfor %}</ul>
{%- elif block.kind == "chart" %}
<figure>{{ chart(block) }}{% if block.caption %}<figcaption>Shows {{ block.caption }}.</figcaption>{% endif %}</figure>
{%- endif %}
{%- endfor %}
</section>
{%- endfor %}{% endblock %}"""
register("triage.html", TEMPLATE)



def esc(value, limit=2000):
    """Archive text as HTML text (for tests and callers outside the template)."""
    return str(escape(clean(value, limit)))


def render(result, show="all", colour=False, short=False, **options):
    view = build_view(result, show=show)
    sections = [s for s in view["sections"] if not short or s["id"] == "remediation"]
    return render_page("triage.html", view=view, sections=sections, chart=chart, num=num)


def num(block, column):
    return Markup(' class="num"') if column in block["numeric"] else ""


def chart(block):
    return CHARTS[block["chart"]](block["data"])


def svg(width, height, label, parts):
    """An inline SVG that scales to the page width (viewBox, CSS width 100%)."""
    return Markup('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s">%s</svg>'
                  % (width, height, escape(label), "".join(parts)))


def zone_chart(points, width=600, bar=12):
    """Horizontal bars: free (blue, red when below min) and min (grey) per report and zone."""
    label_width = 170
    scale_width = width - label_width - 110
    top = max(max(p["free_kb"], p["min_kb"]) for p in points) or 1
    row = 2 * bar + 10
    height = row * len(points) + 30
    parts = ['<text x="0" y="%d">blue: free, red: free below min, grey: min mark (kB)</text>' % (height - 6)]
    for i, p in enumerate(points):
        y = 4 + i * row
        free_w = max(1, round(scale_width * p["free_kb"] / top))
        min_w = max(1, round(scale_width * p["min_kb"] / top))
        colour = "#c33" if p["free_kb"] < p["min_kb"] else "#37c"
        parts.append('<text x="0" y="%d">#%d %s</text>' % (y + bar + 4, p["event"], escape(p["zone"])))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>free %d kB</title></rect>'
                     % (label_width, y, free_w, bar, colour, p["free_kb"]))
        parts.append('<text x="%d" y="%d">free %d</text>' % (label_width + free_w + 4, y + bar - 1, p["free_kb"]))
        parts.append('<rect x="%d" y="%d" width="%d" height="%d" fill="#999"><title>min %d kB</title></rect>'
                     % (label_width, y + bar + 1, min_w, bar, p["min_kb"]))
        parts.append('<text x="%d" y="%d">min %d</text>' % (label_width + min_w + 4, y + 2 * bar, p["min_kb"]))
    return svg(width, height, "zone free memory versus min mark", parts)


def timeline_chart(timeline, width=600, height=220):
    """One bar per interval (or boot, or log file): reports in red, suppressed callbacks stacked in pink."""
    rows = timeline["rows"]
    left, right, top, bottom = 50, 10, 10, 50
    plot_w, plot_h = width - left - right, height - top - bottom
    tallest = max([r["reports"] + r["suppressed"] for r in rows] + [1])
    slot = plot_w / max(len(rows), 1)
    bar = max(2.0, min(slot * 0.8, 60.0))
    parts = ['<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>' % (left, top + plot_h, left + plot_w, top + plot_h),
             '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#666"/>' % (left, top, left, top + plot_h),
             '<text x="%d" y="%d" text-anchor="end">%d</text>' % (left - 6, top + 12, tallest),
             '<text x="%d" y="%d" text-anchor="end">0</text>' % (left - 6, top + plot_h),
             '<text x="%d" y="%d">%s</text>' % (left, height - 26, escape(rows[0]["label"]) if rows else ""),
             '<text x="0" y="%d">red: reports, pink: suppressed callbacks; %s</text>'
             % (height - 6, escape(timeline["axis"]))]
    for i, r in enumerate(rows):
        x = left + i * slot + (slot - bar) / 2
        h_reports = plot_h * r["reports"] / tallest
        h_suppressed = plot_h * r["suppressed"] / tallest
        base = top + plot_h
        parts.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#c33"><title>%s: %d reports</title></rect>'
                     % (x, base - h_reports, bar, h_reports, escape(r["label"]), r["reports"]))
        if r["suppressed"]:
            parts.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#e9a"><title>%s: %d suppressed'
                         '</title></rect>' % (x, base - h_reports - h_suppressed, bar, h_suppressed,
                                              escape(r["label"]), r["suppressed"]))
    return svg(width, height, "failure reports over time", parts)


CHARTS = {"zones": zone_chart, "timeline": timeline_chart,
          # issue 15: sar's receive rate with the failures marked
          "load": lambda data: Markup(load_chart(data, esc))}
