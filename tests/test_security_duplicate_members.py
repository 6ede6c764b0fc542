"""
An archive that holds one file twice is refused: unpacking keeps the last entry, so an empty ``dmesg``
appended after the real one (``tar -r``, or a crafted zip) hid its failure report and the verdict was
"No problem found" (exit 0).  Which of the two is the host's cannot be told, so the archive is not
analysed (exit 2, one line naming the file), for files the specs read and for the others alike (the
selected and the full extraction refuse the same archives).
"""

import io
import tarfile
import warnings
import zipfile

import pytest

from pagealloc.archive import open_input
from pagealloc.errors import InputError
from pagealloc.evaluate import wanted_members
from tests.archive_factory import seed_dmesg
from tests.cli.triage_helpers import assert_one_line_error, run_triage

DMESG = "sosreport-d/sos_commands/kernel/dmesg"
QUIET = b"[    0.000000] Linux version 6.1.0-13-amd64\n[    1.000000] systemd[1]: started\n"


def crafted(path, packing, entries):
    if packing == "zip":
        with warnings.catch_warnings(), zipfile.ZipFile(path, "w") as archive:
            warnings.simplefilter("ignore")  # zipfile warns about the duplicate name: that is the point
            for name, data in entries:
                archive.writestr(name, data)
    else:
        with tarfile.open(path, "w:gz") as archive:
            for name, data in entries:
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("packing", ["tar.gz", "zip"])
def test_a_second_dmesg_that_hides_the_first_is_refused(tmp_path, packing):
    archive = crafted(str(tmp_path / ("dup." + packing)), packing, [(DMESG, seed_dmesg().encode()), (DMESG, QUIET)])
    line = assert_one_line_error(run_triage(archive))
    assert line == ("pagealloc triage: %s: holds the file %s twice (a later entry would replace the earlier one): "
                    "which one is the host's cannot be told" % (archive, DMESG))


@pytest.mark.parametrize("wanted", [None, "specs"])
def test_a_duplicate_file_no_spec_reads_is_refused_by_selected_and_full_extraction_alike(tmp_path, wanted):
    archive = crafted(str(tmp_path / "dup.tar.gz"), "tar.gz", [(DMESG, seed_dmesg().encode()),
                                                               ("sosreport-d/etc/fstab", b"a\n"),
                                                               ("sosreport-d/etc/fstab", b"b\n")])
    with pytest.raises(InputError, match="holds the file sosreport-d/etc/fstab twice"):
        with open_input(archive, wanted=wanted_members() if wanted else None):
            pass
