"""
What every human-readable format shows, computed once from a result
dictionary (:mod:`pagealloc.result`): the headline, the verdicts to show,
the evidence from the failure events, the memory picture rows and the
remediation commands.  The format modules only lay these out and escape.

Remediation commands are shown only when they match the fixed shapes the
rules produce (an integer and a file name from a fixed pattern): nothing
taken from an archive can reach a command a user pastes as root.

Examples:
    >>> view = build_view({"host": "web1", "source": "x", "verdicts": [], "events": [],
    ...                    "memory_picture": None, "errors": []})
    >>> view["headline"], view["status"]
    ('No problem found', 'ok')
    >>> safe_remediation({"runtime_command": "sysctl -w vm.min_free_kbytes=4096; rm -rf /"}) is None
    True
"""

import re
from collections import Counter

from pagealloc.render.failure_lines import failure_lines
from pagealloc.render.inert import inert

# The only shapes a pasteable command may have (pagealloc.knowledge.remediation).
SYSCTL_D_PATH = r"/etc/sysctl\.d/[A-Za-z0-9][A-Za-z0-9._-]*\.conf"
REMEDIATION_SHAPES = {
    "runtime_command": re.compile(r"sysctl -w vm\.min_free_kbytes=\d{1,9}\Z"),
    "apply_command": re.compile(r"sysctl -p %s\Z" % SYSCTL_D_PATH),
    "verify_command": re.compile(r"sysctl vm\.min_free_kbytes\Z"),
    "path": re.compile(SYSCTL_D_PATH + r"\Z"),
    "content": re.compile(r"vm\.min_free_kbytes = \d{1,9}\n\Z"),
}
MAX_TEXT = 2000
MAX_CONTENT = 20000


def clean(value, limit=MAX_TEXT):
    """Archive text made one inert line (:func:`pagealloc.render.inert.inert`: line breaks,
    control and bidi characters shown as escapes), cut at ``limit`` characters."""
    text = inert(value)
    return text if len(text) <= limit else text[:limit] + "..."


def content_lines(content, limit=MAX_CONTENT):
    """A rule's rendered CONTENT as inert lines: its template's own line breaks, and only those
    (the values from the input were made inert before rendering, :func:`pagealloc.result.rendered_content`)."""
    text = "" if content is None else str(content)
    text = text if len(text) <= limit else text[:limit] + "..."
    return [clean(line, limit) for line in text.split("\n")]


def build_view(result, show="all"):
    verdicts = result.get("verdicts") or []
    problems = [v for v in verdicts if v["type"] == "fail"]
    shown = problems if show == "problems" else verdicts
    notes = [v for v in verdicts if v["type"] == "info"]
    if problems:
        headline = "PROBLEM FOUND: " + ", ".join(clean(v["key"]) for v in problems)
        status = "problem"
    elif notes:  # e.g. failures seen but not enough data to decide: not "nothing found"
        headline = "No problem confirmed, see: " + ", ".join(clean(v["key"]) for v in notes)
        status = "info"
    elif any(e.get("unusable") for e in result.get("events") or []):  # pagealloc.kernlog.plausible
        headline, status = "No problem confirmed: a failure report is unusable (see Notes)", "info"
    else:
        headline, status = "No problem found", "ok"
    events = result.get("events") or []
    return {
        "headline": headline,
        "status": status,
        "host": result.get("host"),
        "source": result.get("source"),
        "input": result.get("input") or {},
        "verdicts": shown,
        "hidden_verdicts": len(verdicts) - len(shown),
        "events": event_summary(events),
        "zone_points": zone_points(events),
        "timeline": timeline(events),
        "picture": picture_rows(result.get("memory_picture")),
        "missing_inputs": (result.get("memory_picture") or {}).get("missing_inputs") or [],
        "remediations": [(v["key"], safe_remediation((v.get("details") or {}).get("remediation")))
                         for v in problems if (v.get("details") or {}).get("remediation")],
        "notes": input_notes(result),
        "version": result.get("pagealloc_version"),
    }


