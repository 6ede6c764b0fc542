"""
Archive locations - where a fleet worker may read from
======================================================

An insights-core-messaging *downloader*: turns the location in a work message
into a local path for the engine, and refuses anything else.

* A local path (or ``file://`` URL) is accepted only when its real path (all
  symlinks resolved) lies under one of the configured ``allowed_roots``.  The
  archive is never copied, moved or modified: the engine reads it and extracts
  into its own private temp dir.
* An ``http(s)://`` URL is accepted only when it starts with one of
  ``allowed_url_prefixes`` (none by default); it is downloaded into a private
  temp file, at most ``max_download_bytes``, which is removed afterwards.
* Anything else raises :class:`LocationRejected`, a final error: the worker
  dead-letters the message with the reason instead of retrying.

Examples:
    >>> fs = AllowedRoots(allowed_roots=["/srv/archives"])
    >>> fs.local_path("/srv/archives/../../etc/shadow")
    Traceback (most recent call last):
    ...
    pagealloc.fleet.locations.LocationRejected: /etc/shadow is outside the allowed roots (/srv/archives)
    >>> fs.local_path("ftp://example.invalid/a.tar.xz")
    Traceback (most recent call last):
    ...
    pagealloc.fleet.locations.LocationRejected: unsupported location scheme 'ftp': ftp://example.invalid/a.tar.xz
"""

import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager

from pagealloc.archive import kinds


class LocationRejected(Exception):
    """The location may not or cannot be read; retrying will not help."""


class CheckedPath(str):
    """A local path found under the allowed roots, with what it was when checked (``listed``, a
    :class:`pagealloc.archive.kinds.Listed`): :func:`pagealloc.fleet.bundles.evaluate_source` opens it
    only if it is still that file.  A ``str`` everywhere else (it is pickled to the analysis child)."""

    def __new__(cls, path, listed):
        checked = super().__new__(cls, path)
        checked.listed = listed
        return checked

    def __reduce__(self):
        return CheckedPath, (str(self), self.listed)


class AllowedRoots:
    def __init__(self, allowed_roots=(), allowed_url_prefixes=(), max_download_bytes=2 * 1024**3, download_timeout_s=60):
        self.allowed_roots = [os.path.realpath(root) for root in _as_list(allowed_roots, os.pathsep)]
        self.allowed_url_prefixes = _as_list(allowed_url_prefixes, ",")
        self.max_download_bytes = int(max_download_bytes)
        self.download_timeout_s = float(download_timeout_s)

    def local_path(self, location):
        """The real path of an allowed local location, else LocationRejected."""
        if not isinstance(location, str) or not location or "\0" in location:
            raise LocationRejected("empty or invalid location %r" % (location,))
        parts = urllib.parse.urlsplit(location)
        if parts.scheme == "file":
            if parts.netloc not in ("", "localhost"):  # RFC 8089: a file on another machine is not ours to read
                raise LocationRejected("file URL of another host: %s" % location)
            location = urllib.parse.unquote(parts.path)
            if "\0" in location:  # %00: os.stat raised ValueError, an analysis failure retried 3 times
                raise LocationRejected("empty or invalid location %r" % (location,))
        elif parts.scheme:
            raise LocationRejected("unsupported location scheme %r: %s" % (parts.scheme, location))
        if not os.path.isabs(location):
            raise LocationRejected("location must be an absolute path: %s" % location)
        real = os.path.realpath(location)
        if not any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.allowed_roots):
            raise LocationRejected(
                "%s is outside the allowed roots (%s)" % (real, ", ".join(self.allowed_roots) or "none configured")
            )
        try:  # what was checked: the analysis must open this same file (a folder on the way swapped for a
            listed = kinds.listed_as(real)  # link after the check would lead it outside the allowed roots)
        except OSError:
            raise LocationRejected("no such archive: %s" % real) from None
        return CheckedPath(real, listed)

    @contextmanager
    def get(self, location):
        """insights-core-messaging downloader protocol: yield a local path."""
        if isinstance(location, str) and location.startswith(("http://", "https://")):
            with self._download(location) as path:
                yield path
        else:
            yield self.local_path(location)

    @contextmanager
    def _download(self, url):
        if not any(url.startswith(prefix) for prefix in self.allowed_url_prefixes):
            raise LocationRejected("URL not under an allowed prefix: %s" % url)
        workdir = tempfile.mkdtemp(prefix="pagealloc-download-")
        try:
            name = os.path.basename(urllib.parse.urlsplit(url).path) or "archive"
            target = os.path.join(workdir, name)
            self._fetch(url, target)
            yield target
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _fetch(self, url, target):
        try:
            with urllib.request.urlopen(url, timeout=self.download_timeout_s) as response, open(target, "wb") as out:
                copied = 0
                while True:
                    chunk = response.read(1 << 20)
                    if not chunk:
                        break
                    copied += len(chunk)
                    if copied > self.max_download_bytes:
                        raise LocationRejected("%s is larger than %d bytes" % (url, self.max_download_bytes))
                    out.write(chunk)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise LocationRejected("cannot download %s: %s" % (url, getattr(exc, "reason", exc))) from None


def _as_list(value, separator):
    """A list from a YAML list or an environment-style string ("a:b" roots, "u1,u2" URLs)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(separator) if part.strip()]
    return [str(part) for part in value]
