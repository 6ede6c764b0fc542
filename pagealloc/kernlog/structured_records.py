r"""
Log records exported as structured data: each record read as the log line it holds.

Journals and log tools export kernel records as fields, not lines.  The text of
the record is one field, the others (times, ids, the host) stand around it:

- ``journalctl -o json`` (systemd; a JSON object per line, ``"MESSAGE"`` the
  text, an array of byte values when the text is not UTF-8; systemd 240+
  writes ``{"__CURSOR":"s=...",...}``, older ones ``{ "__CURSOR" : "s=...", ... }``),
  and the same objects from log shippers and container runtimes (Docker's
  json-file ``"log"``, ECS and Graylog ``"message"``);
- ``journalctl -o json-pretty`` (one field a line: ``\t"MESSAGE" : "..."``,
  braces on their own lines) and util-linux ``dmesg --json`` (2.37+, lib/jsonwrt.c:
  ``"msg": "..."`` between ``"pri"`` and ``"time"`` lines, ``},{`` between records);
- ``journalctl -o verbose`` (a line with the time and cursor, then one
  ``    FIELD=value`` line per field) and ``-o export`` (``FIELD=value`` lines, a
  blank line after each record);
- a log search's CSV export (Graylog's and Kibana's: a time, the source host,
  then the message, the message last; a field holding a comma or a quote is
  quoted, its quotes doubled): a line starting with a quoted field is read as
  its last field when that is quoted or holds only letters and digits.

The kernel prints none of these shapes: no kernel line starts with a quoted
name and a colon, a JSON brace, or an upper-case field name glued to ``=``.  So a
line of such a shape is read structurally: the record's text is what the line
holds (with the uptime the record carries, ``_SOURCE_MONOTONIC_TIMESTAMP``,
written as dmesg writes it, also when a field line of its own carries it before the
text: :func:`record_uptime`; another program's record behind its own tag, as
``journalctl -o short`` writes it, so it stays another program's line), and a
line holding another field, a cursor or a brace holds no log text (an empty line).

Examples:
    >>> record_text('{"__CURSOR":"s=6f3d;i=4a2","_SOURCE_MONOTONIC_TIMESTAMP":"7873855883",'
    ...             '"SYSLOG_IDENTIFIER":"kernel","MESSAGE":"swapper/0: page allocation failure: order:0, mode:0x20"}')
    '[ 7873.855883] swapper/0: page allocation failure: order:0, mode:0x20'
    >>> record_text('{"SYSLOG_IDENTIFIER":"sshd","_PID":"812","MESSAGE":"Accepted publickey for root"}')
    'sshd[812]: Accepted publickey for root'
    >>> record_text('{"MESSAGE":[115,119,97,112,112,101,114,255,58]}')   # not UTF-8: an array of bytes
    'swapper\ufffd:'
    >>> record_text('\t"MESSAGE" : "Call Trace:",'), record_text('\t"PRIORITY" : "4",'), record_text("},{")
    ('Call Trace:', '', '')
    >>> record_text('         "msg": "Node 0 DMA free:15908kB min:64kB"'), record_text('         "time":  7873.855883,')
    ('Node 0 DMA free:15908kB min:64kB', '')
    >>> record_text("    MESSAGE=Call Trace:"), record_text("_BOOT_ID=0b1c2d3e"), record_text("MESSAGE=<IRQ>")
    ('Call Trace:', '', '<IRQ>')
    >>> record_text('"2024-01-27T00:14:32.123Z","web1","[ 1.0] Node 0 DMA: 1*4kB (U) = 4kB, ""x"" y"')
    '[ 1.0] Node 0 DMA: 1*4kB (U) = 4kB, "x" y'
    >>> record_text("Sat 2024-01-27 00:14:32.000000 CET [s=6f3d5a0e2c8b4f0e9d1a7b3c5e2f4a6d;i=4a2;b=0b1c;m=1d5;t=60f;x=9a8]")
    ''
    >>> record_text("[ 7873.855883] swapper/0: page allocation failure: order:0, mode:0x20") is None
    True
    >>> record_text("    [<c0123456>] dump_stack+0x1e/0x3c"), record_text("Jun 17 21:19:45 web1 kernel: x=1")
    (None, None)
    >>> record_text('"x": [ 1.0] swapper: page allocation'), record_text("A=[ 1.0] swapper"), record_text('"a",[ 1.0] b, c')
    (None, None, None)
"""

