"""The embedded runner (``pagealloc fleet run``): pool, JSONL, resume, timeout, crash isolation."""

import doctest
import io
import json
import os
import signal
import subprocess
import time

import pytest

import pagealloc.evaluate
from pagealloc.cli import main
from pagealloc.errors import InputError
from pagealloc.fleet import jsonl, locations, sources
from pagealloc.fleet.jsonl import ResultsWriter, read_records
from pagealloc.fleet.record import error_record
from pagealloc.fleet.report import summarise
from pagealloc.fleet.runner import run_fleet
from pagealloc.progress import Progress
from tests.fleet.archives import host_name, make_archives
from tests.fleet.workers import slow_pagealloc_command, wait_for


@pytest.fixture(scope="module")
def six_archives(tmp_path_factory):
    return make_archives(str(tmp_path_factory.mktemp("six")), 6)


def test_doc_examples():
    for module in (jsonl, sources, locations):
        failed, _ = doctest.testmod(module)
        assert failed == 0, module.__name__


def test_one_record_per_archive_with_host_and_figures(six_archives, tmp_path):
    out = str(tmp_path / "r.jsonl")
    assert run_fleet(six_archives, out, workers=3, timeout=60) == {"total": 6, "skipped": 0, "analysed": 6, "errors": 0}
    records = {r["source"]: r for r in read_records(out)}
    assert sorted(records) == sorted(six_archives)
    for index, source in enumerate(six_archives):
        assert records[source]["error"] is None
        assert records[source]["host"] == host_name(index)
        assert set(records[source]["figures"]) == {
            "kernel", "mem_total_kb", "min_free_kbytes_current", "min_free_kbytes_default",
            "min_free_kbytes_recommended", "failures", "suppressed", "drivers", "problem", "confidence",
            "failures_current_boot", "failures_matching_host", "failures_set_aside",
            "pfmemalloc_drops", "nic_rx_alloc_failures", "silent_rx_failures"}
        assert records[source]["archive_time"].endswith("Z") and records[source]["figures"]["mem_total_kb"] > 0
        # Even archives are the e100 example renamed: its one failure is in this boot's dmesg, on the
        # same host name, kernel, memory and reserve -> counted as this host's current boot.
        figures, events = records[source]["figures"], records[source]["failure_events"]
        expected = 1 if index % 2 == 0 else 0
        assert (figures["failures_current_boot"], figures["failures_matching_host"], figures["failures_set_aside"]) \
            == (expected, expected, 0)
        assert [(e["matches_host"], e["role"], e["current_boot"]) for e in events] == [(True, "current", True)] * expected


def test_a_second_run_skips_archives_already_in_the_output(six_archives, tmp_path):
    out = str(tmp_path / "r.jsonl")
    run_fleet(six_archives[:4], out, workers=2, timeout=60)
    with open(out, "a") as handle:
        handle.write('{"source": "%s", "host": "torn' % six_archives[4])  # an interrupted write
    counts = run_fleet(six_archives, out, workers=2, timeout=60)
    assert counts == {"total": 6, "skipped": 4, "analysed": 2, "errors": 0}
    assert sorted(r["source"] for r in read_records(out)) == sorted(six_archives)


def test_retry_errors_reanalyses_failed_archives_and_the_success_counts(six_archives, tmp_path):
    out = str(tmp_path / "r.jsonl")
    with ResultsWriter(out) as writer:  # last night: one archive timed out under load
        writer.write(error_record(six_archives[0], "analysis exceeded 600 s and was stopped"))
    assert run_fleet(six_archives[:2], out, workers=2, timeout=60)["skipped"] == 1
    assert run_fleet(six_archives[:2], out, workers=2, timeout=60, retry_errors=True)["analysed"] == 1
    lines = [r for r in read_records(out) if r["source"] == six_archives[0]]
    assert [r["error"] is None for r in lines] == [False, True]
    summary = summarise(read_records(out))
    assert summary["totals"] == {"archives": 2, "analysed": 2, "errors": 0, "hosts": 2, "hosts_to_fix": 1}


def test_a_hung_archive_is_stopped_at_its_deadline_and_recorded(six_archives, tmp_path, monkeypatch):
    real = pagealloc.evaluate.evaluate_path

    def hangs_on_the_first(path, **kwargs):
        if path == six_archives[0]:
            time.sleep(3600)
        return real(path, **kwargs)

    # Children are forked, so they run the patched function.
    monkeypatch.setattr(pagealloc.evaluate, "evaluate_path", hangs_on_the_first)
    out = str(tmp_path / "r.jsonl")
    started = time.monotonic()
    counts = run_fleet(six_archives[:3], out, workers=2, timeout=2)
    assert time.monotonic() - started < 20
    assert counts["errors"] == 1 and counts["analysed"] == 3
    records = {r["source"]: r for r in read_records(out)}
    assert records[six_archives[0]]["error"] == "analysis exceeded 2 s and was stopped"
    assert records[six_archives[1]]["error"] is None


def test_a_child_stopped_at_its_deadline_removes_its_work_dir(six_archives, tmp_path, monkeypatch):
    from pagealloc.archive.workdir import private_workdir

    note = tmp_path / "workdir.txt"

    def hangs_inside_its_work_dir(path, **kwargs):
        with private_workdir() as workdir:
            note.write_text(workdir)
            time.sleep(3600)

    monkeypatch.setattr(pagealloc.evaluate, "evaluate_path", hangs_inside_its_work_dir)
    counts = run_fleet(six_archives[:1], str(tmp_path / "r.jsonl"), workers=1, timeout=1)
    assert counts["errors"] == 1
    assert note.read_text().startswith("/") and not os.path.exists(note.read_text())


