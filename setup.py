"""
Package discovery for the design card's layout; metadata, dependencies and
entry points live in setup.cfg.

The insights components sit at the top level of the repository (``specs/``,
``parsers/``, ``combiners/``, ``rules/``) and are installed as subpackages of
``pagealloc`` so that ``insights-run -p pagealloc`` discovers them.  Every
folder with an ``__init__.py`` is found here, so a new subpackage can never be
silently left out of the install.  ``tests/``, ``bench/`` and ``tools/`` are
not installed: they run from the checkout against the installed package.

Only a regular install works: an editable install cannot map the top-level
folders into the package where insights-core's component discovery looks, so
it is refused here with the reason (and ``pagealloc/__init__.py`` refuses to
be imported from the checkout).
"""

import os

from setuptools import find_packages, setup
from setuptools.command.develop import develop
from setuptools.command.editable_wheel import editable_wheel

MAPPED_FOLDERS = ("specs", "parsers", "combiners", "rules")

EDITABLE_REFUSED = ("pagealloc cannot be installed in editable mode: setup.py maps the top-level folders %s "
                    "into the pagealloc package, which insights-core's component discovery only sees in a "
                    "regular install.  Use `pip install .` (or `make install`) and re-run it after edits."
                    % ", ".join(folder + "/" for folder in MAPPED_FOLDERS))


class RefuseEditable(editable_wheel):
    def run(self):
        raise SystemExit("error: " + EDITABLE_REFUSED)


class RefuseDevelop(develop):
    def run(self):
        raise SystemExit("error: " + EDITABLE_REFUSED)


def subpackages(folder, prefix):
    return [prefix] + ["%s.%s" % (prefix, name) for name in find_packages(folder)]


package_dir = {"pagealloc": "pagealloc"}
packages = subpackages("pagealloc", "pagealloc")
for folder in MAPPED_FOLDERS:
    package_dir["pagealloc." + folder] = folder
    packages += subpackages(folder, "pagealloc." + folder)

# Generated from the argparse definitions by tools/regen_triage_docs.py (pagealloc.cli.manuals).
MANUALS = ("share/man/man1/pagealloc.1", "share/bash-completion/completions/pagealloc",
           "share/zsh/site-functions/_pagealloc")

setup(
    cmdclass={"editable_wheel": RefuseEditable, "develop": RefuseDevelop},
    data_files=[(os.path.dirname(path), [path]) for path in MANUALS],
    package_dir=package_dir,
    packages=packages,
    package_data={"pagealloc.fleet": ["*.yaml"]},
)
