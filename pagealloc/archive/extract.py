"""
Safe extraction of tar (plain, gzip, bzip2, xz) and zip archives.

Archives come from customers' broken machines and from the internet, so
every entry is checked before anything is written:

* names: no absolute paths, no ``..`` component, no NUL; no entry may pass
  through or replace a symlink extracted earlier (a later entry re-pointing a
  link could otherwise turn links checked through it into links out of the
  tree); what earlier entries made is kept in memory
  (:class:`~pagealloc.archive.tree.Tree`), not asked of the file system;
* types: regular files, directories, and symlinks/hardlinks whose target
  stays inside the destination; device files, fifos and sockets are refused;
* sizes (:class:`~pagealloc.archive.limits.ExtractionLimits`): entry count,
  per-file size, total size and compression ratio, counted on the bytes
  actually written, so a lying header cannot get past them.

With a :class:`~pagealloc.archive.selection.Selection`, only the files a
spec can read are written, and only the folders a spec may read in (plus the
top ones and the context markers); the others pass every check above and
count against the limits at their declared size, but their bytes are only
streamed past (tar) or never decompressed (zip).

Once every entry is written, :func:`check_finished_tree` resolves every
symlink of the tree again: nothing is read from a tree that holds a link out
of it.

tar entries that are written (files, folders, links) additionally go through
Python's own ``tarfile.data_filter`` where it exists (PEP 706: 3.12,
backported to 3.8.17/3.9.17/3.10.12/3.11.4); for a file streamed past or a
folder not created it could only repeat the name checks above (its
``realpath`` sees no link on a path ours accepted).  Any violation, and any corrupt or truncated archive, raises
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

from pagealloc.archive.kinds import readable
from pagealloc.archive.log_members import COMPRESSED_MAGIC, HEAD_BYTES, Counted
from pagealloc.archive.read_ahead import opened as read_ahead
from pagealloc.archive.selection import MemberFilter, SelectionMiss, member_rel
from pagealloc.archive.tree import Tree, display_name, parents
from pagealloc.archive.zip_directory import count_entries
from pagealloc.errors import InputError
from pagealloc.kernlog import streamed

CHUNK = 1024 * 1024
# tarfile's extraction filters arrived in 3.12 and were backported to 3.8.17,
# 3.9.17, 3.10.12 and 3.11.4 (PEP 706); older Pythons rely on our checks alone.
PYTHON_DATA_FILTER = getattr(tarfile, "data_filter", None)
# Write errors that are about the work area's file system, not the archive.
# (EFBIG: a file size limit, ulimit -f, on the process)
WORK_AREA_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EMFILE, errno.EFBIG)

# Zip compression methods Python's zipfile reads (APPNOTE 4.4.5: stored, deflate, bzip2, lzma), and
# the names of others met in the wild.
ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
ZIP_METHOD_NAMES = {9: " (Deflate64: Windows Explorer packs large files so)", 93: " (Zstandard)", 95: " (xz)",
                    98: " (PPMd)", 99: " (AES encryption)", 6: " (implode)"}

# Errors the decompressors raise on corrupt or truncated input.
CORRUPT_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, EOFError, lzma.LZMAError, zlib.error,
                          OSError, ValueError, NotImplementedError, RuntimeError)


class Budget:
    """Counts entries and written bytes for one input against its limits."""

    def __init__(self, limits, compressed_bytes, label, progress=None):
        self.limits = limits
        self.compressed_bytes = max(int(compressed_bytes), 1)
        self.label = label
        self.progress = progress
        self.entries = 0
        self.written = 0

    def add_entry(self, count=1):
        self.entries += count
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


def copy_stream(source, target, budget, name, counted=False):
    """Copy an entry's bytes to a new file, counting every chunk against the budget (unless
    ``source`` counts them itself)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o600)
    file_bytes = 0
    with os.fdopen(fd, "wb") as out:
        while True:
            chunk = source.read(CHUNK)
            if not chunk:
                break
            if not counted:
                file_bytes += len(chunk)
                budget.add_bytes(len(chunk), file_bytes, name)
            out.write(chunk)


def unpack_failure(budget, exc):
    """InputError for an exception from unpacking: our own disk trouble, or a bad archive."""
    if isinstance(exc, OSError) and exc.errno in WORK_AREA_ERRNOS:
        return InputError("%s: cannot unpack into the work area under $TMPDIR (%s)"
                          % (budget.label, exc.strerror or one_line(exc)))
    if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:  # the archive is fine; the name is not
        name = os.path.basename(str(exc.filename or "").rstrip(os.sep))
        shown = display_name(name[:60]) + ("..." if len(name) > 60 else "")
        return InputError("%s: an entry's name is too long to unpack (over 255 bytes per name or 4096 per path): %s"
                          % (budget.label, shown))
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


def duplicate_error(budget, name):
    """A second file entry of one name: unpacking keeps the last, so a later entry could hide the first
    (a dmesg holding a failure report, then an empty one: "No problem found"); which one is the host's
    cannot be told."""
    return InputError("%s: holds the file %s twice (a later entry would replace the earlier one): which one is "
                      "the host's cannot be told" % (budget.label, display_name(name)))


