"""The drivers' rx allocation-failure counters: each family's real names, totals without double counting."""

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st
from insights.tests import context_wrap

from pagealloc.knowledge import nic_counters
from pagealloc.knowledge.nic_counters import (
    NOT_FAILURES,
    RX_ALLOC_FAILURE_COUNTERS,
    classify,
    nic_alloc_failures,
)
from pagealloc.parsers.ethtool_stats import EthtoolStatistics
from tests.parsers.fixtures import fixture_text


def test_doc_examples():
    failed, _ = doctest.testmod(nic_counters)
    assert failed == 0


# (fixture, driver families, total): totals worked out by hand from the fixture values.
FAMILIES = [
    ("ethtool_-S_mlx5_core_4.18.txt", ["mlx5"], 7),         # device-wide 7 (= rx0 3 + rx1 4, not 14)
    ("ethtool_-S_ixgbe_3.10.txt", ["ixgbe", "ixgbe, igb"], 21),  # alloc_rx_page_failed 21 + alloc_rx_buff_failed 0
    ("ethtool_-S_i40e_5.14.txt", ["i40e, ice"], 23),        # rx_alloc_fail 14 + rx_pg_alloc_fail 9
    ("ethtool_-S_ice_5.14.txt", ["i40e, ice"], 2),          # 0 + 2
    ("ethtool_-S_ena_4.14.txt", ["ena"], 39),               # page 31 + 6, skb 0 + 2
    ("ethtool_-S_bnxt_en_6.6.txt", ["bnxt"], 17),
    ("ethtool_-S_hv_netvsc_5.14.txt", ["hv_netvsc"], 4),    # rx_no_memory only, not tx_no_memory
    ("ethtool_-S_fm10k_4.18.txt", ["fm10k"], 8),
    ("ethtool_-S_vmxnet3_5.14.txt", ["vmxnet3"], 8),        # rxq0 3 + rxq1 5
    ("ethtool_-S_virtio_net_4.18.txt", [], 0),              # virtio_net has no such counter
]


@pytest.mark.parametrize("name, drivers, total", FAMILIES)
def test_each_driver_family(name, drivers, total):
    stats = EthtoolStatistics(context_wrap(fixture_text("network", name), path="/x/ethtool_-S_eth0"))
    found = nic_alloc_failures(stats.data)
    assert sorted(found["drivers"]) == sorted(drivers)
    assert found["total"] == total
    assert found["by_name_only"] == []


def test_page_pool_statistics_are_not_failures():
    for name, _ in NOT_FAILURES:
        assert classify(name) is None
    assert classify("rx3_pp_alloc_slow") is None


def test_unknown_driver_counter_is_recognised_by_name_only():
    found = nic_alloc_failures({"rx_alloc_failed_pages": 3, "tx_alloc_fail": 9, "rx_errors": 4})
    assert found["by_name_only"] == ["rx_alloc_failed_pages"] and found["total"] == 3


def test_every_row_cites_its_source():
    for row in RX_ALLOC_FAILURE_COUNTERS:
        assert row.source.startswith("drivers/net/") and (row.total or row.per_queue)


@given(st.lists(st.integers(0, 10 ** 9), min_size=1, max_size=16))
def test_per_queue_sum_or_device_total_never_both(values):
    queues = {"rx%d_buff_alloc_err" % i: v for i, v in enumerate(values)}
    assert nic_alloc_failures(queues)["total"] == sum(values)
    assert nic_alloc_failures(dict(queues, rx_buff_alloc_err=sum(values)))["total"] == sum(values)
    ena = {"queue_%d_rx_page_alloc_fail" % i: v for i, v in enumerate(values)}
    assert nic_alloc_failures(ena)["total"] == sum(values)
