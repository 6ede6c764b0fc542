"""
Hostile inputs through the installed ``pagealloc triage`` (issue 16): each
attack must end with exit 2 and one line on stderr (no traceback), or with an
honest verdict, and nothing outside the work area may be read.

"Not read" is checked on the access time: the file's atime is set to the
epoch before the run and must still be the epoch afterwards (``relatime``
updates an atime older than the mtime on the first read; the helper proves
that on the file itself before trusting it).
"""

import os
from contextlib import contextmanager

import pytest

from pagealloc.tests.archive_factory import pack, write_link_chain, write_sos_tree
from pagealloc.tests.cli.triage_helpers import assert_one_line_error, run_triage


@contextmanager
def never_read(path):
    """Fail when ``path`` is read inside the block (atime stays at the epoch)."""
    mtime = os.stat(path).st_mtime
    os.utime(path, (0, mtime))
    yield
    assert os.stat(path).st_atime == 0, "%s was read" % path
    with open(path, "rb") as stream:  # the probe itself must be able to see a read
        stream.read(1)
    if os.stat(path).st_atime == 0:
        pytest.fail("this file system does not record reads (noatime): cannot check %s" % path)


@pytest.fixture
def other_customer(tmp_path):
    """Another customer's archive on the analyst's machine, with a failure the attack would borrow."""
    tree = write_sos_tree(str(tmp_path / "elsewhere"), name="sosreport-othercustomer",
                          files={"etc/hostname": "othercustomer\n"})
    return pack(tree, str(tmp_path / "elsewhere"), "tar.xz")


@pytest.mark.parametrize("packing", ["tar.xz", "zip"])
@pytest.mark.parametrize("late", [False, True], ids=["re-pointed", "late-link"])
def test_link_chain_cannot_make_another_archive_the_input(tmp_path, other_customer, packing, late):
    attack = write_link_chain(str(tmp_path / ("attack." + packing)), other_customer, packing, late=late)
    if not late and packing == "tar.xz":
        assert os.path.getsize(attack) < 400  # the "282-byte" archive, give or take the path length
    with never_read(other_customer):
        line = assert_one_line_error(run_triage(attack, "--format", "json"))
    assert "symlink" in line and "othercustomer" not in line.split(" -> ")[0]


@pytest.mark.parametrize("late", [False, True], ids=["re-pointed", "late-link"])
def test_link_chain_cannot_place_the_analysts_proc_meminfo_in_the_tree(tmp_path, late):
    attack = write_link_chain(str(tmp_path / "attack.tar.gz"), "/proc/meminfo", "tar.gz", late=late,
                              prefix="sosreport-x/", link_name="proc/meminfo",
                              extra=[("sosreport-x/sos_commands/kernel/dmesg", b"x\n")])
    line = assert_one_line_error(run_triage(attack))
    assert "symlink" in line


def test_a_link_named_like_an_archive_in_a_directory_is_not_followed(tmp_path, other_customer):
    ticket = tmp_path / "ticket"
    ticket.mkdir()
    os.symlink(other_customer, ticket / "inner.tar.xz")
    (ticket / "inner.tar.xz.md5").write_text("0" * 32 + "  inner.tar.xz\n")
    with never_read(other_customer):
        line = assert_one_line_error(run_triage(ticket))
    assert "no sosreport" in line
