"""
The ``pagealloc`` command: a thin shell over the insights components.

Each subcommand lives in its own module and exposes ``register(subparsers)``;
no diagnosis logic lives in the command line.
"""

import argparse
import importlib
import sys

from pagealloc import __version__

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


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
