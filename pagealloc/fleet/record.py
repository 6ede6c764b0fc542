"""
Fleet record - one JSON line per archive
========================================

The embedded runner and the RabbitMQ collector write the same record, so a
fleet report never depends on how the fleet was run.  A record is the
analysis result of :func:`pagealloc.evaluate.evaluate_path` reduced to what a
fleet needs: the verdicts (exactly as ``pagealloc triage --format json``
prints them) and a few key figures, or the error that stopped the analysis.

Keys: ``source`` (archive path, the record's identity), ``host``,
``machine_id`` (``/etc/machine-id`` when the archive has it), ``boot_id``
(``/proc/sys/kernel/random/boot_id``: two collections of one boot can
subtract their counters), ``archive_time``
(the archive's modification time, UTC ISO 8601, orders a host's archives),
``verdicts``, ``figures`` (``kernel``, ``mem_total_kb``, ``min_free_kbytes_current``,
``min_free_kbytes_default``, ``min_free_kbytes_recommended``, ``failures``,
``suppressed``, ``drivers``, ``problem``, ``confidence``,
``failures_current_boot``, ``failures_matching_host``, ``failures_set_aside``,
``pfmemalloc_drops``, ``nic_rx_alloc_failures``, ``silent_rx_failures``: the
receive-path failures counted since boot without a printed report, see
:func:`receive_figures`),
``failure_events`` (per page allocation failure, at most ``MAX_FAILURE_EVENTS``:
``when``, ``source``, ``kernel``, ``matches_host``, ``role``, ``reasons``,
``current_boot``, from pagealloc.knowledge.event_match), ``error`` (null or
one line) and ``pagealloc_version``.  Records written before a key existed
simply lack it; readers treat a missing key as unknown.

Examples:
    >>> rec = error_record("/srv/a.tar.xz", "not an archive")
    >>> rec["error"], rec["verdicts"], rec["figures"]["failures"]
    ('not an archive', [], None)
    >>> json.loads(dumps(rec))["source"]
    '/srv/a.tar.xz'
    >>> ok = {"source": "/srv/a.tar.xz", "error": None}
    >>> preferred(rec, ok) is ok, preferred(ok, rec) is ok
    (True, True)
    >>> receive_figures({"pfmemalloc_drops": 1700, "nic_rx_alloc_failures": {"ens1f0": 42, "ens1f1": 0}})
    {'pfmemalloc_drops': 1700, 'nic_rx_alloc_failures': 42, 'silent_rx_failures': 1742}
    >>> receive_figures({"pfmemalloc_drops": None, "nic_rx_alloc_failures": {}})["silent_rx_failures"] is None
    True
"""

import datetime
import json
import math
import os

from pagealloc import __version__
from pagealloc.result import kernel_log_unread

#: Where a failing verdict's details carry the recommended value (first found
#: wins): ``recommendation`` is pagealloc.knowledge.recommendation's to_dict().
RECOMMENDED_KEYS = ("recommendation", "recommended_min_free_kbytes")


def _recommended_value(verdicts):
    """The recommended min_free_kbytes of the first failing verdict that carries one."""
    for verdict in verdicts:
        if verdict.get("type") != "fail":
            continue
        details = verdict.get("details") or {}
        for key in RECOMMENDED_KEYS:
            value = details.get(key)
            if isinstance(value, dict):
                value = value.get("value", value.get("value_kb"))
            if isinstance(value, int) and not isinstance(value, bool):
                return value
    return None


def _failure_figures(events):
    failures = [e for e in events if e.get("kind") == "page-allocation-failure"]
    drivers = sorted({e["driver"] for e in failures if e.get("driver")})
    suppressed = sum(e.get("suppressed") or 0 for e in failures)
    kernels = [e["kernel"] for e in failures if e.get("kernel")]
    return len(failures), suppressed, drivers, (kernels[0] if kernels else None)


MAX_FAILURE_EVENTS = 50


