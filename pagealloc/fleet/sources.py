"""
Fleet sources - which archives a fleet run covers
=================================================

``DIR``: every visible entry of the directory (archives, extracted
sosreports, plain log files), sorted by name; pagealloc's input detection
decides what each one is.  An archive given instead of a list file is the
one source (its magic bytes tell it from a text list).  ``LISTFILE``: one path per line, ``#`` comments
and blank lines ignored, relative paths taken from the list file's folder,
``http(s)://`` URLs kept as they are (for workers given ``--allowed-url-prefix``).
Sources are absolute paths (or URLs); the same one listed twice is analysed once.

Links in ``DIR`` (symlink farms: archives linked from elsewhere) are decided
before anything is read: a link whose target resolves inside ``DIR`` is
followed (once: a link to an entry already listed adds nothing); a link out of
``DIR`` is followed only with ``follow_links_out`` (``--follow-links-out``),
else skipped; a link that dangles, loops, or leads back to ``DIR`` or a folder
holding it is always skipped.  Every skipped link is returned as a
:class:`SkippedLink` for the run to name.  What each entry is when listed
(its file, and whether a link led to it) is kept: an entry swapped for a link
or another file before its analysis is refused and named, never followed.
A list file names its paths explicitly: they are taken as written.

Examples:
    >>> import tempfile, os
    >>> top = tempfile.mkdtemp()
    >>> for name in ("b.tar.xz", "a.tar.gz", ".hidden"):
    ...     open(os.path.join(top, name), "w").close()
    >>> [os.path.basename(p) for p in list_sources(top)]
    ['a.tar.gz', 'b.tar.xz']
    >>> listing = os.path.join(top, "hosts.list")
    >>> _ = open(listing, "w").write("# nightly\\nb.tar.xz\\n\\n/srv/x.zip\\nb.tar.xz\\nhttps://a.example/y.tar.xz\\n")
    >>> [p.replace(top, "TOP") for p in list_sources(listing)]
    ['TOP/b.tar.xz', '/srv/x.zip', 'https://a.example/y.tar.xz']
"""

import collections
import os

from pagealloc.errors import InputError


def _unique(paths):
    seen = set()
    for path in paths:
        if path not in seen:
            seen.add(path)
            yield path


#: a link of ``DIR`` that is not analysed: its path, where it leads, and why
SkippedLink = collections.namedtuple("SkippedLink", "path target reason")


#: why a link of DIR is skipped, in the run's words
OUT_OF_DIR = "leads out of the folder (--follow-links-out to analyse it)"
LOOPS = "leads back to the folder or one holding it (a loop)"
DANGLES = "leads nowhere (dangling, or a loop of links)"


def _inside(path, folder):
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _from_directory(directory, follow_links_out=False, skipped=None, identities=None):
    real_top = os.path.realpath(directory)
    names = sorted(name for name in os.listdir(directory) if not name.startswith("."))
    plain = {os.path.join(real_top, name) for name in names if not os.path.islink(os.path.join(directory, name))}
    taken = set()
    for name in names:
        path = os.path.join(directory, name)
        if not os.path.islink(path):
            if _listed(path, identities):
                yield path
            continue
        reason, target = _link_verdict(path, real_top, follow_links_out)
        if reason is None and (target in plain or target in taken):
            continue  # the same archive under a second name (``latest.tar.xz -> web1-....tar.xz``)
        if reason is None:
            taken.add(target)
            if _listed(path, identities):
                yield path
        elif skipped is not None:
            skipped.append(SkippedLink(path, target, reason))


def _listed(path, identities):
    """Note what the entry ``path`` is now in ``identities`` (its analysis must find that same file:
    :func:`pagealloc.archive.kinds.open_regular`); False when it went away meanwhile."""
    if identities is None:
        return True
    from pagealloc.archive import kinds

    try:
        identities[path] = kinds.listed_as(path)
    except OSError:
        return False
    return True


def _link_verdict(path, real_top, follow_links_out):
    """(reason to skip or None, resolved target) of the link ``path`` of the folder ``real_top``."""
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):  # dangling, or a loop of links (ELOOP)
        return DANGLES, os.readlink(path) if os.path.islink(path) else path
    if _inside(real_top, target):  # the folder itself or one holding it: analysing it would list this link again
        return LOOPS, target
    if not _inside(target, real_top) and not follow_links_out:
        return OUT_OF_DIR, target
    return None, target


def _from_list_file(list_file):
    base = os.path.dirname(list_file)
    # surrogateescape: a listed name that is not UTF-8 stays the same bytes (PEP 383)
    with open(list_file, encoding="utf-8", errors="surrogateescape") as handle:
        for number, line in enumerate(handle, 1):
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            if "\0" in entry:  # no path holds one (os.stat raised ValueError: a traceback before the run)
                raise InputError("%s line %d: a NUL byte, which no path can hold" % (list_file, number))
            # URLs are for RabbitMQ workers allowed to download them; keep them verbatim.
            yield entry if "://" in entry else os.path.normpath(os.path.join(base, entry))


def list_sources(target, follow_links_out=False, skipped=None, identities=None):
    """The absolute archive paths named by a directory or a list file (an archive: itself).

    ``skipped`` (a list, optional) receives the :class:`SkippedLink` of every link of a directory
    that is not analysed (module docstring).  ``identities`` (a dict, optional) receives, for every
    entry of a directory, what it was when listed (:class:`pagealloc.archive.kinds.Listed`): an entry
    swapped for a link or another file before its analysis is refused and named
    (:func:`pagealloc.fleet.bundles.evaluate_source`).
    """
    target = os.path.abspath(target)
    if os.path.isdir(target):
        return list(_unique(_from_directory(target, follow_links_out, skipped, identities)))
    if os.path.isfile(target):
        if _is_archive(target):  # `fleet run x.tar.gz`: that one archive, not its bytes as paths
            return [target]
        return list(_unique(_from_list_file(target)))
    raise InputError("%s: no such directory or list file" % target)


def _is_archive(path):
    """True for a file whose magic bytes say tar/zip/compressed (a list file is text)."""
    from pagealloc.archive import kinds

    try:
        return kinds.sniff_packing(path) in kinds.ARCHIVE_PACKINGS
    except OSError as exc:
        raise InputError("%s: cannot read (%s)" % (path, exc.strerror or exc)) from exc
