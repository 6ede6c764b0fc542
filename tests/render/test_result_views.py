"""
The result's events and verdicts are read once into typed views (render/event_view.py,
render/verdict_view.py): each attribute reads the key the producers really write, and a result
with keys missing (read back from JSON, written by hand) still renders in every human format.
"""

import dataclasses
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.evaluate import evaluate_path
from pagealloc.render import render
from pagealloc.render.event_view import EventView, event_views
from pagealloc.render.verdict_view import verdict_views
from tests import CHECKOUT

E100 = os.path.join(CHECKOUT, "examples", "sosreport-e100-rx-failure")
_RESULT = {}


def e100_result():
    if not _RESULT:
        _RESULT.update(evaluate_path(E100))
    return _RESULT


def test_every_event_attribute_is_the_key_the_result_writes():
    # The e100 example: one order-0 GFP_ATOMIC report of e100 on its own host (kernel 2.6.32-5-686).
    events = e100_result()["events"]
    views = event_views(events)
    assert len(views) == len(events) == 1
    plain = {f.name for f in dataclasses.fields(EventView)} - {"zones", "match", "suppressed"}
    for event, view in zip(events, views):
        assert {name for name in plain if name not in event} == set()  # a renamed key fails here
        assert all(getattr(view, name) == event[name] for name in plain)
        assert view.suppressed == event["suppressed"]
        assert [(z.node, z.zone, z.free_kb, z.min_kb) for z in view.zones] == \
            [(z["node"], z["zone"], z["free_kb"], z["min_kb"]) for z in event["zones"]]
        match = event["match"]
        assert (view.match.role, view.match.host, view.match.kernel, list(view.match.reasons_in_words),
                view.match.boot_current, view.match.boots_after) == \
            (match["role"], match["host"], match["kernel"], match["reasons_in_words"],
             match["boot"]["current"], match["boot"]["boots_after"])
    assert views[0].kind == "page-allocation-failure" and views[0].order == 0 and views[0].atomic is True


def test_every_verdict_attribute_is_the_key_the_result_writes():
    verdicts = e100_result()["verdicts"]
    views = verdict_views(verdicts)
    assert [(v.key, v.type, v.rule) for v in views] == [(v["key"], v["type"], v["rule"]) for v in verdicts]
    fail = next(v for v in views if v.problem)
    raw = next(v for v in verdicts if v["type"] == "fail")
    assert fail.remediation == raw["details"]["remediation"] and "vm.min_free_kbytes=" in fail.remediation["runtime_command"]
    assert fail.links == raw["links"] and fail.content == raw["content"]
    assert list(fail.guidance_urls) == [g["url"] for g in raw["details"]["guidance"]["published"] if g.get("url")]


def _drop(data, keys):
    return {k: v for k, v in data.items() if k not in keys}


@settings(max_examples=25, deadline=None)
@given(event_keys=st.sets(st.sampled_from(sorted(EventView.__slots__))),
       verdict_keys=st.sets(st.sampled_from(["details", "content", "links", "rule"])),
       fmt=st.sampled_from(["text", "markdown", "html"]))
def test_a_result_with_keys_missing_still_renders(event_keys, verdict_keys, fmt):
    result = e100_result()
    partial = dict(result, events=[_drop(e, event_keys) for e in result["events"]],
                   verdicts=[_drop(v, verdict_keys) for v in result["verdicts"]])
    page = render(partial, fmt=fmt)
    # The headline still names the problem: the verdict's key and type are there.
    assert "sosreport-e100-rx-failure" in page
    assert ("Failure reports" in page) and ("Traceback" not in page)
