"""FAILURE_BURSTS through the real chain: reports plus "callbacks suppressed" per burst."""

import doctest

from pagealloc.knowledge import burst_numbers
from pagealloc.rules import failure_bursts
from tests.rules.inputs import SEED_DMESG, fixture, host, run


def test_doc_examples():
    failed, _ = doctest.testmod(burst_numbers)
    assert failed == 0


def seed_burst():
    """The seed's report three times within 0.9 s, with two rate-limit notices (2.6.32 printk_ratelimit() names its caller)."""
    report = [line for line in SEED_DMESG.splitlines(True) if line.startswith("[ 7873.")]
    out = []
    for shift, notice in ((0.0, None), (0.4, 37), (0.9, 12)):
        if notice:
            out.append("[%12.6f] __alloc_pages_slowpath: %d callbacks suppressed\n" % (7873.855883 + shift - 0.001, notice))
        out += ["[%12.6f]%s" % (float(line[1:line.index("]")]) + shift, line[line.index("]") + 1:]) for line in report]
    return "".join(out)


def test_a_burst_counts_its_suppressed_callbacks():
    result = run(failure_bursts.report, host(dmesg=seed_burst()))
    # 3 printed reports + 37 + 12 suppressed = at least 52 failed allocations in 0.9 s.
    [burst] = result["bursts"]
    assert (burst["reports"], burst["suppressed"], burst["at_least"]) == (3, 49, 52)
    assert burst["duration_s"] == 0.9 and burst["peak_per_minute"] == 3
    assert result["total_at_least"] == 52


def test_one_report_with_suppressed_callbacks_is_a_burst_too():
    # Amazon Linux 2 (4.14): "warn_alloc: 3 callbacks suppressed" then one report.
    result = run(failure_bursts.report, host(dmesg=fixture("logs", "dmesg_4.14_amzn2_ena_nodemask.txt")))
    assert result["bursts"][0]["at_least"] == result["bursts"][0]["reports"] + 3


def test_a_single_report_says_nothing_more():
    assert run(failure_bursts.report, host()) is None


def test_the_headline_is_the_count_and_the_paragraphs_say_how_it_is_counted():
    # The headline is also a section title: no trailing ':' and not repeated as its first paragraph.
    from pagealloc.render.findings import finding
    from pagealloc.result import to_plain

    result = run(failure_bursts.report, host(dmesg=seed_burst()))
    found = finding({"key": "FAILURE_BURSTS", "type": "info",
                     "details": to_plain({k: v for k, v in result.items() if k not in ("type", result.key_name)})})
    assert found["headline"] == "1 burst of failure reports, at least 52 failed allocations"
    assert found["paragraphs"][0].startswith("A burst is two failures or more within 60 s of each other. Counted as "
                                             'printed reports plus "callbacks suppressed"')
    assert all(found["headline"] not in p for p in found["paragraphs"] if isinstance(p, str))


def test_a_burst_within_one_second_names_its_time_once():
    from pagealloc.render.findings_kernel import burst_line

    line = burst_line({"first": "Apr 01 16:27:01", "last": "Apr 01 16:27:01", "duration_s": 0.0, "reports": 2,
                       "suppressed": 0, "at_least": 2, "peak_per_minute": 2})
    assert line == "Apr 01 16:27:01 (0.0 s): 2 reports + 0 suppressed = at least 2; peak 2 reports per minute"


def lone_report(seconds_later):
    """The seed's report again, ``seconds_later`` (nothing suppressed)."""
    report = [line for line in SEED_DMESG.splitlines(True) if line.startswith("[ 7873.")]
    return "".join("[%12.6f]%s" % (float(line[1:line.index("]")]) + seconds_later, line[line.index("]") + 1:])
                   for line in report)


def test_a_lone_report_is_no_burst():
    # s25: a report with no other within 60 s and nothing suppressed was listed as "1 burst" of 1 report.
    # The seed burst (3 reports + 49 suppressed = 52) and the same report alone 4000 s later.
    result = run(failure_bursts.report, host(dmesg=seed_burst() + lone_report(4000.0)))
    assert [b["reports"] for b in result["bursts"]] == [3]
    assert result["lone_reports"] == 1 and result["total_at_least"] == 53
    from pagealloc.render.findings import finding
    from pagealloc.result import to_plain

    found = finding({"key": "FAILURE_BURSTS", "type": "info",
                     "details": to_plain({k: v for k, v in result.items() if k not in ("type", result.key_name)})})
    assert found["headline"] == "1 burst of failure reports and 1 lone report, at least 53 failed allocations in all"


def test_lone_reports_alone_give_no_result():
    assert run(failure_bursts.report, host(dmesg=SEED_DMESG + lone_report(4000.0) + lone_report(9000.0))) is None


def test_the_short_form_counts_bursts_in_words(tmp_path):
    from pagealloc.evaluate import evaluate_path

    path = tmp_path / "dmesg.txt"
    path.write_text(seed_burst() + lone_report(4000.0))
    [verdict] = [v for v in evaluate_path(str(path))["verdicts"] if v["key"] == "FAILURE_BURSTS"]
    assert verdict["content"] == ("1 burst of page allocation failures (two or more within 60 s) and 1 lone report, "
                                  "at least 53 failed allocations in all (printed reports plus suppressed callbacks).")


def test_reports_without_a_time_are_neither_lone_nor_in_a_burst():
    # posted mail_5.4 (a SLUB flood pasted without stamps): 10 undated reports, one with 96 suppressed.
    # Before: "1 burst of failure reports and 9 lone reports" (and "10 bursts" before s25).
    result = run(failure_bursts.report, host(dmesg=fixture("posted", "mail_5.4_slub_flood_interleaved_wrapped.txt")))
    assert len(result["bursts"]) == 1 and result["bursts"][0]["suppressed"] == 96
    assert (result["lone_reports"], result["undated_reports"]) == (0, 9)
    from pagealloc.render.findings import finding
    from pagealloc.result import to_plain

    found = finding({"key": "FAILURE_BURSTS", "type": "info",
                     "details": to_plain({k: v for k, v in result.items() if k not in ("type", result.key_name)})})
    assert found["headline"] == ("1 burst of failure reports and 9 undated reports, at least 106 failed allocations "
                                 "in all")
