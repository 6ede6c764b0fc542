"""
A file named on the command line is opened once, checked (``O_NONBLOCK`` + ``fstat``: a regular file)
and read only through that descriptor.  Before, the input was opened by its path several times (the
packing sniff, the head, the read-ahead thread, the unpacking): a file swapped for a FIFO between two of
those opens (a shared upload folder, another user's script) made ``pagealloc triage`` wait for a writer
for good.  The swap is made exactly there: right after the first sniff of the input's bytes.
"""

import os
import subprocess
import sys

import pytest

from tests.archive_factory import pack, seed_dmesg, write_sos_tree

SWAP_AFTER_SNIFF = """
import os, sys
from pagealloc.archive import kinds
real, path, fifo = kinds.packing_of, os.path.abspath(sys.argv[-1]), os.environ["SWAP_FIFO"]
def swapped(head):
    if os.path.exists(fifo):
        os.rename(fifo, path)  # the input is now a FIFO nobody writes to
    return real(head)
kinds.packing_of = swapped
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("packing", ["text", "tar.gz"])
def test_an_input_swapped_for_a_fifo_after_the_first_open_is_read_from_the_first_open(tmp_path, packing):
    if packing == "text":
        target = tmp_path / "dmesg.log"
        target.write_text(seed_dmesg())
    else:
        target = pack(write_sos_tree(str(tmp_path)), str(tmp_path), packing)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    completed = subprocess.run([sys.executable, "-c", SWAP_AFTER_SNIFF, "triage", "--format", "json", str(target)],
                               capture_output=True, text=True, timeout=60, env=dict(os.environ, SWAP_FIFO=str(fifo)))
    assert not fifo.exists() and os.path.exists(target) and not os.path.isfile(target), "the swap happened"
    assert completed.returncode == 1, completed.stderr
    assert '"driver": "e100"' in completed.stdout.replace("\n", " ") or "e100" in completed.stdout
