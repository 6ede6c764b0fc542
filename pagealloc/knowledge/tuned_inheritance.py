"""
TuneD inheritance - which profile gives a sysctl its value
=========================================================

TuneD (tuned/profiles/loader.py and locator.py) loads each active profile by
name, looking in /etc/tuned before /usr/lib/tuned (a user copy overrides the
shipped one; TuneD 2.22+ adds a ``profiles/`` level under both).  A profile's
``include=`` profiles are loaded first and the including profile's settings
override theirs; with several active profiles (``tuned-adm profile a b``) the
later one wins.

Examples:
    >>> profiles = [
    ...     {"name": "hpc-compute", "location": "/usr/lib/tuned", "includes": ["latency-performance"],
    ...      "sysctl": {"vm.min_free_kbytes": (20, "135168")}},
    ...     {"name": "latency-performance", "location": "/usr/lib/tuned", "includes": [], "sysctl": {}},
    ... ]
    >>> tuned_sysctl_value(["hpc-compute"], profiles, "vm.min_free_kbytes")["raw_value"]
    '135168'
"""

import posixpath

# Search order: the first location that holds NAME/tuned.conf provides it.
PROFILE_LOCATIONS = ("/etc/tuned/profiles", "/etc/tuned", "/usr/lib/tuned/profiles", "/usr/lib/tuned")
MAX_INCLUDE_DEPTH = 16  # TuneD itself refuses include loops; we stop on them


def locate(profiles, name):
    """The profile dict named ``name`` from the highest-priority location, or None."""
    found = [p for p in profiles if p["name"] == name and p["location"] in PROFILE_LOCATIONS]
    return min(found, key=lambda p: PROFILE_LOCATIONS.index(p["location"]), default=None)


def tuned_sysctl_value(active, profiles, key):
    """
    ``{"profile", "raw_value", "file", "line", "chain", "missing", "unread_after"}``
    for ``key`` across the active profiles and their include chains, or None
    when every profile was read and none sets it.  ``missing`` lists profile
    names that were referenced but not in the input; ``unread_after`` those of
    them TuneD applies after the value found (all of them when none was found):
    any of these may set the key last, so the value is then not settled.

    >>> tuned_sysctl_value(["hpc-compute"], [], "vm.min_free_kbytes")["unread_after"]
    ['hpc-compute']
    """
    missing, chain, unread_after = [], [], []
    winner = None

    def visit(name, depth, seen):
        nonlocal winner
        if name in seen or depth > MAX_INCLUDE_DEPTH:
            return
        profile = locate(profiles, name)
        if profile is None:
            missing.append(name)
            unread_after.append(name)  # applied after every value found so far
            return
        # Includes are applied first, so the including profile overrides them.
        for included in profile.get("includes", []):
            visit(included, depth + 1, seen | {name})
        chain.append(name)
        if key in profile.get("sysctl", {}):
            line, raw = profile["sysctl"][key]
            winner = {"profile": name, "raw_value": raw, "line": line,
                      "file": posixpath.join(profile["location"], name, "tuned.conf")}
            unread_after.clear()

    for name in active:
        visit(name, 0, frozenset())
    if winner is None:
        winner = {"profile": None, "raw_value": None} if missing else None
    return None if winner is None else dict(winner, chain=chain, missing=missing, unread_after=unread_after)
