"""
Every failure report found gets a verdict: no event kind, order, mask, path or role falls through.

The whole rule chain (every pagealloc rule, as ``pagealloc triage`` runs it) is run on
AllocFailures holding drawn events (hypothesis over the event's fields: kind, order, atomic,
mask, path, zone lines, an unusable header), and on the real posted reports of
tests/fixtures/posted/.  For each event, the rule its class names
(``pagealloc.knowledge.failure_summary.FAILURE_CLASSES``) or the catch-all FAILURE_REPORTS_FOUND
must answer with a finding (fail or info), never silence and never a pass alone.
"""

import glob
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from insights.core import dr

import tests
from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.evaluate import pagealloc_graph
from pagealloc.kernlog.event import CONTEXTS, KINDS, FailureEvent, ZoneWatermarks
from pagealloc.kernlog.parse import parse_file
from pagealloc.knowledge.failure_summary import FAILURE_CLASSES, failure_class, judging_rules
from pagealloc.render import render
from pagealloc.render.summary import build_view
from pagealloc.result import build_result
from tests.kernlog.test_metamorphic import PROPERTY_EXAMPLES

POSTED = sorted(glob.glob(os.path.join(os.path.dirname(tests.__file__), "fixtures", "posted", "*.txt")))
# Facts beside a finding: they never cover a report by themselves.
SIDE_KEYS = {"FAILURE_BURSTS", "MEMORY_HOLDERS", "RX_LOAD_AT_FAILURE", "KSWAPD_WAKES_LATE"}
CATCH_ALL = "failure_reports_found"
# Masks of every era (docs/log-formats.md): GFP_ATOMIC 2.6/3.x, 4.4, 4.18, 6.3; GFP_NOWAIT 6.x; GFP_KERNEL
# 3.x (0xd0 also reads 4.4-4.9's no-reclaim mask); GFP_KERNEL 5.1+; a 4.10 GFP_ATOMIC|__GFP_COMP.
MASKS = [None, "0x20", "0x4020", "0x2080020", "0x480020", "0x820", "0x800", "0xd0", "0xcc0", "0x1084020", "0x0"]


def alloc_failures(events):
    """AllocFailures as the combiner builds it, holding ``events`` (no log parsed)."""
    failures = AllocFailures.__new__(AllocFailures)
    failures.events, failures.total_reports, failures.suppressed = list(events), len(events), 0
    failures.sources, failures.truncated = ["/var/log/messages"], any(e.truncated for e in events)
    return failures


def run_chain(events):
    """The broker after every pagealloc component ran with ``events`` as the logs' failures."""
    graph = pagealloc_graph()
    broker = dr.Broker()
    broker[AllocFailures] = alloc_failures(events)
    return graph, dr.run(graph, broker=broker)


def responses(events):
    """{rule module: response} of every pagealloc rule run on ``events``."""
    graph, broker = run_chain(events)
    out = {}
    for component in graph:
        name = dr.get_name(component)
        if name.startswith("pagealloc.rules.") and component in broker and broker[component]:
            out[name.split(".")[2]] = broker[component]
    return out


def is_finding(response):
    return response.get("type") in ("rule", "info") and \
        (response.get("error_key") or response.get("info_key")) not in SIDE_KEYS


def uncovered(events):
    """The events no finding speaks for: their class's rule is silent or passes, and the catch-all
    does not list them."""
    said = responses(events)
    listed = {r["line"] for r in (said.get(CATCH_ALL) or {}).get("reports", [])}
    missing = []
    for event in events:
        if event.line in listed:
            continue
        if any(module in said and is_finding(said[module]) for module in judging_rules(event)):
            continue
        missing.append((event.line, event.kind, event.order, event.gfp_mask, event.atomic, event.context,
                        failure_class(event), sorted(said)))
    return missing


ZONE = ZoneWatermarks(node=None, zone="Normal", free_kb=716, min_kb=1908, low_kb=2384, high_kb=2860,
                      lowmem_reserve=[0, 0], present_kb=975104, managed_kb=None)


@st.composite
def drawn_event(draw, line):
    kind = draw(st.sampled_from(KINDS))
    mask = draw(st.sampled_from(MASKS))
    return FailureEvent(
        kind=kind, source="/var/log/messages", line=line, timestamp=draw(st.none() | st.floats(0, 1e6)),
        comm=draw(st.sampled_from([None, "swapper/0", "ksoftirqd/3", "kworker/u8:2", "java"])),
        kernel=draw(st.sampled_from([None, "2.6.32-5-686", "4.18.0-305.el8.x86_64", "6.8.0-45-generic"])),
        order=draw(st.none() | st.integers(0, 11)), gfp_mask=mask, atomic=draw(st.sampled_from([None, True, False])),
        context=draw(st.sampled_from(CONTEXTS)), zones=draw(st.sampled_from([[], [ZONE]])),
        truncated=draw(st.booleans()),
        unusable=draw(st.sampled_from([None, None, None, "order 99 is impossible (0-31)"])))


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_drawn_report_is_covered_by_a_verdict(data):
    events = [data.draw(drawn_event(line)) for line in range(1, data.draw(st.integers(1, 4)) + 1)]
    assert uncovered(events) == []


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn_event(1))
def test_a_single_report_never_gives_the_headline_no_problem_found(event):
    result = build_result(run_chain([event])[1], "x")
    # No log file stands behind the drawn events: leave out the "no kernel log was read" answer.
    result["verdicts"] = [v for v in result["verdicts"] if (v.get("details") or {}).get("reason") != "kernel_log_unread"]
    view = build_view(result)
    assert view["status"] in ("problem", "info") and not view["headline"].startswith("No problem found")
    for text in ("text", "markdown", "html", "json"):
        assert render(result, text)  # every format says it without a traceback


def test_every_combination_of_kind_order_atomic_and_path_has_a_class_or_the_catch_all():
    # The exhaustive walk the drawn tests sample: each combination through the full chain.
    for kind in KINDS:
        for order in (None, 0, 1, 9):
            for atomic in (None, True, False):
                for mask in ("0x20", "0x800", None):
                    events = [FailureEvent(kind=kind, line=i + 1, order=order, atomic=atomic, gfp_mask=mask,
                                           context=context, source="/var/log/messages")
                              for i, context in enumerate(CONTEXTS)]
                    assert uncovered(events) == [], (kind, order, atomic, mask)


def test_classes_do_not_overlap():
    for kind in KINDS:
        for order in (None, 0, 1):
            for atomic in (None, True, False):
                for mask in MASKS:
                    for context in CONTEXTS:
                        event = FailureEvent(kind=kind, order=order, atomic=atomic, gfp_mask=mask, context=context)
                        assert sum(1 for _, belongs, _ in FAILURE_CLASSES if belongs(event)) <= 1, event


def test_every_real_posted_report_is_covered():
    checked = 0
    for path in POSTED:
        events = parse_file(path).events
        assert uncovered(events) == [], os.path.basename(path)
        checked += len(events)
    assert checked >= 20  # 20 posts, at least one report each
