"""
A result dictionary in the shape pagealloc.result.build_result returns, for
the seed host (Debian 2.6.32-5-686, 256 MB, e100): the renderers are tested
on it without running insights-core.

Hand-worked numbers: MemTotal 255680 kB (65520 pages RAM - 1858 reserved =
63662 pages ~ 254648 kB); the running vm.min_free_kbytes 2038 kB against a
computed default of 2032 kB (int_sqrt(16 x 258100 kB lowmem) = 2032), ratio
2038/2032 = 1.00.  The seed's zone lines: DMA free 992 kB > min 124 kB,
Normal free 716 kB < min 1908 kB.  The recommendation 8192 kB is the rules'
business; here it only has to be an integer the remediation carries.
"""

import copy

SEED_EVENT = {
    "kind": "page-allocation-failure", "source": "sos_commands/kernel/dmesg", "line": 1,
    "timestamp": 7873.855883, "wallclock": None, "host": None, "comm": "swapper", "pid": 0, "cpu": None,
    "kernel": "2.6.32-5-686", "order": 0, "gfp_mask": "0x20", "gfp_flags": ["GFP_ATOMIC"], "gfp_era": "<=4.3",
    "atomic": True, "context": "network-rx", "driver": "e100", "in_interrupt": True,
    "call_trace": ["__alloc_pages_nodemask", "alloc_slab_page", "__netdev_alloc_skb", "e100_rx_alloc_skb",
                   "e100_poll", "net_rx_action", "__do_softirq"],
    "zones": [
        {"node": None, "zone": "DMA", "free_kb": 992, "min_kb": 124, "low_kb": 152, "high_kb": 184,
         "lowmem_reserve": [0, 238, 238, 238]},
        {"node": None, "zone": "Normal", "free_kb": 716, "min_kb": 1908, "low_kb": 2384, "high_kb": 2860,
         "lowmem_reserve": [0, 0, 0, 0]},
    ],
    "buddy": {"DMA": {"0": 0, "1": 2}, "Normal": {"0": 179}},
    "slab": {"cache": "kmalloc-192", "object_size": 192, "min_order": 0},
    "suppressed": 0, "truncated": False,
}

REMEDIATION = {
    "runtime_command": "sysctl -w vm.min_free_kbytes=8192",
    "sysctl_d_file": {"path": "/etc/sysctl.d/90-pagealloc-min-free-kbytes.conf",
                      "content": "vm.min_free_kbytes = 8192\n"},
    "apply_command": "sysctl -p /etc/sysctl.d/90-pagealloc-min-free-kbytes.conf",
    "verify_command": "sysctl vm.min_free_kbytes",
    "conflicts": [{"path": "/etc/sysctl.conf", "line": 28, "value": 2038, "must_change": True,
                   "reason": "applied_last_by_sysctl_system"}],
    "unusable_settings": [{"path": "/etc/sysctl.d/50-tuning.conf", "line": 3,
                           "reason": "vm.min_free_kbytes = '4M': not an integer"}],
    "tuned": {"profile": "hpc-compute", "value": 135168, "file": "/usr/lib/tuned/hpc-compute/tuned.conf",
              "overridden_by_new_file": True},
}

SEED_RESULT = {
    "host": "web1",
    "source": "/cases/01234567/sosreport-web1.tar.xz",
    "verdicts": [
        {"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "key": "MIN_FREE_KBYTES_LOW_ATOMIC_RX",
         "type": "fail",
         "details": {"failures": {"count": 1, "drivers": ["e100"], "comms": ["swapper"]},
                     "min_free_kbytes": {"current": 2038, "default": 2032, "source": "/proc/sys/vm/min_free_kbytes"},
                     "recommendation": {"value": 8192}, "remediation": REMEDIATION},
         "content": "1 order-0 atomic page allocation failure in the network receive path, driver e100.\n"
                    "Recommended: vm.min_free_kbytes = 8192 kB"},
        {"rule": "pagealloc.rules.vmalloc_failure.report", "key": "VMALLOC_FAILURE_NONE", "type": "pass",
         "details": {}, "content": "No vmalloc failure."},
    ],
    "memory_picture": {
        "hostname": "web1", "kernel_release": "2.6.32-5-686", "arch": "i686", "page_size_kb": 4, "numa_nodes": 1,
        "mem_total_kb": 255680, "zones": [], "thp_enabled": None, "watermark_scale_factor": None,
        "min_free_kbytes": {"current": 2038, "source": "/proc/sys/vm/min_free_kbytes", "default": 2032,
                            "default_basis": {"basis": "computed", "error_kb": 0}, "ratio": 1.003,
                            "persisted": {"value": 2038, "winning_file": "/etc/sysctl.conf"}},
        "nics": [], "missing_inputs": ["tuned"],
    },
    "events": [SEED_EVENT],
    "errors": [],
    "pagealloc_version": "0.1.0",
    "input": {"kind": "sos", "packing": "tar.xz", "notes": []},
}


def healthy_result():
    result = copy.deepcopy(SEED_RESULT)
    result["verdicts"] = [v for v in result["verdicts"] if v["type"] == "pass"]
    result["events"] = []
    return result


def hostile_result(payload):
    """The seed result with ``payload`` in every string an archive controls."""
    result = copy.deepcopy(SEED_RESULT)
    result["host"] = result["memory_picture"]["hostname"] = payload
    result["source"] = "/cases/" + payload
    event = result["events"][0]
    event["comm"] = event["driver"] = event["zones"][1]["zone"] = event["kernel"] = payload
    result["memory_picture"]["kernel_release"] = payload
    result["verdicts"][0]["content"] = "driver " + payload
    result["input"]["notes"] = ["note " + payload]
    remediation = result["verdicts"][0]["details"]["remediation"]
    remediation["conflicts"][0]["path"] = remediation["unusable_settings"][0]["reason"] = payload
    remediation["tuned"]["profile"] = payload
    return result
