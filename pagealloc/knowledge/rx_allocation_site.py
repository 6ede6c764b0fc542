"""
What a failed receive-path allocation was for: a receive buffer, or the network stack's own object
==================================================================================================

A failure "in the network receive path" is one made while received packets were handled, and two
different callers make such requests: the NIC driver refilling its receive ring (through the buffer
allocators, ``__netdev_alloc_skb``, ``page_frag_alloc``, ``page_pool_*``, or its own rx/refill code),
and the network stack processing what arrived (a socket for a connection being accepted, a TCP receive
queue compacted, a packet copied or reshaped, a connection-tracking entry).  MTU and the driver's
buffer options size only the first; for the second they change nothing, so advice for a high-order
failure depends on which one asked.

:func:`allocation_site` walks the trace outward from the allocation: the allocator's own frames and the
generic skb allocators (``alloc_skb``: both callers use them) say nothing; frames no table knows (a
``printk`` or ``read_tsc`` word left on the stack) are passed over; the first frame that is a buffer
allocator or a driver's, or one of the stack's, decides.

STACK_OBJECTS: (code, frame globs, what was allocated, sized by the MTU, what a failure costs, the
counter that shows it on the host, kernel source).

Examples:
    >>> allocation_site(["__alloc_pages_nodemask", "kmem_getpages", "fallback_alloc", "kmem_cache_alloc",
    ...                  "sk_prot_alloc", "sk_clone", "inet_csk_clone", "tcp_create_openreq_child"])
    Site(kind='stack', function='sk_prot_alloc', code='socket')
    >>> allocation_site(["__alloc_pages_nodemask", "__alloc_skb", "__netdev_alloc_skb", "e1000_alloc_rx_buffers"])
    Site(kind='rx_buffer', function='__netdev_alloc_skb', code=None)
    >>> allocation_site(["__alloc_pages_nodemask", "_spin_unlock", "__alloc_skb", "iwl_rx_allocate"], "iwlagn")
    Site(kind='rx_buffer', function='iwl_rx_allocate', code=None)
    >>> allocation_site(["printk", "__alloc_pages_internal", "__kmalloc_track_caller", "__alloc_skb",
    ...                  "tcp_collapse", "tcp_try_rmem_schedule", "tcp_data_queue"], "forcedeth")
    Site(kind='stack', function='tcp_collapse', code='receive_queue')
    >>> allocation_site(["__alloc_pages", "__kmalloc", "alloc_skb", "tcp_fragment", "tcp_retransmit_skb"])
    Site(kind='stack', function='tcp_fragment', code=None)
    >>> allocation_site(["dump_stack", "warn_alloc_failed", "__alloc_pages_nodemask"]) is None  # cut trace
    True
    >>> allocation_site(["__alloc_pages_nodemask", "net_rx_action", "__do_softirq"]) is None  # no caller shown
    True
"""

import re
from collections import namedtuple

from pagealloc.knowledge.call_paths import (
    ALLOCATOR_FRAMES,
    INTERRUPT_FRAMES,
    NAPI_CORE_FRAMES,
    RX_BUFFER_FRAMES,
    SKB_ALLOC_FRAMES,
    allocator_frame,
    compile_globs,
    driver_from_name,
    function_names,
)

StackObject = namedtuple("StackObject", "code globs what mtu_sized effect counter source")

STACK_OBJECTS = (
    StackObject("socket", ("sk_prot_alloc", "sk_clone*", "inet_csk_clone*", "tcp_create_openreq_child"),
                "a socket for a TCP connection being accepted", False,
                "the handshake's last ACK is dropped and the peer sends it again", "TcpExtListenDrops",
                "net/core/sock.c sk_clone_lock() (sk_clone() before 3.2) -> sk_prot_alloc(); "
                "net/ipv4/tcp_ipv4.c tcp_v4_syn_recv_sock(): no new socket -> LINUX_MIB_LISTENDROPS; "
                "tcp_minisocks.c tcp_check_req(): the ACK is dropped, the request kept for the peer's resend"),
    StackObject("receive_queue", ("tcp_collapse*", "tcp_prune_queue", "tcp_prune_ofo_queue"),
                "a compacted copy of a TCP socket's receive queue", False,
                "the copy is given up (the socket was over its receive buffer), and received data it still "
                "cannot hold is dropped", "TcpExtRcvPruned",
                "net/ipv4/tcp_input.c tcp_prune_queue(): LINUX_MIB_PRUNECALLED, then tcp_collapse() copies the "
                "queued segments into new skbs (alloc_skb(GFP_ATOMIC), stopping when one fails); data still over "
                "the buffer is dropped and counted in LINUX_MIB_RCVPRUNED"),
    StackObject("gro", ("skb_gro_receive*", "*_gro_receive"),
                "a merged packet of generic receive offload", False,
                "the packet goes up the stack unmerged", None,
                "net/core/skbuff.c skb_gro_receive() (later net/core/gro.c): alloc_skb(GFP_ATOMIC) for the merged "
                "head, -ENOMEM on failure; net/ipv4/tcp_offload.c tcp_gro_receive() then flushes, not merging"),
    StackObject("packet_copy", ("skb_copy*", "pskb_copy*", "pskb_expand_head", "__pskb_pull_tail", "skb_cow*",
                                "skb_realloc_headroom", "skb_segment", "skb_linearize*", "__skb_linearize"),
                "a copy or a reshaped head of a received packet", True,
                "that packet, or the copy a tap wanted, is dropped", None,
                "net/core/skbuff.c skb_copy(), pskb_copy(), pskb_expand_head(), __pskb_pull_tail(), "
                "skb_segment(): NULL or -ENOMEM to the tunnel, bridge or tap that asked"),
    StackObject("conntrack", ("__nf_conntrack_alloc", "nf_conntrack_alloc", "init_conntrack"),
                "a connection-tracking entry", False, "the packet is dropped", None,
                "net/netfilter/nf_conntrack_core.c init_conntrack() -> __nf_conntrack_alloc(): "
                "kmem_cache_alloc(nf_conntrack_cachep, gfp); on failure nf_conntrack_in() drops the packet"),
)
OBJECTS = {o.code: o for o in STACK_OBJECTS}

