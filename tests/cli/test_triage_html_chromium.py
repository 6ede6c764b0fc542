"""
The HTML report in a real browser (Debian's headless chromium): the verdict
is shown, and markup planted in the archive (host name, task name, the
sosreport's folder name) is shown as text and never runs, with and without
the report's Content-Security-Policy (so the escaping alone is tested too).
A control page with the same payload unescaped proves the browser would
have shown an execution.
"""

import os
import shutil
import subprocess

import pytest

from tests.cli.triage_helpers import examples_dir, require_tool, run_triage
from tests.render.html_text import without_soft_markup

# No dots: the insights-core Hostname parser cuts the name at the first dot.
HOST_PAYLOAD = "<img/src=x/onerror=document['title']='pwned-host'>"
DIR_PAYLOAD = "<img src=x onerror=document.title='pwned-dir'>"
COMM_PAYLOAD = "<i>evilcomm</i>"  # a task name is at most 15 characters (TASK_COMM_LEN)
# The headline names the host: the payload must be there as text, and the title must be exactly it
# (a payload that ran would have set the title to "pwned-host").
HEADLINE = ("Network receive ran out of atomic memory reserve on %s: raise vm.min_free_kbytes from 2038 kB to 4096 kB"
            % HOST_PAYLOAD.replace("<", "&lt;").replace(">", "&gt;"))


def dump_dom(chromium, page, tmp_path):
    profile = tmp_path / ("profile-" + os.path.basename(page))
    completed = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync", "--user-data-dir=%s" % profile,
         "--dump-dom", "file://" + str(page)], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


@pytest.fixture(scope="module")
def hostile_report(pytestconfig, tmp_path_factory):
    """triage --format html on the e100 example with markup planted where the archive controls text."""
    tmp = tmp_path_factory.mktemp("hostile")
    tree = shutil.copytree(os.path.join(examples_dir(pytestconfig), "sosreport-e100-rx-failure"),
                           tmp / DIR_PAYLOAD, symlinks=True)
    for name in ("etc/hostname", "sos_commands/host/hostname", "sos_commands/host/hostname_-f"):
        (tree / name).write_text(HOST_PAYLOAD + "\n")
    for log in ("sos_commands/kernel/dmesg", "var/log/messages"):
        text = (tree / log).read_text()
        (tree / log).write_text(text.replace("swapper: page allocation failure", COMM_PAYLOAD + ": page allocation failure")
                                .replace("comm: swapper", "comm: " + COMM_PAYLOAD))
    page = tmp / "report.html"
    completed = run_triage(tree, "--format", "html", "--output", page)
    assert completed.returncode == 1, completed.stderr
    html = page.read_text()
    assert "&lt;i&gt;evilcomm&lt;/i&gt;" in html, "the planted task name must reach the report"
    return page


def test_browser_shows_the_verdict_and_runs_no_planted_markup(hostile_report, tmp_path):
    chromium = require_tool("chromium", "chromium-browser")
    dom = dump_dom(chromium, hostile_report, tmp_path)
    assert "<title>pagealloc: %s</title>" % HEADLINE in dom
    assert 'id="verdict">%s</h1>' % HEADLINE in without_soft_markup(dom)
    assert "<i>evilcomm</i>" not in dom and "&lt;i&gt;evilcomm&lt;/i&gt;" in dom
    assert "<img" not in dom


def test_escaping_alone_holds_without_the_content_security_policy(hostile_report, tmp_path):
    chromium = require_tool("chromium", "chromium-browser")
    page = tmp_path / "no-csp.html"
    html = hostile_report.read_text()
    start = html.index('<meta http-equiv="Content-Security-Policy"')
    page.write_text(html[:start] + html[html.index(">", start) + 1:])
    dom = dump_dom(chromium, page, tmp_path)
    assert "<title>pagealloc: %s</title>" % HEADLINE in dom
    assert "<img" not in dom


def test_control_unescaped_payload_does_run(tmp_path):
    """The check above can fail: the same payload, unescaped, changes the title."""
    chromium = require_tool("chromium", "chromium-browser")
    page = tmp_path / "control.html"
    page.write_text("<!DOCTYPE html><html><head><title>pagealloc</title></head><body>%s</body></html>" % DIR_PAYLOAD)
    dom = dump_dom(chromium, page, tmp_path)
    assert "<title>pwned-dir</title>" in dom
