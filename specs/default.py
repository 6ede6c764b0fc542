"""
Default spec implementations: files read from any filesystem root (a live
host, a sosreport or an insights-client archive, through insights-core's
``FSRoots``) and commands run on a live host.
"""

from insights.core.context import HostContext
from insights.core.spec_factory import first_file, foreach_execute, glob_file, simple_command, simple_file
from insights.specs.datasources import ethernet

from pagealloc.specs import Specs

# sysctl --system reads these directories (procps-ng sysctl.c, systemd
# sysctl.d(5)); the precedence between them is decided in
# pagealloc.knowledge.sysctl_precedence, not by the order here.
SYSCTL_D_GLOBS = [
    "/etc/sysctl.d/*.conf",
    "/run/sysctl.d/*.conf",
    "/usr/local/lib/sysctl.d/*.conf",
    "/usr/lib/sysctl.d/*.conf",
    "/lib/sysctl.d/*.conf",
]


class DefaultSpecs(Specs):
    dmesg = simple_command("/bin/dmesg", context=HostContext)
    messages = glob_file(["/var/log/messages", "/var/log/messages-*", "/var/log/messages.[0-9]"],
                         ignore=r"\.(gz|xz|bz2|zst)$")
    kern_log = glob_file(["/var/log/kern.log", "/var/log/kern.log.[0-9]", "/var/log/syslog",
                          "/var/log/syslog.[0-9]"])
    journal_kernel = simple_command("/usr/bin/journalctl --no-pager -k -o short-precise", context=HostContext)
    vmcore_dmesg = glob_file("/var/crash/*/vmcore-dmesg.txt")

    zoneinfo = simple_file("/proc/zoneinfo")
    min_free_kbytes = simple_file("/proc/sys/vm/min_free_kbytes")
    watermark_scale_factor = simple_file("/proc/sys/vm/watermark_scale_factor")
    vmstat = simple_file("/proc/vmstat")  # sos memory plugin copies it as proc/vmstat
    thp_enabled = first_file(["/sys/kernel/mm/transparent_hugepage/enabled",
                              "/sys/kernel/mm/redhat_transparent_hugepage/enabled"])

    sysctl_d_files = glob_file(SYSCTL_D_GLOBS)
    sysctl_conf = simple_file("/etc/sysctl.conf")
    tuned_active_profile = first_file(["/etc/tuned/active_profile", "/etc/tuned/profiles/active_profile"])
    tuned_profiles = glob_file(["/etc/tuned/*/tuned.conf", "/etc/tuned/profiles/*/tuned.conf",
                                "/usr/lib/tuned/*/tuned.conf", "/usr/lib/tuned/profiles/*/tuned.conf"])

    # machine-id(5): /etc/machine-id (insights-client archives, filesystem copies);
    # sos copies the D-Bus copy, /var/lib/dbus/machine-id (plugin dbus, sos 3.x and 4.x).
    machine_id = first_file(["/etc/machine-id", "/var/lib/dbus/machine-id"])
    # A UUID made once per boot (drivers/char/random.c, proc_do_uuid); sos plugin kernel copies it.
    boot_id = simple_file("/proc/sys/kernel/random/boot_id")

    proc_net_netstat = simple_file("/proc/net/netstat")
    nstat = simple_command("/usr/sbin/nstat -zas", context=HostContext)
    netstat_s = simple_command("/bin/netstat -s", context=HostContext)
    ethtool_s = foreach_execute(ethernet.interfaces, "/sbin/ethtool -S %s", context=HostContext)
    # sysstat's own daily text reports (sa2): /var/log/sa on Red Hat, /var/log/sysstat on Debian.
    sar_text = glob_file(["/var/log/sa/sar[0-9]*", "/var/log/sysstat/sar[0-9]*"], ignore=r"\.(gz|xz|bz2|zst)$")
