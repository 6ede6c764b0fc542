"""
Fleet history - new, ongoing and resolved hosts across runs
===========================================================

Every recorded run (:mod:`pagealloc.fleet.store`) holds each host's state:
its latest archive's verdict (failing or not) and figures.  Comparing the
latest run with a baseline run gives, per host (the terms of Red Hat
Insights Advisor):

* **new**: failing now, not failing (or not there) in the baseline;
* **ongoing**: failing in both, with the run since when it has been failing;
* **resolved**: failing in the baseline, seen again and not failing now;
* **not seen**: failing in the baseline and absent from the latest run (no
  archive this time: nothing can be said).

The baseline is the previous run, or with ``since`` the last run that
started before that date (none: every failing host is new).  A host's
**timeline** lists the runs where something changed: first seen, started
failing, reserve (``min_free_kbytes``) raised or lowered, failures stopped,
and the receive-path failures counted without a printed report (TcpExt
PFMemallocDrop plus the NICs' rx allocation failures, ``silent_rx_failures``).

Those counters count since boot, so one collection says that failures
happened, two say whether they still happen: between two collections of
the **same boot** (same ``/proc/sys/kernel/random/boot_id``) the difference
is the failures in between (:func:`counter_growth`).  Across a reboot the
counters restarted, and without a boot id nobody can tell: no difference is
given then.  A NIC driver reload also restarts its counters: when a counter
went down within one boot no difference is given either.

Examples:
    >>> ok = {"problem": 0, "host": "db1", "current_kb": 67584}
    >>> bad = {"problem": 1, "host": "web1", "current_kb": 11585}
    >>> changes = compare({"db1": dict(bad, host="db1"), "web1": bad}, {"db1": ok, "web1": bad, "web3": bad})
    >>> [(status, [s["host_id"] for s in hosts]) for status, hosts in changes.items()]
    [('new', ['web3']), ('ongoing', ['web1']), ('resolved', ['db1']), ('not_seen', [])]
    >>> timeline_events([({"started_at": "d1"}, dict(bad, failures=3, recommended_kb=23552)),
    ...                  ({"started_at": "d2"}, dict(bad, current_kb=23552)),
    ...                  ({"started_at": "d3"}, dict(ok, current_kb=23552))])
    ... # doctest: +NORMALIZE_WHITESPACE
    [('d1', 'first seen, failing: failures 3, min_free_kbytes 11585 kB, recommended 23552 kB'),
     ('d2', 'reserve raised: min_free_kbytes 11585 -> 23552 kB'),
     ('d3', 'failures stopped (min_free_kbytes 23552 kB)')]
    >>> boot = "4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90"
    >>> counter_growth(dict(bad, boot_id=boot, silent_rx_failures=1442), dict(bad, boot_id=boot, silent_rx_failures=1742))
    {'value': 1742, 'previous': 1442, 'same_boot': True, 'growth': 300}
    >>> counter_growth(dict(bad, boot_id=boot, silent_rx_failures=1742), dict(bad, boot_id=None, silent_rx_failures=1800))
    {'value': 1800, 'previous': 1742, 'same_boot': None, 'growth': None}
"""

import datetime
import json

from pagealloc.errors import InputError
from pagealloc.render.fleet_html import history_html
from pagealloc.render.fleet_text import wrap

STATUSES = ("new", "ongoing", "resolved", "not_seen")
STATUS_LABELS = {"new": "new", "ongoing": "ongoing", "resolved": "resolved", "not_seen": "not seen"}


def _entry(host_id, state, previous=None):
    return dict(state, host_id=host_id, silent_rx=counter_growth(previous, state))


#: the counters summed in ``silent_rx_failures`` (each only grows within a boot, or a driver's life)
SILENT_PARTS = ("pfmemalloc_drops", "nic_rx_alloc_failures")


