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


def one_zone_line_each(text, zone_line):
    """Whether every zone line ``zone_line`` finds is printed once: a text holding another dump's Mem-Info (an
    OOM-killer report beside the failure's, both listing ``Node 0 DMA free:...``) has two lines per zone, and which
    of them is the report's own is not what a test that drops each zone line in turn means to ask."""
    heads = [match.group(0).split(" free:")[0] for match in map(zone_line.search, text.splitlines()) if match]
    return len(heads) == len(set(heads))

