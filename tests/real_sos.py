"""
A real sosreport of the machine running the tests
=================================================

Runs Debian's ``sos`` (package ``sosreport``) with the plugins pagealloc reads::

    sos report --batch --quiet --tmp-dir DIR -o kernel,memory,host,system,networking

``--build`` keeps the report as a directory (no extraction needed); without
it sos writes the usual ``sosreport-HOST-DATE-XXXX.tar.xz``.  sos needs root.
``tests/conftest.py`` wraps this as session-scoped fixtures that skip when sos
or root is missing, and fail instead when ``PAGEALLOC_REQUIRE_SERVICES=1``
(CI installs sos and must not silently skip).
"""

import glob
import os
import shutil
import subprocess

PLUGINS = ("kernel", "memory", "host", "system", "networking")
# sos 4.0 takes ~2 s here; a hung collection must not hang the suite.
TIMEOUT_SECONDS = 300


class SosUnavailable(Exception):
    """sos cannot run here (not installed, or not root)."""


def sos_command():
    return shutil.which("sos") or shutil.which("sosreport")


def check_sos_usable():
    if not sos_command():
        raise SosUnavailable("the 'sos' command is not installed (Debian package: sosreport)")
    if os.geteuid() != 0:
        raise SosUnavailable("sos report needs root")


def make_sosreport(tmp_dir, build=True, plugins=PLUGINS):
    """Run sos into ``tmp_dir``; return the report directory (build) or the .tar.xz path."""
    check_sos_usable()
    command = [sos_command()]
    if os.path.basename(command[0]) == "sos":
        command.append("report")
    command += ["--batch", "--quiet", "--tmp-dir", str(tmp_dir), "-o", ",".join(plugins)]
    if build:
        command.append("--build")
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=TIMEOUT_SECONDS,
                          stdin=subprocess.DEVNULL, check=False)
    pattern = "sosreport-*" + ("" if build else ".tar.xz")
    found = [p for p in glob.glob(os.path.join(str(tmp_dir), pattern)) if os.path.isdir(p) == build]
    if done.returncode != 0 or len(found) != 1:
        raise RuntimeError("sos report failed (exit %d): %s" % (done.returncode, done.stdout.decode(errors="replace")[-2000:]))
    return found[0]
