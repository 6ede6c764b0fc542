"""Session 25's reader's pass (posted and real pastes, examples, 390/1280 px screenshots): each test fails
on the words it replaced."""

import copy
import re

from pagealloc.render import render
from pagealloc.render.findings import finding, free_blocks_lines
from pagealloc.render.html_page import prose
from tests.render.sample_result import SEED_EVENT, healthy_result


def plain_log_result(event_changes, missing=("uname", "meminfo")):
    """A plain log's result: no host data (every picture figure unknown), one report."""
    result = healthy_result()
    result["memory_picture"] = {"missing_inputs": list(missing), "min_free_kbytes": {}}
    result["host"] = None
    result["events"] = [dict(copy.deepcopy(SEED_EVENT), **event_changes)]
    return result


def test_the_picture_never_says_the_kernel_release_is_missing_beside_the_reports_release():
    # Before: "kernel  6.2-generic-64k (from the failure report)" and, below it,
    # "Not collected: the kernel release (uname -a), ...".
    text = " ".join(render(plain_log_result({"kernel": "6.2-generic-64k"}), "text").split())
    assert "kernel 6.2-generic-64k (from the failure report)" in text
    assert "Not collected: the kernel release (uname -a)" not in text
    assert "the running kernel release (uname -a; the reports were printed by 6.2-generic-64k)" in text


def test_a_vmalloc_finding_names_the_task_and_says_why_the_reserve_is_not_it():
    # Before: "The vmalloc area or a large virtually contiguous request failed (systemd-udevd)."
    found = finding({"key": "VMALLOC_FAILURE", "type": "info",
                     "details": {"failures": {"count": 1, "comms": ["systemd-udevd"]}}})
    text = " ".join(found["paragraphs"])
    assert text.startswith("A vmalloc request (task systemd-udevd) failed: it asks for virtually contiguous")
    assert "changes neither" in text


def test_the_summary_says_no_atomic_count_for_vmalloc_reports_and_names_every_kind():
    result = plain_log_result({"kind": "vmalloc-failure", "atomic": None, "order": None})
    text = render(result, "text")
    assert re.search(r"reports +vmalloc failure \(1\)\n", text), text  # before: "vmalloc failure (1), 0 atomic"
    slab = render(plain_log_result({"kind": "slab-allocation-failure"}), "text")
    assert "slab-allocation-failure" not in slab and "slab allocation failure (no page report) (1)" in slab


def test_free_blocks_lines_give_the_time_a_unit_and_say_but_only_when_none_was_left():
    # Before: "at 7055.769591: zone DMA had 1968 kB free but 55 free blocks of order 1 or more".
    lines = free_blocks_lines([{"timestamp": 7055.769591, "order": 1, "zones": [
        {"zone": "DMA", "free_kb": 1968, "free_blocks_at_order": 55},
        {"zone": "Normal", "free_kb": 3196, "free_blocks_at_order": 0}]}])
    assert lines == ["at 7055.770 s after boot: zone DMA had 1968 kB free and 55 free blocks of order 1 or more",
                     "at 7055.770 s after boot: zone Normal had 3196 kB free but no free block of order 1 or more"]


def test_html_keeps_a_kernel_release_and_an_order_whole():
    # The 390 px screenshot broke "kernel 2.6.32-5-" / "686" after a hyphen.
    assert str(prose("(driver e100; kernel 2.6.32-5-686) on")) == \
        '(driver e100; kernel <span class="nw">2.6.32-5-686</span>) on'
    assert '<span class="nw">4.18.0-513.5.1.el8_9.x86_64</span>.' in str(prose("kernel 4.18.0-513.5.1.el8_9.x86_64."))
    assert '1 <span class="nw">order-0</span> atomic' in str(prose("1 order-0 atomic"))
    assert '<span class="nw">2032-2043 kB</span>' in str(prose("about 2032-2043 kB"))  # ranges as before


def test_several_failures_are_not_called_this_one():
    # Before: "2 order-0 atomic page allocation failures (...) on the network receive path: ... this one found
    # even that reserve empty."
    from pagealloc.render.findings import signature_sentence

    two = signature_sentence({"count": 2, "gfp_masks": ["0x20"], "contexts": ["network-rx"], "drivers": ["usbnet"]})
    assert "this one" not in two and "each found even that reserve empty" in two
    one = signature_sentence({"count": 1, "gfp_masks": ["0x20"], "contexts": ["storage"]})
    assert "and this one found even that reserve empty" in one


def test_the_kernel_default_guidance_row_says_bounds_in_words():
    # Before: "within (clamp upstream < 5.7)" in the published-guidance table.
    from pagealloc.knowledge.published_guidance import guidance_block

    rows = guidance_block(4096, 2038, 2038, 254668, "2.6.32-5-686")
    detail = [r for r in rows["published"] if r["id"] == "kernel_default_clamp"][0]["detail"]
    assert detail == "the bounds of the kernel's default: upstream before 5.7"


def test_a_silent_receive_finding_shows_every_counter_the_total_and_how_to_recheck(examples_dir):
    # The mlx5 example: PFMemallocDrop 18233 and the total 19523 were in the JSON only; the per-ring counters
    # stood beside the device total as if to be added; "collect twice" came without the commands.
    import os

    from pagealloc.evaluate import evaluate_path

    page = render(evaluate_path(os.path.join(examples_dir, "sosreport-mlx5-silent-rx")), "text")
    flat = " ".join(page.split())
    assert "19523 receive allocation failures the kernel never logged: TcpExt PFMemallocDrop 18233" in flat
    assert "ens1f0 (mlx5): rx_buff_alloc_err 1290 in all; per queue, its parts: rx0_buff_alloc_err 611" in flat
    assert "\nnstat -az TcpExtPFMemallocDrop; sleep 60; nstat -az TcpExtPFMemallocDrop\n" in page
    assert "\nethtool -S ens1f0 | grep -iE 'alloc|no_memory|oom'\n" in page
    assert "Confidence medium: counters alone" in flat


def test_a_high_order_receive_failure_says_how_much_contiguous_memory():
    found = finding({"key": "HIGH_ORDER_ATOMIC_RX_FAILURE", "type": "fail",
                     "details": {"failures": {"count": 1, "orders": [1], "comms": ["lt-iperf3"]}}})
    assert "the driver asked for 2 contiguous pages (order 1: 8 kB with 4 kB pages)" in found["paragraphs"][0]


def test_reports_on_two_paths_are_not_all_put_on_the_receive_path():
    # posted jira_3.10: one report on the receive path, one whose trace was lost; before: "2 order-0 atomic page
    # allocation failures (...) on the network receive path".
    from pagealloc.render.findings import signature_sentence

    text = signature_sentence({"count": 2, "gfp_masks": ["0x20"], "contexts": ["network-rx", "unknown"]})
    assert "on the network receive path (and on a path the report does not show):" in text


def test_the_counter_command_has_no_placeholder_when_the_input_names_no_interface():
    # The seed's dmesg alone: "ethtool -S IFACE | grep ..." failed when pasted (no interface IFACE).
    import subprocess

    from pagealloc.knowledge.collect_next import collect_next_commands

    [command] = [c["command"] for c in collect_next_commands("2.6.32-5-686", []) if c["id"] == "ethtool_alloc"]
    assert "IFACE" not in command and all(len(line) < 80 for line in command.split("\n"))
    assert subprocess.run(["sh", "-n", "-c", command]).returncode == 0
    # and it runs: one "name:" line per interface of this machine (ethtool missing or not, no syntax error)
    out = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=30)
    assert "lo:" in out.stdout.split("\n")
