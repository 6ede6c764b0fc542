"""
Which code path drove an allocation: call-trace frames -> context and driver.

Tables, not code: adding a frame or a NIC driver is one row.  Frame names are
matched with shell-style globs (``fnmatch``) against the function name
without offsets (``e100_rx_alloc_skb``).  Rows marked ``module_only`` match
only frames that carry a module in brackets (``[ixgbe]``) or whose name has a
known driver prefix (built-in drivers print no module), so that a core
function called ``*_poll`` is not mistaken for a NIC driver.

Decision (see :func:`classify_trace`): the receive path is judged in
context (domain.md section 6: the rx path is what the rule targets).  A
receive-context frame (NAPI poll, ``net_rx_action``, a driver's rx, refill or
poll frame, usbnet/wireless rx) makes the context "network-rx", unless transmit
frames stand nearer the allocation than every receive frame (the receive softirq
sending: ``tcp_rcv_established`` pushing frames into ``dev_queue_xmit``, GSO's
``skb_segment`` below it): then "network-tx"; a buffer
allocator alone (``page_frag_alloc``, ``netdev_alloc_frag``, ``page_pool_alloc``,
``dev_alloc_pages``, ``__netdev_alloc_skb`` ...) counts as receive only in a
receive context (those frames, or interrupt/softirq context); a driver filling
its ring from ``ndo_open``, a probe or ``insmod`` (setup frames, no NAPI or
interrupt) is "network-other".  Else any transmit frame makes it
"network-tx"; else the innermost frame that matches storage, filesystem, gpu
or other-network decides, its driver the module of those frames or else the
module that called the outermost of them (a driver no table knows calling a
core helper: ``scsi_dma_map`` under ``pqi_raid_submit_scsi_cmd_with_io_request
[smartpqi]``).  IOMMU and DMA-mapping frames (``intel_alloc_iova``,
``alloc_iova*``, DMAR) and the scatterlist library's (``sg_init_table``,
``sg_alloc_table``) are neutral, like the allocator's own: they belong to
whatever mapped the buffer, never to a GPU or a disk; so are the idle loop's frames
(``intel_idle``, ``cpuidle_enter_state``, ``do_idle``), which only say that an
interrupt came in while the CPU idled.

Receive context is read from structure, not from driver names alone:

- interrupt or softirq entry frames and ``<IRQ>``/``<SOFTIRQ>`` markers
  (INTERRUPT_FRAMES), the idle loop under the allocation (IDLE_FRAMES), or
  the task itself (TASK_CONTEXTS: ``ksoftirqd/N`` runs softirqs, the idle task
  ``swapper[/N]`` with PID 0 allocates only from interrupts);
- a device's completion handler under the buffer allocator: a USB URB
  completion (``usb_hcd_giveback_urb``) or a threaded interrupt handler
  (``irq_thread_fn``; task ``irq/N-name``) - DEVICE_COMPLETION_FRAMES;
- a frame with a driver's rx/refill/poll name that calls a receive buffer
  allocator (``bcmgenet_rx_refill`` above ``__netdev_alloc_skb``): such a
  caller is a NIC driver's receive path even when built in without a known
  prefix.

Frames printed with ``?`` (x86: an address found on the stack, not proven to
be a return address) or ``(unreliable)`` (ppc64) decide only when the reliable
frames decide nothing: a stale ``? igb_poll`` left on a process's stack does
not turn a filesystem allocation into a receive one; when the reliable frames
are the allocator's only (a cut trace), a ``?`` receive frame counts only with
interrupt evidence (markers, interrupt frames, the task); a trace printed all
in ``?`` (kernels unwinding without frame pointers) is read as a whole.

Examples:
    >>> classify_trace([("__netdev_alloc_skb", None), ("e100_rx_alloc_skb", "e100"),
    ...                 ("net_rx_action", None)])
    ('network-rx', 'e100', True)
    >>> classify_trace([("xfs_buf_allocate_memory", "xfs"), ("xfs_buf_get_map", "xfs")])
    ('filesystem', 'xfs', False)
    >>> classify_trace([("page_frag_alloc", None), ("e1000_alloc_rx_buffers", "e1000"),
    ...                 ("e1000_configure", "e1000"), ("e1000_open", "e1000"), ("__dev_open", None)])
    ('network-other', 'e1000', False)
    >>> classify_trace([("__kmalloc", None), ("veth_alloc_queues", "veth"), ("veth_dev_init", "veth"),
    ...                 ("register_netdevice", None)])
    ('network-other', 'veth', False)
    >>> classify_trace([("kmalloc_order", None), ("exfat_create_upcase_table", "exfat"),
    ...                 ("exfat_fill_super", "exfat"), ("get_tree_bdev", None), ("vfs_get_tree", None)])
    ('filesystem', 'exfat', False)
    >>> classify_trace([("__alloc_pages_nodemask", None), ("sg_init_table", None),
    ...                 ("gen8_mm_alloc_page_table", None), ("intel_vgpu_create_mm", None)])[0]
    'gpu'
    >>> classify_trace([])
    ('unknown', None, False)
    >>> classify_trace([("alloc_skb", None), ("tcp_send_ack", None), ("tcp_delack_timer", None),
    ...                 ("run_timer_softirq", None), ("net_rx_action", None), ("__do_softirq", None)])
    ('network-other', None, True)
    >>> classify_trace([("__netdev_alloc_skb", None), ("bcmgenet_rx_refill", None)],
    ...                task=("ksoftirqd/0", 13))
    ('network-rx', 'genet', True)
"""

import re
from fnmatch import translate
from functools import lru_cache
from typing import NamedTuple, Optional

# Frames of the allocator itself and of the warning: never the "driver".
ALLOCATOR_FRAMES = (
    "dump_stack*", "show_stack", "dump_backtrace", "warn_alloc*", "__warn_alloc*", "__alloc_pages*",
    "alloc_pages*", "__get_free_pages", "get_zeroed_page", "new_slab", "allocate_slab", "alloc_slab_page",
    "___slab_alloc", "__slab_alloc*", "kmem_cache_alloc*", "__kmalloc*", "kmalloc*", "__kmem_cache_alloc*",
    "cache_grow*", "cache_alloc_refill", "fallback_alloc", "____cache_alloc*", "slab_alloc*",
    "kmem_getpages", "__do_kmalloc*", "kmalloc_large*", "__vmalloc*", "vmalloc*", "__get_vm_area*",
    "alloc_vmap_area", "stack_trace_*", "unwind_*", "arch_stack_walk", "show_trace*", "print_trace*",
    # The allocator's own slowpath helpers (mm/page_alloc.c get_page_from_freelist(), rmqueue(), prep_new_page(),
    # drain_local_pages()/drain_all_pages() before a retry, wakeup_kswapd()/wake_all_kswapds(), the watermark
    # checks, should_reclaim_retry()/should_compact_retry()): often printed as '?' words under __alloc_pages*,
    # they are the failing allocation itself, never its caller (s39-hold39b, moby #24576, 3.10 el7: a trace cut
    # after '? drain_local_pages' read as "other kernel code").
    "get_page_from_freelist", "rmqueue*", "__rmqueue*", "prep_new_page", "post_alloc_hook", "drain_local_pages",
    "drain_pages*", "drain_all_pages", "__drain_all_pages", "wakeup_kswapd", "wake_all_kswapds",
    "zone_watermark_ok*", "__zone_watermark_ok", "zone_watermark_fast", "should_reclaim_retry",
    "should_compact_retry", "__perform_reclaim",
    # The other entry points of the page, slab and vmalloc allocators a caller reaches them through: mm/util.c
    # kvmalloc_node() and its kvzalloc/kvcalloc/kvmalloc_array wrappers (kmalloc, then vmalloc), vzalloc(),
    # __get_free_pages()'s 6.10+ name, the folio allocators (mm/mempolicy.c folio_alloc(), vma_alloc_folio()) and
    # 6.15+ __alloc_frozen_pages() under __alloc_pages() (s40-hold40, netdev 2022: a trace cut after
    # "kvmalloc_node" read as other kernel code).
    "kvmalloc*", "__kvmalloc*", "kvzalloc*", "kvcalloc*", "vzalloc*", "__vzalloc*", "__get_free_pages*",
    "get_zeroed_page*", "folio_alloc*", "__folio_alloc*", "vma_alloc_folio*", "__alloc_frozen_pages*",
    "alloc_frozen_pages*",
)

# Receive buffer allocators (net/core/skbuff.c, page_pool.c, include/linux/skbuff.h): receive
# only in a receive context, since drivers also call them to fill a ring from ndo_open or probe.
# build_skb() and its napi/cache variants wrap a buffer the device has filled: they allocate only the
# skb head, and only on receive (net/core/skbuff.c build_skb(), napi_build_skb(), napi_skb_cache_get()).
RX_BUFFER_FRAMES = (
    "__netdev_alloc_skb", "netdev_alloc_skb*", "__napi_alloc_skb", "napi_alloc_skb", "__alloc_rx_skb",
    "__alloc_page_frag", "page_frag_alloc*", "__page_frag_alloc*", "__page_frag_cache_refill",
    "napi_alloc_frag*", "netdev_alloc_frag*", "__netdev_alloc_frag*", "__napi_alloc_frag*", "page_pool_*",
    "__page_pool_*", "dev_alloc_pages", "dev_alloc_page", "dev_alloc_skb", "__dev_alloc_skb",
    "build_skb", "__build_skb", "napi_build_skb", "__napi_build_skb", "napi_skb_cache_get",
)

