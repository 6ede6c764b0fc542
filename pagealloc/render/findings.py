"""
Findings - each verdict said in words: a headline and the reasons
=================================================================

``FINDINGS`` maps a rule's key to a function ``(details, on_host) ->
{"headline": str, "paragraphs": [str or [str] or block], "items": [str]}``
(a list among the paragraphs is shown as a bulleted list there, a dict is a
block of :mod:`pagealloc.render.summary`, e.g. a table) that speaks from the
rule's details (never from its CONTENT template, which insights-run shows,
and never repeating the remediation or the missing inputs, which the report
shows once).  A key
without a row (another plugin's rule, a rule added later) is said with its
CONTENT reflowed into sentences, its first sentence as the headline.

Values taken from the archive go into the strings as they are: each output
format escapes the whole string for itself.

Examples:
    >>> f = finding({"key": "VMALLOC_FAILURE", "type": "info", "details": {"failures": {"count": 2}}})
    >>> f["headline"]
    '2 vmalloc failures: not a vm.min_free_kbytes problem'
    >>> finding({"key": "OTHER", "type": "fail", "details": {},
    ...          "content": "Disk is\\nfull. Clean it."}, host="db1")["paragraphs"]
    ['Disk is full. Clean it.']
    >>> reflow("A sentence cut\\nmid-line.\\nNext: one.")
    ['A sentence cut mid-line.', 'Next: one.']
"""

from pagealloc.render import findings_kernel
from pagealloc.render.inert import inert, inert_data
from pagealloc.render.verdict_view import verdict_view
from pagealloc.render.wording import (
    REPLAY_ADVICE,
    REPLAY_VERDICTS,
    confidence_sentence,
    fill,
    first_sentence,
    join_words,
    missing_input_words,
    on,
    rationale_sentence,
    reason_sentence,
    sentences,
    tuned_sets,
    tuned_unknown_lines,
    words,
)

ADVICE = {
    "lower_mtu": "use the standard 1500 MTU",
    "driver_rx_buffer_options": "use the driver's page-sized receive buffer option",
    "compaction": "let compaction build contiguous memory (vm.compact_memory)",
}


def plural(count, noun):
    return "%s %s%s" % (count, noun, "" if count == 1 else "s")


def reflow(content):
    """A rule's CONTENT as paragraphs: lines that end mid-sentence are joined to the next."""
    return sentences((content or "").split("\n"))  # the template's line breaks only (never U+2028 from input)


def failures_phrase(failures, what="page allocation failure"):
    """'1 order-0 atomic page allocation failure (+3 suppressed) from driver e100, task swapper'."""
    failures = failures or {}
    text = plural(failures.get("count", 0), what)
    if failures.get("suppressed"):
        text += " (+%s suppressed by the rate limit)" % failures["suppressed"]
    parts = []
    if failures.get("drivers"):
        parts.append("driver " + ", ".join(map(str, failures["drivers"])))
    if failures.get("comms"):
        parts.append("task " + ", ".join(map(str, failures["comms"])))
    if failures.get("kernel"):
        parts.append("kernel " + str(failures["kernel"]))
    return text + (" (%s)" % "; ".join(parts) if parts else "")


def from_to(current, value):
    return "from %s to %s kB" % (current, value) if current is not None else "to %s kB" % value


def reserve_sentence(mfk):
    """Where the running value stands against the kernel default (the figures' sources are in the picture)."""
    mfk = mfk or {}
    about = "about " if mfk.get("current_estimate") else ""
    current, default, limit = mfk.get("current"), mfk.get("default"), mfk.get("near_default_limit_kb")
    where = "the kernel default for this host"
    if all(isinstance(v, int) for v in (current, default, limit)) and not 2 * default - limit <= current <= limit:
        where = "%s the kernel default of %s kB for this host" % ("below" if current < default else "above", default)
    return "vm.min_free_kbytes is %s%s kB, %s." % (about, current, where)


