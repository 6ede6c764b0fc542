"""The installed package exposes every component subpackage to insights-core."""

import importlib

from insights.core import dr


def test_component_subpackages_are_importable_from_the_installed_package():
    for name in ("specs", "parsers", "combiners", "rules"):
        module = importlib.import_module("pagealloc." + name)
        assert "site-packages" in module.__file__ or "dist-packages" in module.__file__, module.__file__


def test_insights_discovers_pagealloc_specs():
    dr.load_components("pagealloc", continue_on_error=False)
    from pagealloc.specs import Specs

    assert Specs.zoneinfo in dr.COMPONENTS_BY_TYPE.get(type(Specs.zoneinfo), set()) or dr.get_name(Specs.zoneinfo)
    assert dr.get_name(Specs.zoneinfo) == "pagealloc.specs.Specs.zoneinfo"
