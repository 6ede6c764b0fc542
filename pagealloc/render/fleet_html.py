"""
Fleet report as one HTML page with inline SVG charts
====================================================

The page of :mod:`pagealloc.render.html_page` (self-contained, no script,
one style with the triage report): totals, two bar charts (failure reports
per host; current vs recommended ``vm.min_free_kbytes`` of the hosts to fix),
the hosts to fix with their fix (:func:`pagealloc.render.remediation.fleet_steps`),
the count tables and the archives that could not be analysed; with a history
store, the changes since earlier runs (:mod:`pagealloc.fleet.history`).  The
template autoescapes every value; the charts' text, built here, goes through
:func:`escape` (made inert, then HTML-escaped); numbers are formatted from ints.

Examples:
    >>> svg = bar_chart("t", [("<b>", 3)], unit="reports")
    >>> "&lt;b&gt;" in svg and "<b>" not in svg
    True
"""

import html
import math
import re

from markupsafe import Markup
from markupsafe import escape as markup_escape

from pagealloc.render.fleet_text import COUNTED_ONCE, TITLE
from pagealloc.render.html_page import register, render_page, table_cell
from pagealloc.render.inert import inert
from pagealloc.render.remediation import fleet_steps

CHART_MAX_BARS = 40  # the busiest hosts; the tables list them all
BAR_HEIGHT = 16
LABEL_WIDTH = 220
PLOT_WIDTH = 420
COLOURS = ("#c0392b", "#2e86c1")  # first and second series



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
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 %d %d">'
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
    return Markup("\n".join(parts))


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




# Words stay whole in table cells (the base lets text break anywhere: at 390 px the history's
# columns shrank to a letter, "a|p|p|1"); the ``cell`` filter lets a path break after its separators
# and keeps a number with its unit.  A table of many columns (the history) is shown on a phone as
# one block per row, each value after its column's name.
FLEET_STYLE = Markup("""code{background:#f4f4f4}h3{font-size:1em;margin:1em 0 .2em;overflow-wrap:anywhere}
td,th{overflow-wrap:break-word}
@media (max-width:30em){table.rows,table.rows tbody,table.rows tr,table.rows td{display:block}
table.rows tr.head{display:none}table.rows tr{margin:0 0 .5em;border:1px solid #ccc}table.rows td{border:0}
table.rows td.num{text-align:left}table.rows td::before{content:attr(data-label) ": ";font-weight:bold}}""")

TEMPLATE = """{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}
{%- block style %}{{ fleet_style }}{% endblock %}
{%- macro td(cell) %}{% if cell.num %}<td class="num">{{ cell.text }}</td>{% else %}<td>{{ cell.html }}</td>{% endif %}{% endmacro %}
{%- macro table(headers, rows) %}
<table><tr>{% for h in headers %}<th>{{ h|cell }}</th>{% endfor %}</tr>
{%- for row in rows %}
<tr>{% for cell in row %}{{ td(cell) }}{% endfor %}</tr>
{%- endfor %}
</table>
{%- endmacro %}
{%- macro labelled(rows) %}
<table>
{%- for label, cell in rows %}
<tr><th>{{ label|cell }}</th><td>{{ cell.html }}</td></tr>
{%- endfor %}
</table>
{%- endmacro %}
{%- block body %}<h1>{{ title }}</h1>
{{- labelled(totals) }}
<p>{{ counted_once|capitalize }}.</p>
<h2>Charts</h2>
{%- for chart in charts %}
<figure>{{ chart }}</figure>
{%- endfor %}
<h2>Hosts to fix</h2>
{%- for host in hosts_to_fix %}
<section class="host"><h3>{{ host.name }}</h3>
{{- labelled(host.rows) }}
{%- if host.fix.steps %}
<ul>{% for label, command in host.fix.steps %}<li>{% if label %}{{ label }}: {% endif %}<code>{{ command }}</code></li>{% endfor %}</ul>
{%- elif host.fix.withheld %}
<p>{{ host.fix.withheld }}</p>
{%- endif %}
</section>
{%- else %}
<p>None.</p>
{%- endfor %}
{%- for part in tables %}
<h2>{{ part.title }}</h2>
{%- if part.rows %}{{ table(part.headers, part.rows) }}{% else %}
<p>None.</p>{% endif %}
{%- endfor %}
{%- endblock %}"""
register("fleet.html", TEMPLATE)

# A host to fix: its figures, one labelled row each (reads on a phone as on a desktop).
HOST_FIGURES = (("archives", "archives"), ("latest archive", "source"), ("rules", "failing_keys"),
                ("failures", "failures"), ("drivers", "drivers"), ("current kB", "current"),
                ("default kB", "default"), ("recommended kB", "recommended"), ("confidence", "confidence"),
                ("silent receive failures since boot", "silent_rx_failures"))
TOTALS = (("hosts", "hosts"), ("hosts to fix", "hosts_to_fix"), ("archives", "archives"), ("analysed", "analysed"),
          ("could not analyse", "errors"))


# A rule key (MIN_FREE_KBYTES_LOW_ATOMIC_RX, 29 characters) is wider than a phone's value column:
# it may break after an underscore (<wbr> copies as nothing), never inside a part.
RULE_KEY = re.compile(r"(?<![\w.-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+){2,})(?![\w.-])")


