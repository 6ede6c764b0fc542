"""
Shared fixtures.

``real_sosreport_dir`` / ``real_sosreport_tarball``: a sosreport of this very
machine made by Debian's ``sos`` (see ``tests.real_sos``), once per
session.  Without sos (or root) the tests using them skip with the reason;
with ``PAGEALLOC_REQUIRE_SERVICES=1`` they fail instead.

The suite runs from the checkout against the installed package (``make
test``: pytest's append import mode puts the checkout after site-packages,
for ``tests``, ``bench`` and ``tools``).  Imported first, this file stops the
run when ``pagealloc`` is not the installed copy (the checkout's pagealloc/
lacks the component folders setup.py maps into it).
"""

import atexit
import os
import re
import shutil
import signal
import sysconfig
import tempfile

import pytest

import pagealloc
from tests.real_sos import SosUnavailable, make_sosreport
from tests.services import service_missing


def installed_package_dir():
    """Where a regular install puts the pagealloc package in this environment."""
    return os.path.join(sysconfig.get_paths()["purelib"], "pagealloc")


if os.path.dirname(os.path.abspath(pagealloc.__file__)) != installed_package_dir():
    raise pytest.UsageError("the tests need the installed pagealloc (%s), not %s: run `make test`, or pytest "
                            "with --import-mode=append from outside the checkout root (see the Makefile)"
                            % (installed_package_dir(), pagealloc.__file__))


def _stop_signals_default_in_children():
    """A suite started as a background job without job control (``make test &`` in a script) ignores
    SIGINT and SIGQUIT, under nohup SIGHUP; children inherit an ignored signal, and the product keeps
    an ignored stop signal ignored by design, so a signal test's child would not stop.  The suite
    catches what it found ignored instead, with a handler that does nothing: it still does not stop
    on them, and exec resets a caught signal to its default in every child (POSIX)."""
    for signum in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
        if signal.getsignal(signum) == signal.SIG_IGN:
            signal.signal(signum, lambda *_: None)


_stop_signals_default_in_children()


# The tests never read or write the user's own state: a fleet worker's attempt ledger defaults
# to $XDG_STATE_HOME/pagealloc (~/.local/state), and a ledger another pagealloc version wrote
# there made worker tests fail on this machine.  Set before any test starts a subprocess.
_STATE_HOME = tempfile.mkdtemp(prefix="pagealloc-tests-state-")
os.environ["XDG_STATE_HOME"] = _STATE_HOME
os.environ.pop("STATE_DIRECTORY", None)
atexit.register(shutil.rmtree, _STATE_HOME, ignore_errors=True)


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


# The metamorphic suites' tests of one fixture decode many of the same texts (tests/kernlog/helpers.decoded parses
# each once per process): under --dist loadgroup (the Makefile's) they run in one worker.  Their xdist_group marks
# say so, but xdist 3.8 writes the group into a node id attribute pytest 9 no longer reads (Node._nodeid; pytest 9
# keeps Node._id), so the scheduler here reads the group from the node id itself: the fixture a test of
# tests/kernlog/test_metamorphic*.py is parametrised with ("...::test_x[dmesg_4.9_debian_interleaved.txt]").
_FIXTURE_TEST = re.compile(r"tests/kernlog/test_metamorphic\w*\.py::\w+\[([^\[\]/]+\.txt)\](?:@.*)?$")


def fixture_scope(nodeid):
    """The work unit of a test under --dist loadgroup: its fixture's for a metamorphic test of one fixture, else its
    xdist group (a "@group" suffix), else the test alone."""
    found = _FIXTURE_TEST.search(nodeid)
    if found:
        return "fixture:" + found.group(1)
    return nodeid.split("@")[-1] if nodeid.rfind("@") > nodeid.rfind("]") else nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class FixtureGroupScheduling(LoadGroupScheduling):
        def _split_scope(self, nodeid):
            return fixture_scope(nodeid)

    return FixtureGroupScheduling(config, log)
