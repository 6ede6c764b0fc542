"""
sosreport implementations of the command-output specs (files come from
``default.py`` through ``FSRoots``).  Paths follow sos 3.x and 4.x plugins
``kernel``, ``logs`` and ``networking``.
"""

from functools import partial

from insights.core.context import SosArchiveContext
from insights.core.spec_factory import first_file, simple_file

from pagealloc.specs import Specs

simple_file = partial(simple_file, context=SosArchiveContext)
first_file = partial(first_file, context=SosArchiveContext)


class SosSpecs(Specs):
    dmesg = first_file(["sos_commands/kernel/dmesg", "sos_commands/general/dmesg", "var/log/dmesg"])
    journal_kernel = first_file([
        "sos_commands/logs/journalctl_--no-pager_--catalog_--boot",
        "sos_commands/logs/journalctl_--no-pager_--boot",
        "sos_commands/logs/journalctl_--all_--this-boot_--no-pager",
        "sos_commands/logs/journalctl_--no-pager",
    ])
