"""
Names too long for the file system (a component over NAME_MAX = 255 bytes, a
path over PATH_MAX) that a spec needs to read: a clear one-line reason naming
the limit, not "corrupt or truncated archive" with the analyst's work-area path
in it.  Names of exactly 255 bytes, and over-long names a spec never reads, are
unpacked (or streamed past) as before.
"""

import io
import tarfile

import pytest

from pagealloc.errors import InputError
from pagealloc.evaluate import evaluate_path
from tests.archive_factory import seed_dmesg


def tar_of(path, names):
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as archive:
        for name in names:
            data = seed_dmesg().encode() if name.endswith("/dmesg") else b"x\n"
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def test_a_top_folder_name_over_255_bytes_is_refused_with_the_reason(tmp_path):
    archive = tar_of(tmp_path / "long.tar.gz", ["sosreport-" + "x" * 300 + "/sos_commands/kernel/dmesg"])
    with pytest.raises(InputError) as caught:
        evaluate_path(str(archive))
    message = str(caught.value)
    assert "name is too long to unpack" in message and "corrupt" not in message
    assert str(tmp_path / "long.tar.gz") in message
    assert "pagealloc-" not in message  # no work-area path
    assert len(message) < 400


@pytest.mark.parametrize("name", ["sosreport-" + "x" * 245, "sosreport-web1"])
def test_names_of_255_bytes_and_long_unread_paths_are_unpacked(tmp_path, name):
    assert len("sosreport-" + "x" * 245) == 255
    unread = name + "/var/log/" + "/".join(["y" * 250] * 20) + "/messages"  # 5000+ bytes, read by no spec
    archive = tar_of(tmp_path / "ok.tar.gz", [name + "/sos_commands/kernel/dmesg", unread])
    result = evaluate_path(str(archive))
    assert [v["key"] for v in result["verdicts"] if v["type"] == "fail"] == ["MIN_FREE_KBYTES_LOW_ATOMIC_RX"]
