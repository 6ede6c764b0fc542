"""
What an input is: the packing of a file (by its magic bytes, not its name)
and the kind of tree inside a directory (by insights-core's own markers).
"""

import bz2
import collections
import errno
import gzip
import lzma
import os
import re
import stat
import zlib
from contextlib import contextmanager

from pagealloc.kernlog.text_encoding import decoded_head

# (magic bytes, offset, packing) - from the format specifications:
# xz: "\xfd7zXZ\0" (xz-file-format 2.2), gzip: 1f 8b (RFC 1952), bzip2: "BZh",
# zip: local header "PK\3\4" or empty archive end record "PK\5\6" (APPNOTE 4.3),
# POSIX tar: "ustar" at offset 257 (old v7 tars without it are not supported).
MAGIC = (
    (b"\xfd7zXZ\x00", 0, "tar.xz"),
    (b"\x1f\x8b", 0, "tar.gz"),
    (b"BZh", 0, "tar.bz2"),
    (b"PK\x03\x04", 0, "zip"),
    (b"PK\x05\x06", 0, "zip"),
    (b"ustar", 257, "tar"),
)
ARCHIVE_PACKINGS = {packing for _, _, packing in MAGIC}
STREAM_OPENERS = {"tar.gz": gzip.open, "tar.xz": lzma.open, "tar.bz2": bz2.open}

# Files that ticket tools put next to an archive and that do not change
# which single input a directory holds.
COMPANION_SUFFIXES = (".md5", ".sha256", ".sha1", ".asc", ".sig", ".txt.md5")

# Context markers, as insights-core's ExecutionContext subclasses declare them
# (insights/core/context.py): the directory or file that identifies the root.
SOS_MARKER = "sos_commands"
INSIGHTS_LEGACY_MARKER = "insights_commands"
INSIGHTS_CORE_MARKER = "insights_archive.txt"

SAMPLE_BYTES = 64 * 1024
# Bytes that never occur in text logs; rsyslog/journal exports may still carry
# a few (escaped terminal output, a stray NUL), so only a high share counts.
BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
BINARY_SHARE = 0.30

SYSLOG_LINE = re.compile(rb"^(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d |\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)", re.M)


class NotRegularFile(OSError):
    """A user-named file that is not (or no longer) a regular file: a FIFO, a device, a socket."""


#: where the kernel's pseudo-files live: they say "regular file", yet /proc/kmsg blocks until the
#: kernel prints more and takes each message from whoever else reads it (a syslog daemon)
PSEUDO_FILESYSTEMS = ("/proc", "/sys")
PSEUDO_FILE = ("a kernel pseudo-file (/proc, /sys), never read as an input: run 'pagealloc triage' "
               "without PATH to analyse this host")


def is_pseudo_file(info):
    """True when ``info`` (an ``os.stat_result``) is a file of procfs or sysfs."""
    for top in PSEUDO_FILESYSTEMS:
        try:
            if os.stat(top).st_dev == info.st_dev:
                return True
        except OSError:
            continue
    return False


#: what a user-named path is when it is not a regular file, in the words of every refusal
NOT_REGULAR = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a character device",
               stat.S_IFBLK: "a block device", stat.S_IFSOCK: "a socket", stat.S_IFLNK: "a symbolic link"}


class ReplacedAfterListing(NotRegularFile):
    """A fleet source that is no longer the entry its folder listed (swapped for a link or another file)."""


#: what a folder's listing saw of an entry: its file's identity, and whether it was reached through a
#: link of the folder (then the link is followed again, to that same file); else it is opened without
#: following any link
Listed = collections.namedtuple("Listed", "dev ino through_link")


def listed_as(path):
    """The :class:`Listed` of the folder entry ``path`` as it is now (OSError when it is gone)."""
    through_link = os.path.islink(path)
    info = os.stat(path) if through_link else os.lstat(path)
    return Listed(info.st_dev, info.st_ino, through_link)


