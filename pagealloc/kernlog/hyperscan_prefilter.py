r"""
Optional accelerated prefilter for the survey of large logs: Hyperscan.

``pip install pagealloc[scan]`` installs the ``hyperscan`` bindings (Intel's
SIMD multi-literal matcher).  The survey of a large file
(:mod:`pagealloc.kernlog.split_scan`) then finds the prefilter needles
(:data:`pagealloc.kernlog.scan.PREFILTER`) with one Hyperscan pass per chunk
instead of ``bytes.find``: the same positions (the tests compare both), the
same marker test on each hit's line afterwards.  Measured on this project's
2 GB syslog benchmark: 0.28 s against about 1.0 s for ``bytes.find(b"alloc")``
(docs/benchmarks.md).  Without the package, or with
``PAGEALLOC_MATCHER=stdlib`` in the environment, :func:`finder` is None and
the standard library does the work.

Examples:
    >>> find = finder()
    >>> find is None or find(bytearray(b"no match, then alloc and vmalloc"), 32) == [15, 27]
    True
"""

import os

ENV = "PAGEALLOC_MATCHER"
MAX_HITS = 1 << 16   # per chunk: more prefilter hits than this and bytes.find does the chunk (no list grows big)

_finder = None


def finder():
    """A function ``(buf, end) -> sorted start offsets of the prefilter needles in buf[:end]``
    (None for a chunk with more than ``MAX_HITS``), or None when Hyperscan is not to be used."""
    global _finder
    if os.environ.get(ENV, "").strip().lower() == "stdlib":
        return None
    if _finder is None:
        _finder = _compile() or False
    return _finder or None


def _compile():
    try:
        import hyperscan
    except ImportError:
        return None
    from pagealloc.kernlog.scan import PREFILTER

    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=list(PREFILTER), ids=list(range(len(PREFILTER))), elements=len(PREFILTER),
                     flags=[0] * len(PREFILTER))
    lengths = [len(needle) for needle in PREFILTER]

    def find(buf, end):
        hits = []

        def on_match(needle, _start, stop, _flags, _context):
            hits.append(stop - lengths[needle])
            return len(hits) > MAX_HITS  # True stops the scan

        try:
            with memoryview(buf) as view:
                database.scan(view[:end], match_event_handler=on_match)
        except hyperscan.ScanTerminated:  # on_match stopped it: too many hits
            return None
        hits.sort()
        return hits

    return find


_literal_finders = {}


def literal_finder(needles):
    """Like :func:`finder` for any ``needles`` (bytes literals): a function ``buf -> sorted start
    offsets`` of every match in ``buf`` (overlapping ones too; None for a buffer with more than
    ``MAX_HITS``), or None when Hyperscan is not to be used.  The boot-marker survey
    (:mod:`pagealloc.kernlog.log_survey`) finds its three needles in one pass with it."""
    if os.environ.get(ENV, "").strip().lower() == "stdlib":
        return None
    needles = tuple(needles)
    if needles not in _literal_finders:
        _literal_finders[needles] = _compile_literals(needles) or False
    return _literal_finders[needles] or None


def _compile_literals(needles):
    try:
        import hyperscan
    except ImportError:
        return None
    import re

    expressions = [re.escape(needle.decode("latin-1")).encode("latin-1") for needle in needles]
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    database.compile(expressions=expressions, ids=list(range(len(needles))), elements=len(needles),
                     flags=[0] * len(needles))
    lengths = [len(needle) for needle in needles]

    def find(buf):
        hits = []

        def on_match(needle, _start, stop, _flags, _context):
            hits.append(stop - lengths[needle])
            return len(hits) > MAX_HITS

        try:
            database.scan(buf, match_event_handler=on_match)
        except hyperscan.ScanTerminated:
            return None
        hits.sort()
        return hits
    return find
