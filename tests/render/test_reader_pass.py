"""What a support engineer reading the page found (session 24's reader's pass), each as a test that
fails on the words it replaced: every figure labelled, no rule key as jargon, the notation of the
watermark replay said once, no "kernel: unknown" under a report that names it, and on a phone no
number parted from its unit nor a path cut mid-word."""

import copy
import re

from pagealloc.render import render
from pagealloc.render.findings import finding
from tests.render.sample_result import SEED_EVENT, SEED_RESULT, healthy_result
from tests.rules.inputs import said_verdict


def verdict(key, details, kind="fail"):
    return {"key": key, "type": kind, "details": details}


def test_a_sleeping_failure_labels_mask_order_and_task_and_counts_in_words():
    one = said_verdict(verdict("NON_ATOMIC_ALLOC_FAILURE", {"cause": "memory_pressure", "failures": {
        "count": 1, "gfp_masks": ["0xcc4"], "gfp_flags": ["GFP_KERNEL", "GFP_DMA32"], "orders": [0],
        "comms": ["swapper/0"]}}))
    assert one.startswith("Memory ran out: an allocation that may sleep failed even after reclaim")
    assert "1 page allocation failure with a mask that may sleep and reclaim (mask 0xcc4: " \
           "GFP_KERNEL|GFP_DMA32; order 0; task swapper/0)" in one
    two = said_verdict(verdict("NON_ATOMIC_ALLOC_FAILURE", {"cause": "fragmentation", "failures": {
        "count": 2, "gfp_masks": ["0xd0"], "orders": [3], "comms": []}}))
    assert two.startswith("Memory is too fragmented: allocations that may sleep failed even after reclaim")
    assert "2 page allocation failures with a mask that may sleep and reclaim (mask 0xd0; order 3)" in two


def test_no_rule_key_stands_in_a_sentence_as_jargon():
    text = said_verdict(verdict("NOWAIT_ALLOC_FAILURE", {"failures": {"count": 1, "orders": [0],
                                                                      "gfp_masks": ["0x800"]}}, "info"))
    assert not re.search(r"\b[A-Z]+_[A-Z_]+\b(?<!GFP_NOWAIT)", text.replace("__GFP_HIGH", "")), text
    assert 'shows it under "Memory held"' in text


def test_a_high_order_request_is_said_in_pages_and_bytes():
    text = said_verdict(verdict("HIGH_ORDER_ATOMIC_FAILURE", {"failures": {"count": 1, "orders": [9],
                                                                           "contexts": ["other"]}}))
    assert "the caller asked for 512 contiguous pages (order 9: 2 MiB with 4 kB pages)" in text
    assert "2^order" not in text
    two = said_verdict(verdict("HIGH_ORDER_ATOMIC_FAILURE", {"failures": {"count": 2, "orders": [1, 3]}}))
    assert "the caller asked for 2 or 8 contiguous pages (orders 1/3: 8 kB or 32 kB with 4 kB pages)" in two


def test_the_replay_notation_is_explained_once_where_it_is_shown():
    details = copy.deepcopy(SEED_RESULT["verdicts"][0]["details"])
    details["replay"] = {"verdict": "reserve_exhausted", "more_reserve_helps": True, "text": [
        "reserve_exhausted: DMA 248 <= 250 pages (min 31 -> 16 -> 12 + lowmem_reserve 238); "
        "Normal 179 <= 180 pages (min 477 -> 239 -> 180 + lowmem_reserve 0)"]}
    text = said_verdict(verdict("MIN_FREE_KBYTES_LOW_ATOMIC_RX", details))
    assert text.count("halved for a __GFP_HIGH request and cut by another quarter for an atomic one") == 1
    assert text.index("halved for") < text.index("report 1: DMA 248 <= 250 pages")
    del details["replay"]["text"]
    assert "halved for" not in said_verdict(verdict("MIN_FREE_KBYTES_LOW_ATOMIC_RX", details))


def plain_log_result(event_changes):
    """A plain log's result: no host data (every picture figure unknown), one report."""
    result = healthy_result()
    result["memory_picture"] = {"missing_inputs": ["uname", "meminfo"], "min_free_kbytes": {}}
    result["host"] = None
    result["events"] = [dict(copy.deepcopy(SEED_EVENT), **event_changes)]
    return result


