"""
A history store (``--db``) that is not a regular file is refused with one line: ``--db /dev/null``
"opened" and ended the command with a ``sqlite3.OperationalError: disk I/O error`` traceback at the
first COMMIT (after a whole ``fleet run``); a FIFO or a device is never a SQLite file.
"""

import os
import subprocess

import pytest

from tests.fleet.workers import pagealloc_command

RECORD = '{"source": "/srv/web1.tar.xz", "host": "web1", "error": null, "verdicts": [], "figures": {}}\n'


@pytest.mark.parametrize("target", ["/dev/null", "/dev/zero", "FIFO"])
def test_a_history_store_that_is_not_a_regular_file_is_one_line(tmp_path, target):
    results = tmp_path / "r.jsonl"
    results.write_text(RECORD)
    if target == "FIFO":
        target = str(tmp_path / "history.sqlite")
        os.mkfifo(target)
    completed = subprocess.run(pagealloc_command() + ["fleet", "record", str(results), "--db", target],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip() == ("pagealloc fleet: %s: not a regular file: the history database is a SQLite "
                                        "file" % target)


@pytest.fixture
def shared_folder():
    """A folder another user can work in (pytest's tmp_path is the tests' own, mode 0700)."""
    import shutil
    import tempfile

    folder = tempfile.mkdtemp(prefix="pagealloc-ro-db-")
    os.chmod(folder, 0o777)
    yield folder
    for root, dirs, _ in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder)


@pytest.mark.parametrize("read_only", ["file", "folder"])
def test_a_read_only_history_store_is_refused_before_the_run(shared_folder, read_only):
    """A history file or folder the run may not write: one line and exit 2 before anything is analysed.
    Before, the whole run went by and ended in ``sqlite3.OperationalError: attempt to write a readonly
    database`` (a traceback, exit 1), its results written but the run never recorded."""
    from tests.archive_factory import seed_dmesg

    archives = os.path.join(shared_folder, "in")
    os.mkdir(archives)
    with open(os.path.join(archives, "web1.log"), "w") as stream:
        stream.write(seed_dmesg())
    history = os.path.join(shared_folder, "db", "history.sqlite")
    os.mkdir(os.path.dirname(history))
    earlier = os.path.join(shared_folder, "earlier.jsonl")
    with open(earlier, "w") as stream:
        stream.write(RECORD)
    made = subprocess.run(pagealloc_command() + ["fleet", "record", earlier, "--db", history], capture_output=True,
                          text=True, timeout=60)  # the store holds an earlier night
    assert os.path.isfile(history), made.stderr
    os.chmod(os.path.dirname(history), 0o777)
    os.chmod(history, 0o666)
    os.chmod(history if read_only == "file" else os.path.dirname(history), 0o444 if read_only == "file" else 0o555)
    out = os.path.join(shared_folder, "r.jsonl")
    as_other_user = (lambda: os.setuid(65534)) if os.geteuid() == 0 else None  # root writes anything
    completed = subprocess.run(pagealloc_command() + ["fleet", "run", archives, "--out", out, "--db", history],
                               capture_output=True, text=True, timeout=120, preexec_fn=as_other_user)
    assert completed.returncode == 2 and "Traceback" not in completed.stderr, completed.stderr
    assert completed.stderr.strip() == ("pagealloc fleet: %s: cannot write the history database: attempt to write a "
                                        "readonly database" % history)
    assert not os.path.exists(out)  # refused before the run
