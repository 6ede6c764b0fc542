"""
Wording - the sentence for every code a rule puts in its details
================================================================

The rules keep stable codes in their details (JSON and YAML carry them
unchanged); the human formats say them in words.  One table per kind of
code, each row ``code -> sentence`` with ``{field}`` slots filled from the
code's own data:

* ``RATIONALE``: the steps of a recommendation
  (:func:`pagealloc.knowledge.recommendation.recommended_min_free_kbytes`);
* ``CONFIDENCE``: the confidence reasons
  (:func:`pagealloc.knowledge.reserve_state.confidence_reasons`);
* ``MISSING_INPUTS``: the inputs a memory picture names as not collected;
* ``REASONS``: why a rule could not decide (INSUFFICIENT_DATA) or passed;
* ``REPLAY_VERDICTS`` / ``REPLAY_ADVICE``: the watermark replay's verdicts
  (:mod:`pagealloc.knowledge.watermark_replay`).

And the TuneD caveat, said here once for every finding and table that needs
it (:func:`tuned_sets`, :func:`tuned_unknown_lines`): a profile may set
``vm.min_free_kbytes`` at boot, and TuneD re-applies the user's sysctl files
after its profile.  :func:`sentences` joins lines into paragraphs.

A code without a row is shown as its words (underscores to blanks), so a
rule added later is still readable; a test checks every code the knowledge
modules can produce has its row.

Examples:
    >>> rationale_sentence([{"code": "default_multiple", "multiplier": 2, "kb": 4076},
    ...                     {"code": "rounded_up", "to_kb": 1024, "kb": 4096}], default_kb=2038)
    'twice the kernel default of 2038 kB, rounded up to a whole MiB'
    >>> confidence_sentence({"level": "high", "reasons": ["default_computed", "current_read",
    ...                                                   "zone_below_min_in_report"]})
    'high: the default was computed from zoneinfo, the running value was read, and the report shows a zone below its min mark'
    >>> missing_input_words("tuned profile hpc"), missing_input_words("something_new")
    ('the TuneD profile hpc (tuned.conf)', 'something new')
"""

import re
import string

RATIONALE = {
    "default_multiple": "{times} {base}",
    "large_host_floor": "at least {kb} kB on a host with {mem_total_gib} GiB of memory",
    "kernel_docs_minimum": "at least {kb} kB, the smallest value the kernel documentation advises",
    "rounded_up": "rounded up to {step}",
    "capped_at_percent_of_memtotal": "capped at {percent}% of MemTotal ({kb} kB)",
    "upper_bound_below_floor": "the memory cap ({upper_kb} kB) is below the floor ({lower_kb} kB), so the floor applies",
    "not_below_current": "never below the running value of {kb} kB",
    "not_below_kernel_default": "never below the kernel default of {kb} kB",
}

CONFIDENCE = {
    "default_computed": "the default was computed from zoneinfo",
    "default_estimated": "the default is an estimate (zoneinfo was not collected)",
    "default_estimated_from_report": "the default is estimated from the failure report",
    "current_read": "the running value was read",
    "current_estimated_from_report": "the running value is estimated from the failure report",
    "zone_below_min_in_report": "the report shows a zone below its min mark",
    "zones_not_below_min_in_report": "no zone in the reports was below its min mark",
    "no_zone_evidence": "the reports show no zone figures",
    "near_default_only_if_thp_on": "the value is at the default only if transparent hugepages were on",
    "mem_total_estimated_from_report": "MemTotal is estimated from the failure report",
    "persisted_config_unknown": "the boot configuration (sysctl files) was not collected",
    "reports_truncated": "some failure reports are cut short",
    "watermark_replay_unavailable": "the kernel's watermark test could not be replayed on the reports",
    "watermark_margin_inconclusive": "a zone stood above its floor by no more than kswapd's refill or counter drift "
                                     "explains, every other below it",
    "silent_rx_counters_agree": "the receive counters (PFMemallocDrop, the NIC's rx allocation failures) show the reserve ran out too",
    "memory_held_by_one_holder": "one holder had half of RAM or more at failure time, so the reserve is not the cause",
    "failures_from_older_boot": "some failures come from an earlier boot",
    "failures_from_other_kernel": "some failures ran under another kernel",
    "failures_under_another_reserve": "some failures ran under another reserve",
    "path_not_receive": "no report is in the network receive path, whose bursts are the reserve's classic drain",
    "call_path_unknown": "the reports lost their call trace, so they are not shown to be network receive",
    "reserve_assumed_default": "neither the running value nor the kernel default is in the input: the verdict "
                               "assumes the reserve is still the kernel default (the fix checks that on the host)",
}

