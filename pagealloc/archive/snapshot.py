"""
A directory input, copied into the work area before anything reads it.

A directory can hold what no archive entry may: a FIFO (reading it blocks
forever), a device node (``/dev/zero`` reads without end), a socket, a link
to anywhere on the analyst's machine, a file of any size.  Read in place,
insights-core's specs would open whatever sits at the paths they read.  So a
directory is copied the way an archive is extracted
(:mod:`pagealloc.archive.extract`), under the same
:class:`~pagealloc.archive.limits.ExtractionLimits`:

* every folder is opened once without following links and what it holds is
  opened relative to it, so a folder swapped for a link while the copy runs
  leads nowhere outside;
* regular files are copied (opened with ``O_NOFOLLOW | O_NONBLOCK`` and
  checked again with ``fstat``, so a file swapped for a FIFO meanwhile is
  not waited on), each counted against the per-file and total limits;
* a symlink is kept (as a link inside the copy) when it resolves to a
  regular file or folder inside the directory; one that leads out of the
  directory, dangles or loops is skipped;
* FIFOs, sockets, device nodes, unreadable entries and folders nested more
  than :data:`MAX_DEPTH` levels deep are skipped.

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

MAX_DEPTH = 256  # no spec reads more than a few levels down; one open descriptor per level
SPECIAL_KINDS = {stat.S_IFIFO: "fifo", stat.S_IFSOCK: "socket", stat.S_IFCHR: "character device",
                 stat.S_IFBLK: "block device"}
# the note's wording per reason
REASONS = {kind: "%s (not a regular file, never read)" % kind for kind in SPECIAL_KINDS.values()}
REASONS.update({"outside": "symlink out of the directory (not followed)",
                "dangling": "symlink to nothing readable (dangling, a loop or a special file)",
                "unreadable": "unreadable entry",
                "deep": "folder nested more than %d levels deep" % MAX_DEPTH})
NAMES_PER_NOTE = 3


def copy_directory(top, dest, budget, skipped_paths=None):
    """Copy directory ``top`` to ``dest`` (created) under ``budget``; return the notes on what was skipped
    (``skipped_paths``, a list, also receives every skipped path, relative to ``top``).

    Every folder is opened once, without following a link (``O_NOFOLLOW``, and
    the same inode as listed), and what it holds is opened relative to that
    descriptor: a folder renamed and replaced by a link to ``/etc`` while the
    copy runs cannot lead it out of the input.  The walk keeps one descriptor
    per level (a stack, not recursion): a folder nested deeper than
    :data:`MAX_DEPTH` levels is skipped and named.
    """
    top_real = os.path.realpath(top)
    skipped = {}
    links = []  # made once every file is copied: their targets must exist first

    def skip(reason, relative):
        skipped.setdefault(reason, []).append(relative)
        if skipped_paths is not None:
            skipped_paths.append(relative)

    os.makedirs(dest, mode=0o700)
    stack = [[open_folder(top), ".", None]]  # top itself (/proc/self/fd/N when pinned): the folder, not its name now  # [descriptor, relative path, names left]
    try:
        while stack:
            level = stack[-1]
            if level[2] is None:
                try:
                    level[2] = iter(sorted(os.listdir(level[0])))
                except OSError:  # a folder that could not be listed
                    level[2] = iter(())
                    skip("unreadable", level[1])
            name = next(level[2], None)
            if name is None:
                os.close(stack.pop()[0])
                continue
            folder_fd, relative = level[0], os.path.normpath(os.path.join(level[1], name))
            target = os.path.join(dest, relative)
            budget.add_entry()
            try:
                info = os.stat(name, dir_fd=folder_fd, follow_symlinks=False)
            except OSError:
                skip("unreadable", relative)
                continue
            if stat.S_ISDIR(info.st_mode):
                if len(stack) > MAX_DEPTH:
                    skip("deep", relative)
                    continue
                try:
                    inner = open_folder(name, folder_fd, info)
                except OSError:  # unreadable, or swapped for a link or a file since the stat
                    skip("unreadable", relative)
                    continue
                stack.append([inner, relative, None])
                os.makedirs(target, mode=0o700, exist_ok=True)
            elif stat.S_ISLNK(info.st_mode):
                links.append((os.path.join(top_real, relative), target, relative))
            elif stat.S_ISREG(info.st_mode):
                if not copy_regular(folder_fd, name, target, budget, relative):
                    skip("unreadable", relative)
            else:
                skip(SPECIAL_KINDS.get(stat.S_IFMT(info.st_mode), "unreadable"), relative)
    finally:
        for level in stack:
            os.close(level[0])
    for source, target, relative in links:
        reason = link_inside(source, target, top_real, dest)
        if reason:
            skip(reason, relative)
    return [note(reason, names) for reason, names in sorted(skipped.items(), key=lambda item: REASONS[item[0]])]


def open_folder(name, parent_fd=None, listed=None):
    """A descriptor of folder ``name`` (relative to ``parent_fd``), never through a link; OSError
    when it cannot be opened or is no longer the folder ``listed`` (an ``os.stat_result``)."""
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(name, flags | (os.O_NOFOLLOW if parent_fd is not None else 0), dir_fd=parent_fd)
    if listed is not None and not os.path.samestat(listed, os.fstat(fd)):
        os.close(fd)
        raise OSError(errno.ESTALE, "replaced while being copied", name)
    return fd


def copy_regular(folder_fd, name, target, budget, relative):
    """Copy regular file ``name`` of the open folder ``folder_fd``; False when it cannot be opened
    or read, or is no longer a regular file.

    A read error (EIO on a damaged disk, EAGAIN from a kernel file such as
    /proc/kmsg) skips the file; the work area's own trouble (a full disk)
    and the limits still end the analysis.
    """
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0),
                     dir_fd=folder_fd)
    except OSError:
        return False
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # swapped after the lstat
            return False
        # larger than the limit already (a sparse 3 GB log): refused before 2 GB of zeros are copied
        budget.add_bytes(0, info.st_size, relative)
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
