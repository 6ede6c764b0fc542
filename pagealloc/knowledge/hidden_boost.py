"""
The watermark boost a zone line includes but does not print (5.0 to 5.15)
=========================================================================

From 5.0 the marks a report prints include the zone's ``watermark_boost``:
``min_wmark_pages(z)`` is ``z->_watermark[WMARK_MIN] + z->watermark_boost``, and
``low``/``high`` likewise (include/linux/mmzone.h; commit 1c30844d2dfe "mm: reclaim
small amounts of memory when an external fragmentation event occurs", 5.0).
``show_free_areas()`` (mm/page_alloc.c) printed the boost itself only from 5.16
(``" boost:%lukB"``, commit a6ea8b5b9f1c, Liangcai Fan, 2021).  In between, a
zone line's ``min`` may be inflated by a boost nobody sees: a fragmentation event
boosts by a pageblock at a time (``boost_watermark()``), up to 150% of ``high``.

The gap between the marks gives it away.  ``__setup_per_zone_wmarks()`` sets
``low = min + gap`` and ``high = min + 2 x gap`` with ``gap = min / 4`` up to 4.5
and ``max(min / 4, managed x watermark_scale_factor / 10000)`` from 4.6 (commit
795ae7a0de6b); 2.6.x kernels used ``low = 2 x min``, ``high = 3 x min``.  In every
era, then, the unboosted ``min`` is at most ``4 x gap + 3`` pages (integer
division), and the boost adds to all three marks alike.  A line printing no
boost whose ``min`` exceeds ``4 x (low - min) + 3`` pages (with ``high - low``
equal to ``low - min``) carries a boost of at least the excess.  The unboosted
``min`` is then taken as ``4 x gap + 3`` pages: exact within 3 pages when the gap
is the ``min / 4`` term (the default ``watermark_scale_factor`` of 10 gives
``managed / 1000``, below it on most zones), an upper bound otherwise.

Real case: an Ingenic 5.8 MIPS board (linux-mips 2020), Normal ``min:5472kB
low:5816kB high:6160kB`` with managed 118804 kB, while its other report of the
same boot prints ``min:1376kB low:1720kB``: gap 344 kB = 86 pages, 4 x 86 + 3 =
347 pages = 1388 kB unboosted, 1368 - 347 = 1021 pages (4084 kB) of boost at
least (a 1024-page pageblock).

Examples:
    >>> from pagealloc.kernlog.event import ZoneWatermarks
    >>> boosted = ZoneWatermarks(None, "Normal", 1812, 5472, 5816, 6160)
    >>> boost_kb(boosted), boost_basis(boosted)
    (4084, 'inferred_from_gap')
    >>> boost_kb(ZoneWatermarks(None, "Normal", 6484, 1376, 1720, 2064))
    0
    >>> boost_kb(ZoneWatermarks(None, "DMA", 56, 11208, 12068, 12928, boost_kb=7756)), \\
    ...     boost_basis(ZoneWatermarks(None, "DMA", 56, 11208, 12068, 12928, boost_kb=7756))
    (7756, 'printed')
"""

ASSUMED_PAGE_KB = 4
# The integer division in "min / 4": the unboosted min is at most 4 x gap + this many pages.
GAP_ROUNDING_PAGES = 3


def _inferred_kb(zone, page_kb):
    """The boost a line without ``boost:`` proves, in kB (0 when it proves none)."""
    if zone.min_kb is None or zone.low_kb is None or zone.high_kb is None:
        return 0
    gap = zone.low_kb - zone.min_kb
    if gap <= 0 or zone.high_kb - zone.low_kb != gap:
        return 0  # not the shape __setup_per_zone_wmarks() gives: nothing to infer
    ceiling = 4 * gap + GAP_ROUNDING_PAGES * page_kb
    return zone.min_kb - ceiling if zone.min_kb > ceiling else 0


def boost_kb(zone, page_kb=ASSUMED_PAGE_KB):
    """The boost the zone's printed marks include, in kB: the printed ``boost:``, else the least boost
    the marks' gap proves (5.0-5.15 print none), else 0."""
    if zone.boost_kb is not None:
        return zone.boost_kb
    return _inferred_kb(zone, page_kb)


def boost_basis(zone, page_kb=ASSUMED_PAGE_KB):
    """``printed``, ``inferred_from_gap`` or None (no boost in the marks)."""
    if zone.boost_kb is not None:
        return "printed"
    return "inferred_from_gap" if _inferred_kb(zone, page_kb) else None
