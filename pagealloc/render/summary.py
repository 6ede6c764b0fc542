"""
What every human-readable format shows, computed once from a result
dictionary (:mod:`pagealloc.result`): the headline in words, and the
report's ``sections`` in order (why, the fix, the failure reports, the memory
picture, checks that passed, notes, references, details), each a title and
a list of blocks (paragraph, list, table, commands, links, chart, log) that
every format lays out the same way.  To add a line, add a block to a
section here; the formats only lay blocks out and escape them.  The result's
parts are read once into typed views: the memory picture by
:func:`~pagealloc.render.picture_view.picture_view`, the failure events by
:func:`~pagealloc.render.event_view.event_views`, the verdicts by
:func:`~pagealloc.render.verdict_view.verdict_views`.

Remediation commands are shown only when they match the fixed shapes the
rules produce (an integer and a file name from a fixed pattern): nothing
taken from an archive can reach a command a user pastes as root.

Examples:
    >>> view = build_view({"host": "web1", "source": "x", "verdicts": [], "events": [],
    ...                    "memory_picture": None, "errors": []})
    >>> view["headline"], view["status"]
    ('No problem found on web1', 'ok')
    >>> [part["title"] for part in view["sections"]]
    ['Failure reports', 'Details']
"""

import re
from collections import Counter

from pagealloc.knowledge.report_rate import wallclock_rate
from pagealloc.render.event_view import event_views
from pagealloc.render.failure_lines import failure_lines
from pagealloc.render.findings import CONTEXT_KEYS, KIND_WORDS, finding, missing_sentence, on
from pagealloc.render.inert import clean
from pagealloc.render.picture_view import picture_view
from pagealloc.render.remediation import (
    NOTES_LEAD,
    WITHHELD,
    check_command,
    check_sentence,
    remediation_commands,
    remediation_notes,
    safe_remediation,
)
from pagealloc.render.verdict_view import verdict_views
from pagealloc.render.wording import words
from pagealloc.words import counted

# Event codes in words (pagealloc.knowledge.call_paths contexts; the kinds: findings.KIND_WORDS).
CONTEXT_WORDS = {"network-rx": "network receive", "network-tx": "network transmit", "network-other": "network",
                 "filesystem": "file system",
                 "storage": "storage driver", "gpu": "graphics driver", "other": "other kernel code",
                 "unknown": "unknown (no call trace)"}
LINK_CATEGORIES = {"kernel_docs": "kernel documentation", "vendor": "vendor guidance",
                   "persistence": "making it persistent", "networking": "networking",
                   "kernel_fix": "kernel fix", "published_guidance": "published guidance"}
LINK = re.compile(r"https://[^\s<>\"'`]+\Z")
MAX_CONTENT = 20000


def content_lines(content, limit=MAX_CONTENT):
    """A rule's rendered CONTENT as inert lines: its template's own line breaks, and only those
    (the values from the input were made inert before rendering, :func:`pagealloc.result.rendered_content`)."""
    text = "" if content is None else str(content)
    text = text if len(text) <= limit else text[:limit] + "..."
    return [clean(line, limit) for line in text.split("\n")]


def build_view(result, show="all"):
    """The report as data: a headline in words and the sections every human format lays out."""
    verdicts = verdict_views(result.get("verdicts"))
    problems = [v for v in verdicts if v.problem]
    shown = problems if show == "problems" else verdicts
    host = clean(result.get("host"), 200) if result.get("host") else None
    explained = [(v, finding(v, host)) for v in shown]
    events = event_views(result.get("events"))
    status, lead = verdict_status(verdicts, events)
    picture = picture_view(result.get("memory_picture"))
    view = {
        "headline": headline(status, lead, host, events),
        "status": status,
        "host": host,
        "source": clean(result.get("source")),
        "input": result.get("input") or {},
        "verdicts": shown,
        "hidden_verdicts": len(verdicts) - len(shown),
        "events": event_summary(events),
        "zone_points": zone_points(events),
        "timeline": report_timeline(events),
        "picture": picture_rows(picture, events),
        "missing_inputs": picture.missing_inputs if picture is not None else [],
        "report_kernel": reports_kernel(picture, events),
        "remediations": unique_remediations(problems),
        "notes": input_notes(result, picture),
        "version": clean(result.get("pagealloc_version"), 40),
    }
    view["sections"] = report_sections(view, explained, lead)
    return view


