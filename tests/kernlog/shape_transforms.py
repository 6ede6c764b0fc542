"""Reshapings by log tools that hand kernel records on as data, and by terminal captures (s27, issue 12):
journal and dmesg JSON, journal fields, escaped one-line strings, CSV exports of log searches, RFC 5424
syslog, ANSI colour.  Each follows the tool named in its docstring.

A record transform renders each line that carries a dmesg uptime as the tool renders one kernel record
(the uptime becomes the record's own time field, the message its text field) and leaves the other lines
(a post's prose) as they are, as ``test_metamorphic._retimed`` does for the short formats.
"""

import csv
import io
import json
import re

_UPTIME = re.compile(r"^[ \t]*\[\s*(\d+)\.(\d+)\] ?")
_DMESG_TIME = re.compile(r"^\[\s*\d+\.\d+\] ")
_BOOT = "0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"


def _records(text):
    """(uptime in microseconds, message) per line; None for a line without a dmesg uptime."""
    out = []
    for line in text.split("\n"):
        match = _UPTIME.match(line)
        if match:
            usec = int(match.group(1)) * 1000000 + int(match.group(2)[:6].ljust(6, "0"))
            out.append((usec, line[match.end():]))
        else:
            out.append((None, line))
    return out


def _per_record(render):
    def transform(text):
        return "\n".join(render(usec, message, number) if usec is not None else message
                         for number, (usec, message) in enumerate(_records(text)))
    return transform


def _fields(usec, message, number):
    """A kernel record's fields as journalctl prints them: the cursor and the entry's two times first (json,
    export), then the record's in journald's order (src/journal/journald-kmsg.c dev_kmsg_record():
    _SOURCE_MONOTONIC_TIMESTAMP, _TRANSPORT, PRIORITY, SYSLOG_FACILITY, SYSLOG_IDENTIFIER, MESSAGE), then
    the server's (_BOOT_ID, _MACHINE_ID, _HOSTNAME, and newer systemd's _RUNTIME_SCOPE)."""
    return [("__CURSOR", "s=6f3d5a0e2c8b4f0e9d1a7b3c5e2f4a6d;i=%x;b=%s;m=%x;t=60f3a1b2c%04x;x=9a8b7c6d5e4f3a2b"
             % (0x4a2 + number, _BOOT, usec, number % 0x10000)),
            ("__REALTIME_TIMESTAMP", str(1706314472123456 + number)), ("__MONOTONIC_TIMESTAMP", str(usec)),
            ("_SOURCE_MONOTONIC_TIMESTAMP", str(usec)), ("_TRANSPORT", "kernel"), ("PRIORITY", "4"),
            ("SYSLOG_FACILITY", "0"), ("SYSLOG_IDENTIFIER", "kernel"), ("MESSAGE", message), ("_BOOT_ID", _BOOT),
            ("_MACHINE_ID", "5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"), ("_HOSTNAME", "web1"), ("_RUNTIME_SCOPE", "system")]


journal_json = _per_record(lambda usec, message, number: json.dumps(
    dict(_fields(usec, message, number)), separators=(",", ":"), ensure_ascii=False))
journal_json.__doc__ = """journalctl -o json of current systemd (JsonVariant output, compact: ``{"__CURSOR":"s=...",...}``)."""

journal_json_spaced = _per_record(lambda usec, message, number: "{ " + ", ".join(
    '"%s" : %s' % (name, json.dumps(value, ensure_ascii=False)) for name, value in _fields(usec, message, number)) + " }")
journal_json_spaced.__doc__ = """journalctl -o json of older systemd (RHEL 7's 219: logs-show.c output_json() wrote
``{ "__CURSOR" : "s=...", "__REALTIME_TIMESTAMP" : "...", ... }``)."""

journal_json_pretty = _per_record(lambda usec, message, number: "{\n" + ",\n".join(
    '\t"%s" : %s' % (name, json.dumps(value, ensure_ascii=False)) for name, value in _fields(usec, message, number)) + "\n}")
journal_json_pretty.__doc__ = """journalctl -o json-pretty (systemd: one field a line behind a tab, ``"NAME" : value``)."""


def _verbose(usec, message, number):
    fields = dict(_fields(usec, message, number))
    lines = ["Sat 2024-01-27 00:14:32.%06d CET [%s]" % (number % 1000000, fields.pop("__CURSOR"))]
    del fields["__REALTIME_TIMESTAMP"], fields["__MONOTONIC_TIMESTAMP"]
    return "\n".join(lines + ["    %s=%s" % item for item in fields.items()])


