"""
Opening one input safely: kind detection and extraction into a private work
area.

:func:`open_input` is the only entry point.  It accepts a sosreport or
insights-client archive (``.tar.xz``, ``.tar.gz``, ``.tar.bz2``, ``.tar``,
``.zip``), an extracted directory (also one level nested, as ticket tools
unpack them: a folder holding one sosreport folder or one archive), a plain
kernel log file (also gzip/xz/bzip2-compressed, as logrotate leaves them), or nothing (the live host), and yields an
:class:`OpenedInput`: the directory to analyse and the insights-core context
class that fits it.  The user's input is only ever read; archives are
extracted with :mod:`pagealloc.archive.extract`, directories copied with
:mod:`pagealloc.archive.snapshot` (FIFOs, devices and links out of the tree
skipped, with a note), both under
:class:`~pagealloc.archive.limits.ExtractionLimits`, and the work area is
removed when the ``with`` block ends.

Examples:
    >>> import os, tempfile
    >>> log = os.path.join(tempfile.mkdtemp(), "dmesg")
    >>> with open(log, "w") as f:
    ...     _ = f.write("[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20\\n")
    >>> with open_input(log) as opened:
    ...     print(opened.kind, opened.context.__name__, sorted(os.listdir(opened.root)))
    log SosArchiveContext ['sos_commands']
"""

import errno
import os
import shutil
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import List, Optional

from pagealloc.archive import kinds, read_ahead
from pagealloc.archive.extract import (
    CORRUPT_ARCHIVE_ERRORS,
    WORK_AREA_ERRNOS,
    Budget,
    check_finished_tree,
    copy_stream,
    display_name,
    extract_tar,
    extract_zip,
    one_line,
    unpack_failure,
)
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.archive.selection import Selection, SelectionMiss
from pagealloc.archive.snapshot import copy_directory
from pagealloc.archive.workdir import private_workdir
from pagealloc.errors import InputError
from pagealloc.kernlog import streamed
from pagealloc.kernlog.text_encoding import as_utf8, codec_of

#: values of ``pagealloc triage --context``
CONTEXT_CHOICES = ("sos", "insights", "log", "dir", "host")

# Names of insights-core context classes, imported only when an input is
# opened: importing insights-core costs every pagealloc command (even
# --version and parse-log) about 0.1 s of start-up.
CONTEXT_CLASSES = {
    "sos": "SosArchiveContext",
    "insights": "HostArchiveContext",  # legacy insights-client layout (insights_commands/)
    "serialized": "SerializedArchiveContext",  # insights-core collection (insights_archive.txt)
    "dir": "HostArchiveContext",  # a copy of a root filesystem: files only
    "log": "SosArchiveContext",  # a plain log placed where sosreports keep it
    "host": "HostContext",
}

# Relative paths that make a directory without context markers worth
# analysing as a filesystem copy (pagealloc's own inputs, specs/default.py).
KNOWN_INPUT_FILES = ("proc/zoneinfo", "proc/meminfo", "proc/sys/vm/min_free_kbytes", "var/log/messages",
                     "var/log/kern.log", "var/log/syslog", "var/log/dmesg", "etc/sysctl.conf")

# Where a plain log goes in the synthetic tree: the paths pagealloc's sos specs read.
LOG_PLACEMENT = {"dmesg": ("sos_commands", "kernel", "dmesg"), "syslog": ("var", "log", "messages")}


