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
(:func:`pagealloc.render.summary.safe_remediation`): nothing taken from an
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
"""

WITHHELD = "Withheld: the rule's commands did not have the expected shape; see the JSON output."


def fleet_steps(remediation):
    """A host's fix in the fleet report: {steps: [(label, command)], withheld: sentence or None}.

    ``now`` sets the running value, ``persist`` names the sysctl.d file and its line, ``apply``
    loads that file; none when the host has no remediation, a sentence instead when the
    commands do not have their fixed shape.
    """
    if not remediation:
        return {"steps": [], "withheld": None}
    from pagealloc.render.summary import safe_remediation  # summary -> findings -> here: imported when used

    checked = safe_remediation(remediation)
    if checked is None:
        return {"steps": [], "withheld": WITHHELD}
    return {"steps": [("now", checked["runtime_command"]),
                      ("persist", "%s: %s" % (checked["path"], checked["content"].strip())),
                      ("apply", checked["apply_command"])], "withheld": None}


def watermark_scale_steps(advice):
    """KSWAPD_WAKES_LATE's fix in words: the runtime command, then where to persist the value."""
    return ["Now: %s" % advice.get("runtime_command"),
            "Persist: vm.watermark_scale_factor = %s in the same /etc/sysctl.d file as vm.min_free_kbytes."
            % advice.get("proposed")]
