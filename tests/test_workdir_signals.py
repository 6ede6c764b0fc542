"""The private work area (pagealloc.archive.workdir) is removed even when a stop signal arrives while it
is being made: the window a fleet run's hangup test hit under load (a work area left in TMPDIR)."""

import os
import signal

import pytest

from pagealloc.archive import workdir


def test_a_stop_signal_while_the_work_area_is_made_still_removes_it(tmp_path, monkeypatch):
    made = []
    real_mkdtemp = workdir.tempfile.mkdtemp

    def mkdtemp_then_stop_request(**kwargs):
        # The directory exists, mkdtemp has not returned yet: the moment a hangup can arrive.
        path = real_mkdtemp(dir=str(tmp_path), **kwargs)
        made.append(path)
        os.kill(os.getpid(), signal.SIGTERM)
        return path

    def raise_stop(signum, _frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, raise_stop)
    monkeypatch.setattr(workdir.tempfile, "mkdtemp", mkdtemp_then_stop_request)
    try:
        with pytest.raises(SystemExit) as stopped:
            with workdir.private_workdir():
                pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stopped.value.code == 128 + signal.SIGTERM
    assert made and not os.path.exists(made[0])
    assert signal.SIGTERM not in signal.pthread_sigmask(signal.SIG_BLOCK, [])  # the mask is restored
