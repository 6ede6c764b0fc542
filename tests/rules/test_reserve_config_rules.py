"""
The rules about the reserve's configuration rather than a logged failure:
MIN_FREE_KBYTES_TOO_HIGH, the persistence rule (NOT_PERSISTED /
PERSISTED_NOT_APPLIED / PERSISTED_VALUE_OVERRIDDEN) and SILENT_RX_ALLOC_FAILURES.

Hosts: the seed host (default 2038, MemTotal 254648 kB) and the RHEL 8 guest of
tests/fixtures/rules/rhel8_host/README (default 67584, MemTotal 16437208 kB).
"""

from insights.formats import render

from pagealloc.rules import min_free_kbytes_persistence as persistence
from pagealloc.rules import min_free_kbytes_too_high as too_high
from pagealloc.rules import silent_rx_alloc_failures as silent
from tests.rules.inputs import fixture, host, rhel8_host, run, said

ENA_STATS = fixture("rules", "rhel8_host", "ethtool_-S_eth1_ena")
HPC_COMPUTE = ("/usr/lib/tuned/hpc-compute/tuned.conf",
               "#\n# tuned configuration\n#\n\n[main]\nsummary=Optimize for HPC compute workloads\n"
               "include=latency-performance\n\n[vm]\ntransparent_hugepages=always\n\n[sysctl]\n"
               "vm.min_free_kbytes=135168\n")


# --- MIN_FREE_KBYTES_TOO_HIGH ------------------------------------------------

def test_a_gibibyte_reserve_on_16_gb_is_too_high():
    # 1048576 / 16437208 = 6.38% > 5%.  Suggested: 2 x 67584 = 135168 (0.82%).
    data = rhel8_host(min_free="1048576", sysctl_d=[("/etc/sysctl.d/90-vm.conf", "vm.min_free_kbytes = 1048576\n")])
    result = run(too_high.report, data)
    assert result["error_key"] == "MIN_FREE_KBYTES_TOO_HIGH"
    assert (result["percent_of_memtotal"], result["threshold_percent"]) == (6.38, 5.0)
    assert result["suggested"]["value"] == 135168
    assert result["remediation"]["runtime_command"] == "sysctl -w vm.min_free_kbytes=135168"
    assert result["remediation"]["sysctl_d_file"]["path"] == "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"
    assert result["remediation"]["conflicts"] == [
        {"path": "/etc/sysctl.d/90-vm.conf", "line": 1, "value": 1048576, "must_change": False,
         "reason": "overridden_by_new_file"}]
    assert "6.38% of MemTotal (16437208 kB)" in render(too_high.report, result)


def test_reserves_below_five_percent_are_not_too_high():
    # 5% of 16437208 = 821860.4: 821860 is not above it; the default is not either.
    assert run(too_high.report, rhel8_host(min_free="821860")) is None
    assert run(too_high.report, rhel8_host()) is None
    assert run(too_high.report, host(min_free="4096")) is None


# --- persistence ------------------------------------------------------------

def test_runtime_raise_without_a_file_is_not_persisted():
    # The seed author's `echo 4096 > /proc/sys/vm/min_free_kbytes`, nothing written yet.
    result = run(persistence.report, host(min_free="4096"))
    assert result["error_key"] == "MIN_FREE_KBYTES_NOT_PERSISTED"
    assert (result["current"], result["default"], result["persisted_value"]) == (4096, 2038, None)
    assert result["remediation"]["sysctl_d_file"] == {
        "path": "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf", "content": "vm.min_free_kbytes = 4096\n"}
    assert result["unchecked_setters"] == persistence.UNCHECKED_SETTERS
    assert "the value is lost at the next reboot" in render(persistence.report, result)


def test_file_written_but_not_applied():
    # /etc/sysctl.d/local.conf says 4096 (the seed's fix) but the kernel still runs 2038.
    data = host(sysctl_d=[("/etc/sysctl.d/local.conf", "vm.min_free_kbytes=4096\n")])
    result = run(persistence.report, data)
    assert result["error_key"] == "MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED"
    assert (result["winning_file"], result["persisted_value"], result["current"]) == (
        "/etc/sysctl.d/local.conf", 4096, 2038)
    assert result["apply_command"] == "sysctl --system"


def test_sysctl_conf_overriding_a_sysctl_d_file():
    # sysctl --system applies /etc/sysctl.conf last: 4096 wins over 90-net.conf's 8192.
    data = host(min_free="4096", sysctl_conf="vm.min_free_kbytes = 4096\n",
                sysctl_d=[("/etc/sysctl.d/90-net.conf", "# NIC tuning\nvm.min_free_kbytes = 8192\n")])
    result = run(persistence.report, data)
    assert result["error_key"] == "PERSISTED_VALUE_OVERRIDDEN"
    assert (result["winning_file"], result["persisted_value"]) == ("/etc/sysctl.conf", 4096)
    assert result["overridden"] == [{"path": "/etc/sysctl.d/90-net.conf", "value": 8192, "line": 2}]
    assert "Overridden: /etc/sysctl.d/90-net.conf (8192 kB)" in render(persistence.report, result)


