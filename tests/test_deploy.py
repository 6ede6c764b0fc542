"""
deploy/ as docs/fleet.md installs it (issue 16 item 12): the documented
install lines run (into a scratch root), every unit passes ``systemd-analyze
verify``, every service scores at most 2.0 in ``systemd-analyze security``
(8.5 EXPOSED before the hardening), every ``Documentation=`` file is one the
install lines put there, and the cron job (run as ``pagealloc``) can read
the settings file it sources.
"""

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from tests.cli.triage_helpers import require_tool

BIN = os.path.dirname(sys.executable)
SECURITY_THRESHOLD = 2.0


@pytest.fixture(scope="module")
def checkout(pytestconfig):
    root = str(pytestconfig.rootpath)
    if not os.path.isdir(os.path.join(root, "deploy")):
        pytest.fail("deploy/ not found under %s (run pytest with --rootdir=<checkout>)" % root)
    return root


@pytest.fixture(scope="module")
def systemd_analyze():
    return require_tool("systemd-analyze")


def units(checkout, suffixes=(".service", ".timer")):
    return sorted(p for p in glob.glob(os.path.join(checkout, "deploy", "*")) if p.endswith(suffixes))


@pytest.fixture
def unit_dir(checkout, tmp_path):
    """The units with ExecStart's /usr/local/bin/pagealloc pointing at this install (verify checks it
    exists), the worker template as instance @1."""
    for path in units(checkout):
        with open(path, encoding="utf-8") as stream:
            text = stream.read().replace("/usr/local/bin/pagealloc", os.path.join(BIN, "pagealloc"))
        name = os.path.basename(path).replace("@.service", "@1.service")
        (tmp_path / name).write_text(text)
    return tmp_path


def test_every_unit_passes_systemd_analyze_verify(unit_dir, systemd_analyze):
    files = sorted(str(p) for p in unit_dir.iterdir())
    completed = subprocess.run([systemd_analyze, "verify", "--man=no"] + files, capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0 and completed.stderr == "", completed.stderr


@pytest.mark.parametrize("name", ["pagealloc-fleet.service", "pagealloc-fleet-enqueue.service",
                                  "pagealloc-fleet-worker@1.service"])
def test_every_service_is_hardened(unit_dir, systemd_analyze, name):
    completed = subprocess.run([systemd_analyze, "security", "--offline=yes", "--no-pager", str(unit_dir / name)],
                               capture_output=True, text=True, timeout=120)
    score = float(re.search(r"Overall exposure level for \S+: ([\d.]+)", completed.stdout).group(1))
    assert score <= SECURITY_THRESHOLD, completed.stdout[-3000:]


def install_lines(checkout):
    with open(os.path.join(checkout, "docs", "fleet.md"), encoding="utf-8") as stream:
        return [line.split("#")[0].strip() for line in stream if line.startswith("install ")]


def test_the_documented_install_lines_run_and_install_every_documentation_file(checkout, tmp_path):
    root = tmp_path / "root"
    lines = install_lines(checkout)
    assert lines, "docs/fleet.md lists no install lines"
    for line in lines:
        argv = shlex.split(line)
        # owners need the pagealloc user: checked below, dropped for the scratch root
        for option in ("-o", "-g"):
            while option in argv:
                del argv[argv.index(option):argv.index(option) + 2]
        argv = [str(root) + a if a.startswith("/") else a for a in argv]
        expanded = [argv[0]] + [m for a in argv[1:] for m in (sorted(glob.glob(os.path.join(checkout, a)))
                                                              if "*" in a else [a])]
        completed = subprocess.run(expanded, cwd=checkout, capture_output=True, text=True)
        assert completed.returncode == 0, (line, completed.stderr)
    for path in units(checkout):
        with open(path, encoding="utf-8") as stream:
            for documentation in re.findall(r"^Documentation=file://(\S+)", stream.read(), re.M):
                assert (root / documentation.lstrip("/")).is_file(), (path, documentation)
    assert (root / "etc/systemd/system/pagealloc-fleet-worker@.service").is_file()


def test_the_cron_job_user_can_read_the_settings_it_sources(checkout):
    with open(os.path.join(checkout, "deploy", "pagealloc-fleet.cron"), encoding="utf-8") as stream:
        job = next(line for line in stream if re.match(r"^\d", line))
    user = job.split()[5]
    sourced = re.search(r"\. (/\S+)", job).group(1)
    (env_line,) = [line for line in install_lines(checkout) if line.endswith(" " + sourced)]
    argv = shlex.split(env_line)
    mode = int(argv[argv.index("-m") + 1], 8)
    group = argv[argv.index("-g") + 1] if "-g" in argv else "root"
    assert group == user and mode & 0o040, "the %s group cannot read %s (mode %o)" % (user, sourced, mode)
    assert not mode & 0o007, "the settings hold the broker password: not for others"


def test_no_unit_names_a_command_outside_the_package(checkout):
    entry_points = {"pagealloc"}
    for path in units(checkout, (".service",)):
        with open(path, encoding="utf-8") as stream:
            for command in re.findall(r"^Exec\w*=(\S+)", stream.read(), re.M):
                assert os.path.basename(command) in entry_points, (path, command)
    assert shutil.which("pagealloc", path=BIN)
