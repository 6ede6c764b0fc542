"""Sysctl precedence (procps sysctl --system, systemd-sysctl, TuneD) for vm.min_free_kbytes."""

import doctest

from pagealloc.knowledge import sysctl_precedence
from pagealloc.knowledge.sysctl_precedence import proposed_file_name, resolve

KEY = "vm.min_free_kbytes"


def sysctl_file(path, *values, errors=()):
    """A parsed file setting the key on lines 1, 2, ... to ``values``."""
    return {"path": path, "settings": {KEY: [(i + 1, v) for i, v in enumerate(values)]} if values else {},
            "errors": list(errors)}


def test_doc_examples():
    failed, _ = doctest.testmod(sysctl_precedence)
    assert failed == 0


def test_usr_lib_file_is_overridden_by_a_later_named_etc_file():
    p = resolve([sysctl_file("/usr/lib/sysctl.d/60-vendor.conf", "90112"),
                 sysctl_file("/etc/sysctl.d/70-local.conf", "135168")])
    assert (p["value"], p["winning_file"]) == (135168, "/etc/sysctl.d/70-local.conf")
    assert [f["path"] for f in p["files"]] == ["/usr/lib/sysctl.d/60-vendor.conf", "/etc/sysctl.d/70-local.conf"]


def test_name_order_beats_directory_a_later_usr_lib_name_wins_over_etc():
    p = resolve([sysctl_file("/etc/sysctl.d/10-local.conf", "135168"),
                 sysctl_file("/usr/lib/sysctl.d/60-vendor.conf", "90112")])
    assert (p["value"], p["winning_file"]) == (90112, "/usr/lib/sysctl.d/60-vendor.conf")


def test_same_name_etc_file_masks_usr_lib():
    p = resolve([sysctl_file("/usr/lib/sysctl.d/50-default.conf", "90112"),
                 sysctl_file("/etc/sysctl.d/50-default.conf")])
    assert p["value"] is None  # the /etc copy sets nothing, and the /usr/lib one is never read
    assert p["masked"] == ["/usr/lib/sysctl.d/50-default.conf"]


def test_etc_sysctl_conf_wins_last_under_sysctl_system_but_not_at_boot():
    p = resolve([sysctl_file("/etc/sysctl.d/99-zzz.conf", "4096")],
                sysctl_conf=sysctl_file("/etc/sysctl.conf", "2048"))
    assert (p["value"], p["winning_file"]) == (2048, "/etc/sysctl.conf")
    assert p["sysctl_conf_value"] == 2048 and p["sysctl_conf_overrides"] is True
    # systemd-sysctl at boot does not read /etc/sysctl.conf (only via a 99-sysctl.conf link).
    assert (p["boot_value"], p["boot_winning_file"]) == (4096, "/etc/sysctl.d/99-zzz.conf")


def test_tuned_profile_value_is_overridden_by_user_sysctl_d_file():
    tuned = {"profile": "hpc-compute", "value": 135168, "file": "/usr/lib/tuned/hpc-compute/tuned.conf"}
    p = resolve([sysctl_file("/etc/sysctl.d/90-net.conf", "262144")], tuned=tuned)
    assert p["tuned"]["overridden"] is True
    assert p["tuned"]["overridden_by"] == "/etc/sysctl.d/90-net.conf"
    assert p["value"] == 262144


