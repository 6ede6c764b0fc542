r"""
Rejoining lines that mail clients, tickets and consoles wrapped.

The assembler holds each line until the next one arrives; the next line is
the rest of the held one when either

- the report has a framing (a known log prefix, or a learned outer prefix)
  and the next line does not carry it, is not blank, not another log's line
  and holds no header: a hard wrap at 72-80 columns leaves the prefix on the
  first piece only (but a trace line of its own, ``[<addr>] func+0x/0x``, after
  a whole trace line is a line pasted without its prefix); or
- the held line is visibly unfinished and the next one starts with what
  should follow, prefix or not (a mail client re-quoting a wrapped line
  repeats ``> ``): a header without its ``order:``/``mode:``, header words
  cut in the middle (``page`` / ``allocation failure``), a zone line cut
  before ``high:``, a task line cut before its taint, a 32-bit ARM frame
  ending in `` from``, a frame whose ``[module]`` went to the next line, a
  buddy line before its ``= total``, a ``lowmem_reserve[]`` list, a SLUB
  ``cache:`` line before its orders (``default order:`` / ``0, min order: 0``).

Examples:
    >>> unfinished("Normal free:716kB min:1908kB low:2384kB", "high:2860kB active_anon:2984kB")
    True
    >>> unfinished("[<c0013a7c>] (dump_backtrace+0x0/0x10c) from", "[<c0397d8c>] (dump_stack+0x18/0x1c)")
    True
    >>> unfinished("Normal free:716kB min:1908kB low:2384kB high:2860kB", "active_anon:2984kB")
    False
    >>> unfinished("  cache: iommu_iova, object size: 40, buffer size: 448, default order:", "0, min order: 0")
    True
    >>> unfinished("  cache:", "kmalloc-1024(1793:c8ed), object size: 1024, buffer size: 1024, default order: 3")
    True
    >>> unfinished(" cache: kmalloc-2048,", "object size: 2048, buffer size: 2048, default order: 0, min")
    True
    >>> unfinished(" cache: kmalloc-2048, object size: 2048, buffer size: 2048, default order: 0, min order:", "0")
    True
    >>> unfinished("[<bf17c574>] (_rtl_rx_completed [rtl_usb])", "from [<c03f08c8>] (__usb_hcd_giveback_urb)")
    True
    >>> unfinished("[<bf0041b4>] (mv643xx_eth_poll+0x4a8/0x6e8", "[mv643xx_eth]) from [<c02dcb34>] (net_rx_action)")
    True
    >>> unfinished("igb_clean_rx_irq", "(drivers/net/ethernet/intel/igb/igb_main.c:8798) [igb]")
    True
    >>> unfinished("CPU: 11 PID: 64 Comm: ksoftirqd/11 Not tainted", "3.18.0-rc7-net-next+ #852")
    True
    >>> unfinished("CPU: 253 PID:", "4995 Comm: systemd-udevd Not tainted 5.19.0 #2"), unfinished("CPU: 2", "of 4")
    (True, False)
"""

import re

from pagealloc.kernlog.collapsed import glued_rest, own_stamp_cut, record_level_pieces
from pagealloc.kernlog.framing import colon_blank_comm, ends_in_log_prefix, outer_lead_end
from pagealloc.kernlog.header import COMM_MAX, WHAT, comm_and_pid, find_header
from pagealloc.kernlog.patterns import (
    ELISION,
    SUPPRESSED,
    TASK_IN_LINE,
    TASK_NEW,
    TASK_OLD,
    VMAP_FAILED_ANYWHERE,
)
from pagealloc.kernlog.prefix import split_prefix, wall_clock_alone
from pagealloc.kernlog.prose import list_item

MAX_JOINED = 4096   # a joined line longer than this is not one kernel line
MAX_LEAD = 200      # the longest prefix two lines may share (framing.MAX_OUTER)

_ZONE_START = re.compile(r"^\s*(?:Node \d+ )?[A-Za-z][A-Za-z0-9]{1,15} free:-?\d+kB")
_FIELD = re.compile(r"^[a-z_()]+:")
_TASK_START = re.compile(r"^\s*(?:CPU: \d+ (?:UID: \d+ )?PID: \d+|Pid: \d+, comm:)")
# A task line cut before its pid ("CPU: 253 PID:" / "4995 Comm: systemd-udevd ...", "CPU:" / "7 PID: ...", "Pid:" /
# "4321, comm: ..."), a prefix before it making the line longer than the kernel's own; the rest must make it one.
_TASK_BEHIND = re.compile(r"(?<!\S)(?:CPU|Pid):(?: |$)")
TASK_CUT_EARLY = re.compile(r"(?<!\S)(?:CPU:(?: \d+(?: (?:UID: \d+ )?PID:)?)?|Pid:)\s*$")
_RELEASE_START = re.compile(r"^\d+\.\d+[\w.+~-]*(?: #|\s*$)")
_RELEASE_IN = re.compile(r"\b\d+\.\d+")
_BUDDY_START = re.compile(r"^\s*(?:Node \d+,? )?[A-Za-z][A-Za-z0-9]{1,15}: \d+\*\d+[kMG]B")
# A buddy line's next block, its next type, its "= total"; or the total alone after a cut behind the "=".
_BUDDY_MORE = re.compile(r"^(?:\d+\*\d+[kMG]B|\(|= )")
_BUDDY_TOTAL = re.compile(r"^\d+[kMG]B\s*$")
_NUMBERS = re.compile(r"^[-\d\s]+$")
# slab_out_of_memory()'s "  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u"
# cut before its orders ("... default order:" / "0, min order: 0").
_SLAB_CACHE_START = re.compile(r"^\s*cache: [^,\s]+,(?: object(?: size:(?: \d+)?)?)?$|^\s*cache: [^,\s]+, object size: \d")
_SLAB_CACHE_MORE = re.compile(r"^(?:(?:object |buffer )?size:|(?:default |min )?order:|(?:default|min|buffer|object)(?: |$)"
                              r"|\d+(?:,|\s*$))")
# a "[module]" wrapped onto its own line, maybe with the paster's "# ..." note after it ("[tg3]    # tg3" in a
# Japanese memo); a bracketed address ("[000000000049c7fc]", a sparc64/ppc64 frame's first word) is the next
# frame's start, not a module
_MODULE = re.compile(r"^\[(?![0-9a-fA-F]{8,16}\]$)[\w-]+\](?:\s+#.*)?$")
# a frame line cut after its address ("[<ffffffffa6d81340>]" / "dump_stack+0x19/0x1b", old ARM "... from
# [<c009274c>]" / "(warn_alloc_failed+0xc4/0x11c)"): the symbol opens the rest
# (ppc64: "[c000000fe7f8b6d0] [c000000000c1e8e4]" / "dump_stack+0xb0/0xf4 (unreliable)")
# (i386 2.6.9-2.6.1x: "[pg0+944968351/1069114368]" / "e1000_alloc_rx_buffers+0x6f/0x3b0 [e1000]", a frame's
# "[sym+decimal/decimal]" half, arch/i386/kernel/traps.c print_symbol("[%s] ") before the "%s+0x%lx/0x%lx" half)
_ADDRESS_END = re.compile(r"(?:\[<[0-9a-fA-F]{6,16}>\]|\[[0-9a-fA-F]{8,16}\] \[[0-9a-fA-F]{8,16}\]"
                          r"|\[[A-Za-z_.$][\w.$]*\+\d+/\d+\])(?: \?)?$")
# 32-bit ARM frames up to 4.x "[<pc>] (func+0x/0x [mod]) from [<lr>] (caller+0x/0x)" cut before " from" or
# inside the parenthesis before " [mod])"; decode_stacktrace.sh's "func (file.c:line) [mod]" cut after the symbol
_ARM_FRAME_WHOLE = re.compile(r"^\s*\[<[0-9a-fA-F]{6,16}>\] \([^()]+\)$")
_OPENING_MARKUP = frozenset("`*_")
# A zone, buddy, node or hugepages line cut after its "Node" (show_free_areas(): "Node %d %s free:", "Node %d %s: ",
# "Node %d active_anon:", "Node %d hugepages_total="), and the node number opening its rest.
_NODE_CUT = re.compile(r"(?<![A-Za-z_])Node\s*$")  # (also behind rsyslog's "#012")
_NODE_NUMBER = re.compile(r"\d+,? [A-Za-z]")
_OPENING_MARKERS = ("<IRQ>", "<EOI>", "<NMI>", "<SOFTIRQ>")
_FRAME_WITH_ADDRESS = re.compile(r"^\[<[0-9a-fA-F]{6,16}>\](?: \?)?(?: [A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+|$)")
_ARM_FROM = re.compile(r"^from \[<[0-9a-fA-F]{6,16}>\]")
_ARM_OPEN_OFFSET = re.compile(r"\] \([A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+$")
_MODULE_CLOSE = re.compile(r"^\[[\w-]+\]\)(?: from \[<|$)")
_BARE_SYMBOL = re.compile(r"^\s*(?:\? )?[A-Za-z_.$][\w.$]*$")
_SOURCE_PLACE = re.compile(r"^\((?:[\w.+/-]+\.[chS]:\d+(?::\d+)?|inlined)\)")
# (or its offset cut where the text ends, as patterns.FRAME_CUT reads it: "[<ffffffffa002ba1a>]" /
# "tg3_start_xmit+0x42a/0x", the last frame of a truncated paste wrapped after its address, then logged again)
_SYMBOL_START = re.compile(r"^(?:\? )?\(?[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+(?:/0x[0-9a-fA-F]+|(?:/(?:0x?)?)?(?![\w/+]))")
_NOT_SYMBOLS = frozenset(("from", "Call", "Backtrace", "Stack", "Code", "Hardware"))
# Line ends that may be cut: header and vmap message words, the comm's colon, an ARM " from".
CUT_ENDS = ("page", "allocation", "stalls", "for", "vmalloc:", "vmalloc", "vmap", "size", "error:", "SLUB:", "SLAB:",
            "Unable", "to", "allocate", ":", "from", "-order", "vmemmap", "vmemmap alloc")


