"""
Bounded event collection: a log with ten million failure headers must not
exhaust memory.  Keep the first and the last ``keep`` events, count the rest.

Examples:
    >>> sink = BoundedEvents(keep=2)
    >>> for i in range(7):
    ...     sink.add(i)
    >>> sink.events(), sink.total, sink.dropped
    ([0, 1, 5, 6], 7, 3)

Two sinks joined as if one had taken every event (see :meth:`BoundedEvents.splice`):

    >>> later = BoundedEvents(keep=2)
    >>> for i in [6, 7, 8, 9, 10]:  # 6 again: the other sink's last event, as it was changed since
    ...     later.add(i)
    >>> sink.splice(later, 1), sink.events(), sink.total
    (True, [0, 1, 9, 10], 11)

With a ``key``, each event the bound drops leaves its key counted in ``evicted`` (what a fold over every
event needs of it: pagealloc.kernlog.quoted_title), merged by :meth:`BoundedEvents.splice` too:

    >>> odd = BoundedEvents(keep=1, key=lambda n: n % 2 or None)
    >>> for i in range(6):
    ...     odd.add(i)
    >>> odd.events(), dict(odd.evicted)
    ([0, 5], {1: 2})

An event may come with part of it left to read (its ``deferred``: a function and its arguments, which the
assembler sets when the bound may drop it): :meth:`BoundedEvents.events` reads it as it gives the event out,
so an event the bound drops is never read.
"""

from collections import Counter, deque

DEFAULT_KEEP = 1000


class BoundedEvents:
    def __init__(self, keep=DEFAULT_KEEP, key=None):
        self.keep = max(1, int(keep))
        self.head = []
        self.tail = deque(maxlen=self.keep)
        self.total = 0
        self.key = key          # a module-level function (the sink is pickled by split_feed), or None
        self.evicted = Counter()  # key -> events dropped with it (a None key is not counted)

    def add(self, event):
        self.total += 1
        if len(self.head) < self.keep:
            self.head.append(event)
        else:
            if self.key is not None and len(self.tail) == self.keep:
                key = self.key(self.tail[0])  # (the event the bound drops: long past, no line changes it now)
                if key is not None:
                    self.evicted[key] += 1
            self.tail.append(event)

    @property
    def dropped(self):
        return self.total - len(self.head) - len(self.tail)

    def last(self):
        if self.tail:
            return self.tail[-1]
        return self.head[-1] if self.head else None

    def splice(self, other, skip):
        """Go on with the events of ``other`` (a sink of the same bound) after its first ``skip``, as if
        they had been added here; ``other``'s event ``skip - 1`` replaces this sink's last (the same
        event, as changed since).  False, nothing changed, when an event needed was dropped."""
        dropped = other.dropped
        known = other.head if dropped else other.head + list(other.tail)  # the events up to the first dropped
        added = known[skip:]
        if skip > len(known) or (skip > 0) != (self.total > 0) or other.keep != self.keep \
                or dropped and len(self.head) + len(added) < self.keep:
            return False
        if skip:
            if self.tail:
                self.tail[-1] = known[skip - 1]
            else:
                self.head[-1] = known[skip - 1]
        for event in added:
            self.add(event)
        if dropped:
            self.total += dropped  # past a full head: the tail that follows replaces them
            self.evicted.update(other.evicted)
            for event in other.tail:
                self.add(event)
        return True

    def events(self):
        events = self.head + list(self.tail)
        for event in events:
            deferred = getattr(event, "deferred", None)
            if deferred is not None:  # (what the assembler left to read: assembler._read_lines)
                del event.deferred
                deferred[0](event, *deferred[1:])
        return events