def cell_html(text):
    """A text cell as HTML: rule keys breakable after their underscores, the rest through the
    page's ``cell`` filter (a number keeps its unit, a long path breaks after its separators).

    >>> str(cell_html("MIN_FREE_KBYTES_LOW_ATOMIC_RX, 23552 kB"))
    'MIN_<wbr>FREE_<wbr>KBYTES_<wbr>LOW_<wbr>ATOMIC_<wbr>RX, <span class="nw">23552 kB</span>'
    """
    pieces = RULE_KEY.split(text)
    return Markup("").join(Markup("<wbr>").join(re.split(r"(?<=_)", piece)) if odd
                           else table_cell(piece) for odd, piece in ((i % 2, p) for i, p in enumerate(pieces)))


def text_cell(value):
    text = inert("" if value is None else str(value))
    return {"text": text, "html": cell_html(text), "num": False}


def number_cell(value):
    text = _number(value)
    return {"text": text, "html": markup_escape(text), "num": True}


def cells(row):
    """Table cells: ints right-aligned as numbers, any other value made inert (the template escapes it)."""
    return [number_cell(cell) if isinstance(cell, int) and not isinstance(cell, bool) else text_cell(cell)
            for cell in row]


def _host(row):
    """A host to fix: its name, its figures (unknown numbers as ?), and its fix (each step made inert)."""
    fix = fleet_steps(row.get("remediation"))
    fix["steps"] = [(label, inert(command)) for label, command in fix["steps"]]
    figures = dict(row, archives=row.get("archives", 1), failing_keys=", ".join(row["failing_keys"]),
                   drivers=", ".join(row["drivers"]), confidence=row.get("confidence") or "?")
    rows = [(label, number_cell(figures.get(key)) if key in NUMBERS else text_cell(figures.get(key)))
            for label, key in HOST_FIGURES]
    return {"name": inert(row["host"] or "unknown"), "rows": rows, "fix": fix}


NUMBERS = {"archives", "failures", "current", "default", "recommended", "silent_rx_failures"}


def _count_tables(summary):
    verdicts = [(key, kind, count) for key, counts in summary["by_verdict"].items() for kind, count in counts.items()]
    return [
        {"title": "Verdicts", "headers": ("key", "type", "hosts"), "rows": verdicts},
        {"title": "Kernels", "headers": ("kernel", "hosts"), "rows": list(summary["by_kernel"].items())},
        {"title": "Failing drivers", "headers": ("driver", "hosts"), "rows": list(summary["by_driver"].items())},
        {"title": "Recommended min_free_kbytes", "headers": ("kB", "hosts"),
         "rows": list(summary["by_recommendation_kb"].items())},
    ] + ([{"title": "Could not analyse", "headers": ("archive", "reason"),  # none: no section (totals say 0)
           "rows": [(e["source"], e["error"]) for e in summary["errors"]]}] if summary["errors"] else [])


def render_html(summary):
    totals = summary["totals"]
    return render_page(
        "fleet.html", title=TITLE, counted_once=COUNTED_ONCE, fleet_style=FLEET_STYLE,
        totals=[(label, number_cell(totals[key])) for label, key in TOTALS],
        charts=[_failures_chart(summary), _reserve_chart(summary)],
        hosts_to_fix=[_host(row) for row in summary["hosts_to_fix"]],
        tables=[dict(t, rows=[cells(r) for r in t["rows"]]) for t in _count_tables(summary)])


# The history store's part of the fleet page (``fleet report --db``): a fragment the fleet page
# ends with, or a page of its own on the base when there is no results file to report on.
HISTORY = """<h2>History</h2>
{%- if not runs %}
<p>No run recorded yet.</p>
{%- else %}
<p>{{ runs }} runs recorded; latest: run {{ latest.id }} at {{ latest.started_at }}.</p>
{%- for title, rows in sections %}
<h3>{{ title }}</h3>
<table class="rows"><tr class="head">{% for key, label, num in history_columns %}<th{% if num %} class="num"{% endif %}>\
{{ label|cell }}</th>{% endfor %}</tr>
{%- for row in rows %}
<tr>{% for key, label, num in history_columns %}<td data-label="{{ label }}"{% if num %} class="num"{% endif %}>\
{{ row[key]|cell }}</td>{% endfor %}</tr>
{%- endfor %}
</table>
{%- endfor %}
{%- endif %}"""
HISTORY_PAGE = """{% extends "base.html" %}{% block title %}pagealloc fleet history{% endblock %}
{%- block style %}{{ fleet_style }}{% endblock %}
{%- block body %}{% include "fleet-history" %}{% endblock %}"""
#: (row key, column name, right-aligned) of the history's tables
HISTORY_COLUMNS = (("status", "status", False), ("host", "host", False), ("failures", "failures", True),
                   ("current_kb", "current kB", True), ("recommended_kb", "recommended kB", True),
                   ("failing_since", "failing since", False), ("silent_rx", "silent receive failures", False))
register("fleet-history", HISTORY)
register("fleet-history.html", HISTORY_PAGE)


def history_html(sections, runs, latest, page=False):
    """The history as HTML: ``sections`` is [(title, [row dict])], each row's values already words
    (status label, host, numbers as text); a fragment for the end of the fleet page, or a whole page."""
    return render_page("fleet-history.html" if page else "fleet-history", runs=runs, latest=latest,
                       sections=sections, history_columns=HISTORY_COLUMNS, fleet_style=FLEET_STYLE)