_QUOTE = re.compile(r"^[ \t>|#*:]*")
_COMM_FIRST_WORD = re.compile(r"[A-Z][\w/+-]*")  # a thread name's first word ("DOM", "Web", "IPC")
_EMPTY_QUOTED = re.compile(r"[>|][ \t>|]*$")
# A paste's line number alone with its separator, as cat -n ("%6d\t"), grep -n or a pastebin ("%d: ", "%4d | ") number
# an empty line: the separator's blank or tab ends it, where a wrap's rest ends in its last word.
_NUMBERED_EMPTY = re.compile(r" *\d{1,7}(?:\t|: | \| )")
# A trace line of its own (opener, "[<addr>]" frame, stack marker): after a whole trace line it is a
# line pasted without the prefix its report's other lines carry (a console without timestamps), not
# the rest of a wrapped line.
OWN_TRACE_LINE = re.compile(r"^\s*(?:Call [Tt]race:|\[<[0-9a-fA-F]+>\]|<(?:IRQ|EOI|TASK|SOFTIRQ|NMI)>|<[0-9a-fA-F]{8,16}>\{)")
_WHOLE_TRACE_LINE = re.compile(
    r"^\s*(?:(?:Call [Tt]race|Backtrace|Stack)\s?:?|(?:\[<?[0-9a-fA-F]{6,16}>?\]\s*)?(?:\? )?"
    r"[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+(?: \[[\w-]+\])?)\s*$")
# Lines that end in a colon and are whole: trace and Mem-Info openers (no comm is named so).
_OPENER = re.compile(r"(?:^|\s)(?:Call [Tt]race|Backtrace|Stack|Mem-[Ii]nfo):$")
# (".": 2.6's "failure. order:", ":" cut before it; "order 0, mode:": a retyped copy without the colon, patterns.ORDER)
_HEADER_PIECE = re.compile(r"^[,.:]?\s*(?:order:|order \d+,\s?mode:|mode:|nodemask=|cpuset=)")
_HEADER_TAIL = re.compile(r"^(?:nodemask=|cpuset=|mems_allowed=)")
# The rest of a vmalloc message cut inside its words, then the mode ("vm_struct allocation" / "failed, mode:0xcc0")
_VMALLOC_REST = re.compile(r"^[^:]{1,80}?,\s*mode:\s?0x")
# ... or only some of its words, up to a comma: "pages," of "failed to allocate pages," (mm/vmalloc.c)
_VMALLOC_WORDS = re.compile(r"[a-z_]+(?: [a-z_]+){0,4},?")  # (a wrap may cut before the comma too)
# slab_out_of_memory(): "SLUB: Unable to allocate memory on node %d (gfp=%#x)" / ", gfp=%#x(%pGg)"
# (with the node number: "on node" / "-1, gfp=...", or the words before it: "... allocate memory on" / "node -1 (gfp=0x20)")
_SLAB_GFP_PIECE = re.compile(r"^(?:(?:memory )?on )?(?:node )?(?:-?\d+)?,?\s*\(?gfp=0x")
# A gfp mask or a figure cut inside its digits by a console's width (cut_inside_number): the mask's hex
# digits, then its flag names, a comma or the line's end; a "name:digits" or "N*digits" figure, then the
# rest of its digits and its unit.
_MASK_CUT = re.compile(r"(?:mode:|gfp=|gfp_mask=)\s?(?P<cut>0?|0x[0-9a-fA-F]*)$")  # ("mode:0" / "xa20(GFP_ATOMIC)")
# At most 8 digits (32 bits; a stack word has 16), then what the kernel prints after a mask: its flag names,
# a comma, 2.4's "/N", or the line's end; never a blank and more text (the next line's log prefix: a line
# number or a time "0x20" / "97109 ::: Apr  7 ..." is no mask "0x2097109").
_MASK_JOINED = re.compile(r"0x[0-9a-fA-F]{1,8}(?:[(,/]|\s*$)")
# show_free_areas()' field names (zone line, node line, Mem-Info counters): a cut inside one ("mi" /
# "n:1908kB", "active_an" / "on:12") leaves two pieces neither of which is a field of its own.
_FIELD_NAMES = ("free|boost|min|low|high|reserved_highatomic|active_anon|inactive_anon|active_file|inactive_file"
                "|isolated_anon|isolated_file|unevictable|writepending|present|managed|mlocked|bounce|free_pcp"
                "|local_pcp|free_cma|kernel_stack|pagetables|shmem|slab_reclaimable|slab_unreclaimable|dirty"
                "|writeback|mapped|unstable|shmem_thp|anon_thp")
_KNOWN_FIELD = re.compile(r"(?:" + _FIELD_NAMES + r"):-?\d+(?:[kK]B)?")
_ANY_FIELD = re.compile(r"[a-z_]*:-?\d*(?:[kK]B?)?")
_FIGURE_CUT = re.compile(r"(?:\b[a-z_()]+:|\d\*)-?\d*$")
_FIGURE_REST = re.compile(r"\d*[kMG]B\b")
# Last words of a line that can stop in the middle of the header words.
_HEADER_TAILS = frozenset(("page", "allocation", "stalls", "for", "vmalloc:", "vmalloc", "error:", "size", "SLUB:",
                           "SLAB:", "Unable", "to", "allocate", "__alloc_pages:", "vmemmap", "alloc"))


class HeldLine:
    """A line waiting for its successor: first/last line number, raw text,
    prefix facts (None: outside the framing; a header's are learned later),
    its header hit, the learned framing, and whether something was joined."""

    __slots__ = ("first", "last", "text", "pre", "hit", "learned", "joined", "pieces")

    def __init__(self, lineno, text, pre, hit):
        self.first = self.last = lineno
        self.text = text
        self.pre = pre
        self.hit = hit
        self.learned = None
        self.joined = False

    def join(self, lineno, piece, line=None):
        # one blank where the line was cut, whatever blanks the paste left at its end ("default order:  "),
        # none where a console cut it inside a number (cut_inside_number)
        blank = "" if cut_inside_number(self.text, piece) or cut_inside_word(self.text, piece) else " "
        if not self.joined:
            self.pieces = [self.text]  # the lines as they came (cut_at_width; None: a prefix was taken off)
        self.pieces.append(line if line is not None and line.strip() == piece.strip() else None)
        self.text = self.text.rstrip(" \t") + blank + piece
        if self.pre is not None:
            body = self.pre.body.rstrip(" \t")
            # (the empty field after a syslog tag, the line cut right behind it: "kernel: :" / "Mem-Info:", as the
            # prefix reads it on a whole line: prefix.split_prefix)
            self.pre.body = piece if body == ":" else body + blank + piece
        self.last = lineno
        self.joined = True


def cut_inside_number(text, piece):
    """Whether ``text`` / ``piece`` are one line a console cut at its width inside a number: a gfp mask
    (``mode:0x26040`` / ``50(GFP_NOFS|...)``), a kB figure (``min:12`` / ``9476kB``, ``free:`` /
    ``491744kB``, ``free:491744k`` / ``B min:...``) or a buddy block (``3*40`` / ``96kB``).  The kernel
    never prints a blank there and a mail or ticket wrapper cuts only at blanks, so the pieces join
    without one.  A cut at a blank (``min:1908kB`` / ``low:2384kB``) is no such cut.

    >>> cut_inside_number("... order:0, mode:0x26040", "50(GFP_NOFS|__GFP_COMP)"), cut_inside_number("min:12", "9476kB low:1")
    (True, True)
    >>> cut_inside_number("Normal free:716kB min:1908kB", "low:2384kB"), cut_inside_number("DMA32", "free:4kB")
    (False, False)
    >>> cut_inside_number("order:0, mode:0x20", "0000000000000000 ffffffff82929964")   # stack words after it
    False
    >>> cut_inside_number("order:5, mode:0x20", "97109 :::: 97109     Apr  7 20:31:21 bit kernel:")  # a prefix
    False
    >>> cut_inside_number("order:0, mode:0", "xa20(GFP_ATOMIC)"), cut_inside_number("free:716kB mi", "n:1908kB low:2")
    (True, True)
    >>> cut_inside_number("free:716kB", "min:1908kB"), cut_inside_number("Normal", "free:716kB")
    (False, False)
    """
    if text[-1:] in (" ", "\t", "") or piece[:1] in (" ", "\t", ""):
        return False
    mask = _MASK_CUT.search(text)
    if mask is not None:
        return _MASK_JOINED.match(mask.group("cut") + piece) is not None
    last, first = text.split()[-1], piece.split()[0]
    if _KNOWN_FIELD.fullmatch(last + first) is not None and _ANY_FIELD.fullmatch(last) is None \
            and _KNOWN_FIELD.fullmatch(first) is None:
        return True  # a cut inside the field's name ("mi" / "n:1908kB")
    return _FIGURE_CUT.search(text) is not None and _FIGURE_REST.match(piece) is not None \
        or text[-1:] == "k" and _FIGURE_CUT.search(text[:-1]) is not None and piece[:1] == "B" \
        and piece[1:2] in (" ", "\t", "")


