"""sysctl.d files and /etc/sysctl.conf: every assignment with its line, syntax errors reported."""

import doctest

from insights.tests import context_wrap

from pagealloc.knowledge.sysctl_precedence import resolve
from pagealloc.parsers import sysctl_files
from pagealloc.parsers.sysctl_files import SysctlConfFile, SysctlDFile
from tests.parsers.fixtures import docstring_sample, fixture_text


def test_doc_examples():
    parsed = SysctlDFile(context_wrap(docstring_sample(sysctl_files), path="etc/sysctl.d/90-net.conf"))
    failed, _ = doctest.testmod(sysctl_files, globs={"sysctl_d_file": parsed})
    assert failed == 0


def test_garbage_file_keeps_every_assignment_and_reports_bad_lines():
    parsed = SysctlDFile(context_wrap(fixture_text("memory", "sysctl_d_garbage.conf"), strip=False,
                                      path="etc/sysctl.d/80-tuning.conf"))
    assert parsed.settings["vm.min_free_kbytes"] == [
        (3, "lots"), (4, "99999999999999999999"), (5, "-5"), (6, "4096 # raised for the NIC"), (8, "8192"),
        (11, "11264")]
    assert parsed.errors == [{"line": 2, "reason": "not 'key = value': 'vm.swappiness 10'"},
                             {"line": 9, "reason": "not 'key = value': '=16'"}]


def test_garbage_file_resolves_to_the_last_usable_value_and_names_the_unusable_ones():
    parsed = SysctlDFile(context_wrap(fixture_text("memory", "sysctl_d_garbage.conf"), strip=False,
                                      path="etc/sysctl.d/80-tuning.conf"))
    p = resolve([parsed.to_dict()])
    assert (p["value"], p["winning_file"], p["winning_line"]) == (11264, "/etc/sysctl.d/80-tuning.conf", 11)
    unusable_lines = sorted(e["line"] for e in p["errors"] if "vm.min_free_kbytes" in e["reason"])
    assert unusable_lines == [3, 4, 5, 6]
    assert {e["line"] for e in p["errors"]} == {2, 3, 4, 5, 6, 9}


def test_slash_separated_and_dash_prefixed_keys_are_normalised():
    parsed = SysctlConfFile(context_wrap("vm/min_free_kbytes = 4096\n-vm.min_free_kbytes=8192\n",
                                         path="etc/sysctl.conf"))
    assert parsed.settings == {"vm.min_free_kbytes": [(1, "4096"), (2, "8192")]}
    assert parsed.file_path == "/etc/sysctl.conf"


def test_binary_junk_and_overlong_lines_do_not_raise():
    text = "\x00\x01\x02\n" + "x" * 5000 + "\nvm.min_free_kbytes = 2048\n"
    parsed = SysctlDFile(context_wrap(text, strip=False, path="etc/sysctl.d/1.conf"))
    assert parsed.value_of("vm.min_free_kbytes") == "2048"
    assert [e["line"] for e in parsed.errors] == [1, 2]
