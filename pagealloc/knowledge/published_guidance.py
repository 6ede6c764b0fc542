"""
Published guidance - what others advise for vm.min_free_kbytes, beside pagealloc's value
=======================================================================================

The policy (:mod:`pagealloc.knowledge.recommendation`) chooses one value; an
engineer signing the change wants to see which published guidance it agrees
or disagrees with.  :data:`GUIDANCE` holds one row per source, each with the
rule it states, how that rule turns into kB for this host, and the source;
``document`` and ``context`` say in two or three words which document it is
and what case it is for (one publisher's documents say different things for
different cases: a remedy for drops under load, an upper limit).
:func:`compare` places a recommended value against every row;
:func:`per_node_floors` shows what the value gives each NUMA node: the kernel
spreads ``min_free_kbytes`` over the lowmem zones by their size
(``__setup_per_zone_wmarks()``, mm/page_alloc.c: ``pages_min * managed /
lowmem_pages``), and an atomic request may drain a zone to 3/8 of its share
(``__zone_watermark_ok()``), so a small node gets a small floor.

Examples:
    >>> rows = compare(4096, default_kb=2038, mem_total_kb=254648, numa_nodes=1, release="2.6.32-5-686")
    >>> [(r["id"], r["relation"]) for r in rows]
    [('kernel_default_clamp', 'within'), ('redhat_silent_rx_drops', 'below'), ('aws_ena', 'within'), ('oracle_oled_memstate', 'above'), ('rhel_tuning_ceiling', 'within')]
    >>> [(r["id"], r["value_kb"]) for r in rows if r["value_kb"]]
    [('redhat_silent_rx_drops', 20380), ('oracle_oled_memstate', 1273)]
"""

from pagealloc.knowledge import kernel_default
from pagealloc.knowledge.rx_burst import atomic_room_kb, burst_sizing
from pagealloc.knowledge.watermark_replay import alloc_floor_pages

KIB_PER_GIB = 1024 * 1024

# Each row: id, publisher, the document and the case it is for (short, for a table), the rule as
# the source states it, and its source (document and place).
GUIDANCE = (
    {"id": "kernel_default_clamp", "publisher": "Linux kernel", "document": None,
     "context": "default range",
     "rule": "the kernel's own default is clamp(int_sqrt(16 x lowmem kB), 128, 65536) kB; the upper clamp is "
             "262144 kB from 5.7",
     "source": "mm/page_alloc.c init_per_zone_wmark_min() / calculate_min_free_kbytes() (5.7+); commit "
               "8beeae86b8e1 'mm/page_alloc: increase default min_free_kbytes bound'",
     "url": "https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/"
            "?id=8beeae86b8e19a4714531f8764b68bd828ffba2a"},
    {"id": "redhat_silent_rx_drops", "publisher": "Red Hat", "document": "KB 4085851",
     "context": "packet drops",
     "rule": "connectivity lost under load (packets dropped in sk_filter_trim_cap, TcpExtPFMemallocDrop): "
             "raise vm.min_free_kbytes to something like ten times its default",
     "source": "Red Hat Knowledgebase solution 4085851 'RHEL 7 system experiences connectivity issues while "
               "under load', Resolution",
     "url": "https://access.redhat.com/solutions/4085851", "multiple_of_default": 10},
    {"id": "aws_ena", "publisher": "AWS", "document": "ENA guide",
     "context": "heavy traffic",
     "rule": "1-3% of memory for hosts with ENA NICs under heavy traffic",
     "source": "amzn-drivers ENA_Linux_Best_Practices.rst, 'min_free_kbytes'",
     "url": "https://github.com/amzn/amzn-drivers/blob/master/kernel/linux/ena/ENA_Linux_Best_Practices.rst",
     "percent_range": (1.0, 3.0)},
    {"id": "oracle_oled_memstate", "publisher": "Oracle", "document": "memstate",
     "context": "health check",
     "rule": "max(0.5% of RAM, 1 GB per NUMA node on multi-node hosts); warns when the current value is "
             "below 0.8x or above 1.5x of it",
     "source": "oracle/oled-tools tools/memstate/memstate.py Memstate.check_mfk_setting()",
     "url": "https://github.com/oracle/oled-tools/blob/master/tools/memstate/memstate.py",
     "percent": 0.5, "per_node_kb": KIB_PER_GIB, "accepted_ratio": (0.8, 1.5)},
    {"id": "rhel_tuning_ceiling", "publisher": "Red Hat", "document": "tuning guide",
     "context": "upper limit",
     "rule": "too high (5-10% of total system memory) makes the system run out of memory immediately",
     "source": "Red Hat Enterprise Linux 6 Performance Tuning Guide 5.5 'Tuning Virtual Memory' and 7 "
               "Performance Tuning Guide 7.5.1, min_free_kbytes",
     "url": "https://access.redhat.com/documentation/en-us/red_hat_enterprise_linux/6/html/"
            "performance_tuning_guide/s-memory-tunables",
     "ceiling_percent": 5.0},
)


