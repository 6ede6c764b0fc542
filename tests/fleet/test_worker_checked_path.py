"""
A fleet worker checks that a message's path lies under its allowed roots (all links resolved), then its
analysis child opens the archive.  Between the two, a file (or a folder on the way) swapped for a link to
elsewhere led the child outside the allowed roots: the check and the open were by name.  The checked path
now carries what it was (``fleet.locations.CheckedPath``, pickled to the child), and the child opens it
only if it is still that file (``kinds.open_regular``: ``O_NOFOLLOW``, the same inode): else one final
error naming the swap.
"""

import os
import pickle

import pytest

from pagealloc.errors import InputError
from pagealloc.fleet.bundles import evaluate_source
from pagealloc.fleet.locations import AllowedRoots
from tests.archive_factory import seed_dmesg


@pytest.fixture
def store(tmp_path):
    root, outside = tmp_path / "archives", tmp_path / "outside"
    (root / "night").mkdir(parents=True)
    outside.mkdir()
    for folder in (root / "night", outside):
        (folder / "web1.log").write_text(seed_dmesg())
    return root, outside


def test_a_path_swapped_after_the_check_is_not_read(store):
    root, outside = store
    checked = AllowedRoots([str(root)]).local_path(str(root / "night" / "web1.log"))
    assert pickle.loads(pickle.dumps(checked)).listed == checked.listed  # as the analysis child gets it
    os.rename(root / "night" / "web1.log", root / "night" / "web1.old")
    os.symlink(outside / "web1.log", root / "night" / "web1.log")
    with pytest.raises(InputError, match="replaced by a symbolic link"):
        evaluate_source(pickle.loads(pickle.dumps(checked)))


def test_a_folder_on_the_way_swapped_after_the_check_is_not_followed(store):
    root, outside = store
    checked = AllowedRoots([str(root)]).local_path(str(root / "night" / "web1.log"))
    os.rename(root / "night", root / "night.old")
    os.symlink(outside, root / "night")
    with pytest.raises(InputError, match="replaced by another file"):
        evaluate_source(pickle.loads(pickle.dumps(checked)))


def test_a_checked_path_left_alone_is_analysed(store):
    root, _ = store
    checked = AllowedRoots([str(root)]).local_path("file://" + str(root / "night" / "web1.log"))
    assert evaluate_source(pickle.loads(pickle.dumps(checked)))["events"]
