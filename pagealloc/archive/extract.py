"""
Safe extraction of tar (plain, gzip, bzip2, xz) and zip archives.

Archives come from customers' broken machines and from the internet, so
every entry is checked before anything is written:

* names: no absolute paths, no ``..`` component, no NUL; no entry may pass
  through or replace a symlink extracted earlier (a later entry re-pointing a
  link could otherwise turn links checked through it into links out of the
  tree);
* types: regular files, directories, and symlinks/hardlinks whose target
  stays inside the destination; device files, fifos and sockets are refused;
* sizes (:class:`~pagealloc.archive.limits.ExtractionLimits`): entry count,
  per-file size, total size and compression ratio, counted on the bytes
  actually written, so a lying header cannot get past them.

With a :class:`~pagealloc.archive.selection.Selection`, only the files a
spec can read are written; the others pass every check above and count
against the limits at their declared size, but their bytes are only
streamed past (tar) or never decompressed (zip).

Once every entry is written, :func:`check_finished_tree` resolves every
symlink of the tree again: nothing is read from a tree that holds a link out
of it.

tar entries additionally go through Python's own ``tarfile.data_filter``
where it exists (PEP 706: 3.12, backported to 3.8.17/3.9.17/3.10.12/3.11.4).  Any violation, and any corrupt or truncated archive, raises
:class:`~pagealloc.errors.InputError` with a one-line reason.
"""

import errno
import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from contextlib import contextmanager

from pagealloc.archive.selection import MemberFilter, SelectionMiss, member_rel
from pagealloc.errors import InputError

CHUNK = 1024 * 1024
# tarfile's extraction filters arrived in 3.12 and were backported to 3.8.17,
# 3.9.17, 3.10.12 and 3.11.4 (PEP 706); older Pythons rely on our checks alone.
PYTHON_DATA_FILTER = getattr(tarfile, "data_filter", None)
# Write errors that are about the work area's file system, not the archive.
WORK_AREA_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EMFILE)

# Errors the decompressors raise on corrupt or truncated input.
CORRUPT_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, EOFError, lzma.LZMAError, zlib.error,
                          OSError, ValueError, NotImplementedError, RuntimeError)


def display_name(name, limit=120):
    """An archive entry name made safe for a one-line message (escapes control chars)."""
    shown = name.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    shown = shown.encode("unicode_escape").decode("ascii").replace("\\\\x", "\\x")
    return shown if len(shown) <= limit else shown[:limit] + "..."


