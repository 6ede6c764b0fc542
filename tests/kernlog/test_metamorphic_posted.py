"""The metamorphic suite over the reports people really posted (tests/fixtures/posted): each excerpt,
reshaped once more the way mail, tickets and log tools reshape text, decodes to the same figures.

A posted excerpt is already reshaped by its poster (quoted, indented, wrapped, pasted with and without
its prefixes), so a second reshaping stacks a prefix on lines that carry mixed ones.  Every case keeps
its figures except where issue 12's prose rule decides otherwise: PROSE_BY_RULE lists those cases, and
the test asserts the rule's outcome there (the lone header gives no event), not a tolerated failure.
"""

import os

import pytest

from pagealloc.kernlog import quoted_printable
from pagealloc.kernlog.header import find_header
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import TRANSFORMS, figures

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")
NAMES = sorted(name for name in os.listdir(POSTED) if name.endswith(".txt"))
# Each fixture's one report is a header line with no report line after it (a Q&A post quoting the line).
# Unprefixed, a header on a line of its own stands alone (pre-filtered logs hold headers only).  Quoted,
# boxed or behind a prompt it stands behind signs or words with no syslog tag and no report line after
# it in that prefix: a quoted header alone is not a report (docs/log-formats.md, "Prose is told from
# reports by evidence"; test_recognition's quoted-header tests), so the reshaped post gives no event.
PROSE_BY_RULE = {(name, transform)
                 for name in ("qa_3.10_header_bracketed_comm.txt", "kb_2.6.16_sles10_title_without_comm.txt")
                 for transform in ("quote", "quote-2", "box", "shell-prompt", "quote-wrap-72-requoted")}
_ORIGINALS = {}
_NO = type("NoHeader", (), {"comm": None})


def _read(name):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return handle.read()


def _as_read(name):
    """The fixture as a reader sees it: a quoted-printable mail is decoded by the mail client before anyone
    quotes, indents or re-logs it (reshaping the encoded lines one by one would cut its soft breaks apart)."""
    raw = _read(name)
    data = raw.encode("utf-8")
    return quoted_printable.decode(data).decode("utf-8") if quoted_printable.looks_quoted_printable(data) else raw


def _original(name):
    if name not in _ORIGINALS:
        _ORIGINALS[name] = figures(parse_text(_read(name)))
    return _ORIGINALS[name]


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("name", NAMES)
def test_a_reshaped_posted_report_decodes_to_the_same_figures(name, transform):
    got = figures(parse_text(TRANSFORMS[transform](_as_read(name))))
    if (name, transform) in PROSE_BY_RULE:
        assert len(_original(name)) == 1 and got == []
    else:
        assert got == _original(name)


def test_the_prose_cases_are_a_lone_header_line_in_the_fixture():
    """What PROSE_BY_RULE rests on: the fixture's report is one header line, no report line after it."""
    assert all(name in NAMES and transform in TRANSFORMS for name, transform in PROSE_BY_RULE)
    for name in {name for name, _ in PROSE_BY_RULE}:
        lines = _read(name).split("\n")
        # (a header line printing a comm: a title without one, "page allocation failure. order: 2", is none)
        at = [i for i, line in enumerate(lines) if "page allocation failure" in line and (find_header(line) or _NO).comm]
        assert len(at) == 1 and not any(word in "\n".join(lines[at[0] + 1:]) for word in ("Call Trace", "CPU:", "Mem-Info"))
