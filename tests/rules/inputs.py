"""
Real spec content for the rule tests: the seed host and variations of it,
fed through InputData to the real specs so that parser -> combiner -> rule
all run.  Fixture provenance: tests/fixtures/rules/seed_host/README and the
comment atop each dmesg fixture's test.
"""

import os

from insights.specs import Specs as CoreSpecs
from insights.tests import InputData, run_test

import tests
from pagealloc.specs import Specs

FIXTURES = os.path.join(os.path.dirname(tests.__file__), "fixtures")


def fixture(*parts):
    with open(os.path.join(FIXTURES, *parts)) as f:
        return f.read()


SEED_DMESG = fixture("logs", "dmesg_2.6.32_i686_e100_seed.txt")
SEED_ZONEINFO = fixture("rules", "seed_host", "zoneinfo")
SEED_MEMINFO = fixture("rules", "seed_host", "meminfo")
SEED_UNAME = fixture("rules", "seed_host", "uname_-a")
# Debian 6's /etc/sysctl.conf ships with every line commented out.
DEBIAN_SYSCTL_CONF = "#kernel.domainname = example.com\n#net.ipv4.ip_forward=1\n"
# RHEL 8's /etc/sysctl.conf only carries comments.
RHEL8_SYSCTL_CONF = "# sysctl settings are defined through files in\n# /usr/lib/sysctl.d/, /run/sysctl.d/, and /etc/sysctl.d/.\n"

RHEL8_BOOT_DMESG = (
    "[    0.000000] Linux version 4.18.0-513.5.1.el8_9.x86_64 (mockbuild@x86-vm-07.build.eng.bos.redhat.com) "
    "(gcc version 8.5.0 20210514 (Red Hat 8.5.0-20) (GCC)) #1 SMP Fri Sep 29 05:21:10 EDT 2023\n"
    "[    2.812044] ena 0000:00:06.0: Elastic Network Adapter (ENA) v2.8.0g\n"
)


def host(dmesg=SEED_DMESG, min_free="2038", zoneinfo=SEED_ZONEINFO, meminfo=SEED_MEMINFO, uname=SEED_UNAME,
         sysctl_conf=DEBIAN_SYSCTL_CONF, sysctl_d=(), ethtool_s=(), thp=None, tuned=None, ip_link=None,
         name="seed", files=()):
    """
    InputData for one host; ``None`` leaves an input out.  ``sysctl_d`` is a
    list of (path, content); ``ethtool_s`` a list of (ifname, ``ethtool -S``
    text); ``tuned`` is (active profile, [(tuned.conf path, content)]); ``files`` a list of
    (pagealloc spec, path, content) for any other input.
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
        data.add(Specs.ethtool_s, content, path="/sos_commands/networking/ethtool_-S_" + ifname)
    for spec, path, content in files:
        data.add(spec, content, path=path)
    if ip_link is not None:
        data.add(CoreSpecs.ip_s_link, ip_link, path="/sos_commands/networking/ip_-s_-d_link")
    if thp is not None:
        data.add(CoreSpecs.thp_enabled, thp, path="/sys/kernel/mm/transparent_hugepage/enabled")
    if tuned is not None:
        active, profiles = tuned
        data.add(Specs.tuned_active_profile, active + "\n", path="/etc/tuned/active_profile")
        for path, content in profiles:
            data.add(Specs.tuned_profiles, content, path=path)
    return data


def rhel8_host(min_free="67584", **kw):
    """The RHEL 8 guest of tests/fixtures/rules/rhel8_host/README, no failures logged."""
    args = dict(dmesg=RHEL8_BOOT_DMESG, min_free=min_free, zoneinfo=fixture("rules", "rhel8_host", "zoneinfo"),
                meminfo=fixture("rules", "rhel8_host", "meminfo"), uname=fixture("rules", "rhel8_host", "uname_-a"),
                thp=fixture("rules", "rhel8_host", "transparent_hugepage_enabled"), sysctl_conf=RHEL8_SYSCTL_CONF,
                name="rhel8")
    args.update(kw)
    return host(**args)


def run(rule, data):
    # The log filters are registered by pagealloc.parsers.page_alloc_failure,
    # not by the rule modules: skip insights-core's per-module filter check.
    return run_test(rule, data, do_filter=False)


def said(response):
    """A rule's response as the human report words it (pagealloc.render.findings): its headline and
    its paragraphs and items, blanks collapsed.  The facts a rule's short CONTENT leaves out are here."""
    from pagealloc.result import to_plain

    kind = response["type"]
    return said_verdict({"key": response.get_key(), "type": {"rule": "fail"}.get(kind, kind),
                         "details": to_plain({k: v for k, v in response.items() if k not in ("type", response.key_name)})})


def said_verdict(verdict):
    """A result's verdict (pagealloc.result) as the human report words it, blanks collapsed."""
    from pagealloc.render.findings import finding

    found = finding(verdict)
    parts = [found["headline"]] + [_words(p) for p in found["paragraphs"]] + found["items"]
    return " ".join(" ".join(parts).split())


def _words(part):
    """A finding's part as words: a sentence, a list's items, a commands block's lines; a chart or a
    table says nothing here."""
    if isinstance(part, str):
        return part
    if isinstance(part, dict):
        return " ".join(part["lines"]) if part.get("kind") == "commands" else ""
    return " ".join(map(str, part))
