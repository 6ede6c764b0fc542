"""Property tests: the memory-input parsers and MemoryPicture take any text without raising."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from insights.tests import context_wrap

from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.memory_zones import MemoryZones
from pagealloc.combiners.min_free_reserve import MinFreeReserve
from pagealloc.combiners.persisted_config import PersistedConfig
from pagealloc.parsers.sysctl_files import SysctlDFile
from pagealloc.parsers.tuned_profiles import TunedProfile
from pagealloc.parsers.vm_tunables import MinFreeKbytes
from pagealloc.parsers.zoneinfo import ZoneInfo

# Text made of zoneinfo/sysctl-like fragments and arbitrary characters.
FRAGMENTS = ["Node 0, zone   Normal", "Node 1, zone      DMA", "  pages free     12", "        min      ",
             "        high     ", "        present  ", "        managed  ", "        protection: (0, 1",
             "vm.min_free_kbytes = ", "[sysctl]", "[main]", "include=", "=", "#", "-1", "99999999999999999999",
             "\x00", "\t", " "]
lines = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20),
                           st.integers(min_value=-5, max_value=2 ** 64).map(str)), max_size=8).map("".join)
documents = st.lists(lines, max_size=30).map("\n".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(documents)
def test_zoneinfo_never_raises_and_keeps_counts_sane(text):
    info = ZoneInfo(context_wrap(text, path="/proc/zoneinfo", strip=False))
    for zone in info.zones:
        for value in (zone.min_pages, zone.low_pages, zone.high_pages, zone.present_pages, zone.managed_pages):
            assert value is None or 0 <= value <= 2 ** 50


@SETTINGS
@given(documents)
def test_other_parsers_never_raise(text):
    SysctlDFile(context_wrap(text, path="etc/sysctl.d/x.conf", strip=False))
    TunedProfile(context_wrap(text, path="usr/lib/tuned/x/tuned.conf", strip=False))
    value = MinFreeKbytes(context_wrap(text, strip=False)).value
    assert value is None or 0 <= value < 2 ** 31


@SETTINGS
@given(documents, documents, documents)
def test_memory_picture_never_raises_on_garbage(zoneinfo, min_free, sysctl_d):
    memory = MemoryZones(ZoneInfo(context_wrap(zoneinfo, strip=False)))
    reserve = MinFreeReserve(MinFreeKbytes(context_wrap(min_free, strip=False)), None, memory)
    persisted = PersistedConfig([SysctlDFile(context_wrap(sysctl_d, path="etc/sysctl.d/x.conf", strip=False))],
                                None, reserve)
    mp = MemoryPicture(memory, reserve, persisted)
    d = mp.to_dict()
    assert d["min_free_kbytes"]["default"] is None or d["min_free_kbytes"]["default"] >= 128
