"""
The tree one extraction has made so far, kept in memory.

Every entry of an archive is checked against what earlier entries made:
does its path pass through (or replace) a symlink, is a folder or a file
already there?  Asking the file system cost an ``lstat`` per path component
and a ``realpath`` per entry (about 150 000 system calls for a 4 700-entry
sosreport, most of the time of a triage); but the work area is private and
only this extraction writes into it, so the answers are exactly the sets
below, kept as the entries are handled.

Folders are *logical* first: every folder the entries declare (or imply) is
recorded, but one is created on disk only when something written lands in
it, or when it can matter to what reads the tree (the caller decides:
:meth:`make_dir`).  A sosreport's ~700 folders mostly hold files that are
streamed past; creating and removing them was a second of system time on an
ext4 work area.  Decisions that depended on a folder existing (a symlink
does not replace a folder; a file cannot be written where a folder is; a
folder cannot be made under a file) follow the logical tree, so an archive
is accepted, refused or read exactly as when every folder was created.

Examples:
    >>> import tempfile
    >>> tree = Tree(tempfile.mkdtemp())
    >>> tree.entry("sosreport-x/etc/passwd", "a.tar")
    'sosreport-x/etc/passwd'
    >>> tree.links.add("sosreport-x/etc")
    >>> tree.entry("sosreport-x/etc/passwd", "a.tar")
    Traceback (most recent call last):
    ...
    pagealloc.errors.InputError: a.tar: entry passes through a symlink of the archive: sosreport-x/etc/passwd
    >>> tree.entry("../x", "a.tar")
    Traceback (most recent call last):
    ...
    pagealloc.errors.InputError: a.tar: entry escapes the archive with '..': ../x
"""

import os

from pagealloc.errors import InputError


def display_name(name, limit=120):
    """An archive entry name made safe for a one-line message (escapes control chars)."""
    shown = name.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
    shown = shown.encode("unicode_escape").decode("ascii").replace("\\\\x", "\\x")
    return shown if len(shown) <= limit else shown[:limit] + "..."


def entry_parts(name, label):
    """The path components of archive entry ``name`` (empty: the root itself).

    Raises InputError for absolute names, ``..`` components and NUL bytes.
    """
    if "\x00" in name:
        raise InputError("%s: entry name contains a NUL byte: %s" % (label, display_name(name)))
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":" and name[0].isalpha()):
        raise InputError("%s: entry with an absolute path: %s" % (label, display_name(name)))
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        raise InputError("%s: entry escapes the archive with '..': %s" % (label, display_name(name)))
    return parts


def parents(rel):
    """The folders above ``rel``, outermost first: ``a/b/c`` -> ``a``, ``a/b``."""
    found, end = [], rel.find("/")
    while end != -1:
        found.append(rel[:end])
        end = rel.find("/", end + 1)
    return found


class Tree:
    """What one extraction into ``dest`` has made: links, files, folders (``/``-separated, relative)."""

    def __init__(self, dest):
        self.dest = dest
        self.links = set()  # symlinks created (a link's path is never replaced: refused)
        self.files = set()  # regular files written
        self.dirs = set()  # folders declared or implied by the entries (the tree as it reads)
        self.made = set()  # the folders of ``dirs`` that exist on disk
        self.skipped = set()  # files streamed past (not on disk)

    def entry(self, name, label, link_leaf=False):
        """``name`` relative to the tree (None: the root itself), checked like :func:`entry_parts`.

        Also refused: a path through (or, unless ``link_leaf``, onto) a symlink made earlier.
        """
        parts = entry_parts(name, label)
        if not parts:
            return None
        rel = "/".join(parts)
        if self.links:
            for depth in range(1, len(parts) + (0 if link_leaf else 1)):
                if "/".join(parts[:depth]) in self.links:
                    what = "replaces" if depth == len(parts) else "passes through"
                    raise InputError("%s: entry %s a symlink of the archive: %s" % (label, what, display_name(name)))
        return rel

    def path(self, rel):
        return os.path.join(self.dest, *rel.split("/"))

    def add_dir(self, rel):
        """Record folder ``rel`` (and those above it) without creating it, unless the disk must say no.

        Creating a folder under a file fails; when ``rel`` lies under a written file it is
        created now, so the same error comes from the same place.
        """
        if rel in self.dirs:
            return
        if self.collides(parents(rel) + [rel]):
            self.make_dir(rel)
        self.dirs.add(rel)
        self.dirs.update(parents(rel))

    def collides(self, paths):
        """True when one of ``paths`` is a file (written, or streamed past: then it is written
        empty now, so that the file system refuses what comes next as if everything was unpacked)."""
        hit = False
        for path in paths:
            if path in self.skipped:
                self.skipped.discard(path)
                self.make_dir(self.parent_of(path))
                os.close(os.open(self.path(path), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600))
                self.files.add(path)
            hit = hit or path in self.files
        return hit

    def make_dir(self, rel):
        """Create folder ``rel`` (and those above it) on disk."""
        if rel and rel not in self.made:
            if self.skipped:
                self.collides(parents(rel) + [rel])
            os.makedirs(self.path(rel), mode=0o700, exist_ok=True)
            self.dirs.add(rel)
            self.made.add(rel)
            for parent in parents(rel):
                self.dirs.add(parent)
                self.made.add(parent)

    def parent_of(self, rel):
        return rel.rpartition("/")[0]

    def prepare_file(self, rel):
        """Make the folders for a file written at ``rel``; a folder logically at ``rel`` is
        created, so writing the file fails there as it did when every folder existed."""
        self.make_dir(self.parent_of(rel))
        if rel in self.dirs:
            self.make_dir(rel)
        return self.path(rel)

    def holds_file(self, rel):
        """True when an earlier entry made a regular file at ``rel`` (written or streamed past)."""
        return rel in self.files or rel in self.skipped

    def wrote_file(self, rel):
        self.files.add(rel)
        self.skipped.discard(rel)

    def skip_file(self, rel):
        """A file streamed past: its folders exist logically (a folder at ``rel`` refuses it, as
        writing it would)."""
        parent = self.parent_of(rel)
        if parent:
            self.add_dir(parent)
        if rel in self.dirs:
            self.make_dir(rel)
            os.close(os.open(self.path(rel), os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600))
        if rel not in self.files:
            self.skipped.add(rel)

    def place_symlink(self, rel, link_target):
        """Make symlink ``rel``, unless a folder is there (an earlier entry's folder is kept)."""
        self.make_dir(self.parent_of(rel))
        if rel in self.dirs:
            return
        path = self.path(rel)
        self.skipped.discard(rel)  # a link replaces a file
        if rel in self.files:
            os.unlink(path)
            self.files.discard(rel)
        os.symlink(link_target, path)
        self.links.add(rel)
