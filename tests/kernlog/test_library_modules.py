"""A driver family's shared library module is never the driver (pagealloc.knowledge.call_paths.LIBRARY_MODULES):
the 802.11 stack (mac80211, cfg80211) and helper modules such as Atheros' common ``ath`` sit inside a driver's
receive path ("ath_rxbuf_alloc+0x35/0xb0 [ath]" under "ath_rx_tasklet+0x20f/0x6c0 [ath9k]", s30-holdQ's Ubuntu
10.04 forum post; "iwl_rx_allocate+0x8f/0x305 [iwlcore]" under "iwl_rx_handle+0x3a8/0x3c1 [iwlagn]", s31-holdT's
2.6.32 linux-mm mail), and the device's driver is the module that called them.  Property: in every fixture report whose
receive path names a driver module, a library frame put inside the driver's innermost frame (the same line, the
function and module replaced) changes neither the context nor the driver."""

import os
import re

import pytest

from pagealloc.kernlog.parse import parse_text
from pagealloc.knowledge.call_paths import LIBRARY_MODULES, classify_trace
from tests.kernlog.helpers import report_fixtures
from tests.kernlog.test_metamorphic import figures

FIXTURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")
LIBRARY_FRAMES = {"mac80211": "ieee80211_rx_handlers", "ath": "ath_rxbuf_alloc", "cfg80211": "cfg80211_rx_mgmt",
                  "iwlcore": "iwl_rx_allocate"}


def _read(folder, name):
    with open(os.path.join(FIXTURES, folder, name), encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _rx_driver_fixtures():
    cases = []
    for folder, name, text in report_fixtures():
        drivers = {e.driver for e in parse_text(text).events if e.context == "network-rx" and e.driver}
        cases += [(folder, name, d) for d in sorted(drivers) if d not in LIBRARY_MODULES and any(
            line.count("+0x") == 1 and re.search(r"\+0x[0-9a-f]+/0x[0-9a-f]+ \[%s\]" % re.escape(d), line)
            for line in text.split("\n"))]
    return cases


CASES = _rx_driver_fixtures()


def test_there_are_receive_paths_with_driver_modules():
    assert len(CASES) >= 15


@pytest.mark.parametrize("library", sorted(LIBRARY_FRAMES))
@pytest.mark.parametrize("folder,name,driver", CASES)
def test_a_library_frame_inside_the_drivers_path_never_names_the_driver(folder, name, driver, library):
    text = _read(folder, name)
    frame = re.compile(r"(?P<name>[\w.]+)(?P<off>\+0x[0-9a-f]+/0x[0-9a-f]+) \[%s\]" % re.escape(driver))
    lines = text.split("\n")
    out, done = [], set()
    for line in lines:
        match = frame.search(line)
        # a frame's own line (not the rest of a line a mail client wrapped between a frame's address and its name:
        # that rest starts the line, and a line put before it would split the frame)
        if match and match.start() > 0 and match.group("name") not in done and line.count("+0x") == 1:
            # before every report's innermost frame of the driver: the same line, a library's function and module
            out.append(line[:match.start()] + LIBRARY_FRAMES[library] + match.group("off") + " [%s]" % library
                       + line[match.end():])
            done.add(match.group("name"))
        out.append(line)
    # (the property is about receive paths: a report on another path - ath9k_htc's command work item beside its
    # receive report, s41-hold41rx - may well turn receive when an rx-named library function is put in it)
    before, after = figures(parse_text(text)), figures(parse_text("\n".join(out)))
    assert len(after) == len(before)
    assert [a for a, b in zip(after, before) if b[5] == "network-rx"] == [b for b in before if b[5] == "network-rx"]


@pytest.mark.parametrize("library", sorted(LIBRARY_MODULES))
def test_a_library_module_alone_is_still_named(library):
    """With no driver module and no known driver prefix, the library's module is all the trace says."""
    frames = [("__netdev_alloc_skb", None), ("some_rx_frame", library), ("net_rx_action", None)]
    assert classify_trace(frames)[1] == library
