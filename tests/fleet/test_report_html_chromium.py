"""
The fleet report's HTML on a phone (390 px) and a desktop (1280 px), laid out by headless Chromium:
nothing is wider than the viewport, no table is wider than its box (a table scrolls inside itself
rather than push the page), and no word in a table cell is cut across two lines (a line may end after
a hyphen or where the page offers a break: after a path's separator, a rule key's underscore) (at 390 px the
history's seven columns had shrunk to a letter each: "a|p|p|1", "fai|lur|es").  The report is a
week of history with long host names, a 5.14 kernel, three drivers, a rule key, long archive paths
and errors.  A control page with the cells' word rule removed shows that the check can fail.
PAGEALLOC_SCREENSHOTS=DIR keeps the screenshots for a person to look at.
"""

import os
import re
import shutil
import subprocess

import pytest

from pagealloc.cli import main
from pagealloc.fleet.record import error_record
from tests.cli.test_html_layout_chromium import chromium_args, screenshot
from tests.cli.triage_helpers import require_tool
from tests.fleet.test_history import night, write_jsonl
from tests.fleet.test_report import RECORDS, failing

WIDTHS = (390, 1280)
# The wrapper (a page of its own, the report forbids scripts) lays the report out in an iframe of the
# exact width and writes into its title: the document's scroll and client widths, the tables wider
# than their box, and the words of table cells that take more than one line box (cut).
WRAPPER = """<!DOCTYPE html><html><head><style>body{margin:0}iframe{border:0;width:%dpx;height:%dpx}</style>
</head><body><iframe id="report" src="%s"></iframe><script>
window.addEventListener("load", function () {
  var d = document.getElementById("report").contentDocument, root = d.documentElement, wide = [], cut = [];
  d.querySelectorAll("table").forEach(function (t, i) { if (t.scrollWidth > t.clientWidth) wide.push(i); });
  d.querySelectorAll("td, th").forEach(function (cell) {
    var walk = d.createTreeWalker(cell, NodeFilter.SHOW_TEXT), node;
    while ((node = walk.nextNode())) {
      var re = /[^\\s-]+-?/g, m;  // a line may end after a hyphen
      while ((m = re.exec(node.data))) {
        var r = d.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
        var tops = {}; Array.prototype.forEach.call(r.getClientRects(), function (b) { tops[Math.round(b.top)] = 1; });
        if (Object.keys(tops).length > 1) cut.push(m[0]);
      }
    }
  });
  document.title = "layout " + root.scrollWidth + " " + root.clientWidth + " wide[" + wide.join(",") + "] cut["
                   + cut.join("|") + "]";
});
</script></body></html>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fleet-html")
    db = str(tmp / "history.sqlite")
    for day in range(24, 31):
        results = write_jsonl(tmp / ("night-%d.jsonl" % day), night(day, fixed_web1=day >= 27, db2_fails=day >= 29))
        assert main(["fleet", "record", results, "--db", db, "--at", "2026-11-%02dT02:30:00Z" % day]) == 0
    nightly = "/srv/nightly/2026-11-30/sosreport-%s-2026-11-30-abcdef.tar.xz"
    records = RECORDS + [
        failing(nightly % "appserver-prod-eu-west-07", "appserver-prod-eu-west-07.example.com", 67584, 67584,
                135168, 12345, ["mlx5_core", "ixgbe", "i40e"], "5.14.0-427.13.1.el9_4.x86_64"),
        error_record(nightly % "dbserver-prod-eu-west-12", "analysis exceeded 600 s and was stopped"),
        error_record(nightly % "x", "not a sosreport, insights archive or kernel log (no sos_commands/ folder)")]
    results = write_jsonl(tmp / "now.jsonl", records + night(30, fixed_web1=True, db2_fails=True))
    out = tmp / "fleet.html"
    assert main(["fleet", "report", results, "--db", db, "--format", "html", "-o", str(out)]) == 0
    assert "<h2>History</h2>" in out.read_text()
    return out


def layout(chromium, page, tmp_path, width):
    """(scrollWidth, clientWidth, tables wider than their box, words cut) of ``page`` at ``width`` px."""
    wrapped = page.parent / ("%s-layout-%d.html" % (page.stem, width))
    wrapped.write_text(WRAPPER % (width, 1200, page.name))
    completed = subprocess.run(chromium_args(chromium, tmp_path / ("profile-%d" % width), width)
                               + ["--dump-dom", "file://%s" % wrapped], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    found = re.search(r"<title>layout (\d+) (\d+) wide\[([\d,]*)\] cut\[(.*?)\]</title>", completed.stdout, re.S)
    assert found, completed.stdout[-2000:]
    return int(found[1]), int(found[2]), found[3], found[4]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_fleet_report_fits_and_keeps_words_whole(page, tmp_path, width):
    chromium = require_tool("chromium", "chromium-browser")
    document, viewport, wide, cut = layout(chromium, page, tmp_path, width)
    assert (document, wide, cut) == (viewport, "", ""), (width, document, viewport, wide, cut)
    shot = screenshot(chromium, page, tmp_path, width, height=4000)
    keep = os.environ.get("PAGEALLOC_SCREENSHOTS")
    if keep:
        os.makedirs(keep, exist_ok=True)
        shutil.copy(shot, os.path.join(keep, "fleet-%d.png" % width))


def test_the_check_can_fail(page, tmp_path):
    """Without the cells' rule (td,th{overflow-wrap:break-word}) the base lets words break anywhere."""
    chromium = require_tool("chromium", "chromium-browser")
    control = page.parent / "control.html"
    control.write_text(page.read_text().replace("td,th{overflow-wrap:break-word}", ""))
    _, _, _, cut = layout(chromium, control, tmp_path, 390)
    assert cut
