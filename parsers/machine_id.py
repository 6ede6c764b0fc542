"""
MachineId - the systemd/D-Bus machine id
========================================

``/etc/machine-id`` (machine-id(5)), or its D-Bus copy
``/var/lib/dbus/machine-id``, which is the one sos collects (plugin ``dbus``).
One line of 32 lowercase hexadecimal digits, set at installation; with the
host name it identifies a machine across archives
(:mod:`pagealloc.fleet.hosts`).  An empty file (images prepared for cloning
truncate it) or the literal ``uninitialized`` (systemd 247+, first boot not
finished) says nothing about the machine and is skipped.

Sample input::

    3d1219c7c4c5404aaa1f6d2a48adfda4

Examples:
    >>> machine_id.machine_id
    '3d1219c7c4c5404aaa1f6d2a48adfda4'
"""

import re

from insights.core import Parser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.specs import Specs

# machine-id(5): "a single newline-terminated, hexadecimal, 32-character, lowercase ID".
MACHINE_ID = re.compile(r"^[0-9a-f]{32}$")


@parser(Specs.machine_id)
class MachineId(Parser):
    """
    Attributes:
        machine_id (str): the 32 hexadecimal digits.

    Raises:
        SkipComponent: empty, ``uninitialized`` or not a machine id.
    """

    def parse_content(self, content):
        lines = [line.strip() for line in content if line.strip()]
        if len(lines) != 1 or not MACHINE_ID.match(lines[0].lower()):
            raise SkipComponent("no machine id in the file")
        self.machine_id = lines[0].lower()
