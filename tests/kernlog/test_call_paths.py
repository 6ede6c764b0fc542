import doctest
import os
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pagealloc.kernlog.parse import parse_file, parse_text
from pagealloc.knowledge import call_paths
from pagealloc.knowledge.call_paths import classify_trace
from tests.kernlog.helpers import POSTED, fixture_path


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


_MODULE_NAME = st.from_regex(r"[a-z][a-z0-9]{2,9}(_[a-z0-9]{1,6})?", fullmatch=True).filter(
    lambda m: m not in call_paths.MODULE_CONTEXT and m not in call_paths.LIBRARY_MODULES
    and call_paths.driver_from_name(m + "_x") is None)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(_MODULE_NAME, st.lists(st.sampled_from(["get_tree_bdev", "get_tree_nodev", "mount_bdev", "vfs_get_tree",
                                                "legacy_get_tree", "vfs_kern_mount", "do_new_mount", "path_mount",
                                                "do_mount"]), min_size=1, max_size=4),
       st.sampled_from(["kmalloc_order", "__kmalloc", "vzalloc", "__alloc_pages"]))
def test_a_filesystem_mounted_by_the_vfs_is_the_context_and_its_module_the_driver(module, vfs, allocator):
    """(s31-holdX) Whatever a filesystem module is called, its fill_super callback and the VFS mount frames
    that call it (fs/super.c, fs/fs_context.c, fs/namespace.c) make the allocation the filesystem's."""
    frames = [(allocator, None), (module + "_create_table", module), (module + "_fill_super", module)] \
        + [(name, None) for name in vfs] + [("__x64_sys_mount", None)]
    assert classify_trace(frames)[:2] == ("filesystem", module)


_SHMEM_RUN = st.lists(st.sampled_from(["shmem_alloc_page", "shmem_alloc_and_acct_page", "shmem_getpage_gfp.isra.6",
                                        "shmem_getpage_gfp", "shmem_read_mapping_page_gfp"]), min_size=1, max_size=4)


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(_MODULE_NAME, _SHMEM_RUN, st.sampled_from(["drm_gem_get_pages", "drm_gem_shmem_get_pages"]),
       st.sampled_from(["__alloc_pages_nodemask", "__alloc_pages", "alloc_pages_vma"]))
def test_shmem_backing_a_gem_object_is_the_gpu_drivers(module, shmem, gem, allocator):
    """(s34-holdAD) DRM's GEM objects are shmem files: shmem frames under a built-in DRM core frame (no [module] to
    rank it) under a driver's buffer allocation are the GPU's, the driver the module outside the DRM frame (5.2
    lima: shmem_read_mapping_page_gfp <- drm_gem_get_pages <- lima_bo_create [lima]).  Metamorphic: the same shmem
    frames under the VFS write path instead (plain tmpfs) stay the filesystem's."""
    assume(not any(word in module for word in ("rx", "tx", "xmit")))
    frames = [(allocator, None)] + [(name, None) for name in shmem] + [
        (gem, None), (module + "_bo_create", module), (module + "_ioctl_gem_create", module),
        ("drm_ioctl_kernel", None), ("drm_ioctl", None), ("__arm64_sys_ioctl", None)]
    assert classify_trace(frames)[:2] == ("gpu", module)
    tmpfs = [(allocator, None)] + [(name, None) for name in shmem] + [
        ("shmem_write_begin", None), ("generic_perform_write", None), ("__generic_file_write_iter", None),
        ("generic_file_write_iter", None), ("vfs_write", None), ("ksys_write", None)]
    assert classify_trace(tmpfs)[0] == "filesystem"


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.from_regex(r"PVRSRV_?[A-Z][A-Za-z]{2,20}(KM|BW)?", fullmatch=True),
       st.sampled_from(["__kmalloc", "kmalloc_order", "__vmalloc", "__get_free_pages"]))
def test_powervr_services_frames_are_gpu(services, allocator):
    """(s34-holdAD) Imagination's PowerVR services (pvrsrvkm, out of tree, often built in) name their calls in
    CamelCase "PVRSRV...": under them an allocation is the GPU's (Android 2.6.3x: __kmalloc <- OSAllocMem_Impl <-
    EnsureFreeHandles <- PVRSRVNewHandleBatch <- ... <- PVRSRV_BridgeDispatchKM <- vfs_ioctl)."""
    frames = [(allocator, None), ("OSAllocMem_Impl", None), ("EnsureFreeHandles", None), (services, None),
              ("BridgedDispatchKM", None), ("vfs_ioctl", None)]
    assert classify_trace(frames)[:2] == ("gpu", None)
    assert classify_trace([(allocator, None), ("OSAllocMem_Impl", "pvrsrvkm")])[:2] == ("gpu", "pvrsrvkm")


_HANDSHAKE = [("sk_clone_lock", None), ("inet_csk_clone_lock", None), ("tcp_create_openreq_child", None),
              ("tcp_v4_syn_recv_sock", None), ("tcp_check_req", None), ("tcp_v4_do_rcv", None), ("tcp_v4_rcv", None),
              ("ip_local_deliver_finish", None)]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.integers(1, len(_HANDSHAKE)), st.sampled_from(["sk_prot_alloc", "kmem_cache_alloc", "__kmalloc"]),
       st.booleans(), st.sampled_from([("sk_clone", "inet_csk_clone"), ("sk_clone_lock", "inet_csk_clone_lock")]))
def test_a_child_socket_made_from_a_handshake_is_the_receive_path_wherever_the_trace_is_cut(cut, alloc, irq, names):
    """(s34-holdAE) A TCP child socket is cloned only when the packet completing the handshake arrives (tcp_check_req
    -> tcp_v4_syn_recv_sock -> tcp_create_openreq_child -> inet_csk_clone_lock -> sk_clone_lock; 2.6-3.x sk_clone/
    inet_csk_clone): a trace cut anywhere along that chain, before the *_rcv handlers, is the receive path (4.1
    munin-graph cut at inet_csk_clone_lock read network-other).  With or without the <IRQ> marker."""
    chain = [(names[0], None), (names[1], None)] + _HANDSHAKE[2:]
    frames = [("__alloc_pages_nodemask", None), (alloc, None)] + chain[:cut]
    assert classify_trace(frames, markers=("IRQ",) if irq else ())[:2] == ("network-rx", None)
    # metamorphic: the socket allocated by a process's connect()/socket() instead stays the network core's
    other = [("__alloc_pages_nodemask", None), (alloc, None), ("sk_alloc", None), ("inet_create", None),
             ("__sock_create", None)]
    assert classify_trace(other)[0] == "network-other"


_PAGE_CACHE = st.sampled_from(["pagecache_get_page", "__page_cache_alloc", "grab_cache_page_write_begin",
                               "find_or_create_page", "add_to_page_cache_lru", "filemap_add_folio",
                               "__filemap_get_folio", "filemap_alloc_folio", "page_cache_ra_unbounded"])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(_PAGE_CACHE, min_size=1, max_size=3), st.sampled_from(["generic_perform_write", "filemap_fault",
       "vfs_write", "__do_fault"]), _MODULE_NAME)
def test_the_page_cache_is_a_filesystems_and_under_a_gem_object_the_gpus(cache, caller, module):
    """(s34-holdAE) The page cache holds files' pages: an allocation in it, the trace cut there or under the VFS, is a
    filesystem's (RPi 4.4 libmicrohttpd: __alloc_pages_nodemask <- pagecache_get_page read as other).  Metamorphic:
    the same page cache frames under a GEM object's shmem file are the GPU driver's (as shmem alone is), and a
    storage frame nearer the allocation (readahead submitting to virtio_blk) still decides storage."""
    assume(not any(word in module for word in ("rx", "tx", "xmit")))
    frames = [("__alloc_pages_nodemask", None)] + [(name, None) for name in cache]
    assert classify_trace(frames)[0] == "filesystem"
    assert classify_trace(frames + [(caller, None), ("ksys_write", None)])[0] == "filesystem"
    gem = frames + [("shmem_getpage_gfp", None), ("shmem_read_mapping_page_gfp", None), ("drm_gem_get_pages", None),
                    (module + "_bo_create", module), ("drm_ioctl", None)]
    assert classify_trace(gem)[:2] == ("gpu", module)
    disk = [("__alloc_pages_nodemask", None), ("virtio_queue_rq", None), ("blk_mq_run_hw_queue", None)] + frames[1:]
    assert classify_trace(disk)[0] == "storage"


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(st.from_regex(r"(nvhost|host1x)_[a-z][a-z_]{2,20}", fullmatch=True),
       st.sampled_from(["__kmalloc", "kmalloc_order", "__get_free_pages", "cache_alloc_refill"]))
