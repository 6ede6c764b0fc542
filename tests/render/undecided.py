"""A plain log whose reports lost their zone lines: the main rule cannot replay the zone test and the
reserve is unknown (the undecided page the render tests read, when the traces go too).  With the
zone lines the replay decides: the truncated-tail fixture's DMA zone stands above its floor
(RESERVE_NOT_SHOWN_EXHAUSTED)."""

import os
import shutil
import tempfile

from pagealloc.evaluate import evaluate_path
from tests.kernlog.helpers import fixture_path


def evaluate_without_zone_lines(name, traces=True):
    """``evaluate_path`` of the fixture with its zone and lowmem_reserve lines left out (a paste that kept
    the traces only), through a temporary file.  A receive trace makes the main rule fire on the assumed
    default (reason ``reserve_assumed_default``); ``traces`` False leaves out the call traces too (their
    frames: ``[<``), so that the path is unknown and the answer stays INSUFFICIENT_DATA."""
    with open(fixture_path(name), encoding="utf-8") as handle:
        lines = [line for line in handle if " free:" not in line and "lowmem_reserve" not in line
                 and (traces or "[<" not in line)]
    folder = tempfile.mkdtemp(prefix="undecided-")
    path = os.path.join(folder, name)
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.writelines(lines)
        return evaluate_path(path)
    finally:
        shutil.rmtree(folder)
