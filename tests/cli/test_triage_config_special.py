"""
``--config`` names a small YAML file: a FIFO is refused at once (reading it
waited for a writer for good), a device or a huge file is refused after at
most its size limit (``--config /dev/zero`` read zeros until the OOM killer
ended the process).
"""

import os

import pytest

from tests.archive_factory import seed_dmesg
from tests.cli.triage_helpers import assert_one_line_error, run_triage

LOG = os.path.join(os.path.dirname(__file__), "..", "fixtures", "logs", "dmesg_3.10_rhel7_ixgbe.txt")


@pytest.mark.parametrize("kind", ["fifo", "device", "huge"])
def test_a_config_that_is_not_a_small_file_is_refused(tmp_path, kind):
    config = tmp_path / "policy.yaml"
    if kind == "fifo":
        os.mkfifo(config)
    elif kind == "device":
        config = "/dev/zero"
    else:
        config.write_bytes(b"# padding\n" * (300 * 1024))  # 3 MB of comments
    line = assert_one_line_error(run_triage(LOG, "--config", config, timeout=30))
    assert "--config %s" % config in line
    assert ("not a regular file" in line) if kind != "huge" else ("larger than" in line)


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    # Nine levels of nine aliases: 1 KiB of YAML that stands for 387 million strings.  Accepted, the
    # policy check's error message (%r of the value) ran for minutes and grew to 5.5 GB.
    lines = ["configs:", "  - name: pagealloc.rules.min_free_kbytes_low_atomic_rx.report", "    metadata:",
             "      anchors:", '        - &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += ["        - &a%d [%s]" % (i, ", ".join(["*a%d" % (i - 1)] * 9)) for i in range(1, 10)]
    lines += ["      recommendation_policy: *a9"]
    config = tmp_path / "policy.yaml"
    config.write_text("\n".join(lines) + "\n")
    log = tmp_path / "dmesg"
    log.write_text(seed_dmesg())
    line = assert_one_line_error(run_triage(log, "--config", config, timeout=30))
    assert line == ("pagealloc triage: --config %s: not valid YAML at line 6: aliases (*name) are not accepted in a "
                    "configuration" % config)


@pytest.mark.parametrize("text,reason", [
    ("a: " + "[" * 100000 + "]" * 100000 + "\n", "not valid YAML: nested deeper than a configuration can be"),
    ("recommendation_policy:\n  headroom: " + "9" * 500000 + "\n", "not valid YAML: a number of more than 4300 digits"),
], ids=["nested", "long-number"])
def test_a_config_nested_past_the_stack_or_with_an_endless_number_is_one_clear_line(tmp_path, text, reason):
    """Before: "internal error: RecursionError: maximum recursion depth exceeded", and Python's own
    "Exceeds the limit (4300 digits) ... use sys.set_int_max_str_digits() to increase the limit"."""
    config = tmp_path / "policy.yaml"
    config.write_text(text)
    line = assert_one_line_error(run_triage(LOG, "--config", config, timeout=60))
    assert line == "pagealloc triage: --config %s: %s" % (config, reason)
