"""
Bundles - several hosts' sosreports in one archive or folder
============================================================

``sos collect`` (sos/collector/__init__.py, ``create_cluster_archive``) runs
``sos report`` on every node of a cluster and packs the node reports, as
they are, into one ``sos-collector-[LABEL-][CASE-]DATE-RANDOM.tar.gz``
(also ``-obfuscated`` after ``--clean``)::

    sos-collector-2026-11-30-abcde/
        checksums/sosreport-node1-2026-11-30-xyz.tar.xz.md5
        sos_logs/sos.log, sos_logs/ui.log
        sos_reports/manifest.json
        sosreport-node1-2026-11-30-xyz.tar.xz
        sosreport-node2-2026-11-30-uvw.tar.xz

A bundle is expanded into one job per host: its members.

* **Folder** (an unpacked bundle, or any folder holding several
  sosreports): the archives and report folders directly inside it (or inside
  its single top folder), sos collect's own folders and checksum files
  aside; at least two, otherwise it is an ordinary input.  Members are plain
  paths.
* **Tar archive** (any compression): regular files at the top or one level
  down whose names end like an archive.  Only the headers are read, and a
  plain sosreport is recognised from its first entries (its own deep
  folders), so checking every nightly archive costs a few kB each.  Members
  are named ``BUNDLE!MEMBER`` (the member's path inside the tar, as Java
  names jar entries); the job copies that one member, within the extraction
  limits, into a private work dir and analyses it (:func:`evaluate_source`).

Examples:
    >>> split_member("/no/such/bundle.tar.gz!sos-collector-x/sosreport-a.tar.xz") is None
    True
    >>> member_source("/srv/c.tar.gz", "sos-collector-x/sosreport-a.tar.xz")
    '/srv/c.tar.gz!sos-collector-x/sosreport-a.tar.xz'
"""

import os
import tarfile
from contextlib import contextmanager

from pagealloc.archive import kinds
from pagealloc.archive.extract import CORRUPT_ARCHIVE_ERRORS, Budget, copy_stream, display_name
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.archive.workdir import private_workdir
from pagealloc.errors import InputError

SEPARATOR = "!"
# Names sosreports and insights-client archives are packed under (sos: tar.xz by
# default, --compression-type gzip/bzip2 in 3.x; insights-client: tar.gz).
ARCHIVE_SUFFIXES = (".tar.xz", ".tar.gz", ".tar.bz2", ".tgz", ".txz", ".tar", ".zip")
# sos collect's own folders beside the node reports (create_cluster_archive).
SOS_COLLECT_FOLDERS = ("checksums", "sos_logs", "sos_reports")
REPORT_MARKERS = (kinds.SOS_MARKER, kinds.INSIGHTS_LEGACY_MARKER, kinds.INSIGHTS_CORE_MARKER)
TAR_PACKINGS = ("tar", "tar.gz", "tar.xz", "tar.bz2")


def member_source(bundle, member):
    return bundle + SEPARATOR + member


def split_member(source):
    """(bundle, member) of a ``BUNDLE!MEMBER`` source whose bundle is a file, else None.

    A path that exists as it is (even with ``!`` in it) is never split.
    """
    if SEPARATOR not in source or "://" in source or os.path.lexists(source):
        return None
    index = source.rfind(SEPARATOR)
    while index > 0:
        if os.path.isfile(source[:index]):
            return source[:index], source[index + 1:]
        index = source.rfind(SEPARATOR, 0, index)
    return None


def _is_report_dir(path):
    return any(os.path.exists(os.path.join(path, marker)) for marker in REPORT_MARKERS)


def directory_members(path):
    """The sosreports (archives, report folders) of a bundle folder, or [] for anything else."""
    if _is_report_dir(path):
        return []
    top = path
    single = kinds.single_entry(path)
    if single and os.path.isdir(single) and not os.path.islink(single) and not _is_report_dir(single):
        top = single
    members = []
    for name in sorted(os.listdir(top)):
        entry = os.path.join(top, name)
        if name.startswith(".") or name in SOS_COLLECT_FOLDERS or os.path.islink(entry):
            continue
        if os.path.isfile(entry) and name.endswith(ARCHIVE_SUFFIXES):
            members.append(entry)
        elif os.path.isdir(entry) and _is_report_dir(entry):
            members.append(entry)
    return members if len(members) >= 2 else []


