"""
``--config`` names a small YAML file: a FIFO is refused at once (reading it
waited for a writer for good), a device or a huge file is refused after at
most its size limit (``--config /dev/zero`` read zeros until the OOM killer
ended the process).
"""

import os

import pytest

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
