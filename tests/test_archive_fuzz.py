"""
Property tests for the archive opener: any bytes, and any corruption of a
valid archive, either open or raise InputError with one line, and leave
nothing behind (the fuzz target tests/fuzz_archive.py runs the same check
under atheris).
"""

import os
import tempfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.archive_factory import PACKINGS, pack, write_link_chain, write_sos_tree
from tests.fuzz_archive import open_bytes


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


# Entries made of a few names and link targets built from "..", "." and those
# names: the shapes of the link-chain attacks (issue 16), in any order.
LINK_NAMES = st.sampled_from(["a", "b", "c.md5", "a/b", "b/c.md5", "inner.tar.xz"])
LINK_TARGETS = st.lists(st.sampled_from(["..", ".", "a", "b", "c.md5"]), min_size=1, max_size=6).map("/".join)
ENTRIES = st.lists(st.tuples(LINK_NAMES, st.sampled_from(["dir", "symlink", "file"]), LINK_TARGETS),
                   min_size=1, max_size=8)


def entries_archive(entries, packing):
    """The bytes of a tar/zip of ``entries`` ((name, kind, link target)), written by the link-chain builder."""
    with tempfile.TemporaryDirectory(prefix="pagealloc-fuzz-seed-") as scratch:
        path = os.path.join(scratch, "links." + packing)
        # a sosreport marker, so the tree opens and its links get looked at
        write_link_chain(path, "/etc/passwd", packing, extra=[("sosreport-x/sos_commands/kernel/dmesg", b"x\n")], entries=[
            (name, kind, target.encode() if kind == "file" else None if kind == "dir" else target)
            for name, kind, target in entries])
        with open(path, "rb") as stream:
            return stream.read()


@settings(FUZZ_SETTINGS, max_examples=300)
@given(ENTRIES, st.sampled_from(["tar", "zip"]))
# the two smallest chains: a link re-pointed after use, a name created after a link resolved through it
@example([("a/b", "dir", "."), ("c.md5", "symlink", "a/b"), ("inner.tar.xz", "symlink", "c.md5/../../x"),
          ("c.md5", "symlink", ".")], "tar")
@example([("a", "symlink", "b/b"), ("inner.tar.xz", "symlink", "a/../../x"), ("b", "symlink", ".")], "zip")
def test_any_order_of_links_and_entries_never_leaves_a_link_out_of_the_work_area(entries, packing):
    result = open_bytes(entries_archive(entries, packing), suffix="." + packing)
    assert isinstance(result, str)  # a kind, or the InputError line; open_bytes checked every link


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temp dir of this test's own (tempfile and TMPDIR), so a concurrent run cannot show up in it;
    yields the list of directories named pagealloc-* made anywhere (the work areas and the fuzz scratch)."""
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setenv("TMPDIR", str(private))
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    made, mkdir = [], os.mkdir

    def recording_mkdir(path, *args, **kwargs):
        mkdir(path, *args, **kwargs)
        if os.path.basename(path).startswith("pagealloc-"):
            made.append(os.fspath(path))

    monkeypatch.setattr(os, "mkdir", recording_mkdir)
    yield private, made


@pytest.mark.parametrize("blob", [VALID["tar.gz"], VALID["tar.gz"][:100]], ids=["valid", "truncated"])
def test_leftover_work_areas_are_not_created(private_tmp, blob):
    private, made = private_tmp
    open_bytes(blob, suffix=".tar.gz")
    work_areas = [path for path in made if os.path.basename(path).startswith("pagealloc-")
                  and not os.path.basename(path).startswith("pagealloc-fuzz-")]
    assert work_areas and all(os.path.dirname(path) == str(private) for path in work_areas)
    assert os.listdir(private) == []  # the work area and the fuzz scratch dir are both gone


DIRECTORY_ENTRIES = st.lists(st.tuples(LINK_NAMES, st.sampled_from(["dir", "symlink", "file", "fifo"]),
                                       st.one_of(LINK_TARGETS, st.sampled_from(["/etc/passwd", "/dev/zero", "/"]))),
                             min_size=1, max_size=8)


def build_directory(top, entries):
    """A sosreport folder plus ``entries`` (name, kind, link target) made in order; clashes are skipped."""
    os.makedirs(os.path.join(top, "sosreport-x", "sos_commands", "kernel"))
    with open(os.path.join(top, "sosreport-x", "sos_commands", "kernel", "dmesg"), "w") as stream:
        stream.write("x\n")
    for name, kind, target in entries:
        path = os.path.join(top, name)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if kind == "dir":
                os.makedirs(path, exist_ok=True)
            elif kind == "symlink":
                os.symlink(target, path)
            elif kind == "fifo":
                os.mkfifo(path)
            else:
                with open(path, "x") as stream:
                    stream.write(target)
        except OSError:  # the name is taken, or a parent is a file or a link: as a real tree would be
            continue


@FUZZ_SETTINGS
@given(DIRECTORY_ENTRIES)
def test_any_directory_opens_with_no_link_out_of_the_copy_and_stays_unchanged(entries):
    from pagealloc.archive import open_input
    from pagealloc.errors import InputError
    from tests.archive_factory import tree_checksum
    from tests.fuzz_archive import FUZZ_LIMITS, assert_links_inside

    with tempfile.TemporaryDirectory(prefix="pagealloc-fuzz-dir-") as top:
        build_directory(top, entries)
        before = tree_checksum(top)
        try:
            with open_input(top, limits=FUZZ_LIMITS) as opened:  # a FIFO read here would hang the test
                assert_links_inside(opened.root)
        except InputError as exc:
            assert "\n" not in str(exc)
        assert tree_checksum(top) == before
