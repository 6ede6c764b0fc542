"""
Kernel failure reports used by the benchmark inputs
===================================================

One report per kernel era, as the kernel prints it (no dmesg or syslog
prefix: :func:`with_dmesg_prefix` and :func:`with_syslog_prefix` add them).
Each follows the printk format of the kernel named in its comment
(mm/page_alloc.c ``warn_alloc``/``warn_alloc_failed`` and
lib/show_mem.c / ``show_free_areas`` of that version); the numbers are
made up but consistent: buddy lines add up to their printed total and to
the zone's ``free``, and every zone the request could use is below the
watermark the kernel checks (atomic order 0: about 3/8 of ``min`` plus
``lowmem_reserve``; higher orders: no free block big enough).

Examples:
    >>> [r.era for r in REPORTS][:3]
    ['2.6.32', '3.10-rhel7', '4.9']
    >>> sum(r.kind == "page-allocation-failure" for r in REPORTS)
    9
    >>> with_dmesg_prefix(["a", "b"], 12, 5)
    '[   12.000005] a\\n[   12.000012] b\\n'
"""

from collections import namedtuple

#: era: label; kernel: release string printed in the report; kind: the
#: FailureEvent kind a parser must produce; text: the report's lines.
KernelReport = namedtuple("KernelReport", "era kernel kind text")

# 2.6.32 (Debian 6, i686), the project's seed report: header with a full
# stop, "Pid: P, comm: C" task line, addresses in the call trace.
_R_2_6_32 = """\
swapper: page allocation failure. order:0, mode:0x20
Pid: 0, comm: swapper Not tainted 2.6.32-5-686 #1
Call Trace:
 [<c108c9a2>] ? __alloc_pages_nodemask+0x484/0x4d9
 [<c10ae77e>] ? alloc_slab_page+0x18/0x1b
 [<c10ae8c0>] ? __slab_alloc+0x13f/0x431
 [<c10aed44>] ? kmem_cache_alloc+0x6d/0xe5
 [<c11d3f19>] ? __alloc_skb+0x29/0x115
 [<c11d4cc4>] ? __netdev_alloc_skb+0x14/0x30
 [<d0a59a08>] ? e100_rx_alloc_skb+0x1e/0x11d [e100]
 [<d0a5bbb1>] ? e100_poll+0x1d6/0x29d [e100]
 [<c11da231>] ? net_rx_action+0x96/0x194
 [<c1035a96>] ? __do_softirq+0xaa/0x156
 [<c1035b73>] ? do_softirq+0x31/0x3c
 [<c1035c4d>] ? irq_exit+0x26/0x58
 [<c1004699>] ? do_IRQ+0x78/0x89
 [<c10037f0>] ? common_interrupt+0x30/0x38
 [<c101aacc>] ? native_safe_halt+0x2/0x3
 [<c1008813>] ? default_idle+0x3c/0x5a
 [<c1002377>] ? cpu_idle+0x89/0xa2
 [<c13bf7fc>] ? start_kernel+0x318/0x31d
Mem-Info:
DMA per-cpu:
CPU    0: hi:    0, btch:   1 usd:   0
Normal per-cpu:
CPU    0: hi:   90, btch:  15 usd:  89
active_anon:762 inactive_anon:827 isolated_anon:0
 active_file:28611 inactive_file:28682 isolated_file:0
 unevictable:0 dirty:1 writeback:0 unstable:0
 free:427 slab_reclaimable:774 slab_unreclaimable:2329
 mapped:8735 shmem:0 pagetables:234 bounce:0
DMA free:992kB min:124kB low:152kB high:184kB active_anon:64kB inactive_anon:116kB active_file:7056kB inactive_file:7328kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:15872kB mlocked:0kB dirty:0kB writeback:0kB mapped:1796kB shmem:0kB slab_reclaimable:76kB slab_unreclaimable:292kB kernel_stack:8kB pagetables:16kB unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no
lowmem_reserve[]: 0 238 238 238
Normal free:716kB min:1908kB low:2384kB high:2860kB active_anon:2984kB inactive_anon:3192kB active_file:107388kB inactive_file:107400kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:243776kB mlocked:0kB dirty:8kB writeback:0kB mapped:33144kB shmem:0kB slab_reclaimable:3020kB slab_unreclaimable:9024kB kernel_stack:640kB pagetables:920kB unstable:0kB bounce:0kB writeback_tmp:0kB pages_scanned:86 all_unreclaimable? no
lowmem_reserve[]: 0 0 0 0
DMA: 0*4kB 2*8kB 1*16kB 0*32kB 5*64kB 1*128kB 2*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 992kB
Normal: 179*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 716kB
57660 total pagecache pages
363 pages in swap cache
Swap cache stats: add 13396, delete 13033, find 2464/3626
Free swap  = 346240kB
Total swap = 369452kB
65520 pages RAM
0 pages HighMem
1858 pages reserved
20298 pages shared
50296 pages non-shared
SLUB: Unable to allocate memory on node -1 (gfp=0x20)
  cache: kmalloc-192, object size: 192, buffer size: 192, default order: 0, min order: 0
  node 0: slabs: 105, objs: 2205, free: 0"""

