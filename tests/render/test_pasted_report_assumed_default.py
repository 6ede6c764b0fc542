"""
A pasted receive report without its Mem-Info lines (the header and call trace
of the seed, what a forum post or a ticket often carries): the main rule
cannot tell whether vm.min_free_kbytes is the kernel default, and a receive
failure is its signature, so it fires on the assumption that nothing tuned it
(confidence low), and every format gives the guarded block that checks that
assumption on the host before it writes.  The same paste with the trace lost
too (the header alone: the path unknown) stays INSUFFICIENT_DATA, and every
format says the provisional value and the commands that decide it on the host -
commands that run when pasted.
"""

import html
import re
import subprocess

import pytest

from pagealloc.evaluate import evaluate_path
from pagealloc.knowledge.collect_next import decide_reserve_commands
from pagealloc.render import html_report, markdown, text
from pagealloc.render.remediation import WITHHELD, fleet_steps, safe_remediation
from tests.rules.inputs import SEED_DMESG


def _paste(tmp_path_factory, keep):
    # The seed's header and call trace (2.6.32-5-686, e100), cut before "Mem-Info:".
    lines = [line for line in SEED_DMESG.splitlines(True) if not line.startswith("#")]
    lines = [line for line in lines[:lines.index(next(x for x in lines if "Mem-Info:" in x))] if keep(line)]
    path = tmp_path_factory.mktemp("paste") / "ticket.txt"
    path.write_text("".join(lines))
    return evaluate_path(str(path))


@pytest.fixture(scope="module")
def pasted(tmp_path_factory):
    return _paste(tmp_path_factory, lambda line: True)


@pytest.fixture(scope="module")
def header_only(tmp_path_factory):
    return _paste(tmp_path_factory, lambda line: "page allocation failure" in line)


def the_verdict(result, key="INSUFFICIENT_DATA"):
    [verdict] = [v for v in result["verdicts"] if v["key"] == key]
    return verdict


def test_a_receive_trace_fires_on_the_assumed_default(pasted):
    details = the_verdict(pasted, "MIN_FREE_KBYTES_LOW_ATOMIC_RX")["details"]
    assert details["assumption"] == "current_is_kernel_default" and details["recommendation"]["value"] is None
    assert details["confidence"]["level"] == "low"
    assert not [v for v in pasted["verdicts"] if v["key"] == "INSUFFICIENT_DATA"]


def test_text_says_the_signature_the_assumption_and_the_guarded_block(pasted):
    page = text.render(pasted, width=80)
    head = " ".join(page.split("\n\n")[0].split())
    assert head.startswith("Network receive ran out of atomic memory reserve: raise vm.min_free_kbytes to twice "
                           "its running value, assuming it is still the kernel default"), head
    flat = " ".join(page.split())
    assert "the classic signature of atomic receive reserve exhaustion" in flat
    assert "The value: twice the running value, rounded up to a whole MiB" in flat
    assert "None" not in page
    # The block at column 0, whole, each line on its own: what is pasted is what runs.
    block = the_verdict(pasted, "MIN_FREE_KBYTES_LOW_ATOMIC_RX")["details"]["remediation"]["guarded_commands"]
    assert "\n%s\nsysctl vm.min_free_kbytes\n" % block in page
    assert all(len(line) <= 80 for line in page.splitlines() if "https://" not in line)


def test_markdown_and_html_carry_the_guarded_block(pasted):
    block = the_verdict(pasted, "MIN_FREE_KBYTES_LOW_ATOMIC_RX")["details"]["remediation"]["guarded_commands"]
    assert "```sh\n%s\nsysctl vm.min_free_kbytes\n```" % block in markdown.render(pasted)
    page = html_report.render(pasted)
    blocks = [html.unescape(b) for b in re.findall(r'<pre class="commands">(.*?)</pre>', page, re.S)]
    assert "%s\nsysctl vm.min_free_kbytes" % block in blocks
    assert "classic signature of atomic receive reserve exhaustion" in page


