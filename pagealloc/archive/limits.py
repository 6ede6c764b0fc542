"""
Extraction limits: how much an archive may expand before we refuse it.

A sosreport is usually 10-100 MB compressed and 100 MB-2 GB extracted, with
xz ratios around 5-20 (text logs).  The defaults leave room for large real
reports while stopping a decompression bomb or a "millions of tiny files"
archive long before the disk or the inode table fills.  Every limit can be
changed with an environment variable or the matching ``pagealloc triage``
option (docs/security.md lists them).
"""

import os
from dataclasses import dataclass, fields

MIB = 1024 * 1024


@dataclass(frozen=True)
class ExtractionLimits:
    #: total bytes written for one input (all entries, nested archive included)
    max_total_bytes: int = 8 * 1024 * MIB
    #: bytes of one extracted file (one kernel log can be large, not unbounded)
    max_file_bytes: int = 2 * 1024 * MIB
    #: number of archive entries (files, directories, links)
    max_entries: int = 200_000
    #: extracted bytes / compressed archive bytes ...
    max_ratio: float = 200.0
    #: ... checked only once this many bytes were written: small archives of
    #: repetitive text legitimately compress better than any sane ratio.
    ratio_floor_bytes: int = 256 * MIB

    @classmethod
    def from_env(cls, environ=None, **overrides):
        """Defaults, then ``PAGEALLOC_<FIELD>`` environment values, then ``overrides``.

        Sizes in the environment are in MiB (``PAGEALLOC_MAX_TOTAL_MB``,
        ``PAGEALLOC_MAX_FILE_MB``, ``PAGEALLOC_RATIO_FLOOR_MB``); counts and the
        ratio are plain numbers.  A malformed value raises ``ValueError`` naming
        the variable.  ``None`` overrides are ignored.
        """
        environ = os.environ if environ is None else environ
        values = {}
        for name, (variable, scale, kind) in ENVIRONMENT_VARIABLES.items():
            raw = environ.get(variable)
            if raw is None or raw == "":
                continue
            try:
                value = kind(raw)
            except ValueError:
                raise ValueError("%s=%r is not a number" % (variable, raw)) from None
            if value <= 0:
                raise ValueError("%s must be positive, got %r" % (variable, raw))
            values[name] = kind(value * scale)
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise TypeError("unknown extraction limit(s): %s" % ", ".join(sorted(unknown)))
        return cls(**values)


# field -> (environment variable, multiplier to bytes, type)
ENVIRONMENT_VARIABLES = {
    "max_total_bytes": ("PAGEALLOC_MAX_TOTAL_MB", MIB, int),
    "max_file_bytes": ("PAGEALLOC_MAX_FILE_MB", MIB, int),
    "max_entries": ("PAGEALLOC_MAX_ENTRIES", 1, int),
    "max_ratio": ("PAGEALLOC_MAX_RATIO", 1, float),
    "ratio_floor_bytes": ("PAGEALLOC_RATIO_FLOOR_MB", MIB, int),
}
