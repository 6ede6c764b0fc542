"""The private work area (pagealloc.archive.workdir) is removed even when a stop signal arrives while it
is being made: the window a fleet run's hangup test hit under load (a work area left in TMPDIR)."""

import os
import signal

import pytest

from pagealloc.archive import workdir


def test_a_stop_signal_just_after_the_work_area_is_made_still_removes_it(tmp_path, monkeypatch):
    made = []
    real_mkdir = os.mkdir

    def mkdir_then_stop_request(path, mode=0o777):
        # The directory exists, mkdir has not returned yet: the moment a hangup can arrive.
        real_mkdir(path, mode)
        made.append(path)
        os.kill(os.getpid(), signal.SIGTERM)

    def raise_stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, raise_stop)
    monkeypatch.setattr(workdir.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(workdir.os, "mkdir", mkdir_then_stop_request)
    try:
        with pytest.raises(SystemExit) as stopped:
            with workdir.private_workdir():
                pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert made and not os.path.exists(made[0])
    assert os.listdir(tmp_path) == []


def test_the_work_area_is_private_and_gone_afterwards(tmp_path, monkeypatch):
    monkeypatch.setattr(workdir.tempfile, "tempdir", str(tmp_path))
    with workdir.private_workdir(prefix="pagealloc-x-") as path:
        assert os.path.dirname(path) == str(tmp_path) and os.path.basename(path).startswith("pagealloc-x-")
        assert os.stat(path).st_mode & 0o777 == 0o700
        open(os.path.join(path, "f"), "w").close()
    assert not os.path.exists(path)
