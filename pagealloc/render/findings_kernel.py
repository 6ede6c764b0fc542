"""
Findings about the kernel side - what failed and why, beside the reserve
=======================================================================

The words of the findings that are not about the size of
``vm.min_free_kbytes`` itself: allocations that may sleep
(NON_ATOMIC_ALLOC_FAILURE), a known kernel bug (KNOWN_KERNEL_BUG), bursts of
reports (FAILURE_BURSTS) and kswapd
waking late (KSWAPD_WAKES_LATE).  Each is a function ``(details, host) ->
{"headline", "paragraphs", "items"}`` like those of
:mod:`pagealloc.render.findings`, which lists them in its table; every value
comes from the rule's details (the rule's own CONTENT is the short form
``insights-run`` shows).

Each function builds its text as lines, then
:func:`pagealloc.render.wording.sentences` joins the lines of a sentence into
one paragraph, so a list of figures reads as one paragraph.

Examples:
    >>> failure_bursts({"bursts": [{"first": "10.0", "last": "12.5", "duration_s": 2.5, "reports": 2,
    ...                             "suppressed": 3, "at_least": 5, "peak_per_minute": 2}],
    ...                 "total_at_least": 5}, None)["paragraphs"][1]
    ['10.0 .. 12.5 (2.5 s): 2 reports + 3 suppressed = at least 5; peak 2 reports per minute']
"""

from pagealloc.render.remediation import watermark_scale_steps
from pagealloc.render.wording import on, sentences
from pagealloc.words import counted


def joined(values, separator=", "):
    return separator.join(str(v) for v in values or [])


def non_atomic(d, host):
    failures = d.get("failures") or {}
    one = failures.get("count") == 1
    flags = ": " + joined(failures.get("gfp_flags"), "|") if failures.get("gfp_flags") else ""
    comms = joined(failures.get("comms"))
    # Every figure labelled (mask, order, task) and the count's noun agreeing with it.
    lines = ["%s page allocation failure%s with a mask that may sleep and reclaim (mask %s%s; order %s%s):"
             % (failures.get("count"), "" if one else "s", joined(failures.get("gfp_masks")), flags,
                joined(failures.get("orders"), "/"), "; task " + comms if comms else "")]
    what = "an allocation that may sleep" if one else "allocations that may sleep"
    if d.get("cause") == "memory_pressure":
        headline = "Memory ran out%s: %s failed even after reclaim" % (on(host), what)
        lines[0] += (" the kernel reclaimed and still found no free page. This is memory exhaustion: find the "
                     "consumer (slab, page cache pinned by a workload, a leak); raising vm.min_free_kbytes would "
                     "not help.")
    else:
        headline = "Memory is too fragmented%s: %s failed even after reclaim" % (on(host), what)
        compaction = d.get("direct_compaction") or {}
        if compaction.get("possible") is False:
            lines[0] += (" the kernel could not assemble contiguous pages, and this mask may not compact memory for "
                         "itself: without %s the kernel skips direct compaction (mm/compaction.c "
                         "try_to_compact_pages()%s), so only a block kswapd or kcompactd had already assembled "
                         "could serve it. The caller should not need contiguous pages in this context (kvmalloc, a "
                         "smaller order, or allocating once where it may use GFP_KERNEL); background compaction "
                         "(vm.compact_memory, vm.compaction_proactiveness on 5.9+) makes such blocks likelier; "
                         "vm.min_free_kbytes is not the fix." % (
                             joined(compaction.get("missing"), " and "),
                             ", until 4.10/4.11 let GFP_NOFS requests compact" if compaction.get("missing") == ["__GFP_FS"]
                             else ""))
        else:
            lines[0] += (" the kernel could not assemble contiguous pages even after reclaim%s: fragmentation. "
                         "Consider compaction (vm.compact_memory) and smaller allocation orders; vm.min_free_kbytes "
                         "is not the fix." % (" and compaction" if compaction.get("possible") else ""))
    return {"headline": headline, "paragraphs": sentences(lines)}