def test_user_file_overriding_a_tuned_profile():
    # hpc-compute sets 135168; TuneD re-applies /etc/sysctl.d after its profile, so 99-local's 270336 wins.
    data = rhel8_host(min_free="270336", tuned=("hpc-compute", [HPC_COMPUTE]),
                      sysctl_d=[("/etc/sysctl.d/99-local.conf", "vm.min_free_kbytes = 270336\n")])
    result = run(persistence.report, data)
    assert result["error_key"] == "PERSISTED_VALUE_OVERRIDDEN"
    assert result["winning_file"] == "/etc/sysctl.d/99-local.conf"
    assert result["overridden"] == [{"path": "/usr/lib/tuned/hpc-compute/tuned.conf", "value": 135168,
                                     "line": None, "tuned_profile": "hpc-compute"}]


def test_unread_tuned_profile_makes_persistence_unknown_not_a_failure():
    # Runtime 4096 on the seed host, no sysctl file sets it, TuneD's active profile is
    # hpc-compute but its tuned.conf was not collected: it may be what sets 4096 at boot.
    result = run(persistence.report, host(min_free="4096", tuned=("hpc-compute", [])))
    assert result["type"] == "info"
    assert result["info_key"] == "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN"
    assert result["suspected"] == "MIN_FREE_KBYTES_NOT_PERSISTED"
    assert result["unread_tuned_profiles"] == ["hpc-compute"]
    assert result["missing_inputs"] == ["tuned profile hpc-compute"]
    assert (result["current"], result["persisted_value"]) == (4096, None)
    text = said(result)  # the human report's words
    assert "the TuneD profile hpc-compute applied at boot was not in the input" in text
    assert "sets None" not in text and "sets None" not in render(persistence.report, result)
    assert "the TuneD profile hpc-compute was not collected and may set it at boot" in " ".join(
        render(persistence.report, result).split())


def test_read_tuned_profile_or_a_user_file_settles_persistence():
    # The active profile was collected and sets nothing: NOT_PERSISTED stands.
    balanced = ("/usr/lib/tuned/balanced/tuned.conf", "[main]\nsummary=General non-specialized tuned profile\n")
    result = run(persistence.report, host(min_free="4096", tuned=("balanced", [balanced])))
    assert result["error_key"] == "MIN_FREE_KBYTES_NOT_PERSISTED"
    assert "TuneD profile" not in render(persistence.report, result)
    # An /etc/sysctl.d file is re-applied after any TuneD profile: 8192 wins whatever hpc-compute sets.
    data = host(min_free="4096", tuned=("hpc-compute", []),
                sysctl_d=[("/etc/sysctl.d/90-net.conf", "vm.min_free_kbytes = 8192\n")])
    result = run(persistence.report, data)
    assert (result["error_key"], result["winning_file"]) == ("MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED",
                                                             "/etc/sysctl.d/90-net.conf")


def test_consistent_configuration_is_silent():
    assert run(persistence.report, host()) is None  # default, nothing persisted
    persisted = host(min_free="4096", sysctl_d=[("/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
                                                  "vm.min_free_kbytes = 4096\n")])
    assert run(persistence.report, persisted) is None
    # TuneD's own value, applied, nothing else setting it.
    assert run(persistence.report, rhel8_host(min_free="135168", tuned=("hpc-compute", [HPC_COMPUTE]))) is None


def test_persistence_says_nothing_without_the_sysctl_files():
    assert run(persistence.report, host(min_free="4096", sysctl_conf=None)) is None


# --- SILENT_RX_ALLOC_FAILURES -------------------------------------------------

def test_ena_rx_page_alloc_failures_with_the_default_reserve():
    # 37 failed rx page allocations, reserve at the default 67584: 2 x 67584 = 135168
    # (= 132 MiB exactly; 3% cap 493116; MemTotal below 16 GiB so no 128 MiB floor).
    result = run(silent.report, rhel8_host(ethtool_s=[("eth1", ENA_STATS)]))
    assert result["error_key"] == "SILENT_RX_ALLOC_FAILURES"
    assert result["nics"] == [{"name": "eth1", "counters": {"queue_0_rx_page_alloc_fail": 37}, "total": 37,
                               "summary": {"queue_N_rx_page_alloc_fail (1 queue)": 37},
                               "drivers": ["ena"], "by_name_only": []}]
    assert (result["silent_failures"], result["printed_reports"], result["confidence"]) == (37, 0, "medium")
    assert result["recommendation"]["value"] == 135168
    assert result["remediation"]["sysctl_d_file"]["content"] == "vm.min_free_kbytes = 135168\n"
    assert "eth1 (ena): queue_N_rx_page_alloc_fail (1 queue)=37" in render(silent.report, result)


def test_silent_rule_needs_counters_and_a_default_reserve():
    zero = ENA_STATS.replace("queue_0_rx_page_alloc_fail: 37", "queue_0_rx_page_alloc_fail: 0")
    assert run(silent.report, rhel8_host(ethtool_s=[("eth1", zero)])) is None
    assert run(silent.report, rhel8_host(min_free="135168", ethtool_s=[("eth1", ENA_STATS)])) is None
