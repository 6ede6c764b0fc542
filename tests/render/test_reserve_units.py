"""Every reserve figure the persistence and remediation sentences name carries its unit ("sets 2038 kB",
"from 2038 kB to 4096 kB"), and text wrapping never parts the figure from it: drawn values through the
real findings and remediation notes, then the text renderer's own wrap at every width from 30 to 100."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.render.findings import finding
from pagealloc.render.remediation import remediation_notes
from pagealloc.render.text import wrap

# Distinct 6-7 digit figures: no line number, percentage or date of the sentences can equal one.
FIGURES = st.lists(st.integers(min_value=100000, max_value=9999999), min_size=5, max_size=5, unique=True)
NAMES = st.text(alphabet="abcdefghij-", min_size=1, max_size=30)


def persistence_verdicts(current, persisted, default, other, tuned, host_word):
    files = [{"path": "/etc/sysctl.d/90-%s.conf" % host_word, "line": 3, "value": str(persisted)},
             {"path": "/etc/sysctl.conf", "line": 7, "value": str(other)}]
    base = {"current": current, "default": default, "persisted_value": persisted,
            "winning_file": files[0]["path"], "files": files,
            "tuned": {"profile": "hpc-compute", "value": str(tuned), "overridden": True},
            "unread_tuned_profiles": ["throughput-performance"], "unchecked_setters": []}
    keys = ["MIN_FREE_KBYTES_NOT_PERSISTED", "MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED", "PERSISTED_VALUE_OVERRIDDEN",
            "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN"]
    return [{"key": key, "type": "fail", "details": base} for key in keys]


def said(found):
    parts = [found["headline"]] + [p for p in found["paragraphs"] if isinstance(p, str)] + list(found["items"])
    for p in found["paragraphs"]:
        if isinstance(p, list):
            parts += p
    return parts


def bare(figure, text):
    """Occurrences of ``figure`` not followed by its unit."""
    return [m.start() for m in re.finditer(r"(?<!\d)%d(?!\d)(?! kB)" % figure, text)]


@settings(max_examples=60, deadline=None)
@given(FIGURES, NAMES, st.integers(min_value=30, max_value=100))
def test_persistence_sentences_give_every_figure_its_unit_on_one_line(figures, host_word, width):
    current, persisted, default, other, tuned = figures
    for verdict in persistence_verdicts(current, persisted, default, other, tuned, host_word):
        for text in said(finding(verdict, host="host-" + host_word)):
            for figure in figures:
                assert not bare(figure, text), (verdict["key"], text)
            lines = wrap(text, width)
            for upper, lower in zip(lines, lines[1:]):
                assert not (re.search(r"\d$", upper) and lower.lstrip().startswith("kB")), (upper, lower)


@given(FIGURES)
def test_remediation_notes_give_the_conflicting_values_their_unit(figures):
    conflict, tuned = figures[:2]
    notes = remediation_notes({"conflicts": [{"path": "/etc/sysctl.conf", "value": str(conflict), "must_change": True}],
                               "unusable_settings": [],
                               "tuned": {"profile": "hpc-compute", "value": str(tuned), "conf_collected": True}})
    assert notes[0] == "/etc/sysctl.conf sets %d kB: change or remove it (applied last)" % conflict
    assert notes[1] == "TuneD profile hpc-compute sets %d kB: the new file overrides it" % tuned


def test_a_value_that_is_no_number_is_shown_as_written():
    # A rejected line's text ("4096k") is no kB figure: shown as the file wrote it, never "4096k kB".
    notes = remediation_notes({"conflicts": [{"path": "/etc/sysctl.conf", "value": "4096k", "must_change": True}],
                               "unusable_settings": [], "tuned": None})
    assert notes == ["/etc/sysctl.conf sets 4096k: change or remove it (applied last)"]