def _percent(value_kb, mem_total_kb):
    return round(100.0 * value_kb / mem_total_kb, 2) if mem_total_kb else None


def _row(guide, relation, value_kb=None, range_kb=None, detail=None):
    out = {k: guide[k] for k in ("id", "publisher", "document", "context", "rule", "source", "url")}
    out.update(relation=relation, value_kb=value_kb, range_kb=range_kb, detail=detail)
    return out


def _place(value, low, high):
    return "below" if value < low else "above" if value > high else "within"


def compare(recommended_kb, default_kb=None, mem_total_kb=None, numa_nodes=None, release=None):
    """Every :data:`GUIDANCE` row with ``relation`` (``within``, ``below``, ``above`` or ``unknown``
    when an input it needs is missing), its value or range in kB for this host, and a detail."""
    rows = []
    for guide in GUIDANCE:
        gid = guide["id"]
        if gid == "kernel_default_clamp":
            clamp_max, rule = kernel_default.clamp_max_kb(release)
            if clamp_max is None:
                rows.append(_row(guide, "unknown", detail="kernel release unknown"))
                continue
            low = kernel_default.BASE_CLAMP_MIN_KB
            rows.append(_row(guide, _place(recommended_kb, low, clamp_max), range_kb=[low, clamp_max],
                             detail="the bounds of the kernel's default: %s" % rule))
        elif "multiple_of_default" in guide:
            if not default_kb:
                rows.append(_row(guide, "unknown", detail="kernel default unknown"))
                continue
            value = default_kb * guide["multiple_of_default"]
            ratio = round(recommended_kb / value, 2)
            rows.append(_row(guide, _place(ratio, 0.8, 1.25), value_kb=value,
                             detail="%sx of its value" % ratio))
        elif "percent_range" in guide:
            if not mem_total_kb:
                rows.append(_row(guide, "unknown", detail="MemTotal unknown"))
                continue
            low_pct, high_pct = guide["percent_range"]
            span = [int(mem_total_kb * low_pct / 100), int(mem_total_kb * high_pct / 100)]
            rows.append(_row(guide, _place(recommended_kb, *span), range_kb=span,
                             detail="%s%% of MemTotal" % _percent(recommended_kb, mem_total_kb)))
        elif "per_node_kb" in guide:
            if not mem_total_kb:
                rows.append(_row(guide, "unknown", detail="MemTotal unknown"))
                continue
            nodes = numa_nodes or 1
            value = int(max(mem_total_kb * guide["percent"] / 100, guide["per_node_kb"] * nodes if nodes > 1 else 0))
            low_ratio, high_ratio = guide["accepted_ratio"]
            ratio = round(recommended_kb / value, 1)   # memstate rounds the ratio to one decimal
            rows.append(_row(guide, _place(ratio, low_ratio, high_ratio), value_kb=value,
                             range_kb=[int(value * low_ratio), int(value * high_ratio)],
                             detail="%sx of its value%s" % (ratio, "" if numa_nodes else " (1 NUMA node assumed)")))
        elif "ceiling_percent" in guide:
            if not mem_total_kb:
                rows.append(_row(guide, "unknown", detail="MemTotal unknown"))
                continue
            ceiling = int(mem_total_kb * guide["ceiling_percent"] / 100)
            rows.append(_row(guide, "within" if recommended_kb < ceiling else "above", range_kb=[0, ceiling],
                             detail="%s%% of MemTotal" % _percent(recommended_kb, mem_total_kb)))
    return rows


