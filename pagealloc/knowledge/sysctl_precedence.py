"""
Sysctl precedence - which persisted file sets a key last
========================================================

Given every sysctl configuration file of a host (already parsed into key
assignments with line numbers), decide which value of a key survives:

* ``sysctl --system`` (procps-ng >= 3.3.17, sysctl.c ``PreloadSystem``): reads
  ``*.conf`` from /etc/sysctl.d, /run/sysctl.d, /usr/local/lib/sysctl.d,
  /usr/lib/sysctl.d, /lib/sysctl.d; a file name seen in an earlier directory
  masks the same name in later ones; the survivors are applied sorted by file
  name regardless of directory; /etc/sysctl.conf is applied last.
  (procps < 3.3.17 listed /run before /etc; only same-name masking differs.)
* systemd-sysctl (at boot; sysctl.d(5)): the same directories, same masking
  and name order, but no /etc/sysctl.conf, which it sees only through the
  ``99-sysctl.conf`` symlink distributions ship in /etc/sysctl.d.
* TuneD (tuned/plugins/plugin_sysctl.py, ``SYSCTL_CONFIG_DIRS``): applies its
  profile's [sysctl], then re-applies /run/sysctl.d and /etc/sysctl.d (name
  order, /run masking /etc) and /etc/sysctl.conf: user files there win over
  the profile; /usr/lib files do not.

A value the kernel would reject (not an integer, negative, beyond INT_MAX:
``proc_dointvec_minmax`` returns -EINVAL) changes nothing, so the previous
value stays; such lines are reported as unusable.

Examples:
    >>> files = [
    ...     {"path": "/usr/lib/sysctl.d/50-vendor.conf",
    ...      "settings": {"vm.min_free_kbytes": [(3, "90112")]}},
    ...     {"path": "/etc/sysctl.d/90-local.conf",
    ...      "settings": {"vm.min_free_kbytes": [(1, "135168")]}},
    ... ]
    >>> p = resolve(files)
    >>> p["value"], p["winning_file"]
    (135168, '/etc/sysctl.d/90-local.conf')
    >>> proposed_file_name(p)
    '/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf'
"""

import posixpath

MIN_FREE_KBYTES = "vm.min_free_kbytes"
SYSCTL_CONF = "/etc/sysctl.conf"
# Earlier directory masks a same-named file in a later one (procps >= 3.3.17, systemd).
SYSCTL_D_DIRS = ("/etc/sysctl.d", "/run/sysctl.d", "/usr/local/lib/sysctl.d", "/usr/lib/sysctl.d",
                 "/lib/sysctl.d")
# TuneD re-applies only these (tuned plugin_sysctl.py SYSCTL_CONFIG_DIRS), then /etc/sysctl.conf.
TUNED_REAPPLIED_DIRS = ("/run/sysctl.d", "/etc/sysctl.d")
# proc_dointvec_minmax bounds for vm.min_free_kbytes (kernel/sysctl.c: extra1 = SYSCTL_ZERO).
INT_MAX = 2 ** 31 - 1
# Merged-/usr distributions make /lib a symlink to /usr/lib: the same file seen twice is not masking.
USRMERGE_ALIASES = {"/lib/sysctl.d": "/usr/lib/sysctl.d"}
PROPOSED_DIR = "/etc/sysctl.d"
PROPOSED_STEM = "pagealloc-min-free-kbytes.conf"


def hides_settings(path):
    """True when ``path`` (absolute in the host's tree), if it could not be read, may hide a file that
    sets a key at boot: /etc/sysctl.conf, a sysctl.d folder, a file in one, or a folder holding them.

    >>> [hides_settings(p) for p in ("/etc/sysctl.d", "/etc", "/usr/lib/sysctl.d/50-x.conf", "/etc/hosts", "/var")]
    [True, True, True, False, False]
    """
    path = posixpath.normpath("/" + path.lstrip("/"))
    for location in (SYSCTL_CONF,) + SYSCTL_D_DIRS:
        if location == path or location.startswith(path.rstrip("/") + "/") or path.startswith(location + "/"):
            return True
    return False


