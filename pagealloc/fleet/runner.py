"""
Embedded fleet runner - ``pagealloc fleet run``
===============================================

Analyses many archives on one machine: ``workers`` forked children at a time
(:mod:`pagealloc.fleet.isolated`), each analysing up to ``batch_size``
archives one after another with a deadline per archive, one JSON line
appended per archive as soon as it finishes.  Each child is fed the next
archive as it answers (one more waits in its pipe while the list is long),
so the workers finish together whatever the archives' sizes and a worker
slowed by other load takes fewer.  A batch that crashes or misses a deadline
stops there; what it was given and had not answered is analysed one archive
per child, so a crashing archive is recorded alone and costs no other.

Sources already present in the output file are skipped, so an interrupted
run resumes where it stopped.  Memory stays bounded: sources are a list of
paths, results go to disk at once, children exit after their batch.
Work areas go to a tmpfs when one has room (:mod:`pagealloc.fleet.workarea`),
inside a folder of the run's own that is removed when it ends
(:func:`run_work_areas`).  Asked to stop, the children get one shared grace
period; asked again meanwhile, they are killed at once.
"""

import collections
import tempfile
import time
from contextlib import contextmanager
from multiprocessing.connection import wait

from pagealloc.archive.workdir import StopAtOnce, remove_tree
from pagealloc.errors import InputError
from pagealloc.fleet.isolated import (
    TERM_GRACE_S,
    Batch,
    ChildCrashed,
    ChildDied,
    stop_signals_deferred,
    warm_up,
)
from pagealloc.fleet.jsonl import ResultsWriter, done_sources
from pagealloc.fleet.record import dumps, error_record, result_record
from pagealloc.fleet.workarea import fast_work_root
from pagealloc.progress import Progress

#: archives per child: the fork and exit are paid once per batch (measured in
#: ``make bench``: 16 gives most of the gain of 64, and one batch never holds
#: the memory of more than a few minutes of work)
BATCH_SIZE = 16


def run_fleet(sources, out_path, workers=1, timeout=None, evaluate_kwargs=None, stream=None, retry_errors=False,
              batch_size=BATCH_SIZE, work_root=None):
    """Analyse ``sources`` into ``out_path``; returns counts {total, skipped, analysed, errors}.

    Sources already in ``out_path`` are skipped; with ``retry_errors`` those
    recorded only with an error are analysed again.  ``work_root``: where
    the work areas go (default: a tmpfs with room, else the temp folder).
    """
    with ResultsWriter(out_path) as out:  # locked first: a second run on the file stops here
        already = done_sources(out_path, retry_errors)
        pending = [source for source in sources if source not in already]
        progress = Progress("archives", stream, total=len(pending))
        if pending:
            warm_up()
            with run_work_areas(work_root or fast_work_root(workers)) as roots:
                pool = Pool(out, progress, max(1, workers), timeout, evaluate_kwargs, batch_size, roots)
                pool.run(pending)
    return {
        "total": len(sources),
        "skipped": len(sources) - len(pending),
        "analysed": progress.done,
        "errors": progress.errors,
    }


