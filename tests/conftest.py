"""
Shared fixtures.

``real_sosreport_dir`` / ``real_sosreport_tarball``: a sosreport of this very
machine made by Debian's ``sos`` (see ``pagealloc.tests.real_sos``), once per
session.  Without sos (or root) the tests using them skip with the reason;
with ``PAGEALLOC_REQUIRE_SERVICES=1`` they fail instead.
"""

import os

import pytest

from pagealloc.tests.real_sos import SosUnavailable, make_sosreport
from pagealloc.tests.services import service_missing


def _real_sosreport(tmp_path_factory, build):
    try:
        return make_sosreport(tmp_path_factory.mktemp("sos"), build=build)
    except SosUnavailable as e:
        service_missing(str(e))


@pytest.fixture(scope="session")
def real_sosreport_dir(tmp_path_factory):
    return _real_sosreport(tmp_path_factory, build=True)


@pytest.fixture(scope="session")
def real_sosreport_tarball(tmp_path_factory):
    return _real_sosreport(tmp_path_factory, build=False)


@pytest.fixture(scope="session")
def examples_dir(request):
    """The repository's bundled examples (tests run with --rootdir at the checkout)."""
    path = os.path.join(str(request.config.rootpath), "examples")
    if not os.path.isdir(path):
        pytest.fail("bundled examples not found at %s (run pytest with --rootdir=<checkout>)" % path)
    return path
