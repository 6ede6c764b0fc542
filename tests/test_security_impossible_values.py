"""
A forged /proc/meminfo cannot turn a host's own failure report into "another
system's": a MemTotal no kernel can report (more memory than any architecture's
physical address space, MAX_PHYSMEM_BITS <= 52 bits: arch/x86/include/asm/sparsemem.h,
arch/arm64/include/asm/sparsemem.h) is unusable, noted, and never compared with
the report's zones.  Before, MemTotal 10^26 kB set the seed's report aside
("its zones add up to 259648 kB of memory, this host has 999... kB") and the
headline said the reports came from another system (exit 0).
"""

import io
import json
import tarfile

import pytest

from pagealloc.evaluate import evaluate_path
from pagealloc.result import exit_code
from tests.archive_factory import seed_dmesg

TOP = "sosreport-web1"


def sosreport(path, meminfo):
    files = {TOP + "/sos_commands/kernel/dmesg": seed_dmesg().encode(), TOP + "/proc/meminfo": meminfo,
             TOP + "/etc/hostname": b"web1\n"}
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return str(path)


@pytest.mark.parametrize("mem_total_kb", [10**26, 2**53, 2**52 // 1024 + 1])
def test_an_impossible_mem_total_is_unusable_not_another_system(tmp_path, mem_total_kb):
    result = evaluate_path(sosreport(tmp_path / "a.tar.gz", b"MemTotal: %d kB\nMemFree: 1000 kB\n" % mem_total_kb))
    text = json.dumps(result, default=str)
    assert "other_memory_size" not in text
    assert result["memory_picture"]["mem_total_kb"] is None
    assert [u["input"] for u in result["memory_picture"]["unusable_inputs"]] == ["meminfo"]
    assert exit_code(result) == 1  # the seed's e100 failure is judged on this host


def test_a_large_real_mem_total_is_kept(tmp_path):
    # 24 TiB, the largest x86 machines sold (e.g. HPE Superdome Flex 32-socket: 48 TB); the seed's
    # 253 MB of zones then disagree with it: the report is another system's, as before.
    result = evaluate_path(sosreport(tmp_path / "a.tar.gz", b"MemTotal: %d kB\nMemFree: 1000 kB\n" % (24 * 2**30)))
    assert result["memory_picture"]["mem_total_kb"] == 24 * 2**30
