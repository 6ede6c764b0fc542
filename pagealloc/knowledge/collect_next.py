"""
What to collect next - commands that count the failures a log never shows
=========================================================================

When the evidence is missing or only counts since boot, these commands,
run on the analysed host, count the failures while they happen.  Each one is
checked against the source that defines its names:

* ``nstat -az TcpExtPFMemallocDrop``, twice a minute apart: the counter of
  receive buffers taken from the emergency reserve and dropped (net/ipv4/proc.c
  ``snmp4_net_list`` "PFMemallocDrop", kernel 3.6+; nstat glues the
  /proc/net/netstat section to the name, ``-a`` absolute, ``-z`` zeros too).
* ``ethtool -S IFACE | grep -i alloc``: the driver's allocation-failure
  counters (:mod:`pagealloc.knowledge.nic_counters`); vmxnet3 prints
  "rx buf alloc fail", hv_netvsc "rx_no_memory" and bnxt
  "rx_total_oom_discards", which the grep pattern misses, so the pattern
  adds them when the host has those drivers (or always, when unknown).
* ``perf kmem --page record -a sleep 60`` then ``perf kmem --page stat``:
  every page allocation for a minute, including the failures nothing prints
  (tools/perf/builtin-kmem.c ``print_page_summary``: "Total allocation
  failures"); ``--page`` needs perf 4.1+ and the ``kmem:mm_page_alloc``
  tracepoint with a ``pfn`` field.
* bpftrace on ``tracepoint:kmem:mm_page_alloc``: ``__alloc_pages`` traces
  every allocation, a failed one with ``pfn = -1UL``
  (include/trace/events/kmem.h ``TP_fast_assign``: ``page ? page_to_pfn(page)
  : -1UL``, kernel 4.1+; before, the field was ``struct page *page``).
  bpftrace attaches to tracepoints from kernel 4.7 (bpftrace INSTALL.md,
  "Linux Kernel Requirements"), after ``pfn`` arrived: the ``pfn`` form is the
  only one that can run, and a kernel known to be older gets no bpftrace line
  (a command that cannot run on the host is not offered).

And when the reserve cannot be judged (a pasted report, no sosreport:
INSUFFICIENT_DATA), :func:`decide_reserve_commands`: what tells on the host
whether ``vm.min_free_kbytes`` is still the kernel default - its running
value, every place that may set it at boot (the sysctl files in the order
:mod:`pagealloc.knowledge.sysctl_precedence` reads them, the 5.8+ kernel
command line ``sysctl.vm.min_free_kbytes=``, TuneD profiles) and a sosreport,
from which pagealloc computes the default itself (/proc/zoneinfo).  Each
line stays under 80 columns so that a terminal or a ticket never wraps it.

Examples:
    >>> [c["id"] for c in decide_reserve_commands()]
    ['running_value', 'set_at_boot', 'sosreport']
    >>> [c["id"] for c in collect_next_commands("4.18.0-513.5.1.el8_9.x86_64", ["ens1f0"])]
    ['nstat_pfmemalloc', 'ethtool_alloc', 'perf_kmem_page', 'bpftrace_failed_page_alloc']
    >>> [c["id"] for c in collect_next_commands("2.6.32-5-686", ["eth0"])]
    ['ethtool_alloc']
    >>> [c["id"] for c in collect_next_commands(None, ["eth0"])][-1]
    'bpftrace_failed_page_alloc'
"""

import shlex

from pagealloc.knowledge.kernel_release import KernelRelease
from pagealloc.knowledge.sysctl_precedence import MIN_FREE_KBYTES, SYSCTL_CONF, SYSCTL_D_DIRS

# Counters the "alloc" pattern does not match (nic_counters: vmxnet3, hv_netvsc, bnxt).
GREP_PATTERN = "alloc|no_memory|oom"
# When the input names no interface: each of the host's, named before its counters (POSIX sh, lines < 80).
EVERY_IFACE = ('for n in /sys/class/net/*; do echo "${n##*/}:"\n'
               "  ethtool -S \"${n##*/}\" 2>/dev/null | grep -iE '%s'\ndone" % GREP_PATTERN)
