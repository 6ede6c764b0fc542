"""
KNOWN_KERNEL_BUG - a page allocation failure that a kernel update fixes
=======================================================================

Reads :class:`pagealloc.combiners.alloc_failures.AllocFailures` and, when
collected, :class:`pagealloc.combiners.memory_picture.MemoryPicture` (the
host's kernel release when a report printed none).

Fires when an order-0 atomic failure report matches the symptom of a row of
:data:`pagealloc.knowledge.known_bugs.KNOWN_BUGS` (replayed with
:mod:`pagealloc.knowledge.watermark_replay`) on a kernel the row says is
affected, or possibly affected (a distribution build that hides the upstream
sublevel).  First row: CVE-2024-50219, a zone above its atomic floor with a
highatomic reserve (``reserved_highatomic:``) on 5.9 up to the fixed stable
releases: the answer is a kernel update; raising vm.min_free_kbytes is only a
stopgap (more free pages outside the highatomic blocks).

Details: ``bugs`` [{``id``, ``title``, ``status`` (affected /
possibly_affected), ``status_detail``, ``kernel``, ``fixed_in``, ``fix``,
``function``, ``source``, ``url``, ``note``, ``advice``, ``zones``
[{node, zone, usable_free_pages, threshold_pages, highatomic_pages}],
``reports`` (how many reports match)}], ``failures`` (summary).
"""

from insights.core.plugins import make_fail, rule

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.failure_summary import is_page_allocation_failure, summarize_failures
from pagealloc.knowledge.known_bugs import match_report
from pagealloc.knowledge.references import KERNEL_DOCS_MIN_FREE_KBYTES, links
from pagealloc.knowledge.watermark_replay import replay_event
from pagealloc.words import with_counted

ERROR_KEY = "KNOWN_KERNEL_BUG"

CONTENT = with_counted("""{%- for bug in bugs %}{{ " " if not loop.first }}{{ bug.id }} ({{ bug.title }}) matches {{ counted(bug.reports, "report") }} on kernel {{ bug.kernel }}: update the kernel to a release with the fix ({{ bug.fixed_in|join(", ") }}).{% endfor %}""")

LINKS = links(("kernel_fix", ["https://git.kernel.org/stable/c/281dd25c1a018261a04d1b8bf41a0674000bfe38",
                              "https://cve.org/CVERecord/?id=CVE-2024-50219"]),
              ("kernel_docs", [KERNEL_DOCS_MIN_FREE_KBYTES]))


def is_order0_atomic(event):
    return is_page_allocation_failure(event) and event.order == 0 and event.atomic is True


@rule(AllocFailures, optional=[MemoryPicture, FailureTimeline], links=LINKS, tags=["memory", "kernel"])
def report(failures, picture, timeline=None):
    host_release = picture.identity.kernel_release if picture is not None else None
    found, events = {}, []
    for event in host_events(failures.events, timeline):  # another host's reports never count here
        if not is_order0_atomic(event):
            continue
        for bug in match_report(replay_event(event), event.kernel or host_release):
            if bug["id"] not in found:
                found[bug["id"]] = dict(bug, reports=0)
            found[bug["id"]]["reports"] += 1
            events.append(event)
    if not found:
        return None
    return make_fail(ERROR_KEY, bugs=list(found.values()), failures=summarize_failures(events))