import csv
import json
import re

# The field holding a record's text, by tool: the journal, util-linux dmesg --json, log shippers and
# Docker's json-file, Splunk's raw event.
MESSAGE_KEYS = ("MESSAGE", "msg", "message", "log", "_raw")
_MESSAGE_KEYS = frozenset(MESSAGE_KEYS)
_OBJECT = re.compile(r"\s*\{.*\}\s*,?\s*")
_JSON_FIELD = re.compile(r'\s*"([^"\\]{1,64})"\s*:\s*(.*?)\s*,?\s*')
_PUNCTUATION = re.compile(r"\s*[\[\]{},]+\s*")
# journalctl -o verbose (four blanks) and -o export (none): a journal field name is upper case,
# digits and underscores (journal-file.c field_is_valid()).
_FIELD_LINE = re.compile(r"(?: {4})?([A-Z_][A-Z0-9_]{0,63})=(.*)", re.S)
# -o verbose's record line: its time, then the cursor in brackets (logs-show.c output_verbose()).
_CURSOR_LINE = re.compile(r"\S.{0,60} \[s=[0-9a-f]{32};i=[0-9a-f]+;b=[0-9a-f]+;m=[0-9a-f]+;t=[0-9a-f]+;x=[0-9a-f]+\]\s*")
# A CSV record whose last field, the message, is quoted or holds only letters and digits (Graylog quotes
# every value, Kibana every value holding anything else).
_CSV_RECORD = re.compile(r'"(?:[^"]|"")*"(?:,(?:"(?:[^"]|"")*"|[^",]*))*,(?:"(?:[^"]|"")*"|[A-Za-z0-9]*)\s*')
# systemd.journal-fields(7): the user fields and the families of trusted and address fields.
_USER_FIELDS = frozenset(("MESSAGE", "MESSAGE_ID", "PRIORITY", "CODE_FILE", "CODE_LINE", "CODE_FUNC", "ERRNO",
                          "INVOCATION_ID", "USER_INVOCATION_ID", "SYSLOG_FACILITY", "SYSLOG_IDENTIFIER", "SYSLOG_PID",
                          "SYSLOG_TIMESTAMP", "SYSLOG_RAW", "DOCUMENTATION", "TID", "UNIT", "USER_UNIT"))
_TRUSTED_FIELDS = ("__CURSOR", "__REALTIME_TIMESTAMP", "__MONOTONIC_TIMESTAMP", "__SEQNUM", "_PID", "_UID", "_GID",
                   "_COMM", "_EXE", "_CMDLINE", "_CAP_", "_AUDIT_", "_SYSTEMD_", "_SELINUX_", "_SOURCE_", "_BOOT_ID",
                   "_MACHINE_ID", "_HOSTNAME", "_TRANSPORT", "_STREAM_ID", "_LINE_BREAK", "_NAMESPACE", "_RUNTIME_SCOPE",
                   "_KERNEL_", "_UDEV_", "_PIDFD_", "_FSUID", "_COREDUMP_", "OBJECT_", "COREDUMP_")
_GATE = frozenset('{}[],"\t _ABCDEFGHIJKLMNOPQRSTUVWXYZ')


def needs_reading(line):
    """A cheap test before :func:`record_text` (every line of a log passes it).

    >>> needs_reading('      },{'), needs_reading('\t}'), needs_reading('  [<c0123456>] dump_stack+0x1e/0x3c')
    (True, True, False)
    """
    first = line[:1]
    if first not in _GATE or not first:
        return False
    if first == " ":  # indented: a JSON field, verbose's "    FIELD=", dmesg --json's "      },{", or a log line
        return '"' in line or line[:4] == "    " and "=" in line or _indented_punctuation(line)
    if first == "\t":
        return '"' in line or _indented_punctuation(line)
    if first == "[":  # a dmesg line ("[ 1.0] ", "[1234.5] "): no record; "[", "],", "[{" alone: JSON's
        return len(line) < 8 and _PUNCTUATION.fullmatch(line) is not None
    return first in '{}],"' or "=" in line


def _indented_punctuation(line):
    """An indented line of JSON punctuation alone: util-linux dmesg --json (lib/jsonwrt.c) indents the braces
    between its records ("      },{"); read as text, it would be the rest of the record before it, wrapped."""
    return line[-1:] in "{}[]," and _PUNCTUATION.fullmatch(line) is not None


