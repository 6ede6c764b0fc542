"""
``pagealloc triage`` on a real sosreport of this machine, made by Debian's
``sos`` (session fixtures in tests/conftest.py; they skip without sos or root,
and fail under PAGEALLOC_REQUIRE_SERVICES=1): as sos wrote it, and with the
seed's e100 failure report injected into its sos_commands/kernel/dmesg.
"""

import json
import os
import shutil

from tests.archive_factory import pack, seed_dmesg
from tests.cli.triage_helpers import run_triage

MAIN_RULE = "pagealloc.rules.min_free_kbytes_low_atomic_rx.report"


def live_min_free_kbytes():
    with open("/proc/sys/vm/min_free_kbytes") as stream:
        return int(stream.read())


def test_real_sos_tarball_reads_this_machines_reserve(real_sosreport_tarball):
    completed = run_triage(real_sosreport_tarball, "--format", "json")
    assert completed.returncode in (0, 1), completed.stderr
    result = json.loads(completed.stdout)
    assert (result["input"]["kind"], result["input"]["packing"]) == ("sos", "tar.xz")
    assert result["memory_picture"]["min_free_kbytes"]["current"] == live_min_free_kbytes()
    assert result["errors"] == []


def _copy(real_sosreport_dir, tmp_path):
    return shutil.copytree(real_sosreport_dir, tmp_path / os.path.basename(real_sosreport_dir), symlinks=True)


def _append(path, text):
    before = path.read_text(errors="replace") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(before + text)


def _this_host():
    with open("/proc/meminfo") as stream:
        mem_total = int(stream.readline().split()[1])
    return os.uname().release, mem_total


def test_seed_report_injected_into_a_real_sosreport_is_set_aside(real_sosreport_dir, tmp_path):
    """The 2.6.32 report of a 256 MB machine pasted into the dmesg of this (much larger, newer) host
    is another system's: listed with its reasons, never judged with this host's reserve."""
    tree = _copy(real_sosreport_dir, tmp_path)
    _append(tree / "sos_commands" / "kernel" / "dmesg", seed_dmesg())
    archive = pack(str(tree), str(tmp_path), "tar.gz")  # sos's own .tar.xz is covered above

    completed = run_triage(archive, "--format", "json")
    # No problem is claimed on this host: exit 0, no fail verdict, no recommendation at all.
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    seed = [e for e in result["events"] if e["timestamp"] == 7873.855883]
    assert [(e["order"], e["gfp_mask"], e["atomic"], e["context"], e["driver"]) for e in seed] == [
        (0, "0x20", True, "network-rx", "e100")]
    release, mem_total = _this_host()
    # By hand: the task line names 2.6.32-5-686 (not uname -r); the zones sum to 15872 + 243776 =
    # 259648 kB (not this host's MemTotal, many GiB); DMA min 124 + Normal min 1908 = 2032 kB, far from
    # the running value.  Other memory size -> foreign.
    assert seed[0]["matches_host"] is False
    match = seed[0]["match"]
    assert match["reasons"][:3] == ["other_kernel", "other_memory_size", "reserve_changed_since"]
    assert (match["role"], match["kernel"], match["mem_total_kb"], match["reserve_kb"]) == (
        "foreign", "2.6.32-5-686", 259648, [2032, 2043])
    assert match["boot"]["family"] == "dmesg"
    main = [v for v in result["verdicts"] if v["rule"] == MAIN_RULE]
    assert [(v["key"], v["type"]) for v in main] == [("FAILURES_NOT_FROM_THIS_SYSTEM", "info")]
    assert not any(v["type"] == "fail" or "recommendation" in v["details"] for v in result["verdicts"])
    text = " ".join(run_triage(archive).stdout.split())  # prose wraps at 80 columns
    assert text.startswith("1 network receive failure report in the logs of %s is not from this system: analyse "
                           "it with its own host's sosreport" % result["host"])
    assert "Confidence high" not in text and "sysctl -p" not in text
    # ... and says why in plain words.
    assert "kernel 2.6.32-5-686, not the running %s" % release in text
    assert "its zones add up to 259648 kB of memory, this host has %d kB" % mem_total in text