# A console cut (at its width, wherever it falls) inside a word the kernel prints whole: the header's fixed words
# ("page allocation failu" / "re: order:0"), a header field's name ("mode" / ":0x20"), the mode's flag names
# ("(GFP_KE" / "RNEL), nodemask=..."), a frame's symbol or offset ("__alloc_pages_no" / "demask+0x484/0x4d9").
# Flag names and symbols hold no blank, so no mail or ticket wrapper cuts there: the pieces join without one.
_OPEN_NAMES = re.compile(r"mode:\s?0x[0-9a-fA-F]+\([^()\s]*$")
_NAMES_REST = re.compile(r"[\w|]*\)")
_FIELD_START = re.compile(r"(?:order|mode):")
_SYMBOL_WHOLE = re.compile(r"(?:\? )?\(?[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+")
# (a symbol where a frame prints one: first on the line, after "[<addr>] " or "[<addr>] ? ", or "(")
_SYMBOL_TAIL = re.compile(r"(?:^[ \t]*(?:\? )?|(?<=\] )|(?<=\] \? )|(?<=\())[A-Za-z_.$][\w.$]*(?:\+(?:0x?[0-9a-fA-F]*(?:/(?:0x?[0-9a-fA-F]*)?)?)?)?$")


def cut_inside_word(text, piece):
    """Whether ``text`` / ``piece`` are one line a console cut inside a word the kernel prints whole (see above).

    >>> cut_inside_word("[5062331.418032] swapper/12: page allocation failu", "re: order:0, mode:0x20")
    True
    >>> cut_inside_word("... order:0, mode:0xcc0(GFP_KE", "RNEL), nodemask=(null)"), cut_inside_word("order:0, mode", ":0x20")
    (True, True)
    >>> cut_inside_word("[<c108c9a2>] ? __alloc_pages_no", "demask+0x484/0x4d9"), cut_inside_word("? __alloc_skb+0x29", "/0x115")
    (True, True)
    >>> cut_inside_word("swapper: page allocation", "failure: order:0"), cut_inside_word("dump_stack+0x19/0x1b", "warn_alloc+0x1/0x2")
    (False, False)
    """
    if text[-1:] in (" ", "\t", "") or piece[:1] in (" ", "\t", ""):
        return False
    if _OPEN_NAMES.search(text, max(0, len(text) - 160)) is not None:
        return _NAMES_REST.match(piece) is not None
    last = text[text.rfind(" ") + 1:]
    if last in ("mode", "mod", "mo", "m", "order", "orde", "ord", "or", "o") and _FIELD_START.match(last + piece):
        return True
    tail = _SYMBOL_TAIL.search(text, max(0, len(text) - 128))
    if tail is not None and tail.group() not in _NOT_SYMBOLS and ("+0x" in piece[:64] or piece[:1] in "/0123456789abcdefx"):
        symbol = tail.group().lstrip(" \t")
        whole = _SYMBOL_WHOLE.match(symbol + piece)
        if whole is not None and whole.end() > len(symbol) and _SYMBOL_WHOLE.fullmatch(symbol) is None:
            return True
    if "alloc" in text[-40:] or "alloc" in piece[:40] or "fail" in text[-12:] or "stall" in text[-12:]:
        tail = text[-40:]
        match = WHAT.search(tail + piece[:40])
        return match is not None and match.start() < len(tail) < match.start() + len(match.group("what")) \
            and WHAT.search(tail + " " + piece[:40]) is None
    return False


def cut_at_width(lines):
    """The one line a console or a fixed-width paste cut into ``lines`` (a held line's, as they came; None for
    a line a prefix was taken off), or None.  Such a cut falls every ``width`` characters wherever it lands,
    inside words and numbers and at blanks alike, so the pieces join as they are; a mail or ticket wrapper
    cuts at blanks, its lines of varying length.  The evidence: three lines or more of one length, then the
    last one, no longer.  A record whose newlines a log daemon escaped (rsyslog's ``#012``) is one long
    physical line: a console cuts it so, a pasted one without the syslog prefix on its pieces.

    >>> cut_at_width(["kernel: #012lowmem_r", "eserve[]: 0 0 0#012N", "ode 0 DMA32 free:600", "0kB"])
    'kernel: #012lowmem_reserve[]: 0 0 0#012Node 0 DMA32 free:6000kB'
    >>> cut_at_width(["kernel: #012lowmem_r", "eserve[]: 0 0 0#012N", "ode 0 DMA32 free:", "6000kB"]) is None
    True
    >>> cut_at_width(["kernel: #012lowmem_r", None, "ode 0 DMA32 free:600", "0kB"]) is None  # a prefix taken off
    True
    """
    if len(lines) < 4 or None in lines:
        return None
    width = len(lines[0])
    for line in lines[1:-1]:
        if len(line) != width:
            return None
    return "".join(lines) if len(lines[-1]) <= width else None


def header_unfinished(hit, piece):
    """A header hit without its order or mode (a vmalloc header without its mode, a SLUB/SLAB line
    without its ``gfp=``), or ending in a comma before its nodemask/cpuset, and ``piece`` brings it.

    >>> hit = find_header("java: page allocation failure: order:0, mode:0x480020(GFP_ATOMIC),")
    >>> header_unfinished(hit, "nodemask=(null),cpuset=/,mems_allowed=0"), header_unfinished(hit, "CPU: 3 PID: 12")
    (True, False)
    >>> header_unfinished(find_header("x: vmalloc error: size 4096, page order 0, failed to allocate"), "pages, mode:0xcc0")
    True
    >>> header_unfinished(find_header("x: vmalloc error: size 4096, page order 0, failed to allocate"), "pages,")
    True
    """
    if hit.commless:  # (2.4's "(gfp=0x20/0)" too)
        return "gfp=" not in hit.rest and bool(_SLAB_GFP_PIECE.match(piece))
    if hit.rest[-1:] not in (" ", "\t", "") and cut_inside_word(hit.rest, piece):
        return True  # a console cut inside a field's name or the mode's flag names
    if "mode:" in hit.rest and ("order:" in hit.rest or hit.what.startswith("vmalloc")):
        # whole but for a wrapped ", nodemask=(null),cpuset=/,mems_allowed=0" (4.11+/5.0+)
        return hit.rest.rstrip().endswith(",") and bool(_HEADER_TAIL.match(piece))
    if hit.what.startswith("vmalloc"):
        # (or a few words of the message alone, a wrap inside it: "failed to allocate" / "pages," / "mode:...")
        return bool(_HEADER_PIECE.match(piece) or _VMALLOC_REST.match(piece) or _VMALLOC_WORDS.fullmatch(piece))
    return bool(_HEADER_PIECE.match(piece))


# The first words of the header words alone on a line cut again after them ("swapper:" / "page" / "allocation
# failure. order:0, ..."): the next line brings the rest.
_WHAT_FIRST_WORDS = frozenset(("page", "page allocation", "vmalloc:", "vmalloc", "vmalloc error:", "vmemmap",
                               "vmemmap alloc"))


def header_split(text, piece, bare=False):
    """The header words start on ``text`` and end on ``piece`` (blanks a wrap left at ``text``'s end are the
    cut's, as at the join); ``bare``: ``piece``'s line holds nothing before it but quote signs (:func:`_still_cut`).

    >>> header_split("[ 512.1] crawl_4065_7997: vmalloc ", "error: size 14680064, page order 9, failed to")
    True
    """
    if text.endswith(":") and (WHAT.match(piece) or piece in _WHAT_FIRST_WORDS):  # cut after the comm's colon
        return not _OPENER.search(text)  # ... not after a line of its own (another CPU's "Call Trace:")
    if _still_cut(text, piece, bare):
        return True
    # (a blank after the comm's colon is the kernel's: 4.9's pr_cont "%s: " piece, its own record)
    text = text.rstrip(" \t")
    words = text.rsplit(None, 1)
    if not words or words[-1] not in _HEADER_TAILS and not words[-1].endswith("-order"):  # (2.4: "0-order")
        return False
    if "alloc" not in piece and "failure" not in piece and "stall" not in piece and "error" not in piece \
            and "Unable" not in piece and "memory" not in piece and not piece[:1].isdigit() \
            and not piece.startswith(("size ", "for ", "failed")):
        # ("vmalloc error: size" / "1073741848, exceeds ...", "vmalloc error:" / "size 1073741848",
        # "page allocation stalls" / "for 2102516ms, order:0")
        return False
    text = text.rstrip()  # (blanks a paste left at the cut: "page allocation  " / "failure: order:0")
    joined = text + " " + piece
    match = WHAT.search(joined)
    return bool(match and match.start() <= len(text) < match.start() + len(match.group("what")))


