"""The installed package exposes every component subpackage to insights-core,
carries what the product needs at run time, and nothing it does not (the
tests, the benchmarks and the docs generator run from the checkout)."""

import importlib
import importlib.metadata
import importlib.util
import os
import subprocess
import sys
import sysconfig

from insights.core import dr

import pagealloc.parsers.zoneinfo
import tests
from pagealloc import __version__

PURELIB = sysconfig.get_paths()["purelib"]
CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(tests.__file__)))


def test_component_subpackages_are_importable_from_the_installed_package():
    # An editable install with a package_dir mapping hides these from
    # insights-core's discovery; the suite always runs from a real install.
    for name in ("specs", "parsers", "combiners", "rules"):
        module = importlib.import_module("pagealloc." + name)
        assert "-packages" in module.__file__, module.__file__


def test_components_are_the_installed_files_not_the_checkout():
    # pytest runs from the checkout; the checkout's pagealloc/ must never shadow the install
    assert pagealloc.parsers.zoneinfo.__file__ == os.path.join(PURELIB, "pagealloc", "parsers", "zoneinfo.py")
    assert tests.__file__ == os.path.join(CHECKOUT, "tests", "__init__.py")
    assert os.path.isfile(os.path.join(CHECKOUT, "parsers", "zoneinfo.py"))


def installed_files():
    return {str(path) for path in importlib.metadata.files("pagealloc")}


def test_tests_bench_and_docs_generator_are_not_installed():
    files = installed_files()
    for folder in ("tests/", "bench/", "tools/", "pagealloc/tests/", "pagealloc/bench/"):
        assert not [f for f in files if f.startswith(folder)], folder
    for module in ("pagealloc.tests", "pagealloc.bench", "pagealloc.render.docs_examples"):
        assert importlib.util.find_spec(module) is None, module


def test_runtime_data_is_installed():
    files = installed_files()
    assert "pagealloc/fleet/messaging.yaml" in files
    assert os.path.isfile(os.path.join(PURELIB, "pagealloc", "fleet", "messaging.yaml"))
    for page in ("share/man/man1/pagealloc.1", "share/bash-completion/completions/pagealloc",
                 "share/zsh/site-functions/_pagealloc"):
        assert os.path.isfile(os.path.join(sys.prefix, page)), page
    # every component module of the checkout is in the install
    for folder in ("specs", "parsers", "combiners", "rules"):
        for name in os.listdir(os.path.join(CHECKOUT, folder)):
            if name.endswith(".py"):
                assert "pagealloc/%s/%s" % (folder, name) in files, (folder, name)


def test_insights_component_discovery_loads_pagealloc_specs():
    loaded = dr.load_components("pagealloc", continue_on_error=False)
    # pagealloc, pagealloc.specs and its three implementation modules at least
    assert loaded >= 5
    from pagealloc.specs import Specs

    assert dr.get_name(Specs.zoneinfo) == "pagealloc.specs.Specs.zoneinfo"
    assert Specs.zoneinfo in dr.DELEGATES


def test_version_is_a_release_string():
    assert [part.isdigit() for part in __version__.split(".")] == [True, True, True]


def test_pagealloc_imported_from_the_checkout_root_is_the_installed_copy():
    # `python -c` (and insights-run) put the working directory, here the checkout, first on sys.path
    script = "import pagealloc.parsers.zoneinfo as z, pagealloc.kernlog as k; print(z.__file__); print(k.__file__)"
    done = subprocess.run([sys.executable, "-c", script], cwd=CHECKOUT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [os.path.join(PURELIB, "pagealloc", "parsers", "zoneinfo.py"),
                                   os.path.join(PURELIB, "pagealloc", "kernlog", "__init__.py")]


def test_importing_pagealloc_from_the_checkout_without_an_install_fails_loudly():
    # -S: no site-packages, so the checkout's pagealloc/ is the only one
    done = subprocess.run([sys.executable, "-S", "-c", "import pagealloc.kernlog"], cwd=CHECKOUT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "pagealloc was imported from the source checkout %s" % CHECKOUT in done.stderr
    assert "no installed pagealloc was found" in done.stderr


def test_an_editable_install_is_refused_with_the_reason():
    # setup.py's develop/editable_wheel commands stop before writing anything
    before = sorted(os.listdir(CHECKOUT))
    done = subprocess.run([sys.executable, os.path.join(CHECKOUT, "setup.py"), "-q", "develop"], cwd=CHECKOUT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "pagealloc cannot be installed in editable mode" in done.stderr
    assert sorted(os.listdir(CHECKOUT)) == before


def test_the_suite_keeps_the_users_state_out_of_reach():
    # conftest points XDG_STATE_HOME at a private temp folder: a worker's default
    # attempt ledger (fleet/attempts.default_ledger_path) lands there, never in ~/.local/state.
    from pagealloc.fleet.attempts import default_ledger_path

    home_state = os.path.join(os.path.expanduser("~"), ".local", "state")
    assert not default_ledger_path().startswith(home_state + os.sep)
    assert os.path.basename(os.environ["XDG_STATE_HOME"]).startswith("pagealloc-tests-state-")
