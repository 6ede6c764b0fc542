"""
The Why section's first sentence places the running vm.min_free_kbytes
against the kernel default: it calls the value "the kernel default" only when
it lies within the band the rule counts as at the default
(knowledge/recommendation.near_default_limit_kb, symmetric around it).
"""

import shutil

from hypothesis import given
from hypothesis import strategies as st

from pagealloc.evaluate import evaluate_path
from pagealloc.render import render
from pagealloc.render.findings import reserve_sentence


def test_a_running_value_below_the_default_is_not_called_the_default(examples_dir, tmp_path):
    # The e100 example (default 2038 kB computed from zoneinfo, +/- 12 kB) running 1500 kB.
    host = tmp_path / "sos"
    shutil.copytree(examples_dir + "/sosreport-e100-rx-failure", host)
    (host / "proc" / "sys" / "vm" / "min_free_kbytes").write_text("1500\n")
    text = render(evaluate_path(str(host)), "text", width=200)
    assert "vm.min_free_kbytes is 1500 kB, below the kernel default of 2038 kB for this host." in text
    assert "1500 kB, the kernel default" not in text


def test_the_example_at_its_default_still_says_so(examples_dir):
    text = render(evaluate_path(examples_dir + "/sosreport-e100-rx-failure"), "text", width=200)
    assert "vm.min_free_kbytes is 2038 kB, the kernel default for this host." in text


@given(st.integers(128, 262144), st.integers(0, 300000), st.integers(0, 5000))
def test_called_the_default_only_within_the_band(default, current, margin):
    limit = default + margin
    sentence = reserve_sentence({"current": current, "default": default, "near_default_limit_kb": limit})
    assert ("the kernel default for this host" in sentence) == (default - margin <= current <= limit), sentence
    assert ("below" in sentence) == (current < default - margin) and ("above" in sentence) == (current > limit)
