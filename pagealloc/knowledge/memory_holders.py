"""
Who holds the memory - the big consumers /proc/meminfo and /proc/slabinfo show
=============================================================================

When reports show memory exhausted rather than a small reserve, the next
question is who holds it.  From the sosreport (collection time, not failure
time; sos ``memory`` plugin: ``proc/meminfo``, ``proc/slabinfo``):

* ``SUnreclaim`` - unreclaimable slab (kernel objects reclaim cannot free);
* ``HugePages_Total x Hugepagesize`` - the hugetlbfs pool, never available to
  other allocations whether used or not;
* ``Shmem`` - tmpfs and shared memory, reclaimable only by swapping;
* ``AnonPages``, ``PageTables`` for scale;
* the largest slab caches (``num_objs x objsize``, /proc/slabinfo 2.1 columns).

A holder is *notable* from ``NOTABLE_SHARE`` of MemTotal.

Examples:
    >>> mi = {"memtotal": 1048576 * 1024, "sunreclaim": 262144 * 1024, "shmem": 10240 * 1024,
    ...       "hugepages_total": 0, "hugepagesize": 2048 * 1024, "anonpages": 1024 * 1024}
    >>> [(h["name"], h["kb"], h["share"], h["notable"]) for h in holders(mi)][:2]
    [('unreclaimable slab (SUnreclaim)', 262144, 0.25, True), ('shmem/tmpfs (Shmem)', 10240, 0.01, False)]
"""

NOTABLE_SHARE = 0.10
TOP_CACHES = 5
PAGE_KB = 4


def _kb(meminfo, key):
    value = meminfo.get(key)
    return value // 1024 if isinstance(value, int) else None


def holders(meminfo, slabinfo=None):
    """``[{name, kb, share, notable}]`` largest first; slab caches when /proc/slabinfo was read."""
    total = _kb(meminfo, "memtotal")
    if not total:
        return []
    out = []
    for name, key in (("unreclaimable slab (SUnreclaim)", "sunreclaim"), ("shmem/tmpfs (Shmem)", "shmem"),
                      ("anonymous memory (AnonPages)", "anonpages"), ("page tables (PageTables)", "pagetables")):
        kb = _kb(meminfo, key)
        if kb is not None:
            out.append({"name": name, "kb": kb})
    pages, size = meminfo.get("hugepages_total"), _kb(meminfo, "hugepagesize")
    if isinstance(pages, int) and pages and size:
        out.append({"name": "hugetlbfs pool (HugePages_Total x Hugepagesize)", "kb": pages * size})
    for cache, kb in top_slab_caches(slabinfo):
        out.append({"name": "slab cache %s" % cache, "kb": kb})
    for holder in out:
        holder["share"] = round(holder["kb"] / total, 2)
        holder["notable"] = holder["kb"] >= NOTABLE_SHARE * total and not holder["name"].startswith("anonymous")
    return sorted(out, key=lambda h: -h["kb"])


def top_slab_caches(slabinfo, top=TOP_CACHES):
    """``[(cache, kB)]`` of the largest caches: num_objs x objsize."""
    sizes = []
    for cache, row in ((slabinfo or {}).items()):
        try:
            sizes.append((cache, int(row["num_objs"]) * int(row["objsize"]) // 1024))
        except (KeyError, ValueError, TypeError):
            continue
    return sorted(sizes, key=lambda item: -item[1])[:top]
