"""
Fleet report - ``pagealloc fleet report``
=========================================

Aggregates a JSONL results file (:mod:`pagealloc.fleet.record`) into totals
by verdict, kernel, driver and recommended value, the hosts to fix with
their remediation, and the archives that could not be analysed; renders it
as text, JSON, CSV or HTML.  Figures
count hosts, not archives: each host's latest archive speaks for it
(:mod:`pagealloc.fleet.hosts`), with the number of its archives beside it.

Output is deterministic: every list is sorted, nothing depends on the order
records arrived in (the embedded runner writes in completion order), no
clock is read.  The words of the text and HTML reports are render's
(:mod:`pagealloc.render.fleet_text`, :mod:`pagealloc.render.fleet_html`).  A source recorded twice counts once: its first successful
record, else its first error (a retried archive's success replaces the error).
CSV cells that a spreadsheet would run as a formula are prefixed with ``'``.
Text, CSV and HTML show every value from an archive or a results file
(host names, sources, errors, keys) made inert
(:func:`pagealloc.render.inert.inert`): an escape sequence in a host name
cannot reach the terminal, a line break cannot add a report line.

Examples:
    >>> rows = [
    ...     {"source": "/a", "host": "web1", "error": None, "figures": {"kernel": "4.18.0",
    ...      "min_free_kbytes_current": 11585, "min_free_kbytes_default": 11585,
    ...      "min_free_kbytes_recommended": 23552, "failures": 3, "drivers": ["ixgbe"], "problem": True},
    ...      "verdicts": [{"key": "MIN_FREE_KBYTES_LOW_ATOMIC_RX", "type": "fail", "rule": "r",
    ...                    "details": {"remediation": {"runtime_command": "sysctl -w vm.min_free_kbytes=23552"}}}]},
    ...     {"source": "/b", "host": None, "error": "truncated archive", "figures": {}, "verdicts": []},
    ... ]
    >>> summary = summarise(rows)
    >>> summary["totals"]
    {'archives': 2, 'analysed': 1, 'errors': 1, 'hosts': 1, 'hosts_to_fix': 1}
    >>> summary["by_verdict"]
    {'MIN_FREE_KBYTES_LOW_ATOMIC_RX': {'fail': 1}}
    >>> summary["hosts_to_fix"][0]["remediation"]["runtime_command"]
    'sysctl -w vm.min_free_kbytes=23552'
    >>> csv_safe("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
"""

import csv
import io
import json
from collections import Counter

from pagealloc.errors import InputError
from pagealloc.fleet.hosts import group_by_host
from pagealloc.fleet.jsonl import read_records
from pagealloc.fleet.record import confidence_level, preferred
from pagealloc.render.fleet_text import render_text
from pagealloc.render.inert import inert

UNKNOWN = "unknown"


def _failing(record):
    return [v for v in record.get("verdicts") or [] if v.get("type") == "fail"]


def _remediation(record):
    for verdict in _failing(record):
        remediation = (verdict.get("details") or {}).get("remediation")
        if remediation:
            return remediation
    return None


def _confidence(record):
    """Records written before ``figures.confidence`` existed: read it from the failing verdict."""
    return next((level for level in map(confidence_level, _failing(record)) if level), None)


def _row(record):
    """The flat per-archive row shared by hosts_to_fix, CSV and the charts."""
    figures = record.get("figures") or {}
    return {
        "source": record["source"],
        "host": record.get("host"),
        "machine_id": record.get("machine_id"),
        "archive_time": record.get("archive_time"),
        "kernel": figures.get("kernel"),
        "mem_total_kb": figures.get("mem_total_kb"),
        "problem": bool(_failing(record)),
        "failing_keys": sorted({v.get("key") for v in _failing(record) if v.get("key")}),
        "current": figures.get("min_free_kbytes_current"),
        "default": figures.get("min_free_kbytes_default"),
        "recommended": figures.get("min_free_kbytes_recommended"),
        "failures": figures.get("failures"),
        "suppressed": figures.get("suppressed"),
        "drivers": sorted(figures.get("drivers") or []),
        "confidence": figures.get("confidence") or _confidence(record),
        "boot_id": record.get("boot_id"),
        "pfmemalloc_drops": figures.get("pfmemalloc_drops"),
        "nic_rx_alloc_failures": figures.get("nic_rx_alloc_failures"),
        "silent_rx_failures": figures.get("silent_rx_failures"),
        "error": record.get("error"),
    }


