"""
MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH - the atomic reserve ran out off the receive path
=======================================================================================

Order-0 atomic failures with ``__GFP_HIGH`` (GFP_ATOMIC) whose traces all show a path
other than network receive: a SCSI completion, a USB tasklet, a socket's allocation in
process context.  They drained the same reserve below ``min`` that ``vm.min_free_kbytes``
sizes (``gfp_to_alloc_flags()`` gives them ALLOC_HIGH, mm/page_alloc.c), so the verdict is
the main rule's, computed by the same code (:mod:`pagealloc.rules.min_free_kbytes_low_atomic_rx`:
the host's reserve against its default, the watermark replay on the reports' zone lines,
the policy's value) with the confidence one level lower (``path_not_receive``).  It has a
key of its own so that MIN_FREE_KBYTES_LOW_ATOMIC_RX always names a receive failure (or one
whose trace was lost): a fleet counting that key counts receive failures.  When receive
reports are there too, the main rule judges them all and this rule says nothing.

Responses: ``make_fail`` MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH with the main rule's details
(failures, evidence, min_free_kbytes, recommendation, remediation, replay, confidence, ...);
otherwise the main rule's own answer for such failures under its key (INSUFFICIENT_DATA,
RESERVE_NOT_SHOWN_EXHAUSTED, MIN_FREE_KBYTES_RAISED_STILL_FAILING,
MIN_FREE_KBYTES_AT_POLICY_LIMIT).  The recommendation policy is the main rule's
(configured under ``pagealloc.rules.min_free_kbytes_low_atomic_rx``).

Example (the seed's 2.6.32 report with its receive frames swapped for a SCSI completion's):
the host's reserve is at its default (2038 kB), the zones below the atomic floor, so the
answer is a fail with the path named, 4096 kB recommended, confidence "medium".
"""

from insights.core import dr
from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.combiners.kernel_logs_read import KernelLogsRead
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.combiners.rx_evidence import RxEvidence
from pagealloc.knowledge.recommendation import policy_from_metadata
from pagealloc.knowledge.references import RESERVE_LINKS
from pagealloc.rules import min_free_kbytes_low_atomic_rx as main_rule
from pagealloc.words import with_counted

ERROR_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_OTHER_PATH"
# The main rule's other answers for these failures come through with their keys (and its words).
AT_LIMIT_KEY = main_rule.AT_LIMIT_KEY
INSUFFICIENT_DATA_KEY = main_rule.INSUFFICIENT_DATA_KEY
NOT_EXHAUSTED_KEY = main_rule.NOT_EXHAUSTED_KEY
RAISED_KEY = main_rule.RAISED_KEY

CONTENT = dict({key: main_rule.CONTENT[key] for key in (AT_LIMIT_KEY, INSUFFICIENT_DATA_KEY, NOT_EXHAUSTED_KEY, RAISED_KEY)},
               **{ERROR_KEY: with_counted(main_rule._FAILURES + """, with vm.min_free_kbytes at the kernel default ({% if min_free_kbytes.current_estimate %}about {% endif %}{{ min_free_kbytes.current }} kB): the atomic reserve ran out on this path.
Raise it to {{ recommendation.value }} kB: {{ remediation.runtime_command }}, persisted in {{ remediation.sysctl_d_file.path }} (confidence {{ confidence.level }}); and look at what this caller allocates in bursts.""")})


@rule(AllocFailures, optional=[MemoryPicture, FailureTimeline, KernelLogsRead, RxEvidence], links=RESERVE_LINKS,
      tags=["memory", "sysctl"])
def report(failures, picture, timeline=None, logs_read=None, rx=None):
    policy = policy_from_metadata(dr.get_metadata(main_rule.report))  # one policy for the reserve, the main rule's
    sorted_out = main_rule.SortedOut.of(failures, picture, timeline, rx, policy)
    if not sorted_out.other_paths_only:
        return None
    answer = main_rule.with_rx_failures(sorted_out.case, sorted_out.counted, sorted_out.foreign)
    if answer.get("error_key") != main_rule.ERROR_KEY:
        return answer
    return make_fail(ERROR_KEY, **{k: v for k, v in answer.items() if k not in ("type", "error_key")})
