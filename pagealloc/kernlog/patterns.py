"""
The kernel's own report lines, as regular expressions, one per printk.

Each pattern cites the format string it follows.  They match the text after
the log prefix (see :mod:`pagealloc.kernlog.prefix`), leading blanks allowed.
"""

import re

# mm/page_alloc.c warn_alloc() / warn_alloc_failed():
#   2.6.x   "%s: page allocation failure. order:%d, mode:0x%x"
#   3.x-4.4 "%s: page allocation failure: order:%d, mode:0x%x"
#   4.5+    "..., mode:%#x(%pGg)";  4.11+ ", nodemask=%*pbl";  5.0+ ",cpuset=%s,mems_allowed=%*pbl"
#   4.9-4.12 stalls: "%s: page allocation stalls for %ums, order:%u, mode:..."
#   vmalloc: 4.9-5.10 "vmalloc: allocation failure: %lu bytes" (4.9: ", allocated %ld of %ld bytes"),
#            5.11+/6.1+ "vmalloc error: size %lu, ..."
#   mm/sparse-vmemmap.c vmemmap_alloc_block() (memory hotplug, xen-balloon): "vmemmap alloc failure: order:%u",
#            the same warn_alloc() tail (a page allocation of that order for the memmap)
# The header is found anywhere on a line by pagealloc.kernlog.header (its words, then the comm
# before them); whether quoted text is a report is decided by evidence (pagealloc.kernlog.framing).
# A retyped or OCR'd copy may drop the colon after "order" (": order 0, mode: 0x20"): read only right after
# the header words and only with the mode after it, so prose ("order 3 errors") never gives an order.
ORDER = re.compile(r"(?:order:\s?|(?<=^[:.] order )(?=\d+,\s?mode:))(?P<order>-?\d+)")
# 2.4 mm/page_alloc.c __alloc_pages(): "__alloc_pages: %lu-order allocation failed.\n" (2.4.0-2.4.9),
# "__alloc_pages: %u-order allocation failed (gfp=0x%x/%i)\n" (2.4.10-pre: " from %p" after it; 2.4.2x);
# %i is !!(current->flags & PF_MEMALLOC).  No comm, no task line, no Mem-Info after it.
ALLOC_PAGES_24 = re.compile(r"__alloc_pages: (?P<order>\d+)-order allocation failed"
                            r"(?: \(gfp=(?P<mode>0x[0-9a-fA-F]+)/(?P<memalloc>\d+)\))?")
# The mask's hex digits: %#x prints them in lower case, so a capital A-F with a lower-case letter after it opens a
# word glued to the mask ("mode:0x4020Anyway, ...": a page flattened to text joined the next sentence), not a digit.
MASK = r"0x[0-9a-fA-F]+?(?=[A-F][a-z]|(?![0-9a-fA-F]))"
MODE = re.compile(r"mode:\s?(?P<mode>" + MASK + r")(?:\((?P<names>[^)]*)\))?")
VMALLOC_BYTES = re.compile(r"(?:(?P<bytes>\d+) bytes|allocated \d+ of (?P<of>\d+) bytes)")
# 3.10 vmalloc prints its message on its own line before the normal header.
VMALLOC_LINE = re.compile(r"^\s*vmalloc: allocation failure(?:, allocated \d+ of (?P<of>\d+) bytes|: (?P<bytes>\d+) bytes)?\s*$")
# mm/vmalloc.c alloc_vmap_area(): "vmap allocation for size %lu failed: use vmalloc=<size> to increase size";
# before 2.6.28's vmap allocator __get_vm_area_node() said the same without the size: "allocation failed: out of
# vmalloc space - use vmalloc=<size> to increase size." (the vmalloc area exhausted, no task printed either; a wrap
# may cut it right after "vmalloc")
_VMAP = r"(?:vmap allocation for size (?P<size>\d+) failed|allocation failed: out of vmalloc\b)"
VMAP_FAILED = re.compile(r"^\s*" + _VMAP)
VMAP_FAILED_ANYWHERE = re.compile(_VMAP)
# 6.x __vmalloc_area_node(): "vmalloc error: size %lu, page order %u, failed to allocate pages"
VMALLOC_PAGE_ORDER = re.compile(r"page order (?P<order>\d+)")
# 4.9/4.10 pr_cont pieces of a header split by another CPU's output.
COMM_PIECE = re.compile(r"^\s*(?P<comm>\S.{0,15}?):\s*$")
MODE_PIECE = re.compile(r"^\s*,\s*mode:")
# 4.11-4.20: "%s cpuset=%s mems_allowed=%*pbl" on its own line (cpuset_print_current_mems_allowed).
CPUSET_LINE = re.compile(r"^\s*(?P<comm>\S.{0,15}?) cpuset=\S* mems_allowed=\S*\s*$")