def bug_lines(bug):
    """One known bug: what, where the report shows it, the fix, the source."""
    lines = ["%s: %s (%s, kernel %s: %s, %s)."
             % (bug.get("id"), bug.get("title"), counted(bug.get("reports"), "report"), bug.get("kernel"),
                str(bug.get("status")).replace("_", " "), bug.get("status_detail"))]
    lines += ["Zone %s%s had %s usable free pages above its atomic floor %s, with %s pages reserved for "
              "high-order atomics." % (z.get("zone"), " (node %s)" % z["node"] if z.get("node") else "",
                                       z.get("usable_free_pages"), z.get("threshold_pages"), z.get("highatomic_pages"))
              for z in bug.get("zones") or []]
    lines += ["Update the kernel to a release with the fix (%s; %s). Raising vm.min_free_kbytes is only a stopgap."
              % (joined(bug.get("fixed_in")), bug.get("fix")), "Source: %s." % bug.get("source")]
    return lines


def known_kernel_bug(d, host):
    bugs = d.get("bugs") or [{}]
    first = bugs[0]
    fixed = joined(first.get("fixed_in")) or "a fixed release"
    headline = "A known kernel bug%s (%s: %s): update the kernel to %s" % (
        on(host), first.get("id"), first.get("title"), fixed)
    return {"headline": headline + (" (and %s more)" % (len(bugs) - 1) if len(bugs) > 1 else ""),
            "paragraphs": sentences(line for bug in d.get("bugs") or [] for line in bug_lines(bug))}


def burst_line(burst):
    duration = " (%s s)" % burst["duration_s"] if burst.get("duration_s") is not None else ""
    peak = "; peak %s per minute" % counted(burst["peak_per_minute"], "report") \
        if burst.get("peak_per_minute") else ""
    first, last = burst.get("first"), burst.get("last")
    when = str(first) if first == last else "%s .. %s" % (first, last)  # never "16:27:01 .. 16:27:01"
    return "%s%s: %s + %s suppressed = at least %s%s" % (
        when, duration, counted(burst.get("reports"), "report"),
        burst.get("suppressed"), burst.get("at_least"), peak)


def failure_bursts(d, host):
    """Bursts of reports: the first ten, each with its count (reports plus suppressed callbacks)."""
    bursts = d.get("bursts") or []
    # The headline is the count; how it is counted and the bursts themselves go below it (a headline
    # ending in ':' and repeated as the first paragraph read as a cut-off title).
    lines = [burst_line(b) for b in bursts[:10]]
    if len(bursts) > 10:
        lines.append("... and %s more" % counted(len(bursts) - 10, "burst"))
    # One burst per line (a list): joined into one paragraph, several bursts ran into each other.
    # A lone report is no burst (s25): counted beside the bursts, never as "1 burst".
    # An undated report (a paste without stamps) cannot be placed: neither in a burst nor lone.
    others = [counted(d[key], noun) for key, noun in (("lone_reports", "lone report"),
                                                      ("undated_reports", "undated report")) if d.get(key)]
    return {"headline": "%s of failure reports%s, at least %s failed allocations%s"
                        % (counted(len(bursts), "burst"), "".join(" and " + o for o in others),
                           d.get("total_at_least"), " in all" if others else ""),
            "paragraphs": ['A burst is two failures or more within 60 s of each other. Counted as printed reports plus '
                           '"callbacks suppressed" (__GFP_NOWARN failures are never counted here), per burst:', lines]}


def kswapd_wakes_late(d, host):
    failures, reclaim, advice = d.get("failures") or {}, d.get("reclaim") or {}, d.get("advice") or {}
    lines = [
        "%s, and /proc/vmstat shows kswapd waking too late:" % counted(failures.get("count"),
                                                                      "atomic page allocation failure"),
        "%s (%s) and kswapd_low_wmark_hit_quickly %s (woken again right after reaching "
        "low), since boot." % (counted(reclaim.get("allocstall"), "direct reclaim stall"),
                               joined(reclaim.get("allocstall_counters")),
                               reclaim.get("kswapd_low_wmark_hit_quickly")),
        "Raise vm.watermark_scale_factor from %s to %s%s: kswapd then starts reclaiming about %s kB above min "
        "instead of %s kB, without reserving more memory below min (commit 795ae7a0de6b: keeping a 250 MB kswapd "
        "gap otherwise takes a 1 GB reserve)." % (advice.get("current"), advice.get("proposed"),
                                                  " (capped; more would be needed)" if advice.get("capped") else "",
                                                  advice.get("gap_proposed_kb"), advice.get("gap_now_kb")),
    ] + watermark_scale_steps(advice)
    return {"headline": "kswapd wakes too late%s: raise vm.watermark_scale_factor from %s to %s"
                        % (on(host), advice.get("current"), advice.get("proposed")), "paragraphs": sentences(lines)}
