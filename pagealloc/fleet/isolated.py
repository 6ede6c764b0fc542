"""
Isolated analysis - archives analysed in short-lived child processes
====================================================================

Every archive is analysed in a forked child so that a hung archive can be
killed at its deadline, a crash (segfault, OOM kill) does not take the
parent with it, and memory is returned to the system when the child exits.
The parent imports insights-core and loads pagealloc's components once
(:func:`warm_up`); fork shares them, so a child starts in milliseconds.

A child analyses a *batch* of archives one after another (:class:`Batch`),
fed one path at a time by the parent as it answers: the fork, the
copy-on-write faults of a fresh child touching the parent's objects and its
exit are paid once per batch instead of once per archive, and no archive
waits in a busy child while another worker is free.  Each archive keeps its
own deadline (the clock restarts when the previous answer arrives).  A batch
that dies or misses a deadline stops there; the runner analyses what was
sent to it and not answered one archive per child, so a crash costs one
archive, as before.  :class:`Reusable` serves the RabbitMQ worker, one
message at a time: one child kept for several archives, replaced after a
crash, a missed deadline or an internal error.

For each archive the child sends back ``("ok", result_dict)`` (or what a
``prepare`` function makes of it),
``("input-error", message)`` or ``("error", message)`` over a pipe.

``work_root`` (optional) is the folder the child's work areas are made in
(:mod:`pagealloc.fleet.workarea`: a tmpfs when one has room); an archive
that fills it is analysed again under the default temp folder.
"""

import multiprocessing
import os
import signal
import stat
import time
from contextlib import contextmanager
from multiprocessing.connection import wait

from pagealloc.errors import InputError
from pagealloc.fleet.workarea import run_in_work_root

# fork: children inherit the loaded components (spawn would re-import
# insights-core, about a second per archive).
_CONTEXT = multiprocessing.get_context("fork")
# A child that outlives an archive's deadline plus this grace period stops
# itself, so an orphan (its parent was SIGKILLed) cannot run forever.
_ORPHAN_GRACE_S = 30
# A child past its deadline gets SIGTERM (its work dir is removed on the way
# out) and SIGKILL if it is still there after this many seconds.
_TERM_GRACE_S = 5
TERM_GRACE_S = _TERM_GRACE_S  # for the runner, which stops its children together
# A full work area, not a bad archive.


class ArchiveTimeout(Exception):
    """The analysis of one archive did not finish before its deadline."""


class ChildCrashed(Exception):
    """The child analysing an archive answered with an internal error, or died without an answer."""


class ChildDied(ChildCrashed):
    """The child died without an answer (a crash, an OOM kill): its batch is over."""


def warm_up():
    """Load pagealloc's components and dependency graph before forking."""
    from pagealloc.evaluate import pagealloc_graph

    pagealloc_graph()


def _stop(signum, _frame):
    """Unwind the child, so the ``finally`` of its work area removes it.  The next stop signal is
    ignored: a closed terminal's SIGHUP reaches the whole group and the parent then sends SIGTERM,
    which, raised again inside that clean-up, left a half-removed work area (a 2-worker fleet run hung
    up mid-extraction: 1 time in 8, 1 in 2 when its children decompressed without a thread); SIGKILL
    still ends a child that hangs."""
    for other in STOP_SIGNALS | {signal.SIGALRM}:
        signal.signal(other, _stopping_already)
    raise SystemExit(128 + signum)


def _stopping_already(_signum, _frame):
    """A stop signal while the child unwinds: nothing to do.  (A Python no-op, not SIG_IGN: a signal
    already pending when the handler changes would be reported as "ignored due to race condition".)"""


#: the signals whose handlers raise (SystemExit, KeyboardInterrupt) to stop a run
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT, signal.SIGHUP}


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


def analyse(path, evaluate_kwargs, work_root=None):
    """The result of one archive, its work area under ``work_root`` (default temp folder when it fills up)."""
    from pagealloc.fleet.bundles import evaluate_source  # a path, or one member of a bundle

    return run_in_work_root(work_root, lambda: evaluate_source(path, **evaluate_kwargs))


def _answer(path, evaluate_kwargs, work_root, prepare=None):
    try:
        result = analyse(path, evaluate_kwargs, work_root)
        return ("ok", prepare(result) if prepare else result)
    except InputError as exc:
        return ("input-error", str(exc))
    except (SystemExit, KeyboardInterrupt):
        raise  # asked to stop: no answer, no next archive
    except BaseException as exc:  # the parent turns it into a recorded error
        return ("error", "%s: %s" % (type(exc).__name__, exc))


