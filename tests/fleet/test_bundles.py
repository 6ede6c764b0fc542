"""sos collect bundles: one job, one record, one report per host, in fleet run and in triage."""

import json
import os

import pytest

from pagealloc.cli import main
from pagealloc.fleet import bundles
from pagealloc.fleet.bundles import evaluate_source, fleet_sources, split_member, tar_members
from pagealloc.fleet.jsonl import read_records
from pagealloc.fleet.report import summarise
from tests.fleet.bundle_factory import NAME, example_reports, make_bundle, make_bundle_dir


@pytest.fixture
def reports(examples_dir, tmp_path):
    folder = tmp_path / "nodes"
    folder.mkdir()
    return example_reports(examples_dir, str(folder))


def test_doc_examples():
    import doctest

    assert doctest.testmod(bundles)[0] == 0


@pytest.mark.parametrize("compression", ["xz", "gz"])
def test_a_bundle_lists_its_node_reports_and_a_sosreport_is_no_bundle(reports, tmp_path, examples_dir, compression):
    bundle = make_bundle(str(tmp_path), reports, compression)
    assert tar_members(bundle) == ["%s/%s" % (NAME, os.path.basename(r)) for r in reports]
    assert tar_members(os.path.join(examples_dir, "sosreport-healthy.tar.xz")) == []
    assert tar_members(make_bundle(str(tmp_path / "one"), reports[:1], compression)) == []  # one report: ordinary


def test_a_member_is_analysed_like_the_report_itself(reports, tmp_path):
    bundle = make_bundle(str(tmp_path), reports)
    source = "%s!%s/%s" % (bundle, NAME, os.path.basename(reports[0]))
    assert split_member(source) == (bundle, "%s/%s" % (NAME, os.path.basename(reports[0])))
    from_bundle, alone = evaluate_source(source), evaluate_source(reports[0])
    assert from_bundle["source"] == source
    assert from_bundle["verdicts"] == alone["verdicts"] and from_bundle["host"] == alone["host"] == "e100-host"


def test_fleet_run_gives_one_record_per_host_of_the_bundle(reports, tmp_path, examples_dir, capsys):
    nightly = tmp_path / "sosreports"
    nightly.mkdir()
    make_bundle(str(nightly), reports)
    make_bundle_dir(str(nightly / "unpacked"), reports, name="sos-collector-2026-11-29-aaaaa")
    out = str(tmp_path / "r.jsonl")
    assert main(["fleet", "run", str(nightly), "--out", out, "--workers", "2"]) == 0
    records = list(read_records(out))
    assert len(records) == 4 and all(r["error"] is None for r in records)
    assert sorted(r["host"] for r in records) == ["e100-host", "e100-host", "healthy-host", "healthy-host"]
    assert sum("!" in r["source"] for r in records) == 2  # the packed bundle's members
    summary = summarise(records)
    assert (summary["totals"]["hosts"], summary["totals"]["hosts_to_fix"]) == (2, 1)
    # The bundle file itself as the target.
    bundle_only = str(tmp_path / "bundle.jsonl")
    assert main(["fleet", "run", os.path.join(str(nightly), NAME + ".tar.xz"), "--out", bundle_only]) == 0
    assert sorted(r["host"] for r in read_records(bundle_only)) == ["e100-host", "healthy-host"]


def test_triage_of_a_bundle_prints_one_report_per_host(reports, tmp_path, capsys):
    bundle = make_bundle(str(tmp_path), reports)
    assert main(["triage", bundle, "--format", "json"]) == 1  # one host has a problem
    documents = json.loads(capsys.readouterr().out)
    assert [d["host"] for d in documents] == ["e100-host", "healthy-host"]
    assert [any(v["type"] == "fail" for v in d["verdicts"]) for d in documents] == [True, False]
    folder = make_bundle_dir(str(tmp_path / "unpacked"), reports)
    assert main(["triage", folder]) == 1
    text = capsys.readouterr().out
    assert text.count("==> ") == 2 and "==> %s" % os.path.join(folder, os.path.basename(reports[1])) in text
    assert main(["triage", bundle, "--format", "html"]) == 2
    assert "one host per page" in capsys.readouterr().err