def counter_growth(before, after):
    """The silent receive failures of state ``after`` against the earlier state ``before`` of the
    same host: {value, previous, same_boot (None: a boot id is missing), growth}, or None when
    ``after`` has no count.  ``growth`` only within one boot, and only when no counter went down
    (a NIC driver reload restarts its counters: the sum could still grow and say too little)."""
    value = after.get("silent_rx_failures")
    if value is None:
        return None
    before = before or {}
    previous = before.get("silent_rx_failures")
    boots = (before.get("boot_id"), after.get("boot_id"))
    same_boot = None if previous is None or None in boots else boots[0] == boots[1]
    went_down = any(before.get(name) is not None and after.get(name) is not None and after[name] < before[name]
                    for name in ("silent_rx_failures",) + SILENT_PARTS)
    growth = value - previous if same_boot and not went_down else None
    return {"value": value, "previous": previous, "same_boot": same_boot, "growth": growth}


def compare(before, after):
    """{status: [state + host_id + silent_rx]} between two {host_id: state} maps, each list sorted by host."""
    changes = {status: [] for status in STATUSES}
    for host_id, state in after.items():
        previous = before.get(host_id)
        if state["problem"]:
            changes["ongoing" if previous and previous["problem"] else "new"].append(_entry(host_id, state, previous))
        elif previous and previous["problem"]:
            changes["resolved"].append(_entry(host_id, state, previous))
    for host_id, state in before.items():
        if state["problem"] and host_id not in after:
            changes["not_seen"].append(_entry(host_id, state))
    for hosts in changes.values():
        hosts.sort(key=lambda s: (s.get("host") or "", s["host_id"]))
    return changes


def parse_since(text):
    """``YYYY-MM-DD`` or an ISO 8601 time -> the UTC ``...Z`` string runs are compared with."""
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError("--since %r: expected a date (2026-11-24) or an ISO 8601 time" % text) from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _failing_since(store, runs, host_ids):
    """{host_id: started_at of the first run of its current failing streak}."""
    since = {}
    remaining = set(host_ids)
    for run in reversed(runs):
        if not remaining:
            break
        states = store.states(run["id"])
        for host_id in list(remaining):
            state = states.get(host_id)
            if state is not None and state["problem"]:
                since[host_id] = run["started_at"]
            elif state is not None:
                remaining.discard(host_id)
    return since


def fleet_history(store, since=None):
    """The history document: runs, latest run, changes since the previous run (and since ``since``)."""
    runs = store.runs()
    if not runs:
        return {"runs": 0, "latest_run": None, "since_previous_run": None, "since": None}
    latest = runs[-1]
    after = store.states(latest["id"])

    def against(baseline):
        changes = compare(store.states(baseline["id"]) if baseline else {}, after)
        return dict(baseline=baseline, **changes)

    document = {
        "runs": len(runs),
        "latest_run": latest,
        "since_previous_run": against(runs[-2] if len(runs) > 1 else None),
        "since": None,
    }
    if since is not None:
        cutoff = parse_since(since)
        before = [run for run in runs[:-1] if run["started_at"] < cutoff]
        document["since"] = dict(date=cutoff, **against(before[-1] if before else None))
    failing = [e["host_id"] for e in document["since_previous_run"]["new"] + document["since_previous_run"]["ongoing"]]
    streaks = _failing_since(store, runs, failing)
    for section in (document["since_previous_run"], document["since"]):
        for entry in (section or {}).get("new", []) + (section or {}).get("ongoing", []):
            entry["failing_since"] = streaks.get(entry["host_id"])
    return document


def _kb(value):
    return "?" if value is None else "%d kB" % value


def _count(value):
    return "{:,}".format(value)


