"""Shared helpers for the kernel log tests: fixture access."""

import os

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "logs")


def fixture_path(name):
    return os.path.join(FIXTURES, name)


def fixture_text(name):
    with open(fixture_path(name), "rb") as handle:
        return handle.read().decode("utf-8", "replace")