COUNT_KEYS = frozenset({"FAILURE_BURSTS"})  # numbers beside a decision: they lead the page only alone


def ran_before_the_raise(verdict):
    """MIN_FREE_KBYTES_RAISED_STILL_FAILING for failures that ran before today's raise: its words point at
    the persistence result, so that result (or any other note) leads the page."""
    if verdict.key != "MIN_FREE_KBYTES_RAISED_STILL_FAILING":
        return False
    details = verdict.details or {}
    ran_with, current = details.get("ran_with_kb"), (details.get("min_free_kbytes") or {}).get("current")
    return bool(ran_with) and current is not None and ran_with < current


def verdict_status(verdicts, events):
    """("problem" | "info" | "ok", the verdicts that lead the headline)."""
    problems = [v for v in verdicts if v.problem]
    notes = [v for v in verdicts if v.type == "info" and v.key not in CONTEXT_KEYS]
    # The answer to the question leads ("could not decide" first), a count of what was seen follows it.
    notes.sort(key=lambda v: (v.key in COUNT_KEYS, ran_before_the_raise(v), v.key != "INSUFFICIENT_DATA"))
    if problems:
        return "problem", problems
    if notes:  # facts beside a finding never lead; failures seen but not enough data: not "nothing found"
        return "info", notes
    if events:  # a report found is never "no problem found" (rules/failure_reports_found.py says each)
        return "info", []
    return "ok", []


def headline(status, lead, host, events=()):
    if lead:
        text = clean(finding(lead[0], host)["headline"], 500)
        others = len(lead) - 1
        if others:
            text += " (and %s below)" % counted(others, "more problem" if status == "problem" else "more finding")
        return text
    if status == "info" and events and all(e.unusable for e in events):  # pagealloc.kernlog.plausible
        return "No problem confirmed%s: a failure report is unusable (see Notes)" % on(host)
    if status == "info":
        return "%s found%s (see Failure reports)" % (counted(len(events), "allocation failure report"), on(host))
    return "No problem found%s" % on(host)


def report_sections(view, explained, lead):
    """Why, then the fix, then the other findings, the evidence, the picture, what passed, notes."""
    findings = finding_sections(explained, lead[:1])
    if lead and findings and findings[0]["title"] != "Why":
        findings = [f for f in findings if f["title"] == "Why"] + [f for f in findings if f["title"] != "Why"]
    return [section for section in (
        *findings[:1],
        *(remediation_section(r) for r in view["remediations"]),
        *findings[1:],
        evidence_section(view),
        picture_section(view, said_missing_inputs(explained)),
        passed_section(explained),
        notes_section(view),
        references_section(view["verdicts"]),
        details_section(view, view["verdicts"]),
    ) if section]


def section(section_id, title, *blocks):
    """One titled part of the report; ``blocks`` are dicts with a ``kind`` (paragraph, list, table,
    commands, links, chart, log) that every format knows how to lay out."""
    blocks = [b for b in blocks if b]
    return {"id": section_id, "title": title, "blocks": blocks} if blocks else None


def paragraph(text):
    return {"kind": "paragraph", "text": text} if text else None


def bullets(items):
    items = [i for i in items if i]
    return {"kind": "list", "items": items} if items else None


def table(header, rows, caption=None, numeric=()):
    """Rows of strings; ``numeric`` names the columns to align right; ``caption`` says what was cut."""
    return {"kind": "table", "header": header, "rows": rows, "caption": caption, "numeric": tuple(numeric)} \
        if rows else None


