"""/proc/net/netstat, nstat -zas, netstat -s and ethtool -S parsers: real outputs and their edge cases.

Fixtures (tests/fixtures/network/README.md): captured on a Debian 12 VM, kernel 6.18,
net-tools 2.10, iproute2 6.1.0; PFMemallocDrop set to 1742 and TCPRcvQDrop to 12 in all three,
laid out as each tool prints a value (nstat "%-32s%-16llu%6.1f"; netstat -s "    Name: value"
after the previous /proc/net/netstat column that it prints).
"""

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st
from insights.tests import context_wrap

from pagealloc.parsers import ethtool_stats, netstat_s, nstat, proc_net_netstat
from pagealloc.parsers.ethtool_stats import EthtoolStatistics
from pagealloc.parsers.netstat_s import NetstatStatistics
from pagealloc.parsers.nstat import Nstat
from pagealloc.parsers.proc_net_netstat import ProcNetNetstat
from tests.parsers.fixtures import docstring_sample, fixture_text

ETHTOOL_PATH = "/sos_commands/networking/ethtool_-S_ens1f0"


def test_doc_examples():
    globs = {"proc_net_netstat": ProcNetNetstat(context_wrap(docstring_sample(proc_net_netstat))),
             "nstat": Nstat(context_wrap(docstring_sample(nstat))),
             "netstat_s": NetstatStatistics(context_wrap(docstring_sample(netstat_s))),
             "ethtool_stats": EthtoolStatistics(context_wrap(docstring_sample(ethtool_stats), path=ETHTOOL_PATH))}
    for module in (proc_net_netstat, nstat, netstat_s, ethtool_stats):
        failed, _ = doctest.testmod(module, globs=globs)
        assert failed == 0, module.__name__


def test_the_three_sources_agree_on_the_real_6_18_outputs():
    proc = ProcNetNetstat(context_wrap(fixture_text("network", "proc_net_netstat_6.18_debian12.txt")))
    ns = Nstat(context_wrap(fixture_text("network", "nstat_-zas_iproute2-6.1_6.18.txt")))
    net = NetstatStatistics(context_wrap(fixture_text("network", "netstat_-s_net-tools-2.10_6.18.txt")))
    for parsed in (proc, ns, net):
        assert parsed.get("TcpExt", "PFMemallocDrop") == 1742
        assert parsed.get("TcpExt", "TCPRcvQDrop") == 12
    assert proc.problems == [] and ns.skipped == 0
    # 6.18 prints 135 TcpExt counters (`head -1 | wc -w` = 136 words with "TcpExt:") and MPTcpExt.
    assert len(proc.sections["TcpExt"]) == 135 and "MPTcpExt" in proc.sections
    # Counters net-tools has no sentence for and that are zero are not printed at all.
    assert net.get("TcpExt", "TCPMinTTLDrop") is None
    assert proc.get("TcpExt", "TCPMinTTLDrop") == 0 and ns.counters["TcpExtTCPMinTTLDrop"] == 0


def test_a_kernel_without_the_counter_gives_none_not_zero():
    # 2.6.32 (Debian 6, RHEL 6) has no PFMemallocDrop column (added in 3.6).
    text = "TcpExt: SyncookiesSent TCPBacklogDrop TCPMinTTLDrop\nTcpExt: 0 4 0\n"
    assert ProcNetNetstat(context_wrap(text)).get("TcpExt", "PFMemallocDrop") is None


def test_broken_netstat_pairs_are_reported_not_raised():
    parsed = ProcNetNetstat(context_wrap("TcpExt: A B C\nTcpExt: 1 2\nIpExt: X\nIpExt: 7\nUdpLite: Y\n"))
    assert parsed.sections == {"IpExt": {"X": 7}}
    assert len(parsed.problems) == 2


def test_nstat_name_of_32_characters_runs_into_its_value():
    name = "TcpExtTCPFastOpenPassiveAltKeyXY"  # 32 characters: "%-32s" adds no space
    parsed = Nstat(context_wrap("#kernel\n%s%-16d%6.1f\n" % (name, 5, 0.0)))
    assert parsed.counters == {name: 5}


@given(st.dictionaries(st.from_regex(r"[A-Z][A-Za-z]{2,20}", fullmatch=True), st.integers(0, 2 ** 63), min_size=1))
def test_nstat_reads_back_what_nstat_prints(counters):
    text = "#kernel\n" + "".join("%-32s%-16d%6.1f\n" % ("TcpExt" + k, v, 0.0) for k, v in counters.items())
    parsed = Nstat(context_wrap(text))
    assert {k: parsed.get("TcpExt", k) for k in counters} == counters


@given(st.lists(st.tuples(st.from_regex(r"[A-Z][A-Za-z]{2,20}", fullmatch=True), st.integers(0, 2 ** 63)),
                min_size=1, unique_by=lambda t: t[0]))
def test_proc_net_netstat_reads_back_any_pair(columns):
    text = "TcpExt: %s\nTcpExt: %s\n" % (" ".join(n for n, _ in columns), " ".join(str(v) for _, v in columns))
    assert ProcNetNetstat(context_wrap(text)).sections["TcpExt"] == dict(columns)


# vmxnet3 1.7 (drivers/net/vmxnet3/vmxnet3_ethtool.c): per-queue blocks repeat the same names.
VMXNET3 = """\
NIC statistics:
     Tx Queue#: 0
       TSO pkts tx: 0
       ucast pkts tx: 20991
     Rx Queue#: 0
       LRO pkts rx: 0
       ucast pkts rx: 912033
       drv dropped rx total: 0
          err: 0
          fcs: 0
       rx buf alloc fail: 3
     Rx Queue#: 1
       LRO pkts rx: 0
       ucast pkts rx: 801211
       drv dropped rx total: 0
          err: 0
          fcs: 0
       rx buf alloc fail: 5
     tx timeout count: 0
"""


def test_vmxnet3_queue_blocks_are_kept_apart():
    parsed = EthtoolStatistics(context_wrap(VMXNET3, path="/sos_commands/networking/ethtool_-S_ens192"))
    assert parsed.ifname == "ens192"
    assert parsed.data["rxq0 rx buf alloc fail"] == 3 and parsed.data["rxq1 rx buf alloc fail"] == 5
    assert parsed.data["tx timeout count"] == 0 and "rxq1 tx timeout count" not in parsed.data


@pytest.mark.parametrize("text", ["no stats available\n", "Cannot get stats strings information: Operation not supported\n"])
def test_driver_without_statistics(text):
    parsed = EthtoolStatistics(context_wrap(text, path=ETHTOOL_PATH))
    assert parsed.data == {} and parsed.problem.startswith("no statistics")