# Receive context (domain.md section 6; net/core/dev.c NAPI, drivers' rx/refill/poll, usbnet
# drivers/net/usb/usbnet.c rx_submit()/rx_complete() (often built in: no [module] printed),
# mac80211 ieee80211_rx*, vendor drivers' rx names with or without a separator (Broadcom et
# "chiprx", CamelCase RTMPHandleRxDoneInterrupt, rtw_recv_entry), and the protocols' receive
# handlers, named "<proto>_rcv" by convention (net/ipv4/ip_input.c ip_rcv(), tcp_ipv4.c
# tcp_v4_rcv(), tcp_input.c tcp_rcv_state_process(), udp.c udp_rcv(), arp.c arp_rcv()): they run
# in the softirq that received the packet).
# (glob, module_only)
RX_FRAMES = (
    ("net_rx_action", False), ("napi_poll", False), ("__napi_poll", False), ("napi_threaded_poll*", False),
    ("napi_gro_receive", False), ("napi_gro_frags", False), ("netif_receive_skb*", False),
    ("__netif_receive_skb*", False), ("process_backlog", False), ("ieee80211_rx*", False),
    ("rx_submit", False), ("rx_complete", False), ("*_rcv", False), ("*_rcv_*", False),
    ("*_rx_*", True), ("*_rx", True), ("*rx", True), ("*rx_alloc*", True), ("*alloc_rx*", True),
    ("*_poll", True), ("*_poll_*", True), ("*clean_rx*", True), ("*_refill*", True), ("*_replenish*", True),
    ("*_napi*", True), ("*_recv*", True), ("*_receive*", True), ("*Rx*", True), ("*RX*", True), ("*rxbuf*", True),
    ("*Recv*", True), ("recv*", True),
    # a channel driver's inbound-queue handler, the receive side of s390's QDIO (drivers/s390/cio/qdio.c calls
    # the driver's input_handler: 2.6 qeth_qdio_input_handler() -> qeth_read_in_buffer() -> alloc_skb())
    ("*_input_handler", True),
    # a TCP/DCCP child socket is made only when the packet completing a handshake arrives (net/ipv4/tcp_minisocks.c
    # tcp_check_req() -> tcp_v4_syn_recv_sock() -> tcp_create_openreq_child() -> inet_csk_clone_lock() ->
    # net/core/sock.c sk_clone_lock(); 2.6-3.x inet_csk_clone()/sk_clone(); dccp_create_openreq_child(); a SYN's
    # request sock: tcp_conn_request()): their callers are the protocols' *_rcv handlers, often cut off a trace
    ("tcp_check_req", False), ("*_syn_recv_sock", False), ("*_create_openreq_child", False),
    ("inet_csk_clone_lock", False), ("inet_csk_clone", False), ("sk_clone_lock", False), ("sk_clone", False),
    ("tcp_conn_request", False),
)
# A driver bringing its device up or loading: ndo_open, probe, insmod (net/core/dev.c
# __dev_open(), drivers/base/dd.c really_probe(), kernel/module.c do_init_module()), or bringing it up
# again from its recovery work item, which rebuilds the rings as open does (2.6.28
# drivers/net/wireless/iwlwifi/iwl-agn.c iwl4965_bg_up()/iwl4965_bg_restart() -> __iwl4965_up();
# drivers/net/ethernet/intel/e1000/e1000_main.c e1000_reset_task() -> e1000_reinit_locked(); ixgbe_main.c
# ixgbe_reset_subtask(); broadcom/tg3.c tg3_reset_task() -> tg3_restart_hw()).
SETUP_FRAMES = (
    "__dev_open", "dev_open", "__dev_change_flags", "dev_change_flags", "*_open", "*_probe", "really_probe",
    "driver_probe_device", "*_probe_device", "do_init_module", "load_module", "*init_module", "do_one_initcall",
    "*_change_mtu", "*_set_ringparam", "*_set_channels", "*_reinit_locked",
    "*_bg_up", "*_bg_restart", "*_reset_task", "*_reset_subtask", "*_restart_hw",
)
# IOMMU / DMA mapping (drivers/iommu/intel/iommu.c, iova.c, dma-iommu.c, kernel/dma/mapping.c,
# bounce buffers lib/swiotlb.c / kernel/dma/swiotlb.c, arch/x86/kernel/pci-swiotlb.c): neutral, like
# the allocator's own frames: they work for whichever driver maps (NIC, disk or GPU alike).
DMA_MAPPING_FRAMES = (
    "intel_alloc_iova", "alloc_iova*", "__alloc_iova*", "alloc_iova_fast", "iova_*", "intel_map_*",
    "__intel_map_*", "intel_unmap*", "__intel_unmap*", "intel_free_iova", "intel_alloc_coherent",
    "intel_iommu_*", "iommu_*", "__iommu_*", "dmar_*", "dma_map_*", "dma_alloc_*",
    "__dma_map_*", "dma_direct_*", "swiotlb_*", "x86_swiotlb_*", "dma_generic_alloc_coherent", "iommu_dma_*",
)
# The scatterlist library (lib/scatterlist.c sg_init_table()/sg_alloc_table()/sg_miter_*()/sg_copy_*(),
# lib/sg_pool.c sg_alloc_table_chained(), lib/sg_split.c): it builds and walks the tables of every DMA user
# (a GPU's GEM object, a crypto request, an skb, a SCSI command alike), so it says no context of its own:
# neutral, like DMA mapping.  SCSI generic's own functions (drivers/scsi/sg.c sg_ioctl(), sg_build_indirect())
# share the "sg_" prefix and stay storage frames.
SCATTERLIST_FRAMES = (
    "sg_init_table", "sg_init_one", "sg_alloc_table*", "__sg_alloc_table*", "sg_alloc_append_table*",
    "sg_free_table*", "__sg_free_table", "sg_free_append_table", "sg_kmalloc", "sg_kfree", "sgl_alloc*",
    "sgl_free*", "sg_next", "sg_nents*", "sg_last", "sg_miter_*", "sg_copy_*", "sg_pcopy_*", "sg_zero_buffer",
    "sg_split", "sg_pool_alloc", "sg_pool_free",
)
# The idle loop (kernel/sched/idle.c do_idle()/cpu_idle_loop(), 2.6-3.x arch cpu_idle(),
# drivers/cpuidle/cpuidle.c cpuidle_enter_state(), drivers/idle/intel_idle.c intel_idle(),
# arch/x86/kernel/process.c default_idle()/mwait_idle(), arch/arm/kernel/process.c
# arch_cpu_idle(), arch/mips/kernel/idle.c r4k_wait()): it allocates nothing itself, so an
# allocation with these frames below it ran in an interrupt taken while the CPU idled.
# Neutral for the context (intel_idle is no i915 frame), interrupt for the flag.
IDLE_FRAMES = (
    "cpu_idle", "cpu_idle_loop", "do_idle", "cpu_startup_entry", "cpuidle_enter*", "call_cpuidle*",
    "cpuidle_idle_call", "default_idle*", "arch_cpu_idle*", "intel_idle*", "poll_idle", "mwait_idle*",
    "acpi_idle_*", "acpi_safe_halt", "native_safe_halt", "xen_safe_halt", "amd_e400_idle", "r4k_wait*",
    "cpu_v7_do_idle", "cpu_do_idle",
)
# Other intel_* kernel code that is no i915 frame (arch/x86/events/intel/core.c, drivers/cpufreq/
# intel_pstate.c): neutral, so that the GPU glob "intel_*" keeps to i915's display/GT code.
NOT_GPU_INTEL_FRAMES = ("intel_pmu_*", "intel_pstate_*", "intel_cpufreq_*", "intel_rapl_*", "intel_th_*")

# Network transmit (net/core/dev.c, net/ipv4/tcp*.c, udp.c).
TX_FRAMES = (
    ("dev_hard_start_xmit", False), ("dev_queue_xmit*", False), ("__dev_queue_xmit", False),
    ("sch_direct_xmit", False), ("tcp_sendmsg*", False), ("tcp_write_xmit", False),
    ("tcp_push*", False), ("__tcp_push_pending_frames", False), ("tcp_transmit_skb", False),
    ("__tcp_transmit_skb", False), ("sk_stream_alloc_skb", False), ("tcp_stream_alloc_skb", False),
    ("udp_sendmsg", False), ("udpv6_sendmsg", False), ("ip_send_skb", False), ("ip_finish_output*", False),
    ("ip6_finish_output*", False), ("sock_sendmsg", False), ("*_start_xmit", True), ("*_xmit*", True),
    ("*_tx_*", True),
    # netconsole and kgdboe send through netpoll (net/core/netpoll.c netpoll_send_udp() -> netpoll_send_skb()),
    # its own skb pool refilled by find_skb()/refill_skbs(): a transmit whatever context printed the message
    ("netpoll_send_udp", False), ("netpoll_send_skb*", False), ("__netpoll_send_skb", False),
)

