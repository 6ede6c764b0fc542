"""
The private work area: one ``mkdtemp`` directory (mode 0700) per input,
removed when the analysis ends, on error, on Ctrl-C and (with
:func:`exit_cleanly_on_sigterm` installed by the command line) on SIGTERM.
"""

import os
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager


@contextmanager
def private_workdir(prefix="pagealloc-"):
    """Yield a fresh private directory; remove it afterwards whatever happens."""
    path = tempfile.mkdtemp(prefix=prefix)
    try:
        yield path
    finally:
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
    ignored (``nohup``) stays ignored.  Only possible from the main thread;
    elsewhere (a worker thread of a library caller) it does nothing and the
    caller keeps its own handlers.
    """
    if threading.current_thread() is not threading.main_thread():
        return

    def raise_system_exit(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, raise_system_exit)
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, raise_system_exit)