# Task line (lib/dump_stack.c dump_stack_print_info / 2.6 show_regs):
#   2.6.32 "Pid: %d, comm: %.20s %s %s %.*s"
#   3.10+  "CPU: %d PID: %d Comm: %.20s %s%s %s %.*s"  (6.11+: "CPU: %d UID: %u PID: %d Comm: ...")
# An excerpt may end inside the taint word ("Comm: mmcqd/0 Not tai", maybe a blank after it where a
# quote's empty last line was joined on): still the task line (the comm is whole: a blank ends it), its
# release unread (rest None).
_TAINT_CUT = "|".join(re.escape(word[:end]) for word in ("Not tainted", "Tainted:") for end in range(len(word) - 1, 0, -1))
TASK_OLD = re.compile(r"^\s*Pid: (?P<pid>\d+), comm: (?P<comm>.{1,20}?) (?:(?:Not tainted|Tainted:)(?P<rest>.*)|(?:%s)\s*)$"
                      % _TAINT_CUT)
TASK_NEW = re.compile(
    r"^\s*CPU: (?P<cpu>\d+) (?:UID: \d+ )?PID: (?P<pid>\d+) Comm: (?P<comm>.{1,20}?)"
    r" (?:Kdump: loaded )?(?:(?:Not tainted|Tainted:)(?P<rest>.*)|(?:%s)\s*)$" % _TAINT_CUT)
# Either task line anywhere on a line (behind a quote, a paste's line number, a prefix not learned yet),
# also cut by a wrap at the blank after the comm.
TASK_IN_LINE = re.compile(
    r"(?:CPU: \d+ (?:UID: \d+ )?PID: \d+ Comm: |Pid: \d+, comm: )(?P<comm>.{1,20}?)"
    r"(?: (?:Kdump: loaded )?(?:Not tainted|Tainted:|(?:%s)\s*$)|\s*$)" % _TAINT_CUT)
RELEASE_TOKEN = re.compile(r"^\d+\.\d+[\w.+~-]*$")

# Trace openers: x86/s390/MIPS "Call Trace:", arm64 "Call trace:", 32-bit ARM "Backtrace:", "Stack:"
# before the raw words of several arches.
CALL_TRACE = re.compile(r"^\s*(?:Call Trace|Call trace|Backtrace|Stack)\s?:?\s*$")
STACK_MARKER = re.compile(r"^\s*<(?P<close>/?)(?P<name>IRQ|EOI|SOFTIRQ|TASK|NMI)>\s*")
# 5.14+ with CONFIG_STACKTRACE_BUILD_ID prints a module's build ID inside its brackets (kernel/kallsyms.c
# __sprint_symbol() via %pSb: " mhi_fw_load_handler+0x126/0x340 [mhi a96cb91daba500cc77f86bad60c1f332dc3babdf]"):
# 20 bytes in hex, so never one of the 8-16 digit addresses a bracket otherwise holds.
BUILD_ID = r"(?: [0-9a-f]{20,40})?"
# Frames: x86 "[<addr>] ? func+0x1/0x2 [mod]" (<= 4.9), " ? func+0x1/0x2 [mod]" (4.10+),
# ppc64 "[c0000...] [c0000...] func+0x1/0x2 [mod] (unreliable)", arm64 " func+0x1/0x2",
# s390 " [<000000000011a2b4>] func+0x1/0x2" and "([<...>] func+0x1/0x2)";
# up to 2.6.2x the module came first: ":e1000:e1000_clean_rx_irq+0x1/0x2".
FRAME = re.compile(
    r"^\s*\(?(?:\[<?[0-9a-fA-F]{6,16}>?\]\s*){0,2}(?:\? )?(?::(?P<old_module>[\w-]+):)?"
    r"(?P<func>[A-Za-z_.$][\w.$]*)\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+"
    r"(?: \[(?P<module>(?![0-9a-fA-F]{8,16}\])[\w-]+)" + BUILD_ID + r"\])?")  # (a bracketed address is the next frame's)
# arm 32-bit: "[<c000f780>] (unwind_backtrace) from [<c000d20c>] (show_stack+0x10/0x14)"
FRAME_ARM = re.compile(r"^\s*\[<[0-9a-f]+>\] \((?P<func>[\w.$]+)(?:\+0x[0-9a-f]+/0x[0-9a-f]+)?"
                       r"(?: \[(?P<module>[\w-]+)" + BUILD_ID + r"\])?\) from ")