@dataclass
class OpenedInput:
    source: Optional[str]  # the user's path, None for the live host
    kind: str  # "sos" | "insights" | "serialized" | "dir" | "log" | "host"
    packing: str  # "directory", "tar.xz", "zip", ..., "text" (plain log), "live"
    root: str  # the directory insights-core reads
    notes: List[str] = field(default_factory=list)
    work: Optional[str] = None  # the private work area (its first level: copy/, extracted/, nested/, log/)
    skipped: List[str] = field(default_factory=list)  # what the copy of a directory skipped, as work-area paths

    def unread_in_root(self):
        """The skipped paths inside the analysed tree, absolute in it (``/etc/sysctl.d``)."""
        inside = []
        for path in self.skipped:
            relative = os.path.relpath(path, self.root)
            if relative != os.curdir and not relative.startswith(os.pardir + os.sep) and relative != os.pardir:
                inside.append("/" + relative.replace(os.sep, "/"))
        return sorted(inside)

    def input_path(self, work_path):
        """The user's name of a file of the work area ("sos_commands/kernel/dmesg" of the archive or
        folder given), or None for a path outside it."""
        if not self.work or not isinstance(work_path, str):
            return None
        relative = os.path.relpath(work_path, self.work)
        parts = relative.split(os.sep)
        if relative.startswith(os.pardir) or len(parts) < 2:
            return None
        return os.sep.join(parts[1:])

    @property
    def context(self):
        from insights.core import context

        return getattr(context, CONTEXT_CLASSES[self.kind])


@contextmanager
def open_input(path=None, context=None, limits=None, progress=None, wanted=None, logs=None):
    """Yield an :class:`OpenedInput` for ``path`` (None: the live host).

    ``context`` forces the kind (one of :data:`CONTEXT_CHOICES`); ``limits``
    defaults to :meth:`ExtractionLimits.from_env`; ``progress`` (optional)
    gets ``update(bytes_written)`` calls while extracting.  ``wanted``
    (optional, relative glob patterns: the paths the specs read) limits the
    files unpacked from an archive to those (:mod:`pagealloc.archive.selection`); ``logs``
    (optional, with ``wanted``: a :class:`~pagealloc.archive.log_members.LogMembers`) names the
    large kernel logs that are scanned while unpacking instead of written.  Raises
    :class:`InputError` when the input cannot be analysed.
    """
    if context is not None and context not in CONTEXT_CHOICES:
        raise InputError("unknown context %r (choose from %s)" % (context, ", ".join(CONTEXT_CHOICES)))
    if path is None or context == "host":
        if path is not None:
            raise InputError("--context host analyses the running system and takes no PATH")
        yield OpenedInput(source=None, kind="host", packing="live", root="/")
        return
    path = os.fspath(path)
    if not os.path.exists(path):
        raise InputError("%s: no such file or directory" % path)
    require_readable(path)
    limits = limits or ExtractionLimits.from_env()
    with private_workdir() as work:
        selection = Selection(tuple(wanted) + KNOWN_INPUT_FILES) if wanted is not None else None
        if selection is not None:
            selection.logs = logs
        try:
            opened = locate(path, work, context, limits, progress, selection)
            opened.work = work
            yield opened
        finally:
            streamed.forget(work)


@contextmanager
def decompressing_early(path, context=None):
    """Start decompressing the archive ``path`` in the background now (:func:`read_ahead.early`),
    so that it overlaps what the caller does before :func:`open_input`; a no-op for anything
    but a compressed tar file."""
    with ExitStack() as stack:
        opener = None
        if path is not None and context not in ("host", "log") and os.path.isfile(kinds.readable(path)):
            try:
                stack.enter_context(kinds.pinned(path))  # open_input reads through the same descriptor
                packing = kinds.sniff_packing(path)
                if kinds.compressed_log_head(path, packing) is None:
                    opener = kinds.STREAM_OPENERS.get(packing)
            except OSError:
                pass  # open_input says why
        if opener is not None:
            stack.enter_context(read_ahead.early(path, opener))
        yield


def require_readable(path):
    """InputError "cannot read" for an input this user may not read (not an internal error)."""
    try:
        if os.path.isdir(path):
            os.listdir(path)
        elif os.path.isfile(kinds.readable(path)):  # a FIFO or a device is refused by locate(), never opened
            os.close(os.open(kinds.readable(path), os.O_RDONLY | os.O_NONBLOCK))
    except OSError as exc:
        raise InputError("%s: cannot read (%s)" % (path, exc.strerror or one_line(exc))) from exc