def test_tegra_graphics_host_frames_are_gpu(host, allocator):
    """(s34-holdAE) NVIDIA Tegra's graphics host (nvhost in L4T/Android kernels, host1x upstream) submits the 2D/3D
    engines' jobs: under its frames an allocation is the GPU's (Android Tegra: __kmalloc <- nvhost_job_realloc <-
    set_submit <- nvhost_channelctl <- do_vfs_ioctl read as other)."""
    frames = [(allocator, None), (host, None), ("set_submit", None), ("do_vfs_ioctl", None)]
    assert classify_trace(frames)[:2] == ("gpu", None)
    assert classify_trace([(allocator, None), ("host1x_job_alloc", "host1x")])[:2] == ("gpu", "host1x")


def test_gpu_and_other():
    # a module with a context decides before the core helper it called (posted 4.12 i915 report)
    assert classify_trace([("shmem_read_mapping_page_gfp", None), ("i915_gem_object_get_pages_gtt", "i915")])[:2] == (
        "gpu", "i915")


def test_nvidia_modules_are_gpu():
    # 5.9 picom report (github.com/yshui/picom/issues/540): kmalloc_order under nvkms_alloc [nvidia_modeset]
    frames = [("kmalloc_order", None), ("kmalloc_order_trace", None), ("__kmalloc", None),
              ("nvkms_alloc", "nvidia_modeset"), ("_nv002718kms", "nvidia_modeset")]
    assert classify_trace(frames)[:2] == ("gpu", "nvidia_modeset")
    assert classify_trace([("__kmalloc", None), ("uvm_alloc", "nvidia_uvm")])[:2] == ("gpu", "nvidia_uvm")


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


def test_m68k_interrupt_entry_is_interrupt_context():
    # 2.6.7 Amiga (linux-kernel 2004-06-20, "page allocation failure. order:0, mode:0x20"): an skb allocated
    # in a built-in NIC's interrupt, entered through m68k's inthandler -> process_int -> amiga_do_irq_list.
    frames = [("alloc_skb", None), ("ariadne_rx", None), ("ariadne_interrupt", None), ("amiga_do_irq_list", None),
              ("cia_handler", None), ("process_int", None), ("inthandler", None)]
    assert classify_trace(frames)[2] is True
    assert classify_trace(frames[:3])[2] is False  # the NIC's own names alone say nothing of the context


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


# Receive context from structure (issue 12 point 4): completion handlers, the task, the idle loop.
def test_a_buffer_under_a_usb_urb_completion_is_the_receive_path():
    # Raspberry Pi dwc_otg 3.6: usbnet rx_submit() <- usb_hcd_giveback_urb() <- completion_tasklet_func()
    frames = [("__netdev_alloc_frag", None), ("__netdev_alloc_skb", None), ("my_usb_eth_refill", None),
              ("usb_hcd_giveback_urb", None), ("completion_tasklet_func", None)]
    assert classify_trace(frames)[0] == "network-rx"
    # the same allocator under an ioctl, no completion: not receive
    assert classify_trace([("__netdev_alloc_skb", None), ("my_usb_eth_ioctl", None)])[0] == "network-other"


def test_a_threaded_interrupt_handler_is_a_receive_context_for_buffers():
    assert classify_trace([("dev_alloc_skb", None), ("wlan_sdio_work", None), ("irq_thread_fn", None),
                           ("irq_thread", None), ("kthread", None)])[0] == "network-rx"
    # task irq/N-name (kernel/irq/manage.c) with the trace cut below the handler
    assert classify_trace([("dev_alloc_skb", None)], task=("irq/5-600c0004.", 29)) == ("network-rx", None, False)


def test_the_task_says_softirq_or_interrupt_when_the_trace_does_not():
    # 6.1 Pi 4 (raspberrypi/linux#5395): ksoftirqd/0, built-in bcmgenet, trace cut at bcmgenet_rx_poll
    frames = [("kmem_cache_alloc", None), ("__netdev_alloc_skb", None), ("bcmgenet_rx_refill", None),
              ("bcmgenet_rx_poll", None)]
    assert classify_trace(frames, task=("ksoftirqd/0", 13)) == ("network-rx", "genet", True)
    cut = [("page_frag_alloc", None), ("__napi_alloc_skb", None)]
    assert classify_trace(cut, task=("swapper/21", 0)) == ("network-rx", None, True)
    # PID 1 starts as "swapper/0" (kernel_init running initcalls): process context, no receive
    assert classify_trace(cut, task=("swapper/0", 1)) == ("network-other", None, False)
    # the boot CPU's idle task still in start_kernel(): process context
    assert classify_trace(cut + [("start_kernel", None)], task=("swapper/0", 0))[2] is False
    assert classify_trace(cut, task=("java", 4242)) == ("network-other", None, False)
    # "swapper/N" (N >= 1) is only ever an idle task: no task line (PID) needed; a CPU coming up is not idle yet
    assert classify_trace(cut, task=("swapper/3", None)) == ("network-rx", None, True)
    assert classify_trace(cut, task=("swapper/0", None))[2] is False
    assert classify_trace(cut + [("start_secondary", None)], task=("swapper/3", None))[2] is False


def test_a_driver_rx_name_calling_a_buffer_allocator_is_receive_even_built_in_without_a_prefix():
    frames = [("__netdev_alloc_skb", None), ("foonic_rx_refill", None), ("foonic_poll_rx", None)]
    assert classify_trace(frames)[0] == "network-rx"
    # an rx-like name that calls no buffer allocator says nothing (core code named *_poll)
    assert classify_trace([("__kmalloc", None), ("sock_poll", None)])[0] != "network-rx"


def test_the_idle_loop_means_interrupt_and_intel_idle_is_no_gpu_frame():
    frames = [("__alloc_skb", None), ("intel_idle", None), ("cpuidle_enter_state", None), ("do_idle", None)]
    context, _driver, interrupt = classify_trace(frames)
    assert context == "network-other" and interrupt is True
    assert classify_trace([("kmem_cache_alloc", None), ("intel_idle", None)])[0] == "unknown"
    assert classify_trace([("__kmalloc", None), ("intel_pmu_handle_irq", None)])[0] == "unknown"


def test_swiotlb_bounce_buffers_are_dma_mapping_not_storage():
    # pf_ring's DMA area through swiotlb (3.10 x86): no disk in sight
    frames = [("__get_free_pages", None), ("swiotlb_alloc_coherent", None), ("dma_generic_alloc_coherent", None),
              ("x86_swiotlb_alloc_coherent", None), ("alloc_dma_memory", "fbcapture"), ("fb_ioctl", "fbcapture")]
    assert classify_trace(frames)[:2] == ("other", "fbcapture")


def test_mmc_card_block_path_is_storage_but_not_the_mmc_core_an_sdio_card_shares():
    # balena-beaglebone issue #25 (4.4.9 AM33xx): kmalloc for an EDMA descriptor under the host
    # driver's request, issued by the MMC block queue (mmcqd/1)
    mmc = [("__kmalloc", None), ("edma_prep_slave_sg", None), ("omap_hsmmc_request", None),
           ("__mmc_start_request", None), ("mmc_start_request", None), ("mmc_start_req", None),
           ("mmc_blk_issue_rw_rq", None)]
    assert classify_trace(mmc)[0] == "storage"
    assert classify_trace([("mempool_alloc", None), ("mmc_blk_mq_issue_rq", "mmc_block")])[0] == "storage"
    # the same host request path under an SDIO function driver (a WLAN card): no block device
    sdio = mmc[:5] + [("mmc_wait_for_req", None), ("mmc_io_rw_extended", None), ("sdio_io_rw_ext_helper", None),
                      ("brcmf_sdiod_buffrw", "brcmfmac")]
    assert classify_trace(sdio)[0] != "storage"


# Frames printed "? func" are not proven return addresses.
STALE = [("ixgbe_poll", "ixgbe")]


