"""Frames in every form the kernel (or a tool applied to its output) prints them, each fixture written
from the format string it follows, decoding to its receive context and driver (the metamorphic suite
reshapes these fixtures too)."""

import pytest

from pagealloc.kernlog.parse import parse_text
from tests.kernlog.helpers import fixture_text

# fixture (tests/fixtures/logs; each names the kernel and the format string it follows) -> driver and
# the first three frames, read off the fixture by hand.
FORMS = {
    "dmesg_6.1_arm_names_usbnet.txt": ("usbnet", ["dump_backtrace", "show_stack", "dump_stack_lvl"]),
    "dmesg_3.2_arm_addresses_mv643xx.txt": ("mv643xx_eth", ["unwind_backtrace", "warn_alloc_failed",
                                                            "__alloc_pages_nodemask"]),
    "dmesg_2.6.9_i386_decimal_e1000.txt": ("e1000", ["__alloc_pages", "alloc_skb", "e1000_alloc_rx_buffers"]),
    "dmesg_2.6.9_x86_64_braced_frames_e1000.txt": ("e1000", ["__alloc_pages", "__get_free_pages", "kmem_getpages"]),
    "dmesg_6.1_decode_stacktrace_igb.txt": ("igb", ["dump_stack_lvl", "warn_alloc", "__alloc_pages"]),
    "dmesg_4.14_mips_ath9k.txt": ("ath9k", ["show_stack", "warn_alloc", "__alloc_pages_nodemask"]),
}


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_frame_form_decodes_to_its_receive_context(name):
    driver, first_frames = FORMS[name]
    event = parse_text(fixture_text(name)).events[0]
    assert event.call_trace[:3] == first_frames
    assert (event.context, event.driver, event.in_interrupt) == ("network-rx", driver, True)
    assert event.atomic is True


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_frame_form_survives_quoting_and_boxing(name):
    driver, first_frames = FORMS[name]
    for prefix in ("> ", "| ", "\t"):
        event = parse_text("\n".join(prefix + line for line in fixture_text(name).splitlines())).events[0]
        assert (event.call_trace[:3], event.context, event.driver) == (first_frames, "network-rx", driver)


def test_interleaved_cpus_by_printk_caller_id_with_arm_names():
    # 5.16+ ARM with CONFIG_PRINTK_CALLER: two CPUs print at once; "[ C1]"/"[ C2]" route each line
    text = """[  50.000001][    C1] swapper/1: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)
[  50.000002][    C2] swapper/2: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null)
[  50.000003][    C1] CPU: 1 PID: 0 Comm: swapper/1 Not tainted 5.16.0 #1
[  50.000004][    C2] CPU: 2 PID: 0 Comm: swapper/2 Not tainted 5.16.0 #1
[  50.000005][    C1]  __netdev_alloc_skb from mvneta_poll+0x1/0x2 [mvneta]
[  50.000006][    C2]  mempool_alloc from nvme_queue_rq+0x1/0x2 [nvme]
[  50.000007][    C1]  mvneta_poll [mvneta] from __napi_poll+0x1/0x2
[  50.000008][    C2]  nvme_queue_rq [nvme] from blk_mq_dispatch_rq_list+0x1/0x2
"""
    one, two = parse_text(text).events
    assert (one.context, one.driver) == ("network-rx", "mvneta")
    assert (two.context, two.driver) == ("storage", "nvme")