def open_regular(path, listed=None, directory_too=False):
    """``(descriptor, os.stat_result)`` of the user-named ``path``, opened once, read-only, never waited on.

    ``O_NONBLOCK``: a FIFO opens at once; ``fstat`` then refuses anything but a regular file (and, with
    ``directory_too``, a folder) with :class:`NotRegularFile` naming what it is ("a FIFO, never read"),
    and a kernel pseudo-file (:data:`PSEUDO_FILE`).  ``listed`` (a :class:`Listed`, taken when a folder
    was listed): the path is opened without following a link (``O_NOFOLLOW``) unless the listing
    followed one, and must be that same file, else :class:`ReplacedAfterListing`.  Every reader of a user-named file (``parse-log``,
    :func:`pinned`) opens it here, so they refuse the same things in the same words.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | (os.O_NOFOLLOW if listed is not None and not listed.through_link else 0))
    except OSError as exc:
        if listed is not None and exc.errno == errno.ELOOP:
            raise ReplacedAfterListing("replaced by a symbolic link since it was listed or checked: not followed") from None
        if exc.errno == errno.ENXIO and _is_socket(path):  # open() of a socket fails: name it all the same
            raise NotRegularFile("a socket, never read") from None
        raise
    try:
        info = os.fstat(fd)
        if listed is not None and (info.st_dev, info.st_ino) != (listed.dev, listed.ino):
            raise ReplacedAfterListing("replaced by another file since it was listed or checked: not analysed")
        if not (stat.S_ISREG(info.st_mode) or (directory_too and stat.S_ISDIR(info.st_mode))):
            raise NotRegularFile("%s, never read" % NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "not a regular file"))
        if is_pseudo_file(info):  # /proc/kmsg blocks, and takes the messages from a syslog daemon
            raise NotRegularFile(PSEUDO_FILE)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def _is_socket(path):
    try:
        return stat.S_ISSOCK(os.stat(path).st_mode)
    except OSError:
        return False


# user-named path -> the /proc/self/fd/N of the descriptor it was opened and checked through
_pinned = {}


@contextmanager
def pinned(path, listed=None, directory_too=False):
    """Open the user-named file ``path`` once and, within the block, read it only through that descriptor.

    The file is opened by :func:`open_regular` (without waiting: a FIFO opens at once; anything but a
    regular file raises :class:`NotRegularFile`; ``listed``: it must be the entry a folder listed).
    Every later open of ``path`` by pagealloc (sniffing, the head, the read-ahead thread, the unpacking:
    :func:`readable`) goes through ``/proc/self/fd/N``, the same file, so a file swapped for a FIFO
    between two opens cannot block the analysis and a file swapped for another is not read.
    Re-entrant: an inner block for the same path uses the outer descriptor.  Without /proc, reads go
    by the path as before.  ``directory_too``: a folder is pinned too (a fleet source), and copied
    through its descriptor.
    """
    key = os.path.abspath(path)
    if key in _pinned:
        yield _pinned[key]
        return
    fd, _info = open_regular(path, listed, directory_too)
    try:
        through = "/proc/self/fd/%d" % fd
        _pinned[key] = through if os.path.exists(through) else path
        try:
            yield _pinned[key]
        finally:
            del _pinned[key]
    finally:
        os.close(fd)


def readable(path):
    """The name to open ``path`` by: its pinned descriptor inside a :func:`pinned` block, else ``path``."""
    return _pinned.get(os.path.abspath(path), path) if _pinned else path


def read_head(path, opener=open):
    with opener(readable(path), "rb") as stream:
        return stream.read(SAMPLE_BYTES)


def sniff_packing(path):
    """"tar.xz", "tar.gz", "tar.bz2", "zip", "tar", "empty", "text" or "binary"."""
    return packing_of(read_head(path))


def packing_of(head):
    if not head:
        return "empty"
    for magic, offset, packing in MAGIC:
        if head[offset:offset + len(magic)] == magic:
            return packing
    # A UTF-16 log is text once decoded; a run of NULs is a log cut by a crash (the file system kept the
    # blocks, not their bytes), which every log reader drops: what is left decides.  Binary stays binary.
    text = decoded_head(head).replace(b"\x00", b"")
    if not text or binary_share(text) > BINARY_SHARE:
        return "binary"
    return "text"


def compressed_log_head(path, packing):
    """The first bytes of a gzip/xz/bzip2 file that holds a text log rather than a tar, else None.

    Rotated logs come compressed (``messages-20240101.gz``): same magic as a
    compressed tar, but no tar header inside.
    """
    opener = STREAM_OPENERS.get(packing)
    if opener is None:
        return None
    try:
        head = read_head(path, opener)
    except (OSError, EOFError, lzma.LZMAError, zlib.error):
        return None  # corrupt: the tar reader reports it
    return head if packing_of(head) == "text" else None


def binary_share(sample):
    """Share of control bytes and of bytes in invalid UTF-8 sequences (a log: ~0, a PNG/ELF: > 0.3)."""
    invalid = sample.decode("utf-8", "replace").count("\ufffd")
    return (len(BINARY_BYTES.findall(sample)) + invalid) / len(sample)


def looks_like_syslog(head):
    """True when a log's first lines carry a syslog/journal time prefix (messages, journal export)."""
    lines = [line for line in decoded_head(head).splitlines()[:50] if line.strip()]
    if not lines:
        return False
    prefixed = sum(1 for line in lines if SYSLOG_LINE.match(line))
    return prefixed * 2 >= len(lines)


def marker_roots(top, max_depth=3):
    """{"sos"|"insights"|"serialized": [root, ...]} of the trees found under ``top``.

    Walks at most ``max_depth`` levels (sosreports put the marker one level
    down; one more level covers a ticket tool's folder) and never follows symlinks.
    """
    found = {"sos": [], "insights": [], "serialized": []}
    top_depth = top.rstrip(os.sep).count(os.sep)
    for dirpath, dirnames, filenames in os.walk(top):
        if dirpath.count(os.sep) - top_depth >= max_depth:
            dirnames[:] = []
        if INSIGHTS_CORE_MARKER in filenames:
            # a core collection keeps the collected tree (insights_commands/,
            # sos_commands/ ...) under data/: that is its content, not another report
            found["serialized"].append(dirpath)
            dirnames[:] = []
            continue
        if SOS_MARKER in dirnames:
            found["sos"].append(dirpath)
        if INSIGHTS_LEGACY_MARKER in dirnames:
            found["insights"].append(dirpath)
        # an archive's own tree is not searched for further archives' markers
        dirnames[:] = [d for d in dirnames if d not in (SOS_MARKER, INSIGHTS_LEGACY_MARKER)]
    return found


def is_regular_file(path):
    """True for a regular file itself (lstat: a symlink to one is not)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def single_entry(directory):
    """The one meaningful entry of ``directory``, else None.

    Checksum and signature files beside an archive do not count, but only
    when they are regular files: a directory or link named ``*.md5`` is an
    entry like any other and cannot hide behind the suffix.
    """
    entries = [e for e in os.listdir(directory)
               if not (e.endswith(COMPANION_SUFFIXES) and is_regular_file(os.path.join(directory, e)))]
    return os.path.join(directory, entries[0]) if len(entries) == 1 else None
