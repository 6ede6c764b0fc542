"""
Argument types shared by the commands.

``nonempty``: a file or folder name that must not be empty.  An unset shell variable passed as
``"$ARCHIVE"`` reaches argparse as ``""``, which ``os.path.abspath`` turns into the current folder:
``pagealloc fleet run "" --out r.jsonl`` analysed every entry of the working directory, and
``--output ""`` silently printed to standard output.  argparse turns the error into its usage line
and exit 2.

Examples:
    >>> nonempty("sosreport.tar.xz")
    'sosreport.tar.xz'
    >>> nonempty("")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: an empty name (an unset shell variable?)
"""

import argparse
import math


def seconds(text):
    """A duration: a finite number of seconds above 0.

    ``fleet run --timeout -1`` (or ``nan``) recorded every archive as an error ("exceeded -1 s"),
    which a later run then skipped as done; ``--timeout inf`` ended in an OverflowError traceback.

    >>> seconds("600"), seconds("0.5")
    (600.0, 0.5)
    >>> seconds("inf")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 'inf' is not a number of seconds above 0
    """
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError("%r is not a number of seconds above 0" % text)
    return value


def count(text):
    """A whole number above 0 (``fleet collect --expect -3`` said "complete" at once, exit 0, without
    collecting anything or reaching the broker).

    >>> count("50")
    50
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError("%r is not a whole number above 0" % text)
    return value


def port(text):
    """A TCP port, 1-65535 (``--metrics-port 99999`` ended in an OverflowError traceback)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError("%r is not a TCP port (1-65535)" % text)
    return value


def nonempty(text):
    if not text:
        raise argparse.ArgumentTypeError("an empty name (an unset shell variable?)")
    return text
