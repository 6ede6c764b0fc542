"""
pagealloc specs
===============

Where each input pagealloc reads lives.  The registry points are declared
here; ``default.py`` (files on any filesystem root and live-host commands),
``sos_archive.py`` and ``insights_archive.py`` implement them.

The kernel log specs are deliberately *not* filterable: insights-core's own
``dmesg``/``messages`` specs are, and once any loaded plugin adds a filter
only matching lines survive, which destroys the call trace and the Mem-Info
block a failure report needs.  pagealloc registers filters on the core specs
too (see ``pagealloc.parsers.page_alloc_failure``) so that pre-filtered
insights-client archives still keep the header lines.
"""

from insights.core.spec_factory import RegistryPoint, SpecSet


class Specs(SpecSet):
    # Kernel logs, unfiltered (a failure report spans many lines).
    dmesg = RegistryPoint()
    messages = RegistryPoint(multi_output=True)
    kern_log = RegistryPoint(multi_output=True)
    journal_kernel = RegistryPoint()
    vmcore_dmesg = RegistryPoint(multi_output=True)

    # Memory state.
    zoneinfo = RegistryPoint()
    min_free_kbytes = RegistryPoint()
    watermark_scale_factor = RegistryPoint()
    thp_enabled = RegistryPoint()  # also RHEL 6's redhat_transparent_hugepage path
    vmstat = RegistryPoint()  # /proc/vmstat: reclaim counters (direct reclaim, kswapd)
    slabtop = RegistryPoint()  # slabtop -o (sos memory plugin); /proc/slabinfo is insights-core's

    # NIC queues (insights-core has no ethtool -l spec).
    ethtool_l = RegistryPoint(multi_output=True)

    # Persistent configuration.
    sysctl_d_files = RegistryPoint(multi_output=True)
    sysctl_conf = RegistryPoint()
    tuned_active_profile = RegistryPoint()
    tuned_profiles = RegistryPoint(multi_output=True)

    # Host identity for fleet reports (systemd machine-id(5)), and the boot's
    # (counters that count since boot compare only within one boot).
    machine_id = RegistryPoint()
    boot_id = RegistryPoint()

    # Evidence beyond the printed report (receive counters, load over time).
    proc_net_netstat = RegistryPoint()
    nstat = RegistryPoint()
    netstat_s = RegistryPoint()
    ethtool_s = RegistryPoint(multi_output=True)
    sar_xml = RegistryPoint(multi_output=True)
    sar_text = RegistryPoint(multi_output=True)