# 3.10.0-1160 (RHEL 7.9, x86_64): colon after "failure", CPU/PID/Comm task
# line, raw stack words, <IRQ>/<EOI> markers on the first frame of a stack.
_R_3_10_RHEL7 = """\
swapper/21: page allocation failure: order:0, mode:0x20
CPU: 21 PID: 0 Comm: swapper/21 Kdump: loaded Not tainted 3.10.0-1160.el7.x86_64 #1
Hardware name: Dell Inc. PowerEdge R730/0WCJNT, BIOS 2.11.0 11/02/2019
 0000000000000020 4b3c2a1d0e5f6a71 ffff9a5c7f943a68 ffffffffa8d81340
 ffff9a5c7f943af8 ffffffffa87c4b00 ffffffffa8f0a4d8 ffff9a5c7f943a98
 0000000000000000 0000000000000000 ffff9a5c7f943ad8 4b3c2a1d0e5f6a71
Call Trace:
 <IRQ>  [<ffffffffa8d81340>] dump_stack+0x19/0x1b
 [<ffffffffa87c4b00>] warn_alloc_failed+0x110/0x180
 [<ffffffffa8d7c8bc>] __alloc_pages_slowpath+0x6b6/0x724
 [<ffffffffa87c9105>] __alloc_pages_nodemask+0x405/0x420
 [<ffffffffa87c9478>] page_frag_alloc+0x158/0x170
 [<ffffffffa8c3c01d>] __napi_alloc_skb+0x8d/0xe0
 [<ffffffffc03a1b4e>] ixgbe_clean_rx_irq+0x13e/0xb40 [ixgbe]
 [<ffffffffc03a3a2d>] ixgbe_poll+0x2bd/0x810 [ixgbe]
 [<ffffffffa8c4af1f>] net_rx_action+0x26f/0x390
 [<ffffffffa86a4b35>] __do_softirq+0xf5/0x280
 [<ffffffffa8d974ec>] call_softirq+0x1c/0x30
 [<ffffffffa862f715>] do_softirq+0x65/0xa0
 [<ffffffffa86a4eb5>] irq_exit+0x105/0x110
 [<ffffffffa8d98936>] do_IRQ+0x56/0xf0
 [<ffffffffa8d8a36a>] common_interrupt+0x16a/0x16a
 <EOI>  [<ffffffffa8bc4c70>] ? cpuidle_enter_state+0x40/0x180
 [<ffffffffa8bc4dce>] cpuidle_idle_call+0xde/0x230
 [<ffffffffa86380ce>] arch_cpu_idle+0xe/0xc0
 [<ffffffffa87018ba>] cpu_startup_entry+0x14a/0x1e0
 [<ffffffffa865a0e7>] start_secondary+0x1f7/0x270
 [<ffffffffa86000d5>] start_cpu+0x5/0x14
Mem-Info:
active_anon:6114420 inactive_anon:679646 isolated_anon:0
 active_file:1022595 inactive_file:1262020 isolated_file:0
 unevictable:0 dirty:140 writeback:0 unstable:0
 slab_reclaimable:119934 slab_unreclaimable:40229
 mapped:62257 shmem:42828 pagetables:8912 bounce:0
 free:16482 free_pcp:1688 free_cma:0
Node 0 DMA free:15908kB min:16kB low:20kB high:24kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:15992kB managed:15908kB mlocked:0kB dirty:0kB writeback:0kB mapped:0kB shmem:0kB slab_reclaimable:0kB slab_unreclaimable:0kB kernel_stack:0kB pagetables:0kB unstable:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? yes
lowmem_reserve[]: 0 1814 40068 40068
Node 0 DMA32 free:5596kB min:1976kB low:2468kB high:2964kB active_anon:1312kB inactive_anon:1840kB active_file:640kB inactive_file:704kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:2046336kB managed:1858044kB mlocked:0kB dirty:0kB writeback:0kB mapped:412kB shmem:124kB slab_reclaimable:23048kB slab_unreclaimable:9124kB kernel_stack:160kB pagetables:88kB unstable:0kB bounce:0kB free_pcp:1204kB local_pcp:120kB free_cma:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no
lowmem_reserve[]: 0 0 38254 38254
Node 0 Normal free:15176kB min:41668kB low:52084kB high:62500kB active_anon:24456368kB inactive_anon:2716744kB active_file:4089740kB inactive_file:5047376kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:39845888kB managed:39172616kB mlocked:0kB dirty:560kB writeback:0kB mapped:248616kB shmem:171188kB slab_reclaimable:456688kB slab_unreclaimable:151792kB kernel_stack:28752kB pagetables:35560kB unstable:0kB bounce:0kB free_pcp:5548kB local_pcp:324kB free_cma:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no
lowmem_reserve[]: 0 0 0 0
Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 2*64kB (U) 1*128kB (U) 1*256kB (U) 0*512kB 1*1024kB (U) 1*2048kB (M) 3*4096kB (M) = 15908kB
Node 0 DMA32: 293*4kB (UEM) 161*8kB (UEM) 82*16kB (UM) 39*32kB (UM) 9*64kB (M) 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 5596kB
Node 0 Normal: 3502*4kB (UEM) 138*8kB (UM) 4*16kB (M) 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 15176kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
2328271 total pagecache pages
0 pages in swap cache
Swap cache stats: add 0, delete 0, find 0/0
Free swap  = 0kB
Total swap = 0kB
10477054 pages RAM
0 pages HighMem/MovableOnly
209284 pages reserved"""

# 4.9 (Debian 9, 4.9.0-8-amd64): decoded flag names in brackets, addresses
# still printed, per-node counters line (4.8+).
_R_4_9 = """\
ksoftirqd/3: page allocation failure: order:0, mode:0x2080020(GFP_ATOMIC)
CPU: 3 PID: 26 Comm: ksoftirqd/3 Not tainted 4.9.0-8-amd64 #1 Debian 4.9.130-2
Hardware name: Supermicro X10SRi-F/X10SRi-F, BIOS 2.0a 08/01/2016
 0000000000000000 ffffffffa7f29964 ffffffffa8601ec8 ffffb3c8c1a77b98
 ffffffffa7d8569a 0208002000000000 ffffffffa8601ec8 ffffb3c8c1a77b38
 ffffffff00000010 ffffb3c8c1a77ba8 ffffb3c8c1a77b58 a3f7e28c95cb4c1e
Call Trace:
 [<ffffffffa7f29964>] ? dump_stack+0x5c/0x78
 [<ffffffffa7d8569a>] ? warn_alloc+0x13a/0x160
 [<ffffffffa7d859c4>] ? __alloc_pages_slowpath+0x294/0xbf0
 [<ffffffffa7d8651e>] ? __alloc_pages_nodemask+0x1fe/0x260
 [<ffffffffa7d866cd>] ? __alloc_page_frag+0x14d/0x180
 [<ffffffffa80f2098>] ? __napi_alloc_skb+0x88/0xe0
 [<ffffffffc04825a0>] ? igb_clean_rx_irq+0x1f0/0x7a0 [igb]
 [<ffffffffc0483b8c>] ? igb_poll+0x46c/0x7a0 [igb]
 [<ffffffffa8101f4b>] ? net_rx_action+0x24b/0x380
 [<ffffffffa821f06d>] ? __do_softirq+0x10d/0x2b0
 [<ffffffffa7c81d40>] ? smpboot_thread_fn+0x30/0x1a0
 [<ffffffffa7c7c62d>] ? run_ksoftirqd+0x1d/0x40
 [<ffffffffa7c81e6a>] ? smpboot_thread_fn+0x15a/0x1a0
 [<ffffffffa7c7e4b9>] ? kthread+0xd9/0xf0
 [<ffffffffa821a775>] ? ret_from_fork+0x25/0x30
Mem-Info:
active_anon:1784203 inactive_anon:233468 isolated_anon:0
 active_file:1394221 inactive_file:442398 isolated_file:0
 unevictable:0 dirty:8823 writeback:0 unstable:0
 slab_reclaimable:81912 slab_unreclaimable:30184
 mapped:25406 shmem:12644 pagetables:9823 bounce:0
 free:10211 free_pcp:514 free_cma:0
Node 0 active_anon:7136812kB inactive_anon:933872kB active_file:5576884kB inactive_file:1769592kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:101624kB dirty:35292kB writeback:0kB shmem:50576kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 5349376kB writeback_tmp:0kB unstable:0kB pages_scanned:0 all_unreclaimable? no
Node 0 DMA free:15880kB min:32kB low:40kB high:48kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15980kB managed:15896kB mlocked:0kB slab_reclaimable:0kB slab_unreclaimable:16kB kernel_stack:0kB pagetables:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 2998 15933 15933 15933
Node 0 DMA32 free:13772kB min:6316kB low:7892kB high:9468kB active_anon:1325292kB inactive_anon:172840kB active_file:1032460kB inactive_file:327808kB unevictable:0kB writepending:6504kB present:3129236kB managed:3076672kB mlocked:0kB slab_reclaimable:60916kB slab_unreclaimable:22356kB kernel_stack:2048kB pagetables:7320kB bounce:0kB free_pcp:924kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 12935 12935 12935
Node 0 Normal free:9840kB min:27248kB low:34060kB high:40872kB active_anon:5811520kB inactive_anon:761032kB active_file:4544424kB inactive_file:1441784kB unevictable:0kB writepending:28788kB present:13500416kB managed:13245868kB mlocked:0kB slab_reclaimable:266732kB slab_unreclaimable:98364kB kernel_stack:9088kB pagetables:31972kB bounce:0kB free_pcp:1132kB local_pcp:184kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 0 DMA: 0*4kB 1*8kB (U) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 1*512kB (U) 1*1024kB (U) 1*2048kB (M) 3*4096kB (M) = 15880kB
Node 0 DMA32: 1423*4kB (UME) 522*8kB (UME) 198*16kB (UM) 23*32kB (M) 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 13772kB
Node 0 Normal: 2352*4kB (UME) 54*8kB (UM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 9840kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
1849263 total pagecache pages
0 pages in swap cache
Swap cache stats: add 0, delete 0, find 0/0
Free swap  = 0kB
Total swap = 0kB
4161408 pages RAM
0 pages HighMem/MovableOnly
76287 pages reserved
0 pages hwpoisoned"""