def finding_sections(explained, lead):
    """One section per shown fail/info verdict: the first problem's is "Why" (its headline is the page's).
    A list item a finding above already showed (two fragmentation findings give the same advice) is
    said again only as a pointer."""
    sections, shown = [], set()
    for verdict, found in explained:
        if verdict.type == "pass":
            continue
        is_lead = bool(lead) and verdict is lead[0]
        title = "Why" if is_lead else clean(found["headline"], 500)
        blocks = [finding_block(p) for p in found["paragraphs"]]
        for block in blocks:
            if block and block.get("kind") == "list":
                block["items"] = [said_above(item) if item in shown else item for item in block["items"]]
                shown.update(block["items"])
        sections.append(section("finding-" + clean(verdict.key, 100).lower(), title, *blocks,
                                bullets([clean(i, 500) for i in found["items"]])))
    return sections


def said_above(item):
    """A repeated list item as a pointer: its first words and 'as above'."""
    first = " ".join(item.split()[:4])
    return "%s ... (as above)" % first.rstrip(",;:")


def finding_block(part):
    """A finding's part as a block: a sentence, a list of sentences, or a table (every cell cleaned)."""
    if isinstance(part, dict) and part.get("kind") != "table":
        return part  # a chart: its data is drawn, each text escaped by the format
    if isinstance(part, dict):
        return dict(part, rows=[[clean(cell, 500) for cell in row] for row in part["rows"]],
                    header=[clean(cell, 200) for cell in part["header"]] if part.get("header") else None)
    if isinstance(part, list):
        return bullets([clean(item, 500) for item in part])
    return paragraph(clean(part, 5000))


def unique_remediations(problems):
    """Each different remediation once (two rules may recommend the same value): (checked or None, keys)."""
    seen = []
    for verdict in problems:
        if not verdict.remediation:
            continue
        checked = safe_remediation(verdict.remediation)
        for entry in seen:
            if entry["remediation"] == checked:
                entry["keys"].append(clean(verdict.key))
                break
        else:
            seen.append({"remediation": checked, "keys": [clean(verdict.key)]})
    return seen


def remediation_section(entry):
    remediation = entry["remediation"]
    if remediation is None:
        return section("remediation", "Fix", paragraph(WITHHELD))
    notes = remediation_notes(remediation)
    return section(
        "remediation", "Fix: paste into a root shell",
        {"kind": "commands", "lines": remediation_commands(remediation) + [check_command(remediation)]},
        paragraph(check_sentence(remediation)),
        # names from the input: beside the block, never in it
        paragraph(NOTES_LEAD) if notes else None,
        bullets(notes),
    )


def evidence_section(view):
    summary = view["events"]
    if not summary:
        return section("evidence", "Failure reports", paragraph("No page allocation failure reports found."))
    points = view["zone_points"]
    zones = table(["report", "zone", "free kB", "min kB", "state"],  # every column named (it had none)
                  [[str(p["event"]), p["zone"], str(p["free_kb"]), str(p["min_kb"]),
                    "below min" if p["free_kb"] < p["min_kb"] else ""] for p in points["rows"]],
                  caption=points["caption"], numeric=(0, 2, 3))
    timeline = view["timeline"]
    return section(
        "evidence", "Failure reports",
        table(None, evidence_rows(summary)),
        paragraph("Each report, and whether it matches this host:"),
        bullets(summary["per_failure"]),
        paragraph("Each zone's free memory against its min mark, per report:") if zones else None,
        zones,
        {"kind": "chart", "chart": "zones", "data": points["rows"], "caption": points["caption"]} if zones else None,
        paragraph("Reports over time (%s):" % timeline["axis"]),
        table(["when", "reports", "suppressed"],
              [[row["label"], str(row["reports"]), str(row["suppressed"])] for row in timeline["rows"]],
              caption=timeline["caption"], numeric=(1, 2)),
        {"kind": "chart", "chart": "timeline", "data": timeline, "caption": timeline["caption"]},
    )


