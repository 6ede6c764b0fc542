"""
Kernel log line prefixes: strip what syslog, journald and dmesg put in front
of the kernel's own text, keeping the time, host and printk caller.

Understood (outermost first, each optional):

- syslog ``Jun 17 21:19:45 host kernel: `` (also journal ``short`` /
  ``short-precise`` exports, which look the same with microseconds),
  RFC 3339 / ISO 8601 ``2024-02-09T08:09:39.123456+00:00 host kernel: ``
  (rsyslog high-precision, journal ``short-iso``); lines of other programs
  are recognised as "not kernel";
- printk level ``<4>``;
- dmesg ``[ 7873.855883]`` or dmesg -T ``[Thu Jun 17 21:19:45 2010]``, dmesg -H
  ``[Jun17 21:19]`` / ``[  +0.000012]``,
  dmesg --time-format iso ``2010-06-17T21:19:45,123456+09:00``, dmesg -x
  ``kern  :warn  : ``;
- journal ``short-monotonic`` ``[ 7873.855883] host kernel: ``;
- printk caller id ``[    T123]`` / ``[     C3]`` (CONFIG_PRINTK_CALLER, 5.1+),
  or a vendor (Android) caller ``[3:  Binder:9343_3:22875]``;
- busybox syslogd lines without a host (``May 18 14:56:06 kernel: ``) or
  with ``kern.warn`` before the tag; OpenWrt ``logread``
  (``Sat Jan 27 00:14:32 2024 kern.warn kernel: ``);
- Android logcat's threadtime ``04-17 02:19:20.662     0     0 W `` (date, pid, tid, level) before
  a kernel line whose tag :mod:`pagealloc.kernlog.logcat` joined back to it;
- a bare syslog tag, as left when the date was cut off a paste
  (``web1 kernel: ``, ``kernel: ``);
- MediaTek's caller after the uptime: ``(0)[123:kworker/0:1]``;
- a syslog receiver's own date (and the sender's host) before a kernel line
  that came without a syslog tag, as netconsole sends it
  (``2017-01-18T13:28:42.743176+03:00 storage8 [ 7221.938674] ``,
  ``Jan 18 13:28:42 storage8 [ 7221.938674] ``): the dmesg uptime after
  them says it is a kernel line;
- a record as ``/dev/kmsg`` gives it and netconsole's extended mode sends it (``cat /dev/kmsg``, a
  netconsole receiver's capture): ``4,1210,922134743,-;`` = syslog priority, sequence number, time since
  boot in microseconds, flag, optional ``key=value`` fields (``caller=T123``, ``ncfrag=0/986``), then the
  text; netconsole's ``release`` option puts the kernel release first (``6.4.0,6,444,501151268,-;``);
- printk's console note that records were lost, ``** 88 printk messages dropped ** ``, which
  console_unlock() (3.5-4.x) wrote glued before the next record's own prefix on the console and on
  netconsole (a serial capture of a flooded log): only before a dmesg uptime.

``known`` says that a known form was found: :mod:`pagealloc.kernlog.framing`
uses it to tell the lines of a report from pasted text around them.

Examples:
    >>> p = split_prefix("Jun 17 21:19:45 web1 kernel: [ 7873.855883] swapper: page allocation failure.")
    >>> p.wallclock, p.host, p.timestamp, p.body
    ('Jun 17 21:19:45', 'web1', 7873.855883, 'swapper: page allocation failure.')
    >>> split_prefix("Jun 17 21:19:45 web1 sshd[123]: Accepted").kernel
    False
    >>> p = split_prefix("<4>1 2024-01-27T00:14:32.123456+00:00 web1 kernel - - - [ 12.5] swapper: x")   # RFC 5424
    >>> p.wallclock, p.host, p.timestamp, p.body
    ('2024-01-27T00:14:32.123456+00:00', 'web1', 12.5, 'swapper: x')
    >>> split_prefix("kernel:  [ 12.5] CPU: 18 PID: 22411").timestamp   # two blanks after the tag
    12.5
    >>> split_prefix("2024-01-27T00:14:32,123456+01:00 Call Trace:").body   # dmesg --time-format iso
    'Call Trace:'
    >>> p = split_prefix("2017-01-18T13:28:42.743176+03:00 storage8 [ 7221.938674] Node 0 DMA32 free:4kB")
    >>> p.known, p.host, p.timestamp, p.body   # netconsole behind a syslog receiver: no tag
    (True, 'storage8', 7221.938674, 'Node 0 DMA32 free:4kB')
    >>> split_prefix("Jan 18 13:28:42 storage8 sshd[12]: [ 1.5] x").kernel   # a tag: another program's
    False
    >>> p = split_prefix("Aug  4 22:58:15 server1 kernel: : [69229257.683658] xenwatch: page allocation failure.")
    >>> p.host, p.wallclock, p.timestamp, p.body   # an empty field after the tag
    ('server1', 'Aug  4 22:58:15', 69229257.683658, 'xenwatch: page allocation failure.')
    >>> split_prefix("Dec 12 04:00:17 nu8a10533 kernel: :   cache: skbuff_head_cache, object size: 232").body
    '  cache: skbuff_head_cache, object size: 232'
    >>> p = split_prefix("Oct 24 11:27:42  kernel: : [21289.479063] python2.6: page allocation failure.")
    >>> p.host, p.wallclock, p.timestamp   # the host field left empty
    (None, 'Oct 24 11:27:42', 21289.479063)
    >>> p = split_prefix("04-17 02:19:20.662     0     0 W Binder:672_7: page allocation failure: order:4")
    >>> p.known, p.wallclock, p.body   # Android logcat (threadtime)
    (True, '04-17 02:19:20.662', 'Binder:672_7: page allocation failure: order:4')
    >>> split_prefix("如果是不断出现 kernel: swapper: page allocation failure.").known   # a sentence's word: no host
    False
    >>> p = split_prefix("** 88 printk messages dropped ** [  302.797171] vmtoolsd: page allocation stalls for 1ms")
    >>> p.known, p.timestamp, p.body   # the console's note of lost records glued before a record
    (True, 302.797171, 'vmtoolsd: page allocation stalls for 1ms')
    >>> split_prefix("** 88 printk messages dropped ** vmtoolsd: page allocation stalls").known   # no uptime after it
    False
    >>> p = split_prefix("kernel : java: page allocation failure. order:2, mode:0x20")   # a blank before the colon
    >>> p.known, p.body
    (True, 'java: page allocation failure. order:2, mode:0x20')
    >>> p = split_prefix("Apr 19 10:40:39 revo kernel : swapper: page allocation failure.")
    >>> p.known, p.host, p.kernel, p.body
    (True, 'revo', True, 'swapper: page allocation failure.')
    >>> split_prefix("Apr 19 10:40:39 revo sshd : x").known   # only the kernel tag's colon may stand apart
    False
    >>> p = split_prefix("4,1210,922134743,-;SLUB: Unable to allocate memory on node -1, gfp=0x600040(GFP_NOFS)")
    >>> p.known, p.timestamp, p.body   # a /dev/kmsg record (netconsole's extended mode)
    (True, 922.134743, 'SLUB: Unable to allocate memory on node -1, gfp=0x600040(GFP_NOFS)')
    >>> p = split_prefix("6.4.0,4,1211,922134751,-,caller=T3;  cache: ext4_inode_cache, object size: 1024")
    >>> p.timestamp, p.caller_task, p.body   # the release first, a caller id among the fields
    (922.134751, 3, '  cache: ext4_inode_cache, object size: 1024')
    >>> p = split_prefix("Jul 30 19:11:59 localhost 15,1193,53902050,-,caller=T3076;netconsole-setup: Test")
    >>> p.wallclock, p.host, p.timestamp, p.caller_task, p.body   # received by a syslog daemon: no tag
    ('Jul 30 19:11:59', 'localhost', 53.90205, 3076, 'netconsole-setup: Test')
    >>> split_prefix("Jan 15 22:27:39 6.7.0,1,863,194879739,-,caller=T3523;BUG: unable").timestamp  # no host
    194.879739
"""