class Pool:
    """Children analysing batches of archives, up to ``workers`` at a time."""

    def __init__(self, out, progress, workers, timeout, evaluate_kwargs, batch_size, work_root):
        self.out = out
        self.progress = progress
        self.workers = workers
        self.timeout = timeout
        self.evaluate_kwargs = evaluate_kwargs
        self.batch_size = max(1, batch_size)
        self.work_root = work_root
        self.queue = collections.deque()
        self.alone = collections.deque()  # what a crashed batch was given: one archive per child
        self.running = {}
        self.ending = []  # children told to finish, joined at the end

    def run(self, sources):
        self.queue.extend(sources)
        try:
            while self._start_children():
                for ready in wait(list(self.running), timeout=_seconds_to_next_deadline(self.running.values())):
                    self._take_answer(self.running[ready])
                now = time.monotonic()
                for batch in [b for b in self.running.values() if b.expired(now)]:
                    self._stop_expired(batch)
        finally:
            # Interrupted (Ctrl-C, SIGTERM): stop the children, which remove
            # their work dirs; unfinished archives are not recorded, so a rerun
            # analyses them.
            running = list(self.running.values())
            try:
                for batch in running:  # all at once, one grace period for all (it was 5 s per child, in turn)
                    batch.terminate()
                deadline = time.monotonic() + TERM_GRACE_S
                for batch in running:
                    batch.kill(deadline)
                for batch in self.ending:
                    batch.reap()
            except StopAtOnce:  # asked again: no grace (their work areas go with the run's, run_work_areas)
                for batch in running + self.ending:
                    batch.kill(time.monotonic())
                raise

    def _start_children(self):
        """Fill the free slots; False when nothing is left to run or wait for."""
        while len(self.running) < self.workers and (self.alone or self.queue):
            alone = bool(self.alone)
            with stop_signals_deferred():  # a stop request lands after the child is known
                batch = Batch(1 if alone else self.batch_size, self.timeout, self.evaluate_kwargs, self.work_root,
                              prepare=record_line)
                self.running[batch.waitable] = batch
            if alone:
                batch.send(self.alone.popleft())
            else:
                self._feed(batch)
        return bool(self.running)

    def _feed(self, batch):
        """Keep a child busy: its next archive, and one more waiting in its pipe while the list is
        longer than the workers (so it never idles between answers, and the tail is shared)."""
        wanted = 2 if len(self.queue) > self.workers else 1
        while batch.can_take and self.queue and batch.outstanding < wanted:
            batch.send(self.queue.popleft())

    def _record(self, record):
        self.out.write(record)
        self.progress.advance(record["error"] is not None)

    def _take_answer(self, batch):
        try:
            _, (line, failed) = batch.next_outcome()
        except ChildDied as exc:
            del self.running[batch.waitable]
            if len(batch.paths) > 1:  # died mid-batch: that archive and the rest again, one per child
                self.alone.extend([exc.path] + batch.left())
            else:
                self._record(error_record(exc.path, str(exc)))
            return
        except (InputError, ChildCrashed) as exc:
            line, failed = dumps(error_record(exc.path, str(exc))), True
        self._feed(batch)  # before writing: the child goes on meanwhile
        self.out.write_line(line)
        self.progress.advance(failed)
        if not batch.outstanding and not (batch.can_take and self.queue):
            del self.running[batch.waitable]
            batch.finish(wait=False)
            self.ending.append(batch)

    def _stop_expired(self, batch):
        batch.kill()
        del self.running[batch.waitable]
        self._record(error_record(batch.path, "analysis exceeded %s s and was stopped" % batch.timeout))
        self.alone.extend(batch.left())


@contextmanager
def run_work_areas(fast_root):
    """``(first, fallback)``: the run's own folders for its children's work areas, one in ``fast_root``
    (a tmpfs, or None) and one in the default temp folder (where an archive that fills the tmpfs is
    analysed again: :func:`pagealloc.fleet.workarea.run_in_work_root`).  Removed with whatever is in
    them when the run ends: a child killed (SIGKILL, after the grace period or on a second stop
    request) cannot remove its own work area, and nothing of the run may stay in $TMPDIR."""
    made = []
    try:
        with stop_signals_deferred():  # a stop request lands once the folders are known
            made.append(tempfile.mkdtemp(prefix="pagealloc-run-"))
            if fast_root:
                made.append(tempfile.mkdtemp(prefix="pagealloc-run-", dir=fast_root))
        yield (made[1] if fast_root else None, made[0])
    finally:
        try:
            for folder in made:
                remove_tree(folder)
        except StopAtOnce:  # the next requests are no-ops: this removal runs to its end
            for folder in made:
                remove_tree(folder)
            raise


def record_line(result):
    """In the child: the result's JSON line and whether it is an error record (the parent only
    writes it: building and encoding records in the parent was ~0.7 ms per archive of its CPU,
    serial against both workers)."""
    record = result_record(result)
    return dumps(record), record["error"] is not None


def _seconds_to_next_deadline(children):
    deadlines = [c.deadline for c in children if c.deadline is not None]
    if not deadlines:
        return None
    return max(0.0, min(deadlines) - time.monotonic())