def recommendation_sentence(recommendation, mfk):
    rec = recommendation or {}
    why = rationale_sentence(rec.get("rationale"), (mfk or {}).get("default"))
    text = "%s kB is %s" % (rec.get("value"), why) if why else "Recommended: %s kB" % rec.get("value")
    if rec.get("percent_of_memtotal") is not None:
        text += " (%s%% of MemTotal)" % rec["percent_of_memtotal"]
    return text + "."


def missing_sentence(missing):
    return "Not collected: %s." % join_words(missing_input_words(m) for m in missing) if missing else None


def replay_lines(replay):
    """The replay's per-report zone figures (pages), without the verdict code that leads each line."""
    lines = []
    for number, line in enumerate((replay or {}).get("text") or [], 1):
        figures = str(line).split(": ", 1)[1] if ": " in str(line) else None
        if figures:
            lines.append("report %d: %s" % (number, figures))
    return lines


def replay_sentence(replay):
    if not replay or not replay.get("verdict"):
        return None
    return "Replaying the kernel's watermark test on the reports' numbers: %s." % fill(
        REPLAY_VERDICTS, replay["verdict"], {})


RELATION_WORDS = {"within": "within", "below": "below", "above": "above", "unknown": "unknown"}


def guidance_source(g):
    """'Red Hat KB 4085851: drops under load': who, which document, for which case (one publisher's
    documents advise differently for different cases)."""
    who = " ".join(str(part) for part in (g.get("publisher"), g.get("document")) if part)
    return "%s: %s" % (who, g["context"]) if g.get("context") else who


def guidance_table(guidance, value):
    """Published guidance beside the recommended value (issue 14's knowledge.published_guidance)."""
    rows = []
    for g in (guidance or {}).get("published") or []:
        if g.get("value_kb"):
            advises = "%s kB" % g["value_kb"]
        elif g.get("range_kb"):  # a range from 0 is an upper limit
            advises = "below %s kB" % g["range_kb"][1] if not g["range_kb"][0] else "%s-%s kB" % tuple(g["range_kb"])
        else:
            advises = "unknown"
        relation = RELATION_WORDS.get(g.get("relation"), words(g.get("relation")))
        rows.append([guidance_source(g), advises, relation + (" (%s)" % g["detail"] if g.get("detail") else "")])
    if not rows:
        return None
    return {"kind": "table", "header": ["published guidance", "for this host", "%s kB is" % value], "rows": rows,
            "caption": None, "numeric": ()}


def refills_held(room_kb, refill_kb):
    """'2 such refills', 'less than one refill' (whole refills only: a refill needs all its buffers)."""
    whole = room_kb // refill_kb if refill_kb else 0
    return plural(whole, "such refill") if whole else "less than one refill"


def rx_bursts(guidance, used_up=False):
    """Issue 14's burst sizing: one full receive-ring refill against the room atomic allocations have below
    min, per NIC, as the number of refills that room holds.  ``used_up``: the replay found every usable
    zone below its atomic floor, so that room was used up at the failure (whatever one refill needs)."""
    lines = []
    for b in (guidance or {}).get("rx_burst") or []:
        refill, now, recommended = b.get("refill_kb"), b.get("room_now_kb"), b.get("room_recommended_kb")
        text = "%s: one full receive-ring refill is %s queue(s) x %s x %s B = %s kB." % (
            b.get("name"), b.get("rx_queues") or 1, b.get("rx_ring"), b.get("buffer_bytes"), refill)
        rooms = [("%s %s (%s kB)" % (refills_held(room, refill), when, room)) for room, when in
                 ((now, "now"), (recommended, "with the recommendation")) if room is not None]
        if rooms:
            text += " The room atomic allocations have below min holds %s." % " and ".join(rooms)
        if used_up and now is not None and now >= refill:
            text += " The report shows that room used up: atomic allocations took more than one refill's worth."
        lines.append(text)
    return lines