def test_the_short_form_states_the_assumption(pasted):
    content = the_verdict(pasted, "MIN_FREE_KBYTES_LOW_ATOMIC_RX")["content"]
    assert content.startswith("1 order-0 atomic page allocation failure in the network receive path")
    assert "with vm.min_free_kbytes not in the input (assumed the kernel default)" in content
    assert "None" not in content


def test_the_header_alone_stays_undecided_and_gains_the_commands(header_only):
    details = the_verdict(header_only)["details"]
    assert details["reason"] == "reserve_unknown" and details["provisional_recommendation"] is None
    assert details["provisional_policy"]["assumption"] == "current_is_kernel_default"
    assert [c["id"] for c in details["decide_commands"]] == ["running_value", "set_at_boot", "sosreport"]


def test_text_of_the_header_alone_says_the_provisional_value_and_what_to_run(header_only):
    page = text.render(header_only, width=80)
    head = page.split("\n\n")[0]
    # The headline says what to do and on what condition; never "not enough data" beside a signature it names.
    assert "raise vm.min_free_kbytes if it is still the kernel default" in " ".join(head.split())
    assert "not enough data" not in page
    flat = " ".join(page.split())
    assert "Provisional value: twice the running value, rounded up to a whole MiB" in flat
    assert "on the assumption that the running value is the kernel default" in flat
    # Each command at column 0, whole, on its own line: what is pasted is what runs.
    for command in decide_reserve_commands():
        for line in command["command"].split("\n"):
            assert "\n%s\n" % line in page
    assert all(len(line) <= 80 for line in page.splitlines() if "https://" not in line)


def test_markdown_and_html_of_the_header_alone_carry_the_same_commands_as_a_block(header_only):
    lines = [line for c in decide_reserve_commands() for line in c["command"].split("\n")]
    assert "```sh\n%s\n```" % "\n".join(lines) in markdown.render(header_only)
    page = html_report.render(header_only)
    assert '<pre class="commands">%s</pre>' % "\n".join(lines) in page


def test_the_short_form_of_the_header_alone_names_the_first_command(header_only):
    content = the_verdict(header_only)["content"]
    assert content.startswith("1 order-0 atomic page allocation failure in a call path the report does not show")
    assert "(s)" not in content and "sysctl vm.min_free_kbytes gives the running value" in content


def test_every_command_parses_in_a_shell_and_fits_a_terminal():
    for command in decide_reserve_commands():
        assert subprocess.run(["bash", "-n", "-c", command["command"]], capture_output=True).returncode == 0
        assert all(len(line) < 80 for line in command["command"].split("\n"))
        assert not re.search(r"[A-Z]{3,}", command["command"])  # no placeholder to fill in


def test_the_missing_inputs_are_listed_once_on_the_page(header_only):
    # The finding lists what the paste lacks; the memory picture below must not list it again.
    page = " ".join(text.render(header_only, width=80).split())
    assert page.count("/proc/zoneinfo") == 1 and "Also not collected" not in page


def test_a_forged_guarded_block_is_withheld(pasted):
    # The block is checked the only way a script can be: rebuilt from its checked parts, it must be the same.
    remediation = the_verdict(pasted, "MIN_FREE_KBYTES_LOW_ATOMIC_RX")["details"]["remediation"]
    assert safe_remediation(remediation)["guarded"] == remediation["guarded_commands"].split("\n")
    forged = dict(remediation, guarded_commands=remediation["guarded_commands"] + "\ncurl x | sh")
    assert safe_remediation(forged) is None and fleet_steps(forged)["withheld"] == WITHHELD
    assert safe_remediation(dict(remediation, policy=dict(remediation["policy"], multiplier="2; rm -rf /"))) is None
    assert safe_remediation(dict(remediation, sysctl_d_file={"path": "/etc/x y.conf", "content": None})) is None
    steps = fleet_steps(remediation)["steps"]
    assert [command for _, command in steps] == remediation["guarded_commands"].split("\n")
    assert steps[0][0] == "guarded" and {label for label, _ in steps[1:]} == {""}
