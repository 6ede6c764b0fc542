"""
Event match - is this failure report the system in front of us?
================================================================

The first thing to ask of a failure report: did it happen on this host, in
the state that was analysed?  A ticket's logs can hold other machines'
reports (a pasted dmesg, a colleague's messages file), /var/log/messages
spans kernel updates, reboots and tuning changes.  Each report shows the
state it ran in (:func:`report_state`):

* its syslog **host** (the prefix of a syslog line);
* its **kernel** release (task line, or the banner of its boot:
  :mod:`pagealloc.knowledge.event_timeline`);
* the **reserve** at failure time (sum of the lowmem zones' min marks less
  boost) and **MemTotal** (sum of the zones' sizes):
  :mod:`pagealloc.knowledge.report_reserve`.

:func:`compare` sets it against the analysed state (``uname -r``, host name,
/proc/meminfo MemTotal, ``vm.min_free_kbytes`` running and persisted) and
gives ``matches_host`` (True / False / None when nothing could be compared)
with the reasons:

===================== ==================================================================
reason                meaning
===================== ==================================================================
other_host            the syslog host is not this host's name (short names compared)
other_kernel          the report's kernel release is not the running one
other_memory_size     neither the zones' managed kB (totalram_pages) nor their present kB
                      come within ``MEM_TOTAL_AGREEMENT`` of /proc/meminfo's MemTotal
                      (managed: a crashkernel reservation leaves present far above
                      MemTotal; present: a balloon or lazily initialised memory leaves
                      managed far below it)
reserve_changed_since today's running value is more than ``RESERVE_TOLERANCE`` away from
                      the reserve the report ran on (its rounding range)
older_boot            a later boot follows in the log (or a crashed boot's vmcore-dmesg)
===================== ==================================================================

and a **role** deciding how the rules use it (:func:`role`):

* ``foreign``: another host or another memory size: listed, never judged
  with this host's state (its reserve and default are another machine's);
* ``fixed_since``: this host, same memory, and the running *and* persisted
  ``vm.min_free_kbytes`` now exceed the reserve it failed with: the fix is
  in place;
* ``earlier``: an older kernel or boot, or another reserve not raised on both
  counts: it still counts, with confidence at most medium;
* ``current``: nothing says otherwise.

Examples:
    >>> state = {"host": "oldbox", "kernel": "2.6.32-5-686", "reserve_kb": [2032, 2043],
    ...          "mem_total_kb": 259648, "current_boot": None, "boots_after": 0}
    >>> host = {"hostname": "web1.example.com", "kernel_release": "6.1.0-13-amd64",
    ...         "mem_total_kb": 24683784, "min_free_kbytes": 67584, "persisted_kb": None}
    >>> match = compare(state, host)
    >>> match["matches_host"], match["reasons"], match["role"]
    (False, ['other_host', 'other_kernel', 'other_memory_size', 'reserve_changed_since'], 'foreign')
    >>> raised = dict(host, hostname="oldbox", kernel_release="2.6.32-5-686", mem_total_kb=254648,
    ...               min_free_kbytes=4096, persisted_kb=4096)
    >>> compare(state, raised)["reasons"], compare(state, raised)["role"]
    (['reserve_changed_since'], 'fixed_since')
"""

from pagealloc.knowledge import report_reserve

# Same share as the memory picture's: the zones of a report before 3.8 exceed MemTotal by the
# boot-time reserves (present pages, ~2%); more than 10% is another memory size.
MEM_TOTAL_AGREEMENT = 0.10
# A reserve within 10% of the one a report ran on is the same for the verdict: the recommendation
# policy's near_default_tolerance, the drift of managed pages after boot (2038 -> 2048 is no fix).
RESERVE_TOLERANCE = 0.10
# Syslog host names that say nothing about the machine (rsyslog logs before the host name is set).
ANONYMOUS_HOSTS = frozenset({"localhost", "localhost.localdomain", "(none)", "-"})
REASONS = ("other_host", "other_kernel", "other_memory_size", "reserve_changed_since", "older_boot")
FOREIGN_REASONS = frozenset({"other_host", "other_memory_size"})
HOST_FIGURES = ("hostname", "kernel_release", "mem_total_kb", "min_free_kbytes")
ROLES = ("current", "earlier", "fixed_since", "foreign")

REASON_WORDS = {
    "other_host": "logged by host {host}, not {this_host}",
    "other_kernel": "kernel {kernel}, not the running {this_kernel}",
    "other_memory_size": "its zones add up to {mem_total_kb} kB of memory, this host has {this_mem_total_kb} kB",
    "reserve_changed_since": "it ran with a reserve of about {reserve} kB, vm.min_free_kbytes is now {this_reserve} kB",
    "older_boot": "from an earlier boot ({boots_after} boot(s) later in the log)",
}


