"""
docs/architecture.md names every module of the log reader
=========================================================

The kernlog table ("Inside kernlog") is the developer's map of recognition: a
module added without a row there is a room nobody can find.  Read from the
real tree, so a new module fails this test until the map names it.
"""

import os
import re

ROOT = os.path.join(os.path.dirname(__file__), "..")
KERNLOG = os.path.join(ROOT, "pagealloc", "kernlog")


def _kernlog_section():
    with open(os.path.join(ROOT, "docs", "architecture.md"), encoding="utf-8") as doc:
        text = doc.read()
    start = text.index("## Inside kernlog")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_every_kernlog_module_has_its_row():
    named = set(re.findall(r"`([a-z0-9_]+)\.py`", _kernlog_section()))
    modules = {name[:-3] for name in os.listdir(KERNLOG) if name.endswith(".py") and name != "__init__.py"}
    assert sorted(modules - named) == []


def test_the_map_names_no_module_that_is_gone():
    named = set(re.findall(r"`([a-z0-9_]+)\.py`", _kernlog_section()))
    assert sorted(name for name in named if not os.path.exists(os.path.join(KERNLOG, name + ".py"))) == []
