"""
Large kernel logs scanned while an archive is unpacked (pagealloc.archive.log_members,
pagealloc.kernlog.streamed): the same events, line numbers, sources and survey answers as when
the log is written and read back, the same limits, and the same triage result.
"""

import doctest
import io
import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pagealloc import evaluate
from pagealloc.archive import log_members, open_input
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.errors import InputError
from pagealloc.kernlog import log_survey, streamed
from pagealloc.kernlog.parse import parse_file
from tests.archive_factory import sos_entries, tar_with_entries

TOP = "sosreport-x"
# rsyslog lines (RHEL 7, 3.10.0-1160), one report, a boot banner: what a real messages holds
SYSLOG = (b"Jun 18 07:00:01 web1 kernel: [    0.000000] Linux version 3.10.0-1160.el7.x86_64 "
          b"(mockbuild@x86-vm-26.build.eng.bos.redhat.com) (gcc version 4.8.5 20150623)\n"
          b"Jun 18 07:00:02 web1 systemd[1]: Started Session 1 of user root.\n")
REPORT = (b"Jun 18 07:01:02 web1 kernel: swapper/0: page allocation failure: order:2, mode:0x104020\n"
          b"Jun 18 07:01:02 web1 kernel: CPU: 0 PID: 0 Comm: swapper/0 Not tainted 3.10.0-1160.el7.x86_64 #1\n"
          b"Jun 18 07:01:02 web1 kernel: Call Trace:\n"
          b"Jun 18 07:01:02 web1 kernel: [<ffffffff8b581340>] dump_stack+0x19/0x1b\n"
          b"Jun 18 07:01:02 web1 kernel: Mem-Info:\n")
