"""
The benchmark input generators: deterministic, well-formed, and holding
exactly the reports they claim (timing is not tested here).
"""

import doctest
import io
import re

import pytest

from bench import archives, fleet_budget, harness, inputs, kernel_reports, logs

SYSLOG_LINE = re.compile(rb"^[A-Z][a-z]{2} [ 123]\d \d\d:\d\d:\d\d db-prod-07 [\w./-]+(\[\d+\])?: .*$")
DMESG_LINE = re.compile(rb"^\[ *(\d+)\.(\d{6})\] .*$")


@pytest.mark.parametrize("module", [kernel_reports, logs, harness, archives, inputs, fleet_budget])
def test_doc_examples(module):
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failed == 0


def _messages(size, reports, seed):
    out = io.BytesIO()
    facts = logs.write_messages(out, size=size, reports=reports, seed=seed)
    return out.getvalue(), facts


def test_messages_same_seed_same_bytes_other_seed_other_bytes():
    first, _ = _messages(600000, 4, seed=3)
    again, _ = _messages(600000, 4, seed=3)
    other, _ = _messages(600000, 4, seed=4)
    assert first == again
    assert first != other


def test_messages_hold_exactly_the_reports_they_claim_in_syslog_format():
    data, facts = _messages(1 << 20, 20, seed=1)
    lines = data.split(b"\n")
    assert lines[-1] == b""  # ends on a whole line
    assert all(SYSLOG_LINE.match(line) for line in lines[:-1])
    assert data.count(b"page allocation failure") == facts["page_allocation_failures"] == 20
    # The 9 page allocation failure eras are used in turn: 20 reports = 2 full rounds + 2.
    assert facts["eras"][:9] == [r.era for r in kernel_reports.PAGE_ALLOCATION_FAILURES]
    assert facts["eras"][18:] == ["2.6.32", "3.10-rhel7"]
    assert facts["bytes"] == len(data) <= 1 << 20
    # journald -> rsyslog escapes the Mem-Info counters' newlines (3.10+ only):
    # 20 reports minus the three 2.6.32 ones (reports 1, 10 and 19).
    assert data.count(b"isolated_anon:0#012 active_file:") == 17


def test_messages_timestamps_never_go_backwards():
    data, _ = _messages(400000, 3, seed=2)
    month = {m.encode(): i for i, m in enumerate(logs._MONTHS)}
    stamps = [(month[line[:3]], int(line[4:6]), line[7:15]) for line in data.split(b"\n") if line]
    assert stamps == sorted(stamps)


def test_messages_too_small_for_the_reports_is_refused():
    with pytest.raises(ValueError):
        _messages(20000, 20, seed=1)


def test_dense_dmesg_is_deterministic_and_counts_every_report():
    out, again = io.BytesIO(), io.BytesIO()
    facts = logs.write_dense_dmesg(out, size=200000)
    logs.write_dense_dmesg(again, size=200000)
    data = out.getvalue()
    assert data == again.getvalue() and facts["bytes"] == len(data)
    chunk = len(data) // facts["chunks"]
    assert facts["chunks"] == 200000 // chunk
    # 11 reports per chunk: 9 page allocation failures, 1 stall, 1 vmalloc failure.
    assert facts["events_by_kind"] == {"page-allocation-failure": 9 * facts["chunks"],
                                       "allocation-stall": facts["chunks"], "vmalloc-failure": facts["chunks"]}
    assert data.count(b"page allocation failure") == 9 * facts["chunks"]
    stamps = []
    for line in data.split(b"\n")[:-1]:
        match = DMESG_LINE.match(line)
        assert match, line
        stamps.append((int(match.group(1)), int(match.group(2))))
    assert stamps == sorted(stamps) and stamps[0] == (10000, 0)


