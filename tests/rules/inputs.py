"""
Real spec content for the rule tests: the seed host and variations of it,
fed through InputData to the real specs so that parser -> combiner -> rule
all run.  Fixture provenance: tests/fixtures/rules/seed_host/README and the
comment atop each dmesg fixture's test.
"""

import os

from insights.specs import Specs as CoreSpecs
from insights.tests import InputData, run_test

import pagealloc.tests
from pagealloc.specs import Specs

FIXTURES = os.path.join(os.path.dirname(pagealloc.tests.__file__), "fixtures")


def fixture(*parts):
    with open(os.path.join(FIXTURES, *parts)) as f:
        return f.read()


SEED_DMESG = fixture("logs", "dmesg_2.6.32_i686_e100_seed.txt")
SEED_ZONEINFO = fixture("rules", "seed_host", "zoneinfo")
SEED_MEMINFO = fixture("rules", "seed_host", "meminfo")
SEED_UNAME = fixture("rules", "seed_host", "uname_-a")
# Debian 6's /etc/sysctl.conf ships with every line commented out.
DEBIAN_SYSCTL_CONF = "#kernel.domainname = example.com\n#net.ipv4.ip_forward=1\n"

_UNSET = object()


def host(dmesg=SEED_DMESG, min_free="2038", zoneinfo=SEED_ZONEINFO, meminfo=SEED_MEMINFO, uname=SEED_UNAME,
         sysctl_conf=DEBIAN_SYSCTL_CONF, sysctl_d=(), ethtool_s=(), name="seed"):
    """
    InputData for one host; ``None`` leaves an input out.  ``sysctl_d`` is a
    list of (path, content); ``ethtool_s`` a list of (ifname, ``ethtool -S`` text).
    """
    data = InputData(name)
    if dmesg is not None:
        data.add(Specs.dmesg, dmesg, path="/var/log/dmesg")
    if min_free is not None:
        data.add(Specs.min_free_kbytes, min_free + "\n", path="/proc/sys/vm/min_free_kbytes")
    if zoneinfo is not None:
        data.add(Specs.zoneinfo, zoneinfo, path="/proc/zoneinfo")
    if meminfo is not None:
        data.add(CoreSpecs.meminfo, meminfo, path="/proc/meminfo")
    if uname is not None:
        data.add(CoreSpecs.uname, uname, path="/sos_commands/kernel/uname_-a")
    if sysctl_conf is not None:
        data.add(Specs.sysctl_conf, sysctl_conf, path="/etc/sysctl.conf")
    for path, content in sysctl_d:
        data.add(Specs.sysctl_d_files, content, path=path)
    for ifname, content in ethtool_s:
        data.add(CoreSpecs.ethtool_S, content, path="/sos_commands/networking/ethtool_-S_" + ifname)
    return data


def run(rule, data):
    # The log filters are registered by pagealloc.parsers.page_alloc_failure,
    # not by the rule modules: skip insights-core's per-module filter check.
    return run_test(rule, data, do_filter=False)