import re
from dataclasses import dataclass
from typing import Optional

# "[host ][facility.level ]tag: " after the time: busybox syslogd writes no host
# and may add "kern.warn"; the kernel tag is tried first so that it is never
# taken for a host name.
# The kernel tag's colon may stand behind a blank: a line retyped by hand or typeset the French or Korean way
# ("kernel : java: page allocation failure. ...", a space, NBSP or NNBSP before the colon); no tag but "kernel".
_TAG_COLON = r"(?:(?<=kernel)[ \u00a0\u202f])?:"
_HOST_TAG = (r"(?:(?P<bare>(?:kernel|vmunix)(?:\[\d+\])?)" + _TAG_COLON + r" ?|(?P<host>\S+) (?:[a-z]+\.[a-z]+ )?(?P<tag>[^:\s]+)"
             + _TAG_COLON + r" ?)")
# OpenWrt logread: "Sat Jan 27 00:14:32 2024 kern.warn kernel: " (day name and year, no host)
_LOGREAD = re.compile(
    r"^(?P<wall>[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d \d{4}) [a-z]+\.[a-z]+ (?:kernel|vmunix): ?")
# A syslog tag without the date (cut off when pasted): "web1 kernel: ", "kernel: ".  A host name is ASCII
# letters, digits, "-", "." and "_" (RFC 1123; syslog writes the name as the host has it): a word of another
# script before "kernel: " is the end of a sentence quoting the line ("如果是不断出现 kernel: swapper: ..."), no host.
_TAG_ONLY = re.compile(r"^(?:(?P<host>[A-Za-z0-9_.-]{1,64}) )?kernel" + _TAG_COLON + " ")
# MediaTek: "(0)[123:kworker/0:1]" = (cpu)[pid:comm], glued to the text.
_MTK_CALLER = re.compile(r"^\((?P<cpu>\d{1,4})\)\[(?P<pid>\d{1,7}):[^\]]{1,16}\]")
# Two blanks after the time: the host field left empty (a paster who took the host name out, a receiver that
# had none): "Oct 24 11:27:42  kernel: ".
_SYSLOG = re.compile(
    r"^(?P<wall>[A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d(?:\.\d{1,9})?)  ?" + _HOST_TAG)
