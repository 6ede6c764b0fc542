"""Reading test fixtures from the installed package (tests/fixtures/<area>/)."""

import os

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")


def fixture_text(area, name):
    with open(os.path.join(FIXTURES, area, name), encoding="utf-8") as f:
        return f.read()
