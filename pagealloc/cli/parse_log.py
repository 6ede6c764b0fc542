"""
``pagealloc parse-log FILE... [--json]``: print the failure events of kernel
log files (dmesg, /var/log/messages, kern.log, journal exports, vmcore-dmesg).

Exit 0 when every file was parsed (even with no events), 2 when one cannot
be read (one-line reason on stderr).  Files are streamed, never loaded whole;
gzip/xz/bzip2 files are decompressed on the fly.
"""

import json
import sys

from pagealloc.kernlog.parse import parse_file
from pagealloc.render.inert import inert


def register(subparsers):
    sub = subparsers.add_parser("parse-log", help="print the page allocation failure reports of kernel logs")
    sub.add_argument("files", nargs="+", metavar="FILE", help="kernel log file(s)")
    sub.add_argument("--json", action="store_true", help="a JSON list of event objects (default: one line each)")
    sub.add_argument("--kernel", metavar="RELEASE", default=None,
                     help="kernel release for GFP decoding when a report does not print it (uname -r)")
    sub.set_defaults(func=run)
    return sub


def _summary(event):
    flags = "|".join(event.gfp_flags) or "?"
    line = "%s:%s %s comm=%s order=%s mode=%s(%s) context=%s driver=%s%s%s" % (
        event.source, event.line, event.kind, event.comm, event.order, event.gfp_mask, flags,
        event.context, event.driver, " truncated" if event.truncated else "",
        " unusable: " + event.unusable if event.unusable else "")
    return inert(line)  # a task or file name from the log must not add lines or drive the terminal


def run(args):
    events = []
    for path in args.files:
        try:
            events.extend(parse_file(path, kernel_hint=args.kernel).events)
        except OSError as error:
            reason = error.strerror or str(error)
            print("pagealloc parse-log: cannot read %s: %s" % (path, reason), file=sys.stderr)
            return 2
    if args.json:
        json.dump([event.to_dict() for event in events], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for event in events:
            print(_summary(event))
    return 0