NETWORK_OTHER_FRAMES = (
    "__alloc_skb", "alloc_skb*", "__kmalloc_reserve*", "skb_*", "pskb_*", "sk_alloc", "sock_*",
    "netlink_*", "tcp_*", "udp_*", "ip_*", "ip6_*", "ipv6_*", "inet_*", "neigh_*", "nf_*", "nft_*",
    "xfrm_*", "sctp_*", "rtnl_*", "dev_*", "netdev_*", "br_*", "vxlan_*", "tun_*", "tap_*",
    # A network device's life, named verb first so the prefixes above miss it: net/core/dev.c
    # register_netdevice() (calls the driver's ndo_init), alloc_netdev_mqs(), net/ethernet/eth.c
    # alloc_etherdev_mqs(); rtnetlink creating a link: net/core/rtnetlink.c __rtnl_newlink() calls
    # rtnl_link_ops.newlink, which drivers name <kind>_newlink (veth_newlink(), macvlan_newlink()).
    "register_netdev*", "unregister_netdev*", "alloc_netdev*", "alloc_etherdev*", "__rtnl_*", "*_newlink",
)
STORAGE_FRAMES = (
    "scsi_*", "__scsi_*", "blk_*", "__blk_*", "blkdev_*", "nvme_*", "bio_*", "submit_bio*",
    "generic_make_request*", "dm_*", "__dm_*", "md_*", "raid*", "sd_*", "ata_*", "ahci_*",
    "megasas_*", "_scsih_*", "mpt3sas_*", "lpfc_*", "qla2x00_*", "virtblk_*", "__virtblk_*", "virtio_queue_rq",
    "iscsi_*", "iscsi_tcp_*", "sg_*", "mempool_alloc*", "sas_*", "hpsa_*", "aac_*", "pvscsi_*",
    "storvsc_*", "blkif_*", "virtscsi_*",
    # the MMC/SD card's block driver and its request queue (drivers/mmc/core/block.c, queue.c; thread
    # mmcqd/N before 4.16).  Not the MMC core's own request path (mmc_start_request, mmc_wait_for_req):
    # SDIO functions (WLAN cards) send their commands through it too.
    "mmc_blk_*", "mmc_queue_*", "mmc_mq_*",
)
# The page cache, which holds files' pages for whichever filesystem (or tmpfs, or a GEM object's shmem file) owns
# them: mm/filemap.c pagecache_get_page()/__filemap_get_folio(), __page_cache_alloc()/filemap_alloc_folio(),
# add_to_page_cache_lru()/filemap_add_folio(), grab_cache_page_write_begin(), find_or_create_page(),
# filemap_fault(), generic_perform_write(), read_cache_page(); mm/readahead.c's readahead.
PAGE_CACHE_FRAMES = (
    "pagecache_get_page", "__filemap_get_folio", "__page_cache_alloc", "page_cache_alloc*", "filemap_alloc_folio",
    "add_to_page_cache*", "__add_to_page_cache*", "filemap_add_folio", "__filemap_add_folio",
    "grab_cache_page*", "find_or_create_page", "filemap_fault", "generic_perform_write", "read_cache_page*",
    "do_read_cache_page", "read_cache_folio", "do_read_cache_folio", "__do_page_cache_readahead",
    "do_page_cache_ra", "page_cache_ra_*", "ondemand_readahead", "page_cache_sync_*", "page_cache_async_*",
)
FILESYSTEM_FRAMES = (
    "xfs_*", "_xfs_*", "ext4_*", "ext3_*", "jbd2_*", "btrfs_*", "nfs_*", "nfs4_*", "nfsd_*",
    "rpc_*", "svc_*", "cifs_*", "smb2_*", "fuse_*", "ceph_*", "gfs2_*", "ocfs2_*", "f2fs_*",
    "shmem_*", "zfs_*", "arc_*", "dbuf_*", "spl_*", "squashfs_*", "overlay_*", "ovl_*",
    # The other disk and flash filesystems, each fs/<name>/ naming its functions by it (reiserfs built in
    # -- holdAF, LKML 2004, 2.6.2 amd64: kmalloc <- get_mem_for_virtual_node <- fix_nodes <- reiserfs_insert_item
    # <- reiserfs_new_inode <- reiserfs_create <- vfs_create, no module to name it)
    "reiserfs_*", "ext2_*", "jfs_*", "udf_*", "isofs_*", "hfsplus_*", "ntfs_*", "ntfs3_*", "exfat_*", "nilfs_*",
    "ubifs_*", "jffs2_*", "erofs_*", "bch2_*",
    # erofs's compressed-data path names its functions z_erofs_* (fs/erofs/zdata.c, decompressor.c:
    # z_erofs_lz4_decompress(), z_erofs_decompress_queue(); hold42l, a 6.1 Android trace)
    "z_erofs_*",
    # A read or write of a file through the page cache, whichever filesystem's read_iter/write_iter called it
    # (mm/filemap.c generic_file_read_iter(), 5.x generic_file_buffered_read(), 5.12+ filemap_read() and
    # filemap_get_pages(), <=4.x do_generic_file_read(), <=3.15 generic_file_aio_read()/__generic_file_aio_write(),
    # generic_file_write_iter(), 6.5+ filemap_splice_read()): a filesystem's module may be out of the tables
    # (s39-hold39b, bcachefs #132, 5.7: kmalloc_array <- generic_file_buffered_read <- generic_file_read_iter <-
    # bch2_read_iter [bcachefs]), the path through these frames is still a file's.
    "generic_file_*", "__generic_file_*", "do_generic_file_read", "filemap_read", "filemap_get_pages",
    "filemap_splice_read",
    # The VFS mounting a filesystem works for it, whichever it is: fs/namespace.c do_mount(), path_mount(),
    # do_new_mount(), vfs_kern_mount(); fs/fs_context.c vfs_get_tree() calling the filesystem's get_tree,
    # fs/super.c get_tree_bdev()/get_tree_nodev()/mount_bdev()/mount_nodev() calling its fill_super
    # callback, which every filesystem names <fs>_fill_super (exfat_fill_super(), vfat_fill_super()).
    "do_mount", "path_mount", "do_new_mount", "vfs_kern_mount", "vfs_get_tree", "legacy_get_tree",
    "get_tree_bdev", "get_tree_nodev", "get_tree_single", "get_tree_keyed", "mount_bdev", "mount_nodev",
    "mount_single", "*_fill_super",
) + PAGE_CACHE_FRAMES


def _with_private_helpers(globs):
    """A filesystem's private helpers carry its prefix behind one or two underscores (fs/erofs
    __erofs_allocpage(), fs/xfs _xfs_buf_alloc(), fs/ext4 __ext4_get_inode_loc()): every ``<prefix>_*``
    row also stands for ``_<prefix>_*`` and ``__<prefix>_*``, so the innermost frame of the filesystem's
    own code decides before the block layer's frames that called it back (a read completing in a
    dm-verity work item: ``__erofs_allocpage`` <- ``z_erofs_decompress_queue`` <- ``bio_endio`` <-
    ``verity_work``).

    >>> _with_private_helpers(("xfs_*", "generic_file_*", "do_mount"))
    ('xfs_*', 'generic_file_*', 'do_mount', '_xfs_*', '__xfs_*')
    """
    derived = []
    for glob in globs:
        if re.fullmatch(r"[a-z][a-z0-9]*_\*", glob):
            derived += ["_" + glob, "__" + glob]
    return tuple(dict.fromkeys(globs + tuple(derived)))


FILESYSTEM_FRAMES = _with_private_helpers(FILESYSTEM_FRAMES)
# (nvkms_*: NVIDIA's modeset module, open-gpu-kernel-modules kernel-open/nvidia-modeset/nvidia-modeset-linux.c;
# PVRSRV*: Imagination's PowerVR services driver, out of tree (pvrsrvkm.ko, often built into SoC kernels), its
# ioctl entry PVRSRV_BridgeDispatchKM() and services calls PVRSRVAllocDeviceMemBW(), PVRSRVNewHandleBatch()
# in CamelCase -- s34-holdAD, an Android 2.6.3x logcat trace under vfs_ioctl)
# nvhost_*/host1x_*: NVIDIA Tegra's graphics host (L4T's nvhost, mainline drivers/gpu/host1x) that submits the 2D/3D
# engines' command buffers -- s34-holdAE, an Android Tegra trace: __kmalloc <- nvhost_job_realloc <- nvhost_channelctl)
GPU_FRAMES = ("drm_*", "i915_*", "intel_*", "nouveau_*", "nvkm_*", "amdgpu_*", "radeon_*", "ttm_*", "nv_*", "nvkms_*",
              "PVRSRV*", "nvhost_*", "host1x_*")

