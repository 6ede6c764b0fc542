"""
The kernel's pseudo-files say "regular file" but are not files: ``/proc/kmsg`` blocks until the kernel
prints more, and each message read from it is taken from whoever else reads it (a syslog daemon).
``pagealloc triage /proc/kmsg`` and ``pagealloc parse-log /proc/kmsg`` (as root: "the kernel log")
waited for good; ``triage /proc`` copied the live host's files until a 2 GB limit.  Now: one line,
exit 2, pointing at ``pagealloc triage`` without PATH.
"""

import os
import subprocess

import pytest

from tests.cli.triage_helpers import BIN
from tests.services import service_missing

PSEUDO = "a kernel pseudo-file"


@pytest.mark.parametrize("args", [["triage", "/proc/kmsg"], ["parse-log", "/proc/kmsg"], ["triage", "LINK"],
                                  ["triage", "/proc/meminfo"], ["triage", "/proc"]])
def test_a_kernel_pseudo_file_is_refused_at_once(tmp_path, args):
    if args[-1] in ("/proc/kmsg", "LINK") and not os.access("/proc/kmsg", os.R_OK):
        # CI runs as root; elsewhere a non-root run cannot open /proc/kmsg at all (refused before any read)
        service_missing("/proc/kmsg is not readable here (not root)")
    os.symlink("/proc/kmsg", tmp_path / "LINK")
    completed = subprocess.run([os.path.join(BIN, "pagealloc")] + args, capture_output=True, text=True,
                               timeout=30, cwd=str(tmp_path))
    assert completed.returncode == 2 and completed.stdout == "", completed
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and PSEUDO in lines[0], completed.stderr
