"""
The ``pagealloc`` command: a thin shell over the insights components.

Each subcommand lives in its own module and exposes ``register(subparsers)``;
no diagnosis logic lives in the command line.
"""

import argparse
import gc
import importlib
import os
import sys

from pagealloc import __version__
from pagealloc.rpm_shim import keep_rpm_shim_out

SUBCOMMAND_MODULES = ("triage", "parse_log", "fleet")


def build_parser():
    parser = argparse.ArgumentParser(
        prog="pagealloc",
        description="Explain Linux page allocation failures and recommend vm.min_free_kbytes.",
    )
    parser.add_argument("--version", action="version", version="pagealloc " + __version__)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module("pagealloc.cli." + name).register(subparsers)
    return parser


#: exit status of a command whose reader went away (``pagealloc parse-log ... | head``): 128 + SIGPIPE
EXIT_BROKEN_PIPE = 141


def main(argv=None):
    # A name that is not UTF-8 must never end a command: whatever a renderer
    # let through is written backslash-escaped.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    keep_rpm_shim_out()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return quiet_broken_pipe()
    finally:
        if argv is None:  # the command line, not a caller in this process: the interpreter exits next
            exit_without_collecting()


def exit_without_collecting():
    """Let the interpreter's exit skip the cyclic garbage collections over what the command loaded
    (insights-core and the component graph: 0.06-0.09 s per command, measured with and without).
    Frozen objects are still finalized; only the collector's walk over them is skipped."""
    gc.freeze()


def quiet_broken_pipe():
    """The reader of stdout closed it (``| head``): stop quietly, as ``cat`` does.

    stdout is pointed at /dev/null so the interpreter's own flush at exit does
    not raise again (Python docs, "Note on SIGPIPE").
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
