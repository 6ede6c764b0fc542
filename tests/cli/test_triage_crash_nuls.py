"""
A log cut by a crash holds a run of NUL bytes where the file system kept blocks whose bytes never reached
the disk (ext4/XFS after a power cut: the next boot's lines follow the run).  Every log reader drops NULs,
so ``triage`` of such a file reads it like ``parse-log`` does.  Before, the file sniff counted the NULs as
binary bytes: with the run inside the first 64 KiB, ``triage`` refused the log as "neither an archive ...
nor a text log" (exit 2) while ``parse-log`` found both reports in it.  A file of NULs alone, or binary, is
still refused.
"""

import os

import pytest

from tests.archive_factory import seed_dmesg
from tests.cli.triage_helpers import run_triage


def test_a_log_with_a_crash_run_of_nuls_is_read(tmp_path):
    seed = seed_dmesg().encode()
    path = tmp_path / "messages"
    path.write_bytes(seed[:800] + b"\x00" * (128 << 10) + seed)  # the first report cut by the crash
    completed = run_triage(path)
    assert completed.returncode == 1, completed.stderr
    assert completed.stdout.startswith("Network receive ran out of atomic memory reserve")


@pytest.mark.parametrize("body", [b"\x00" * (100 << 10), b"\x7fELF\x02\x01\x01" + b"\x00\x03\x00>\x00\x01" * 9000],
                         ids=["only NULs", "ELF-like"])
def test_nuls_alone_or_binary_are_still_refused(tmp_path, body):
    path = tmp_path / "messages"
    path.write_bytes(body + os.urandom(4096))
    completed = run_triage(path)
    assert completed.returncode == 2 and "neither an archive" in completed.stderr, completed.stderr
