"""TuneD active profile and tuned.conf, and following include= chains."""

import doctest

from insights.tests import context_wrap

from pagealloc.knowledge import tuned_inheritance
from pagealloc.knowledge.tuned_inheritance import tuned_sysctl_value
from pagealloc.parsers import tuned_profiles
from pagealloc.parsers.tuned_profiles import TunedActiveProfile, TunedProfile
from tests.parsers.fixtures import fixture_text

KEY = "vm.min_free_kbytes"


def profile(path, text):
    return TunedProfile(context_wrap(text, path=path, strip=False))


def as_dict(p):
    return {"name": p.name, "location": p.location, "includes": p.includes, "sysctl": p.sysctl}


HPC = "usr/lib/tuned/hpc-compute/tuned.conf"


def test_doc_examples():
    globs = {"tuned_profile": profile(HPC, "[main]\nsummary=Optimize for HPC compute workloads\n"
                                           "include=latency-performance\n\n[sysctl]\nvm.min_free_kbytes=135168\n"),
             "tuned_active_profile": TunedActiveProfile(context_wrap("hpc-compute"))}
    assert doctest.testmod(tuned_profiles, globs=globs)[0] == 0
    assert doctest.testmod(tuned_inheritance)[0] == 0


def test_shipped_hpc_compute_profile():
    p = profile(HPC, fixture_text("memory", "tuned_hpc-compute.conf"))
    assert (p.name, p.location, p.includes) == ("hpc-compute", "/usr/lib/tuned", ["latency-performance"])
    assert p.sysctl[KEY] == (20, "135168")
    assert "readahead" not in p.sysctl  # [disk] options are not sysctls


def test_include_chain_value_comes_from_the_included_profile():
    # my-hpc includes hpc-compute which includes latency-performance: 135168 from hpc-compute.
    profiles = [as_dict(profile("etc/tuned/my-hpc/tuned.conf", "[main]\ninclude=hpc-compute\n[sysctl]\nvm.swappiness=5\n")),
                as_dict(profile(HPC, fixture_text("memory", "tuned_hpc-compute.conf"))),
                as_dict(profile("usr/lib/tuned/latency-performance/tuned.conf", "[sysctl]\nvm.dirty_ratio=10\n"))]
    found = tuned_sysctl_value(["my-hpc"], profiles, KEY)
    assert (found["profile"], found["raw_value"], found["file"]) == ("hpc-compute", "135168",
                                                                     "/usr/lib/tuned/hpc-compute/tuned.conf")
    assert found["chain"] == ["latency-performance", "hpc-compute", "my-hpc"]


def test_including_profile_overrides_the_included_value():
    profiles = [as_dict(profile("etc/tuned/my-hpc/tuned.conf", "[main]\ninclude=hpc-compute\n[sysctl]\nvm.min_free_kbytes=262144\n")),
                as_dict(profile(HPC, fixture_text("memory", "tuned_hpc-compute.conf")))]
    found = tuned_sysctl_value(["my-hpc"], profiles, KEY)
    assert (found["profile"], found["raw_value"]) == ("my-hpc", "262144")
    assert found["missing"] == ["latency-performance"]


def test_etc_copy_of_a_profile_overrides_the_shipped_one():
    profiles = [as_dict(profile(HPC, fixture_text("memory", "tuned_hpc-compute.conf"))),
                as_dict(profile("etc/tuned/hpc-compute/tuned.conf", "[sysctl]\nvm.min_free_kbytes=65536\n"))]
    assert tuned_sysctl_value(["hpc-compute"], profiles, KEY)["raw_value"] == "65536"


def test_include_loop_terminates():
    profiles = [as_dict(profile("etc/tuned/a/tuned.conf", "[main]\ninclude=b\n")),
                as_dict(profile("etc/tuned/b/tuned.conf", "[main]\ninclude=a\n[sysctl]\nvm.min_free_kbytes=4096\n"))]
    assert tuned_sysctl_value(["a"], profiles, KEY)["raw_value"] == "4096"


def test_profile_without_the_key_gives_none():
    profiles = [as_dict(profile("usr/lib/tuned/throughput-performance/tuned.conf", "[sysctl]\nvm.dirty_ratio = 40\n"))]
    assert tuned_sysctl_value(["throughput-performance"], profiles, KEY) is None


def test_merged_active_profiles_are_split():
    assert TunedActiveProfile(context_wrap("throughput-performance virtual-guest")).profiles == [
        "throughput-performance", "virtual-guest"]


def test_unread_profile_applied_after_the_value_leaves_it_unsettled():
    # tuned-adm profile hpc-compute my-net: my-net is applied last and was not collected.
    profiles = [as_dict(profile(HPC, fixture_text("memory", "tuned_hpc-compute.conf")))]
    found = tuned_sysctl_value(["hpc-compute", "my-net"], profiles, KEY)
    assert (found["raw_value"], found["unread_after"]) == ("135168", ["my-net"])
    # Only the active profile named, no tuned.conf at all: nothing found, the profile may set it.
    found = tuned_sysctl_value(["hpc-compute"], [], KEY)
    assert (found["profile"], found["raw_value"], found["unread_after"]) == (None, None, ["hpc-compute"])


def test_unread_profile_included_before_the_value_does_not_matter():
    # my-hpc sets the key itself; its unread include latency-performance is applied before it.
    profiles = [as_dict(profile("etc/tuned/my-hpc/tuned.conf",
                                "[main]\ninclude=latency-performance\n[sysctl]\nvm.min_free_kbytes=262144\n"))]
    found = tuned_sysctl_value(["my-hpc"], profiles, KEY)
    assert (found["raw_value"], found["missing"], found["unread_after"]) == ("262144", ["latency-performance"], [])
