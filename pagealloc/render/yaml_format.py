"""
YAML output: the same data as the JSON output, written with ``safe_dump``
(plain types only, so no Python tags; insights-run's own yaml format is not
used because it cannot serialise rule responses).

Examples:
    >>> print(render({"host": "web1", "verdicts": [{"key": "K", "type": "fail"}]}), end="")
    host: web1
    verdicts:
    - key: K
      type: fail
"""

import json

import yaml

from pagealloc.render import json_format


def render(result, show="all", colour=False, **options):
    # the JSON form is the contract: go through it so both carry the same data
    data = json.loads(json_format.render(result, show=show))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=False, default_flow_style=False, width=100)
