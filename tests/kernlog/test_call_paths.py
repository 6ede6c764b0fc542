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
    # a module with a context decides before the core helper it called (posted 4.12 i915 report)
    assert classify_trace([("shmem_read_mapping_page_gfp", None), ("i915_gem_object_get_pages_gtt", "i915")])[:2] == (
        "gpu", "i915")


def test_receive_frames_of_posted_reports():
    # usbnet built in (no [module]) on a Raspberry Pi 3.6 trace
    assert classify_trace([("__netdev_alloc_frag", None), ("__netdev_alloc_skb", None), ("rx_submit", None),
                           ("usb_hcd_giveback_urb", None)])[0] == "network-rx"
    # a SYN cloned in the protocol's receive handler (2.6.32 el6)
    assert classify_trace([("kmem_cache_alloc", None), ("sk_clone", None), ("tcp_check_req", None),
                           ("tcp_rcv_state_process", None)])[0] == "network-rx"
    # Broadcom et "chiprx" (no separator before rx) under a wireless module frame
    assert classify_trace([("wl_intrson", "wl"), ("chiprx", "et"), ("et_dpc", "et"),
                           ("ret_from_irq", None)]) == ("network-rx", "et", True)
    # "rx" inside a core name is no receive frame: only driver frames are read that way
    assert classify_trace([("__kmalloc", None), ("proc_submiturb", None), ("usbdev_do_ioctl", None)])[0] == "other"
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


# Receive path judged in context (issue 12): frames innermost first.
def test_a_ring_filled_from_ndo_open_is_not_the_receive_path():
    # 4.18 e1000e_open() -> e1000e_up() -> ... -> e1000_alloc_rx_buffers(): a ring filled at ifup
    frames = [("page_frag_alloc", None), ("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", "e1000e"),
              ("e1000e_open", "e1000e"), ("__dev_open", None), ("__dev_change_flags", None), ("do_setlink", None)]
    assert classify_trace(frames) == ("network-other", "e1000e", False)


def test_a_page_pool_filled_from_probe_or_insmod_is_not_the_receive_path():
    frames = [("page_pool_alloc_pages", None), ("mlx5e_alloc_rx_wqes", "mlx5_core"), ("mlx5e_open_channels", "mlx5_core"),
              ("mlx5e_probe", "mlx5_core"), ("really_probe", None), ("do_init_module", None)]
    assert classify_trace(frames)[0] == "network-other"


def test_a_buffer_allocator_counts_as_receive_only_in_a_receive_context():
    assert classify_trace([("page_frag_alloc", None), ("__netdev_alloc_skb", None), ("net_rx_action", None)])[0] == \
        "network-rx"
    assert classify_trace([("dev_alloc_skb", None), ("some_ioctl_handler", None)])[0] == "network-other"
    assert classify_trace([("dev_alloc_pages", None)], markers=["IRQ"])[0] == "network-rx"


def test_usbnet_and_vendor_wireless_rx_names_are_receive_frames():
    assert classify_trace([("__netdev_alloc_skb", None), ("rx_submit", "usbnet"), ("rx_complete", "usbnet"),
                           ("usb_giveback_urb_bh", None)])[:2] == ("network-rx", "usbnet")
    # Ralink/MediaTek vendor drivers name their rx path in CamelCase
    assert classify_trace([("dev_alloc_skb", None), ("RTMPHandleRxDoneInterrupt", "rt2860sta"),
                           ("rt2860_interrupt", "rt2860sta")])[:2] == ("network-rx", "rt2860sta")


def test_iommu_and_dma_mapping_frames_are_not_gpu():
    # drivers/iommu/intel-iommu.c intel_alloc_iova() under a storage driver's dma_map_sg()
    frames = [("alloc_iova", None), ("intel_alloc_iova", None), ("__intel_map_single", None),
              ("intel_map_sg", None), ("scsi_dma_map", None), ("megasas_build_and_issue_cmd_fusion", "megaraid_sas")]
    assert classify_trace(frames)[:2] == ("storage", "megaraid_sas")
    assert classify_trace([("alloc_iova_fast", None), ("intel_alloc_iova", None), ("intel_map_page", None),
                           ("i40e_alloc_rx_buffers", "i40e"), ("i40e_napi_poll", "i40e")])[:2] == ("network-rx", "i40e")
