"""Shared helpers for the kernel log tests: fixture access."""

import functools
import hashlib
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


@functools.lru_cache(maxsize=None)  # (read once per process)
def fixture_text(name):
    with open(fixture_path(name), "rb") as handle:
        return handle.read().decode("utf-8", "replace")


def one_zone_line_each(text, zone_line):
    """Whether every zone line ``zone_line`` finds is printed once: a text holding another dump's Mem-Info (an
    OOM-killer report beside the failure's, both listing ``Node 0 DMA free:...``) has two lines per zone, and which
    of them is the report's own is not what a test that drops each zone line in turn means to ask."""
    heads = [match.group(0).split(" free:")[0] for match in map(zone_line.search, text.splitlines()) if match]
    return len(heads) == len(set(heads))


def figures(result):
    """The figures a verdict rests on: kind, comm, order, mask, atomic, context, driver, zones."""
    return [(e.kind, e.comm, e.order, e.gfp_mask, e.atomic, e.context, e.driver,
             [(z.node, z.zone, z.free_kb, z.min_kb, z.low_kb, z.high_kb) for z in e.zones]) for e in result.events]


def facts(result):
    """What a known prefix (and the task line) says about each event: when, where, who."""
    return [(e.kind, e.comm, e.timestamp, e.wallclock, e.host, e.pid, e.cpu) for e in result.events]


class Decoded:
    """What the metamorphic suites compare of one parse: its figures, its facts and its report count."""

    __slots__ = ("figures", "facts", "total_reports")

    def __init__(self, result):
        self.figures, self.facts, self.total_reports = figures(result), facts(result), result.total_reports


_DECODED = {}


def decoded(text):
    """``parse_text(text)`` seen through :class:`Decoded`, parsed once per test process.

    The metamorphic suites decode the same text many times over: a transform that finds nothing to change in a
    fixture (dmesg -H on a syslog file) hands back the original, a pair whose first transform is such a no-op is the
    second transform's text, and the facts suite reads the very texts the figures suites read.  parse_text is a pure
    function of the text, so one parse answers them all; the tests of one fixture share an xdist group (the
    Makefile's --dist loadgroup) so that they meet in one process.  Keyed by a digest: the texts are not kept."""
    key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    found = _DECODED.get(key)
    if found is None:
        from pagealloc.kernlog.parse import parse_text  # (the installed package: see tests/conftest.py)
        found = _DECODED[key] = Decoded(parse_text(text))
    return found


def fixture_group(name):
    """The xdist group of every per-fixture metamorphic test of ``name`` (see :func:`decoded`)."""
    import pytest
    return pytest.mark.xdist_group(os.path.basename(name))