def record_text(line):
    """The log text of ``line`` when it is a line of a structured export ("" for a line holding no log
    text: another field, a cursor, a brace), else None.  The text may hold line breaks (a multi-line
    record).  Only a whole record or field is read so: a line that merely starts like one (a prefix
    ``"x": `` or ``A=`` before a log line) is no record."""
    first = line[:1]
    if first == "{" or first in " \t" and line.lstrip()[:1] == "{":
        if _OBJECT.fullmatch(line):
            return _object_text(line)
    field = _JSON_FIELD.fullmatch(line) if '"' in line else None
    if field is not None:
        value = _json_value(field.group(2))
        if value is not None:
            return _as_text(value[0]) if field.group(1) in _MESSAGE_KEYS else ""
    if _PUNCTUATION.fullmatch(line):
        return ""
    field = _FIELD_LINE.fullmatch(line) if first != " " or line[:4] == "    " else None
    if field is not None and _journal_field(field.group(1)):
        return field.group(2) if field.group(1) == "MESSAGE" else ""
    if first.isupper() and "[s=" in line and _CURSOR_LINE.fullmatch(line):
        return ""
    if first == '"' and _CSV_RECORD.fullmatch(line):
        fields = next(csv.reader([line]), [])
        return fields[-1] if len(fields) >= 2 else None
    return None


def _json_value(token):
    """(value,) of a whole JSON value, an opened array or object as None; None when ``token`` is none."""
    if token in ("[", "{"):
        return (None,)
    try:
        return (json.loads(token),)
    except ValueError:
        return None


def _journal_field(name):
    """A field the journal writes (systemd.journal-fields(7)): a trusted or address field (``_``, ``__``) of
    its families, or a documented user field."""
    return name in _USER_FIELDS or name.startswith(_TRUSTED_FIELDS)


# The record's uptime on a line of its own: the journal's _SOURCE_MONOTONIC_TIMESTAMP (microseconds; journald
# writes it before MESSAGE, journald-kmsg.c dev_kmsg_record(), so -o verbose/export/json-pretty print it first)
# and dmesg --json's "time" (seconds, before "msg").
_UPTIME_FIELD = re.compile(r'\s*"?(?:(_SOURCE_MONOTONIC_TIMESTAMP)|(time))"?\s*[=:]\s*"?(\d{1,12})(?:\.(\d{1,9}))?"?\s*,?\s*')


def record_uptime(line):
    """The dmesg uptime prefix (``[ 7873.855883] ``) of a record's time field line, else None.

    >>> record_uptime('\t"_SOURCE_MONOTONIC_TIMESTAMP" : "7873855883",'), record_uptime('   "time":  7873.855883,')
    ('[ 7873.855883] ', '[ 7873.855883] ')
    >>> record_uptime("_SOURCE_MONOTONIC_TIMESTAMP=12"), record_uptime("    PRIORITY=4")
    ('[    0.000012] ', None)
    """
    match = _UPTIME_FIELD.fullmatch(line)
    if match is None:
        return None
    if match.group(1):
        usec = int(match.group(3) + (match.group(4) or ""))
        return "[%5d.%06d] " % (usec // 1000000, usec % 1000000)
    return "[%5d.%s] " % (int(match.group(3)), (match.group(4) or "0").ljust(6, "0"))


def _as_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(b, int) and 0 <= b < 256 for b in value):
        return bytes(value).decode("utf-8", "replace")
    return "" if value is None else str(value)


def _object_text(line):
    try:
        record = json.loads(line.strip().rstrip(","))
    except ValueError:
        return None
    if not isinstance(record, dict):
        return None
    key = next((key for key in MESSAGE_KEYS if key in record), None)
    if key is None:
        return None
    text = _as_text(record[key]).rstrip("\n")
    ident = record.get("SYSLOG_IDENTIFIER")
    if isinstance(ident, str) and ident != "kernel" and record.get("_TRANSPORT") != "kernel":
        pid = record.get("_PID") or record.get("SYSLOG_PID")
        return "%s[%s]: %s" % (ident, pid, text) if pid else "%s: %s" % (ident, text)
    usec = record.get("_SOURCE_MONOTONIC_TIMESTAMP")
    if isinstance(usec, str) and usec.isdigit() and len(usec) <= 18:
        return "[%5d.%06d] %s" % (int(usec) // 1000000, int(usec) % 1000000, text)
    return text