def _header_cut(text):
    """Cheap test: ``text`` may end where a wrap cut a header's words (header_split decides): after a colon (the
    comm's) or a word the header's words end in."""
    text = text.rstrip(" \t")
    return text[-1:] == ":" or text[text.rfind(" ") + 1:] in _HEADER_TAILS


# The header's fixed words (header.WHAT), for a header cut twice inside them ("kworker/0:1:" / "vmalloc" /
# "error: size 4096, ..." wrapped at 60 columns after a first wrap at 72).
_PHRASES = ("page allocation failure", "page allocation stalls for", "vmalloc: allocation failure",
            "vmalloc error: size", "vmemmap alloc failure", "SLUB: Unable to allocate memory",
            "SLAB: Unable to allocate memory")


_ORDER24 = re.compile(r"\d+-order")


def _still_cut(text, piece, bare=False):
    """``piece`` goes on with the header's fixed words that ``text`` started (or ends before, at the comm's
    colon) without finishing them: one more cut follows.  After a comm's colon alone, words up to the number
    ("rsync:" / "page allocation stalls for") are 4.9's next record (pr_cont's piece after the "%s: " one) when
    their line carries a prefix of its own (a netconsole receiver's stamp); ``bare`` (nothing before them but quote
    signs) they are a wrap's rest, as no receiver writes a record without its stamp.

    >>> _still_cut("[ 512.1] crawl_4065_7997:", "vmalloc"), _still_cut("[ 512.1] x: page", "allocation")
    (True, True)
    >>> _still_cut("Jul 29 12:40:06 host kernel: __alloc_pages: 2-order", "allocation")
    True
    >>> _still_cut("Jul 29 12:40:06 host kernel: __alloc_pages:", "2-order allocation")
    True
    >>> _still_cut("[ 525.1] a.out(4051): page", "allocation stalls for")  # (a debug patch's comm and pid)
    True
    >>> _still_cut("[ 525.1] rsync:", "page allocation stalls for")  # (4.9's next record: its own line)
    False
    >>> _still_cut("[ 525.1] a.out(3772):", "page allocation stalls for", bare=True)  # (a wrap's rest: no stamp)
    True
    >>> _still_cut("The log says:", "page allocation failure"), _still_cut("Summary:", "page")
    (False, False)
    """
    if _OPENER.search(text):
        return False
    text = text.rstrip(" \t")  # (blanks a paste left at the cut: "__alloc_pages: 2-order  " / "allocation")
    start = text.rfind("page allocation", max(0, len(text) - 40))
    if start >= 0 and (not text[:start].strip() or text[start - 1] in " \t" and text[:start].rstrip()[-1] in _STAMP_ENDS) \
            and _words_go_on(text[start:] + " " + piece, _PHRASES):
        # 4.9's comm-less record of the header's words (pr_cont after the "%s: " one), behind a log prefix or a stamp:
        # "> ... 2017-01-17T11:08:33.754574+03:00 page allocation stalls" / "> > > for" / "> > > > > > 2102516ms, ..."
        return True
    head, colon, tail = text.rpartition(": ")
    if text.endswith(":"):
        head, tail = text[:-1], ""
    elif not colon or " " in tail.strip() and not any(p.startswith(tail) for p in _PHRASES):
        return False
    comm = comm_and_pid(head.rsplit(None, 1)[-1])[0] if head.strip() else ""  # (a debug patch's "comm(pid):")
    if not comm or not re.fullmatch(r"[\w/:.+-]{1,15}", comm) or comm[:1].isupper() and not tail:
        return False  # ("Summary:" / "page": a title, not a comm)
    seq = (tail + " " + piece).strip() if tail else piece
    # 2.4's "__alloc_pages: 2-order" / "allocation" / "failed (gfp=0x20/0)", or cut after its colon ("__alloc_pages:" /
    # "2-order allocation" / "failed ..."): header.py's N-order message, its order the first word after the colon
    order = seq.split(None, 1)[0] if comm == "__alloc_pages" else ""
    phrases = (order + " allocation failed",) if _ORDER24.fullmatch(order) else _PHRASES
    # Up to the phrase's end (its number still to come: "a.out(4051): page" / "allocation stalls for" / "395440ms,
    # order:0") only when the words began on the comm's line: "rsync:" / "page allocation stalls for" under a
    # netconsole receiver's stamps is 4.9's next record, its milliseconds on the line after it (above).
    return _words_go_on(seq, phrases, up_to_number=bool(tail) or bare)


_STAMP_ENDS = frozenset("]>:0123456789")  # the last character of a log prefix or a time before a record's words
_NUMBER_NEXT = frozenset(("page allocation stalls for", "vmalloc error: size"))  # (their number comes next)


def _words_go_on(seq, phrases, up_to_number=True):
    """``seq`` starts one of ``phrases`` and stops before its end (or, ``up_to_number``, before the number that
    follows it)."""
    return any(p.startswith(seq) and (len(seq) < len(p) and p[len(seq)] == " "
                                      or up_to_number and seq == p and p in _NUMBER_NEXT) for p in phrases)


def vmap_split(text, piece):
    """alloc_vmap_area()'s ``vmap allocation for size N failed`` (2.6.27-: ``allocation failed: out of vmalloc``)
    starts on ``text`` and ends on ``piece``."""
    text = text.rstrip(" \t")
    if "vmap allocation" in piece or "out of vmalloc" in piece:
        return False
    for word in ("vmap", "allocation"):
        at = text.rfind(word, max(0, len(text) - 40))
        if at >= 0:
            match = VMAP_FAILED_ANYWHERE.match(text[at:] + " " + piece)
            if match is not None and match.end() > len(text) - at:
                return True
    return False


def unfinished(body, piece):
    """``body`` (a report line without its prefix) is cut and ``piece`` is its rest."""
    body = body.rstrip()
    if not body or not piece:
        return False
    if " free:" in body and " high:" not in body and _ZONE_START.match(body):
        return bool(_FIELD.match(piece))
    if body.endswith(" from") and "] (" in body:
        return True
    if body[-1:] in "]?" and _ADDRESS_END.search(body):
        return bool(_SYMBOL_START.match(piece))
    if body[-1:] == "?" and body.lstrip(" \t") == "?":  # 4.x's unreliable mark alone, the frame's symbol cut off
        return piece[:1] != "?" and bool(_SYMBOL_START.match(piece))
    if body[-1:] == ">" and body.endswith(_OPENING_MARKERS):
        # 2.6.x x86 printed a stack marker before the first frame of that stack on the same line ("<IRQ>
        # [<ffffffff8112c207>] ? __alloc_pages_nodemask+0x757/0x8d0"): a frame continues it (4.x's "<IRQ>" alone
        # above its frames reads the same joined)
        return piece[:2] == "[<" and bool(_FRAME_WITH_ADDRESS.match(piece))
    if "+0x" in body and piece[:1] == "[" and _MODULE.match(piece) and not piece.startswith("[<"):
        return True
    if piece[:1] == "f" and _ARM_FROM.match(piece) and _ARM_FRAME_WHOLE.match(body):
        return True  # an old ARM frame cut before " from [<lr>] (caller)"
    if piece[:1] == "[" and body.endswith(tuple("0123456789abcdefABCDEF")) and _MODULE_CLOSE.match(piece) \
            and _ARM_OPEN_OFFSET.search(body):
        return True  # ... or inside its parenthesis, before " [mod])"
    if piece[:1] == "(" and _SOURCE_PLACE.match(piece) and _BARE_SYMBOL.match(body) and body.strip() not in _NOT_SYMBOLS:
        return True  # decode_stacktrace.sh's "func (file.c:line) [mod]" cut after the symbol
    if (body[-1:] == ":" or body[-1:].isdigit()) and TASK_CUT_EARLY.match(body.lstrip()):
        return TASK_IN_LINE.match(body.strip() + " " + piece) is not None
    if ("PID:" in body or "Pid:" in body) and "ainted" not in body and _TASK_START.match(body):
        return not piece.startswith(("Call", "Hardware", "[<", "Mem-"))
    if piece[:1].isdigit() and "ainted" in body and _RELEASE_START.match(piece) and _TASK_START.match(body) \
            and not _RELEASE_IN.search(body, body.index("ainted")):
        return True  # a task line cut after its taint, before the release ("Not tainted" / "3.18.0-rc7 #852")
    if "*" in body and " = " not in body and _BUDDY_START.match(body):
        if body.endswith(" ="):  # cut between the "=" and its total ("... 6*16384kB (C) =" / "3348992kB")
            return bool(_BUDDY_TOTAL.match(piece))
        return bool(_BUDDY_MORE.match(piece))
    if "cache:" in body and ("min order:" not in body or body.endswith("min order:")) and _SLAB_CACHE_START.match(body):
        return bool(_SLAB_CACHE_MORE.match(piece))
    if body.endswith("cache:") and body.lstrip() == "cache:":  # cut before a long name (a memcg cache's copy)
        return bool(_SLAB_CACHE_START.match("cache: " + piece))
    if body.lstrip().startswith("lowmem_reserve[]:"):
        return bool(_NUMBERS.match(piece))
    if body[-1:] == ":" and piece[:1].isdigit() and " callbacks supp" in piece:  # a rate-limit notice cut after its colon
        return _rate_limit_cut(body, piece)
    return False