def node_floors(guidance):
    if not guidance or not guidance.get("numa_nodes") or guidance["numa_nodes"] < 2:
        return []
    return ["node %s%s: atomic floor %s kB now, %s kB with the recommendation (min %s kB)"
            % (n.get("node"), " (failed)" if n.get("failed") else "", n.get("current_atomic_floor_kb"),
               n.get("recommended_atomic_floor_kb"), n.get("recommended_min_kb"))
            for n in guidance.get("per_node") or []]


def low_atomic_rx(d, host):
    mfk, rec = d.get("min_free_kbytes") or {}, d.get("recommendation") or {}
    replay = d.get("replay") if (d.get("replay") or {}).get("more_reserve_helps") else None
    holder = d.get("holder_first")
    headline = ("Network receive ran out of atomic memory reserve%s: raise vm.min_free_kbytes %s"
                % (on(host), from_to(mfk.get("current"), rec.get("value"))))
    if holder:
        headline = ("Memory exhausted%s by %s (%s%% of RAM): find what holds it first; raising vm.min_free_kbytes "
                    "%s only postpones the failure" % (on(host), holder["name"], round(holder["share"] * 100),
                                                       from_to(mfk.get("current"), rec.get("value"))))
    return {
        "headline": headline,
        "paragraphs": [holder_first_sentence(holder), reserve_sentence(mfk) + ("" if holder else
                       " That reserve is too small for the bursts of atomic allocations "
                       "network receive makes in interrupt context."),
                       replay_sentence(replay), replay_lines(replay),
                       recommendation_sentence(rec, mfk),
                       guidance_table(d.get("guidance"), rec.get("value")), node_floors(d.get("guidance")),
                       rx_bursts(d.get("guidance"), bool(replay)), silent_sentence((d.get("failures") or {}).get("silent")),
                       *collect_next_paragraphs(d.get("collect_next")),
                       "Confidence %s." % confidence_sentence(d["confidence"]) if d.get("confidence") else None,
                       "Set aside as not from this system:" if d.get("set_aside") else None,
                       set_aside_items(d)],
    }


def holder_first_sentence(holder):
    """What to do first when one holder had most of RAM at failure time, or None."""
    if not holder:
        return None
    return ("First: %s held %s kB, %s%% of the %s kB of RAM, at failure time. Find and stop what holds it (see "
            "\"Memory held at failure time\" below); the reserve ran out because of it, and a larger "
            "vm.min_free_kbytes only postpones the failure while it grows. Raise it only as a stopgap."
            % (holder["name"], holder["kb"], round(holder["share"] * 100), holder["ram_kb"]))


def silent_sentence(silent):
    """The receive counters that count failures never printed (issue 15), or None when all are zero."""
    if not silent or not silent.get("total"):
        return None
    parts = ["TcpExt PFMemallocDrop %s" % silent["pfmemalloc_drops"]] if silent.get("pfmemalloc_drops") else []
    if silent.get("nic_failures"):
        parts.append("%s rx allocation failures (%s)" % (silent["nic_failures"], ", ".join(silent.get("nics") or [])))
    return "Beyond the printed reports, counted since boot and never logged: %s." % "; ".join(parts)


def collect_next_paragraphs(commands):
    """What to run when the receive counters were not collected: a sentence and the commands, a line each."""
    if not commands:
        return []
    # A commands block: each at column 0 and never wrapped, so what is pasted is what runs.
    return ["The receive counters were not collected. To count the failures the log does not show, run on the host:",
            {"kind": "commands", "lines": [inert(line) for c in commands for line in c["command"].split("\n")]}]


