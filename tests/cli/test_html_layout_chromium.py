"""
The HTML report reads on a phone and on a desktop: headless Chromium lays it
out at 375 px and 1280 px wide, and nothing overflows (the document's
scrollWidth equals the viewport's width), for the bundled e100 report and a
stress report (a 300-character unbreakable source path and host name, 40
failure reports over three boots, so that the charts and tables are cut and
captioned).  The report itself is unchanged (no script):
it is laid out in an iframe of the exact width inside a wrapper page whose
script reads the widths (Chromium's headless window is at least 500 px).
Screenshots are taken at both widths; PAGEALLOC_SCREENSHOTS=DIR keeps them
for a person to look at.
"""

import copy
import os
import re
import shutil
import subprocess

import pytest

from pagealloc.render import render
from tests.cli.triage_helpers import examples_dir, require_tool
from tests.render.sample_result import SEED_EVENT, SEED_RESULT

WIDTHS = (375, 1280)
# Headless Chromium's window is at least 500 px wide: the report is laid out in an iframe of the
# exact width (its own viewport), and the wrapper page reads the iframe's widths into its title,
# which --dump-dom shows (the report itself forbids scripts; the wrapper is another page).
WRAPPER = """<!DOCTYPE html><html><head><style>body{margin:0}iframe{border:0;width:%dpx;height:%dpx}</style>
</head><body><iframe id="report" src="%s"></iframe><script>
window.addEventListener("load", function () {
  var frame = document.getElementById("report"), root = frame.contentDocument.documentElement;
  document.title = "widths " + root.scrollWidth + " " + root.clientWidth + " " + frame.contentWindow.innerWidth;
});
</script></body></html>"""


def chromium_args(chromium, profile, width, height=1200):
    return [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
            "--allow-file-access-from-files", "--user-data-dir=%s" % profile,
            "--window-size=%d,%d" % (max(width, 500), height)]


def stress_result():
    result = copy.deepcopy(SEED_RESULT)
    result["source"] = "/cases/" + "x" * 300 + ".tar.xz"
    result["host"] = result["memory_picture"]["hostname"] = "h" * 300
    events = []
    for _boot in range(3):  # three boots: the timestamps start again
        for i in range(14):
            event = copy.deepcopy(SEED_EVENT)
            event.update(timestamp=100.0 + 977.3 * i, suppressed=i % 4, line=i + 1)
            events.append(event)
    result["events"] = events
    return result


def wrapper(page, width, height):
    wrapped = page.parent / ("%s-in-%d.html" % (page.stem, width))
    wrapped.write_text(WRAPPER % (width, height, page.name))
    return wrapped


def measure(chromium, page, tmp_path, width):
    """(document scrollWidth, viewport clientWidth, window innerWidth) of ``page`` in a ``width``-px viewport."""
    completed = subprocess.run(chromium_args(chromium, tmp_path / ("profile-m%d" % width), width)
                               + ["--dump-dom", "file://%s" % wrapper(page, width, 1200)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    found = re.search(r"<title>widths (\d+) (\d+) (\d+)</title>", completed.stdout)
    assert found, completed.stdout[-2000:]
    return tuple(map(int, found.groups()))


def screenshot(chromium, page, tmp_path, width, height=3000):
    shot = tmp_path / ("%s-%d.png" % (page.stem, width))
    completed = subprocess.run(chromium_args(chromium, tmp_path / ("profile-s%d" % width), width, height)
                               + ["--screenshot=%s" % shot, "file://%s" % wrapper(page, width, height)],
                               capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and shot.stat().st_size > 1000, completed.stderr[-2000:]
    return shot


@pytest.fixture(scope="module")
def pages(pytestconfig, tmp_path_factory):
    from pagealloc.evaluate import evaluate_path

    tmp = tmp_path_factory.mktemp("html-layout")
    e100 = evaluate_path(os.path.join(examples_dir(pytestconfig), "sosreport-e100-rx-failure"))
    out = {}
    for name, result in (("e100", e100), ("stress", stress_result())):
        out[name] = tmp / ("%s.html" % name)
        out[name].write_text(render(result, "html"))
    assert "Shows " in out["stress"].read_text()  # the cut charts say so
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["e100", "stress"])
def test_nothing_overflows_the_viewport(pages, name, width, tmp_path):
    chromium = require_tool("chromium", "chromium-browser")
    document, viewport, window = measure(chromium, pages[name], tmp_path, width)
    assert viewport == window == width
    assert document == viewport, (name, width, document)  # nothing wider than the viewport
    shot = screenshot(chromium, pages[name], tmp_path, width)
    keep = os.environ.get("PAGEALLOC_SCREENSHOTS")  # a folder to keep them in, for a person to look at
    if keep:
        os.makedirs(keep, exist_ok=True)
        shutil.copy(shot, keep)


def test_the_measure_can_fail(tmp_path):
    """A page with a fixed 640-pixel chart (the old layout) overflows a 375-pixel viewport."""
    chromium = require_tool("chromium", "chromium-browser")
    page = tmp_path / "fixed.html"
    page.write_text('<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width, initial-scale=1">'
                    '</head><body><svg width="640" height="100"></svg></body></html>')
    document, viewport, _ = measure(chromium, page, tmp_path, 375)
    assert viewport == 375 and document > viewport  # 640 and the body's margin
