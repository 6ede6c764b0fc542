"""
Verdict view - a result's verdicts read once, as typed records
==============================================================

The human formats read the ``verdicts`` of a result dictionary (one per
insights-core response of a pagealloc rule, :func:`pagealloc.result.verdicts`;
a result read back from JSON or written by hand may lack keys).
:func:`verdict_view` reads one here into a :class:`VerdictView`; everything
else in ``render`` reads attributes.  ``details`` stays the rule's own data
(each rule documents its keys; :mod:`pagealloc.render.findings` words them per
key); the parts every verdict may carry (the remediation, the sources of the
published guidance it compares with) are read here.

Examples:
    >>> verdict = verdict_view({"rule": "pagealloc.rules.x.report", "key": "X", "type": "fail",
    ...     "details": {"remediation": {"value": 4096},
    ...                 "guidance": {"published": [{"url": "https://example.org/kb"}, {"source": "no url"}]}},
    ...     "links": {"kernel_docs": ["https://docs.kernel.org/"]}})
    >>> verdict.key, verdict.type, verdict.problem, verdict.remediation
    ('X', 'fail', True, {'value': 4096})
    >>> verdict.guidance_urls, verdict.links
    (('https://example.org/kb',), {'kernel_docs': ['https://docs.kernel.org/']})
    >>> empty = verdict_view({"key": "Y", "type": "info"})
    >>> empty.details, empty.remediation, empty.guidance_urls, empty.content
    ({}, None, (), None)
"""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class VerdictView:
    """One rule's response: ``type`` is "fail", "info" or "pass" (pagealloc.result.VERDICT_TYPES)."""

    rule: Any
    key: Any
    type: Any
    details: dict  # the rule's own data, read per key by pagealloc.render.findings
    content: Any  # the rule's CONTENT rendered (text), for a key findings does not word
    links: dict  # category -> [URL], as insights-run shows them
    remediation: Any  # details["remediation"] (shape-checked by pagealloc.render.remediation), or None
    guidance_urls: tuple  # the sources of the published guidance the finding compares its value with

    @property
    def problem(self):
        return self.type == "fail"


def guidance_urls(details):
    published = (details.get("guidance") or {}).get("published") or []
    return tuple(g.get("url") for g in published if g.get("url"))


def verdict_view(verdict):
    """The :class:`VerdictView` of one verdict of a result."""
    details = verdict.get("details") or {}
    return VerdictView(rule=verdict.get("rule"), key=verdict.get("key"), type=verdict.get("type"),
                       details=details, content=verdict.get("content"), links=dict(verdict.get("links") or {}),
                       remediation=details.get("remediation") or None, guidance_urls=guidance_urls(details))


def verdict_views(verdicts):
    """The result's ``verdicts`` as a tuple of :class:`VerdictView`, in their order."""
    return tuple(verdict_view(v) for v in verdicts or () if isinstance(v, dict))
