"""The metamorphic suite over the reports people really posted (tests/fixtures/posted): each excerpt,
reshaped once more the way mail, tickets and log tools reshape text, decodes to the same figures.

A posted excerpt is already reshaped by its poster (quoted, indented, wrapped, pasted with and without
its prefixes), so a second reshaping stacks a prefix on lines that carry mixed ones.  DIFFER lists the
(fixture, transform) cases that still decode differently, each with its reason; in those the reshaped
text loses reports (a header behind words with no report line after it is prose by issue 12's rule) or
a figure becomes unknown, it never decodes one to other figures.  The list is kept exact: a case that starts to pass must leave it.
"""

import os

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.test_metamorphic import TRANSFORMS, figures

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")
NAMES = sorted(name for name in os.listdir(POSTED) if name.endswith(".txt"))
DIFFER = {
    # Words (a shell prompt) before every line, and the quoted syslog header wrapped after "failure."
    # with its continuation carrying the prompt but not the quote: nothing after the header repeats
    # its prompt-and-quote framing, so it is a header behind words with no report line: prose.
    ("mail_2.6_quoted_syslog_header_wrapped.txt", "shell-prompt"),
    # Words (a shell prompt) before the three standalone "vmap allocation ... failed" lines, which no
    # report line follows: they could be a sentence quoting the message.  The vmalloc report after
    # them still decodes.
    ("openwrt_5.4_vmap_lines_then_vmalloc.txt", "shell-prompt"),
    # The logread prefix stacked on lines the poster indented by one blank leaves two blanks after
    # "kernel:", which the syslog reader takes for the start of the text: the task line behind the
    # uptime is not read, and the header printed no comm: comm unknown.
    ("dmesg_4.4_header_without_comm_lines_indented.txt", "logread"),
}
# A header line alone, with no log prefix and no report line after it, behind a quote, a box or a
# prompt: prose by issue 12's rule (a quoted header alone is not a report).
DIFFER |= {("qa_3.10_header_bracketed_comm.txt", transform)
           for transform in ("quote", "quote-2", "box", "shell-prompt", "quote-wrap-72-requoted")}
_ORIGINALS = {}


def _read(name):
    with open(os.path.join(POSTED, name), encoding="utf-8") as handle:
        return handle.read()


def _original(name):
    if name not in _ORIGINALS:
        _ORIGINALS[name] = figures(parse_text(_read(name)))
    return _ORIGINALS[name]


def _weaker(report, kept):
    """``report`` says what ``kept`` says, or nothing (None, "unknown") where it differs."""
    return all(mine == theirs or mine in (None, "unknown") for mine, theirs in zip(report, kept))


@pytest.mark.parametrize("transform", sorted(TRANSFORMS))
@pytest.mark.parametrize("name", NAMES)
def test_a_reshaped_posted_report_decodes_to_the_same_figures(name, transform):
    got = figures(parse_text(TRANSFORMS[transform](_read(name))))
    if (name, transform) in DIFFER:
        assert got != _original(name)  # still a listed difference
        # reports lost or figures unknown, none decoded to other figures
        assert all(any(_weaker(report, kept) for kept in _original(name)) for report in got)
    else:
        assert got == _original(name)


def test_the_listed_differences_name_existing_fixtures_and_transforms():
    assert all(name in NAMES and transform in TRANSFORMS for name, transform in DIFFER)