def failure_events(events):
    """Where each failure sits and whether it matches the host: a fleet counts "failures of the
    current boot" or "of this host" without the whole events list."""
    out = []
    for event in events:
        if event.get("kind") != "page-allocation-failure":
            continue
        match = event.get("match") or {}
        out.append({"when": event.get("wallclock") or event.get("timestamp"), "source": event.get("source"),
                    "kernel": match.get("kernel") or event.get("kernel"), "matches_host": event.get("matches_host"),
                    "role": match.get("role"), "reasons": match.get("reasons") or [],
                    "current_boot": (match.get("boot") or {}).get("current")})
    return out[:MAX_FAILURE_EVENTS]


def _state_counts(events):
    failures = [e for e in events if e.get("kind") == "page-allocation-failure"]
    return {
        "failures_current_boot": sum(1 for e in failures if ((e.get("match") or {}).get("boot") or {}).get("current")),
        "failures_matching_host": sum(1 for e in failures if e.get("matches_host") is True),
        "failures_set_aside": sum(1 for e in failures if (e.get("match") or {}).get("role") == "foreign"),
    }


def confidence_level(verdict):
    """A failing verdict's confidence level ("high", "medium", "low") or None; rules state it as
    ``{"level": ..., "reasons": [...]}`` (the main rule) or as the level alone (SILENT_RX_ALLOC_FAILURES)."""
    confidence = (verdict.get("details") or {}).get("confidence") if verdict.get("type") == "fail" else None
    level = confidence.get("level") if isinstance(confidence, dict) else confidence
    return level if isinstance(level, str) else None


def _confidence(verdicts):
    """The confidence level of the first failing verdict that states one."""
    return next((level for level in map(confidence_level, verdicts) if level), None)


def archive_time(source):
    """The modification time of a local ``source`` (UTC, ISO 8601, seconds), None when unknown."""
    if not isinstance(source, str) or "://" in source:
        return None
    try:
        stamp = os.stat(source.split("!", 1)[0]).st_mtime
    except (OSError, ValueError):
        return None
    return datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def receive_figures(counters):
    """TcpExt PFMemallocDrop, the devices' rx allocation failures (summed) and their sum, the
    ``silent_failures`` of SILENT_RX_ALLOC_FAILURES: each None when not read (no input, or no
    recognised counter; ``netstat -s`` omits zeros), so an unknown never reads as a zero."""
    counters = counters or {}
    drops = counters.get("pfmemalloc_drops")
    nics = counters.get("nic_rx_alloc_failures") or {}
    nic_total = sum(nics.values()) if nics else None
    known = [value for value in (drops, nic_total) if value is not None]
    return {"pfmemalloc_drops": drops, "nic_rx_alloc_failures": nic_total,
            "silent_rx_failures": sum(known) if known else None}


def key_figures(result):
    """The per-archive numbers a fleet report aggregates (None = unknown)."""
    picture = result.get("memory_picture") or {}
    min_free = picture.get("min_free_kbytes") or {}
    verdicts = result.get("verdicts") or []
    failures, suppressed, drivers, event_kernel = _failure_figures(result.get("events") or [])
    return dict(_state_counts(result.get("events") or []), **receive_figures(result.get("receive_counters")), **{
        "kernel": picture.get("kernel_release") or event_kernel,
        "mem_total_kb": picture.get("mem_total_kb"),
        "min_free_kbytes_current": min_free.get("current"),
        "min_free_kbytes_default": min_free.get("default"),
        "min_free_kbytes_recommended": _recommended_value(verdicts),
        "failures": failures,
        "suppressed": suppressed,
        "drivers": drivers,
        "problem": any(v.get("type") == "fail" for v in verdicts),
        "confidence": _confidence(verdicts),
    })


