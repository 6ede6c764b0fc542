"""The guarded block (remediation.guarded_block) run for real by dash against a fake root.

Every path the block reads or writes is under a temporary directory (``root``, for tests only) and
``sysctl`` is a shim first in PATH that writes the value into the fake /proc: this machine's sysctls
and /etc are never touched.  What is checked: the value written is the Python policy's for the same
running value and MemTotal, a second paste changes nothing, and a setting found anywhere the block
greps (or a running value already at the known value) makes it do nothing.
"""

import os
import shutil
import subprocess
import tempfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc.knowledge.recommendation import (
    DEFAULT_POLICY,
    RecommendationPolicy,
    recommended_min_free_kbytes,
)
from pagealloc.knowledge.remediation import BOOT_SETTERS, build_assumed_remediation, guarded_block

SH = shutil.which("dash") or shutil.which("sh")
FILE = "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"
# sysctl -p FILE: what procps prints, and the value applied to the fake running value.
SHIM = """#!/bin/sh
[ "$1" = -p ] || exit 64
v=$(sed -n 's/^vm.min_free_kbytes = //p' "$2")
echo "$v" > "%s/proc/sys/vm/min_free_kbytes"
echo "vm.min_free_kbytes = $v"
"""

pytestmark = pytest.mark.skipif(SH is None, reason="no POSIX shell")


class FakeHost:
    """A root directory with /etc/sysctl.d, /proc/sys/vm/min_free_kbytes and /proc/meminfo, and a bin/ whose
    sysctl applies a file to that fake /proc."""

    def __init__(self, base, running_kb, mem_total_kb):
        self.root = base
        for d in ("etc/sysctl.d", "proc/sys/vm", "bin"):
            os.makedirs(os.path.join(base, d), exist_ok=True)
        self.write("/proc/sys/vm/min_free_kbytes", "%d\n" % running_kb)
        self.write("/proc/meminfo", "MemTotal:       %d kB\nMemFree:          1000 kB\n" % mem_total_kb)
        self.write("/proc/cmdline", "BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet\n")
        shim = os.path.join(base, "bin", "sysctl")
        with open(shim, "w") as f:
            f.write(SHIM % base)
        os.chmod(shim, 0o755)

    def write(self, path, text):
        full = self.root + path
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)

    def read(self, path):
        with open(self.root + path) as f:
            return f.read()

    def running(self):
        return int(self.read("/proc/sys/vm/min_free_kbytes"))

    def paste(self, lines):
        env = dict(os.environ, PATH="%s/bin:%s" % (self.root, os.environ.get("PATH", "/usr/bin:/bin")))
        return subprocess.run([SH], input="\n".join(lines) + "\n", capture_output=True, text=True, env=env,
                              timeout=30, check=False)


@pytest.fixture
def tmp_root():
    base = tempfile.mkdtemp(prefix="pagealloc-guarded-")
    try:
        yield base
    finally:
        shutil.rmtree(base)


def policy_value(running_kb, mem_total_kb, policy=DEFAULT_POLICY):
    return recommended_min_free_kbytes(running_kb, mem_total_kb, running_kb, policy).value_kb


def run_twice(base, running_kb, mem_total_kb, value_kb=None, policy=DEFAULT_POLICY):
    host = FakeHost(base, running_kb, mem_total_kb)
    lines = guarded_block(value_kb, FILE, policy, root=base)
    first = host.paste(lines)
    assert first.returncode == 0 and first.stderr == "", first.stderr
    written, applied = host.read(FILE), host.running()
    second = host.paste(lines)
    assert second.returncode == 0 and second.stderr == "", second.stderr
    assert "nothing changed" in second.stdout
    assert (host.read(FILE), host.running()) == (written, applied)  # never doubled twice
    return written, applied


@settings(max_examples=25, deadline=None)
@given(running=st.integers(128, 262144), mem_total=st.integers(16 * 1024, 2 ** 31))
def test_computed_value_is_the_python_policy_and_a_second_paste_changes_nothing(running, mem_total):
    base = tempfile.mkdtemp(prefix="pagealloc-guarded-")
    try:
        written, applied = run_twice(base, running, mem_total)
    finally:
        shutil.rmtree(base)
    expected = policy_value(running, mem_total)
    assert written == "vm.min_free_kbytes = %d\n" % expected
    assert applied == expected


