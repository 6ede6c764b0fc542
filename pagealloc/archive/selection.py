"""
Which archive members to unpack: the ones a spec can read.

A sosreport holds ~1,750 files and pagealloc's specs read about twenty of
them, so :mod:`pagealloc.archive.extract` writes only the members a
:class:`Selection` wants and streams past the rest (their bytes still pass
the decompressor and still count against the limits, at their declared
size).  The patterns come from the spec definitions themselves (see
:func:`pagealloc.evaluate.wanted_members`): ``simple_file`` paths,
``first_file`` candidates and ``glob_file`` globs, relative to the report
root, which may sit one or more folders down in the archive.

Everything else keeps the tree as insights-core and :mod:`kinds` see it:
symlinks are always created and checked as before; folders are created when
a spec may read in them or through them (:meth:`MemberFilter.needs_dir`), at
the top, or when they are a ``sos_commands``/``insights_commands`` marker
(the others exist only in :class:`~pagealloc.archive.tree.Tree`); and a file
at the top of the archive (a nested archive) is always written.  When a link a spec may
read points at a member already streamed past, or a hardlink names one, or
the archive turns out to be an insights-core collection (``insights_archive.txt``:
its meta_data decides what is read), :class:`SelectionMiss` asks for the
whole archive to be unpacked again, unselected.

Examples:
    >>> wanted = Selection(["/proc/zoneinfo", "sos_commands/networking/ethtool_-S_*"])
    >>> wanted.wants("sosreport-h-2024/proc/zoneinfo"), wanted.wants("proc/zoneinfo")
    (True, True)
    >>> wanted.wants("sosreport-h-2024/sos_commands/networking/ethtool_-S_eth0")
    True
    >>> wanted.wants("sosreport-h-2024/sos_commands/kernel/lsmod")
    False
    >>> wanted.may_hold("sosreport-h-2024/sos_commands/networking")
    True
"""

import os
import re
from fnmatch import fnmatchcase

from pagealloc.archive.kinds import INSIGHTS_CORE_MARKER, INSIGHTS_LEGACY_MARKER, SOS_MARKER

# Folders above the report root that are searched (kinds.marker_roots walks 3 levels).
MAX_ROOT_DEPTH = 3
# Identify the archive kind (sos, legacy insights-client) and its version; small.
IDENTITY_PATTERNS = ("version.txt", "sos_reports/*", "meta_data/*", "branch_info", "blacklist_report")
# Links followed when mapping a member path back to the paths specs read (a loop ends here: all wanted).
MAX_LINK_HOPS = 8
# An insights-core collection: its meta_data, not our specs, says what is read.
SERIALIZED_MARKER = INSIGHTS_CORE_MARKER
# Folders that say what kind of report a tree is (kinds.marker_roots): always created.
CONTEXT_MARKER_DIRS = (SOS_MARKER, INSIGHTS_LEGACY_MARKER)


class SelectionMiss(Exception):
    """The selection cannot be trusted for this archive: unpack all of it."""


class Selection:
    """Relative glob patterns (``/`` separated, fnmatch per component) of the members to write."""

    def __init__(self, patterns):
        patterns = tuple(patterns) + IDENTITY_PATTERNS
        self.logs = None  # LogMembers (pagealloc.archive.log_members), set by the caller
        self.patterns = tuple(tuple(p for p in pattern.split("/") if p) for pattern in patterns)
        self._wanted = patterns_regex(patterns)
        # the folders on the way: every proper prefix of every pattern
        self._holding = re.compile("(?:[^/]+/){0,%d}(?:%s)" % (MAX_ROOT_DEPTH, "|".join(sorted({
            "/".join(component_regex(part) for part in pattern[:length])
            for pattern in self.patterns for length in range(1, len(pattern))}))), re.S)

    def wants(self, rel):
        return self._wanted.fullmatch(rel) is not None

    def may_hold(self, rel):
        """True when a spec path may pass through ``rel`` (a directory link on the way)."""
        return self._holding.fullmatch(rel) is not None

    def _match(self, parts, full):
        for pattern in self.patterns:
            if (len(pattern) == len(parts) if full else len(pattern) > len(parts)) and \
                    all(fnmatchcase(part, glob) for part, glob in zip(parts, pattern)):
                return True
        return False