journal_verbose = _per_record(_verbose)
journal_verbose.__doc__ = """journalctl -o verbose (logs-show.c output_verbose(): the entry's time and cursor in
brackets, then ``    NAME=value`` per field)."""

journal_export = _per_record(lambda usec, message, number: "\n".join(
    "%s=%s" % item for item in _fields(usec, message, number)) + "\n")
journal_export.__doc__ = """journalctl -o export (the Journal Export Format: ``NAME=value`` lines, a blank line after
each entry; text fields only)."""

journal_cat = _per_record(lambda usec, message, number: message)
journal_cat.__doc__ = """journalctl -o cat (the message alone, no time, host or tag)."""


def dmesg_json(text):
    """util-linux dmesg --json (commit 506b54513bfb "dmesg: add --json output format"): lib/jsonwrt.c
    indents by 3 blanks and writes ``},{`` between objects; sys-utils/dmesg.c writes "pri", "time" as
    ``%5ld.%06ld`` unquoted, "msg".  Lines without a dmesg uptime stay as they are between the records."""
    out, in_record = ["{", '   "dmesg": ['], False
    for usec, message in _records(text):
        if usec is None:
            out.append(message)
            in_record = False
            continue
        if in_record:
            out[-1] = "      },{"
        else:
            out.append("      {")
        out.extend(['         "pri": 4,', '         "time": %5d.%06d,' % (usec // 1000000, usec % 1000000),
                    '         "msg": %s' % (json.dumps(message, ensure_ascii=False) if message else "null"), "      }"])
        in_record = True
    return "\n".join(out + ["   ]", "}"]) + "\n"


_SUBSYS = re.compile(r"[^\s:]{1,64}: ")


def _coloured(line):
    match = _UPTIME.match(line)
    head, rest = ("\x1b[32m" + line[:match.end()] + "\x1b[0m", line[match.end():]) if match else ("", line)
    subsys = _SUBSYS.match(rest)
    if subsys:
        head, rest = head + "\x1b[33m" + subsys.group() + "\x1b[0m", rest[subsys.end():]
    return head + ("\x1b[1m" + rest + "\x1b[0m" if rest else "")


def dmesg_color(text):
    """dmesg --color=always (util-linux sys-utils/dmesg.c colors[]: the time green ESC[32m, the subsystem or comm
    before ": " brown ESC[33m, warning-level text bold ESC[1m, each closed by ESC[0m), pasted from a terminal
    that kept the codes."""
    return "\n".join(_coloured(line) for line in text.split("\n"))


def script_typescript(text):
    """``script`` (util-linux 2.35+ header line) around ``dmesg --color=always``: Ubuntu's default bash prompt
    (an xterm title OSC, colours), bash 5.1's bracketed-paste switches, CRLF from the terminal's line
    discipline."""
    prompt = "\x1b]0;root@web1: ~\x07\x1b[01;32mroot@web1\x1b[00m:\x1b[01;34m~\x1b[00m# "
    return ('Script started on 2024-01-27 00:14:32+01:00 [TERM="xterm-256color" TTY="/dev/pts/0" COLUMNS="211" LINES="51"]\n'
            + prompt + "\x1b[?2004hdmesg --color=always\r\n\x1b[?2004l\r" + dmesg_color(text).replace("\n", "\r\n")
            + "\r\n" + prompt + "\x1b[?2004hexit\r\n\x1b[?2004l\rexit\r\n\n"
            + 'Script done on 2024-01-27 00:14:40+01:00 [COMMAND_EXIT_CODE="0"]\n')


def ansible_stdout(text):
    """An Ansible task result (the default callback's ``fatal: [host]: FAILED! => {...}``): the command's output
    as one JSON string, its line breaks escaped."""
    return ('fatal: [web1]: FAILED! => {"changed": true, "cmd": ["dmesg"], "rc": 1, "stderr": "", "stdout": %s}\n'
            % json.dumps(text.rstrip("\n")))


def ec2_console_output(text):
    """``aws ec2 get-console-output`` (AWS CLI v2, JSON output): the serial console's text, CRLF line ends, in the
    ``"Output"`` string of an indented JSON document."""
    return json.dumps({"InstanceId": "i-0123456789abcdef0", "Timestamp": "2024-01-27T00:14:32+00:00",
                       "Output": text.replace("\n", "\r\n")}, indent=4) + "\n"


def python_bytes_repr(text):
    """A Python ``repr`` of captured bytes (``print(subprocess.check_output(["dmesg"]))``): ``b'...\\n...'``."""
    return repr(text.encode("utf-8", "replace")) + "\n"


_RFC5424 = "<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - "


def rfc5424(text):
    """RFC 5424 syslog, as rsyslog's RSYSLOG_SyslogProtocol23Format writes it: ``<PRI>1 TIMESTAMP HOST APP PROCID
    MSGID SD MSG``, absent values ``-``."""
    return "\n".join(_RFC5424 + line if line else line for line in text.split("\n"))


_CALLER_ID = re.compile(r"\[\s*([TC])(\d+)\] ?")


def _kmsg(usec, message, number):
    """One kernel record as /dev/kmsg gives it and netconsole's extended mode sends it (kernel/printk/printk.c
    info_print_ext_header(): ``<syslog priority>,<sequence>,<microseconds>,<flag>;<text>``, ``-`` for a whole line;
    a warning's priority is 4, kern facility); a printk caller id (CONFIG_PRINTK_CALLER) is a field of the header,
    ``,caller=T123``, not text."""
    caller = _CALLER_ID.match(message)
    fields = ",caller=%s%s" % caller.group(1, 2) if caller else ""
    return "4,%d,%d,-%s;%s" % (1180 + number, usec, fields, message[caller.end():] if caller else message)


dev_kmsg = _per_record(_kmsg)
dev_kmsg.__doc__ = """``cat /dev/kmsg`` or a netconsole receiver's capture of extended records (s42-hold42t: a
linux-mm post's "dmesg captured over netconsole", 2019-09-01, 4.19.69)."""


netconsole_received = _per_record(lambda usec, message, number: "Jul 30 19:11:59 localhost " + _kmsg(usec, message, number))
netconsole_received.__doc__ = """netconsole's extended records as a syslog daemon on the receiving host logs them: its
date and the sender's host, no tag, then the record (linux-pm 2025, "Log from 6.16.0 ... (captured via netconsole)")."""


def kubectl_timestamps(text):
    """``kubectl logs --timestamps`` (a node's ``dmesg -w`` in a privileged pod): RFC 3339 with nanoseconds."""
    return "\n".join("2024-01-27T00:14:32.123456789Z " + line if line else line for line in text.split("\n"))


def graylog_csv(text):
    """Graylog's CSV export of a search (timestamp, source, message; every value quoted, quotes doubled)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(["timestamp", "source", "message"])
    for number, line in enumerate(text.split("\n")):
        if line:
            writer.writerow(["2024-01-27T00:14:32.%03dZ" % (number % 1000), "web1", line])
    return out.getvalue()


_NON_ALNUM = re.compile(r"[^a-zA-Z0-9]")


def kibana_csv(text):
    """Kibana's CSV report of a Discover search (@timestamp in its default ``MMM D, YYYY @ HH:mm:ss.SSS``, host.name,
    message): csv:quoteValues quotes a value holding anything but letters and digits, doubling its quotes."""
    def value(text):
        return '"%s"' % text.replace('"', '""') if _NON_ALNUM.search(text) else text
    rows = ["@timestamp,host.name,message"]
    for number, line in enumerate(text.split("\n")):
        if line:
            rows.append(",".join(value(v) for v in ("Jan 27, 2024 @ 00:14:32.%03d" % (number % 1000), "web1", line)))
    return "\n".join(rows) + "\n"


def jira_noformat(text):
    """A Jira comment in wiki markup: the log between ``{noformat}`` lines."""
    return "Seen on web1 this morning:\n{noformat}\n" + text.strip("\n") + "\n{noformat}\nAny idea?\n"


def discourse_quote(text):
    """A Discourse reply quoting a post's log: ``[quote="user, post:3, topic:12345"]`` ... ``[/quote]``."""
    return '[quote="talz13, post:3, topic:12345"]\n' + text.strip("\n") + "\n[/quote]\n\nSame here.\n"