def _compact(record):
    """What the report needs of one record: its row and its verdicts' (key, type)."""
    row = _row(record)
    row["remediation"] = _remediation(record) if row["problem"] else None
    verdicts = [(v.get("key") or UNKNOWN, v.get("type") or UNKNOWN) for v in record.get("verdicts") or []]
    return {"source": record["source"], "error": row["error"], "row": row, "verdicts": verdicts}


def _counting_rows(records):
    """One compact record per source (:func:`pagealloc.fleet.record.preferred`), in source order.

    Streams the records; memory holds one small row per source, not the verdict details.
    """
    chosen = {}
    for record in records:
        source = record["source"]
        if preferred(chosen.get(source), record) is record:
            chosen[source] = _compact(record)
    return [chosen[source] for source in sorted(chosen)]


def _sorted_counts(counter):
    return {key: counter[key] for key in sorted(counter)}


def summarise(records):
    """The report as plain data (the ``--format json`` document)."""
    by_verdict, by_kernel, by_driver, by_recommendation = {}, Counter(), Counter(), Counter()
    rows, errors, verdicts_of = [], [], {}
    for compact in _counting_rows(records):
        row = compact["row"]
        if row["error"] is not None:
            errors.append({"source": row["source"], "error": row["error"]})
            continue
        row["verdicts"] = sorted(set(compact["verdicts"]))  # (key, type) pairs, for the metrics
        rows.append(row)
        verdicts_of[row["source"]] = compact["verdicts"]
    hosts = group_by_host(rows)
    for row in hosts:  # each host counted once, by its latest archive
        by_kernel[row["kernel"] or UNKNOWN] += 1
        for driver in row["drivers"]:
            by_driver[driver] += 1
        for key, kind in verdicts_of[row["source"]]:
            by_verdict.setdefault(key, Counter())[kind] += 1
        if row["problem"]:
            by_recommendation[str(row["recommended"]) if row["recommended"] is not None else UNKNOWN] += 1
    to_fix = [row for row in hosts if row["problem"]]
    return {
        "totals": {
            "archives": len(rows) + len(errors),
            "analysed": len(rows),
            "errors": len(errors),
            "hosts": len(hosts),
            "hosts_to_fix": len(to_fix),
        },
        "by_verdict": {key: _sorted_counts(by_verdict[key]) for key in sorted(by_verdict)},
        "by_kernel": _sorted_counts(by_kernel),
        "by_driver": _sorted_counts(by_driver),
        "by_recommendation_kb": _sorted_counts(by_recommendation),
        "hosts_to_fix": to_fix,
        "hosts": hosts,
        "errors": errors,
    }


# -- renderers --------------------------------------------------------------

def render_json(summary):
    """The summary as JSON; a remediation whose commands do not have the rules' fixed shape (a forged or
    hand-edited results line) moves under ``unchecked`` beside the ``withheld`` sentence, so a script
    reading ``.remediation.runtime_command`` never gets a command the rules did not make."""
    from pagealloc.render.remediation import WITHHELD, safe_remediation

    for key in ("hosts", "hosts_to_fix"):
        for row in summary.get(key) or []:
            remediation = row.get("remediation")
            if remediation and "withheld" not in remediation and safe_remediation(remediation) is None:
                row["remediation"] = {"withheld": WITHHELD, "unchecked": remediation}
    return json.dumps(summary, indent=2, sort_keys=True) + "\n"


CSV_COLUMNS = ("host", "host_id", "archives", "source", "archive_time", "kernel", "mem_total_kb", "problem",
               "failing_keys", "current", "default", "recommended", "confidence", "failures", "suppressed",
               "drivers", "error", "silent_rx_failures", "pfmemalloc_drops", "nic_rx_alloc_failures", "boot_id")
# Cells starting with these run as formulas in spreadsheets (OWASP "CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    text = inert(value)
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def render_csv(summary):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = summary["hosts"] + [dict(source=e["source"], error=e["error"]) for e in summary["errors"]]
    for row in rows:
        cells = []
        for column in CSV_COLUMNS:
            value = row.get(column)
            if isinstance(value, list):
                value = " ".join(value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            cells.append(value if isinstance(value, int) else csv_safe(value))
        writer.writerow(cells)
    return out.getvalue()


def render_report(results_path, fmt="text"):
    """Read ``results_path`` and render the report in ``fmt``."""
    summary = summarise(read_records(results_path))
    if not summary["totals"]["archives"]:
        raise InputError("%s: no fleet records (empty, missing or not a pagealloc results file)" % results_path)
    if fmt == "html":
        from pagealloc.render.fleet_html import render_html

        return render_html(summary)
    return {"json": render_json, "text": render_text, "csv": render_csv}[fmt](summary)