# 4.15 (Ubuntu 18.04, 4.15.0-112-generic): nodemask in the header, cpuset
# on its own line (4.11-4.20), frames without addresses (4.10+).
_R_4_15 = """\
kworker/2:1H: page allocation failure: order:0, mode:0x1080020(GFP_ATOMIC), nodemask=(null)
kworker/2:1H cpuset=/ mems_allowed=0
CPU: 2 PID: 412 Comm: kworker/2:1H Not tainted 4.15.0-112-generic #113-Ubuntu
Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1ubuntu1 04/01/2014
Workqueue: kblockd blk_mq_run_work_fn
Call Trace:
 <IRQ>
 dump_stack+0x6d/0x8e
 warn_alloc+0xff/0x1a0
 __alloc_pages_slowpath+0xdc5/0xe00
 __alloc_pages_nodemask+0x29a/0x2c0
 alloc_pages_current+0x6a/0xe0
 skb_page_frag_refill+0x71/0x100
 try_fill_recv+0x1e9/0x730 [virtio_net]
 virtnet_poll+0x2d2/0x33e [virtio_net]
 net_rx_action+0x140/0x3a0
 __do_softirq+0xe4/0x2d4
 irq_exit+0xc5/0xd0
 do_IRQ+0x86/0xe0
 common_interrupt+0x8c/0x8c
 </IRQ>
RIP: 0010:blk_mq_dispatch_rq_list+0x1bf/0x5a0
RSP: 0018:ffffa8f3c0d8fd70 EFLAGS: 00000246 ORIG_RAX: ffffffffffffffdc
 blk_mq_do_dispatch_sched+0x67/0x100
 blk_mq_sched_dispatch_requests+0x11a/0x180
 __blk_mq_run_hw_queue+0x5a/0xe0
 blk_mq_run_work_fn+0x1b/0x20
 process_one_work+0x1de/0x420
 worker_thread+0x32/0x410
 kthread+0x121/0x140
 ret_from_fork+0x35/0x40
Mem-Info:
active_anon:305481 inactive_anon:8318 isolated_anon:0
 active_file:89422 inactive_file:78063 isolated_file:0
 unevictable:0 dirty:7419 writeback:5 unstable:0
 slab_reclaimable:12466 slab_unreclaimable:9632
 mapped:20144 shmem:8450 pagetables:3016 bounce:0
 free:3460 free_pcp:218 free_cma:0
Node 0 active_anon:1221924kB inactive_anon:33272kB active_file:357688kB inactive_file:312252kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:80576kB dirty:29676kB writeback:20kB shmem:33800kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB unstable:0kB all_unreclaimable? no
Node 0 DMA free:5868kB min:48kB low:60kB high:72kB active_anon:4620kB inactive_anon:0kB active_file:1024kB inactive_file:1364kB unevictable:0kB writepending:0kB present:15992kB managed:15908kB mlocked:0kB kernel_stack:0kB pagetables:24kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 1939 1939 1939 1939
Node 0 DMA32 free:2228kB min:5988kB low:7484kB high:8980kB active_anon:1217304kB inactive_anon:33272kB active_file:356664kB inactive_file:310888kB unevictable:0kB writepending:29696kB present:2080616kB managed:2026288kB mlocked:0kB kernel_stack:3280kB pagetables:12040kB bounce:0kB free_pcp:872kB local_pcp:124kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 0 DMA: 5*4kB (UM) 3*8kB (UM) 2*16kB (UM) 3*32kB (UM) 3*64kB (UM) 1*128kB (U) 1*256kB (U) 2*512kB (UM) 2*1024kB (UM) 1*2048kB (M) 0*4096kB = 5868kB
Node 0 DMA32: 345*4kB (UME) 106*8kB (UME) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 2228kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
175935 total pagecache pages
0 pages in swap cache
Swap cache stats: add 0, delete 0, find 0/0
Free swap  = 0kB
Total swap = 0kB
524152 pages RAM
0 pages HighMem/MovableOnly
13603 pages reserved
0 pages cma reserved
0 pages hwpoisoned"""

