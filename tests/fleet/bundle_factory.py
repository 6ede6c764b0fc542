"""
``sos collect`` bundles for the tests, laid out as sos 4.x writes them.

sos/collector/__init__.py ``create_cluster_archive`` adds every node's
sosreport tarball at the top of the archive folder, its checksum under
``checksums/``, the collector's logs under ``sos_logs/`` and the manifest
under ``sos_reports/manifest.json``; sos/archive.py ``_build_archive`` then
tars that folder (``tar.add(root, arcname=name)``: entries in sorted order)
and compresses it with xz or gzip.  Folder name:
``sos-collector-[LABEL-][CASE-]YYYY-MM-DD-xxxxx``.
"""

import gzip
import hashlib
import json
import lzma
import os
import shutil
import tarfile

NAME = "sos-collector-nightly-2026-11-30-qkzjw"


def make_bundle_dir(folder, reports, name=NAME):
    """The unpacked bundle folder holding ``reports`` (paths of sosreport tarballs); its path."""
    root = os.path.join(folder, name)
    for sub in ("checksums", "sos_logs", "sos_reports"):
        os.makedirs(os.path.join(root, sub))
    for report in reports:
        shutil.copyfile(report, os.path.join(root, os.path.basename(report)))
        with open(report, "rb") as handle:
            digest = hashlib.md5(handle.read()).hexdigest()
        with open(os.path.join(root, "checksums", os.path.basename(report) + ".md5"), "w") as handle:
            handle.write(digest + "\n")
    for log in ("sos.log", "ui.log"):
        with open(os.path.join(root, "sos_logs", log), "w") as handle:
            handle.write("2026-11-30 02:10:00,000 INFO: sos-collector (version 4.0)\n")
    with open(os.path.join(root, "sos_reports", "manifest.json"), "w") as handle:
        json.dump({"version": "4.0", "cmdline": "sos collect --batch", "components": {"collect": {}}}, handle)
    return root


def make_bundle(folder, reports, compression="xz", name=NAME):
    """A packed bundle (``name.tar.xz`` or ``.tar.gz``) in ``folder``; its path."""
    staging = os.path.join(folder, "staging")
    os.makedirs(staging)
    root = make_bundle_dir(staging, reports, name)
    plain = os.path.join(staging, name + ".tar")
    with tarfile.open(plain, mode="w") as tar:
        tar.add(root, arcname=name)
    path = os.path.join(folder, "%s.tar.%s" % (name, compression))
    with open(plain, "rb") as source, (lzma.open if compression == "xz" else gzip.open)(path, "wb") as target:
        shutil.copyfileobj(source, target)
    shutil.rmtree(staging)
    return path


def example_reports(examples_dir, folder):
    """The two bundled example sosreports, renamed as sos names node reports."""
    paths = []
    for example, node in (("sosreport-e100-rx-failure.tar.xz", "e100-host"), ("sosreport-healthy.tar.xz", "healthy")):
        path = os.path.join(folder, "sosreport-%s-2026-11-30-abcdefg.tar.xz" % node)
        shutil.copyfile(os.path.join(examples_dir, example), path)
        paths.append(path)
    return paths
