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
    REPLAY_OPEN_REASONS,
    REPLAY_VERDICTS,
    TIMES,
    UNIT_STEPS,
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
    with_kb,
    words,
)
from pagealloc.words import counted

ADVICE = {
    "lower_mtu": "use the standard 1500 MTU",
    "driver_rx_buffer_options": "use the driver's page-sized receive buffer option (or its copybreak, which copies "
                                "small frames into order-0 buffers)",
    "network_buffer_sizes": "for network code, smaller buffers: a standard 1500 MTU where jumbo frames are not "
                            "needed, the driver's page-sized buffer or copybreak options, GRO/LRO settings that "
                            "build smaller packets",
    "caller_fallback": "the caller falling back to order 0 or kvmalloc, or allocating once at setup with GFP_KERNEL "
                       "(where compaction can run) instead of in atomic context",
    "background_compaction": "background compaction (kcompactd, 4.6+) and kswapd rebuilding large blocks between "
                             "bursts; an atomic request cannot compact for itself, and a one-off echo 1 > "
                             "/proc/sys/vm/compact_memory only helps until memory fragments again",
    "min_free_kbytes_secondary": "a larger vm.min_free_kbytes only as a measured second step (more free memory keeps "
                                 "more large blocks, at the cost of that memory; watch /proc/buddyinfo)",
}
# HIGH_ORDER_ATOMIC_RX_FAILURE's "compaction" is the same advice as HIGH_ORDER_ATOMIC_FAILURE's: one wording, so
# a page with both says it once (pagealloc.render.summary leaves out a list item already shown above).
ADVICE["compaction"] = ADVICE["background_compaction"]
# pagealloc.knowledge.call_paths contexts, as a path is named in a sentence.
PATH_WORDS = {"network-rx": "network receive", "network-tx": "network transmit", "network-other": "network",
              "storage": "storage", "filesystem": "file system", "gpu": "graphics driver", "other": "other kernel",
              "unknown": "unknown"}


def path_words(contexts):
    """'storage' / 'network and storage' / 'unknown' path words of a failures summary's contexts."""
    return join_words([PATH_WORDS.get(c, str(c)) for c in contexts or []]) or "unknown"


def on_path(contexts):
    """'on the storage path', or 'on a path the report does not show' when no trace says it."""
    known = [c for c in contexts or [] if c != "unknown"]
    if not known:
        return "on a path the report does not show"
    if known == ["other"]:
        return "in kernel code outside networking, storage and graphics"
    return "on the %s path" % path_words(known)


def path_label(contexts):
    """A headline's short form of :func:`on_path`: 'network path', 'other kernel code', 'path not shown'."""
    known = [c for c in contexts or [] if c != "unknown"]
    if not known:
        return "path not shown"
    return "other kernel code" if known == ["other"] else "%s path" % path_words(known)


def reflow(content):
    """A rule's CONTENT as paragraphs: lines that end mid-sentence are joined to the next."""
    return sentences((content or "").split("\n"))  # the template's line breaks only (never U+2028 from input)


def failures_phrase(failures, what="page allocation failure"):
    """'1 order-0 atomic page allocation failure (+3 suppressed) from driver e100, task swapper'."""
    failures = failures or {}
    text = counted(failures.get("count", 0), what)
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
    """'from 2038 kB to 4096 kB': every reserve figure with its unit (s24)."""
    return "from %s kB to %s kB" % (current, value) if current is not None else "to %s kB" % value


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


def missing_words(missing, report_kernel=None):
    """The missing inputs in words.  Beside reports that print their kernel, "the kernel release" read as a
    contradiction (s24, s25): the running release is what is missing."""
    return [("the running kernel release (uname -a; the reports were printed by %s)" % report_kernel)
            if m == "uname" and report_kernel else missing_input_words(m) for m in missing or []]


def missing_sentence(missing, report_kernel=None):
    return "Not collected: %s." % join_words(missing_words(missing, report_kernel)) if missing else None


def replay_lines(replay):
    """The replay's per-report zone figures (pages), without the verdict code that leads each line."""
    lines = []
    for number, line in enumerate((replay or {}).get("text") or [], 1):
        figures = str(line).split(": ", 1)[1] if ": " in str(line) else None
        if figures:
            lines.append("report %d: %s" % (number, figures))
    return lines


# The notation of replay_lines (pagealloc.knowledge.watermark_replay.replay_line), said once: "min 477 -> 239
# -> 180 + lowmem_reserve 0" are mm/page_alloc.c __zone_watermark_ok()'s steps.
REPLAY_NOTATION = ("Each zone's free pages are set against its floor: the min mark, halved for a __GFP_HIGH "
                   "request and cut by another quarter for an atomic one (the arrows), plus the lowmem_reserve "
                   "kept for allocations that could have used a higher zone.")


def replay_sentence(replay):
    if not replay or not replay.get("verdict"):
        return None
    text = "Replaying the kernel's watermark test on the reports' numbers: %s." % fill(
        REPLAY_VERDICTS, replay["verdict"], {})
    if any(" -> " in line for line in replay_lines(replay)):
        text += " " + REPLAY_NOTATION
    return text


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
    return counted(whole, "such refill") if whole else "less than one refill"


