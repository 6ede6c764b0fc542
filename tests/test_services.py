"""The skip in tests/services.py is a developer machine's only: with PAGEALLOC_REQUIRE_SERVICES=1, which
.ci/run exports, a missing service fails the test instead."""

import os

import pytest

from tests.services import service_missing


def test_a_missing_service_fails_under_ci():
    with pytest.raises(pytest.fail.Exception, match="no broker and PAGEALLOC_REQUIRE_SERVICES=1"):
        service_missing("no broker", environ={"PAGEALLOC_REQUIRE_SERVICES": "1"})


def test_a_missing_service_skips_elsewhere():
    with pytest.raises(pytest.skip.Exception, match="no broker"):
        service_missing("no broker", environ={})


def test_ci_exports_the_requirement():
    with open(os.path.join(os.path.dirname(__file__), "..", ".ci", "run"), encoding="utf-8") as run:
        assert "export PAGEALLOC_REQUIRE_SERVICES=1" in run.read()
