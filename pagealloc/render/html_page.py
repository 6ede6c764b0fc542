"""
HTML page - the one base every pagealloc HTML page extends
==========================================================

Both HTML outputs (``pagealloc triage --format html``, :mod:`pagealloc.render.html_report`,
and ``pagealloc fleet report --format html``, :mod:`pagealloc.render.fleet_html`) are
jinja2 templates that extend :data:`BASE`: one self-contained page (no
script, no external resource), a Content-Security-Policy that forbids scripts
altogether, a viewport for phones, and one style sheet.  The environment
autoescapes every value, so text from an archive or a results file is
HTML-escaped wherever a template prints it; only :class:`markupsafe.Markup`
built here (the inline SVG charts) goes out as it is.

A template prints a table cell through the ``cell`` filter (:func:`table_cell`) to keep
each number with its unit on a phone.

The templates live in this package as strings (a :class:`jinja2.DictLoader`),
so they install with the code and need no package data.

Examples:
    >>> page = render_page("demo", title="<b>", body="<script>alert(1)</script>")
    >>> "<script>" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "<title>&lt;b&gt;</title>" in page
    (False, True, True)
    >>> '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    True
"""

import re

import jinja2
from markupsafe import Markup, escape

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# One style for every page: reads on a phone (375 px) as on a desktop; tables and code blocks
# scroll inside themselves, charts scale to the width (viewBox).
STYLE = """
body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;color:#222;line-height:1.4}
h1{font-size:1.4em;overflow-wrap:anywhere}h1.problem{color:#b00}h1.ok{color:#070}h1.info{color:#a60}
h2{font-size:1.15em;margin-top:1.5em;border-bottom:1px solid #ddd}
p,li,td,th{overflow-wrap:anywhere}.nw{white-space:nowrap}
table{border-collapse:collapse;margin:.5em 0;display:block;max-width:100%;overflow-x:auto}
td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}td.num,th.num{text-align:right}td.num{white-space:nowrap}
pre{background:#f4f4f4;padding:.5em;overflow-x:auto;white-space:pre}
figure{margin:.5em 0}svg{display:block;width:100%;max-width:40em;height:auto}
svg text{font-family:sans-serif;font-size:14px}figcaption{font-size:.9em;color:#555}
@media (max-width:30em){body{padding:0 .5em}table{font-size:.9em}td,th{padding:.2em .3em}}
"""

BASE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<title>{% block title %}{% endblock %}</title><style>{{ style }}{% block style %}{% endblock %}</style></head>
<body>
{% block body %}{% endblock %}
</body></html>
"""

# A minimal page, for the doctest above and for a page with one paragraph.
DEMO = """{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}
{%- block body %}<p>{{ body }}</p>{% endblock %}"""

TEMPLATES = {"base.html": BASE, "demo": DEMO}


# The ``cell`` filter: a number keeps its unit and a range its two ends on one line ("20380 kB",
# "128-65536 kB"), and a long path or dotted name may break after a separator.  With
# td,th{overflow-wrap:break-word} in the page's style block (the triage page has it), a phone's table
# columns then shrink to whole words, never to "Nor|mal" or "1589|2".
UNIT = r"(?:kB|KiB|MiB|GiB|B|s|pages?)"
# A sentence's full stop may follow ("... 8192 kB."); a dot that goes on into a word (a file name) may not.
KEEP = r"(?<![\w.-])(%s\d[\d.,]*-\d[\d.,]*(?: %s)?|\d[\d.,]* %s)(?![\w-]|\.\w)"
KEEP_TOGETHER = re.compile(KEEP % ("", UNIT, UNIT))
# In a sentence a kernel release ("2.6.32-5-686") and "order-0" stay whole too: a browser breaks after a
# hyphen, and "2.6.32-5-" / "686" read as two things (s25, the 390 px screenshot).  A table cell's long
# release may still break after its dots (a phone's narrow column).
RELEASE = r"\d+\.\d+[\w.+~]*-[\w.+~-]*[\w+~]|order-\d+|"
KEEP_IN_PROSE = re.compile(KEEP % (RELEASE, UNIT, UNIT))
SOFT_BREAK = re.compile(r"(?<=[/_.=])(?=[^\s/_.=])")
LONG_WORD = 16


def soft_breaks(text, paths_only=False):
    """Escaped text with <wbr> (a break that copies as nothing) after / _ . = in a path or a dotted name
    of 16 characters or more (a word without / or ., a rule key, stays whole; with ``paths_only``, a
    dotted name too: prose has the width to keep "vm.min_free_kbytes" whole)."""
    return Markup("").join(Markup("<wbr>").join(escape(part) for part in SOFT_BREAK.split(word))
                           if len(word) >= LONG_WORD and ("/" in word or ("." in word and not paths_only))
                           else escape(word)
                           for word in re.split(r"(\s+)", text))


def table_cell(text, paths_only=False, keep=KEEP_TOGETHER):
    """A table cell as HTML: numbers with their unit kept together (class nw), long words breakable."""
    pieces = keep.split(str(text))
    return Markup("").join(Markup('<span class="nw">%s</span>') % piece if odd else soft_breaks(piece, paths_only)
                           for odd, piece in ((i % 2, p) for i, p in enumerate(pieces)))


def prose(text):
    """A heading, paragraph or list item as HTML: as a cell, but only paths may break after a separator."""
    return table_cell(text, paths_only=True, keep=KEEP_IN_PROSE)


def register(name, source):
    """Add a page template (it extends ``base.html``); the pages register theirs when imported."""
    TEMPLATES[name] = source


_ENVIRONMENT = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True,
                                  undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
_ENVIRONMENT.filters["cell"] = table_cell
_ENVIRONMENT.filters["prose"] = prose


def render_page(name, **context):
    """The page ``name`` rendered with ``context``, autoescaped, with the shared head and style."""
    return _ENVIRONMENT.get_template(name).render(csp=CSP, style=Markup(STYLE), **context)
