"""The PyPI rpm shim is kept out of pagealloc's start-up; real bindings are not."""

import doctest
import importlib.machinery
import subprocess
import sys

import pytest

from pagealloc import rpm_shim

# The first lines of rpm-shim 0.5.0's rpm/__init__.py, as installed from PyPI.
SHIM_HEAD = '# Copyright Contributors to the Packit project.\n' \
            '# SPDX-License-Identifier: MIT\n\n"""\nRPM shim module for use in virtualenvs\n"""\n'
# A stand-in for RHEL's python3-rpm bindings: any rpm module that is not the shim.
REAL_HEAD = '"""RPM Python bindings"""\ndef labelCompare(a, b):\n    return 0\n'


def test_doc_examples():
    failed, _ = doctest.testmod(rpm_shim, optionflags=doctest.ELLIPSIS)
    assert failed == 0


def spec_of(tmp_path, text):
    package = tmp_path / "rpm"
    package.mkdir()
    (package / "__init__.py").write_text(text)
    return importlib.machinery.PathFinder.find_spec("rpm", [str(tmp_path)])


@pytest.fixture
def no_rpm_module(monkeypatch):
    monkeypatch.delitem(sys.modules, "rpm", raising=False)


def test_the_shim_is_kept_out_and_import_rpm_then_fails(tmp_path, monkeypatch, no_rpm_module):
    spec = spec_of(tmp_path, SHIM_HEAD)
    assert rpm_shim.keep_rpm_shim_out(find_spec=lambda name: spec) is True
    assert sys.modules["rpm"] is None
    with pytest.raises(ImportError):
        import rpm  # noqa: F401


def test_real_bindings_are_left_alone(tmp_path, no_rpm_module):
    spec = spec_of(tmp_path, REAL_HEAD)
    assert rpm_shim.keep_rpm_shim_out(find_spec=lambda name: spec) is False
    assert "rpm" not in sys.modules


def test_an_rpm_module_already_loaded_is_left_alone(monkeypatch):
    loaded = object()
    monkeypatch.setitem(sys.modules, "rpm", loaded)
    assert rpm_shim.keep_rpm_shim_out(find_spec=lambda name: pytest.fail("must not look")) is False
    assert sys.modules["rpm"] is loaded


def test_an_unreadable_origin_is_not_the_shim(tmp_path):
    assert rpm_shim.is_rpm_shim(str(tmp_path / "missing.py")) is False
    assert rpm_shim.is_rpm_shim(None) is False


def test_the_command_line_runs_without_the_shim_and_insights_still_compares_versions(tmp_path):
    """Through ``pagealloc`` itself: a triage leaves rpm blocked (when the shim is
    what is installed) and insights-core's pure-Python rpmvercmp answers."""
    log = tmp_path / "messages"
    log.write_text("Jun 17 21:19:45 web1 kernel: e100: eth0 NIC Link is Up 100 Mbps Full Duplex\n")
    script = (
        "import sys, importlib.util\n"
        "from pagealloc import rpm_shim\n"
        "spec = importlib.util.find_spec('rpm')\n"
        "shim = spec is not None and rpm_shim.is_rpm_shim(spec.origin)\n"
        "from pagealloc.cli import main\n"
        "main(['triage', '--format', 'json', sys.argv[1]])\n"
        "from insights.util.rpm_vercmp import version_compare\n"
        "print(shim, sys.modules.get('rpm', 'absent') is None, version_compare('1.10', '1.9'),"
        " file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(log)], capture_output=True, text=True)
    shim, blocked, comparison = done.stderr.strip().splitlines()[-1].split()
    assert blocked == shim  # blocked exactly when the shim is installed
    assert comparison == "1"
