"""The remediation block: commands, sysctl.d file name and content, conflicts."""

import doctest

from pagealloc.knowledge import remediation
from pagealloc.knowledge.remediation import build_remediation
from pagealloc.knowledge.sysctl_resolution import resolution_of
from tests.knowledge.expected import CLEAN_HOST_REMEDIATION_4096


def remediation_for(value_kb, record):
    """The remediation for a persisted configuration given as the resolver's record (or None: unknown)."""
    return build_remediation(value_kb, resolution_of(record) if record is not None else None)


def test_doc_examples():
    failed, _ = doctest.testmod(remediation)
    assert failed == 0


def test_file_name_sorts_after_every_file_setting_the_key():
    # Name choice is sysctl_precedence.proposed_file_name; checked here through the remediation.
    def path_for(*names):
        files = [{"path": "/usr/lib/sysctl.d/" + n, "value": 1024, "line": 1} for n in names]
        return remediation_for(4096, {"files": files})["sysctl_d_file"]["path"]

    assert path_for("10-network.conf", "50-default.conf") == "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"
    # "99-sysctl.conf" (the distro link to /etc/sysctl.conf) sorts after "99-pagealloc...".
    assert path_for("99-sysctl.conf") == "/etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf"
    assert path_for("99-sysctl.conf") > "/etc/sysctl.d/99-sysctl.conf"


def test_clean_host_remediation_is_exact():
    # Seed host: nothing sets the key anywhere.
    r = remediation_for(4096, {"value": None, "winning_file": None, "files": [], "sysctl_conf_value": None,
                                 "masked": [], "errors": [], "tuned": None, "applied": None})
    assert r == CLEAN_HOST_REMEDIATION_4096


def test_sysctl_conf_must_change_and_other_files_are_overridden():
    persisted = {
        "value": 2048, "winning_file": "/etc/sysctl.conf",
        "files": [
            {"path": "/usr/lib/sysctl.d/50-default.conf", "value": 1024, "line": 12},
            {"path": "/etc/sysctl.d/99-tuning.conf", "value": 4096, "line": 3},
        ],
        "sysctl_conf_value": 2048, "masked": [], "errors": [], "tuned": None, "applied": True,
    }
    r = remediation_for(4096, persisted)
    # Must sort after "99-tuning.conf": "99-pagealloc..." does not ('p' < 't'), "zz-..." does.
    assert r["sysctl_d_file"]["path"] == "/etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf"
    assert r["apply_command"] == "sysctl -p /etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf"
    assert r["conflicts"] == [
        {"path": "/usr/lib/sysctl.d/50-default.conf", "line": 12, "value": 1024, "must_change": False,
         "reason": "overridden_by_new_file"},
        {"path": "/etc/sysctl.conf", "line": None, "value": 2048, "must_change": True,
         "reason": "applied_last_by_sysctl_system"},
    ]


def test_tuned_profile_setting_the_key_is_noted():
    persisted = {"value": 135168, "winning_file": None, "files": [], "sysctl_conf_value": None,
                 "tuned": {"profile": "hpc-compute", "value": 135168,
                           "file": "/usr/lib/tuned/hpc-compute/tuned.conf", "overridden": False}}
    r = remediation_for(270336, persisted)
    assert r["tuned"] == {"profile": "hpc-compute", "value": 135168,
                          "file": "/usr/lib/tuned/hpc-compute/tuned.conf", "overridden_by_new_file": True}


def test_unknown_persisted_configuration_gives_unknown_conflicts():
    r = remediation_for(4096, None)
    assert r["conflicts"] is None
    assert r["sysctl_d_file"]["path"] == "/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf"


def test_never_bare_sysctl_p():
    r = remediation_for(8192, {"files": []})
    assert r["apply_command"].startswith("sysctl -p /etc/sysctl.d/")


def test_settings_the_kernel_rejects_are_listed():
    # From sysctl_precedence.resolve: "4096kB" is not an integer; other keys' errors are not ours.
    persisted = {"files": [], "errors": [
        {"path": "/etc/sysctl.d/local.conf", "line": 3, "reason": "vm.min_free_kbytes = '4096kB': not an integer"},
        {"path": "/etc/sysctl.d/local.conf", "line": 4, "reason": "no '=' in line"},
    ]}
    assert remediation_for(4096, persisted)["unusable_settings"] == [
        {"path": "/etc/sysctl.d/local.conf", "line": 3, "reason": "vm.min_free_kbytes = '4096kB': not an integer"}]


def test_unread_tuned_profile_is_noted_and_overridden_by_the_new_file():
    persisted = {"files": [], "tuned": {"profile": "hpc-compute", "value": None, "file": None,
                                        "conf_collected": False, "unread_profiles": ["hpc-compute"]}}
    assert remediation_for(4096, persisted)["tuned"] == {
        "profile": "hpc-compute", "value": None, "file": None, "overridden_by_new_file": True,
        "conf_collected": False}
    # A profile that was read and sets nothing needs no note.
    persisted["tuned"].update(conf_collected=True, unread_profiles=[])
    assert remediation_for(4096, persisted)["tuned"] is None
