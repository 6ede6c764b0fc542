"""
Rx burst - what one full refill of a NIC's receive rings takes from the atomic reserve
=====================================================================================

A NIC refills its receive rings from softirq with atomic allocations.  After
a burst that empties every ring, the driver asks for ``rx queues x ring size``
buffers at once (``ethtool -l``: RX + Combined channels; ``ethtool -g``:
current RX ring size; the buffer from the MTU).  Those pages come out of the
room atomics have below ``min``: ``min - floor``, about 5/8 of ``min``
(``__zone_watermark_ok()``, mm/page_alloc.c: the floor is min - min/2 - /4).
The NIC's NUMA node is not in a sosreport (``/sys/class/net/<if>/device/numa_node``
is not collected), so on NUMA hosts the smallest node's room is compared:
the worst case.

Buffer size (an estimate, per driver it varies): the frame (MTU + 14 byte
Ethernet header + 4 byte VLAN tag) plus the headroom and tail every skb needs
(``NET_SKB_PAD`` 64 + ``NET_IP_ALIGN`` 2, include/linux/skbuff.h; and
``SKB_DATA_ALIGN(sizeof(struct skb_shared_info))`` 320 bytes on 64-bit,
``__netdev_alloc_skb()`` / ``napi_alloc_skb()``, net/core/skbuff.c), rounded up to a
power of two, at least 2048 bytes (half a 4 KiB page: the page-split rx buffers
of igb/ixgbe/i40e and the page_frag cache).

Examples:
    >>> rx_buffer_bytes(1500), rx_buffer_bytes(9000)
    (2048, 16384)
    >>> nic = {"name": "eth0", "mtu": 1500, "rx_ring": 4096, "rx_queues": 16}
    >>> b = burst_sizing([nic], room_now_kb=1200, room_recommended_kb=2400)[0]
    >>> b["refill_kb"], b["covered_now"], b["covered_by_recommendation"]   # 16 x 4096 x 2 KiB
    (131072, False, False)
"""

ETH_FRAME_OVERHEAD_BYTES = 14 + 4          # ETH_HLEN + VLAN_HLEN
SKB_HEADROOM_BYTES = 64 + 2                 # NET_SKB_PAD + NET_IP_ALIGN
SKB_SHARED_INFO_BYTES = 320                 # SKB_DATA_ALIGN(sizeof(struct skb_shared_info)), 64-bit
MIN_RX_BUFFER_BYTES = 2048                  # half a 4 KiB page


def rx_buffer_bytes(mtu):
    """The estimated receive buffer for an MTU (bytes), a power of two >= 2048."""
    need = (mtu or 1500) + ETH_FRAME_OVERHEAD_BYTES + SKB_HEADROOM_BYTES + SKB_SHARED_INFO_BYTES
    size = MIN_RX_BUFFER_BYTES
    while size < need:
        size *= 2
    return size


def atomic_room_kb(per_node, key):
    """The smallest node's room below min for atomics (``<key>_min_kb - <key>_atomic_floor_kb``)."""
    rooms = [n[key + "_min_kb"] - n[key + "_atomic_floor_kb"] for n in per_node
             if n.get(key + "_min_kb") is not None and n.get(key + "_atomic_floor_kb") is not None]
    return min(rooms) if rooms else None


def burst_sizing(nics, room_now_kb, room_recommended_kb):
    """Per NIC with a known ring size: ``refill_kb`` (queues x ring x buffer; 1 queue assumed when
    ``ethtool -l`` was not collected) and whether the room below min covers it now and with the
    recommendation (None when the room is unknown)."""
    out = []
    for nic in nics or []:
        if not nic.get("rx_ring"):
            continue
        queues = nic.get("rx_queues")
        buffer_bytes = rx_buffer_bytes(nic.get("mtu"))
        refill_kb = (queues or 1) * nic["rx_ring"] * buffer_bytes // 1024
        out.append({
            "name": nic["name"], "mtu": nic.get("mtu"), "rx_ring": nic["rx_ring"], "rx_queues": queues,
            "rx_queues_basis": "ethtool -l" if queues else "assumed 1 (ethtool -l not collected or not supported)",
            "buffer_bytes": buffer_bytes, "refill_kb": refill_kb,
            "room_now_kb": room_now_kb, "room_recommended_kb": room_recommended_kb,
            "covered_now": None if room_now_kb is None else room_now_kb >= refill_kb,
            "covered_by_recommendation": None if room_recommended_kb is None else room_recommended_kb >= refill_kb,
        })
    return out
