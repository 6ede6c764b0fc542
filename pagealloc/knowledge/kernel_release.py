"""
Kernel release strings, parsed once
===================================

``uname -r`` and a failure report's ``Not tainted 2.6.32-5-686 #1`` name the
kernel as ``MAJOR.MINOR[.PATCH][-BUILD...][SUFFIX]``: upstream
(``6.1``), Debian (``2.6.32-5-686``, ``6.1.0-18-amd64``), Ubuntu
(``5.15.0-125-generic``), RHEL and its rebuilds (``3.10.0-1160.el7.x86_64``,
``4.18.0-553.el8_10.x86_64``).  :class:`KernelRelease` holds what the
knowledge tables key on: the version tuple, the distribution build number
(RHEL backports are keyed on it, see ``kernel_default.CLAMP_BACKPORTS``) and
the arch a suffix names.  A string that is not a release (no leading
``N.N``, or a major above 99 or a minor above 999, which no kernel has had)
has no version: callers answer "unknown" for it, never a guess.

Examples:
    >>> rhel = KernelRelease.parse("3.10.0-1160.el7.x86_64")
    >>> rhel.version, rhel.build, rhel.arch
    ((3, 10, 0), 1160, 'x86_64')
    >>> rhel.at_least(3, 10), rhel.at_least(4, 6), rhel.at_least(3, 10, 1)
    (True, False, False)
    >>> debian = KernelRelease.parse("2.6.32-5-686")
    >>> debian.version, debian.build, debian.arch
    ((2, 6, 32), 5, 'i686')
    >>> KernelRelease.parse("6.1").version, KernelRelease.parse("6.1").arch
    ((6, 1, 0), None)
    >>> unknown = KernelRelease.parse("unknown")
    >>> unknown.version, unknown.known, unknown.at_least(2, 6)
    (None, False, None)
    >>> KernelRelease.parse("2024.04-1").version is None  # a date, not a kernel
    True
"""

import functools
import re
from dataclasses import dataclass
from typing import Optional, Tuple

_RELEASE = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(?:-(\d+))?")
# Larger numbers are not a kernel version (dates, package versions).
MAX_MAJOR = 99
MAX_MINOR = 999
# Release suffixes that name the arch (RHEL/Fedora ".x86_64", Debian "-amd64", "-686-pae").
ARCH_FROM_RELEASE = ((re.compile(r"(x86_64|amd64)$"), "x86_64"), (re.compile(r"(aarch64|arm64)$"), "aarch64"),
                     (re.compile(r"(-686(-pae)?|i[3-6]86)$"), "i686"), (re.compile(r"ppc64le$"), "ppc64le"),
                     (re.compile(r"s390x$"), "s390x"))


@dataclass(frozen=True)
class KernelRelease:
    text: str
    version: Optional[Tuple[int, int, int]]  # (major, minor, patch); None when the text is not a release
    build: Optional[int]                     # the number after the first "-" (distribution build / ABI)
    arch: Optional[str]                      # the arch the suffix names, or None

    @staticmethod
    @functools.lru_cache(maxsize=256)
    def parse(release):
        """The release ``release`` names (``None`` and "" give an unknown release)."""
        text = release or ""
        match = _RELEASE.match(text)
        version = build = None
        if match and int(match.group(1)) <= MAX_MAJOR and int(match.group(2)) <= MAX_MINOR:
            major, minor, patch, number = match.groups()
            version = (int(major), int(minor), int(patch or 0))
            build = int(number) if number else None
        arch = next((name for pattern, name in ARCH_FROM_RELEASE if pattern.search(text)), None)
        return KernelRelease(text, version, build, arch)

    @property
    def known(self):
        return self.version is not None

    def at_least(self, *version):
        """True when this release is ``version`` (major, minor[, patch]) or later; None when unknown."""
        if self.version is None:
            return None
        return self.version[:len(version)] >= tuple(version)