def evidence_rows(summary):
    """(label, value) rows of the event counts, codes in words."""

    def counts(pairs, names=None):
        return ", ".join("%s (%d)" % ((names or {}).get(value, value), number) for value, number in pairs) or "unknown"

    return [
        # "vmalloc failure (1), 0 atomic" read as a figure missing: atomic is a page allocation's property
        ["reports", counts(summary["kinds"], KIND_WORDS) + (", %d atomic" % summary["atomic"]
                                                            if summary["atomic"] or "page-allocation-failure" in
                                                            dict(summary["kinds"]) else "")],
        ["orders", counts(summary["orders"])],
        ["where", counts(summary["contexts"], CONTEXT_WORDS)],
        ["drivers", counts(summary["drivers"])],
        ["tasks", counts(summary["comms"])],
        ["suppressed callbacks", str(summary["suppressed"])],
    ]


UNKNOWN_ROWS_GATHERED = 3  # from this many unknown figures (a plain log), one line names them


def picture_section(view, said_missing=()):
    """The figures as label/value rows; many unknown ones (a plain log) are named in one line instead of
    a column of "unknown".  Inputs a finding above already listed as not collected are not listed again
    (a plain log's page named the same 6 inputs twice)."""
    unknown = [label for label, value in view["picture"] if value == "unknown"]
    gather = len(unknown) >= UNKNOWN_ROWS_GATHERED
    rows = [[label, value] for label, value in view["picture"] if not (gather and value == "unknown")]
    missing = [m for m in view["missing_inputs"] if m not in said_missing]
    text = missing_sentence(missing, view.get("report_kernel"))
    if text and len(missing) < len(view["missing_inputs"]):
        text = "Also not collected" + text[len("Not collected"):]
    return section("picture", "Memory picture", table(None, rows),
                   paragraph("Not known from this input: %s." % ", ".join(unknown)) if gather else None,
                   paragraph(text))


def said_missing_inputs(explained):
    """The missing inputs the shown findings list in a "Not collected:" sentence of their own."""
    said = set()
    for verdict, found in explained:
        if verdict.type != "pass" and any(isinstance(p, str) and p.startswith("Not collected:")
                                          for p in found["paragraphs"]):
            said.update(str(m) for m in verdict.details.get("missing_inputs") or [])
    return said


def passed_section(explained):
    """One line per passed check: its headline, then what its rule adds in sentences (if anything)."""
    return section("passed", "Checks that passed",
                   bullets([clean(". ".join([found["headline"]] + [p for p in found["paragraphs"] if isinstance(p, str)]),
                                  2000) for verdict, found in explained if verdict.type == "pass"]))


def notes_section(view):
    return section("notes", "Notes", bullets(view["notes"]))


def references_section(verdicts):
    """The shown rules' links (insights-core ``links``: category -> URLs), each URL once, by category."""
    seen, groups = set(), {}
    for verdict in verdicts:
        links = dict(verdict.links)
        if verdict.guidance_urls:  # the sources of the published guidance a finding compares its value with
            links["published_guidance"] = verdict.guidance_urls
        for category, urls in sorted(links.items()):
            for url in urls or []:
                url = clean(url, 500)
                if url not in seen and LINK.match(url):
                    seen.add(url)
                    groups.setdefault(LINK_CATEGORIES.get(category, words(category)), []).append(url)
    items = [{"label": label, "urls": urls} for label, urls in groups.items()]
    return section("references", "References", {"kind": "links", "items": items} if items else None)


def details_section(view, verdicts):
    """The identifiers, for whoever searches or scripts: rule keys, the input, the version."""
    rows = [["check", "%s (%s)" % (clean(v.key), clean(v.rule))] for v in verdicts]
    read_as = view["input"].get("kind")
    source = view["source"] + (" (%s, %s)" % (clean(read_as), clean(view["input"].get("packing"))) if read_as else "")
    rows += [["source", source], ["pagealloc", view["version"] or "unknown"]]
    return section("details", "Details", table(None, rows),
                   paragraph("%s hidden; --show all lists them." % counted(view["hidden_verdicts"], "passed or "
                                                                          "informational check"))
                   if view["hidden_verdicts"] else None)


