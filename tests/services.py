"""
What a test does when a service it needs (sos, chromium, rabbitmq-server) is
missing: skip with the reason on a developer's machine, fail in CI, where
``.ci/run`` sets ``PAGEALLOC_REQUIRE_SERVICES=1`` and installs them all.
"""

import os
import time

import pytest


def services_required(environ=os.environ):
    return environ.get("PAGEALLOC_REQUIRE_SERVICES") == "1"


def service_missing(message, environ=os.environ):
    """Fail (CI) or skip (elsewhere) because of ``message``; never returns."""
    if services_required(environ):
        pytest.fail("%s and PAGEALLOC_REQUIRE_SERVICES=1" % message)
    pytest.skip(message)


def wait_until_ready(server, name, connect, refused, timeout_s):
    """Poll ``connect()`` until it succeeds; ``refused`` is the error it raises while the
    server starts.  A server that exits, or is not ready within ``timeout_s``, is an error
    naming its work dir (``server``: ``process``, ``workdir``, ``stop()``)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError("%s exited with %s; see %s" % (name, server.process.returncode, server.workdir))
        try:
            connect()
            return
        except refused:
            time.sleep(0.2)
    server.stop()
    raise RuntimeError("%s not ready after %d s; see %s" % (name, timeout_s, server.workdir))
