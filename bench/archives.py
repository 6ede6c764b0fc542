"""
Benchmark archives
==================

Deterministic sosreports built from a template archive (the bundled
examples, ``examples/*.tar.xz``, packed the way sos packs: one top folder):

* :func:`write_fleet`: many small archives, template ``i % len(templates)``
  with its host name replaced everywhere (``etc/hostname``, hostname outputs,
  the syslog host field) and its top folder renamed;
* :func:`write_big_sosreport`: one template whose ``var/log/messages`` is
  preceded by ordinary syslog traffic up to a given size (what
  ``sos report --all-logs`` collects from a busy host);
* :func:`write_sosreport_with_messages`: a real sosreport (made by ``sos
  report`` on this machine, whose journald keeps no ``/var/log/messages``)
  with a ``var/log/messages`` of a given size added: ordinary syslog traffic
  with page allocation failure reports spread through it.

The output bytes depend only on the inputs: fixed member times, gzip header
time 0, xz (which stores no time).

Examples:
    >>> import tarfile, tempfile, io, os
    >>> tmp = tempfile.TemporaryDirectory()
    >>> tpl = os.path.join(tmp.name, "tpl.tar")
    >>> with tarfile.open(tpl, "w") as t:
    ...     for name, text in (("sosreport-a/etc/hostname", b"web-1\\n"),
    ...                        ("sosreport-a/var/log/messages", b"Jun 17 18:30:00 web-1 kernel: hi\\n")):
    ...         info = tarfile.TarInfo(name); info.size = len(text); t.addfile(info, io.BytesIO(text))
    >>> paths = write_fleet(tmp.name, 3, [load_template(tpl)])
    >>> [os.path.basename(p) for p in paths]
    ['sosreport-fleet-host-000.tar.gz', 'sosreport-fleet-host-001.tar.gz', 'sosreport-fleet-host-002.tar.gz']
    >>> with tarfile.open(paths[1]) as archive:
    ...     archive.extractfile("sosreport-fleet-host-001/etc/hostname").read()
    b'fleet-host-001\\n'
    >>> tmp.cleanup()
"""

import gzip
import io
import lzma
import os
import tarfile
import tempfile
from collections import namedtuple

from bench.logs import write_messages

#: members: [(TarInfo, bytes or None)] in archive order; host: the template's
#: host name (from etc/hostname); top: its top folder.
Template = namedtuple("Template", "members host top")

MTIME = 1700000000  # every member gets this time: same inputs, same bytes


def load_template(path):
    members, host = [], None
    with tarfile.open(path) as archive:
        for member in archive.getmembers():
            data = archive.extractfile(member).read() if member.isfile() else None
            members.append((member, data))
            if member.name.endswith("/etc/hostname") and member.name.count("/") == 2:
                host = data.strip()
    if not members or host is None:
        raise ValueError("%s: not a sosreport with etc/hostname" % path)
    return Template(members, host, members[0][0].name.split("/")[0])


def _renamed(member, top):
    rest = member.name.split("/", 1)
    info = tarfile.TarInfo(top + "/" + rest[1] if len(rest) == 2 else top)
    info.type, info.mode, info.mtime, info.linkname = member.type, member.mode, MTIME, member.linkname
    return info


def _open_tar(path):
    """A tar writer for path (.tar.gz or .tar.xz) whose bytes are reproducible."""
    raw = open(path, "wb")
    if path.endswith(".gz"):
        stream = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=1, mtime=0)
    elif path.endswith(".xz"):
        stream = lzma.LZMAFile(raw, "wb", preset=1)
    else:
        raise ValueError("archive name must end in .tar.gz or .tar.xz: %s" % path)
    return raw, stream, tarfile.open(fileobj=stream, mode="w", format=tarfile.GNU_FORMAT)


