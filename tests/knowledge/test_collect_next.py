"""What to collect next: commands for the analysed kernel, names checked against the sources."""

import doctest
import subprocess

import pytest

from pagealloc.knowledge import collect_next, netstat_counters
from pagealloc.knowledge.collect_next import collect_next_commands


def test_doc_examples():
    for module in (collect_next, netstat_counters):
        failed, _ = doctest.testmod(module)
        assert failed == 0, module.__name__


@pytest.mark.parametrize("release, has_nstat, has_perf, has_bpftrace", [
    ("2.6.32-5-686", False, False, False),          # no PFMemallocDrop (3.6), no eBPF tracepoints (4.7)
    ("3.10.0-1160.el7.x86_64", True, False, False),
    ("4.4.0-210-generic", True, True, False),       # pfn (4.1) for perf kmem, but no bpftrace tracepoints
    ("4.18.0-513.5.1.el8_9.x86_64", True, True, True),
    ("6.12.0-55.el10.x86_64", True, True, True),
    (None, True, True, True),                       # unknown: every command that can run somewhere
])
def test_commands_follow_the_kernel(release, has_nstat, has_perf, has_bpftrace):
    ids = [c["id"] for c in collect_next_commands(release, ["eth0"])]
    assert ("nstat_pfmemalloc" in ids) == has_nstat
    assert ("perf_kmem_page" in ids) == has_perf
    # bpftrace attaches to tracepoints from 4.7 (bpftrace INSTALL.md): never offered to an older kernel,
    # and never in a form (args->page) that no kernel bpftrace runs on has.
    assert ("bpftrace_failed_page_alloc" in ids) == has_bpftrace
    assert not any("args->page" in c["command"] for c in collect_next_commands(release, ["eth0"]))
    assert "ethtool_alloc" in ids


def test_field_names_match_the_sources():
    commands = {c["id"]: c["command"] for c in collect_next_commands("5.14.0-362.el9.x86_64", ["ens1f0", "ens1f1"])}
    # net/ipv4/proc.c "PFMemallocDrop" in section TcpExt; nstat glues them.
    assert commands["nstat_pfmemalloc"].count("nstat -az TcpExtPFMemallocDrop") == 2
    # include/trace/events/kmem.h mm_page_alloc: pfn (unsigned long) = -1UL on failure, order, gfp_flags.
    assert "tracepoint:kmem:mm_page_alloc" in commands["bpftrace_failed_page_alloc"]
    assert "args->pfn == 0xffffffffffffffff" in commands["bpftrace_failed_page_alloc"]
    assert "args->order" in commands["bpftrace_failed_page_alloc"]
    assert commands["perf_kmem_page"] == "perf kmem --page record -a sleep 60\nperf kmem --page stat"
    assert commands["ethtool_alloc"].splitlines() == ["ethtool -S ens1f0 | grep -iE 'alloc|no_memory|oom'",
                                                      "ethtool -S ens1f1 | grep -iE 'alloc|no_memory|oom'"]


@pytest.mark.parametrize("release", ["2.6.32-5-686", "3.10.0-1160.el7.x86_64", "5.14.0-362.el9.x86_64", None])
def test_every_command_pastes_into_a_shell_and_runs_something(release):
    # A line that starts with "#" pastes as a comment and runs nothing; each line must parse in bash.
    for command in collect_next_commands(release, ["eth0"]):
        for line in command["command"].splitlines():
            assert not line.lstrip().startswith("#"), line
            assert subprocess.run(["bash", "-n", "-c", line]).returncode == 0, line


def test_a_forged_interface_name_cannot_add_a_command():
    # Interface names come from the archive (ip link, ethtool): quoted, "$(...)" or ";" stay one word.
    line = collect_next_commands("5.14.0-362.el9.x86_64", ["eth0;reboot", "x$(id)"])[1]["command"].splitlines()
    assert line == ["ethtool -S 'eth0;reboot' | grep -iE 'alloc|no_memory|oom'",
                    "ethtool -S 'x$(id)' | grep -iE 'alloc|no_memory|oom'"]