def _rate_limit_cut(body, piece):
    """``body`` ends in a rate-limit notice cut after its function's colon, ``piece`` is the count and the rest
    (``warn_alloc_failed:`` / ``23962 callbacks suppressed``, patterns.SUPPRESSED)."""
    return SUPPRESSED.match(body[body.rfind(" ") + 1:] + " " + piece) is not None


def _whole_before_trace(held, piece):
    """``held`` is a whole line before ``piece``, a trace line of its own: a trace line, or a report
    line that is not visibly cut (a task line, a whole header: then ``Call Trace:`` was pasted
    without the prefix the report's other lines carry, it does not continue the line)."""
    body = held.pre.body
    if _WHOLE_TRACE_LINE.match(body):
        return True
    if not body.strip() or held.joined or "#012" in body \
            or body[-1:] == ":" and (_prefix_only(body) or body.strip() == ":"):
        # the log prefix alone (cut right after it: "... kernel: kernel:", or after the empty field a 2.6.32 xen
        # syslog printed behind its tag: "... kernel: :" / "[<ffffffff810d782e>]"), or pieces of a wrapped line
        return False
    if held.hit is not None:
        return not header_unfinished(held.hit, piece)
    return not unfinished(body, piece)


def continues(held, line, nxt, framing, held_carried):
    """The piece of ``line`` that continues ``held``, or None.

    ``nxt`` is the line read through ``framing`` (None: it does not carry it).
    """
    stripped = line.strip()
    if not stripped and line and held.hit is not None and not held.hit.commless and "mode:" not in held.hit.rest \
            and framing is not None and framing.outer.startswith(line):
        # blanks of the header's indentation alone: a wrap cut inside it, before the long mode word ("  ... RenderThread:
        # page allocation failure:" / "order:0," / " " / "mode:0x14210d2(...)"), as it leaves a quote's prefix alone
        return ""
    if not stripped or len(held.text) + len(line) > MAX_JOINED:
        return None
    if stripped[-1:] == "[" and framing is not None and _framing_then_open_stamp(line, framing):
        # the report's framing, then a stamp a wrap cut at a blank of its padding: a record of its own, its stamp's rest
        # on the next line (collapsed.caller_stamp_rejoined); not a paragraph of records glued behind frames ("> ...
        # (sh_eth_poll+0xbf/0x3c0) [ " / "> 776.021342] [<c02c1b6f>] ...", Outlook's reflow: the paragraph goes on)
        return None
    piece = _continues(held, line, nxt, framing, held_carried, stripped)
    if piece is not None and not _keeps_task_line(held, piece):
        return None
    if piece is not None and (piece[-1:] in ".]>)\u2026" and ELISION.match(piece)
                              or held.hit is None and stripped[:1] in ">|" and _EMPTY_QUOTED.match(stripped)
                              and not (piece == "" and (long_word_next(held) or _comma_piece(held)))
                              or held.hit is None and len(held.text) <= 24 and _EMPTY_QUOTED.match(held.text.strip())):
        # "[...]" marks lines a person cut; an empty line of a quote or box (">", "> |") ends the
        # paragraph of a report line: neither is the rest of a line.  (A header's report reads on.)  Nor does
        # such a line start one (a mail client quotes a blank line as ">" alone; a wrap leaves no empty piece).
        return None
    return piece


def _framing_then_open_stamp(line, framing):
    """``line`` holds the framing's outer part (or its outer layers) and an open stamp bracket alone (``> > >
    root@web1:~# 2016-12-19 16:23:18 192.168.186.128:6666 [ ``): the line's own uptime cut at its padding
    (collapsed.own_stamp_cut)."""
    head = line.rstrip(" \t")[:-1]
    if not own_stamp_cut(line) or not head.strip(" \t>|") or head.count(">") != framing.outer.count(">"):
        # (a paragraph's rest re-quoted with fewer quote signs than its line, maybe behind a prefix added to every line:
        # "kernel: > > ... (__netdev_alloc_skb+0x51/0xb0)" / "kernel: > [" / "kernel: > > 776.013217] ...")
        return False
    if head == framing.outer:
        return True
    outer = framing.regex.match(head) if framing.regex is not None else None
    # (or the framing's outer layers, digits free: a cut dmesg prefix learned with them, "...:6666     4.795291] ")
    return outer is not None and outer.end() == len(head) or outer_lead_end(framing.outer, head) == len(head)


def _dated_whole_header(text, hit):
    """``text`` ends in a syslog date with no host or tag after it (sysklogd's with its host field empty: ``Jan 20
    09:05:02 `` / ``ips-send: page allocation failure. order:0, mode:0x20``, linux-kernel 2006-01-23) and ``hit``,
    the next line's header, is whole from its comm to its mode: the date was cut off the header's line (a date
    alone before words is a sentence's as often as a log's: prefix.wall_clock_alone).  Only quote signs or a log
    prefix may stand before the date (a sentence ending in one, "... crashed on Jan 20 09:05:02", is no line's head).

    >>> hit = find_header("ips-send: page allocation failure. order:0, mode:0x20")
    >>> _dated_whole_header("> kernel: Jan 20 09:05:02 ", hit), _dated_whole_header("Jan 20 09:05:02", hit)
    (True, True)
    >>> _dated_whole_header("it crashed on Jan 20 09:05:02 ", hit)
    False
    """
    if hit.comm is None or "mode:" not in hit.rest or "order:" not in hit.rest:
        return False
    dated = wall_clock_alone(text.rstrip() + " ")
    return dated is not None and (not dated[0].strip(" \t>|") or ends_in_log_prefix(dated[0]))


def _colon_after_comm(text, hit):
    """``hit``'s line starts with the comm's colon (behind the quote ``text`` starts with too), the comm ending
    ``text`` behind a log prefix: a wrap cut at a blank before that colon, a comm holding blanks ("> kernel:
    WebContainer :" / ": page allocation failure: order:4, mode:0x4d0", a Java thread's name, SLES 11 s390x).

    >>> hit = find_header(": page allocation failure: order:4, mode:0x4d0")
    >>> _colon_after_comm("> kernel: WebContainer :", hit), _colon_after_comm("Logs on messages", hit)
    (True, False)
    """
    quote = hit.prefix[:-2]
    if quote.strip() and not (_QUOTE.fullmatch(quote) and text.startswith(quote.rstrip())):
        return False
    joined = find_header(text.rstrip() + " " + hit.line[len(quote):].strip())
    return joined is not None and joined.comm is not None and ends_in_log_prefix(joined.prefix)


def _comma_piece(held):
    """``held`` is 4.9's ``, `` record of a header split by pr_cont (still without its ``mode:``): a wrap that
    moves the long mode word on may leave the quote alone on a line before it (``> ... storage8 ,`` / ``>`` /
    ``mode:0x26040d0(...)``, terminal colours having made the quoted line too long)."""
    return held.pre is not None and held.pre.body.strip() == ","


def _keeps_task_line(held, piece):
    """Whether ``piece`` may be the rest of ``held`` as far as a task line goes: a line that reads as a
    task line on its own (an excerpt cut inside its taint word, ``... Comm: mmcqd/0 Not tai``) takes no
    rest that makes it none (a paste's closing fence, a "Thanks" under it is other text).

    >>> class Held: hit = None; pre = split_prefix("CPU: 0 PID: 656 Comm: mmcqd/0 Not tai")
    >>> _keeps_task_line(Held, "```"), _keeps_task_line(Held, "Thanks")
    (False, False)
    >>> Held.pre = split_prefix("CPU: 11 PID: 64 Comm: ksoftirqd/11 Not tainted")
    >>> _keeps_task_line(Held, "3.18.0-rc7-net-next+ #852")
    True
    """
    body = held.pre.body if held.hit is None and held.pre is not None else ""
    if "PID" not in body and "Pid" not in body or not _TASK_START.match(body) \
            or not (TASK_NEW.match(body) or TASK_OLD.match(body)):
        return True  # no task line, or one cut before its taint: the rest may complete it
    joined = body.rstrip(" \t") + ("" if cut_inside_number(body, piece) else " ") + piece
    return bool(TASK_NEW.match(joined) or TASK_OLD.match(joined))