def silent_rx_event(growth, since, growing):
    """What the silent receive failures of a run say against the previous run (``since``), or None
    when nothing changed.  ``growing``: they grew at the previous comparison."""
    if growth is None:
        return None
    value, previous = _count(growth["value"]), growth["previous"]
    if previous is None or growth["same_boot"] is False:
        if not growth["value"] and previous is None:
            return None
        return "silent receive failures: %s since %s" % (value, "this boot" if previous is None else "a reboot")
    if growth["same_boot"] is None:
        return None if growth["value"] == previous else (
            "silent receive failures: %s, was %s (no boot id for both: growth not computed)" % (value, _count(previous)))
    if growth["growth"] is None:
        return ("silent receive failures: %s, was %s at %s in the same boot, and a counter went down (a NIC "
                "driver reload restarts its counters): growth not computed" % (value, _count(previous), since))
    if growth["growth"]:
        return "silent receive failures: %s, +%s since %s (same boot)" % (value, _count(growth["growth"]), since)
    return "no new silent receive failures since %s (%s, same boot)" % (since, value) if growing else None


def timeline_events(history):
    """[(started_at, what changed)] of one host's [(run, state)], oldest first."""
    events = []
    previous = previous_run = None
    growing = False
    for run, state in history:
        when = run["started_at"]
        growth = counter_growth(previous, state)
        silent = silent_rx_event(growth, previous_run and previous_run["started_at"], growing)
        if previous is None:
            if state["problem"]:
                events.append((when, "first seen, failing: failures %s, min_free_kbytes %s, recommended %s"
                               % (state.get("failures", "?"), _kb(state.get("current_kb")),
                                  _kb(state.get("recommended_kb")))))
            else:
                events.append((when, "first seen, not failing (min_free_kbytes %s)" % _kb(state.get("current_kb"))))
        else:
            old, new = previous.get("current_kb"), state.get("current_kb")
            if old is not None and new is not None and old != new:
                events.append((when, "reserve %s: min_free_kbytes %d -> %s"
                               % ("raised" if new > old else "lowered", old, _kb(new))))
            if state["problem"] and not previous["problem"]:
                events.append((when, "started failing: failures %s, recommended %s"
                               % (state.get("failures", "?"), _kb(state.get("recommended_kb")))))
            elif previous["problem"] and not state["problem"]:
                events.append((when, "failures stopped (min_free_kbytes %s)" % _kb(state.get("current_kb"))))
        if silent:
            events.append((when, silent))
        growing = bool(growth and growth["growth"])
        previous, previous_run = state, run
    return events


def host_timelines(store, host):
    """{host_id: [(started_at, event)]} of every host named (or identified) ``host``."""
    by_id = {}
    for run, state in store.host_history(host):
        by_id.setdefault(state["host_id"], []).append((run, state))
    if not by_id:
        raise InputError("%s: no such host in the history" % host)
    return {host_id: timeline_events(history) for host_id, history in sorted(by_id.items())}


# -- renderers --------------------------------------------------------------

def _entry_line(status, entry):
    line = "  %-9s %s" % (STATUS_LABELS[status], entry.get("host") or entry["host_id"])
    if status in ("new", "ongoing"):
        line += ": failures %s, min_free_kbytes %s, recommended %s" % (
            entry.get("failures", "?"), _kb(entry.get("current_kb")), _kb(entry.get("recommended_kb")))
        if entry.get("failing_since"):
            line += "; failing since %s" % entry["failing_since"]
    elif status == "resolved":
        line += ": no failure in %s (min_free_kbytes %s)" % (entry["source"], _kb(entry.get("current_kb")))
    else:
        line += ": no archive in the latest run"
    silent = entry.get("silent_rx")
    if silent and status != "not_seen" and (silent["value"] or silent["previous"]):
        line += "; silent receive failures %s%s" % (_count(silent["value"]), _growth_words(silent))
    return line


def _growth_words(silent):
    if silent["growth"] is not None:
        return " (+%s, same boot)" % _count(silent["growth"])
    if silent["previous"] is None:
        return ""
    return {False: " (rebooted since)", None: " (no boot id: growth not computed)"}.get(
        silent["same_boot"], " (a counter went down: a NIC driver reload?)")