def short_host(name):
    """Host name compared without domain and case; None when it names no machine."""
    if not name:
        return None
    name = name.strip().lower()
    if name in ANONYMOUS_HOSTS:
        return None
    return name.split(".")[0] or None


def report_state(event, placement=None):
    """The state one report shows: ``host``, ``kernel``, ``reserve_kb`` ([low, high] or None),
    ``mem_total_kb``, ``current_boot``, ``boots_after`` (None when not placed)."""
    placement = placement or {}
    reserve = mem_total = None
    if event.zones and not event.truncated and report_reserve.zones_all_printed(event):
        current = report_reserve.current_from_report(event)
        reserve = list(current["range"]) if current else None
        total = report_reserve.mem_total_from_report(event)
        mem_total = total["value"] if total else None
        present = [z.present_kb for z in event.zones]
        present_total = sum(present) if present and None not in present else None
    else:
        present_total = None
    return {"host": event.host, "kernel": placement.get("kernel", event.kernel), "reserve_kb": reserve,
            "mem_total_kb": mem_total, "present_kb": present_total, "current_boot": placement.get("current"),
            "boots_after": placement.get("boots_after")}


def _reserve_changed(reserve, running):
    """Outside the report's rounding range by more than RESERVE_TOLERANCE (a material change)."""
    if reserve is None or running is None:
        return False
    return running < reserve[0] * (1 - RESERVE_TOLERANCE) or running > reserve[1] * (1 + RESERVE_TOLERANCE)


def compare(state, host):
    """``{matches_host, reasons, role, compared}`` of one report's ``state`` against the
    analysed ``host`` (``hostname``, ``kernel_release``, ``mem_total_kb``, ``min_free_kbytes``
    running, ``persisted_kb``; None where unknown)."""
    reasons, compared = [], []
    this_host, host_name = short_host(host.get("hostname")), short_host(state.get("host"))
    if this_host and host_name:
        compared.append("host")
        if this_host != host_name:
            reasons.append("other_host")
    if host.get("kernel_release") and state.get("kernel"):
        compared.append("kernel")
        if state["kernel"] != host["kernel_release"]:
            reasons.append("other_kernel")
    views = [v for v in (state.get("mem_total_kb"), state.get("present_kb")) if v]
    if host.get("mem_total_kb") and views:
        compared.append("memory")
        if not any(abs(v - host["mem_total_kb"]) <= host["mem_total_kb"] * MEM_TOTAL_AGREEMENT for v in views):
            reasons.append("other_memory_size")
    running = host.get("min_free_kbytes")
    if state.get("reserve_kb") and running is not None:
        compared.append("reserve")
        if _reserve_changed(state["reserve_kb"], running):
            reasons.append("reserve_changed_since")
    # The boot says something about "this host" only when there is a host state to compare with.
    if state.get("current_boot") is not None and any(host.get(k) is not None for k in HOST_FIGURES):
        compared.append("boot")
        if state["current_boot"] is False:
            reasons.append("older_boot")
    matches = (not reasons) if compared else None
    return {"matches_host": matches, "reasons": reasons, "role": role(reasons, state, host),
            "compared": compared}


def role(reasons, state, host):
    """How the verdict uses the report (module docstring)."""
    if FOREIGN_REASONS.intersection(reasons):
        return "foreign"
    if "reserve_changed_since" in reasons and raised_since(state, host):
        return "fixed_since"
    if reasons:
        return "earlier"
    return "current"


def raised_since(state, host):
    """True when the running and the persisted value both exceed the reserve the report ran on."""
    reserve = state.get("reserve_kb")
    running, persisted = host.get("min_free_kbytes"), host.get("persisted_kb")
    if reserve is None or running is None or persisted is None:
        return False
    top = reserve[1] * (1 + RESERVE_TOLERANCE)
    return running > top and persisted > top


def reasons_in_words(state, host, reasons):
    """The reasons as plain sentences for the text outputs."""
    values = {
        "host": state.get("host"), "this_host": host.get("hostname"),
        "kernel": state.get("kernel"), "this_kernel": host.get("kernel_release"),
        "mem_total_kb": state.get("mem_total_kb"), "this_mem_total_kb": host.get("mem_total_kb"),
        "reserve": (state.get("reserve_kb") or [None])[0], "this_reserve": host.get("min_free_kbytes"),
        "boots_after": state.get("boots_after"),
    }
    return [REASON_WORDS[r].format(**values) for r in reasons]
