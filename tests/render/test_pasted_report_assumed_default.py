"""
A pasted receive report without its Mem-Info lines (the header and call trace
of the seed, what a forum post or a ticket often carries): the main rule
cannot tell whether vm.min_free_kbytes is the kernel default (INSUFFICIENT_DATA,
right), and every format says what the report shows (the classic atomic-receive
reserve exhaustion), the provisional value and its assumption, and the
commands that decide it on the host - commands that run when pasted.
"""

import re
import subprocess

import pytest

from pagealloc.evaluate import evaluate_path
from pagealloc.knowledge.collect_next import decide_reserve_commands
from pagealloc.render import html_report, markdown, text
from tests.rules.inputs import SEED_DMESG


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    # The seed's header and call trace (2.6.32-5-686, e100), cut before "Mem-Info:".
    lines = [line for line in SEED_DMESG.splitlines(True) if not line.startswith("#")]
    path = tmp_path_factory.mktemp("paste") / "ticket.txt"
    path.write_text("".join(lines[:lines.index(next(x for x in lines if "Mem-Info:" in x))]))
    return evaluate_path(str(path))


def the_verdict(result):
    [verdict] = [v for v in result["verdicts"] if v["key"] == "INSUFFICIENT_DATA"]
    return verdict


def test_the_verdict_stays_undecided_and_gains_the_commands(pasted):
    details = the_verdict(pasted)["details"]
    assert details["reason"] == "reserve_unknown" and details["provisional_recommendation"] is None
    assert details["provisional_policy"]["assumption"] == "current_is_kernel_default"
    assert [c["id"] for c in details["decide_commands"]] == ["running_value", "set_at_boot", "sosreport"]


def test_text_says_the_signature_the_provisional_value_and_what_to_run(pasted):
    page = text.render(pasted, width=80)
    head = page.split("\n\n")[0]
    # The headline says what to do and on what condition; never "not enough data" beside a signature it names.
    assert "raise vm.min_free_kbytes if it is still the kernel default" in " ".join(head.split())
    assert "not enough data" not in page
    flat = " ".join(page.split())
    assert "the classic signature of atomic receive reserve exhaustion" in flat
    assert "Provisional value: twice the running value, rounded up to a whole MiB" in flat
    assert "on the assumption that the running value is the kernel default" in flat
    # Each command at column 0, whole, on its own line: what is pasted is what runs.
    for command in decide_reserve_commands():
        for line in command["command"].split("\n"):
            assert "\n%s\n" % line in page
    assert all(len(line) <= 80 for line in page.splitlines() if "https://" not in line)


def test_markdown_and_html_carry_the_same_commands_as_a_block(pasted):
    lines = [line for c in decide_reserve_commands() for line in c["command"].split("\n")]
    assert "```sh\n%s\n```" % "\n".join(lines) in markdown.render(pasted)
    page = html_report.render(pasted)
    assert '<pre class="commands">%s</pre>' % "\n".join(lines) in page
    assert "classic signature of atomic receive reserve exhaustion" in page


def test_the_short_form_counts_and_names_the_first_command(pasted):
    content = the_verdict(pasted)["content"]
    assert content.startswith("1 order-0 atomic page allocation failure in the network receive path")
    assert "(s)" not in content and "sysctl vm.min_free_kbytes gives the running value" in content


def test_every_command_parses_in_a_shell_and_fits_a_terminal():
    for command in decide_reserve_commands():
        assert subprocess.run(["bash", "-n", "-c", command["command"]], capture_output=True).returncode == 0
        assert all(len(line) < 80 for line in command["command"].split("\n"))
        assert not re.search(r"[A-Z]{3,}", command["command"])  # no placeholder to fill in


def test_the_missing_inputs_are_listed_once_on_the_page(pasted):
    # The finding lists what the paste lacks; the memory picture below must not list it again.
    page = " ".join(text.render(pasted, width=80).split())
    assert page.count("/proc/zoneinfo") == 1 and "Also not collected" not in page