def event_summary(events):
    """Counts of the failure events: kinds, orders, contexts, drivers, first/last."""
    if not events:
        return None

    def count(values):
        return Counter(clean(value) for value in values if value is not None).most_common()

    return {
        "total": len(events),
        "kinds": count(e.kind for e in events),
        "orders": count(e.order for e in events),
        "contexts": count(e.context for e in events),
        "drivers": count(e.driver for e in events),
        "comms": count(e.comm for e in events)[:5],
        "atomic": sum(1 for e in events if e.atomic is True),
        "suppressed": sum(e.suppressed for e in events),
        "first": when(events[0]),
        "last": when(events[-1]),
        "per_failure": failure_lines(events),
    }


def when(event):
    if event.wallclock:
        return clean(event.wallclock)
    if event.timestamp is not None:
        return "%.3f s after boot" % float(event.timestamp)
    return "line %s of %s" % (event.line, clean(event.source))


def zone_points(events, limit=20):
    """{rows: [{event, zone, free_kb, min_kb}] of the first ``limit`` reports, caption: what was cut or None}."""
    rows = []
    for number, event in enumerate(events[:limit], 1):
        for zone in event.zones:
            if zone.free_kb is None or zone.min_kb is None:
                continue
            node = "" if zone.node is None else "node %s " % zone.node
            rows.append({"event": number, "zone": clean(node + str(zone.zone), 40),
                         "free_kb": int(zone.free_kb), "min_kb": int(zone.min_kb)})
    cut = len(events) > limit and any(e.zones for e in events[limit:])
    return {"rows": rows, "caption": "zones of the first %d of %d reports" % (limit, len(events)) if cut else None}


# Bucket widths for the reports-over-time table, smallest first (seconds).
INTERVALS = (1, 10, 60, 600, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400)


