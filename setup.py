"""
Package discovery for the design card's layout; metadata, dependencies and
entry points live in setup.cfg.

The insights components sit at the top level of the repository (``specs/``,
``parsers/``, ``combiners/``, ``rules/``, and ``tests/``, ``bench/``) and are
installed as subpackages of ``pagealloc`` so that ``insights-run -p
pagealloc`` discovers them.  Every folder with an ``__init__.py`` is found
here, so a new subpackage can never be silently left out of the install.
Use a regular (not editable) install: an editable install hides mapped
subpackages from insights-core's component discovery.
"""

import os

from setuptools import find_packages, setup

MAPPED_FOLDERS = ("specs", "parsers", "combiners", "rules", "tests", "bench")
# pagealloc/specs etc. are links to the top-level folders (for running from a
# checkout); the mapping below installs the real folders in their place.
LINKED = MAPPED_FOLDERS + tuple(folder + ".*" for folder in MAPPED_FOLDERS)


def subpackages(folder, prefix, exclude=()):
    return [prefix] + ["%s.%s" % (prefix, name) for name in find_packages(folder, exclude=exclude)]


def data_files_below(folder, subfolder):
    """Every file below folder/subfolder, relative to folder (fixtures of any depth)."""
    found = []
    for root, _dirs, files in os.walk(os.path.join(folder, subfolder)):
        found += [os.path.relpath(os.path.join(root, f), folder) for f in files if not f.endswith(".pyc")]
    return sorted(found)


package_dir = {"pagealloc": "pagealloc"}
packages = subpackages("pagealloc", "pagealloc", exclude=LINKED)
for folder in MAPPED_FOLDERS:
    package_dir["pagealloc." + folder] = folder
    packages += subpackages(folder, "pagealloc." + folder)

# Generated from the argparse definitions by tools/regen_triage_docs.py (pagealloc.cli.manuals).
MANUALS = ("share/man/man1/pagealloc.1", "share/bash-completion/completions/pagealloc",
           "share/zsh/site-functions/_pagealloc")

setup(
    data_files=[(os.path.dirname(path), [path]) for path in MANUALS],
    package_dir=package_dir,
    packages=packages,
    package_data={
        "pagealloc.tests": data_files_below("tests", "fixtures"),
        "pagealloc.fleet": ["*.yaml"],
    },
)
