"""
Output formats of ``pagealloc triage``: one module per format, each with
``render(result, show="all", colour=False, **options) -> str`` over the result
dictionary of :mod:`pagealloc.result`.  ``json`` and ``yaml`` carry the
whole result; ``text``, ``markdown`` and ``html`` show the view of
:mod:`pagealloc.render.summary`, with everything from the archive escaped
for the target format.
"""

import importlib

FORMAT_MODULES = {
    "text": "pagealloc.render.text",
    "json": "pagealloc.render.json_format",
    "yaml": "pagealloc.render.yaml_format",
    "markdown": "pagealloc.render.markdown",
    "html": "pagealloc.render.html_report",
}
FORMATS = tuple(FORMAT_MODULES)


def render(result, fmt="text", show="all", colour=False, **options):
    """The result rendered in format ``fmt`` (one of :data:`FORMATS`); ``options``: ``width`` (text)
    and ``short`` (headline and remediation only, the human formats)."""
    return importlib.import_module(FORMAT_MODULES[fmt]).render(result, show=show, colour=colour, **options)