def test_a_stale_question_frame_does_not_decide_over_reliable_frames():
    frames = [("dump_stack", None), ("warn_alloc_failed", None), ("ixgbe_poll", "ixgbe"),
              ("__alloc_pages_nodemask", None), ("kmem_alloc", "xfs"), ("xlog_cil_push", "xfs")]
    assert classify_trace(frames)[:2] == ("network-rx", "ixgbe")        # read as reliable: wrong
    assert classify_trace(frames, unsure=[2])[:2] == ("filesystem", "xfs")
    # a trace printed all in "?" (4.9 Debian without frame pointers) is still read
    everything = list(range(len(frames)))
    assert classify_trace(frames, unsure=everything)[:2] == ("network-rx", "ixgbe")
    # only the allocator is reliable, the rest "?": the "?" frames decide with interrupt evidence
    # (CoreOS 4.3 ksoftirqd post; CoreOS 4.9 java post with <IRQ> and "? __netif_receive_skb_core")
    rcv = [("dump_stack", None), ("__alloc_pages_nodemask", None), ("ip_rcv_finish", None)]
    assert classify_trace(rcv, unsure=[2], task=("ksoftirqd/0", 3)) == ("network-rx", None, True)
    assert classify_trace(rcv, unsure=[2], markers=["IRQ"])[0] == "network-rx"
    # ... and without it a lone "?" receive frame under a cut trace proves nothing (insmod, RHEL 7)
    assert classify_trace(rcv, unsure=[2], task=("insmod", 13189)) == ("unknown", None, False)
    # all "?" (no reliable frame at all): read as a whole, as before
    assert classify_trace(rcv, unsure=[0, 1, 2], task=("insmod", 13189))[0] == "network-rx"


def test_a_stale_question_frame_in_a_log_is_read_as_unsure():
    # 4.4 Ubuntu x86_64 with frame pointers: "? ixgbe_poll" left on a kworker's stack, XFS log push
    [event] = parse_file(fixture_path("dmesg_4.4_ubuntu_stale_question_frame.txt")).events
    # mode 0x2404040 (4.4 layout): __GFP_RECLAIM 0x2400000 | __GFP_COMP 0x4000 | __GFP_IO 0x40 = GFP_NOFS|COMP
    assert (event.comm, event.pid, event.order, event.atomic) == ("kworker/u16:3", 2841, 4, False)
    assert (event.context, event.driver, event.in_interrupt) == ("filesystem", "xfs", False)
    assert "ixgbe_poll" in event.call_trace


SURE_DECIDING = [
    [("kmem_alloc", "xfs"), ("xfs_buf_get_map", "xfs")],
    [("mempool_alloc", None), ("nvme_queue_rq", "nvme"), ("blk_mq_dispatch_rq_list", None)],
    [("__alloc_skb", None), ("sk_stream_alloc_skb", None), ("tcp_sendmsg", None)],
    [("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", "e1000"), ("e1000_clean_rx_irq", "e1000")],
    [("shmem_read_mapping_page_gfp", None), ("i915_gem_object_get_pages_gtt", "i915")],
    [("page_frag_alloc", None), ("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", "e1000"),
     ("e1000_open", "e1000"), ("__dev_open", None)],
]
NOISE = ["ixgbe_poll", "net_rx_action", "__do_softirq", "tcp_v4_rcv", "i915_gem_fault", "xfs_iunlock",
         "nvme_irq", "dev_hard_start_xmit", "kfree", "page_frag_alloc", "e1000_open", "irq_exit"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SURE_DECIDING), st.lists(st.tuples(st.sampled_from(NOISE), st.integers(0, 8)), max_size=4))
def test_unsure_frames_never_change_what_reliable_frames_decide(sure, inserts):
    # metamorphic: insert "?" frames anywhere into a trace whose reliable frames decide
    frames, unsure = list(sure), []
    for name, at in inserts:
        at = min(at, len(frames))
        frames.insert(at, (name, None))
        unsure = [i + 1 if i >= at else i for i in unsure] + [at]
    assert classify_trace(frames, unsure=unsure) == classify_trace(sure)


NEUTRAL = ["dump_stack", "warn_alloc", "__alloc_pages_nodemask", "alloc_iova", "intel_alloc_iova", "intel_map_sg",
           "swiotlb_map_page", "kmem_cache_alloc", "new_slab", "intel_unmap_sg"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SURE_DECIDING), st.lists(st.tuples(st.sampled_from(NEUTRAL), st.integers(0, 8)), max_size=4))
def test_allocator_and_dma_mapping_frames_never_change_the_context_or_driver(sure, inserts):
    frames = list(sure)
    for name, at in inserts:
        frames.insert(min(at, len(frames)), (name, None))
    assert classify_trace(frames)[:2] == classify_trace(sure)[:2]


# lib/scatterlist.c, lib/sg_pool.c, lib/sg_split.c: tables built and walked for every DMA user (s32-holdZ: a vGPU's
# page table read as storage because "sg_init_table" matched SCSI generic's "sg_*").
SCATTERLIST = ["sg_init_table", "sg_init_one", "sg_alloc_table", "__sg_alloc_table", "sg_alloc_table_from_pages",
               "__sg_alloc_table_from_pages", "sg_alloc_table_chained", "sg_kmalloc", "sgl_alloc_order", "sg_next",
               "sg_miter_next", "sg_copy_from_buffer", "sg_pcopy_to_buffer", "sg_free_table", "sg_split"]
BUILT_IN_DECIDING = SURE_DECIDING + [
    [("gen8_mm_alloc_page_table", None), ("intel_vgpu_create_mm", None), ("intel_gvt_create_vgpu", None)],
    [("i915_gem_object_get_pages_gtt", None), ("i915_gem_object_get_pages", None)],
    [("scsi_init_sgtable", None), ("scsi_init_io", None), ("sd_init_command", "sd_mod")],
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(BUILT_IN_DECIDING), st.lists(st.tuples(st.sampled_from(SCATTERLIST), st.integers(0, 8)),
                                                     min_size=1, max_size=3),
       st.booleans())
def test_scatterlist_library_frames_never_change_the_context_or_driver(sure, inserts, unsure):
    # metamorphic: the scatterlist helpers inserted anywhere, printed sure or all with "?", decide nothing
    frames = list(sure)
    for name, at in inserts:
        frames.insert(min(at, len(frames)), (name, None))
    everything = list(range(len(frames))) if unsure else ()
    expected = classify_trace(sure, unsure=list(range(len(sure))) if unsure else ())
    assert classify_trace(frames, unsure=everything)[:2] == expected[:2]


def test_scsi_generics_own_functions_stay_storage_and_a_lone_scatterlist_helper_says_nothing():
    # drivers/scsi/sg.c shares the prefix: its request path is storage (the sg device is a SCSI one)
    assert classify_trace([("__kmalloc", None), ("sg_build_indirect", None), ("sg_build_reserve", None),
                           ("sg_add_sfp", None), ("sg_open", None)])[0] == "storage"
    assert classify_trace([("__alloc_pages_nodemask", None), ("sg_init_table", None)])[0] == "unknown"


def test_interrupt_entry_frames_of_other_arches():
    # 32-bit ARM (arch/arm/kernel/entry-armv.S), arm64 5.13+, MIPS, the generic flow handlers, timer softirq
    for entry in ("__irq_svc", "asm_do_IRQ", "handle_IRQ", "el1h_64_irq_handler", "el1_interrupt",
                  "plat_irq_dispatch", "handle_fasteoi_irq", "generic_handle_domain_irq", "run_timer_softirq"):
        assert classify_trace([("__netdev_alloc_skb", None), ("vendor_refresh", None), (entry, None)]) == (
            "network-rx", None, True), entry


def test_netlink_handlers_named_like_receive_handlers_are_no_receive():
    # `ip link` -> rtnetlink: the family's input runs in the sending process (net/netlink/af_netlink.c)
    frames = [("__alloc_skb", None), ("netlink_ack", None), ("netlink_rcv_skb", None), ("rtnetlink_rcv", None),
              ("netlink_unicast", None), ("netlink_sendmsg", None), ("sock_sendmsg", None)]
    assert classify_trace(frames)[0] == "network-other"
    # iscsid's netlink request handled by scsi_transport_iscsi's iscsi_if_rx(): a module, still no receive
    frames = [("__kmalloc", None), ("iscsi_if_recv_msg", "scsi_transport_iscsi"),
              ("iscsi_if_rx", "scsi_transport_iscsi"), ("netlink_unicast", None), ("netlink_sendmsg", None)]
    assert classify_trace(frames)[0] != "network-rx"
    # a receive frame outside the delivery still counts (none in practice; the rule is positional)
    assert classify_trace([("tcp_v4_rcv", None)])[0] == "network-rx"


