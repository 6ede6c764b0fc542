"""
The memory picture of a plain log: figures taken from the failure report's
own Mem-Info are shown as estimates, never as values that were read.
"""

from pagealloc.evaluate import evaluate_path
from pagealloc.render.summary import picture_rows
from tests.kernlog.helpers import fixture_path


def rows_of(path):
    return dict(picture_rows(evaluate_path(path)["memory_picture"]))


def test_seed_dmesg_alone_shows_report_estimates_labelled_as_such():
    rows = rows_of(fixture_path("dmesg_2.6.32_i686_e100_seed.txt"))
    # Task line "Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1".
    assert rows["kernel"] == "2.6.32-5-686 (from the failure report)"
    # Zone mins DMA 124 + Normal 1908 = 2032 kB (the kernel's 2038 lies in the rounding range).
    assert rows["vm.min_free_kbytes (running)"] == "about 2032 kB (2032-2043 kB), estimated from the failure report"
    # present: DMA 15872 kB + Normal 243776 kB = 259648 kB.
    assert rows["MemTotal"] == "about 259648 kB (0.2 GiB), estimated from the failure report"
    assert rows["running / default"] == "unknown"  # a ratio of two estimates is not shown as a reading


def test_a_sosreport_shows_the_values_it_read_without_estimates(examples_dir):
    rows = rows_of(examples_dir + "/sosreport-e100-rx-failure")
    assert rows["vm.min_free_kbytes (running)"] == "2038 kB (/proc/sys/vm/min_free_kbytes)"
    assert rows["kernel"] == "2.6.32-5-686"
    assert not any("estimated from the failure report" in value for value in rows.values())
