"""
Fleet hosts - one row per machine, not per archive
==================================================

A nightly collection gives one archive per host per night, so a results file
of a week holds seven archives of every host.  The report counts machines:
archives are grouped by host identity and the latest archive of each host
gives its figures (the headline counts, the hosts to fix, the charts); the
number of archives seen for the host is kept beside it.

Host identity (:func:`host_key`), strongest first:

* host name + ``/etc/machine-id`` (systemd's per-installation id; sos's
  ``dbus`` plugin copies it): two VMs cloned with the same name stay apart;
* host name + MemTotal: a rebuilt machine with the same name and size is the
  same host to an operator, a resized one is not;
* host name + kernel release (plain logs have no MemTotal);
* host name alone;
* no host name at all: the archive is its own host (its path).

The kernel is deliberately not part of the identity when MemTotal is known:
a kernel upgrade is a common fix and must not make the fixed host look new.

"Latest" is the newest ``archive_time`` (the archive's modification time),
then the source path (sosreport names end in the collection date).

Examples:
    >>> host_key({"host": "web1", "machine_id": "4f3fbfda59ff4aea969255a73342d439", "mem_total_kb": 1})
    'web1 machine-id 4f3fbfda59ff4aea969255a73342d439'
    >>> host_key({"host": "web1", "machine_id": None, "mem_total_kb": 8009884, "kernel": "4.18.0"})
    'web1 MemTotal 8009884 kB'
    >>> host_key({"host": "web1", "kernel": "2.6.32-5-686"})
    'web1 kernel 2.6.32-5-686'
    >>> host_key({"host": None, "source": "/srv/x.tar.xz"})
    'archive /srv/x.tar.xz'
    >>> rows = [{"host": "web1", "mem_total_kb": 8, "source": "/s/web1-02.tar.xz", "archive_time": None},
    ...         {"host": "web1", "mem_total_kb": 8, "source": "/s/web1-01.tar.xz", "archive_time": None},
    ...         {"host": "db1", "mem_total_kb": 8, "source": "/s/db1-01.tar.xz", "archive_time": None}]
    >>> [(h["host"], h["source"], h["archives"]) for h in group_by_host(rows)]
    [('db1', '/s/db1-01.tar.xz', 1), ('web1', '/s/web1-02.tar.xz', 2)]
"""


def host_key(row):
    """The identity of the machine an archive (a report row or a record's fields) comes from."""
    host = row.get("host")
    if not host:
        return "archive %s" % row.get("source")
    if row.get("machine_id"):
        return "%s machine-id %s" % (host, row["machine_id"])
    if row.get("mem_total_kb"):
        return "%s MemTotal %d kB" % (host, row["mem_total_kb"])
    if row.get("kernel"):
        return "%s kernel %s" % (host, row["kernel"])
    return str(host)


def archive_order(row):
    """Sort key: older archives first (unknown times before known ones, then by path)."""
    return (row.get("archive_time") or "", row.get("source") or "")


def group_by_host(rows):
    """One row per host: its latest archive's row plus ``host_id``, ``archives`` and ``first_archive``.

    Sorted by host name, then identity.
    """
    groups = {}
    for row in rows:
        groups.setdefault(host_key(row), []).append(row)
    hosts = []
    for key, members in groups.items():
        members.sort(key=archive_order)
        latest = dict(members[-1])
        latest["host_id"] = key
        latest["archives"] = len(members)
        latest["first_archive"] = members[0]["source"]
        hosts.append(latest)
    hosts.sort(key=lambda h: (h.get("host") or "", h["host_id"]))
    return hosts
