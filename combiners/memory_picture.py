"""
MemoryPicture - one host's memory, reserve and persisted configuration
=====================================================================

Combines the memory inputs of one host into the figures the rules reason
about: zones and watermarks, ``vm.min_free_kbytes`` at runtime, the default
the kernel would have chosen (``pagealloc.knowledge.kernel_default``), the
persisted value and which file wins (``pagealloc.knowledge.sysctl_precedence``,
TuneD included), THP, ``watermark_scale_factor`` and per-NIC rx facts.

Inputs (any one is enough; absent ones are named in ``missing_inputs``,
unreadable ones in ``unusable_inputs``): pagealloc's ZoneInfo, MinFreeKbytes,
WatermarkScaleFactor, SysctlDFile, SysctlConfFile, TunedActiveProfile,
TunedProfile, UnameMachine, ThpState, AllocFailures (the kernel logs' failure
reports); insights-core's MemInfo, Sysctl (``sysctl -a``), Uname,
ThpEnabled, Hostname, ethtool Ring (``-g``) and Statistics (``-S``), IpLinkInfo, BuddyInfo.

Each figure says where it came from: ``min_free_kbytes["source"]`` names the
file read, ``default_basis["basis"]`` is "computed" (from zoneinfo) or
"estimated" (meminfo only, a failure report's zones, or an assumed input),
with ``error_kb``.

The failure reports' Mem-Info (:mod:`pagealloc.knowledge.report_reserve`)
stand in for what was not collected (a plain log, an archive without
/proc/zoneinfo): ``min_free_kbytes["current_estimated_from_report"]`` is the
reserve at failure time (given whenever a report shows it; ``current`` stays
the value read), the default comes from the report's zone sizes when
/proc/zoneinfo is unusable (before a /proc/meminfo estimate, unless the
report's kernel or memory size contradicts the host's), and
``mem_total_estimated_from_report`` sums its zones.  Real runtime data
always wins.

Examples:
    >>> mp = memory_picture
    >>> mp.mem_total_kb, mp.page_size_kb, [z["zone"] for z in mp.zones]
    (254648, 4, ['DMA', 'Normal'])
    >>> mp.min_free_kbytes["current"], mp.min_free_kbytes["default"], mp.min_free_kbytes["ratio"]
    (2038, 2038, 1.0)
    >>> mp.min_free_kbytes["default_basis"]["basis"], mp.min_free_kbytes["persisted"]["value"]
    ('computed', None)
"""

from insights.combiners.hostname import Hostname
from insights.core.plugins import combiner
from insights.parsers.buddyinfo import BuddyInfo
from insights.parsers.ethtool import Ring, Statistics
from insights.parsers.ip import IpLinkInfo
from insights.parsers.meminfo import MemInfo
from insights.parsers.sysctl import Sysctl
from insights.parsers.transparent_hugepage import ThpEnabled
from insights.parsers.uname import Uname

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.knowledge import kernel_default, report_reserve, sysctl_precedence
from pagealloc.knowledge.nic_counters import rx_alloc_failure_counters
from pagealloc.knowledge.tuned_inheritance import tuned_sysctl_value
from pagealloc.parsers.ethtool_channels import EthtoolChannels
from pagealloc.parsers.sysctl_files import SysctlConfFile, SysctlDFile
from pagealloc.parsers.thp_state import ThpState
from pagealloc.parsers.tuned_profiles import TunedActiveProfile, TunedProfile
from pagealloc.parsers.uname_machine import UnameMachine
from pagealloc.parsers.vm_tunables import MinFreeKbytes, WatermarkScaleFactor
from pagealloc.parsers.zoneinfo import ZoneInfo

KEY = sysctl_precedence.MIN_FREE_KBYTES
# Page size is fixed by the architecture for these; others (aarch64, ppc64le)
# are derived from MemTotal / sum(managed pages).
FIXED_PAGE_SIZE_KB = {"x86_64": 4, "i686": 4, "s390x": 4}
PAGE_SIZES_KB = (4, 16, 64)
# A report's zone sizes describe this boot's memory when their sum is within this share of
# MemTotal (before 3.8 the present pages exceed MemTotal by boot reserves: about 2%).
MEM_TOTAL_AGREEMENT = 0.10


