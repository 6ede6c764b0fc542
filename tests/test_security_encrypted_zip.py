"""
A zip whose report entries are encrypted (or packed with a method zipfile lacks) (``zip -P``) cannot be read: one line saying so, not
"corrupt or truncated archive (File <ZipInfo filename=... compress_size=2724> is encrypted, password
required for extraction)" (zipfile's repr, and an archive that is not corrupt).  The entry is marked as
``zip -P`` marks it (APPNOTE 4.4.4, general purpose bit 0).
"""

import zipfile

from tests.archive_factory import seed_dmesg
from tests.cli.triage_helpers import assert_one_line_error, run_triage


def test_an_encrypted_dmesg_entry_is_named_as_encrypted(tmp_path):
    archive = tmp_path / "sosreport-z.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("sosreport-z/sos_commands/kernel/dmesg", seed_dmesg())
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # local and central headers
        data[data.index(signature) + flags_at] |= 0x1
    archive.write_bytes(bytes(data))
    line = assert_one_line_error(run_triage(archive))
    assert line == ("pagealloc triage: %s: encrypted entry (a password is needed to read it): "
                    "sosreport-z/sos_commands/kernel/dmesg" % archive)


def test_an_entry_packed_with_a_method_zipfile_cannot_read_is_named_not_called_corrupt(tmp_path):
    # Windows Explorer packs files of 2 GB and more with Deflate64 (method 9): the archive is sound.
    archive = tmp_path / "sosreport-z.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("sosreport-z/sos_commands/kernel/dmesg", seed_dmesg())
    data = bytearray(archive.read_bytes())
    for signature, method_at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        data[data.index(signature) + method_at] = 9
    archive.write_bytes(bytes(data))
    line = assert_one_line_error(run_triage(archive))
    assert line == ("pagealloc triage: %s: entry sosreport-z/sos_commands/kernel/dmesg is compressed with zip method 9 "
                    "(Deflate64: Windows Explorer packs large files so), which cannot be read here: re-pack it as "
                    ".tar.xz or a deflate zip" % archive)