class Budget:
    """Counts entries and written bytes for one input against its limits."""

    def __init__(self, limits, compressed_bytes, label, progress=None):
        self.limits = limits
        self.compressed_bytes = max(int(compressed_bytes), 1)
        self.label = label
        self.progress = progress
        self.entries = 0
        self.written = 0

    def add_entry(self):
        self.entries += 1
        if self.entries > self.limits.max_entries:
            raise InputError("%s: more than %d entries (limit PAGEALLOC_MAX_ENTRIES / --max-entries)"
                             % (self.label, self.limits.max_entries))

    def add_bytes(self, count, file_bytes, name):
        self.written += count
        if file_bytes > self.limits.max_file_bytes:
            raise InputError("%s: entry %s is larger than %d MiB (limit PAGEALLOC_MAX_FILE_MB / --max-file-mb)"
                             % (self.label, display_name(name), self.limits.max_file_bytes // 2**20))
        if self.written > self.limits.max_total_bytes:
            raise InputError("%s: expands to more than %d MiB (limit PAGEALLOC_MAX_TOTAL_MB / --max-total-mb)"
                             % (self.label, self.limits.max_total_bytes // 2**20))
        ratio = self.written / self.compressed_bytes
        if self.written > self.limits.ratio_floor_bytes and ratio > self.limits.max_ratio:
            raise InputError("%s: compression ratio above %g, refusing a likely decompression bomb "
                             "(limit PAGEALLOC_MAX_RATIO / --max-ratio)" % (self.label, self.limits.max_ratio))
        if self.progress:
            self.progress.update(self.written)


def safe_member_path(dest, name, label, link_leaf=False):
    """The path inside ``dest`` for archive entry ``name``, or None for the root itself.

    Raises InputError for absolute names, ``..`` components, NUL bytes and a
    path through (or, unless ``link_leaf``, onto) a symlink extracted earlier.
    """
    if "\x00" in name:
        raise InputError("%s: entry name contains a NUL byte: %s" % (label, display_name(name)))
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        raise InputError("%s: entry with an absolute path: %s" % (label, display_name(name)))
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        raise InputError("%s: entry escapes the archive with '..': %s" % (label, display_name(name)))
    if not parts:
        return None
    target = os.path.join(dest, *parts)
    for depth in range(1, len(parts) + (0 if link_leaf else 1)):  # no component may be a link
        if os.path.islink(os.path.join(dest, *parts[:depth])):
            what = "replaces" if depth == len(parts) else "passes through"
            raise InputError("%s: entry %s a symlink of the archive: %s" % (label, what, display_name(name)))
    require_inside(dest, os.path.dirname(target), name, label)
    return target


def require_inside(dest, path, name, label):
    """Refuse ``path`` when it resolves (following symlinks) outside ``dest``."""
    root = os.path.realpath(dest)
    resolved = os.path.realpath(path)
    if resolved != root and not resolved.startswith(root + os.sep):
        raise InputError("%s: entry points outside the archive: %s" % (label, display_name(name)))


def link_target_inside(dest, member_path, link_target, name, label):
    """Refuse a symlink whose target (relative to its own directory) leaves ``dest``."""
    if os.path.isabs(link_target):
        raise InputError("%s: symlink to an absolute path: %s -> %s"
                         % (label, display_name(name), display_name(link_target)))
    require_inside(dest, os.path.join(os.path.dirname(member_path), link_target), name, label)


def check_finished_tree(dest, label):
    """Refuse a finished tree holding a symlink that resolves outside ``dest``.

    The per-entry checks see each link as it is written; this pass sees the
    tree as it will be read, whatever order the entries came in.
    """
    root = os.path.realpath(dest)
    for dirpath, dirnames, filenames in os.walk(dest):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                continue
            resolved = os.path.realpath(path)
            if resolved != root and not resolved.startswith(root + os.sep):
                raise InputError("%s: symlink points outside the archive: %s -> %s"
                                 % (label, display_name(os.path.relpath(path, dest)),
                                    display_name(os.readlink(path))))


def copy_stream(source, target, budget, name):
    """Copy an entry's bytes to a new file, counting every chunk against the budget."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o600)
    file_bytes = 0
    with os.fdopen(fd, "wb") as out:
        while True:
            chunk = source.read(CHUNK)
            if not chunk:
                break
            file_bytes += len(chunk)
            budget.add_bytes(len(chunk), file_bytes, name)
            out.write(chunk)


def unpack_failure(budget, exc):
    """InputError for an exception from unpacking: our own disk trouble, or a bad archive."""
    if isinstance(exc, OSError) and exc.errno in WORK_AREA_ERRNOS:
        return InputError("%s: cannot unpack into the work area under $TMPDIR (%s)"
                          % (budget.label, exc.strerror or one_line(exc)))
    return InputError("%s: corrupt or truncated archive (%s)" % (budget.label, one_line(exc)))


@contextmanager
def corruption_as_input_error(budget):
    """Decompressor and reader errors become one-line InputErrors (ours pass through)."""
    try:
        yield
    except InputError:
        raise
    except CORRUPT_ARCHIVE_ERRORS as exc:
        raise unpack_failure(budget, exc) from exc


def special_file_error(budget, name):
    return InputError("%s: special file (device, fifo or socket) in archive: %s" % (budget.label, display_name(name)))


def extract_tar(archive_path, dest, budget, opener=open, selection=None):
    """Extract a tar archive into ``dest`` under ``budget``; ``opener`` decompresses (gzip.open ...).

    ``selection`` (a :class:`~pagealloc.archive.selection.Selection`, None: all) picks the files written.
    """
    members = MemberFilter(selection)
    # One forward pass ("r|"): random access makes tarfile seek back before each
    # header, and a backward seek restarts decompression.  The stdlib
    # decompressors read the stream, not tarfile's own stream-mode gzip parser,
    # which raises TypeError on a truncated header (found by the atheris target).
    with corruption_as_input_error(budget), opener(archive_path, "rb") as raw, \
            tarfile.open(fileobj=raw, mode="r|") as archive:
        for member in iter(archive.next, None):
            budget.add_entry()
            extract_tar_member(archive, member, dest, budget, members)


def extract_tar_member(archive, member, dest, budget, members):
    target = safe_member_path(dest, member.name, budget.label)
    if target is None:
        return
    if not (member.isreg() or member.isdir() or member.issym() or member.islnk()):
        raise special_file_error(budget, member.name)
    try:  # Python's own checks on top of ours (links, modes), where this Python has them
        if PYTHON_DATA_FILTER is not None:
            PYTHON_DATA_FILTER(member, dest)
    except getattr(tarfile, "FilterError", ()) as exc:
        raise InputError("%s: unsafe entry %s (%s)" % (budget.label, display_name(member.name),
                                                       one_line(exc))) from exc
    if member.isdir():
        os.makedirs(target, mode=0o700, exist_ok=True)
    elif member.issym():
        link_target_inside(dest, target, member.linkname, member.name, budget.label)
        replace_with_symlink(member.linkname, target)
        members.link(member_rel(dest, target), member_rel(dest, os.path.join(os.path.dirname(target), member.linkname)))
    elif member.islnk():
        source = safe_member_path(dest, member.linkname, budget.label, link_leaf=True)
        source_rel = source and member_rel(dest, source)
        if source_rel in members.skipped:  # its bytes were streamed past
            if members.wants_file(member_rel(dest, target), members.skipped[source_rel]):
                raise SelectionMiss(member.name)
            skip_file(dest, target, members.skipped[source_rel], budget, member.name, members)
            return
        if source is None or not os.path.isfile(source) or os.path.islink(source):
            return  # a hardlink to something we did not extract: nothing to read
        require_inside(dest, source, member.name, budget.label)
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        with open(source, "rb") as data:  # a copy, never a link to a file outside our tree
            copy_stream(data, target, budget, member.name)
    elif not members.wants_file(member_rel(dest, target), member.size):
        skip_file(dest, target, member.size, budget, member.name, members)  # tarfile reads past the data
    else:
        os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
        data = archive.extractfile(member)
        copy_stream(data, target, budget, member.name)


def skip_file(dest, target, size, budget, name, members):
    """A file not written: its folders are (the tree keeps its shape), its size counts as if written."""
    folder = os.path.dirname(target)
    if folder not in members.made_dirs:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        members.made_dirs.add(folder)
    budget.add_bytes(size, size, name)


def extract_zip(archive_path, dest, budget, selection=None):
    """Extract a zip archive into ``dest`` under ``budget`` (``selection`` as for :func:`extract_tar`)."""
    members = MemberFilter(selection)
    with corruption_as_input_error(budget), zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            budget.add_entry()
            extract_zip_member(archive, info, dest, budget, members)


def extract_zip_member(archive, info, dest, budget, members):
    target = safe_member_path(dest, info.filename, budget.label)
    if target is None:
        return
    mode = info.external_attr >> 16
    if info.is_dir():
        os.makedirs(target, mode=0o700, exist_ok=True)
        return
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFLNK):  # 0: made without Unix attributes
        raise special_file_error(budget, info.filename)
    if not stat.S_ISLNK(mode) and not members.wants_file(member_rel(dest, target), info.file_size):
        skip_file(dest, target, info.file_size, budget, info.filename, members)  # never decompressed
        return
    os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
    with archive.open(info) as data:
        if stat.S_ISLNK(mode):
            link = data.read(4096).decode("utf-8", "surrogateescape")
            link_target_inside(dest, target, link, info.filename, budget.label)
            replace_with_symlink(link, target)
            members.link(member_rel(dest, target), member_rel(dest, os.path.join(os.path.dirname(target), link)))
        else:
            copy_stream(data, target, budget, info.filename)


def replace_with_symlink(link_target, path):
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    if os.path.lexists(path):  # never a link here: safe_member_path refused that
        if os.path.isdir(path):
            return  # keep the real directory an earlier entry created
        os.unlink(path)
    os.symlink(link_target, path)


def one_line(exc):
    text = str(exc) or exc.__class__.__name__
    return " ".join(text.split())[:200]
