"""
An archive inside an archive inside the input (a tar of a tar of a sosreport, a ticket folder holding a
tar of the sosreport's .tar.gz) is one level deeper than pagealloc unpacks: the refusal says so and how
to go on.  Before, it read "no sosreport, insights-client archive or known input file found", which
sends the user looking for a broken archive.  One level of nesting is still analysed as before.
"""

import os
import tarfile

from tests.archive_factory import pack, write_sos_tree
from tests.cli.triage_helpers import assert_one_line_error, run_triage


def tar_of(path, out):
    with tarfile.open(out, "w") as archive:
        archive.add(path, arcname=os.path.basename(path))
    return out


def test_an_archive_two_levels_down_is_named_with_what_to_do(tmp_path):
    sos = pack(write_sos_tree(str(tmp_path / "tree")), str(tmp_path), "tar.gz")
    once = tar_of(sos, str(tmp_path / "once.tar"))
    assert run_triage(once).returncode == 1  # one level: analysed
    twice = tar_of(once, str(tmp_path / "twice.tar"))
    folder = tmp_path / "ticket"
    folder.mkdir()
    os.link(once, folder / "once.tar")
    for nested, inner in ((twice, os.path.basename(sos)), (str(folder), os.path.basename(sos))):
        line = assert_one_line_error(run_triage(nested))
        assert ("holds %s inside the archive it holds: one level of nesting is unpacked, not two; unpack the outer "
                "archive and analyse the one inside" % inner) in line, line
