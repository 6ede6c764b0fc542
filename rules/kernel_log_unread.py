"""
KERNEL_LOG_UNREAD - nothing of a kernel log was read: no verdict about failures
==============================================================================

Reads :class:`pagealloc.combiners.kernel_logs_read.KernelLogsRead` and, when
collected, :class:`pagealloc.combiners.memory_picture.MemoryPicture`.

"No failure found" needs a kernel log that was read.  When the input held
none (an archive without dmesg or /var/log), only files without a kernel line
(an auth.log given as the log), or the live host refused dmesg and the journal
(not root), the answer is ``make_info`` INSUFFICIENT_DATA with ``reason``
"kernel_log_unread", ``unread`` (what was missing or refused, in words) and
``logs`` (each file read and what it held).  The memory picture is still
shown (the result carries it); ``pagealloc triage`` exits 2 (docs/triage.md).
"""

from insights.core.plugins import make_info, rule

from pagealloc.combiners.kernel_logs_read import KernelLogsRead
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.knowledge.references import KERNEL_LOG_LINKS

INSUFFICIENT_DATA_KEY = "INSUFFICIENT_DATA"
REASON = "kernel_log_unread"

CONTENT = {INSUFFICIENT_DATA_KEY: """No kernel log was read ({{ unread|join("; ") }}): collect it (dmesg as root, /var/log/messages or kern.log, journalctl -k) and analyse again."""}


@rule(KernelLogsRead, optional=[MemoryPicture], links=KERNEL_LOG_LINKS, tags=["memory", "logs"])
def report(logs_read, picture):
    if logs_read.read_any:
        return None
    return make_info(INSUFFICIENT_DATA_KEY, reason=REASON, unread=list(logs_read.unread), logs=list(logs_read.logs),
                     memory_picture_read=picture is not None and (picture.memory.mem_total.known or
                                                                  picture.reserve.current.known))
