"""
Event verdicts - what the rules do with reports of other states
===============================================================

The rules judge the host in front of them.  With each event's role from
:mod:`pagealloc.knowledge.event_match` (via
:class:`pagealloc.combiners.failure_timeline.FailureTimeline`):

* ``foreign`` reports (another host, another memory size) are listed in the
  details, never used for the verdict;
* ``fixed_since`` reports (the running and persisted reserve both exceed the
  one they failed with) make the fix-in-place answer when nothing else
  counts: :func:`fix_in_place_details`;
* ``earlier`` reports (older kernel or boot, another reserve not raised on
  both counts) still count, and :func:`cap_confidence` keeps the verdict's
  confidence at medium at most, with the reasons;
* the recommendation starts from the reserve the counted failures ran on
  when that is above today's default (:func:`recommendation_base`): doubling
  a value the failures never saw would advise too little.

Examples:
    >>> cap_confidence({"level": "high", "reasons": ["default_computed"]}, ["failures_from_older_boot"])
    {'level': 'medium', 'reasons': ['default_computed', 'failures_from_older_boot']}
    >>> cap_confidence({"level": "low", "reasons": ["a", "b"]}, ["failures_from_other_kernel"])["level"]
    'low'
    >>> recommendation_base(2038, [[2032, 2043]]), recommendation_base(2038, [[8188, 8199]])
    (2038, 8188)
"""

from pagealloc.knowledge.failure_summary import summarize_failures

# Confidence reasons an "earlier" report adds (each caps the level at medium).
EARLIER_REASONS = {"older_boot": "failures_from_older_boot", "other_kernel": "failures_from_other_kernel",
                   "reserve_changed_since": "failures_under_another_reserve"}
LEVELS = ("low", "medium", "high")
MAX_LISTED = 20


def split_by_role(events, timeline):
    """``(counted, fixed_since, foreign)`` in log order; without a timeline every event counts."""
    if timeline is None:
        return list(events), [], []
    counted, fixed, foreign = [], [], []
    for event in events:
        role = timeline.role(event)
        (foreign if role == "foreign" else fixed if role == "fixed_since" else counted).append(event)
    return counted, fixed, foreign


def host_events(events, timeline):
    """The events that speak for this host: all but the ``foreign`` ones (log order kept)."""
    if timeline is None:
        return list(events)
    return [event for event in events if timeline.role(event) != "foreign"]


def _when(event):
    if event.wallclock:
        return event.wallclock
    if event.timestamp is not None:
        return "%.3f s after boot" % event.timestamp
    return "line %s" % event.line


def listed(events, timeline):
    """The set-aside reports, for the details: where, when and why (at most MAX_LISTED)."""
    out = []
    for event in events[:MAX_LISTED]:
        entry = timeline.entry(event) if timeline is not None else None
        match = entry["match"] if entry else {}
        out.append({"source": event.source, "line": event.line, "when": _when(event),
                    "kernel": entry["state"]["kernel"] if entry else event.kernel, "host": event.host,
                    "reasons": match.get("reasons", []), "reasons_in_words": entry["words"] if entry else [],
                    "context": event.context})
    return out


def earlier_reasons(counted, timeline):
    """The confidence reasons the counted reports of older boots/kernels/reserves bring."""
    found = []
    for event in counted:
        entry = timeline.entry(event) if timeline is not None else None
        for reason in (entry["match"]["reasons"] if entry else []):
            code = EARLIER_REASONS.get(reason)
            if code and code not in found:
                found.append(code)
    return found


def cap_confidence(confidence, reasons):
    """``confidence`` with ``reasons`` added and its level at most "medium" when there are any."""
    if not reasons:
        return confidence
    level = confidence["level"]
    if LEVELS.index(level) > LEVELS.index("medium"):
        level = "medium"
    return {"level": level, "reasons": list(confidence["reasons"]) + [r for r in reasons
                                                                      if r not in confidence["reasons"]]}


def failure_reserves(counted, timeline):
    """The reserve ranges ([low, high] kB) the counted reports show."""
    ranges = []
    for event in counted:
        entry = timeline.entry(event) if timeline is not None else None
        if entry and entry["state"]["reserve_kb"]:
            ranges.append(entry["state"]["reserve_kb"])
    return ranges


def recommendation_base(default_kb, reserves):
    """What the policy multiplies: today's default, or the reserve the failures ran on when higher."""
    ran_on = max((low for low, _ in reserves), default=None)
    if default_kb is None:
        return ran_on
    return max(default_kb, ran_on) if ran_on is not None else default_kb


def base_details(base_kb, default_kb):
    """What the policy multiplied: ``{"kb", "source"}``, source "kernel_default" or "reserve_at_failure".

    >>> base_details(202728, 67584)
    {'kb': 202728, 'source': 'reserve_at_failure'}
    """
    source = "reserve_at_failure" if default_kb is not None and base_kb is not None and base_kb > default_kb \
        else "kernel_default"
    return {"kb": base_kb, "source": source}


def fix_in_place_details(fixed, timeline, sources):
    """Details of MIN_FREE_KBYTES_FIX_IN_PLACE: which value failed, which runs now, what to watch."""
    host = timeline.host
    reserves = failure_reserves(fixed, timeline)
    summary = summarize_failures(fixed)
    last = fixed[-1]
    return {
        "failures": summary,
        "failed_with_kb": max((high for _, high in reserves), default=None),
        "failed_with_range_kb": [min(low for low, _ in reserves), max(high for _, high in reserves)],
        "running_kb": host.get("min_free_kbytes"),
        "running_source": host.get("min_free_kbytes_source"),
        "persisted_kb": host.get("persisted_kb"),
        "persisted_file": host.get("persisted_file"),
        "last_failure": {"when": _when(last), "source": last.source, "line": last.line,
                         "kernel": timeline.entry(last)["state"]["kernel"]},
        "failures_listed": listed(fixed, timeline),
        "sources": list(sources),
    }