def rx_bursts(guidance, used_up=False):
    """Issue 14's burst sizing: one full receive-ring refill against the room atomic allocations have below
    min, per NIC, as the number of refills that room holds.  ``used_up``: the replay found every usable
    zone below its atomic floor, so that room was used up at the failure (whatever one refill needs)."""
    lines = []
    for b in (guidance or {}).get("rx_burst") or []:
        refill, now, recommended = b.get("refill_kb"), b.get("room_now_kb"), b.get("room_recommended_kb")
        text = "%s: one full receive-ring refill is %s x %s buffers x %s B = %s kB." % (
            b.get("name"), counted(b.get("rx_queues") or 1, "queue"), b.get("rx_ring"), b.get("buffer_bytes"), refill)
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
    if d.get("assumption"):
        return assumed_default(d, host)
    mfk, rec = d.get("min_free_kbytes") or {}, d.get("recommendation") or {}
    replay = d.get("replay") if (d.get("replay") or {}).get("more_reserve_helps") else None
    holder = d.get("holder_first")
    contexts = (d.get("failures") or {}).get("contexts") or []
    receive = not contexts or "network-rx" in contexts  # details without contexts are receive (before s23)
    headline = ("%s ran out of atomic memory reserve%s: raise vm.min_free_kbytes %s"
                % ("Network receive" if receive else "An atomic allocation (%s%s)"
                   % (path_label(contexts), ", not network receive" if set(contexts) - {"unknown"} else ""),
                   on(host), from_to(mfk.get("current"), rec.get("value"))))
    comms = ", ".join(map(str, (d.get("failures") or {}).get("comms") or [])) or "unknown"
    drain = (" That reserve is too small for the bursts of atomic allocations network receive makes in interrupt "
             "context." if receive else
             " That reserve, which every GFP_ATOMIC caller shares, ran out under an atomic allocation %s "
             "(task %s): raising it covers this caller too, and what allocates in bursts there is worth a "
             "look." % (on_path(contexts), comms) if set(contexts) - {"unknown"} else
             " That reserve, which every GFP_ATOMIC caller shares, ran out under an atomic allocation whose call "
             "trace was lost (task %s): raising it covers whatever the caller was; the complete report in an "
             "unfiltered log names it." % comms)
    if holder:
        headline = ("Memory exhausted%s by %s (%s%% of RAM): find what holds it first; raising vm.min_free_kbytes "
                    "%s only postpones the failure" % (on(host), holder["name"], round(holder["share"] * 100),
                                                       from_to(mfk.get("current"), rec.get("value"))))
    return {
        "headline": headline,
        "paragraphs": [holder_first_sentence(holder), reserve_sentence(mfk) + ("" if holder else drain),
                       replay_sentence(replay), replay_lines(replay),
                       recommendation_sentence(rec, mfk),
                       guidance_table(d.get("guidance"), rec.get("value")), node_floors(d.get("guidance")),
                       rx_bursts(d.get("guidance"), bool(replay)), silent_sentence((d.get("failures") or {}).get("silent")),
                       *collect_next_paragraphs(d.get("collect_next")),
                       "Confidence %s." % confidence_sentence(d["confidence"]) if d.get("confidence") else None,
                       "Set aside as not from this system:" if d.get("set_aside") else None,
                       set_aside_items(d)],
    }