# 4.18.0-372 (RHEL 8.6): one-line header with nodemask, cpuset and
# mems_allowed (the 5.0 layout, backported).
_R_4_18_RHEL8 = """\
swapper/7: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0-1
CPU: 7 PID: 0 Comm: swapper/7 Kdump: loaded Not tainted 4.18.0-372.9.1.el8.x86_64 #1
Hardware name: HPE ProLiant DL360 Gen10/ProLiant DL360 Gen10, BIOS U32 07/20/2021
Call Trace:
 <IRQ>
 dump_stack+0x41/0x60
 warn_alloc.cold.118+0x7b/0x108
 __alloc_pages_slowpath+0xd35/0xd70
 __alloc_pages_nodemask+0x2d3/0x320
 page_frag_alloc+0x141/0x170
 __napi_alloc_skb+0x86/0xe0
 i40e_clean_rx_irq+0x4a3/0xf10 [i40e]
 i40e_napi_poll+0x127/0x6e0 [i40e]
 __napi_poll+0x2d/0x130
 net_rx_action+0x252/0x300
 __do_softirq+0xd7/0x2c8
 irq_exit_rcu+0xcb/0xd0
 irq_exit+0xa/0x10
 do_IRQ+0x7f/0xd0
 common_interrupt+0xf/0xf
 </IRQ>
RIP: 0010:cpuidle_enter_state+0xdb/0x3a0
Code: e8 9c 3c 8a ff 80 7c 24 0b 00 74 17 9c 58 0f 1f 44 00 00 f6 c4 02 0f 85 5f 02 00 00 31 ff e8 4e 6e 8f ff fb 66 0f 1f 44 00 00 <45> 85 ed 0f 88 41 02 00 00 4c 2b 2c 24 48 ba cf f7 53 e3 a5 9b c4
RSP: 0018:ffffb7c9c6363e80 EFLAGS: 00000246 ORIG_RAX: ffffffffffffffde
 cpuidle_enter+0x2c/0x40
 do_idle+0x234/0x260
 cpu_startup_entry+0x6f/0x80
 start_secondary+0x19a/0x1f0
 secondary_startup_64_no_verify+0xc2/0xcb
Mem-Info:
active_anon:1204558 inactive_anon:11380113 isolated_anon:0
 active_file:1842 inactive_file:2263 isolated_file:0
 unevictable:0 dirty:0 writeback:0
 slab_reclaimable:60436 slab_unreclaimable:110845
 mapped:23314 shmem:18452 pagetables:30218 bounce:0
 free:45870 free_pcp:1276 free_cma:0
Node 0 active_anon:2409112kB inactive_anon:22760448kB active_file:3616kB inactive_file:4476kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:46260kB dirty:0kB writeback:0kB shmem:36904kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 22577152kB writeback_tmp:0kB kernel_stack:15120kB pagetables:60436kB all_unreclaimable? no
Node 1 active_anon:2409120kB inactive_anon:22760004kB active_file:3752kB inactive_file:4576kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:46996kB dirty:0kB writeback:0kB shmem:36904kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 22591488kB writeback_tmp:0kB kernel_stack:13968kB pagetables:60436kB all_unreclaimable? no
Node 0 DMA free:15904kB min:4kB low:16kB high:28kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15988kB managed:15904kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 1667 25809 25809 25809
Node 0 DMA32 free:84192kB min:472kB low:2176kB high:3880kB active_anon:160680kB inactive_anon:1436316kB active_file:20kB inactive_file:0kB unevictable:0kB writepending:0kB present:1826420kB managed:1744568kB mlocked:0kB bounce:0kB free_pcp:1500kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 24142 24142 24142
Node 0 Normal free:2280kB min:6844kB low:31516kB high:56188kB active_anon:2248432kB inactive_anon:21324132kB active_file:3596kB inactive_file:4476kB unevictable:0kB writepending:0kB present:25165824kB managed:24720972kB mlocked:0kB bounce:0kB free_pcp:2604kB local_pcp:196kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 1 Normal free:2536kB min:7332kB low:33756kB high:60180kB active_anon:2409120kB inactive_anon:22760004kB active_file:3752kB inactive_file:4576kB unevictable:0kB writepending:0kB present:27262976kB managed:26426892kB mlocked:0kB bounce:0kB free_pcp:1000kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 0 DMA: 0*4kB 0*8kB 0*16kB 1*32kB (U) 2*64kB (U) 1*128kB (U) 1*256kB (U) 0*512kB 1*1024kB (U) 1*2048kB (M) 3*4096kB (M) = 15904kB
Node 0 DMA32: 328*4kB (UME) 238*8kB (UME) 179*16kB (UME) 127*32kB (UME) 87*64kB (UME) 55*128kB (UME) 34*256kB (UME) 25*512kB (UME) 17*1024kB (UM) 11*2048kB (UM) 0*4096kB = 84192kB
Node 0 Normal: 570*4kB (UME) 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 2280kB
Node 1 Normal: 610*4kB (UME) 12*8kB (UM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 2536kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
Node 1 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 1 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
22557 total pagecache pages
0 pages in swap cache
Swap cache stats: add 0, delete 0, find 0/0
Free swap  = 0kB
Total swap = 0kB
13576802 pages RAM
0 pages HighMem/MovableOnly
226417 pages reserved
0 pages hwpoisoned"""

# 5.15.0-91 (Ubuntu 22.04): 5.1+ mask values, boost in zone lines (5.0+),
# reserved_highatomic (5.13+).
_R_5_15 = """\
swapper/2: page allocation failure: order:0, mode:0xa20(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0
CPU: 2 PID: 0 Comm: swapper/2 Not tainted 5.15.0-91-generic #101-Ubuntu
Hardware name: Amazon EC2 m5.large/, BIOS 1.0 10/16/2017
Call Trace:
 <IRQ>
 show_stack+0x52/0x5c
 dump_stack_lvl+0x4a/0x63
 dump_stack+0x10/0x16
 warn_alloc+0x138/0x160
 __alloc_pages_slowpath.constprop.0+0xa6d/0xac0
 __alloc_pages+0x311/0x330
 alloc_pages+0x9e/0x1e0
 ena_refill_rx_bufs+0x10e/0x460 [ena]
 ena_clean_rx_irq+0x1e5/0x480 [ena]
 ena_io_poll+0x11b/0x3c0 [ena]
 __napi_poll+0x33/0x180
 net_rx_action+0x126/0x280
 __do_softirq+0xd9/0x2e7
 irq_exit_rcu+0x8c/0xb0
 common_interrupt+0x8a/0xa0
 </IRQ>
 <TASK>
 asm_common_interrupt+0x27/0x40
RIP: 0010:native_safe_halt+0xb/0x10
Code: 7d e9 06 00 5d c3 cc cc cc cc 0f 1f 44 00 00 55 48 89 e5 eb 07 0f 00 2d 19 ed 49 00 f4 5d c3 cc cc cc cc 0f 1f 44 00 00 55 48 89 e5 fb f4 <5d> c3 cc cc cc cc cc cc cc cc cc cc cc 0f 1f 44 00 00 55 48 89 e5
RSP: 0018:ffffb4fb40093e70 EFLAGS: 00000246
 default_idle+0x10/0x20
 arch_cpu_idle+0x15/0x20
 default_idle_call+0x3e/0xd0
 cpuidle_idle_call+0x173/0x1b0
 do_idle+0x83/0xf0
 cpu_startup_entry+0x20/0x30
 start_secondary+0x12a/0x180
 secondary_startup_64_no_verify+0xc2/0xcb
 </TASK>
Mem-Info:
active_anon:18229 inactive_anon:1689254 isolated_anon:0
 active_file:3271 inactive_file:1880 isolated_file:0
 unevictable:0 dirty:4 writeback:0
 slab_reclaimable:9021 slab_unreclaimable:22318
 mapped:5166 shmem:1120 pagetables:5118 bounce:0
 kernel_misc_reclaimable:0
 free:17088 free_pcp:120 free_cma:0
Node 0 active_anon:72916kB inactive_anon:6757016kB active_file:13084kB inactive_file:7520kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:20664kB dirty:16kB writeback:0kB shmem:4480kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB kernel_stack:4144kB pagetables:20472kB all_unreclaimable? no
Node 0 DMA free:14336kB boost:0kB min:128kB low:160kB high:192kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15992kB managed:15360kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 2877 7577 7577 7577
Node 0 DMA32 free:39988kB boost:0kB min:24276kB low:30344kB high:36412kB reserved_highatomic:0KB active_anon:18200kB inactive_anon:2863676kB active_file:4428kB inactive_file:2396kB unevictable:0kB writepending:4kB present:3129256kB managed:2980260kB mlocked:0kB bounce:0kB free_pcp:268kB local_pcp:24kB free_cma:0kB
lowmem_reserve[]: 0 0 4700 4700 4700
Node 0 Normal free:11436kB boost:0kB min:39660kB low:49572kB high:59484kB reserved_highatomic:0KB active_anon:54716kB inactive_anon:3893340kB active_file:8656kB inactive_file:5124kB unevictable:0kB writepending:12kB present:4966400kB managed:4812900kB mlocked:0kB bounce:0kB free_pcp:212kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 0 DMA: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 1*2048kB (M) 3*4096kB (M) = 14336kB
Node 0 DMA32: 845*4kB (UME) 612*8kB (UME) 408*16kB (UME) 231*32kB (UME) 102*64kB (UM) 40*128kB (UM) 12*256kB (M) 4*512kB (M) 1*1024kB (M) 0*2048kB 0*4096kB = 39988kB
Node 0 Normal: 2591*4kB (UME) 134*8kB (UM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 11436kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
6271 total pagecache pages
0 pages in swap cache
Swap cache stats: add 0, delete 0, find 0/0
Free swap  = 0kB
Total swap = 0kB
2027912 pages RAM
0 pages HighMem/MovableOnly
88536 pages reserved
0 pages hwpoisoned"""