def reserve_not_exhausted(d, host):
    replay = d.get("replay") or {}
    paragraphs = ["%s; a larger vm.min_free_kbytes would not have let the allocation succeed."
                  % failures_phrase(d.get("failures"), "order-0 atomic page allocation failure"),
                  replay_sentence(replay), REPLAY_ADVICE.get(replay.get("verdict"))]
    if replay.get("cannot_help"):
        paragraphs.append("Every usable zone was marked all_unreclaimable: memory is really exhausted (slab, "
                          "shmem, hugepages, a leak).")
    return {"headline": "Page allocation failures%s that a larger reserve would not fix: %s"
                        % (on(host), fill(REPLAY_VERDICTS, replay.get("verdict"), {})),
            "paragraphs": paragraphs, "items": replay_lines(replay)}


def at_policy_limit(d, host):
    mfk, rec = d.get("min_free_kbytes") or {}, d.get("recommendation") or {}
    return {
        "headline": "Network receive ran out of atomic memory reserve%s, but vm.min_free_kbytes cannot safely "
                    "go higher: look at the driver's receive ring instead" % on(host),
        "paragraphs": ["vm.min_free_kbytes is %s kB, at the kernel default, and that is already %s%% of MemTotal: "
                       "raising it further risks OOM kills." % (mfk.get("current"), rec.get("percent_of_memtotal"))],
    }


def set_aside_items(d):
    """Failure reports of another host or memory size (issue 13's event matching), one per line."""
    return ["%s (%s%s): %s" % (f.get("when"), f.get("source"), ":%s" % f["line"] if f.get("line") else "",
                               "; ".join(map(str, f.get("reasons_in_words") or [])) or "another system")
            for f in d.get("set_aside") or []]


def kernel_log_unread(d, host):
    return {"headline": "No kernel log was read%s: collect it (dmesg as root, /var/log/messages or kern.log, "
                        "journalctl -k) and analyse again" % on(host),
            "paragraphs": ["Nothing can be said about page allocation failures without a kernel log:",
                           [str(item) for item in d.get("unread") or []],
                           "The memory picture below was read from the rest of the input."
                           if d.get("memory_picture_read") else None]}


def fix_in_place(d, host):
    last = d.get("last_failure") or {}
    kernel = ", kernel %s" % last["kernel"] if last.get("kernel") else ""
    lines = ["%s order-0 atomic receive failure(s) ran with vm.min_free_kbytes at about %s kB (the last at %s%s)."
             % ((d.get("failures") or {}).get("count"), "-".join(map(str, d.get("failed_with_range_kb") or [])),
                last.get("when"), kernel),
             "It is now %s kB running (%s) and %s kB persisted (%s): the fix is in place."
             % (d.get("running_kb"), d.get("running_source"), d.get("persisted_kb"), d.get("persisted_file")),
             "Watch for new failures: one at %s kB would mean the reserve alone does not cover the bursts (check the "
             "rx ring size and the traffic peaks)." % d.get("running_kb")]
    return {"headline": "The fix is in place%s: vm.min_free_kbytes is now %s kB, raised since the last failure"
                        % (on(host), d.get("running_kb")), "paragraphs": sentences(lines)}


def not_from_this_system(d, host):
    return {"headline": "Failure reports found%s, but none from the system analysed: analyse them with their own "
                        "host's sosreport" % on(host),
            "paragraphs": ["None is judged against this host's reserve:", set_aside_items(d)]}


def insufficient_data(d, host):
    if d.get("reason") == "kernel_log_unread":
        return kernel_log_unread(d, host)
    missing = [missing_input_words(m) for m in d.get("missing_inputs") or []]
    mfk, provisional = d.get("min_free_kbytes") or {}, d.get("provisional_recommendation")
    paragraphs = ["%s; this cannot be decided because %s."
                  % (failures_phrase(d.get("failures"), "order-0 atomic page allocation failure"),
                     reason_sentence(d.get("reason")))]
    if provisional and mfk.get("current") is not None:
        paragraphs.append("If the reserve of about %s kB is the kernel default (never tuned), %s kB would be "
                          "recommended." % (mfk["current"], provisional.get("value")))
    return {
        "headline": "Page allocation failures%s, but not enough data to decide%s"
                    % (on(host), ": collect " + join_words(missing) if missing else ""),
        "paragraphs": paragraphs,
    }


