"""KSWAPD_WAKES_LATE through the real chain: a sosreport tree with /proc/vmstat."""

import doctest

from pagealloc.evaluate import evaluate_path
from pagealloc.knowledge import reclaim_pressure
from tests.archive_factory import write_sos_tree
from tests.kernlog.helpers import fixture_text

RULE = "pagealloc.rules.watermark_scale_factor_advice.report"
# 5.14 (RHEL 9) /proc/vmstat, trimmed: per-zone allocstall counters (4.8+ names).
VMSTAT_DIRECT_RECLAIM = """nr_free_pages 2001398
pgscan_direct 2030401
pageoutrun 19022
allocstall_dma 0
allocstall_dma32 12
allocstall_normal 4410
allocstall_movable 1203
kswapd_low_wmark_hit_quickly 3821
kswapd_high_wmark_hit_quickly 402
"""


def test_doc_examples():
    assert doctest.testmod(reclaim_pressure)[0] == 0


def sos(tmp_path, uname, vmstat, min_free="16384", thp="always madvise [never]"):
    # The RHEL 9 VM of the messages fixture (host db7, zones 15360 + 1999080 = 2014440 kB managed),
    # so that its report is this host's.
    return write_sos_tree(str(tmp_path), dmesg=fixture_text("messages_5.14_rhel9_virtio.txt"), files={
        "sos_commands/kernel/uname_-a": "Linux db7 %s #1 SMP x86_64 x86_64 x86_64 GNU/Linux\n" % uname,
        "etc/hostname": "db7\n",
        "proc/vmstat": vmstat,
        "proc/meminfo": "MemTotal:        2014440 kB\nMemFree:          100000 kB\n",
        "proc/sys/vm/min_free_kbytes": min_free + "\n",
        "proc/sys/vm/watermark_scale_factor": "10\n",
        "sys/kernel/mm/transparent_hugepage/enabled": thp + "\n",
    })


def verdict_of(result):
    return next((v for v in result["verdicts"] if v["rule"] == RULE), None)


def test_direct_reclaim_and_early_wakeups_advise_watermark_scale_factor(tmp_path):
    # allocstall 0 + 12 + 4410 + 1203 = 5625; low_wmark_hit_quickly 3821.  THP never: the default is
    # the base (about int_sqrt(16 x 2014440) = 5677), so the target gap is the reserve, 16384 kB:
    # ceil(16384 x 10000 / 2014440) = ceil(81.33) = 82 > 2 x 10.  Gap now max(16384 / 4 = 4096,
    # 2014440 x 10 / 10000 = 2014) = 4096 kB; with 82: 2014440 x 82 / 10000 = 16518 kB.
    verdict = verdict_of(evaluate_path(sos(tmp_path, "5.14.0-427.el9.x86_64", VMSTAT_DIRECT_RECLAIM)))
    assert (verdict["key"], verdict["type"]) == ("KSWAPD_WAKES_LATE", "fail")
    reclaim, advice = verdict["details"]["reclaim"], verdict["details"]["advice"]
    assert (reclaim["allocstall"], reclaim["kswapd_low_wmark_hit_quickly"]) == (5625, 3821)
    assert (advice["current"], advice["target_gap_kb"], advice["proposed"], advice["capped"]) == (10, 16384, 82, False)
    assert (advice["gap_now_kb"], advice["gap_proposed_kb"]) == (4096, 16518)
    assert "sysctl -w vm.watermark_scale_factor=82" in verdict["content"]


def test_a_thp_default_above_the_reserve_is_the_target_and_the_advice_stops_at_100(tmp_path):
    # THP madvise: default 2 zones x 11 x 2048 = 45056 kB > 16384: ceil(45056 x 10000 / 2014440) =
    # 224 -> capped at 100 (Oracle OLED memstate's warning threshold); gap 2014440 x 100 / 10000 = 20144.
    verdict = verdict_of(evaluate_path(sos(tmp_path, "5.14.0-427.el9.x86_64", VMSTAT_DIRECT_RECLAIM,
                                           thp="always [madvise] never")))
    advice = verdict["details"]["advice"]
    assert (advice["target_gap_kb"], advice["proposed"], advice["capped"], advice["gap_proposed_kb"]) == \
        (45056, 100, True, 20144)


def test_rhel7_has_no_watermark_scale_factor(tmp_path):
    path = sos(tmp_path, "3.10.0-1160.el7.x86_64", VMSTAT_DIRECT_RECLAIM.replace("allocstall_normal", "allocstall"))
    # RHEL 7 has no /proc/sys/vm/watermark_scale_factor either.
    import os
    os.remove(os.path.join(path, "proc/sys/vm/watermark_scale_factor"))
    assert verdict_of(evaluate_path(path)) is None


def test_no_direct_reclaim_no_advice(tmp_path):
    quiet = VMSTAT_DIRECT_RECLAIM.replace("allocstall_normal 4410", "allocstall_normal 0").replace(
        "allocstall_movable 1203", "allocstall_movable 0").replace("allocstall_dma32 12", "allocstall_dma32 0")
    assert verdict_of(evaluate_path(sos(tmp_path, "5.14.0-427.el9.x86_64", quiet))) is None
