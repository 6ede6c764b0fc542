"""
Report files, whole or not at all
=================================

``pagealloc triage --output FILE`` and ``--save DIR``, and ``pagealloc fleet report --output FILE``
write the report to a new file beside the target and rename it over the target once it is complete
(:func:`write_whole`).  A disk that fills up, a file size limit (``ulimit -f``), a stop signal in the
middle of the write or two runs writing the same file therefore never leave a truncated report where
a complete one is expected, and a report that was there before stays until the new one replaces it.
Before, the target was truncated first and written in place: ``ulimit -f 8`` left the first 8 KiB of
an HTML report, cut in the middle of a tag, over the previous good one.

A target that exists and is not a regular file (``/dev/stdout``, a FIFO, a terminal), or a dangling
link, is written to directly, as before; a symlink to a file is followed when the kernel lets it be
followed (``fs.protected_symlinks``: not another user's link in a sticky folder), and the link stays,
its file is replaced, with the file's permission bits.  Only SIGKILL (or a power cut) during the write can leave the hidden
``.NAME.PID.RANDOM.partial`` file behind.

Examples:
    >>> import os, tempfile
    >>> target = os.path.join(tempfile.mkdtemp(), "report.txt")
    >>> write_whole(target, "No problem found\\n")
    >>> open(target).read(), os.listdir(os.path.dirname(target))
    ('No problem found\\n', ['report.txt'])
"""

import os
import secrets
import stat


def write_whole(path, text, encoding="utf-8", errors="backslashreplace"):
    """Write ``text`` to ``path`` through a complete temporary file renamed over it; OSError when it
    cannot be written (nothing is left behind then, and an earlier ``path`` is unchanged)."""
    try:
        # Following a link is the kernel's decision (fs.protected_symlinks refuses a link another user
        # planted in a sticky folder such as /tmp): stat() follows it as open() would, and fails alike.
        existing = os.stat(path)
    except FileNotFoundError:
        existing = None
    if (existing is not None and not stat.S_ISREG(existing.st_mode)) or (existing is None and os.path.islink(path)):
        # not a regular file (/dev/stdout, a FIFO), or a dangling link: written through as open() does
        with open(path, "w", encoding=encoding, errors=errors) as stream:
            stream.write(text)
        return
    target = os.path.realpath(path)  # a link to a file: that file is replaced, the link kept
    folder, name = os.path.split(target)
    fd, partial = _create_beside(folder, name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, errors=errors) as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())  # complete on disk before it takes the name
        if existing is not None:
            os.chmod(partial, stat.S_IMODE(existing.st_mode))
        os.replace(partial, target)
    except BaseException:  # a full disk, EFBIG, a stop signal: the partial file goes, the old report stays
        try:
            os.unlink(partial)
        except OSError:
            pass
        raise


def _create_beside(folder, name):
    """(descriptor, path) of a new hidden file in ``folder`` (mode 0666 less the umask, as open() makes)."""
    while True:
        partial = os.path.join(folder, ".%s.%d.%s.partial" % (name[:100], os.getpid(), secrets.token_hex(4)))
        try:
            return os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), partial
        except FileExistsError:
            continue
