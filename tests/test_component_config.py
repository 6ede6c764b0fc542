"""The checks of ``pagealloc triage --config`` files (pagealloc.component_config), without running anything."""

import doctest

import pytest

import pagealloc.component_config
from pagealloc.component_config import read_config_text


def test_doc_examples():
    failed, _ = doctest.testmod(pagealloc.component_config, optionflags=doctest.ELLIPSIS)
    assert failed == 0


def test_a_file_insights_run_takes_is_read_as_is():
    text = ("default_component_enabled: true\npackages: [pagealloc]\nconfigs:\n"
            "  - name: pagealloc.rules\n    enabled: true\n    timeout: 30\n    tags: [network]\n"
            "    metadata:\n      recommendation_policy:\n        default_multiplier: 3\n")
    assert read_config_text(text) == {
        "default_component_enabled": True, "packages": ["pagealloc"],
        "configs": [{"name": "pagealloc.rules", "enabled": True, "timeout": 30, "tags": ["network"],
                     "metadata": {"recommendation_policy": {"default_multiplier": 3}}}]}


@pytest.mark.parametrize("text, message", [
    ("", "must be a mapping with a 'configs' list, got NoneType"),
    ("- pagealloc.rules\n", "must be a mapping with a 'configs' list, got list"),
    ("configs: pagealloc.rules\n", "configs must be a list, got 'pagealloc.rules'"),
    ("configs:\n  - pagealloc.rules\n", "configs[0] must be a mapping with a 'name', got 'pagealloc.rules'"),
    ("configs:\n  - enabled: false\n", "configs[0] has no 'name'"),
    ("configs:\n  - name: pagealloc.rules\n    enabled: 'no'\n", "configs[0].enabled must be true or false, got 'no'"),
    ("configs:\n  - name: pagealloc.rules\n    timeout: true\n", "configs[0].timeout must be a number, got True"),
    ("configs:\n  - name: pagealloc.rules\n    metdata: {}\n", "unknown key 'metdata' in configs[0]"),
    ("default_component_enabled: 1\n", "default_component_enabled must be true or false, got 1"),
    ("packages: [pagealloc, insights_plugins.x]\n", "packages 'insights_plugins.x': triage runs only pagealloc's"),
    ("configs:\n  - name: [unclosed\n", "not valid YAML at line 3: expected ',' or ']'"),
])
def test_invalid_files_are_refused_with_one_line(text, message):
    with pytest.raises(ValueError) as caught:
        read_config_text(text)
    assert message in str(caught.value) and "\n" not in str(caught.value)
