"""
Benchmark kernel logs
=====================

Deterministic generators for the two log benchmarks:

* :func:`write_messages`: a ``/var/log/messages`` of any size, ordinary
  syslog traffic (rsyslog's ``Mmm dd HH:MM:SS host prog[pid]: text``) with
  ``reports`` page allocation failure reports of several kernel eras spread
  evenly through it;
* :func:`write_dense_dmesg`: a dmesg made only of failure reports (every era
  of :mod:`bench.kernel_reports`, stalls and vmalloc failures
  included), back to back.

Both write big blocks: each hour of syslog traffic is one pre-built block
whose date and hour are patched in with ``bytes.replace`` (no Python loop per
output line), so 2 GB take seconds, bound by the disk.  Same size and seed,
same bytes.

Sample output (messages)::

    Mar  1 00:00:00 db-prod-07 systemd[1]: Started Session 4211 of user deploy.
    Mar  1 00:00:00 db-prod-07 kernel: swapper: page allocation failure. order:0, mode:0x20

Examples:
    >>> import io
    >>> out = io.BytesIO()
    >>> facts = write_messages(out, size=300000, reports=3, seed=7)
    >>> facts["page_allocation_failures"], out.getvalue().count(b"page allocation failure")
    (3, 3)
    >>> facts["bytes"] == len(out.getvalue()) <= 300000
    True
"""

import random

from bench.kernel_reports import (
    PAGE_ALLOCATION_FAILURES,
    REPORTS,
    report_lines,
    with_dmesg_prefix,
    with_syslog_prefix,
)

HOST = "db-prod-07"
HOUR_BLOCK_BYTES = 4 << 20
BLOCK_VARIANTS = 4
_HOUR = b"@@@@@@@@@"  # stands for "Mmm dd HH" until the block is written
_SECONDS = b"@@@@@"  # stands for dmesg's "%5lu" seconds in a dense chunk
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Ordinary traffic of a RHEL-like server: (weight, template).  Fields in
# braces are drawn from the seeded generator.  None of them contains the
# words a failure report starts with.
FILLER = (
    (30, "systemd[1]: Started Session {n} of user {user}."),
    (30, "systemd-logind[{pid}]: New session {n} of user {user}."),
    (20, "systemd-logind[{pid}]: Removed session {n}."),
    (25, "sshd[{pid}]: Accepted publickey for {user} from 10.{a}.{b}.{c} port {port} ssh2: RSA SHA256:{key}"),
    (25, "sshd[{pid}]: pam_unix(sshd:session): session opened for user {user} by (uid=0)"),
    (20, "CROND[{pid}]: ({user}) CMD (/usr/lib64/sa/sa1 1 1)"),
    (10, "chronyd[{pid}]: Selected source 10.{a}.{b}.{c}"),
    (10, "NetworkManager[{pid}]: <info>  [{epoch}.{ms}] dhcp4 (eth0): state changed bound -> bound"),
    (10, "dbus-daemon[{pid}]: [system] Successfully activated service 'org.freedesktop.nm_dispatcher'"),
    (8, "rsyslogd[{pid}]: imjournal: {n} messages lost due to rate-limiting"),
    (6, "kernel: TCP: request_sock_TCP: Possible SYN flooding on port {port}. Sending cookies.  Check SNMP counters."),
    (6, "kernel: nf_conntrack: nf_conntrack: table full, dropping packet"),
    (4, "kernel: e1000e 0000:00:19.0 eth0: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx"),
    (4, "kernel: XFS (dm-2): Metadata CRC error detected at xfs_dir3_block_read_verify+0x5e/0x110 [xfs]"),
    (30, "postgres[{pid}]: [{n}-1] LOG:  checkpoint complete: wrote {a} buffers (0.{c}%); 0 WAL file(s) added"),
    (20, "auditd[{pid}]: Audit daemon rotating log files"),
)
_USERS = ("root", "deploy", "postgres", "backup", "monitor")


def _filler_lines(rng, nbytes):
    weights = [w for w, _ in FILLER]
    templates = [t for _, t in FILLER]
    lines, size = [], 0
    while size < nbytes:
        text = rng.choices(templates, weights)[0].format(
            n=rng.randrange(1000, 99999), user=rng.choice(_USERS), pid=rng.randrange(300, 65000),
            a=rng.randrange(1, 255), b=rng.randrange(0, 255), c=rng.randrange(1, 255),
            port=rng.randrange(1024, 65535), key="%040x" % rng.getrandbits(160),
            epoch=rng.randrange(1700000000, 1800000000), ms=rng.randrange(1000, 9999))
        lines.append(text)
        size += len(text) + 30
    return lines


