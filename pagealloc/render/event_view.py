"""
Event view - a result's failure events read once, as typed records
==================================================================

The human formats read the ``events`` of a result dictionary (each a
:meth:`pagealloc.kernlog.event.FailureEvent.to_dict`, with the ``matches_host``
and ``match`` of :mod:`pagealloc.combiners.failure_timeline` added by
:mod:`pagealloc.result`; a result read back from JSON or written by hand may
lack keys).  :func:`event_view` reads one here, in one place, into an
:class:`EventView`; everything else in ``render`` reads attributes.  Values
stay as the result holds them (unknown ones None, never guessed): each
format makes them inert and escapes them where it prints them.

Examples:
    >>> event = event_view({"kind": "page-allocation-failure", "order": 0, "atomic": True, "suppressed": 3,
    ...                     "zones": [{"node": 0, "zone": "Normal", "free_kb": 1264, "min_kb": 1304}],
    ...                     "matches_host": True, "match": {"role": "current", "boot": {"current": True}}})
    >>> event.kind, event.order, event.atomic, event.suppressed, event.zones[0].free_kb
    ('page-allocation-failure', 0, True, 3, 1264)
    >>> event.match.role, event.match.boot_current, event.match.reasons_in_words
    ('current', True, ())
    >>> event_view({}).match is None, event_view({}).suppressed, event_views(None)
    (True, 0, ())
"""

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True, slots=True)
class ZonePoint:
    """One zone line of a report's Mem-Info: free memory and the min mark, in kB as printed."""

    node: Any
    zone: Any
    free_kb: Any
    min_kb: Any


@dataclass(frozen=True, slots=True)
class MatchView:
    """Where a report sits on the host's timeline (pagealloc.knowledge.event_match)."""

    role: Any  # current | earlier | fixed_since | foreign
    host: Any
    kernel: Any
    reasons_in_words: tuple
    boot_current: Any  # True, False or None (unknown)
    boots_after: Any


@dataclass(frozen=True, slots=True)
class EventView:
    """The figures of one failure event the human formats show (docs/log-formats.md names the keys)."""

    kind: Any
    source: Any
    line: Any
    timestamp: Any  # seconds since boot as printed, or None
    wallclock: Any  # syslog/journal time of day, or None
    host: Any
    comm: Any
    kernel: Any
    order: Any
    atomic: Any
    context: Any
    driver: Any
    suppressed: int  # "callbacks suppressed" counted for this report
    unusable: Any  # why the header cannot come from a kernel (pagealloc.kernlog.plausible), else None
    zones: tuple  # ZonePoint
    matches_host: Any  # True, False, or None when there was no host state to compare
    match: Optional[MatchView]


def match_view(match):
    """A failure timeline's match record as a :class:`MatchView`, or None when there is none."""
    if not isinstance(match, dict) or not match:
        return None
    boot = match.get("boot") or {}
    return MatchView(match.get("role"), match.get("host"), match.get("kernel"),
                     tuple(match.get("reasons_in_words") or ()), boot.get("current"), boot.get("boots_after"))


def zone_point(zone):
    return ZonePoint(zone.get("node"), zone.get("zone"), zone.get("free_kb"), zone.get("min_kb"))


def event_view(event):
    """The :class:`EventView` of one event of a result."""
    get = event.get
    return EventView(
        kind=get("kind"), source=get("source"), line=get("line"), timestamp=get("timestamp"),
        wallclock=get("wallclock"), host=get("host"), comm=get("comm"), kernel=get("kernel"),
        order=get("order"), atomic=get("atomic"), context=get("context"), driver=get("driver"),
        suppressed=int(get("suppressed") or 0), unusable=get("unusable"),
        zones=tuple(zone_point(z) for z in get("zones") or () if isinstance(z, dict)),
        matches_host=get("matches_host"), match=match_view(get("match")))


def event_views(events):
    """The result's ``events`` as a tuple of :class:`EventView`, in their order."""
    return tuple(event_view(e) for e in events or () if isinstance(e, dict))