# An empty field after the kernel tag: "Dec 12 04:00:17 web1 kernel: : [ 1.5] xenwatch: ..." (sysklogd-era
# RHEL 5 hosts and their derivatives log kernel lines so; Alibaba's 2.6.32 "houyi" kernels): the ": " is the
# tag's, no printk text starts with it (the blanks after it are the text's: SLUB's "  cache: ..." line).
_EMPTY_FIELD = ": "
_ISO = re.compile(
    r"^(?P<wall>\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?) " + _HOST_TAG)
_LEVEL = re.compile(r"^<\d{1,3}>")
# RFC 5424 syslog (rsyslog's RSYSLOG_SyslogProtocol23Format, syslog-ng's syslog() driver):
# "<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG", "-" for an absent value.
_RFC5424 = re.compile(r"^<\d{1,3}>1 (?P<wall>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d)|-) "
                      r"(?P<host>\S{1,255}) (?P<tag>\S{1,48}) \S{1,128} \S{1,32} (?:-|(?:\[(?:[^\]\\]|\\.)*\])+) ?")
# dmesg --time-format iso: "2010-06-17T21:19:45,123456+09:00 " (no host, no tag)
_ISO_DMESG = re.compile(r"^(?P<wall>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d,\d{1,9}[+-]\d\d:?\d\d) ")
# printk's console note that records were lost before this one (kernel/printk/printk.c console_unlock(),
# 3.5-4.x: "** %u printk messages dropped ** " written into the same buffer as the next record, so glued
# before its uptime; 5.x prints it on a line of its own).  Only before a dmesg uptime: the uptime says the
# rest is a kernel record.
_DROPPED_NOTE = r"\*\* \d{1,10} printk messages dropped \*\* ?"
_DROPPED = re.compile(_DROPPED_NOTE + r"(?=\[\s*\d{1,10}\.\d{1,9}\])")
# A record as /dev/kmsg gives it (Documentation/ABI/testing/dev-kmsg: "<prefix>,<seq>,<ts usec>,<flag>[,key=value
# ...];<text>", the flag "-", or "c"/"+" for a line's pieces) and netconsole's extended mode sends it
# (Documentation/networking/netconsole.rst: the same header, "ncfrag=<offset>/<total>" among the fields of a
# split record, the kernel release first with its "release" option): ``cat /dev/kmsg``, a receiver's capture.
# The prefix is the syslog priority (facility and level); the fields after the flag are key=value pairs
# (5.1+ "caller=T123" / "caller=C3" under CONFIG_PRINTK_CALLER).
_KMSG_HEAD = (r"(?:\d{1,3}\.\d{1,3}[\w.+~-]{0,64},)?\d{1,3},\d{1,20},(?P<usec>\d{1,20}),[-c+]"
              r"(?P<fields>(?:,[a-z_]{1,16}=[^,;\s]{0,64})*);")