# The caller after " from " on either ARM form (its own line follows, except at the trace's end).
ARM_CALLER = re.compile(r" from (?:\[<[0-9a-f]+>\] \()?(?P<func>[A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+/0x[0-9a-f]+)?"
                        r"(?: \[(?P<module>[\w-]+)" + BUILD_ID + r"\])?")
# arm 32-bit 5.16+ without CONFIG_BACKTRACE_VERBOSE (arch/arm/kernel/traps.c dump_backtrace_entry()
# "%s %ps from %pS\n"): " unwind_backtrace from show_stack+0x10/0x14", " rx_done [mod] from ...".  The
# caller is %pS: its offset is always printed (an address, "0x0", when no symbol holds it), so two words
# of a sentence ("memory from buddy.") are no frame.
FRAME_ARM_NAMES = re.compile(r"^\s*(?P<func>[A-Za-z_.$][\w.$]*)(?:\+0x[0-9a-f]+/0x[0-9a-f]+)?"
                             r"(?: \[(?P<module>[\w-]+)" + BUILD_ID + r"\])? from (?:[A-Za-z_.$][\w.$]*\+0x[0-9a-f]+/0x[0-9a-f]+|0x[0-9a-f]+\b)")
# scripts/decode_stacktrace.sh output: "func+0x1/0x2" replaced by "func (path/file.c:123)", an
# inlined function "func (path/file.h:45) (inlined)"-style, the module kept: " ? igb_poll (drivers/...c:8)".
FRAME_DECODED = re.compile(r"^\s*(?:\? )?(?P<func>[A-Za-z_.$][\w.$]*) \((?:[\w/.+-]+/)?[\w.+-]+\.[chS]:\d+"
                           r"[^)]*\)(?: \(inlined\))?(?: \[(?P<module>[\w-]+)" + BUILD_ID + r"\])?")
# Any "symbol+0xOFF/0xLEN" (or i386 2.6.x "[symbol+441/862]") token on a trace line, wherever it
# stands (boxed traces, vendor decorations); the first one is the frame.
FRAME_ANYWHERE = re.compile(r"(?:^|[\s(\[|>:])(?:\? )?(?P<func>[A-Za-z_.$][\w.$]*)\+(?:0x[0-9a-fA-F]+/0x[0-9a-fA-F]+"
                            r"|\d+/\d+\])(?:\s+\[(?P<module>[\w-]+)" + BUILD_ID + r"\])?")
# x86_64 2.6.9-2.6.2x printk_address() (arch/x86_64/kernel/traps.c): "<%016lx>{%s%s%s%s%+ld}" = address, then
# ":module:" when in a module, the symbol and a decimal offset, several frames on a line, the first ones on
# the opener's line: "Call Trace:<IRQ> <ffffffff801632ae>{__alloc_pages+990} <ffffffffa00b1a5c>{:e1000:e1000_intr+92}".
FRAME_BRACED = re.compile(r"<[0-9a-fA-F]{8,16}>\{(?::(?P<module>[\w-]+):)?(?P<func>[A-Za-z_.$][\w.$]*)[+-]\d+\}")
# A frame as a person abridges a trace, or a tool prints one without offsets: the symbol alone on its line
# (``tegra_uart_start_rx_dma`` under a header quoted in a note), maybe "? " and its module.  A C identifier
# with an underscore in it (``__kmalloc``, ``net_rx_action``): a word of prose alone on a line has none.
FRAME_BARE = re.compile(r"^\s*(?:\? )?(?P<func>(?=[\w.$]*_)[A-Za-z_$][\w.$]*)(?: \[(?P<module>[\w-]+)" + BUILD_ID + r"\])?\s*$")
# A trace's last frame cut inside its "+0xOFF/0xLEN" where the text ends (a page store or a paste truncated
# mid-line: "[<ffffffffa002ba1a>] tg3_start_xmit+0x42a/0x", s34-holdAD), maybe with what followed the text joined
# behind a blank as a wrap's rest ("... /0x ```", a JSON record's closing quote): the address bracket and the
# offset say frame; the module, if printed, is lost (group always None).  Read only for a trace that runs.
FRAME_CUT = re.compile(r"^\s*(?:\[<?[0-9a-fA-F]{6,16}>?\]\s*){1,2}(?:\? )?(?P<func>[A-Za-z_.$][\w.$]*)"
                       r"\+0x[0-9a-fA-F]+(?:/(?:0(?:x[0-9a-fA-F]*)?)?)?(?![\w/+])(?P<module>(?!))?")