def _prefix_only(body):
    """``body`` (a line read through the framing) holds nothing but a log prefix, maybe behind an emphasis
    the header's line is set in (``**[2685596.666280]``), or nothing at all."""
    body = body.strip()
    if not body:
        return True
    pre = split_prefix(body.lstrip("*_`~") + " ")
    return pre.known and not pre.body.strip()


def long_word_next(held):
    """The held report line ends where only a word longer than a mail line can follow: a SLUB line's
    ``cache:`` before a memory cgroup's copy's name (``kmalloc-1024(1793:<64 hex digits>)``, 3.8-5.8).
    A re-quoting wrap leaves the quote alone on a line of its own before such a word (``>     cache:`` /
    ``>`` / ``kmalloc-1024(1793:c8ed...), object size: ...``), as it does before a header's long mode; so is an old
    ARM frame's caller (``... (__alloc_pages_nodemask) from [<c0152523>]`` / ``... kernel: >`` /
    ``(__alloc_page_frag+0x39/0xde) [  776.004685] ...``, a post Outlook reflowed, logged again and wrapped); and a
    module frame's build ID after its module's name (``mhi_fw_load_handler+0x126/0x340 [mhi`` / ``... kernel: >`` /
    ``a96cb91daba500cc77f86bad60c1f332dc3babdf]``, a mail's wrapped trace logged again and re-wrapped)."""
    body = held.pre.body if held.pre is not None else held.text
    tail = body.rstrip()
    if tail.endswith("]") and _CALLER_NEXT.search(tail) is not None:
        return True
    if build_id_next(tail):
        return True
    return body.endswith(("cache:", "cache: ")) and body.strip() == "cache:"


# An old ARM frame printed up to its caller's address ("[<c0152043>] (__alloc_pages_nodemask) from [<c0152523>]",
# arch/arm's dump_backtrace_entry() before 4.x's "%pS"), its caller's "(__alloc_page_frag+0x39/0xde)" still to come:
# a word of 20-50 characters that no blank breaks, which a wrap behind a long prefix moves on whole.
_CALLER_NEXT = re.compile(r"\) from \[<[0-9a-fA-F]{8,16}>\]$")
# A module frame cut inside its brackets before the module's build ID ("mhi_fw_load_handler+0x126/0x340 [mhi" /
# "a96cb91daba500cc77f86bad60c1f332dc3babdf]", 5.14+ CONFIG_STACKTRACE_BUILD_ID: patterns.BUILD_ID): 40 hex digits
# and the closing bracket, one word no blank breaks.
_BUILD_ID_NEXT = re.compile(r"[A-Za-z_.$][\w.$]*\+0x[0-9a-fA-F]+/0x[0-9a-fA-F]+ \[[\w-]+$")


def build_id_next(body):
    """``body`` ends in a module frame whose bracket a wrap cut before the build ID (see above).

    >>> build_id_next("  mhi_fw_load_handler+0x126/0x340 [mhi"), build_id_next("  mhi_fw_load_handler+0x126/0x340 [mhi]")
    (True, False)
    """
    return body[-1:] not in "]: \t" and "+0x" in body and _BUILD_ID_NEXT.search(body, max(0, len(body) - 100)) is not None