def patterns_regex(patterns):
    """One regex (use ``fullmatch``) for member paths the relative glob ``patterns`` match,
    below up to MAX_ROOT_DEPTH folders: fnmatch per component was a third of the time spent
    on the members streamed past."""
    split = (tuple(p for p in pattern.split("/") if p) for pattern in patterns)
    return re.compile("(?:[^/]+/){0,%d}(?:%s)" % (MAX_ROOT_DEPTH, "|".join(
        "/".join(component_regex(part) for part in pattern) for pattern in split)), re.S)


def component_regex(glob):
    """fnmatch's rules for one path component (``*`` and ``?`` never cross ``/``).

    >>> component_regex("sar[0-9]*"), component_regex("[!a]x?")
    ('sar[0-9][^/]*', '[^a]x[^/]')
    """
    out, i = [], 0
    while i < len(glob):
        char = glob[i]
        close = glob.find("]", i + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif close != -1:
            body = glob[i + 1:close]
            out.append("[%s%s]" % ("^" if body[0] == "!" else "", re.escape(body.lstrip("!")).replace("\\-", "-")))
            i = close
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


class MemberFilter:
    """One extraction's decisions: what is written, what was streamed past."""

    def __init__(self, selection):
        self.selection = selection
        self.skipped = {}  # member path -> declared size, of the files streamed past
        self.link_targets = []  # (link, target) member paths of the links a spec may read through
        self.logs = None  # LogMembers: the large kernel logs scanned instead of written
        self.streamed = set()  # member paths of the logs scanned (their files are empty stand-ins)

    def wants(self, rel, depth=0):
        if self.selection is None or "/" not in rel or depth > MAX_LINK_HOPS:  # top level: a nested archive
            return True
        if self.selection.wants(rel):
            return True
        # seen through a link (merged /usr: lib -> usr/lib), is it a path a spec reads?
        return any(self.wants(link + rel[len(target):], depth + 1)
                   for link, target in self.link_targets if rel == target or rel.startswith(target + "/"))

    def wants_file(self, rel, size):
        """True to write the regular file ``rel``; else it is recorded as streamed past."""
        if rel.rsplit("/", 1)[-1] == SERIALIZED_MARKER and self.selection is not None:
            raise SelectionMiss(rel)
        if self.wants(rel):
            return True
        self.skipped[rel] = size
        return False

    def needs_dir(self, rel):
        """True when folder ``rel`` must exist on disk: a spec may read in it or through it, or
        it is at the top or a context marker (what :mod:`pagealloc.archive.kinds` looks at)."""
        if self.selection is None or "/" not in rel:
            return True
        name = rel.rsplit("/", 1)[1]
        if name in CONTEXT_MARKER_DIRS and rel.count("/") < MAX_ROOT_DEPTH:
            return True
        return self.wants(rel) or self.holds(rel)

    def link(self, rel, target_rel):
        """A symlink ``rel`` -> ``target_rel`` (member paths): keep what a spec may read through it."""
        if self.selection is None or not (self.wants(rel) or self.holds(rel)):
            return
        self.link_targets.append((rel, target_rel))
        if any(self.wants(s) for s in self.skipped if s == target_rel or s.startswith(target_rel + "/")):
            raise SelectionMiss(rel)

    def holds(self, rel, depth=0):
        """True when a spec path may pass through ``rel``, directly or through a link."""
        if self.selection.may_hold(rel) or depth > MAX_LINK_HOPS:
            return True
        return any(self.holds(link + rel[len(target):], depth + 1)
                   for link, target in self.link_targets if rel == target or rel.startswith(target + "/"))


def member_rel(dest, path):
    """The ``/``-separated path of ``path`` inside ``dest``."""
    return os.path.relpath(path, dest).replace(os.sep, "/")
