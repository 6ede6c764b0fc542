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

import os

from pagealloc.errors import InputError


def _unique(paths):
    seen = set()
    for path in paths:
        if path not in seen:
            seen.add(path)
            yield path


def _from_directory(directory):
    for name in sorted(os.listdir(directory)):
        if not name.startswith("."):
            yield os.path.join(directory, name)


def _from_list_file(list_file):
    base = os.path.dirname(list_file)
    # surrogateescape: a listed name that is not UTF-8 stays the same bytes (PEP 383)
    with open(list_file, encoding="utf-8", errors="surrogateescape") as handle:
        for line in handle:
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            # URLs are for RabbitMQ workers allowed to download them; keep them verbatim.
            yield entry if "://" in entry else os.path.normpath(os.path.join(base, entry))


def list_sources(target):
    """The absolute archive paths named by a directory or a list file (an archive: itself)."""
    target = os.path.abspath(target)
    if os.path.isdir(target):
        return list(_unique(_from_directory(target)))
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
