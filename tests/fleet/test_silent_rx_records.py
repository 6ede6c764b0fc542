"""
A fleet of the bundled examples reports without error: SILENT_RX_ALLOC_FAILURES
states its confidence as the level alone ("medium"), the main rule as
{"level", "reasons"}; the fleet record and report read both (a results file of
`fleet run examples/` made `fleet report` raise AttributeError).
"""

from pagealloc.evaluate import evaluate_path
from pagealloc.fleet import record, report
from pagealloc.fleet.jsonl import read_records


def test_the_mlx5_example_reports_in_every_format_with_its_confidence(examples_dir, tmp_path):
    results = tmp_path / "results.jsonl"
    silent = record.result_record(evaluate_path(examples_dir + "/sosreport-mlx5-silent-rx"))
    results.write_text(record.dumps(silent) + "\n")
    # mlx5 counters without a printed report: the rule states "medium" (rules/silent_rx_alloc_failures.py).
    assert [v["key"] for v in silent["verdicts"] if v["type"] == "fail"] == ["SILENT_RX_ALLOC_FAILURES"]
    assert silent["figures"]["confidence"] == "medium"
    for fmt in ("text", "json", "csv", "html"):
        assert "mlx5-host" in report.render_report(str(results), fmt)
    # its counters: PFMemallocDrop 18233 + ens1f0 rx_buff_alloc_err 1290 = 19523, in the text and the page
    assert "silent receive failures 19,523 since boot" in report.render_report(str(results), "text")
    assert ('<th>silent receive failures since boot</th><td>19523</td>'
            in report.render_report(str(results), "html").replace("\n", ""))
    # a record written before figures.confidence existed reads the verdict's own level
    (old,) = read_records(str(results))
    old["figures"].pop("confidence")
    assert report.summarise([old])["hosts"][0]["confidence"] == "medium"


def test_a_file_without_a_kernel_log_is_not_counted_as_analysed(examples_dir):
    # examples/README.md in `fleet run examples/`: triage exits 2 on it ("no kernel log read").
    readme = record.result_record(evaluate_path(examples_dir + "/README.md"))
    assert readme["error"].startswith("no kernel log read: "), readme["error"]
    healthy = record.result_record(evaluate_path(examples_dir + "/sosreport-healthy"))
    assert healthy["error"] is None
    totals = report.summarise([readme, healthy])["totals"]
    assert (totals["analysed"], totals["errors"]) == (1, 1), totals


def test_fleet_run_on_an_empty_directory_is_exit_2_not_success(tmp_path, capsys):
    from pagealloc.cli import main

    (tmp_path / "drop").mkdir()
    code = main(["fleet", "run", "--out", str(tmp_path / "r.jsonl"), str(tmp_path / "drop")])
    assert code == 2 and "no archive or log found" in capsys.readouterr().err