CALL_TRACE_AND_MORE = re.compile(r"^\s*Call [Tt]race:\s*(?=<)")  # the opener, frames or a marker after it
# Lines inside a trace that are not frames: raw stack words, registers, hardware name.
TRACE_NOISE = re.compile(
    r"^\s*(?:(?:[0-9a-f]{8}|[0-9a-f]{16})(?:\s+|$)){1,8}$|^\s*(?:R[A-Z0-9]{1,3}|RIP|RSP|RAX|Code|pc|lr|sp|x\d+|"
    r"Hardware name|Workqueue|Stack|Exception stack|NIP|LR|MSR|GPR\d+|CR\d|Instruction dump|"
    r"task|Modules linked in|Hardware|Call Trace|irq event stamp|hardirqs|softirqs|Preemption|"
    r"---|\s*\.\.\.|\s*>)\b", re.I)

MEM_INFO = re.compile(r"^\s*Mem-[Ii]nfo:\s*$")  # "Mem-info:" up to 2.6.2x
# show_free_areas()'s first lines: "%s per-cpu:" per zone (2.6.x; "Node %d %s per-cpu:" on NUMA), then
# "Free pages: %11ukB (%ukB HighMem)" (2.6.9-2.6.1x).  Those kernels printed the block right after the
# trace with no "Mem-info:" line before it (and no task line).
PER_CPU = re.compile(r"^\s*(?:(?:Node \d+,? )?[A-Za-z][A-Za-z0-9]{1,15} per-cpu:|Free pages:\s+\d+kB)")
# mm/page_alloc.c show_free_areas() (mm/show_mem.c from 6.1): "%s free:%lukB min:%lukB low:%lukB
# high:%lukB ... present:%lukB ..." in every era (2.6.x: after the LRU counters); 3.8+ prints
# " managed:%lukB" right after present (Jiang Liu's managed_pages patch); 4.8+ NUMA kernels:
# "Node %d %s free:...";  5.0+ adds "boost:%lukB " before min, and the printed min/low/high are
# min_wmark_pages() & co = _watermark[] + watermark_boost (include/linux/mmzone.h).
# (A blank after a field's colon: a line a console cut inside the figure, its pieces joined again by hand with
# one, "Node 0 DMA32 free: 491744kB min:..." in a quoted 4.9 netconsole log "edited to fix the broken new lines".)
ZONE = re.compile(
    r"^\s*(?:Node (?P<node>\d+) )?(?P<zone>[A-Za-z][A-Za-z0-9]{1,15}) free: ?(?P<free>-?\d+)kB"
    r"(?: boost: ?(?P<boost>-?\d+)kB)? min: ?(?P<min>-?\d+)kB low: ?(?P<low>-?\d+)kB high: ?(?P<high>-?\d+)kB")
# Fields the watermark replay reads (show_free_areas, same function): " free_cma:%lukB" (3.7+, CMA),
# " free_pcp:%lukB" (4.1+, pages on per-cpu lists, not in free), " reserved_highatomic:%luKB" (capital K,
# 5.x+; the highatomic reserve of 4.4+), and "all_unreclaimable? %s" ending the zone line up to 4.7,
# the node line ("Node %d active_anon:...") from 4.8 (pgdat->kswapd_failures >= MAX_RECLAIM_RETRIES).
# The optional fields in one pass: " present:%lukB", " managed:%lukB" and the three above, in any order.
ZONE_KB_FIELDS = re.compile(r" (present|managed|free_cma|free_pcp|reserved_highatomic):(\d+)([kK])B")
ALL_UNRECLAIMABLE = re.compile(r" all_unreclaimable\? (?P<flag>yes|no)\b")
NODE_STATE = re.compile(r"^\s*Node (?P<node>\d+) active_anon:")
LOWMEM_RESERVE = re.compile(r"^\s*lowmem_reserve\[\]:(?P<values>(?:\s+-?\d+)*)\s*$")
# show_free_areas(): show_node() "Node %d " then "%s: " and "%lu*%lukB " per order, " = %lukB"
# (migratetype letters from 3.10); a comma after the node is accepted too.
BUDDY = re.compile(r"^\s*(?:Node (?P<node>\d+),? )?(?P<zone>[A-Za-z][A-Za-z0-9]{1,15}): "
                   r"(?P<counts>(?:\d+\*\d+[kMG]B\s*(?:\([A-Z]+\)\s*)?)+)= (?P<total>\d+)[kMG]B")
