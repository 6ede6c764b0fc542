"""
RESERVE_NOT_SHOWN_EXHAUSTED when the replay leaves the kernel's zone test open (s26-verdict): the text
says why the numbers decide nothing and claims no more.  Before, every such page said "a larger
vm.min_free_kbytes would not have let the allocation succeed" and, whatever the reason, "a zone lies
within the per-cpu counter drift of its floor, or lines are missing".
"""

import os

from pagealloc.evaluate import evaluate_path
from pagealloc.render import render

POSTED = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures", "posted")


def page(name):
    text = render(evaluate_path(os.path.join(POSTED, name)), "text", width=80)
    return " ".join(text.split())


def test_a_margin_inside_the_drift_is_said_as_such():
    # Jaewon Kim's 4.19 Binder report: Normal 2549 usable pages against a floor of 581, drift bound 9549.
    text = page(os.path.join("..", "rules", "mail_4.19_android_binder_atomic_free_above_min.txt"))
    assert text.startswith("Page allocation failures that the reports do not show a larger reserve would fix")
    assert "a zone stood above its floor by no more than the per-cpu counter drift" in text
    assert "would not have let the allocation succeed" not in text


def test_an_unknown_boost_rule_is_said_as_such():
    # The Ingenic 5.8 stmmac report without its release: 453 free pages, floor 513 with the boost, 131 without.
    text = page("mail_5.8_mips_qp_stmmac_hidden_boost.txt")
    assert "a zone passes if the kernel ignored the watermark boost for this request and fails if not" in text
    assert "(boost 1021 ignored, not printed: min > 4 x (low - min))" in text
    assert "would not have let the allocation succeed" not in text


def test_a_decided_replay_keeps_its_verdict_and_advice():
    # The i.MX fec report whose free pages were CMA pages: decided, so the advice is given.
    text = page("mail_3.10_quoted_player_status_glued_fec.txt")
    assert text.startswith("Page allocation failures that a larger reserve would not fix: the zones' free pages "
                           "were CMA pages")
    assert "Look at the CMA size (cma= or the device tree)" in text
