"""
References - the documents the rules cite
=========================================

One table of links, so that each rule's ``links`` and docs/rules.md name the
same sources.  insights-core shows a rule's ``links`` (category -> URLs) next
to its result.
"""

KERNEL_DOCS_MIN_FREE_KBYTES = "https://docs.kernel.org/admin-guide/sysctl/vm.html#min-free-kbytes"
KERNEL_DOCS_COMPACTION = "https://docs.kernel.org/admin-guide/sysctl/vm.html#compact-memory"
# GFP_ATOMIC / GFP_NOWAIT / high-order requests: what each may do (Documentation/core-api/memory-allocation.rst).
KERNEL_DOCS_MEMORY_ALLOCATION = "https://docs.kernel.org/core-api/memory-allocation.html"
# mm/page_alloc.c: gfp_to_alloc_flags(), __zone_watermark_ok(), warn_alloc() (what each report means).
KERNEL_SOURCE_PAGE_ALLOC = "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/tree/mm/page_alloc.c"
# mm/page_alloc: increase default min_free_kbytes bound (Red Hat, 2020, v5.7):
# "NIC driver page allocation failures ... resolved by raising min_free_kbytes".
KERNEL_COMMIT_RAISE_BOUND = (
    "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/"
    "?id=8beeae86b8e19a4714531f8764b68bd828ffba2a"
)
AWS_ENA_BEST_PRACTICES = (
    "https://github.com/amzn/amzn-drivers/blob/master/kernel/linux/ena/ENA_Linux_Best_Practices.rst"
)
RHEL_MEMORY_TUNING = (
    "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/"
    "monitoring_and_managing_system_status_and_performance/"
    "configuring-an-operating-system-to-optimize-memory-access_monitoring-and-managing-system-status-and-performance"
)
# RHEL 7 Performance Tuning Guide 7.5.1: min_free_kbytes too low -> hangs and
# OOM kills; "5-10% of system memory" too high -> immediate out-of-memory.
RHEL7_MEMORY_CAPACITY = (
    "https://docs.redhat.com/en/documentation/Red_Hat_Enterprise_Linux/7/html/performance_tuning_guide/"
    "sect-red_hat_enterprise_linux-performance_tuning_guide-configuration_tools-configuring_system_memory_capacity"
)
SYSCTL_D_MAN = "https://man7.org/linux/man-pages/man5/sysctl.d.5.html"
SYSCTL_MAN = "https://man7.org/linux/man-pages/man8/sysctl.8.html"
TUNED_SYSCTL_PLUGIN = "https://github.com/redhat-performance/tuned/blob/master/tuned/plugins/plugin_sysctl.py"
INTEL_E1000_README = "https://docs.kernel.org/networking/device_drivers/ethernet/intel/e1000.html"
KERNEL_DOCS_PAGE_POOL = "https://docs.kernel.org/networking/page_pool.html"
# kernel.dmesg_restrict: unprivileged users need CAP_SYSLOG to read the ring buffer.
KERNEL_DOCS_DMESG_RESTRICT = "https://docs.kernel.org/admin-guide/sysctl/kernel.html#dmesg-restrict"
JOURNALCTL_MAN = "https://man7.org/linux/man-pages/man1/journalctl.1.html"
SAR_MAN = "https://man7.org/linux/man-pages/man1/sar.1.html"
SADF_MAN = "https://man7.org/linux/man-pages/man1/sadf.1.html"


def links(*urls_by_category):
    """``links(("kernel_docs", [..]), ("vendor", [..]))`` -> the insights-core links dict."""
    return {category: list(urls) for category, urls in urls_by_category}


RESERVE_LINKS = links(
    ("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES, KERNEL_COMMIT_RAISE_BOUND]),
    ("vendor", [AWS_ENA_BEST_PRACTICES, RHEL7_MEMORY_CAPACITY, RHEL_MEMORY_TUNING]),
    ("persistence", [SYSCTL_D_MAN, SYSCTL_MAN]),
)

KERNEL_LOG_LINKS = links(("kernel_docs", [KERNEL_DOCS_DMESG_RESTRICT]), ("journal", [JOURNALCTL_MAN]))