def per_node_floors(min_free_kb, zones, page_kb=4):
    """
    ``[{node, min_kb, atomic_floor_kb, zones}]``: what ``min_free_kb`` gives each node's lowmem
    zones (``__setup_per_zone_wmarks()``: ``pages_min * managed / lowmem_pages`` per zone, highmem
    excluded) and the sum of their atomic floors (min -> min/2 -> 3/8).  ``zones``: dicts with
    ``node``, ``zone`` and ``managed_kb`` (or ``present_kb`` before 3.8).

    >>> per_node_floors(4096, [{"node": 0, "zone": "DMA", "present_kb": 15872},
    ...                        {"node": 0, "zone": "Normal", "present_kb": 243776}])
    [{'node': 0, 'min_kb': 4092, 'atomic_floor_kb': 1540, 'zones': ['DMA', 'Normal']}]
    """
    def size(z):
        value = z.get("managed_kb") if z.get("managed_kb") is not None else z.get("present_kb")
        return (value or 0) // page_kb

    lowmem = [z for z in zones if z["zone"] not in kernel_default.HIGHMEM_ZONES and z["zone"] != "Device"
              and size(z) > 0]
    lowmem_pages = sum(size(z) for z in lowmem)
    if not lowmem_pages:
        return []
    pages_min = min_free_kb // page_kb
    nodes = {}
    for z in lowmem:
        share = pages_min * size(z) // lowmem_pages
        node = nodes.setdefault(z.get("node") or 0, {"node": z.get("node") or 0, "min_kb": 0, "atomic_floor_kb": 0,
                                                    "zones": []})
        node["min_kb"] += share * page_kb
        node["atomic_floor_kb"] += alloc_floor_pages(share, True, True) * page_kb
        node["zones"].append(z["zone"])
    return [nodes[n] for n in sorted(nodes)]


def guidance_block(recommended_kb, current_kb, default_kb, mem_total_kb, release, event=None, replay=None,
                   numa_nodes=None, nics=None):
    """
    The ``guidance`` details of the main rule: ``published`` (:func:`compare`) and, from the
    failure report's zones, ``per_node`` [{node, failed, current_min_kb, current_atomic_floor_kb,
    recommended_min_kb, recommended_atomic_floor_kb, zones}] (``failed``: the replay found the
    node's usable zones below their floors), or [] without zone sizes.
    """
    zones = [{"node": z.node, "zone": z.zone, "managed_kb": z.managed_kb, "present_kb": z.present_kb}
             for z in (event.zones if event is not None else [])]
    nodes = numa_nodes or len({z["node"] or 0 for z in zones}) or None
    failed = {z["node"] or 0 for z in (replay or {}).get("zones", []) if z.get("usable") and z["status"] == "below_floor"}
    now = {n["node"]: n for n in per_node_floors(current_kb, zones)} if current_kb else {}
    per_node = []
    for node in per_node_floors(recommended_kb, zones):
        before = now.get(node["node"], {})
        per_node.append({"node": node["node"], "failed": node["node"] in failed,
                         "current_min_kb": before.get("min_kb"), "current_atomic_floor_kb": before.get("atomic_floor_kb"),
                         "recommended_min_kb": node["min_kb"], "recommended_atomic_floor_kb": node["atomic_floor_kb"],
                         "zones": node["zones"]})
    # Room atomics have below min on the smallest node (the NIC's node is not collected).
    if per_node:
        room_now, room_rec = atomic_room_kb(per_node, "current"), atomic_room_kb(per_node, "recommended")
    else:
        room_now = _room_kb(current_kb) if current_kb else None
        room_rec = _room_kb(recommended_kb)
    return {"published": compare(recommended_kb, default_kb, mem_total_kb, nodes, release), "per_node": per_node,
            "numa_nodes": nodes, "rx_burst": burst_sizing(nics, room_now, room_rec)}


def _room_kb(min_kb, page_kb=4):
    """Host-wide room below min for atomics when the zones are unknown: min - floor(min)."""
    pages = min_kb // page_kb
    return (pages - alloc_floor_pages(pages, True, True)) * page_kb
