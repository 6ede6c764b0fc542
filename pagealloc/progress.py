"""
Progress on stderr for slow steps (extracting a large archive, reading big
logs): nothing for the first second, nothing at all when stderr is not a
terminal (pipes, CI, fleet workers), one self-overwriting line otherwise.

Extraction reports bytes as it goes; a ticker thread (only on a terminal)
keeps the line and its clock moving during steps that report nothing, such
as insights-core reading a large log.  A run over a known number of items
(``total``: ``pagealloc fleet run``'s archives) draws a bar instead, at once
on every item: ``[#####.....] 3/10 archives, 1 errors``.
"""

import sys
import threading
import time

DELAY_SECONDS = 1.0
REDRAW_SECONDS = 0.2
BAR_WIDTH = 30


class Progress:
    def __init__(self, label, stream=None, enabled=None, clock=time.monotonic, total=None):
        self.stream = stream or sys.stderr
        self.enabled = is_terminal(self.stream) if enabled is None else enabled
        self.label = label
        self.clock = clock
        self.started = clock()
        self.last_drawn = None
        self.step_name = "extracting"
        self.bytes_done = None
        self.drawn = False
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.ticker = None
        self.total = total
        self.done = 0
        self.errors = 0

    def step(self, name):
        """Name the current step ("extracting", "analysing", ...)."""
        self.step_name = name
        self.bytes_done = None
        self.draw(force=True)

    def update(self, bytes_done=None):
        """Called often (every extracted chunk); draws at most every REDRAW_SECONDS."""
        if bytes_done is not None:
            self.bytes_done = bytes_done
        self.draw()

    def advance(self, failed=False):
        """One of ``total`` items done (``failed``: with an error); the bar is redrawn at once."""
        self.done += 1
        self.errors += bool(failed)
        if not self.enabled:
            return
        filled = BAR_WIDTH * self.done // max(self.total or 0, 1)
        self.stream.write("\r[%s%s] %d/%d %s, %d errors" % ("#" * filled, "." * (BAR_WIDTH - filled), self.done,
                                                           self.total, self.label, self.errors))
        if self.done == self.total:
            self.stream.write("\n")
        self.stream.flush()

    def draw(self, force=False):
        if not self.enabled:
            return
        with self.lock:
            now = self.clock()
            if now - self.started < DELAY_SECONDS or self.stopped.is_set():
                return
            if not force and self.last_drawn is not None and now - self.last_drawn < REDRAW_SECONDS:
                return
            self.last_drawn = now
            amount = "" if self.bytes_done is None else " %.0f MiB" % (self.bytes_done / 2**20)
            self.stream.write("\r\x1b[K%s: %s%s (%.0fs)" % (self.label, self.step_name, amount, now - self.started))
            self.stream.flush()
            self.drawn = True

    def close(self):
        self.stopped.set()
        if self.ticker is not None:
            self.ticker.join()
        with self.lock:
            if self.drawn:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self.drawn = False

    def tick(self):
        while not self.stopped.wait(REDRAW_SECONDS):
            self.draw()

    def __enter__(self):
        if self.enabled:
            self.ticker = threading.Thread(target=self.tick, name="pagealloc-progress", daemon=True)
            self.ticker.start()
        return self

    def __exit__(self, *exc):
        self.close()


def is_terminal(stream):
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