def result_record(result):
    """The fleet record of one analysis; one that read no kernel log and found no problem is an
    error record, as ``pagealloc triage`` exits 2 on it (nothing read is not nothing found)."""
    unread = kernel_log_unread(result)
    if unread is not None and not any(v.get("type") == "fail" for v in result.get("verdicts") or []):
        return error_record(result.get("source"), "no kernel log read: %s"
                            % "; ".join(unread["details"].get("unread") or []))
    return {
        "source": result.get("source"),
        "host": result.get("host"),
        "machine_id": result.get("machine_id"),
        "boot_id": result.get("boot_id"),
        "archive_time": archive_time(result.get("source")),
        "verdicts": result.get("verdicts") or [],
        "figures": key_figures(result),
        "failure_events": failure_events(result.get("events") or []),
        "error": None,
        "pagealloc_version": result.get("pagealloc_version") or __version__,
    }


def error_record(source, message):
    """The fleet record of an archive that could not be analysed."""
    return {
        "source": source,
        "host": None,
        "machine_id": None,
        "boot_id": None,
        "archive_time": archive_time(source),
        "verdicts": [],
        "figures": {
            "kernel": None,
            "mem_total_kb": None,
            "min_free_kbytes_current": None,
            "min_free_kbytes_default": None,
            "min_free_kbytes_recommended": None,
            "failures": None,
            "suppressed": None,
            "drivers": [],
            "problem": None,
            "confidence": None,
            "failures_current_boot": None,
            "failures_matching_host": None,
            "failures_set_aside": None,
            "pfmemalloc_drops": None,
            "nic_rx_alloc_failures": None,
            "silent_rx_failures": None,
        },
        "failure_events": [],
        "error": " ".join(str(message).split()) or "unknown error",
        "pagealloc_version": __version__,
    }


_OPTIONAL_TEXT = (str, type(None))
#: the types a record's fields have (as :func:`result_record` and :func:`error_record` write them)
FIELD_TYPES = {"source": str, "host": _OPTIONAL_TEXT, "machine_id": _OPTIONAL_TEXT, "boot_id": _OPTIONAL_TEXT,
               "archive_time": _OPTIONAL_TEXT, "error": _OPTIONAL_TEXT, "pagealloc_version": _OPTIONAL_TEXT,
               "verdicts": list, "figures": dict, "failure_events": list}
FIGURE_TEXT = ("kernel", "confidence")


def well_formed(record):
    """True when ``record`` has the shape a fleet record has: a hand-edited or foreign line (figures as a
    list, a verdict as a string, a count as "many" or NaN) ended every report format and ``fleet record``
    in a traceback.

    >>> well_formed(error_record("/srv/a.tar.xz", "not an archive"))
    True
    >>> well_formed({"source": "/srv/a.tar.xz", "figures": {"failures": float("nan")}})
    False
    """
    if not isinstance(record, dict):
        return False
    if any(key in record and not isinstance(record[key], kinds) for key, kinds in FIELD_TYPES.items()):
        return False
    if "source" not in record:
        return False
    verdicts, events = record.get("verdicts") or [], record.get("failure_events") or []
    if not all(isinstance(v, dict) and all(isinstance(v.get(k), _OPTIONAL_TEXT) for k in ("rule", "key", "type"))
               and isinstance(v.get("details", {}), dict) for v in verdicts):
        return False
    if not all(isinstance(e, dict) for e in events):
        return False
    for name, value in (record.get("figures") or {}).items():
        if name in FIGURE_TEXT:
            good = isinstance(value, _OPTIONAL_TEXT)
        elif name == "drivers":
            good = isinstance(value, list) and all(isinstance(d, str) for d in value)
        elif name == "problem":
            good = value is None or isinstance(value, bool)
        else:
            good = value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)
                                     and math.isfinite(value))
        if not good:
            return False
    return True


def preferred(current, candidate):
    """Which of two records of one source counts: the first success, else the first error.

    A retried archive's success replaces its earlier error; a duplicate
    delivery never replaces a success.
    """
    if current is None or (current.get("error") is not None and candidate.get("error") is None):
        return candidate
    return current


def dumps(record):
    """One line of ASCII JSON, keys sorted so equal records are equal bytes.

    ASCII: a file name that is not UTF-8 (lone surrogates, PEP 383) is written
    as ``\\udcxx`` escapes and reads back as the same name; raw it could not
    be encoded at all.
    """
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
