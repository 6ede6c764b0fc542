"""``fleet report --format prometheus``: checked by promtool (Debian's prometheus) and prometheus_client's parser."""

import doctest
import os
import re
import shutil
import subprocess

import pytest
from prometheus_client.parser import text_string_to_metric_families

from pagealloc.cli import main
from pagealloc.fleet import prometheus
from pagealloc.fleet.history import fleet_history
from pagealloc.fleet.prometheus import render_prometheus
from pagealloc.fleet.report import summarise
from pagealloc.fleet.store import open_store
from pagealloc.render.inert import inert
from tests.fleet.test_history import three_nights, write_jsonl
from tests.fleet.test_report import RECORDS
from tests.services import service_missing

# A host name no archive should have, but an archive can: quotes, backslash, newline.
NASTY = 'we"b\\2\nx'


def promtool():
    path = shutil.which("promtool")
    if path is None:
        service_missing("promtool is not installed (Debian: apt-get install prometheus)")
    return path


def samples(text):
    """{(name, frozenset(labels)): value} as Prometheus' own client library parses the text."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_doc_examples():
    assert doctest.testmod(prometheus)[0] == 0


def records_with_a_nasty_host():
    records = [dict(r) for r in RECORDS]
    records[2] = dict(records[2], host=NASTY)
    return records


def test_metrics_pass_promtool_and_parse_back_to_the_report_figures():
    records = records_with_a_nasty_host()
    # web1 counted 1742 receive failures without a report (1700 PFMemallocDrop + 42 on its NIC)
    records[1] = dict(records[1], figures=dict(records[1]["figures"], silent_rx_failures=1742))
    text = render_prometheus(summarise(records))
    done = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    parsed = samples(text)
    web1 = {("host", "web1"), ("host_id", "web1 kernel 4.18.0-513.5.1.el8_9.x86_64")}
    assert parsed[("pagealloc_host_failures", frozenset(web1))] == 7
    assert parsed[("pagealloc_host_min_free_kbytes", frozenset(web1))] == 11585
    assert parsed[("pagealloc_host_min_free_kbytes_recommended", frozenset(web1))] == 23552
    assert parsed[("pagealloc_host_silent_rx_failures", frozenset(web1))] == 1742
    assert [labels for name, labels in parsed if name == "pagealloc_host_silent_rx_failures"] == [frozenset(web1)]
    assert parsed[("pagealloc_host_problem", frozenset(web1 | {("confidence", "")}))] == 1
    assert parsed[("pagealloc_host_verdict", frozenset(web1 | {("key", "MIN_FREE_KBYTES_LOW_ATOMIC_RX"),
                                                               ("type", "fail")}))] == 1
    assert parsed[("pagealloc_fleet_hosts", frozenset())] == 4
    assert parsed[("pagealloc_fleet_hosts_to_fix", frozenset())] == 3
    assert parsed[("pagealloc_fleet_archives_unreadable", frozenset())] == 1
    nasty = [labels for name, labels in parsed if name == "pagealloc_host_failures" and ("host", inert(NASTY)) in labels]
    assert len(nasty) == 1  # the name survives escaping as the reports show it: its newline a visible \n


def test_history_adds_statuses_and_the_runs_counter(tmp_path):
    db = str(tmp_path / "h.sqlite")
    three_nights(db)
    from tests.fleet.test_history import night

    with open_store(db) as store:
        text = render_prometheus(summarise(night(26, fixed_web1=True, db2_fails=True)), fleet_history(store))
    done = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    parsed = samples(text)
    assert parsed[("pagealloc_fleet_runs_total", frozenset())] == 3
    for status, host in (("new", "db2"), ("ongoing", "app1"), ("resolved", "web1")):
        key = frozenset({("host", host), ("host_id", host + " MemTotal 8009884 kB"), ("status", status)})
        assert parsed[("pagealloc_host_status", key)] == 1
        assert parsed[("pagealloc_fleet_hosts_by_status", frozenset({("status", status)}))] == 1


def test_cli_writes_the_textfile_atomically(tmp_path):
    results = write_jsonl(tmp_path / "r.jsonl", RECORDS)
    target = tmp_path / "textfile" / "pagealloc.prom"
    target.parent.mkdir()
    assert main(["fleet", "report", results, "--format", "prometheus", "-o", str(target)]) == 0
    assert os.listdir(str(target.parent)) == ["pagealloc.prom"]  # no temporary file left
    assert samples(target.read_text())[("pagealloc_fleet_hosts", frozenset())] == 4
    assert main(["fleet", "report", "--db", str(tmp_path / "h.sqlite"), "--format", "prometheus"]) == 2


ALERT_TEST = """
rule_files: [%(rules)s]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'pagealloc_host_problem{host="web1",host_id="web1 MemTotal 8009884 kB",confidence="high"}'
        values: '1x10'
      - series: 'pagealloc_host_problem{host="db1",host_id="db1 MemTotal 8009884 kB",confidence=""}'
        values: '0x10'
      - series: 'pagealloc_host_status{host="db2",host_id="db2 MemTotal 8009884 kB",status="new"}'
        values: '1x10'
      - series: 'node_textfile_mtime_seconds{file="/var/lib/node_exporter/textfile/pagealloc.prom"}'
        values: '0x10'
    alert_rule_test:
      - eval_time: 5m
        alertname: PageallocHostNeedsReserve
        exp_alerts:
          - exp_labels: {severity: warning, host: web1, host_id: "web1 MemTotal 8009884 kB"}
            exp_annotations:
              summary: "web1: page allocation failures, vm.min_free_kbytes too low"
              description: "pagealloc found page allocation failures on web1 (web1 MemTotal 8009884 kB). See the fleet report for the recommended vm.min_free_kbytes and the commands to apply it."
      - eval_time: 5m
        alertname: PageallocHostStartedFailing
        exp_alerts:
          - exp_labels: {severity: warning, host: db2, host_id: "db2 MemTotal 8009884 kB", status: new}
            exp_annotations:
              summary: "db2 started failing page allocations since the last pagealloc run"
      - eval_time: 5m
        alertname: PageallocReportStale
        exp_alerts: []
