"""
Generated fleets for the tests.

The templates are the bundled example sosreports (examples/make_examples.py:
a Debian 2.6.32 host with the seed's e100 rx failure, and a healthy RHEL 8
host), copied to tests/fixtures/fleet/.  Each generated archive is one
template with its host name replaced everywhere (etc/hostname, hostname
outputs, syslog host field) and its top folder renamed, packed as .tar.gz the
way sos packs (one top folder).  Archive i uses template i % 2.
"""

import io
import os
import tarfile

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(__file__)), "fixtures", "fleet")
TEMPLATES = (
    ("sosreport-e100-rx-failure.tar.xz", b"e100-host"),
    ("sosreport-healthy.tar.xz", b"healthy-host"),
)


def fixture(name):
    return os.path.join(FIXTURES, name)


def _load_template(name):
    """[(TarInfo, bytes or None)] of a template archive, read once."""
    members = []
    with tarfile.open(fixture(name)) as archive:
        for member in archive.getmembers():
            data = archive.extractfile(member).read() if member.isfile() else None
            members.append((member, data))
    return members


def host_name(index):
    return "fleet-host-%02d" % index


def make_archive(folder, index, templates):
    """Write archive ``index`` into ``folder`` and return its path."""
    (members, template_host) = templates[index % len(templates)]
    host = host_name(index).encode()
    top = "sosreport-%s" % host.decode()
    path = os.path.join(folder, top + ".tar.gz")
    with tarfile.open(path, "w:gz", compresslevel=1) as out:
        for member, data in members:
            renamed = tarfile.TarInfo(top + member.name[member.name.index("/"):] if "/" in member.name else top)
            renamed.type, renamed.mode, renamed.mtime = member.type, member.mode, member.mtime
            renamed.linkname = member.linkname
            if data is not None:
                data = data.replace(template_host, host)
                renamed.size = len(data)
                out.addfile(renamed, io.BytesIO(data))
            else:
                out.addfile(renamed)
    return path


def make_archives(folder, count):
    templates = [(_load_template(name), host) for name, host in TEMPLATES]
    return [make_archive(folder, index, templates) for index in range(count)]
