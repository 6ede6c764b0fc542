"""Kernel release strings ("2.6.32-5-686", "4.18.0-553.el8_10.x86_64") as version tuples."""

import re

_RELEASE = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?")


def kernel_version_tuple(release):
    """``(major, minor, patch)`` of a release string, or None when it is not one.

    >>> kernel_version_tuple("3.10.0-1160.el7.x86_64")
    (3, 10, 0)
    >>> kernel_version_tuple("6.1") , kernel_version_tuple("unknown")
    ((6, 1, 0), None)
    """
    match = _RELEASE.match(release or "")
    if not match:
        return None
    major, minor, patch = match.groups()
    if int(major) > 99 or int(minor) > 999:  # not a kernel version
        return None
    return int(major), int(minor), int(patch or 0)