_KMSG = re.compile("^" + _KMSG_HEAD)
# A syslog receiver's date and the sender's host before a kernel line sent without a tag (netconsole):
# "2017-01-18T13:28:42.743176+03:00 storage8 [ 7221.938674] ", "Jan 18 13:28:42 storage8 [ 7221.9] ".
# Only before a dmesg uptime: the uptime is what says the line is the kernel's.
# (Or before a /dev/kmsg record, which says so as well: netconsole's extended mode received by a syslog daemon,
# "Jul 30 19:11:59 localhost 15,1193,53902050,-,caller=T3076;netconsole-setup: ...", linux-pm 2025; with the
# release first and no host, "Jan 15 22:27:39 6.7.0,1,863,194879739,-,caller=T3523;BUG: ...", netdev 2024.)
_KMSG_AHEAD = re.sub(r"\(\?P<\w+>", "(?:", _KMSG_HEAD)  # (_KMSG_HEAD without its groups)
_REMOTE = re.compile(
    r"^(?P<wall>\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?"
    r"|[A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d(?:\.\d{1,9})?) (?:(?P<host>[\w.-]{1,64}) )?"
    r"(?=(?:" + _DROPPED_NOTE + r")?\[\s*\d{1,10}\.\d{1,9}\]|" + _KMSG_AHEAD + ")")
# Android logcat's threadtime form of a kernel line, its tag already joined back to the text
# (pagealloc.kernlog.logcat): "04-17 02:19:20.662     0     0 W " = date, pid, tid, level ("-v uid": the uid
# before the pid, "06-03 13:29:12.999 1010315 31557 31557 W ")
_LOGCAT = re.compile(r"^(?P<wall>\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}) +(?:[\w.-]{1,16} +)?\d{1,7} +\d{1,7} [VDIWEFS] ")
_KMSG_CALLER = re.compile(r",caller=(?P<kind>[TC])(?P<id>\d{1,7})")
# dmesg -x: "kern  :warn  : " (facility and level decoded).  Only util-linux's names (sys-utils/dmesg.c
# facility_names[], level_names[]): a comm holding a colon is no such pair (rsyslog's imklog input
# thread "in:imklog: page allocation failure: ..." is a task, not facility "in", level "imklog").
_FACILITY = re.compile(r"^(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp)\s*:"
                       r"(?:emerg|alert|crit|err|warn|notice|info|debug)\s*: ")