def test_build_skb_wraps_a_received_buffer_and_rxbuf_names_a_driver_rx_frame():
    # 5.x: kmem_cache_alloc of the skb head under napi_build_skb() in a driver's poll
    assert classify_trace([("kmem_cache_alloc", None), ("napi_build_skb", None), ("mvneta_rx_swbm", None),
                           ("net_rx_action", None)])[:2] == ("network-rx", "mvneta")
    assert classify_trace([("kmem_cache_alloc", None), ("__build_skb", None)], markers=["SOFTIRQ"])[0] == "network-rx"
    # ath9k ath_rxbuf_alloc() in its module: a driver rx frame
    assert classify_trace([("__netdev_alloc_skb", None), ("ath_rxbuf_alloc", "ath9k"),
                           ("ath_rx_tasklet", "ath9k")])[:2] == ("network-rx", "ath9k")


def _frame_line(stamp, name, module, unsure, form):
    where = " [%s]" % module if module else ""
    mark = "? " if unsure else ""
    if form == "4.9":  # x86 up to 4.9: "[<addr>] ? func+0x/0x [mod]"
        return "[%10.6f]  [<ffffffff81234567>] %s%s+0x10/0x100%s" % (stamp, mark, name, where)
    return "[%10.6f]  %s%s+0x10/0x100%s" % (stamp, mark, name, where)  # 4.10+: " ? func+0x/0x [mod]"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(SURE_DECIDING), st.lists(st.tuples(st.sampled_from(NOISE), st.integers(0, 8)), max_size=3),
       st.sampled_from(["4.9", "4.14"]))
def test_stale_frames_in_a_printed_trace_never_change_what_its_reliable_frames_decide(sure, inserts, form):
    # end to end: the assembler marks "? " frames, the classification reads them last
    rows = [(name, module, False) for name, module in sure]
    for name, at in inserts:
        rows.insert(min(at, len(rows)), (name, None, True))
    lines = ["[  100.000001] kworker/0:1: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)",
             "[  100.000002] CPU: 0 PID: 42 Comm: kworker/0:1 Not tainted 4.9.0-5-amd64 #1",
             "[  100.000003] Call Trace:"]
    head = [("dump_stack", None, False), ("warn_alloc", None, False), ("__alloc_pages_nodemask", None, False)]
    lines += [_frame_line(100.00001 + i / 1e6, name, module, unsure, form)
              for i, (name, module, unsure) in enumerate(head + rows)]
    [event] = parse_text("\n".join(lines) + "\n").events
    assert (event.context, event.driver, event.in_interrupt) == classify_trace(sure)


@settings(max_examples=200, deadline=None)
@given(stem=st.from_regex(r"[a-z][a-z0-9]{1,8}(?:_[a-z0-9]{1,6}){0,2}", fullmatch=True),
       suffix=st.sampled_from(["_poll", "_napi_poll", "_rx_poll"]),
       core=st.sampled_from(["net_rx_action", "__napi_poll", "napi_poll", "napi_threaded_poll"]))
def test_a_built_in_nics_poll_callback_names_its_driver(stem, suffix, core):
    # A driver registers "<driver>_poll" with netif_napi_add(); the NAPI core calls it: a built-in driver
    # (no [module], no known prefix) is named by that callback (posted 4.9 RZ/A1: sh_eth_poll -> sh_eth).
    # (A stem ending in "_rx"/"_tx"/"_napi" is itself read as the callback's suffix: "a0_rx" + "_poll" -> "a0".)
    assume(not stem.endswith(("_rx", "_tx", "_napi")))
    frames = [("__netdev_alloc_skb", None), ("rx_refill", None), (stem + suffix, None), (core, None),
              ("__do_softirq", None)]
    context, driver, _ = classify_trace(frames)
    assert context == "network-rx"
    assert driver == (call_paths.driver_from_name(stem + suffix) or stem)


def test_a_module_or_a_core_poller_is_named_as_before():
    frames = [("__netdev_alloc_skb", None), ("e1000_clean", "e1000"), ("net_rx_action", None)]
    assert classify_trace(frames)[:2] == ("network-rx", "e1000")
    # net/core/gro_cells.c gro_cell_poll(): tunnels' cells, no driver
    frames = [("__netdev_alloc_skb", None), ("gro_cell_poll", None), ("__napi_poll", None), ("net_rx_action", None)]
    assert classify_trace(frames)[:2] == ("network-rx", None)


# net/core's device lifecycle (register_netdevice(), alloc_netdev_mqs(), rtnetlink's __rtnl_newlink() and the
# drivers' <kind>_newlink callbacks) is network code named verb first; whatever driver's module the core
# called back into (ndo_init, newlink) or was called from, the path is network device setup, that module
# its driver.  Driver names: lower-case identifiers that are no known storage/fs/gpu module or 802.11 library.
_LIFECYCLE = ("register_netdevice", "register_netdev", "alloc_netdev_mqs", "alloc_etherdev_mqs", "__rtnl_newlink",
              "rtnl_newlink", "unregister_netdevice_many")
_driver_names = st.from_regex(r"[a-z][a-z0-9]{1,10}", fullmatch=True).filter(
    lambda m: m not in call_paths.MODULE_CONTEXT and m not in call_paths.LIBRARY_MODULES
    # nor a name whose frames another context's globs claim ("nv_newlink" is a GPU_FRAMES "nv_*" frame), nor one
    # whose frames read as a receive or transmit name ("rx_alloc_queues": the test's driver names say nothing)
    and all(_says_nothing(call_paths._frame_facts(m + suffix, m)) for suffix in ("_newlink", "_alloc_queues", "_dev_init")))


def _says_nothing(facts):
    return facts.other in (None, "network-other") and not (facts.rx or facts.tx or facts.rx_name)


@settings(max_examples=200, deadline=None)
@given(_driver_names, st.sampled_from(_LIFECYCLE), st.booleans(), st.booleans())
def test_network_device_lifecycle_is_network_setup_of_the_module_on_the_path(driver, core, callback, cut):
    # the driver's own frame names say nothing (no rx/tx/probe/open word): only the structure decides
    inner = [(driver + "_alloc_queues", driver), (driver + "_dev_init", driver)] if callback else []
    # (a 5.15 'ip link add' / dockerd path: the request arrives as a netlink message, NETLINK_DELIVERY_FRAMES)
    outer = [] if cut else [(driver + "_newlink", driver), ("__rtnl_newlink", None), ("rtnl_newlink", None),
                            ("rtnetlink_rcv_msg", None), ("netlink_rcv_skb", None), ("rtnetlink_rcv", None),
                            ("netlink_unicast", None), ("netlink_sendmsg", None), ("sock_sendmsg", None)]
    frames = [("__kmalloc", None)] + inner + [(core, None)] + outer
    assume(inner or outer)
    context, named, interrupt = classify_trace(frames)
    assert (context, named, interrupt) == ("network-other", driver, False)
    # the same frames under a receive: the receive path still wins
    assert classify_trace([("__netdev_alloc_skb", None), (driver + "_poll", driver), ("net_rx_action", None)]
                          )[0] == "network-rx"


def test_network_device_lifecycle_without_a_driver_frame_names_no_driver():
    assert classify_trace([("__kmalloc", None), ("alloc_netdev_mqs", None), ("rtnl_create_link", None)]) == (
        "network-other", None, False)
    # a storage module's path is not turned into a network one by the fallback
    assert classify_trace([("mempool_alloc", None), ("nvme_alloc_queue", "nvme")])[:2] == ("storage", "nvme")


def test_posted_veth_report_is_network_setup():
    events = parse_file(os.path.join(POSTED, "issue_5.15_veth_register_netdevice_network_device.txt")).events
    assert [(e.comm, e.order, e.context, e.driver) for e in events] == [("dockerd", 4, "network-other", "veth")]


