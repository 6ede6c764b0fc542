"""RX_LOAD_AT_FAILURE through the real chain, on the bundled e100 example and on InputData."""

import os

from pagealloc.evaluate import evaluate_path
from pagealloc.render import html_report, text
from pagealloc.rules import rx_load_at_failure
from pagealloc.specs import Specs
from tests.parsers.fixtures import fixture_text
from tests.rules.inputs import host, run


def test_e100_example_shows_the_receive_rate_at_the_failure(examples_dir):
    result = evaluate_path(os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    info = [v for v in result["verdicts"] if v["key"] == "RX_LOAD_AT_FAILURE"]
    assert len(info) == 1 and info[0]["type"] == "info"
    details = info[0]["details"]
    # make_examples.py: the seed's report at 20:41:13 (syslog) lies in sar's 20:40:01-20:50:01;
    # eth0 11776 kB/s = 11.5 MiB/s, median 3072 -> 3.8x; kbmemfree 15320; pgscank 812.4, pgscand 35.1.
    [interval] = details["intervals"]
    load = interval["load"]
    assert interval["reports"] == 1 and load["interval"]["end"] == "2010-06-17 20:50:01"
    assert (load["iface"]["name"], load["iface"]["rx_MiB_s"], load["iface"]["ratio"]) == ("eth0", 11.5, 3.8)
    assert (load["kbmemfree"], load["pgscank"], load["pgscand"]) == (15320, 812.4, 35.1)
    assert details["coarse"] is True and details["unplaced"] == {}
    assert "eth0 was receiving 11.5 MiB/s" in info[0]["content"] and "3.8x its daily median" in info[0]["content"]
    page = html_report.render(result)
    # the load chart with the failure's interval marked (the reports-over-time chart draws bars)
    assert 'aria-label="receive rate and failures"' in page and page.count("<circle") >= 1
    assert "<title>failure in the interval ending 2010-06-17 20:50:01" in page
    assert "eth0 was receiving 11.5 MiB/s" in text.render(result)


def test_uptime_only_reports_are_said_to_be_unplaceable():
    sar = fixture_text("sar", "sar_-A_sysstat-11.7.3_LC_ALL=C_4.18.txt")
    result = run(rx_load_at_failure.report, host(files=[(Specs.sar_text, "/sos_commands/sar/sar20", sar)]))
    # The seed's dmesg has only uptime stamps: nothing placed, and the content says why.
    assert result["intervals"] == [] and result["unplaced"] == {"uptime_only": 1}
    assert "cannot be placed on sar's clock" in "\n".join(result["unplaced_text"])


def test_another_systems_report_is_never_set_against_this_hosts_sar(examples_dir, tmp_path):
    # The e100 example with a RHEL 9 virtio_net report of host db7 (2 GiB of zones, kernel 5.14) logged in
    # its messages at 20:45:01, inside the same sar interval (20:40:01-20:50:01) as the e100 report.
    # Another system's time is another host's: only the e100 report is placed; db7's is counted apart.
    import shutil

    tree = shutil.copytree(os.path.join(examples_dir, "sosreport-e100-rx-failure"), tmp_path / "sos")
    other = fixture_text("logs", "messages_5.14_rhel9_virtio.txt").replace("Mar  3 10:15:0", "Jun 17 20:45:0")
    messages = tree / "var" / "log" / "messages"
    messages.write_text(messages.read_text() + other)
    result = evaluate_path(str(tree))
    [info] = [v for v in result["verdicts"] if v["key"] == "RX_LOAD_AT_FAILURE"]
    [interval] = info["details"]["intervals"]
    assert interval["reports"] == 1 and info["details"]["other_systems"] == 1
    assert "1 report of another system left out" in text.render(result)


def test_counts_agree_with_their_nouns(examples_dir):
    # "1 report at ...", never "1 report(s)" beside a count the sentence knows.
    result = evaluate_path(os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    page = text.render(result)
    assert "1 report at 2010-06-17 20:41:13" in " ".join(page.split()) and "report(s)" not in page
    assert "1 queue x 256 buffers x 2048 B = 512 kB" in " ".join(page.split())
