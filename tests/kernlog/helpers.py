"""Shared helpers for the kernel log tests: fixture access."""

import os

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "logs")


POSTED = os.path.join(os.path.dirname(FIXTURES), "posted")


def report_fixtures():
    """``(folder, name, text)`` of every log fixture, then every posted one (``folder``: "logs" or "posted"),
    each folder's files by name."""
    for folder in (FIXTURES, POSTED):
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as handle:
                    yield os.path.basename(folder), name, handle.read()


def fixture_path(name):
    return os.path.join(FIXTURES, name)


def fixture_text(name):
    with open(fixture_path(name), "rb") as handle:
        return handle.read().decode("utf-8", "replace")
