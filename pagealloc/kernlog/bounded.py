"""
Bounded event collection: a log with ten million failure headers must not
exhaust memory.  Keep the first and the last ``keep`` events, count the rest.

Examples:
    >>> sink = BoundedEvents(keep=2)
    >>> for i in range(7):
    ...     sink.add(i)
    >>> sink.events(), sink.total, sink.dropped
    ([0, 1, 5, 6], 7, 3)
"""

from collections import deque

DEFAULT_KEEP = 1000


class BoundedEvents:
    def __init__(self, keep=DEFAULT_KEEP):
        self.keep = max(1, int(keep))
        self.head = []
        self.tail = deque(maxlen=self.keep)
        self.total = 0

    def add(self, event):
        self.total += 1
        if len(self.head) < self.keep:
            self.head.append(event)
        else:
            self.tail.append(event)

    @property
    def dropped(self):
        return self.total - len(self.head) - len(self.tail)

    def last(self):
        if self.tail:
            return self.tail[-1]
        return self.head[-1] if self.head else None

    def events(self):
        return self.head + list(self.tail)