# Allocators both callers go through (call_paths.SKB_ALLOC_FRAMES, net/core/skbuff.c __alloc_skb(), and its
# kmalloc_reserve()): no caller of their own.
GENERIC_SKB_FRAMES = SKB_ALLOC_FRAMES + ("kmalloc_reserve*", "__kmalloc_reserve*")
# The network stack's own code (net/core, net/ipv4, net/ipv6, net/netfilter, net/xfrm, net/bridge ...): its
# functions' prefixes.  A frame of one of them, nearer the allocation than any driver frame, made the request.
STACK_PREFIXES = ("tcp_", "__tcp_", "udp_", "__udp_", "ip_", "__ip_", "ip6_", "ipv6_", "inet_", "inet6_", "icmp_",
                  "sk_", "__sk_", "sock_", "skb_", "__skb_", "pskb_", "__pskb_", "nf_", "__nf_", "nft_", "ipt_",
                  "xt_", "xfrm_", "neigh_", "arp_", "br_", "netlink_", "dst_", "fib_", "raw_", "packet_", "tpacket_",
                  "netif_", "__netif_", "dev_gro_", "napi_gro_")

Site = namedtuple("Site", "kind function code")


_PASS = compile_globs(ALLOCATOR_FRAMES + GENERIC_SKB_FRAMES)
_BUFFER = compile_globs(RX_BUFFER_FRAMES)
# The softirq's and NAPI's own frames run the callers, they make no request: reached first, the caller's frames
# are missing (a cut or unreliable trace), so no site is told.
# (Tasklets left out: a driver names its rx tasklet after it, and that frame is the driver's.)
_CONTEXT = compile_globs(NAPI_CORE_FRAMES + ("process_backlog",) + tuple(g for g in INTERRUPT_FRAMES if g != "*tasklet*"))
_OBJECTS = tuple((o.code, compile_globs(o.globs)) for o in STACK_OBJECTS)
# A driver's receive code by name (the rx/refill/alloc words call_paths reads in RX_FRAMES' driver globs), when
# no prefix table knows the driver: r8152's alloc_rx_agg, ath's ath_rxbuf_alloc.
_DRIVER_RX_WORDS = re.compile(r"(?:^|_)(?:rx|rxbuf|recv|refill)(?:_|$)|alloc_rx|rx_alloc")


def _driver_frame(name, driver):
    return bool(driver_from_name(name) or (driver and name.startswith(driver.split("_")[0] + "_")))


def allocation_site(call_trace, driver=None):
    """The :class:`Site` that made the failed request: ``kind`` "rx_buffer" or "stack", the deciding
    function, and for the stack its STACK_OBJECTS ``code`` (None: another of the stack's objects);
    None when the trace shows no caller (cut after the allocator, or frames no table knows)."""
    names = [name for name, _ in function_names([(n, None) for n in call_trace or ()])]
    for name in names:
        if not name or _PASS.match(name) or allocator_frame(name):
            continue
        if _BUFFER.match(name):
            return Site("rx_buffer", name, None)
        if _CONTEXT.match(name):
            return None
        code = next((code for code, regex in _OBJECTS if regex.match(name)), None)
        if code:
            return Site("stack", name, code)
        if _driver_frame(name, driver):
            return Site("rx_buffer", name, None)
        if name.startswith(STACK_PREFIXES):  # (before the rx words: netif_rx is the stack's)
            return Site("stack", name, None)
        if _DRIVER_RX_WORDS.search(name):
            return Site("rx_buffer", name, None)
    return None
