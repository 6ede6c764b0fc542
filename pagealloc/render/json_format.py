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

# Never hidden by --show problems: "could not answer" (no kernel log read, reports not decidable) is
# not "nothing wrong", and a script reading the document has no headline to tell them apart.
KEPT_WITH_PROBLEMS = ("INSUFFICIENT_DATA",)


def render(result, show="all", colour=False, **options):
    if show == "problems":
        result = dict(result, verdicts=[v for v in result.get("verdicts", [])
                                        if v["type"] == "fail" or v.get("key") in KEPT_WITH_PROBLEMS])
    # ensure_ascii: log text with any bytes stays one valid ASCII document
    return json.dumps(result, indent=2, ensure_ascii=True, allow_nan=False)