def special_file_error(budget, name):
    return InputError("%s: special file (device, fifo or socket) in archive: %s" % (budget.label, display_name(name)))


def extract_tar(archive_path, dest, budget, opener=open, selection=None, log_members=None):
    """Extract a tar archive into ``dest`` under ``budget``; ``opener`` decompresses (gzip.open ...).

    ``selection`` (a :class:`~pagealloc.archive.selection.Selection`, None: all) picks the files written;
    ``log_members`` (a :class:`~pagealloc.archive.log_members.LogMembers`, with a selection only) the
    large kernel logs that are scanned instead of written.
    """
    members, tree = MemberFilter(selection), Tree(dest)
    members.logs = log_members if selection is not None else None
    # One forward pass ("r|"): random access makes tarfile seek back before each
    # header, and a backward seek restarts decompression.  The stdlib
    # decompressors read the stream, not tarfile's own stream-mode gzip parser,
    # which raises TypeError on a truncated header (found by the atheris target).
    # The decompressor runs in a thread of its own, ahead of the tar reader (read_ahead.py).
    with corruption_as_input_error(budget), \
            (open(readable(archive_path), "rb") if opener is open else read_ahead(opener, archive_path)) as raw, \
            tarfile.open(fileobj=raw, mode="r|") as archive:
        for member in iter(archive.next, None):
            budget.add_entry()
            extract_tar_member(archive, member, tree, budget, members)


def extract_tar_member(archive, member, tree, budget, members):
    rel = tree.entry(member.name, budget.label)
    if rel is None:
        return
    if not (member.isreg() or member.isdir() or member.issym() or member.islnk()):
        raise special_file_error(budget, member.name)
    if (member.isreg() or member.islnk()) and tree.holds_file(rel):
        raise duplicate_error(budget, member.name)
    if member.isreg() and not members.wants_file(rel, member.size):
        skip_file(tree, rel, member.size, budget, member.name, members)  # tarfile reads past the data
        return
    if member.isdir() and not members.needs_dir(rel):
        add_folders(tree, parents(rel) + [rel], members)  # our name checks above are all Python's filter would do
        return
    if member.issym():
        refuse_long_link_chain(tree, rel, member, budget)
    try:  # Python's own checks on top of ours (links, modes) for what is written, where this Python has them
        if PYTHON_DATA_FILTER is not None:
            PYTHON_DATA_FILTER(member, tree.dest)
    except getattr(tarfile, "FilterError", ()) as exc:
        raise InputError("%s: unsafe entry %s (%s)" % (budget.label, display_name(member.name),
                                                       one_line(exc))) from exc
    dest, target = tree.dest, tree.path(rel)
    require_inside(dest, os.path.dirname(target), member.name, budget.label)
    if rel in members.streamed:  # a later entry of the same name replaces a scanned log
        members.streamed.discard(rel)
        streamed.forget_path(target)
    members.skipped.pop(rel, None)  # ... or a file streamed past: a hardlink to the name gets this entry
    if member.isdir():
        tree.make_dir(rel)
    elif member.issym():
        link_target_inside(dest, target, member.linkname, member.name, budget.label)
        tree.place_symlink(rel, member.linkname)
        members.link(rel, member_rel(dest, os.path.join(os.path.dirname(target), member.linkname)))
    elif member.islnk():
        source_rel = tree.entry(member.linkname, budget.label, link_leaf=True)
        if source_rel in members.streamed:  # its copy would be the empty stand-in
            raise SelectionMiss(member.name)
        if source_rel in members.skipped:  # its bytes were streamed past
            if members.wants_file(rel, members.skipped[source_rel]):
                raise SelectionMiss(member.name)
            skip_file(tree, rel, members.skipped[source_rel], budget, member.name, members)
            return
        if source_rel not in tree.files:
            return  # a hardlink to something we did not extract (or to a link): nothing to read
        source = tree.path(source_rel)
        require_inside(dest, source, member.name, budget.label)
        with open(source, "rb") as data:  # a copy, never a link to a file outside our tree
            copy_stream(data, tree.prepare_file(rel), budget, member.name)
        tree.wrote_file(rel)
    elif members.logs is not None and member.size >= members.logs.min_bytes and members.logs.streams(rel):
        read_log_member(archive.extractfile(member), tree, rel, budget, member.name, members)
    else:
        copy_stream(archive.extractfile(member), tree.prepare_file(rel), budget, member.name)
        tree.wrote_file(rel)


#: links the kernel follows in one path lookup (MAXSYMLINKS, include/linux/namei.h)
MAX_LINK_HOPS = 40