# 6.6 (upstream 6.6.13): __GFP_ATOMIC is gone (6.3+), so GFP_ATOMIC = 0x820.
_R_6_6 = """\
swapper/1: page allocation failure: order:0, mode:0x820(GFP_ATOMIC), nodemask=(null),cpuset=/,mems_allowed=0
CPU: 1 PID: 0 Comm: swapper/1 Not tainted 6.6.13 #1
Hardware name: Supermicro SYS-1029P-WTR/X11DDW-L, BIOS 3.8b 01/18/2023
Call Trace:
 <IRQ>
 dump_stack_lvl+0x47/0x60
 warn_alloc+0x165/0x1e0
 __alloc_pages_slowpath.constprop.0+0xcb7/0xd70
 __alloc_pages+0x32d/0x350
 __page_frag_alloc_align+0x11a/0x170
 __napi_alloc_skb+0x8e/0x160
 mlx5e_skb_from_cqe_linear+0x73/0x180 [mlx5_core]
 mlx5e_handle_rx_cqe+0x6d/0x2a0 [mlx5_core]
 mlx5e_poll_rx_cq+0xd3/0x7d0 [mlx5_core]
 mlx5e_napi_poll+0x12a/0x6c0 [mlx5_core]
 __napi_poll+0x2b/0x1c0
 net_rx_action+0x2a1/0x310
 __do_softirq+0xc5/0x2c1
 __irq_exit_rcu+0xa3/0xc0
 common_interrupt+0x86/0xa0
 </IRQ>
 <TASK>
 asm_common_interrupt+0x26/0x40
RIP: 0010:cpuidle_enter_state+0xcc/0x440
Code: 3a 4b 7d ff e8 45 f3 ff ff 8b 53 04 49 89 c5 0f 1f 44 00 00 31 ff e8 b3 1d 7c ff 45 84 ff 0f 85 57 02 00 00 fb 0f 1f 44 00 00 <45> 85 f6 0f 88 85 01 00 00 49 63 d6 48 8d 04 52 48 8d 04 82 49 8d
RSP: 0018:ffffa3d380133e90 EFLAGS: 00000246
 cpuidle_enter+0x2d/0x40
 do_idle+0x20d/0x270
 cpu_startup_entry+0x2a/0x30
 start_secondary+0x11e/0x140
 secondary_startup_64_no_verify+0x18f/0x19b
 </TASK>
Mem-Info:
active_anon:240188 inactive_anon:7721468 isolated_anon:0
 active_file:14712 inactive_file:11860 isolated_file:0
 unevictable:0 dirty:96 writeback:0
 slab_reclaimable:21840 slab_unreclaimable:64912
 mapped:12398 shmem:3300 pagetables:17934
 sec_pagetables:0 bounce:0
 kernel_misc_reclaimable:0
 free:68214 free_pcp:396 free_cma:0
Node 0 active_anon:960752kB inactive_anon:30885872kB active_file:58848kB inactive_file:47440kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:49592kB dirty:384kB writeback:0kB shmem:13200kB shmem_thp:0kB shmem_pmdmapped:0kB anon_thp:30484480kB writeback_tmp:0kB kernel_stack:11760kB pagetables:71736kB sec_pagetables:0kB all_unreclaimable? no
Node 0 DMA free:11264kB boost:0kB min:8kB low:20kB high:32kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15996kB managed:15360kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 1814 31916 31916 31916
Node 0 DMA32 free:96848kB boost:0kB min:1268kB low:3124kB high:4980kB reserved_highatomic:0KB active_anon:25912kB inactive_anon:1578824kB active_file:1196kB inactive_file:884kB unevictable:0kB writepending:0kB present:1940800kB managed:1874740kB mlocked:0kB bounce:0kB free_pcp:232kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 30102 30102 30102
Node 0 Normal free:6576kB boost:0kB min:21056kB low:51880kB high:82704kB reserved_highatomic:2048KB active_anon:934840kB inactive_anon:29307048kB active_file:57652kB inactive_file:46556kB unevictable:0kB writepending:384kB present:31457280kB managed:30824796kB mlocked:0kB bounce:0kB free_pcp:1352kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 0 DMA: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 1*1024kB (U) 1*2048kB (M) 2*4096kB (M) = 11264kB
Node 0 DMA32: 1648*4kB (UME) 1390*8kB (UME) 1066*16kB (UME) 822*32kB (UME) 559*64kB (UME) 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 96848kB
Node 0 Normal: 1606*4kB (UME) 19*8kB (UM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 6576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
29872 total pagecache pages
0 pages in swap cache
Free swap  = 0kB
Total swap = 0kB
8353534 pages RAM
0 pages HighMem/MovableOnly
174326 pages reserved
0 pages hwpoisoned"""

