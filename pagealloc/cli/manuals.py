"""
The manual page and the shell completions, generated from the argparse
definitions of :func:`pagealloc.cli.build_parser` by kept libraries
(argparse-manpage for the roff page, shtab for bash and zsh completion), so
they list exactly the options the command takes.  ``tools/regen_triage_docs.py``
writes them under ``share/`` (installed with the package, see setup.py's
data_files: ``share/man/man1/pagealloc.1``,
``share/bash-completion/completions/pagealloc``,
``share/zsh/site-functions/_pagealloc``) and the test suite fails when they
drift from the parser.

Examples:
    >>> page = man_page()
    >>> page.startswith('.TH PAGEALLOC "1"'), "triage" in page
    (True, True)
    >>> "--short" in completion("bash")
    True
"""

import contextlib
import os

from pagealloc import __version__

# A fixed date keeps the generated page reproducible (it changes with the version, not the day).
MAN_DATE = "pagealloc %s" % __version__
GENERATED = {
    "share/man/man1/pagealloc.1": lambda: man_page(),
    "share/bash-completion/completions/pagealloc": lambda: completion("bash"),
    "share/zsh/site-functions/_pagealloc": lambda: completion("zsh"),
}


def parser():
    from pagealloc.cli import build_parser

    return build_parser()


@contextlib.contextmanager
def columns(width=80):
    """argparse wraps usage lines at $COLUMNS: a fixed width keeps the generated page reproducible."""
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


def man_page():
    from argparse_manpage.manpage import Manpage

    with columns():
        page = Manpage(parser())
        page.date, page.source, page.manual = MAN_DATE, "pagealloc %s" % __version__, "pagealloc manual"
        page.description = "explain Linux page allocation failures and recommend vm.min_free_kbytes"
        return str(page)


def completion(shell):
    import shtab

    with columns():
        return shtab.complete(parser(), shell=shell)


def generated_files():
    """{checkout-relative path: content} of every file generated from the parser."""
    return {path: make() for path, make in GENERATED.items()}
