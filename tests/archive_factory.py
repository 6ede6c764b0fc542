"""
Builders for the archive tests: a minimal sosreport tree holding the seed
report, packed in every packing pagealloc accepts, plus hostile entries that
only a crafted archive contains (made with tarfile/zipfile directly).
"""

import hashlib
import io
import os
import tarfile
import zipfile

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures", "archives")
PACKINGS = ("tar.xz", "tar.gz", "tar.bz2", "tar", "zip")
TAR_MODES = {"tar.xz": "w:xz", "tar.gz": "w:gz", "tar.bz2": "w:bz2", "tar": "w"}


def seed_dmesg():
    """The seed's dmesg lines (fixture comments dropped)."""
    with open(os.path.join(FIXTURES, "seed_dmesg.txt"), encoding="utf-8") as stream:
        return "".join(line for line in stream if not line.startswith("#"))


def write_sos_tree(parent, name="sosreport-web1-2026-11-26-abcdef", dmesg=None, files=None):
    """A sos 4.x style tree under ``parent/name``; returns its path.

    ``files`` maps relative paths to text (e.g. {"etc/hostname": "web1\\n"}).
    """
    root = os.path.join(parent, name)
    contents = {
        "sos_commands/kernel/dmesg": seed_dmesg() if dmesg is None else dmesg,
        "sos_commands/kernel/uname_-a": "Linux web1 2.6.32-5-686 #1 SMP Mon Mar 7 22:41:46 UTC 2011 i686 GNU/Linux\n",
        "etc/hostname": "web1\n",
        "version.txt": "sosreport: 4.5.6\n",
    }
    contents.update(files or {})
    for relative, text in contents.items():
        path = os.path.join(root, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as stream:
            stream.write(text)
    return root


def pack(tree, out_dir, packing, name=None):
    """Pack directory ``tree`` (kept as the archive's top folder) as ``packing``."""
    base = name or os.path.basename(tree)
    out = os.path.join(out_dir, "%s.%s" % (base, packing))
    if packing == "zip":
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for dirpath, _, filenames in os.walk(tree):
                for filename in filenames:
                    path = os.path.join(dirpath, filename)
                    archive.write(path, os.path.join(base, os.path.relpath(path, tree)))
    else:
        with tarfile.open(out, TAR_MODES[packing]) as archive:
            archive.add(tree, arcname=base)
    return out


def tar_with_entries(path, entries, mode="w:gz"):
    """A tar of crafted entries: (TarInfo fields dict, bytes or None)."""
    with tarfile.open(path, mode) as archive:
        for fields, data in entries:
            info = tarfile.TarInfo(fields.pop("name"))
            for key, value in fields.items():
                setattr(info, key, value)
            if data is not None:
                info.size = len(data)
            archive.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def sos_entries(top="sosreport-x"):
    """The entries of a minimal valid sosreport, to put next to a crafted one."""
    return [({"name": top + "/sos_commands/kernel/dmesg"}, seed_dmesg().encode())]


def tree_checksum(path):
    """A digest of every name, type, mode and content under ``path`` (or of one file)."""
    digest = hashlib.sha256()
    if os.path.isfile(path):
        with open(path, "rb") as stream:
            digest.update(stream.read())
        digest.update(oct(os.stat(path).st_mode).encode())
        return digest.hexdigest()
    for dirpath, dirnames, filenames in sorted(os.walk(path)):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            info = os.lstat(full)
            digest.update(os.path.relpath(full, path).encode("utf-8", "surrogateescape"))
            digest.update(oct(info.st_mode).encode() + str(info.st_mtime_ns).encode())
            if os.path.isfile(full) and not os.path.islink(full):
                with open(full, "rb") as stream:
                    digest.update(stream.read())
    return digest.hexdigest()
