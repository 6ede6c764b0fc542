"""
Load at failure time - what sar recorded around each failure
============================================================

Places each failure report's wall-clock time on sar's records
(:mod:`pagealloc.parsers.sar_text`, :mod:`pagealloc.parsers.sar_xml`) and
reads the interval that contains it: per-interface receive rate (``rxkB/s``,
``rxpck/s``), ``kbmemfree``, ``pgscank/s`` and ``pgscand/s``, with the
interface's median over the same sar file ("its daily median") for scale.

What cannot be known is said, never guessed:

* a report with only an uptime stamp (``[ 7873.855883]``, no syslog time)
  cannot be placed on sar's clock;
* sar's text report is in the host's local time, sadf's XML in UTC: a local
  log time is compared with UTC records only when the XML names the zone
  (sysstat 12.x ``<timezone>``), else it is not placed;
* syslog times have no year: the year comes from the sar file whose date has
  the same month and day;
* sar averages over its interval (10 minutes by default): a sub-second burst
  is diluted in it, so the rate shown is the interval's mean, a lower bound
  of the peak.

Examples:
    >>> parse_wallclock("Jun 17 21:19:45")
    (None, 6, 17, datetime.time(21, 19, 45), None)
    >>> parse_wallclock("2023-11-20T09:03:12.123456+01:00")[3:]
    (datetime.time(9, 3, 12, 123456), datetime.timedelta(seconds=3600))
    >>> parse_wallclock(None) is None
    True
"""

import datetime
import re
import statistics

_MONTHS = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}
_SYSLOG = re.compile(r"^(?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) (?P<time>\d\d:\d\d:\d\d(?:\.\d+)?)$")
_CTIME = re.compile(r"^[A-Z][a-z]{2} (?P<mon>[A-Z][a-z]{2}) +(?P<day>\d{1,2}) (?P<time>\d\d:\d\d:\d\d) (?P<year>\d{4})$")
_ISO = re.compile(r"^(?P<date>\d{4}-\d\d-\d\d)[T ](?P<time>\d\d:\d\d:\d\d(?:[.,]\d+)?)(?P<tz>Z|[+-]\d\d:?\d\d)?$")
# sar's default interval (sysstat cron/systemd timer: every 10 minutes).
COARSE_S = 60
KB_PER_MIB = 1024.0


def _time(text):
    text = text.replace(",", ".")
    whole, _, frac = text.partition(".")
    h, m, s = (int(x) for x in whole.split(":"))
    return datetime.time(h, m, s, int((frac + "000000")[:6]) if frac else 0)


def parse_wallclock(text):
    """``(year or None, month, day, time, utc offset or None)`` of a log's wall-clock stamp, or None."""
    if not text:
        return None
    text = text.strip()
    m = _SYSLOG.match(text)
    if m and m.group("mon") in _MONTHS:
        return None, _MONTHS[m.group("mon")], int(m.group("day")), _time(m.group("time")), None
    m = _CTIME.match(text)
    if m and m.group("mon") in _MONTHS:
        return int(m.group("year")), _MONTHS[m.group("mon")], int(m.group("day")), _time(m.group("time")), None
    m = _ISO.match(text)
    if m:
        year, month, day = (int(x) for x in m.group("date").split("-"))
        tz = m.group("tz")
        offset = None
        if tz:
            if tz == "Z":
                offset = datetime.timedelta(0)
            else:
                sign = -1 if tz[0] == "-" else 1
                digits = tz[1:].replace(":", "")
                offset = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return year, month, day, _time(m.group("time")), offset
    return None


def _zone_offset(zone_name, when):
    """UTC offset of an IANA zone at naive UTC time ``when``, or None."""
    if not zone_name:
        return None
    if zone_name.upper() in ("UTC", "GMT", "Z"):
        return datetime.timedelta(0)
    try:
        from zoneinfo import ZoneInfo
        return ZoneInfo(zone_name).utcoffset(when)
    except Exception:  # unknown zone name: not placed rather than guessed
        return None


def sar_series(datasets):
    """
    One timeline per clock from parsed sar files: ``{"local": [...], "UTC": [...]}`` of samples
    (``time``, ``interval_s``, values, ``file_date``, ``source``), sorted, duplicates (text and XML
    of the same records) kept once per clock.
    """
    out = {"local": {}, "UTC": {}}
    zones = set()
    for data in datasets:
        if data is None or not data.samples:
            continue
        if getattr(data, "timezone", None):
            zones.add(data.timezone)
        for sample in data.samples:
            entry = dict(sample, interval_s=sample.get("interval_s") or data.interval_s, file_date=data.file_date,
                         source=getattr(data, "file_path", None) or "sar")
            out[data.clock].setdefault(sample["time"], entry)
    return {clock: [v[k] for k in sorted(v)] for clock, v in out.items()}, sorted(zones)


def _daily_median(samples, iface, day):
    values = [s["net"][iface]["rxkB"] for s in samples
              if s.get("file_date") == day and iface in s.get("net", {}) and s["net"][iface]["rxkB"] is not None]
    return statistics.median(values) if values else None


def _busiest(sample):
    rates = [(v["rxkB"], name) for name, v in sample.get("net", {}).items()
             if name != "lo" and v.get("rxkB") is not None]
    return max(rates)[1] if rates else None


