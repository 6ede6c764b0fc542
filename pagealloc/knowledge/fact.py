"""
Fact - one figure and where it came from
========================================

Every figure of the memory picture is *read* (copied from an input),
*computed* (exact, from inputs that decide it) or *estimated* (an input had
to be assumed; an error bound comes with it), or unknown (``value`` None).
A :class:`Fact` carries the value with that ``source`` and the ``input`` it
came from (a file, a command, "failure report (Mem-Info)", or the rule that
derived it), and for a computed or estimated figure the ``basis``: how it
was obtained (:mod:`pagealloc.knowledge.kernel_default`'s basis dict with
``range`` and ``error_kb``, or a failure report's estimate).

Examples:
    >>> current = Fact.read(2038, "/proc/sys/vm/min_free_kbytes")
    >>> current.value, current.source, current.input, current.known
    (2038, 'read', '/proc/sys/vm/min_free_kbytes', True)
    >>> Fact.read(None, "sysctl -a") == UNKNOWN, UNKNOWN.known
    (True, False)
    >>> Fact(2026, ESTIMATED, "/proc/meminfo", {"error_kb": 125}).error_kb
    125
"""

from dataclasses import dataclass
from typing import Any, Mapping, Optional

READ = "read"
COMPUTED = "computed"
ESTIMATED = "estimated"


@dataclass(frozen=True, slots=True)
class Fact:
    """A value, how it was obtained (``source``: read / computed / estimated) and from which ``input``."""

    value: Any = None
    source: Optional[str] = None
    input: Optional[str] = None
    basis: Optional[Mapping] = None

    @classmethod
    def read(cls, value, input_name):
        """A value copied from ``input_name``; unknown (no source) when ``value`` is None."""
        return cls(value, READ, input_name) if value is not None else UNKNOWN

    @property
    def known(self):
        return self.value is not None

    @property
    def error_kb(self):
        """The basis's error bound (0 when exact or unknown)."""
        return (self.basis or {}).get("error_kb") or 0


#: A figure nothing gave.
UNKNOWN = Fact()
