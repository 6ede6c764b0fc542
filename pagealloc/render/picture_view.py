"""
Picture view - the result's memory picture read once, as typed figures
======================================================================

The human formats read the ``memory_picture`` of a result dictionary (the
JSON form, made by :mod:`pagealloc.combiners.picture_json`; a result read
back from JSON or written by hand may lack keys).  :func:`picture_view`
reads it here, in one place, into a :class:`PictureView`; everything else
in ``render`` reads attributes.  Unknown figures are None, never guessed.

Examples:
    >>> view = picture_view({"hostname": "web1", "min_free_kbytes": {"current": 2038, "default": 2032,
    ...                      "default_basis": {"basis": "computed"}, "persisted": {"value": 2038}}})
    >>> view.hostname, view.current, view.default, view.default_basis, view.persisted.value
    ('web1', 2038, 2032, 'computed', 2038)
    >>> view.persisted.tuned is None, view.missing_inputs, picture_view(None)
    (True, [], None)
"""

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True, slots=True)
class TunedView:
    """The active TuneD profile and what it does to ``vm.min_free_kbytes``."""

    profile: Any
    active_profiles: Optional[list]
    conf_collected: Any
    unread_profiles: Optional[list]
    user_files_set_key: Any
    value: Any
    file: Any
    overridden: Any


@dataclass(frozen=True, slots=True)
class PersistedView:
    """The value set at boot: ``known`` is False when the picture had no persisted record."""

    known: bool
    value: Any
    winning_file: Any
    value_settled: Any
    tuned: Optional[TunedView]


@dataclass(frozen=True, slots=True)
class PictureView:
    """The figures the human formats show (docs/memory-picture.md names the JSON keys)."""

    hostname: Any
    kernel_release: Any
    report_kernel: Any
    arch: Any
    mem_total_kb: Any
    mem_total_estimated_kb: Any
    numa_nodes: Any
    current: Any
    current_source: Any
    estimate_kb: Any
    estimate_range: Any
    default: Any
    default_basis: Any
    default_error_kb: Any
    ratio: Any
    persisted: PersistedView
    thp_enabled: Any
    watermark_scale_factor: Any
    missing_inputs: list
    unusable_inputs: list  # (input, reason) pairs
    notes: list


def tuned_view(tuned):
    """A TuneD record of the picture as a :class:`TunedView`, or None when it is not one."""
    if not isinstance(tuned, dict):
        return None
    return TunedView(tuned.get("profile"), tuned.get("active_profiles"), tuned.get("conf_collected", True),
                     tuned.get("unread_profiles"), tuned.get("user_files_set_key"), tuned.get("value"),
                     tuned.get("file"), tuned.get("overridden"))


def persisted_view(persisted):
    persisted = persisted or {}
    return PersistedView(bool(persisted), persisted.get("value"), persisted.get("winning_file"),
                         persisted.get("value_settled"), tuned_view(persisted.get("tuned")))


def picture_view(picture):
    """The :class:`PictureView` of a result's ``memory_picture``, or None when there is none."""
    if not picture:
        return None
    mfk = picture.get("min_free_kbytes") or {}
    # A plain log has no runtime data; the failure report's own Mem-Info gives estimates.
    from_report = mfk.get("current_estimated_from_report") or {}
    basis = mfk.get("default_basis") or {}
    return PictureView(
        hostname=picture.get("hostname"), kernel_release=picture.get("kernel_release"),
        report_kernel=(from_report.get("report") or {}).get("kernel"), arch=picture.get("arch"),
        mem_total_kb=picture.get("mem_total_kb"),
        mem_total_estimated_kb=(picture.get("mem_total_estimated_from_report") or {}).get("value"),
        numa_nodes=picture.get("numa_nodes"), current=mfk.get("current"), current_source=mfk.get("source"),
        estimate_kb=from_report.get("value"), estimate_range=from_report.get("range"),
        default=mfk.get("default"), default_basis=basis.get("basis"), default_error_kb=basis.get("error_kb"),
        ratio=mfk.get("ratio"), persisted=persisted_view(mfk.get("persisted")),
        thp_enabled=picture.get("thp_enabled"), watermark_scale_factor=picture.get("watermark_scale_factor"),
        missing_inputs=picture.get("missing_inputs") or [],
        unusable_inputs=[(u.get("input"), u.get("reason")) for u in picture.get("unusable_inputs") or []
                         if isinstance(u, dict)],
        notes=picture.get("notes") or [])
