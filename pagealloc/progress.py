"""
Progress on stderr for slow steps (extracting a large archive, reading big
logs): nothing for the first second, nothing at all when stderr is not a
terminal (pipes, CI, fleet workers), one self-overwriting line otherwise.
"""

import sys
import time

DELAY_SECONDS = 1.0
REDRAW_SECONDS = 0.2


class Progress:
    def __init__(self, label, stream=None, enabled=None, clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.enabled = is_terminal(self.stream) if enabled is None else enabled
        self.label = label
        self.clock = clock
        self.started = clock()
        self.last_drawn = None
        self.step_name = "extracting"
        self.drawn = False

    def step(self, name):
        """Name the current step ("extracting", "analysing", ...)."""
        self.step_name = name
        self.update(None)

    def update(self, bytes_done=None):
        """Called often; draws at most every REDRAW_SECONDS, after DELAY_SECONDS."""
        if not self.enabled:
            return
        now = self.clock()
        if now - self.started < DELAY_SECONDS:
            return
        if self.last_drawn is not None and now - self.last_drawn < REDRAW_SECONDS and bytes_done is not None:
            return
        self.last_drawn = now
        amount = "" if bytes_done is None else " %.0f MiB" % (bytes_done / 2**20)
        self.stream.write("\r\x1b[K%s: %s%s (%.0fs)" % (self.label, self.step_name, amount, now - self.started))
        self.stream.flush()
        self.drawn = True

    def close(self):
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def is_terminal(stream):
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
