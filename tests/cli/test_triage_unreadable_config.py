"""
A directory input whose ``etc/sysctl.d`` cannot be read (permission denied) holds no readable sysctl
file there: the value set at boot is *unknown*, never "not set".  Before, the copy skipped the folder
(named in the notes) and the rules read its absence as "no file sets the key": a host that raised
``vm.min_free_kbytes`` to 8192 kB at runtime got MIN_FREE_KBYTES_NOT_PERSISTED (fail, "lost at the
next reboot") although the unread folder may persist it.
"""

import json
import os
import shutil
import stat
import subprocess
import tempfile

import pytest

from tests.cli.triage_helpers import BIN, examples_dir

E100 = "sosreport-e100-rx-failure"


@pytest.fixture
def raised_host(pytestconfig):
    """The e100 host with its reserve raised to 8192 kB at runtime, in a folder another user can read."""
    parent = tempfile.mkdtemp(prefix="pagealloc-unreadable-sysctl-")
    os.chmod(parent, 0o755)
    tree = os.path.join(parent, "sosreport-e100")
    shutil.copytree(os.path.join(examples_dir(pytestconfig), E100), tree)
    with open(os.path.join(tree, "proc/sys/vm/min_free_kbytes"), "w") as stream:
        stream.write("8192\n")
    for folder, _, files in os.walk(tree):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
    yield tree
    os.chmod(os.path.join(tree, "etc/sysctl.d"), 0o755)
    shutil.rmtree(parent)


def triage_json(tree):
    as_other_user = (lambda: os.setuid(65534)) if os.geteuid() == 0 else None  # root reads anything
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "triage", "--format", "json", tree],
                               capture_output=True, text=True, timeout=120, preexec_fn=as_other_user)
    assert completed.returncode in (0, 1), completed.stderr
    return json.loads(completed.stdout)


def test_an_unreadable_sysctl_d_makes_the_boot_value_unknown_not_unset(raised_host):
    readable = triage_json(raised_host)  # the control: read, no file sets the key -> not persisted
    assert ("MIN_FREE_KBYTES_NOT_PERSISTED", "fail") in {(v["key"], v["type"]) for v in readable["verdicts"]}
    os.chmod(os.path.join(raised_host, "etc/sysctl.d"), 0)
    result = triage_json(raised_host)
    keys = {v["key"] for v in result["verdicts"]}
    assert "MIN_FREE_KBYTES_NOT_PERSISTED" not in keys and not keys & {"PERSISTED_VALUE_OVERRIDDEN",
                                                                       "MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED"}
    assert "unreadable sysctl files /etc/sysctl.d" in result["memory_picture"]["missing_inputs"]
    assert "skipped 1 unreadable entry: etc/sysctl.d" in result["input"]["notes"]
    text = subprocess.run([os.path.join(BIN, "pagealloc"), "triage", raised_host], capture_output=True, text=True,
                          timeout=120, preexec_fn=(lambda: os.setuid(65534)) if os.geteuid() == 0 else None).stdout
    flat = " ".join(text.split())
    assert "/etc/sysctl.d (in the input but could not be read, so the value set at boot is unknown)" in flat
    assert "not set in any sysctl file read" not in flat and "lost at the next reboot" not in flat
    assert stat.S_IMODE(os.stat(os.path.join(raised_host, "etc/sysctl.d")).st_mode) == 0  # the input untouched
