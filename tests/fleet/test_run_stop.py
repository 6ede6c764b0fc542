"""
``fleet run`` asked to stop (Ctrl-C, SIGTERM) stops every child at once: each gets its grace period
(5 s, then SIGKILL) at the same time.  Before, the children were stopped one after another, so children
that do not answer SIGTERM at once (a long call in C) made the stop last 5 s per worker: 20.1 s for four.
"""

import signal
import subprocess
import sys
import time

from tests.archive_factory import seed_dmesg
from tests.fleet.workers import wait_for

DEAF_ANALYSIS = """
import os, signal, sys, time
import pagealloc.evaluate as evaluate
def deaf(path, **kwargs):
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})  # as a long call in C: SIGTERM waits
    os.write(1, b"analysing\\n")  # one write (print made two: four children's lines interleaved, the wait timed out)
    time.sleep(60)
evaluate.evaluate_path = deaf
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_fleet_run_stops_all_its_children_at_once(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for index in range(4):
        (folder / ("web%d.log" % index)).write_text(seed_dmesg())
    process = subprocess.Popen([sys.executable, "-c", DEAF_ANALYSIS, "fleet", "run", str(folder), "--out",
                                str(tmp_path / "r.jsonl"), "--workers", "4"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        wait_for(lambda: lines.append(process.stdout.readline()) or len([x for x in lines if "analysing" in x]) >= 4,
                 timeout=60, what="four children analysing")
        asked = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=60)
        took = time.monotonic() - asked
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM
    assert took < 9.0, took  # one grace period (5 s) for all, not 5 s per child
