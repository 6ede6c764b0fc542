"""
The ``pagealloc`` command: a thin shell over the insights components.

Each subcommand lives in its own module and exposes ``register(subparsers)``;
no diagnosis logic lives in the command line.
"""

import argparse
import errno
import gc
import importlib
import os
import sys

from pagealloc import __version__
from pagealloc.errors import InputError
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
    saved = sys.stdout, sys.stderr
    guard_standard_streams()
    try:
        return run_command(argv)
    finally:
        sys.stdout, sys.stderr = saved  # an in-process caller (tests) gets its own streams back


def run_command(argv):
    keep_rpm_shim_out()
    parser = build_parser()
    args = None
    try:
        args = parser.parse_args(argv)  # --help and --version write to stdout
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return 2
        code = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return quiet_broken_pipe()
    except KeyboardInterrupt:  # Ctrl-C in a command without its own handling (fleet record, report, parse-log)
        command = getattr(args, "command", None)
        sys.stderr.write("pagealloc%s: interrupted\n" % (" " + command if command else ""))
        return 130
    except StdoutError as exc:
        command = getattr(args, "command", None)
        sys.stderr.write("pagealloc%s: %s\n" % (" " + command if command else "", exc))
        silence_stdout()
        return 2
    finally:
        if argv is None:  # the command line, not a caller in this process: the interpreter exits next
            exit_without_collecting()


def exit_without_collecting():
    """Let the interpreter's exit skip the cyclic garbage collections over what the command loaded
    (insights-core and the component graph: 0.06-0.09 s per command, measured with and without).
    Frozen objects are still finalized; only the collector's walk over them is skipped."""
    gc.freeze()


class StdoutError(InputError):
    """Standard output cannot be written (a full disk, a closed descriptor): the report is lost,
    which is one line and exit 2, never a traceback."""


class GuardedStdout:
    """``sys.stdout`` whose write errors (other than a reader gone away) become :class:`StdoutError`."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text):
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError("cannot write the report to standard output (%s)" % (exc.strerror or exc)) from exc

    def flush(self):
        try:
            return self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError("cannot write the report to standard output (%s)" % (exc.strerror or exc)) from exc

    def __getattr__(self, name):
        return getattr(self._stream, name)


class ClosedStream:
    """Stands for a standard stream the command was started without (``>&-``)."""

    def write(self, _text):
        raise OSError(errno.EBADF, "it is closed")

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError(errno.EBADF, "it is closed")


def guard_standard_streams():
    """A closed stderr swallows the one-line errors (the exit code still tells); stdout errors
    become :class:`StdoutError` when something is written to it (with --quiet or --output nothing is)."""
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")
    if not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout if sys.stdout is not None else ClosedStream())


def silence_stdout():
    """Drop what is still buffered for stdout, so the interpreter's flush at exit cannot fail again."""
    stream = getattr(sys.stdout, "_stream", sys.stdout)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
    except (OSError, AttributeError, ValueError):
        pass


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
