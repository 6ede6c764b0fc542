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


def nonempty(text):
    if not text:
        raise argparse.ArgumentTypeError("an empty name (an unset shell variable?)")
    return text