# 5.14.0-362 (RHEL 9.3): a sleeping high-order request (memory pressure /
# fragmentation, not a reserve problem): GFP_KERNEL|__GFP_COMP|__GFP_ZERO.
_R_5_14_RHEL9_KERNEL = """\
modprobe: page allocation failure: order:4, mode:0x40dc0(GFP_KERNEL|__GFP_COMP|__GFP_ZERO), nodemask=(null),cpuset=/,mems_allowed=0
CPU: 0 PID: 48213 Comm: modprobe Kdump: loaded Not tainted 5.14.0-362.8.1.el9_3.x86_64 #1
Hardware name: VMware, Inc. VMware Virtual Platform/440BX Desktop Reference Platform, BIOS 6.00 11/12/2020
Call Trace:
 <TASK>
 dump_stack_lvl+0x34/0x48
 warn_alloc+0x138/0x160
 __alloc_pages_slowpath.constprop.0+0xc1f/0xcd0
 __alloc_pages+0x1f7/0x220
 __kmalloc_large_node+0x7d/0x150
 __kmalloc+0xac/0x140
 qla2x00_mem_alloc+0x72d/0x1020 [qla2xxx]
 qla2x00_probe_one+0xfe3/0x1970 [qla2xxx]
 local_pci_probe+0x42/0x80
 pci_device_probe+0xd9/0x190
 really_probe+0x19b/0x3e0
 __driver_probe_device+0x78/0x160
 driver_probe_device+0x1f/0x90
 __driver_attach+0xd2/0x1c0
 bus_for_each_dev+0x75/0xc0
 bus_add_driver+0x112/0x210
 driver_register+0x79/0xe0
 do_one_initcall+0x41/0x210
 do_init_module+0x5c/0x260
 __do_sys_finit_module+0xb4/0x120
 do_syscall_64+0x59/0x90
 entry_SYSCALL_64_after_hwframe+0x72/0xdc
RIP: 0033:0x7f5c2a73ef3d
Code: 5b 41 5c c3 66 0f 1f 84 00 00 00 00 00 f3 0f 1e fa 48 89 f8 48 89 f7 48 89 d6 48 89 ca 4d 89 c2 4d 89 c8 4c 8b 4c 24 08 0f 05 <48> 3d 01 f0 ff ff 73 01 c3 48 8b 0d b3 ce 0e 00 f7 d8 64 89 01 48
RSP: 002b:00007ffd3f7a1f48 EFLAGS: 00000246 ORIG_RAX: 0000000000000139
RAX: ffffffffffffffda RBX: 0000557c0c5e0c70 RCX: 00007f5c2a73ef3d
RDX: 0000000000000000 RSI: 0000557c0b3a0962 RDI: 0000000000000003
RBP: 0000557c0b3a0962 R08: 0000000000000000 R09: 0000557c0c5e0d10
R10: 0000000000000003 R11: 0000000000000246 R12: 0000000000040000
R13: 0000557c0c5e0c20 R14: 0000000000000000 R15: 0000557c0c5e0c70
 </TASK>
Mem-Info:
active_anon:102385 inactive_anon:612904 isolated_anon:0
 active_file:48112 inactive_file:52240 isolated_file:0
 unevictable:0 dirty:58 writeback:0
 slab_reclaimable:18302 slab_unreclaimable:41250
 mapped:19844 shmem:6210 pagetables:4801 bounce:0
 kernel_misc_reclaimable:0
 free:63544 free_pcp:1502 free_cma:0
Node 0 active_anon:409540kB inactive_anon:2451616kB active_file:192448kB inactive_file:208960kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:79376kB dirty:232kB writeback:0kB shmem:24840kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 1724416kB writeback_tmp:0kB kernel_stack:6912kB pagetables:19204kB all_unreclaimable? no
Node 0 DMA free:14848kB boost:0kB min:136kB low:168kB high:200kB reserved_highatomic:0KB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15996kB managed:15360kB mlocked:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 2939 3887 3887 3887
Node 0 DMA32 free:188348kB boost:0kB min:25856kB low:32320kB high:38784kB reserved_highatomic:0KB active_anon:302504kB inactive_anon:1809492kB active_file:142440kB inactive_file:154496kB unevictable:0kB writepending:172kB present:3129216kB managed:3010036kB mlocked:0kB bounce:0kB free_pcp:4412kB local_pcp:2204kB free_cma:0kB
lowmem_reserve[]: 0 0 948 948 948
Node 0 Normal free:37748kB boost:0kB min:8340kB low:10424kB high:12508kB reserved_highatomic:0KB active_anon:107036kB inactive_anon:642124kB active_file:50008kB inactive_file:54464kB unevictable:0kB writepending:60kB present:1048576kB managed:971052kB mlocked:0kB bounce:0kB free_pcp:1596kB local_pcp:732kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0
Node 0 DMA: 0*4kB 0*8kB 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 1*512kB (U) 0*1024kB 1*2048kB (M) 3*4096kB (M) = 14848kB
Node 0 DMA32: 14883*4kB (UME) 7310*8kB (UME) 2766*16kB (UME) 815*32kB (UME) 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 188348kB
Node 0 Normal: 3629*4kB (UME) 1624*8kB (UME) 434*16kB (UM) 103*32kB (M) 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 37748kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
106562 total pagecache pages
0 pages in swap cache
Free swap  = 2097148kB
Total swap = 2097148kB
1048446 pages RAM
0 pages HighMem/MovableOnly
49573 pages reserved
0 pages hwpoisoned"""