def test_buddy_lines_add_up_to_their_printed_totals():
    buddy = re.compile(r"^(?:Node \d+,? )?\w+: (\d+\*4kB .*) = (\d+)kB$", re.M)
    checked = 0
    for report in kernel_reports.REPORTS:
        for blocks, total in buddy.findall(report.text):
            assert sum(int(n) * int(k) for n, k in re.findall(r"(\d+)\*(\d+)kB", blocks)) == int(total)
            checked += 1
    assert checked == 26


def _template(tmp_path, messages=True):
    """A minimal sos-style template: one top folder, hostname, messages (unless not), a symlink."""
    import tarfile

    path = str(tmp_path / "template.tar")
    with tarfile.open(path, "w") as archive:
        files = (("sosreport-web-1/etc/hostname", b"web-1\n"),
                 ("sosreport-web-1/sos_commands/host/hostname", b"web-1\n"),
                 ("sosreport-web-1/var/log/messages",
                  b"Jun 17 18:30:00 web-1 kernel: swapper: page allocation failure. order:0, mode:0x20\n"))
        for name, text in files[:None if messages else 2]:
            info = tarfile.TarInfo(name)
            info.size = len(text)
            archive.addfile(info, io.BytesIO(text))
        link = tarfile.TarInfo("sosreport-web-1/etc/localtime")
        link.type, link.linkname = tarfile.SYMTYPE, "../usr/share/zoneinfo/UTC"
        archive.addfile(link)
    return archives.load_template(path)


def test_fleet_archives_are_reproducible_and_renamed_everywhere(tmp_path):
    import tarfile

    template = _template(tmp_path)
    first = archives.write_fleet(str(tmp_path), 2, [template])
    digests = [open(p, "rb").read() for p in first]
    again = archives.write_fleet(str(tmp_path), 2, [template])
    assert [open(p, "rb").read() for p in again] == digests  # gzip time 0, fixed member times
    with tarfile.open(first[1]) as archive:
        names = archive.getnames()
        assert all(n.startswith("sosreport-fleet-host-001") for n in names)
        messages = archive.extractfile("sosreport-fleet-host-001/var/log/messages").read()
        assert messages.startswith(b"Jun 17 18:30:00 fleet-host-001 kernel: ")
        assert archive.getmember("sosreport-fleet-host-001/etc/localtime").linkname == "../usr/share/zoneinfo/UTC"


def test_big_sosreport_keeps_the_template_report_last(tmp_path):
    import tarfile

    path = str(tmp_path / "big.tar.xz")
    size = archives.write_big_sosreport(path, _template(tmp_path), 300000, seed=5)
    with tarfile.open(path) as archive:
        messages = archive.extractfile("sosreport-web-1-big/var/log/messages").read()
    assert len(messages) == size and 290000 < size <= 300000 + 100
    lines = messages.split(b"\n")
    assert lines[-2] == b"Jun 17 18:30:00 web-1 kernel: swapper: page allocation failure. order:0, mode:0x20"
    assert messages.count(b"page allocation failure") == 1
    assert all(line[16:].startswith(b"web-1 ") for line in lines[:-1])  # "Mmm dd HH:MM:SS " is 16 bytes


def test_a_sosreport_without_messages_gets_one_with_its_folders(tmp_path):
    import tarfile

    path = str(tmp_path / "real.tar.xz")
    facts = archives.write_sosreport_with_messages(path, _template(tmp_path, messages=False), 300000, reports=2)
    with tarfile.open(path) as archive:
        names = archive.getnames()
        messages = archive.extractfile("sosreport-web-1/var/log/messages").read()
    assert names.index("sosreport-web-1/var") < names.index("sosreport-web-1/var/log") \
        < names.index("sosreport-web-1/var/log/messages")
    assert len(messages) == facts["messages_bytes"] and 290000 < len(messages) <= 300000
    assert messages.count(b"page allocation failure") == facts["page_allocation_failures"] == 2
    assert all(line[16:].startswith(b"web-1 ") for line in messages.split(b"\n")[:-1])
