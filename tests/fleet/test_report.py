"""``pagealloc fleet report``: totals, hosts to fix, formats, determinism, escaping."""

import csv
import doctest
import io
import json
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.cli import main
from pagealloc.errors import InputError
from pagealloc.fleet import hosts, report
from pagealloc.fleet import record as record_module
from pagealloc.fleet.jsonl import ResultsWriter
from pagealloc.fleet.record import error_record
from pagealloc.render import fleet_html, fleet_text, html_page, remediation

HOSTILE_HOST = '<script>alert(1)</script>'


def failing(source, host, current, default, recommended, failures, drivers, kernel):
    """A record as the fleet writes it for a host where MIN_FREE_KBYTES_LOW_ATOMIC_RX fired."""
    remediation = {
        "runtime_command": "sysctl -w vm.min_free_kbytes=%d" % recommended,
        "sysctl_d_file": {"path": "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
                          "content": "vm.min_free_kbytes = %d\n" % recommended},
        "apply_command": "sysctl -p /etc/sysctl.d/99-pagealloc-min-free-kbytes.conf",
    }
    return {
        "source": source, "host": host, "error": None, "pagealloc_version": "0.1.0",
        "verdicts": [
            {"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "key": "MIN_FREE_KBYTES_LOW_ATOMIC_RX",
             "type": "fail", "details": {"recommendation": {"value": recommended}, "remediation": remediation}},
        ],
        "figures": {"kernel": kernel, "min_free_kbytes_current": current, "min_free_kbytes_default": default,
                    "min_free_kbytes_recommended": recommended, "failures": failures, "suppressed": 0,
                    "drivers": drivers, "problem": True},
    }


def healthy(source, host, kernel):
    return {
        "source": source, "host": host, "error": None, "pagealloc_version": "0.1.0",
        "verdicts": [{"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report",
                      "key": "MIN_FREE_KBYTES_LOW_ATOMIC_RX", "type": "pass", "details": {}}],
        "figures": {"kernel": kernel, "min_free_kbytes_current": 67584, "min_free_kbytes_default": 67584,
                    "min_free_kbytes_recommended": None, "failures": 0, "suppressed": 0, "drivers": [],
                    "problem": False},
    }


# Seed host: 256 MB, 2.6.32, default 2038 -> recommended 4096 (2 x default rounded
# up to 1024, see pagealloc.knowledge.recommendation); a RHEL 8 ixgbe host at
# its 8 GiB default 11585 -> 23552 (2 x 11585 = 23170, rounded up to 23 x 1024).
RECORDS = [
    failing("/srv/a/sos-e100.tar.xz", "e100-host", 2038, 2038, 4096, 1, ["e100"], "2.6.32-5-686"),
    failing("/srv/a/sos-web1.tar.xz", "web1", 11585, 11585, 23552, 7, ["ixgbe"], "4.18.0-513.5.1.el8_9.x86_64"),
    failing("/srv/a/sos-web2.tar.xz", HOSTILE_HOST, 11585, 11585, 23552, 2, ["ixgbe"], "4.18.0-513.5.1.el8_9.x86_64"),
    healthy("/srv/a/sos-db1.tar.xz", "db1", "4.18.0-513.5.1.el8_9.x86_64"),
    error_record("/srv/a/broken.tar.xz", "=cmd|' /C calc'!A0 truncated xz stream"),
]


@pytest.fixture
def results(tmp_path):
    path = str(tmp_path / "results.jsonl")
    with ResultsWriter(path) as out:
        for rec in RECORDS + [RECORDS[1]]:  # a duplicate line counts once
            out.write(rec)
    return path


def test_doc_examples():
    for module in (report, fleet_text, fleet_html, html_page, remediation, record_module, hosts):
        failed, _ = doctest.testmod(module)
        assert failed == 0, module.__name__