def _continues(held, line, nxt, framing, held_carried, stripped):
    if nxt is None and held.hit is not None and framing is not None:
        outer = framing.regex.match(line) if framing.regex is not None else None
        inner, held_inner = line, held.text
        if outer is not None:  # (behind the same quote: "> kernel: mode:..." under "> kernel: [ 1.0] ...")
            inner, held_inner = line[outer.end():], held.text[len(framing.outer):]
        pre = split_prefix(inner)
        if pre.known and held_inner.startswith(inner[:len(inner) - len(pre.body)]) \
                and header_unfinished(held.hit, pre.body.strip()):
            return pre.body.strip()  # the continuation carries the outermost log prefix only
        if outer is not None and not pre.known and header_unfinished(held.hit, inner.strip()):
            return inner.strip()  # ... or the outer part without the log prefix (numbered after the wrap: "    15\t(gfp=")
        shared = outer_lead_end(framing.outer, line)
        if shared and header_unfinished(held.hit, line[shared:].strip()):
            return line[shared:].strip()  # ... or the outermost part of its outer prefix (a prompt before a quote)
    if nxt is None and held.hit is None and held.pre is not None and framing is not None and framing.known:
        # a report line cut where it is visibly unfinished, its rest behind the log prefix alone (a
        # console or syslog that prefixed every line of a wrapped paste: "kernel: high:10788kB ...")
        outer = framing.regex.match(line) if framing.regex is not None else None
        pre = split_prefix(line[outer.end():] if outer is not None else line)
        if pre.known and pre.kernel and pre.timestamp is None:
            piece = pre.body.strip()
            if piece[:1] in ">|" and outer is None and (
                    framing.outer.rstrip()[-1:] in ">|" or framing.outer[len(line) - len(pre.body):][:1] == piece[:1]):
                # (the rest re-quoted with fewer signs than the report's lines, behind the log prefix a paste put before
                # all: "kernel: > > Sep 18 20:48:55 [88988.266651] CPU: 1 PID: 2634 Comm: cron Not" / "kernel: >
                # tainted 3.10.12 #1"; or with the quote of the report's lines but not the line number behind it:
                # "web1 kernel: > > >   2. [4786894.696004] CPU: 1 PID: 32073 Comm: munin-graph Not" / "web1 kernel: >
                # > > tainted 4.1.0-1-amd64 #1", a numbered paste quoted, re-wrapped and logged again)
                piece = piece.lstrip(" \t>|")
            if unfinished(held.pre.body, piece) or header_split(held.pre.body, piece):
                return piece  # (or header words cut: "... swapper/1: page allocation" / "kernel: failure: ...")
    if nxt is None and held_carried and framing is not None and not framing.trivial:
        outer = framing.regex.match(line) if framing.regex is not None else None
        rest = line[outer.end() if outer else outer_lead_end(framing.outer, line):]
        if _NUMBERED_EMPTY.fullmatch(rest):
            # a paste's number of an empty line behind the lead ("> > >      3\t" under "> > > 'Stack :' words.", a
            # numbered paste quoted and re-wrapped): no wrap's rest (that opens with the word after the cut blank and
            # ends in no tab), but the paragraph's end, the number no part of the framing's outer
            return None
        if not rest.strip() or _EMPTY_QUOTED.match(rest.strip()):  # (">": the outer's last sign, its blank cut)
            # nothing behind the lead it shares: a numbered blank line ("  12 | ") ends the paragraph, but
            # under a header still without its mode it is the prefix whose long word the wrap moved on
            # (or under a header's lone ", " piece, 4.9's pr_cont record still without its "mode:")
            hit = held.hit
            if hit is None:
                return "" if _comma_piece(held) or long_word_next(held) else None
            return "" if not hit.commless and "mode:" not in hit.rest else None
        if held.hit is None and held.joined and rest[:1] == "[" and glued_rest(held.text, rest):
            return rest.strip()  # the next record of a paragraph of glued records, a wrap having cut before its stamp
        if OWN_TRACE_LINE.match(rest) and held.pre is not None and _whole_before_trace(held, rest.strip()):
            return None
        if held.hit is None and held.pre is not None and _OPENER.search(held.pre.body.rstrip()):
            return None  # a trace or Mem-Info opener continues on no line (a last line cut: "[    0.27717")
        if held.hit is None and held.pre is not None and not held.pre.body and not held.joined \
                and held.text[-1:] not in " \t":
            # the framing's prefix alone, a wrap having cut it before the kernel's own prefix ("... storage8" /
            # "> > > [335170.452896] CPU: 2 PID: 20383" behind a netconsole receiver's time and host): the rest
            inner = split_prefix(rest)
            if inner.known and inner.kernel and inner.timestamp is not None and held.pre.timestamp is None:
                if "alloc" in rest and find_header(rest) is not None:
                    return rest.strip()  # a header: learned again from the joined text, its uptime kept
                held.pre.timestamp = inner.timestamp
                return inner.body.strip()
        hit = held.hit
        if hit is not None and "order" not in hit.rest and not hit.commless and not hit.what.startswith("vmalloc") \
                and not header_unfinished(hit, rest.strip()):
            return None  # header words without an order (a sentence naming them) take only the order's piece
        if "\ufffd" not in line and not split_prefix(rest.lstrip("*_`~") if rest[:1] in "*_`~" else rest).known:
            # (a log prefix behind an emphasis a wrap cut from its closing half, "**[2685596.666280]", is a line's)
            hit = find_header(line)
            if hit is None:
                if rest[:1] != line[:1] and held.pre is not None and _NODE_CUT.search(held.pre.body) \
                        and _NODE_NUMBER.match(line):
                    # a Mem-Info line cut after "Node", its node number opening the rest: no outer layer of a
                    # counter's ("0433B < 4> ... Node" / "0 DMA free:15372kB", the counter's digits read free)
                    return line.strip()
                if held.pre is not None and held.pre.body[-1:] == ":":
                    # ... or a rate-limit notice cut after its function's colon, its count opening the rest, re-quoted
                    # ("> > > 044F4 < 4> > ... warn_alloc_failed:" / "> > > 23962 callbacks suppressed")
                    count = line.lstrip(" \t>|")
                    if rest[:1] != count[:1] and _rate_limit_cut(held.pre.body, count):
                        return count.strip()
                return rest.strip()  # a re-quoted piece loses its quote
            # (blanks a paste left at the cut, on a line not joined yet: joined empty pieces are a paragraph's end)
            body = (held.pre.body if held.joined else held.pre.body.rstrip()) if held.pre is not None else ""
            if body.endswith(":") and header_split(body, rest.strip(), rest.strip() in _NUMBER_NEXT
                                                   and _bare(held.text, line, rest.strip())):
                return rest.strip()  # the header's words after a line cut at the comm's colon (blanks left or not)
            if held.pre is not None and not held.pre.body.strip() and not held.joined and held.hit is None \
                    and (hit.comm is not None or hit.slab or hit.rest[:1] == ":" and not line[len(line) - len(rest):hit.what_start].strip()) \
                    and (held.pre.known or list_item(held.text.rstrip() + " ")):
                # the framing's log prefix alone, a wrap having cut the next header's line right after it
                # ("> Nov 14 13:07:00 localhost kernel: [19625.268000]" / "nautilus: page allocation ...", a SLUB line
                # too: "> > > ... kernel: > [ 1293.152415]" / "> > > SLUB: Unable to allocate memory on node -1"),
                # as when no report is open yet (below): the header is that line's (4.9's comm-less "page allocation
                # failure: order:0" record too, pr_cont's piece after the "swapper/12: " one: "... kernel: [2836069.534686]"
                # / "page allocation failure: order:0", an interleaved log logged again and re-wrapped); so is a list item's opening,
                # the framing a quoted header's item gave ("... kernel:   10. Re:" under "... kernel:   9. Re: swapper:
                # page allocation failure. ...", a page's reference titles re-logged)
                return rest.strip()
            if held.pre is not None and not held.pre.body.strip() and not held.joined and held.hit is None \
                    and _dated_whole_header(held.text, hit):
                return rest.strip()  # ... or right after a syslog date with no host or tag, the framing's (below)
            if held.pre is not None and _prefix_only(held.pre.body) and hit.comm \
                    and line[len(hit.prefix):].strip() == rest.strip() and ends_in_log_prefix(held.text):
                # a header cut between its log prefix and its comm under another report (its rest maybe
                # re-quoted: "> web1 kernel: Nov 14 ... kernel: [19625.268000]" / "> nautilus: page ...")
                return rest.strip()
            if held.hit is None and held.pre is not None and record_level_pieces(rest.strip()) is not None:
                # a header glued behind an earlier record's text by its printk level, a wrap having cut that record's
                # line before the level ("... kernel: Out of Memory: Killed process 1691" / "(magma.exe).<3>__alloc_pages:
                # 0-order allocation failed."): the line's rest (assembler._record_level splits it behind its prefix)
                return rest.strip()
        return None
    ends = None  # ends_in_log_prefix(held.text), tried at most once below (a log prefix at each position of the line)
    if held.hit is None and "alloc" in line:
        hit = find_header(line)
        if hit is not None and hit.comm is None and hit.prefix[-2:] == ": " and _colon_after_comm(held.text, hit):
            return line[len(hit.prefix) - 2:].strip()
        if hit is not None and (hit.comm or hit.slab):  # (a SLUB/SLAB line prints no comm)
            quote = hit.prefix
            if not quote.strip() or _QUOTE.fullmatch(quote) and held.text.startswith(quote.rstrip()):
                rest = line[len(quote):].strip()
                if ends := ends_in_log_prefix(held.text):
                    return rest  # wrapped between the log prefix and the comm (the continuation maybe re-quoted)
                if _dated_whole_header(held.text, hit):
                    return rest  # ... or after a syslog date with no host or tag
                unquoted = held.text.rstrip(" \t>|")
                if held.text.rstrip(" \t")[-1:] in ">|" and ends_in_log_prefix(unquoted):
                    return rest  # ... or after a quote behind it ("<4>1 ... web1 kernel - - - >" / "kswapd0: page ...")
                head, _, word = held.text.rstrip().rpartition(" ")
                if word[:1] in _OPENING_MARKUP and word[-1:] == ":" and ends_in_log_prefix(word.lstrip("`*_")):
                    # ... behind inline code or emphasis it opens ("... 如果是不断出现 `kernel:" / "swapper: page
                    # allocation failure. order:1, mode:0x20`"): the sentence quoting the line goes on
                    return rest
                if hit.comm and word[-1:] == ":" and not quote.strip() and held.pre is not None and held.pre.known \
                        and list_item(held.pre.body.rstrip() + " "):
                    # ... or inside a list item's text quoting it, cut after the item's own colon ("<4>1 ... - - -   10.
                    # Re:" / "swapper: page allocation failure. order:3, ...", a page's reference titles re-logged)
                    return rest
                # ... or between the words of a two-word comm ("kernel: [168382.032039] DOM" / "Worker: page
                # allocation stalls ..."): a capitalised word alone after the log prefix, the comm still short
                if hit.comm and _COMM_FIRST_WORD.fullmatch(word) and len(word) + 1 + len(hit.comm) <= COMM_MAX \
                        and ends_in_log_prefix(head + " "):
                    return rest
                # ... or at the blank after a colon inside the comm ("kernel: [71553.093623]kworker/1:" / "0: page
                # allocation failure: ..."): a comm's last word alone cannot start with a digit (colon_blank_comm)
                # (not a number both lines start with: a paste's line numbers, "6: ... kernel: swapper/21:" / "7:
                # page allocation failure: ...", the header cut after the comm's colon; a re-quoted rest's "> " is
                # no such number: "> ... kernel: [71553.093623]kworker/1:" / "> 0: page allocation failure: ...")
                if hit.comm and hit.comm[:1].isdigit() and word.endswith(":") \
                        and colon_blank_comm(held.text.rstrip() + " " + hit.comm) is not None \
                        and outer_lead_end(held.text[:MAX_LEAD], line) <= hit.comm_end - len(hit.comm):
                    return rest
            elif quote.strip() and quote[-1:] in " \t" and held.text[-1:] == "]" and quote[:1] != "[" \
                    and (ends := ends_in_log_prefix(held.text)) and outer_lead_end(held.text[:MAX_LEAD], line) == len(quote):
                # ... behind the outer part both lines start with, a paste's line number or counter (digits free:
                # "    17\t[  659.105948][ T3124]" / "    18\tkworker/2:1H: page", the log prefix a console glued
                # behind another record's text, the header wrapped after it): the line holds no header of its own
                return line[len(quote):].strip()
            elif (inner := _behind_shared_quote(quote, held.text))[:1] in ("[", "<") \
                    and (ends := ends_in_log_prefix(held.text)) and split_prefix(inner).known \
                    and not split_prefix(inner).body.strip() and split_prefix(inner).host is None:
                # ... or between a syslog prefix and the kernel's own ("... localhost kernel:" / "[19625.248000]
                # Xorg: page allocation failure ..."): the rest carries the uptime or level (a line naming a host
                # is a syslog line of its own: "<4>1 ... web1 kernel - - - kernel: rsync: ..." under the same
                # prefix left alone by a fence, "... kernel: ```"); so behind the quote or indentation both lines
                # start with, the rest re-quoted by the wrap ("> > > Nov 23 09:12:16 Nagle-LTS kernel:" / "> > >
                # [586581.925164] Xorg: page allocation failure: ...", a quoted mail wrapped at 72 again)
                return line[len(quote) - len(inner):].strip()
    if held.hit is None and (ends_in_log_prefix(held.text) if ends is None else ends):
        # ... and wrapped again inside the header's words ("kernel: [ 512.1]" / "crawl_4065_7997: vmalloc " /
        # "error: size ...": a wrap at 72 of a line already wrapped there)
        quote = _QUOTE.match(line).group()  # (the rest re-quoted: "> > > crawl_4065_7997: vmalloc ")
        rest = line[len(quote):] if quote.strip() and held.text.startswith(quote.rstrip()) else line
        if not quote.strip():
            # (or behind the outer part both lines start with, a paste's line number or counter, digits free:
            # "    17\t[  659.105948][ T3124]" / "    18\tkworker/2:1H: page", a log prefix a console glued behind
            # another record's text, then wrapped)
            rest = line[outer_lead_end(held.text[:MAX_LEAD], line):]
        cut = _COMM_THEN_WORDS.fullmatch(rest)
        if cut is not None and _still_cut(cut.group("comm"), cut.group("words")):
            return rest.strip()
        if _COMM_ALONE.fullmatch(rest) and held.text[-1:] == "]":
            # ... or cut again right after the comm's colon, the words on the line after ("> ... kernel: [126742.472373]"
            # / "> > > python3:" / "> > > > > > page allocation stalls for 10060ms, ...", quoted twice, re-wrapped); a
            # blank after the colon stays, as on the line uncut (4.9's "%s: " record: "... [335170.452601]" / "rsync: ")
            return rest.lstrip()
    piece = (nxt.body if nxt is not None else line).strip()
    if held.hit is not None:
        if nxt is not None and framing.known and piece[:1] == ",":
            return None  # a ", mode:" record of its own (pr_cont piece): the assembler finds its header
        if not piece and nxt is not None and (
                "gfp=" not in held.hit.rest if held.hit.commless
                else "mode:" not in held.hit.rest or held.hit.rest.rstrip().endswith(",")):
            # the prefix alone under a header without its mode, or whose mode's comma announces 4.11+'s
            # "nodemask=(null),cpuset=/,mems_allowed=0": a wrap moved that long word on; so under a SLUB/SLAB line
            # without its "gfp=" ("... kernel: [ 1303.085351] SLUB: Unable" / "to allocate memory on node -1," /
            # "... kernel:" / "gfp=0x400cc0(GFP_KERNEL_ACCOUNT)", a mail's wrapped block logged again and re-wrapped)
            return ""
        if header_unfinished(held.hit, piece):
            return piece
        unquoted = piece.lstrip(" \t>|")  # (re-quoted inside the framing: "kernel: >  mode:0x15080c0(...)")
        return unquoted if unquoted is not piece and piece[:1] in ">|" and header_unfinished(held.hit, unquoted) else None
    if not piece and nxt is not None and long_word_next(held):
        return ""  # the prefix alone before a word too long for the line (a memcg cache's name)
    if not piece and nxt is not None and held.pre is not None and stripped[-1:].isdigit():
        # a figure read as the framing's line number, the prefix alone ("> > > 0" under "> > >     31\t... min
        # order:"): the rest of a line cut before its last figure
        figure = stripped.lstrip(" \t>|")
        if figure.isdigit() and unfinished(held.pre.body, figure):
            return figure
    text = held.pre.body if held.pre is not None else held.text
    if framing is None or framing.trivial or nxt is None and held.hit is None and (held.pre is None or not held.pre.known):
        # No framing learned yet (a header cut inside its words; the open report's is another's): a quote
        # both lines start with is not text.
        quote = _QUOTE.match(held.text).group()
        lead = _QUOTE.match(line).group()
        if quote and lead and (quote.startswith(lead.rstrip()) or lead.startswith(quote.rstrip())):
            # "> " re-quoted under ">     " too; or deeper than the held line, a rest quoted with fewer signs than
            # its line by a second re-quoting wrap ("> > > python3:" / "> > > > > > page allocation stalls ...")
            piece = line[len(lead):].strip()
        elif lead and not quote and header_split(text, line[len(lead):].strip()):
            # header words cut twice: a re-quoting wrap's rest, wrapped again where the quote was lost ("> > > ...
            # solved.>" / "NetworkManager: page" / "> > > allocation failure. order:3, ...")
            return line[len(lead):].strip()
        elif _header_cut(text) and (shared := outer_lead_end(held.text[:MAX_LEAD], line)) \
                and header_split(text, line[shared:].strip()):
            # ... or behind the outer part both lines start with, digits free (a paste's line numbers: "     1\t>
            # [  659.105948][ T3124] kworker/2:1H:" / "     2\t> page" / "     3\t> allocation failure: ...")
            return line[shared:].strip()
    if header_split(text, piece, piece in _NUMBER_NEXT and _bare(held.text, line, piece)) or vmap_split(text, piece) \
            or unfinished(text, piece) or cut_inside_word(text, piece):
        return piece
    if text[-1:] in (" ", "\t") and not held.joined and text.rstrip(" \t").endswith(":") \
            and (held.pre is None or not held.pre.known or not split_prefix(line).known) \
            and header_split(text.rstrip(" \t"), piece):
        # cut at the comm's colon, blanks a paste left there, before any framing is learned (as above); behind a
        # log prefix "comm: " is 4.9's pr_cont piece, a record of its own, unless the words go on behind no log
        # prefix at all (a wrap's rest: logcat's "... W Binder  : 31542_2:  " / "page allocation failure: ...")
        return piece
    if framing is None or framing.trivial or nxt is None and held.hit is None and (held.pre is None or not held.pre.known):
        # ... nor is any prefix both lines start with, digit runs free (a paste's line numbers before a
        # header cut inside its words, before any framing could be learned: "    10\t... sshd: page
        # allocation" / "    11\tfailure: order:0, mode:0x20"; or a tag and a quote outside the framing of the
        # report open, a sentence's: "kernel: > [ 9.545152] xen-balloon: vmemmap alloc" / "kernel: > failure: ...")
        lead = outer_lead_end(held.text[:MAX_LEAD], line)
        if lead and not (line[:lead] != held.text[:lead] and _other_time(held.text, line, lead)):
            # (a lead holding another time is a receiver's stamp on a record of its own: "> 2017-01-17T11:08:33.754562
            # +03:00 storage8 [335170.452601] rsync: " / "> 2017-01-17T11:08:33.754574+03:00 page allocation stalls",
            # 4.9's pr_cont pieces under a netconsole receiver, the second wrapped before "for")
            piece = line[lead:].strip()
            if header_split(text, piece) or vmap_split(text, piece) or unfinished(text, piece):
                return piece
    if (held.pre is None or not held.pre.known) and ("CPU:" in text or "Pid:" in text):
        # a task line behind a prefix not learned (a prompt, a counter, a quote: "root@web1:~# [ 165.847028] CPU: 253
        # PID: 4995 Comm:" / "systemd-udevd Not tainted ..."), read from its start as the vmap rule reads it
        # (the rest behind the lead both lines share, or whole: a counter's digits are no line number, "041DD < 4>
        # ... CPU: 253 PID:" / "4995 Comm: ...")
        task = _TASK_BEHIND.search(text)
        for rest in (piece, line[len(_QUOTE.match(line).group()):].strip()) if task is not None else ():
            if unfinished(text[task.start():], rest) and TASK_IN_LINE.match(text[task.start():].rstrip() + " " + rest):
                return rest
    return None