def assumed_default(d, host):
    """The main rule on a receive failure whose input shows neither the running value nor the kernel default
    (``assumption`` current_is_kernel_default): the value, or the policy the fix computes it by on the host,
    and what the fix checks before it writes."""
    mfk, rec, failures = d.get("min_free_kbytes") or {}, d.get("recommendation") or {}, d.get("failures") or {}
    policy = rec.get("policy") or {}
    value = rec.get("value")
    target = ("to %s kB" % value if value is not None else
              "to %s its running value" % TIMES.get(policy.get("multiplier"), "%s times" % policy.get("multiplier")))
    headline = ("%s%s: raise vm.min_free_kbytes %s, assuming it is still the kernel default (the fix checks that "
                "first)" % (what_ran_out(failures), on(host), target))
    holder = d.get("holder_first")
    if holder:
        headline = ("Memory exhausted%s by %s (%s%% of RAM): find what holds it first; raising vm.min_free_kbytes "
                    "%s only postpones the failure" % (on(host), holder["name"], round(holder["share"] * 100), target))
    current = mfk.get("current")
    default = mfk.get("default")
    shown = ("this input shows the reserve the reports ran with (about %s kB) but not the kernel default" % current
             if current is not None else
             "this input shows the kernel default (about %s kB) but not the running value" % default
             if default is not None else "this input shows neither the running value nor the kernel default")
    base = (rec.get("base") or {}).get("kb")
    from_ram = rec.get("default_from_pages_ram") or {}
    if from_ram:
        low, high = (list(from_ram.get("range") or []) + [None, None])[:2]
        shown = ("this input shows neither the running value nor the kernel default, only the memory size (%s kB "
                 "of RAM, the report's pages RAM), for which the kernel default is about %s kB (%s-%s kB)"
                 % (from_ram.get("ram_kb"), from_ram.get("value"), low, high))
    if value is not None:
        value_sentence = recommendation_sentence(rec, dict(mfk, default=mfk.get("default") or base))
    else:
        value_sentence = "The value: %s, computed on the host by the fix below." % policy_words(policy)
    return {
        "headline": headline,
        "paragraphs": [holder_first_sentence(holder), signature_sentence(failures),
                       "Raising vm.min_free_kbytes is the fix if it is still the kernel default for this host; %s. Nothing "
                       "tunes it on most hosts, so the verdict assumes it is the default." % shown,
                       value_sentence,
                       "The fix below checks that assumption before it writes: when a sysctl file, the kernel "
                       "command line or a TuneD profile sets vm.min_free_kbytes it changes nothing and prints the "
                       "line that does; then analyse the host's sosreport (pagealloc triage "
                       "/var/tmp/sosreport-*.tar.xz) for the exact default. Pasted twice, it changes nothing "
                       "the second time.",
                       silent_sentence(failures.get("silent")),
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
    failures = failures_phrase(d.get("failures"), "order-0 atomic page allocation failure")
    if replay.get("verdict") == "inconclusive":
        # The numbers leave the kernel's test open: say why, and claim no more than that.
        open_why = join_words([REPLAY_OPEN_REASONS[r["reason"]] for r in replay.get("reports") or []
                               if r.get("reason") in REPLAY_OPEN_REASONS][:1]) or fill(REPLAY_VERDICTS, "inconclusive", {})
        paragraphs = ["%s; the reports' numbers do not show that a larger vm.min_free_kbytes would have let the "
                      "allocation succeed: %s." % (failures, open_why)]
        if any(" -> " in line for line in replay_lines(replay)):
            paragraphs.append(REPLAY_NOTATION)
        return {"headline": "Page allocation failures%s that the reports do not show a larger reserve would fix"
                            % on(host), "paragraphs": paragraphs, "items": replay_lines(replay)}
    paragraphs = ["%s; a larger vm.min_free_kbytes would not have let the allocation succeed." % failures,
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
    """Failure reports of another host or memory size (issue 13's event matching), one per line, with
    the path each report shows (s24: the main rule sets aside any order-0 atomic report, not only receive)."""
    return ["%s (%s%s%s): %s" % (f.get("when"), f.get("source"), ":%s" % f["line"] if f.get("line") else "",
                                 "; %s path" % path_words([f["context"]]) if f.get("context") not in (None, "unknown")
                                 else "", "; ".join(map(str, f.get("reasons_in_words") or [])) or "another system")
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
    failures = d.get("failures") or {}
    # The main rule judges every order-0 GFP_ATOMIC failure: "receive" only when the reports show that path.
    receive = "network-rx" in (failures.get("contexts") or [])
    lines = ["%s ran with vm.min_free_kbytes at about %s kB (the last at %s%s)."
             % (counted(failures.get("count"), "order-0 atomic receive failure") if receive
                else "%s %s" % (counted(failures.get("count"), "order-0 atomic failure"),
                                on_path(failures.get("contexts"))),
                "-".join(map(str, d.get("failed_with_range_kb") or [])), last.get("when"), kernel),
             "It is now %s kB running (%s) and %s kB persisted (%s): the fix is in place."
             % (d.get("running_kb"), d.get("running_source"), d.get("persisted_kb"), d.get("persisted_file")),
             "Watch for new failures: one at %s kB would mean the reserve alone does not cover the bursts (check %s)."
             % (d.get("running_kb"), "the rx ring size and the traffic peaks" if receive else "what allocates then")]
    return {"headline": "The fix is in place%s: vm.min_free_kbytes is now %s kB, raised since the last failure"
                        % (on(host), d.get("running_kb")), "paragraphs": sentences(lines)}


def not_from_this_system(d, host):
    """FAILURES_NOT_FROM_THIS_SYSTEM: every order-0 atomic report the reserve answers for is another system's;
    "receive" only when they all show the receive path (the main rule judges any order-0 GFP_ATOMIC failure)."""
    aside = d.get("set_aside") or []
    total = d.get("set_aside_total") or len(aside)
    contexts = {f.get("context") or "unknown" for f in aside}
    receive = contexts == {"network-rx"} and total == len(aside)
    one = total == 1
    return {"headline": "%s%s %s not from this system: analyse %s with %s own host's sosreport"
                        % (counted(total, "network receive failure report" if receive
                                  else "order-0 atomic failure report"),
                           " in the logs of %s" % host if host else "", "is" if one else "are",
                           "it" if one else "them", "its" if one else "their"),
            "paragraphs": ["None is judged against this host's reserve%s:"
                           % ("" if total == len(aside) else " (the first %d listed)" % len(aside)),
                           set_aside_items(d)]}


def insufficient_data(d, host):
    if d.get("reason") == "kernel_log_unread":
        return kernel_log_unread(d, host)
    failures = d.get("failures") or {}
    missing = missing_words(d.get("missing_inputs"), failures.get("kernel"))
    commands = d.get("decide_commands") or []
    if d.get("reason") != "reserve_unknown" or not commands:
        # call_path_unknown: no __GFP_HIGH and no trace, the reserve's size is not the question, the caller is.
        paragraphs = [signature_sentence(failures) if d.get("reason") == "call_path_unknown" else
                      "%s; this cannot be decided because %s." % (
                          failures_phrase(failures, "order-0 atomic page allocation failure"),
                          reason_sentence(d.get("reason"))), provisional_sentence(d)]
        return {"headline": "%s%s, but not enough data to decide%s" % (what_ran_out(failures), on(host),
                                                                      collect_clause(missing, paragraphs)),
                "paragraphs": paragraphs}
    # s25: the reader of a pasted report gets what it shows, the answer it would give and on which
    # assumption, and how to settle that assumption on the host - not only "not enough data".
    paragraphs = [signature_sentence(failures), undecided_sentence(d.get("min_free_kbytes") or {}),
                  provisional_sentence(d), "To decide, run on the host:",
                  {"kind": "commands", "lines": [inert(line) for c in commands for line in c["command"].split("\n")]},
                  decide_sentence(commands)]
    if missing:  # "Not collected:": the memory picture then does not list them again
        paragraphs.append("Not collected: %s." % join_words(missing))
    return {"headline": "%s%s: raise vm.min_free_kbytes if it is still the kernel default (check on the host, "
                        "commands below)" % (what_ran_out(failures), on(host)),
            "paragraphs": paragraphs}


def signature_sentence(failures):
    """What the reports themselves show, said first (s25): the classic receive signature when it is one."""
    phrase = failures_phrase(failures, "order-0 atomic page allocation failure")
    contexts = failures.get("contexts") or []
    each = "this one" if failures.get("count", 1) == 1 else "each"  # "2 failures ... this one" read wrong
    if what_ran_out(failures) == "Page allocation failures":  # not every mask shows __GFP_HIGH
        if contexts == ["unknown"]:
            return ("%s whose call trace was lost and whose mask has no __GFP_HIGH: such a request may not use "
                    "the reserve below min, and what made it is unknown. The complete reports, in an unfiltered "
                    "kernel log, name the caller." % phrase)
        return "%s %s." % (phrase, on_path(contexts))
    if "network-rx" in contexts:
        # "where: network receive (1), unknown (1)": never "2 failures on the network receive path"
        others = [c for c in contexts if c != "network-rx"]
        return ("%s on the network receive path%s: the classic signature of atomic receive reserve exhaustion. "
                "The driver refills its receive ring in interrupt context with atomic allocations, which may "
                "use the reserve below the min watermark, down to about 3/8 of min; %s found even that "
                "reserve empty." % (phrase, " (and %s)" % on_path(others) if others else "", each))
    return ("%s %s: an atomic request may use the reserve below the min watermark, down to about 3/8 of min, "
            "and %s found even that reserve empty." % (phrase, on_path(contexts), each))


def undecided_sentence(mfk):
    """Why the verdict waits: the reserve is the fix only if it is still the default, and this input cannot say."""
    current = mfk.get("current")
    shown = ("this input shows the reserve (%s%s kB) but not the kernel default"
             % ("about " if mfk.get("current_estimate") else "", current) if current is not None
             else "this input shows neither the running value nor the kernel default")
    return ("Raising vm.min_free_kbytes is the fix if it is still the kernel default for this host (nothing "
            "tuned it); %s." % shown)


def provisional_sentence(d):
    """The value pagealloc would recommend, and the assumption it rests on."""
    mfk, provisional = d.get("min_free_kbytes") or {}, d.get("provisional_recommendation")
    if provisional and mfk.get("current") is not None:
        return ("Provisional value: %s kB (%s), on the assumption that the reserve of about %s kB is the kernel "
                "default." % (provisional.get("value"), rationale_sentence(provisional.get("rationale"),
                                                                         mfk["current"]), mfk["current"]))
    policy = d.get("provisional_policy")
    if not policy:
        return None
    return ("Provisional value: %s, on the assumption that the running value is the kernel default."
            % policy_words(policy))


def policy_words(policy):
    """The recommendation policy applied to an unknown running value, in words."""
    step = UNIT_STEPS.get(policy.get("round_to_kb"), "a multiple of %s kB" % policy.get("round_to_kb"))
    floor = policy.get("large_host_floor_kb") or 0
    return ("%s the running value, rounded up to %s (at least %s kB = %s MiB on a host with %s GiB or more, at "
            "most %s%% of its memory)" % (TIMES.get(policy.get("multiplier"), "%s times" % policy.get("multiplier")),
                                          step, floor, floor // 1024, (policy.get("large_host_mem_kb") or 0) // 2 ** 20,
                                          "%g" % (policy.get("max_percent_of_memtotal") or 0)))


def decide_sentence(commands):
    """How to read what the commands print."""
    ids = {c.get("id") for c in commands}
    parts = []
    if "set_at_boot" in ids:
        parts.append("If grep prints nothing, nothing tuned the value (unless a script sets it: rc.local, a custom "
                     "unit), so the running value is the kernel default and the provisional value applies; a line "
                     "printed names the file or profile that set it.")
    if "sosreport" in ids:
        parts.append("For the exact default and the full verdict, analyse the archive sosreport writes "
                     "(pagealloc triage /var/tmp/sosreport-*.tar.xz).")
    return " ".join(parts) or None


# More missing inputs than this make the headline a paragraph (6 inputs: 4 lines at 80 columns,
# 14 lines of heading on a phone): the headline then says what to collect, the list goes below.
HEADLINE_INPUTS = 2


def collect_clause(missing, paragraphs):
    """The headline's ': collect ...' part; a long list goes into ``paragraphs`` instead."""
    if not missing:
        return ""
    if len(missing) <= HEADLINE_INPUTS:
        return ": collect " + join_words(missing)
    paragraphs.append("Not collected: %s." % join_words(missing))
    # Short (it was 8 lines of heading at 390 px): the list is the Why's first lines, right below.
    return ": analyse the report with the host's sosreport"


def what_ran_out(failures):
    """The headline's subject: what the reports prove ran out, or 'Page allocation failures' when their masks
    do not show __GFP_HIGH (only such a request may use the reserve below min)."""
    failures = failures or {}
    masks, contexts = failures.get("gfp_masks") or [], failures.get("contexts") or []
    try:
        reserve = bool(masks) and all(int(str(m), 16) & 0x20 for m in masks)  # __GFP_HIGH, every era
    except ValueError:
        reserve = False
    if not reserve:
        return "Page allocation failures"
    if "network-rx" in contexts:
        return "Network receive ran out of atomic memory reserve"
    return "Atomic allocations (%s) ran out of memory reserve" % path_label(contexts)


def min_free_ok(d, host):
    """No order-0 atomic failure the reserve answers for: the headline says it all."""
    return {"headline": "vm.min_free_kbytes is fine%s: %s" % (on(host), reason_sentence(d.get("reason"))),
            "paragraphs": []}


def raised_still_failing(d, host):
    """Failures of this host with its reserve already raised: did they run on the raised value (then a
    default-sized reserve does not explain them) or before the raise (then the persistence result says
    whether the fix holds)?  Worded from the reports' path: "receive" only for that path."""
    mfk, failures = d.get("min_free_kbytes") or {}, d.get("failures") or {}
    receive = "network-rx" in (failures.get("contexts") or [])
    count = failures.get("count")
    what = counted(count, "order-0 atomic receive failure" if receive else "order-0 atomic failure")
    ran_with, current, default = d.get("ran_with_kb"), mfk.get("current"), mfk.get("default")
    if ran_with and current is not None and ran_with < current:
        headline = ("%s%s with vm.min_free_kbytes at about %s kB; it is %s kB now: check that the raise "
                    "persists" % (what_ran_out(failures), on(host), ran_with, current))
        text = ("raised above the default since the %s, which ran with about %s kB: the "
                "fix is in place only if that value also applies at boot (see the persistence result)."
                % (what, ran_with))
    else:
        headline = ("%s%s although vm.min_free_kbytes was already raised (%s kB, default %s kB): look at %s"
                    % (what_ran_out(failures), on(host), current, default,
                       "the receive ring and traffic bursts" if receive else "what allocates at the failures' times"))
        text = ("already raised above the default; the %s %s not explained by a default-sized reserve (check %s)."
                % (what, "is" if count == 1 else "are",
                   "ring sizes and traffic bursts" if receive else "what allocates at the failures' times"))
    return {"headline": headline,
            "paragraphs": sentences(["vm.min_free_kbytes %s kB (default %s kB): %s" % (current, default, text)])}


def free_blocks_lines(evidence):
    """Per report and zone: free memory, and how little of it was in blocks of the failed order."""
    # s25: "at 7055.769591" had no unit, and "but 55 free blocks" read as a contradiction
    return ["%s: zone %s had %s kB free %s of order %s or more"
            % (report_moment(ev, number, len(evidence)), z.get("zone"), z.get("free_kb"),
               "but no free block" if z.get("free_blocks_at_order") == 0
               else "and " + counted(z.get("free_blocks_at_order"), "free block"), ev.get("order"))
            for number, ev in enumerate(evidence or [], 1) for z in ev.get("zones") or []
            if z.get("free_blocks_at_order") is not None]


def report_moment(ev, number, reports):
    """'at 7055.770 s after boot', 'at Jun 17 20:41:13', or for a report that printed no time 'in the report'
    ('in report 2' among several)."""
    if isinstance(ev.get("timestamp"), (int, float)):
        return "at %.3f s after boot" % ev["timestamp"]
    if ev.get("wallclock"):
        return "at %s" % ev["wallclock"]
    return "in the report" if reports == 1 else "in report %d" % number


def high_order_atomic_rx(d, host):
    failures = d.get("failures") or {}
    orders = "/".join(str(o) for o in failures.get("orders") or []) or "unknown"
    codes = d.get("advice") or []
    advice = [ADVICE.get(a, words(a)) for a in codes]
    stack = [r for r in d.get("requested_by") or [] if r.get("by") == "stack"]
    asked = "the driver asked for %s" % contiguous_pages(failures)
    if stack and "driver_rx_buffer_options" not in codes:
        asked = "the network stack, not the driver, asked for %s for %s" % (contiguous_pages(failures),
                                                                             stack_objects(stack))
    paragraphs = ["%s in the network receive path: %s, which fragmented memory could not give."
                  % (failures_phrase(failures, "atomic page allocation failure"), asked)]
    if stack and "driver_rx_buffer_options" in codes:
        paragraphs.append("The network stack asked too, for %s." % stack_objects(stack))
    paragraphs += [free_blocks_lines(d.get("evidence"))]
    if "lower_mtu" in codes:
        paragraphs += ["%s uses MTU %s, so its receive buffers need contiguous pages." % (n.get("name"), n.get("mtu"))
                       for n in d.get("jumbo_nics") or []]
    paragraphs += ["When the allocation of %s fails, %s.%s" % (r["what"], r["effect"], " nstat -az %s shows how "
                                                                "often on the host." % r["counter"] if r.get("counter") else "")
                   for r in stack if r.get("effect")]
    if advice:
        paragraphs += ["What helps, in this order:", advice,
                       "Raising vm.min_free_kbytes helps less here than for order-0 failures."]
    return {"headline": "Network receive could not get contiguous memory%s (order %s atomic allocations)"
                        % (on(host), orders), "paragraphs": paragraphs}


def stack_objects(requests):
    """'a socket for a TCP connection being accepted (sk_prot_alloc)': what the stack asked for, and where."""
    return join_words(["%s (%s)" % (r["what"], r["function"]) if r.get("what") else "its own use (%s)" % r["function"]
                       for r in requests])


def contiguous_pages(failures):
    """'512 contiguous pages (order 9: 2 MiB with 4 kB pages)': what an order asks for, in figures."""
    orders = [o for o in failures.get("orders") or [] if isinstance(o, int) and 0 <= o < 20]
    if not orders:
        return "2^order contiguous pages"
    return "%s contiguous pages (order%s %s: %s with 4 kB pages)" % (
        " or ".join(str(2 ** o) for o in orders), "s" if len(orders) > 1 else "", "/".join(map(str, orders)),
        " or ".join(size_words(4 * 2 ** o) for o in orders))


def size_words(kb):
    return "%d MiB" % (kb // 1024) if kb >= 1024 and kb % 1024 == 0 else "%d kB" % kb


def high_order_atomic(d, host):
    """HIGH_ORDER_ATOMIC_FAILURE: contiguous pages an atomic caller outside network receive could not get."""
    failures = d.get("failures") or {}
    orders = "/".join(str(o) for o in failures.get("orders") or []) or "unknown"
    advice = [ADVICE.get(a, words(a)) for a in d.get("advice") or []]
    paragraphs = ["%s %s: the caller asked for %s in a context that may neither "
                  "reclaim nor compact, and too few free blocks that large were left. This is fragmentation, not "
                  "a shortage of memory." % (failures_phrase(failures, "atomic page allocation failure"),
                                             on_path(failures.get("contexts")), contiguous_pages(failures)),
                  free_blocks_lines(d.get("evidence"))]
    if d.get("slab_caches"):
        paragraphs.append("%s named by the reports: %s." % ("Slab cache" if len(d["slab_caches"]) == 1 else "Slab caches",
                                                             ", ".join(map(str, d["slab_caches"]))))
    paragraphs.append("Such failures are harmless when the caller falls back to a smaller request; they matter "
                      "when a device or feature stops working.")
    if advice:
        paragraphs += ["What helps, in this order:", advice]
    return {"headline": "An atomic allocation could not get contiguous memory%s (order %s, %s)"
                        % (on(host), orders, path_label(failures.get("contexts"))), "paragraphs": paragraphs}


def mem_info_sentence(figures):
    """The report's Mem-Info counters that say where memory was, or None."""
    kb = (figures or {}).get("kb") or {}
    if not kb:
        return None
    return "The report's Mem-Info (line %s): %s." % (figures.get("line"), ", ".join(
        "%s %s kB" % (name, value) for name, value in kb.items()))


def zone_lines(evidence):
    """Per report and zone: free against min (kB)."""
    return ["zone %s%s: free %s kB, min %s kB" % (z.get("zone"), " (node %s)" % z["node"] if z.get("node") else "",
                                                  z.get("free_kb"), z.get("min_kb"))
            for ev in (evidence or [])[:1] for z in ev.get("zones") or []]


def nowait_failure(d, host):
    """NOWAIT_ALLOC_FAILURE: an atomic request without __GFP_HIGH failed at the min mark."""
    failures = d.get("failures") or {}
    flags = ": " + "|".join(map(str, failures.get("gfp_flags"))) if failures.get("gfp_flags") else ""
    return {
        "headline": "Memory was short%s: an allocation that may neither sleep nor use the reserve failed "
                    "(not a vm.min_free_kbytes problem)" % on(host),
        "paragraphs": ["%s, mask %s%s, %s. Without __GFP_HIGH such a request (GFP_NOWAIT) may not go below the "
                       "min mark, so it failed because free memory was at min in every zone it could use: general "
                       "memory pressure that kswapd had not caught up with. Raising vm.min_free_kbytes raises min "
                       "with it, so it does not help this request and takes memory from everything else."
                       % (failures_phrase(failures, "order-0 page allocation failure"),
                          ", ".join(map(str, failures.get("gfp_masks") or [])), flags,
                          on_path(failures.get("contexts"))),
                       zone_lines(d.get("evidence")), mem_info_sentence(d.get("mem_info")),
                       "GFP_NOWAIT callers are written to fail and retry, so a single report is often harmless. If "
                       "they repeat, find what fills memory (the report's Mem-Info or a sosreport shows it under \"Memory "
                       "held\": unreclaimable slab, shmem, hugepages) and whether kswapd keeps up (/proc/vmstat "
                       "allocstall, pgscan_direct)."],
    }


def allocation_stall(d, host):
    """ALLOCATION_STALL: 4.9-4.14's 'page allocation stalls for Nms' report."""
    failures = d.get("failures") or {}
    return {
        "headline": "An allocation stalled in memory reclaim%s (not a failure, not a vm.min_free_kbytes problem)"
                    % on(host),
        "paragraphs": ["%s: 'page allocation stalls for Nms' means an allocation that may sleep (mode %s, order %s) "
                       "spent over 10 seconds in direct reclaim and compaction without getting its pages yet. Memory "
                       "was short and reclaim slow: look at what fills memory, swap and storage speed, and memory "
                       "cgroup limits. (Kernels 4.9 to 4.14 print it; 4.15 removed the warning.)"
                       % (failures_phrase(failures, "allocation stall report"),
                          ", ".join(map(str, failures.get("gfp_masks") or [])),
                          "/".join(map(str, failures.get("orders") or [])) or "unknown"),
                       zone_lines(d.get("evidence")), mem_info_sentence(d.get("mem_info"))],
    }


def mask_undecided(d, host):
    """ALLOC_MASK_UNDECIDED: found, but the mask reads differently by kernel era (the eras the header's
    form rules out already left out, and said)."""
    failures = d.get("failures") or {}
    readings = ["%s on kernels %s: %s (%s)" % (r.get("gfp_mask"),
                                               join_words(map(str, r.get("releases") or r.get("eras") or [])),
                                               r.get("flags"), "may sleep" if r.get("may_sleep") else "may not sleep")
                for r in d.get("readings") or []]
    dated = ("The header's form dates the kernel %s or later (%s), so older layouts are left out. "
             % (d["header_since"], d.get("header_clue") or "its punctuation")) if d.get("header_since") else ""
    return {
        "headline": "%s found%s, but whether the request could sleep depends on the kernel release: collect "
                    "uname -r" % (counted(failures.get("count", 0), "page allocation failure report"), on(host)),
        "paragraphs": ["Order %s, mode %s, task %s, %s. The report prints its mask without names and no kernel "
                       "release was found (no task line, no boot banner, no uname), and the GFP bits moved between "
                       "kernel releases. %sThe mask reads:"
                       % ("/".join(map(str, failures.get("orders") or [])) or "unknown",
                          ", ".join(map(str, failures.get("gfp_masks") or [])),
                          ", ".join(map(str, failures.get("comms") or [])) or "unknown",
                          on_path(failures.get("contexts")), dated),
                       readings,
                       "With the release, the failure is judged: a request that may sleep is memory pressure or "
                       "fragmentation; an atomic one is the reserve (order 0) or fragmentation (higher orders)."],
    }


UNJUDGED = {"other_system": "from another system", "unusable": "unusable",
            "slab_only": "a slab allocation failure without its page allocation report",
            "memcg_slab_cache": "a memory cgroup's own slab cache: the cgroup's kmem charge failed at its limit, "
                                "not the zones' reserve",
            "unclassified": "lacking the order or mode needed to judge it"}


def reports_found(d, host):
    """FAILURE_REPORTS_FOUND: the catch-all: every report no other verdict judges, with what it shows."""
    why = d.get("why") or {}
    items = ["%s (%s%s): %s%s%s; %s%s" % (
        r.get("when") or "time unknown", r.get("source"), ":%s" % r["line"] if r.get("line") else "",
        KIND_WORDS.get(r.get("kind"), r.get("kind")), ", task %s" % r["comm"] if r.get("comm") else "",
        "".join(", %s %s" % (label, r[key]) for label, key in (("order", "order"), ("mode", "gfp_mask"))
                if r.get(key) is not None),
        UNJUDGED.get(r.get("why"), words(r.get("why") or "")), ": %s" % r["detail"] if r.get("detail") else "")
        for r in d.get("reports") or []]
    count = d.get("count", 0)
    if set(why) == {"unusable"}:
        headline = "No problem confirmed%s: %s unusable (see Notes)" % (
            on(host), "a failure report is" if count == 1 else "%s failure reports are" % count)
    else:
        headline = "%s found%s that no verdict could judge" % (counted(count, "allocation failure report"), on(host))
    return {"headline": headline,
            "paragraphs": ["Each is listed with what it shows; none is taken as a reason to change vm.min_free_kbytes:",
                           items]}


# pagealloc.kernlog.event KINDS in words (the summary table and the catch-all's list).
KIND_WORDS = {"page-allocation-failure": "page allocation failure", "vmalloc-failure": "vmalloc failure",
              "allocation-stall": "allocation stall",
              "slab-allocation-failure": "slab allocation failure (no page report)"}


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
    items = ["%s%s sets %s%s" % (f.get("path"), ":%s" % f["line"] if f.get("line") else "", with_kb(f.get("value")),
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
    return {"headline": "The boot configuration sets vm.min_free_kbytes to %s but the host runs with %s kB%s: "
                        "apply it" % (with_kb(d.get("persisted_value")), d.get("current"), on(host)),
            "paragraphs": ["%s sets the value, but it was not applied (a file not ending in .conf, the wrong "
                           "directory, or a runtime change since boot)." % d.get("winning_file")],
            "items": files_items(d)}


def overridden(d, host):
    return {"headline": "vm.min_free_kbytes is set to different values in several places%s; %s (%s) wins"
                        % (on(host), d.get("winning_file"), with_kb(d.get("persisted_value"))),
            "paragraphs": ["/etc/sysctl.conf is applied last." if d.get("sysctl_conf_value") is not None else None],
            "items": files_items(d)}


def silent_rx(d, host):
    mfk, rec = d.get("min_free_kbytes") or {}, d.get("recommendation") or {}
    drops = (d.get("pfmemalloc_drops") or {}).get("value")
    nics = d.get("nics") or []
    # s25: the page named the NIC counters only; PFMemallocDrop, the total and the commands that tell whether
    # they still grow were in the JSON alone (the mlx5 example: 18233 drops beside 1290 NIC failures).
    parts = (["TcpExt PFMemallocDrop %s (received packets whose buffer came from the emergency reserve, dropped)"
              % drops] if drops else [])
    parts += ["%s on %s" % (counted(n.get("total"), "rx buffer allocation failure"), n.get("name")) for n in nics]
    total = d.get("silent_failures")
    recheck = [str(c).strip("`") for c in d.get("recheck") or []]
    return {
        "headline": "Network receive buffers failed to allocate without a log message%s: raise vm.min_free_kbytes "
                    "%s" % (on(host), from_to(mfk.get("current"), rec.get("value"))),
        "paragraphs": ["%s the kernel never logged%s: %s." % (
                           counted(total, "receive allocation failure") if total else "Receive allocation failures",
                           " (%s printed)" % counted(d["printed_reports"], "report") if d.get("printed_reports")
                           else "", join_words(parts)),
                       [nic_counter_line(n) for n in nics],
                       "They count since boot (PFMemallocDrop) or since the driver loaded (the NIC's): above zero "
                       "proves failures happened, not that they still do.",
                       *(["To see whether they still grow, run on the host, then again a minute later%s:"
                          % (" (the nstat line takes both samples itself)" if any(c.startswith("nstat") for c in recheck)
                             else ""),
                          {"kind": "commands", "lines": [inert(c) for c in recheck]}] if recheck else []),
                       reserve_sentence(mfk), recommendation_sentence(rec, mfk),
                       "Confidence %s: %s." % (d["confidence"], "printed receive-path reports agree"
                                               if d.get("printed_reports") else
                                               "counters alone (they show the reserve ran out, not how often now)")
                       if d.get("confidence") else None],
    }


def nic_counter_line(nic):
    """'ens1f0 (mlx5): rx_buff_alloc_err 1290 in all; per queue, its parts: rx0_buff_alloc_err 611, ...'."""
    counters, summary = nic.get("counters") or {}, nic.get("summary") or {}
    drivers = ", ".join(map(str, nic.get("drivers") or [])) or "driver named by its counters"
    head = ", ".join("%s %s" % (k, v) for k, v in summary.items())
    rest = ", ".join("%s %s" % (k, v) for k, v in counters.items() if k not in summary)
    if rest and head:  # a device-wide counter and its per-queue parts: never added twice
        return "%s (%s): %s in all; per queue, its parts: %s" % (nic.get("name"), drivers, head, rest)
    return "%s (%s): %s" % (nic.get("name"), drivers, head or rest)


def vmalloc(d, host):
    failures = d.get("failures") or {}
    return {"headline": "%s%s: not a vm.min_free_kbytes problem" % (counted(failures.get("count", 0),
                                                                            "vmalloc failure"), on(host)),
            # s25: "(systemd-udevd)" alone and "the vmalloc area" unexplained; say what failed and why the
            # reserve is not it.
            "paragraphs": ["A vmalloc request (%s) failed: it asks for virtually contiguous kernel memory, so "
                           "either the vmalloc address range had no room left or the pages behind it could not "
                           "be allocated. vm.min_free_kbytes sizes the reserve of atomic page allocations and "
                           "changes neither. The report's size and call trace name the caller (a module being "
                           "loaded, a large table)."
                           % ("task " + ", ".join(map(str, failures.get("comms") or [])) if failures.get("comms")
                              else "task unknown")]}


def persistence_unknown(d, host):
    profiles = join_words(map(str, d.get("unread_tuned_profiles") or [])) or "profiles"
    return {"headline": "Whether vm.min_free_kbytes survives a reboot is unknown%s: collect the TuneD profile %s"
                        % (on(host), profiles), "paragraphs": sentences(tuned_unknown_lines(d) + files_items(d))}


def rx_load(d, host):
    """Issue 15's network load at the failures (sar): one line per interval, and the chart (HTML)."""
    lines = [str(line) for line in d.get("lines") or []]
    if d.get("more"):
        lines.append("... and %s with failures" % counted(d["more"], "more interval"))
    lines += ["%s not placed: %s" % (counted(count, "report"), reason)
              for reason, count in (d.get("unplaced_text") or {}).items()]
    if d.get("other_systems"):
        lines.append("%s of another system left out (its time is another host's)"
                     % counted(d["other_systems"], "report"))
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
    "MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH": low_atomic_rx,  # the same verdict; its words name the path
    "MIN_FREE_KBYTES_AT_POLICY_LIMIT": at_policy_limit,
    "FAILURES_NOT_FROM_THIS_SYSTEM": not_from_this_system,
    "RX_LOAD_AT_FAILURE": rx_load,
    "MEMORY_HOLDERS": memory_holders,
    "RESERVE_NOT_SHOWN_EXHAUSTED": reserve_not_exhausted,
    "INSUFFICIENT_DATA": insufficient_data,
    "HIGH_ORDER_ATOMIC_RX_FAILURE": high_order_atomic_rx,
    "HIGH_ORDER_ATOMIC_FAILURE": high_order_atomic,
    "NOWAIT_ALLOC_FAILURE": nowait_failure,
    "ALLOCATION_STALL": allocation_stall,
    "ALLOC_MASK_UNDECIDED": mask_undecided,
    "FAILURE_REPORTS_FOUND": reports_found,
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
    "MIN_FREE_KBYTES_RAISED_STILL_FAILING": raised_still_failing,
    "FAILURE_BURSTS": findings_kernel.failure_bursts,
    "KSWAPD_WAKES_LATE": findings_kernel.kswapd_wakes_late,
}

# Findings worded as lines that wording.sentences joins: the input's own line breaks are made visible
# first (pagealloc.render.inert), so that a value can never join or split their sentences.
SENTENCE_FINDINGS = frozenset({"NON_ATOMIC_ALLOC_FAILURE", "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN", "KNOWN_KERNEL_BUG",
                               "MIN_FREE_KBYTES_FIX_IN_PLACE", "MIN_FREE_KBYTES_OK", "FAILURE_BURSTS",
                               "MIN_FREE_KBYTES_RAISED_STILL_FAILING",
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