@pytest.mark.parametrize("running, mem_total", [
    (2038, 254648),          # the seed's 256 MB host: 4096
    (67584, 16 * 2 ** 20),   # a 16 GiB host with THP: the 128 MiB floor
    (90112, 1024 * 2 ** 20), # 1 TiB: twice the default
    (128, 32 * 1024),        # a 32 MB board: the cap, below the docs' floor
    (8154, 260000),          # a raised value on a small host: the 3% cap
])
@pytest.mark.parametrize("policy", [DEFAULT_POLICY, RecommendationPolicy(default_multiplier=1.5, round_to_kb=0),
                                    RecommendationPolicy(default_multiplier=3, max_percent_of_memtotal=2.5)])
def test_configured_policies(tmp_root, running, mem_total, policy):
    written, _ = run_twice(tmp_root, running, mem_total, policy=policy)
    assert written == "vm.min_free_kbytes = %d\n" % policy_value(running, mem_total, policy)


def test_known_value_is_written_once(tmp_root):
    written, applied = run_twice(tmp_root, 2038, 254648, value_kb=4096)
    assert (written, applied) == ("vm.min_free_kbytes = 4096\n", 4096)


def test_known_value_never_lowers_the_running_value(tmp_root):
    host = FakeHost(tmp_root, 8192, 254648)
    out = host.paste(guarded_block(4096, FILE, DEFAULT_POLICY, root=tmp_root))
    assert "already 4096 kB or more" in out.stdout and not os.path.exists(tmp_root + FILE)
    assert host.running() == 8192


@pytest.mark.parametrize("place, text", [
    ("/etc/sysctl.conf", "vm.min_free_kbytes = 65536\n"),
    ("/etc/sysctl.d/10-tuning.conf", "vm.min_free_kbytes=65536\n"),
    ("/run/sysctl.d/50-x.conf", "  vm.min_free_kbytes = 1\n"),
    ("/usr/lib/sysctl.d/50-vendor.conf", "vm/min_free_kbytes = 65536\n"),
    ("/lib/sysctl.d/50-vendor.conf", "vm.min_free_kbytes = 65536\n"),
    ("/usr/local/lib/sysctl.d/50-x.conf", "vm.min_free_kbytes = 65536\n"),
    ("/proc/cmdline", "BOOT_IMAGE=/vmlinuz sysctl.vm.min_free_kbytes=65536 quiet\n"),
    ("/etc/tuned/net/tuned.conf", "[sysctl]\nvm.min_free_kbytes = 65536\n"),
])
@pytest.mark.parametrize("value_kb", [None, 4096])
def test_a_setting_anywhere_at_boot_makes_it_do_nothing(tmp_root, place, text, value_kb):
    host = FakeHost(tmp_root, 2038, 254648)
    host.write(place, text)
    out = host.paste(guarded_block(value_kb, FILE, DEFAULT_POLICY, root=tmp_root))
    assert out.returncode == 0 and "set at boot (above): nothing changed" in out.stdout
    assert tmp_root + place in out.stdout  # grep -H names what sets it
    assert not os.path.exists(tmp_root + FILE) and host.running() == 2038


def test_a_commented_out_line_is_not_a_setting(tmp_root):
    host = FakeHost(tmp_root, 2038, 254648)
    host.write("/etc/sysctl.conf", "# vm.min_free_kbytes = 65536\n; vm.min_free_kbytes = 1\n")
    host.paste(guarded_block(None, FILE, DEFAULT_POLICY, root=tmp_root))
    assert host.read(FILE) == "vm.min_free_kbytes = 4096\n"


def test_every_boot_setter_is_grepped():
    text = "\n".join(guarded_block(None, FILE, DEFAULT_POLICY))
    assert all(place in text for place in BOOT_SETTERS)


@pytest.mark.parametrize("value_kb", [None, 4096, 131072])
def test_read_at_80_columns(value_kb):
    """What a user pastes: every line under 80 columns, nothing indented by a tab."""
    block = build_assumed_remediation(value_kb, DEFAULT_POLICY)["guarded_commands"]
    assert all(len(line) < 80 and "\t" not in line for line in block.split("\n"))
    assert block.startswith("f=%s\n" % FILE)


def test_root_is_for_plain_temporary_paths_only():
    with pytest.raises(ValueError):
        guarded_block(None, FILE, DEFAULT_POLICY, root="/tmp/x; rm -rf /")