def event_summary(events):
    """Counts of the failure events: kinds, orders, contexts, drivers, first/last."""
    if not events:
        return None

    def count(key):
        return Counter(clean(e.get(key)) for e in events if e.get(key) is not None).most_common()

    return {
        "total": len(events),
        "kinds": count("kind"),
        "orders": count("order"),
        "contexts": count("context"),
        "drivers": count("driver"),
        "comms": count("comm")[:5],
        "atomic": sum(1 for e in events if e.get("atomic") is True),
        "suppressed": sum(int(e.get("suppressed") or 0) for e in events),
        "first": when(events[0]),
        "last": when(events[-1]),
        "per_failure": failure_lines(events),
    }


def when(event):
    if event.get("wallclock"):
        return clean(event["wallclock"])
    if event.get("timestamp") is not None:
        return "%.3f s after boot" % float(event["timestamp"])
    return "line %s of %s" % (event.get("line"), clean(event.get("source")))


def zone_points(events, limit=20):
    """(event number, zone label, free_kb, min_kb) for each zone line of the first reports."""
    points = []
    for number, event in enumerate(events[:limit], 1):
        for zone in event.get("zones") or []:
            if zone.get("free_kb") is None or zone.get("min_kb") is None:
                continue
            node = "" if zone.get("node") is None else "node %s " % zone["node"]
            points.append({"event": number, "zone": clean(node + str(zone.get("zone")), 40),
                           "free_kb": int(zone["free_kb"]), "min_kb": int(zone["min_kb"])})
    return points


def timeline(events):
    """{points: [{x, order, kind}], axis}: x is seconds since boot
    when every event has it, else the report number."""
    stamped = [e.get("timestamp") for e in events]
    use_time = all(isinstance(t, (int, float)) for t in stamped) and stamped
    points = [{"x": float(e["timestamp"]) if use_time else float(i + 1), "order": e.get("order"),
               "kind": clean(e.get("kind"))} for i, e in enumerate(events)]
    return {"points": points, "axis": "seconds since boot" if use_time else "report number"}


def picture_rows(picture):
    """(label, value) rows of the memory picture, unknowns shown as 'unknown'."""
    if not picture:
        return []
    mfk = picture.get("min_free_kbytes") or {}
    persisted = mfk.get("persisted") or {}
    # A plain log has no runtime data; the failure report's own Mem-Info
    # gives estimates, shown as such (never as values that were read).
    reserve_from_report = mfk.get("current_estimated_from_report") or {}
    report_kernel = (reserve_from_report.get("report") or {}).get("kernel")
    rows = [
        ("host", picture.get("hostname")),
        ("kernel", picture.get("kernel_release") or from_report(report_kernel)),
        ("arch", picture.get("arch")),
        ("MemTotal", kb(picture.get("mem_total_kb"))
         or estimated(kb((picture.get("mem_total_estimated_from_report") or {}).get("value")))),
        ("NUMA nodes", picture.get("numa_nodes")),
        ("vm.min_free_kbytes (running)", with_source(mfk.get("current"), mfk.get("source"))
         or estimated(kb_range(reserve_from_report.get("value"), reserve_from_report.get("range")))),
        ("kernel default", default_text(mfk)),
        ("running / default", None if mfk.get("ratio") is None else "%.2f" % mfk["ratio"]),
        ("persisted value", persisted_text(persisted, picture.get("missing_inputs") or [])),
    ]
    tuned = tuned_text(persisted.get("tuned"))
    if tuned is not None:  # a row only when the picture knows of an active profile
        rows.append(("TuneD profile", tuned))
    rows += [
        ("transparent hugepages", picture.get("thp_enabled")),
        ("vm.watermark_scale_factor", picture.get("watermark_scale_factor")),
    ]
    return [(label, "unknown" if value is None else clean(value, 200)) for label, value in rows]