def test_the_memory_picture_takes_host_and_kernel_from_this_hosts_reports():
    text = render(plain_log_result({"host": "prod-server", "kernel": "5.15.68-riscv"}), "text")
    assert re.search(r"host +prod-server \(from the failure report\)", text)
    assert re.search(r"kernel +5\.15\.68-riscv \(from the failure report\)", text)
    assert not re.search(r"Not known from this input: host, kernel", text)
    # another system's report says nothing about this host
    foreign = plain_log_result({"host": "db7", "kernel": "5.14.0", "match": {"role": "foreign"}})
    assert "db7 (from the failure report)" not in render(foreign, "text")
    assert "Not known from this input: host, kernel," in render(foreign, "text")


def test_html_keeps_numbers_with_units_and_breaks_paths_after_a_slash():
    result = copy.deepcopy(SEED_RESULT)
    html = render(result, "html")
    headline = re.search(r'<h1[^>]*>(.*?)</h1>', html).group(1)
    assert '<span class="nw">2038 kB</span>' in headline and '<span class="nw">8192 kB</span>' in headline
    paragraphs = " ".join(re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", html, re.S))
    bare = [m.group(0) for m in re.finditer(r'(?<!<span class="nw">)\b\d+ kB', paragraphs)]
    assert bare == []
    # a long path in a sentence may break after a separator (never mid-word on a phone)
    undecided = healthy_result()
    undecided["verdicts"] = [{"rule": "pagealloc.rules.min_free_kbytes_low_atomic_rx.report",
                              "key": "INSUFFICIENT_DATA", "type": "info",
                              "details": {"reason": "reserve_unknown", "failures": {"count": 1}, "missing_inputs": [
                                  "meminfo", "zoneinfo", "transparent_hugepage/enabled"]}, "content": "Cannot tell."}]
    html = render(undecided, "html")
    assert "/<wbr>sys/<wbr>kernel/<wbr>mm/<wbr>transparent_<wbr>hugepage/<wbr>enabled" in html
    # ... and a dotted name in a sentence stays whole: "vm.min_|free_kbytes" read as two words at 390 px
    sentences = " ".join(re.findall(r"<(?:p|li|h1)[^>]*>(.*?)</(?:p|li|h1)>", html, re.S))
    assert "vm.min_free_kbytes" in sentences and "vm.<wbr>min" not in sentences


def test_a_finding_without_its_orders_still_reads():
    found = finding(verdict("HIGH_ORDER_ATOMIC_FAILURE", {"failures": {"count": 1}}))
    assert "contiguous pages" in found["paragraphs"][0]


def test_every_column_of_the_zone_table_is_named():
    text = render(copy.deepcopy(SEED_RESULT), "text")
    header = next(line for line in text.splitlines() if "free kB" in line and "min kB" in line)
    assert header.split() == ["report", "zone", "free", "kB", "min", "kB", "state"]
    assert re.search(r"Normal +716 +1908 +below min", text)


def test_advice_two_findings_share_is_said_once_on_the_page():
    # Post 30 (two bare headers: a high-order atomic report without its trace, and a receive one): both
    # fragmentation findings advised background compaction in nearly the same words; now once, then a pointer.
    result = healthy_result()
    result["verdicts"] = [
        {"rule": "r", "key": "HIGH_ORDER_ATOMIC_FAILURE", "type": "fail", "details": {
            "failures": {"count": 1, "orders": [1]}, "advice": ["caller_fallback", "background_compaction"]}},
        {"rule": "r", "key": "HIGH_ORDER_ATOMIC_RX_FAILURE", "type": "fail", "details": {
            "failures": {"count": 1, "orders": [1]}, "advice": ["driver_rx_buffer_options", "compaction"]}}]
    page = " ".join(render(result, "text").split())
    assert page.count("an atomic request cannot compact for itself") == 1
    assert "- background compaction (kcompactd, 4.6+) ... (as above)" in page


def test_an_undecided_finding_never_says_the_release_is_missing_beside_reports_that_print_it():
    text = said_verdict(verdict("INSUFFICIENT_DATA", {"reason": "reserve_unknown", "failures": {
        "count": 2, "kernel": "3.10.0-1062.el7.x86_64", "contexts": ["network-rx"], "gfp_masks": ["0x20"]},
        "missing_inputs": ["uname", "meminfo", "zoneinfo"]}, "info"))
    assert "the running kernel release (uname -a; the reports were printed by 3.10.0-1062.el7.x86_64)" in text
    assert "Not collected: the kernel release (uname -a)" not in text
