"""
Event timeline - which boot of the host each failure report belongs to
======================================================================

A kernel log spans boots: /var/log/messages and its rotations keep weeks of
them, a journal export may hold several, a kdump ``vmcore-dmesg.txt`` is the
boot that crashed.  Each failure event is placed on the host's timeline:

* **log families**: the files of one log and its rotations (``messages``,
  ``messages-20240101``, ``messages.1.gz``) form one sequence, oldest first
  (:func:`rotation_key`: a numbered rotation is older the higher its number, a
  dated one older the earlier its date, the live file is the newest);
* **boot boundaries** in that sequence: a ``Linux version`` banner or a
  journal ``-- Boot``/``-- Reboot --`` separator
  (:func:`pagealloc.kernlog.log_survey.boot_markers`), or the uptime stamp
  going backwards between two reports with no marker between them (the
  printk clock restarts at 0 on every boot; a drop of more than
  ``UPTIME_DROP_S`` is never jitter);
* **boots_after**: how many boots the log shows after the event's one; 0 is
  the newest boot the log knows;
* **current**: True when the event is in the running boot: the newest boot of
  ``dmesg`` or of a journal export of this boot (``--boot``), or the newest
  boot of a syslog family whose banner names the running kernel; False when a
  later boot follows or the source is a crashed boot (vmcore-dmesg); None
  when the log cannot say (no banner in a syslog file);
* **kernel**: the task line's release (the event's ``kernel``), else that of
  the banner that started its boot.

Wall-clock gaps alone do not separate boots here (a quiet host logs nothing
for days); they are not used.

Examples:
    >>> from pagealloc.kernlog.event import FailureEvent
    >>> old = FailureEvent("page-allocation-failure", source="/var/log/messages-20240101", line=40,
    ...                    timestamp=7873.8, kernel="2.6.32-5-686")
    >>> new = FailureEvent("page-allocation-failure", source="/var/log/messages", line=12, timestamp=90.1)
    >>> markers = {"/var/log/messages": [{"line": 3, "kind": "banner", "release": "6.1.0-13-amd64",
    ...                                   "timestamp": 0.0, "wallclock": "Jan  2 08:00:00", "host": "web1"}]}
    >>> placed = place_events([old, new], markers, running_kernel="6.1.0-13-amd64")
    >>> [(p["boots_after"], p["current"], p["kernel"], p["kernel_from"]) for p in placed]
    [(1, False, '2.6.32-5-686', 'task line'), (0, True, '6.1.0-13-amd64', 'boot banner')]
"""

import os
import re

UPTIME_DROP_S = 1.0
_NUMBERED = re.compile(r"^(?P<base>.+?)\.(?P<n>\d{1,4})(?:\.(?:gz|xz|bz2|zst))?$")
_DATED = re.compile(r"^(?P<base>.+?)-(?P<date>\d{8,10})(?:\.(?:gz|xz|bz2|zst))?$")
_COMPRESSED = re.compile(r"\.(?:gz|xz|bz2|zst)$")
# Journal exports of the running boot only (sos's journalctl --boot / --this-boot captures).
_THIS_BOOT_JOURNAL = re.compile(r"--boot|--this-boot|_-b\b")


def source_family(source):
    """The log a file belongs to, its rotations included: "dmesg", "vmcore-dmesg", "journal",
    "journal-this-boot", or the rotation base name ("messages", "kern.log", "syslog").

    >>> [source_family(s) for s in ("/var/log/messages-20240101", "/var/log/kern.log.2.gz",
    ...  "/sos_commands/kernel/dmesg", "/var/crash/127.0.0.1-2024/vmcore-dmesg.txt",
    ...  "/sos_commands/logs/journalctl_--no-pager_--catalog_--boot")]
    ['messages', 'kern.log', 'dmesg', 'vmcore-dmesg', 'journal-this-boot']
    """
    text = source or ""
    name = os.path.basename(text)
    if "vmcore-dmesg" in name:
        return "vmcore-dmesg"
    if "journalctl" in text or name.startswith("journal"):
        return "journal-this-boot" if _THIS_BOOT_JOURNAL.search(text) else "journal"
    if "dmesg" in name:
        return "dmesg"  # dmesg.old included: rotation_key puts it first
    for pattern in (_NUMBERED, _DATED):
        match = pattern.match(name)
        if match:
            return match.group("base")
    return _COMPRESSED.sub("", name) or text


