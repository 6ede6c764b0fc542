"""
A failure report as this very host's kernel would print it, built from a sosreport's own
/proc/zoneinfo: the way to inject "a report of the current state" into a real sosreport.

Layout: 5.x-6.x ``warn_alloc()`` + ``show_free_areas()`` as rsyslog writes it (traditional format,
no uptime), the same as tests/fixtures/logs/messages_5.14_rhel9_virtio.txt: one-line header with
``nodemask=(null),cpuset=/,mems_allowed=0``, ``CPU: N PID: 0 Comm:`` task line, ``<IRQ>`` trace of
virtio_net's receive path, per-zone ``Node 0 ZONE free:...kB boost:...kB min:...kB ... present:...kB
managed:...kB`` lines and ``lowmem_reserve[]``.  The zones' min/low/high, present and managed come
from zoneinfo (pages x 4 kB); ``free`` is put at a quarter of ``min`` in every zone with managed
pages (below the atomic floor, 3/8 of min) so the report shows the reserve exhausted.
"""

from insights.tests import context_wrap

from pagealloc.parsers.zoneinfo import ZoneInfo

PAGE_KB = 4
TRACE = ("Call Trace:", "<IRQ>", "dump_stack_lvl+0x34/0x48", "warn_alloc+0x138/0x160",
         "__alloc_pages_slowpath.constprop.0+0xb69/0xbb0", "__alloc_pages_noprof+0x2e6/0x310",
         "page_frag_alloc_align+0x173/0x1a0", "__napi_alloc_frag_align+0x3a/0x50",
         "try_fill_recv+0x14a/0x6c0 [virtio_net]", "virtnet_poll+0x40b/0x5a0 [virtio_net]",
         "__napi_poll+0x27/0x170", "net_rx_action+0x233/0x2f0", "handle_softirqs+0xc7/0x2ac",
         "__irq_exit_rcu+0xb5/0xf0", "common_interrupt+0x80/0xa0", "</IRQ>")


def zone_lines(zoneinfo_text, min_scale=1):
    """Mem-Info zone lines (without prefix) for the populated zones of node 0; ``min_scale``
    multiplies the watermarks (the report of a time when vm.min_free_kbytes was that much larger)."""
    zones = [z for z in ZoneInfo(context_wrap(zoneinfo_text, strip=False)).zones
             if z.node == 0 and (z.present_pages or z.managed_pages) and z.name not in ("Device",)]
    lines = []
    for z in zones:
        free = z.min_pages * min_scale // 4 if z.managed_pages else 0
        # zoneinfo's min/low/high include the zone's watermark boost (5.0+, min_wmark_pages()), as the
        # report's do; the report prints that boost too (a live host under fragmentation has one).
        boost = z.boost_pages or 0

        def mark(pages, boost=boost):
            return ((pages - boost) * min_scale + boost) * PAGE_KB

        lines.append("Node 0 %s free:%dkB boost:%dkB min:%dkB low:%dkB high:%dkB reserved_highatomic:0KB "
                     "active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB "
                     "writepending:0kB present:%dkB managed:%dkB mlocked:0kB bounce:0kB free_pcp:0kB "
                     "local_pcp:0kB free_cma:0kB"
                     % (z.name, free * PAGE_KB, boost * PAGE_KB, mark(z.min_pages), mark(z.low_pages),
                        mark(z.high_pages), z.present_pages * PAGE_KB, z.managed_pages * PAGE_KB))
        lines.append("lowmem_reserve[]: " + " ".join(str(p) for p in z.protection or []))
    for z in zones:  # the buddy lists: the free pages as order-0 blocks
        free = z.min_pages * min_scale // 4 if z.managed_pages else 0
        lines.append("Node 0 %s: %d*4kB (UME) 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB "
                     "0*2048kB 0*4096kB = %dkB" % (z.name, free, free * PAGE_KB))
    pages = sum(z.present_pages for z in zones)
    lines += ["Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB",
              "0 total pagecache pages", "0 pages in swap cache", "Free swap  = 0kB", "Total swap = 0kB",
              "%d pages RAM" % pages, "0 pages HighMem/MovableOnly",
              "%d pages reserved" % (pages - sum(z.managed_pages for z in zones)), "0 pages hwpoisoned"]
    return lines


def syslog_report(zoneinfo_text, release, host, wallclock="Dec  4 09:00:01", min_scale=1):
    """The report as /var/log/messages lines of ``host`` running ``release``."""
    body = ["swapper/0: page allocation failure: order:0, mode:0x820(GFP_ATOMIC), nodemask=(null),cpuset=/,"
            "mems_allowed=0",
            "CPU: 0 PID: 0 Comm: swapper/0 Not tainted %s #1" % release] + list(TRACE) + ["Mem-Info:"]
    body += zone_lines(zoneinfo_text, min_scale)
    return "".join("%s %s kernel: %s\n" % (wallclock, host, line) for line in body)


def syslog_banner(release, host, wallclock="Dec  4 10:00:00"):
    return "%s %s kernel: Linux version %s (builder@host) (gcc (GCC) 12.2.0) #1 SMP PREEMPT_DYNAMIC\n" % (
        wallclock, host, release)
