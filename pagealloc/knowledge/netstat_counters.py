"""
Kernel SNMP counters that show receive failures the log never printed
=====================================================================

``/proc/net/netstat`` (``TcpExt:`` lines), ``nstat`` (``TcpExt`` prefix) and
``netstat -s`` (``TcpExt:`` section) read the same counters.  Each row: the
counter as /proc/net/netstat names it, what it means for pagealloc, the first
upstream kernel that has it, and the kernel source.  ``memory`` says whether
it is evidence about the page allocator's reserve (True) or about another
limit (socket memory, CPU budget).

* ``PFMemallocDrop``: a receive buffer was allocated from the emergency
  reserve (the allocation *succeeded* below the min watermark, the page is
  marked pfmemalloc) and the socket it was for may not use the reserve, so
  the packet is dropped.  The reserve was in use: nothing is printed.
* ``TCPRcvQDrop``: a segment was dropped because the socket's receive memory
  could not be charged (``tcp_try_rmem_schedule`` failed: ``tcp_mem`` or the
  receive buffer), a socket-memory limit rather than the page allocator.

/proc/net/softnet_stat's ``dropped`` (backlog full) and ``time_squeeze``
(``net_rx_action`` ran out of budget or time) are CPU budget
(``net.core.netdev_max_backlog``, ``netdev_budget``), never memory:
:mod:`pagealloc.knowledge.softnet` keeps them apart.

Examples:
    >>> COUNTERS["PFMemallocDrop"].since
    '3.6'
    >>> COUNTERS["TCPRcvQDrop"].memory
    False
"""

from collections import namedtuple

SnmpCounter = namedtuple("SnmpCounter", "name memory since meaning source")

COUNTERS = {c.name: c for c in (
    SnmpCounter("PFMemallocDrop", True, "3.6",
                "received packets dropped because their buffer came from the emergency (pfmemalloc) reserve "
                "and the socket may not use it",
                "net/core/filter.c sk_filter_trim_cap() (sk_filter() before 4.8): "
                "skb_pfmemalloc(skb) && !sock_flag(sk, SOCK_MEMALLOC) -> NET_INC_STATS(LINUX_MIB_PFMEMALLOCDROP); "
                "named in net/ipv4/proc.c snmp4_net_list; added with the swap-over-network series (3.6)"),
    SnmpCounter("TCPRcvQDrop", False, "5.2",
                "TCP segments dropped because the socket's receive memory could not be charged (tcp_mem or rcvbuf)",
                "net/ipv4/tcp_input.c tcp_data_queue(): tcp_try_rmem_schedule() failed -> "
                "NET_INC_STATS(LINUX_MIB_TCPRCVQDROP); net/ipv4/proc.c snmp4_net_list"),
)}

# nstat prefixes the /proc/net/netstat section name: "TcpExtPFMemallocDrop".
NSTAT_PREFIX = "TcpExt"
