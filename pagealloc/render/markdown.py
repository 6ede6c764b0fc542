r"""
Markdown output, for pasting into a ticket.  Every string that comes from
the archive is escaped: the punctuation that can start markup is
backslash-escaped (CommonMark 2.4) so no link, image, emphasis, code, table
cell, heading, list or footnote can form, ``.`` and ``:`` too so that GFM's
autolinks (``www.x``, ``http://x``, ``a@b.c``) cannot form, and ``<``, ``>``,
``&`` become entities so no raw HTML reaches the ticket.  A leading ``-``
or ``=`` is escaped as well (a list item, a rule or a setext heading at the
start of a line); leading blanks are dropped (an indented code block).  Our own
remediation commands go in fenced code blocks and rule keys in code spans,
after the shape check of :func:`pagealloc.render.summary.safe_remediation`.

Examples:
    >>> print(escape("[click](javascript:alert(1)) <img src=x onerror=alert(1)>"))
    \[click\]\(javascript\:alert\(1\)\) &lt;img src=x onerror=alert\(1\)&gt;
    >>> print(escape("/var/log/messages-20240101 on web-01.example.com"))
    /var/log/messages-20240101 on web-01\.example\.com
"""

import re

from pagealloc.render.summary import (
    build_view,
    clean,
    content_lines,
    evidence_sentences,
    remediation_commands,
    remediation_notes,
)

# CommonMark/GFM inline and block markup characters, plus "." and ":" for autolinks
MARKUP = re.compile("[%s]" % re.escape("\\`*_{}[]()#+!|~^.:"))
ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_.]{0,200}")
LABELS = {"fail": "FAIL", "info": "INFO", "pass": "PASS"}


def escape(value):
    """Archive text as inert markdown inline text (one line)."""
    text = " ".join(clean(value).split())
    text = MARKUP.sub(lambda m: "\\" + m.group(), text)
    if text[:1] in ("-", "="):
        text = "\\" + text
    return re.sub("[<>&]", lambda m: ENTITIES[m.group()], text)


def code(value):
    """A rule key or component name as an inline code span (anything else: escaped text)."""
    text = clean(value)
    return "`%s`" % text if IDENTIFIER.fullmatch(text) else escape(text)


def render(result, show="all", colour=False):
    view = build_view(result, show=show)
    out = ["## pagealloc: %s" % escape(view["headline"]), ""]
    out.append("- **source:** %s" % escape(view["source"]))
    if view["input"].get("kind"):
        out.append("- **read as:** %s, %s" % (escape(view["input"]["kind"]), escape(view["input"].get("packing"))))
    if view["host"]:
        out.append("- **host:** %s" % escape(view["host"]))
    out.append("")
    if view["verdicts"]:
        out += ["| result | key | rule |", "|---|---|---|"]
        out += ["| %s | %s | %s |" % (LABELS[v["type"]], code(v["key"]), code(v["rule"])) for v in view["verdicts"]]
        out.append("")
    for verdict in view["verdicts"]:
        if verdict.get("content"):
            out.append("### %s" % code(verdict["key"]))
            out += [escape(line) + "  " for line in content_lines(verdict["content"]) if line.strip()]
            out.append("")
    out += evidence(view)
    if view["picture"]:
        out += ["### Memory picture", "", "| | |", "|---|---|"]
        out += ["| %s | %s |" % (escape(label), escape(value)) for label, value in view["picture"]]
        out.append("")
    if view["missing_inputs"]:
        out += ["Missing inputs: " + ", ".join(escape(m) for m in view["missing_inputs"]), ""]
    for key, remediation in view["remediations"]:
        out += remediation_block(key, remediation)
    notes = view["notes"]
    if notes:
        out += ["### Notes", ""] + ["- " + escape(note) for note in notes] + [""]
    out.append("_pagealloc %s_" % escape(view["version"]))
    return "\n".join(out) + "\n"


def evidence(view):
    summary = view["events"]
    if not summary:
        return ["No page allocation failure reports found.", ""]
    out = ["### Evidence", ""] + ["- " + line for line in evidence_sentences(summary, escape, times="×")] + [""]
    if view["zone_points"]:
        out += ["| report | zone | free kB | min kB | |", "|---|---|---|---|---|"]
        out += ["| %d | %s | %d | %d | %s |" % (p["event"], escape(p["zone"]), p["free_kb"], p["min_kb"],
                                                "below min" if p["free_kb"] < p["min_kb"] else "")
                for p in view["zone_points"]]
        out.append("")
    return out


def remediation_block(key, remediation):
    out = ["### Remediation for %s" % code(key), ""]
    if remediation is None:
        return out + ["Withheld: the rule's commands did not have the expected shape.", ""]
    out += ["```sh"] + remediation_commands(remediation) + ["```", ""]
    notes = ["- " + note for note in remediation_notes(remediation, escape)]
    return out + (notes + [""] if notes else [])
