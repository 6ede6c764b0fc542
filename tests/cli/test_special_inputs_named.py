"""
A user-named input that is not a regular file is refused by one function
(``pagealloc.archive.kinds.open_regular``), so ``triage`` and ``parse-log`` name it the same way:
"a FIFO, never read", "a character device, never read", "a socket, never read".

Before, the two commands each had their own open-once check and three wordings: parse-log said
"not a regular file, never read" for all of them, triage "not a regular file or directory", and a
file swapped for a FIFO after the first sniff "not a regular file (a FIFO, device or socket is
never read)"; a socket was "No such device or address".
"""

import os
import socket
import subprocess

import pytest

from pagealloc.archive import kinds
from tests.cli.triage_helpers import BIN


def special(tmp_path, kind):
    path = tmp_path / "messages"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()  # the socket file stays
    else:
        return "/dev/zero"
    return str(path)


WORDS = {"fifo": "a FIFO, never read", "device": "a character device, never read", "socket": "a socket, never read"}


@pytest.mark.parametrize("command", ["triage", "parse-log"])
@pytest.mark.parametrize("kind", sorted(WORDS))
def test_triage_and_parse_log_name_a_special_file_alike(tmp_path, command, kind):
    path = special(tmp_path, kind)
    completed = subprocess.run([os.path.join(BIN, "pagealloc"), command, path], capture_output=True, text=True,
                               timeout=30)
    assert completed.returncode == 2, completed
    lines = completed.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pagealloc %s: " % command), lines
    assert path in lines[0] and WORDS[kind] in lines[0], lines[0]


@pytest.mark.parametrize("kind", sorted(WORDS))
def test_the_pin_refuses_in_the_same_words(tmp_path, kind):
    path = special(tmp_path, kind)
    with pytest.raises(kinds.NotRegularFile, match=WORDS[kind]):
        with kinds.pinned(path):
            pass


def test_open_regular_gives_the_descriptor_and_its_stat(tmp_path):
    path = tmp_path / "dmesg"
    path.write_bytes(b"x\n")
    fd, info = kinds.open_regular(str(path))
    try:
        assert os.path.samestat(info, os.stat(path)) and os.read(fd, 10) == b"x\n"
    finally:
        os.close(fd)