def rotation_key(source):
    """Sort key, oldest first, of one file among its rotations (logrotate's numbered
    ``.N``: higher is older; ``dateext`` ``-YYYYMMDD``: earlier is older; the live file last).

    >>> sorted(["messages", "messages.1", "messages.3.gz", "messages.2"], key=rotation_key)
    ['messages.3.gz', 'messages.2', 'messages.1', 'messages']
    >>> sorted(["messages", "messages-20240108", "messages-20240101"], key=rotation_key)
    ['messages-20240101', 'messages-20240108', 'messages']
    >>> sorted(["/var/log/dmesg", "/var/log/dmesg.old"], key=rotation_key)
    ['/var/log/dmesg.old', '/var/log/dmesg']
    """
    name = os.path.basename(source or "")
    if name.endswith(".old"):  # RHEL's /var/log/dmesg.old: the boot before
        return (-1, 0)
    match = _NUMBERED.match(name)
    if match:
        return (1, -int(match.group("n")))
    match = _DATED.match(name)
    if match:
        return (0, int(match.group("date")))
    return (2, 0)


def _sequence(family_sources, events, markers):
    """Items of one family in log order: ("marker", marker) and ("event", index)."""
    items = []
    for rank, source in enumerate(family_sources):
        for marker in markers.get(source) or []:
            items.append(((rank, marker["line"] or 0, 0), "marker", marker))
        for index, event in events:
            if event.source == source:
                items.append(((rank, event.line or 0, 1), "event", index))
    return [(kind, value) for _, kind, value in sorted(items, key=lambda item: item[0])]


def _boots(items, all_events):
    """{event index: (boot number, starting marker or None)} and the newest boot number."""
    boot, start, last_uptime = 0, None, None
    placed = {}
    for kind, value in items:
        if kind == "marker":
            boot, start = boot + 1, value
            last_uptime = value.get("timestamp")
            continue
        stamp = all_events[value].timestamp
        if stamp is not None and last_uptime is not None and stamp < last_uptime - UPTIME_DROP_S:
            boot, start = boot + 1, None  # the printk clock restarted: a boot without its banner in the log
        if stamp is not None:
            last_uptime = stamp
        placed[value] = (boot, start)
    return placed, boot


def _current(family, boots_after, start, running_kernel):
    if family == "vmcore-dmesg" or boots_after > 0:
        return False
    if family in ("dmesg", "journal-this-boot"):
        return True
    if start is not None and start.get("release") and running_kernel:
        return start["release"] == running_kernel
    return None


def place_events(events, markers=None, running_kernel=None):
    """One placement dict per event (same order): ``family``, ``boots_after``, ``current``,
    ``boot_started`` (the marker's line/kind/release/wallclock, or None), ``kernel``, ``kernel_from``."""
    markers = markers or {}
    families = {}
    for index, event in enumerate(events):
        families.setdefault(source_family(event.source), []).append((index, event))
    placements = [None] * len(events)
    for family, members in families.items():
        sources = sorted({e.source for _, e in members} | {s for s in markers if source_family(s) == family},
                         key=lambda s: (rotation_key(s), s or ""))
        placed, newest = _boots(_sequence(sources, members, markers), events)
        for index, event in members:
            boot, start = placed[index]
            kernel, kernel_from = event.kernel, "task line" if event.kernel else None
            if kernel is None and start is not None and start.get("release"):
                kernel, kernel_from = start["release"], "boot banner"
            boots_after = newest - boot
            placements[index] = {
                "family": family,
                "boots_after": boots_after,
                "current": _current(family, boots_after, start, running_kernel),
                "boot_started": None if start is None else {k: start.get(k) for k in
                                                            ("line", "kind", "release", "wallclock")},
                "kernel": kernel,
                "kernel_from": kernel_from,
            }
    return placements
