import doctest

from pagealloc.knowledge import call_paths
from pagealloc.knowledge.call_paths import classify_trace


def test_doc_examples():
    failed, _ = doctest.testmod(call_paths)
    assert failed == 0


def test_builtin_driver_without_brackets_is_named_from_its_prefix():
    frames = [("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", None), ("e1000_clean_rx_irq", None)]
    assert classify_trace(frames) == ("network-rx", "e1000", False)


def test_transmit_path():
    frames = [("__alloc_skb", None), ("sk_stream_alloc_skb", None), ("tcp_sendmsg_locked", None),
              ("tcp_sendmsg", None), ("sock_sendmsg", None)]
    assert classify_trace(frames)[0] == "network-tx"


def test_storage_module_poll_function_is_not_a_nic():
    frames = [("mempool_alloc", None), ("nvme_poll", "nvme"), ("blk_mq_poll", None)]
    assert classify_trace(frames)[:2] == ("storage", "nvme")


def test_gpu_and_other():
    assert classify_trace([("shmem_read_mapping_page_gfp", None), ("i915_gem_object_get_pages_gtt", "i915")])[0] in (
        "filesystem", "gpu")
    assert classify_trace([("i915_gem_execbuffer2", "i915")])[:2] == ("gpu", "i915")
    assert classify_trace([("some_function", None)]) == ("other", None, False)


def test_softirq_frames_mean_interrupt_context_even_without_markers():
    assert classify_trace([("__alloc_skb", None), ("__do_softirq", None)])[2] is True
    assert classify_trace([("__alloc_skb", None)], markers=["IRQ"])[2] is True


def test_sas_storage_path_names_the_module():
    # 2.6.38 libsas/libata completion path (frames as in a ZFS-on-SAS report)
    frames = [("blk_complete_request", None), ("sas_ata_qc_issue", "libsas"), ("ata_qc_issue", None),
              ("scsi_dispatch_cmd", None)]
    assert classify_trace(frames)[:2] == ("storage", "libsas")
