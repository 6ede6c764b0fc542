"""ethtool -l: rx queues from RX + Combined channels; n/a and unsupported drivers are unknown, not zero."""

import doctest

import pytest
from insights.core.exceptions import SkipComponent
from insights.tests import context_wrap

from pagealloc.parsers import ethtool_channels
from pagealloc.parsers.ethtool_channels import EthtoolChannels

SAMPLE = ethtool_channels.__doc__.split("Sample input (ethtool 5.13, mlx5)::")[1].split("Examples:")[0]
# ethtool 4.x (RHEL 7), ixgbe: numbers everywhere, RX/TX 0.
IXGBE_RHEL7 = """Channel parameters for em1:
Pre-set maximums:
RX:		0
TX:		0
Other:		1
Combined:	63
Current hardware settings:
RX:		0
TX:		0
Other:		1
Combined:	24
"""
# A driver without get_channels (e100): ethtool prints only its error.
UNSUPPORTED = """Channel parameters for eth0:
Cannot get device channel parameters
: Operation not supported
"""


def test_doc_examples():
    failed, _ = doctest.testmod(ethtool_channels, globs={"channels": EthtoolChannels(context_wrap(SAMPLE))})
    assert failed == 0


def test_rhel7_ixgbe_has_24_rx_queues():
    parsed = EthtoolChannels(context_wrap(IXGBE_RHEL7))
    assert (parsed.ifname, parsed.rx_queues, parsed.maximum["Combined"]) == ("em1", 24, 63)


def test_unsupported_driver_gives_unknown_queues():
    parsed = EthtoolChannels(context_wrap(UNSUPPORTED))
    assert (parsed.ifname, parsed.rx_queues) == ("eth0", None)


def test_empty_output_is_skipped():
    with pytest.raises(SkipComponent):
        EthtoolChannels(context_wrap(""))
