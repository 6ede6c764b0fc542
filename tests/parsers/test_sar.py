"""sar text and sadf XML parsers over sysstat 10.x, 11.x and 12.x outputs (tests/fixtures/sar/README.md)."""

import datetime
import doctest

import pytest
from insights.tests import context_wrap

from pagealloc.parsers import sar_text, sar_xml
from pagealloc.parsers.sar_text import SarText, parse_report_date
from pagealloc.parsers.sar_xml import SarXml
from tests.parsers.fixtures import docstring_sample, fixture_text


def test_doc_examples():
    globs = {"sar_text": SarText(context_wrap(docstring_sample(sar_text), path="/sos_commands/sar/sar20")),
             "sar_xml": SarXml(context_wrap(docstring_sample(sar_xml), path="/sos_commands/sar/sa20.xml"))}
    for module in (sar_text, sar_xml):
        failed, _ = doctest.testmod(module, globs=globs)
        assert failed == 0, module.__name__


# The three 10-minute records of the 10.x/11.x fixtures: 09:20:01 local is the busy one.
@pytest.mark.parametrize("name, clock, first", [
    ("sar_-A_sysstat-10.1.5_en_US_3.10.txt", "local", "09:10:01"),          # 12-hour "09:10:01 AM"
    ("sar_-A_sysstat-11.7.3_LC_ALL=C_4.18.txt", "local", "09:10:01"),
    ("sadf_-x_sysstat-10.1.5_3.10.xml", "UTC", "08:10:01"),                  # the host is UTC+1
    ("sadf_-x_sysstat-11.7.3_4.18.xml", "UTC", "08:10:01"),
])
def test_every_version_reads_alike(name, clock, first):
    parser = SarXml if name.endswith(".xml") else SarText
    parsed = parser(context_wrap(fixture_text("sar", name), path="/sos_commands/sar/" + name))
    assert parsed.problem is None and parsed.clock == clock
    assert parsed.file_date == datetime.date(2023, 11, 20) and parsed.interval_s == 600
    assert [s["time"].strftime("%H:%M:%S") for s in parsed.samples][0] == first
    busy = parsed.samples[1]
    assert busy["net"]["ens1f0"] == {"rxpck": 68120.33, "rxkB": 96256.0}
    assert (busy["kbmemfree"], busy["pgscank"], busy["pgscand"]) == (91244, 812.4, 35.1)
    assert "lo" in busy["net"]


def test_real_sysstat_12_6_outputs_of_the_same_file_agree():
    text = SarText(context_wrap(fixture_text("sar", "sar_-A_sysstat-12.6.1_LC_ALL=C_6.18.txt")))
    xml = SarXml(context_wrap(fixture_text("sar", "sadf_-x_sysstat-12.6.1_6.18.xml")))
    assert xml.timezone == "UTC" and xml.host == text.host == "vm"
    assert [s["time"] for s in text.samples] == [s["time"] for s in xml.samples]   # a UTC host: same clock
    assert [s["kbmemfree"] for s in text.samples] == [s["kbmemfree"] for s in xml.samples] == [21754424, 21793064, 21773540]
    assert [s["net"]["eth0"]["rxkB"] for s in text.samples] == [s["net"]["eth0"]["rxkB"] for s in xml.samples]
    assert text.interval_s == xml.interval_s == 2


def test_restart_and_midnight():
    text = ("Linux 4.18.0 (h) \t11/20/23 \t_x86_64_\t(4 CPU)\n\n"
            "23:40:01    kbmemfree   kbavail\n23:50:01         1000      2000\n"
            "23:55:00       LINUX RESTART\t(4 CPU)\n00:00:01         1100      2100\nAverage:         1050      2050\n")
    parsed = SarText(context_wrap(text))
    assert [(s["time"].isoformat(), s["kbmemfree"]) for s in parsed.samples] == [
        ("2023-11-20T23:50:01", 1000), ("2023-11-21T00:00:01", 1100)]


@pytest.mark.parametrize("text, date", [("2023-11-20", (2023, 11, 20)), ("11/20/23", (2023, 11, 20)),
                                        ("11/20/2023", (2023, 11, 20)), ("20.11.2023", (2023, 11, 20))])
def test_banner_dates(text, date):
    assert parse_report_date(text) == datetime.date(*date)


def test_cut_or_foreign_files_say_why():
    assert SarText(context_wrap("garbage\n")).problem.startswith("no sar banner")
    assert SarXml(context_wrap('<?xml version="1.0"?>\n<sysstat>\n')).problem == "no <timestamp> record"
    cut = fixture_text("sar", "sadf_-x_sysstat-11.7.3_4.18.xml")
    cut = cut[:cut.index("08:30:01") - 200]  # sos's size limit cuts the file: complete records still read
    assert len(SarXml(context_wrap(cut)).samples) >= 1
