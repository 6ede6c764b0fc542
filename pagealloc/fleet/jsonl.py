"""
JSONL results file - append, flush, resume
==========================================

One record per line (see :mod:`pagealloc.fleet.record`).  Lines are appended
and flushed one at a time, so an interrupted run leaves every finished
archive on disk and at most one torn last line, which :func:`done_sources`
ignores (that archive is simply analysed again).  A source may have several
lines (an archive that failed, then was retried): its first successful
record counts, else its first error (:func:`pagealloc.fleet.record.preferred`).
Reading streams the file: resuming keeps one flag per source in memory.

Examples:
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "r.jsonl")
    >>> with ResultsWriter(path) as out:
    ...     out.write({"source": "/a", "error": None})
    >>> with open(path, "a") as torn:
    ...     _ = torn.write('{"source": "/b", "err')
    >>> sorted(done_sources(path))
    ['/a']
    >>> with ResultsWriter(path) as out:
    ...     out.write({"source": "/c", "error": "analysis exceeded 600 s and was stopped"})
    >>> sorted(done_sources(path)), sorted(done_sources(path, retry_errors=True))
    (['/a', '/c'], ['/a'])
    >>> [r["source"] for r in read_records(path)]
    ['/a', '/c']
"""

import fcntl
import json
import os
import stat

from pagealloc.errors import InputError
from pagealloc.fleet.record import dumps, well_formed


def read_records(path):
    """Yield the complete records of a JSONL file (torn or foreign lines skipped)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO waits for a writer, /dev/zero is one endless line
        os.close(fd)
        raise InputError("%s is not a regular file: results are a .jsonl file" % path)
    with open(fd, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except (ValueError, RecursionError):  # RecursionError: arrays nested past Python's stack
                continue
            if well_formed(record):  # a foreign or hand-edited line of another shape is skipped, as a torn one
                yield record


def analysed_state(path):
    """{source: True when some record of it succeeded, False when it has only errors}."""
    state = {}
    for record in read_records(path):
        state[record["source"]] = state.get(record["source"], False) or record.get("error") is None
    return state


def done_sources(path, retry_errors=False):
    """Sources a resumed run skips: every recorded one, or with ``retry_errors`` only the analysed ones."""
    return {source for source, analysed in analysed_state(path).items() if analysed or not retry_errors}


class ResultsWriter:
    """Appends records to a JSONL file, one flushed line each.

    Entering takes an exclusive ``flock`` on the file for the whole run: a
    second ``fleet run`` or ``fleet collect`` on the same file would analyse
    or collect everything again beside the first; it gets
    :class:`~pagealloc.errors.InputError` saying the file is in use instead.
    The file must be a regular file (or not exist yet, in an existing folder).
    """

    def __init__(self, path):
        self.path = path
        self._handle = None
        self.written = 0

    def __enter__(self):
        check_results_path(self.path)
        self._handle = open(self.path, "a", encoding="utf-8")
        try:
            fcntl.flock(self._handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._handle.close()
            raise InputError("%s is being written by another 'pagealloc fleet run' or 'collect' (locked); "
                             "wait for it to finish or choose another --out" % self.path) from None
        # A torn last line from an interrupted run must not glue onto the next record.
        if self._handle.tell() > 0 and not _ends_with_newline(self.path):
            self._handle.write("\n")
        return self

    def write(self, record):
        self.write_line(dumps(record))

    def write_line(self, line):
        """One record already encoded by :func:`pagealloc.fleet.record.dumps`."""
        self._handle.write(line + "\n")
        self._handle.flush()
        self.written += 1

    def sync(self):
        """Force written lines to disk (before acknowledging them to a broker)."""
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def __exit__(self, *exc):
        self._handle.close()
        self._handle = None


def check_results_path(path):
    """InputError unless ``path`` is a regular file, or a new name in an existing folder."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise InputError("cannot write %s: no such folder %s" % (path, folder)) from None
        return
    if not stat.S_ISREG(mode):
        raise InputError("%s is not a regular file: the results go to a .jsonl file" % path)


def _ends_with_newline(path):
    with open(path, "rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