# 3.10.0-1160 (RHEL 7.9): an order-2 atomic request for a jumbo-frame rx
# buffer, 0x4020 = GFP_ATOMIC|__GFP_COMP (include/linux/gfp.h of 3.10).
_R_3_10_RHEL7_JUMBO = """\
swapper/0: page allocation failure: order:2, mode:0x4020
CPU: 0 PID: 0 Comm: swapper/0 Not tainted 3.10.0-1160.el7.x86_64 #1
Hardware name: Dell Inc. PowerEdge R630/02C2CP, BIOS 2.13.0 05/14/2021
 000000000000ffff 9dc7a3b11e6a3412 ffff8f15ffc03c30 ffffffff8cd81340
 ffff8f15ffc03cc0 ffffffff8c7c4b00 ffffffff8cf0a4d8 ffff8f15ffc03c60
 0000000000000000 0000000000000000 ffff8f15ffc03ca0 9dc7a3b11e6a3412
Call Trace:
 <IRQ>  [<ffffffff8cd81340>] dump_stack+0x19/0x1b
 [<ffffffff8c7c4b00>] warn_alloc_failed+0x110/0x180
 [<ffffffff8cd7c8bc>] __alloc_pages_slowpath+0x6b6/0x724
 [<ffffffff8c7c9105>] __alloc_pages_nodemask+0x405/0x420
 [<ffffffff8c818e68>] alloc_pages_current+0x98/0x110
 [<ffffffff8c7c3fae>] __get_free_pages+0xe/0x40
 [<ffffffff8c82432e>] kmalloc_order_trace+0x2e/0xa0
 [<ffffffff8c8286a1>] __kmalloc_node_track_caller+0x221/0x290
 [<ffffffff8cc39e01>] __kmalloc_reserve.isra.32+0x31/0x90
 [<ffffffff8cc3a2e0>] __alloc_skb+0x80/0x180
 [<ffffffff8cc3a4a6>] __netdev_alloc_skb+0xc6/0x140
 [<ffffffffc021f3c8>] e1000_alloc_rx_buffers+0x88/0x1a0 [e1000e]
 [<ffffffffc0219b3d>] e1000_clean_rx_irq+0x2bd/0x3c0 [e1000e]
 [<ffffffffc02204c5>] e1000e_poll+0x85/0x320 [e1000e]
 [<ffffffff8cc4af1f>] net_rx_action+0x26f/0x390
 [<ffffffff8c6a4b35>] __do_softirq+0xf5/0x280
 [<ffffffff8cd974ec>] call_softirq+0x1c/0x30
 [<ffffffff8c62f715>] do_softirq+0x65/0xa0
 [<ffffffff8c6a4eb5>] irq_exit+0x105/0x110
 [<ffffffff8cd98936>] do_IRQ+0x56/0xf0
 [<ffffffff8cd8a36a>] common_interrupt+0x16a/0x16a
 <EOI>  [<ffffffff8cbc4c70>] ? cpuidle_enter_state+0x40/0x180
 [<ffffffff8cbc4dce>] cpuidle_idle_call+0xde/0x230
 [<ffffffff8c6380ce>] arch_cpu_idle+0xe/0xc0
 [<ffffffff8c7018ba>] cpu_startup_entry+0x14a/0x1e0
 [<ffffffff8cd6fd27>] rest_init+0x77/0x80
 [<ffffffff8d3af1c2>] start_kernel+0x44b/0x46c
 [<ffffffff8d3ae120>] ? repair_env_string+0x5c/0x5c
 [<ffffffff8d3ae120>] ? early_idt_handler_array+0x120/0x120
 [<ffffffff8d3ae738>] x86_64_start_reservations+0x24/0x26
 [<ffffffff8d3ae88e>] x86_64_start_kernel+0x154/0x177
 [<ffffffff8c6000d5>] start_cpu+0x5/0x14
Mem-Info:
active_anon:2014510 inactive_anon:301842 isolated_anon:0
 active_file:1422106 inactive_file:1510224 isolated_file:0
 unevictable:0 dirty:2218 writeback:0 unstable:0
 slab_reclaimable:212004 slab_unreclaimable:61230
 mapped:40126 shmem:20344 pagetables:11872 bounce:0
 free:185322 free_pcp:2012 free_cma:0
Node 0 DMA free:15908kB min:16kB low:20kB high:24kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:15992kB managed:15908kB mlocked:0kB dirty:0kB writeback:0kB mapped:0kB shmem:0kB slab_reclaimable:0kB slab_unreclaimable:0kB kernel_stack:0kB pagetables:0kB unstable:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? yes
lowmem_reserve[]: 0 1798 23933 23933
Node 0 DMA32 free:127712kB min:1990kB low:2487kB high:2985kB active_anon:502104kB inactive_anon:76204kB active_file:366312kB inactive_file:389240kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:2045440kB managed:1841648kB mlocked:0kB dirty:512kB writeback:0kB mapped:10112kB shmem:5012kB slab_reclaimable:54020kB slab_unreclaimable:15004kB kernel_stack:1024kB pagetables:2964kB unstable:0kB bounce:0kB free_pcp:2040kB local_pcp:128kB free_cma:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no
lowmem_reserve[]: 0 0 22134 22134
Node 0 Normal free:596956kB min:24526kB low:30657kB high:36789kB active_anon:7555936kB inactive_anon:1131164kB active_file:5322112kB inactive_file:5651656kB unevictable:0kB isolated(anon):0kB isolated(file):0kB present:23068672kB managed:22665772kB mlocked:0kB dirty:8360kB writeback:0kB mapped:150392kB shmem:76364kB slab_reclaimable:793996kB slab_unreclaimable:229916kB kernel_stack:13488kB pagetables:44524kB unstable:0kB bounce:0kB free_pcp:6008kB local_pcp:612kB free_cma:0kB writeback_tmp:0kB pages_scanned:0 all_unreclaimable? no
lowmem_reserve[]: 0 0 0 0
Node 0 DMA: 1*4kB (U) 0*8kB 0*16kB 1*32kB (U) 2*64kB (U) 1*128kB (U) 1*256kB (U) 0*512kB 1*1024kB (U) 1*2048kB (M) 3*4096kB (M) = 15908kB
Node 0 DMA32: 21848*4kB (UEM) 5040*8kB (UEM) 0*16kB 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 127712kB
Node 0 Normal: 130289*4kB (UEM) 9451*8kB (UEM) 12*16kB (M) 0*32kB 0*64kB 0*128kB 0*256kB 0*512kB 0*1024kB 0*2048kB 0*4096kB = 596956kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=1048576kB
Node 0 hugepages_total=0 hugepages_free=0 hugepages_surp=0 hugepages_size=2048kB
2952674 total pagecache pages
0 pages in swap cache
Swap cache stats: add 0, delete 0, find 0/0
Free swap  = 4194300kB
Total swap = 4194300kB
6291326 pages RAM
0 pages HighMem/MovableOnly
151470 pages reserved"""

# 4.9 also reports allocation stalls (4.9-4.12): not a failure, a kind of its own.
_R_4_9_STALL = """\
kswapd0: page allocation stalls for 10472ms, order:0, mode:0x24201ca(GFP_HIGHUSER_MOVABLE|__GFP_COLD)
CPU: 1 PID: 57 Comm: kswapd0 Not tainted 4.9.0-8-amd64 #1 Debian 4.9.130-2
Hardware name: Supermicro X10SRi-F/X10SRi-F, BIOS 2.0a 08/01/2016
 0000000000000000 ffffffffa7f29964 ffffffffa8601ec8 ffffb3c8c0e6fa48
 ffffffffa7d8569a 024201ca00000000 ffffffffa8601ec8 ffffb3c8c0e6f9e8
 ffffffff00000010 ffffb3c8c0e6fa58 ffffb3c8c0e6fa08 c51b9a32e0f71d44
Call Trace:
 [<ffffffffa7f29964>] ? dump_stack+0x5c/0x78
 [<ffffffffa7d8569a>] ? warn_alloc+0x13a/0x160
 [<ffffffffa7d86134>] ? __alloc_pages_slowpath+0x904/0xbf0
 [<ffffffffa7d8651e>] ? __alloc_pages_nodemask+0x1fe/0x260
 [<ffffffffa7dd7fb1>] ? alloc_pages_current+0x91/0x140
 [<ffffffffa7d7d8be>] ? __page_cache_alloc+0xae/0xc0
 [<ffffffffa7d8a4e6>] ? __do_page_cache_readahead+0x116/0x2b0
 [<ffffffffa7d7fe89>] ? filemap_fault+0x2c9/0x5c0
 [<ffffffffc045c0cb>] ? ext4_filemap_fault+0x2b/0x40 [ext4]
 [<ffffffffa7daf6e4>] ? __do_fault+0x84/0x190
 [<ffffffffa7db3c06>] ? handle_mm_fault+0xe66/0x1280
 [<ffffffffa7c6078d>] ? __do_page_fault+0x25d/0x500
 [<ffffffffa821bd38>] ? page_fault+0x28/0x30"""