def _parts(name):
    return [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]


@contextmanager
def _tar_stream(path, packing):
    opener = kinds.STREAM_OPENERS.get(packing, open)
    with kinds.pinned(path) as through, opener(through, "rb") as raw, tarfile.open(fileobj=raw, mode="r|") as tar:
        yield tar


def tar_members(path, limits=None):
    """The member names of a tar bundle, or [] when ``path`` is not one (a plain archive, not a tar)."""
    try:
        with kinds.pinned(path):  # opened once: a FIFO swapped in between the opens is never waited on
            return _tar_members(path, limits)
    except OSError:
        return []


def _tar_members(path, limits):
    packing = kinds.sniff_packing(path)
    if packing not in TAR_PACKINGS or kinds.compressed_log_head(path, packing) is not None:
        return []
    limits = limits or ExtractionLimits.from_env()
    members = []
    try:
        with _tar_stream(path, packing) as tar:
            for count, info in enumerate(tar, 1):
                if count > limits.max_entries:
                    raise InputError("%s: more than %d entries (limit PAGEALLOC_MAX_ENTRIES / --max-entries)"
                                     % (path, limits.max_entries))
                parts = _parts(info.name)
                if info.isfile() and 1 <= len(parts) <= 2 and parts[-1].endswith(ARCHIVE_SUFFIXES):
                    if info.name in members:  # unpacking keeps the last: which host's report is it?
                        raise InputError("%s: holds the member %s twice: which one is the host's cannot be told"
                                         % (path, display_name(info.name)))
                    members.append(info.name)
                elif len(parts) >= 3 and parts[1] not in SOS_COLLECT_FOLDERS:
                    if not members:
                        return []  # an ordinary report: its own tree comes early in the stream
                elif len(parts) >= 2 and parts[-1] in REPORT_MARKERS:
                    return []
    except CORRUPT_ARCHIVE_ERRORS:
        return []  # the analysis reports what is wrong with it
    return members if len(members) >= 2 else []


def _tar_member_sources(bundle, names, members):
    """The ``BUNDLE!MEMBER`` sources of ``names``, each noted in ``members`` (a dict, optional) as the
    (bundle, member) it stands for: a file planted in the folder under such a name (``x.tar.xz!node1.tar.xz``)
    is then never analysed in the member's place (it hid a failing node behind a healthy report)."""
    sources = [member_source(bundle, name) for name in names]
    if members is not None:
        members.update(zip(sources, ((bundle, name) for name in names)))
    return sources


def expand_sources(sources, limits=None, members=None):
    """``sources`` with every bundle replaced by its members (order kept, duplicates dropped;
    ``members``: :func:`_tar_member_sources`)."""
    expanded, seen = [], set()
    for source in sources:
        members_of = [source]
        if "://" not in source:
            if os.path.isdir(source):
                members_of = directory_members(source) or [source]
            elif os.path.isfile(source):
                try:
                    members_of = _tar_member_sources(source, tar_members(source, limits), members) or [source]
                except InputError:  # one bad bundle among many: its analysis records why, the run goes on
                    members_of = [source]
        for member in members_of:
            if member not in seen:
                seen.add(member)
                expanded.append(member)
    return expanded


def _is_sos_collect_dir(path):
    """A folder laid out as sos collect leaves it (its own folders beside the node reports)."""
    if _is_report_dir(path):
        return False
    single = kinds.single_entry(path)
    top = single if single and os.path.isdir(single) and not os.path.islink(single) else path
    return any(os.path.isdir(os.path.join(top, name)) for name in SOS_COLLECT_FOLDERS)


