"""
A header whose mode the paste cut short.

A paste that truncates its lines at a fixed width (a terminal copy, a
ticket field, ``cut -c1-80``) can end a header inside its mask:
``mode:0x4`` is what is left of ``mode:0x480020(GFP_ATOMIC)``.  Read as
printed it is another mask, and a verdict on it would be wrong.  The text
carries evidence of such a cut when the header's text ends right after the
mask's digits (no ``(`` names, no ``,`` and nothing after them) and

- the report's own task line names a kernel that prints the names
  (``%pGg`` from 4.6, mm/page_alloc.c ``warn_alloc()``: ``mode:%#x(%pGg)``):
  they were lost with the end of the line, and the digits before them may
  have been too (a ``--kernel`` hint or an earlier report's release does not
  count here: a line quoted without its names from another boot or a title
  would be thrown away on a guess); or
- the value is no mask its era's failure warning prints (bits the era does
  not have, or ``__GFP_IO``/``__GFP_FS`` without a reclaim bit:
  :data:`pagealloc.knowledge.gfp` WARNING_MASKS), the era being the report's
  release, the hint's or the log's.

Then the mask cannot be trusted: the event keeps its order, task and trace,
its mask is unknown and ``unusable`` says why, so no rule decides atomic or
not from it.  A line as long as the paste's longest lines is no evidence on
its own: a wrap at blanks and the fixed widths of log formats give many lines
of one length (tried on the metamorphic suite: it flagged whole masks).
Without a release and with a valid value nothing shows the cut: the mask is
read as printed (docs/log-formats.md).

Examples:
    >>> reason(", mode:0x4", "0x4", "4.18.0-305.el8.x86_64", "4.18.0-305.el8.x86_64")
    'mode 0x4 ends the header without the GFP names 4.18.0-305.el8.x86_64 prints: the paste cut it, the mask is unknown'
    >>> reason(", mode:0x480020(GFP_ATOMIC)", "0x480020", "4.18.0-305.el8.x86_64", "4.18.0-305.el8.x86_64") is None
    True
    >>> reason(", mode:0xa20", "0xa20", None, "5.14.0-362.el9.x86_64") is None   # a hint: names not required
    True
    >>> reason(", mode:0x20", "0x20", None, "3.10.0-1160.el7.x86_64") is None   # 3.10 prints no names
    True
    >>> reason(", mode:0x4d", "0x4d", None, "3.10.0-1160.el7.x86_64")  # __GFP_IO without __GFP_WAIT: of 0x4d0
    'mode 0x4d ends the header and is no mask a 3.10.0-1160.el7.x86_64 failure warning prints: the paste cut it, the mask is unknown'
"""

import re

from pagealloc.knowledge.gfp import era_for_release
from pagealloc.knowledge.kernel_release import KernelRelease

NAMES_SINCE = (4, 6)  # mm/page_alloc.c warn_alloc_failed() prints "mode:%#x(%pGg)" from 4.6 (c5c990e8a1fe)
_MODE_AT_END = re.compile(r"mode:\s?0x[0-9a-fA-F]+\s*$")


def reason(rest, mask, own_release, release):
    """Why the header's mode ``mask`` (hex text; ``rest`` the header's text after its words) may be cut
    short by the paste, else None.  ``own_release``: the release the report's task line printed, or None;
    ``release``: that one, else the ``--kernel`` hint's or the log's, or None."""
    if mask is None or not release or not rest or not _MODE_AT_END.search(rest):
        return None
    version = KernelRelease.parse(own_release).version if own_release else None
    if version is not None and version[:2] >= NAMES_SINCE:
        return "mode %s ends the header without the GFP names %s prints: the paste cut it, the mask is unknown" % (
            mask, own_release)
    era = era_for_release(release)
    value = int(mask, 16)
    if era is not None and (era.names_for(value)[1] or not era.warns_with(value)):
        return "mode %s ends the header and is no mask a %s failure warning prints: the paste cut it, the mask " \
               "is unknown" % (mask, release)
    return None
