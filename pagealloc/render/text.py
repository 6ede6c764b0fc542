"""
Text output (the default): the verdict first, then the rules' own words,
the evidence from the failure reports, the memory picture and the
remediation ready to paste.  Colour only when asked (the command line asks
when stdout is a terminal and NO_COLOR is unset).  Archive text is shown
with control characters escaped, so a log line cannot drive the terminal.

Examples:
    >>> print(render({"source": "dmesg", "verdicts": [], "events": [], "memory_picture": None}), end="")
    No problem found
    source: dmesg
    <BLANKLINE>
    No page allocation failure reports found.
"""

from pagealloc.render.summary import (
    build_view,
    clean,
    content_lines,
    evidence_sentences,
    remediation_commands,
    remediation_notes,
)

COLOURS = {"problem": "\x1b[1;31m", "ok": "\x1b[1;32m", "fail": "\x1b[31m", "info": "\x1b[33m",
           "pass": "\x1b[32m", "heading": "\x1b[1m"}
RESET = "\x1b[0m"
LABELS = {"fail": "FAIL", "info": "INFO", "pass": "PASS"}


def render(result, show="all", colour=False):
    view = build_view(result, show=show)

    def paint(style, text):
        return COLOURS[style] + text + RESET if colour else text

    out = [paint(view["status"], view["headline"])]
    out.append(source_line(view))
    for verdict in view["verdicts"]:
        out.append("")
        out.append("%s %s  (%s)" % (paint(verdict["type"], "[%s]" % LABELS[verdict["type"]]),
                                    clean(verdict["key"]), clean(verdict["rule"])))
        if verdict.get("content"):
            out.extend("    " + line for line in content_lines(verdict["content"]))
    if view["hidden_verdicts"]:
        out.append("(%d passed/informational checks hidden; --show all lists them)" % view["hidden_verdicts"])
    out.append("")
    out.extend(evidence_lines(view, paint))
    if view["picture"]:
        out.append("")
        out.append(paint("heading", "Memory picture"))
        width = max(len(label) for label, _ in view["picture"])
        out.extend("  %-*s  %s" % (width, label, value) for label, value in view["picture"])
    if view["missing_inputs"]:
        out.append("  missing inputs: " + ", ".join(clean(m) for m in view["missing_inputs"]))
    for key, remediation in view["remediations"]:
        out.append("")
        out.extend(remediation_lines(key, remediation, paint))
    notes = view["notes"]
    if notes:
        out.append("")
        out.append(paint("heading", "Notes"))
        out.extend("  " + note for note in notes)
    return "\n".join(out) + "\n"


def source_line(view):
    parts = ["source: " + clean(view["source"])]
    if view["input"].get("kind"):
        parts.append("(%s, %s)" % (view["input"]["kind"], view["input"].get("packing")))
    if view["host"]:
        parts.append("host: " + clean(view["host"]))
    return " ".join(parts)


def evidence_lines(view, paint):
    summary = view["events"]
    if not summary:
        return ["No page allocation failure reports found."]
    lines = [paint("heading", "Evidence")] + ["  " + line for line in evidence_sentences(summary, str)]
    if view["zone_points"]:
        lines.append("  zone free vs min watermark in each report:")
        for point in view["zone_points"]:
            below = "  BELOW MIN" if point["free_kb"] < point["min_kb"] else ""
            lines.append("    #%-3d %-14s free %9d kB   min %9d kB%s"
                         % (point["event"], point["zone"], point["free_kb"], point["min_kb"], below))
    return lines


def remediation_lines(key, remediation, paint):
    heading = paint("heading", "Remediation for %s (run as root)" % clean(key))
    if remediation is None:
        return [heading, "  withheld: the rule's commands did not have the expected shape; see the JSON output"]
    lines = [heading] + ["  " + line for line in remediation_commands(remediation)]
    notes = remediation_notes(remediation, str)  # names from the input: beside the block, never in it
    if notes:
        lines += ["Other settings found in the input (names escaped; not commands):"]
        lines += ["  note: " + note for note in notes]
    return lines
