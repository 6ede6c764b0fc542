"""
EthtoolChannels - command ``ethtool -l <interface>``
===================================================

The channel (queue) counts of one NIC, as ethtool's ``do_gchannels()`` prints
them (``Channel parameters for %s:``, then ``Pre-set maximums:`` and
``Current hardware settings:``, each with ``RX:``, ``TX:``, ``Other:``,
``Combined:``; ethtool 5.x+ prints ``n/a`` for a count the driver does not
report).  Reads ``pagealloc.specs.Specs.ethtool_l`` (sos ``networking`` plugin:
``sos_commands/networking/ethtool_-l_<interface>``).  A driver without the
operation prints ``Cannot get device channel parameters`` (and no counts):
``rx_queues`` is None then.

Sample input (ethtool 5.13, mlx5)::

    Channel parameters for ens1f0np0:
    Pre-set maximums:
    RX:		n/a
    TX:		n/a
    Other:		n/a
    Combined:	63
    Current hardware settings:
    RX:		n/a
    TX:		n/a
    Other:		n/a
    Combined:	16

Examples:
    >>> channels.ifname, channels.current, channels.rx_queues
    ('ens1f0np0', {'RX': None, 'TX': None, 'Other': None, 'Combined': 16}, 16)
"""

from insights.core import CommandParser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.specs import Specs

SECTIONS = {"Pre-set maximums:": "maximum", "Current hardware settings:": "current"}


@parser(Specs.ethtool_l)
class EthtoolChannels(CommandParser):
    """
    Attributes:
        ifname (str or None): the interface the header names.
        maximum, current (dict): ``{RX, TX, Other, Combined}`` -> int or None (n/a).
        rx_queues (int or None): current RX + Combined channels (the rx rings being refilled).
    """

    def parse_content(self, content):
        self.ifname, self.maximum, self.current = None, {}, {}
        section = None
        for line in content:
            text = line.strip()
            if text.startswith("Channel parameters for "):
                self.ifname = text[len("Channel parameters for "):].rstrip(":").strip() or None
            elif text in SECTIONS:
                section = getattr(self, SECTIONS[text])
            elif section is not None and ":" in text:
                name, _, value = text.partition(":")
                value = value.strip()
                section[name.strip()] = int(value) if value.isdigit() else None
        if self.ifname is None and not self.current:
            raise SkipComponent("no channel parameters")
        counts = [self.current.get(k) for k in ("RX", "Combined")]
        self.rx_queues = sum(c for c in counts if c) if any(c is not None for c in counts) else None