def _logd_tag(text):
    """``(tag, message)`` of a kernel line as logd's klog reader splits it (system/logging logd/LogKlog.cpp
    LogKlog::log(), "Parse (rules at top) to pull out a tag"): leading blanks dropped; one word up to a colon
    (``SLUB`` of ``SLUB: Unable ...``, ``Binder`` of ``Binder:672_7: page ...``, a ``[...]`` skipped) or two
    words (``Call trace``, ``node 0``); no tag of one character, of two holding a digit, of three ending in
    two digits (register names), ``CPU``, ``WARNING``, ``ERROR`` or ``INFO``; the blanks after the colon and
    at the end dropped, an empty message kept as one blank.  (The tag stutter and ``_host`` cases are left
    out: no kernel line of these reports repeats its first word.)"""
    text = text.lstrip()
    end = 0
    while end < len(text) and text[end] != ":" and not text[end].isspace():
        if text[end] == "[":
            close = text.find("]", end)
            end = len(text) - 1 if close < 0 else close
        end += 1
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    tag, rest = "", text
    if end and after < len(text):
        if text[after] == ":":
            tag, rest = text[:end], text[after + 1:]
        else:
            second = after
            while second < len(text) and not text[second].isspace() and text[second] != ":":
                second += 1
            colon = second
            while colon < len(text) and text[colon].isspace():
                colon += 1
            if colon < len(text) and text[colon] == ":":
                tag, rest = text[:second], text[colon + 1:]
    if len(tag) <= 1 or len(tag) == 2 and any(c.isdigit() for c in tag) \
            or len(tag) == 3 and tag[1:].isdigit() or tag == "CPU" or tag.upper() in ("WARNING", "ERROR", "INFO"):
        tag, rest = "", text
    rest = rest.strip()
    return tag, rest or (" " if tag else "")


