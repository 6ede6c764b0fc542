"""
Tables in text and HTML: a text table wider than the terminal wraps its widest text column under
itself (never a number, the first column last), and an HTML cell keeps a number with its unit and
lets a long path or sysctl name break after a separator, so that a phone's narrow columns never
split "Normal" or "1589 2".
"""

from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import escape

from pagealloc.render import text
from pagealloc.render.html_page import table_cell

WORDS = st.text(alphabet="abcdefghij", min_size=1, max_size=12)
CELLS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)


def layout(header, rows, width, numeric=()):
    return text.table({"kind": "table", "header": header, "rows": rows, "caption": None, "numeric": tuple(numeric)},
                      width)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=2, max_value=4).flatmap(
    lambda n: st.lists(st.lists(CELLS, min_size=n, max_size=n), min_size=2, max_size=6)),
    st.integers(min_value=40, max_value=120))
def test_a_table_fits_the_width_and_keeps_every_word_in_its_column(grid, width):
    header, rows = grid[0], grid[1:]
    lines = layout(header, rows, width)
    longest_words = sum(max(len(w) for row in grid for w in row[i].split()) for i in range(len(header)))
    if longest_words + 2 * (len(header) - 1) + 2 <= width:
        assert all(len(line) <= width for line in lines), lines
    # Every word of every cell is printed, and nothing else.
    assert sorted(" ".join(lines).split()) == sorted(" ".join(" ".join(row) for row in grid).split())


def test_a_table_that_fits_is_laid_out_as_before():
    lines = layout(["report", "zone", "free kB"], [["1", "Normal", "716"]], 80, numeric=(0, 2))
    assert lines == ["  report  zone    free kB", "       1  Normal      716"]


def test_the_first_column_stays_whole_while_another_column_can_wrap():
    rows = [["Red Hat KB 4085851: drops under load", "20380 kB", "below (0.2x of its value, far below)"],
            ["AWS ENA guide: heavy traffic", "2546-7639 kB", "within (1.61% of MemTotal)"]]
    lines = layout(["published guidance", "for this host", "4096 kB is"], rows, 70)
    assert all(len(line) <= 70 for line in lines)
    assert lines[0].startswith("  published guidance                    for this host  4096 kB is")
    assert lines[1].startswith("  Red Hat KB 4085851: drops under load  20380 kB       below (0.2x")
    # the continuation line leaves the first columns blank: it cannot be read as another row
    assert lines[2].startswith(" " * (2 + len(rows[0][0]) + 2 + len("for this host") + 2) + "its value")


def test_numbers_never_wrap():
    lines = layout(["a", "b"], [["x " * 30, "123456789012"]], 40, numeric=(1,))
    assert sum("123456789012" in line for line in lines) == 1


def test_html_cell_keeps_a_number_with_its_unit_and_a_range_whole():
    assert str(table_cell("128-65536 kB")) == '<span class="nw">128-65536 kB</span>'
    assert str(table_cell("below 12732 kB")) == 'below <span class="nw">12732 kB</span>'
    assert str(table_cell("2.6.32-5-686")) == "2.6.32-5-686"  # a release is not a range


def test_html_cell_lets_a_long_name_break_after_its_separators_only():
    assert str(table_cell("vm.watermark_scale_factor")) == "vm.<wbr>watermark_<wbr>scale_<wbr>factor"
    assert str(table_cell("Normal")) == "Normal"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_html_cell_is_escaped_and_says_the_same_text(value):
    html = str(table_cell(value))
    stripped = html.replace('<span class="nw">', "").replace("</span>", "").replace("<wbr>", "")
    assert "<" not in stripped and ">" not in stripped
    assert stripped == str(escape(value))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(WORDS, st.integers(min_value=0, max_value=10 ** 9).map(lambda n: "%d kB" % n)),
                min_size=1, max_size=30).map(" ".join), st.integers(min_value=10, max_value=60))
def test_prose_never_parts_a_number_from_its_unit(prose, width):
    lines = text.wrap(prose, width)
    assert " ".join(lines).split() == prose.split()  # the same words, in order
    assert not any(line.endswith(tuple("0123456789")) and following.startswith("kB")
                   for line, following in zip(lines, lines[1:]))