def report_timeline(events, max_rows=24):
    """
    Reports and suppressed callbacks per interval since boot (a new boot
    where the timestamp goes back), else per interval of the log's wall clock
    (:mod:`pagealloc.knowledge.report_rate`), else per log file:
    {rows: [{label, reports, suppressed, boot, start, width}], axis, caption}.
    """
    stamped = [e.timestamp for e in events]
    if not events or not all(isinstance(t, (int, float)) for t in stamped):
        # syslog/journal time of day: per minute or wider
        by_clock = wallclock_rate([(e.wallclock, e.suppressed) for e in events], max_rows)
        return by_clock if by_clock is not None else per_log_file(events)
    boots, previous = [[]], None
    for e in events:
        if previous is not None and e.timestamp < previous:
            boots.append([])
        boots[-1].append(e)
        previous = e.timestamp
    span = max(b[-1].timestamp - b[0].timestamp for b in boots)
    width = next((i for i in INTERVALS if span / i < max_rows), INTERVALS[-1])
    rows = []
    for number, boot in enumerate(boots, 1):
        buckets = {}
        for e in boot:
            start = int(e.timestamp // width) * width
            bucket = buckets.setdefault(start, [0, 0])
            bucket[0] += 1
            bucket[1] += e.suppressed
        for start, (reports, suppressed) in sorted(buckets.items()):
            label = "%s after boot" % span_text(start, width)
            if len(boots) > 1:
                label = "boot %d, %s" % (number, label)
            rows.append({"label": label, "reports": reports, "suppressed": suppressed, "boot": number,
                         "start": start, "width": width})
    caption = None
    if len(rows) > max_rows:
        caption = "the %d busiest of %d intervals" % (max_rows, len(rows))
        keep = sorted(sorted(rows, key=lambda r: -(r["reports"] + r["suppressed"]))[:max_rows],
                      key=lambda r: (r["boot"], r["start"]))
        rows = keep
    axis = "count per %s interval since boot%s" % (duration(width), ", %d boots" % len(boots) if len(boots) > 1 else "")
    return {"axis": axis, "rows": rows, "caption": caption}


def per_log_file(events):
    """The timeline of a log without timestamps: one row per log file, named by its file name when
    those differ (the whole path is in each report's line)."""
    rows = {}
    for e in events:
        row = rows.setdefault(clean(e.source, 200), {"reports": 0, "suppressed": 0})
        row["reports"] += 1
        row["suppressed"] += e.suppressed
    names = {source: source.rstrip("/").rsplit("/", 1)[-1] or source for source in rows}
    if len(set(names.values())) < len(names):
        names = {source: source for source in rows}
    return {"axis": "per log file, the log has no timestamps", "caption": None,
            "rows": [dict(label=names[source], boot=None, start=None, width=None, **row) for source, row in rows.items()]}


def span_text(start, width):
    """'7873-7874 s', '2 h 10 min to 2 h 20 min'."""
    if width < 600:
        return "%d-%d s" % (start, start + width)
    return "%s to %s" % (duration(start), duration(start + width))


def duration(seconds):
    """'7870 s', '2 h 10 min', '3 d'."""
    seconds = int(seconds)
    if seconds < 600:
        return "%d s" % seconds
    if seconds < 36000:
        return "%d min" % (seconds // 60)
    if seconds < 3 * 86400:
        return "%d h %d min" % (seconds // 3600, seconds % 3600 // 60) if seconds % 3600 else "%d h" % (seconds // 3600)
    return "%d d" % (seconds // 86400)


def picture_rows(picture, events=()):
    """(label, value) rows of the memory picture (a :class:`~pagealloc.render.picture_view.PictureView`,
    or the result's JSON form), unknowns shown as 'unknown'.  A host or kernel the host's data lack but
    this host's failure reports print (syslog host, task line) is shown as theirs: a plain log's page
    said "kernel: unknown" under a report that named it."""
    if isinstance(picture, dict) or picture is None:
        picture = picture_view(picture)
    if picture is None:
        return []
    own = [e for e in events if e.match is None or e.match.role != "foreign"]
    kernel = reports_kernel(picture, events)
    # A plain log has no runtime data; the failure report's own Mem-Info
    # gives estimates, shown as such (never as values that were read).
    rows = [
        ("host", picture.hostname or from_reports([e.host for e in own])),
        ("kernel", picture.kernel_release or (kernel and "%s (from the failure report%s)"
                                              % (kernel, "s" if len([e for e in own if e.kernel]) > 1 else ""))),
        ("arch", picture.arch),
        ("MemTotal", kb(picture.mem_total_kb) or estimated(kb(picture.mem_total_estimated_kb))),
        ("NUMA nodes", picture.numa_nodes),
        ("vm.min_free_kbytes (running)", with_source(in_kb(picture.current), picture.current_source)
         or estimated(kb_range(picture.estimate_kb, picture.estimate_range))),
        ("kernel default", default_text(picture)),
        ("running / default", None if picture.ratio is None else "%.2f" % picture.ratio),
        ("persisted value", persisted_text(picture.persisted, picture.missing_inputs)),
    ]
    tuned = tuned_text(picture.persisted.tuned)
    if tuned is not None:  # a row only when the picture knows of an active profile
        rows.append(("TuneD profile", tuned))
    rows += [
        ("transparent hugepages", picture.thp_enabled),
        ("vm.watermark_scale_factor", picture.watermark_scale_factor),
    ]
    return [(label, "unknown" if value is None else clean(value, 200)) for label, value in rows]


def unread_tuned_profiles(tuned):
    """Active TuneD profiles (or ones they include) whose tuned.conf was not in the input."""
    if tuned is None or tuned.conf_collected:
        return []
    return [clean(p, 100) for p in tuned.unread_profiles or [tuned.profile] if p]


def persisted_text(persisted, missing_inputs):
    """The value set at boot and where; when an unread TuneD profile may still set it, say so."""
    unread = unread_tuned_profiles(persisted.tuned) if persisted.value_settled is False else []

    def unread_may(action):
        return "TuneD profile %s (not collected) may %s at boot" % (", ".join(unread), action)

    if persisted.value is not None:
        text = with_source(in_kb(persisted.value), persisted.winning_file)
        return "%s; %s" % (text, unread_may("override it")) if unread else text
    if persisted.known and not any("sysctl" in str(m) for m in missing_inputs):
        if unread:
            return "not set in any sysctl file read; %s: unknown" % unread_may("set it")
        return "not set in any sysctl file read (the kernel default applies at boot)"
    return None


def tuned_text(tuned):
    """The active TuneD profile and what it does to the key, or None when no profile is known."""
    if tuned is None or not (tuned.profile or tuned.active_profiles):
        return None
    profile = clean(tuned.profile or ", ".join(map(str, tuned.active_profiles)), 100)
    unread = unread_tuned_profiles(tuned)
    if unread:
        whose = "" if unread == [profile] else " of " + ", ".join(unread)
        outcome = ("user sysctl files TuneD re-applies set the key" if tuned.user_files_set_key
                   else "whether it sets the key is unknown")
        return "%s (tuned.conf%s not collected: %s)" % (profile, whose, outcome)
    if tuned.value is None:
        return "%s (does not set vm.min_free_kbytes)" % profile
    text = "%s sets %s (%s)" % (profile, in_kb(tuned.value), tuned.file or "tuned.conf")
    return text + (", overridden by user sysctl files" if tuned.overridden else "")


def kb_range(value, value_range):
    if value is None:
        return None
    if isinstance(value_range, (list, tuple)) and len(value_range) == 2 and value_range[0] != value_range[1]:
        return "%s kB (%s-%s kB)" % (value, value_range[0], value_range[1])
    return "%s kB" % value


def in_kb(value):
    """A figure in kB with its unit, as every row of the picture shows one."""
    return None if value is None else "%s kB" % value


def kb(value):
    return None if value is None else "%d kB (%.1f GiB)" % (value, value / 2**20)


def reports_kernel(picture, events):
    """The kernel this host's failure reports print, when the host's own data lack the release (else None)."""
    if picture is None or picture.kernel_release:
        return None
    found = {e.kernel for e in events if e.kernel and (e.match is None or e.match.role != "foreign")}
    return picture.report_kernel or (found.pop() if len(found) == 1 else None)


def from_reports(values):
    """The one value the failure reports print (host, kernel), as theirs; None when none or they differ."""
    found = {v for v in values if v}
    if len(found) != 1:
        return None
    return "%s (from the failure report%s)" % (found.pop(), "s" if len([v for v in values if v]) > 1 else "")


def estimated(text):
    """A figure computed from a failure report's Mem-Info, labelled as an estimate."""
    return None if text is None else "about %s, estimated from the failure report" % text


def with_source(value, source):
    if value is None:
        return None
    return "%s (%s)" % (value, source) if source else str(value)


def default_text(picture):
    if picture.default is None:
        return None
    error = picture.default_error_kb
    text = "%s kB, %s" % (picture.default, picture.default_basis or "computed")
    return text + (" (+/- %s kB)" % error if error else "")


def input_notes(result, picture=None):
    """How the input was read, inputs that were present but unusable, and the picture's own notes."""
    if picture is None:
        picture = picture_view(result.get("memory_picture"))
    notes = [clean(n) for n in (result.get("input") or {}).get("notes") or []]
    if picture is not None:
        notes += ["unusable input %s: %s" % (clean(name), clean(reason)) for name, reason in picture.unusable_inputs]
        notes += [clean(n) for n in picture.notes]
    notes += ["%s: %s" % (clean(e.get("component")), clean(e.get("error"))) for e in result.get("errors") or []]
    return notes
