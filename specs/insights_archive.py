"""
insights-client (legacy layout) implementations of the command-output specs.
The client filters dmesg and messages at collection time, so reports read from
these archives are usually truncated; the parsers mark them so.
"""

from functools import partial

from insights.core.context import HostArchiveContext
from insights.core.spec_factory import glob_file, simple_file

from pagealloc.specs import Specs

simple_file = partial(simple_file, context=HostArchiveContext)
glob_file = partial(glob_file, context=HostArchiveContext)


class InsightsArchiveSpecs(Specs):
    dmesg = simple_file("insights_commands/dmesg")
    netstat_s = simple_file("insights_commands/netstat_-s")
    ethtool_s = glob_file("insights_commands/ethtool_-S_*")