MISSING_INPUTS = {
    "meminfo": "/proc/meminfo",
    "zoneinfo": "/proc/zoneinfo",
    "min_free_kbytes": "/proc/sys/vm/min_free_kbytes (or sysctl -a)",
    "sysctl files": "the sysctl files (/etc/sysctl.conf, /etc/sysctl.d)",
    "unreadable sysctl files": "{rest} (in the input but could not be read, so the value set at boot is unknown)",
    "uname": "the kernel release (uname -a)",
    "transparent_hugepage/enabled": "/sys/kernel/mm/transparent_hugepage/enabled",
    "tuned profile": "the TuneD profile {rest} (tuned.conf)",
}

REASONS = {
    "reserve_unknown": "the running vm.min_free_kbytes or the kernel default is unknown",
    "call_path_unknown": "the reports lost their call trace, so it is unknown whether they came from network receive",
    "no_order0_atomic_rx_failures": "no order-0 atomic failure in the logs read that the reserve answers for",
    "already_raised": "vm.min_free_kbytes is already raised above the kernel default",
    "kernel_log_unread": "no kernel log was read",
    "kernel_2_4": ("a 2.4 kernel printed them (its __alloc_pages() message), and 2.4 has no vm.min_free_kbytes: "
                   "each zone's reserve is sized at boot from the zone's size (zone_balance_ratio, changed only "
                   "by the memfrac= boot parameter), so no value to raise it to can be given"),
}

# pagealloc.knowledge.watermark_replay VERDICTS: what the replayed zone test says, and what to do then.
REPLAY_VERDICTS = {
    "reserve_exhausted": "every zone the allocation could use was below its floor, so a larger reserve helps",
    "other_cause": "a zone was above its floor and the allocation still failed",
    "cma_held": "the zones' free pages were CMA pages, which this unmovable request may not use",
    "zone_restricted": "the request was limited to a low zone while higher zones had free pages",
    "fragmentation": "enough pages were free but no block of the requested order",
    "inconclusive": "the reports leave the test open (a zone lies within the per-cpu counter drift of its floor, "
                    "or lines are missing)",
}
# Why an inconclusive replay left the test open (watermark_replay reasons of numbers that do not decide).
REPLAY_OPEN_REASONS = {
    "margin_within_drift": "a zone stood above its floor by no more than the per-cpu counter drift",
    "margin_with_unknown_drift": "a zone stood just above its floor and the counter drift is unknown",
    "margin_within_kswapd_refill": "a zone stood above its floor when printed by no more than the low - min gap, "
                                   "which kswapd (woken before the failing test) restores while the report is "
                                   "printed",
    "boost_rule_unknown": "a zone passes if the kernel ignored the watermark boost for this request and fails "
                          "if not, and the kernel release that decides it is not known",
    "buddy_lines_missing": "the buddy lines that tell whether a block of the order was free are missing",
}
REPLAY_ADVICE = {
    "other_cause": "Look at the highatomic reserve, CMA, per-cpu lists and node restrictions (and known kernel "
                   "bugs) rather than the reserve's size.",
    "cma_held": "The memory was free but in the CMA area: a larger reserve does not move it out. Look at the "
                "CMA size (cma= or the device tree) and at what fills the regular pageblocks; kernels before 5.9 "
                "took CMA for movable allocations only as a fallback (16867664936e).",
    "zone_restricted": "A larger reserve does not give a low zone more pages: look at the driver's DMA zone "
                       "needs.",
    "fragmentation": "This is fragmentation: compaction or smaller allocation orders help, not the reserve.",
}

TIMES = {1: "the same as", 1.5: "one and a half times", 2: "twice", 3: "three times", 4: "four times"}
UNIT_STEPS = {1024: "a whole MiB", 4: "a whole page"}


class _Fields(dict):
    def __missing__(self, name):
        return "unknown"


def words(code):
    """A code with no sentence yet, as words."""
    return str(code).replace("_", " ")


def fill(table, code, fields):
    template = table.get(code)
    if template is None:
        return words(code)
    return string.Formatter().vformat(template, (), _Fields(fields))