def _section_text(title, section):
    baseline = section["baseline"]
    lines = ["%s (baseline: %s):" % (title, "run %d at %s" % (baseline["id"], baseline["started_at"])
                                     if baseline else "none, every failing host is new")]
    lines.append("  " + ", ".join("%s %d" % (STATUS_LABELS[s], len(section[s])) for s in STATUSES))
    for status in STATUSES:  # at most 80 columns, the rest of an entry under its host
        lines += [part for entry in section[status] for part in wrap(_entry_line(status, entry), hanging=" " * 12)]
    return lines


def render_history_text(history):
    if not history["runs"]:
        return "History: no run recorded yet\n"
    latest = history["latest_run"]
    lines = ["History", "=======",
             "%d runs recorded; latest: run %d at %s (%s, %d hosts)" % (
                 history["runs"], latest["id"], latest["started_at"], latest["kind"], latest["hosts"]), ""]
    lines += _section_text("Since the previous run", history["since_previous_run"])
    if history["since"]:
        lines += [""] + _section_text("Since %s" % history["since"]["date"], history["since"])
    return "\n".join(lines) + "\n"


def render_timelines_text(timelines):
    lines = []
    for host_id, events in timelines.items():
        lines.append("Timeline of %s:" % host_id)
        lines += [part for event in events for part in wrap("  %s  %s" % event, hanging=" " * 24)]
    return "\n".join(lines) + "\n"


def render_history_html(history, page=False):
    """The history as HTML (:func:`pagealloc.render.fleet_html.history_html`, autoescaped)."""
    latest = history["latest_run"] if history["runs"] else None
    sections = []
    for title, section in (("Since the previous run", history["since_previous_run"]),
                           ("Since %s" % (history["since"] or {}).get("date"), history["since"])):
        if section:
            sections.append((title, [{"status": STATUS_LABELS[status], "host": entry.get("host") or entry["host_id"],
                                      "failures": _number(entry.get("failures")),
                                      "current_kb": _number(entry.get("current_kb")),
                                      "recommended_kb": _number(entry.get("recommended_kb")),
                                      "failing_since": entry.get("failing_since") or "",
                                      "silent_rx": _silent_cell(entry.get("silent_rx"))}
                                     for status in STATUSES for entry in section[status]]))
    return history_html(sections, history["runs"], latest, page=page)


def _silent_cell(silent):
    return "" if not silent else _count(silent["value"]) + _growth_words(silent)


def _number(value):
    return "" if value is None else "%d" % value


def with_history(report_text, fmt, history):
    """The fleet report (or nothing) with the history added in ``fmt``."""
    if fmt == "text":
        return (report_text + "\n" if report_text else "") + render_history_text(history)
    if fmt == "json":
        document = json.loads(report_text) if report_text else {}
        document["history"] = history
        return json.dumps(document, indent=2, sort_keys=True) + "\n"
    if fmt == "html":
        if not report_text:
            return render_history_html(history, page=True)
        # the fleet page (render/fleet_html.py, on the same base) ends with the history
        return report_text.replace("</body></html>", render_history_html(history) + "\n</body></html>")
    if report_text:  # csv: one row per host; a $PAGEALLOC_FLEET_DB in the environment must not break it
        return report_text
    raise InputError("the history is shown in the text, json and html formats, not %s" % fmt)


def record_results(target, records, kind, label=None, started_at=None):
    """Record one run of ``records`` (host states by latest archive) in the store at ``target``; returns its id."""
    from pagealloc.fleet.report import summarise
    from pagealloc.fleet.store import open_store

    summary = summarise(records)
    with open_store(target) as store:
        return store.record_run(summary, kind, label=label, started_at=parse_since(started_at) if started_at else None)


def check_writable(target):
    """InputError when a run could not be recorded in the store at ``target`` (checked before a run)."""
    from pagealloc.fleet.store import open_store

    with open_store(target) as store:
        store.check_writable()
