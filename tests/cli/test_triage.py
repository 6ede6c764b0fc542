"""
``pagealloc triage`` end to end: the installed command, run by subprocess, on
the bundled examples and on archives built here in every packing.
"""

import json
import os
import shutil
import tarfile

import pytest
import yaml

from tests.archive_factory import PACKINGS, pack, tree_checksum
from tests.cli.triage_helpers import assert_one_line_error, examples_dir, run_triage, verdict_keys

E100 = "sosreport-e100-rx-failure"
HEALTHY = "sosreport-healthy"
MAIN_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_RX"


@pytest.fixture(scope="module")
def examples(pytestconfig):
    return examples_dir(pytestconfig)


@pytest.fixture(scope="module")
def e100_json(examples):
    completed = run_triage(os.path.join(examples, E100), "--format", "json")
    assert completed.returncode == 1, completed.stderr
    return json.loads(completed.stdout)


def test_e100_example_exits_1_with_a_pasteable_remediation(examples):
    before = tree_checksum(os.path.join(examples, E100))
    completed = run_triage(os.path.join(examples, E100))
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].startswith("Network receive ran out of atomic memory reserve on e100-host: raise")
    assert "\nprintf '%s\\n' 'vm.min_free_kbytes = 4096' > /etc/sysctl.d/" in completed.stdout
    assert "  check      %s" % MAIN_KEY in lines  # the key only in the details
    assert "1908  below min" in completed.stdout  # the seed's Normal zone: free 716 kB < min 1908 kB
    assert tree_checksum(os.path.join(examples, E100)) == before


def test_healthy_example_exits_0(examples):
    completed = run_triage(os.path.join(examples, HEALTHY))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.startswith("No problem found on healthy-host\n")


def test_bundled_tar_xz_gives_the_same_verdicts_as_the_directory(examples, e100_json):
    archive = os.path.join(examples, E100 + ".tar.xz")
    before = tree_checksum(archive)
    completed = run_triage(archive, "--format", "json")
    assert completed.returncode == 1
    assert verdict_keys(completed) == {(v["key"], v["type"]) for v in e100_json["verdicts"]}
    assert tree_checksum(archive) == before


def test_json_document_has_the_contract_keys(e100_json, examples):
    assert {"host", "source", "verdicts", "memory_picture", "events", "errors", "pagealloc_version"} <= set(e100_json)
    assert e100_json["source"] == os.path.join(examples, E100)
    fail = next(v for v in e100_json["verdicts"] if v["key"] == MAIN_KEY)
    assert fail["type"] == "fail" and fail["rule"].startswith("pagealloc.rules.")
    assert fail["details"]["remediation"]["runtime_command"].startswith("sysctl -w vm.min_free_kbytes=")
    assert e100_json["events"][0]["order"] == 0 and e100_json["events"][0]["driver"] == "e100"
    assert e100_json["memory_picture"]["min_free_kbytes"]["current"] is not None


@pytest.mark.parametrize("packing", PACKINGS)
def test_every_packing_of_the_e100_report_gives_the_same_verdicts(tmp_path, examples, e100_json, packing):
    tree = shutil.copytree(os.path.join(examples, E100), tmp_path / E100, symlinks=True)
    archive = pack(str(tree), str(tmp_path), packing)
    completed = run_triage(archive, "--format", "json")
    assert completed.returncode == 1, completed.stderr
    assert verdict_keys(completed) == {(v["key"], v["type"]) for v in e100_json["verdicts"]}


def test_nested_as_ticket_tools_unpack(tmp_path, examples, e100_json):
    ticket = tmp_path / "case-01234567"
    ticket.mkdir()
    shutil.copy(os.path.join(examples, E100 + ".tar.xz"), ticket)
    folder = tmp_path / "case-folder"
    shutil.copytree(os.path.join(examples, E100), folder / E100, symlinks=True)
    for nested in (ticket, folder):
        completed = run_triage(nested, "--format", "json")
        assert completed.returncode == 1, completed.stderr
        assert verdict_keys(completed) == {(v["key"], v["type"]) for v in e100_json["verdicts"]}


@pytest.mark.parametrize("fmt", ("yaml", "markdown", "html"))
def test_every_format_on_the_e100_example(tmp_path, examples, e100_json, fmt):
    out = tmp_path / ("report." + fmt)
    completed = run_triage(os.path.join(examples, E100), "--format", fmt, "--output", out)
    assert completed.returncode == 1 and completed.stdout == ""
    text = out.read_text()
    if fmt == "yaml":
        assert yaml.safe_load(text)["verdicts"] == e100_json["verdicts"]
    elif fmt == "markdown":
        assert text.startswith("## Network receive ran out") and "```sh\nprintf '%s\\n' 'vm.min_free_kbytes" in text
    else:
        assert text.startswith("<!DOCTYPE html>") and text.count("<svg") == 3 and 'id="remediation"' in text  # zones, timeline, sar load


@pytest.mark.parametrize("extension,fmt", [("html", "html"), ("md", "markdown"), ("json", "json"),
                                           ("yaml", "yaml"), ("txt", "text")])
