"""
``pagealloc triage BUNDLE``: one report per host of a ``sos collect`` bundle
(or of a folder holding several sosreports, see :mod:`pagealloc.fleet.bundles`).

Text and markdown reports follow each other under a ``==> MEMBER <==`` line
(as ``tail`` heads several files); ``--format json`` prints a JSON array of
the per-host documents and ``yaml`` one YAML document per host.  A member
that cannot be analysed gets its one-line reason on stderr and the others
are still reported.  Exit code: 1 when any host has a problem, else 2 when
any member could not be analysed, else 0.
"""

import os
import sys

from pagealloc.errors import InputError
from pagealloc.progress import Progress
from pagealloc.render.inert import inert, one_line


def bundle_members(path, limits):
    """The member sources of a bundle at ``path``, or [] when it is an ordinary input."""
    from pagealloc.fleet.bundles import directory_members, member_source, tar_members

    path = os.path.abspath(path)
    if os.path.isdir(path):
        return directory_members(path)
    if os.path.isfile(path):
        return [member_source(path, m) for m in tar_members(path, limits)]
    return []


def _label(source):
    return source.rsplit("!", 1)[-1] if "!" in source else source


def combine(reports, fmt):
    """One output of several rendered reports [(member, text)]."""
    if fmt == "json":
        return "[\n" + ",\n".join(text.rstrip("\n") for _, text in reports) + "\n]\n"
    if fmt == "yaml":
        return "".join("---\n" + text for _, text in reports)
    return "\n".join("==> %s <==\n%s" % (shown_label(member, fmt), text) for member, text in reports)


def shown_label(member, fmt):
    """The member's name for its ``==>`` line: escaped (a name from the bundle cannot add lines, drive
    the terminal or, in markdown, form a link or heading)."""
    label = inert(_label(member))
    if fmt == "markdown":
        from pagealloc.render.markdown import escape

        return escape(label)
    return label


def triage_bundle(args, members, limits, write_report):
    from pagealloc.fleet.bundles import evaluate_source
    from pagealloc.render import render
    from pagealloc.result import exit_code

    if args.format == "html":
        raise InputError("%s: a bundle of %d sosreports; --format html draws one host per page: use text, "
                         "markdown, json or yaml, or 'pagealloc fleet run' and 'fleet report --format html'"
                         % (args.path, len(members)))
    reports, codes = [], []
    for member in members:
        try:
            with Progress(one_line(os.path.basename(_label(member)))) as progress:  # drawn on a terminal
                result = evaluate_source(member, context=args.context, limits=limits, progress=progress)
        except InputError as exc:
            sys.stderr.write(one_line("pagealloc triage: %s" % exc) + "\n")
            codes.append(2)
            continue
        codes.append(exit_code(result))
        reports.append((member, render(result, fmt=args.format, show=args.show, colour=False)))
    if reports and not args.quiet:
        write_report(combine(reports, args.format), args.output)
    return 1 if 1 in codes else 2 if 2 in codes else 0
