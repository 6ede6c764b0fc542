"""The bundled example sosreports: sos layout, tarballs that match their directories, the seed report."""

import os
import tarfile

import pytest

EXAMPLES = ("sosreport-e100-rx-failure", "sosreport-healthy", "sosreport-mlx5-silent-rx")
# sos 4.x paths every example must have (kernel, memory, system, host, networking plugins).
SOS_FILES = ("sos_commands/kernel/dmesg", "sos_commands/kernel/uname_-a", "sos_commands/kernel/sysctl_-a",
             "sos_commands/host/hostname", "proc/meminfo", "proc/zoneinfo", "proc/buddyinfo",
             "proc/sys/vm/min_free_kbytes", "etc/sysctl.conf", "var/log/messages",
             "sos_commands/networking/ip_-s_-d_link", "version.txt", "sos_reports/manifest.json")
MAX_BYTES = 400 * 1024


def tree(top):
    """{relative path: bytes or ('link', target)} of a directory."""
    out = {}
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if os.path.islink(path):
                out[rel] = ("link", os.readlink(path))
            elif os.path.isfile(path):
                with open(path, "rb") as f:
                    out[rel] = f.read()
    return out


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_has_the_sos_layout(examples_dir, name):
    top = os.path.join(examples_dir, name)
    missing = [p for p in SOS_FILES if not os.path.isfile(os.path.join(top, p))]
    assert missing == []
    assert os.path.isdir(os.path.join(top, "sos_commands"))  # insights-core's SosArchiveContext marker


@pytest.mark.parametrize("name", EXAMPLES)
def test_tarball_holds_exactly_the_directory_under_one_top_folder(examples_dir, name):
    tarball = os.path.join(examples_dir, name + ".tar.xz")
    assert os.path.getsize(tarball) < MAX_BYTES
    packed = {}
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            assert member.name == name or member.name.startswith(name + "/"), member.name
            rel = os.path.relpath(member.name, name)
            if member.issym():
                packed[rel] = ("link", member.linkname)
            elif member.isfile():
                packed[rel] = tar.extractfile(member).read()
    assert packed == tree(os.path.join(examples_dir, name))


def test_e100_example_carries_the_seed_report_in_dmesg_and_messages(examples_dir):
    top = os.path.join(examples_dir, "sosreport-e100-rx-failure")
    with open(os.path.join(top, "sos_commands/kernel/dmesg")) as f:
        dmesg = f.read()
    for line in ("[ 7873.855883] swapper: page allocation failure. order:0, mode:0x20",
                 "e100_rx_alloc_skb+0x1e/0x11d [e100]", "__netdev_alloc_skb+0x14/0x30", "net_rx_action+0x96/0x194",
                 "Normal free:716kB min:1908kB low:2384kB high:2860kB"):
        assert line in dmesg
    assert dmesg.index("Linux version 2.6.32-5-686") < dmesg.index("page allocation failure")
    with open(os.path.join(top, "var/log/messages")) as f:
        messages = f.read()
    assert "e100-host kernel: [ 7873.855883] swapper: page allocation failure. order:0, mode:0x20" in messages
    with open(os.path.join(top, "sos_commands/kernel/sysctl_-a")) as f:
        assert "vm.min_free_kbytes = 2038\n" in f.read()


def test_healthy_example_has_no_failure_and_an_active_tuned_profile(examples_dir):
    top = os.path.join(examples_dir, "sosreport-healthy")
    for log in ("sos_commands/kernel/dmesg", "var/log/messages"):
        with open(os.path.join(top, log)) as f:
            assert "allocation failure" not in f.read()
    with open(os.path.join(top, "etc/tuned/active_profile")) as f:
        assert f.read().strip() == "throughput-performance"
