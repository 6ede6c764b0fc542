"""
SarText - command ``sar -A -f saDD`` (and sysstat's own ``sarDD``)
==================================================================

sysstat's text report: a banner ``Linux RELEASE (HOST) <TAB>DATE <TAB>_ARCH_<TAB>(N CPU)``
(common.c ``print_gal_header``; DATE is ``%x`` of the locale, or ``%Y-%m-%d``
with S_TIME_FORMAT=ISO), then one block per activity: a header line whose first
field is the first record's time, the column names, and one line per
interval (``%H:%M:%S``, or ``%X`` of the locale such as ``12:10:01 AM``),
ending with ``Average:``.  The same layout since sysstat 10.x; columns are
found by name, so 10.x (no ``kbavail``, no ``%ifutil``) and 12.x read alike.

Read: ``IFACE rxpck/s ... rxkB/s`` (network, ``-n DEV``), ``kbmemfree``
(memory, ``-r``) and ``pgscank/s pgscand/s`` (paging, ``-B``).  Times are
the host's local time (sar's default).  sos writes it as
``sos_commands/sar/sarDD`` (sar plugin: ``sar -A -f /var/log/sa/saDD``) when
sysstat had not, and copies sysstat's own ``/var/log/sa/sarDD``.

Sample input (sysstat 12.6.1, LC_ALL=C, abridged)::

    Linux 4.18.0-513.5.1.el8_9.x86_64 (web1) 	11/20/23 	_x86_64_	(16 CPU)

    09:00:01     pgpgin/s pgpgout/s   fault/s  majflt/s  pgfree/s pgscank/s pgscand/s pgsteal/s    %vmeff
    09:10:01         0.00     41.20   1203.55      0.00  24501.17    812.40     35.10    840.02     99.29
    Average:         0.00     41.20   1203.55      0.00  24501.17    812.40     35.10    840.02     99.29

    09:00:01    kbmemfree   kbavail kbmemused  %memused kbbuffers  kbcached  kbcommit   %commit  kbactive   kbinact   kbdirty
    09:10:01        91244   1203312  15345964     93.20      4252   1022211   9120433     55.39  10203311   4203112       388
    Average:        91244   1203312  15345964     93.20      4252   1022211   9120433     55.39  10203311   4203112       388

    09:00:01        IFACE   rxpck/s   txpck/s    rxkB/s    txkB/s   rxcmp/s   txcmp/s  rxmcst/s   %ifutil
    09:10:01           lo      0.00      0.00      0.00      0.00      0.00      0.00      0.00      0.00
    09:10:01       ens1f0  68120.33   9011.20  96256.00   1203.77      0.00      0.00      1.02      0.79
    Average:       ens1f0  68120.33   9011.20  96256.00   1203.77      0.00      0.00      1.02      0.79

Examples:
    >>> sar_text.file_date, sar_text.clock, sar_text.host
    (datetime.date(2023, 11, 20), 'local', 'web1')
    >>> s = sar_text.samples[0]
    >>> s["time"].isoformat(), s["net"]["ens1f0"]["rxkB"], s["kbmemfree"], s["pgscank"]
    ('2023-11-20T09:10:01', 96256.0, 91244, 812.4)
    >>> sar_text.interval_s
    600
"""

import datetime
import re

from insights.core import CommandParser
from insights.core.plugins import parser

from pagealloc.specs import Specs

_BANNER = re.compile(r"^Linux (?P<release>\S+) \((?P<host>[^)]*)\)\s+(?P<date>\S+)\s+_(?P<arch>[^_\s]+)_")
_TIME = re.compile(r"^(?P<h>\d\d):(?P<m>\d\d):(?P<s>\d\d)(?: (?P<ampm>[AP]M))?\s+")
WANTED = {"kbmemfree": "kbmemfree", "pgscank/s": "pgscank", "pgscand/s": "pgscand"}
NET = {"rxpck/s": "rxpck", "rxkB/s": "rxkB"}


def parse_report_date(text):
    """The banner's date: ISO, ``%x`` of C (mm/dd/yy) or en_US (mm/dd/yyyy), or dd.mm.yyyy / dd/mm/yyyy."""
    for fmt in ("%Y-%m-%d", "%m/%d/%y", "%m/%d/%Y", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _seconds(match):
    h = int(match.group("h")) % 12 if match.group("ampm") else int(match.group("h"))
    if match.group("ampm") == "PM":
        h += 12
    return h * 3600 + int(match.group("m")) * 60 + int(match.group("s"))


def _number(text):
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


@parser(Specs.sar_text)
class SarText(CommandParser):
    """
    Attributes:
        file_date (datetime.date): the banner's date, or None (then ``problem`` says why).
        host, release (str): from the banner.
        clock (str): "local": sar prints the host's local time.
        samples (list): [{"time": datetime, "interval_s", "kbmemfree", "pgscank", "pgscand",
            "net": {iface: {rxpck, rxkB}}}] in time order (a value is absent when its activity was
            not collected); ``interval_s`` is the record's own interval (a block's header line
            carries the first interval's start).
        interval_s (int): the most common record interval, or None.
        problem (str): why nothing was read, or None.
    """

    def parse_content(self, content):
        self.file_date = self.host = self.release = self.problem = self.interval_s = None
        self.clock, self.samples = "local", []
        banner = next((_BANNER.match(line) for line in content[:5] if _BANNER.match(line)), None)
        if banner is None:
            self.problem = "no sar banner (\"Linux RELEASE (HOST) DATE ...\") in the first lines"
            return
        self.host, self.release = banner.group("host"), banner.group("release")
        self.file_date = parse_report_date(banner.group("date"))
        if self.file_date is None:
            self.problem = "sar banner date %r in an unknown format" % banner.group("date")
            return
        by_time, columns, day, last = {}, None, 0, None
        for line in content:
            time = _TIME.match(line)
            if not time:
                columns = None  # a blank line, "Average:" or a banner ends a block
                continue
            fields = line[time.end():].split()
            seconds = _seconds(time)
            if fields[:1] == ["LINUX"]:  # "LINUX RESTART (N CPU)"
                continue
            if columns is None:  # a block's header line: its time is the first interval's start
                columns, day, last = fields, 0, seconds
                continue
            gap = seconds - last
            if gap < 0:
                day, gap = day + 1, gap + 86400  # past midnight within one block
            last = seconds
            if len(fields) != len(columns):
                continue
            stamp = datetime.datetime.combine(self.file_date, datetime.time()) + \
                datetime.timedelta(days=day, seconds=seconds)
            sample = by_time.setdefault(stamp, {"time": stamp, "interval_s": gap, "net": {}})
            if columns[0] == "IFACE" and "rxkB/s" in columns:
                sample["net"][fields[0]] = {key: _number(fields[columns.index(col)]) for col, key in NET.items()}
                continue
            for col, key in WANTED.items():
                if col in columns:
                    value = _number(fields[columns.index(col)])
                    sample[key] = int(value) if key == "kbmemfree" and value is not None else value
        self.samples = [by_time[t] for t in sorted(by_time)]
        self.interval_s = common_interval(self.samples)


def common_interval(samples):
    """The most common record interval in seconds, or None."""
    gaps = [s["interval_s"] for s in samples if s.get("interval_s")]
    return max(sorted(set(gaps)), key=gaps.count) if gaps else None