# Modules whose name alone says the context (innermost bracketed frame).
MODULE_CONTEXT = {
    "xfs": "filesystem", "ext4": "filesystem", "btrfs": "filesystem", "nfs": "filesystem",
    "nfsv4": "filesystem", "nfsd": "filesystem", "sunrpc": "filesystem", "cifs": "filesystem",
    "fuse": "filesystem", "ceph": "filesystem", "gfs2": "filesystem", "zfs": "filesystem",
    "spl": "filesystem", "jbd2": "filesystem",
    "reiserfs": "filesystem", "ext2": "filesystem", "jfs": "filesystem", "udf": "filesystem", "isofs": "filesystem",
    "hfsplus": "filesystem", "ntfs": "filesystem", "ntfs3": "filesystem", "exfat": "filesystem",
    "nilfs2": "filesystem", "ubifs": "filesystem", "jffs2": "filesystem", "erofs": "filesystem",
    "f2fs": "filesystem", "squashfs": "filesystem", "overlay": "filesystem", "ocfs2": "filesystem",
    "bcachefs": "filesystem",
    "nvme": "storage", "nvme_core": "storage", "scsi_mod": "storage", "sd_mod": "storage",
    "dm_mod": "storage", "megaraid_sas": "storage", "mpt3sas": "storage", "lpfc": "storage",
    "qla2xxx": "storage", "virtio_blk": "storage", "libiscsi": "storage", "libsas": "storage",
    "libata": "storage", "ahci": "storage", "mpt2sas": "storage", "hpsa": "storage", "aacraid": "storage",
    "virtio_scsi": "storage", "vmw_pvscsi": "storage", "hv_storvsc": "storage", "xen_blkfront": "storage",
    "mmc_block": "storage",
    "dm_multipath": "storage", "raid456": "storage", "md_mod": "storage",
    "i915": "gpu", "nouveau": "gpu", "amdgpu": "gpu", "radeon": "gpu", "nvidia": "gpu", "drm": "gpu",
    "drm_kms_helper": "gpu", "ttm": "gpu",
    # NVIDIA's driver is four modules (open-gpu-kernel-modules kernel-open/: nvidia.ko, nvidia-modeset.ko,
    # nvidia-drm.ko, nvidia-uvm.ko); a trace prints their names with '_' ([nvidia_modeset]).
    "nvidia_modeset": "gpu", "nvidia_drm": "gpu", "nvidia_uvm": "gpu",
    "pvrsrvkm": "gpu",  # PowerVR services as a module (PVRSRV* in GPU_FRAMES)
    "host1x": "gpu", "tegra_drm": "gpu",  # Tegra's graphics host and DRM driver as modules
}
# Module-name families whose every member is one context: device-mapper is built from drivers/md/dm-*.c,
# each target and helper its own module "dm-<name>", printed "[dm_<name>]" (dm_cache, dm_cache_smq, dm_crypt,
# dm_thin_pool, dm_snapshot, dm_bufio, dm_integrity, dm_verity ...): all of them block-device mapping.
MODULE_FAMILY_CONTEXT = (("dm_", "storage"),)


def module_context(module):
    """The context a module's name alone says (MODULE_CONTEXT, then MODULE_FAMILY_CONTEXT), or None.

    >>> module_context("dm_cache_smq"), module_context("xfs"), module_context("e1000e"), module_context(None)
    ('storage', 'filesystem', None, None)
    """
    if not module:
        return None
    context = MODULE_CONTEXT.get(module)
    if context is None:
        context = next((c for prefix, c in MODULE_FAMILY_CONTEXT if module.startswith(prefix)), None)
    return context

# Built-in drivers print no [module]: function prefix -> driver module.
# (drivers/net/ethernet/<vendor>/<driver>/*.c symbol prefixes)
DRIVER_PREFIXES = (
    ("e100_", "e100"), ("e1000e_", "e1000e"), ("e1000_", "e1000"), ("igb_", "igb"), ("igbvf_", "igbvf"),
    ("igc_", "igc"), ("ixgbevf_", "ixgbevf"), ("ixgbe_", "ixgbe"), ("ixgb_", "ixgb"), ("i40e_", "i40e"),
    ("iavf_", "iavf"), ("ice_", "ice"), ("mlx4_en_", "mlx4_en"), ("mlx5e_", "mlx5_core"),
    ("mlx5_", "mlx5_core"), ("bnxt_", "bnxt_en"), ("bnx2x_", "bnx2x"), ("bnx2_", "bnx2"), ("tg3_", "tg3"),
    ("virtnet_", "virtio_net"), ("ena_", "ena"), ("vmxnet3_", "vmxnet3"), ("rtl8169_", "r8169"),
    ("rtl_", "r8169"), ("be_", "be2net"), ("qede_", "qede"), ("netvsc_", "hv_netvsc"),
    ("xennet_", "xen_netfront"), ("sky2_", "sky2"), ("gve_", "gve"), ("efx_", "sfc"), ("nfp_", "nfp"),
    ("cxgb4_", "cxgb4"), ("ipoib_", "ib_ipoib"), ("hns3_", "hns3"), ("mvneta_", "mvneta"),
    ("mvpp2_", "mvpp2"), ("stmmac_", "stmmac"), ("fec_enet_", "fec"), ("myri10ge_", "myri10ge"),
    ("enic_", "enic"), ("qlcnic_", "qlcnic"), ("ionic_", "ionic"), ("atl1c_", "atl1c"), ("alx_", "alx"),
    ("tsnep_", "tsnep"), ("ibmveth_", "ibmveth"), ("mana_", "mana"), ("fm10k_", "fm10k"), ("cpsw_", "ti_cpsw"),
    ("bcmgenet_", "genet"), ("bgmac_", "bgmac"), ("macb_", "macb"), ("lan78xx_", "lan78xx"),
    ("smsc95xx_", "smsc95xx"), ("rtl8152_", "r8152"), ("r8152_", "r8152"), ("ax88179_", "ax88179_178a"),
    ("usbnet_", "usbnet"),
    # Older built-in NICs: drivers/net/forcedeth.c (nv_*; sata_nv's nv_adma_/nv_swncq_/nv_host_ share "nv_", so
    # only forcedeth's receive and interrupt names), drivers/net/3c59x.c (vortex_*/boomerang_*),
    # drivers/net/tulip/{tulip_core,interrupt}.c (tulip_*).
    ("nv_alloc_rx", "forcedeth"), ("nv_rx_process", "forcedeth"), ("nv_nic_irq", "forcedeth"),
    ("nv_do_rx_refill", "forcedeth"), ("nv_napi_poll", "forcedeth"), ("boomerang_", "3c59x"),
    ("vortex_", "3c59x"), ("tulip_", "tulip"),
    # s390's OSA-Express NIC (drivers/s390/net/qeth_*.c, built in by distros): qeth_*()
    ("qeth_", "qeth"),
    # drivers/block/virtio_blk.c (built in on most guests): virtblk_*(), its queue_rq below
    ("virtblk_", "virtio_blk"),
)
# Drivers' static functions without a prefix: drivers/net/usb/usbnet.c rx_submit(), rx_complete();
# drivers/block/virtio_blk.c __virtblk_add_req(), virtio_queue_rq() (blk_mq_ops.queue_rq).
DRIVER_FUNCTIONS = {"rx_submit": "usbnet", "rx_complete": "usbnet",
                    "__virtblk_add_req": "virtio_blk", "virtio_queue_rq": "virtio_blk"}

# Frames that only run in hard or soft interrupt context (kernel/softirq.c,
# arch/x86/kernel/irq.c, arch/arm64/kernel/entry.S).
INTERRUPT_FRAMES = (
    "__do_softirq", "do_softirq*", "irq_exit*", "__irq_exit_rcu", "do_IRQ", "common_interrupt",
    "handle_irq*", "net_rx_action", "run_ksoftirqd", "__handle_domain_irq", "gic_handle_irq",
    "el1_irq", "el0_irq", "call_on_irq_stack", "asm_common_interrupt", "asm_sysvec_*", "sysvec_*",
    "smp_apic_timer_interrupt", "apic_timer_interrupt", "*tasklet*", "ret_from_irq",
    "handle_softirqs", "__do_irq", "call_do_irq", "hardware_interrupt_common*", "call_softirq",
    # "*tasklet*": tasklet_action*() and the tasklet handlers drivers name after it (dwc_otg's
    # completion_tasklet_func/tasklet_callback): tasklets run only from the TASKLET/HI softirq
    # (kernel/softirq.c tasklet_action_common()); the tasklet API (tasklet_init/_kill/_schedule)
    # allocates nothing, so no allocation has it below.
    # kernel/irq/chip.c + irqdesc.c flow handlers (every arch), x86 <= 4.x ret_from_intr,
    # 32-bit ARM arch/arm/kernel/entry-armv.S __irq_svc/__irq_usr and irq.c asm_do_IRQ()/handle_IRQ(),
    # arm64 5.13+ entry-common.c el1h_64_irq*/el0t_64_irq*/el1_interrupt(), MIPS plat_irq_dispatch()
    # and genex.S handle_int, the other softirqs (timer, hrtimer, RCU, block, net tx) in kernel/*.c,
    # block/blk-mq.c, net/core/dev.c
    "generic_handle_irq*", "generic_handle_domain_irq*", "handle_level_irq", "handle_edge_irq",
    "handle_fasteoi_irq", "handle_percpu*irq", "handle_simple_irq", "ret_from_intr", "__irq_svc",
    "__irq_usr", "asm_do_IRQ", "handle_IRQ", "el1h_64_irq*", "el0t_64_irq*", "el1_interrupt",
    "el0_interrupt", "__el1_irq", "do_interrupt_handler", "plat_irq_dispatch", "handle_int",
    "run_timer_softirq", "call_timer_fn", "expire_timers", "hrtimer_interrupt", "__hrtimer_run_queues",
    "rcu_process_callbacks", "rcu_core*", "blk_done_softirq", "blk_complete_reqs", "net_tx_action",
    # m68k 2.6: arch/m68k/kernel/entry.S inthandler -> arch/m68k/kernel/ints.c process_int() ->
    # the machine's dispatcher, Amiga arch/m68k/amiga/amiints.c amiga_do_irq_list()
    "inthandler", "process_int", "amiga_do_irq*",
)
INTERRUPT_MARKERS = ("IRQ", "SOFTIRQ", "NMI")
# The handlers of the softirqs other than NET_RX (kernel/time/timer.c run_timer_softirq(),
# block/blk-softirq.c blk_done_softirq(), kernel/rcu/tree.c rcu_process_callbacks()/rcu_core(),
# net/core/dev.c net_tx_action(), kernel/softirq.c tasklet_action*(), kernel/time/hrtimer.c
# hrtimer_run_softirq(), lib/irq_poll.c irq_poll_softirq()).  __do_softirq() runs the pending
# softirqs one after another, never one inside another: receive frames beyond such a handler
# (outer to it) are stale words on the stack of a trace printed without reliability marks
# (2.6 i386: "tcp_send_ack <- tcp_delack_timer <- run_timer_softirq <- net_rx_action").
OTHER_SOFTIRQ_HANDLERS = (
    "run_timer_softirq", "blk_done_softirq", "rcu_process_callbacks", "rcu_core", "net_tx_action",
    "tasklet_action*", "tasklet_hi_action", "hrtimer_run_softirq", "irq_poll_softirq",
)