_UPTIME = re.compile(r"^\[\s*(?P<ts>\d{1,10}\.\d{1,9})\] ?")
# dmesg -H / --human (util-linux 2.26+): "[Jun17 21:19] " when the minute changes, "[  +0.000012] "
# (time since the previous line) otherwise.
# _UPTIME when no caller id can follow (what _after_level tries after it: "(" MediaTek, "[" printk,
# " [N" vendor; " [<addr>]" is a frame): the space is taken possessively, as _UPTIME takes it.
_UPTIME_ONLY = re.compile(r"\[\s*(?P<ts>\d{1,10}\.\d{1,9})\] ?+(?![(\[]|[ \t]\[(?!<))")
_HUMAN = re.compile(r"^\[(?:(?P<wall>[A-Z][a-z]{2} ?[ 0-3]?\d \d\d:\d\d(?::\d\d)?)|\s*\+\d+\.\d{6})\] ?")
_CTIME = re.compile(r"^\[(?P<wall>[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d \d{4})\] ?")
_MONOTONIC_TAG = re.compile(r"^(?:(?P<host>\S+) )?kernel: ?")
_CALLER = re.compile(r"^\[\s*(?P<kind>[TC])(?P<id>\d{1,7})\] ?")
# Android/vendor kernels: "[3:  Binder:9343_3:22875] " = [cpu: comm:pid]
_VENDOR_CALLER = re.compile(r"^\s*\[\s*(?P<cpu>\d{1,4}):\s*[^\]]{1,40}?:(?P<pid>\d{1,7})\] ?")
# Kernel tags: "kernel", "kernel[0]" (some syslog daemons), "vmunix" (old BSD-style).
_KERNEL_TAGS = re.compile(r"^(?:kernel|vmunix)(?:\[\d+\])?$")


@dataclass(slots=True)  # one per log line: slots make it cheaper to build and read
class Prefixed:
    body: str
    timestamp: Optional[float] = None
    wallclock: Optional[str] = None
    host: Optional[str] = None
    caller_cpu: Optional[int] = None   # from a "[ C3]" printk caller id
    caller_task: Optional[int] = None  # from a "[ T123]" printk caller id
    kernel: bool = True                # False: a syslog line of another program
    known: bool = False                # a known prefix form was found (and removed)
    relative: bool = False             # dmesg -H: a minute or a delta, not a time of its own


def syslog_head(line):
    """The syslog part (date, host, tag) at the start of ``line``, or "".

    >>> syslog_head("Jun 17 21:19:45 web1 kernel: [ 1.0] x#012[ 1.1] y")
    'Jun 17 21:19:45 web1 kernel: '
    """
    for regex in (_SYSLOG, _ISO, _LOGREAD, _TAG_ONLY):
        match = regex.match(line)
        if match:
            return line[:match.end()]
    return ""


def uptime_only(line):
    """``line``'s :class:`Prefixed` when its prefix is a dmesg uptime and nothing else (the lines of
    dense dmesg logs), as :func:`split_prefix` gives it; None when another form may follow the uptime
    (a journal host and tag, a printk or vendor caller id: the general path reads those)."""
    match = _UPTIME_ONLY.match(line)
    if match is None:
        return None
    rest = line[match.end():]
    if rest.find("kernel:", 0, 80) >= 0:
        return None
    return Prefixed(rest, float(match.group(1)), None, None, None, None, True, True)


