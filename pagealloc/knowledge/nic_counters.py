"""
NIC receive allocation-failure counters
=======================================

``ethtool -S`` counter names that count failed receive-buffer allocations.
From 5.4 many drivers allocate rx pages with ``__GFP_NOWARN`` (page_pool,
``dev_alloc_pages``), so these counters are the only trace of the failures.
One row per driver family: (counter name, driver source that increments it).

Examples:
    >>> is_rx_alloc_failure_counter("rx_alloc_fail")
    True
    >>> is_rx_alloc_failure_counter("rx_queue_0_alloc_rx_page_failed")
    True
    >>> is_rx_alloc_failure_counter("rx_packets")
    False
"""

import re

RX_ALLOC_FAILURE_COUNTERS = (
    ("rx_alloc_fail", "drivers/net/ethernet/amazon/ena (ena_netdev.c), bnxt"),
    ("alloc_rx_page_failed", "drivers/net/ethernet/intel/ixgbe, i40e, ice, igb (*_alloc_rx_buffers)"),
    ("alloc_rx_buff_failed", "drivers/net/ethernet/intel/ixgbe, igb, e1000e"),
    ("rx_pg_alloc_fail", "drivers/net/ethernet/broadcom/bnx2x (bnx2x_ethtool.c)"),
    ("rx_skb_alloc_fail", "drivers/net/ethernet/broadcom/bnx2x"),
    ("rx_buff_alloc_err", "drivers/net/ethernet/mellanox/mlx5 (en_stats.c)"),
    ("rx_alloc_failed", "drivers/net/ethernet/cavium, hisilicon hns3"),
    ("rx_page_alloc_fail", "drivers/net/ethernet/google/gve (gve_ethtool.c)"),
    ("rx_buf_alloc_fail", "drivers/net/ethernet/google/gve, qlogic qede"),
    ("rx_pp_alloc_fail", "drivers/net/ethernet/mellanox/mlx5 page_pool stats (en_stats.c)"),
)
_PATTERN = re.compile(r"(?:^|_)(?:%s)(?:_|$)" % "|".join(re.escape(name) for name, _ in RX_ALLOC_FAILURE_COUNTERS))


def is_rx_alloc_failure_counter(name):
    return bool(_PATTERN.search(name or ""))


def rx_alloc_failure_counters(stats):
    """The subset of an ``ethtool -S`` dict (name -> int) that counts rx allocation failures."""
    return {name: value for name, value in (stats or {}).items()
            if is_rx_alloc_failure_counter(name) and isinstance(value, int)}