"""


def test_the_shipped_alert_rules_load_and_fire(tmp_path, request):
    rules = os.path.join(str(request.config.rootpath), "deploy", "pagealloc-alerts.yml")
    done = subprocess.run([promtool(), "check", "rules", rules], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    spec = tmp_path / "alerts-test.yml"
    spec.write_text(ALERT_TEST % {"rules": rules})
    done = subprocess.run([promtool(), "test", "rules", str(spec)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_worker_serves_prometheus_metrics_when_asked(rabbitmq, fleet_archives, tmp_path, queue_prefix):
    import urllib.request

    from tests.fleet.rabbitmq import free_port
    from tests.fleet.workers import Worker, wait_for

    port = free_port()
    worker = Worker(rabbitmq.url, queue_prefix, os.path.dirname(fleet_archives[0]), str(tmp_path / "w.log"),
                    "--metrics-port", str(port))

    def scrape():
        assert worker.process.poll() is None, worker.log()[-3000:]
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port, timeout=2) as response:
                return response.read().decode()
        except OSError:
            return None

    try:
        text = wait_for(scrape, 60, interval=0.2, what="the worker's /metrics")
    finally:
        worker.stop()
    parsed = samples(text)
    assert any(name == "process_cpu_seconds_total" for name, _ in parsed)
    done = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("host", ["web1\x1b[2J\x1b]0;pwned\x07", "web1\rpagealloc_fleet_hosts 0", "web1\u202egnp.exe",
                                  "web1\u2028x", "web1\x85\x9b31m"])
def test_label_values_carry_no_control_or_bidi_character(host):
    """A host name with terminal escapes, a carriage return or bidi overrides is shown escaped, as in
    every other format: `cat` of the textfile, an alert's e-mail or a dashboard cannot be driven by it."""
    records = [dict(r) for r in RECORDS]
    records[1] = dict(records[1], host=host)
    text = render_prometheus(summarise(records))
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", text)
    assert ("host", inert(host)) in {label for name, labels in samples(text) for label in labels}
    done = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_host_name_that_is_not_utf8_is_one_valid_label():
    records = [dict(r) for r in RECORDS]
    records[1] = dict(records[1], host="web\udcff1")
    text = render_prometheus(summarise(records))
    text.encode("utf-8")  # the exposition format is UTF-8
    done = subprocess.run([promtool(), "check", "metrics"], input=text, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert ("host", "web\\xff1") in {label for name, labels in samples(text) for label in labels}  # as inert() shows it