def split_prefix(line):
    """Split one logical line into its prefix facts and the kernel text."""
    first = line[:1]
    if first == "[":  # dmesg: the most common form, straight to its uptime
        return uptime_only(line) or _after_level(Prefixed(body=line), line)
    out = Prefixed(body=line)
    rest = line
    if not first or first in " \t":  # continuation or bare kernel text: no prefix
        return out
    match = None
    if first.isupper():
        # a receiver's date before a dmesg uptime first: else "Jan 18 13:28:42 [7221.9] comm: " reads as host and tag
        match = None if _REMOTE.match(rest) else _SYSLOG.match(rest)
        if match is None:
            logread = _LOGREAD.match(rest) or _REMOTE.match(rest)
            if logread:
                out.wallclock, out.known = logread.group("wall"), True
                out.host = logread.groupdict().get("host")
                rest = rest[logread.end():]
    elif first.isdigit():
        kmsg = _KMSG.match(rest) if rest.find(";", 7, 120) > 0 else None
        if kmsg is not None:
            return _kmsg_record(out, rest, kmsg)
        match = None if _REMOTE.match(rest) else _ISO.match(rest)  # "2024-01-27T00:14:32Z [2836069.5] comm: " too
        if match is not None and match.group("bare") is None and not _KERNEL_TAGS.match(match.group("tag")) \
                and _ISO_DMESG.match(rest):
            match = None  # dmesg --time-format iso before "DMA free:..." / "Call Trace:": no host, no tag
        if match is None:
            iso = _ISO_DMESG.match(rest) or _REMOTE.match(rest)
            if iso:
                out.wallclock, out.known = iso.group("wall"), True
                out.host = iso.groupdict().get("host")
                rest = rest[iso.end():]
            elif rest[2:3] == "-":
                logcat = _LOGCAT.match(rest)
                if logcat:
                    out.wallclock, out.known = logcat.group("wall"), True
                    rest = rest[logcat.end():]
    elif first.islower():
        facility = _FACILITY.match(rest)
        if facility:
            out.known = True
            rest = rest[facility.end():]
    if out.known and rest[:1].isdigit():  # a receiver's date before a /dev/kmsg record (_REMOTE)
        kmsg = _KMSG.match(rest)
        if kmsg is not None:
            return _kmsg_record(out, rest, kmsg)
    if match is None and not out.known and first not in "[<" and "kernel" in rest[:72]:
        tag = _TAG_ONLY.match(rest)
        if tag:
            out.host, out.known = tag.group("host"), True
            rest = rest[tag.end():]
    if match:
        if match.group("bare") is None and not _KERNEL_TAGS.match(match.group("tag")):
            out.kernel = False
            out.body = rest
            return out
        out.wallclock, out.host, out.known = match.group("wall"), match.group("host"), True
        rest = rest[match.end():]
        if rest[:7] == "kernel:" and rest[7:8] in (" ", ""):  # a kernel line re-logged: the first log's tag
            rest = rest[8:]
    if out.known and rest[:2] == _EMPTY_FIELD:
        rest = rest[2:]
    if rest[:1] == "<" and "1 " in (rest[3:5], rest[4:6], rest[5:7]):
        match = _RFC5424.match(rest)
        if match is not None:
            out.wallclock = match.group("wall") if match.group("wall") != "-" else None
            out.host = match.group("host") if match.group("host") != "-" else None
            out.known, out.kernel = True, match.group("tag") in ("kernel", "vmunix")
            rest = rest[match.end():]
            if not out.kernel:
                out.body = rest
                return out
            if rest[:7] == "kernel:" and rest[7:8] in (" ", ""):  # re-logged, as after a syslog head above
                rest = rest[8:]
    if rest[:1] == "<":
        match = _LEVEL.match(rest)
        if match:
            out.known = True
            rest = rest[match.end():]
    if rest[:1] in " \t" and out.known:
        # more blanks after the tag than syslog writes ("kernel:  [ 1.0] ": a line indented before a
        # prefix was stacked on it): the uptime is still the tag's, not the kernel text's
        inner = rest.lstrip(" \t")
        if inner[:1] == "[" and _UPTIME.match(inner):
            rest = inner
    if rest[:3] == "** ":
        dropped = _DROPPED.match(rest)
        if dropped is not None:
            rest = rest[dropped.end():]
    if rest[:1] != "[":
        out.body = rest
        return out
    return _after_level(out, rest)


def kmsg_head_end(text):
    """Where a /dev/kmsg record's header (``4,1202,5062331418032,-;``) that starts ``text`` ends, else 0: the
    text after it is the kernel's, glued to it without a blank (a comm: ``4,1202,...,-;swapper/12: page ...``).

    >>> kmsg_head_end("4,1202,5062331418032,-;swapper/12"), kmsg_head_end("swapper/12")
    (23, 0)
    """
    match = _KMSG.match(text) if text[:1].isdigit() else None
    return 0 if match is None else match.end()