def unread_tuned_profiles(tuned):
    """Active TuneD profiles (or ones they include) whose tuned.conf was not in the input."""
    if not isinstance(tuned, dict) or tuned.get("conf_collected", True):
        return []
    return [clean(p, 100) for p in tuned.get("unread_profiles") or [tuned.get("profile")] if p]


def persisted_text(persisted, missing_inputs):
    """The value set at boot and where; when an unread TuneD profile may still set it, say so."""
    unread = unread_tuned_profiles(persisted.get("tuned")) if persisted.get("value_settled") is False else []

    def unread_may(action):
        return "TuneD profile %s (not collected) may %s at boot" % (", ".join(unread), action)

    if persisted.get("value") is not None:
        text = with_source(persisted["value"], persisted.get("winning_file"))
        return "%s; %s" % (text, unread_may("override it")) if unread else text
    if persisted and not any("sysctl" in str(m) for m in missing_inputs):
        if unread:
            return "not set in any sysctl file read; %s: unknown" % unread_may("set it")
        return "not set in any sysctl file read (the kernel default applies at boot)"
    return None


def tuned_text(tuned):
    """The active TuneD profile and what it does to the key, or None when no profile is known."""
    if not isinstance(tuned, dict) or not (tuned.get("profile") or tuned.get("active_profiles")):
        return None
    profile = clean(tuned.get("profile") or ", ".join(map(str, tuned.get("active_profiles"))), 100)
    unread = unread_tuned_profiles(tuned)
    if unread:
        whose = "" if unread == [profile] else " of " + ", ".join(unread)
        outcome = ("user sysctl files TuneD re-applies set the key" if tuned.get("user_files_set_key")
                   else "whether it sets the key is unknown")
        return "%s (tuned.conf%s not collected: %s)" % (profile, whose, outcome)
    if tuned.get("value") is None:
        return "%s (does not set vm.min_free_kbytes)" % profile
    text = "%s sets %s (%s)" % (profile, tuned["value"], tuned.get("file") or "tuned.conf")
    return text + (", overridden by user sysctl files" if tuned.get("overridden") else "")


def kb_range(value, value_range):
    if value is None:
        return None
    if isinstance(value_range, (list, tuple)) and len(value_range) == 2 and value_range[0] != value_range[1]:
        return "%s kB (%s-%s)" % (value, value_range[0], value_range[1])
    return "%s kB" % value


def kb(value):
    return None if value is None else "%d kB (%.1f GiB)" % (value, value / 2**20)


def from_report(value):
    """A fact printed in a failure report, for a host whose own data is missing."""
    return None if value is None else "%s (from the failure report)" % value


def estimated(text):
    """A figure computed from a failure report's Mem-Info, labelled as an estimate."""
    return None if text is None else "about %s (estimated from the failure report)" % text


def with_source(value, source):
    if value is None:
        return None
    return "%s (%s)" % (value, source) if source else str(value)


def default_text(mfk):
    default = mfk.get("default")
    if default is None:
        return None
    basis = mfk.get("default_basis") or {}
    error = basis.get("error_kb")
    text = "%s kB, %s" % (default, basis.get("basis") or "computed")
    return text + (" (+/- %s kB)" % error if error else "")


def safe_remediation(remediation):
    """The remediation with every command checked against its fixed shape, or None."""
    if not isinstance(remediation, dict):
        return None
    sysctl_file = remediation.get("sysctl_d_file") or {}
    fields = {
        "runtime_command": remediation.get("runtime_command"),
        "path": sysctl_file.get("path"),
        "content": sysctl_file.get("content"),
        "apply_command": remediation.get("apply_command"),
        "verify_command": remediation.get("verify_command"),
    }
    for name, value in fields.items():
        if value is None and name == "verify_command":
            continue
        if not isinstance(value, str) or not REMEDIATION_SHAPES[name].match(value):
            return None
    fields["conflicts"] = [{"path": clean(c.get("path"), 300), "value": clean(c.get("value"), 40),
                            "must_change": bool(c.get("must_change"))}
                           for c in remediation.get("conflicts") or []]
    fields["unusable_settings"] = [{"path": clean(u.get("path"), 300), "line": clean(u.get("line"), 20),
                                    "reason": clean(u.get("reason"), 300)}
                                   for u in remediation.get("unusable_settings") or []]
    fields["tuned"] = tuned_remediation_note(remediation.get("tuned"))
    return fields


