"""
An input whose file is a folder (``sos_commands/kernel/dmesg/`` holding files) is malformed: one line
naming the entry as the user knows it (the folder's or the archive's own path), never an internal-looking
"... raised IsADirectoryError: ... /dev/shm/pagealloc-xxxx/copy/..." with the private work area's path.
"""

import os
import shutil

import pytest

from tests.archive_factory import pack, write_sos_tree
from tests.cli.triage_helpers import assert_one_line_error, run_triage


@pytest.mark.parametrize("packing", ["directory", "tar.gz", "zip"])
def test_a_dmesg_that_is_a_folder_is_one_clear_line_naming_the_entry(tmp_path, packing):
    tree = write_sos_tree(str(tmp_path), "sosreport-web1")
    dmesg = os.path.join(tree, "sos_commands", "kernel", "dmesg")
    os.remove(dmesg)
    os.mkdir(dmesg)
    with open(os.path.join(dmesg, "part1"), "w") as stream:
        stream.write("[    0.000000] Linux version 6.1.0\n")
    target = tree if packing == "directory" else pack(tree, str(tmp_path), packing)
    line = assert_one_line_error(run_triage(target))
    entry = "sos_commands/kernel/dmesg" if packing == "directory" else "sosreport-web1/sos_commands/kernel/dmesg"
    assert line == "pagealloc triage: %s: could not analyse: %s is a folder where a file is expected" % (target, entry)
    assert "pagealloc-" not in line.replace(str(tmp_path), "") and "Error" not in line
    shutil.rmtree(tree)