def normalize_key(key):
    """sysctl.d(5): '/' or '.' separate; when the first separator is '/', dots are literal.

    >>> normalize_key("vm/min_free_kbytes"), normalize_key("-vm.min_free_kbytes")
    ('vm.min_free_kbytes', 'vm.min_free_kbytes')
    """
    key = key.strip().lstrip("-")  # a leading '-' only silences errors (procps 4, systemd)
    slash, dot = key.find("/"), key.find(".")
    if slash != -1 and (dot == -1 or slash < dot):
        key = key.replace(".", "\0").replace("/", ".").replace("\0", "/")
    return key


def int_value(raw):
    """(value, None) for a value the kernel accepts, (None, reason) otherwise.

    >>> int_value(" 4096 "), int_value("4096 # comment")[1], int_value("99999999999")[1]
    ((4096, None), 'not an integer', 'above INT_MAX (kernel rejects it)')
    """
    text = (raw or "").strip()
    if not text:
        return None, "empty value"
    try:
        value = int(text, 10)
    except ValueError:
        return None, "not an integer"
    if value < 0:
        return None, "negative (kernel rejects it)"
    if value > INT_MAX:
        return None, "above INT_MAX (kernel rejects it)"
    return value, None


def _directory(path):
    return posixpath.dirname(path)


def effective_sysctl_d(paths, dirs=SYSCTL_D_DIRS):
    """(applied paths in order, masked paths): same-name masking by directory rank, then name order."""
    by_name, masked = {}, []
    ranked = sorted((p for p in paths if _directory(p) in dirs and p.endswith(".conf")),
                    key=lambda p: (dirs.index(_directory(p)), posixpath.basename(p)))
    for path in ranked:
        name = posixpath.basename(path)
        if name in by_name:
            if USRMERGE_ALIASES.get(_directory(path)) != _directory(by_name[name]):
                masked.append(path)
        else:
            by_name[name] = path
    return [by_name[name] for name in sorted(by_name)], masked


def _assignments(files_by_path, order, key, errors):
    """Usable (path, line, value) assignments of ``key`` in application order; bad ones to ``errors``."""
    out = []
    for path in order:
        for line, raw in files_by_path[path].get("settings", {}).get(key, []):
            value, reason = int_value(raw)
            if reason:
                errors.append({"path": path, "line": line, "reason": "%s = %r: %s" % (key, raw, reason)})
            else:
                out.append((path, line, value))
    return out


def resolve(files, key=MIN_FREE_KBYTES, sysctl_conf=None, tuned=None, current=None):
    """
    The persisted picture of ``key``.  ``files``: sysctl.d files as dicts
    ``{"path", "settings": {key: [(line, raw_value), ...]}, "errors": [...]}``;
    ``sysctl_conf``: /etc/sysctl.conf in the same form (or None); ``tuned``:
    ``{"profile", "value", "file", "line", "chain", "unread_profiles"}`` of the
    active TuneD profile (or None); ``current``: the runtime value, to say
    whether the persisted one is applied.  ``value_settled`` is False when an
    unread TuneD profile may set the key after every file seen: ``value`` is
    then not the last word and ``applied`` is None.
    """
    files_by_path, boot, conf, masked, errors = _system_assignments(files, sysctl_conf, key)
    system = boot + conf
    every = [{"path": p, "value": v, "line": line} for p, line, v in system]
    winner = system[-1] if system else None
    boot_winner = boot[-1] if boot else None

    result = {
        "key": key,
        "value": winner[2] if winner else None,
        "winning_file": winner[0] if winner else None,
        "winning_line": winner[1] if winner else None,
        "files": every,
        "sysctl_conf_value": conf[-1][2] if conf else None,
        "sysctl_conf_overrides": bool(conf and boot and conf[-1][2] != boot[-1][2]),
        "boot_value": boot_winner[2] if boot_winner else None,
        "boot_winning_file": boot_winner[0] if boot_winner else None,
        "masked": masked,
        "errors": errors,
        "tuned": None,
    }
    result["value_settled"] = True
    if tuned:
        _apply_tuned(result, tuned, files_by_path, key)
    settled = result["value_settled"] and result["value"] is not None
    result["applied"] = None if current is None or not settled else result["value"] == current
    return result


