"""
pagealloc.evaluate / pagealloc.result: the library entry points the command
line and the fleet runner share.
"""

import doctest
import os

import pytest

import pagealloc.evaluate
import pagealloc.result
from pagealloc.errors import InputError
from pagealloc.evaluate import evaluate_path
from pagealloc.result import exit_code
from tests.archive_factory import pack


def test_doc_examples():
    for module in (pagealloc.evaluate, pagealloc.result):
        failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert failed == 0, module.__name__


def test_e100_example_result_in_process(examples_dir):
    result = evaluate_path(os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    assert exit_code(result) == 1
    fail = [v for v in result["verdicts"] if v["type"] == "fail"]
    assert [v["key"] for v in fail] == ["MIN_FREE_KBYTES_LOW_ATOMIC_RX"]
    assert fail[0]["rule"] == "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"
    assert fail[0]["content"].startswith("1 order-0 atomic page allocation failure in the network receive path")
    assert result["host"] == "e100-host" and result["memory_picture"]["min_free_kbytes"]["current"] == 2038
    # fails sort first, then info, then pass
    order = {"fail": 0, "info": 1, "pass": 2}
    assert [order[v["type"]] for v in result["verdicts"]] == sorted(order[v["type"]] for v in result["verdicts"])


def test_results_of_repeated_runs_are_identical(examples_dir, tmp_path):
    archive = pack(os.path.join(examples_dir, "sosreport-e100-rx-failure"), str(tmp_path), "zip")
    first, second = evaluate_path(archive), evaluate_path(archive)
    assert first == second


def test_live_host_reads_this_machines_reserve():
    result = evaluate_path(None)
    assert (result["source"], result["input"]["kind"]) == ("localhost", "host")
    with open("/proc/sys/vm/min_free_kbytes") as stream:
        assert result["memory_picture"]["min_free_kbytes"]["current"] == int(stream.read())


def test_unknown_context_is_an_input_error(examples_dir):
    with pytest.raises(InputError, match="unknown context 'cluster'"):
        evaluate_path(os.path.join(examples_dir, "sosreport-healthy"), context="cluster")


def test_non_finite_numbers_become_null():
    assert pagealloc.result.to_plain({"ratio": float("nan"), "x": [float("inf"), 1.5]}) == {"ratio": None, "x": [None, 1.5]}
