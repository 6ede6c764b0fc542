"""
A kernel log saved as UTF-16 (a Windows editor's "Unicode", PowerShell's ``>``: with a byte order mark,
little or big endian, or without one) or as UTF-8 with a mark is text people paste: every reader decodes
it (``pagealloc.kernlog.text_encoding``) and the report gives the same figures as the UTF-8 log.  A true
binary file is still refused, also one that starts with a UTF-16 mark by chance.

Before: ``triage`` refused every UTF-16 log ("neither an archive ... nor a text log"), a gzip of one was
"corrupt or truncated archive", and ``parse-log`` read it by dropping the NUL bytes, which turned every
character beyond ASCII into U+FFFD (a comm ``høst`` became ``h\\ufffdst``).
"""

import gzip
import io
import json
import os
import subprocess

import pytest

from pagealloc.kernlog import streamed
from pagealloc.kernlog.parse import parse_file
from tests.archive_factory import seed_dmesg, write_sos_tree
from tests.cli.triage_helpers import BIN, run_triage

# The seed (Linux 2.6.32, e100) with a task name beyond ASCII (a comm is any 15 bytes a program sets,
# prctl(PR_SET_NAME)), and a line of a forum paste around it.
LOG = "内核日志 (forum paste)\n" + seed_dmesg().replace("swapper", "høst")

ENCODINGS = {
    "utf-16 LE with mark": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16 BE with mark": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "utf-16 LE": lambda text: text.encode("utf-16-le"),
    "utf-16 BE": lambda text: text.encode("utf-16-be"),
    "utf-16 LE with mark, CRLF": lambda text: b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"),
    "utf-8 with mark": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
}


def figures(completed, name):
    assert completed.returncode in (0, 1), completed.stderr
    return completed.stdout.replace(json.dumps(name)[1:-1], "LOG")


@pytest.fixture(scope="module")
def utf8_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("utf8") / "messages.log"
    path.write_bytes(LOG.encode("utf-8"))
    return figures(run_triage(path, "--format", "json"), str(path))


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_triage_of_a_log_in_another_unicode_encoding_gives_the_same_report(tmp_path, utf8_report, encoding):
    path = tmp_path / "messages.log"
    path.write_bytes(ENCODINGS[encoding](LOG))
    report = figures(run_triage(path, "--format", "json"), str(path))
    assert report == utf8_report
    assert json.loads(report)["events"][0]["comm"] == "høst"


def test_a_gzipped_utf16_log_is_a_log(tmp_path, utf8_report):
    path = tmp_path / "messages.log"
    path.write_bytes(gzip.compress(LOG.encode("utf-16")))
    report = json.loads(figures(run_triage(path, "--format", "json"), str(path)))
    expected = json.loads(utf8_report)
    assert report["verdicts"] == expected["verdicts"] and report["events"] == expected["events"]


@pytest.mark.parametrize("encoding", ["utf-16 LE with mark", "utf-16 BE"])
def test_parse_log_decodes_it(tmp_path, encoding):
    plain, other = tmp_path / "plain.log", tmp_path / "other.log"
    plain.write_bytes(LOG.encode("utf-8"))
    other.write_bytes(ENCODINGS[encoding](LOG))
    runs = [subprocess.run([os.path.join(BIN, "pagealloc"), "parse-log", "--json", str(path)], capture_output=True,
                           text=True, timeout=60) for path in (plain, other)]
    events = [json.loads(run.stdout) for run in runs]
    for event in events[1]:
        event["source"] = str(plain)
    assert events[1] == events[0] and events[0][0]["comm"] == "høst"


def test_a_sosreport_member_in_utf16_gives_the_same_report(tmp_path):
    reports = []
    for name, data in (("utf8", LOG.encode("utf-8")), ("utf16", LOG.encode("utf-16"))):
        root = write_sos_tree(str(tmp_path / name))
        with open(os.path.join(root, "sos_commands/kernel/dmesg"), "wb") as handle:
            handle.write(data)
        reports.append(figures(run_triage(root, "--format", "json"), root))
    assert reports[0] == reports[1] and json.loads(reports[1])["events"][0]["comm"] == "høst"


def test_a_streamed_log_member_in_utf16_gives_the_parse_of_the_file(tmp_path):
    """Large log members are scanned as they are unpacked (kernlog.streamed), never written."""
    path = tmp_path / "messages"
    path.write_bytes(LOG.encode("utf-8"))
    scanned = streamed.read_stream(io.BytesIO(LOG.encode("utf-16"))).parse_as(str(path))
    assert [e.to_dict() for e in scanned.events] == [e.to_dict() for e in parse_file(str(path)).events]


@pytest.mark.parametrize("head", [b"", b"\xff\xfe", b"\xfe\xff"], ids=["random", "LE mark", "BE mark"])
def test_binary_is_still_refused(tmp_path, head):
    path = tmp_path / "core.bin"
    path.write_bytes(head + os.urandom(64 * 1024))
    completed = run_triage(path)
    assert completed.returncode == 2 and "neither an archive" in completed.stderr, completed.stderr


def test_doc_examples():
    import doctest

    from pagealloc.kernlog import text_encoding

    assert doctest.testmod(text_encoding)[0] == 0
