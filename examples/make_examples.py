#!/usr/bin/env python3
"""
Build the bundled example sosreports
====================================

Writes ``examples/sosreport-e100-rx-failure/``, ``examples/sosreport-healthy/`` and
``examples/sosreport-mlx5-silent-rx/``
(plus their ``.tar.xz``, packed the way sos packs: one top folder named after
the report) from the tables below, so that every figure is derived in one place
and stays consistent across files (zoneinfo watermarks follow from
min_free_kbytes, MemTotal from the managed pages, and so on).

File names follow sos 4.x plugins (sos/report/plugins/kernel.py: ``dmesg``,
``uname -a``, ``sysctl -a``, /proc/zoneinfo, /proc/buddyinfo, /etc/sysctl.conf,
/etc/sysctl.d, /lib/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d;
system.py: /proc/sys; memory.py: /proc/meminfo, /sys/kernel/mm/transparent_hugepage;
host.py: ``hostname``; networking.py: ``ip -s -d link``, ``ethtool -S/-g DEV``;
tuned.py: ``tuned-adm active``, /etc/tuned, /usr/lib/tuned; logs.py: /var/log/messages;
networking.py: /proc/net, ``nstat -zas``).

usage: python3 examples/make_examples.py   (from the repository top)
"""

import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The seed's report lines, verbatim (also the log parser's fixture).
SEED = os.path.join(os.path.dirname(HERE), "tests", "fixtures", "logs", "dmesg_2.6.32_i686_e100_seed.txt")


