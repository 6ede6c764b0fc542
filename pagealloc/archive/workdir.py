"""
The private work area: one ``mkdtemp`` directory (mode 0700) per input,
removed when the analysis ends, on error, on Ctrl-C and (with
:func:`exit_cleanly_on_sigterm` installed by the command line) on SIGTERM.
"""

import errno
import os
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager


@contextmanager
def private_workdir(prefix="pagealloc-"):
    """Yield a fresh private directory; remove it afterwards whatever happens.

    A stop request's handler raises (:func:`exit_cleanly_on_sigterm`), and one
    run between mkdtemp's mkdir and its return left the directory behind (a
    hangup reaching a fleet run whose second child was just starting an
    archive).  So the name is drawn before the directory is made, inside the
    ``try`` whose ``finally`` removes it: a request arriving just after the
    mkdir finds the name already known.  (Holding the signals with
    pthread_sigmask only held them in this thread: with another thread
    running, the progress ticker or an archive's read-ahead, the process's
    signal went to that thread and the handler still ran here at once.)
    The name has 64 random bits, so it is never another's directory, and is
    made with mode 0700 like mkdtemp's.
    """
    parent = tempfile.gettempdir()
    path = None
    try:
        for _attempt in range(tempfile.TMP_MAX):
            path = os.path.join(parent, prefix + secrets.token_hex(8))
            try:
                os.mkdir(path, 0o700)
                break
            except FileExistsError:
                path = None
        else:
            raise FileExistsError(errno.EEXIST, "no free name for a work area in", parent)
        yield path
    finally:
        if path is not None and os.path.isdir(path) and not os.path.islink(path):
            remove_tree(path)


def remove_tree(path):
    """rmtree that also removes entries an archive made read-only."""

    def make_writable_and_retry(function, failed_path, _exc_info):
        parent = os.path.dirname(failed_path)
        for target in (parent, failed_path):
            try:
                if not os.path.islink(target):
                    os.chmod(target, stat.S_IRWXU)
            except OSError:
                pass
        try:
            function(failed_path)
        except FileNotFoundError:
            pass

    shutil.rmtree(path, onerror=make_writable_and_retry)


def exit_cleanly_on_sigterm():
    """Turn SIGTERM and SIGHUP into ``SystemExit(128 + signal)`` so ``finally`` blocks remove work dirs.

    SIGHUP is what a closed terminal or a dropped ssh connection sends to every
    process of the foreground job; its default action ends the process on the
    spot and left the work area (on a tmpfs: memory) behind.  A SIGHUP that is
    ignored (``nohup``) stays ignored.  The first stop request (these, or
    Ctrl-C) makes the later ones no-ops, so the clean-up it starts runs to its
    end: a hangup reaches every process of the job and ``fleet run`` then stops
    its children too, and a second SystemExit raised inside the removal left
    the work area half removed.  Within :func:`second_stop_stops_at_once` the
    second request raises :class:`StopAtOnce` instead (its catcher kills and
    removes without waiting), and the third and later are no-ops.  Only possible from the main thread;
    elsewhere (a worker thread of a library caller) it does nothing and the
    caller keeps its own handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def stop_once(signum, _frame):
        _handle_later_stops(_stop_at_once if _at_once else _already_stopping)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop_once)
    for signum in (signal.SIGHUP, signal.SIGINT):  # ignored (nohup, a background job) stays ignored
        if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
            signal.signal(signum, stop_once)


STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def _handle_later_stops(handler):
    for other in STOP_SIGNALS:
        if signal.getsignal(other) is not signal.SIG_IGN:
            signal.signal(other, handler)


def _already_stopping(_signum, _frame):
    """A stop request while the first one's clean-up runs: nothing more to do."""


class StopAtOnce(BaseException):
    """A second stop request inside :func:`second_stop_stops_at_once`: whoever started processes kills
    them now (SIGKILL) and removes what they left; later requests are no-ops, so that removal runs to
    its end.  ``signum``: the second signal (the exit code is 128 + it)."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


_at_once = False


def _stop_at_once(signum, _frame):
    _handle_later_stops(_already_stopping)
    if _at_once:
        raise StopAtOnce(signum)


@contextmanager
def second_stop_stops_at_once():
    """Within the block, a second stop request (Ctrl-C twice, SIGTERM twice) raises :class:`StopAtOnce`
    instead of being a no-op (``fleet run``: its children get one grace period on the first request,
    none on the second).  Outside it, the later requests stay no-ops."""
    global _at_once
    _at_once = True
    try:
        yield
    finally:
        _at_once = False
