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
    # a record written before figures.confidence existed reads the verdict's own level
    (old,) = read_records(str(results))
    old["figures"].pop("confidence")
    assert report.summarise([old])["hosts"][0]["confidence"] == "medium"
