"""
A kernel release lent to the reports of one text that printed none.

A post often quotes a header line on its own (an issue title, a line cited in
the text) besides the full report it comes from.  The lone line prints no
task line, so no release: its mask reads differently by era and stays
undecided (ALLOC_MASK_UNDECIDED) next to the decoded report of the same post.
The full report's release is the lone line's too when nothing says otherwise:

- the lone line names a host (a syslog prefix): only the reports of that
  host lend, and they must agree on one release;
- it names none: the text must name at most one host (one post of one host),
  and all its reports' releases must be one.

Two hosts, or two releases (a reboot into another kernel, a mail comparing
two machines), lend nothing: the mask stays undecided.  A release of 4.6 or
later, whose header prints the GFP names, is not lent to a line that shows
none: its mask may be cut short (pagealloc.kernlog.cut_mode).  The release is
kept apart (``FailureEvent.lent_release``, not in the JSON): the report
itself never printed it.

Examples:
    >>> from pagealloc.kernlog.event import FailureEvent
    >>> title = FailureEvent("page-allocation-failure", gfp_mask="0x204020", gfp_era="3.10|4.4-4.9")
    >>> report = FailureEvent("page-allocation-failure", kernel="3.10.0-123.el7.x86_64", gfp_mask="0x204020")
    >>> lend([title, report]); title.gfp_era, title.atomic, title.lent_release, title.kernel
    ('3.10', True, '3.10.0-123.el7.x86_64', None)
"""

from pagealloc.knowledge.gfp import decode_gfp
from pagealloc.knowledge.kernel_release import KernelRelease

NAMES_SINCE = (4, 6)  # warn_alloc() prints "mode:%#x(%pGg)" from 4.6 (see cut_mode)


def _undecided(event):
    return not event.kernel and event.gfp_mask is not None and event.gfp_era is not None and "|" in event.gfp_era


def _donor_release(event, releases, hosts):
    """The one release ``event`` may take, else None (see the module docstring)."""
    if event.host:
        found = releases.get(event.host, set())
    elif len(hosts) <= 1:
        found = set().union(*releases.values())
    else:
        return None
    return next(iter(found)) if len(found) == 1 else None


def lend(events):
    """Decode again, with the release their text's reports printed, the masks of ``events`` that printed none
    and whose era is not settled; changes those events in place."""
    releases, hosts = {}, set()
    for event in events:
        if event.host:
            hosts.add(event.host)
        if event.kernel:
            releases.setdefault(event.host, set()).add(event.kernel)
    if not releases:
        return
    for event in events:
        if not _undecided(event):
            continue
        release = _donor_release(event, releases, hosts)
        if release is None:
            continue
        version = KernelRelease.parse(release).version
        if not event.gfp_names_printed and version is not None and version[:2] >= NAMES_SINCE:
            continue  # its names would show: a line without them may be cut (cut_mode)
        names = "|".join(event.gfp_flags) if event.gfp_names_printed else None
        decoded = decode_gfp(event.gfp_mask, names, release, since=event.header_since)
        event.gfp_flags, event.gfp_era, event.atomic = decoded.flags, decoded.era, decoded.atomic
        event.lent_release = release
