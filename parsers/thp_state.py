"""
ThpState - file ``/sys/kernel/mm/transparent_hugepage/enabled``
===============================================================

The THP mode the kernel runs with, from ``pagealloc.specs.Specs.thp_enabled``:
the upstream path, or ``/sys/kernel/mm/redhat_transparent_hugepage/enabled``
on RHEL 6 (2.6.32 with THP backported), which insights-core's ``ThpEnabled``
spec does not read.  sos (memory plugin) copies /sys/kernel/mm/transparent_hugepage;
RHEL 6's sos copies the redhat_ directory.  The active mode is the bracketed word.

Sample input::

    [always] madvise never

Examples:
    >>> thp_state.mode
    'always'
"""

from insights.core import Parser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.specs import Specs

MODES = ("always", "madvise", "never")


@parser(Specs.thp_enabled)
class ThpState(Parser):
    """
    Attributes:
        mode (str): "always", "madvise" or "never".

    Raises:
        SkipComponent: no bracketed known mode in the file.
    """

    def parse_content(self, content):
        words = " ".join(content).split()
        active = [w[1:-1] for w in words if w.startswith("[") and w.endswith("]") and w[1:-1] in MODES]
        if len(active) != 1:
            raise SkipComponent("no single bracketed THP mode in %r" % " ".join(words)[:80])
        self.mode = active[0]