def refuse_long_link_chain(tree, rel, member, budget):
    """A link to a chain of more links than the kernel follows (40: ELOOP) leads nowhere; 30,000 links,
    each to the one before, made Python's filter resolve every chain again, by recursion: 7.6 s, then
    "corrupt or truncated archive (maximum recursion depth exceeded)".  At most 40 hops are read here; a
    loop of links is left as before (specs read nothing through it)."""
    path, seen = os.path.join(os.path.dirname(tree.path(rel)), member.linkname), set()
    for _ in range(MAX_LINK_HOPS):  # the member itself is the first link of the chain
        if path in seen or not os.path.islink(path):
            return
        seen.add(path)
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    raise InputError("%s: link %s leads through a chain of more than %d links (more than the kernel follows)"
                     % (budget.label, display_name(member.name), MAX_LINK_HOPS))


def read_log_member(data, tree, rel, budget, name, members):
    """Scan a large kernel log as it is decompressed (:mod:`pagealloc.archive.log_members`); a
    compressed rotation is written as before."""
    head = data.read(HEAD_BYTES)
    target = tree.prepare_file(rel)
    if head.startswith(COMPRESSED_MAGIC):
        copy_stream(Counted(data, budget, name, head), target, budget, name, counted=True)
    else:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
        os.close(os.open(target, flags, 0o600))  # the stand-in the spec resolves
        streamed.remember(target, streamed.read_stream(Counted(data, budget, name, head)))
        members.streamed.add(rel)
    tree.wrote_file(rel)


def skip_file(tree, rel, size, budget, name, members):
    """A file not written: its folders exist logically (the tree keeps its shape; on disk those
    :meth:`~MemberFilter.needs_dir` asks for), its size counts as if written."""
    add_folders(tree, parents(rel), members)
    tree.skip_file(rel)
    budget.add_bytes(size, size, name)


def add_folders(tree, folders, members):
    """Record ``folders`` (outermost first) in the tree; make on disk the ones that matter to readers."""
    if folders and (tree.files or tree.skipped) and any(f in tree.files or f in tree.skipped for f in folders):
        tree.make_dir(folders[-1])  # under a file: fails as making them all would
    for folder in folders:
        if folder not in tree.dirs:
            if members.needs_dir(folder):
                tree.make_dir(folder)
            else:
                tree.add_dir(folder)


def extract_zip(archive_path, dest, budget, selection=None):
    """Extract a zip archive into ``dest`` under ``budget`` (``selection`` as for :func:`extract_tar`)."""
    members, tree = MemberFilter(selection), Tree(dest)
    with open(readable(archive_path), "rb") as stream:  # zipfile parses its whole directory first: count it
        count = count_entries(stream, budget.limits.max_entries - budget.entries)
    if count and budget.entries + count > budget.limits.max_entries:
        budget.add_entry(count)  # refused before zipfile holds every entry in memory
    with corruption_as_input_error(budget), zipfile.ZipFile(readable(archive_path)) as archive:
        for info in archive.infolist():
            budget.add_entry()
            extract_zip_member(archive, info, tree, budget, members)


def extract_zip_member(archive, info, tree, budget, members):
    rel = tree.entry(info.filename, budget.label)
    if rel is None:
        return
    mode = info.external_attr >> 16
    if info.is_dir():
        add_folders(tree, parents(rel) + [rel], members)
        return
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFLNK):  # 0: made without Unix attributes
        raise special_file_error(budget, info.filename)
    if not stat.S_ISLNK(mode) and tree.holds_file(rel):
        raise duplicate_error(budget, info.filename)
    if not stat.S_ISLNK(mode) and not members.wants_file(rel, info.file_size):
        skip_file(tree, rel, info.file_size, budget, info.filename, members)  # never decompressed
        return
    if info.flag_bits & 0x1:  # APPNOTE 4.4.4 bit 0: encrypted (zipfile says "corrupt" with a ZipInfo repr)
        raise InputError("%s: encrypted entry (a password is needed to read it): %s"
                         % (budget.label, display_name(info.filename)))
    if info.compress_type not in ZIP_METHODS:  # a sound archive zipfile cannot decompress: not "corrupt"
        raise InputError("%s: entry %s is compressed with zip method %d%s, which cannot be read here: re-pack "
                         "it as .tar.xz or a deflate zip" % (budget.label, display_name(info.filename),
                                                             info.compress_type,
                                                             ZIP_METHOD_NAMES.get(info.compress_type, "")))
    dest, target = tree.dest, tree.path(rel)
    require_inside(dest, os.path.dirname(target), info.filename, budget.label)
    tree.make_dir(tree.parent_of(rel))
    with archive.open(info) as data:
        if stat.S_ISLNK(mode):
            link = data.read(4096).decode("utf-8", "surrogateescape")
            link_target_inside(dest, target, link, info.filename, budget.label)
            tree.place_symlink(rel, link)
            members.link(rel, member_rel(dest, os.path.join(os.path.dirname(target), link)))
        else:
            copy_stream(data, tree.prepare_file(rel), budget, info.filename)
            tree.wrote_file(rel)


def one_line(exc):
    text = str(exc) or exc.__class__.__name__
    return " ".join(text.split())[:200]
