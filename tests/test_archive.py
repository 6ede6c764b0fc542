"""
pagealloc.archive: every packing opens to the right insights-core context,
and hostile or broken archives raise InputError with one line, write nothing
outside the private work area and leave no work area behind.
"""

import doctest
import io
import os
import stat
import tarfile
import tempfile
import zipfile

import pytest
from insights.core.context import HostArchiveContext, SerializedArchiveContext, SosArchiveContext

import pagealloc.archive
import pagealloc.archive.extract
import pagealloc.archive.limits
import pagealloc.archive.log_members
import pagealloc.archive.read_ahead
import pagealloc.archive.selection
import pagealloc.archive.tree
from pagealloc.archive import open_input
from pagealloc.archive.limits import ExtractionLimits
from pagealloc.errors import InputError
from tests.archive_factory import (
    PACKINGS,
    pack,
    seed_dmesg,
    sos_entries,
    tar_with_entries,
    tree_checksum,
    write_sos_tree,
)


@pytest.fixture
def work_base(tmp_path, monkeypatch):
    """Route mkdtemp to a directory of our own, to see what is left behind."""
    base = tmp_path / "tmpbase"
    base.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(base))
    yield base
    assert os.listdir(base) == [], "work area not removed"


@pytest.fixture
def sos_tree(tmp_path):
    return write_sos_tree(str(tmp_path / "input"))


def test_doc_examples():
    for module in (pagealloc.archive, pagealloc.archive.extract, pagealloc.archive.limits, pagealloc.archive.selection,
                   pagealloc.archive.tree, pagealloc.archive.log_members, pagealloc.archive.read_ahead):
        failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert failed == 0, module.__name__


@pytest.mark.parametrize("packing", PACKINGS)
def test_every_packing_opens_as_a_sosreport_with_the_dmesg_intact(tmp_path, work_base, sos_tree, packing):
    archive = pack(sos_tree, str(tmp_path), packing)
    before = tree_checksum(archive)
    with open_input(archive) as opened:
        assert (opened.kind, opened.context, opened.packing) == ("sos", SosArchiveContext, packing)
        assert opened.root.startswith(str(work_base))
        assert os.path.basename(opened.root) == "sosreport-web1-2026-11-26-abcdef"
        with open(os.path.join(opened.root, "sos_commands/kernel/dmesg"), encoding="utf-8") as stream:
            assert stream.read() == seed_dmesg()
        assert stat.S_IMODE(os.stat(os.path.dirname(os.path.dirname(opened.root))).st_mode) == 0o700
    assert tree_checksum(archive) == before


def test_directory_is_copied_to_the_work_area_and_left_unchanged(work_base, sos_tree):
    before = tree_checksum(sos_tree)
    with open_input(sos_tree) as opened:
        assert (opened.kind, opened.packing) == ("sos", "directory")
        assert opened.root.startswith(str(work_base)) and tree_checksum(opened.root) != before  # other mtimes
        with open(os.path.join(opened.root, "sos_commands/kernel/dmesg"), encoding="utf-8") as stream:
            assert stream.read() == seed_dmesg()
    assert tree_checksum(sos_tree) == before


def test_directory_holding_one_sosreport_folder_is_found(tmp_path, work_base, sos_tree):
    with open_input(str(tmp_path / "input")) as opened:
        assert opened.kind == "sos" and opened.root.endswith(os.sep + os.path.basename(sos_tree))


def test_directory_holding_one_archive_and_its_checksum_is_extracted(tmp_path, work_base, sos_tree):
    ticket = tmp_path / "ticket-01234567"
    ticket.mkdir()
    archive = pack(sos_tree, str(ticket), "tar.xz")
    (ticket / (os.path.basename(archive) + ".sha256")).write_text("0" * 64 + "\n")
    before = tree_checksum(str(ticket))
    with open_input(str(ticket)) as opened:
        assert opened.kind == "sos" and opened.root.startswith(str(work_base))
        assert "found inside the directory" in opened.notes[0]
    assert tree_checksum(str(ticket)) == before


