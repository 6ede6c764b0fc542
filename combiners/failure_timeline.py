"""
FailureTimeline - each failure report placed on the host's timeline and matched
==============================================================================

For every event of :class:`~pagealloc.combiners.alloc_failures.AllocFailures`
(same order): the boot it belongs to and its kernel
(:mod:`pagealloc.knowledge.event_timeline`, boot markers from
:class:`~pagealloc.combiners.kernel_logs_read.KernelLogsRead`), the state its
report shows and how that compares with the analysed host
(:mod:`pagealloc.knowledge.event_match`: ``matches_host``, ``reasons``,
``role``).  The analysed state is the memory picture's *read* figures only:
``uname -r``, the host name, /proc/meminfo's MemTotal, the running
``vm.min_free_kbytes`` and the persisted one (settled values only); the
reports' own estimates never stand in for it (a plain log has no host state:
nothing is compared then, ``matches_host`` is None).

Examples:
    >>> entry = timeline.to_list()[0]       # the seed's dmesg alone: no host state to compare with
    >>> entry["matches_host"], entry["match"]["role"], entry["match"]["kernel"], entry["match"]["boot"]["current"]
    (None, 'current', '2.6.32-5-686', True)
"""

from insights.core.plugins import combiner

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.kernel_logs_read import KernelLogsRead
from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.knowledge import event_match, event_timeline


def host_state(picture):
    """The analysed state as :func:`pagealloc.knowledge.event_match.compare` takes it."""
    if picture is None:
        return {}
    current, persisted = picture.reserve.current, picture.persisted
    settled = persisted.value_settled and persisted.files_collected
    return {"hostname": picture.identity.hostname, "kernel_release": picture.identity.kernel_release,
            "mem_total_kb": picture.memory.mem_total.value, "min_free_kbytes": current.value,
            "min_free_kbytes_source": current.input,
            "persisted_kb": persisted.value.value if settled else None,
            "persisted_file": persisted.value.input if settled else None}


@combiner(AllocFailures, optional=[MemoryPicture, KernelLogsRead])
class FailureTimeline(object):
    """
    Attributes:
        entries (list): per event ``{"state", "placement", "match", "words"}``
        host (dict): the analysed state compared with
    """

    def __init__(self, failures, picture=None, logs_read=None):
        events = failures.events
        self.host = host_state(picture)
        sources = sorted({e.source for e in events if e.source})
        markers = logs_read.markers(sources) if logs_read is not None else {}
        placements = event_timeline.place_events(events, markers, self.host.get("kernel_release"))
        self._by_id = {}
        self.entries = []
        for event, placement in zip(events, placements):
            state = event_match.report_state(event, placement)
            match = event_match.compare(state, self.host)
            entry = {"event": event, "state": state, "placement": placement, "match": match,
                     "words": event_match.reasons_in_words(state, self.host, match["reasons"])}
            self._by_id[id(event)] = entry
            self.entries.append(entry)

    def entry(self, event):
        return self._by_id.get(id(event))

    def role(self, event):
        """The event's role (event_match.ROLES); "current" for an event not placed."""
        entry = self.entry(event)
        return entry["match"]["role"] if entry else "current"

    def by_role(self, events):
        """``{role: [events]}`` of the given events."""
        grouped = {role: [] for role in event_match.ROLES}
        for event in events:
            grouped[self.role(event)].append(event)
        return grouped

    def to_list(self):
        """Per event (AllocFailures order) what the result adds to it: ``matches_host`` and ``match``."""
        out = []
        for entry in self.entries:
            state, placement, match = entry["state"], entry["placement"], entry["match"]
            out.append({"matches_host": match["matches_host"], "match": {
                "role": match["role"], "reasons": match["reasons"], "reasons_in_words": entry["words"],
                "compared": match["compared"], "kernel": state["kernel"],
                "kernel_from": placement["kernel_from"], "host": state["host"],
                "reserve_kb": state["reserve_kb"], "mem_total_kb": state["mem_total_kb"],
                "boot": {"family": placement["family"], "boots_after": placement["boots_after"],
                         "current": placement["current"], "started": placement["boot_started"]}}})
        return out