def test_a_broken_member_is_reported_and_the_others_still_are(reports, tmp_path, capsys):
    broken = os.path.join(os.path.dirname(reports[0]), "sosreport-broken-2026-11-30-zzzzzzz.tar.xz")
    with open(reports[0], "rb") as source, open(broken, "wb") as target:
        target.write(source.read()[:3000])  # truncated in transfer
    bundle = make_bundle(str(tmp_path), [broken, reports[1]])
    assert main(["triage", bundle, "--format", "json"]) == 2  # nothing failing, one member unreadable
    captured = capsys.readouterr()
    assert [d["host"] for d in json.loads(captured.out)] == ["healthy-host"]
    assert "sosreport-broken" in captured.err and captured.err.count("\n") == 1


def test_a_bundle_of_a_real_sosreport_and_an_example(real_sosreport_tarball, reports, tmp_path):
    bundle = make_bundle(str(tmp_path), [real_sosreport_tarball, reports[0]])
    sources = fleet_sources(bundle)
    assert len(sources) == 2
    hosts = {evaluate_source(source)["host"] for source in sources}
    assert "e100-host" in hosts and len(hosts) == 2


def _pack_failing_name_twice(path, failing, healthy):
    """A bundle tar whose failing node's member is written twice, the second time with the healthy report."""
    import io
    import tarfile

    with tarfile.open(path, "w") as tar:
        for name, report in ((failing, failing), (healthy, healthy), (failing, healthy)):
            with open(report, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(NAME + "/" + os.path.basename(name))
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_a_bundle_that_holds_one_member_twice_is_refused(reports, tmp_path, capsys):
    # Unpacking keeps the last of two members of one name: a healthy node report appended under the
    # failing node's name would hide it (tests/test_security_duplicate_members.py for plain archives).
    failing, healthy = reports
    path = str(tmp_path / (NAME + ".tar"))
    _pack_failing_name_twice(path, failing, healthy)
    assert main(["triage", path]) == 2
    assert capsys.readouterr().err.strip() == ("pagealloc triage: %s: holds the member %s/%s twice: which one is the "
                                               "host's cannot be told" % (path, NAME, os.path.basename(reports[0])))


def test_a_bundle_with_a_member_twice_in_a_fleet_folder_is_one_error_record_not_a_failed_run(reports, tmp_path):
    folder = tmp_path / "nightly"
    folder.mkdir()
    failing, healthy = reports
    bad = str(folder / (NAME + ".tar"))
    _pack_failing_name_twice(bad, failing, healthy)
    good = folder / os.path.basename(healthy)
    good.write_bytes(open(healthy, "rb").read())
    out = str(tmp_path / "r.jsonl")
    assert main(["fleet", "run", str(folder), "--out", out, "--workers", "1"]) == 0
    records = {r["source"]: r for r in read_records(out)}
    assert records[str(good)]["error"] is None
    assert "twice" in records[bad]["error"]


def test_a_file_named_like_a_bundle_member_never_stands_in_for_it(reports, tmp_path, examples_dir):
    """``BUNDLE!MEMBER`` names a member; a healthy report planted in the folder under exactly that name
    was analysed in the member's place (an existing path is never split), so the failing node read
    MIN_FREE_KBYTES_OK.  The listing now says which sources are members, and they are read from the bundle."""
    import shutil

    nightly = tmp_path / "sosreports"
    nightly.mkdir()
    bundle = make_bundle(str(nightly), reports)
    failing = NAME + "/" + os.path.basename(reports[0])  # the e100 node
    planted = bundle + "!" + failing
    os.makedirs(os.path.dirname(planted))
    shutil.copyfile(os.path.join(examples_dir, "sosreport-healthy.tar.xz"), planted)
    out = str(tmp_path / "r.jsonl")
    assert main(["fleet", "run", str(nightly), "--out", out]) == 0
    records = {r["source"]: r for r in read_records(out)}
    assert records[planted]["host"] == "e100-host"
    assert "MIN_FREE_KBYTES_LOW_ATOMIC_RX" in {v["key"] for v in records[planted]["verdicts"]}
