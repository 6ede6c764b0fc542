"""
Known kernel bugs - page allocation failures a kernel update fixes
==================================================================

A table of kernel bugs whose symptom is a page allocation failure, each row
with its affected releases, fixed releases and source, matched against the
kernel that printed the report and against what the watermark replay
(:mod:`pagealloc.knowledge.watermark_replay`) found in the report.  Rows only
with a public source naming the affected and fixed releases.

Release matching (:func:`release_status`): an upstream-style release
(``6.6.43``, ``6.6.43-CUSTOM``, Fedora ``6.12.9-200.fc41``) is compared with
the stable line's fixed sublevel.  A distribution release that hides the
upstream sublevel behind an ABI or build number (``5.14.0-427.el9``,
``5.15.0-125-generic``, ``6.1.0-18-amd64``) is ``possibly_affected`` when its
line lies between the introducing and the fixing mainline release: the vendor
may have backported the fix (check its changelog for the fix commit).

Examples:
    >>> row = KNOWN_BUGS[0]
    >>> [release_status("%s" % r, row)[0] for r in ("6.6.43-CUSTOM", "6.6.60", "5.4.0", "6.12.9-200.fc41",
    ...                                              "5.14.0-427.el9.x86_64", "6.8.12", None)]
    ['affected', 'fixed', 'not_affected', 'fixed', 'possibly_affected', 'affected', 'unknown']
"""

import re

from pagealloc.knowledge.kernel_release import KernelRelease

# Each row: the symptom (``match``: the name of a matcher below), the affected range
# ``[introduced, fixed_mainline)`` with the stable lines fixed earlier, the fix and its source.
KNOWN_BUGS = (
    {
        "id": "CVE-2024-50219",
        "title": "order-0 GFP_ATOMIC allocations fail while free pages sit in the highatomic reserve",
        # mm/page_alloc.c: order-0 requests pass the watermark test (__zone_watermark_unusable_free()
        # keeps highatomic pages for ALLOC_HARDER / ALLOC_RESERVES callers) but rmqueue() /
        # rmqueue_buddy() only fall back to MIGRATE_HIGHATOMIC for order > 0 (or ALLOC_OOM), and
        # unreserve_highatomic_pageblock() runs only from reclaim, which atomics never enter.
        "file": "mm/page_alloc.c",
        "function": "rmqueue_buddy()",
        "match": "order0_atomic_above_floor_with_highatomic",
        "introduced": (5, 9),
        "introduced_by": "1d91df85f399 (mm/page_alloc: handle a missing case for memalloc_nocma_{save/restore} APIs)",
        "fixed_mainline": (6, 12),
        "fixed_stable": {(5, 15): 171, (6, 1): 116, (6, 6): 60, (6, 11): 7},
        "fix": "281dd25c1a01 (mm/page_alloc: let GFP_ATOMIC order-0 allocs access highatomic reserves, "
               "Matt Fleming, 6.12-rc6)",
        "source": "linux-cve-announce, CVE-2024-50219 (2024-11-09), 'Affected and fixed versions': introduced "
                  "in 5.9 with 1d91df85f399, fixed in 5.15.171, 6.1.116, 6.6.60, 6.11.7 and 6.12-rc6; "
                  "https://cve.org/CVERecord/?id=CVE-2024-50219",
        "url": "https://git.kernel.org/stable/c/281dd25c1a018261a04d1b8bf41a0674000bfe38",
        "note": "seen on Cloudflare's fleet (bnxt_en, 6.6.43); SUSE disputed it as a security issue (a pr_warn, "
                "receive paths fall back), not as a bug",
        "advice": "kernel_update",
    },
)

# Release strings that carry a distribution ABI or build number instead of the upstream sublevel:
# "X.Y.0-N..." (RHEL/CentOS/Rocky "5.14.0-427.el9", Ubuntu "5.15.0-125-generic", Debian "6.1.0-18-amd64").
_DISTRO_ABI = re.compile(r"^\d+\.\d+\.0-\d+")


def release_status(release, row):
    """``(status, detail)`` of a kernel release for a bug row: ``affected``, ``fixed``,
    ``not_affected`` (older than the bug), ``possibly_affected`` (distribution release, see the
    module docstring) or ``unknown`` (no release)."""
    version = KernelRelease.parse(release).version
    if version is None:
        return "unknown", "kernel release unknown"
    line = version[:2]
    if line < row["introduced"]:
        return "not_affected", "%d.%d predates %d.%d" % (line + row["introduced"])
    if line >= row["fixed_mainline"]:
        return "fixed", "%d.%d includes the mainline fix" % line
    fixed_sublevel = row["fixed_stable"].get(line)
    if _DISTRO_ABI.match(release):
        return "possibly_affected", ("distribution build of %d.%d: the upstream sublevel is not in the release "
                                     "string; check the vendor changelog for the fix" % line)
    if fixed_sublevel is None:
        return "affected", "no fixed %d.%d stable release in the source" % line
    if version[2] >= fixed_sublevel:
        return "fixed", "fixed in %d.%d.%d" % (line + (fixed_sublevel,))
    return "affected", "fixed in %d.%d.%d" % (line + (fixed_sublevel,))


def fixed_releases(row):
    """The fixed releases of a row, oldest first, as strings."""
    stable = ["%d.%d.%d" % (line + (sub,)) for line, sub in sorted(row["fixed_stable"].items())]
    return stable + ["%d.%d" % row["fixed_mainline"]]


# --- Symptom matchers over one replayed report (watermark_replay.replay_event's dict) -------------

def order0_atomic_above_floor_with_highatomic(replay):
    """The zones of an order-0 atomic report that passed the watermark test while holding a
    highatomic reserve (the replay kept the highatomic pages as free: ALLOC_HARDER / ALLOC_RESERVES)."""
    request = replay.get("request") or {}
    if replay.get("order") != 0 or not request.get("reserves") or replay.get("verdict") != "other_cause":
        return []
    return [z for z in replay["zones"] if z["usable"] and z["status"] == "above_floor" and z.get("highatomic_pages")]


MATCHERS = {"order0_atomic_above_floor_with_highatomic": order0_atomic_above_floor_with_highatomic}


def match_report(replay, kernel_release):
    """The bug rows that explain one replayed report on this kernel: ``[{id, title, status,
    status_detail, kernel, zones, fixed_in, fix, source, url, note, advice}]``."""
    found = []
    for row in KNOWN_BUGS:
        zones = MATCHERS[row["match"]](replay)
        if not zones:
            continue
        status, detail = release_status(kernel_release, row)
        if status not in ("affected", "possibly_affected"):
            continue
        found.append({
            "id": row["id"], "title": row["title"], "status": status, "status_detail": detail,
            "kernel": kernel_release, "fixed_in": fixed_releases(row), "fix": row["fix"],
            "source": row["source"], "url": row["url"], "note": row["note"], "advice": row["advice"],
            "function": "%s %s" % (row["file"], row["function"]),
            "zones": [{"node": z["node"], "zone": z["zone"], "usable_free_pages": z["usable_free_pages"],
                       "threshold_pages": z["threshold_pages"], "highatomic_pages": z["highatomic_pages"]}
                      for z in zones],
        })
    return found