def test_a_crashing_analysis_costs_one_archive_not_the_run(six_archives, tmp_path, monkeypatch):
    real = pagealloc.evaluate.evaluate_path

    def dies_on_the_second(path, **kwargs):
        if path == six_archives[1]:
            os._exit(70)  # as if killed: no answer at all
        if path == six_archives[2]:
            raise InputError("%s: truncated xz stream" % path)
        return real(path, **kwargs)

    monkeypatch.setattr(pagealloc.evaluate, "evaluate_path", dies_on_the_second)
    out = str(tmp_path / "r.jsonl")
    counts = run_fleet(six_archives[:3], out, workers=1, timeout=60)
    assert counts["errors"] == 2
    records = {r["source"]: r for r in read_records(out)}
    assert records[six_archives[1]]["error"] == "analysis process died (exit code 70) on %s" % six_archives[1]
    assert records[six_archives[2]]["error"] == "%s: truncated xz stream" % six_archives[2]
    assert records[six_archives[0]]["error"] is None


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        bar = Progress("archives", stream, total=2)
        bar.advance(failed=False)
        bar.advance(failed=True)
    assert pipe.getvalue() == ""
    assert tty.getvalue().endswith("\r[" + "#" * 30 + "] 2/2 archives, 1 errors\n")


def test_cli_run_on_a_directory_and_a_missing_target(six_archives, tmp_path, capsys):
    out = tmp_path / "r.jsonl"
    folder = os.path.dirname(six_archives[0])
    assert main(["fleet", "run", folder, "--workers", "2", "--out", str(out)]) == 0
    assert json.loads(capsys.readouterr().err.strip().splitlines()[-1])["analysed"] == 6
    assert main(["fleet", "run", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
    assert capsys.readouterr().err.strip().endswith("nowhere: no such directory or list file")


def test_location_outside_the_allowed_roots_through_a_symlink_is_rejected(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    secret = tmp_path / "secret.tar.xz"
    secret.write_bytes(b"x")
    (allowed / "link.tar.xz").symlink_to(secret)
    fs = locations.AllowedRoots(allowed_roots=str(allowed))
    with pytest.raises(locations.LocationRejected, match="outside the allowed roots"):
        fs.local_path(str(allowed / "link.tar.xz"))
    with pytest.raises(locations.LocationRejected, match="no such archive"):
        fs.local_path(str(allowed / "gone.tar.xz"))
    with pytest.raises(locations.LocationRejected, match="URL not under an allowed prefix"):
        with fs.get("http://127.0.0.1:9/a.tar.xz"):
            pass
    (allowed / "ok.tar.xz").write_bytes(b"x")
    with fs.get("file://" + str(allowed / "ok.tar.xz")) as path:
        assert path == str(allowed / "ok.tar.xz")


def test_unreachable_allowed_url_is_rejected_with_the_reason():
    fs = locations.AllowedRoots(allowed_url_prefixes="http://127.0.0.1:9/", download_timeout_s=5)
    with pytest.raises(locations.LocationRejected, match=r"cannot download http://127.0.0.1:9/a.tar.xz: .*refused"):
        with fs.get("http://127.0.0.1:9/a.tar.xz"):
            pass


def test_cli_collect_from_an_unreachable_broker_exits_2(tmp_path, capsys):
    from tests.fleet.rabbitmq import free_port

    url = "amqp://guest:guest@127.0.0.1:%d/%%2F" % free_port()  # nothing listens there
    assert main(["fleet", "collect", "--broker", url, "--out", str(tmp_path / "r.jsonl"), "--timeout", "1"]) == 2
    assert capsys.readouterr().err.strip().splitlines()[-1] == "pagealloc fleet: broker unreachable: AMQPConnectionError"


def test_missing_rabbitmq_fails_in_ci_and_skips_elsewhere():
    from tests.fleet.rabbitmq import rabbitmq_server_or_skip

    def nowhere():
        return None

    with pytest.raises(pytest.fail.Exception, match="PAGEALLOC_REQUIRE_SERVICES=1"):
        rabbitmq_server_or_skip(nowhere, {"PAGEALLOC_REQUIRE_SERVICES": "1"})
    with pytest.raises(pytest.skip.Exception, match="rabbitmq-server is not installed"):
        rabbitmq_server_or_skip(nowhere, {})


def test_sigterm_stops_a_run_cleanly_and_the_next_run_resumes(six_archives, tmp_path):
    workarea = tmp_path / "tmp"
    workarea.mkdir()
    out = tmp_path / "r.jsonl"
    command = slow_pagealloc_command(1.0) + ["fleet", "run", os.path.dirname(six_archives[0]), "--workers", "1",
                                             "--out", str(out)]
    run = subprocess.Popen(command, env=dict(os.environ, TMPDIR=str(workarea)), stderr=subprocess.PIPE)
    wait_for(lambda: out.exists() and out.read_text().count("\n") >= 1, timeout=60, interval=0.05,
             what="the first record")
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=30)
    assert run.returncode == 143
    assert err.decode().strip().endswith("interrupted; finished archives are in %s, run again to resume" % out)
    done = list(read_records(str(out)))
    assert 1 <= len(done) < 6
    assert os.listdir(workarea) == []  # the interrupted child removed its work dir
    counts = run_fleet(six_archives, str(out), workers=2, timeout=60)
    assert counts["skipped"] == len(done) and counts["analysed"] == 6 - len(done)

