"""``pagealloc triage`` on a plain dmesg paste: the support engineer's most common input."""

import json

from tests.cli.triage_helpers import run_triage
from tests.kernlog.helpers import fixture_path

SEED_DMESG = fixture_path("dmesg_2.6.32_i686_e100_seed.txt")


def test_triage_of_the_seed_dmesg_alone_exits_1_with_the_fix():
    completed = run_triage(SEED_DMESG)
    assert completed.returncode == 1, completed.stderr
    out = completed.stdout
    flat = " ".join(out.split())
    assert "check MIN_FREE_KBYTES_LOW_ATOMIC_RX" in flat
    assert "vm.min_free_kbytes is about 2032 kB, the kernel default for this host." in flat
    assert "\nprintf '%s\\n' 'vm.min_free_kbytes = 4096' > /etc/sysctl.d/" in out
    assert "Confidence low: the default is estimated from the failure report, the running value is estimated" in flat
    # s25: beside "kernel 2.6.32-5-686 (from the failure report)" the running release is what is missing
    assert ("Not collected: the running kernel release (uname -a; the reports were printed by 2.6.32-5-686), "
            "/proc/meminfo, /proc/zoneinfo, "
            "/proc/sys/vm/min_free_kbytes (or sysctl -a), and the sysctl files (/etc/sysctl.conf, /etc/sysctl.d).") in flat


def test_triage_json_of_the_seed_dmesg_names_what_was_estimated():
    completed = run_triage(SEED_DMESG, "--format", "json")
    assert completed.returncode == 1, completed.stderr
    result = json.loads(completed.stdout)
    verdict = next(v for v in result["verdicts"] if v["key"] == "MIN_FREE_KBYTES_LOW_ATOMIC_RX")
    assert verdict["type"] == "fail" and verdict["details"]["recommendation"]["value"] == 4096
    assert result["memory_picture"]["min_free_kbytes"]["default_basis"]["basis"] == "estimated"