def test_archive_of_an_archive_is_opened_one_level_deep(tmp_path, work_base, sos_tree):
    inner = pack(sos_tree, str(tmp_path), "tar.xz")
    outer = str(tmp_path / "upload.zip")
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, os.path.basename(inner))
    with open_input(outer) as opened:
        assert opened.kind == "sos" and opened.packing == "zip"
        assert os.path.isfile(os.path.join(opened.root, "sos_commands/kernel/dmesg"))


def test_insights_client_legacy_layout_uses_host_archive_context(tmp_path, work_base):
    root = tmp_path / "insights-web1-20261126"
    (root / "insights_commands").mkdir(parents=True)
    (root / "insights_commands" / "dmesg").write_text(seed_dmesg())
    archive = pack(str(root), str(tmp_path), "tar.gz")
    with open_input(archive) as opened:
        assert (opened.kind, opened.context) == ("insights", HostArchiveContext)
        assert os.path.basename(opened.root) == "insights-web1-20261126"


def test_insights_core_collection_uses_serialized_archive_context(tmp_path, work_base):
    root = tmp_path / "insights-web1-core"
    (root / "meta_data").mkdir(parents=True)
    (root / "insights_archive.txt").write_text("")
    with open_input(str(root)) as opened:
        assert (opened.kind, opened.context) == ("serialized", SerializedArchiveContext)


def test_two_sosreports_in_one_directory_are_refused(tmp_path, work_base):
    write_sos_tree(str(tmp_path / "two"), name="sosreport-a")
    write_sos_tree(str(tmp_path / "two"), name="sosreport-b")
    with pytest.raises(InputError, match="holds 2 reports"):
        with open_input(str(tmp_path / "two")):
            pass


@pytest.mark.parametrize("first_line,placed_at", [
    ("[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20\n", "sos_commands/kernel/dmesg"),
    ("Jun 17 21:19:45 web1 kernel: swapper: page allocation failure. order:0, mode:0x20\n", "var/log/messages"),
    ("2010-06-17T21:19:45.123456+09:00 web1 kernel: swapper: page allocation failure. order:0, mode:0x20\n",
     "var/log/messages"),
])
def test_plain_log_is_placed_where_sos_keeps_that_kind_of_log(tmp_path, work_base, first_line, placed_at):
    log = tmp_path / "the.log"
    log.write_text(first_line * 3)
    with open_input(str(log)) as opened:
        assert (opened.kind, opened.context) == ("log", SosArchiveContext)
        assert (tmp_path / "the.log").read_text() == open(os.path.join(opened.root, placed_at)).read()


def test_forced_context_that_does_not_fit_is_refused(tmp_path, work_base, sos_tree):
    with pytest.raises(InputError, match="no insights archive found"):
        with open_input(sos_tree, context="insights"):
            pass
    with pytest.raises(InputError, match="needs a log file"):
        with open_input(sos_tree, context="log"):
            pass


def test_filesystem_copy_is_read_as_a_dir_also_when_packed(tmp_path, work_base):
    (tmp_path / "root" / "proc").mkdir(parents=True)
    (tmp_path / "root" / "proc" / "zoneinfo").write_text("Node 0, zone   Normal\n")
    with open_input(str(tmp_path / "root")) as opened:
        assert (opened.kind, opened.context) == ("dir", HostArchiveContext)
        assert os.path.isfile(os.path.join(opened.root, "proc", "zoneinfo"))
    with open_input(pack(str(tmp_path / "root"), str(tmp_path), "tar.gz"), context="dir") as opened:
        assert opened.kind == "dir" and os.path.isfile(os.path.join(opened.root, "proc", "zoneinfo"))


# --- broken input ----------------------------------------------------------------------------


def open_fails(path, match, **kwargs):
    with pytest.raises(InputError, match=match) as caught:
        with open_input(str(path), **kwargs):
            pass
    assert "\n" not in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize("packing", ("tar.xz", "tar.gz", "tar.bz2", "zip"))
