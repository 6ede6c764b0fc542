"""
Picture JSON - the memory picture's typed facts as plain data, in one place
===========================================================================

The only place where the small memory combiners
(:class:`~pagealloc.combiners.host_identity.HostIdentity`,
:class:`~pagealloc.combiners.memory_zones.MemoryZones`,
:class:`~pagealloc.combiners.min_free_reserve.MinFreeReserve`,
:class:`~pagealloc.combiners.persisted_config.PersistedConfig`,
:class:`~pagealloc.combiners.nic_rx.NicRxFacts`) become plain dicts: the
``memory_picture`` of ``pagealloc triage --format json`` (keys in
docs/memory-picture.md) and the ``min_free_kbytes`` details block the rules
return (docs/rules.md).  Ratios are rounded here, at the edge: 3 digits in
the picture, 2 in a rule's details.

Examples:
    >>> from pagealloc.knowledge.fact import Fact
    >>> provenance_of(Fact.read(2038, "/proc/sys/vm/min_free_kbytes")), provenance_of(Fact())
    ('read /proc/sys/vm/min_free_kbytes', None)
    >>> rounded(2038 / 2038, 3), rounded(3789 / 4096, 2), rounded(None, 2)
    (1.0, 0.93, None)
"""

import dataclasses

from pagealloc.knowledge import report_reserve

PICTURE_RATIO_DIGITS = 3
DETAILS_RATIO_DIGITS = 2


def rounded(ratio, digits):
    return None if ratio is None else round(ratio, digits)


def provenance_of(fact):
    """ "read FILE" for a figure read, None when unknown."""
    return None if fact.value is None else "read " + (fact.input or "")


def zone_json(zone):
    return dataclasses.asdict(zone)


def nic_json(nic):
    data = dataclasses.asdict(nic)
    if data["rx_queues"] is None:  # only devices with ethtool -l output say how many queues
        del data["rx_queues"]
    return data


def min_free_json(reserve, persisted):
    """The picture's ``min_free_kbytes`` block."""
    return {
        "current": reserve.current.value,
        "source": reserve.current.input,
        "default": reserve.default.value,
        "default_basis": reserve.default.basis,
        "ratio": rounded(reserve.ratio, PICTURE_RATIO_DIGITS),
        "current_estimated_from_report": reserve.estimate_from_report.basis
        if reserve.estimate_from_report is not None else None,
        "persisted": persisted.resolution.to_dict(),
    }


def provenance(memory, reserve):
    """How each figure was obtained: "read FILE", "computed", "estimated", "derived ..."."""
    return {
        "mem_total_kb": provenance_of(memory.mem_total),
        "zones": "read /proc/zoneinfo" if memory.zones else None,
        "page_size_kb": memory.page_size.input,
        "thp_enabled": provenance_of(memory.thp_enabled),
        "watermark_scale_factor": provenance_of(reserve.watermark_scale_factor),
        "min_free_kbytes.current": provenance_of(reserve.current),
        "min_free_kbytes.default": reserve.default.source,
        "min_free_kbytes.current_estimated_from_report":
            None if reserve.estimate_from_report is None else "estimated from " + report_reserve.SOURCE,
        "min_free_kbytes.persisted": "computed from sysctl.d, /etc/sysctl.conf and TuneD files",
    }


def reserve_details(state):
    """A rule's ``min_free_kbytes`` details block (docs/rules.md) from a
    :class:`pagealloc.knowledge.reserve_state.ReserveState`."""
    return {
        "current": state.current.value,
        "current_estimate": state.estimate.basis if state.estimate is not None else None,
        "default": state.default.value,
        "default_basis": state.default_basis,
        "ratio": rounded(state.ratio, DETAILS_RATIO_DIGITS),
        "source": state.current.input,
        "near_default_limit_kb": state.near_default_limit_kb,
    }


def picture_json(picture):
    """``MemoryPicture.to_dict()``: every figure of the picture as plain data (docs/memory-picture.md)."""
    identity, memory, reserve = picture.identity, picture.memory, picture.reserve
    return {
        "hostname": identity.hostname, "fqdn": identity.fqdn, "kernel_release": identity.kernel_release,
        "arch": identity.arch, "page_size_kb": memory.page_size.value, "numa_nodes": memory.numa_nodes,
        "mem_total_kb": memory.mem_total.value,
        "mem_total_estimated_from_report": reserve.mem_total_from_report.basis
        if reserve.mem_total_from_report is not None else None,
        "zones": [zone_json(z) for z in memory.zones], "thp_enabled": memory.thp_enabled.value,
        "thp_supported": memory.thp_supported,
        "watermark_scale_factor": reserve.watermark_scale_factor.value,
        "min_free_kbytes": min_free_json(reserve, picture.persisted),
        "nics": [nic_json(n) for n in picture.nic_rx.nics], "missing_inputs": picture.missing_inputs,
        "unusable_inputs": picture.unusable_inputs, "notes": picture.notes, "provenance": picture.provenance,
    }
