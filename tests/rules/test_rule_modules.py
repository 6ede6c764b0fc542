"""Every rule module has the shape docs/rules.md promises: keys, CONTENT, links, tags."""

import importlib
import pkgutil

import pytest
from insights.core import dr
from insights.core.plugins import rule

import pagealloc.rules

MODULES = sorted(m.name for m in pkgutil.iter_modules(pagealloc.rules.__path__))
KEYS = {
    "alloc_mask_undecided": {"ALLOC_MASK_UNDECIDED"},
    "allocation_stall": {"ALLOCATION_STALL"},
    "failure_bursts": {"FAILURE_BURSTS"},
    "failure_reports_found": {"FAILURE_REPORTS_FOUND"},
    "high_order_atomic_failure": {"HIGH_ORDER_ATOMIC_FAILURE"},
    "high_order_atomic_rx_failure": {"HIGH_ORDER_ATOMIC_RX_FAILURE"},
    "known_kernel_bug": {"KNOWN_KERNEL_BUG"},
    "kernel_log_unread": {"INSUFFICIENT_DATA"},
    "memory_holders": {"MEMORY_HOLDERS"},
    "min_free_kbytes_low_atomic_rx": {"MIN_FREE_KBYTES_LOW_ATOMIC_RX", "MIN_FREE_KBYTES_OK", "MIN_FREE_KBYTES_RAISED_STILL_FAILING",
                                      "MIN_FREE_KBYTES_AT_POLICY_LIMIT", "INSUFFICIENT_DATA",
                                      "RESERVE_NOT_SHOWN_EXHAUSTED", "MIN_FREE_KBYTES_FIX_IN_PLACE",
                                      "FAILURES_NOT_FROM_THIS_SYSTEM"},
    "min_free_kbytes_low_atomic_other_path": {"MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH", "MIN_FREE_KBYTES_AT_POLICY_LIMIT",
                                              "INSUFFICIENT_DATA", "RESERVE_NOT_SHOWN_EXHAUSTED",
                                              "MIN_FREE_KBYTES_RAISED_STILL_FAILING"},
    "min_free_kbytes_persistence": {"MIN_FREE_KBYTES_NOT_PERSISTED", "MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED",
                                    "PERSISTED_VALUE_OVERRIDDEN", "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN"},
    "min_free_kbytes_too_high": {"MIN_FREE_KBYTES_TOO_HIGH"},
    "non_atomic_alloc_failure": {"NON_ATOMIC_ALLOC_FAILURE"},
    "nowait_alloc_failure": {"NOWAIT_ALLOC_FAILURE"},
    "rx_load_at_failure": {"RX_LOAD_AT_FAILURE"},
    "silent_rx_alloc_failures": {"SILENT_RX_ALLOC_FAILURES"},
    "vmalloc_failure": {"VMALLOC_FAILURE"},
    "watermark_scale_factor_advice": {"KSWAPD_WAKES_LATE"},
}


def test_every_rule_module_is_documented_here():
    assert MODULES == sorted(KEYS)


@pytest.mark.parametrize("name", MODULES)
def test_rule_module_declares_its_keys_content_links_and_tags(name):
    module = importlib.import_module("pagealloc.rules." + name)
    assert dr.get_component_type(module.report) is rule
    delegate = dr.get_delegate(module.report)
    assert delegate.links and all(urls for urls in delegate.links.values())
    assert all(url.startswith("https://") for urls in delegate.links.values() for url in urls)
    assert delegate.tags
    keys = {v for k, v in vars(module).items() if k.endswith("_KEY") and isinstance(v, str)}
    assert keys == KEYS[name]
    if isinstance(module.CONTENT, dict):
        assert set(module.CONTENT) == keys
    else:
        assert len(keys) == 1 and module.CONTENT.strip()
