"""
sosreport implementations of the command-output specs (files come from
``default.py`` through ``FSRoots``).  Paths follow sos 3.x and 4.x plugins
``kernel``, ``logs``, ``networking`` and ``sar``.
"""

from functools import partial

from insights.core.context import SosArchiveContext
from insights.core.spec_factory import first_file, glob_file, simple_file

from pagealloc.specs import Specs

simple_file = partial(simple_file, context=SosArchiveContext)
first_file = partial(first_file, context=SosArchiveContext)
glob_file = partial(glob_file, context=SosArchiveContext)


class SosSpecs(Specs):
    dmesg = first_file(["sos_commands/kernel/dmesg", "sos_commands/general/dmesg", "var/log/dmesg"])
    journal_kernel = first_file([
        "sos_commands/logs/journalctl_--no-pager_--catalog_--boot",
        "sos_commands/logs/journalctl_--no-pager_--boot",
        "sos_commands/logs/journalctl_--all_--this-boot_--no-pager",
        "sos_commands/logs/journalctl_--no-pager",
    ])
    # networking plugin: add_cmd_output(["nstat -zas", "netstat -s"]), ethtool -S per device.
    nstat = simple_file("sos_commands/networking/nstat_-zas")
    netstat_s = simple_file("sos_commands/networking/netstat_-s")
    ethtool_s = glob_file("sos_commands/networking/ethtool_-S_*")
    # sar plugin: "sadf -x -- -A saDD" -> saDD.xml; "sar -A -f saDD" -> sarDD when sysstat had not
    # written one (then sysstat's own var/log/sa/sarDD is copied, read through default.py).
    sar_xml = glob_file("sos_commands/sar/sa[0-9]*.xml")
    sar_text = glob_file("sos_commands/sar/sar[0-9]*")
    # memory plugin: add_cmd_output("slabtop -o", foreground=True).
    slabtop = simple_file("sos_commands/memory/slabtop_-o")
    # networking plugin: "ethtool -l <interface>" per interface (rx/combined channels).
    ethtool_l = glob_file("sos_commands/networking/ethtool_-l_*")
