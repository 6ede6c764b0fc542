"""
Every code a rule can put in its details has its sentence: the recommendation
steps, the confidence reasons, the reasons, the replay verdicts and the
missing inputs.  The codes are found in the knowledge modules' source (the
string literals they emit), so a code added there without words fails here;
and no human format shows a code or a key outside its Details section.
"""

import doctest
import inspect
import json
import re

from hypothesis import given
from hypothesis import strategies as st

import pagealloc.render.findings
import pagealloc.render.findings_kernel
import pagealloc.render.wording
import pagealloc.rules
from pagealloc.knowledge import event_verdicts, recommendation, reserve_state, watermark_replay
from pagealloc.render import render
from pagealloc.render.wording import (
    CONFIDENCE,
    MISSING_INPUTS,
    RATIONALE,
    REPLAY_VERDICTS,
    missing_input_words,
)


def test_doc_examples():
    for module in (pagealloc.render.wording, pagealloc.render.findings, pagealloc.render.findings_kernel):
        failed, _ = doctest.testmod(module)
        assert failed == 0, module.__name__


def emitted(module, pattern):
    return set(re.findall(pattern, inspect.getsource(module)))


def test_every_rationale_code_has_its_sentence():
    codes = emitted(recommendation, r'"code": "(\w+)"') | emitted(recommendation, r'return "(\w+)"')
    assert codes and codes <= set(RATIONALE), codes - set(RATIONALE)


def test_every_confidence_reason_has_its_sentence():
    source = inspect.getsource(reserve_state.confidence_reasons)
    codes = set(re.findall(r'(?<!\[)"((?:default|current)_\w+)"', source)) | set(re.findall(r'reasons\.append\("(\w+)"\)', source))
    codes |= set(reserve_state.WEAK_REASONS) | {"watermark_replay_unavailable"}
    codes |= set(event_verdicts.EARLIER_REASONS.values())
    assert codes <= set(CONFIDENCE), codes - set(CONFIDENCE)


def test_every_replay_verdict_has_its_sentence():
    assert set(watermark_replay.VERDICTS) <= set(REPLAY_VERDICTS)


def test_every_missing_input_the_picture_names_has_words():
    source = "".join(inspect.getsource(__import__("pagealloc.combiners." + name, fromlist=["x"]))
                     for name in ("host_identity", "memory_zones", "min_free_reserve", "persisted_config"))
    names = set(re.findall(r'missing_inputs\.append\("([^"]+)"\)', source)) | set(reserve_state.PICTURE_INPUTS)
    assert names and all(missing_input_words(n) != n.replace("_", " ") or n in MISSING_INPUTS for n in names)
    assert all(n in MISSING_INPUTS for n in names), names - set(MISSING_INPUTS)


@given(default=st.integers(1, 10**6), mem_total=st.one_of(st.none(), st.integers(1, 2**34)),
       current=st.one_of(st.none(), st.integers(0, 10**6)))
def test_any_recommendation_is_said_without_a_code(default, mem_total, current):
    rec = recommendation.recommended_min_free_kbytes(default, mem_total, current)
    sentence = pagealloc.render.wording.rationale_sentence(rec.to_dict()["rationale"], default)
    assert sentence and "_" not in sentence and "unknown" not in sentence


def test_no_key_or_code_in_the_human_formats_before_the_details(examples_dir):
    from pagealloc.evaluate import evaluate_path

    result = evaluate_path(examples_dir + "/sosreport-e100-rx-failure")
    codes = {v["key"] for v in result["verdicts"]}
    fail = next(v for v in result["verdicts"] if v["type"] == "fail")
    codes |= {step["code"] for step in fail["details"]["recommendation"]["rationale"]}
    codes |= set(fail["details"]["confidence"]["reasons"])
    for fmt, details in (("text", "\nDetails\n"), ("markdown", "\n### Details\n"), ("html", '<section id="details">')):
        out = render(result, fmt)
        shown = out[:out.index(details)]
        assert not [c for c in codes if c in shown], (fmt, [c for c in codes if c in shown])
    assert codes <= set(re.findall(r"\w+", json.dumps(result)))  # JSON keeps them


def test_every_rule_key_is_worded_by_render_not_by_its_content():
    """The rules' CONTENT is insights-run's short form: every key a rule module returns has its own
    words in pagealloc.render.findings (a key without them would be shown with its CONTENT)."""
    import importlib
    import pkgutil

    keys = set()
    for info in pkgutil.iter_modules(pagealloc.rules.__path__):
        module = importlib.import_module("pagealloc.rules." + info.name)
        keys |= {value for name, value in vars(module).items() if name.endswith("_KEY") and isinstance(value, str)}
    assert len(keys) >= 20
    assert keys - set(pagealloc.render.findings.FINDINGS) == set()