# (s31-holdW) Older NICs built in: forcedeth (nv_*), 3c59x (vortex_*/boomerang_*), tulip (tulip_*) print no [module].
_FORCEDETH_IRQ = [("__alloc_skb", None), ("nv_alloc_rx_optimized", None), ("nv_nic_irq_optimized", None),
                  ("handle_IRQ_event", None), ("do_IRQ", None)]
_FORCEDETH_TIMER = [("__alloc_skb", None), ("nv_alloc_rx_optimized", None), ("nv_do_rx_refill", None),
                    ("run_timer_softirq", None), ("__do_softirq", None)]
_3C59X_IN_E1000 = [("alloc_skb", None), ("boomerang_rx", None), ("boomerang_interrupt", None), ("ide_intr", None),
                   ("handle_IRQ_event", None), ("do_IRQ", None), ("common_interrupt", None), ("__kmalloc", None),
                   ("alloc_skb", None), ("e1000_alloc_rx_buffers", None), ("e1000_clean_rx_irq", None),
                   ("e1000_clean", None), ("net_rx_action", None)]


def test_older_builtin_nics_receive_frames_name_their_driver():
    assert classify_trace(_FORCEDETH_IRQ)[:2] == ("network-rx", "forcedeth")
    # forcedeth's out-of-memory retry timer refills the receive ring from the timer softirq: still receive
    assert classify_trace(_FORCEDETH_TIMER)[:2] == ("network-rx", "forcedeth")
    # a 3c59x receive interrupt taken inside e1000's refill: the failing allocation is the innermost driver's
    assert classify_trace(_3C59X_IN_E1000)[:2] == ("network-rx", "3c59x")
    assert classify_trace([("alloc_skb", None), ("tulip_refill_rx", None), ("tulip_interrupt", None),
                           ("handle_IRQ_event", None)])[:2] == ("network-rx", "tulip")
    # sata_nv (drivers/ata/sata_nv.c) shares forcedeth's "nv_" prefix: its names are no NIC's
    for name in ("nv_adma_interrupt", "nv_swncq_interrupt", "nv_host_intr", "nv_do_interrupt", "nv_ck804_freeze"):
        assert call_paths.driver_from_name(name) is None


@given(st.sampled_from([_FORCEDETH_IRQ, _FORCEDETH_TIMER, _3C59X_IN_E1000]), st.booleans())
def test_a_builtin_driver_reads_as_its_module_would(frames, markers):
    # Metamorphic: the same trace with each driver frame's [module] printed (the driver built as a module)
    # classifies alike: built in, the prefix names the module the bracket would.
    modular = [(name, call_paths.driver_from_name(name)) for name, _module in frames]
    marks = ["IRQ"] if markers else []
    assert classify_trace(frames, marks)[:2] == classify_trace(modular, marks)[:2]


# (s31-holdT) A driver no table knows calls the core helper that says the context: 5.3's swapper/10 report on
# iommu@lists.linux-foundation.org (2019) maps a SCSI command's pages in scsi_dma_map (storage) called by
# pqi_raid_submit_scsi_cmd_with_io_request [smartpqi] - the storage driver is the caller's module.
CORE_FRAMES = {"storage": ("scsi_dma_map", "blk_mq_get_request", "submit_bio"),
               "filesystem": ("xfs_buf_allocate_memory", "jbd2_journal_start"),
               "gpu": ("drm_gem_get_pages", "ttm_tt_populate")}


def test_the_posted_smartpqi_report_names_its_caller_module():
    assert classify_trace([("get_zeroed_page", None), ("iommu_map_page", None), ("map_sg", None),
                           ("scsi_dma_map", None), ("pqi_raid_submit_scsi_cmd_with_io_request", "smartpqi"),
                           ("do_IRQ", None), ("common_interrupt", None)]) == ("storage", "smartpqi", True)


@settings(max_examples=200, deadline=None)
@given(context=st.sampled_from(sorted(CORE_FRAMES)), data=st.data(),
       caller=st.from_regex(r"zq[a-z]{2,8}", fullmatch=True), module=st.from_regex(r"zq[a-z]{2,8}", fullmatch=True))
def test_the_module_calling_a_contexts_core_frames_is_its_driver(context, data, caller, module):
    core = data.draw(st.lists(st.sampled_from(CORE_FRAMES[context]), min_size=1, max_size=3))
    frames = [("kmem_cache_alloc", None)] + [(name, None) for name in core]
    alone = classify_trace(frames)
    assume(alone[0] == context and alone[1] is None)
    called = classify_trace(frames + [(caller + "_submit", module), ("kthread", None)])
    assert called[:2] == (context, module)
    # a module among the context's own frames still names the driver, whoever called them
    owned = frames[:1] + [(frames[1][0], "zzowner")] + frames[2:] + [(caller + "_submit", module)]
    assert classify_trace(owned)[:2] == (context, "zzowner")


@settings(max_examples=200, deadline=None)
@given(context=st.sampled_from(sorted(CORE_FRAMES)), data=st.data(),
       caller=st.from_regex(r"zq[a-z]{2,8}", fullmatch=True), module=st.from_regex(r"zq[a-z]{2,8}", fullmatch=True))
def test_a_driver_between_two_layers_of_its_contexts_core_is_still_its_driver(context, data, caller, module):
    # (s34-holdAB) The whole trace goes on beyond the driver into its subsystem's core again: the SCSI midlayer's
    # scsi_queue_rq() and blk-mq's dispatch called pqi_scsi_queue_command [smartpqi], which called scsi_dma_map().
    # Metamorphic: core frames of the context outside the driver's frames do not take its name away.
    inner = data.draw(st.lists(st.sampled_from(CORE_FRAMES[context]), min_size=1, max_size=3))
    outer = data.draw(st.lists(st.sampled_from(CORE_FRAMES[context]), min_size=1, max_size=3))
    frames = [("kmem_cache_alloc", None)] + [(name, None) for name in inner]
    assume(classify_trace(frames)[:2] == (context, None))
    cut = frames + [(caller + "_submit", module), (caller + "_queue", module)]
    whole = cut + [(name, None) for name in outer] + [("process_one_work", None), ("kthread", None)]
    assert classify_trace(cut)[:2] == classify_trace(whole)[:2] == (context, module)


def test_the_posted_smartpqi_trace_through_the_midlayer_names_its_driver():
    # (s34-holdAB) 5.2-next, LTP oom01 on linux-mm: the iommu_iova slab for a SCSI command's mapping, the trace on
    # through the midlayer and blk-mq to the kblockd worker
    frames = [("alloc_pages_current", None), ("allocate_slab", None), ("new_slab", None), ("___slab_alloc", None),
              ("__slab_alloc", None), ("kmem_cache_alloc", None), ("alloc_iova", None), ("alloc_iova_fast", None),
              ("dma_ops_alloc_iova.isra.5", None), ("map_sg", None), ("scsi_dma_map", None),
              ("pqi_raid_submit_scsi_cmd_with_io_request", "smartpqi"), ("pqi_scsi_queue_command", "smartpqi"),
              ("scsi_queue_rq", None), ("blk_mq_dispatch_rq_list", None), ("blk_mq_sched_dispatch_requests", None),
              ("__blk_mq_run_hw_queue", None), ("blk_mq_run_work_fn", None), ("process_one_work", None),
              ("worker_thread", None), ("kthread", None), ("ret_from_fork", None)]
    assert classify_trace(frames)[:2] == ("storage", "smartpqi")


def test_a_qdio_input_handler_is_the_receive_path_of_s390_s_qeth():
    # (s34-holdAB) 2.6.5 s390 on linux-kernel (2004): qdio's interrupt calls the driver's inbound-queue handler, which
    # builds skbs from the buffers the OSA card filled - qeth built in, no [module] printed
    frames = [("__alloc_pages", None), ("__get_free_pages", None), ("cache_grow", None),
              ("cache_alloc_refill", None), ("__kmalloc", None), ("alloc_skb", None), ("qeth_read_in_buffer", None),
              ("qeth_qdio_input_handler", None), ("qdio_handler", None), ("ccw_device_call_handler", None),
              ("ccw_device_irq", None), ("io_subchannel_irq", None), ("do_IRQ", None), ("io_return", None)]
    assert classify_trace(frames, task=("swapper", None)) == ("network-rx", "qeth", True)
    # an input handler that is no driver's (no module, no known prefix) is nobody's receive frame
    assert classify_trace([("alloc_skb", None), ("zz_input_handler", None)])[0] != "network-rx"


