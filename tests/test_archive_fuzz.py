"""
Property tests for the archive opener: any bytes, and any corruption of a
valid archive, either open or raise InputError with one line, and leave
nothing behind (the fuzz target tests/fuzz_archive.py runs the same check
under atheris).
"""

import os
import tempfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pagealloc.tests.archive_factory import PACKINGS, pack, write_sos_tree
from pagealloc.tests.fuzz_archive import open_bytes


def valid_archives():
    """The bytes of a small valid sosreport in every packing (the corpus the mutations start from)."""
    blobs = {}
    with tempfile.TemporaryDirectory(prefix="pagealloc-fuzz-seed-") as scratch:
        tree = write_sos_tree(scratch)
        for packing in PACKINGS:
            with open(pack(tree, scratch, packing), "rb") as stream:
                blobs[packing] = stream.read()
    return blobs


VALID = valid_archives()
FUZZ_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ_SETTINGS
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_open_or_raise_input_error(data):
    open_bytes(data)


@FUZZ_SETTINGS
@given(st.sampled_from(sorted(VALID)), st.data())
def test_corrupted_valid_archives_open_or_raise_input_error(packing, data):
    blob = bytearray(VALID[packing])
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(blob) - 1), st.integers(0, 255)), max_size=8))
    for offset, value in flips:
        blob[offset] = value
    cut = data.draw(st.integers(0, len(blob)))
    result = open_bytes(bytes(blob[:cut]), suffix="." + packing)
    assert result == "sos" or isinstance(result, str)


def test_leftover_work_areas_are_not_created():
    before = set(os.listdir(tempfile.gettempdir()))
    open_bytes(VALID["tar.gz"][:100])
    assert {n for n in set(os.listdir(tempfile.gettempdir())) - before if n.startswith("pagealloc-")} == set()