# A device reporting completed work: a receive buffer allocated under one of these refills what
# the device just filled (the receive path), whatever the driver's names.  USB: the URB's
# completion callback (drivers/usb/core/hcd.c usb_hcd_giveback_urb(), __usb_hcd_giveback_urb(),
# usb_giveback_urb_bh() for HCD_BH controllers: interrupt or tasklet context; usbnet's
# rx_complete() resubmits with rx_submit() from there).  Threaded interrupt handlers
# (kernel/irq/manage.c irq_thread() -> irq_thread_fn()/irq_forced_thread_fn()): process context,
# but the device's interrupt.
DEVICE_COMPLETION_FRAMES = (
    "usb_hcd_giveback_urb", "__usb_hcd_giveback_urb", "usb_giveback_urb_bh", "irq_thread_fn",
    "irq_forced_thread_fn", "irq_thread",
)
# The socket buffer allocator itself (net/core/skbuff.c __alloc_skb(), alloc_skb*()): no receive buffer by its
# name (drivers build commands and transmit frames with it too), but a driver's callback that a device completion
# calls and that allocates one refills what the device just filled: a USB IN URB resubmitted from its completion
# (drivers/net/wireless/ath/ath9k/hif_usb.c ath9k_hif_usb_reg_in_cb() -> alloc_skb(), under
# __usb_hcd_giveback_urb() <- usb_giveback_urb_bh()); a transmit completion frees its buffer, it allocates none.
SKB_ALLOC_FRAMES = ("__alloc_skb", "alloc_skb*", "__alloc_skb_*")

# Netlink delivery (net/netlink/af_netlink.c netlink_sendmsg() -> netlink_unicast() ->
# netlink_unicast_kernel() -> the family's input, rtnetlink_rcv() -> netlink_rcv_skb()): a message a
# process sent to the kernel, handled in that process's context.  Frames inside it named like
# receive handlers (rtnetlink_rcv, genl_rcv, nfnetlink_rcv, iscsi_if_rx) are no network receive,
# and the sendmsg() around it is no network transmit.
NETLINK_DELIVERY_FRAMES = ("netlink_unicast*", "netlink_sendmsg", "netlink_rcv_skb", "netlink_kernel_rcv*")

# What the task alone says when the trace is cut (comm glob, PID or None for any, fact).
# "softirq": kernel/softirq.c ksoftirqd threads ("ksoftirqd/%u", smpboot) run pending softirqs in
# run_ksoftirqd() -> __do_softirq(): whatever they allocate, they allocate in softirq context.
# "interrupt": the idle task (PID 0; init/init_task.c INIT_TASK_COMM "swapper", kernel/sched/core.c
# init_idle() names each CPU's "swapper/%d" from 3.x) runs only the idle loop once booted, so an
# allocation charged to it ran in an interrupt; not while it still boots (BOOT_FRAMES).
# PID 1 also starts as "swapper/0" (kernel_init() runs the initcalls before exec): process context;
# "swapper/N" with N >= 1 is only ever an idle task (fork_idle()), so it needs no PID.
# "device": a threaded interrupt handler ("irq/%d-%s", kernel/irq/manage.c setup_irq_thread()).
TASK_CONTEXTS = (
    ("ksoftirqd/*", None, "softirq"), ("swapper", 0, "interrupt"), ("swapper/0", 0, "interrupt"),
    ("swapper/[1-9]*", None, "interrupt"),
    ("irq/*", None, "device"),
)
# Kernel threads a subsystem starts for its own work and names after itself (comm glob, context): whatever such a
# thread allocates outside an interrupt serves that subsystem, so the task decides a trace whose frames name no
# context (a driver's helper, a DMA engine, cut before the subsystem's own frames).  Not a cut trace with no caller
# at all: an interrupt may have been taken in the thread (an mmcqd/0 report whose allocation was ath9k's receive,
# openwrt_3.x_serial_padded_task_line_cut).  Storage: drivers/mmc/card/queue.c (drivers/mmc/core/queue.c from
# 4.11; gone with 4.16's blk-mq conversion) kthread_run(mmc_queue_thread, mq, "mmcqd/%d%s"), the MMC/SD card's block
# queue (SDIO functions do not run in it);
# drivers/scsi/hosts.c "scsi_eh_%d"; drivers/usb/storage/usb.c "usb-storage".  Filesystem: fs/jbd2/journal.c
# "jbd2/%s", fs/jbd/journal.c "kjournald", fs/xfs/xfs_trans_ail.c "xfsaild/%s", fs/cifs/connect.c "cifsd" (the CIFS
# client's demultiplex thread).  (s42-hold42e, beagleboard/linux#103, 4.4 AM335x: kmalloc_order_trace <-
# edma_prep_slave_sg <- omap_hsmmc_request <- mmc_start_request, cut, in mmcqd/1.)
TASK_OWNERS = (
    ("mmcqd/*", "storage"), ("scsi_eh_*", "storage"), ("usb-storage", "storage"),
    ("jbd2/*", "filesystem"), ("kjournald", "filesystem"), ("xfsaild/*", "filesystem"), ("cifsd", "filesystem"),
)
# An idle task before it idles: the boot CPU in init/main.c start_kernel() (setup_arch(), mm_init()),
# a secondary CPU coming up (arch/x86/kernel/smpboot.c start_secondary(), arm64 secondary_start_kernel()).
BOOT_FRAMES = ("start_kernel", "setup_arch", "mm_init", "mem_init", "x86_64_start_*", "i386_start_kernel",
               "kernel_init*", "do_basic_setup", "do_initcalls", "do_one_initcall", "start_secondary",
               "secondary_start_kernel", "smp_callin", "cpu_bringup*", "notify_cpu_starting")


def compile_globs(globs):
    """One regex for a tuple of shell-style globs (fast, and built once)."""
    return re.compile("|".join("(?:%s)" % translate(glob) for glob in globs))


_ALLOCATOR = compile_globs(ALLOCATOR_FRAMES + DMA_MAPPING_FRAMES + SCATTERLIST_FRAMES + IDLE_FRAMES
                      + NOT_GPU_INTEL_FRAMES)
# The allocator names its inner helpers by adding leading underscores to the function that calls them, in every
# era (___slab_alloc under __slab_alloc, 6.10+ mm/slub.c ___kmalloc_large_node() under
# __kmalloc_large_node_noprof()): a name is the allocator's when, its leading underscores dropped, it matches an
# ALLOCATOR_FRAMES glob with its own dropped (s42-hold42e, home-assistant/core#135824, 6.12 arm64: a trace cut at
# "___kmalloc_large_node+0xb4/0xc8" read as other kernel code).
_ALLOCATOR_BARE = compile_globs(tuple({glob.lstrip("_") for glob in ALLOCATOR_FRAMES}))


def allocator_frame(name):
    """True for a frame of the page, slab or vmalloc allocator or of the warning (ALLOCATOR_FRAMES), whatever
    number of leading underscores its name has.

    >>> allocator_frame("___kmalloc_large_node"), allocator_frame("__dump_stack"), allocator_frame("__alloc_skb")
    (True, True, False)
    """
    return bool(_ALLOCATOR_BARE.match(name.lstrip("_")))