# (s31-holdW) A failure inside the printing of another's trace: netconsole allocating in printk() under dump_stack().
_NETCONSOLE_IN_DUMP = [("alloc_skb", None), ("find_skb", None), ("netpoll_send_udp", None), ("write_msg", "netconsole"),
                       ("call_console_drivers", None), ("vprintk", None), ("printk", None), ("show_trace", None),
                       ("dump_stack", None), ("__alloc_pages", None), ("alloc_skb", None), ("tg3_alloc_rx_skb", None),
                       ("tg3_rx", None), ("tg3_poll", None), ("net_rx_action", None), ("__do_softirq", None)]


def test_a_failure_inside_another_reports_dump_is_judged_by_its_own_path():
    assert classify_trace(_NETCONSOLE_IN_DUMP)[:2] == ("network-tx", None)
    # the dump frames at the start of a trace are the report's own: nothing is cut
    assert classify_trace([("dump_stack", None), ("warn_alloc", None), ("__alloc_pages", None)]
                          + _NETCONSOLE_IN_DUMP[10:])[:2] == ("network-rx", "tg3")


@given(st.integers(min_value=0, max_value=6))
def test_what_follows_a_nested_dump_never_changes_the_verdict(extra):
    # Metamorphic: the outer report's frames beyond show_trace/dump_stack (any number kept) do not move the answer.
    cut = _NETCONSOLE_IN_DUMP[:9]
    assert classify_trace(cut + _NETCONSOLE_IN_DUMP[9:9 + extra])[:2] == classify_trace(cut)[:2]


def test_a_built_in_vendor_drivers_camelcase_rx_path_is_receive():
    # (s31-holdV) MediaTek's built-in wlan driver (3.4 Android, posted note): no [module], no known prefix
    frames = [("__alloc_skb", None), ("nicRxSetupRFB", None), ("wlanReturnPacket", None),
              ("kalRxIndicatePkts", None), ("nicRxProcessRFBs", None), ("nicProcessRxInterrupt", None)]
    assert classify_trace(frames)[:2] == ("network-rx", None)
    # a camelCase name without a receive word says nothing of the path
    assert classify_trace([("__kmalloc", None), ("wlanReturnPacket", None)])[0] == "other"
    # the kernel's own capitals stand after an underscore: no vendor's name
    assert not call_paths._driverish("do_IRQ", None) and not call_paths._driverish("handle_IRQ_event", None)


def test_no_kernel_name_in_the_frame_tables_is_camelcase():
    """The tables name the kernel's own code (snake_case), so a camelCase frame is never one of theirs."""
    names = []
    for table in (call_paths.RX_FRAMES, call_paths.TX_FRAMES, call_paths.SETUP_FRAMES, call_paths.STORAGE_FRAMES,
                  call_paths.FILESYSTEM_FRAMES, call_paths.GPU_FRAMES, call_paths.NETWORK_OTHER_FRAMES,
                  call_paths.INTERRUPT_FRAMES, call_paths.IDLE_FRAMES, call_paths.ALLOCATOR_FRAMES,
                  call_paths.DMA_MAPPING_FRAMES, call_paths.RX_BUFFER_FRAMES, call_paths.OTHER_SOFTIRQ_HANDLERS,
                  call_paths.NAPI_CORE_FRAMES, call_paths.DEVICE_COMPLETION_FRAMES):
        names += [entry[0] if isinstance(entry, tuple) else entry for entry in table]
    assert len(names) > 200
    assert [name for name in names if call_paths._CAMEL.match(name.lstrip("*"))] == []


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(stem=st.from_regex(r"[a-z]{2,5}", fullmatch=True),
       words=st.lists(st.sampled_from(["Rx", "RX", "Recv", "Process", "Setup", "Indicate", "Pkts", "RFB", "Buf"]),
                      min_size=1, max_size=3),
       module=st.sampled_from(["wlan_mt7663", "mtk_wlan", "rt2860sta"]))
def test_a_camelcase_driver_frame_decides_built_in_as_it_does_in_its_module(stem, words, module):
    """Metamorphic: a vendor driver's camelCase frame built in (no module printed) gives the context it
    gives behind its ``[module]``: the module only adds the driver's name."""
    name = stem + "".join(words)
    built_in = [("__alloc_skb", None), (name, None), ("tasklet_action", None)]
    loaded = [("__alloc_skb", None), (name, module), ("tasklet_action", None)]
    assert classify_trace(built_in)[0] == classify_trace(loaded)[0]
    assert classify_trace(built_in)[1] is None


@given(st.from_regex(r"[a-z][a-z0-9_]{0,14}", fullmatch=True), st.sampled_from(["kmem_cache_alloc", "__kmalloc"]))
def test_every_device_mapper_module_is_storage(target, allocator):
    """drivers/md/dm-*.c: each device-mapper target or helper is its own module, printed "[dm_<name>]"; a
    frame in any of them (no function-name table knows the target) makes the path storage, never a NIC's.
    (linux-btrfs 2019-05-15: btracker_queue [dm_cache] <- queue_writeback [dm_cache_smq].)"""
    module = "dm_" + target
    frames = [(allocator, None), ("work_in_" + target, module), ("process_one_work", None)]
    assert classify_trace(frames)[:2] == ("storage", module)
    assert call_paths.module_context(module) == "storage"
    assert not call_paths._driverish("work_in_" + target, module)


# The receive softirq's protocol code sending (s32-holdAA: posted fixtures mail_3.2_gso_segment_transmit_inside_
# receive_softirq_bridge, memo_2.6.32_bare_header_frames_kernel_tag_commented_tg3): what the transmit path
# allocates below dev_queue_xmit() is no receive buffer, whatever receive frames stand beyond it.
_TX_CHAINS = [
    [("skb_segment", None), ("tcp_tso_segment", None), ("skb_gso_segment", None), ("dev_hard_start_xmit", None),
     ("sch_direct_xmit", None), ("dev_queue_xmit", None)],
    [("skb_copy", None), ("tg3_start_xmit", "tg3"), ("dev_hard_start_xmit", None), ("dev_queue_xmit", None)],
    [("__alloc_skb", None), ("ip_finish_output", None), ("ip_output", None)],
    [("__alloc_skb", None), ("tcp_transmit_skb", None), ("tcp_write_xmit", None), ("__tcp_push_pending_frames", None)],
]
_RX_BEYOND = [
    [("tcp_rcv_established", None), ("tcp_v4_do_rcv", None), ("tcp_v4_rcv", None), ("ip_rcv", None),
     ("__netif_receive_skb", None), ("process_backlog", None), ("net_rx_action", None), ("__do_softirq", None)],
    [("br_forward_finish", None), ("br_handle_frame", None), ("__netif_receive_skb", None),
     ("napi_gro_receive", None), ("tg3_poll_work", "tg3"), ("tg3_poll_msix", "tg3"), ("net_rx_action", None)],
    [("ip_forward", None), ("ip_rcv", None), ("netif_receive_skb", None), ("e1000_clean_rx_irq", "e1000"),
     ("e1000_clean", "e1000"), ("net_rx_action", None)],
]
_ALLOCATOR = [("__alloc_pages_nodemask", None), ("new_slab", None), ("__kmalloc_node_track_caller", None)]


@settings(max_examples=100, deadline=None, derandomize=True, database=None)
@given(tx=st.sampled_from(_TX_CHAINS), rx=st.sampled_from(_RX_BEYOND), allocator=st.booleans())
def test_a_transmit_inside_the_receive_path_is_a_transmit(tx, rx, allocator):
    frames = (_ALLOCATOR if allocator else []) + tx + rx
    assert classify_trace(frames)[0] == "network-tx"
    # the same path without its transmit part, or with a receive refill nearer the allocation, is receive
    assert classify_trace((_ALLOCATOR if allocator else []) + rx)[0] == "network-rx"
    refill = [("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", "e1000")]
    assert classify_trace(refill + tx + rx)[0] == "network-rx"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(_MODULE_NAME, st.sampled_from(["generic_file_read_iter", "generic_file_buffered_read", "filemap_read",
                                      "filemap_get_pages", "do_generic_file_read", "generic_file_aio_read",
                                      "generic_file_write_iter", "__generic_file_write_iter", "filemap_splice_read"]),
       st.sampled_from(["kmalloc_array", "__kmalloc", "kmalloc_order_trace", "__alloc_pages_nodemask"]),
       st.booleans())
