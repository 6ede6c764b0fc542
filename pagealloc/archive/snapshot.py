"""
A directory input, copied into the work area before anything reads it.

A directory can hold what no archive entry may: a FIFO (reading it blocks
forever), a device node (``/dev/zero`` reads without end), a socket, a link
to anywhere on the analyst's machine, a file of any size.  Read in place,
insights-core's specs would open whatever sits at the paths they read.  So a
directory is copied the way an archive is extracted
(:mod:`pagealloc.archive.extract`), under the same
:class:`~pagealloc.archive.limits.ExtractionLimits`:

* regular files are copied (opened with ``O_NOFOLLOW | O_NONBLOCK`` and
  checked again with ``fstat``, so a file swapped for a FIFO meanwhile is
  not waited on), each counted against the per-file and total limits;
* a symlink is kept (as a link inside the copy) when it resolves to a
  regular file or folder inside the directory; one that leads out of the
  directory, dangles or loops is skipped;
* FIFOs, sockets, device nodes and unreadable entries are skipped.

Everything skipped is named in the result's notes, at most a few names per
reason.  The user's directory is only read.

Examples:
    >>> import os, tempfile
    >>> from pagealloc.archive.extract import Budget
    >>> from pagealloc.archive.limits import ExtractionLimits
    >>> top, dest = tempfile.mkdtemp(), os.path.join(tempfile.mkdtemp(), "copy")
    >>> os.makedirs(os.path.join(top, "var/log"))
    >>> _ = open(os.path.join(top, "var/log/messages"), "w").write("x\\n")
    >>> os.mkfifo(os.path.join(top, "var/log/pipe"))
    >>> os.symlink("/etc/passwd", os.path.join(top, "var/log/passwd"))
    >>> os.symlink("messages", os.path.join(top, "var/log/current"))
    >>> notes = copy_directory(top, dest, Budget(ExtractionLimits(), 1, top))
    >>> sorted(os.listdir(os.path.join(dest, "var/log")))
    ['current', 'messages']
    >>> for note in notes: print(note)
    skipped 1 fifo (not a regular file, never read): var/log/pipe
    skipped 1 symlink out of the directory (not followed): var/log/passwd
"""

import errno
import os
import stat

from pagealloc.archive.extract import WORK_AREA_ERRNOS, copy_stream, display_name

SPECIAL_KINDS = {stat.S_IFIFO: "fifo", stat.S_IFSOCK: "socket", stat.S_IFCHR: "character device",
                 stat.S_IFBLK: "block device"}
# the note's wording per reason
REASONS = {kind: "%s (not a regular file, never read)" % kind for kind in SPECIAL_KINDS.values()}
REASONS.update({"outside": "symlink out of the directory (not followed)",
                "dangling": "symlink to nothing readable (dangling, a loop or a special file)",
                "unreadable": "unreadable entry"})
NAMES_PER_NOTE = 3


def copy_directory(top, dest, budget):
    """Copy directory ``top`` to ``dest`` (created) under ``budget``; return the notes on what was skipped."""
    top_real = os.path.realpath(top)
    skipped = {}
    links = []  # made once every file is copied: their targets must exist first

    def skip(reason, relative):
        skipped.setdefault(reason, []).append(relative)

    os.makedirs(dest, mode=0o700)
    walk_errors = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=walk_errors.append):
        relative_dir = os.path.relpath(dirpath, top)
        for name in sorted(dirnames + filenames):
            relative = os.path.normpath(os.path.join(relative_dir, name))
            source, target = os.path.join(dirpath, name), os.path.join(dest, relative)
            budget.add_entry()
            try:
                info = os.lstat(source)
            except OSError:
                skip("unreadable", relative)
                continue
            if stat.S_ISDIR(info.st_mode):
                os.makedirs(target, mode=0o700, exist_ok=True)
            elif stat.S_ISLNK(info.st_mode):
                links.append((source, target, relative))
            elif stat.S_ISREG(info.st_mode):
                if not copy_regular(source, target, budget, relative):
                    skip("unreadable", relative)
            else:
                skip(SPECIAL_KINDS.get(stat.S_IFMT(info.st_mode), "unreadable"), relative)
    for error in walk_errors:  # a folder that could not be listed
        skip("unreadable", os.path.relpath(getattr(error, "filename", None) or top, top))
    for source, target, relative in links:
        reason = link_inside(source, target, top_real, dest)
        if reason:
            skip(reason, relative)
    return [note(reason, names) for reason, names in sorted(skipped.items(), key=lambda item: REASONS[item[0]])]


def copy_regular(source, target, budget, relative):
    """Copy one regular file; False when it cannot be opened or read, or is no longer a regular file.

    A read error (EIO on a damaged disk, EAGAIN from a kernel file such as
    /proc/kmsg) skips the file; the work area's own trouble (a full disk)
    and the limits still end the analysis.
    """
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped after the lstat
            return False
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        try:
            copy_stream(stream, target, budget, relative)
        except OSError as exc:
            if exc.errno in WORK_AREA_ERRNOS and exc.errno != errno.EACCES:
                raise
            os.unlink(target) if os.path.lexists(target) else None
            return False
    return True


def link_inside(source, target, top_real, dest):
    """Recreate link ``source`` at ``target`` pointing into the copy; the reason when it is skipped."""
    resolved = os.path.realpath(source)
    if resolved != top_real and not resolved.startswith(top_real + os.sep):
        return "outside"
    copied = os.path.join(dest, os.path.relpath(resolved, top_real))
    try:
        kind = stat.S_IFMT(os.lstat(copied).st_mode)
    except OSError:  # dangling, a loop, or a target that was skipped itself
        return "dangling"
    if kind not in (stat.S_IFREG, stat.S_IFDIR):
        return "dangling"
    os.symlink(os.path.relpath(copied, os.path.dirname(target)), target)
    return None


def note(reason, names):
    shown = ", ".join(display_name(name) for name in names[:NAMES_PER_NOTE])
    more = " and %d more" % (len(names) - NAMES_PER_NOTE) if len(names) > NAMES_PER_NOTE else ""
    return "skipped %d %s: %s%s" % (len(names), REASONS[reason], shown, more)