def test_totals_and_counts_by_verdict_kernel_driver_recommendation():
    summary = report.summarise(RECORDS)
    assert summary["totals"] == {"archives": 5, "analysed": 4, "errors": 1, "hosts": 4, "hosts_to_fix": 3}
    assert summary["by_verdict"] == {"MIN_FREE_KBYTES_LOW_ATOMIC_RX": {"fail": 3, "pass": 1}}
    assert summary["by_kernel"] == {"2.6.32-5-686": 1, "4.18.0-513.5.1.el8_9.x86_64": 3}
    assert summary["by_driver"] == {"e100": 1, "ixgbe": 2}
    assert summary["by_recommendation_kb"] == {"23552": 2, "4096": 1}
    assert [row["host"] for row in summary["hosts_to_fix"]] == [HOSTILE_HOST, "e100-host", "web1"]
    web1 = summary["hosts_to_fix"][2]
    assert (web1["current"], web1["default"], web1["recommended"], web1["failures"]) == (11585, 11585, 23552, 7)
    assert web1["remediation"]["runtime_command"] == "sysctl -w vm.min_free_kbytes=23552"
    assert summary["errors"] == [{"source": "/srv/a/broken.tar.xz", "error": "=cmd|' /C calc'!A0 truncated xz stream"}]


@pytest.mark.parametrize("fmt", ["text", "json", "html", "csv"])
def test_same_records_in_any_order_give_identical_bytes(fmt, tmp_path):
    outputs = set()
    for seed in range(3):
        shuffled = list(RECORDS)
        random.Random(seed).shuffle(shuffled)
        path = str(tmp_path / ("r%d.jsonl" % seed))
        with ResultsWriter(path) as out:
            for rec in shuffled:
                out.write(rec)
        outputs.add(report.render_report(path, fmt))
    assert len(outputs) == 1


def test_text_report_lists_hosts_to_fix_with_remediation(results):
    text = report.render_report(results, "text")
    assert "hosts 4, hosts to fix 3; archives 5, analysed 4, could not analyse 1" in text
    assert "    now:     sysctl -w vm.min_free_kbytes=4096" in text
    # file and line on one line would be 87 columns: the line goes under the file
    assert ("    persist: /etc/sysctl.d/99-pagealloc-min-free-kbytes.conf:\n"
            "             vm.min_free_kbytes = 4096\n") in text
    assert "min_free_kbytes 2038 -> 4096 (default 2038)" in text


WORD = st.text(st.characters(codec="utf-8", exclude_categories=("Zs", "Cc")), min_size=1, max_size=40)
PATH = st.lists(WORD, min_size=1, max_size=6).map(lambda parts: "/" + "/".join(parts) + ".tar.xz")


@settings(max_examples=60, deadline=None)
@given(hosts=st.lists(st.tuples(st.lists(WORD, min_size=1, max_size=3).map(" ".join), PATH,
                                st.lists(WORD, max_size=4), st.integers(0, 10 ** 9), st.integers(0, 10 ** 9)),
                      min_size=1, max_size=4),
       errors=st.lists(st.tuples(PATH, st.lists(WORD, min_size=1, max_size=20).map(" ".join)), max_size=3),
       kernel=WORD)
def test_every_text_line_fits_80_columns_unless_it_is_one_word(hosts, errors, kernel):
    # As pagealloc triage: rows of figures break between cells, cells between words; only a word
    # longer than a line (a path, a long host name) may stick out, alone on its line.
    records = [failing(source, host, current, current, current + 1024, failures, drivers, kernel)
               for host, source, drivers, current, failures in hosts]
    records += [error_record(source, error) for source, error in errors]
    for line in fleet_text.render_text(report.summarise(records)).splitlines():
        assert len(line) <= fleet_text.WIDTH or len(line.split()) == 1, line


def test_with_nothing_unreadable_there_is_no_could_not_analyse_section(tmp_path):
    path = str(tmp_path / "r.jsonl")
    with ResultsWriter(path) as out:
        out.write(RECORDS[3])  # one healthy host: nothing to fix, nothing unreadable, no driver
    text = report.render_report(path, "text")
    assert "could not analyse 0" in text and "Could not analyse:" not in text
    assert "Hosts to fix:\n  (none)" in text
    page = report.render_report(path, "html")
    assert "Could not analyse</h2>" not in page
    # a count with no row says so instead of drawing a table of headers alone
    assert "<h2>Failing drivers</h2>\n<p>None.</p>" in page
    assert re.search(r"<table><tr>(<th>[^<]*</th>)+</tr>\s*</table>", page) is None


