"""
``pagealloc triage [PATH]``: analyse one sosreport, insights-client archive,
extracted directory or plain kernel log (no PATH: this host) and print the
verdict.  Exit codes: 0 nothing found, 1 a problem found, 2 the input could
not be analysed (one-line reason on stderr; the traceback only with --debug),
or no kernel log was read in it (the report is still printed: it shows the
memory picture and what was missing).
"""

import argparse
import os
import shutil
import sys
import traceback
from contextlib import ExitStack

from pagealloc.archive import CONTEXT_CHOICES
from pagealloc.archive.limits import MIB, ExtractionLimits
from pagealloc.archive.workdir import exit_cleanly_on_sigterm
from pagealloc.cli.arg_types import nonempty
from pagealloc.errors import InputError
from pagealloc.progress import Progress
from pagealloc.render.inert import one_line

EXIT_NOTHING_FOUND, EXIT_PROBLEM_FOUND, EXIT_CANNOT_ANALYSE = 0, 1, 2
FORMAT_CHOICES = ("text", "json", "yaml", "markdown", "html")
# --output FILE picks the format from FILE's extension unless --format is given; --save DIR writes each.
FORMAT_EXTENSIONS = {".txt": "text", ".text": "text", ".json": "json", ".yaml": "yaml", ".yml": "yaml",
                     ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
SAVE_NAMES = {"text": "report.txt", "json": "report.json", "yaml": "report.yaml", "markdown": "report.md",
              "html": "report.html"}
TEXT_WIDTH = 80  # when stdout is not a terminal


def register(subparsers):
    parser = subparsers.add_parser(
        "triage", help="analyse one sosreport, insights-client archive, directory or log file",
        description="Analyse one input and explain its page allocation failures. Exit code 0: nothing "
                    "found, 1: a problem found, 2: the input could not be analysed or held no readable kernel log.")
    parser.add_argument("path", nargs="?", metavar="PATH", type=nonempty,
                        help="sosreport/insights archive (.tar.xz .tar.gz .tar.bz2 .zip), directory or log "
                             "file; omit to analyse this host")
    parser.add_argument("--format", choices=FORMAT_CHOICES,
                        help="output format (default: from the --output extension, else text)")
    parser.add_argument("--output", metavar="FILE", type=nonempty,
                        help="write the report to FILE instead of stdout; its extension (txt, md, html, json, yaml) "
                             "picks the format")
    parser.add_argument("--save", metavar="DIR", type=nonempty,
                        help="also write the report in every format to DIR (report.txt, report.md, report.html, "
                             "report.json, report.yaml)")
    parser.add_argument("--short", action="store_true",
                        help="only the headline and the remediation (text, markdown, html)")
    parser.add_argument("--show", choices=("all", "problems"), default="all",
                        help="all verdicts (default) or only the problems")
    parser.add_argument("--quiet", action="store_true", help="print nothing; only the exit code tells")
    parser.add_argument("--context", choices=CONTEXT_CHOICES, help="force the input kind instead of detecting it")
    parser.add_argument("--config", metavar="FILE", type=nonempty,
                        help="insights-core component configuration YAML, as insights-run -c takes (e.g. the "
                             "recommendation policy: docs/recommendation.md)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and insights-core debug logging")
    defaults = ExtractionLimits()
    limits = parser.add_argument_group("extraction limits (also PAGEALLOC_MAX_* environment variables)")
    limits.add_argument("--max-total-mb", type=positive(int), metavar="MB",
                        help="total extracted size (default %d)" % (defaults.max_total_bytes // MIB))
    limits.add_argument("--max-file-mb", type=positive(int), metavar="MB",
                        help="size of one extracted file (default %d)" % (defaults.max_file_bytes // MIB))
    limits.add_argument("--max-entries", type=positive(int), metavar="N",
                        help="archive entries (default %d)" % defaults.max_entries)
    limits.add_argument("--max-ratio", type=positive(float), metavar="R",
                        help="extracted/compressed size ratio above which an archive is a bomb (default %g)"
                        % defaults.max_ratio)
    parser.set_defaults(func=run)
    return parser


def positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError("%r is not a number" % text) from None
        if value <= 0:
            raise argparse.ArgumentTypeError("must be positive, got %s" % text)
        return value

    parse.__name__ = kind.__name__
    return parse


def run(args):
    exit_cleanly_on_sigterm()
    if args.debug:
        import logging

        logging.basicConfig(level=logging.DEBUG)
    try:
        return triage(args)
    except InputError as exc:
        return fail(args, str(exc))
    except KeyboardInterrupt:
        return fail(args, "interrupted", code=130)
    except BrokenPipeError:
        raise  # the reader of stdout went away: pagealloc.cli.main ends quietly
    except Exception as exc:  # an internal error still gets one line and exit 2
        return fail(args, "internal error: %s: %s" % (exc.__class__.__name__, exc))


def triage(args):
    """:func:`analyse`, with a file input opened once and read only through that descriptor
    (:func:`pagealloc.archive.kinds.pinned`): swapped for a FIFO meanwhile, it cannot block the run."""
    from pagealloc.archive import kinds

    if not args.path or os.path.isdir(args.path) or not os.path.lexists(args.path):
        return analyse(args)  # a FIFO or a device is refused by the pin, in parse-log's words
    with ExitStack() as stack:
        try:
            stack.enter_context(kinds.pinned(args.path))
        except kinds.NotRegularFile as exc:
            raise InputError("%s: %s" % (args.path, exc)) from exc
        except OSError as exc:
            raise InputError("%s: cannot read (%s)" % (args.path, exc.strerror or one_line(exc))) from exc
        return analyse(args)


def analyse(args):
    from pagealloc.evaluate import evaluate_path
    from pagealloc.render import render
    from pagealloc.result import exit_code, kernel_log_unread

    limits = extraction_limits(args)
    args.format = output_format(args)
    refuse_writing_into_input(args)
    if args.config:
        from pagealloc.component_config import apply_component_config

        apply_component_config(args.config)
    if args.path and args.context is None:  # a sos collect bundle: one report per host
        from pagealloc.cli.triage_bundle import bundle_members, triage_bundle

        members = bundle_members(args.path, limits)
        if members:
            return triage_bundle(args, members, limits, write_report)
    label = one_line(os.path.basename(args.path.rstrip(os.sep))) if args.path else "this host"  # drawn on a terminal
    with Progress(label) as progress:
        result = evaluate_in_memory_if_room(evaluate_path, args.path, context=args.context, limits=limits,
                                            progress=progress)
    fmt = args.format
    if args.save:
        save_all(result, args)
    if not args.quiet:
        to_terminal = not args.output and sys.stdout.isatty()
        colour = fmt == "text" and to_terminal and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((TEXT_WIDTH, 24)).columns if to_terminal else TEXT_WIDTH
        report = render(result, fmt=fmt, show=args.show, colour=colour, width=width, short=args.short)
        write_report(report, args.output)
    if exit_code(result):
        return EXIT_PROBLEM_FOUND
    unread = kernel_log_unread(result)
    if unread is not None:  # nothing read is not "nothing found" (docs/triage.md)
        reason = "; ".join(unread["details"].get("unread") or [])
        sys.stderr.write(one_line("pagealloc triage: no kernel log read: %s" % reason) + "\n")
        return EXIT_CANNOT_ANALYSE
    return EXIT_NOTHING_FOUND


def evaluate_in_memory_if_room(evaluate_path, path, **kwargs):
    """``evaluate_path`` with the work area on a tmpfs when one has room and ``$TMPDIR`` is not set
    (the fleet's rule: :func:`pagealloc.fleet.workarea.fast_work_root`): the folders, links and
    files an archive's entries make, and their removal, then never wait for a disk.  When the
    tmpfs fills up, the analysis runs again under the default temp folder."""
    from pagealloc.fleet.workarea import fast_work_root, run_in_work_root

    return run_in_work_root(fast_work_root(1) if path else None, lambda: evaluate_path(path, **kwargs))


def refuse_writing_into_input(args):
    """InputError when --output or a --save file is the input itself or lies inside an input folder.

    Checked before the analysis: the report would replace the log it was made from (by its
    name, through a link, or as a hard link to it) or add files to the customer's sosreport.
    """
    if not args.path or not os.path.exists(args.path):
        return
    source = os.path.realpath(args.path)
    inside = source.rstrip(os.sep) + os.sep if os.path.isdir(source) else None
    targets = [("--output", args.output)] if args.output else []
    if args.save:
        targets += [("--save", os.path.join(args.save, name)) for name in SAVE_NAMES.values()]
    for option, target in targets:
        real = os.path.realpath(target)
        if inside and (real + os.sep).startswith(inside):
            raise InputError("%s %s is inside the input folder %s: the input is never modified; write the "
                             "report elsewhere" % (option, target, args.path))
        if real == source or (os.path.exists(real) and os.path.samefile(real, source)):
            raise InputError("%s %s is the input itself: the input is never modified; write the report "
                             "elsewhere" % (option, target))


def output_format(args):
    """--format, else the --output file's extension, else text."""
    if args.format:
        return args.format
    extension = os.path.splitext(args.output or "")[1].lower()
    return FORMAT_EXTENSIONS.get(extension, "text")


def save_all(result, args):
    """Every format into --save DIR (created if missing), the text at the default width."""
    from pagealloc.render import render

    try:
        os.makedirs(args.save, exist_ok=True)
    except OSError as exc:
        raise InputError("cannot create %s: %s" % (args.save, exc.strerror or exc)) from exc
    for fmt, name in SAVE_NAMES.items():
        write_report(render(result, fmt=fmt, show=args.show, width=TEXT_WIDTH, short=args.short),
                     os.path.join(args.save, name))


def extraction_limits(args):
    try:
        return ExtractionLimits.from_env(
            max_total_bytes=args.max_total_mb * MIB if args.max_total_mb is not None else None,
            max_file_bytes=args.max_file_mb * MIB if args.max_file_mb is not None else None,
            max_entries=args.max_entries, max_ratio=args.max_ratio)
    except ValueError as exc:
        raise InputError(str(exc)) from exc


def write_report(report, output):
    if not output:
        sys.stdout.write(report)
        sys.stdout.flush()
        return
    from pagealloc.cli.output_file import write_whole

    try:
        # whole or not at all; backslashreplace: whatever a renderer let through is written escaped
        write_whole(output, report)
    except OSError as exc:
        raise InputError("cannot write %s: %s" % (output, exc.strerror or exc)) from exc


def fail(args, message, code=EXIT_CANNOT_ANALYSE):
    if args.debug and code == EXIT_CANNOT_ANALYSE:
        traceback.print_exc()
        for text in getattr(sys.exc_info()[1], "tracebacks", ()):  # the components' own (AnalysisError)
            sys.stderr.write(text)
    sys.stderr.write(one_line("pagealloc triage: %s" % message) + "\n")
    return code
