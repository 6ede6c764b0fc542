"""
HostIdentity - which host, kernel and architecture
==================================================

The identity of the analysed host: its name (insights-core's Hostname
combiner), the running kernel release and the machine architecture
(insights-core's Uname; pagealloc's UnameMachine for Debian's one-field
``uname -a``; else the release suffix).  ``missing_inputs`` is
``["uname"]`` without ``uname -a``.

Sample input (``sos_commands/kernel/uname_-a``)::

    Linux e100-host 2.6.32-5-686 #1 SMP Tue Jun 1 04:59:47 UTC 2010 i686 GNU/Linux

Examples:
    >>> host_identity.kernel_release, host_identity.arch, host_identity.missing_inputs
    ('2.6.32-5-686', 'i686', [])
"""

from insights.combiners.hostname import Hostname
from insights.core.plugins import combiner
from insights.parsers.uname import Uname

from pagealloc.knowledge import kernel_default
from pagealloc.knowledge.kernel_release import KernelRelease
from pagealloc.parsers.uname_machine import UnameMachine


@combiner(optional=[Uname, UnameMachine, Hostname])
class HostIdentity(object):
    """
    Attributes:
        hostname, fqdn (str or None): the host's name.
        kernel_release (str or None): ``uname -r``.
        arch (str or None): normalised machine architecture (``kernel_default.ARCH_ALIASES``).
        missing_inputs (list): ``["uname"]`` when ``uname -a`` was not collected.
    """

    def __init__(self, uname=None, uname_machine=None, hostname=None):
        self.hostname = (hostname.hostname or hostname.fqdn) if hostname is not None else None
        self.fqdn = hostname.fqdn if hostname is not None else None
        self.kernel_release = uname.kernel if uname is not None else None
        self.arch = arch_of(uname, uname_machine)
        self.missing_inputs = []
        if uname is None:
            self.missing_inputs.append("uname")


def arch_of(uname, uname_machine=None):
    """Machine architecture: insights-core's uname field, else the machine word, else the release suffix."""
    if uname is not None and getattr(uname, "arch", None):
        return kernel_default.ARCH_ALIASES.get(uname.arch, uname.arch)
    if uname_machine is not None:
        return kernel_default.ARCH_ALIASES.get(uname_machine.machine, uname_machine.machine)
    if uname is None:
        return None
    # uname -a on Debian prints one machine field ("... i686 GNU/Linux"); the release names it too.
    return KernelRelease.parse(uname.kernel).arch
