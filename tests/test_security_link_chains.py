"""
A chain of symbolic links longer than the kernel follows in one lookup (40, MAXSYMLINKS) leads nowhere:
the first link past the limit is refused with that reason.  Before, 30,000 links each pointing to the one
before made Python's tar filter resolve every chain again by recursion, 7.6 s, and ended in "corrupt or
truncated archive (maximum recursion depth exceeded)", which blames a broken download.  A chain the kernel
follows (40 links) and a loop of two links are unpacked as before.
"""

import io
import os
import tarfile

import pytest

from pagealloc.archive import extract
from pagealloc.archive.extract import Budget
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.errors import InputError


def chain(path, links):
    with tarfile.open(path, "w") as archive:
        data = tarfile.TarInfo("sosreport-c/l0")
        data.size = 1
        archive.addfile(data, io.BytesIO(b"x"))
        for index in range(1, links + 1):
            link = tarfile.TarInfo("sosreport-c/l%d" % index)
            link.type, link.linkname = tarfile.SYMTYPE, "l%d" % (index - 1)
            archive.addfile(link)


def unpack(tmp_path, path):
    dest = tmp_path / "out"
    dest.mkdir()
    extract.extract_tar(str(path), str(dest), Budget(ExtractionLimits(), os.path.getsize(path), "c.tar"))
    return dest


def test_a_chain_past_the_kernel_limit_is_refused_at_its_first_link_past_it(tmp_path):
    path = tmp_path / "c.tar"
    chain(path, 2000)
    with pytest.raises(InputError, match="link sosreport-c/l41 leads through a chain of more than 40 links"):
        unpack(tmp_path, path)


def test_a_chain_the_kernel_follows_is_unpacked(tmp_path):
    path = tmp_path / "c.tar"
    chain(path, 40)
    dest = unpack(tmp_path, path)
    with open(dest / "sosreport-c" / "l40") as handle:  # the kernel follows all 40
        assert handle.read() == "x"
