"""
JSON nested deeper than Python's stack (``[[[[...]]]]``, 100000 levels: 200 kB) is a malformed line or
message, not a crash.  Before, one such line in a results file ended ``fleet report``, ``fleet record``
and a resumed ``fleet run`` with a RecursionError traceback, and one such work message killed the
RabbitMQ worker that took it (and the next one, on redelivery).
"""

import json
import subprocess

import pytest

from pagealloc.fleet.collector import Collection, _take
from pagealloc.fleet.consumer import MalformedMessage, decode_message
from tests.fleet.workers import pagealloc_command

DEEP = "[" * 100000 + "]" * 100000
GOOD = {"source": "/srv/web1.tar.xz", "host": "web1", "error": None, "verdicts": [], "figures": {},
        "pagealloc_version": "0.1.0"}


@pytest.mark.parametrize("command", [["report"], ["record", "--db", "DB"]])
def test_a_results_line_nested_past_the_stack_is_skipped(tmp_path, command):
    results = tmp_path / "r.jsonl"
    results.write_text(json.dumps(GOOD) + "\n" + DEEP + "\n" + '{"source": ' + DEEP + "}\n")
    args = [str(tmp_path / "h.sqlite") if a == "DB" else a for a in command]
    completed = subprocess.run(pagealloc_command() + ["fleet", command[0], str(results)] + args[1:],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and "Traceback" not in completed.stderr, completed.stderr
    if command == ["report"]:
        assert "hosts 1," in completed.stdout


def test_a_work_message_nested_past_the_stack_is_malformed():
    with pytest.raises(MalformedMessage):
        decode_message(DEEP.encode())


def test_a_results_message_nested_past_the_stack_is_dropped():
    class Out:
        def write(self, record):
            raise AssertionError("nothing is written")

    stats = Collection({})
    _take(Out(), stats, None, DEEP.encode())
    assert stats.collected == 0 and stats.seen == {}