BUDDY_COUNT = re.compile(r"(\d+)\*(\d+)([kMG])B")
# An unpopulated zone's buddy line: show_free_areas() of 2.6.x (before for_each_populated_zone() skipped such
# zones) printed "%s: " then "empty" for a zone with no pages ("DMA32: empty" on i386, "HighMem: empty").
BUDDY_EMPTY = re.compile(r"^\s*(?:Node (?P<node>\d+),? )?(?P<zone>[A-Za-z][A-Za-z0-9]{1,15}): empty\s*$")
# Lines that end the show_mem() block (lib/show_mem.c, mm/page_alloc.c); before lib/show_mem.c (2.6.29) each
# arch printed its own totals, i386 arch/i386/mm/pgtable.c and x86_64 arch/x86_64/mm/init.c show_mem():
# "%d pages of RAM", "%d pages of HIGHMEM", "%d reserved pages" (then "pages shared", "pages swap cached").
MEM_END = re.compile(r"^\s*\d+ (?:pages RAM|total pagecache pages|pages reserved|pages hwpoisoned|"
                     r"pages of RAM|pages of HIGHMEM|reserved pages)\b")
# Other show_mem()/show_free_areas() lines: per-cpu lists, counters, hugepages, swap.
MEM_BODY = re.compile(
    r"^\s*(?:(?:Node \d+ )?(?:[A-Za-z0-9]+ )?per-cpu:|CPU\s+\d+: hi:|active_anon:|[a-z_()]+:-?\d+|"
    r"Node \d+ |\d+ pages |\d+ (?:total pagecache|pages in swap cache)|Swap cache|Free swap|Total swap|"
    r"Node \d+ hugepages|\d+ pages (?:HighMem|MovableOnly|cma reserved|shared|non-shared)|"
    r"[a-z_]+:\d+|hugetlb|Tasks state)")
# mm/slub.c slab_out_of_memory(): "SLUB: Unable to allocate memory on node %d (gfp=%#x)"
# (4.5+: ", gfp=%#x(%pGg)");  mm/slab.c: "SLAB: Unable to allocate memory on node %d (gfp=%#x)"
SLAB_OOM = re.compile(r"^\s*SL[AU]B: Unable to allocate memory on node -?\d+")
SLAB_GFP = re.compile(r"gfp=(?P<mode>0x[0-9a-fA-F]+)(?:\((?P<names>[^)]*)\))?")
# its "cache:" line (an excerpt may end inside it, after the cache name: still its line, figures unread)
SLAB_CACHE = re.compile(
    r"^\s*cache: (?P<cache>[^,\s]+)(?:, object size: (?P<object_size>\d+)"
    r"(?:, buffer size: \d+, default order: \d+, min order: (?P<min_order>\d+)|, order: (?P<order>\d+))?|\s*$)")
SLAB_NODE = re.compile(r"^\s*node -?\d+: slabs: \d+")

# mm/oom_kill.c dump_header(): "%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%hd"
# (2.6.1x: "oom-killer: gfp_mask=0x%x"): the header of another report (its own task line, trace, Mem-Info).
# (or "COMM invoked oom-killer:" alone, its gfp_mask wrapped to the next line)
OOM_KILLER = re.compile(r"^\s*(?:(?:\S.{0,40}? invoked )?oom-killer: gfp_mask=0x|\S.{0,40}? invoked oom-killer:\s*$)")
# A line a person put where they cut a pasted log: "[...]", "...", "(...snipped...)", "<snip>", "<..snip..>".
ELISION = re.compile(r"^[\s>|]*(?:\[\s*(?:\.{3,}|\u2026|snip(?:ped)?)\s*\]|\(\.{3,}\s*snipped\s*\.{3,}\)|"
                     r"<\.*\s*snip(?:ped)?\s*\.*>|\.{3,}|\u2026)\s*$", re.IGNORECASE)

# lib/ratelimit.c ___ratelimit(): "%s: %d callbacks suppressed" (func = the rate-limited caller); behind
# a quote or box with its log prefix too (">> [ 4426.473667] warn_alloc: 27 callbacks suppressed" read
# before any report taught the framing)
SUPPRESSED = re.compile(r"^[\s>|]*(?:\[\s*\d+\.\d+\]\s*)?(?P<func>[\w.]+): (?P<count>\d+) callbacks suppressed")
# Only the page allocator's own rate limits count as suppressed failures.
# slab_out_of_memory() has a separate limit for its "SLUB: Unable to allocate"
# lines, which follow a page allocation failure already counted (or silenced
# by __GFP_NOWARN): counting it too would double-count the burst.
ALLOC_RATELIMITED_FUNCS = re.compile(r"^(?:warn_alloc\w*|__alloc_pages\w*|alloc_pages\w*|"
                                     r"__vmalloc\w*|vmalloc\w*|page_alloc\w*)$")