def test_unread_tuned_profile_leaves_the_value_unsettled_unless_a_user_file_overrides_it():
    # hpc-compute is active but its tuned.conf was not collected: it may set the key after
    # /usr/lib's 90112 (TuneD does not re-apply /usr/lib), so 90112 is not the last word.
    unread = {"profile": "hpc-compute", "value": None, "file": None, "unread_profiles": ["hpc-compute"]}
    p = resolve([sysctl_file("/usr/lib/sysctl.d/99-vendor.conf", "90112")], tuned=unread, current=90112)
    assert (p["value"], p["value_settled"], p["applied"]) == (90112, False, None)
    assert (p["tuned"]["conf_collected"], p["tuned"]["unread_profiles"]) == (False, ["hpc-compute"])
    # An /etc/sysctl.d file is re-applied after any profile: whatever hpc-compute sets, 4096 wins.
    p = resolve([sysctl_file("/etc/sysctl.d/90-net.conf", "4096")], tuned=unread, current=4096)
    assert (p["value"], p["value_settled"], p["applied"]) == (4096, True, True)
    # A profile that was read settles it.
    read = {"profile": "balanced", "value": None, "file": None, "unread_profiles": []}
    assert resolve([], tuned=read)["value_settled"] is True


def test_tuned_profile_wins_over_usr_lib_files_it_does_not_reapply():
    tuned = {"profile": "hpc-compute", "value": 135168, "file": "/usr/lib/tuned/hpc-compute/tuned.conf", "line": 20}
    p = resolve([sysctl_file("/usr/lib/sysctl.d/99-vendor.conf", "90112")], tuned=tuned)
    assert p["tuned"]["overridden"] is False and p["tuned"]["line"] == 20
    assert (p["value"], p["winning_file"]) == (135168, "/usr/lib/tuned/hpc-compute/tuned.conf")


def test_syntax_errors_are_reported_and_do_not_stop_resolution():
    bad = sysctl_file("/etc/sysctl.d/80-broken.conf", "4096",
                      errors=[{"line": 7, "reason": "no '=' in line: 'vm.swappiness 10'"}])
    p = resolve([bad])
    assert p["value"] == 4096
    assert p["errors"] == [{"line": 7, "reason": "no '=' in line: 'vm.swappiness 10'",
                            "path": "/etc/sysctl.d/80-broken.conf"}]


def test_garbage_huge_and_negative_values_are_unusable_and_keep_the_previous_value():
    # The kernel rejects each of these (-EINVAL), so the earlier usable 4096 stays in force.
    p = resolve([sysctl_file("/etc/sysctl.d/10-a.conf", "4096"),
                 sysctl_file("/etc/sysctl.d/20-b.conf", "lots", "99999999999999999999", "-5", "0x1000", "")])
    assert (p["value"], p["winning_file"]) == (4096, "/etc/sysctl.d/10-a.conf")
    reasons = [e["reason"].split(": ", 1)[1] for e in p["errors"]]
    assert reasons == ["not an integer", "above INT_MAX (kernel rejects it)", "negative (kernel rejects it)",
                       "not an integer", "empty value"]


def test_duplicate_keys_in_one_file_last_line_wins():
    p = resolve([sysctl_file("/etc/sysctl.d/50-dup.conf", "4096", "8192")])
    assert (p["value"], p["winning_line"]) == (8192, 2)
    assert len(p["files"]) == 2


def test_non_conf_files_and_unknown_directories_are_ignored():
    p = resolve([sysctl_file("/etc/sysctl.d/README.sysctl", "4096"),
                 sysctl_file("/etc/sysctl.d.bak/99-old.conf", "8192")])
    assert p["value"] is None and p["files"] == []


def test_applied_compares_persisted_with_runtime():
    files = [sysctl_file("/etc/sysctl.d/90-local.conf", "4096")]
    assert resolve(files, current=4096)["applied"] is True
    assert resolve(files, current=2038)["applied"] is False
    assert resolve([], current=2038)["applied"] is None


def test_proposed_file_sorts_after_every_file_setting_the_key():
    assert proposed_file_name({"files": []}) == "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"
    assert proposed_file_name({"files": [{"path": "/etc/sysctl.d/99-zzz.conf"}]}) == \
        "/etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf"
    # /etc/sysctl.conf cannot be out-sorted; it does not change the name.
    assert proposed_file_name({"files": [{"path": "/etc/sysctl.conf"}]}) == \
        "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"
