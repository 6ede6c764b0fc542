"""
Embedded fleet runner - ``pagealloc fleet run``
===============================================

Analyses many archives on one machine: up to ``workers`` archives at a time,
each in its own forked child (:mod:`pagealloc.fleet.isolated`) with a
deadline, one JSON line appended per archive as soon as it finishes.  Sources
already present in the output file are skipped, so an interrupted run
resumes where it stopped.  Memory stays bounded: sources are a list of paths,
results go to disk at once, children exit after one archive.
"""

import sys
import time
from multiprocessing.connection import wait

from pagealloc.errors import InputError
from pagealloc.fleet.isolated import ChildCrashed, Running, stop_signals_deferred, warm_up
from pagealloc.fleet.jsonl import ResultsWriter, done_sources
from pagealloc.fleet.record import error_record, result_record


def record_of(running):
    """The fleet record of a finished child (error records for failures)."""
    try:
        return result_record(running.outcome())
    except (InputError, ChildCrashed) as exc:
        return error_record(running.path, str(exc))


def timeout_record(running):
    return error_record(running.path, "analysis exceeded %s s and was stopped" % running.timeout)


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    WIDTH = 30

    def __init__(self, total, stream=None):
        self.total = total
        self.done = 0
        self.errors = 0
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()

    def advance(self, record):
        self.done += 1
        self.errors += record["error"] is not None
        if self.enabled:
            filled = self.WIDTH * self.done // max(self.total, 1)
            self.stream.write(
                "\r[%s%s] %d/%d archives, %d errors"
                % ("#" * filled, "." * (self.WIDTH - filled), self.done, self.total, self.errors)
            )
            if self.done == self.total:
                self.stream.write("\n")
            self.stream.flush()


def run_fleet(sources, out_path, workers=1, timeout=None, evaluate_kwargs=None, stream=None, retry_errors=False):
    """Analyse ``sources`` into ``out_path``; returns counts {total, skipped, analysed, errors}.

    Sources already in ``out_path`` are skipped; with ``retry_errors`` those
    recorded only with an error are analysed again.
    """
    running = {}
    with ResultsWriter(out_path) as out:  # locked first: a second run on the file stops here
        already = done_sources(out_path, retry_errors)
        pending = [source for source in sources if source not in already]
        progress = Progress(len(pending), stream)
        if pending:
            warm_up()
        queue = iter(pending)

        def finish(child, record):
            del running[child.waitable]
            out.write(record)
            progress.advance(record)

        try:
            while True:
                while len(running) < max(1, workers):
                    source = next(queue, None)
                    if source is None:
                        break
                    with stop_signals_deferred():  # a stop request lands after the child is known
                        child = Running(source, timeout, evaluate_kwargs)
                        running[child.waitable] = child
                if not running:
                    break
                for ready in wait(list(running), timeout=_seconds_to_next_deadline(running.values())):
                    child = running[ready]
                    finish(child, record_of(child))
                now = time.monotonic()
                for child in [c for c in running.values() if c.expired(now)]:
                    child.kill()
                    finish(child, timeout_record(child))
        finally:
            # Interrupted (Ctrl-C, SIGTERM): stop the children, which remove
            # their work dirs; unfinished archives are not recorded, so a rerun
            # analyses them.
            for child in list(running.values()):
                child.kill()
    return {
        "total": len(sources),
        "skipped": len(sources) - len(pending),
        "analysed": progress.done,
        "errors": progress.errors,
    }


def _seconds_to_next_deadline(children):
    deadlines = [c.deadline for c in children if c.deadline is not None]
    if not deadlines:
        return None
    return max(0.0, min(deadlines) - time.monotonic())
