"""
insights-client archives: the legacy layout (insights_commands/, read with
HostArchiveContext) and a core collection (meta_data/ + data/ +
insights_archive.txt, read with SerializedArchiveContext and hydrated the
way insights-core does).  The core collection is produced here with
insights-core's own serializer (``Hydration.dehydrate``, what
``insights.collect`` calls for every persisted spec).
"""

import json
import os
import shutil

import pytest

from tests.archive_factory import pack
from tests.cli.triage_helpers import examples_dir, run_triage

E100 = "sosreport-e100-rx-failure"


@pytest.fixture(scope="module")
def e100(pytestconfig):
    return os.path.join(examples_dir(pytestconfig), E100)


def legacy_insights_archive(e100, parent):
    """The e100 host as insights-client (legacy) lays it out: files at their paths, commands in insights_commands/."""
    root = parent / "insights-e100-host-20261126020000"
    for directory in ("proc", "etc"):
        shutil.copytree(os.path.join(e100, directory), root / directory, symlinks=True)
    (root / "insights_commands").mkdir()
    shutil.copy(os.path.join(e100, "sos_commands/kernel/dmesg"), root / "insights_commands" / "dmesg")
    shutil.copy(os.path.join(e100, "sos_commands/kernel/uname_-a"), root / "insights_commands" / "uname_-a")
    shutil.copy(os.path.join(e100, "sos_commands/host/hostname_-f"), root / "insights_commands" / "hostname_-f")
    return root


def core_collection(e100, parent):
    """A core collection of the e100 host's dmesg, written by insights-core's serializer."""
    from insights.core import dr
    from insights.core.context import SosArchiveContext
    from insights.core.hydration import get_all_files
    from insights.core.serde import Hydration
    from insights.specs import Specs as CoreSpecs

    dr.load_components("insights.specs.sos_archive", "pagealloc.parsers", continue_on_error=False)
    broker = dr.Broker()
    broker[SosArchiveContext] = SosArchiveContext(root=e100, all_files=list(get_all_files(e100)))
    broker = dr.run(dr.get_dependency_graph(CoreSpecs.dmesg), broker)
    assert CoreSpecs.dmesg in broker
    root = parent / "insights-e100-host-core"
    Hydration(root=str(root)).dehydrate(CoreSpecs.dmesg, broker)
    (root / "insights_archive.txt").write_text("")
    assert (root / "meta_data" / "insights.specs.Specs.dmesg.json").is_file()
    return root


def test_legacy_insights_archive_is_read_with_host_archive_context(e100, tmp_path):
    archive = pack(str(legacy_insights_archive(e100, tmp_path)), str(tmp_path), "tar.gz")
    completed = run_triage(archive, "--format", "json")
    assert completed.returncode in (0, 1), completed.stderr
    result = json.loads(completed.stdout)
    assert result["input"]["kind"] == "insights"
    assert [(e["order"], e["gfp_mask"], e["driver"]) for e in result["events"]] == [(0, "0x20", "e100")]
    assert result["memory_picture"]["min_free_kbytes"]["current"] == 2038  # proc/sys/vm/min_free_kbytes


def test_core_collection_is_hydrated_with_serialized_archive_context(e100, tmp_path):
    root = core_collection(e100, tmp_path)
    for target in (root, pack(str(root), str(tmp_path), "tar.gz")):
        completed = run_triage(target, "--format", "json")
        assert completed.returncode in (0, 1), completed.stderr
        result = json.loads(completed.stdout)
        assert result["input"]["kind"] == "serialized"
        assert [(e["order"], e["gfp_mask"], e["context"]) for e in result["events"]] == [(0, "0x20", "network-rx")]
        assert result["verdicts"], "the failure found in the hydrated dmesg reaches the rules"


def test_forcing_the_insights_context_on_a_sosreport_fails_cleanly(e100):
    completed = run_triage(e100, "--context", "insights")
    assert completed.returncode == 2 and "no insights archive found" in completed.stderr
