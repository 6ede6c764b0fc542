"""Packaging: triage needs no fleet extra; fleet commands say in one line when it is missing."""

import configparser
import os
import subprocess
import sys

import pytest

from pagealloc.cli.fleet import FLEET_EXTRA_MODULES

# Runs pagealloc with every fleet-extra module made unimportable, as on a
# triage-only install (pip install pagealloc).
WITHOUT_EXTRA = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in %r:
            raise ModuleNotFoundError("No module named %%r" %% name, name=name)
sys.meta_path.insert(0, Block())
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
""" % (FLEET_EXTRA_MODULES,)


def pagealloc_without_extra(*args, cwd=None):
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRA] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=120, cwd=cwd)


def test_the_extra_lists_the_messaging_stack_and_the_base_does_not(request):
    config = configparser.ConfigParser()
    config.read(os.path.join(str(request.config.rootpath), "setup.cfg"))
    base = config["options"]["install_requires"]
    fleet = config["options.extras_require"]["fleet"]
    for name in ("insights-core-messaging", "pika", "psycopg"):
        assert name in fleet and name not in base


def test_triage_runs_without_the_fleet_extra(examples_dir):
    done = pagealloc_without_extra("triage", os.path.join(examples_dir, "sosreport-e100-rx-failure"))
    assert done.returncode == 1, done.stderr  # a problem found, as with everything installed
    assert "MIN_FREE_KBYTES_LOW_ATOMIC_RX" in done.stdout


@pytest.mark.parametrize("command", [["enqueue", "DIR"], ["collect", "--out", "r.jsonl"], ["worker"]])
def test_fleet_commands_name_the_missing_extra_in_one_line(command, tmp_path):
    (tmp_path / "DIR").mkdir()
    done = pagealloc_without_extra("fleet", *command, cwd=str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "pip install 'pagealloc[fleet]'" in done.stderr and "needs the fleet extra" in done.stderr