def _write(path, top, members, replace=None):
    """Write members under a new top folder; ``replace`` = (old, new) bytes
    in every file, or a {member name: file path} override for big files."""
    raw, stream, out = _open_tar(path)
    try:
        for member, data in members:
            info = _renamed(member, top)
            if data is None:
                out.addfile(info)
            elif callable(replace):
                source = replace(member.name, data)
                info.size = source.seek(0, io.SEEK_END)
                source.seek(0)
                out.addfile(info, source)
            else:
                data = data.replace(*replace) if replace else data
                info.size = len(data)
                out.addfile(info, io.BytesIO(data))
    finally:
        out.close()
        stream.close()
        raw.close()
    return path


def host_name(index):
    return "fleet-host-%03d" % index


def write_fleet(folder, count, templates):
    """``count`` archives sosreport-fleet-host-NNN.tar.gz in folder; returns their paths."""
    paths = []
    for index in range(count):
        template = templates[index % len(templates)]
        host = host_name(index)
        path = os.path.join(folder, "sosreport-%s.tar.gz" % host)
        paths.append(_write(path, "sosreport-" + host, template.members, (template.host, host.encode())))
    return paths


def write_copies(folder, count, template, suffix=".tar.xz"):
    """``count`` copies of a real sosreport, each under its own top folder and host name
    (only ``etc/hostname`` changes: a byte replace of a short real host name would hit other
    files, e.g. ``vm`` in ``vm.min_free_kbytes``); returns their paths."""
    paths = []
    for index in range(count):
        host = "sized-host-%03d" % index

        def renamed(name, data, host=host):
            return io.BytesIO(host.encode() + b"\n" if name.endswith("/etc/hostname") else data)

        path = os.path.join(folder, "sosreport-%s%s" % (host, suffix))
        paths.append(_write(path, "sosreport-" + host, template.members, renamed))
    return paths


def write_big_sosreport(path, template, messages_bytes, seed=1):
    """The template with ``messages_bytes`` of ordinary traffic before its
    own var/log/messages lines (so its failure report stays the most recent).
    Returns the size of the new messages file."""
    top = template.top + "-big"
    sizes = {}
    with tempfile.TemporaryFile(dir=os.path.dirname(os.path.abspath(path))) as filler:

        def grow_messages(name, data):
            if not name.endswith("/var/log/messages"):
                return io.BytesIO(data)
            filler.seek(0)
            filler.truncate()
            write_messages(filler, messages_bytes, reports=0, seed=seed, host=template.host.decode())
            filler.write(data)
            sizes["messages"] = filler.tell()
            return filler

        _write(path, top, template.members, grow_messages)
    if "messages" not in sizes:
        raise ValueError("template %s has no var/log/messages" % template.top)
    return sizes["messages"]


def _missing_folders(template, path):
    """Folder members a new file ``path`` (below the top folder) needs, outermost first."""
    have = {member.name for member, _data in template.members}
    parts = path.split("/")[:-1]
    folders = ["/".join([template.top] + parts[:i]) for i in range(1, len(parts) + 1)]
    out = []
    for name in folders:
        if name not in have:
            info = tarfile.TarInfo(name)
            info.type, info.mode, info.mtime = tarfile.DIRTYPE, 0o755, MTIME
            out.append((info, None))
    return out


def write_sosreport_with_messages(path, template, messages_bytes, reports=2, seed=1):
    """The template with ``var/log/messages`` of about ``messages_bytes`` (its own, if any,
    replaced): ordinary traffic and ``reports`` failure reports spread through it.
    Returns the facts a check needs (messages size, reports)."""
    name = "var/log/messages"
    facts = {}
    with tempfile.TemporaryFile(dir=os.path.dirname(os.path.abspath(path))) as messages:
        written = write_messages(messages, messages_bytes, reports=reports, seed=seed, host=template.host.decode())
        facts.update(messages_bytes=written["bytes"], page_allocation_failures=written["page_allocation_failures"])
        info = tarfile.TarInfo(template.top + "/" + name)
        info.mode = 0o600
        kept = [(m, d) for m, d in template.members if m.name != info.name]
        members = kept + _missing_folders(template, name) + [(info, b"")]

        def messages_file(member_name, data):
            if member_name != info.name:
                return io.BytesIO(data)
            messages.seek(0)
            return messages

        _write(path, template.top, members, messages_file)
    return facts
