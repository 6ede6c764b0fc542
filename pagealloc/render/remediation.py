"""
Remediation in words - the one place the fix is phrased
=======================================================

The rules put the fix as data in their details (``remediation``, built by
:mod:`pagealloc.knowledge.remediation`: the runtime command, the sysctl.d
file, the apply and verify commands, conflicting files, a TuneD profile).
Every output that shows it takes its words from here: the triage report's
"Fix" section (:mod:`pagealloc.render.summary`), and the fleet report's
per-host steps in text and HTML (:mod:`pagealloc.render.fleet_text`,
:mod:`pagealloc.render.fleet_html`).

A command is shown only when it has the fixed shape the rules produce
(:func:`safe_remediation`): nothing taken from an
archive or a results file can reach a command a user pastes as root.

Examples:
    >>> raw = {"runtime_command": "sysctl -w vm.min_free_kbytes=4096",
    ...        "sysctl_d_file": {"path": "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
    ...                          "content": "vm.min_free_kbytes = 4096\\n"},
    ...        "apply_command": "sysctl -p /etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"}
    >>> for label, command in fleet_steps(raw)["steps"]:
    ...     print(label, command)
    now sysctl -w vm.min_free_kbytes=4096
    persist /etc/sysctl.d/99-pagealloc-min-free-kbytes.conf: vm.min_free_kbytes = 4096
    apply sysctl -p /etc/sysctl.d/99-pagealloc-min-free-kbytes.conf
    >>> fleet_steps(dict(raw, runtime_command="sysctl -w vm.min_free_kbytes=1; rm -rf /"))["withheld"]
    "Withheld: the rule's commands did not have the expected shape; see the JSON output."
    >>> safe_remediation({"runtime_command": "sysctl -w vm.min_free_kbytes=4096; rm -rf /"}) is None
    True
"""

import re

from pagealloc.knowledge.recommendation import RecommendationPolicy
from pagealloc.knowledge.remediation import POLICY_FIELDS, guarded_block
from pagealloc.render.inert import clean
from pagealloc.render.wording import with_kb

# The only shapes a pasteable command may have (pagealloc.knowledge.remediation).
SYSCTL_D_PATH = r"/etc/sysctl\.d/[A-Za-z0-9][A-Za-z0-9._-]*\.conf"
REMEDIATION_SHAPES = {
    "runtime_command": re.compile(r"sysctl -w vm\.min_free_kbytes=\d{1,9}\Z"),
    "apply_command": re.compile(r"sysctl -p %s\Z" % SYSCTL_D_PATH),
    "verify_command": re.compile(r"sysctl vm\.min_free_kbytes\Z"),
    "path": re.compile(SYSCTL_D_PATH + r"\Z"),
    "content": re.compile(r"vm\.min_free_kbytes = \d{1,9}\n\Z"),
}

WITHHELD = "Withheld: the rule's commands did not have the expected shape; see the JSON output."
NOTES_LEAD = "Other settings found in the input (names escaped; not commands):"


def fleet_steps(remediation):
    """A host's fix in the fleet report: {steps: [(label, command)], withheld: sentence or None}.

    ``now`` sets the running value, ``persist`` names the sysctl.d file and its line, ``apply``
    loads that file; none when the host has no remediation, a sentence instead when the
    commands do not have their fixed shape.
    """
    if not remediation:
        return {"steps": [], "withheld": None}
    checked = safe_remediation(remediation)
    if checked is None:
        return {"steps": [], "withheld": WITHHELD}
    if "guarded" in checked:  # one block: its lines are one command, never split into steps
        return {"steps": [("guarded" if i == 0 else "", line) for i, line in enumerate(checked["guarded"])],
                "withheld": None}
    return {"steps": [("now", checked["runtime_command"]),
                      ("persist", "%s: %s" % (checked["path"], checked["content"].strip())),
                      ("apply", checked["apply_command"])], "withheld": None}


def watermark_scale_steps(advice):
    """KSWAPD_WAKES_LATE's fix in words: the runtime command, then where to persist the value."""
    return ["Now: %s" % advice.get("runtime_command"),
            "Persist: vm.watermark_scale_factor = %s in the same /etc/sysctl.d file as vm.min_free_kbytes."
            % advice.get("proposed")]