def min_free_ok(d, host):
    """Since issue 13: which reserve the failures ran with, when the reserve is already raised."""
    mfk, count = d.get("min_free_kbytes") or {}, (d.get("failures") or {}).get("count")
    paragraphs = []
    if d.get("reason") == "already_raised":
        ran_with, current = d.get("ran_with_kb"), mfk.get("current")
        if ran_with and current is not None and ran_with < current:
            text = ("raised above the default since the %s atomic receive failure(s), which ran with about %s kB: the "
                    "fix is in place only if that value also applies at boot (see the persistence result)."
                    % (count, ran_with))
        else:
            text = ("already raised above the default; the %s atomic receive failure(s) are not explained by a "
                    "default-sized reserve (check ring sizes and traffic bursts)." % count)
        paragraphs = ["vm.min_free_kbytes %s kB (default %s kB): %s" % (current, mfk.get("default"), text)]
    return {"headline": "vm.min_free_kbytes is fine%s: %s" % (on(host), reason_sentence(d.get("reason"))),
            "paragraphs": sentences(paragraphs)}


def free_blocks_lines(evidence):
    """Per report and zone: free memory, and how little of it was in blocks of the failed order."""
    return ["at %s: zone %s had %s kB free but %s free block(s) of order %s or more"
            % (ev.get("timestamp") if ev.get("timestamp") is not None else ev.get("wallclock"), z.get("zone"),
               z.get("free_kb"), z.get("free_blocks_at_order"), ev.get("order"))
            for ev in evidence or [] for z in ev.get("zones") or [] if z.get("free_blocks_at_order") is not None]


def high_order_atomic_rx(d, host):
    failures = d.get("failures") or {}
    orders = "/".join(str(o) for o in failures.get("orders") or []) or "unknown"
    advice = [ADVICE.get(a, words(a)) for a in d.get("advice") or []]
    paragraphs = ["%s in the network receive path: the driver asked for contiguous pages that fragmented memory "
                  "could not give." % failures_phrase(failures, "atomic page allocation failure")]
    paragraphs += [free_blocks_lines(d.get("evidence"))]
    paragraphs += ["%s uses MTU %s, so its receive buffers need contiguous pages." % (n.get("name"), n.get("mtu"))
                   for n in d.get("jumbo_nics") or []]
    if advice:
        paragraphs.append("What helps: %s. Raising vm.min_free_kbytes helps less here than for order-0 failures."
                          % join_words(advice))
    return {"headline": "Network receive could not get contiguous memory%s (order %s atomic allocations)"
                        % (on(host), orders), "paragraphs": paragraphs}


def too_high(d, host):
    mfk, suggested = d.get("min_free_kbytes") or {}, d.get("suggested") or {}
    action = ": lower it to %s kB" % suggested["value"] if suggested.get("value") else ""
    return {
        "headline": "vm.min_free_kbytes is too high%s%s" % (on(host), action),
        "paragraphs": ["vm.min_free_kbytes is %s kB, %s%% of MemTotal, above the safe %s%%: the kernel keeps that "
                       "much memory free and reclaims or OOM-kills to do so."
                       % (mfk.get("current"), d.get("percent_of_memtotal"), d.get("threshold_percent"))],
    }


def files_items(d):
    items = ["%s%s sets %s%s" % (f.get("path"), ":%s" % f["line"] if f.get("line") else "", f.get("value"),
                                 " (wins)" if f.get("path") == d.get("winning_file") else "")
             for f in d.get("files") or []]
    tuned = d.get("tuned") or {}
    if tuned.get("value") is not None:
        items.append(tuned_sets(tuned.get("profile"), tuned["value"], tuned.get("overridden")))
    return items


def boot_value(d):
    if d.get("persisted_value") is not None:
        return "%s kB" % d["persisted_value"]
    return "the kernel default (%s kB)" % d.get("default")


