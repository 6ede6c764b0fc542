"""
A bundle (sos collect archive, or a folder of sosreports) whose member is
named to forge report lines: the ``==> MEMBER <==`` line that heads each
host's report shows the name escaped on one line.  Before, a member named
``sosreport-a\\n==> FORGED <==\\nNo problem found\\x1b[2J.tar.xz`` printed a
fake section head and a fake verdict and cleared the screen.
"""

import os
import shutil
import tarfile

import pytest

from tests.cli.triage_helpers import run_triage

HOSTILE = "sosreport-a\n==> FORGED <==\nNo problem found\x1b[2J\u202e.tar.xz"


@pytest.fixture
def bundle_folder(tmp_path, examples_dir):
    folder = tmp_path / "bundle"
    folder.mkdir()
    shutil.copy(os.path.join(examples_dir, "sosreport-e100-rx-failure.tar.xz"), folder / HOSTILE)
    shutil.copy(os.path.join(examples_dir, "sosreport-healthy.tar.xz"), folder / "sosreport-b.tar.xz")
    return folder


@pytest.mark.parametrize("packed", [False, True], ids=["folder", "tar"])
@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_member_names_cannot_forge_section_heads(tmp_path, bundle_folder, packed, fmt):
    target = bundle_folder
    if packed:
        target = tmp_path / "sos-collector.tar.gz"
        with tarfile.open(target, "w:gz") as archive:
            archive.add(bundle_folder, arcname="sos-collector-x")
    completed = run_triage(target, "--format", fmt)
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    heads = [line for line in lines if line.startswith("==> ")]
    assert len(heads) == 2, heads
    assert not any(line.startswith(("==> FORGED", "No problem found\x1b", "No problem found\\x1b")) for line in lines)
    assert "\x1b" not in completed.stdout and "\u202e" not in completed.stdout