def _logcat(usec, message, number):
    """One kernel record as Android's ``logcat -b kernel`` prints it (threadtime: ``MM-DD HH:MM:SS.mmm  PID  TID L
    TAG: message``, logcat's ``%5d %5d %c %-8s: ``): the tag and message logd's klog reader split the text into
    (:func:`_logd_tag`), pid and tid 0 (seen in github.com/arter97/exfat-linux/issues/19's 4.19 bugreport)."""
    tag, text = _logd_tag(message)
    seconds = usec // 1000000
    return "04-17 %02d:%02d:%02d.%03d %5d %5d W %-8s: %s" % (
        seconds // 3600 % 24, seconds // 60 % 60, seconds % 60, usec // 1000 % 1000, 0, 0, tag, text)


logcat_kernel = _per_record(_logcat)
logcat_kernel.__doc__ = _logcat.__doc__


def _logcat_uid(usec, message, number):
    """``logcat -v threadtime,uid``: the record's uid (a number, or a name logcat knows) between the time and
    the pid (``06-03 13:29:12.999 1010315 31557 31557 W Binder  : 31542_2: page allocation failure: ...``,
    posted to linux-mm 2021-06-09, <20210609163717.2719253-1-minchan@kernel.org>)."""
    line = _logcat(usec, message, number)
    return line[:18] + " %s" % ("1010315" if number % 2 else "root") + line[18:]


logcat_kernel_uid = _per_record(_logcat_uid)
logcat_kernel_uid.__doc__ = _logcat_uid.__doc__


SHAPES = {
    "logcat-kernel": logcat_kernel,
    "logcat-kernel-uid": logcat_kernel_uid,
    "journal-json": journal_json,
    "journal-json-spaced": journal_json_spaced,
    "journal-json-pretty": journal_json_pretty,
    "journal-verbose": journal_verbose,
    "journal-export": journal_export,
    "journal-cat": journal_cat,
    "dmesg-json": dmesg_json,
    "dmesg-color": dmesg_color,
    "script-typescript": script_typescript,
    "ansible-stdout": ansible_stdout,
    "ec2-console-output": ec2_console_output,
    "python-bytes-repr": python_bytes_repr,
    "rfc5424": rfc5424,
    "graylog-csv": graylog_csv,
    "kibana-csv": kibana_csv,
    "discourse-quote": discourse_quote,
    "dev-kmsg": dev_kmsg,
    "netconsole-received": netconsole_received,
}
# The renderings of the kernel's records as data (each record's fields, an escaped string, a CSV row): a tool
# reads them; a mail client, a pastebin or another log does not reshape them line by line.
DATA_EXPORTS = frozenset(("journal-json", "journal-json-spaced", "journal-json-pretty", "journal-verbose",
                          "journal-export", "dmesg-json", "ansible-stdout", "ec2-console-output", "python-bytes-repr",
                          "graylog-csv", "kibana-csv"))
