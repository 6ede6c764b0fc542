"""Placing failures on sar's clock: local text, UTC XML, zones, uptime-only and out-of-range reports."""

import doctest

from insights.tests import context_wrap

from pagealloc.knowledge import load_at_failure
from pagealloc.knowledge.load_at_failure import load_at, sar_series, sentence
from pagealloc.parsers.sar_text import SarText
from pagealloc.parsers.sar_xml import SarXml
from tests.parsers.fixtures import fixture_text

TEXT_11 = "sar_-A_sysstat-11.7.3_LC_ALL=C_4.18.txt"   # local time (UTC+1), 09:10:01 .. 09:30:01
XML_11 = "sadf_-x_sysstat-11.7.3_4.18.xml"           # UTC, 08:10:01 .. 08:30:01, no <timezone>


def parsed(name):
    parser = SarXml if name.endswith(".xml") else SarText
    return parser(context_wrap(fixture_text("sar", name), path="/sos_commands/sar/" + name))


def test_doc_examples():
    failed, _ = doctest.testmod(load_at_failure)
    assert failed == 0


def test_syslog_time_in_the_local_text_report():
    series, zones = sar_series([parsed(TEXT_11)])
    load = load_at({"wallclock": "Nov 20 09:13:27", "timestamp": 88231.5}, series, zones)
    # 09:13:27 lies in 09:10:01-09:20:01: ens1f0 96256 kB/s = 94.0 MiB/s; median of 28120.55,
    # 96256.00, 29120.10 is 29120.10 -> 96256 / 29120.1 = 3.305... -> 3.3x.
    assert load["placed"] and load["interval"]["end"] == "2023-11-20 09:20:01"
    assert load["iface"]["name"] == "ens1f0" and load["iface"]["rx_MiB_s"] == 94.0
    assert load["iface"]["ratio"] == 3.3
    assert (load["kbmemfree"], load["pgscank"], load["pgscand"]) == (91244, 812.4, 35.1)
    assert load["coarse"] is True
    line = sentence(load)
    assert "ens1f0 was receiving 94.0 MiB/s" in line and "3.3x its daily median" in line
    assert "a 10-minute mean dilutes a sub-second burst" in line


def test_local_time_against_utc_records_needs_the_zone():
    series, zones = sar_series([parsed(XML_11)])   # 11.x names no zone
    load = load_at({"wallclock": "Nov 20 09:13:27"}, series, zones)
    assert (load["placed"], load["reason"]) == (False, "zone_unknown")
    # An ISO stamp with its offset is absolute: 09:13:27+01:00 = 08:13:27 UTC, in 08:10:01-08:20:01.
    load = load_at({"wallclock": "2023-11-20T09:13:27.120031+01:00"}, series, zones)
    assert load["placed"] and load["interval"]["end"] == "2023-11-20 08:20:01" and load["clock"] == "UTC"


def test_the_same_moment_lands_in_the_same_interval_on_either_clock():
    both, zones = sar_series([parsed(TEXT_11), parsed(XML_11)])
    local = load_at({"wallclock": "Nov 20 09:13:27"}, both, zones)
    absolute = load_at({"wallclock": "2023-11-20T09:13:27+01:00"}, both, zones)
    assert local["iface"]["rx_kB_s"] == absolute["iface"]["rx_kB_s"] == 96256.0


def test_what_cannot_be_placed_is_said():
    series, zones = sar_series([parsed(TEXT_11)])
    assert load_at({"wallclock": None, "timestamp": 7873.85}, series, zones)["reason"] == "uptime_only"
    assert load_at({"wallclock": "Nov 21 09:13:27"}, series, zones)["reason"] == "no_sar_for_day"
    assert load_at({"wallclock": "Nov 20 23:13:27"}, series, zones)["reason"] == "outside"
    assert load_at({"wallclock": "Nov 20 09:13:27"}, *sar_series([]))["reason"] == "no_sar"
