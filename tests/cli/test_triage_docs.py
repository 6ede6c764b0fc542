"""
docs/triage.md's example outputs are what the current code prints: the test
regenerates every marked block (tools.docs_examples, the code
tools/regen_triage_docs.py runs) and compares.  docs/ is not installed; the
checkout is the pytest --rootdir that `make test` and CI pass, as for the
bundled examples.
"""

import difflib
import doctest
import os

import pytest

import tools.docs_examples
from tests.cli.triage_helpers import examples_dir
from tools.docs_examples import (
    GOLDEN_DIR,
    GOLDEN_EXAMPLES,
    begin_marker,
    end_marker,
    golden_outputs,
    regenerate,
)


@pytest.fixture(scope="module")
def checkout(pytestconfig):
    examples_dir(pytestconfig)  # fails with the reason when --rootdir is not the checkout
    return str(pytestconfig.rootpath)


def test_doc_examples():
    failed, _ = doctest.testmod(tools.docs_examples, optionflags=doctest.ELLIPSIS)
    assert failed == 0


def test_triage_md_examples_are_what_the_code_prints(checkout):
    with open(os.path.join(checkout, "docs", "triage.md"), encoding="utf-8") as stream:
        current = stream.read()
    fresh = regenerate(current, checkout)
    diff = "".join(difflib.unified_diff(current.splitlines(True), fresh.splitlines(True),
                                        "docs/triage.md", "what the code prints", n=1))
    assert fresh == current, ("docs/triage.md is out of date; run tools/regen_triage_docs.py\n" + diff[:6000])


def test_golden_output_of_every_format_is_what_the_code_prints(checkout):
    fresh = golden_outputs(checkout)
    # every format of every golden example (report.txt .md .html .json .yaml)
    assert len(fresh) == 5 * len(GOLDEN_EXAMPLES)
    stale = []
    for path, content in sorted(fresh.items()):
        try:
            with open(os.path.join(checkout, path), encoding="utf-8") as stream:
                current = stream.read()
        except FileNotFoundError:
            current = ""
        if current != content:
            stale.append("".join(difflib.unified_diff(current.splitlines(True), content.splitlines(True),
                                                      path, "what the code prints", n=1))[:3000])
    kept = {os.path.join(GOLDEN_DIR, name, f) for name in GOLDEN_EXAMPLES
            for f in os.listdir(os.path.join(checkout, GOLDEN_DIR, name))}
    assert not stale and kept == set(fresh), (
        "golden files are out of date; run tools/regen_triage_docs.py\n" + "\n".join(stale))


def test_a_missing_or_unknown_block_is_an_error(checkout):
    with pytest.raises(ValueError, match="missing: corrupt-archive, e100-json"):
        regenerate("no markers here\n", checkout)
    with pytest.raises(ValueError, match="unknown generated block 'e100-html'"):
        tools.docs_examples.replace_blocks(
            begin_marker("e100-html") + "\n" + end_marker("e100-html") + "\n", {})