def test_a_file_read_or_write_through_the_page_cache_is_its_filesystems(module, generic, allocator, built_in):
    """(s39-hold39b) mm/filemap.c's generic read/write path is a file's, whichever filesystem's read_iter or
    write_iter called it: filesystem, and the calling module (a filesystem out of the tables, bcachefs #132) its
    driver; built in (no [module] printed), still the filesystem's."""
    frames = [(allocator, None), (generic, None), (module + "_file_read_iter", None if built_in else module),
              ("vfs_read", None), ("ksys_read", None)]
    context, driver, _interrupt = classify_trace(frames)
    assert context == "filesystem"
    assert driver == (None if built_in else module)


def test_the_posted_bcachefs_read_names_its_module():
    frames = [("kmalloc_array.constprop.0", None), ("generic_file_buffered_read", None),
              ("generic_file_read_iter", None), ("bch2_read_iter", "bcachefs")]
    assert classify_trace(frames) == ("filesystem", "bcachefs", False)


_SLOWPATH_HELPERS = st.sampled_from(["get_page_from_freelist", "rmqueue", "rmqueue_bulk", "__rmqueue_smallest",
                                     "prep_new_page", "drain_local_pages", "drain_pages", "drain_all_pages",
                                     "wakeup_kswapd", "wake_all_kswapds", "zone_watermark_ok", "__zone_watermark_ok",
                                     "should_reclaim_retry", "should_compact_retry", "__perform_reclaim"])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(_SLOWPATH_HELPERS, min_size=1, max_size=4), st.booleans(),
       st.sampled_from([[], [("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", None), ("e1000_clean_rx_irq",
                                                                                               None)],
                        [("kmalloc_order_trace", None), ("nvme_validate_ns", "nvme_core")],
                        [("__kmalloc", None), ("copy_process", None), ("_do_fork", None)]]))
def test_the_allocators_own_helpers_never_decide_a_context(helpers, unsure, callers):
    """(s39-hold39b) mm/page_alloc.c's slowpath helpers are the failing allocation itself: with no caller frame
    the context stays unknown (moby #24576's trace cut after '? drain_local_pages'), with one they change nothing."""
    head = [("dump_stack", None), ("warn_alloc_failed", None), ("__alloc_pages_nodemask", None)]
    inserted = [(name, None) for name in helpers]
    frames = head[:2] + inserted + head[2:] + callers
    marks = range(2, 2 + len(inserted)) if unsure else ()
    assert classify_trace(frames, unsure=marks) == classify_trace(head + callers)
    if not callers:
        assert classify_trace(frames, unsure=marks)[:2] == ("unknown", None)


_CLONE_SUFFIXES = st.lists(st.sampled_from([".constprop", ".isra", ".part", ".cold", ".lto_priv", ".llvm"]),
                           min_size=1, max_size=2).flatmap(
    lambda kinds: st.tuples(*[st.one_of(st.just(kind), st.integers(0, 9999).map(lambda n, k=kind: "%s.%d" % (k, n)))
                              for kind in kinds]).map("".join))


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.sampled_from([
    [("dump_stack", None), ("warn_alloc", None), ("__alloc_pages_nodemask", None), ("allocate_slab", None),
     ("___slab_alloc", None), ("__slab_alloc", None), ("kmem_cache_alloc", None)],
    [("__alloc_pages_nodemask", None), ("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", None),
     ("e1000_clean_rx_irq", None), ("net_rx_action", None)],
    [("__kmalloc", None), ("copy_process", None), ("_do_fork", None)],
    [("kmalloc_order_trace", None), ("nvme_validate_ns", "nvme_core"), ("nvme_scan_work", "nvme_core")],
    [("alloc_pages_current", None), ("tcp_sendmsg_locked", None), ("tcp_sendmsg", None)]]),
    st.data())
def test_a_compiler_clone_suffix_never_changes_the_call_path(frames, data):
    """(s40-hold40) gcc/clang print a function's clone under a suffix ("___slab_alloc.constprop.6",
    "copy_process.isra.7.part.8", "foo.cold", "foo.llvm.123"): the tables name functions, so any frame carrying one
    decides what the function itself decides (a raw linux-mm mail's ARM trace cut at kmem_cache_alloc read as other
    kernel code through "___slab_alloc.constprop.6")."""
    marked = data.draw(st.lists(st.booleans(), min_size=len(frames), max_size=len(frames)))
    cloned = [(name + data.draw(_CLONE_SUFFIXES) if mark else name, module)
              for (name, module), mark in zip(frames, marked)]
    assert classify_trace(cloned) == classify_trace(frames)
    assert classify_trace(cloned, unsure=range(len(cloned))) == classify_trace(frames, unsure=range(len(frames)))


def test_the_posted_clone_suffixed_slab_frames_are_the_allocators():
    frames = [("dump_backtrace", None), ("show_stack", None), ("dump_stack", None), ("warn_alloc", None),
              ("__alloc_pages_nodemask", None), ("allocate_slab", None), ("___slab_alloc.constprop.6", None),
              ("__slab_alloc.constprop.5", None), ("kmem_cache_alloc", None)]
    assert classify_trace(frames, task=("kswapd0", 716)) == ("unknown", None, False)


_ENTRY_POINTS = st.sampled_from(["kvmalloc_node", "__kvmalloc_node", "kvzalloc", "kvcalloc", "kvmalloc_array", "vzalloc",
                                 "__get_free_pages", "get_zeroed_page", "folio_alloc", "__folio_alloc", "vma_alloc_folio",
                                 "__alloc_frozen_pages", "__alloc_pages", "__kmalloc_cache", "__vmalloc_node_range"])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(_ENTRY_POINTS, st.booleans()), min_size=1, max_size=3),
       st.sampled_from([[], [("xfs_buf_allocate_memory", "xfs"), ("xfs_buf_get_map", "xfs")],
                        [("__netdev_alloc_skb", None), ("e1000_alloc_rx_buffers", None), ("e1000_clean_rx_irq", None)],
                        [("copy_process", None), ("_do_fork", None)]]))
def test_the_allocators_entry_points_are_its_own_frames(entries, callers):
    """(s40-hold40) kvmalloc_node and its wrappers, vzalloc, the folio allocators, __alloc_frozen_pages and each of them
    under 6.10+ allocation profiling's '_noprof' name belong to the allocator: a trace cut at one has no caller
    (the netdev ipset post's reliable frames end at kvmalloc_node), and one above a caller changes nothing."""
    inserted = [(name + ("_noprof" if profiled else ""), None) for name, profiled in entries]
    frames = [("dump_stack_lvl", None), ("warn_alloc", None)] + inserted + callers
    assert classify_trace(frames) == classify_trace([("dump_stack_lvl", None), ("warn_alloc", None)] + callers)
    if not callers:
        assert classify_trace(frames)[0] == "unknown"


def test_the_posted_ipset_vmalloc_reads_its_doubtful_callers():
    """netdev 2022: the reliable frames stop at kvmalloc_node; the '?' frames (ipset's hash:net,iface) decide."""
    frames = [("dump_stack_lvl", None), ("warn_alloc", None), ("__vmalloc_node_range", None),
              ("hash_netiface4_add", None), ("__kmalloc_large_node", None), ("kvmalloc_node", None),
              ("hash_netiface4_resize", None)]
    assert classify_trace(frames[:3] + frames[5:6]) == ("unknown", None, False)
    assert classify_trace(frames, unsure=(3, 4, 6))[0] == "other"


# Frames of every kind the path tables know, and some they do not (a DMA engine's helper, a controller's request).
_ANY_FRAMES = st.sampled_from([
    ("edma_prep_slave_sg", None), ("omap_hsmmc_request", None), ("mmc_start_request", None), ("kmalloc_order", None),
    ("__netdev_alloc_skb", None), ("rx_submit", None), ("usb_hcd_giveback_urb", None), ("mmc_blk_issue_rw_rq", None),
    ("ext4_writepages", "ext4"), ("i915_gem_do_execbuffer", "i915"), ("tcp_sendmsg", None), ("copy_process", None),
    ("minstrel_ht_alloc_sta", "mac80211"), ("__do_softirq", None), ("do_idle", None), ("some_helper", None)])