def test_json_report_is_the_summary(results):
    assert json.loads(report.render_report(results, "json")) == json.loads(json.dumps(report.summarise(RECORDS)))


def test_html_escapes_archive_text_and_draws_both_charts(results):
    page = report.render_report(results, "html")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<svg ") == 2
    # Failures per host: web1 (7) is the longest bar, drawn first at full plot width.
    assert '<rect x="220" y="20" width="420" height="14" fill="#c0392b"/>' in page
    # current vs recommended on a log axis: values 2038..23552 span the decades 1000..100000, so
    # 11585 -> round(420 * (log10(11585) - 3) / 2) = round(223.4) = 223 px, 23552 -> round(288.1) = 288 px,
    # 2038 -> round(64.9) = 65 px (a linear axis would give it 36 px of 420 next to 23552).
    assert 'width="223" height="14" fill="#c0392b"' in page and 'width="288" height="14" fill="#2e86c1"' in page
    assert 'width="65" height="14" fill="#c0392b"' in page
    assert "all 3 hosts shown, sorted by recommended value, largest first" in page


def test_csv_has_one_row_per_archive_and_defuses_formulas(results):
    rows = list(csv.DictReader(io.StringIO(report.render_report(results, "csv"))))
    assert [r["source"] for r in rows] == ["/srv/a/sos-web2.tar.xz", "/srv/a/sos-db1.tar.xz", "/srv/a/sos-e100.tar.xz",
                                          "/srv/a/sos-web1.tar.xz", "/srv/a/broken.tar.xz"]
    assert rows[3]["recommended"] == "23552" and rows[3]["problem"] == "yes"
    assert rows[4]["error"].startswith("'=cmd")
    # the receive counters are new columns at the end (a spreadsheet reading by position keeps working);
    # unknown is an empty cell, never 0
    assert list(rows[0])[-5:] == ["error", "silent_rx_failures", "pfmemalloc_drops", "nic_rx_alloc_failures", "boot_id"]
    assert rows[3]["silent_rx_failures"] == "" and rows[3]["boot_id"] == ""


def test_csv_has_the_silent_receive_failures_and_their_boot(tmp_path):
    record = failing("/srv/a/sos-mlx5.tar.xz", "mlx5-host", 67584, 67584, 135168, 0, [], "4.18.0")
    record["boot_id"] = "4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90"
    record["figures"].update(pfmemalloc_drops=18233, nic_rx_alloc_failures=1290, silent_rx_failures=19523)
    (row,) = csv.DictReader(io.StringIO(report.render_csv(report.summarise([record]))))
    assert (row["silent_rx_failures"], row["pfmemalloc_drops"], row["nic_rx_alloc_failures"], row["boot_id"]) == (
        "19523", "18233", "1290", "4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90")


def test_report_of_an_empty_file_is_an_input_error(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(InputError, match="no fleet records"):
        report.render_report(str(empty))


def test_cli_report_writes_the_chosen_format(results, tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["fleet", "report", results, "--format", "html", "-o", str(out)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert main(["fleet", "report", str(tmp_path / "missing.jsonl")]) == 2
    assert "no fleet records" in capsys.readouterr().err


def test_terminal_escapes_and_line_breaks_in_hosts_sources_and_errors_stay_inert(tmp_path):
    """issue 16 item 7: an OSC title / clipboard escape in an archive's hostname must not reach the terminal."""
    osc = "web\x1b]0;owned\x07\x1b]52;c;Y3VybCB4fHNo\x07"
    path = str(tmp_path / "results.jsonl")
    with ResultsWriter(path) as out:
        out.write(failing("/srv/a/sos-\u202eexe.tar.xz", osc, 2038, 2038, 4096, 1, ["e\n1000"], "2.6.32"))
        out.write(error_record("/srv/a/x\x1b[2J.tar.xz", "corrupt\u2028PROBLEM FOUND: forged"))
    for fmt in ("text", "csv", "html"):
        out = report.render_report(path, fmt)
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "\u2028" not in out, fmt
        assert "\\x1b]0;owned\\x07" in out, fmt
    text = report.render_report(path, "text")
    assert not [line for line in text.splitlines() if line.startswith(("PROBLEM FOUND", "1000"))]