def _serve(paths, conn, timeout, evaluate_kwargs, work_root, prepare=None):
    """Answer each of ``paths`` (any iterable) over ``conn``, then exit.

    After an internal error the child stops: an analysis that raised (a
    MemoryError, a component's bug) may have left the process damaged, and
    the parent runs what is left elsewhere.
    """
    # SIGTERM (deadline, systemd stop) and the orphan alarm unwind the stack,
    # so the private work dir of the analysis is removed before exiting.
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    if signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:  # a closed terminal: as SIGTERM, unless nohup
        signal.signal(signal.SIGHUP, _stop)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)  # held by the parent while forking
    if timeout:
        signal.signal(signal.SIGALRM, _stop)
    try:
        for path in paths:
            if timeout:
                signal.alarm(int(timeout) + _ORPHAN_GRACE_S)
            answer = _answer(path, evaluate_kwargs, work_root, prepare)
            conn.send(answer)
            signal.alarm(0)
            if answer[0] == "error":
                break
    except (EOFError, OSError, SystemExit, KeyboardInterrupt):
        pass  # the parent is gone or asked us to stop
    finally:
        conn.close()
        # Skip atexit/finalizers inherited from the parent (pika sockets, temp dirs).
        os._exit(0)


def _received(conn, limit):
    """Up to ``limit`` paths sent by the parent; ends when it closes its end."""
    for _ in range(limit):
        try:
            yield conn.recv()
        except EOFError:
            return


def _release_inherited_sockets(keep):
    """Let go of every socket the parent held when it forked, but ``keep`` (a file descriptor).

    The parent's broker connection, its metrics port and its other children's
    pipes are the parent's: while an orphan holds a copy, a worker killed
    mid-archive (an OOM kill) keeps its connection open and the broker requeues
    the archive only when the orphan ends (up to the deadline plus
    ``_ORPHAN_GRACE_S``), and its metrics port stays taken.  Each is replaced
    by /dev/null rather than closed: the parent's socket objects, copied into
    this child, still own the numbers and would close whatever file took them.
    ``shutdown()`` would end the parent's connection as well: never used here.
    """
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return  # no procfs: the sockets stay until the child ends, as before
    null = None
    try:
        for name in names:
            fd = int(name)
            if fd == keep or fd == null:
                continue
            try:
                if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                    continue
            except OSError:
                continue  # listdir's own descriptor, closed since
            if null is None:
                null = os.open(os.devnull, os.O_RDWR | os.O_CLOEXEC)
            os.dup2(null, fd, inheritable=False)
    finally:
        if null is not None:
            os.close(null)


def _server_main(conn, parent_end, limit, timeout, evaluate_kwargs, work_root, prepare=None):
    parent_end.close()  # so a parent that dies (SIGKILL) ends the wait for the next path
    _release_inherited_sockets(keep=conn.fileno())
    _serve(_received(conn, limit), conn, timeout, evaluate_kwargs, work_root, prepare)


class Batch:
    """One child analysing archives one after another, fed by the parent one path at a time.

    The parent sends a path (:meth:`send`) whenever the child should go on,
    up to ``limit`` in the child's life, and takes the answers in order
    (:meth:`next_outcome`).  Fed as it answers, a child never holds archives
    another worker could have taken: the workers finish together whatever
    the archives' sizes, and a worker slowed by other load takes fewer.
    The child ends when the parent closes its end (:meth:`finish`), after
    ``limit`` archives, after an internal error, or when the parent dies.
    ``prepare`` (optional) turns a result into what is sent back, in the child
    (the fleet runner's record line: the parent then only writes it).
    """

    def __init__(self, limit, timeout=None, evaluate_kwargs=None, work_root=None, prepare=None):
        self.paths = []  # sent, in order; paths[done] is being analysed
        self.done = 0  # answers received
        self.limit = max(1, int(limit))
        self.timeout = timeout
        self.deadline = None  # of the archive being analysed; None while idle
        self.stopping = False  # answered an internal error: it takes nothing more
        self._conn, child_end = _CONTEXT.Pipe()
        self._process = _CONTEXT.Process(
            target=_server_main,
            args=(child_end, self._conn, self.limit, timeout, evaluate_kwargs or {}, work_root, prepare), daemon=True)
        self._process.start()
        child_end.close()

    @property
    def waitable(self):
        return self._conn

    @property
    def path(self):
        """The archive being analysed."""
        return self.paths[self.done]

    @property
    def outstanding(self):
        """Archives sent and not answered yet."""
        return len(self.paths) - self.done

    @property
    def can_take(self):
        return not self.stopping and len(self.paths) < self.limit

    def send(self, path):
        """Give the child its next archive (it starts at once when idle)."""
        if not self.outstanding and self.timeout:
            self.deadline = time.monotonic() + self.timeout
        self.paths.append(path)
        try:
            self._conn.send(path)
        except OSError:
            pass  # the child is gone: the parent reads its end-of-file next

    def left(self):
        """The archives sent after the one being analysed."""
        return self.paths[self.done + 1:]

    def expired(self, now=None):
        return self.deadline is not None and (now or time.monotonic()) >= self.deadline

    def finish(self, wait=True):
        """End an idle child: it sees the end of its input and exits (``wait``: join it, else
        :meth:`reap` later, so the parent feeds the other children meanwhile)."""
        if not self._conn.closed:
            self._conn.close()
        if wait:
            self.reap()

    def reap(self):
        """Join a child told to finish; one that does not exit in the grace period is killed."""
        self._process.join(_TERM_GRACE_S)
        if self._process.is_alive():
            self.kill()

    def terminate(self):
        """Ask the child to stop (SIGTERM: it removes its work area); :meth:`kill` then waits for it."""
        if self._process.is_alive():
            self._process.terminate()

    def kill(self, deadline=None):
        """Stop the child: SIGTERM, then SIGKILL after a grace period (or at ``deadline``, a
        ``time.monotonic()`` shared by children stopped together)."""
        if self._process.is_alive():
            self._process.terminate()
            grace = _TERM_GRACE_S if deadline is None else max(0.0, deadline - time.monotonic())
            self._process.join(grace)
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        if not self._conn.closed:
            self._conn.close()

    def next_outcome(self):
        """``(path, result)`` of the next archive, once :attr:`waitable` is ready.

        Raises InputError (that archive cannot be analysed), ChildCrashed (its
        analysis raised: the child takes nothing more) or ChildDied (the child
        died: the batch is over), with the archive's path in ``exc.path``.
        """
        path = self.path
        try:
            kind, value = self._conn.recv()
        except (EOFError, OSError):
            self._process.join()
            self._conn.close()
            raise _with_path(ChildDied("analysis process died (exit code %s) on %s"
                                          % (self._process.exitcode, path)), path) from None
        self.done += 1
        self.deadline = time.monotonic() + self.timeout if self.timeout and self.outstanding else None
        if kind == "ok":
            return path, value
        self.stopping = self.stopping or kind == "error"
        raise _with_path(InputError(value) if kind == "input-error" else ChildCrashed(value), path)