def tuned_remediation_note(tuned):
    """{profile, value, conf_collected} when a TuneD profile sets the key or its tuned.conf was
    not collected (so it may set it); None otherwise."""
    if not isinstance(tuned, dict):
        return None
    collected = tuned.get("conf_collected", True) is not False
    if collected and tuned.get("value") is None:
        return None
    return {"profile": clean(tuned.get("profile") or "(active profile)", 100),
            "value": None if tuned.get("value") is None else clean(tuned["value"], 40),
            "conf_collected": collected}


def input_notes(result):
    """How the input was read, inputs that were present but unusable, and the picture's own notes."""
    picture = result.get("memory_picture") or {}
    notes = [clean(n) for n in (result.get("input") or {}).get("notes") or []]
    notes += ["unusable input %s: %s" % (clean(u.get("input")), clean(u.get("reason")))
              for u in picture.get("unusable_inputs") or [] if isinstance(u, dict)]
    notes += [clean(n) for n in picture.get("notes") or []]
    notes += ["%s: %s" % (clean(e.get("component")), clean(e.get("error"))) for e in result.get("errors") or []]
    return notes


def evidence_sentences(summary, escape, times="x"):
    """The evidence summary as sentences, every archive value passed through ``escape``."""

    def counts(pairs):
        return ", ".join("%s %s%d" % (escape(value), times, number) for value, number in pairs) or "unknown"

    return [
        "%d failure report(s): %s; atomic: %d; callbacks suppressed: %d"
        % (summary["total"], counts(summary["kinds"]), summary["atomic"], summary["suppressed"]),
        "order: %s; context: %s; driver: %s" % (counts(summary["orders"]), counts(summary["contexts"]),
                                                counts(summary["drivers"])),
        "task: %s" % counts(summary["comms"]),
        "first: %s; last: %s" % (escape(summary["first"]), escape(summary["last"])),
    ] + [escape(line) for line in summary.get("per_failure") or []]


def remediation_commands(remediation):
    """The checked remediation as shell lines to paste: runtime value, the sysctl.d file, apply."""
    lines = [remediation["runtime_command"], "cat > %s <<'EOF'" % remediation["path"]]
    lines += remediation["content"].splitlines() + ["EOF", remediation["apply_command"]]
    if remediation.get("verify_command"):
        lines.append(remediation["verify_command"])
    return lines


def remediation_notes(remediation, escape):
    """What else the user must know or fix: conflicting files, rejected lines, a TuneD profile."""
    notes = []
    for conflict in remediation["conflicts"]:
        action = "change or remove it (applied last)" if conflict["must_change"] else "overridden by the new file"
        notes.append("%s sets %s: %s" % (escape(conflict["path"]), escape(conflict["value"]), action))
    notes += ["%s line %s is rejected by the kernel (%s): fix or remove it"
              % (escape(u["path"]), escape(u["line"]), escape(u["reason"])) for u in remediation["unusable_settings"]]
    tuned = remediation["tuned"]
    # TuneD re-applies /etc/sysctl.d after its profile (plugin_sysctl reapply_sysctl, on by default).
    if tuned and tuned["conf_collected"]:
        notes.append("TuneD profile %s sets %s: the new file overrides it"
                     % (escape(tuned["profile"]), escape(tuned["value"])))
    elif tuned:
        notes.append("TuneD profile %s was not collected and may set vm.min_free_kbytes: the new file "
                     "overrides whatever it sets (TuneD re-applies /etc/sysctl.d after its profile)"
                     % escape(tuned["profile"]))
    return notes
