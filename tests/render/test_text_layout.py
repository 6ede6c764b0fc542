"""
Text output layout: every prose line fits the width (80 columns when not a
terminal), broken between words only; commands and URLs are never broken;
``width`` follows the terminal.  Checked on the golden outputs of the
bundled examples, the sample results, and generated results whose values
(host, task, driver names, zone names, notes) are random words and long
unbreakable tokens.
"""

import copy
import json
import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.render import render
from pagealloc.render.summary import build_view
from tests.render.sample_result import SEED_RESULT, healthy_result
from tests.render.test_remediation_paste import text_block

URL = re.compile(r"^\s*https://\S+$")


def unbreakable(line, tokens):
    """A line that is one URL, one word (with its indent or table label), or over-long only because of a
    token longer than the room: wrapping it would break a word."""
    words = line.split()
    return URL.match(line) or len(words) == 1 or (len(line) - len(line.lstrip()) > 20 and len(words) <= 1) \
        or any(len(t) > 40 and t in line for t in tokens)


def long_lines(text, width, tokens=()):
    commands = set(text_block(text).splitlines()) if "Fix: paste into a root shell" in text else set()
    return [line for line in text.split("\n")
            if len(line) > width and line not in commands and not unbreakable(line, tokens)]


def golden_texts(rootpath):
    folder = os.path.join(str(rootpath), "tests", "fixtures", "golden")
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name, "report.txt"), encoding="utf-8") as stream:
            yield name, stream.read()


def golden_commands(rootpath, name):
    """The collect-next commands of a golden result: shown as a commands block, never wrapped."""
    with open(os.path.join(str(rootpath), "tests", "fixtures", "golden", name, "report.json"), encoding="utf-8") as f:
        verdicts = json.load(f)["verdicts"]
    return {line for v in verdicts for c in (v.get("details") or {}).get("collect_next") or []
            for line in c["command"].splitlines()}


def test_every_prose_line_of_the_golden_text_fits_80_columns(pytestconfig):
    texts = dict(golden_texts(pytestconfig.rootpath))
    assert {"e100", "healthy"} <= set(texts)
    for name, text in texts.items():
        commands = golden_commands(pytestconfig.rootpath, name)
        long = [line for line in long_lines(text, 80) if line not in commands]
        assert not long, (name, long)


def test_the_sample_results_fit_80_and_other_widths():
    for result in (SEED_RESULT, healthy_result()):
        for width in (60, 80, 100, 132):
            text = render(result, "text", width=width)
            assert not long_lines(text, width), (width, long_lines(text, width))
    # a wider terminal gets longer lines: the headline takes one line at 132 columns
    assert render(SEED_RESULT, "text", width=132).split("\n")[1] == ""
    assert render(SEED_RESULT, "text").split("\n")[1] != ""


def test_no_word_is_broken():
    """Every word of the prose comes out whole: the text's words are the view's words."""
    text = render(SEED_RESULT, "text", width=40)
    view = build_view(SEED_RESULT)
    words = {w for part in view["sections"] for block in part["blocks"] if block["kind"] == "paragraph"
             for w in block["text"].split()}
    shown = set(text.split())
    assert words <= shown, words - shown


WORD = st.text(alphabet=st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=60)
VALUE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(host=VALUE, comm=WORD, driver=WORD, note=VALUE)
def test_any_values_keep_prose_within_80_columns(host, comm, driver, note):
    result = copy.deepcopy(SEED_RESULT)
    result["host"] = result["memory_picture"]["hostname"] = host
    event = result["events"][0]
    event["comm"], event["driver"] = comm, driver
    result["input"]["notes"] = [note]
    text = render(result, "text")
    tokens = (host + " " + comm + " " + driver + " " + note).split()
    assert not long_lines(text, 80, tokens), long_lines(text, 80, tokens)