def _event_time(event, series, zones):
    """(clock, naive datetime on that clock) or (None, reason)."""
    parsed = parse_wallclock(event.get("wallclock"))
    if parsed is None:
        if event.get("timestamp") is not None:
            return None, "uptime_only"
        return None, "no_time"
    year, month, day, time, offset = parsed
    if offset is not None:  # an absolute time: UTC records, or local ones through the zone
        stamp = datetime.datetime(year, month, day, time.hour, time.minute, time.second, time.microsecond) - offset
        if series["UTC"]:
            return "UTC", stamp
        zone_offset = _zone_offset(zones[0], stamp) if len(zones) == 1 else None
        return ("local", stamp + zone_offset) if zone_offset is not None and series["local"] else (None, "zone_unknown")
    clock = "local" if series["local"] else "UTC"
    samples = series[clock]
    if not samples:
        return None, "no_sar"
    if year is None:  # syslog: the year of the sar file with this month and day
        years = sorted({s["file_date"].year for s in samples if s.get("file_date")
                        and (s["file_date"].month, s["file_date"].day) == (month, day)})
        if not years:
            return None, "no_sar_for_day"
        year = years[-1]
    stamp = datetime.datetime(year, month, day, time.hour, time.minute, time.second, time.microsecond)
    if clock == "UTC":
        zone_offset = _zone_offset(zones[0], stamp) if len(zones) == 1 else None
        if zone_offset is None:
            return None, "zone_unknown"
        stamp -= zone_offset  # local -> UTC (close enough across a DST change for a 10-minute grid)
    return clock, stamp


REASONS = {
    "uptime_only": "the report has only an uptime stamp: it cannot be placed on sar's clock",
    "no_time": "the report has no time at all",
    "no_sar": "no sar records were read",
    "no_sar_for_day": "no sar file covers the report's day",
    "zone_unknown": "the log's time and sar's are in different zones and the host's zone is unknown",
    "outside": "the report's time is outside the sar records read",
}


def load_at(event, series, zones, around=3):
    """The sar interval containing one event, or ``{"placed": False, "reason", "text"}``."""
    clock, stamp = _event_time(event, series, zones)
    if clock is None:
        return {"placed": False, "reason": stamp, "text": REASONS[stamp]}
    samples = series[clock]
    def contains(sample):
        interval = sample.get("interval_s") or 0
        return interval and sample["time"] - datetime.timedelta(seconds=interval) <= stamp <= sample["time"]
    i = next((index for index, sample in enumerate(samples) if contains(sample)), None)
    if i is None:
        return {"placed": False, "reason": "outside", "text": REASONS["outside"]}
    sample = samples[i]
    interval = sample["interval_s"]
    start = sample["time"] - datetime.timedelta(seconds=interval)
    iface = _busiest(sample)
    out = {"placed": True, "clock": clock, "time": stamp.isoformat(sep=" ", timespec="seconds"),
           "interval": {"start": start.isoformat(sep=" ", timespec="seconds"),
                        "end": sample["time"].isoformat(sep=" ", timespec="seconds"), "seconds": interval},
           "coarse": interval >= COARSE_S, "kbmemfree": sample.get("kbmemfree"),
           "pgscank": sample.get("pgscank"), "pgscand": sample.get("pgscand"), "iface": None,
           "source": sample.get("source")}
    if iface:
        net = sample["net"][iface]
        median = _daily_median(samples, iface, sample.get("file_date"))
        out["iface"] = {"name": iface, "rx_kB_s": net["rxkB"], "rx_pkt_s": net["rxpck"],
                        "rx_MiB_s": round(net["rxkB"] / KB_PER_MIB, 1), "median_kB_s": median,
                        "ratio": round(net["rxkB"] / median, 1) if median else None}
    lo, hi = max(0, i - around), min(len(samples), i + around + 1)
    out["around"] = [{"end": s["time"].isoformat(sep=" ", timespec="seconds"),
                      "rx_kB_s": (s.get("net", {}).get(iface) or {}).get("rxkB") if iface else None,
                      "kbmemfree": s.get("kbmemfree"), "pgscand": s.get("pgscand"), "pgscank": s.get("pgscank"),
                      "failure": s is sample} for s in samples[lo:hi]]
    return out


def sentence(load):
    """One line for a placed or unplaced failure."""
    if not load["placed"]:
        return "not placed: " + load["text"]
    parts = []
    iface = load["iface"]
    if iface:
        rate = "%s was receiving %.1f MiB/s (%.0f packets/s)" % (iface["name"], iface["rx_MiB_s"], iface["rx_pkt_s"] or 0)
        if iface["ratio"] is not None:
            rate += ", %.1fx its daily median" % iface["ratio"]
        parts.append(rate)
    if load["kbmemfree"] is not None:
        parts.append("kbmemfree %d kB" % load["kbmemfree"])
    if load["pgscank"] is not None:
        parts.append("pgscank/s %.1f, pgscand/s %.1f" % (load["pgscank"], load["pgscand"] or 0))
    text = "%s: %s, in sar's %d-second interval ending %s (%s)" % (
        load["time"], "; ".join(parts) or "no network or memory columns", load["interval"]["seconds"],
        load["interval"]["end"], "host local time" if load["clock"] == "local" else "UTC")
    if load["coarse"]:
        text += "; a %d-minute mean dilutes a sub-second burst: the peak was higher" % (load["interval"]["seconds"] // 60)
    return text