def locate(path, work, forced, limits, progress, selection=None):
    notes, skipped = [], []
    if os.path.isdir(path):
        if forced == "log":
            raise InputError("%s: --context log needs a log file, not a directory" % path)
        if kinds.is_pseudo_file(os.stat(path)):  # /proc: the live host's own files, not a copy of them
            raise InputError("%s: %s" % (path, kinds.PSEUDO_FILE.replace("pseudo-file", "pseudo-file folder")))
        # copied first, under the archive limits: FIFOs, devices and links out of it never reach a spec
        budget = Budget(limits, limits.max_total_bytes, path, progress)
        tree, packing = os.path.join(work, "copy"), "directory"
        try:  # through the descriptor a fleet run pinned it by (kinds.pinned), if it did
            notes.extend(copy_directory(kinds.readable(path), tree, budget, skipped))
        except OSError as exc:
            if exc.errno in WORK_AREA_ERRNOS and exc.errno != errno.EACCES:
                raise unpack_failure(budget, exc) from exc
            raise InputError("%s: cannot read the directory (%s)" % (path, exc.strerror or one_line(exc))) from exc
        inner = inner_archive(tree)
        if inner:
            notes.append("analysed %s found inside the directory" % display_name(os.path.basename(inner[0])))
            packing = inner[1]
            tree = unpack(inner[0], packing, os.path.join(work, "extracted"),
                          Budget(limits, os.path.getsize(inner[0]), path, progress), selection)
    elif os.path.isfile(kinds.readable(path)):  # pinned by the caller: that file, whatever is at the path now
        try:
            with kinds.pinned(path):  # opened once, read through that descriptor: a swap cannot reach us
                return locate_file(path, work, forced, limits, progress, selection)
        except kinds.NotRegularFile as exc:
            raise InputError("%s: %s" % (path, exc)) from exc
    else:
        raise InputError("%s: not a regular file or directory" % path)
    kind, root = classify(tree, forced, path)
    return OpenedInput(source=path, kind=kind, packing=packing, root=root, notes=notes,
                       skipped=[os.path.join(os.path.join(work, "copy"), p) for p in skipped])


def locate_file(path, work, forced, limits, progress, selection):
    """:func:`locate` for a file (pinned: :func:`kinds.pinned`)."""
    notes = []
    packing = kinds.sniff_packing(path)
    if forced == "log" or packing == "text":
        return place_log(path, work, limits, progress)
    if kinds.compressed_log_head(path, packing) is not None:
        return place_log(path, work, limits, progress, compression=packing.split(".")[-1])
    if packing == "empty":
        raise InputError("%s: empty file" % path)
    if packing not in kinds.ARCHIVE_PACKINGS:
        raise InputError("%s: neither an archive (tar, tar.gz, tar.bz2, tar.xz, zip) nor a text log" % path)
    budget = Budget(limits, os.path.getsize(kinds.readable(path)), path, progress)
    tree = unpack(path, packing, os.path.join(work, "extracted"), budget, selection)
    inner = inner_archive(tree)
    if inner:  # one level of nesting (an archive of the archive), same budget
        notes.append("analysed %s found inside the archive" % display_name(os.path.basename(inner[0])))
        tree = unpack(inner[0], inner[1], os.path.join(work, "nested"), budget, selection)
    kind, root = classify(tree, forced, path)
    return OpenedInput(source=path, kind=kind, packing=packing, root=root, notes=notes)


def inner_archive(directory):
    """(path, packing) of the one archive ``directory`` holds (checksum files aside), else None."""
    inner = kinds.single_entry(directory)
    if inner and kinds.is_regular_file(inner):  # never a link: it may point anywhere
        packing = kinds.sniff_packing(inner)
        if packing in kinds.ARCHIVE_PACKINGS:
            return inner, packing
    return None


def unpack(archive, packing, dest, budget, selection=None):
    """Extract ``archive`` into the new directory ``dest``: the ``selection`` of its files (None: all)."""
    entries, written = budget.entries, budget.written
    os.mkdir(dest, 0o700)
    try:
        extract_archive(archive, packing, dest, budget, selection)
    except SelectionMiss:  # a link or collection the selection cannot serve: everything, counted afresh
        streamed.forget(dest)
        shutil.rmtree(dest)
        os.mkdir(dest, 0o700)
        budget.entries, budget.written = entries, written
        extract_archive(archive, packing, dest, budget, None)
    if not os.listdir(dest):
        raise InputError("%s: the archive is empty" % budget.label)
    check_finished_tree(dest, budget.label)
    return dest


