"""
MinFreeReserve - vm.min_free_kbytes now, and the default the kernel would choose
================================================================================

The reserve as it runs (``/proc/sys/vm/min_free_kbytes``, else ``sysctl -a``),
the default the kernel would have chosen for this host
(:mod:`pagealloc.knowledge.kernel_default`: computed from
:class:`pagealloc.combiners.memory_zones.MemoryZones`' zones, else estimated
from a failure report's zone sizes, else from MemTotal), their ratio
(computed once, unrounded: each output rounds it), and
``vm.watermark_scale_factor``.

The failure reports' Mem-Info (:mod:`pagealloc.knowledge.report_reserve`)
stand in for what was not collected: ``estimate_from_report`` is the
reserve at failure time (whenever a report shows it; ``current`` stays the
value read), ``mem_total_from_report`` sums its zones, and the default comes
from the report's zone sizes when /proc/zoneinfo is unusable (before the
MemTotal estimate, unless the report's kernel or memory size contradicts
the host's).  Real runtime data always wins.

Every figure is a :class:`pagealloc.knowledge.fact.Fact`: ``current`` is
*read* (``input`` names the file), ``default`` *computed* or *estimated*
with the kernel_default basis (``range``, ``error_kb``, every term) as its
``basis``.

Sample input (``proc/sys/vm/min_free_kbytes``)::

    2038

Examples:
    >>> reserve = min_free_reserve
    >>> reserve.current.value, reserve.current.input
    (2038, '/proc/sys/vm/min_free_kbytes')
    >>> reserve.default.value, reserve.default.source, reserve.ratio
    (2038, 'computed', 1.0)
"""

from insights.core.plugins import combiner
from insights.parsers.sysctl import Sysctl

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.memory_zones import MemoryZones
from pagealloc.knowledge import kernel_default, report_reserve, sysctl_precedence
from pagealloc.knowledge.fact import ESTIMATED, UNKNOWN, Fact
from pagealloc.knowledge.reserve_state import ratio
from pagealloc.parsers.vm_tunables import MinFreeKbytes, WatermarkScaleFactor

PROC_MIN_FREE = "/proc/sys/vm/min_free_kbytes"
PROC_WSF = "/proc/sys/vm/watermark_scale_factor"
SYSCTL_A = "sysctl -a"
# A report's zone sizes describe this boot's memory when their sum is within this share of
# MemTotal (before 3.8 the present pages exceed MemTotal by boot reserves: about 2%).
MEM_TOTAL_AGREEMENT = 0.10
NO_DEFAULT = {"basis": None, "reason": "neither a usable /proc/zoneinfo nor /proc/meminfo"}


