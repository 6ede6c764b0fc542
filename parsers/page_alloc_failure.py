"""
PageAllocFailure - kernel log files and command output
======================================================

Page allocation failure reports (and vmalloc failures, allocation stalls,
"callbacks suppressed" notices) found in a kernel log, as
:class:`pagealloc.kernlog.event.FailureEvent` objects.  One parser class per
source:

=============================  ============================================
Parser                         Spec
=============================  ============================================
DmesgAllocFailures             ``pagealloc.specs.Specs.dmesg``
MessagesAllocFailures          ``pagealloc.specs.Specs.messages``
KernLogAllocFailures           ``pagealloc.specs.Specs.kern_log``
JournalAllocFailures           ``pagealloc.specs.Specs.journal_kernel``
VmcoreDmesgAllocFailures       ``pagealloc.specs.Specs.vmcore_dmesg``
CoreDmesgAllocFailures         ``insights.specs.Specs.dmesg`` (filterable)
CoreMessagesAllocFailures      ``insights.specs.Specs.messages`` (filterable)
CoreVmcoreDmesgAllocFailures   ``insights.specs.Specs.vmcore_dmesg`` (filterable)
=============================  ============================================

pagealloc's own specs are unfiltered (sosreports).  The ``Core*`` parsers
read insights-core's filterable specs, which insights-client archives carry
pre-filtered: this module registers filters on them for the lines the rules
need (header, task line, trace frames, zone lines), and reports read from
them come out ``truncated`` whenever a part is missing.

When the input has a real file behind it the parser streams the file
(a 2 GB /var/log/messages is never loaded whole); otherwise it parses the
provider's ``content`` lines.  A large log of an archive was already scanned
while the archive was unpacked (:mod:`pagealloc.kernlog.streamed`): its
file is an empty stand-in and the parse is taken from there.

Sample input (dmesg, Linux 2.6.32)::

    [ 7873.855883] swapper: page allocation failure. order:0, mode:0x20
    [ 7873.855895] Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1
    [ 7873.855899] Call Trace:
    [ 7873.855987]  [<c11d4cc4>] ? __netdev_alloc_skb+0x14/0x30
    [ 7873.856023]  [<d0a59a08>] ? e100_rx_alloc_skb+0x1e/0x11d [e100]
    [ 7873.856056]  [<c11da231>] ? net_rx_action+0x96/0x194
    [ 7873.856174] Mem-Info:
    [ 7873.856251] Normal free:716kB min:1908kB low:2384kB high:2860kB active_anon:2984kB
    [ 7873.856284] Normal: 179*4kB 0*8kB 0*16kB 0*32kB = 716kB
    [ 7873.859847] 65520 pages RAM

Examples:
    >>> type(dmesg_failures).__name__
    'DmesgAllocFailures'
    >>> event = dmesg_failures.events[0]
    >>> event.comm, event.order, event.gfp_mask, event.context, event.driver
    ('swapper', 0, '0x20', 'network-rx', 'e100')
    >>> [(z.zone, z.free_kb, z.min_kb) for z in event.zones]
    [('Normal', 716, 1908)]
    >>> dmesg_failures.total_reports, dmesg_failures.truncated
    (1, False)
"""

import os

from insights.core import Parser
from insights.core.filters import add_filter
from insights.core.plugins import parser
from insights.specs import Specs as CoreSpecs

from pagealloc.kernlog import streamed
from pagealloc.kernlog.parse import parse_file, parse_lines
from pagealloc.specs import Specs

# Substrings of the lines a failure report needs; insights-client keeps only
# lines containing one of them in its pre-filtered dmesg/messages.
REPORT_FILTERS = [
    "page allocation failure", "page allocation stalls", "vmalloc", "vmap allocation",
    "callbacks suppressed", " Comm: ", "Pid: ", "Call Trace", "Call trace", "+0x", "<IRQ>",
    "<SOFTIRQ>", "Mem-Info", " free:", "lowmem_reserve", "pages RAM", "SLUB: Unable", "SLAB: Unable",
    "cache: ", ", mode:", "cpuset=", "Backtrace", "-order allocation failed",
    # Mem-Info totals kept as failure-time evidence (pagealloc.kernlog.mem_info)
    "slab_unreclaimable:", "shmem:", "hugepages_total=", "total pagecache pages",
]
for _spec in (CoreSpecs.dmesg, CoreSpecs.messages, CoreSpecs.vmcore_dmesg):
    add_filter(_spec, REPORT_FILTERS)