def rationale_sentence(steps, default_kb=None):
    """The recommendation's steps as one clause list."""
    parts = []
    for step in steps or []:
        fields = dict(step, default_kb=default_kb if default_kb is not None else "unknown")
        multiplier = step.get("multiplier")
        fields["times"] = TIMES.get(multiplier, "%s times" % multiplier)
        # the base is the kernel default, or the reserve the failures ran under when that is higher
        # (pagealloc.knowledge.event_verdicts.recommendation_base)
        base = round(step["kb"] / multiplier) if multiplier and step.get("kb") is not None else None
        fields["base"] = ("the reserve of %s kB the failures ran under" % base
                          if base is not None and default_kb is not None and abs(base - default_kb) > multiplier
                          else "the kernel default of %s kB" % fields["default_kb"])
        fields["step"] = UNIT_STEPS.get(step.get("to_kb"), "a multiple of %s kB" % step.get("to_kb"))
        if step.get("mem_total_kb"):
            fields["mem_total_gib"] = "%.0f" % (step["mem_total_kb"] / 2**20)
        parts.append(fill(RATIONALE, step.get("code"), fields))
    return ", ".join(parts)


def confidence_sentence(confidence):
    """'high: the default was computed ..., and ...'."""
    reasons = [fill(CONFIDENCE, r, {}) for r in confidence.get("reasons") or []]
    return "%s: %s" % (confidence.get("level") or "unknown", join_words(reasons)) if reasons else \
        str(confidence.get("level") or "unknown")


def join_words(items):
    """'a', 'a and b', 'a, b, and c'."""
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + ", and " + items[-1]


def missing_input_words(name):
    text = str(name)
    for prefix in MISSING_INPUTS:
        if text == prefix:
            return MISSING_INPUTS[prefix]
        if text.startswith(prefix + " "):
            return fill(MISSING_INPUTS, prefix, {"rest": text[len(prefix) + 1:]})
    return words(text)


def reason_sentence(code):
    return fill(REASONS, code, {})


SENTENCE_END = re.compile(r"[.:!?]\)?\Z")


def sentences(lines):
    """Lines as paragraphs: a line that does not end a sentence (``.``, ``:``, ``!``, ``?``, maybe
    before a ``)``) is joined to the next; blanks are collapsed.

    >>> sentences(["2 bursts:", "  a .. b: 1 report", "  c .. d: 3 reports", "", "Ends here.", "Last"])
    ['2 bursts:', 'a .. b: 1 report c .. d: 3 reports Ends here.', 'Last']
    """
    paragraphs, current = [], []
    for line in lines:
        line = " ".join(str(line).split())
        if not line:
            continue
        current.append(line)
        if SENTENCE_END.search(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def first_sentence(paragraphs):
    text = paragraphs[0] if paragraphs else ""
    match = re.match(r"(.+?[.!?])(\s|\Z)", text)
    return (match.group(1) if match else text).rstrip(".")


def on(host):
    return " on %s" % host if host else ""


# -- TuneD -------------------------------------------------------------------
# TuneD applies its profile's [sysctl], then re-applies /run and /etc sysctl.d and /etc/sysctl.conf
# (tuned/plugins/plugin_sysctl.py, option reapply_sysctl, on by default): a user file wins over it.

def tuned_sets(profile, value, overridden=False):
    """'TuneD profile hpc sets 135168 kB (overridden by user files)'."""
    return "TuneD profile %s sets %s%s" % (profile, with_kb(value), " (overridden by user files)" if overridden else "")


def with_kb(value):
    """A vm.min_free_kbytes value as a file or profile wrote it, with its unit when it is a number
    ('2038 kB'); anything else (a rejected line's text) as written."""
    text = str(value).strip()
    return "%s kB" % text if text.isdigit() else text


def tuned_unknown_lines(d):
    """MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN: an unread profile may set the value that wins at boot."""
    unread = ", ".join(map(str, d.get("unread_tuned_profiles") or []))
    at_boot = (" give %s kB at boot" % d["persisted_value"] if d.get("persisted_value") is not None
               else " do not set it")
    one = len(d.get("unread_tuned_profiles") or []) == 1
    return ["vm.min_free_kbytes is %s kB at runtime (default %s kB). The files collected%s, but the TuneD %s "
            "%s applied at boot %s not in the input and may set it (no user sysctl file overrides TuneD here): "
            "whether the value survives a reboot is not known." % (d.get("current"), d.get("default"), at_boot,
                                                                   "profile" if one else "profiles", unread,
                                                                   "was" if one else "were"),
            "Collect /etc/tuned and /usr/lib/tuned (tuned.conf of %s) to decide." % unread]
