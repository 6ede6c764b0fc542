"""
Builders for the archive tests: a minimal sosreport tree holding the seed
report, packed in every packing pagealloc accepts, plus hostile entries that
only a crafted archive contains (made with tarfile/zipfile directly).
"""

import hashlib
import io
import os
import stat
import tarfile
import warnings
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


# --- link-chain attacks (issue 16 item 1) ----------------------------------------------------

CHAIN_DEPTH = 24


def link_chain_entries(outside_path, late=False, prefix="", link_name="inner.tar.xz"):
    """Entries of a tar or zip whose finished tree links ``inner.tar.xz`` to ``outside_path``.

    Every link is inside the tree when it is written.  Re-pointed (default):
    ``y.md5 -> chain.md5/d/.../d`` (24 levels) lets ``inner.tar.xz ->
    y.md5/`` + 25 x ``../`` + the absolute path without its slash resolve
    inside, then a second ``y.md5 -> .`` turns that into a link to
    ``outside_path``.  Late (``late=True``): ``y.md5 -> n.md5/n.md5/.../n.md5``
    (25 levels) while ``n.md5`` does not exist yet, the same ``inner.tar.xz``,
    then a new link ``n.md5 -> .`` collapses all 25 levels: no entry replaces
    anything.  The ``.md5`` names hide the
    chain from the single-entry test.  Each entry: (name, kind, link target)
    with kind "dir" or "symlink".  ``prefix`` (e.g. ``"sosreport-x/"``) puts
    the chain inside a top folder; ``link_name`` may name a nested path
    (``proc/meminfo``).
    """
    deep = "/".join(["d"] * CHAIN_DEPTH)
    escape = ("../" * link_name.count("/") + "y.md5/" + "../" * (CHAIN_DEPTH + 1)
              + outside_path.lstrip("/"))
    if late:
        entries = [("y.md5", "symlink", "/".join(["n.md5"] * (CHAIN_DEPTH + 1))), (link_name, "symlink", escape),
                   ("n.md5", "symlink", ".")]
    else:
        entries = [("chain.md5/" + deep, "dir", None), ("y.md5", "symlink", "chain.md5/" + deep),
                   (link_name, "symlink", escape), ("y.md5", "symlink", ".")]
    return [(prefix + name, kind, target) for name, kind, target in entries]


def write_link_chain(path, outside_path, packing="tar.xz", late=False, prefix="", link_name="inner.tar.xz",
                     extra=(), entries=None):
    """The link-chain archive (:func:`link_chain_entries`) written as ``packing`` at ``path``,
    after the regular files ``extra`` ((name, bytes) pairs); ``entries`` replaces the chain by
    any (name, "dir"|"symlink"|"file", target or bytes) list."""
    chain = link_chain_entries(outside_path, late=late, prefix=prefix, link_name=link_name)
    entries = [(name, "file", data) for name, data in extra] + (chain if entries is None else list(entries))
    if packing == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            for name, kind, target in entries:
                info = zipfile.ZipInfo(name + ("/" if kind == "dir" else ""))
                info.external_attr = ZIP_MODES[kind] << 16
                with warnings.catch_warnings():  # the second y.md5 is a duplicate name on purpose
                    warnings.simplefilter("ignore")
                    archive.writestr(info, target or "")
        return path
    with tarfile.open(path, TAR_MODES[packing]) as archive:
        for name, kind, target in entries:
            info = tarfile.TarInfo(name)
            info.type, info.mode = TAR_TYPES[kind]
            if kind == "file":
                info.size = len(target)
                archive.addfile(info, io.BytesIO(target))
            else:
                info.linkname = target or ""
                archive.addfile(info)
    return path


ZIP_MODES = {"dir": stat.S_IFDIR | 0o755, "symlink": stat.S_IFLNK | 0o777, "file": stat.S_IFREG | 0o644}
TAR_TYPES = {"dir": (tarfile.DIRTYPE, 0o755), "symlink": (tarfile.SYMTYPE, 0o777), "file": (tarfile.REGTYPE, 0o644)}
