"""
pagealloc: an insights-core plugin that explains Linux page allocation
failures and recommends a measured ``vm.min_free_kbytes``.

The insights components live in the subpackages ``pagealloc.specs``,
``pagealloc.parsers``, ``pagealloc.combiners`` and ``pagealloc.rules``; the
rest of this package (``kernlog``, ``knowledge``, ``cli``) is plain Python
that the components and the command line call.

In the source checkout those four subpackages are top-level folders that
only a regular install maps into the package (setup.py).  When this file is
imported from the checkout (its root first on ``sys.path``: ``insights-run``
and ``python -c`` put the working directory there), it hands over to the
installed copy found further on ``sys.path``, so the checkout's pagealloc/
never shadows the install; without an install it stops with the reason.
"""

import importlib.machinery
import importlib.util
import os
import sys

__version__ = "0.1.0"

MAPPED_FOLDERS = ("specs", "parsers", "combiners", "rules")


def _checkout_root(package_dir):
    """The checkout that holds this package (setup.py and the component
    folders next to it, not inside it), or None for an installed copy."""
    root = os.path.dirname(package_dir)
    if not os.path.isfile(os.path.join(root, "setup.py")):
        return None
    if all(os.path.isdir(os.path.join(package_dir, name)) for name in MAPPED_FOLDERS):
        return None
    return root if all(os.path.isdir(os.path.join(root, name)) for name in MAPPED_FOLDERS) else None


def _installed_spec(checkout):
    """The import spec of a pagealloc on ``sys.path`` outside the checkout, or None."""
    elsewhere = [entry for entry in sys.path if os.path.realpath(entry or os.curdir) != checkout]
    return importlib.machinery.PathFinder.find_spec(__name__, elsewhere)


_CHECKOUT = _checkout_root(os.path.dirname(os.path.realpath(__file__)))
if _CHECKOUT is not None:
    _installed = _installed_spec(_CHECKOUT)
    if _installed is None:
        raise ImportError(
            "pagealloc was imported from the source checkout %s, where specs/, parsers/, combiners/ and rules/ "
            "are not part of the package, and no installed pagealloc was found: install it (`make install` or "
            "`pip install .`; editable installs are refused) and use that Python, e.g. .venv/bin/pagealloc"
            % _CHECKOUT)
    # The import system returns what sys.modules holds once this file has run.
    sys.modules[__name__] = importlib.util.module_from_spec(_installed)
    _installed.loader.exec_module(sys.modules[__name__])
