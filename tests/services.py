"""
What a test does when a service it needs (sos, chromium, rabbitmq-server) is
missing: skip with the reason on a developer's machine, fail in CI, where
``.ci/run`` sets ``PAGEALLOC_REQUIRE_SERVICES=1`` and installs them all.
"""

import os

import pytest


def services_required(environ=os.environ):
    return environ.get("PAGEALLOC_REQUIRE_SERVICES") == "1"


def service_missing(message, environ=os.environ):
    """Fail (CI) or skip (elsewhere) because of ``message``; never returns."""
    if services_required(environ):
        pytest.fail("%s and PAGEALLOC_REQUIRE_SERVICES=1" % message)
    pytest.skip(message)