def fleet_sources(target, limits=None, follow_links_out=False, skipped=None, identities=None, members=None):
    """The jobs of ``pagealloc fleet run TARGET``: a bundle's members, or the listed sources with bundles expanded
    (``follow_links_out``, ``skipped``, ``identities``: :func:`pagealloc.fleet.sources.list_sources`;
    ``members``: {source: (bundle, member)} of every tar bundle member, for :func:`evaluate_source`)."""
    from pagealloc.fleet.sources import list_sources

    path = os.path.abspath(target)
    if os.path.isfile(path):
        names = tar_members(path, limits)
        if names:
            return _tar_member_sources(path, names, members)
    elif os.path.isdir(path) and _is_sos_collect_dir(path):
        found = directory_members(path)
        if found:
            return found
    return expand_sources(list_sources(target, follow_links_out, skipped, identities), limits, members)


@contextmanager
def extracted_member(bundle, member, limits):
    """A private copy of one bundle member (removed afterwards), within the extraction limits."""
    packing = kinds.sniff_packing(bundle)
    label = member_source(bundle, member)
    with private_workdir() as work:
        target = os.path.join(work, os.path.basename(_parts(member)[-1]) if _parts(member) else "member")
        budget = Budget(limits, os.path.getsize(bundle), label)
        found = False
        try:
            with _tar_stream(bundle, packing) as tar:
                for info in tar:
                    budget.add_entry()
                    if info.name == member and info.isfile():
                        copy_stream(tar.extractfile(info), target, budget, info.name)
                        found = True
                        break
        except InputError:
            raise
        except CORRUPT_ARCHIVE_ERRORS as exc:
            raise InputError("%s: cannot read the bundle: %s" % (display_name(label), exc)) from exc
        if not found:
            raise InputError("%s: no such member in the bundle" % display_name(label))
        yield target


def evaluate_source(source, listed=None, members=None, **kwargs):
    """:func:`pagealloc.evaluate.evaluate_path` for a path or a ``BUNDLE!MEMBER`` source.

    ``listed`` ({path: :class:`pagealloc.archive.kinds.Listed`}, from the listing of ``fleet run DIR``):
    the entry (or the bundle) is opened once, not through a link the listing did not follow, and must
    be the file the listing saw; swapped for a link or another file since, it is refused and named.
    ``members`` ({source: (bundle, member)}, from :func:`fleet_sources`): what a member source stands
    for, whatever the folder holds under the same name.
    """
    split = members.get(source) if members and source in members else None
    if split is None and isinstance(source, str):
        split = split_member(source)
    entry = split[0] if split else source
    if getattr(source, "listed", None) is not None:  # a worker's checked path (fleet.locations.CheckedPath)
        listed = {source: source.listed}
    expected = listed.get(entry) if listed and isinstance(entry, str) else None
    if expected is None:
        return _evaluate_source(source, split, **kwargs)
    try:
        with kinds.pinned(entry, listed=expected, directory_too=True):
            return _evaluate_source(source, split, **kwargs)
    except kinds.NotRegularFile as exc:
        raise InputError("%s: %s" % (display_name(entry), exc)) from exc
    except FileNotFoundError as exc:
        raise InputError("%s: gone since it was listed or checked" % display_name(entry)) from exc
    except OSError as exc:  # opening it (the analysis's own errors are InputErrors already)
        raise InputError("%s: cannot read (%s)" % (display_name(entry), exc.strerror or exc)) from exc


def _evaluate_source(source, split, **kwargs):
    from pagealloc.evaluate import evaluate_path

    if split is None:
        return evaluate_path(source, **kwargs)
    bundle, member = split
    limits = kwargs.get("limits") or ExtractionLimits.from_env()
    with extracted_member(bundle, member, limits) as path:
        result = evaluate_path(path, **kwargs)
    result["source"] = source
    for event in result.get("events") or []:
        if event.get("source") == path:
            event["source"] = source
    result.setdefault("input", {}).setdefault("notes", []).append(
        "member of the bundle %s" % display_name(os.path.basename(bundle)))
    return result
