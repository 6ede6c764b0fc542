"""Running the installed ``pagealloc`` command and locating the bundled examples."""

import json
import os
import subprocess
import sys

import pytest

from tests.services import service_missing

BIN = os.path.dirname(sys.executable)


def examples_dir(config):
    """The repository's examples/ (tests run from the installed package, with --rootdir at the repo)."""
    path = os.path.join(str(config.rootpath), "examples")
    if not os.path.isdir(os.path.join(path, "sosreport-e100-rx-failure")):
        pytest.fail("bundled examples not found under %s (run pytest with --rootdir=<checkout>)" % path)
    return path


def run_triage(*args, env=None, timeout=120, **kwargs):
    """``pagealloc triage ARGS`` as a user runs it; returns the CompletedProcess."""
    environment = dict(os.environ, **(env or {}))
    environment.pop("NO_COLOR", None) if env is None or "NO_COLOR" not in env else None
    return subprocess.run([os.path.join(BIN, "pagealloc"), "triage", *map(str, args)], capture_output=True,
                          text=True, env=environment, timeout=timeout, **kwargs)


def verdict_keys(completed):
    """{(key, type)} of a ``--format json`` run."""
    return {(v["key"], v["type"]) for v in json.loads(completed.stdout)["verdicts"]}


def assert_one_line_error(completed):
    assert completed.returncode == 2, (completed.returncode, completed.stdout, completed.stderr)
    assert completed.stdout == ""
    lines = completed.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pagealloc triage: "), completed.stderr
    assert "Traceback" not in completed.stderr
    return lines[0]


def require_tool(*names):
    """The first of ``names`` on PATH; fail under PAGEALLOC_REQUIRE_SERVICES=1, else skip, when none is."""
    import shutil

    for name in names:
        found = shutil.which(name)
        if found:
            return found
    service_missing("%s not installed (Debian: apt-get install %s)" % (" / ".join(names), names[0]))