_IDLE = compile_globs(IDLE_FRAMES)
_BOOT = compile_globs(BOOT_FRAMES)
_DEVICE_COMPLETION = compile_globs(DEVICE_COMPLETION_FRAMES)
_SKB_ALLOC = compile_globs(SKB_ALLOC_FRAMES)
_NETLINK = compile_globs(NETLINK_DELIVERY_FRAMES)
_TASKS = tuple((compile_globs([glob]), pid, fact) for glob, pid, fact in TASK_CONTEXTS)
_OWNERS = tuple((compile_globs([glob]), context) for glob, context in TASK_OWNERS)
_RX_BUFFER = compile_globs(RX_BUFFER_FRAMES)
_SETUP = compile_globs(SETUP_FRAMES)
_RX_ANY = compile_globs([g for g, module_only in RX_FRAMES if not module_only])
_RX_DRIVER = compile_globs([g for g, module_only in RX_FRAMES if module_only])
_TX_ANY = compile_globs([g for g, module_only in TX_FRAMES if not module_only])
_TX_DRIVER = compile_globs([g for g, module_only in TX_FRAMES if module_only])
_INTERRUPT = compile_globs(INTERRUPT_FRAMES)
_OTHER_SOFTIRQ = compile_globs(OTHER_SOFTIRQ_HANDLERS)
_OTHER = tuple((context, compile_globs(globs)) for context, globs in (
    ("storage", STORAGE_FRAMES), ("filesystem", FILESYSTEM_FRAMES), ("gpu", GPU_FRAMES),
    ("network-other", NETWORK_OTHER_FRAMES)))
_DRIVER_PREFIX = re.compile("|".join("(%s)" % re.escape(prefix) for prefix, _ in DRIVER_PREFIXES))


def driver_from_name(name):
    """The driver a function name belongs to by its prefix, or None.

    >>> driver_from_name("ixgbe_clean_rx_irq"), driver_from_name("tcp_v4_rcv"), driver_from_name("rx_submit")
    ('ixgbe', None, 'usbnet')
    """
    match = _DRIVER_PREFIX.match(name)
    return DRIVER_PREFIXES[match.lastindex - 1][1] if match else DRIVER_FUNCTIONS.get(name)


# A vendor driver's camelCase name (MediaTek's built-in wlan driver: nicRxSetupRFB, kalRxIndicatePkts,
# wlanReturnPacket): a lower-case word running into a capital.  The kernel's own code is snake_case
# (Documentation/process/coding-style.rst), its capitals after an underscore (do_IRQ, handle_IRQ_event).
_CAMEL = re.compile(r"[a-z][a-z0-9]*[A-Z]")


def _driverish(name, module):
    """A frame of a (network) driver: in a module that is not a known
    storage/fs/gpu one, or with a known driver prefix, or named in camelCase.

    >>> _driverish("nicRxSetupRFB", None), _driverish("do_IRQ", None), _driverish("net_rx_action", None)
    (True, False, False)
    """
    return (bool(module and module_context(module) is None) or driver_from_name(name) is not None
            or bool(_CAMEL.match(name)))


class _Facts(NamedTuple):
    """What one frame says (each field: which table matched)."""

    neutral: bool          # allocator, DMA mapping, idle loop: no context of its own
    rx: bool               # a receive frame (RX_FRAMES; driver globs only for driver frames)
    tx: bool
    other: Optional[str]   # storage / filesystem / gpu / network-other, or None
    interrupt: bool        # INTERRUPT_FRAMES or IDLE_FRAMES
    rx_buffer: bool        # RX_BUFFER_FRAMES
    setup: bool            # SETUP_FRAMES
    rx_name: bool          # a driver rx glob, whether or not the frame is a driver's
    completion: bool       # DEVICE_COMPLETION_FRAMES
    netlink: bool          # NETLINK_DELIVERY_FRAMES
    driverish: bool


@lru_cache(maxsize=16384)
def _frame_facts(name, module):
    """The :class:`_Facts` of one frame (cached: the same frames recur in every report)."""
    driverish = _driverish(name, module)
    rx_name = bool(_RX_DRIVER.match(name))
    other = module_context(module)
    if other is None:
        other = next((context for context, regex in _OTHER if regex.match(name)), None)
    return _Facts(
        neutral=bool(_ALLOCATOR.match(name)) or allocator_frame(name), rx=bool(_RX_ANY.match(name) or (driverish and rx_name)),
        tx=bool(_TX_ANY.match(name) or (driverish and _TX_DRIVER.match(name))), other=other,
        interrupt=bool(_INTERRUPT.match(name) or _IDLE.match(name)), rx_buffer=bool(_RX_BUFFER.match(name)),
        setup=bool(_SETUP.match(name)), rx_name=rx_name, completion=bool(_DEVICE_COMPLETION.match(name)),
        netlink=bool(_NETLINK.match(name)), driverish=driverish)


# Modules that serve a family of device drivers and are none of them: the 802.11 stack (net/mac80211,
# net/wireless) and the helper libraries its drivers share (drivers/net/wireless/ath/ath.ko "Atheros common":
# ath_rxbuf_alloc() since 2.6.32, called from ath9k's and ath5k's rx tasklets; ath9k_common, ath9k_hw;
# rt2x00lib and its bus layers; rtlwifi, the Realtek PCIe/USB drivers' core; mt76's core and bus layers;
# brcmutil; iwlcore, 2.6.29-2.6.38's drivers/net/wireless/iwlwifi Makefile "obj-$(CONFIG_IWLWIFI) += iwlcore.o",
# the iwl-core/iwl-rx code both iwlagn and iwl3945 link against).  Their frame is the innermost one of a driver's
# path ("ath_rxbuf_alloc+0x35/0xb0 [ath]" above "ath_rx_tasklet+0x20f/0x6c0 [ath9k]", "iwl_rx_allocate+0x8f/0x305
# [iwlcore]" under "iwl_rx_handle+0x3a8/0x3c1 [iwlagn]"), but the device's driver is the module that called them.
# (iwlcore's 3.x successor for iwl3945/iwl4965: 3.0's iwl-legacy.ko, printed "[iwl_legacy]", later iwlegacy.ko.)
LIBRARY_MODULES = frozenset((
    "mac80211", "cfg80211", "ath", "ath9k_common", "ath9k_hw", "rt2x00lib", "rt2x00usb", "rt2x00pci",
    "rt2x00mmio", "rtlwifi", "btcoexist", "mt76", "mt76_usb", "mt76_sdio", "mt76x02_lib", "mt76x02_usb",
    "brcmutil", "iwlcore", "iwl_legacy", "iwlegacy"))


def _driver_of(frames):
    """Module of the innermost frame among ``frames`` that has one and is no shared library
    (LIBRARY_MODULES), else a known driver prefix, else the innermost library module.

    >>> _driver_of([("ath_rxbuf_alloc", "ath"), ("ath_rx_tasklet", "ath9k")])
    'ath9k'
    >>> _driver_of([("ieee80211_rx_handlers", "mac80211")])   # the driver built in, unnamed: the stack's
    'mac80211'
    """
    for _name, module in frames:
        if module and module not in LIBRARY_MODULES:
            return module
    for name, _module in frames:
        driver = driver_from_name(name)
        if driver:
            return driver
    return next((module for _name, module in frames if module), None)


# The NAPI core calling a driver's poll callback (net/core/dev.c net_rx_action() -> __napi_poll() /
# napi_poll() -> n->poll(); napi_threaded_poll() for threaded NAPI; 2.6 net_rx_action() called it directly).
NAPI_CORE_FRAMES = ("net_rx_action", "__napi_poll", "napi_poll", "napi_threaded_poll*")
_NAPI_CORE = compile_globs(NAPI_CORE_FRAMES)
# A driver names its poll callback after itself: "<driver>_poll", "<driver>_napi_poll", "<driver>_rx_poll"
# (drivers/net/ethernet/renesas/sh_eth.c sh_eth_poll(), ravb_poll(), ftgmac100_poll()); net/core's own
# pollers (gro_cells.c gro_cell_poll() for tunnels, process_backlog() for netif_rx) are no driver's.
_POLL_CALLBACK = re.compile(r"(?P<stem>[a-z][a-z0-9]*(?:_[a-z0-9]+)*?)(?:_napi|_rx|_tx)*_poll")
CORE_POLLERS = ("gro_cell_poll",)


def _poll_callback_driver(frames):
    """The driver the NAPI core's callee names when no receive frame's module or known prefix does: the
    frame just inside NAPI_CORE_FRAMES is the driver's poll callback, its module the driver, or for a
    built-in NIC its name ``<driver>[_napi|_rx]_poll``; else None.

    >>> _poll_callback_driver([("__netdev_alloc_skb", None), ("sh_eth_poll", None), ("net_rx_action", None)])
    'sh_eth'
    >>> _poll_callback_driver([("gro_cell_poll", None), ("__napi_poll", None)]) is None
    True
    """
    for i, (name, _module) in enumerate(frames):
        if name and _NAPI_CORE.match(name):
            if i == 0:
                return None
            callee, module = frames[i - 1]
            if module:
                return module  # (a poll callback in a module: the module is the driver)
            match = _POLL_CALLBACK.fullmatch(callee or "")
            return match.group("stem") if match and callee not in CORE_POLLERS else None
    return None


