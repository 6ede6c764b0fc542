"""
SarXml - command ``sadf -x -- -A saDD``
=======================================

sysstat's XML export.  ``sadf`` prints it with ``xprintf()``, one element per
line (common.c), which this parser reads line by line: no XML parser is fed
an archive's file (no entity expansion), and a file cut short by sos's size
limit still gives its complete records.  Elements read (xml_stats.c,
sadf_misc.c, identical in sysstat 10.x to 12.x apart from what is noted):

* ``<timestamp date="YYYY-MM-DD" time="HH:MM:SS" utc="1" interval="600">``
  (``utc="1"``: sadf prints UTC unless ``-t``);
* ``<memory per="second" unit="kB">`` (``<memory unit="kB">`` from 12.x) with
  ``<memfree>N</memfree>``;
* ``<paging per="second" ... pgscank="F" pgscand="F" .../>``;
* ``<net-dev iface="IF" rxpck="F" txpck="F" rxkB="F" .../>`` (``ifutil-percent`` from 11.x);
* ``<timezone>TZ</timezone>`` in the header (12.x) and ``<file-date>``.

sos's sar plugin writes it as ``sos_commands/sar/saDD.xml``.

Sample input (sysstat 11.7.3, RHEL 8, abridged)::

    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE sysstat PUBLIC "DTD v3.4 sysstat //EN"
    "http://pagesperso-orange.fr/sebastien.godard/sysstat-3.4.dtd">
    <sysstat>
        <sysdata-version>3.4</sysdata-version>
        <host nodename="web1">
            <release>4.18.0-513.5.1.el8_9.x86_64</release>
            <file-date>2023-11-20</file-date>
            <statistics>
                <timestamp date="2023-11-20" time="08:10:01" utc="1" interval="600">
                    <paging per="second" pgpgin="0.00" pgpgout="41.20" fault="1203.55" majflt="0.00" pgfree="24501.17" pgscank="812.40" pgscand="35.10" pgsteal="840.02" vmeff-percent="99.29"/>
                    <memory per="second" unit="kB">
                        <memfree>91244</memfree>
                    </memory>
                    <network per="second">
                        <net-dev iface="ens1f0" rxpck="68120.33" txpck="9011.20" rxkB="96256.00" txkB="1203.77" rxcmp="0.00" txcmp="0.00" rxmcst="1.02" ifutil-percent="0.79"/>
                    </network>
                </timestamp>
            </statistics>
        </host>
    </sysstat>

Examples:
    >>> sar_xml.file_date, sar_xml.clock, sar_xml.host
    (datetime.date(2023, 11, 20), 'UTC', 'web1')
    >>> s = sar_xml.samples[0]
    >>> s["time"].isoformat(), s["net"]["ens1f0"]["rxkB"], s["kbmemfree"], s["pgscand"]
    ('2023-11-20T08:10:01', 96256.0, 91244, 35.1)
"""

import datetime
import re

from insights.core import CommandParser
from insights.core.plugins import parser

from pagealloc.parsers.sar_text import common_interval
from pagealloc.specs import Specs

_ATTRS = re.compile(r'([\w-]+)="([^"]*)"')
_TIMESTAMP = re.compile(r"^\s*<timestamp\s")
_VALUE = re.compile(r"^\s*<(?P<tag>memfree|file-date|timezone|release)>(?P<value>[^<]*)</")
_HOST = re.compile(r'^\s*<host nodename="(?P<host>[^"]*)"')


def _number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


@parser(Specs.sar_xml)
class SarXml(CommandParser):
    """
    Attributes: as :class:`pagealloc.parsers.sar_text.SarText`; ``clock`` is "UTC" when the
    records say ``utc="1"``, else "local"; ``timezone`` is the host's zone name (12.x) or None.
    """

    def parse_content(self, content):
        self.file_date = self.host = self.release = self.timezone = self.problem = self.interval_s = None
        self.clock, self.samples = "UTC", []
        current, utc_flags = None, set()
        for line in content:
            if _TIMESTAMP.match(line):
                attrs = dict(_ATTRS.findall(line))
                try:
                    stamp = datetime.datetime.strptime(attrs.get("date", "") + " " + attrs.get("time", ""),
                                                       "%Y-%m-%d %H:%M:%S")
                except ValueError:
                    current = None
                    continue
                utc_flags.add(attrs.get("utc"))
                interval = attrs.get("interval", "")
                current = {"time": stamp, "interval_s": int(interval) if interval.isdigit() else None, "net": {}}
                self.samples.append(current)
                continue
            value = _VALUE.match(line)
            if value:
                tag, text = value.group("tag"), value.group("value").strip()
                if tag == "memfree" and current is not None and text.isdigit():
                    current["kbmemfree"] = int(text)
                elif tag == "file-date":
                    try:
                        self.file_date = datetime.datetime.strptime(text, "%Y-%m-%d").date()
                    except ValueError:
                        pass
                elif tag == "timezone":
                    self.timezone = text
                elif tag == "release":
                    self.release = text
                continue
            host = _HOST.match(line)
            if host:
                self.host = host.group("host")
            elif current is not None and "<paging " in line:
                attrs = dict(_ATTRS.findall(line))
                current["pgscank"], current["pgscand"] = _number(attrs.get("pgscank")), _number(attrs.get("pgscand"))
            elif current is not None and "<net-dev " in line:
                attrs = dict(_ATTRS.findall(line))
                if attrs.get("iface"):
                    current["net"][attrs["iface"]] = {"rxpck": _number(attrs.get("rxpck")),
                                                      "rxkB": _number(attrs.get("rxkB"))}
        if "0" in utc_flags:
            self.clock = "local"
        if not self.samples:
            self.problem = "no <timestamp> record"
        self.samples.sort(key=lambda s: s["time"])
        self.interval_s = common_interval(self.samples)