def test_truncated_archive_is_reported_as_corrupt(tmp_path, work_base, sos_tree, packing):
    # pad the dmesg with incompressible bytes so that cutting the archive in half cuts real data
    with open(os.path.join(sos_tree, "var.bin"), "wb") as stream:
        stream.write(os.urandom(200_000))
    archive = pack(sos_tree, str(tmp_path), packing)
    with open(archive, "rb") as stream:
        data = stream.read()
    with open(archive, "wb") as stream:
        stream.write(data[: len(data) // 2])
    open_fails(archive, "corrupt or truncated")


def test_gzip_header_cut_inside_its_extra_field_is_reported_as_corrupt(tmp_path, work_base):
    # found by tests/fuzz_archive.py: FLG 0xdd has FEXTRA (0x04) set and the file ends inside the
    # 2-byte extra length (RFC 1952 2.3.1); tarfile's own stream-mode gzip reader raised TypeError
    path = tmp_path / "crash.tar.gz"
    path.write_bytes(bytes([0x1F, 0x8B, 0x08, 0xDD, 0x8B, 0x48, 0x48, 0x5D, 0x48, 0x48, 0x48]))
    open_fails(path, "corrupt or truncated")


def test_garbage_after_valid_magic_is_reported_as_corrupt(tmp_path, work_base):
    path = tmp_path / "sosreport.tar.xz"
    path.write_bytes(b"\xfd7zXZ\x00" + os.urandom(4000))
    open_fails(path, "corrupt or truncated")


def test_empty_file_and_empty_archives(tmp_path, work_base):
    (tmp_path / "empty.tar.xz").write_bytes(b"")
    open_fails(tmp_path / "empty.tar.xz", "empty file")
    with tarfile.open(tmp_path / "none.tar.gz", "w:gz"):
        pass
    open_fails(tmp_path / "none.tar.gz", "archive is empty")
    with zipfile.ZipFile(tmp_path / "none.zip", "w"):
        pass
    open_fails(tmp_path / "none.zip", "archive is empty")


def test_binary_file_of_the_wrong_kind_is_refused(tmp_path, work_base):
    (tmp_path / "core.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100)
    open_fails(tmp_path / "core.png", "neither an archive")


def test_archive_without_any_known_input_is_refused(tmp_path, work_base):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.txt").write_text("meow\n")
    open_fails(pack(str(tmp_path / "photos"), str(tmp_path), "tar.gz"), "no sosreport")


def test_missing_path(tmp_path, work_base):
    open_fails(tmp_path / "nope.tar.xz", "no such file")


# --- hostile entries: refused, nothing written outside ---------------------------------------


@pytest.mark.parametrize("entry,match", [
    ({"name": "../../escaped.txt"}, "escapes the archive"),
    ({"name": "sosreport-x/../../escaped.txt"}, "escapes the archive"),
    ({"name": "/tmp/escaped-absolute.txt"}, "absolute path"),
    ({"name": "sosreport-x/link", "type": tarfile.SYMTYPE, "linkname": "/etc/passwd"}, "absolute path"),
    ({"name": "sosreport-x/link", "type": tarfile.SYMTYPE, "linkname": "../../../../etc"}, "outside"),
    ({"name": "sosreport-x/hard", "type": tarfile.LNKTYPE, "linkname": "../../etc/passwd"}, "escapes|outside"),
    ({"name": "sosreport-x/dev/sda", "type": tarfile.BLKTYPE, "devmajor": 8}, "special file"),
    ({"name": "sosreport-x/dev/null", "type": tarfile.CHRTYPE, "devmajor": 1, "devminor": 3}, "special file"),
    ({"name": "sosreport-x/fifo", "type": tarfile.FIFOTYPE}, "special file"),
])
def test_hostile_tar_entries_are_refused(tmp_path, work_base, entry, match):
    data = b"owned\n" if entry.get("type", tarfile.REGTYPE) == tarfile.REGTYPE else None
    archive = tar_with_entries(str(tmp_path / "evil.tar.gz"), sos_entries() + [(dict(entry), data)])
    message = open_fails(archive, match)
    assert "sosreport-x" in message or "escaped" in message or "/" in message
    assert not (tmp_path / "escaped.txt").exists()
    assert not os.path.exists("/tmp/escaped-absolute.txt")


def test_symlinked_directory_cannot_be_used_to_write_outside(tmp_path, work_base):
    outside = tmp_path / "outside"
    outside.mkdir()
    entries = sos_entries() + [
        ({"name": "sosreport-x/dir", "type": tarfile.SYMTYPE, "linkname": "../../../outside"}, None),
        ({"name": "sosreport-x/dir/planted.txt"}, b"owned\n"),
    ]
    open_fails(tar_with_entries(str(tmp_path / "evil.tar"), entries, mode="w"), "outside")
    assert os.listdir(outside) == []


def test_symlink_inside_the_archive_is_kept(tmp_path, work_base):
    entries = sos_entries() + [
        ({"name": "sosreport-x/dmesg", "type": tarfile.SYMTYPE, "linkname": "sos_commands/kernel/dmesg"}, None)]
    with open_input(tar_with_entries(str(tmp_path / "ok.tar.gz"), entries)) as opened:
        with open(os.path.join(opened.root, "dmesg"), encoding="utf-8") as stream:
            assert stream.read() == seed_dmesg()


def test_zip_entries_with_dotdot_or_outside_symlink_are_refused(tmp_path, work_base):
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("sosreport-x/sos_commands/kernel/dmesg", seed_dmesg())
        archive.writestr("../escaped.txt", "owned\n")
    open_fails(evil, "escapes the archive")
    link = zipfile.ZipInfo("sosreport-x/etc")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    with zipfile.ZipFile(tmp_path / "link.zip", "w") as archive:
        archive.writestr("sosreport-x/sos_commands/kernel/dmesg", seed_dmesg())
        archive.writestr(link, "../../../etc")
    open_fails(tmp_path / "link.zip", "outside")
    assert not (tmp_path / "escaped.txt").exists()


def test_non_utf8_entry_names_are_extracted(tmp_path, work_base):
    name = b"sosreport-x/var/log/caf\xe9-\xff.log".decode("utf-8", "surrogateescape")
    entries = sos_entries() + [({"name": name}, b"hello\n")]
    with open_input(tar_with_entries(str(tmp_path / "latin1.tar.gz"), entries)) as opened:
        assert os.listdir(os.fsencode(os.path.join(opened.root, "var/log"))) == [b"caf\xe9-\xff.log"]


def test_newline_in_a_hostile_name_stays_on_one_line(tmp_path, work_base):
    entries = sos_entries() + [({"name": "../x\nInjected: line\x1b[31m"}, b"x")]
    message = open_fails(tar_with_entries(str(tmp_path / "nl.tar.gz"), entries), "escapes")
    assert "\\n" in message and "\x1b" not in message


# --- limits -----------------------------------------------------------------------------------


def test_decompression_bomb_is_stopped_by_the_ratio(tmp_path, work_base):
    # 64 MiB of zeros gzip to ~64 KiB: ratio ~1000 > 50, floor 1 MiB
    bomb = tmp_path / "bomb.tar.gz"
    with tarfile.open(bomb, "w:gz") as archive:
        info = tarfile.TarInfo("sosreport-x/sos_commands/kernel/dmesg")
        info.size = 64 * 2**20
        archive.addfile(info, io.BytesIO(bytes(info.size)))
    limits = ExtractionLimits(max_ratio=50, ratio_floor_bytes=2**20)
    open_fails(bomb, "compression ratio above 50", limits=limits)


def test_total_and_per_file_size_limits(tmp_path, work_base, sos_tree):
    with open(os.path.join(sos_tree, "big.log"), "wb") as stream:
        stream.write(os.urandom(3 * 2**20))
    archive = pack(sos_tree, str(tmp_path), "tar.gz")
    open_fails(archive, "larger than 2 MiB", limits=ExtractionLimits(max_file_bytes=2 * 2**20))
    open_fails(archive, "expands to more than 1 MiB", limits=ExtractionLimits(max_total_bytes=2**20))


def test_many_tiny_files_are_stopped_by_the_entry_count(tmp_path, work_base):
    entries = sos_entries() + [({"name": "sosreport-x/tiny/%05d" % i}, b"") for i in range(2000)]
    archive = tar_with_entries(str(tmp_path / "tiny.tar.gz"), entries)
    open_fails(archive, "more than 1000 entries", limits=ExtractionLimits(max_entries=1000))


def test_limits_from_environment_and_overrides():
    env = {"PAGEALLOC_MAX_TOTAL_MB": "10", "PAGEALLOC_MAX_ENTRIES": "5", "PAGEALLOC_MAX_RATIO": "2.5"}
    limits = ExtractionLimits.from_env(env, max_entries=7)
    assert (limits.max_total_bytes, limits.max_entries, limits.max_ratio) == (10 * 2**20, 7, 2.5)
    with pytest.raises(ValueError, match="PAGEALLOC_MAX_FILE_MB='lots' is not a number"):
        ExtractionLimits.from_env({"PAGEALLOC_MAX_FILE_MB": "lots"})


def test_work_area_is_removed_when_the_caller_is_interrupted(tmp_path, work_base, sos_tree):
    archive = pack(sos_tree, str(tmp_path), "tar.gz")
    with pytest.raises(KeyboardInterrupt):
        with open_input(archive) as opened:
            os.chmod(os.path.join(opened.root, "sos_commands"), 0o500)  # read-only dirs must not block removal
            raise KeyboardInterrupt


def test_a_full_work_area_is_not_blamed_on_the_archive(tmp_path, work_base, sos_tree, monkeypatch):
    import errno

    archive = pack(sos_tree, str(tmp_path), "tar.gz")

    def disk_full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pagealloc.archive.extract.os, "fdopen", disk_full)
    open_fails(archive, r"cannot unpack into the work area under \$TMPDIR \(No space left on device\)")


def test_our_own_checks_hold_without_pythons_data_filter(tmp_path, work_base, monkeypatch):
    monkeypatch.setattr(pagealloc.archive.extract, "PYTHON_DATA_FILTER", None)
    for entry, match in [({"name": "../../escaped.txt"}, "escapes"),
                         ({"name": "sosreport-x/l", "type": tarfile.SYMTYPE, "linkname": "../../../etc"}, "outside"),
                         ({"name": "sosreport-x/h", "type": tarfile.LNKTYPE, "linkname": "../../etc/passwd"}, "escapes"),
                         ({"name": "sosreport-x/null", "type": tarfile.CHRTYPE}, "special file")]:
        data = None if "type" in entry else b"owned\n"
        open_fails(tar_with_entries(str(tmp_path / "evil.tar"), sos_entries() + [(entry, data)], mode="w"), match)
    assert not (tmp_path / "escaped.txt").exists()


@pytest.mark.parametrize("compression", ["gz", "xz", "bz2"])
def test_rotated_compressed_log_is_read_as_a_log(tmp_path, work_base, compression):
    import bz2
    import gzip
    import lzma

    opener = {"gz": gzip.open, "xz": lzma.open, "bz2": bz2.open}[compression]
    text = "".join("Jun 17 21:19:45 web1 kernel: %s" % line for line in seed_dmesg().splitlines(True))
    path = tmp_path / ("messages-20100618." + compression)
    with opener(path, "wt") as stream:
        stream.write(text)
    with open_input(str(path)) as opened:
        assert (opened.kind, opened.packing) == ("log", "text." + compression)
        with open(os.path.join(opened.root, "var/log/messages")) as stream:
            assert stream.read() == text
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    open_fails(path, "corrupt or truncated")


def test_a_directory_file_that_fails_to_read_is_skipped_with_a_note(tmp_path, work_base, sos_tree, monkeypatch):
    import errno

    import pagealloc.archive.snapshot as snapshot

    real = snapshot.copy_stream

    def eio_on_hostname(source, target, budget, name):
        if name.endswith("etc/hostname"):
            raise OSError(errno.EIO, "Input/output error")
        return real(source, target, budget, name)

    monkeypatch.setattr(snapshot, "copy_stream", eio_on_hostname)
    with open_input(sos_tree) as opened:
        assert not os.path.exists(os.path.join(opened.root, "etc", "hostname"))
        assert any(note.startswith("skipped 1 unreadable entry: ") and note.endswith("etc/hostname")
                   for note in opened.notes), opened.notes
