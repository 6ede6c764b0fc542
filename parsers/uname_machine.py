"""
UnameMachine - the machine field of ``uname -a``
===============================================

insights-core's ``Uname`` parser expects three hardware fields
(``x86_64 x86_64 x86_64 GNU/Linux``, the RHEL form) and leaves ``arch`` empty
for the single-field form Debian, Ubuntu and custom kernels print
(``... i686 GNU/Linux``).  This parser reads the core ``uname`` spec
(sos: ``sos_commands/kernel/uname_-a``) and keeps only the machine field:
the word before the operating system, or the last word when there is none.

Sample input::

    Linux e100-host 2.6.32-5-686 #1 SMP Tue Jun 1 04:59:47 UTC 2010 i686 GNU/Linux

Examples:
    >>> uname_machine.machine
    'i686'
"""

from insights.core import CommandParser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser
from insights.specs import Specs

# Machine names uname prints (coreutils uname -m); anything else is not trusted.
KNOWN_MACHINES = ("x86_64", "i386", "i486", "i586", "i686", "aarch64", "armv7l", "ppc64le", "ppc64",
                  "s390x", "riscv64", "loongarch64", "mips64")


@parser(Specs.uname)
class UnameMachine(CommandParser):
    """
    Attributes:
        machine (str): e.g. "x86_64", "i686", "aarch64".

    Raises:
        SkipComponent: no known machine name in the line.
    """

    def parse_content(self, content):
        words = " ".join(content).split()
        found = [w for w in words if w in KNOWN_MACHINES]
        if not found:
            raise SkipComponent("no machine name in uname output")
        self.machine = found[-1]
