"""
Result format - pagealloc's result document as an insights-core format
======================================================================

An insights-core ``Formatter`` that writes :func:`pagealloc.result.build_result`
as JSON once the components have run: the document of ``pagealloc triage
--format json`` (without the ``input`` block, which only the safe opener
knows).  With it, insights-core-messaging's stock ``Engine`` produces the same
verdicts, memory picture and events as :class:`pagealloc.fleet.engine.PageallocEngine`;
the shipped ``messaging.yaml`` names it as the service ``format`` and still
uses ``PageallocEngine``, which adds pagealloc's extraction limits, a
deadline and crash isolation.  ``source`` is the extracted root (the engine
does not tell formats the input path); the fleet publisher replaces it with
the queued location.

Examples:
    >>> import io, json
    >>> from insights.core import dr
    >>> stream = io.StringIO()
    >>> with PageallocResultFormat(dr.Broker(), stream=stream):
    ...     pass
    >>> doc = json.loads(stream.getvalue())
    >>> doc["verdicts"], doc["events"], doc["source"]
    ([], [], None)
"""

import json

from insights.core.context import ExecutionContext
from insights.formats import Formatter

from pagealloc.result import build_result


def _context_root(broker):
    for value in broker.instances.values():
        if isinstance(value, ExecutionContext):
            return getattr(value, "root", None)
    return None


class PageallocResultFormat(Formatter):
    def postprocess(self):
        json.dump(build_result(self.broker, _context_root(self.broker)), self.stream, sort_keys=True)
