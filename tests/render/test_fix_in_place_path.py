"""MIN_FREE_KBYTES_FIX_IN_PLACE says "receive" only when the failures were on that path (the main
rule judges every order-0 GFP_ATOMIC failure since session 23)."""

from pagealloc.render.findings import fix_in_place


def details(contexts):
    return {"failures": {"count": 2, "contexts": contexts}, "failed_with_range_kb": [2032, 2043],
            "running_kb": 16384, "running_source": "/proc/sys/vm/min_free_kbytes", "persisted_kb": 16384,
            "persisted_file": "/etc/sysctl.d/90-pagealloc-min-free-kbytes.conf",
            "last_failure": {"when": "Jan  2 03:04:05", "kernel": "3.10.0-1160.el7.x86_64"}}


def words(contexts):
    said = fix_in_place(details(contexts), "web1")
    return " ".join(str(p) for p in [said["headline"]] + said["paragraphs"])


def test_receive_failures_are_called_receive_failures():
    text = words(["network-rx"])
    assert "2 order-0 atomic receive failures ran with vm.min_free_kbytes at about 2032-2043 kB" in text
    assert "rx ring size" in text


def test_failures_off_the_receive_path_are_not_called_receive_failures():
    text = words(["storage"])
    assert "receive" not in text and "rx ring" not in text
    assert "2 order-0 atomic failures on the storage path ran with" in text
