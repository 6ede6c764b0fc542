"""The installed package exposes every component subpackage to insights-core."""

import importlib

from insights.core import dr

from pagealloc import __version__


def test_component_subpackages_are_importable_from_the_installed_package():
    # An editable install with a package_dir mapping hides these from
    # insights-core's discovery; the suite always runs from a real install.
    for name in ("specs", "parsers", "combiners", "rules"):
        module = importlib.import_module("pagealloc." + name)
        assert "-packages" in module.__file__, module.__file__


def test_insights_component_discovery_loads_pagealloc_specs():
    loaded = dr.load_components("pagealloc", continue_on_error=False)
    # pagealloc, pagealloc.specs and its three implementation modules at least
    assert loaded >= 5
    from pagealloc.specs import Specs

    assert dr.get_name(Specs.zoneinfo) == "pagealloc.specs.Specs.zoneinfo"
    assert Specs.zoneinfo in dr.DELEGATES


def test_version_is_a_release_string():
    assert [part.isdigit() for part in __version__.split(".")] == [True, True, True]
