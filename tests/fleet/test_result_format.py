"""The stock insights-core-messaging Engine with pagealloc's format gives pagealloc's result."""

import doctest
import json

import pytest
from insights.core import dr
from insights_messaging.engine import Engine

from pagealloc.evaluate import evaluate_path, pagealloc_graph
from pagealloc.fleet import result_format
from pagealloc.fleet.result_format import PageallocResultFormat
from tests.fleet.archives import fixture


def test_doc_examples():
    failed, _ = doctest.testmod(result_format)
    assert failed == 0


@pytest.mark.parametrize("archive", ["sosreport-e100-rx-failure.tar.xz", "sosreport-healthy.tar.xz"])
def test_stock_engine_with_the_format_matches_evaluate_path(archive):
    path = fixture(archive)
    engine = Engine(PageallocResultFormat, target_components=pagealloc_graph())
    document = json.loads(engine.process(dr.Broker(), path))
    reference = evaluate_path(path)
    for key in ("host", "verdicts", "memory_picture", "events", "pagealloc_version"):
        assert document[key] == reference[key], key
    assert reference["verdicts"], "the example must produce a verdict for this comparison to mean anything"
