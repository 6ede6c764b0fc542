"""
Fuzz target for the archive opener (pagealloc.archive.open_input).

Run with atheris when it is installed (``pip install atheris``)::

    python tests/fuzz_archive.py -max_total_time=600 CORPUS_DIR

Seed CORPUS_DIR with small valid archives (``tests/test_archive_fuzz.py``'s
``valid_archives()`` builds one of each packing).

Any input must either open or raise InputError; anything else (a traceback,
a file written outside the work area, a symlink of the opened tree that
resolves outside the work area) is a bug.  The suite runs the same
property with hypothesis (tests/test_archive_fuzz.py).
"""

import os
import sys
import tempfile

from pagealloc.archive import open_input
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.errors import InputError

# small limits: the fuzzer must not fill the disk when it finds a good compressor
FUZZ_LIMITS = ExtractionLimits(max_total_bytes=8 * 2**20, max_file_bytes=4 * 2**20, max_entries=500,
                               max_ratio=1000, ratio_floor_bytes=2**20)


def open_bytes(data, suffix=".tar.xz"):
    """Write ``data`` to a file and open it; returns the kind or the InputError message."""
    with tempfile.TemporaryDirectory(prefix="pagealloc-fuzz-") as scratch:
        path = os.path.join(scratch, "input" + suffix)
        with open(path, "wb") as stream:
            stream.write(data)
        try:
            with open_input(path, limits=FUZZ_LIMITS) as opened:
                assert_links_inside(opened.root)
                return opened.kind
        except InputError as exc:
            assert "\n" not in str(exc)
            return str(exc)
        finally:
            assert os.listdir(scratch) == ["input" + suffix], "something was written next to the input"


def assert_links_inside(root):
    """Every symlink of the extracted tree that holds ``root`` (the child of the work area:
    ``extracted``, ``nested`` or ``log``) resolves inside that tree."""
    area = os.path.realpath(root)
    while not os.path.basename(os.path.dirname(area)).startswith("pagealloc-"):  # private_workdir's directory
        area = os.path.dirname(area)
        assert area != os.sep, "%s is not inside a pagealloc work area" % root
    for dirpath, dirnames, filenames in os.walk(area):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                resolved = os.path.realpath(path)
                assert resolved == area or resolved.startswith(area + os.sep), (path, os.readlink(path))


def test_one_input(data):
    open_bytes(data)


def main(argv):
    import atheris  # optional: pip install atheris

    atheris.instrument_all()  # coverage feedback from the opener, tarfile, zipfile and the decompressors
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":  # pragma: no cover
    main(sys.argv)