def _kmsg_record(out, rest, match):
    """A /dev/kmsg record's facts: its time (microseconds since boot) and caller id; the text after the ";"
    is the kernel's own (no uptime, no level of its own follows: a "[" there is the text's, "[drm] ...")."""
    out.known = True
    out.timestamp = int(match.group("usec")) / 1e6
    caller = _KMSG_CALLER.search(match.group("fields")) if match.group("fields") else None
    if caller is not None:
        if caller.group("kind") == "C":
            out.caller_cpu = int(caller.group("id"))
        else:
            out.caller_task = int(caller.group("id"))
    out.body = rest[match.end():]
    return out


def _after_level(out, rest):
    """The dmesg part: uptime or ctime, then a printk caller id."""
    match = _UPTIME.match(rest)
    if match:
        out.known = True
        out.timestamp = float(match.group("ts"))
        rest = rest[match.end():]
        if out.wallclock is None and rest.find("kernel:", 0, 80) >= 0:
            tag = _MONOTONIC_TAG.match(rest)
            if tag:
                out.host = tag.group("host") or out.host
                rest = rest[tag.end():]
    else:
        match = _CTIME.match(rest)
        if match:
            out.known = True
            out.wallclock = out.wallclock or match.group("wall")
            rest = rest[match.end():]
        else:
            match = _HUMAN.match(rest)
            if match:
                out.known = out.relative = True
                out.wallclock = out.wallclock or match.group("wall")
                rest = rest[match.end():]
    first = rest[:1]
    if first == "(":
        match = _MTK_CALLER.match(rest)
        if match:
            out.caller_cpu, out.caller_task = int(match.group("cpu")), int(match.group("pid"))
            out.body = rest[match.end():]
            return out
    match = _CALLER.match(rest) if first == "[" else None
    if match:
        if match.group("kind") == "C":
            out.caller_cpu = int(match.group("id"))
        else:
            out.caller_task = int(match.group("id"))
        rest = rest[match.end():]
    elif (first == "[" or first in " \t" and rest[1:2] == "[") and rest[:4].lstrip()[1:2].isdigit():  # not "[<addr>]"
        match = _VENDOR_CALLER.match(rest)
        if match:
            out.caller_cpu, out.caller_task = int(match.group("cpu")), int(match.group("pid"))
            rest = rest[match.end():]
    out.body = rest
    return out


# A wall clock alone (RFC 3339 or BSD syslog date, no host, no tag), as _REMOTE writes it before the host,
# ending the text before a header's words.
_WALL_ALONE = re.compile(
    r"(?:^|(?<=[\s>|]))(?P<wall>\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?"
    r"|[A-Z][a-z]{2} [ 0-3]?\d \d\d:\d\d:\d\d(?:\.\d{1,9})?) $")


def wall_clock_alone(text):
    """``(before, wall clock)`` when ``text`` ends in a wall clock and a blank with no host or tag after them,
    else None.  No line form of its own (a date before any word is a sentence's as often as a log's:
    ``2017-01-17T11:08:33+03:00 storage8 ,`` is a netconsole receiver's host guess before a piece,
    :mod:`pagealloc.kernlog.framing`); the caller says when what follows proves a log line (a whole failure
    header: ``2017-01-18T13:28:41.783833+03:00 page allocation stalls for 10380ms, order:0,
    mode:0x2604050(...)``, a line someone edited out of a netconsole log).

    >>> wall_clock_alone("> 2017-01-18T13:28:41.783833+03:00 ")
    ('> ', '2017-01-18T13:28:41.783833+03:00')
    >>> wall_clock_alone("kernel: Jan 18 13:28:41 ")
    ('kernel: ', 'Jan 18 13:28:41')
    >>> wall_clock_alone("x2017-01-18T13:28:41 ") is None, wall_clock_alone("2017-01-18 ") is None
    (True, True)
    """
    match = _WALL_ALONE.search(text, max(0, len(text) - 48))
    return None if match is None else (text[:match.start()], match.group("wall"))