# 4.9-5.10 put the vmalloc failure in the header itself (mm/vmalloc.c
# __vmalloc_area_node -> warn_alloc "vmalloc: allocation failure").
_R_5_4_VMALLOC = """\
insmod: vmalloc: allocation failure: 67108864 bytes, mode:0xcc0(GFP_KERNEL), nodemask=(null),cpuset=/,mems_allowed=0
CPU: 3 PID: 20144 Comm: insmod Tainted: G           OE     5.4.0-150-generic #167-Ubuntu
Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.13.0-1ubuntu1.1 04/01/2014
Call Trace:
 dump_stack+0x6d/0x8b
 warn_alloc.cold+0x87/0x10d
 __vmalloc_node_range+0x21f/0x280
 __vmalloc+0x30/0x40
 ring_alloc+0x47/0x90 [pktbuf]
 pktbuf_init+0x2b/0x1000 [pktbuf]
 do_one_initcall+0x4a/0x200
 do_init_module+0x60/0x230
 load_module+0x231b/0x2590
 __do_sys_finit_module+0xbd/0x120
 __x64_sys_finit_module+0x1a/0x20
 do_syscall_64+0x57/0x190
 entry_SYSCALL_64_after_hwframe+0x44/0xa9
RIP: 0033:0x7f1d5b3a273d
Code: 00 c3 66 2e 0f 1f 84 00 00 00 00 00 90 f3 0f 1e fa 48 89 f8 48 89 f7 48 89 d6 48 89 ca 4d 89 c2 4d 89 c8 4c 8b 4c 24 08 0f 05 <48> 3d 01 f0 ff ff 73 01 c3 48 8b 0d 23 37 0d 00 f7 d8 64 89 01 48
RSP: 002b:00007ffc7e1a6458 EFLAGS: 00000246 ORIG_RAX: 0000000000000139
RAX: ffffffffffffffda RBX: 000055b8b96467c0 RCX: 00007f1d5b3a273d
RDX: 0000000000000000 RSI: 000055b8b8a1f358 RDI: 0000000000000003
RBP: 0000000000000000 R08: 0000000000000000 R09: 0000000000000000
R10: 0000000000000003 R11: 0000000000000246 R12: 000055b8b8a1f358
R13: 0000000000000000 R14: 000055b8b9646790 R15: 0000000000000000
Mem-Info:
active_anon:20211 inactive_anon:31458 isolated_anon:0
 active_file:112304 inactive_file:98821 isolated_file:0
 unevictable:0 dirty:23 writeback:0 unstable:0
 slab_reclaimable:14002 slab_unreclaimable:10234
 mapped:21988 shmem:1011 pagetables:1102 bounce:0
 free:688244 free_pcp:520 free_cma:0
Node 0 active_anon:80844kB inactive_anon:125832kB active_file:449216kB inactive_file:395284kB unevictable:0kB isolated(anon):0kB isolated(file):0kB mapped:87952kB dirty:92kB writeback:0kB shmem:4044kB shmem_thp: 0kB shmem_pmdmapped: 0kB anon_thp: 0kB writeback_tmp:0kB unstable:0kB all_unreclaimable? no
Node 0 DMA free:15908kB min:132kB low:164kB high:196kB active_anon:0kB inactive_anon:0kB active_file:0kB inactive_file:0kB unevictable:0kB writepending:0kB present:15992kB managed:15908kB mlocked:0kB kernel_stack:0kB pagetables:0kB bounce:0kB free_pcp:0kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 2955 3903 3903 3903
Node 0 DMA32 free:2311004kB min:25100kB low:31372kB high:37644kB active_anon:60020kB inactive_anon:93512kB active_file:334112kB inactive_file:293676kB unevictable:0kB writepending:68kB present:3129200kB managed:3048012kB mlocked:0kB kernel_stack:2016kB pagetables:3280kB bounce:0kB free_pcp:1560kB local_pcp:240kB free_cma:0kB
lowmem_reserve[]: 0 0 948 948 948
Node 0 Normal free:426064kB min:8052kB low:10064kB high:12076kB active_anon:20824kB inactive_anon:32320kB active_file:115104kB inactive_file:101608kB unevictable:0kB writepending:24kB present:1048576kB managed:978124kB mlocked:0kB kernel_stack:1008kB pagetables:1128kB bounce:0kB free_pcp:520kB local_pcp:0kB free_cma:0kB
lowmem_reserve[]: 0 0 0 0 0"""

REPORTS = (
    KernelReport("2.6.32", "2.6.32-5-686", "page-allocation-failure", _R_2_6_32),
    KernelReport("3.10-rhel7", "3.10.0-1160.el7.x86_64", "page-allocation-failure", _R_3_10_RHEL7),
    KernelReport("4.9", "4.9.0-8-amd64", "page-allocation-failure", _R_4_9),
    KernelReport("4.15", "4.15.0-112-generic", "page-allocation-failure", _R_4_15),
    KernelReport("4.18-rhel8", "4.18.0-372.9.1.el8.x86_64", "page-allocation-failure", _R_4_18_RHEL8),
    KernelReport("5.15", "5.15.0-91-generic", "page-allocation-failure", _R_5_15),
    KernelReport("6.6", "6.6.13", "page-allocation-failure", _R_6_6),
    KernelReport("5.14-rhel9", "5.14.0-362.8.1.el9_3.x86_64", "page-allocation-failure", _R_5_14_RHEL9_KERNEL),
    KernelReport("3.10-rhel7-jumbo", "3.10.0-1160.el7.x86_64", "page-allocation-failure", _R_3_10_RHEL7_JUMBO),
    KernelReport("4.9-stall", "4.9.0-8-amd64", "allocation-stall", _R_4_9_STALL),
    KernelReport("5.4-vmalloc", "5.4.0-150-generic", "vmalloc-failure", _R_5_4_VMALLOC),
)

#: The reports a "page allocation failure" grep finds (one header line each).
PAGE_ALLOCATION_FAILURES = tuple(r for r in REPORTS if r.kind == "page-allocation-failure")


def report_lines(report):
    return report.text.split("\n")


def with_dmesg_prefix(lines, seconds, first_usec, usec_step=7):
    """Prefix lines the way dmesg prints them: ``[%5lu.%06lu] `` (kernel/printk)."""
    out = []
    usec = first_usec
    for line in lines:
        out.append("[%5d.%06d] %s\n" % (seconds, usec, line))
        usec += usec_step
    return "".join(out)


def with_syslog_prefix(lines, stamp, host):
    """Prefix lines the way rsyslog writes kernel messages to /var/log/messages."""
    head = "%s %s kernel: " % (stamp, host)
    return "".join(head + line + "\n" for line in lines)
