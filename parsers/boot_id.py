"""
BootId - the identity of the running boot
=========================================

``/proc/sys/kernel/random/boot_id``: a random UUID the kernel makes once per
boot, the first time it is read (``drivers/char/random.c``,
``proc_do_uuid``: "boot_id" is generated on first read and kept until the
next boot), so two collections of one host that show the same boot id were
taken without a reboot in between.  sos copies it (plugin ``kernel``,
``sos/report/plugins/kernel.py``).  A fleet uses it to tell whether the
counters that count since boot (TcpExt ``PFMemallocDrop``) can be
subtracted between two collections (:mod:`pagealloc.fleet.history`).

Sample input::

    4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90

Examples:
    >>> boot_id.boot_id
    '4c0b4a1e-91f3-4c8a-9d3b-6f7e2a1c5d90'
"""

import re

from insights.core import Parser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.specs import Specs

# proc_do_uuid prints the UUID as %pU: 8-4-4-4-12 lowercase hexadecimal digits.
BOOT_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@parser(Specs.boot_id)
class BootId(Parser):
    """
    Attributes:
        boot_id (str): the UUID, lowercase.

    Raises:
        SkipComponent: empty or not one UUID.
    """

    def parse_content(self, content):
        lines = [line.strip() for line in content if line.strip()]
        if len(lines) != 1 or not BOOT_ID.match(lines[0].lower()):
            raise SkipComponent("no boot id in the file")
        self.boot_id = lines[0].lower()
