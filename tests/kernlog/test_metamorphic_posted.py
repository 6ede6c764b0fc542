"""The metamorphic suite over the reports people really posted (tests/fixtures/posted): each excerpt,
reshaped once more the way mail, tickets and log tools reshape text, decodes to the same figures.

A posted excerpt is already reshaped by its poster (quoted, indented, wrapped, pasted with and without
its prefixes), so a second reshaping stacks a prefix on lines that carry mixed ones.  Every case keeps
its figures, the lone header lines of a Q&A post and a KB page too: issue 12's prose rule makes a header
prose inside a sentence or a list item, and a header line standing alone behind a quote, a box or a
prompt is the header-only report it is without them (pagealloc.kernlog.prose).
"""

import os

import pytest

from pagealloc.kernlog import quoted_printable
from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import TRANSFORMS, figures

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")
NAMES = sorted(name for name in os.listdir(POSTED) if name.endswith(".txt"))
# Each one's report is a header line with no report line after it (a Q&A post, a KB page quoting the line).
LONE_HEADER = ("qa_3.10_header_bracketed_comm.txt", "kb_2.6.16_sles10_title_without_comm.txt")
_ORIGINALS = {}


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
    assert figures(parse_text(TRANSFORMS[transform](_as_read(name)))) == _original(name)


@pytest.mark.parametrize("name", LONE_HEADER)
@pytest.mark.parametrize("item", ["- ", "* ", "1. ", "\u2022 "])
def test_the_lone_header_made_a_list_item_under_any_transform_is_prose(name, item):
    """The counterpart: the same line as a list item (the text around it unchanged) gives no event,
    however the post is reshaped afterwards (a header-only report stays one event, not a list's)."""
    lines = _as_read(name).split("\n")
    at = next(i for i, line in enumerate(lines) if ": page allocation failure" in line)
    lines[at] = item + lines[at]
    assert len(_original(name)) == 1
    for transform in TRANSFORMS.values():
        assert figures(parse_text(transform("\n".join(lines)))) == []