def not_persisted(d, host):
    setters = d.get("unchecked_setters") or []
    paragraphs = ["vm.min_free_kbytes is %s kB at runtime, but the boot configuration gives %s."
                  % (d.get("current"), boot_value(d))]
    if setters:
        paragraphs.append("The archive cannot show other boot-time setters: %s." % join_words(setters))
    return {"headline": "The raised vm.min_free_kbytes (%s kB) is lost at the next reboot%s: persist it"
                        % (d.get("current"), on(host)), "paragraphs": paragraphs, "items": files_items(d)}


def not_applied(d, host):
    return {"headline": "The boot configuration sets vm.min_free_kbytes = %s but the host runs with %s kB%s: "
                        "apply it" % (d.get("persisted_value"), d.get("current"), on(host)),
            "paragraphs": ["%s sets the value, but it was not applied (a file not ending in .conf, the wrong "
                           "directory, or a runtime change since boot)." % d.get("winning_file")],
            "items": files_items(d)}


def overridden(d, host):
    return {"headline": "vm.min_free_kbytes is set to different values in several places%s; %s (%s) wins"
                        % (on(host), d.get("winning_file"), d.get("persisted_value")),
            "paragraphs": ["/etc/sysctl.conf is applied last." if d.get("sysctl_conf_value") is not None else None],
            "items": files_items(d)}


def silent_rx(d, host):
    mfk, rec = d.get("min_free_kbytes") or {}, d.get("recommendation") or {}
    counters = ["%s: %s" % (n.get("name"), ", ".join("%s %s" % (k, v) for k, v in (n.get("counters") or {}).items()))
                for n in d.get("nics") or []]
    return {
        "headline": "Network receive buffers failed to allocate without a log message%s: raise vm.min_free_kbytes "
                    "%s" % (on(host), from_to(mfk.get("current"), rec.get("value"))),
        "paragraphs": ["NIC counters show receive buffer allocation failures the kernel did not log; they count "
                       "since the driver loaded: collect twice to see whether they still grow.",
                       reserve_sentence(mfk), recommendation_sentence(rec, mfk)],
        "items": counters,
    }


def vmalloc(d, host):
    failures = d.get("failures") or {}
    return {"headline": "%s%s: not a vm.min_free_kbytes problem" % (plural(failures.get("count", 0),
                                                                            "vmalloc failure"), on(host)),
            "paragraphs": ["The vmalloc area or a large virtually contiguous request failed (%s)."
                           % (", ".join(map(str, failures.get("comms") or [])) or "task unknown")]}


def persistence_unknown(d, host):
    profiles = join_words(map(str, d.get("unread_tuned_profiles") or [])) or "profiles"
    return {"headline": "Whether vm.min_free_kbytes survives a reboot is unknown%s: collect the TuneD profile %s"
                        % (on(host), profiles), "paragraphs": sentences(tuned_unknown_lines(d) + files_items(d))}


def rx_load(d, host):
    """Issue 15's network load at the failures (sar): one line per interval, and the chart (HTML)."""
    lines = [str(line) for line in d.get("lines") or []]
    if d.get("more"):
        lines.append("... and %s more interval(s) with failures" % d["more"])
    lines += ["%s report(s) not placed: %s" % (count, reason) for reason, count in (d.get("unplaced_text") or {}).items()]
    chart = d.get("chart") if isinstance(d.get("chart"), dict) else None
    return {"headline": "Network load at the failures%s (sar)" % on(host),
            "paragraphs": [lines, {"kind": "chart", "chart": "load", "data": chart, "caption": None} if chart else None]}


