"""
pagealloc triage's work area: on a tmpfs when one has room and $TMPDIR is not set (the fleet's rule),
again under the default temp folder when the tmpfs fills up; any other failure is reported once.
"""

import errno
import tempfile

import pytest

from pagealloc.cli import triage
from pagealloc.errors import InputError


def full_then_fine(seen):
    def evaluate_path(path, **kwargs):
        seen.append(tempfile.tempdir)
        if len(seen) == 1:
            try:
                raise OSError(errno.ENOSPC, "No space left on device")
            except OSError as exc:
                raise InputError("x: cannot unpack into the work area under $TMPDIR") from exc
        return {"path": path}
    return evaluate_path


def test_a_full_tmpfs_runs_again_under_the_default_temp_folder(monkeypatch, tmp_path):
    monkeypatch.setattr("pagealloc.fleet.workarea.fast_work_root", lambda workers: str(tmp_path))
    seen, default = [], tempfile.tempdir
    assert triage.evaluate_in_memory_if_room(full_then_fine(seen), "a.tar.xz") == {"path": "a.tar.xz"}
    assert seen == [str(tmp_path), default] and tempfile.tempdir == default


def test_other_failures_are_not_retried(monkeypatch, tmp_path):
    monkeypatch.setattr("pagealloc.fleet.workarea.fast_work_root", lambda workers: str(tmp_path))
    seen, default = [], tempfile.tempdir

    def broken(path, **kwargs):
        seen.append(tempfile.tempdir)
        raise InputError("x: corrupt or truncated archive")

    with pytest.raises(InputError, match="corrupt"):
        triage.evaluate_in_memory_if_room(broken, "a.tar.xz")
    assert seen == [str(tmp_path)] and tempfile.tempdir == default


def test_no_tmpfs_means_the_default_temp_folder(monkeypatch):
    monkeypatch.setattr("pagealloc.fleet.workarea.fast_work_root", lambda workers: None)
    seen, default = [], tempfile.tempdir
    triage.evaluate_in_memory_if_room(lambda path, **kwargs: seen.append(tempfile.tempdir), "a.tar.xz")
    assert seen == [default]
