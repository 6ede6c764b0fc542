"""slabtop -o: a real procps-ng 4.0.2 capture (kernel 6.18) and the shapes other versions and locales print."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import slabtop
from pagealloc.parsers.slabtop import Slabtop
from tests.parsers.fixtures import docstring_sample, fixture_text

PATH = "/sos_commands/memory/slabtop_-o"


def test_doc_examples():
    globs = {"slabtop": Slabtop(context_wrap(docstring_sample(slabtop), path=PATH))}
    failed, _ = doctest.testmod(slabtop, globs=globs)
    assert failed == 0


def test_real_capture_every_row_read_and_largest_by_cache_size():
    parsed = Slabtop(context_wrap(fixture_text("memory", "slabtop_-o_procps-ng-4.0.2_6.18.txt"), path=PATH))
    # 242 lines: 5 summary lines, a blank, the header, 235 caches ("Active / Total Caches ... / 235").
    assert len(parsed.caches) == 235 and parsed.skipped == 0
    assert parsed.total_size_kb == 644896  # "635542.20K / 644896.65K"
    # The rows are sorted by objects (buffer_head first); by CACHE SIZE ext4_inode_cache leads.
    assert parsed.caches[0]["name"] == "buffer_head"
    assert [(c["name"], c["cache_kb"]) for c in parsed.largest(3)] == [
        ("ext4_inode_cache", 282480), ("buffer_head", 141604), ("dentry", 87888)]


def test_decimal_comma_locale_and_a_cut_row():
    # procps 3.3 under a German locale prints "0,10K"; the last row was cut by the collection.
    text = """ Active / Total Size (% used)       : 115103,39K / 135776,88K (84,8%)

  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME
162825  162299  99%    0,10K   4175       39     16700K buffer_head
121296 121296 100%    0.48K  15162        8     60648K ext3_inode_cache
 64779  47350  73%    0.28K
"""
    parsed = Slabtop(context_wrap(text, path=PATH))
    assert [(c["name"], c["objsize_kb"], c["cache_kb"]) for c in parsed.caches] == [
        ("buffer_head", 0.1, 16700), ("ext3_inode_cache", 0.48, 60648)]
    assert parsed.total_size_kb == 135776 and parsed.skipped == 1


def test_output_without_the_table_is_skipped_not_guessed():
    with pytest.raises(SkipComponent):
        Slabtop(context_wrap("fopen /proc/slabinfo: Permission denied\n", path=PATH))
