"""
SILENT_RX_ALLOC_FAILURES through the real chain: specs -> parsers -> RxEvidence/MemoryPicture -> rule.

Inputs: the RHEL 8 guest of tests/fixtures/rules/rhel8_host (reserve at its default 67584 kB,
recommended 2 x 67584 = 135168 kB, see test_reserve_config_rules) plus the receive-evidence
fixtures of tests/fixtures/network (README there).
"""

import os

from insights.specs import Specs as CoreSpecs
from jinja2 import Template

from pagealloc.evaluate import evaluate_path
from pagealloc.rules import min_free_kbytes_low_atomic_rx as main_rule
from pagealloc.rules import silent_rx_alloc_failures as silent
from pagealloc.specs import Specs
from tests.parsers.fixtures import fixture_text
from tests.rules.inputs import RHEL8_BOOT_DMESG, fixture, rhel8_host, run, said

PROC_NETSTAT = (Specs.proc_net_netstat, "/proc/net/netstat", fixture_text("network", "proc_net_netstat_6.18_debian12.txt"))
NSTAT = (Specs.nstat, "/sos_commands/networking/nstat_-zas", fixture_text("network", "nstat_-zas_iproute2-6.1_6.18.txt"))
NETSTAT_S = (Specs.netstat_s, "/sos_commands/networking/netstat_-s",
             fixture_text("network", "netstat_-s_net-tools-2.10_6.18.txt"))
# 4 CPUs (4.18 layout, 11 columns): dropped 0+0+0+0, time_squeeze 0x4bb + 0x3d1 = 1211 + 977 = 2188.
SOFTNET = (CoreSpecs.softnet_stat, "/proc/net/softnet_stat",
           "365c2a58 00000000 000004bb 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n"
           "30670558 00000000 000003d1 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n"
           "188e6b58 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n"
           "1298a958 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000\n")


def test_pfmemalloc_drops_alone_fire_with_no_printed_report():
    result = run(silent.report, rhel8_host(files=[PROC_NETSTAT, NSTAT, NETSTAT_S]))
    assert result["error_key"] == "SILENT_RX_ALLOC_FAILURES"
    assert result["pfmemalloc_drops"] == {"value": 1742, "since": "3.6", "sources": {
        "/proc/net/netstat": 1742, "nstat -zas": 1742, "netstat -s": 1742}}
    assert (result["nics"], result["silent_failures"], result["printed_reports"]) == ([], 1742, 0)
    assert result["confidence"] == "medium"
    assert result["recommendation"]["value"] == 135168
    # TCPRcvQDrop=12 is socket memory: said, never counted.
    assert [item["input"] for item in result["not_memory"]] == ["TcpExt TCPRcvQDrop"]
    assert [c["id"] for c in result["collect_next"]][:2] == ["nstat_pfmemalloc", "ethtool_alloc"]


def test_cpu_budget_alone_never_fires():
    zero = PROC_NETSTAT[2].replace(" 1742 ", " 0 ")
    assert run(silent.report, rhel8_host(files=[SOFTNET, (Specs.proc_net_netstat, "/proc/net/netstat", zero)])) is None


def test_softnet_squeezes_are_reported_as_cpu_budget_next_to_memory_evidence():
    result = run(silent.report, rhel8_host(files=[PROC_NETSTAT, SOFTNET]))
    squeeze = [item for item in result["not_memory"] if item["input"] == "/proc/net/softnet_stat"]
    assert squeeze[0]["time_squeeze"] == 2188 and squeeze[0]["dropped"] == 0
    assert "CPU budget" in squeeze[0]["text"]


def test_raised_reserve_keeps_it_quiet():
    assert run(silent.report, rhel8_host(min_free="135168", files=[PROC_NETSTAT])) is None


def test_printed_receive_reports_raise_the_confidence():
    dmesg = RHEL8_BOOT_DMESG + fixture("logs", "dmesg_4.18_rhel8_mlx5_numa_slub.txt")
    mlx5 = fixture_text("network", "ethtool_-S_mlx5_core_4.18.txt")
    result = run(silent.report, rhel8_host(dmesg=dmesg, ethtool_s=[("ens1f0", mlx5)], files=[PROC_NETSTAT]))
    assert result["printed_reports"] >= 1 and result["confidence"] == "high"
    # 1742 drops + mlx5 device-wide rx_buff_alloc_err 7 (its rings 3 + 4 are not added again).
    assert result["silent_failures"] == 1749