def task_context(comm, pid, frames=()):
    """What the task alone says: "softirq", "interrupt", "device" or None (TASK_CONTEXTS).

    >>> task_context("ksoftirqd/3", 30), task_context("swapper/2", 0), task_context("swapper/0", 1)
    ('softirq', 'interrupt', None)
    """
    fact = _task_fact(comm, pid == 0) if comm else None
    if fact == "interrupt" and any(name and _BOOT.match(name) for name, _module in frames):
        return None  # the boot CPU's idle task still booting: process context
    return fact


@lru_cache(maxsize=4096)
def _task_fact(comm, idle_pid):
    for regex, want_pid, fact in _TASKS:
        if regex.match(comm) and (want_pid is None or (want_pid == 0 and idle_pid)):
            return fact
    return None


def task_owner(comm):
    """The context of the subsystem whose kernel thread ``comm`` is (TASK_OWNERS), or None.

    >>> task_owner("mmcqd/1"), task_owner("jbd2/sda1-8"), task_owner("kworker/0:1"), task_owner(None)
    ('storage', 'filesystem', None, None)
    """
    return next((context for regex, context in _OWNERS if regex.match(comm)), None) if comm else None


# A compiler's copy of a function prints the function's name behind a suffix: gcc's IPA clones
# ("___slab_alloc.constprop.6", "copy_process.isra.7.part.8", "dump_backtrace.part.0"), the cold part it splits
# off ("foo.cold", "foo.cold.12"), LTO's private copies ("foo.lto_priv.0") and clang's ThinLTO promotions
# ("foo.llvm.4113"); the tables name functions, so the suffix goes before they are matched (s40-hold40, linux-mm
# 2019, 4.14.65 ARM: a trace cut at kmem_cache_alloc under "___slab_alloc.constprop.6" read as other kernel
# code, not the allocator's own frames).
_CLONE_SUFFIX = re.compile(r"(?:\.(?:constprop|isra|part|cold|lto_priv|llvm)(?:\.\d+)?)+$")
# 6.10+ memory allocation profiling (include/linux/alloc_tag.h alloc_hooks()) names every allocator entry point's body
# "<name>_noprof" (__alloc_pages_noprof, __kmalloc_cache_noprof, kvmalloc_node_noprof, __get_free_pages_noprof):
# the function the tables name, profiled.
_NOPROF = re.compile(r"_noprof$")


def function_names(frames):
    """``frames`` with each function's compiler clone suffix dropped (a frame without a name stays as it is).

    >>> function_names([("___slab_alloc.constprop.6", None), ("copy_process.isra.7.part.8", None),
    ...                 ("mlx5e_poll_rx_cq.cold", "mlx5_core"), ("e1000_clean", "e1000"), (None, None)])
    [('___slab_alloc', None), ('copy_process', None), ('mlx5e_poll_rx_cq', 'mlx5_core'), ('e1000_clean', 'e1000'), (None, None)]
    >>> function_names([("kvmalloc_node_noprof", None), ("__get_free_pages_noprof", None)])
    [('kvmalloc_node', None), ('__get_free_pages', None)]
    >>> classify_trace([("allocate_slab", None), ("___slab_alloc.constprop.6", None), ("kmem_cache_alloc", None)])
    ('unknown', None, False)
    """
    return [(_NOPROF.sub("", _CLONE_SUFFIX.sub("", name)) if name else name, module) for name, module in frames]


def in_interrupt(frames, markers=(), task=None):
    """True when the trace (or the task, see TASK_CONTEXTS) shows hard/soft interrupt context."""
    frames = function_names(frames)
    told = task_context(task[0], task[1], frames) if task else None
    return _interrupt([_frame_facts(n, m) for n, m in frames if n], markers, told)


def _interrupt(facts, markers, told):
    return (told in ("softirq", "interrupt") or any(fact.interrupt for fact in facts)
            or any(m in INTERRUPT_MARKERS for m in markers))


def classify_trace(frames, markers=(), unsure=(), task=None):
    """``(context, driver, in_interrupt)`` from frames ``[(function, module|None)]``,
    innermost first.  ``unsure``: indexes of frames printed with ``?``/``(unreliable)``, read only
    when the others decide nothing; ``task``: ``(comm, pid)`` of the report's task line (its
    interrupt facts, TASK_CONTEXTS; a subsystem's own thread decides frames that say no context
    outside an interrupt, TASK_OWNERS).

    >>> classify_trace([("edma_prep_slave_sg", None), ("omap_hsmmc_request", None)], task=("mmcqd/1", 80))
    ('storage', None, False)
    >>> classify_trace([("edma_prep_slave_sg", None), ("omap_hsmmc_request", None)], task=("mmcqd/1", 80),
    ...                markers=["IRQ"])
    ('other', None, True)
    """
    context, driver, interrupt = _classify_trace(frames, markers, unsure, task)
    owner = task_owner(task[0]) if task and context == "other" and not interrupt else None
    return (owner or context), driver, interrupt


def _classify_trace(frames, markers, unsure, task):
    frames = function_names(frames)
    told = task_context(task[0], task[1], frames) if task and task[0] else None
    decided = None
    if unsure:
        unsure = set(unsure)
        sure = [f for i, f in enumerate(frames) if i not in unsure and f[0]]
        decided = _classify(sure, [_frame_facts(*f) for f in sure], markers, told)
        if decided[0] != "unknown":
            return decided
        if not sure:
            decided = None  # printed all in "?": the unwinder proves nothing, read every frame
    named = [f for f in frames if f[0]]
    widened = _classify(named, [_frame_facts(*f) for f in named], markers, told)
    if decided is not None and widened[0] == "network-rx" and not decided[2]:
        # reliable frames (allocator only) and no interrupt evidence: a "?" receive frame is more
        # likely a stale word left by an earlier softirq than this allocation's caller; the other
        # "?" frames still say what they say
        named = [f for i, f in enumerate(frames) if f[0] and not (i in unsure and _frame_facts(*f).rx)]
        return _classify(named, [_frame_facts(*f) for f in named], markers, told)
    return widened


def classify_trace_cached(frames, markers=(), unsure=(), task=None):
    """:func:`classify_trace`, memoised on its inputs (a pure function; a flood of failures repeats
    the same trace thousands of times)."""
    return _classified(tuple(frames), tuple(markers), tuple(unsure), task)


@lru_cache(maxsize=4096)
def _classified(frames, markers, unsure, task):
    return classify_trace(frames, markers, unsure, task)


# A report's own dump: a trace that reaches one of these beyond the allocation's callers, through printk() and
# the console drivers, was printed while another report was being printed (a console driver allocating inside
# printk(): netconsole's netpoll under vprintk() <- printk() <- show_trace() <- dump_stack() <- __alloc_pages() of
# an earlier failure); the frames from the dump on are that earlier allocation's path, not this one's.  (A dump
# frame without printing frames before it says nothing: kernel/printk.c's vprintk()/call_console_drivers(),
# 5.x console_unlock(), 6.x console_flush_all()/console_emit_next_record().)
_DUMP = compile_globs(("dump_stack*", "show_stack", "show_trace*", "dump_backtrace*"))
_PRINTING = compile_globs(("printk", "_printk", "vprintk*", "*call_console_drivers", "release_console_sem", "console_unlock",
                      "console_flush_all", "console_emit_next_record*"))


def _nested_dump(frames, facts):
    """The index of the first dump frame (_DUMP) beyond a caller of the allocation and beyond printing frames
    (_PRINTING), else None."""
    caller = next((i for i, fact in enumerate(facts) if not fact.neutral), None)
    if caller is None:
        return None
    printing = next((i for i in range(caller + 1, len(frames)) if _PRINTING.match(frames[i][0])), None)
    if printing is None:
        return None
    return next((i for i in range(printing + 1, len(frames)) if _DUMP.match(frames[i][0])), None)


def _completion_refill(pairs):
    """The driver frames between an skb allocation (SKB_ALLOC_FRAMES) and the device completion that called them
    (DEVICE_COMPLETION_FRAMES): the completion callback refilling what the device filled; else [].

    >>> _completion_refill([(("__alloc_skb", None), _frame_facts("__alloc_skb", None)),
    ...                     (("ath9k_hif_usb_reg_in_cb", "ath9k_htc"), _frame_facts("ath9k_hif_usb_reg_in_cb", "ath9k_htc")),
    ...                     (("__usb_hcd_giveback_urb", None), _frame_facts("__usb_hcd_giveback_urb", None))])
    [('ath9k_hif_usb_reg_in_cb', 'ath9k_htc')]
    """
    completion = next((i for i, (_f, fact) in enumerate(pairs) if fact.completion), None)
    if completion is None:
        return []
    skb = next((i for i, ((name, _module), _fact) in enumerate(pairs[:completion]) if _SKB_ALLOC.match(name)), None)
    if skb is None:
        return []
    return [f for f, fact in pairs[skb + 1:completion] if fact.driverish]