def _hour_block(rng, nbytes, host):
    """One hour of traffic with the hour left as a placeholder, and the byte
    offset of its first line at or after HH:30:00 (where a report goes)."""
    lines = _filler_lines(rng, nbytes)
    parts, middle, offset = [], None, 0
    for i, text in enumerate(lines):
        second = i * 3600 // len(lines)
        if middle is None and second >= 1800:
            middle = offset
        line = b"%s:%02d:%02d %s %s\n" % (_HOUR, second // 60, second % 60, host.encode(), text.encode())
        parts.append(line)
        offset += len(line)
    return b"".join(parts), middle


def _hour_stamp(hour_index):
    """'Mmm dd HH' (rsyslog's traditional format, day padded with a space) of
    the hour_index-th hour after Mar 1 00:00 of a non-leap year."""
    day, hour = divmod(hour_index, 24)
    month = 2
    while day >= _DAYS_IN_MONTH[month % 12]:
        day -= _DAYS_IN_MONTH[month % 12]
        month += 1
    return ("%s %2d %02d" % (_MONTHS[month % 12], day + 1, hour)).encode()


def _syslog_report(report, stamp, host):
    lines = report_lines(report)
    if not report.kernel.startswith("2."):
        lines = _escape_counter_block(lines)
    return with_syslog_prefix(lines, stamp, host).encode()


def _escape_counter_block(lines):
    """journald -> rsyslog keeps the Mem-Info counters (one printk with
    embedded newlines) on one line, newlines escaped as ``#012``."""
    out = []
    for line in lines:
        if out and out[-1].startswith("active_anon:") and line.startswith(" ") and "kB" not in line:
            out[-1] += "#012" + line
        else:
            out.append(line)
    return out


def write_messages(out, size, reports=20, seed=1, host=HOST):
    """Write about ``size`` bytes (never more) of /var/log/messages to the
    binary stream ``out``; return the facts a check needs (bytes written,
    number of page allocation failure reports, their eras)."""
    rng = random.Random(seed)
    block_bytes = min(HOUR_BLOCK_BYTES, max(size // max(reports * 2, 1), 4096))
    blocks = [_hour_block(rng, block_bytes, host) for _ in range(BLOCK_VARIANTS)]
    report_bytes = max(len(r.text) for r in PAGE_ALLOCATION_FAILURES) * 2
    hours = max((size - reports * report_bytes) // len(blocks[0][0]), 1)
    report_hours = {(2 * k + 1) * hours // (2 * reports): k for k in range(reports)} if reports else {}
    eras, written = [], 0
    for hour in range(hours + 1):
        block, middle = blocks[hour % len(blocks)]
        stamp = _hour_stamp(hour)
        text = block.replace(_HOUR, stamp)
        if hour in report_hours:
            report = PAGE_ALLOCATION_FAILURES[report_hours[hour] % len(PAGE_ALLOCATION_FAILURES)]
            eras.append(report.era)
            chunk = _syslog_report(report, stamp.decode() + ":30:00", host)
            text = text[:middle] + chunk + text[middle:]
        room = size - written
        if len(text) > room:  # end on a whole line
            text = text[:text.rfind(b"\n", 0, room) + 1]
        out.write(text)
        written += len(text)
        if written >= size or not text:
            break
    if len(eras) != reports:
        raise ValueError("size %d is too small for %d reports" % (size, reports))
    return {"bytes": written, "page_allocation_failures": len(eras), "eras": eras, "seed": seed}


def _dense_chunk():
    """Every report once, dmesg-prefixed, seconds left as a placeholder."""
    text, usec = [], 0
    for report in REPORTS:
        lines = report_lines(report)
        text.append(with_dmesg_prefix(lines, 0, usec).replace("[    0.", "[@@@@@."))
        usec += 7 * len(lines) + 1000
    return "".join(text).encode()


def write_dense_dmesg(out, size, first_second=10000):
    """Write about ``size`` bytes (whole chunks, at least one) of dmesg made
    of back-to-back reports; return the expected event counts by kind."""
    chunk = _dense_chunk()
    assert chunk.count(_SECONDS) == chunk.count(b"\n")
    chunks = max(size // len(chunk), 1)
    written = 0
    for i in range(chunks):
        text = chunk.replace(_SECONDS, b"%5d" % (first_second + i))
        out.write(text)
        written += len(text)
    kinds = {}
    for report in REPORTS:
        kinds[report.kind] = kinds.get(report.kind, 0) + chunks
    return {"bytes": written, "chunks": chunks, "events_by_kind": kinds, "events": chunks * len(REPORTS)}