def test_bundled_example_without_a_printed_report(examples_dir):
    result = evaluate_path(os.path.join(examples_dir, "sosreport-mlx5-silent-rx"))
    fail = [v for v in result["verdicts"] if v["type"] == "fail"]
    assert [v["key"] for v in fail] == ["SILENT_RX_ALLOC_FAILURES"]
    # MIN_FREE_KBYTES_OK no longer prints beside it (it did before: "no failure in the logs").
    assert [v["key"] for v in result["verdicts"]] == ["SILENT_RX_ALLOC_FAILURES"]
    details = fail[0]["details"]
    # make_examples.py: PFMemallocDrop 18233; rx_buff_alloc_err 1290 (= 611 + 402 + 177 + 100).
    assert details["silent_failures"] == 18233 + 1290
    assert details["nics"][0]["summary"] == {"rx_buff_alloc_err": 1290}
    assert details["recommendation"]["value"] == 135168
    # softnet time_squeeze 1203 + 977 + 311 + 102 = 2593, CPU budget.
    assert "time_squeeze=2593" in fail[0]["content"] and "not memory" in fail[0]["content"]
    assert result["events"] == []


# The main rule with the same counters (issue 15: "with printed reports too, they raise the count and
# the confidence"; the remediation names the collect-next commands when the counters are missing).

# The RHEL 8 report without its zone lines (a log cut to the trace): the replay cannot run and the
# reports cannot show the reserve exhausted ("no_zone_evidence").
MLX5_NO_ZONES = "\n".join(line for line in fixture("logs", "dmesg_4.18_rhel8_mlx5_numa_slub.txt").split("\n")
                          if " free:" not in line and "lowmem_reserve" not in line)


def test_main_rule_cites_the_silent_counters_and_they_answer_the_doubt_about_exhaustion():
    mlx5 = fixture_text("network", "ethtool_-S_mlx5_core_4.18.txt")
    without = run(main_rule.report, rhel8_host(dmesg=RHEL8_BOOT_DMESG + MLX5_NO_ZONES))
    with_counters = run(main_rule.report, rhel8_host(dmesg=RHEL8_BOOT_DMESG + MLX5_NO_ZONES,
                                                     ethtool_s=[("ens1f0", mlx5)], files=[PROC_NETSTAT]))
    assert without["error_key"] == with_counters["error_key"] == "MIN_FREE_KBYTES_LOW_ATOMIC_RX"
    # Weak: no_zone_evidence, reports_truncated -> low; the counters answer no_zone_evidence -> medium.
    assert without["confidence"]["level"] == "low" and with_counters["confidence"]["level"] == "medium"
    assert "silent_rx_counters_agree" in with_counters["confidence"]["reasons"]
    assert "no_zone_evidence" in with_counters["confidence"]["reasons"]  # the doubt stays listed
    # 1742 PFMemallocDrop + mlx5 rx_buff_alloc_err 7.
    assert with_counters["failures"]["silent"] == {"pfmemalloc_drops": 1742, "nic_failures": 7,
                                                   "nics": ["ens1f0"], "total": 1749}
    assert with_counters["collect_next"] == []
    assert "(and 1749 never printed, counted since boot)" in render(main_rule, with_counters)
    assert ("Beyond the printed reports, counted since boot and never logged: TcpExt PFMemallocDrop 1742; 7 rx "
            "allocation failures (ens1f0).") in said(with_counters)  # the human report's words


def test_main_rule_names_what_to_collect_when_the_counters_are_missing():
    result = run(main_rule.report, rhel8_host(dmesg=RHEL8_BOOT_DMESG + MLX5_NO_ZONES))
    assert result["failures"]["silent"] is None
    # 4.18: PFMemallocDrop (3.6+), perf kmem --page and the pfn == -1 tracepoint (4.1+).
    assert [c["id"] for c in result["collect_next"]] == [
        "nstat_pfmemalloc", "ethtool_alloc", "perf_kmem_page", "bpftrace_failed_page_alloc"]
    text = said(result)  # the human report's words
    assert "The receive counters were not collected" in text
    assert "nstat -az TcpExtPFMemallocDrop; sleep 60; nstat -az TcpExtPFMemallocDrop" in text
    assert "perf kmem --page record -a sleep 60" in text and "perf kmem --page stat" in text  # a line each


def test_counters_of_zero_need_no_collect_next_and_change_nothing():
    zero = (Specs.proc_net_netstat, "/proc/net/netstat", PROC_NETSTAT[2].replace(" 1742 ", " 0 "))
    result = run(main_rule.report, rhel8_host(dmesg=RHEL8_BOOT_DMESG + MLX5_NO_ZONES, files=[zero]))
    assert result["failures"]["silent"]["total"] == 0 and result["collect_next"] == []
    assert result["confidence"]["level"] == "low" and "silent_rx_counters_agree" not in result["confidence"]["reasons"]


def test_no_ok_beside_a_silent_failure_verdict():
    data = rhel8_host(files=[PROC_NETSTAT])
    assert run(silent.report, data)["error_key"] == "SILENT_RX_ALLOC_FAILURES"
    assert run(main_rule.report, rhel8_host(files=[PROC_NETSTAT])) is None
    # Without the counters the same host passes, as before.
    assert run(main_rule.report, rhel8_host())["pass_key"] == "MIN_FREE_KBYTES_OK"


def render(module, result):
    return Template(module.CONTENT[result["error_key"]]).render(**result)
