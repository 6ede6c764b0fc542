"""
Unread inputs - the paths of a directory input that its copy skipped
====================================================================

A directory input is copied before anything reads it (:mod:`pagealloc.archive.snapshot`), and what
cannot or must not be read (a folder without read permission, a FIFO, a link out of the folder) is
skipped and named in the notes.  A conclusion drawn from a file's *absence* ("no sysctl file sets the
key, so the value is lost at reboot") must know that the file may be absent only because it could
not be read.  :func:`pagealloc.evaluate.run_pagealloc` seeds this datasource with the skipped paths,
absolute in the analysed tree (``["/etc/sysctl.d"]``); it is absent otherwise (``insights-run``, and
archives, which refuse what they cannot unpack instead of skipping it).
"""

from insights.core.exceptions import SkipComponent
from insights.core.plugins import datasource


@datasource()
def unread_inputs(broker):
    """Seeded by pagealloc's own opening of a directory input; absent everywhere else."""
    raise SkipComponent("no path of the input was skipped")
