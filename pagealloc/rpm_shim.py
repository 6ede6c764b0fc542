"""
Keep the PyPI ``rpm`` shim out of pagealloc's start-up
======================================================

insights-core's ``insights.util.rpm_vercmp`` runs ``import rpm`` when it is
imported (through ``insights.specs.default`` -> cloud_provider ->
installed_rpms), and falls back to its own pure-Python port of rpmvercmp when
that import fails.  In a virtual env the module named ``rpm`` is usually the
PyPI package of that name, a *shim* that answers the import by starting the
system Python interpreter(s) in subprocesses to look for real bindings: about
45 ms on every ``pagealloc`` start, measured on a 2-core EPYC, for a module
pagealloc never uses (it compares no package versions).

Only the shim is kept out, recognised by its own docstring; real system
bindings (``python3-rpm`` on RHEL) are left alone.

Examples:
    >>> import sys
    >>> previous = sys.modules.pop("rpm", "absent")
    >>> keep_rpm_shim_out(find_spec=lambda name: None)  # nothing named rpm
    False
    >>> "rpm" in sys.modules
    False
    >>> _ = previous == "absent" or sys.modules.setdefault("rpm", previous)
"""

import importlib.util
import sys

# The first lines of the shim's rpm/__init__.py (rpm-shim 0.5.x, Packit project).
SHIM_MARKER = b"RPM shim module"
# how much of the module's source to read for the marker
HEAD_BYTES = 512


def is_rpm_shim(origin):
    """True when the module file at ``origin`` is the PyPI rpm shim."""
    try:
        with open(origin, "rb") as source:
            return SHIM_MARKER in source.read(HEAD_BYTES)
    except (OSError, TypeError):
        return False


def keep_rpm_shim_out(find_spec=importlib.util.find_spec):
    """Make ``import rpm`` fail fast when it would load the shim; True if it did.

    ``sys.modules["rpm"] = None`` is the documented way to make an import
    raise ImportError (Python reference, "The module cache").
    """
    if "rpm" in sys.modules:
        return False
    spec = find_spec("rpm")
    if spec is None or not is_rpm_shim(spec.origin):
        return False
    sys.modules["rpm"] = None
    return True
