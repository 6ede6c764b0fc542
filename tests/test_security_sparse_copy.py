"""
A file of a directory input (or a plain log file given to triage) that is larger than the per-file limit by its size alone (a sparse 3 GB
``var/log/messages``: a few blocks on disk) is refused before anything is copied.  Before, the copy wrote
2048 MiB of zeros into the work area (a tmpfs: memory) and then refused it, 5.7 s later; now 0.3 s.
"""

import os

import pytest

from pagealloc.archive import snapshot
from pagealloc.archive.extract import Budget
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.errors import InputError


def test_a_file_over_the_limit_by_its_size_is_refused_before_the_copy(tmp_path, monkeypatch):
    top = tmp_path / "sosreport-x"
    (top / "var" / "log").mkdir(parents=True)
    messages = top / "var" / "log" / "messages"
    messages.write_text("Dec  5 01:00:00 web1 kernel: Linux version 6.8.0\n")
    os.truncate(messages, 3 << 20)  # a hole: 3 MiB apparent, one block on disk

    def never(*args, **kwargs):
        raise AssertionError("the file was copied before its size was checked")

    monkeypatch.setattr(snapshot, "copy_stream", never)
    budget = Budget(ExtractionLimits(max_file_bytes=1 << 20), 1, str(top))
    with pytest.raises(InputError, match="entry var/log/messages is larger than 1 MiB"):
        snapshot.copy_directory(str(top), str(tmp_path / "copy"), budget)


def test_a_log_file_over_the_limit_by_its_size_is_refused_before_the_copy(tmp_path, monkeypatch):
    """The same for a plain log file given to triage (text, then a 20 GB hole: 2 GB of zeros copied)."""
    import pagealloc.archive as archive

    log = tmp_path / "messages"
    log.write_text("Dec  5 01:00:00 web1 kernel: Linux version 6.8.0\n")
    os.truncate(log, 3 << 20)

    def never(*args, **kwargs):
        raise AssertionError("the log was copied before its size was checked")

    monkeypatch.setattr(archive, "copy_stream", never)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(InputError, match="entry messages is larger than 1 MiB"):
        archive.place_log(str(log), str(work), ExtractionLimits(max_file_bytes=1 << 20), None)
