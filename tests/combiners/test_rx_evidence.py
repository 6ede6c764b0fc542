"""RxEvidence: the SNMP sources joined (largest value kept, each listed), NIC totals, softnet apart."""

import doctest

from insights.parsers.softnet_stat import SoftNetStats
from insights.tests import context_wrap

from pagealloc.combiners import rx_evidence
from pagealloc.combiners.rx_evidence import RxEvidence
from pagealloc.parsers.ethtool_stats import EthtoolStatistics
from pagealloc.parsers.netstat_s import NetstatStatistics
from pagealloc.parsers.nstat import Nstat
from pagealloc.parsers.proc_net_netstat import ProcNetNetstat
from tests.parsers.fixtures import fixture_text

NETSTAT = "TcpExt: TCPBacklogDrop PFMemallocDrop TCPRcvQDrop\nTcpExt: 0 1742 0\n"


def mlx5():
    return EthtoolStatistics(context_wrap(fixture_text("network", "ethtool_-S_mlx5_core_4.18.txt"),
                                          path="/sos_commands/networking/ethtool_-S_ens1f0"))


def test_doc_examples():
    evidence = RxEvidence(ProcNetNetstat(context_wrap(NETSTAT)), None, None, [mlx5()], None)
    failed, _ = doctest.testmod(rx_evidence, globs={"rx_evidence": evidence})
    assert failed == 0


def test_sources_read_at_different_moments_keep_the_largest():
    later = Nstat(context_wrap("#kernel\nTcpExtPFMemallocDrop            1750               0.0\n"))
    evidence = RxEvidence(ProcNetNetstat(context_wrap(NETSTAT)), later, None, None, None)
    assert evidence.snmp["PFMemallocDrop"]["value"] == 1750
    assert evidence.snmp["PFMemallocDrop"]["sources"] == {"/proc/net/netstat": 1742, "nstat -zas": 1750}


def test_netstat_s_silence_is_not_a_zero():
    evidence = RxEvidence(None, None, NetstatStatistics(context_wrap("TcpExt:\n    TCPTimeouts: 2\n")), None, None)
    assert evidence.snmp == {} and evidence.pfmemalloc_drops is None and evidence.memory_evidence is False


def test_softnet_alone_is_no_memory_evidence():
    softnet = SoftNetStats(context_wrap("0000054f 00000010 000000ff 00000000 00000000 00000000 00000000 00000000 "
                                        "00000000 00000000 00000000\n"))
    evidence = RxEvidence(None, None, None, None, softnet)
    assert evidence.softnet == {"dropped": 16, "time_squeeze": 255, "cpus": 1}
    assert evidence.memory_evidence is False
