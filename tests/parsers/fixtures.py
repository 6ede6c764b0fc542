"""Reading test fixtures from the installed package (tests/fixtures/<area>/)."""

import inspect
import os
import textwrap

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")


def fixture_text(area, name):
    with open(os.path.join(FIXTURES, area, name), encoding="utf-8") as f:
        return f.read()


def docstring_sample(module):
    """
    The indented block after the module docstring's "Sample input...::" line,
    dedented: the doc examples then run on exactly the text the docstring shows.
    """
    lines = inspect.getdoc(module).splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Sample input") and line.endswith("::")]
    if not starts:
        raise ValueError("%s: no 'Sample input...::' block" % module.__name__)
    block = []
    for line in lines[starts[0] + 1:]:
        if line and not line.startswith(" "):
            break
        block.append(line)
    return textwrap.dedent("\n".join(block)).strip("\n") + "\n"