def _system_assignments(files, sysctl_conf, key):
    """``(files_by_path, boot, conf, masked, errors)``: the key's assignments in the
    sysctl.d files in the order systemd-sysctl reads them, then in /etc/sysctl.conf."""
    files_by_path = {f["path"]: f for f in files if f.get("path")}
    errors = [dict(e, path=f["path"]) for f in files for e in f.get("errors", [])]
    order, masked = effective_sysctl_d(files_by_path)
    errors.extend(dict(e, path=SYSCTL_CONF) for e in (sysctl_conf or {}).get("errors", []))
    if sysctl_conf is not None:
        files_by_path[SYSCTL_CONF] = dict(sysctl_conf, path=SYSCTL_CONF)
    boot = _assignments(files_by_path, order, key, errors)
    conf = _assignments(files_by_path, [SYSCTL_CONF], key, errors) if sysctl_conf is not None else []
    return files_by_path, boot, conf, masked, errors


def _apply_tuned(result, tuned, files_by_path, key):
    """The active TuneD profile's outcome, and its value when no user file overrides it."""
    outcome = result["tuned"] = _tuned_outcome(tuned, files_by_path, key)
    if tuned.get("value") is not None and not outcome["overridden"]:
        result["value"], result["winning_file"] = tuned["value"], tuned.get("file")
        result["winning_line"] = tuned.get("line")
    # An unread profile applied after the value found may set the key; only user
    # files TuneD re-applies afterwards make that irrelevant.
    result["value_settled"] = outcome["conf_collected"] or outcome["user_files_set_key"]


def _tuned_outcome(tuned, files_by_path, key):
    """
    Whether files TuneD re-applies after its profile (/run, /etc sysctl.d,
    sysctl.conf) set the key; ``overridden`` is False when the profile sets nothing.
    ``tuned["unread_profiles"]``: active or included profiles not collected that
    TuneD applies after the value found (``conf_collected`` is then False).
    """
    reapplied, _ = effective_sysctl_d(files_by_path, TUNED_REAPPLIED_DIRS)
    if SYSCTL_CONF in files_by_path:
        reapplied.append(SYSCTL_CONF)
    user = _assignments(files_by_path, reapplied, key, [])
    unread = list(tuned.get("unread_profiles") or [])
    return {
        "profile": tuned.get("profile"),
        "value": tuned["value"],
        "file": tuned.get("file"),
        "line": tuned.get("line"),
        "include_chain": tuned.get("chain", []),
        # Profiles whose tuned.conf was not in the input and that TuneD applies after the value found.
        "unread_profiles": unread,
        "conf_collected": not unread,
        "user_files_set_key": bool(user),
        "overridden": bool(user) and tuned.get("value") is not None,
        "overridden_by": user[-1][0] if user and tuned.get("value") is not None else None,
    }


def proposed_file_name(persisted, stem=PROPOSED_STEM):
    """
    A path in /etc/sysctl.d whose name sorts after every sysctl.d file that
    sets the key (``99-`` first; ``zz-`` style when a name already sorts after
    it).  /etc/sysctl.conf cannot be out-sorted: callers warn about it.

    >>> proposed_file_name({"files": [{"path": "/etc/sysctl.d/99-zzz.conf"}]})
    '/etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf'
    """
    names = [posixpath.basename(f["path"]) for f in persisted.get("files", [])
             if f.get("path") and f["path"] != SYSCTL_CONF]
    last = max(names, default="")
    for prefix in ("99-", "zz-", "zzz-"):
        if prefix + stem > last:
            return posixpath.join(PROPOSED_DIR, prefix + stem)
    return posixpath.join(PROPOSED_DIR, "z" * (len(last) + 1) + "-" + stem)
