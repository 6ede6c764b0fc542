"""
NIC receive allocation-failure counters
=======================================

``ethtool -S`` counter names that count failed receive-buffer allocations.
Many drivers refill rx rings with ``__GFP_NOWARN`` (page_pool,
``dev_alloc_pages``), and since 2025 page_pool forces NOWARN for atomic
allocations, so these counters are often the only trace of the failures.

One row per counter: the driver family, the name the driver prints for the
whole device (``total``) and/or the per-queue names (``per_queue``, a regular
expression), what it counts and the driver source that defines and increments
it.  A device's total for a counter is the device-wide value when the driver
prints one (mlx5 prints both and the sum would count twice), else the sum of
its queues.

Counters that are *not* failures are kept apart: the generic page_pool
statistics (``rx_pp_alloc_fast``/``slow``/``slow_ho``/``empty``/``refill``/
``waive``, net/core/page_pool.c ``pp_stats[]``) count where pages came from,
and none of them counts a failed allocation.

A counter of a driver not in the table is still recognised when its name says
"rx ... alloc ... fail/err" (``GENERIC``), and reported as recognised by name.

Examples:
    >>> is_rx_alloc_failure_counter("rx_alloc_fail")
    True
    >>> is_rx_alloc_failure_counter("queue_3_rx_page_alloc_fail")
    True
    >>> is_rx_alloc_failure_counter("alloc_rx_page")        # ixgbe: pages allocated, not failures
    False
    >>> is_rx_alloc_failure_counter("rx_pp_alloc_slow")     # page_pool: slow-path allocations
    False
    >>> nic_alloc_failures({"rx_buff_alloc_err": 7, "rx0_buff_alloc_err": 3, "rx1_buff_alloc_err": 4})["total"]
    7
    >>> nic_alloc_failures({"queue_0_rx_page_alloc_fail": 5, "queue_1_rx_page_alloc_fail": 2})["summary"]
    {'queue_N_rx_page_alloc_fail (2 queues)': 7}
"""

import re
from collections import namedtuple

NicCounter = namedtuple("NicCounter", "driver total per_queue meaning source")

RX_ALLOC_FAILURE_COUNTERS = (
    NicCounter("mlx5", "rx_buff_alloc_err", r"rx\d+_buff_alloc_err",
               "rx buffers (pages) the driver could not allocate when refilling a ring",
               "drivers/net/ethernet/mellanox/mlx5/core/en_stats.c (sw_stats_desc; rq_stats_desc "
               "MLX5E_DECLARE_RX_STAT \"rx%d_\"#fld), incremented in en_rx.c when a WQE cannot be posted"),
    NicCounter("ixgbe", "alloc_rx_page_failed", None,
               "rx pages the driver could not allocate",
               "drivers/net/ethernet/intel/ixgbe/ixgbe_ethtool.c ixgbe_gstrings_stats; "
               "ixgbe_main.c ixgbe_alloc_mapped_page()"),
    NicCounter("ixgbe, igb", "alloc_rx_buff_failed", None,
               "rx buffers (skb or DMA mapping) the driver could not allocate",
               "drivers/net/ethernet/intel/ixgbe/ixgbe_ethtool.c ixgbe_gstrings_stats; igb_ethtool.c"),
    NicCounter("i40e, ice", "rx_alloc_fail", None,
               "rx buffers the driver could not allocate (rx_buf_failed)",
               "drivers/net/ethernet/intel/i40e/i40e_ethtool.c i40e_gstrings_misc_stats; "
               "ice/ice_ethtool.c ice_gstrings_vsi_stats"),
    NicCounter("i40e, ice", "rx_pg_alloc_fail", None,
               "rx pages the driver could not allocate (rx_page_failed)",
               "drivers/net/ethernet/intel/i40e/i40e_ethtool.c i40e_gstrings_misc_stats; "
               "ice/ice_ethtool.c ice_gstrings_vsi_stats"),
    NicCounter("ena", None, r"queue_\d+_rx_page_alloc_fail",
               "rx pages the driver could not allocate, per queue",
               "drivers/net/ethernet/amazon/ena/ena_ethtool.c ena_stats_rx_strings "
               "ENA_STAT_RX_ENTRY(page_alloc_fail), printed \"queue_%u_rx_%s\""),
    NicCounter("ena", None, r"queue_\d+_rx_skb_alloc_fail",
               "rx skbs the driver could not allocate, per queue",
               "drivers/net/ethernet/amazon/ena/ena_ethtool.c ena_stats_rx_strings ENA_STAT_RX_ENTRY(skb_alloc_fail)"),
    NicCounter("bnxt", "rx_total_oom_discards", None,
               "received packets discarded because no replacement rx buffer could be allocated",
               "drivers/net/ethernet/broadcom/bnxt/bnxt_ethtool.c bnxt_ring_err_stats_arr"),
    NicCounter("vmxnet3", None, r"rxq\d+ rx buf alloc fail",
               "rx buffers the driver could not allocate, per rx queue (struct field rx_buf_alloc_failure)",
               "drivers/net/vmxnet3/vmxnet3_ethtool.c vmxnet3_rq_driver_stats \"  rx buf alloc fail\""),
    NicCounter("hv_netvsc", "rx_no_memory", None,
               "received packets dropped because no skb could be allocated",
               "drivers/net/hyperv/netvsc_drv.c netvsc_stats (struct netvsc_ethtool_stats rx_no_memory)"),
    NicCounter("fm10k", "rx_alloc_failed", None,
               "rx buffers the driver could not allocate (alloc_failed)",
               "drivers/net/ethernet/intel/fm10k/fm10k_ethtool.c fm10k_gstrings_global_stats"),
    NicCounter("gve", "rx_buf_alloc_fail", None,
               "rx buffers the driver could not allocate",
               "drivers/net/ethernet/google/gve/gve_ethtool.c gve_gstrings_main_stats"),
    NicCounter("gve", "rx_skb_alloc_fail", None,
               "rx skbs the driver could not allocate",
               "drivers/net/ethernet/google/gve/gve_ethtool.c gve_gstrings_main_stats"),
)