_TASKS = st.sampled_from([("mmcqd/1", 80), ("jbd2/sda1-8", 300), ("cifsd", 1286), ("scsi_eh_0", 120),
                          ("kworker/0:1", 5164), ("swapper/0", 0), ("ksoftirqd/0", 13)])


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_ANY_FRAMES, max_size=5), _TASKS, st.sampled_from([[], ["IRQ"]]))
def test_a_subsystems_own_thread_decides_only_frames_that_name_no_context(frames, task, markers):
    """(s42-hold42e) TASK_OWNERS: a subsystem's kernel thread (mmcqd/N, jbd2/*, cifsd ...) changes a path only where
    the frames say "other" outside an interrupt; a context the frames name, an interrupt, and a trace with no caller
    at all ("unknown": the allocation may have been an interrupt's, openwrt_3.x_serial_padded_task_line_cut) stay."""
    assume(call_paths.task_context(*task) is None)  # (the idle task, ksoftirqd: interrupt facts, TASK_CONTEXTS)
    plain = classify_trace(frames, markers)
    told = classify_trace(frames, markers, task=task)
    owner = call_paths.task_owner(task[0])
    if owner and plain[0] == "other" and not plain[2]:
        assert told == (owner,) + plain[1:]
    else:
        assert told == plain


def test_the_mmc_block_thread_is_storage_but_the_mmc_core_alone_is_not():
    # beagleboard/linux#103, 4.4.21 AM335x: an EDMA descriptor under omap_hsmmc_request <- mmc_start_request (cut)
    frames = [("kmalloc_order_trace", None), ("edma_prep_slave_sg", None), ("omap_hsmmc_request", None),
              ("mmc_start_request", None)]
    assert classify_trace(frames)[0] == "other"  # SDIO functions send their commands through the MMC core too
    assert classify_trace(frames, task=("mmcqd/1", 80)) == ("storage", None, False)
    assert classify_trace(frames, task=("ksdioirqd/mmc1", 80))[0] == "other"
    # the thread interrupted: a USB NIC's receive refill stays receive (raspberrypi/linux#366, mmcqd/0)
    rx = [("__netdev_alloc_frag", None), ("__netdev_alloc_skb", None), ("rx_submit", None)]
    assert classify_trace(rx, task=("mmcqd/0", 90))[0] == "network-rx"
    assert classify_trace([], task=("mmcqd/0", 90))[0] == "unknown"


@pytest.mark.parametrize("library", sorted(call_paths.LIBRARY_MODULES))
def test_a_path_through_a_wireless_library_alone_is_network_code(library):
    """(s42-hold42e, Gluon 3.18 MIPS: kmalloc_order <- minstrel_remove_sta_debugfs [mac80211]) the 802.11 stack and
    its drivers' shared libraries are network code: with no receive or transmit frame the path is network-other,
    and a receive path through them stays receive."""
    assert classify_trace([("kmalloc_order", None), ("some_setup_helper", library)])[:2] == ("network-other", library)
    assert classify_trace([("__netdev_alloc_skb", None), ("some_rx_frame", library),
                           ("net_rx_action", None)])[0] == "network-rx"
    assert classify_trace([("blk_mq_alloc_request", None), ("some_setup_helper", library)])[0] == "storage"


_BARE_ALLOCATOR_NAMES = st.sampled_from(sorted({g.strip("_").replace("*", "") for g in call_paths.ALLOCATOR_FRAMES
                                                if g.strip("_*") and "[" not in g}))


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(_BARE_ALLOCATOR_NAMES, st.integers(min_value=0, max_value=3),
       st.sampled_from([[], [("xfs_buf_allocate_memory", "xfs")], [("__netdev_alloc_skb", None), ("igb_poll", "igb")],
                        [("copy_process", None), ("_do_fork", None)]]))
def test_an_allocator_name_with_more_leading_underscores_is_still_the_allocators(name, underscores, callers):
    """(s42-hold42e, home-assistant/core#135824, 6.12 arm64) the allocator names its inner helpers by adding leading
    underscores (___slab_alloc, 6.10+ ___kmalloc_large_node): inserted above any caller, such a name changes
    nothing, and a trace cut at one has no caller."""
    frames = [("dump_stack_lvl", None), ("warn_alloc", None), ("_" * underscores + name, None)] + callers
    assert classify_trace(frames) == classify_trace([("dump_stack_lvl", None), ("warn_alloc", None)] + callers)
    assert call_paths.allocator_frame("_" * underscores + name)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(fs=st.sampled_from([g[:-2] for g in call_paths.FILESYSTEM_FRAMES
                           if re.fullmatch(r"[a-z][a-z0-9]*_\*", g)]),
       lead=st.sampled_from(["", "_", "__"]),
       block=st.lists(st.sampled_from(["bio_endio", "__dm_io_complete", "clone_endio", "blk_update_request",
                                       "scsi_io_completion", "submit_bio"]), min_size=1, max_size=3),
       worker=st.sampled_from([[("verity_work", None), ("process_one_work", None)],
                               [("process_one_work", None), ("worker_thread", None)], []]))
def test_a_filesystems_private_helper_decides_as_its_public_functions_do(fs, lead, block, worker):
    """Metamorphic (s42-hold42l, erofs under dm-verity): a filesystem's innermost frame named with one or two
    leading underscores (``__erofs_allocpage``, ``_xfs_buf_alloc``) is the filesystem's, as the same name
    without them is, whatever block-layer frames called it back."""
    plain = [("__alloc_pages", None), (fs + "_allocpage", None), (fs + "_read_folio", None)]
    private = [("__alloc_pages", None), (lead + fs + "_allocpage", None), (fs + "_read_folio", None)]
    outer = [(name, None) for name in block] + worker
    assert classify_trace(private + outer)[:2] == classify_trace(plain + outer)[:2] == ("filesystem", None)


def test_erofs_compressed_read_path_is_the_filesystems():
    # (s42-hold42l) 6.1 Android: erofs decompressing in the dm-verity work item that completed the read
    frames = [("__alloc_pages", None), ("__erofs_allocpage", None), ("z_erofs_lz4_decompress", None),
              ("z_erofs_decompress_queue", None), ("z_erofs_decompressqueue_work", None),
              ("z_erofs_decompress_kickoff", None), ("z_erofs_submissionqueue_endio", None), ("bio_endio", None),
              ("__dm_io_complete", None), ("clone_endio", None), ("bio_endio", None), ("verity_work", None),
              ("process_one_work", None), ("worker_thread", None), ("kthread", None)]
    assert classify_trace(frames)[:2] == ("filesystem", None)


_UNNAMED = st.from_regex(r"[a-z]{3,7}_(?:sb|io|page|sync|disk|write)[a-z]{0,3}", fullmatch=True)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(core=st.sampled_from(["bio_alloc", "blk_mq_alloc_request", "scsi_dma_map", "bio_clone_fast"]),
       helpers=st.lists(_UNNAMED, min_size=0, max_size=4),
       more_core=st.lists(st.sampled_from(["md_update_sb", "md_write_start", "blk_start_plug"]), max_size=2),
       module=st.sampled_from(["raid1", "raid10", "raid456", "vendor_blk"]),
       callers=st.lists(st.sampled_from(["generic_make_request", "submit_bio", "swap_writepage", "pageout"]),
                        max_size=3))
def test_a_storage_core_helpers_caller_is_found_past_unnamed_builtin_frames(core, helpers, more_core, module,
                                                                            callers):
    """Metamorphic (s42-hold42l, md raid1): built-in frames no table names between a storage core helper and the
    module that called it (md.c's sync_page_io()/write_disk_sb() under raid1's make_request) leave that module
    the driver, as when the module calls the helper itself; a frame of another context between them does not."""
    for name in helpers:
        facts = call_paths._frame_facts(name, None)
        assume(not (facts.other or facts.rx or facts.tx or facts.interrupt or facts.neutral or facts.driverish))
    assume(call_paths.module_context(module) is None)
    tail = [("make_request", module)] + [(name, None) for name in callers]
    direct = [("__alloc_pages", None), (core, None)] + tail
    through = [("__alloc_pages", None), (core, None)] + [(name, None) for name in helpers + more_core] + tail
    assert classify_trace(through)[:2] == classify_trace(direct)[:2] == ("storage", module)
    other_context = [("__alloc_pages", None), (core, None), ("ext4_writepage", None)] + tail
    assert classify_trace(other_context)[1] is None