def memory_holders(d, host):
    """Issue 15's who holds the memory: the report's own figures at failure time, else the sosreport's."""
    failure_time = d.get("when") == "failure_time"
    held = ["%s: %s kB (%s%% of %s kB)" % (h.get("name"), h.get("kb"), int(round((h.get("share") or 0) * 100)),
                                          d.get("mem_total_kb")) for h in d.get("holders") or [] if h.get("notable")]
    sites = ["%s (%s%s): %s in %s calls" % (a.get("function"), a.get("location"),
                                            " [%s]" % a["module"] if a.get("module") else "", a.get("size"), a.get("calls"))
             for a in (d.get("allocations") or [])[:5]]
    caches = ", ".join("%s %s kB" % (c.get("name"), c.get("kb")) for c in (d.get("caches_now") or [])[:3])
    return {"headline": "Memory held %s%s" % ("at failure time (the report's Mem-Info)" if failure_time
                                              else "at collection time, not necessarily at failure time", on(host)),
            "paragraphs": [held, "Largest allocation sites (memory allocation profiling):" if sites else None, sites,
                           "Largest slab caches at collection time: %s." % caches if failure_time and caches else None]}


# Verdicts that add facts beside a finding (context), never the page's headline.
CONTEXT_KEYS = frozenset({"RX_LOAD_AT_FAILURE", "MEMORY_HOLDERS"})

FINDINGS = {
    "MIN_FREE_KBYTES_LOW_ATOMIC_RX": low_atomic_rx,
    "MIN_FREE_KBYTES_AT_POLICY_LIMIT": at_policy_limit,
    "FAILURES_NOT_FROM_THIS_SYSTEM": not_from_this_system,
    "RX_LOAD_AT_FAILURE": rx_load,
    "MEMORY_HOLDERS": memory_holders,
    "RESERVE_NOT_SHOWN_EXHAUSTED": reserve_not_exhausted,
    "INSUFFICIENT_DATA": insufficient_data,
    "HIGH_ORDER_ATOMIC_RX_FAILURE": high_order_atomic_rx,
    "MIN_FREE_KBYTES_TOO_HIGH": too_high,
    "MIN_FREE_KBYTES_NOT_PERSISTED": not_persisted,
    "MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED": not_applied,
    "PERSISTED_VALUE_OVERRIDDEN": overridden,
    "SILENT_RX_ALLOC_FAILURES": silent_rx,
    "VMALLOC_FAILURE": vmalloc,
    "NON_ATOMIC_ALLOC_FAILURE": findings_kernel.non_atomic,
    "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN": persistence_unknown,
    "KNOWN_KERNEL_BUG": findings_kernel.known_kernel_bug,
    "MIN_FREE_KBYTES_FIX_IN_PLACE": fix_in_place,
    "MIN_FREE_KBYTES_OK": min_free_ok,
    "FAILURE_BURSTS": findings_kernel.failure_bursts,
    "KSWAPD_WAKES_LATE": findings_kernel.kswapd_wakes_late,
}

# Findings worded as lines that wording.sentences joins: the input's own line breaks are made visible
# first (pagealloc.render.inert), so that a value can never join or split their sentences.
SENTENCE_FINDINGS = frozenset({"NON_ATOMIC_ALLOC_FAILURE", "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN", "KNOWN_KERNEL_BUG",
                               "MIN_FREE_KBYTES_FIX_IN_PLACE", "MIN_FREE_KBYTES_OK", "FAILURE_BURSTS",
                               "KSWAPD_WAKES_LATE"})


def finding(verdict, host=None):
    """{headline, paragraphs, items} of one verdict (a :class:`~pagealloc.render.verdict_view.VerdictView`,
    or a verdict of the result, read into one here)."""
    if isinstance(verdict, dict):
        verdict = verdict_view(verdict)
    key, details = verdict.key, verdict.details
    if key in FINDINGS:
        found = FINDINGS[key](inert_data(details) if key in SENTENCE_FINDINGS else details, host)
    else:
        paragraphs = reflow(verdict.content)
        found = {"headline": first_sentence(paragraphs) or words(key).capitalize(), "paragraphs": paragraphs}
    found["paragraphs"] = [p for p in found.get("paragraphs") or [] if p]  # a None or [] says nothing
    found.setdefault("items", [])
    return found