def write(top, rel, text):
    path = os.path.join(top, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def symlink(top, rel, target):
    path = os.path.join(top, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)


# ---------------------------------------------------------------------------
# Watermarks, as the kernel derives them from min_free_kbytes.
# 2.6.32 mm/page_alloc.c setup_per_zone_wmarks(): min = pages_min * present /
# lowmem_present; low = min + min/4; high = min + min/2.
# 4.18 __setup_per_zone_wmarks(): min by managed share; gap = max(min/4,
# managed * watermark_scale_factor / 10000); low = min + gap; high = min + 2*gap.
# ---------------------------------------------------------------------------
def watermarks(zones, min_free_kbytes, era, scale_factor=10):
    size_key = "present" if era == "2.6.32" else "managed"
    pages_min = min_free_kbytes >> 2  # 4 KiB pages
    lowmem = sum(z[size_key] for z in zones)
    for z in zones:
        wmin = pages_min * z[size_key] // lowmem
        gap = wmin // 4 if era == "2.6.32" else max(wmin // 4, z["managed"] * scale_factor // 10000)
        high_gap = wmin // 2 if era == "2.6.32" else 2 * gap
        z.update(min=wmin, low=wmin + gap, high=wmin + high_gap)
    return zones


# 2.6.32 mm/vmstat.c vmstat_text (zone items, !CONFIG_NUMA).
ZONE_STATS_2632 = ["nr_free_pages", "nr_inactive_anon", "nr_active_anon", "nr_inactive_file",
                   "nr_active_file", "nr_unevictable", "nr_mlock", "nr_anon_pages", "nr_mapped",
                   "nr_file_pages", "nr_dirty", "nr_writeback", "nr_slab_reclaimable",
                   "nr_slab_unreclaimable", "nr_page_table_pages", "nr_kernel_stack", "nr_unstable",
                   "nr_bounce", "nr_vmscan_write", "nr_writeback_temp", "nr_isolated_anon",
                   "nr_isolated_file", "nr_shmem"]
# 4.18 (RHEL 8) zone and node items.
ZONE_STATS_418 = ["nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon",
                  "nr_zone_inactive_file", "nr_zone_active_file", "nr_zone_unevictable",
                  "nr_zone_write_pending", "nr_mlock", "nr_page_table_pages", "nr_kernel_stack",
                  "nr_bounce", "nr_zspages", "nr_free_cma", "numa_hit", "numa_miss", "numa_foreign",
                  "numa_interleave", "numa_local", "numa_other"]
NODE_STATS_418 = ["nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file",
                  "nr_unevictable", "nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon",
                  "nr_isolated_file", "workingset_nodes", "workingset_refault", "workingset_activate",
                  "workingset_restore", "workingset_nodereclaim", "nr_anon_pages", "nr_mapped",
                  "nr_file_pages", "nr_dirty", "nr_writeback", "nr_writeback_temp", "nr_shmem",
                  "nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_anon_transparent_hugepages",
                  "nr_unstable", "nr_vmscan_write", "nr_vmscan_immediate_reclaim", "nr_dirtied",
                  "nr_written", "nr_kernel_misc_reclaimable"]


def stat_lines(names, values, indent):
    return "".join(f"\n{indent}{name:<12} {values.get(name, 0)}" for name in names)


def pagesets(cpus, high, batch, threshold):
    return "\n  pagesets" + "".join(
        f"\n    cpu: {c}\n              count: {c * 7 % high if high else 0}\n              high:  {high}"
        f"\n              batch: {batch}\n  vm stats threshold: {threshold}" for c in range(cpus))


def zoneinfo_2632(zones):
    """/proc/zoneinfo as 2.6.32 mm/vmstat.c zoneinfo_show_print() prints it (populated zones only)."""
    out = []
    for z in zones:
        text = (f"Node 0, zone {z['name']:>8}\n  pages free     {z['free']}\n        min      {z['min']}"
                f"\n        low      {z['low']}\n        high     {z['high']}\n        scanned  0"
                f"\n        spanned  {z['spanned']}\n        present  {z['present']}")
        text += stat_lines(ZONE_STATS_2632, dict(z["stats"], nr_free_pages=z["free"]), "    ")
        text += "\n        protection: (" + ", ".join(str(p) for p in z["protection"]) + ")"
        text += pagesets(1, z["pcp_high"], z["pcp_batch"], 4)
        text += (f"\n  all_unreclaimable: 0\n  prev_priority:     12\n  start_pfn:         {z['start_pfn']}"
                 f"\n  inactive_ratio:    1\n")
        out.append(text)
    return "".join(out)


def zoneinfo_418(zones, node_stats, cpus):
    """/proc/zoneinfo as 4.18 (RHEL 8) prints it: every zone, unpopulated ones stop after protection."""
    out = []
    for i, z in enumerate(zones):
        text = f"Node 0, zone {z['name']:>8}"
        if i == 0:
            text += "\n  per-node stats" + stat_lines(NODE_STATS_418, node_stats, "      ")
        text += (f"\n  pages free     {z['free']}\n        min      {z['min']}\n        low      {z['low']}"
                 f"\n        high     {z['high']}\n        spanned  {z['spanned']}\n        present  {z['present']}"
                 f"\n        managed  {z['managed']}")
        text += "\n        protection: (" + ", ".join(str(p) for p in z["protection"]) + ")"
        if z["present"]:
            text += stat_lines(ZONE_STATS_418, dict(z["stats"], nr_free_pages=z["free"]), "      ")
            text += pagesets(cpus, z["pcp_high"], z["pcp_batch"], z["threshold"])
            text += f"\n  node_unreclaimable:  0\n  start_pfn:           {z['start_pfn']}"
        out.append(text + "\n")
    return "".join(out)


def buddyinfo(zones):
    return "".join(f"Node 0, zone {z['name']:>8} " + "".join(f"{n:>7}" for n in z["buddy"]) + " \n"
                   for z in zones if z["present"])


def manifest(host, kernel, plugins, start):
    return json.dumps({
        "version": "4.5.6", "cmdline": "/usr/sbin/sos report --batch", "start_time": start,
        "end_time": start, "run_time": "0:01:42", "compression": "xz", "policy": host["policy"],
        "components": {"report": {
            "preset": "none", "tmpdir": "/var/tmp", "sysroot": "/",
            "plugins": {name: {"setup_start": start, "collection_time": 1.2} for name in plugins}}},
        "hostname": host["hostname"], "kernel": kernel}, indent=4) + "\n"


def root_symlinks(top):
    """sos's root_symlink= entries (kernel.py uname, host.py hostname): relative links at the top."""
    symlink(top, "uname", "sos_commands/kernel/uname_-a")
    symlink(top, "hostname", "sos_commands/host/hostname")


def pack(name):
    """Pack like sos: a .tar.xz whose single top folder is the report name."""
    tarball = os.path.join(HERE, name + ".tar.xz")
    subprocess.run(["tar", "--sort=name", "--owner=0", "--group=0", "--numeric-owner",
                    "--mtime=2023-11-20 00:00Z", "-cJf", tarball, "-C", HERE, name], check=True)


def fresh(name):
    top = os.path.join(HERE, name)
    shutil.rmtree(top, ignore_errors=True)
    os.makedirs(top)
    return top


# ---------------------------------------------------------------------------
# Example 1: the seed host, Debian 6 (squeeze), 2.6.32-5-686, 256 MB, e100.
# ---------------------------------------------------------------------------
E100_UNAME = "Linux e100-host 2.6.32-5-686 #1 SMP Tue Jun 1 04:59:47 UTC 2010 i686 GNU/Linux\n"
# Seed report: 65520 pages RAM, 1858 reserved -> MemTotal (65520-1858)*4 = 254648 kB.
# Zones (seed Mem-Info "present:15872kB" / "present:243776kB"): DMA 3968, Normal 60944 pages.
# Boot default: int_sqrt(16 * (3968+60944)*4) = int_sqrt(4154368) = 2038 (seed: 2038).
E100_MIN_FREE = 2038


def e100_zones():
    zones = [
        dict(name="DMA", spanned=4080, present=3968, start_pfn=16, free=248, pcp_high=0, pcp_batch=1,
             protection=[0, 238, 238, 238], buddy=[4, 3, 2, 5, 3, 2, 2, 1, 1, 0, 0],
             stats=dict(nr_inactive_anon=29, nr_active_anon=16, nr_inactive_file=1832, nr_active_file=1764,
                        nr_anon_pages=41, nr_mapped=449, nr_file_pages=3596, nr_slab_reclaimable=19,
                        nr_slab_unreclaimable=73, nr_page_table_pages=4, nr_kernel_stack=2)),
        dict(name="Normal", spanned=61424, present=60944, start_pfn=4096, free=3412, pcp_high=90,
             pcp_batch=15, protection=[0, 0, 0, 0], buddy=[1402, 510, 96, 22, 5, 1, 0, 0, 0, 0, 0],
             stats=dict(nr_inactive_anon=805, nr_active_anon=740, nr_inactive_file=26733, nr_active_file=26851,
                        nr_anon_pages=1492, nr_mapped=8286, nr_file_pages=54007, nr_dirty=3,
                        nr_slab_reclaimable=755, nr_slab_unreclaimable=2263, nr_page_table_pages=230,
                        nr_kernel_stack=80)),
    ]
    return watermarks(zones, E100_MIN_FREE, "2.6.32")


E100_BOOT = """\
[    0.000000] Initializing cgroup subsys cpuset
[    0.000000] Initializing cgroup subsys cpu
[    0.000000] Linux version 2.6.32-5-686 (Debian 2.6.32-15) (dannf@debian.org) (gcc version 4.3.5 (Debian 4.3.5-2) ) #1 SMP Tue Jun 1 04:59:47 UTC 2010
[    0.000000] KERNEL supported cpus:
[    0.000000]   Intel GenuineIntel
[    0.000000]   AMD AuthenticAMD
[    0.000000]   NSC Geode by NSC
[    0.000000]   Cyrix CyrixInstead
[    0.000000]   Centaur CentaurHauls
[    0.000000]   Transmeta GenuineTMx86
[    0.000000]   Transmeta TransmetaCPU
[    0.000000]   UMC UMC UMC UMC
[    0.000000] BIOS-provided physical RAM map:
[    0.000000]  BIOS-e820: 0000000000000000 - 000000000009fc00 (usable)
[    0.000000]  BIOS-e820: 000000000009fc00 - 00000000000a0000 (reserved)
[    0.000000]  BIOS-e820: 00000000000e8000 - 0000000000100000 (reserved)
[    0.000000]  BIOS-e820: 0000000000100000 - 000000000fff0000 (usable)
[    0.000000]  BIOS-e820: 000000000fff0000 - 0000000010000000 (ACPI data)
[    0.000000]  BIOS-e820: 00000000fffc0000 - 0000000100000000 (reserved)
[    0.000000] DMI 2.4 present.
[    0.000000] 0MB HIGHMEM available.
[    0.000000] 255MB LOWMEM available.
[    0.000000]   mapped low ram: 0 - 0fff0000
[    0.000000]   low ram: 0 - 0fff0000
[    0.000000] Zone PFN ranges:
[    0.000000]   DMA      0x00000010 -> 0x00001000
[    0.000000]   Normal   0x00001000 -> 0x0000fff0
[    0.000000]   HighMem  0x0000fff0 -> 0x0000fff0
[    0.000000] Movable zone start PFN for each node
[    0.000000] early_node_map[2] active PFN ranges
[    0.000000]     0: 0x00000010 -> 0x0000009f
[    0.000000]     0: 0x00000100 -> 0x0000fff0
[    0.000000] Built 1 zonelists in Zone order, mobility grouping on.  Total pages: 64912
[    0.000000] Kernel command line: BOOT_IMAGE=/boot/vmlinuz-2.6.32-5-686 root=UUID=0b8a4a4e-3f0c-4d8e-9a7e-2b6f1f0c9d11 ro quiet
[    0.000000] PID hash table entries: 1024 (order: 0, 4096 bytes)
[    0.000000] Dentry cache hash table entries: 32768 (order: 5, 131072 bytes)
[    0.000000] Inode-cache hash table entries: 16384 (order: 4, 65536 bytes)
[    0.000000] Memory: 254648k/262080k available (2767k kernel code, 7044k reserved, 1422k data, 388k init, 0k highmem)
[    0.004000] Calibrating delay loop (skipped), value calculated using timer frequency.. 2793.08 BogoMIPS (lpj=5586160)
[    0.004000] Mount-cache hash table entries: 512
[    0.008012] CPU: Intel(R) Pentium(R) 4 CPU 2.80GHz stepping 09
[    0.012023] NET: Registered protocol family 16
[    0.016032] PCI: PCI BIOS revision 2.10 entry at 0xfc0ae, last bus=1
[    0.140109] NET: Registered protocol family 2
[    0.140289] TCP established hash table entries: 8192 (order: 4, 65536 bytes)
[    0.148042] TCP: Hash tables configured (established 8192 bind 8192)
[    0.312841] e100: Intel(R) PRO/100 Network Driver, 3.5.24-k2-NAPI
[    0.312846] e100: Copyright(c) 1999-2006 Intel Corporation
[    0.313101] e100 0000:01:08.0: PCI INT A -> GSI 20 (level, low) -> IRQ 20
[    0.336482] e100 0000:01:08.0: PME# disabled
[    0.337227] e100: eth0: e100_probe: addr 0xfebff000, irq 20, MAC addr 00:0e:0c:5a:21:7f
[    1.804122] EXT3-fs: mounted filesystem with ordered data mode.
[    4.913358] Adding 369452k swap on /dev/sda5.  Priority:-1 extents:1 across:369452k
[    6.226016] e100: eth0 NIC Link is Up 100 Mbps Full Duplex
[   17.011028] eth0: no IPv6 routers present
"""


def seed_report():
    """The seed's dmesg report lines, verbatim (kernel 2.6.32-5-686 format)."""
    with open(SEED, encoding="utf-8") as f:
        return "".join(line for line in f if line.startswith("[ 7873."))


def syslog_form(dmesg, host, boot_epoch, fmt_uptime):
    """rsyslog's /var/log/messages form of dmesg lines (Debian squeeze keeps [uptime] in the text)."""
    import time
    out = []
    for line in dmesg.splitlines():
        secs = float(line[1:line.index("]")])
        t = time.gmtime(boot_epoch + secs)
        stamp = time.strftime("%b ", t) + f"{t.tm_mday:>2} " + time.strftime("%H:%M:%S", t)
        body = line if fmt_uptime else line[line.index("]") + 2:]
        out.append(f"{stamp} {host} kernel: {body}\n")
    return "".join(out)


SYSCTL_2632_VM = """\
vm.overcommit_memory = 0
vm.panic_on_oom = 0
vm.oom_kill_allocating_task = 0
vm.oom_dump_tasks = 0
vm.overcommit_ratio = 50
vm.page-cluster = 3
vm.dirty_background_ratio = 10
vm.dirty_background_bytes = 0
vm.dirty_ratio = 20
vm.dirty_bytes = 0
vm.dirty_writeback_centisecs = 500
vm.dirty_expire_centisecs = 3000
vm.nr_pdflush_threads = 0
vm.swappiness = 60
vm.nr_hugepages = 0
vm.hugetlb_shm_group = 0
vm.hugepages_treat_as_movable = 0
vm.nr_overcommit_hugepages = 0
vm.lowmem_reserve_ratio = 256	32	32
vm.drop_caches = 0
vm.min_free_kbytes = {min_free}
vm.percpu_pagelist_fraction = 0
vm.max_map_count = 65530
vm.laptop_mode = 0
vm.block_dump = 0
vm.vfs_cache_pressure = 100
vm.legacy_va_layout = 0
vm.stat_interval = 1
vm.mmap_min_addr = 4096
vm.vdso_enabled = 2
vm.highmem_is_dirtyable = 0
vm.scan_unevictable_pages = 0
"""

DEBIAN_SYSCTL_CONF = """\
#
# /etc/sysctl.conf - Configuration file for setting system variables
# See /etc/sysctl.d/ for additonal system variables
# See sysctl.conf (5) for information.
#

#kernel.domainname = example.com

# Uncomment the following to stop low-level messages on console
#kernel.printk = 3 4 1 3

##############################################################3
# Functions previously found in netbase
#

# Uncomment the next two lines to enable Spoof protection (reverse-path filter)
# Turn on Source Address Verification in all interfaces to
# prevent some spoofing attacks
#net.ipv4.conf.default.rp_filter=1
#net.ipv4.conf.all.rp_filter=1

# Uncomment the next line to enable TCP/IP SYN cookies
# This disables TCP Window Scaling (http://lkml.org/lkml/2008/2/5/167),
# and is not recommended.
#net.ipv4.tcp_syncookies=1

# Uncomment the next line to enable packet forwarding for IPv4
#net.ipv4.ip_forward=1
"""


def ethtool_stats(counters):
    return "NIC statistics:\n" + "".join(f"     {k}: {v}\n" for k, v in counters)


def ethtool_ring(dev, rx_max, tx_max, rx, tx):
    return (f"Ring parameters for {dev}:\nPre-set maximums:\nRX:\t\t{rx_max}\nRX Mini:\t0\nRX Jumbo:\t0\n"
            f"TX:\t\t{tx_max}\nCurrent hardware settings:\nRX:\t\t{rx}\nRX Mini:\t0\nRX Jumbo:\t0\nTX:\t\t{tx}\n\n")


# ---------------------------------------------------------------------------
# sar data for the e100 host (sos sar plugin: sos_commands/sar/sar17 from "sar -A -f
# /var/log/sysstat/sa17", sos_commands/sar/sa17.xml from "sadf -x -- -A ..."), in the format of
# sysstat 10.0.5 (pr_stats.c, xml_stats.c, sadf_misc.c at v10.0.5), abridged to the paging (-B),
# memory (-r) and network (-n DEV) activities pagealloc reads.  10-minute records; the host
# rebooted at 18:30:00 (LINUX RESTART); the seed's report at 20:41:13 falls in 20:40:01-20:50:01.
# eth0 rxkB/s is 3072.00 all day except the evening ramp below: median 3072, 11776 / 3072 = 3.8x,
# 11776 kB/s = 11.5 MiB/s (a 100 Mbit/s e100 tops out near 12200 kB/s).
# ---------------------------------------------------------------------------
E100_SAR_RX_KB = {"20:20:01": 6144.0, "20:30:01": 9216.0, "20:40:01": 10240.0, "20:50:01": 11776.0,
                  "21:00:01": 4096.0}
E100_SAR_MEMFREE = {"20:40:01": 30120, "20:50:01": 15320}
E100_SAR_SCAN = {"20:40:01": (120.5, 0.0), "20:50:01": (812.4, 35.1)}
E100_SAR_RESTART = "18:30:00"


def e100_sar_records():
    """[(HH:MM:SS, rx_kB, rx_pkt, kbmemfree, pgscank, pgscand)] every 10 minutes, 00:10:01-21:00:01."""
    out = []
    for k in range(126):
        secs = 601 + 600 * k
        stamp = "%02d:%02d:%02d" % (secs // 3600, secs // 60 % 60, secs % 60)
        if stamp == "18:30:01":
            continue  # the reboot: no record for this interval
        rx_kb = E100_SAR_RX_KB.get(stamp, 3072.0)
        scan_k, scan_d = E100_SAR_SCAN.get(stamp, (0.0, 0.0))
        out.append((stamp, rx_kb, round(rx_kb * 1024 / 1452, 2), E100_SAR_MEMFREE.get(stamp, 120000),
                    scan_k, scan_d))
    return out


def e100_sar_text(records, mem_total=254648):
    """sar -A text (LC_ALL=C: %x date, %H:%M:%S times), sysstat 10.0.5 layouts."""
    banner = "Linux 2.6.32-5-686 (e100-host) \t06/17/10 \t_i686_\t(1 CPU)\n"
    first = "00:00:01"

    def rows(fmt_row):
        lines, prev = [], first
        for rec in records:
            if prev < E100_SAR_RESTART < rec[0]:
                lines.append("%-11s       LINUX RESTART\n" % E100_SAR_RESTART)
            lines.append(fmt_row(rec))
            prev = rec[0]
        return "".join(lines)

    n = len(records)
    paging = ("\n%-11s  pgpgin/s pgpgout/s   fault/s  majflt/s  pgfree/s pgscank/s pgscand/s pgsteal/s    %%vmeff\n"
              % first + rows(lambda r: "%-11s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n" % (
                  r[0], 0.0, 3.2, 120.5, 0.0, 140.2, r[4], r[5], r[4] + r[5], 100.0 if r[4] + r[5] else 0.0))
              + "%-11s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n" % (
                  "Average:", 0.0, 3.2, 120.5, 0.0, 140.2, sum(r[4] for r in records) / n,
                  sum(r[5] for r in records) / n, sum(r[4] + r[5] for r in records) / n, 100.0))
    memory = ("\n%-11s kbmemfree kbmemused  %%memused kbbuffers  kbcached  kbcommit   %%commit  kbactive   kbinact\n"
              % first + rows(lambda r: "%-11s %9d %9d    %6.2f %9d %9d %9d   %7.2f %9d %9d\n" % (
                  r[0], r[3], mem_total - r[3], 100.0 * (mem_total - r[3]) / mem_total, 18552, 189860, 38516,
                  6.30, 110444, 114260)))
    avg_free = sum(r[3] for r in records) / n
    memory += "%-11s %9.0f %9.0f    %6.2f %9.0f %9.0f %9.0f   %7.2f %9.0f %9.0f\n" % (
        "Average:", avg_free, mem_total - avg_free, 100.0 * (mem_total - avg_free) / mem_total, 18552, 189860,
        38516, 6.30, 110444, 114260)

    def dev(r):
        return ("%-11s %9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n" % (r[0], "lo", 0.5, 0.5, 0.03, 0.03, 0, 0, 0)
                + "%-11s %9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n" % (
                    r[0], "eth0", r[2], r[2] / 4, r[1], r[1] / 20, 0, 0, 0.01))
    network = ("\n%-11s     IFACE   rxpck/s   txpck/s    rxkB/s    txkB/s   rxcmp/s   txcmp/s  rxmcst/s\n" % first
               + rows(dev)
               + "%-11s %9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n" % ("Average:", "lo", 0.5, 0.5, 0.03, 0.03, 0, 0, 0)
               + "%-11s %9s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f\n" % (
                   "Average:", "eth0", sum(r[2] for r in records) / n, sum(r[2] for r in records) / n / 4,
                   sum(r[1] for r in records) / n, sum(r[1] for r in records) / n / 20, 0, 0, 0.01))
    return banner + paging + memory + network


def e100_sadf_xml(records, mem_total=254648):
    """sadf -x -- -A, sysstat 10.0.5 (DTD 2.13): one element per line, tab-indented (xprintf)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE sysstat PUBLIC "DTD v2.13 sysstat //EN"',
           '"http://pagesperso-orange.fr/sebastien.godard/sysstat.dtd">', "<sysstat>",
           "\t<sysdata-version>2.13</sysdata-version>", '\t<host nodename="e100-host">',
           "\t\t<sysname>Linux</sysname>", "\t\t<release>2.6.32-5-686</release>", "\t\t<machine>i686</machine>",
           "\t\t<number-of-cpus>1</number-of-cpus>", "\t\t<file-date>2010-06-17</file-date>", "\t\t<statistics>"]
    prev = "00:00:01"
    for r in records:
        interval = 600 if not (prev < E100_SAR_RESTART < r[0]) else 601
        prev = r[0]
        out.append('\t\t\t<timestamp date="2010-06-17" time="%s" utc="1" interval="%d">' % (r[0], interval))
        out.append('\t\t\t\t<paging per="second" pgpgin="%.2f" pgpgout="%.2f" fault="%.2f" majflt="%.2f" '
                   'pgfree="%.2f" pgscank="%.2f" pgscand="%.2f" pgsteal="%.2f" vmeff-percent="%.2f"/>'
                   % (0.0, 3.2, 120.5, 0.0, 140.2, r[4], r[5], r[4] + r[5], 100.0 if r[4] + r[5] else 0.0))
        out += ['\t\t\t\t<memory per="second" unit="kB">', "\t\t\t\t\t<memfree>%d</memfree>" % r[3],
                "\t\t\t\t\t<memused>%d</memused>" % (mem_total - r[3]),
                "\t\t\t\t\t<memused-percent>%.2f</memused-percent>" % (100.0 * (mem_total - r[3]) / mem_total),
                "\t\t\t\t\t<buffers>18552</buffers>", "\t\t\t\t\t<cached>189860</cached>",
                "\t\t\t\t\t<commit>38516</commit>", "\t\t\t\t\t<commit-percent>6.30</commit-percent>",
                "\t\t\t\t\t<active>110444</active>", "\t\t\t\t\t<inactive>114260</inactive>", "\t\t\t\t</memory>",
                '\t\t\t\t<network per="second">',
                '\t\t\t\t\t<net-dev iface="lo" rxpck="0.50" txpck="0.50" rxkB="0.03" txkB="0.03" rxcmp="0.00" '
                'txcmp="0.00" rxmcst="0.00"/>',
                '\t\t\t\t\t<net-dev iface="eth0" rxpck="%.2f" txpck="%.2f" rxkB="%.2f" txkB="%.2f" rxcmp="0.00" '
                'txcmp="0.00" rxmcst="0.01"/>' % (r[2], r[2] / 4, r[1], r[1] / 20),
                "\t\t\t\t</network>", "\t\t\t</timestamp>"]
    out += ["\t\t</statistics>", "\t\t<restarts>",
            '\t\t\t<boot date="2010-06-17" time="%s" utc="1"/>' % E100_SAR_RESTART, "\t\t</restarts>",
            "\t</host>", "</sysstat>"]
    return "\n".join(out) + "\n"


def build_e100():
    name = "sosreport-e100-rx-failure"
    top = fresh(name)
    zones = e100_zones()
    dmesg = E100_BOOT + seed_report()
    # Booted 2010-06-17 18:30:00 UTC; the report at uptime 7873 s is 20:41:13.
    write(top, "sos_commands/kernel/dmesg", dmesg)
    write(top, "var/log/messages", syslog_form(dmesg, "e100-host", 1276799400, fmt_uptime=True))
    write(top, "sos_commands/kernel/uname_-a", E100_UNAME)
    write(top, "sos_commands/kernel/sysctl_-a",
          "kernel.sched_child_runs_first = 0\nkernel.panic = 0\nkernel.printk = 1\t4\t1\t7\n"
          "kernel.pid_max = 32768\n" + SYSCTL_2632_VM.format(min_free=E100_MIN_FREE) +
          "net.core.rmem_max = 131071\nnet.core.netdev_max_backlog = 1000\nnet.core.netdev_budget = 300\n"
          "net.ipv4.tcp_mem = 18240\t24320\t36480\nnet.ipv4.tcp_rmem = 4096\t87380\t778240\n")
    write(top, "sos_commands/host/hostname", "e100-host\n")
    write(top, "sos_commands/host/hostname_-f", "e100-host.example.org\n")
    write(top, "etc/hostname", "e100-host\n")
    # 2.6.32 fs/proc/meminfo.c fields (CONFIG_HIGHMEM, no THP).  MemTotal = 63662 pages * 4.
    write(top, "proc/meminfo", """\
MemTotal:         254648 kB
MemFree:           14640 kB
Buffers:           18552 kB
Cached:           189860 kB
SwapCached:         1452 kB
Active:           110444 kB
Inactive:         114260 kB
Active(anon):       3024 kB
Inactive(anon):     3336 kB
Active(file):     107420 kB
Inactive(file):   110924 kB
Unevictable:           0 kB
Mlocked:               0 kB
HighTotal:             0 kB
HighFree:              0 kB
LowTotal:         254648 kB
LowFree:           14640 kB
SwapTotal:        369452 kB
SwapFree:         346240 kB
Dirty:                12 kB
Writeback:             0 kB
AnonPages:          6132 kB
Mapped:            34940 kB
Shmem:                 0 kB
Slab:              12448 kB
SReclaimable:       3096 kB
SUnreclaim:         9352 kB
KernelStack:         656 kB
PageTables:          936 kB
NFS_Unstable:          0 kB
Bounce:                0 kB
WritebackTmp:          0 kB
CommitLimit:      496776 kB
Committed_AS:      38516 kB
VmallocTotal:     770048 kB
VmallocUsed:        5228 kB
VmallocChunk:     762132 kB
HardwareCorrupted:     0 kB
HugePages_Total:       0
HugePages_Free:        0
HugePages_Rsvd:        0
HugePages_Surp:        0
Hugepagesize:       4096 kB
DirectMap4k:        8184 kB
DirectMap4M:      253952 kB
""")
    write(top, "proc/zoneinfo", zoneinfo_2632(zones))
    write(top, "proc/buddyinfo", buddyinfo(zones))
    write(top, "proc/sys/vm/min_free_kbytes", f"{E100_MIN_FREE}\n")
    write(top, "proc/sys/vm/swappiness", "60\n")
    write(top, "proc/sys/vm/lowmem_reserve_ratio", "256\t32\t32\n")
    write(top, "proc/sys/vm/overcommit_memory", "0\n")
    # No /sys/kernel/mm/transparent_hugepage: THP arrived in 2.6.38 (Debian 2.6.32 has none).
    write(top, "etc/sysctl.conf", DEBIAN_SYSCTL_CONF)
    write(top, "etc/sysctl.d/README.sysctl",
          "Kernel system variables configuration files\n\nFiles found under the /etc/sysctl.d directory "
          "that end with .conf are\nparsed within sysctl(8) at boot time.  If you want to set kernel "
          "variables\nyou can either edit /etc/sysctl.conf or make a new file.\n")
    write(top, "etc/sysctl.d/30-postgresql-shm.conf",
          "# Shared memory settings for PostgreSQL\n\n# Note that if another program uses shared memory as "
          "well, you will have to\n# coordinate the size settings between the two.\n\n"
          "# Maximum size of shared memory segment in bytes\n#kernel.shmmax = 33554432\n\n"
          "# Maximum total size of shared memory in pages (normally 4096 bytes)\n#kernel.shmall = 2097152\n")
    # e100.c e100_gstrings_stats order; rx_no_buffer style counters do not exist for e100.
    write(top, "sos_commands/networking/ethtool_-S_eth0", ethtool_stats([
        ("rx_packets", 41290851), ("tx_packets", 11203456), ("rx_bytes", 2948219032),
        ("tx_bytes", 912345234), ("rx_errors", 0), ("tx_errors", 0), ("rx_dropped", 0), ("tx_dropped", 0),
        ("multicast", 1523), ("collisions", 0), ("rx_length_errors", 0), ("rx_over_errors", 0),
        ("rx_crc_errors", 0), ("rx_frame_errors", 0), ("rx_fifo_errors", 0), ("rx_missed_errors", 312),
        ("tx_aborted_errors", 0), ("tx_carrier_errors", 0), ("tx_fifo_errors", 0),
        ("tx_heartbeat_errors", 0), ("tx_window_errors", 0), ("tx_deferred", 0),
        ("tx_single_collisions", 0), ("tx_multi_collisions", 0), ("tx_flow_control_pause", 0),
        ("rx_flow_control_pause", 0), ("rx_flow_control_unsupported", 0), ("tx_tco_packets", 0),
        ("rx_tco_packets", 0)]))
    write(top, "sos_commands/networking/ethtool_-g_eth0", ethtool_ring("eth0", 256, 128, 256, 64))
    write(top, "sos_commands/networking/ethtool_-i_eth0",
          "driver: e100\nversion: 3.5.24-k2-NAPI\nfirmware-version: N/A\nbus-info: 0000:01:08.0\n")
    write(top, "sos_commands/networking/ip_-s_-d_link", """\
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    RX: bytes  packets  errors  dropped overrun mcast
    1048576    12288    0       0       0       0
    TX: bytes  packets  errors  dropped carrier collsns
    1048576    12288    0       0       0       0
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP qlen 1000
    link/ether 00:0e:0c:5a:21:7f brd ff:ff:ff:ff:ff:ff
    RX: bytes  packets  errors  dropped overrun mcast
    2948219032 41290851 0       0       312     1523
    TX: bytes  packets  errors  dropped carrier collsns
    912345234  11203456 0       0       0       0
""")
    write(top, "sos_commands/networking/ip_address", """\
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 16436 qdisc noqueue state UNKNOWN
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP qlen 1000
    link/ether 00:0e:0c:5a:21:7f brd ff:ff:ff:ff:ff:ff
    inet 192.168.10.20/24 brd 192.168.10.255 scope global eth0
""")
    records = e100_sar_records()
    write(top, "sos_commands/sar/sar17", e100_sar_text(records))
    write(top, "sos_commands/sar/sa17.xml", e100_sadf_xml(records))
    write(top, "version.txt", "sos report: 4.5.6")
    host = {"hostname": "e100-host", "policy": "Debian"}
    write(top, "sos_reports/manifest.json",
          manifest(host, "2.6.32-5-686", ["host", "kernel", "logs", "memory", "networking", "sar", "system"],
                   "2010-06-17T21:05:31"))
    root_symlinks(top)
    pack(name)


# ---------------------------------------------------------------------------
# Example 2: a healthy RHEL 8.9 host, 4.18.0-513.5.1.el8_9.x86_64, 16 GiB, THP madvise.
# ---------------------------------------------------------------------------
HEALTHY_UNAME = ("Linux healthy-host 4.18.0-513.5.1.el8_9.x86_64 #1 SMP Fri Sep 29 05:21:10 EDT 2023 "
                 "x86_64 x86_64 x86_64 GNU/Linux\n")
# Managed pages: DMA 3840 + DMA32 765942 + Normal 3339520 = 4109302 pages = 16437208 kB (= MemTotal).
# Boot base: int_sqrt(16 * 16437208) = int_sqrt(262995328) = 16217.
# THP (madvise): 3 zones <= Normal * 11 pageblocks * 512 pages * 4 kB = 67584 kB,
#   below the 5% cap (4109302 / 20 = 205465 pages = 821860 kB), and above 16217 -> default 67584.
HEALTHY_MIN_FREE = 67584


def healthy_zones():
    stats = dict(numa_hit=1, numa_local=1)
    zones = [
        dict(name="DMA", spanned=4095, present=3998, managed=3840, start_pfn=1, free=3840, pcp_high=0,
             pcp_batch=1, threshold=8, protection=[0, 2965, 15796, 15796, 15796],
             buddy=[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3], stats=dict(stats)),
        dict(name="DMA32", spanned=1044480, present=782299, managed=765942, start_pfn=4096, free=688211,
             pcp_high=378, pcp_batch=63, threshold=48, protection=[0, 0, 12830, 12830, 12830],
             buddy=[235, 187, 131, 91, 52, 29, 18, 12, 9, 6, 662],
             stats=dict(stats, nr_zone_inactive_file=21407, nr_zone_active_file=16210,
                        nr_zone_inactive_anon=3107, nr_zone_active_anon=4433, numa_hit=2201877,
                        numa_local=2201877)),
        dict(name="Normal", spanned=3407872, present=3407872, managed=3339520, start_pfn=1048576,
             free=2506338, pcp_high=378, pcp_batch=63, threshold=64, protection=[0, 0, 0, 0, 0],
             buddy=[1290, 972, 661, 402, 251, 134, 71, 38, 21, 11, 2389],
             stats=dict(stats, nr_zone_inactive_file=301844, nr_zone_active_file=259433,
                        nr_zone_inactive_anon=40312, nr_zone_active_anon=181021, nr_page_table_pages=3127,
                        nr_kernel_stack=9824, numa_hit=48011254, numa_local=48011254)),
        dict(name="Movable", spanned=0, present=0, managed=0, free=0, protection=[0, 0, 0, 0, 0]),
        dict(name="Device", spanned=0, present=0, managed=0, free=0, protection=[0, 0, 0, 0, 0]),
    ]
    watermarks(zones[:3], HEALTHY_MIN_FREE, "4.18")
    for z in zones[3:]:
        z.update(min=0, low=0, high=0)
    return zones


HEALTHY_BOOT = """\
[    0.000000] Linux version 4.18.0-513.5.1.el8_9.x86_64 (mockbuild@x86-vm-08.build.eng.bos.redhat.com) (gcc version 8.5.0 20210514 (Red Hat 8.5.0-20) (GCC)) #1 SMP Fri Sep 29 05:21:10 EDT 2023
[    0.000000] Command line: BOOT_IMAGE=(hd0,msdos1)/vmlinuz-4.18.0-513.5.1.el8_9.x86_64 root=/dev/mapper/rhel-root ro crashkernel=auto resume=/dev/mapper/rhel-swap rd.lvm.lv=rhel/root rd.lvm.lv=rhel/swap rhgb quiet
[    0.000000] x86/fpu: Supporting XSAVE feature 0x001: 'x87 floating point registers'
[    0.000000] BIOS-provided physical RAM map:
[    0.000000] BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable
[    0.000000] BIOS-e820: [mem 0x000000000009fc00-0x000000000009ffff] reserved
[    0.000000] BIOS-e820: [mem 0x00000000000f0000-0x00000000000fffff] reserved
[    0.000000] BIOS-e820: [mem 0x0000000000100000-0x00000000bffdafff] usable
[    0.000000] BIOS-e820: [mem 0x00000000bffdb000-0x00000000bfffffff] reserved
[    0.000000] BIOS-e820: [mem 0x00000000feffc000-0x00000000feffffff] reserved
[    0.000000] BIOS-e820: [mem 0x00000000fffc0000-0x00000000ffffffff] reserved
[    0.000000] BIOS-e820: [mem 0x0000000100000000-0x000000043fffffff] usable
[    0.000000] NX (Execute Disable) protection: active
[    0.000000] DMI: Red Hat KVM, BIOS 1.16.0-4.module+el8.9.0+19570+14a90618 04/01/2014
[    0.000000] Hypervisor detected: KVM
[    0.000000] Zone ranges:
[    0.000000]   DMA      [mem 0x0000000000001000-0x0000000000ffffff]
[    0.000000]   DMA32    [mem 0x0000000001000000-0x00000000ffffffff]
[    0.000000]   Normal   [mem 0x0000000100000000-0x000000043fffffff]
[    0.000000]   Device   empty
[    0.000000] Movable zone start for each node
[    0.000000] Early memory node ranges
[    0.000000]   node   0: [mem 0x0000000000001000-0x000000000009efff]
[    0.000000]   node   0: [mem 0x0000000000100000-0x00000000bffdafff]
[    0.000000]   node   0: [mem 0x0000000100000000-0x000000043fffffff]
[    0.000000] Zeroed struct page in unavailable ranges: 135 pages
[    0.000000] Initmem setup node 0 [mem 0x0000000000001000-0x000000043fffffff]
[    0.000000] Built 1 zonelists, mobility grouping on.  Total pages: 4128090
[    0.000000] Kernel command line: BOOT_IMAGE=(hd0,msdos1)/vmlinuz-4.18.0-513.5.1.el8_9.x86_64 root=/dev/mapper/rhel-root ro crashkernel=auto resume=/dev/mapper/rhel-swap rd.lvm.lv=rhel/root rd.lvm.lv=rhel/swap rhgb quiet
[    0.000000] Memory: 16011636K/16775652K available (12293K kernel code, 5866K rwdata, 8296K rodata, 2540K init, 13688K bss, 338016K reserved, 0K cma-reserved)
[    0.001000] smpboot: Allowing 4 CPUs, 0 hotplug CPUs
[    0.152138] NET: Registered protocol family 16
[    0.389412] HugeTLB registered 1.00 GiB page size, pre-allocated 0 pages
[    0.389412] HugeTLB registered 2.00 MiB page size, pre-allocated 0 pages
[    1.021744] virtio_net virtio1 ens3: renamed from eth0
[    2.411875] XFS (dm-0): Mounted V5 Filesystem
[    4.208893] Adding 8388604k swap on /dev/mapper/rhel-swap.  Priority:-2 extents:1 across:8388604k FS
[    5.873003] IPv6: ADDRCONF(NETDEV_UP): ens3: link is not ready
[    5.880417] IPv6: ADDRCONF(NETDEV_CHANGE): ens3: link becomes ready
"""

# RHEL 8 /usr/lib/sysctl.d files (systemd-239, kernel, libkcapi packages); none sets vm.min_free_kbytes.
RHEL8_USR_LIB_SYSCTL_D = {
    "10-default-yama-scope.conf": "# When yama is enabled in the kernel it might be used to filter any user\n"
                                  "# space access which requires PTRACE_MODE_ATTACH like ptrace attach, access\n"
                                  "# to /proc/PID/{mem,personality,stack,syscall}, and the syscalls\n"
                                  "# process_vm_readv and process_vm_writev which are used for interprocess\n"
                                  "# services, communication and introspection (like synchronisation, signaling,\n"
                                  "# debugging, tracing and profiling) of processes.\n#\n"
                                  "# Usage of ptrace attach is restricted by normal user permissions. Normal\n"
                                  "# unprivileged processes cannot interact through ptrace with processes\n"
                                  "# that they cannot send signals to or processes that are running set-uid\n"
                                  "# or set-gid.\n#\n"
                                  "# yama ptrace scope can be changed to 1 by default to change this.\n\n"
                                  "kernel.yama.ptrace_scope = 0\n",
    "50-coredump.conf": "# This file is part of systemd.\n#\n# See sysctl.d(5) for the description of the files "
                        "in this directory,\n# and systemd-coredump(8) and core(5) for the explanation of the\n"
                        "# setting below.\n\nkernel.core_pattern=|/usr/lib/systemd/systemd-coredump %P %u %g %s "
                        "%t %c %h %e\n",
    "50-default.conf": "# This file is part of systemd.\n#\n# See sysctl.d(5) and core(5) for documentation.\n\n"
                       "# System Request functionality of the kernel (SYNC)\nkernel.sysrq = 16\n\n"
                       "# Append the PID to the core filename\nkernel.core_uses_pid = 1\n\n"
                       "# Source route verification\nnet.ipv4.conf.all.rp_filter = 1\n\n"
                       "# Do not accept source routing\nnet.ipv4.conf.all.accept_source_route = 0\n\n"
                       "# Promote secondary addresses when the primary address is removed\n"
                       "net.ipv4.conf.all.promote_secondaries = 1\n\n"
                       "# Fair Queue CoDel packet scheduler to fight bufferbloat\n"
                       "net.core.default_qdisc = fq_codel\n\n# Enable hard and soft link protection\n"
                       "fs.protected_hardlinks = 1\nfs.protected_symlinks = 1\n",
    "50-libkcapi-optmem_max.conf": "# Increase the opt_mem size such that AF_ALG can allocate more memory\n"
                                   "net.core.optmem_max = 81920\n",
    "50-pid-max.conf": "# This file is part of systemd.\n#\n# See sysctl.d(5) for the description of the files "
                       "in this directory,\n# and systemd-coredump(8) and core(5) for the explanation of the\n"
                       "# setting below.\n\n# Bump the numeric PID range to its maximum of 2^22 (from the "
                       "in-kernel default\n# of 2^16), to make PID collisions less likely.\nkernel.pid_max = 4194304\n",
}

RHEL8_SYSCTL_CONF = """\
# sysctl settings are defined through files in
# /usr/lib/sysctl.d/, /run/sysctl.d/, and /etc/sysctl.d/.
#
# Vendors settings live in /usr/lib/sysctl.d/.
# To override a whole file, create a new file with the same in
# /etc/sysctl.d/ and put new settings there. To override
# only specific settings, add a file with a lexically later
# name in /etc/sysctl.d/ and put new settings there.
#
# For more information, see sysctl.conf(5) and sysctl.d(5).
"""

# tuned 2.21 (RHEL 8.9) profiles, verbatim [main]/[sysctl] parts.
TUNED_PROFILES = {
    "throughput-performance": """\
#
# tuned configuration
#

[main]
summary=Broadly applicable tuning that provides excellent performance across a variety of common server workloads

[variables]
thunderx_cpuinfo_regex=CPU part\\s+:\\s+(0x0?516)|(0x0?af)|(0x0?a[0-3])|(0x0?b8)\\b
amd_cpuinfo_regex=model name\\s+:.*\\bAMD\\b

[cpu]
governor=performance
energy_perf_bias=performance
min_perf_pct=100

[disk]
readahead=>4096

[sysctl]
# If a workload mostly uses anonymous memory and it hits this limit, the entire
# working set is buffered for I/O, and any more write buffering would require
# swapping, so it's time to throttle writes until I/O can catch up.  Workloads
# that mostly use file mappings may be able to use even higher values.
#
# The generator of dirty data starts writeback at this percentage (system default
# is 20%)
vm.dirty_ratio = 40

# Start background writeback (via writeback threads) at this percentage (system
# default is 10%)
vm.dirty_background_ratio = 10

# PID allocation wrap value.  When the kernel's next PID value
# reaches this value, it wraps back to a minimum PID value.
# PIDs of value pid_max or larger are not allocated.
#
# A suggested value for pid_max is 1024 * <# of cpu cores/threads in system>
# e.g., a box with 32 cpus, the default of 32768 is reasonable, for 64 cpus,
# 65536, for 4096 cpus, 4194304 (which is the upper limit possible).
#kernel.pid_max = 65536

# The swappiness parameter controls the tendency of the kernel to move
# processes out of physical memory and onto the swap disk.
# 0 tells the kernel to avoid swapping processes out of physical memory
# for as long as possible
# 100 tells the kernel to aggressively swap processes out of physical memory
# and move them to swap cache
vm.swappiness=10

[scheduler]
sched_min_granularity_ns = 10000000
sched_wakeup_granularity_ns = 15000000
""",
    "latency-performance": """\
#
# tuned configuration
#

[main]
summary=Optimize for deterministic performance at the cost of increased power consumption

[cpu]
force_latency=cstate.id_no_zero:1|3
governor=performance
energy_perf_bias=performance
min_perf_pct=100

[sysctl]
# If a workload mostly uses anonymous memory and it hits this limit, the entire
# working set is buffered for I/O, and any more write buffering would require
# swapping, so it's time to throttle writes until I/O can catch up.  Workloads
# that mostly use file mappings may be able to use even higher values.
#
# The generator of dirty data starts writeback at this percentage (system default
# is 20%)
vm.dirty_ratio=10

# Start background writeback (via writeback threads) at this percentage (system
# default is 10%)
vm.dirty_background_ratio=3

# The swappiness parameter controls the tendency of the kernel to move
# processes out of physical memory and onto the swap disk.
# 0 tells the kernel to avoid swapping processes out of physical memory
# for as long as possible
# 100 tells the kernel to aggressively swap processes out of physical memory
# and move them to swap cache
vm.swappiness=10
""",
    "network-latency": """\
#
# tuned configuration
#

[main]
summary=Optimize for deterministic performance at the cost of increased power consumption, focused on low latency network performance
include=latency-performance

[vm]
transparent_hugepages=never

[sysctl]
net.core.busy_read=50
net.core.busy_poll=50
net.ipv4.tcp_fastopen=3
kernel.numa_balancing=0
kernel.hung_task_timeout_secs = 600
kernel.nmi_watchdog = 0
vm.stat_interval = 10
kernel.timer_migration = 0

[bootloader]
cmdline_network_latency=skew_tick=1 tsc=reliable rcupdate.rcu_normal_after_boot=1
""",
    "hpc-compute": """\
#
# tuned configuration
#

[main]
summary=Optimize for HPC compute workloads
description=Configures virtual memory, CPU governors, and network settings for HPC compute workloads.
include=latency-performance

[vm]
# Most HPC application can take advantage of hugepages. Force them to on.
transparent_hugepages=always

[disk]
# Increase the readahead value to support large, contiguous, files.
readahead=>4096

[sysctl]
# Keep a reasonable amount of memory free to support large mem requests
vm.min_free_kbytes=135168

# Most HPC applications are NUMA aware. Enabling zone reclaim ensures
# memory is reclaimed and reallocated from local pages. Disabling
# automatic NUMA balancing prevents unwanted memory unmapping.
vm.zone_reclaim_mode=1
kernel.numa_balancing=0

# Busy polling helps reduce latency in the network receive path
# by allowing socket layer code to poll the receive queue of a
# network device, and disabling network interrupts.
# busy_read value greater than 0 enables busy polling. Recommended
# net.core.busy_read value is 50.
# busy_poll value greater than 0 enables polling globally.
# Recommended net.core.busy_poll value is 50
net.core.busy_read=50
net.core.busy_poll=50

# TCP fast open reduces network latency by enabling data exchange
# during the sender's initial TCP SYN. The value 3 enables fast open
# on client and server connections.
net.ipv4.tcp_fastopen=3
""",
}


def build_healthy(name="sosreport-healthy", host="healthy-host", boot=HEALTHY_BOOT, extra=None, plugins=()):
    """The healthy RHEL 8.9 host; ``extra(top)`` adds or overrides files for a variant of it."""
    top = fresh(name)
    zones = healthy_zones()
    write(top, "sos_commands/kernel/dmesg", boot)
    # RHEL 8 rsyslog: no [uptime] in /var/log/messages.  Booted 2023-11-20 08:00:00 UTC.
    write(top, "var/log/messages", syslog_form(boot, host, 1700467200, fmt_uptime=False))
    write(top, "sos_commands/kernel/uname_-a", HEALTHY_UNAME.replace("healthy-host", host))
    normal = zones[2]
    write(top, "sos_commands/kernel/sysctl_-a", (
        "kernel.panic = 0\nkernel.pid_max = 4194304\nkernel.sysrq = 16\n"
        "net.core.default_qdisc = fq_codel\nnet.core.netdev_budget = 300\nnet.core.netdev_max_backlog = 1000\n"
        "vm.admin_reserve_kbytes = 8192\nvm.compact_unevictable_allowed = 1\nvm.dirty_background_bytes = 0\n"
        "vm.dirty_background_ratio = 10\nvm.dirty_bytes = 0\nvm.dirty_expire_centisecs = 3000\n"
        "vm.dirty_ratio = 40\nvm.dirty_writeback_centisecs = 500\nvm.dirtytime_expire_seconds = 43200\n"
        "vm.extfrag_threshold = 500\nvm.hugetlb_shm_group = 0\nvm.laptop_mode = 0\n"
        "vm.legacy_va_layout = 0\nvm.lowmem_reserve_ratio = 256\t256\t32\t0\t0\nvm.max_map_count = 65530\n"
        "vm.memory_failure_early_kill = 0\nvm.memory_failure_recovery = 1\n"
        f"vm.min_free_kbytes = {HEALTHY_MIN_FREE}\nvm.min_slab_ratio = 5\nvm.min_unmapped_ratio = 1\n"
        "vm.mmap_min_addr = 4096\nvm.nr_hugepages = 0\nvm.nr_overcommit_hugepages = 0\n"
        "vm.numa_stat = 1\nvm.numa_zonelist_order = Node\nvm.oom_dump_tasks = 1\n"
        "vm.oom_kill_allocating_task = 0\nvm.overcommit_kbytes = 0\nvm.overcommit_memory = 0\n"
        "vm.overcommit_ratio = 50\nvm.page-cluster = 3\nvm.panic_on_oom = 0\n"
        "vm.percpu_pagelist_fraction = 0\nvm.stat_interval = 1\nvm.swappiness = 10\n"
        "vm.unprivileged_userfaultfd = 1\nvm.user_reserve_kbytes = 131072\nvm.vfs_cache_pressure = 100\n"
        "vm.watermark_scale_factor = 10\nvm.zone_reclaim_mode = 0\n"))
    write(top, "sos_commands/host/hostname", host + "\n")
    write(top, "sos_commands/host/hostname_-f", host + ".example.com\n")
    write(top, "etc/hostname", host + ".example.com\n")
    mem_total = sum(z["managed"] for z in zones) * 4
    free_kb = sum(z["free"] for z in zones) * 4
    write(top, "proc/meminfo", f"""\
MemTotal:       {mem_total:>8} kB
MemFree:        {free_kb:>8} kB
MemAvailable:   {free_kb + 2183744:>8} kB
Buffers:            4252 kB
Cached:          2293212 kB
SwapCached:            0 kB
Active:          1843960 kB
Inactive:        1482664 kB
Active(anon):     741816 kB
Inactive(anon):   173676 kB
Active(file):    1102144 kB
Inactive(file):  1308988 kB
Unevictable:           0 kB
Mlocked:               0 kB
SwapTotal:       8388604 kB
SwapFree:        8388604 kB
Dirty:               388 kB
Writeback:             0 kB
AnonPages:        903328 kB
Mapped:           232504 kB
Shmem:             17520 kB
KReclaimable:     198136 kB
Slab:             391780 kB
SReclaimable:     198136 kB
SUnreclaim:       193644 kB
KernelStack:       39296 kB
PageTables:        12508 kB
NFS_Unstable:          0 kB
Bounce:                0 kB
WritebackTmp:          0 kB
CommitLimit:    16607208 kB
Committed_AS:    3306084 kB
VmallocTotal:   34359738367 kB
VmallocUsed:           0 kB
VmallocChunk:          0 kB
Percpu:             5856 kB
HardwareCorrupted:     0 kB
AnonHugePages:    423936 kB
ShmemHugePages:        0 kB
ShmemPmdMapped:        0 kB
FileHugePages:         0 kB
FilePmdMapped:         0 kB
HugePages_Total:       0
HugePages_Free:        0
HugePages_Rsvd:        0
HugePages_Surp:        0
Hugepagesize:       2048 kB
Hugetlb:               0 kB
DirectMap4k:      247664 kB
DirectMap2M:     8140800 kB
DirectMap1G:     10485760 kB
""")
    node_stats = dict(nr_inactive_anon=43419, nr_active_anon=185454, nr_inactive_file=327251,
                      nr_active_file=275536, nr_slab_reclaimable=49534, nr_slab_unreclaimable=48411,
                      nr_anon_pages=225832, nr_mapped=58126, nr_file_pages=574366, nr_dirty=97,
                      nr_shmem=4380, nr_anon_transparent_hugepages=207, nr_dirtied=1822310,
                      nr_written=1701432, workingset_nodes=812)
    write(top, "proc/zoneinfo", zoneinfo_418(zones, node_stats, cpus=4))
    write(top, "proc/buddyinfo", buddyinfo(zones))
    write(top, "proc/sys/vm/min_free_kbytes", f"{HEALTHY_MIN_FREE}\n")
    write(top, "proc/sys/vm/watermark_scale_factor", "10\n")
    write(top, "proc/sys/vm/swappiness", "10\n")
    write(top, "proc/sys/vm/overcommit_memory", "0\n")
    write(top, "proc/sys/vm/lowmem_reserve_ratio", "256\t256\t32\t0\t0\n")
    write(top, "sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n")
    write(top, "sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never\n")
    write(top, "sys/kernel/mm/transparent_hugepage/khugepaged/pages_to_scan", "4096\n")
    write(top, "etc/sysctl.conf", RHEL8_SYSCTL_CONF)
    # RHEL 8: /lib -> usr/lib and /etc/sysctl.d/99-sysctl.conf -> ../sysctl.conf (sos keeps symlinks).
    symlink(top, "lib", "usr/lib")
    symlink(top, "etc/sysctl.d/99-sysctl.conf", "../sysctl.conf")
    for fname, text in RHEL8_USR_LIB_SYSCTL_D.items():
        write(top, "usr/lib/sysctl.d/" + fname, text)
    write(top, "etc/tuned/active_profile", "throughput-performance\n")
    write(top, "etc/tuned/profile_mode", "auto\n")
    write(top, "etc/tuned/tuned-main.conf", "# Global tuned configuration file.\n\ndaemon = 1\n"
          "dynamic_tuning = 0\nsleep_interval = 1\nupdate_interval = 10\nrecommend_command = 1\n"
          "reapply_sysctl = 1\ndefault_instance_priority = 0\n")
    for profile, text in TUNED_PROFILES.items():
        write(top, f"usr/lib/tuned/{profile}/tuned.conf", text)
    write(top, "sos_commands/tuned/tuned-adm_active", "Current active profile: throughput-performance\n")
    write(top, "sos_commands/tuned/tuned-adm_list",
          "Available profiles:\n- balanced                    - General non-specialized tuned profile\n"
          "- hpc-compute                 - Optimize for HPC compute workloads\n"
          "- latency-performance         - Optimize for deterministic performance at the cost of increased "
          "power consumption\n- network-latency             - Optimize for deterministic performance at the "
          "cost of increased power consumption, focused on low latency network performance\n"
          "- throughput-performance      - Broadly applicable tuning that provides excellent performance "
          "across a variety of common server workloads\n"
          "Current active profile: throughput-performance\n")
    # virtio_net per-queue counters (drivers/net/virtio_net.c virtnet_rq_stats_desc, 4.18).
    write(top, "sos_commands/networking/ethtool_-S_ens3", ethtool_stats([
        ("rx_queue_0_packets", 18234411), ("rx_queue_0_bytes", 21977412230), ("rx_queue_0_drops", 0),
        ("rx_queue_0_xdp_packets", 0), ("rx_queue_0_xdp_tx", 0), ("rx_queue_0_xdp_redirects", 0),
        ("rx_queue_0_xdp_drops", 0), ("rx_queue_0_kicks", 2810), ("tx_queue_0_packets", 9122003),
        ("tx_queue_0_bytes", 1712873001), ("tx_queue_0_xdp_tx", 0), ("tx_queue_0_xdp_tx_drops", 0),
        ("tx_queue_0_kicks", 8871120)]))
    write(top, "sos_commands/networking/ethtool_-g_ens3", ethtool_ring("ens3", 256, 256, 256, 256))
    write(top, "sos_commands/networking/ethtool_-i_ens3",
          "driver: virtio_net\nversion: 1.0.0\nfirmware-version: \nexpansion-rom-version: \n"
          "bus-info: 0000:00:03.0\nsupports-statistics: yes\nsupports-test: no\n"
          "supports-eeprom-access: no\nsupports-register-dump: no\nsupports-priv-flags: no\n")
    write(top, "sos_commands/networking/ip_-s_-d_link", """\
1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00 promiscuity 0 minmtu 0 maxmtu 0 addrgenmode eui64 numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
    RX: bytes  packets  errors  dropped overrun mcast
    4823116    51022    0       0       0       0
    TX: bytes  packets  errors  dropped carrier collsns
    4823116    51022    0       0       0       0
2: ens3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP mode DEFAULT group default qlen 1000
    link/ether 52:54:00:3a:9c:11 brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 65535 addrgenmode none numtxqueues 1 numrxqueues 1 gso_max_size 65536 gso_max_segs 65535
    RX: bytes  packets  errors  dropped overrun mcast
    21977412230 18234411 0       0       0       0
    TX: bytes  packets  errors  dropped carrier collsns
    1712873001 9122003  0       0       0       0
""")
    write(top, "version.txt", "sos report: 4.6.0")
    write(top, "sos_reports/manifest.json",
          manifest({"hostname": host, "policy": "Red Hat Enterprise Linux"}, "4.18.0-513.5.1.el8_9.x86_64",
                   sorted({"host", "kernel", "logs", "memory", "networking", "system", "tuned", *plugins}), "2023-11-20T09:12:44"))
    # Sanity: the computed default this example claims (see the comment above HEALTHY_MIN_FREE).
    assert normal["min"] == HEALTHY_MIN_FREE // 4 * normal["managed"] // 4109302
    if extra is not None:
        extra(top)
    root_symlinks(top)
    pack(name)


# ---------------------------------------------------------------------------
# Example 3: the healthy RHEL 8.9 host with a busy mlx5 NIC: no report printed,
# but TcpExt PFMemallocDrop and mlx5 rx_buff_alloc_err count receive buffers
# that came from, or could not get, the emergency reserve (silent failures).
# ---------------------------------------------------------------------------
# net/ipv4/proc.c snmp4_net_list of 4.18 (upstream v4.18 ends at TCPAckCompressed).
TCPEXT_418 = (
    "SyncookiesSent SyncookiesRecv SyncookiesFailed EmbryonicRsts PruneCalled RcvPruned OfoPruned "
    "OutOfWindowIcmps LockDroppedIcmps ArpFilter TW TWRecycled TWKilled PAWSActive PAWSEstab DelayedACKs "
    "DelayedACKLocked DelayedACKLost ListenOverflows ListenDrops TCPHPHits TCPPureAcks TCPHPAcks "
    "TCPRenoRecovery TCPSackRecovery TCPSACKReneging TCPSACKReorder TCPRenoReorder TCPTSReorder TCPFullUndo "
    "TCPPartialUndo TCPDSACKUndo TCPLossUndo TCPLostRetransmit TCPRenoFailures TCPSackFailures "
    "TCPLossFailures TCPFastRetrans TCPSlowStartRetrans TCPTimeouts TCPLossProbes TCPLossProbeRecovery "
    "TCPRenoRecoveryFail TCPSackRecoveryFail TCPRcvCollapsed TCPDSACKOldSent TCPDSACKOfoSent TCPDSACKRecv "
    "TCPDSACKOfoRecv TCPAbortOnData TCPAbortOnClose TCPAbortOnMemory TCPAbortOnTimeout TCPAbortOnLinger "
    "TCPAbortFailed TCPMemoryPressures TCPMemoryPressuresChrono TCPSACKDiscard TCPDSACKIgnoredOld "
    "TCPDSACKIgnoredNoUndo TCPSpuriousRTOs TCPMD5NotFound TCPMD5Unexpected TCPMD5Failure TCPSackShifted "
    "TCPSackMerged TCPSackShiftFallback TCPBacklogDrop PFMemallocDrop TCPMinTTLDrop TCPDeferAcceptDrop "
    "IPReversePathFilter TCPTimeWaitOverflow TCPReqQFullDoCookies TCPReqQFullDrop TCPRetransFail "
    "TCPRcvCoalesce TCPOFOQueue TCPOFODrop TCPOFOMerge TCPChallengeACK TCPSYNChallenge TCPFastOpenActive "
    "TCPFastOpenActiveFail TCPFastOpenPassive TCPFastOpenPassiveFail TCPFastOpenListenOverflow "
    "TCPFastOpenCookieReqd TCPFastOpenBlackhole TCPSpuriousRtxHostQueues BusyPollRxPackets TCPAutoCorking "
    "TCPFromZeroWindowAdv TCPToZeroWindowAdv TCPWantZeroWindowAdv TCPSynRetrans TCPOrigDataSent "
    "TCPHystartTrainDetect TCPHystartTrainCwnd TCPHystartDelayDetect TCPHystartDelayCwnd TCPACKSkippedSynRecv "
    "TCPACKSkippedPAWS TCPACKSkippedSeq TCPACKSkippedFinWait2 TCPACKSkippedTimeWait TCPACKSkippedChallenge "
    "TCPWinProbe TCPKeepAlive TCPMTUPFail TCPMTUPSuccess TCPDelivered TCPDeliveredCE TCPAckCompressed").split()
IPEXT_418 = ("InNoRoutes InTruncatedPkts InMcastPkts OutMcastPkts InBcastPkts OutBcastPkts InOctets OutOctets "
             "InMcastOctets OutMcastOctets InBcastOctets OutBcastOctets InCsumErrors InNoECTPkts InECT1Pkts "
             "InECT0Pkts InCEPkts").split()
SILENT_TCPEXT = {"TW": 120331, "DelayedACKs": 903311, "TCPHPHits": 81203311, "TCPPureAcks": 2203311,
                 "TCPHPAcks": 9120331, "TCPTimeouts": 12, "PFMemallocDrop": 18233, "TCPRcvCoalesce": 3120331,
                 "TCPOFOQueue": 2031, "TCPOrigDataSent": 9120433, "TCPDelivered": 9120441}
SILENT_IPEXT = {"InOctets": 11924830911232, "OutOctets": 90233112, "InNoECTPkts": 9120433001}
# mlx5 ring counters: rx_buff_alloc_err 1290 = rx0 611 + rx1 402 + rx2 177 + rx3 100.
MLX5_RINGS = [(4560216500, 611), (2280108250, 402), (1140054125, 177), (1140054126, 100)]


def proc_net_netstat(sections):
    """net/ipv4/proc.c netstat_seq_show(): a name line and a value line per section."""
    out = []
    for section, names, values in sections:
        out.append("%s: %s\n%s: %s\n" % (section, " ".join(names), section,
                                       " ".join(str(values.get(n, 0)) for n in names)))
    return "".join(out)


def nstat_output(sections):
    """misc/nstat.c dump_kern_db(): "#kernel", then "%-32s%-16llu%6.1f" per counter (TcpExt/IpExt only here)."""
    return "#kernel\n" + "".join("%-32s%-16d%6.1f\n" % (section + n, values.get(n, 0), 0.0)
                                 for section, names, values in sections for n in names)


def softnet_stat(rows):
    """net/core/net-procfs.c softnet_seq_show() of 4.18: 11 hex columns per CPU."""
    return "".join(" ".join("%08x" % v for v in row) + "\n" for row in rows)


SILENT_BOOT_EXTRA = """\
[    1.402281] mlx5_core 0000:3b:00.0: firmware version: 16.35.2000
[    1.402331] mlx5_core 0000:3b:00.0: 126.016 Gb/s available PCIe bandwidth (8.0 GT/s PCIe x16 link)
[    1.712003] mlx5_core 0000:3b:00.0: Port module event: module 0, Cable plugged
[    2.011883] mlx5_core 0000:3b:00.0 ens1f0: renamed from eth1
[    6.120032] mlx5_core 0000:3b:00.0 ens1f0: Link up
"""


def silent_extra(top):
    sections = [("TcpExt", TCPEXT_418, SILENT_TCPEXT), ("IpExt", IPEXT_418, SILENT_IPEXT)]
    write(top, "proc/net/netstat", proc_net_netstat(sections))
    write(top, "sos_commands/networking/nstat_-zas", nstat_output(sections))
    # 4 CPUs: processed, dropped, time_squeeze, 0 x5, cpu_collision, received_rps, flow_limit_count.
    write(top, "proc/net/softnet_stat", softnet_stat([
        (912033112, 0, 1203, 0, 0, 0, 0, 0, 0, 0, 0), (812033112, 0, 977, 0, 0, 0, 0, 0, 0, 0, 0),
        (412033112, 0, 311, 0, 0, 0, 0, 0, 0, 0, 0), (312033112, 0, 102, 0, 0, 0, 0, 0, 0, 0, 0)]))
    # drivers/net/ethernet/mellanox/mlx5/core/en_stats.c: sw stats, then per-ring "rx%d_" stats.
    counters = [("rx_packets", sum(p for p, _ in MLX5_RINGS)), ("rx_bytes", 11924830911232),
                ("tx_packets", 1203311), ("tx_bytes", 90233112), ("rx_csum_complete", sum(p for p, _ in MLX5_RINGS)),
                ("rx_buff_alloc_err", sum(e for _, e in MLX5_RINGS)), ("rx_cqe_compress_blks", 0),
                ("rx_out_of_buffer", 311)]
    for i, (packets, errors) in enumerate(MLX5_RINGS):
        counters += [("rx%d_packets" % i, packets), ("rx%d_buff_alloc_err" % i, errors)]
    write(top, "sos_commands/networking/ethtool_-S_ens1f0", ethtool_stats(counters))
    write(top, "sos_commands/networking/ethtool_-g_ens1f0", ethtool_ring("ens1f0", 8192, 8192, 1024, 1024))
    write(top, "sos_commands/networking/ethtool_-i_ens1f0",
          "driver: mlx5_core\nversion: 4.18.0-513.5.1.el8_9.x86_64\nfirmware-version: 16.35.2000 (MT_0000000080)\n"
          "expansion-rom-version: \nbus-info: 0000:3b:00.0\nsupports-statistics: yes\nsupports-test: yes\n"
          "supports-eeprom-access: no\nsupports-register-dump: no\nsupports-priv-flags: yes\n")
    with open(os.path.join(top, "sos_commands/networking/ip_-s_-d_link"), "a") as f:
        f.write("""\
3: ens1f0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc mq state UP mode DEFAULT group default qlen 1000
    link/ether 0c:42:a1:5e:20:7a brd ff:ff:ff:ff:ff:ff promiscuity 0 minmtu 68 maxmtu 9978 addrgenmode none numtxqueues 4 numrxqueues 4 gso_max_size 65536 gso_max_segs 65535
    RX: bytes  packets  errors  dropped overrun mcast
    11924830911232 9120433001 0       311     0       1023
    TX: bytes  packets  errors  dropped carrier collsns
    90233112   1203311  0       0       0       0
""")


def build_silent_rx():
    lines = (HEALTHY_BOOT + SILENT_BOOT_EXTRA).splitlines(keepends=True)
    boot = "".join(sorted(lines, key=lambda line: float(line[1:line.index("]")])))
    build_healthy("sosreport-mlx5-silent-rx", "mlx5-host", boot=boot, extra=silent_extra)


if __name__ == "__main__":
    build_e100()
    build_healthy()
    build_silent_rx()
    sys.stdout.write("examples written to %s\n" % HERE)