def extract_archive(archive, packing, dest, budget, selection):
    if packing == "zip":
        extract_zip(archive, dest, budget, selection)
    else:
        extract_tar(archive, dest, budget, kinds.STREAM_OPENERS.get(packing, open), selection,
                    selection and selection.logs)


def classify(tree, forced, label):
    """(kind, root) of an extracted or given tree, by insights-core's markers."""
    found = kinds.marker_roots(tree)
    if forced == "dir":
        inner = kinds.single_entry(tree)  # an archive's top folder holds the tree
        return "dir", inner if inner and os.path.isdir(inner) and not os.path.islink(inner) else tree
    candidates = [(kind, root) for kind in ("serialized", "insights", "sos") for root in found[kind]]
    if forced == "sos":
        candidates = [c for c in candidates if c[0] == "sos"]
    elif forced == "insights":
        candidates = [c for c in candidates if c[0] in ("serialized", "insights")]
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise InputError("%s: holds %d reports (%s); pass one at a time"
                         % (label, len(candidates), ", ".join(sorted({k for k, _ in candidates}))))
    if forced in ("sos", "insights"):
        raise InputError("%s: no %s archive found (no %s)" % (label, forced, {
            "sos": kinds.SOS_MARKER, "insights": kinds.INSIGHTS_LEGACY_MARKER + "/"}[forced]))
    if any(os.path.isfile(os.path.join(tree, known)) for known in KNOWN_INPUT_FILES):
        return "dir", tree
    deeper = inner_archive(tree)
    if deeper:  # a tar of a tar of the sosreport: say so, not "no sosreport found"
        raise InputError("%s: holds %s inside the archive it holds: one level of nesting is unpacked, not two; "
                         "unpack the outer archive and analyse the one inside" % (
                             label, display_name(os.path.basename(deeper[0]))))
    raise InputError("%s: no sosreport, insights-client archive or known input file found" % label)


def place_log(path, work, limits, progress, compression=None):
    """Copy (decompressing a gz/xz/bz2 one) a plain log where a sosreport keeps it, so the same specs read it."""
    opener = kinds.STREAM_OPENERS["tar." + compression] if compression else open
    try:
        head = kinds.read_head(path, opener)
        placement = LOG_PLACEMENT["syslog" if kinds.looks_like_syslog(head) else "dmesg"]
        root = os.path.join(work, "log")
        target = os.path.join(root, *placement)
        os.makedirs(os.path.dirname(target), mode=0o700)
        budget = Budget(limits, os.path.getsize(kinds.readable(path)) or 1, path, progress)
        if compression is None and codec_of(head) in (None, "utf-8-sig"):  # its size is what would be copied
            budget.add_bytes(0, budget.compressed_bytes, os.path.basename(path))  # a sparse 20 GB log: at once
        with opener(kinds.readable(path), "rb") as raw, as_utf8(raw) as source:  # UTF-16: placed as UTF-8
            copy_stream(source, target, budget, os.path.basename(path))
    except InputError:
        raise
    except OSError as exc:
        if exc.errno in WORK_AREA_ERRNOS and exc.errno != errno.EACCES:  # our disk's trouble, not the log's
            raise unpack_failure(Budget(limits, 1, path), exc) from exc
        raise InputError("%s: corrupt or truncated %s log (%s)" % (path, compression or "text", one_line(exc))) from exc
    except CORRUPT_ARCHIVE_ERRORS as exc:
        raise InputError("%s: corrupt or truncated %s log (%s)" % (path, compression or "text", one_line(exc))) from exc
    if not os.path.getsize(target):
        raise InputError("%s: empty file" % path)
    note = ("plain log file, read as a sosreport's %s: only log-based checks apply (the host's "
            "sosreport adds the memory picture and the running values)" % "/".join(placement))
    packing = "text." + compression if compression else "text"
    return OpenedInput(source=path, kind="log", packing=packing, root=root, notes=[note])


__all__ = ["CONTEXT_CHOICES", "ExtractionLimits", "InputError", "OpenedInput", "open_input"]
