"""
Fleet report as Prometheus metrics - ``fleet report --format prometheus``
========================================================================

The text exposition format (version 0.0.4) for node_exporter's textfile
collector: write it with ``-o /var/lib/node_exporter/textfile/pagealloc.prom``
(written to a temporary file and renamed, so the collector never reads half
a file) after each nightly run; ``deploy/pagealloc-alerts.yml`` alerts on it.
Staleness comes from node_exporter's own ``node_textfile_mtime_seconds``, so
the output reads no clock and the same results give the same bytes.

Per host (labels ``host`` and ``host_id``, :mod:`pagealloc.fleet.hosts`), from
its latest archive:

* ``pagealloc_host_problem`` 1 when a rule failed (label ``confidence``);
* ``pagealloc_host_failures`` failure reports in the latest archive;
* ``pagealloc_host_min_free_kbytes`` current and
  ``pagealloc_host_min_free_kbytes_recommended`` recommended reserve (kB),
  each only when known;
* ``pagealloc_host_verdict`` 1 per verdict (labels ``key``, ``type``);
* ``pagealloc_host_archives`` archives seen for the host;
* with a history store: ``pagealloc_host_status`` 1 with ``status`` new,
  ongoing or resolved (since the previous run).

Fleet: ``pagealloc_fleet_hosts``, ``pagealloc_fleet_hosts_to_fix``,
``pagealloc_fleet_archives``, ``pagealloc_fleet_archives_unreadable``; with a
history store ``pagealloc_fleet_hosts_by_status`` and the counter
``pagealloc_fleet_runs_total``.

Examples:
    >>> label_value('web"1\\\\n')
    'web\\\\"1\\\\\\\\n'
    >>> print(sample("pagealloc_host_failures", {"host": "web1"}, 3))
    pagealloc_host_failures{host="web1"} 3
    >>> print(label_value("web1\\x1b]0;x\\x07"))
    web1\\\\x1b]0;x\\\\x07
"""

from pagealloc.render.inert import inert

HELP = {
    "pagealloc_fleet_hosts": ("gauge", "Hosts in the fleet report, each counted once by its latest archive."),
    "pagealloc_fleet_hosts_to_fix": ("gauge", "Hosts whose latest archive has a failing pagealloc rule."),
    "pagealloc_fleet_archives": ("gauge", "Archives in the results file (analysed or not)."),
    "pagealloc_fleet_archives_unreadable": ("gauge", "Archives that could not be analysed."),
    "pagealloc_fleet_hosts_by_status": ("gauge", "Hosts new, ongoing or resolved since the previous recorded run."),
    "pagealloc_fleet_runs_total": ("counter", "Fleet runs recorded in the history store."),
    "pagealloc_host_problem": ("gauge", "1 when a pagealloc rule failed on the host's latest archive, else 0."),
    "pagealloc_host_failures": ("gauge", "Page allocation failure reports in the host's latest archive."),
    "pagealloc_host_min_free_kbytes": ("gauge", "Current vm.min_free_kbytes of the host (kB)."),
    "pagealloc_host_min_free_kbytes_recommended": ("gauge", "vm.min_free_kbytes pagealloc recommends (kB)."),
    "pagealloc_host_verdict": ("gauge", "1 for each verdict (rule key and type) of the host's latest archive."),
    "pagealloc_host_archives": ("gauge", "Archives seen for the host."),
    "pagealloc_host_silent_rx_failures": ("gauge", "Receive-path allocation failures counted without a printed "
                                                   "report since boot (TcpExt PFMemallocDrop + NIC rx allocation "
                                                   "failures) in the host's latest archive."),
    "pagealloc_host_status": ("gauge", "1 when the host is new, ongoing or resolved since the previous run."),
}
HISTORY_STATUSES = ("new", "ongoing", "resolved")


def label_value(text):
    """A label value as the exposition format requires (backslash, double quote, newline escaped),
    shown as every other format shows input text (:func:`pagealloc.render.inert.inert`): control
    and bidi characters, line breaks and a non-UTF-8 byte as visible escapes, so neither ``cat`` of
    the textfile nor an alert quoting the label can be driven by a host name."""
    return inert(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def sample(name, labels, value):
    rendered = ",".join('%s="%s"' % (key, label_value(labels[key])) for key in labels)
    return "%s%s %d" % (name, "{%s}" % rendered if rendered else "", value)


def _host_labels(row):
    return {"host": row.get("host") or "", "host_id": row["host_id"]}


def render_prometheus(summary, history=None):
    """The metrics text of a report summary (and optionally a history document)."""
    families = {name: [] for name in HELP}
    totals = summary["totals"]
    families["pagealloc_fleet_hosts"].append(({}, totals["hosts"]))
    families["pagealloc_fleet_hosts_to_fix"].append(({}, totals["hosts_to_fix"]))
    families["pagealloc_fleet_archives"].append(({}, totals["archives"]))
    families["pagealloc_fleet_archives_unreadable"].append(({}, totals["errors"]))
    for row in summary["hosts"]:
        labels = _host_labels(row)
        families["pagealloc_host_problem"].append((dict(labels, confidence=row.get("confidence") or ""),
                                                   1 if row["problem"] else 0))
        families["pagealloc_host_archives"].append((labels, row.get("archives", 1)))
        for name, key in (("pagealloc_host_failures", "failures"), ("pagealloc_host_min_free_kbytes", "current"),
                          ("pagealloc_host_min_free_kbytes_recommended", "recommended"),
                          ("pagealloc_host_silent_rx_failures", "silent_rx_failures")):
            if isinstance(row.get(key), int):
                families[name].append((labels, row[key]))
        for key, kind in row.get("verdicts") or []:
            families["pagealloc_host_verdict"].append((dict(labels, key=key, type=kind), 1))
    if history is not None and history.get("runs"):
        families["pagealloc_fleet_runs_total"].append(({}, history["runs"]))
        changes = history["since_previous_run"]
        for status in HISTORY_STATUSES:
            families["pagealloc_fleet_hosts_by_status"].append(({"status": status}, len(changes[status])))
            for entry in changes[status]:
                families["pagealloc_host_status"].append(
                    ({"host": entry.get("host") or "", "host_id": entry["host_id"], "status": status}, 1))
    lines = []
    for name, samples in families.items():
        if not samples:
            continue
        kind, text = HELP[name]
        lines += ["# HELP %s %s" % (name, text), "# TYPE %s %s" % (name, kind)]
        samples.sort(key=lambda s: sorted(s[0].items()))
        lines += [sample(name, labels, value) for labels, value in samples]
    return "\n".join(lines) + "\n"


def render_prometheus_report(results_path, db=None):
    """``fleet report RESULTS --format prometheus [--db TARGET]``."""
    from pagealloc.errors import InputError
    from pagealloc.fleet.jsonl import read_records
    from pagealloc.fleet.report import summarise

    if not results_path:
        raise InputError("--format prometheus needs the results file (the per-host figures come from it)")
    summary = summarise(read_records(results_path))
    if not summary["totals"]["archives"]:
        raise InputError("%s: no fleet records (empty, missing or not a pagealloc results file)" % results_path)
    history = None
    if db:
        from pagealloc.fleet.history import fleet_history
        from pagealloc.fleet.store import open_store

        with open_store(db) as store:
            history = fleet_history(store)
    return render_prometheus(summary, history)
