"""
A directory input whose folders are swapped for links while it is copied
(time of check to time of use): whoever can write to the input folder (a shared
upload area) renames ``var/log`` away and puts a link to ``/etc`` (here: a
folder outside the input) in its place after the copy listed it.  Before, the
copy opened ``var/log/passwd`` by its path, through the new link, and read the
file outside the input.  Now every folder is opened once, without following
links, and everything in it is opened relative to that folder: the swap cannot
lead the copy anywhere else.
"""

import os

import pytest

from pagealloc.archive.extract import Budget
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.archive.snapshot import copy_directory

SECRET = b"root:SECRET-HASH:19000:0:99999:7:::\n"


class SwappingBudget(Budget):
    """Swaps ``top/var/log`` for a link to ``outside`` as soon as the copy made its own var/log
    (the folder was listed, its files are next): the attacker's move between check and use."""

    def __init__(self, top, dest, outside, swap):
        super().__init__(ExtractionLimits(), 1, top)
        self.top, self.dest, self.outside, self.swap = top, dest, outside, swap
        self.swapped = False

    def add_entry(self):
        super().add_entry()
        if not self.swapped and os.path.isdir(os.path.join(self.dest, "var", "log")):
            self.swapped = True
            self.swap(self.top, self.outside)


def swap_folder(top, outside):
    os.rename(os.path.join(top, "var", "log"), os.path.join(top, "var", "log.old"))
    os.symlink(outside, os.path.join(top, "var", "log"))


def swap_parent(top, outside):
    os.rename(os.path.join(top, "var"), os.path.join(top, "var.old"))
    os.symlink(outside, os.path.join(top, "var"))  # var/log/passwd is now outside/log/passwd
    os.symlink(outside, os.path.join(outside, "log"))


def every_byte(tree):
    for dirpath, _, filenames in os.walk(tree):
        for name in filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                with open(path, "rb") as stream:
                    yield path, stream.read()


@pytest.mark.parametrize("swap", [swap_folder, swap_parent], ids=["folder", "parent"])
def test_a_folder_swapped_for_a_link_during_the_copy_reads_nothing_outside(tmp_path, swap):
    top, dest, outside = tmp_path / "sosreport", tmp_path / "work" / "copy", tmp_path / "analyst-etc"
    os.makedirs(top / "var" / "log")
    (top / "var" / "log" / "a-first").write_bytes(b"kernel: inside\n")
    (top / "var" / "log" / "passwd").write_bytes(b"inside\n")
    outside.mkdir()
    (outside / "passwd").write_bytes(SECRET)
    (outside / "a-first").write_bytes(SECRET)
    (tmp_path / "work").mkdir()
    budget = SwappingBudget(str(top), str(dest), str(outside), swap)
    copy_directory(str(top), str(dest), budget)
    assert budget.swapped
    leaked = [path for path, data in every_byte(dest) if SECRET in data]
    assert leaked == []
    for dirpath, dirnames, filenames in os.walk(dest):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                resolved = os.path.realpath(path)
                assert resolved.startswith(str(dest) + os.sep), (path, resolved)


def test_a_folder_nested_hundreds_deep_is_skipped_and_named(tmp_path):
    """Deeper than MAX_DEPTH (400 levels here, so that pytest's own recursive clean-up of tmp_path
    copes; at 3000 levels the walk used to raise RecursionError, "internal error", exit 2)."""
    from pagealloc.archive.snapshot import MAX_DEPTH

    top, dest = tmp_path / "sosreport", tmp_path / "copy"
    (top / "var" / "log").mkdir(parents=True)
    (top / "var" / "log" / "messages").write_bytes(b"kernel: inside\n")
    folder = os.open(str(top), os.O_RDONLY)
    try:
        for _ in range(400):  # made relative to each folder, as deeper chains than PATH_MAX must be
            os.mkdir("d", dir_fd=folder)
            inner = os.open("d", os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
    finally:
        os.close(folder)
    notes = copy_directory(str(top), str(dest), Budget(ExtractionLimits(), 1, str(top)))
    assert (dest / "var" / "log" / "messages").read_bytes() == b"kernel: inside\n"
    assert len(notes) == 1 and notes[0].startswith("skipped 1 folder nested more than %d levels deep: d/d/" % MAX_DEPTH)