@combiner([ZoneInfo, MinFreeKbytes, MemInfo, Sysctl, SysctlDFile, SysctlConfFile, AllocFailures],
          optional=[WatermarkScaleFactor, Uname, UnameMachine, ThpEnabled, Hostname, TunedActiveProfile,
                    TunedProfile, Ring, Statistics, IpLinkInfo, BuddyInfo, ThpState, EthtoolChannels])
class MemoryPicture(object):
    """
    Attributes: see design.md "Memory picture"; None means unknown.  Also
    ``unusable_inputs`` (list of ``{"input", "reason"}``), ``notes`` and
    ``provenance`` (figure -> "read FILE" / "computed" / "estimated" / "derived ...").
    """

    def __init__(self, zoneinfo, min_free, meminfo, sysctl, sysctl_d, sysctl_conf, failures,
                 wsf=None, uname=None, uname_machine=None, thp=None, hostname=None, tuned_active=None, tuned_profiles=None,
                 rings=None, stats=None, ip_link=None, buddy=None, thp_state=None, channels=None):
        self.missing_inputs, self.unusable_inputs, self.notes = [], [], []
        self._host(uname, uname_machine, hostname)
        self.mem_total_kb, self.low_total_kb = self._meminfo(meminfo)
        self.zones = self._zones(zoneinfo)
        self.page_size_kb = self._page_size(zoneinfo)
        self._fill_zone_kb()
        self._add_buddy(buddy)
        self.numa_nodes = len(zoneinfo.nodes) if zoneinfo is not None and zoneinfo.zones else None
        # Online CPUs from /proc/zoneinfo pagesets: the watermark replay's drift bound.
        self.online_cpus = getattr(zoneinfo, "online_cpus", None) if zoneinfo is not None else None
        report = report_reserve.best_report(failures.events) if failures is not None else None
        if report is None and failures is not None and any(e.zones for e in failures.events):
            self.notes.append("no failure report printed a complete Mem-Info (cut, or a populated zone's "
                              "line missing): the reserve is not estimated from the logs")
        # pagealloc's ThpState also reads RHEL 6's redhat_transparent_hugepage path.
        self.thp_enabled = thp_state.mode if thp_state is not None else \
            thp.active_option if thp is not None else None
        # False: the kernel predates THP (2.6.38; RHEL 6 backported it), so "unknown" means "absent".
        # Without uname, a failure report's kernel release tells whether THP existed.
        release = self.kernel_release or next((e.kernel for e in failures.events if e.kernel), None) \
            if failures is not None else self.kernel_release
        self.thp_supported = kernel_default.kernel_has_thp(release) if release else None
        if self.thp_enabled is None and kernel_default.kernel_has_thp(release):
            self.missing_inputs.append("transparent_hugepage/enabled")
        self.watermark_scale_factor = self._tunable(wsf, sysctl, "vm.watermark_scale_factor",
                                                    "watermark_scale_factor", required=False)
        current, source = self._current_min_free(min_free, sysctl)
        self.report_reserve = report_reserve.reserve_from_report(report, self.arch, self.thp_enabled) \
            if report is not None else None
        default, basis = self._default(zoneinfo)
        from_report = self.report_reserve or {}
        self.min_free_kbytes = {
            "current": current,
            "source": source,
            "default": default,
            "default_basis": basis,
            "ratio": kernel_default.ratio_to_default(current, default),
            "current_estimated_from_report": dict(from_report["current"], report=from_report["report"])
            if from_report.get("current") else None,
            "persisted": self._persisted(sysctl_d, sysctl_conf, tuned_active, tuned_profiles, current),
        }
        self.mem_total_estimated_from_report = from_report.get("mem_total_kb")
        self.nics = self._nics(rings, stats, ip_link, channels)
        self.provenance = self._provenance(wsf)

    # --- identity ---------------------------------------------------------
    def _host(self, uname, uname_machine, hostname):
        self.hostname = (hostname.hostname or hostname.fqdn) if hostname is not None else None
        self.fqdn = hostname.fqdn if hostname is not None else None
        self.kernel_release = uname.kernel if uname is not None else None
        self.arch = arch_of(uname, uname_machine)
        if uname is None:
            self.missing_inputs.append("uname")

    def _meminfo(self, meminfo):
        if meminfo is None:
            self.missing_inputs.append("meminfo")
            return None, None
        total = getattr(meminfo, "total", None)
        if not isinstance(total, int) or total <= 0:
            self.unusable_inputs.append({"input": "meminfo", "reason": "no usable MemTotal"})
            return None, None
        low = meminfo.data.get("LowTotal") if hasattr(meminfo, "data") else None
        return total // 1024, (low // 1024 if isinstance(low, int) and low > 0 else None)

    # --- zones ------------------------------------------------------------
    def _zones(self, zoneinfo):
        if zoneinfo is None:
            self.missing_inputs.append("zoneinfo")
            return []
        for error in zoneinfo.errors:
            self.unusable_inputs.append({"input": "zoneinfo", "line": error["line"], "reason": error["reason"]})
        return [{"node": z.node, "zone": z.name, "present_pages": z.present_pages,
                 "managed_pages": z.managed_pages, "free_pages": z.free_pages, "min_pages": z.min_pages,
                 "low_pages": z.low_pages, "high_pages": z.high_pages, "protection": z.protection}
                for z in zoneinfo.zones]

    def _page_size(self, zoneinfo):
        fixed = FIXED_PAGE_SIZE_KB.get(self.arch)
        if fixed:
            return fixed
        pages = sum((z["managed_pages"] if z["managed_pages"] is not None else z["present_pages"] or 0)
                    for z in self.zones)
        if pages and self.mem_total_kb:
            # MemTotal is totalram_pages * page size; pick the nearest real page size.
            ratio = self.mem_total_kb / pages
            size = min(PAGE_SIZES_KB, key=lambda s: abs(s - ratio))
            if abs(size - ratio) / size < 0.1:
                self.notes.append("page size %d kB derived from MemTotal / managed pages" % size)
                return size
        return None

    def _fill_zone_kb(self):
        size = self.page_size_kb
        for z in self.zones:
            for name in ("free", "min", "low", "high"):
                pages = z.get(name + "_pages")
                z[name + "_kb"] = pages * size if pages is not None and size else None

    def _add_buddy(self, buddy):
        """Free blocks per order (/proc/buddyinfo) on each zone: fragmentation for order > 0 failures."""
        counts = {(row["node"], row["zone"]): row["counter"] for row in buddy or []}
        for z in self.zones:
            z["buddy_free_blocks"] = counts.get((str(z["node"]), z["zone"]))

    def _usable_zones(self):
        """Zones for the default: every populated zone up to Normal must be complete."""
        lowmem = [z for z in self.zones if z["zone"] in kernel_default.ZONES_UP_TO_NORMAL
                  and (z["present_pages"] or z["managed_pages"])]
        if not lowmem or any(z[k] is None for z in lowmem for k in ("min_pages", "low_pages", "high_pages")):
            return None
        return self.zones

    # --- min_free_kbytes ------------------------------------------------------
    def _tunable(self, parsed, sysctl, sysctl_key, name, required=True):
        if parsed is not None:
            if parsed.value is not None:
                return parsed.value
            self.unusable_inputs.append({"input": name, "reason": parsed.problem})
        value = sysctl_value(sysctl, sysctl_key)
        if value is None and parsed is None and required:
            self.missing_inputs.append(name)
        return value

    def _current_min_free(self, min_free, sysctl):
        from_proc = min_free.value if min_free is not None else None
        if min_free is not None and from_proc is None:
            self.unusable_inputs.append({"input": "min_free_kbytes", "reason": min_free.problem})
        from_sysctl = sysctl_value(sysctl, KEY)
        if from_proc is not None and from_sysctl is not None and from_proc != from_sysctl:
            self.notes.append("/proc/sys/vm/min_free_kbytes (%d) and sysctl -a (%d) differ: collected at "
                              "different times" % (from_proc, from_sysctl))
        if from_proc is not None:
            return from_proc, "/proc/sys/vm/min_free_kbytes"
        if from_sysctl is not None:
            return from_sysctl, "sysctl -a"
        self.missing_inputs.append("min_free_kbytes")
        return None, None

    def _default(self, zoneinfo):
        zones = self._usable_zones()
        if zones is not None and self.page_size_kb:
            for_formula = [{"node": z["node"], "zone": z["zone"], "present_pages": z["present_pages"],
                            "managed_pages": z["managed_pages"], "high_kb": z["high_kb"]} for z in zones]
            basis = kernel_default.compute_default(for_formula, self.kernel_release, self.arch,
                                                   self.page_size_kb, self.thp_enabled,
                                                   self.watermark_scale_factor)
            return basis["value"], basis
        from_report = self._report_default()
        if from_report is not None:
            return from_report["value"], from_report
        if self.mem_total_kb:
            basis = kernel_default.estimate_default_from_meminfo(
                self.mem_total_kb, self.low_total_kb, self.kernel_release, self.arch, self.page_size_kb,
                self.thp_enabled, self.numa_nodes)
            return basis["value"], basis
        return None, {"basis": None, "reason": "neither a usable /proc/zoneinfo nor /proc/meminfo"}

    def _report_default(self):
        """The default from a failure report's zone sizes, unless the host's uname or MemTotal
        says the report comes from another kernel or memory size (an older boot)."""
        reserve = self.report_reserve or {}
        basis = reserve.get("default")
        if basis is None:
            return None
        report_kernel = reserve["report"]["kernel"]
        if self.kernel_release and report_kernel and report_kernel != self.kernel_release:
            self.notes.append("failure report's kernel %s is not the running %s: its zones do not give "
                              "this boot's default" % (report_kernel, self.kernel_release))
            return None
        total = (reserve.get("mem_total_kb") or {}).get("value")
        if self.mem_total_kb and total and abs(total - self.mem_total_kb) > self.mem_total_kb * MEM_TOTAL_AGREEMENT:
            self.notes.append("failure report's zones sum to %d kB, MemTotal is %d kB: another memory size, "
                              "its zones do not give this boot's default" % (total, self.mem_total_kb))
            return None
        return basis

    def _persisted(self, sysctl_d, sysctl_conf, tuned_active, tuned_profiles, current):
        if not sysctl_d and sysctl_conf is None:
            self.missing_inputs.append("sysctl files")
        tuned = None
        if tuned_active is not None:
            profiles = [{"name": p.name, "location": p.location, "includes": p.includes, "sysctl": p.sysctl}
                        for p in tuned_profiles or []]
            found = tuned_sysctl_value(tuned_active.profiles, profiles, KEY) or {}
            tuned = {"profile": " ".join(tuned_active.profiles), "value": None, "file": None,
                     "unread_profiles": found.get("unread_after", [])}
            if found.get("raw_value") is not None:
                value, reason = sysctl_precedence.int_value(found["raw_value"])
                if reason:
                    self.unusable_inputs.append({"input": found["file"], "line": found["line"],
                                                 "reason": "%s = %r: %s" % (KEY, found["raw_value"], reason)})
                tuned = dict(found, value=value, unread_profiles=found["unread_after"])
            if found.get("missing"):
                self.notes.append("TuneD profile(s) %s not in the input" % ", ".join(found["missing"]))
            # Only the unread profiles TuneD applies after the value found could change it.
            self.missing_inputs.extend("tuned profile " + name for name in tuned["unread_profiles"])
        persisted = sysctl_precedence.resolve([f.to_dict() for f in sysctl_d or []], KEY,
                                              sysctl_conf.to_dict() if sysctl_conf is not None else None,
                                              tuned, current)
        if persisted["tuned"] is not None and tuned_active is not None:
            persisted["tuned"]["active_profiles"] = tuned_active.profiles
        persisted["proposed_file"] = sysctl_precedence.proposed_file_name(persisted)
        return persisted

    # --- NICs -------------------------------------------------------------
    def _nics(self, rings, stats, ip_link, channels=None):
        nics = {}

        def nic(name):
            return nics.setdefault(name, {"name": name, "mtu": None, "rx_ring": None, "rx_ring_max": None,
                                          "rx_alloc_fail_counters": {}})
        for link in ip_link or []:
            name = link.data.get("name")
            if name and name != "lo":
                nic(name)["mtu"] = link.data.get("mtu")
        for ring in rings or []:
            if ring.ifname and "current" in ring.data:
                entry = nic(ring.ifname)
                entry["rx_ring"], entry["rx_ring_max"] = ring.data["current"].rx, ring.data["max"].rx
        for chan in channels or []:  # ethtool -l: rx queues (RX + Combined channels)
            if chan.ifname and chan.rx_queues is not None:
                nic(chan.ifname)["rx_queues"] = chan.rx_queues
        for stat in stats or []:
            if stat.ifname:
                nic(stat.ifname)["rx_alloc_fail_counters"] = rx_alloc_failure_counters(stat.data)
        return [nics[name] for name in sorted(nics)]

    def _provenance(self, wsf):
        """How each figure was obtained: "read FILE", "computed", "estimated", "derived ..."."""
        def read(value, source):
            return None if value is None else "read " + source
        fixed = FIXED_PAGE_SIZE_KB.get(self.arch)
        return {
            "mem_total_kb": read(self.mem_total_kb, "/proc/meminfo"),
            "zones": read(self.zones or None, "/proc/zoneinfo"),
            "page_size_kb": None if self.page_size_kb is None else
            "fixed by architecture" if fixed else "derived from MemTotal / managed pages",
            "thp_enabled": read(self.thp_enabled, "/sys/kernel/mm/transparent_hugepage/enabled"),
            "watermark_scale_factor": read(self.watermark_scale_factor,
                                           "/proc/sys/vm/watermark_scale_factor" if wsf is not None and
                                           wsf.value is not None else "sysctl -a"),
            "min_free_kbytes.current": read(self.min_free_kbytes["current"], self.min_free_kbytes["source"] or ""),
            "min_free_kbytes.default": self.min_free_kbytes["default_basis"].get("basis"),
            "min_free_kbytes.current_estimated_from_report":
                None if self.min_free_kbytes["current_estimated_from_report"] is None else
                "estimated from " + report_reserve.SOURCE,
            "min_free_kbytes.persisted": "computed from sysctl.d, /etc/sysctl.conf and TuneD files",
        }

    def to_dict(self):
        return {
            "hostname": self.hostname, "fqdn": self.fqdn, "kernel_release": self.kernel_release,
            "arch": self.arch, "page_size_kb": self.page_size_kb, "numa_nodes": self.numa_nodes,
            "mem_total_kb": self.mem_total_kb, "mem_total_estimated_from_report": self.mem_total_estimated_from_report,
            "zones": self.zones, "thp_enabled": self.thp_enabled,
            "thp_supported": self.thp_supported,
            "watermark_scale_factor": self.watermark_scale_factor, "min_free_kbytes": self.min_free_kbytes,
            "nics": self.nics, "missing_inputs": self.missing_inputs,
            "unusable_inputs": self.unusable_inputs, "notes": self.notes, "provenance": self.provenance,
        }


def sysctl_value(sysctl, key):
    """An integer from ``sysctl -a`` output, or None."""
    if sysctl is None:
        return None
    value, reason = sysctl_precedence.int_value(sysctl.get(key))
    return value if reason is None else None


def arch_of(uname, uname_machine=None):
    """Machine architecture: insights-core's uname field, else the machine word, else the release suffix."""
    if uname is not None and getattr(uname, "arch", None):
        return kernel_default.ARCH_ALIASES.get(uname.arch, uname.arch)
    if uname_machine is not None:
        return kernel_default.ARCH_ALIASES.get(uname_machine.machine, uname_machine.machine)
    if uname is None:
        return None
    # uname -a on Debian prints one machine field ("... i686 GNU/Linux"); the release names it too.
    return kernel_default.arch_from_release(uname.kernel)