_CLOCK = re.compile(r"\d:\d\d:\d\d(?:[.,]\d+)?")


def _other_time(held_text, line, lead):
    """The outer lead ``held_text`` and ``line`` share, digits free, holds a time of day that differs between them."""
    mine = _CLOCK.search(line, 0, lead)
    theirs = _CLOCK.search(held_text, 0, lead) if mine is not None else None
    return theirs is not None and mine.group() != theirs.group()


def _bare(held_text, line, piece):
    """``line`` holds nothing before ``piece`` but quote signs, or the outer part (a paste's line number, a prompt)
    it shares with ``held_text``: no prefix of its own."""
    if line.lstrip(" \t>|").startswith(piece):
        return True
    lead = outer_lead_end(held_text[:MAX_LEAD], line)
    return bool(lead) and line[lead:].lstrip(" \t>|").startswith(piece)


def _behind_shared_quote(quote, held_text):
    """``quote`` (what stands before a header's comm on its line) without the quote signs or indentation that
    open it when ``held_text``, the line held before it, opens with the same ones: the part of its own.

    >>> _behind_shared_quote("> > [586581.925164] ", "> > Nov 23 09:12:16 Nagle-LTS kernel:")
    '[586581.925164] '
    >>> _behind_shared_quote("[19625.248000] ", "Nov 14 13:07:00 localhost kernel:")
    '[19625.248000] '
    >>> _behind_shared_quote("> [19625.248000] ", "Nov 14 13:07:00 localhost kernel:")  # (quoted alone: kept)
    '> [19625.248000] '
    """
    lead = _QUOTE.match(quote).group()
    lead = lead[:len(lead) - len(lead.lstrip(" \t>|"))]  # (quote signs and blanks only: no '#', '*' or ':')
    if lead and held_text.startswith(lead.rstrip()) and _QUOTE.match(held_text).group().rstrip() == lead.rstrip():
        return quote[len(lead):]
    return quote


_COMM_ALONE = re.compile(r"\s*\S{1,15}(?:\(\d{1,7}\))?:\s*")  # (a debug patch's "comm(pid):" too)
_COMM_THEN_WORDS = re.compile(r"\s*(?P<comm>\S{1,15}:) (?P<words>\S.*?)\s*")


def comm_alone(line):
    """``line`` holds a comm and its colon alone (behind quote signs): the rest of a line a wrap cut right after
    its log prefix, the header's words still to come (``> ... [  525.138934]`` / ``a.out(4051):`` / ``> page
    allocation stalls for 395440ms, order:0``, a quoted capture re-quoted and wrapped again).

    >>> comm_alone("> > > a.out(4051):"), comm_alone("kworker/0:5(4629):"), comm_alone("Call Trace:")
    (True, True, False)
    """
    return _COMM_ALONE.fullmatch(line.lstrip(" \t>|")) is not None