LINES = st.sampled_from([SYSLOG, REPORT, b"x" * 300 + b"\n", b"-- Reboot --\n", b"no newline", b"\n",
                         b"Jun 18 07:03:00 web1 kernel: \x00vmalloc: allocation failure: 4096 bytes\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(LINES, max_size=40), st.integers(1, 700), st.integers(1, 900), st.integers(4, 64))
def test_line_chunks_pushed_in_any_pieces_are_the_chunks_of_the_stream(parts, chunk, piece, max_line):
    data = b"".join(parts)
    original = log_survey.MAX_LINE
    log_survey.MAX_LINE = max_line  # lines longer than a chunk and than MAX_LINE
    try:
        expected = list(log_survey._chunks(io.BytesIO(data), chunk))
        chunks = log_survey.LineChunks(chunk)
        got = [c for at in range(0, len(data), piece) for c in chunks.push(data[at:at + piece])] + chunks.close()
    finally:
        log_survey.MAX_LINE = original
    assert [(n, bytes(b)) for n, b in got] == [(n, bytes(b)) for n, b in expected]


@settings(max_examples=40, deadline=None)
@given(st.lists(LINES, max_size=60))
def test_read_stream_is_the_file_read_back(tmp_path_factory, parts):
    path = str(tmp_path_factory.mktemp("log") / "messages")
    with open(path, "wb") as out:
        out.write(b"".join(parts))
    with open(path, "rb") as stream:
        read = streamed.read_stream(stream)
    on_disk = parse_file(path, source="/var/log/messages")
    as_read = read.parse_as("/var/log/messages")
    assert repr(as_read) == repr(on_disk)
    with open(path, "rb") as stream:
        assert read.surveys["boot_markers"] == log_survey.boot_markers(stream)
    with open(path, "rb") as stream:
        assert read.surveys["has_kernel_lines"] == log_survey.has_kernel_lines(stream)


def sos_with_messages(path, messages, extra=()):
    return tar_with_entries(path, sos_entries(TOP) + [
        ({"name": TOP + "/var/log/messages"}, messages),
        ({"name": TOP + "/proc/sys/vm/min_free_kbytes"}, b"67584\n")] + list(extra), mode="w:xz")


@pytest.fixture
def stream_everything(monkeypatch):
    monkeypatch.setattr(log_members, "STREAM_MIN_BYTES", 1)
    monkeypatch.setattr(evaluate, "_streamable", None)


def triage_json(archive, streaming, monkeypatch):
    monkeypatch.setattr(evaluate, "_streamable", None if streaming else False)
    return json.dumps(evaluate.evaluate_path(archive), sort_keys=True, default=str)


@pytest.mark.parametrize("body", [SYSLOG * 50 + REPORT + SYSLOG * 3 + REPORT, SYSLOG * 10, b"", b"\x1f\x8b" + SYSLOG])
def test_triage_result_is_the_same_streamed_or_written(tmp_path, monkeypatch, stream_everything, body):
    archive = sos_with_messages(str(tmp_path / "a.tar.xz"), body)
    assert triage_json(archive, True, monkeypatch) == triage_json(archive, False, monkeypatch)
    assert not streamed._READ  # forgotten with the work area


def test_a_streamed_log_is_an_empty_stand_in_and_is_read_through_links(tmp_path, stream_everything):
    archive = sos_with_messages(str(tmp_path / "a.tar.xz"), SYSLOG + REPORT, extra=[
        ({"name": TOP + "/var/log/messages-20240101", "type": b"2", "linkname": "messages"}, None)])
    with open_input(archive, wanted=evaluate.wanted_members(), logs=evaluate.streamable_logs()) as opened:
        stand_in = os.path.join(opened.root, "var", "log", "messages")
        assert os.path.getsize(stand_in) == 0
        linked = streamed.recall(os.path.join(opened.root, "var", "log", "messages-20240101"))
        assert [e.line for e in linked.parse_as("x").events] == [3]


def test_the_limits_count_what_is_streamed(tmp_path, stream_everything):
    archive = sos_with_messages(str(tmp_path / "a.tar.xz"), SYSLOG * 20000)
    limits = ExtractionLimits(max_file_bytes=2**20)
    with pytest.raises(InputError, match="var/log/messages is larger than 1 MiB"):
        evaluate.evaluate_path(archive, limits=limits)
    assert not streamed._READ


def test_a_hardlink_to_a_streamed_log_unpacks_everything(tmp_path, stream_everything):
    archive = sos_with_messages(str(tmp_path / "a.tar.xz"), SYSLOG + REPORT, extra=[
        ({"name": TOP + "/var/log/messages.1", "type": b"1", "linkname": TOP + "/var/log/messages"}, None)])
    with open_input(archive, wanted=evaluate.wanted_members(), logs=evaluate.streamable_logs()) as opened:
        with open(os.path.join(opened.root, "var", "log", "messages.1"), "rb") as stream:
            assert stream.read() == SYSLOG + REPORT
        assert streamed.recall(os.path.join(opened.root, "var", "log", "messages")) is None


def test_a_later_entry_of_the_same_name_as_the_streamed_log_is_refused(tmp_path, monkeypatch, stream_everything):
    # It replaced the scanned log: the report it held vanished ("No problem found").  Which of the two
    # is the host's cannot be told (tests/test_security_duplicate_members.py).
    monkeypatch.setattr(log_members, "STREAM_MIN_BYTES", len(SYSLOG + REPORT))  # the second one is written
    archive = sos_with_messages(str(tmp_path / "a.tar.xz"), SYSLOG + REPORT, extra=[
        ({"name": TOP + "/var/log/messages"}, SYSLOG)])
    with pytest.raises(InputError, match="holds the file %s/var/log/messages twice" % TOP):
        with open_input(archive, wanted=evaluate.wanted_members(), logs=evaluate.streamable_logs()):
            pass


def test_only_the_log_parsers_read_the_streamed_specs():
    logs = evaluate.streamable_logs()
    assert logs is not None
    assert logs.streams(TOP + "/var/log/messages") and logs.streams(TOP + "/sos_commands/kernel/dmesg")
    assert not logs.streams(TOP + "/var/log/messages-20240101.gz") and not logs.streams(TOP + "/proc/zoneinfo")


def test_doc_examples():
    failed, _ = doctest.testmod(streamed, optionflags=doctest.ELLIPSIS)
    assert failed == 0


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([SYSLOG, REPORT, b"-- Reboot --\n", b"  -- Boot 0123456789abcdef0123456789abcdef --\n",
                                 b"x -- Reboot -- y\n", b"Linux version Linux version 5.14.0 (x)\n", b"\n"]), max_size=50))
def test_boot_markers_are_the_same_with_hyperscan_or_bytes_find(parts):
    data = b"".join(parts)
    found = log_survey.boot_markers(io.BytesIO(data), chunk_size=97)
    saved = os.environ.get("PAGEALLOC_MATCHER")
    os.environ["PAGEALLOC_MATCHER"] = "stdlib"
    try:
        assert log_survey.boot_markers(io.BytesIO(data), chunk_size=97) == found
    finally:
        if saved is None:
            del os.environ["PAGEALLOC_MATCHER"]
        else:
            os.environ["PAGEALLOC_MATCHER"] = saved