def safe_guarded(remediation):
    """A guarded remediation (``guarded_commands``: the running value and the default were not in the input)
    checked the only way a script can be: rebuilt from its checked parts (the file, the value or None, the
    policy's numbers) by :func:`pagealloc.knowledge.remediation.guarded_block`, it must be the same text."""
    sysctl_file, numbers = remediation.get("sysctl_d_file") or {}, remediation.get("policy")
    path, content = sysctl_file.get("path"), sysctl_file.get("content")
    if not isinstance(path, str) or not REMEDIATION_SHAPES["path"].match(path) or not isinstance(numbers, dict):
        return None
    if content is not None and not (isinstance(content, str) and REMEDIATION_SHAPES["content"].match(content)):
        return None
    if set(numbers) != set(POLICY_FIELDS) or any(isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0
                                                   or v != v or v in (float("inf"),) for v in numbers.values()):
        return None
    policy = RecommendationPolicy(**{POLICY_FIELDS[k]: v for k, v in numbers.items()})
    value = int(content.split("=")[1]) if content is not None else None
    try:
        lines = guarded_block(value, path, policy)
    except (ValueError, ZeroDivisionError, OverflowError):
        return None
    if remediation.get("guarded_commands") != "\n".join(lines):
        return None
    return {"guarded": lines, "path": path, "content": content, "value": value, "conflicts": [],
            "unusable_settings": [], "tuned": None, "verify_command": "sysctl vm.min_free_kbytes"}


def safe_remediation(remediation):
    """The remediation with every command checked against its fixed shape, or None."""
    if not isinstance(remediation, dict):
        return None
    if "guarded_commands" in remediation:
        return safe_guarded(remediation)
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


def remediation_commands(remediation):
    """The checked remediation as lines to paste into a root shell, none indented: write the sysctl.d
    file (``printf``: no here-document to terminate) and apply it, which sets the running value too."""
    if "guarded" in remediation:
        return list(remediation["guarded"])
    setting = remediation["content"].rstrip("\n")
    return ["printf '%%s\\n' '%s' > %s" % (setting, remediation["path"]), remediation["apply_command"]]


def check_command(remediation):
    return remediation.get("verify_command") or "sysctl vm.min_free_kbytes"


def check_sentence(remediation):
    """What the check command prints when the fix took effect."""
    if "guarded" in remediation:
        if remediation["value"] is None:
            return ("The block writes the value only when nothing sets vm.min_free_kbytes at boot (it prints "
                    "the line that does otherwise), computed from the running value and MemTotal; the last "
                    "command prints the value now running.")
        return ("The block writes it only when nothing sets vm.min_free_kbytes at boot (it prints the line that "
                "does otherwise) and the running value is below %d kB; the last command prints the value now "
                "running." % remediation["value"])
    value = remediation["content"].split("=")[1].strip()
    return "The last command checks that it took effect: it prints vm.min_free_kbytes = %s." % value


def remediation_notes(remediation):
    """What else the user must know or fix: conflicting files, rejected lines, a TuneD profile."""
    notes = []
    for conflict in remediation["conflicts"]:
        action = "change or remove it (applied last)" if conflict["must_change"] else "overridden by the new file"
        notes.append("%s sets %s: %s" % (conflict["path"], with_kb(conflict["value"]), action))
    notes += ["%s line %s is rejected by the kernel (%s): fix or remove it"
              % (u["path"], u["line"], u["reason"]) for u in remediation["unusable_settings"]]
    tuned = remediation["tuned"]
    # TuneD re-applies /etc/sysctl.d after its profile (plugin_sysctl reapply_sysctl, on by default).
    if tuned and tuned["conf_collected"]:
        notes.append("TuneD profile %s sets %s: the new file overrides it" % (tuned["profile"], with_kb(tuned["value"])))
    elif tuned:
        notes.append("TuneD profile %s was not collected and may set vm.min_free_kbytes: the new file "
                     "overrides whatever it sets (TuneD re-applies /etc/sysctl.d after its profile)" % tuned["profile"])
    return notes