class AllocFailuresLog(Parser):
    """Base class: failure events of one kernel log source.

    Attributes:
        events (list): :class:`FailureEvent` objects in log order (the first
            and last 1000 when there are more)
        total_reports (int): reports seen, including those not kept
        suppressed (int): "callbacks suppressed" counts of the allocator
        source (str): the file read
        streamed (bool): True when the file was streamed from disk
        result (LogParse): all of the above as parsed
    """

    #: insights-core's filterable specs: the text may be pre-filtered.  These
    #: parse lazily, on first use: the combiner reads them only when
    #: pagealloc's own parser of the same log is absent, so a sosreport's big
    #: /var/log/messages is not scanned twice.
    prefiltered = False

    def _handle_content(self, context):
        self._context = context
        self._result = None
        self.streamed = False
        if not self.prefiltered:
            self._parse()

    def _parse(self):
        context = self._context
        path = getattr(context, "path", None)
        read = streamed.recall(path)
        if read is not None:  # scanned while the archive was unpacked; the file is a stand-in
            self._result = read.parse_as(self.file_path or path)
            self.streamed = True
            return self._result
        if path and os.path.isfile(path):
            try:
                self._result = parse_file(path, source=self.file_path or path)
                self.streamed = True
                return self._result
            except OSError:
                pass  # fall back to what the provider loaded
        self.parse_content(context.content)
        return self._result

    def parse_content(self, content):
        self._result = parse_lines(content or [], source=self.file_path)

    @property
    def result(self):
        return self._result or self._parse()

    @property
    def source(self):
        return self.result.source

    @property
    def events(self):
        return self.result.events

    @property
    def total_reports(self):
        return self.result.total_reports

    @property
    def suppressed(self):
        return self.result.suppressed

    @property
    def truncated(self):
        """True when any event is incomplete (cut short or pre-filtered)."""
        return any(event.truncated for event in self.events)

    def page_allocation_failures(self):
        return [e for e in self.events if e.kind == "page-allocation-failure"]


@parser(Specs.dmesg)
class DmesgAllocFailures(AllocFailuresLog):
    """Failure events from ``dmesg`` output (unfiltered)."""


@parser(Specs.messages)
class MessagesAllocFailures(AllocFailuresLog):
    """Failure events from /var/log/messages and its rotations (unfiltered)."""


@parser(Specs.kern_log)
class KernLogAllocFailures(AllocFailuresLog):
    """Failure events from /var/log/kern.log or /var/log/syslog (Debian family)."""


@parser(Specs.journal_kernel)
class JournalAllocFailures(AllocFailuresLog):
    """Failure events from a ``journalctl -k`` export."""


@parser(Specs.vmcore_dmesg)
class VmcoreDmesgAllocFailures(AllocFailuresLog):
    """Failure events from a kdump ``vmcore-dmesg.txt``."""


@parser(CoreSpecs.dmesg)
class CoreDmesgAllocFailures(AllocFailuresLog):
    """Failure events from insights-core's (filterable) ``dmesg`` spec."""

    prefiltered = True


@parser(CoreSpecs.messages)
class CoreMessagesAllocFailures(AllocFailuresLog):
    """Failure events from insights-core's (filterable) ``messages`` spec."""

    prefiltered = True


@parser(CoreSpecs.vmcore_dmesg)
class CoreVmcoreDmesgAllocFailures(AllocFailuresLog):
    """Failure events from insights-core's (filterable) ``vmcore_dmesg`` spec."""

    prefiltered = True
