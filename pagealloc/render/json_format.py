"""
JSON output: the whole result as one document (keys: host, source,
verdicts, memory_picture, events, errors, pagealloc_version, input).

Examples:
    >>> print(render({"host": None, "verdicts": []}))
    {
      "host": null,
      "verdicts": []
    }
"""

import json


def render(result, show="all", colour=False, **options):
    if show == "problems":
        result = dict(result, verdicts=[v for v in result.get("verdicts", []) if v["type"] == "fail"])
    # ensure_ascii: log text with any bytes stays one valid ASCII document
    return json.dumps(result, indent=2, ensure_ascii=True, allow_nan=False)
