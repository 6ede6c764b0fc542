"""
The memory picture's concerns through insights-core's own dispatch: a small
combiner none of whose inputs was collected is absent from the broker, and the
picture then builds it from nothing; the result must be the picture built from
every combiner directly, for every subset of inputs, and the picture must exist
exactly when one of its seven inputs does (as before the split).
"""

import itertools

from insights import dr
from insights.parsers.meminfo import MemInfo
from insights.parsers.sysctl import Sysctl
from insights.parsers.uname import Uname
from insights.tests import context_wrap

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.host_identity import HostIdentity
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.memory_zones import MemoryZones
from pagealloc.combiners.min_free_reserve import MinFreeReserve
from pagealloc.combiners.nic_rx import NicRxFacts
from pagealloc.combiners.persisted_config import PersistedConfig
from pagealloc.parsers.sysctl_files import SysctlConfFile, SysctlDFile
from pagealloc.parsers.vm_tunables import MinFreeKbytes
from pagealloc.parsers.zoneinfo import ZoneInfo
from tests.combiners.test_memory_picture import SEED_MEMINFO, SEED_UNAME, picture, seed_failures
from tests.parsers.fixtures import fixture_text

# The seed host's inputs (2.6.32 i686): zoneinfo, meminfo and uname as collected; a sysctl -a
# whose value differs from /proc (a note), a sysctl.d file and a sysctl.conf that both set it.
TEXTS = {
    "zoneinfo": fixture_text("memory", "zoneinfo_2.6.32_i686_256mb.txt"),
    "meminfo": SEED_MEMINFO,
    "min_free": "2038\n",
    "sysctl": "vm.min_free_kbytes = 4096\nvm.swappiness = 60\n",
    "sysctl_d": {"etc/sysctl.d/50-net.conf": "vm.min_free_kbytes = 8192\n"},
    "sysctl_conf": "vm.min_free_kbytes = 4096\n",
    "uname": SEED_UNAME,
}
PARSERS = {"zoneinfo": ZoneInfo, "meminfo": MemInfo, "min_free": MinFreeKbytes, "sysctl": Sysctl,
           "sysctl_conf": SysctlConfFile, "uname": Uname}
GATES = {"zoneinfo", "meminfo", "min_free", "sysctl", "sysctl_d", "sysctl_conf", "failures"}
CONCERNS = [HostIdentity, MemoryZones, MinFreeReserve, PersistedConfig, NicRxFacts, MemoryPicture]


def through_broker(names):
    broker = dr.Broker()
    for name in names:
        if name == "failures":
            broker[AllocFailures] = seed_failures()
        elif name == "sysctl_d":
            broker[SysctlDFile] = [SysctlDFile(context_wrap(text, path=path, strip=False))
                                   for path, text in TEXTS["sysctl_d"].items()]
        else:
            broker[PARSERS[name]] = PARSERS[name](context_wrap(TEXTS[name], path="etc/sysctl.conf", strip=False))
    dr.run_components(CONCERNS, set(CONCERNS), broker)
    assert not [c for c in CONCERNS if c in broker.exceptions], broker.exceptions
    return broker.get(MemoryPicture)


def test_every_subset_of_inputs_gives_the_picture_of_its_concerns():
    names = sorted(GATES | {"uname"})
    for size in range(len(names) + 1):
        for subset in itertools.combinations(names, size):
            built = through_broker(subset)
            assert (built is not None) == bool(GATES & set(subset)), subset
            if built is None:
                continue
            direct = picture(failures=seed_failures() if "failures" in subset else None,
                             **{name: TEXTS[name] for name in subset if name != "failures"})
            assert built.to_dict() == direct.to_dict(), subset
