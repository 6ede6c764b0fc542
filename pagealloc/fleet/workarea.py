"""
Fleet work areas - in memory when a tmpfs has room
==================================================

Every analysis unpacks the members it reads into a private work area and
removes it afterwards (:mod:`pagealloc.archive.workdir`).  On a disk file
system that is metadata work the disk waits for (on ext4 mounted with
``discard`` every removal is sent to the device); in a fleet it is paid per
archive.  ``fleet run`` therefore puts the work areas on a tmpfs when

* ``$TMPDIR`` (or ``$TEMP``, ``$TMP``) is not set (whoever set it chose the place),
* the default temp folder is not a tmpfs already,
* a tmpfs is at hand (``$XDG_RUNTIME_DIR``, then ``/dev/shm``), writable,
  with at least :data:`ROOM_PER_WORKER` free per worker.

A tmpfs lives in memory: the room check keeps the fleet's share of it
bounded, and an archive whose members fill it anyway is analysed again
under the default temp folder (:func:`run_in_work_root`, used by ``fleet run`` and triage).

Examples:
    >>> line = "36 25 0:32 / /dev/shm rw,nosuid,nodev shared:7 - tmpfs tmpfs rw,size=65536k"
    >>> parse_mountinfo([line, "22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw"])
    {'/dev/shm': 'tmpfs', '/': 'ext4'}
    >>> mounts = {"/": "ext4", "/dev/shm": "tmpfs", "/run/user/1000": "tmpfs"}
    >>> file_system("/dev/shm/pagealloc", mounts), file_system("/tmp", mounts)
    ('tmpfs', 'ext4')
"""

import errno
import os
import re
import tempfile

from pagealloc.errors import InputError

#: free tmpfs space a worker needs before the work areas go there: the
#: members triage reads of a large sosreport (a 250 MB messages file) twice over
ROOM_PER_WORKER = 512 << 20
CANDIDATES = ("XDG_RUNTIME_DIR", "/dev/shm")


def _unescape(field):
    """Mount points in mountinfo escape space, tab, newline and backslash as octal (``\\040``)."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), field)


def parse_mountinfo(lines):
    """{mount point: file system type} of /proc/self/mountinfo lines (later mounts win)."""
    mounts = {}
    for line in lines:
        head, sep, tail = line.partition(" - ")
        fields = head.split()
        if sep and len(fields) >= 5 and tail.split():
            mounts[_unescape(fields[4])] = tail.split()[0]
    return mounts


def read_mounts(path="/proc/self/mountinfo"):
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return parse_mountinfo(handle)
    except OSError:
        return {}


def file_system(path, mounts):
    """The file system type of ``path``: that of the longest mount point above it."""
    real = os.path.realpath(path)
    best = max((point for point in mounts if real == point or real.startswith(point.rstrip("/") + "/")),
               key=len, default=None)
    return mounts.get(best)


def free_bytes(path):
    try:
        stat = os.statvfs(path)
    except OSError:
        return 0
    return stat.f_bavail * stat.f_frsize


def fast_work_root(workers, environ=os.environ, mounts=None):
    """A tmpfs folder for the work areas of ``workers`` analyses at once, or None (the default temp folder)."""
    if any(environ.get(name) for name in ("TMPDIR", "TEMP", "TMP")):  # tempfile's own order
        return None
    mounts = read_mounts() if mounts is None else mounts
    if file_system(tempfile.gettempdir(), mounts) == "tmpfs":
        return None
    for candidate in CANDIDATES:
        folder = environ.get(candidate) if candidate.isupper() else candidate
        if (folder and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK)
                and file_system(folder, mounts) == "tmpfs"
                and free_bytes(folder) >= max(1, workers) * ROOM_PER_WORKER):
            return folder
    return None


def filled_up(exc):
    """True when ``exc`` (or what caused it) is a write to a full file system."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def run_in_work_root(root, analyse):
    """``analyse()`` with its work areas under ``root`` (when given); run again under the default
    temp folder when ``root`` fills up (a tmpfs is memory: its room check is only an estimate).
    ``root`` may be a pair ``(first, fallback)``: the second folder then stands for the default one
    (``fleet run`` keeps both inside folders of its own)."""
    first, fallback = root if isinstance(root, tuple) else (root, None)
    if first:
        try:
            return _under(first, analyse)
        except (InputError, OSError) as exc:
            if not filled_up(exc):
                raise
    return _under(fallback, analyse) if fallback else analyse()


def _under(folder, analyse):
    saved = tempfile.tempdir
    tempfile.tempdir = folder
    try:
        return analyse()
    finally:
        tempfile.tempdir = saved