def test_output_extension_picks_the_format_unless_format_is_given(tmp_path, examples, extension, fmt):
    out = tmp_path / ("report." + extension)
    assert run_triage(os.path.join(examples, E100), "--output", out).returncode == 1
    starts = {"html": "<!DOCTYPE html>", "markdown": "## Network", "json": "{", "yaml": "host:", "text": "Network"}
    assert out.read_text().startswith(starts[fmt])
    assert run_triage(os.path.join(examples, E100), "--output", out, "--format", "text").returncode == 1
    assert out.read_text().startswith("Network receive ran out")


def test_save_writes_every_format(tmp_path, examples):
    completed = run_triage(os.path.join(examples, E100), "--save", tmp_path / "reports")
    assert completed.returncode == 1 and completed.stdout.startswith("Network receive")
    saved = {p.name: p.read_text() for p in (tmp_path / "reports").iterdir()}
    assert sorted(saved) == ["report.html", "report.json", "report.md", "report.txt", "report.yaml"]
    assert saved["report.txt"] == completed.stdout
    assert json.loads(saved["report.json"]) == yaml.safe_load(saved["report.yaml"])


def test_quiet_and_show_problems(examples):
    quiet = run_triage(os.path.join(examples, E100), "--quiet")
    assert (quiet.returncode, quiet.stdout) == (1, "")
    problems = run_triage(os.path.join(examples, E100), "--format", "json", "--show", "problems")
    assert {t for _, t in verdict_keys(problems)} == {"fail"}


def test_colour_is_off_when_not_a_terminal_and_never_with_no_color(examples):
    assert "\x1b[" not in run_triage(os.path.join(examples, E100)).stdout
    assert "\x1b[" not in run_triage(os.path.join(examples, E100), env={"NO_COLOR": "1"}).stdout


def test_plain_dmesg_log_gives_log_based_verdicts_and_names_what_is_missing(examples, tmp_path):
    log = tmp_path / "dmesg.txt"
    shutil.copy(os.path.join(examples, E100, "sos_commands/kernel/dmesg"), log)
    completed = run_triage(log, "--format", "json")
    assert completed.returncode in (0, 1), completed.stderr
    result = json.loads(completed.stdout)
    assert result["input"]["kind"] == "log" and result["source"] == str(log)
    assert [e["source"] for e in result["events"]] == [str(log)]
    assert result["events"][0]["order"] == 0 and result["events"][0]["gfp_mask"] == "0x20"
    assert result["verdicts"], "a log with a failure gets at least one verdict"
    text = run_triage(log).stdout
    assert "only log-based checks apply" in " ".join(text.split())
    if completed.returncode == 0:  # without the memory picture the reserve cannot be judged
        assert text.startswith("Page allocation failures")


def test_corrupt_archive_exits_2_with_one_line(tmp_path, examples):
    data = open(os.path.join(examples, E100 + ".tar.xz"), "rb").read()
    broken = tmp_path / "sosreport-broken.tar.xz"
    broken.write_bytes(data[: len(data) // 2])
    line = assert_one_line_error(run_triage(broken))
    assert "corrupt or truncated" in line and str(broken) in line


@pytest.mark.parametrize("case", ["missing", "empty", "wrong-kind", "traversal", "bad-limit", "unwritable-output"])
def test_inputs_that_cannot_be_analysed_exit_2(tmp_path, examples, case):
    args, env = [], None
    if case == "missing":
        args = [tmp_path / "nope.tar.xz"]
    elif case == "empty":
        (tmp_path / "empty.zip").write_bytes(b"")
        args = [tmp_path / "empty.zip"]
    elif case == "wrong-kind":
        (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 64)
        args = [tmp_path / "photo.jpg"]
    elif case == "traversal":
        with tarfile.open(tmp_path / "evil.tar.gz", "w:gz") as archive:
            archive.add(os.path.join(examples, E100, "etc/hostname"), arcname="../../../tmp/owned")
        args = [tmp_path / "evil.tar.gz"]
    elif case == "bad-limit":
        args, env = [os.path.join(examples, E100 + ".tar.xz")], {"PAGEALLOC_MAX_TOTAL_MB": "lots"}
    else:
        args = [os.path.join(examples, E100), "--output", tmp_path / "no-such-dir" / "report.txt"]
    line = assert_one_line_error(run_triage(*args, env=env))
    assert {"missing": "no such file", "empty": "empty file", "wrong-kind": "neither an archive",
            "traversal": "escapes the archive", "bad-limit": "PAGEALLOC_MAX_TOTAL_MB",
            "unwritable-output": "cannot write"}[case] in line


def test_limits_from_the_command_line(examples):
    line = assert_one_line_error(run_triage(os.path.join(examples, E100 + ".tar.xz"), "--max-entries", "3"))
    assert "more than 3 entries" in line


def test_debug_shows_the_traceback(tmp_path):
    (tmp_path / "empty.tar.gz").write_bytes(b"")
    completed = run_triage(tmp_path / "empty.tar.gz", "--debug")
    assert completed.returncode == 2 and "Traceback" in completed.stderr
