"""
VM tunables - files under ``/proc/sys/vm``
==========================================

One integer per file, as ``proc_dointvec`` prints it.  Parsers:

* :class:`MinFreeKbytes` - ``/proc/sys/vm/min_free_kbytes``
  (``pagealloc.specs.Specs.min_free_kbytes``)
* :class:`WatermarkScaleFactor` - ``/proc/sys/vm/watermark_scale_factor``
  (``pagealloc.specs.Specs.watermark_scale_factor``; kernel 4.6+)

sos copies /proc/sys whole in its ``system`` plugin, so both are in a
sosreport as ``proc/sys/vm/<name>``.  A file whose content is not one
non-negative integer does not raise: ``value`` is None and ``problem`` says
why, so that the memory picture can name the unusable input.

Sample input::

    2038

Examples:
    >>> type(min_free_kbytes)
    <class 'pagealloc.parsers.vm_tunables.MinFreeKbytes'>
    >>> min_free_kbytes.value, min_free_kbytes.problem
    (2038, None)
    >>> watermark_scale_factor.value
    10
"""

from insights.core import Parser
from insights.core.plugins import parser

from pagealloc.specs import Specs

# proc_dointvec values are C ints.
INT_MAX = 2 ** 31 - 1


class VmTunable(Parser):
    """
    Attributes:
        value (int or None): the integer, or None when the file is unusable.
        problem (str or None): why ``value`` is None.
    """

    def parse_content(self, content):
        lines = [line.strip() for line in content if line.strip()]
        self.value, self.problem = None, None
        if len(lines) != 1:
            self.problem = "expected one line with an integer, found %d lines" % len(lines)
        elif not (lines[0].isascii() and lines[0].isdigit()):  # "²".isdigit() is True, int("²") fails
            self.problem = "not a non-negative integer: %r" % lines[0][:40]
        elif int(lines[0]) > INT_MAX:
            self.problem = "beyond a C int: %s" % lines[0][:40]
        else:
            self.value = int(lines[0])


@parser(Specs.min_free_kbytes)
class MinFreeKbytes(VmTunable):
    """``/proc/sys/vm/min_free_kbytes``: the runtime reserve in kB."""


@parser(Specs.watermark_scale_factor)
class WatermarkScaleFactor(VmTunable):
    """``/proc/sys/vm/watermark_scale_factor``: watermark gap in 1/10000 of a zone (default 10)."""