BPFTRACE_PFN = ("bpftrace -e 'tracepoint:kmem:mm_page_alloc /args->pfn == 0xffffffffffffffff/ "
                "{ @failed[args->order, args->gfp_flags] = count(); @stacks[kstack(8)] = count(); }'")


def _at_least(release, major, minor):
    """True / False, or None when the release cannot be read."""
    return KernelRelease.parse(release).at_least(major, minor)


def collect_next_commands(kernel_release, ifnames=()):
    """
    The commands for this kernel, most useful first: ``[{id, command, why}]``.
    An unknown release gets every command that runs on some kernel.
    """
    out = []
    has_pfmemalloc = _at_least(kernel_release, 3, 6)
    has_pfn = _at_least(kernel_release, 4, 1)  # perf kmem --page reads the pfn field
    if has_pfmemalloc is not False:
        out.append({"id": "nstat_pfmemalloc",
                    "command": "nstat -az TcpExtPFMemallocDrop; sleep 60; nstat -az TcpExtPFMemallocDrop",
                    "why": "receive buffers taken from the emergency reserve and dropped; "
                           "a growing count means the reserve is in use now"})
    out.append({"id": "ethtool_alloc",
                # The names come from the input: quoted, a forged one cannot add a command.  Without names,
                # every interface of the host: a placeholder (IFACE) fails when pasted (s25).
                "command": "\n".join("ethtool -S %s | grep -iE '%s'" % (shlex.quote(n), GREP_PATTERN) for n in ifnames)
                if ifnames else EVERY_IFACE,
                "why": "the driver's rx allocation failures (__GFP_NOWARN: never printed); "
                       "run twice a minute apart to see whether they grow"})
    if has_pfn is not False:
        out.append({"id": "perf_kmem_page",
                    "command": "perf kmem --page record -a sleep 60\nperf kmem --page stat",
                    "why": "counts every failed page allocation for a minute, printed or not "
                           "(\"Total allocation failures\")"})
    if _at_least(kernel_release, 4, 7) is not False:  # bpftrace's tracepoints: 4.7+, where pfn is
        out.append({"id": "bpftrace_failed_page_alloc", "command": BPFTRACE_PFN,
                    "why": "failed page allocations by order and GFP flags with their kernel stacks "
                           "(mm_page_alloc reports a failure as pfn == -1UL)"})
    return out


COMMAND_COLUMNS = 79  # a command line a terminal or a ticket never wraps
BOOT_SETTERS = (SYSCTL_CONF,) + SYSCTL_D_DIRS + ("/proc/cmdline", "/etc/tuned")


def grep_lines(paths, word="min_free_kbytes", width=COMMAND_COLUMNS):
    """``grep -rsH WORD PATH...`` lines, as few as fit ``width`` columns each (paths in order).

    >>> grep_lines(("/etc/sysctl.conf", "/etc/sysctl.d"), width=50)
    ['grep -rsH min_free_kbytes /etc/sysctl.conf', 'grep -rsH min_free_kbytes /etc/sysctl.d']
    """
    lines, head = [], "grep -rsH %s" % word
    for path in paths:
        if lines and len(lines[-1]) + 1 + len(path) <= width:
            lines[-1] += " " + path
        else:
            lines.append("%s %s" % (head, path))
    return lines


def decide_reserve_commands():
    """What to run on the host to decide INSUFFICIENT_DATA: ``[{id, command, why}]`` (a command may be
    several lines, each under :data:`COMMAND_COLUMNS`)."""
    return [
        {"id": "running_value", "command": "sysctl " + MIN_FREE_KBYTES,
         "why": "the running value"},
        {"id": "set_at_boot", "command": "\n".join(grep_lines(BOOT_SETTERS)),
         "why": "what sets it at boot: the sysctl files, the kernel command line (5.8+), a TuneD profile "
                "of /etc/tuned (tuned-adm active names the profile in use; one of /usr/lib/tuned may set it "
                "too); nothing printed means nothing tuned it: the running value is the kernel default"},
        {"id": "sosreport", "command": "sosreport --batch",
         "why": "the whole memory picture: pagealloc triage on the archive it writes computes this host's "
                "kernel default from /proc/zoneinfo and decides"},
    ]