# Names that are never failures although they look close (see the module docstring).
NOT_FAILURES = (
    ("alloc_rx_page", "ixgbe: rx pages allocated (ixgbe_gstrings_stats)"),
    ("rx_pp_alloc_fast", "page_pool: allocations served from the cache (net/core/page_pool.c pp_stats)"),
    ("rx_pp_alloc_slow", "page_pool: order-0 allocations that went to the page allocator"),
    ("rx_pp_alloc_slow_ho", "page_pool: high-order allocations that went to the page allocator"),
    ("rx_pp_alloc_empty", "page_pool: ptr ring empty, a slow-path allocation was forced"),
    ("rx_pp_alloc_refill", "page_pool: allocations that refilled the cache"),
    ("rx_pp_alloc_waive", "page_pool: pages not recycled because of a NUMA node mismatch"),
)
_NOT_FAILURES = {name for name, _ in NOT_FAILURES}

GENERIC = NicCounter("unknown driver", None, None,
                     "a counter whose name says rx allocation failure (recognised by name only)", "")
# "rx..alloc..fail|err" in any order, no "tx" anywhere: unknown drivers' counters.
_GENERIC = re.compile(r"^(?!.*\btx)(?=.*rx)(?=.*alloc).*(?:fail|err)", re.IGNORECASE)


def _compile():
    rows = []
    for row in RX_ALLOC_FAILURE_COUNTERS:
        total = re.compile(re.escape(row.total) + "$") if row.total else None
        per_queue = re.compile(row.per_queue + "$") if row.per_queue else None
        rows.append((row, total, per_queue))
    return rows


_ROWS = _compile()


def classify(name):
    """(row, "total" | "per_queue") for a counter name, or None when it counts no failure."""
    if not name or name in _NOT_FAILURES:
        return None
    for row, total, per_queue in _ROWS:
        if total is not None and total.match(name):
            return row, "total"
        if per_queue is not None and per_queue.match(name):
            return row, "per_queue"
    if _GENERIC.search(name.replace("_", " ")):
        return GENERIC, "total"
    return None


def is_rx_alloc_failure_counter(name):
    return classify(name) is not None


def rx_alloc_failure_counters(stats):
    """The subset of an ``ethtool -S`` dict (name -> int) that counts rx allocation failures."""
    return {name: value for name, value in (stats or {}).items()
            if isinstance(value, int) and is_rx_alloc_failure_counter(name)}


def nic_alloc_failures(stats):
    """
    ``{"counters": {name: value}, "total": int, "summary": {label: value}, "drivers": [..],
    "by_name_only": [..]}`` for one device's ``ethtool -S`` dict: device-wide counters when
    printed, else the sum of the per-queue ones (never both); ``summary`` names each summed
    counter once (``"queue_N_rx_page_alloc_fail (2 queues)": 37``).
    """
    counters = rx_alloc_failure_counters(stats)
    totals, queues, labels, drivers, by_name = {}, {}, {}, [], []
    for name, value in counters.items():
        row, scope = classify(name)
        if row is GENERIC:
            by_name.append(name)
            totals[name] = value
            continue
        if row.driver not in drivers:
            drivers.append(row.driver)
        key = (row.driver, row.total or row.per_queue)
        if scope == "total":
            totals[key] = value
            labels[key] = name
        else:
            queues[key] = queues.get(key, 0) + value
            labels.setdefault(key, [])
            if isinstance(labels[key], list):
                labels[key].append(name)
    summary = {}
    for key, value in list(totals.items()) + [(k, v) for k, v in queues.items() if k not in totals]:
        label = labels.get(key, key)
        if isinstance(label, list):
            label = "%s (%d queue%s)" % (re.sub(r"\d+", "N", label[0]), len(label), "" if len(label) == 1 else "s")
        summary[label] = value
    return {"counters": counters, "total": sum(summary.values()), "summary": summary, "drivers": drivers,
            "by_name_only": by_name}
