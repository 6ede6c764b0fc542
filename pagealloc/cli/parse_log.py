"""
``pagealloc parse-log FILE... [--json]``: print the failure events of kernel
log files (dmesg, /var/log/messages, kern.log, journal exports, vmcore-dmesg).

Exit 0 when every file was read as a kernel log (even with no events), 2 when
one cannot be read or holds no kernel log: not a regular file (a FIFO or a
device is never waited on), empty, or no line in a kernel log format (one line
per such file on stderr; the events of the other files are still printed).
Nothing read is not nothing found.  Files are streamed, never loaded whole;
gzip/xz/bzip2 files are decompressed on the fly.
"""

import json
import os
import sys

from pagealloc.archive import kinds
from pagealloc.kernlog.log_survey import has_kernel_lines
from pagealloc.kernlog.parse import open_log, parse_file
from pagealloc.render.inert import inert, one_line

# has_kernel_lines' answer -> why nothing was read (the words triage uses)
UNREAD = {"empty": "is empty", "unrecognised": "holds no line in a kernel log format",
          "other_programs": "holds no kernel line (only other programs' syslog lines)"}


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


def read_events(path, kernel_hint):
    """(events, why nothing was read or None) of one file; OSError when it cannot be read."""
    fd, _info = kinds.open_regular(path)  # a FIFO, a device, /proc/kmsg: refused in triage's words
    try:
        pinned = "/proc/self/fd/%d" % fd
        name = pinned if os.path.exists(pinned) else path
        events = parse_file(name, source=path, kernel_hint=kernel_hint).events
        if events:
            return events, None
        with open_log(name) as stream:
            answer = has_kernel_lines(stream)
        return events, UNREAD.get(answer)
    finally:
        os.close(fd)


def run(args):
    events, unread = [], False
    for path in args.files:
        try:
            found, why = read_events(path, args.kernel)
        except OSError as error:
            reason = error.strerror or str(error)
            print(one_line("pagealloc parse-log: cannot read %s: %s" % (path, reason)), file=sys.stderr)
            return 2
        events.extend(found)
        if why:
            unread = True
            print(one_line("pagealloc parse-log: no kernel log read: %s %s" % (path, why)), file=sys.stderr)
    if args.json:
        json.dump([event.to_dict() for event in events], sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for event in events:
            print(_summary(event))
    return 2 if unread else 0
