"""
LoadAtFailure - the network and memory load sar recorded when each failure happened
===================================================================================

Joins the failure reports (:class:`pagealloc.combiners.alloc_failures.AllocFailures`)
with sar's records (:class:`pagealloc.parsers.sar_text.SarText`,
:class:`pagealloc.parsers.sar_xml.SarXml`) through
:mod:`pagealloc.knowledge.load_at_failure`.  Reports that fall in the same sar
interval share it (a burst is one interval); reports that cannot be placed
are counted by reason.  Reports of another system
(:class:`pagealloc.combiners.failure_timeline.FailureTimeline` role ``foreign``)
are never set against this host's sar: they are counted in ``other_systems``.

Examples:
    >>> [(i["reports"], i["load"]["iface"]["name"]) for i in load_at_failure.intervals]
    [(2, 'ens1f0')]
    >>> load_at_failure.unplaced
    {}
"""

from insights.core.plugins import combiner

from pagealloc.combiners.alloc_failures import AllocFailures
from pagealloc.combiners.failure_timeline import FailureTimeline
from pagealloc.knowledge.event_verdicts import host_events
from pagealloc.knowledge.load_at_failure import load_at, sar_series
from pagealloc.parsers.sar_text import SarText
from pagealloc.parsers.sar_xml import SarXml

MAX_CHART_POINTS = 400


@combiner(AllocFailures, [SarText, SarXml], optional=[FailureTimeline])
class LoadAtFailure(object):
    """
    Attributes:
        intervals (list): [{"load": load_at() result, "reports": n, "first": wallclock}] in time order.
        unplaced (dict): reason -> number of reports not placed.
        sources (list): the sar files read.
        chart (dict): {"iface", "points": [[end, rx_kB_s]], "failures": [end]} for the busiest
            interface over the sar days that hold failures, or None.
        other_systems (int): reports of another system, left out (their time is another host's).
    """

    def __init__(self, failures, sar_text, sar_xml, timeline=None):
        datasets = [d for d in (sar_text or []) + (sar_xml or []) if d is not None and not d.problem]
        self.sources = sorted({d.file_path for d in datasets if getattr(d, "file_path", None)})
        series, zones = sar_series(datasets)
        by_end, self.unplaced = {}, {}
        own = host_events(failures.events, timeline)
        self.other_systems = len(failures.events) - len(own)
        for event in own:
            load = load_at({"wallclock": event.wallclock, "timestamp": event.timestamp}, series, zones)
            if not load["placed"]:
                self.unplaced[load["reason"]] = self.unplaced.get(load["reason"], 0) + 1
                continue
            key = (load["clock"], load["interval"]["end"])
            entry = by_end.setdefault(key, {"load": load, "reports": 0, "first": event.wallclock})
            entry["reports"] += 1
        self.intervals = [by_end[k] for k in sorted(by_end)]
        self.chart = self._chart(series) if self.intervals else None

    def _chart(self, series):
        clock = self.intervals[0]["load"]["clock"]
        iface = next((i["load"]["iface"]["name"] for i in self.intervals if i["load"]["iface"]), None)
        if iface is None:
            return None
        days = {i["load"]["interval"]["end"][:10] for i in self.intervals if i["load"]["clock"] == clock}
        points = [[s["time"].isoformat(sep=" ", timespec="seconds"), s["net"][iface]["rxkB"]]
                  for s in series[clock] if s["time"].date().isoformat() in days and iface in s.get("net", {})]
        step = max(1, len(points) // MAX_CHART_POINTS)
        return {"iface": iface, "clock": clock, "points": points[::step],
                "failures": [i["load"]["interval"]["end"] for i in self.intervals if i["load"]["clock"] == clock]}
