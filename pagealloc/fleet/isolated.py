"""
Isolated analysis - one archive, one short-lived child process
==============================================================

Every archive is analysed in a forked child so that a hung archive can be
killed at its deadline, a crash (segfault, OOM kill) costs one archive and
not the worker, and memory is returned to the system after each archive
(the equivalent of ``maxtasksperchild=1``).  The parent imports insights-core
and loads pagealloc's components once (:func:`warm_up`); fork shares them, so
a child starts in milliseconds.

The child sends back ``("ok", result_dict)`` or ``("input-error", message)``
or ``("error", message)`` over a pipe.
"""

import multiprocessing
import os
import signal
import time
from contextlib import contextmanager
from multiprocessing.connection import wait

from pagealloc.errors import InputError

# fork: children inherit the loaded components (spawn would re-import
# insights-core, about a second per archive).
_CONTEXT = multiprocessing.get_context("fork")
# A child that outlives its deadline plus this grace period stops itself, so
# an orphan (its parent was SIGKILLed) cannot run forever.
_ORPHAN_GRACE_S = 30
# A child past its deadline gets SIGTERM (its work dir is removed on the way
# out) and SIGKILL if it is still there after this many seconds.
_TERM_GRACE_S = 5


class ArchiveTimeout(Exception):
    """The analysis of one archive did not finish before its deadline."""


class ChildCrashed(Exception):
    """The child analysing one archive died without an answer."""


def warm_up():
    """Load pagealloc's components and dependency graph before forking."""
    from pagealloc.evaluate import pagealloc_graph

    pagealloc_graph()


def _stop(signum, _frame):
    raise SystemExit(128 + signum)


#: the signals whose handlers raise (SystemExit, KeyboardInterrupt) to stop a run
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


@contextmanager
def stop_signals_deferred():
    """Hold SIGTERM/SIGINT while a child is forked and registered; deliver them after.

    A handler that raises, run between the fork and the registration, would
    either leave a child nobody stops or raise inside an at-fork callback
    (logging's ``_releaseLock``), where Python prints "Exception ignored" and
    the run goes on to the end as if never asked to stop.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _child_main(path, conn, timeout, evaluate_kwargs):
    # SIGTERM (deadline, systemd stop) and the orphan alarm unwind the stack,
    # so the private work dir of the analysis is removed before exiting.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held by the parent while forking
    if timeout:
        signal.signal(signal.SIGALRM, _stop)
        signal.alarm(int(timeout) + _ORPHAN_GRACE_S)
    try:
        from pagealloc.fleet.bundles import evaluate_source  # a path, or one member of a bundle

        answer = ("ok", evaluate_source(path, **evaluate_kwargs))
    except InputError as exc:
        answer = ("input-error", str(exc))
    except BaseException as exc:  # the parent turns it into a recorded error
        answer = ("error", "%s: %s" % (type(exc).__name__, exc))
    try:
        conn.send(answer)
    except (BrokenPipeError, OSError):
        pass  # the parent is gone; nobody to tell
    finally:
        conn.close()
        # Skip atexit/finalizers inherited from the parent (pika sockets, temp dirs).
        os._exit(0)


class Running:
    """One archive being analysed in a child: poll it or wait for it."""

    def __init__(self, path, timeout=None, evaluate_kwargs=None):
        self.path = path
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout if timeout else None
        self._conn, child_conn = _CONTEXT.Pipe(duplex=False)
        self._process = _CONTEXT.Process(
            target=_child_main, args=(path, child_conn, timeout, evaluate_kwargs or {}), daemon=True
        )
        self._process.start()
        child_conn.close()

    @property
    def waitable(self):
        return self._conn

    def expired(self, now=None):
        return self.deadline is not None and (now or time.monotonic()) >= self.deadline

    def kill(self):
        """Stop the child: SIGTERM, then SIGKILL after a grace period."""
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(_TERM_GRACE_S)
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._conn.close()

    def outcome(self):
        """The child's answer, once :attr:`waitable` is ready; raises like :func:`evaluate_isolated`.

        Returns the result dict or raises InputError / ChildCrashed.
        """
        try:
            kind, value = self._conn.recv()
        except EOFError:
            self._process.join()
            raise ChildCrashed(
                "analysis process died (exit code %s) on %s" % (self._process.exitcode, self.path)
            ) from None
        finally:
            self._conn.close()
        self._process.join()
        if kind == "ok":
            return value
        if kind == "input-error":
            raise InputError(value)
        raise ChildCrashed(value)


def evaluate_isolated(path, timeout=None, poll=None, evaluate_kwargs=None):
    """Analyse one archive in a child process and return the result dict.

    ``poll`` (optional) is called about every 0.2 s while waiting, e.g. to
    service a broker connection's heartbeats.  Raises InputError (the input
    cannot be analysed), ArchiveTimeout or ChildCrashed.
    """
    with stop_signals_deferred():
        running = Running(path, timeout, evaluate_kwargs)
    try:
        while True:
            if wait([running.waitable], timeout=0.2):
                return running.outcome()
            if running.expired():
                running.kill()
                raise ArchiveTimeout("analysis of %s exceeded %s s and was stopped" % (path, timeout))
            if poll is not None:
                poll()
    except BaseException:
        running.kill()
        raise