def _classify(frames, facts, markers, told):
    nested = _nested_dump(frames, facts)
    if nested is not None:
        frames, facts = frames[:nested], facts[:nested]
    interrupt = _interrupt(facts, markers, told)
    pairs = [(f, fact) for f, fact in zip(frames, facts) if not fact.neutral]
    if not pairs:
        return "unknown", None, interrupt
    frames = [f for f, _fact in pairs]
    facts = [fact for _f, fact in pairs]
    first_buffer = next((i for i, fact in enumerate(facts) if fact.rx_buffer), None)
    # inside a netlink delivery every frame handles a process's message (NETLINK_DELIVERY_FRAMES)
    netlink = max((i for i, fact in enumerate(facts) if fact.netlink), default=-1)
    # another softirq's handler bounds the path: receive frames beyond it are not this allocation's
    bound = next((i for i, ((name, _module), _fact) in enumerate(pairs) if _OTHER_SOFTIRQ.match(name)), len(pairs))
    # a frame with a driver's rx name calling a receive buffer allocator is a driver's rx frame
    rx = [f for i, (f, fact) in enumerate(pairs) if netlink < i < bound and (fact.rx or (
        fact.rx_name and not fact.rx_buffer and first_buffer is not None and i > first_buffer))]
    buffers = [f for f, fact in pairs if fact.rx_buffer]
    if not buffers and all(module in LIBRARY_MODULES for _name, module in rx):
        # (a shared library's rx frame alone, ath_rxbuf_alloc [ath], names no driver: the callback does)
        rx = rx + _completion_refill(pairs)
    receive_context = interrupt or told == "device" or any(fact.completion for fact in facts)
    napi = receive_context or any(fact.rx and not fact.driverish for fact in facts)
    setup = any(fact.setup for fact in facts)
    if (rx or buffers) and setup and not napi:
        # a driver filling its ring while the device comes up: not the receive path
        return "network-other", _driver_of(rx) or _driver_of(frames), interrupt
    tx_inside = _transmit_inside(pairs, netlink)
    if tx_inside and (rx or buffers and receive_context):
        # the receive path sent a packet (tcp_rcv_established pushing pending frames, a bridge forwarding):
        # a transmit frame nearer the allocation than every receive frame and buffer allocator allocated
        return "network-tx", _driver_of(tx_inside), interrupt
    if rx or (buffers and receive_context):
        return "network-rx", _driver_of(rx or buffers) or _poll_callback_driver(frames), interrupt
    if buffers:
        return "network-other", _driver_of(buffers), interrupt
    tx = [f for f, fact in pairs if fact.tx] if netlink < 0 else []  # sendmsg of a netlink socket: no tx
    if tx and setup and not interrupt and not any(_TX_ANY.match(name) for name, _module in tx):
        # a driver making its transmit rings while the device comes up, only its own "_tx_" frames and no transmit
        # core frame on the path: nothing is sent (holdAF, 2.6.28 Ubuntu forums: __get_free_pages <-
        # iwl_tx_queue_alloc [iwlcore] <- iwl_txq_ctx_reset <- __iwl4965_up [iwlagn] <- ieee80211_open <- dev_open)
        return "network-other", _driver_of(frames), interrupt
    if tx:
        return "network-tx", _driver_of(tx), interrupt
    # A core helper (shmem, mempool, bio) works for whoever called it: the innermost frame of a
    # module with a context (i915 under shmem_getpage) decides before core frames do.
    ranked = [fact for (_name, module), fact in pairs if module and fact.other] or facts
    for fact in ranked:
        if fact.other:
            context = "gpu" if fact.other == "filesystem" and _gem_backing(pairs) else fact.other
            same = [f for f, other in pairs if other.other == context]
            driver = _driver_of(same)
            if driver is None and context == "network-other":
                # the network core working for a device's driver (register_netdevice() calling the
                # driver's ndo_init, the driver calling alloc_skb()): the driver is the module on the path
                driver = _driver_of([f for f, other in pairs if other.driverish])
            if driver is None:
                driver = _core_caller(pairs, context)
            return context, driver, interrupt
    if any(module in LIBRARY_MODULES for _name, module in frames):
        # the 802.11 stack and the helper libraries of its drivers are network code: a path through them that neither
        # receives nor transmits is still the network's (s42-hold42e, Gluon 3.18 MIPS: kmalloc_order <-
        # minstrel_remove_sta_debugfs+0x644 [mac80211], a stripped symbol in rate control's station setup)
        return "network-other", _driver_of(frames), interrupt
    return "other", _driver_of(frames), interrupt


_SHMEM = compile_globs(("shmem_*",) + PAGE_CACHE_FRAMES)  # a GEM object's pages pass through the page cache too


def _gem_backing(pairs):
    """True when shmem (or page cache) frames are the innermost ones with a context and the first context frame
    beyond them is the GPU's: DRM's GEM objects are shmem files (drivers/gpu/drm/drm_gem.c: drm_gem_object_init() calls
    shmem_file_setup(), drm_gem_get_pages() reads each page with shmem_read_mapping_page(); TTM swaps out to
    shmem too), so a built-in DRM core frame (no [module] to rank it, as i915's has) under a driver's buffer
    allocation outranks the tmpfs helper ("shmem_read_mapping_page_gfp" under "drm_gem_get_pages" under
    "lima_bo_create [lima]", s34-holdAD).  Plain tmpfs (no GPU frame beyond) stays a filesystem's.

    >>> _gem_backing([(f, _frame_facts(*f)) for f in (("shmem_getpage_gfp", None), ("drm_gem_get_pages", None))])
    True
    >>> _gem_backing([(f, _frame_facts(*f)) for f in (("shmem_write_begin", None), ("generic_perform_write", None))])
    False
    """
    shmem = False
    for (name, _module), fact in pairs:
        if fact.other:
            if not _SHMEM.match(name):
                return shmem and fact.other == "gpu"
            shmem = True
    return False


def _transmit_inside(pairs, netlink):
    """The transmit frames nearer the allocation than any receive frame or receive buffer allocator (frames
    run innermost first), when there are such: the receive softirq's protocol code sending (TCP pushing
    pending frames or an ACK from tcp_rcv_established(), net/ipv4/tcp_input.c; a bridge forwarding,
    net/bridge/br_forward.c) calls dev_queue_xmit(), and what the transmit path allocates below it (GSO's
    skb_segment(), a driver's xmit) is no receive buffer.  None inside a netlink delivery (no transmit)."""
    if netlink >= 0:
        return None
    inside = []
    for f, fact in pairs:
        if fact.rx or fact.rx_buffer:
            break
        if fact.tx:
            inside.append(f)
    else:
        return None  # no receive frame at all: the caller's transmit rule decides as before
    return inside or None


def _core_caller(pairs, context):
    """The module of the frame that called a context's core frames, when none of them names a driver: the
    frame right outside the innermost run of ``context``'s frames (neutral frames left out), when it carries a
    module and no context of its own.  A driver the tables do not know calls the core helper that said the
    context ("scsi_dma_map+0xc6/0x160" under "pqi_raid_submit_scsi_cmd_with_io_request+0x1c3/0x470 [smartpqi]",
    s31-holdT): that module is the storage driver.  The run nearest the allocation decides, not the outermost
    frame of the context: a low-level driver sits between two layers of its subsystem's core (the SCSI midlayer's
    scsi_queue_rq() calls the driver's queuecommand, which calls scsi_dma_map()), so a whole trace holds storage
    frames beyond the driver too (s34-holdAB: blk_mq_dispatch_rq_list above pqi_scsi_queue_command [smartpqi]).
    Built-in frames no table names (no module, no context of their own) may stand between the core helper and the
    module that called it: the subsystem's own code (md.c's sync_page_io()/write_disk_sb() under raid1's
    make_request()); a frame of another context, a receive or transmit frame or an interrupt ends the search.

    >>> _core_caller([(("scsi_dma_map", None), _frame_facts("scsi_dma_map", None)),
    ...               (("pqi_raid_submit_scsi_cmd_with_io_request", "smartpqi"),
    ...                _frame_facts("pqi_raid_submit_scsi_cmd_with_io_request", "smartpqi"))], "storage")
    'smartpqi'
    >>> _core_caller([(name, _frame_facts(*name)) for name in (("scsi_dma_map", None),
    ...               ("pqi_raid_submit_scsi_cmd_with_io_request", "smartpqi"), ("scsi_queue_rq", None),
    ...               ("blk_mq_dispatch_rq_list", None))], "storage")
    'smartpqi'
    >>> _core_caller([(name, _frame_facts(*name)) for name in (("bio_alloc", None), ("sync_page_io", None),
    ...               ("md_update_sb", None), ("make_request", "raid1"), ("generic_make_request", None))], "storage")
    'raid1'
    >>> _core_caller([(name, _frame_facts(*name)) for name in (("bio_alloc", None), ("sync_page_io", None),
    ...               ("ext4_writepage", None), ("do_writepages", "mystery"))], "storage")
    """
    start = next(i for i, (_f, fact) in enumerate(pairs) if fact.other == context)
    for (_name, module), fact in pairs[start:]:
        if fact.other == context:
            continue  # more of the context's core
        if fact.interrupt or fact.other or fact.rx or fact.tx:
            return None  # another path's frames, or the interrupt that ran it: no caller of this context's core
        if module:
            # the innermost module outside the context's frames; built-in helpers the tables do not name may
            # stand between (md's superblock writer: bio_alloc <- sync_page_io <- write_disk_sb <- md_update_sb
            # <- md_write_start <- make_request [raid1], s42-hold42l)
            return module
    return None