def _with_path(exc, path):
    exc.path = path
    return exc


class Reusable:
    """One child answering archives one at a time (the RabbitMQ worker: one message at a time).

    The child is forked for the first archive and kept for the next ones; it
    is replaced after ``limit`` archives, and at once after a crash, a missed
    deadline or an internal error.  Crash isolation and the deadline are
    those of a child per archive; the fork is paid once per ``limit``.
    """

    def __init__(self, timeout=None, evaluate_kwargs=None, work_root=None, limit=16):
        self.timeout = timeout
        self.evaluate_kwargs = evaluate_kwargs or {}
        self.work_root = work_root
        self.limit = max(1, int(limit))
        self._process = self._conn = None
        self._left = 0

    @property
    def pid(self):
        return self._process.pid if self._process is not None else None

    def _start(self):
        parent_end, child_end = _CONTEXT.Pipe()
        with stop_signals_deferred():
            self._process = _CONTEXT.Process(
                target=_server_main,
                args=(child_end, parent_end, self.limit, self.timeout, self.evaluate_kwargs, self.work_root),
                daemon=True)
            self._process.start()
        child_end.close()
        self._conn, self._left = parent_end, self.limit

    def evaluate(self, path, poll=None):
        """The result dict of ``path``; raises InputError, ArchiveTimeout, ChildCrashed or ChildDied.

        ``poll`` (optional) is called about every 0.2 s while waiting.
        """
        if self._process is None:
            self._start()
        deadline = time.monotonic() + self.timeout if self.timeout else None
        try:
            self._conn.send(path)
            self._left -= 1
            while not wait([self._conn], timeout=0.2):
                if deadline is not None and time.monotonic() >= deadline:
                    raise ArchiveTimeout("analysis of %s exceeded %s s and was stopped" % (path, self.timeout))
                if poll is not None:
                    poll()
            kind, value = self._conn.recv()
        except (EOFError, BrokenPipeError):
            self._process.join()
            died = ChildDied("analysis process died (exit code %s) on %s" % (self._process.exitcode, path))
            self.close()
            raise died from None
        except BaseException:  # a missed deadline, a stop request, the broker lost while polling
            self.close(busy=True)
            raise
        if kind == "error" or self._left == 0:
            self.close()  # the child ends after an internal error or its last archive
        if kind == "ok":
            return value
        raise InputError(value) if kind == "input-error" else ChildCrashed(value)

    def close(self, busy=False):
        """End the child: an idle one at the end of its input, a ``busy`` one by SIGTERM, then SIGKILL."""
        if self._process is None:
            return
        process, self._process = self._process, None
        self._conn.close()
        if not busy:
            process.join(_TERM_GRACE_S)
        if process.is_alive():
            process.terminate()
            process.join(_TERM_GRACE_S)
        if process.is_alive():
            process.kill()
        process.join()