@combiner([MinFreeKbytes, Sysctl, MemoryZones], optional=[AllocFailures, WatermarkScaleFactor])
class MinFreeReserve(object):
    """
    Attributes:
        memory (MemoryZones): the memory facts used (an empty one when none were collected).
        current (Fact): the runtime value, read.
        default (Fact): the kernel's default, computed or estimated; ``basis`` says how.
        ratio (float or None): current / default, unrounded.
        estimate_from_report (Fact or None): the reserve at failure time from a failure report;
            its ``basis`` is the estimate (value, range, error_kb, method, source, report).
        mem_total_from_report (Fact or None): MemTotal as the sum of the report's zones.
        watermark_scale_factor (Fact): read.
        missing_inputs, unusable_inputs, notes (list): what this concern could not read.
    """

    def __init__(self, min_free=None, sysctl=None, memory=None, failures=None, wsf=None):
        self.memory = memory if memory is not None else MemoryZones()
        self.missing_inputs, self.unusable_inputs, self.notes = [], [], []
        report = report_reserve.best_report(failures.events) if failures is not None else None
        if report is None and failures is not None and any(e.zones for e in failures.events):
            self.notes.append("no failure report printed a complete Mem-Info (cut, or a populated zone's "
                              "line missing): the reserve is not estimated from the logs")
        self.watermark_scale_factor = self._watermark_scale_factor(wsf, sysctl)
        self.current = self._current(min_free, sysctl)
        identity = self.memory.identity
        self.report_reserve = report_reserve.reserve_from_report(
            report, identity.arch, self.memory.thp_enabled.value) if report is not None else None
        from_report = self.report_reserve or {}
        self.estimate_from_report = Fact(from_report["current"]["value"], ESTIMATED, report_reserve.SOURCE,
                                         dict(from_report["current"], report=from_report["report"])) \
            if from_report.get("current") else None
        total = from_report.get("mem_total_kb")
        self.mem_total_from_report = Fact(total["value"], ESTIMATED, report_reserve.SOURCE, total) \
            if total else None
        self.default = self._default()
        self.ratio = ratio(self.current.value, self.default.value)

    def _watermark_scale_factor(self, wsf, sysctl):
        if wsf is not None:
            if wsf.value is not None:
                return Fact.read(wsf.value, PROC_WSF)
            self.unusable_inputs.append({"input": "watermark_scale_factor", "reason": wsf.problem})
        return Fact.read(sysctl_value(sysctl, "vm.watermark_scale_factor"), SYSCTL_A)

    def _current(self, min_free, sysctl):
        from_proc = min_free.value if min_free is not None else None
        if min_free is not None and from_proc is None:
            self.unusable_inputs.append({"input": "min_free_kbytes", "reason": min_free.problem})
        from_sysctl = sysctl_value(sysctl, sysctl_precedence.MIN_FREE_KBYTES)
        if from_proc is not None and from_sysctl is not None and from_proc != from_sysctl:
            self.notes.append("/proc/sys/vm/min_free_kbytes (%d) and sysctl -a (%d) differ: collected at "
                              "different times" % (from_proc, from_sysctl))
        if from_proc is not None:
            return Fact.read(from_proc, PROC_MIN_FREE)
        if from_sysctl is not None:
            return Fact.read(from_sysctl, SYSCTL_A)
        self.missing_inputs.append("min_free_kbytes")
        return UNKNOWN

    def _default(self):
        memory, identity = self.memory, self.memory.identity
        zones = memory.usable_zones()
        if zones is not None and memory.page_size_kb:
            for_formula = [{"node": z.node, "zone": z.zone, "present_pages": z.present_pages,
                            "managed_pages": z.managed_pages, "high_kb": z.high_kb} for z in zones]
            basis = kernel_default.compute_default(for_formula, identity.kernel_release, identity.arch,
                                                   memory.page_size_kb, memory.thp_enabled.value,
                                                   self.watermark_scale_factor.value)
            return default_fact(basis, "/proc/zoneinfo")
        from_report = self._report_default()
        if from_report is not None:
            return default_fact(from_report, report_reserve.SOURCE)
        if memory.mem_total_kb:
            basis = kernel_default.estimate_default_from_meminfo(
                memory.mem_total_kb, memory.low_total_kb, identity.kernel_release, identity.arch,
                memory.page_size_kb, memory.thp_enabled.value, memory.numa_nodes)
            return default_fact(basis, "/proc/meminfo")
        return Fact(None, None, None, dict(NO_DEFAULT))

    def _report_default(self):
        """The default from a failure report's zone sizes, unless the host's uname or MemTotal
        says the report comes from another kernel or memory size (an older boot)."""
        reserve = self.report_reserve or {}
        basis = reserve.get("default")
        if basis is None:
            return None
        running, report_kernel = self.memory.identity.kernel_release, reserve["report"]["kernel"]
        if running and report_kernel and report_kernel != running:
            self.notes.append("failure report's kernel %s is not the running %s: its zones do not give "
                              "this boot's default" % (report_kernel, running))
            return None
        total, mem_total = (reserve.get("mem_total_kb") or {}).get("value"), self.memory.mem_total_kb
        if mem_total and total and abs(total - mem_total) > mem_total * MEM_TOTAL_AGREEMENT:
            self.notes.append("failure report's zones sum to %d kB, MemTotal is %d kB: another memory size, "
                              "its zones do not give this boot's default" % (total, mem_total))
            return None
        return basis


def default_fact(basis, input_name):
    """The kernel_default basis dict as a Fact: its value, "computed"/"estimated", the basis itself."""
    return Fact(basis["value"], basis.get("basis"), input_name, basis)


def sysctl_value(sysctl, key):
    """An integer from ``sysctl -a`` output, or None."""
    if sysctl is None:
        return None
    value, reason = sysctl_precedence.int_value(sysctl.get(key))
    return value if reason is None else None
