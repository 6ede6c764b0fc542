"""
Remediation - the commands and the sysctl.d file that persist a value
=====================================================================

Pure helpers that turn a recommended ``vm.min_free_kbytes`` and the host's
persisted configuration (:class:`pagealloc.knowledge.sysctl_resolution.Resolution`,
``PersistedConfig.resolution``) into
what a support engineer pastes: the runtime command, a sysctl.d file whose
name sorts after every file that already sets the key, the apply command and
the conflicts to clean up.  The file name comes from
:func:`pagealloc.knowledge.sysctl_precedence.proposed_file_name`.

Precedence facts used (procps ``sysctl --system``, systemd-sysctl, TuneD; see
docs/recommendation.md): sysctl.d files from all directories are applied in
file-name order, so the last name wins; ``/etc/sysctl.conf`` is applied after
all of them by ``sysctl --system`` (and through the ``99-sysctl.conf`` link by
systemd), so a value there cannot be out-sorted and must change; TuneD
re-applies the user's sysctl.d files after its profile.  Bare ``sysctl -p``
reads only /etc/sysctl.conf, so the apply command names the new file.

Examples:
    >>> from pagealloc.knowledge.sysctl_resolution import resolution_of
    >>> build_remediation(4096, resolution_of({"files": []}))["sysctl_d_file"]
    {'path': '/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf', 'content': 'vm.min_free_kbytes = 4096\\n'}
    >>> sysctl_d_file_content(4096)
    'vm.min_free_kbytes = 4096\\n'
    >>> runtime_command(4096)
    'sysctl -w vm.min_free_kbytes=4096'
"""

from pagealloc.knowledge.sysctl_precedence import MIN_FREE_KBYTES, SYSCTL_CONF, proposed_file_name
from pagealloc.knowledge.sysctl_resolution import resolution_of


def sysctl_d_file_content(value_kb):
    return "%s = %d\n" % (MIN_FREE_KBYTES, value_kb)


def runtime_command(value_kb):
    return "sysctl -w %s=%d" % (MIN_FREE_KBYTES, value_kb)


def _files_setting_key(persisted):
    """(path, value, line) of every file that sets the key, /etc/sysctl.conf included."""
    rows = [(f.path, f.value, f.line) for f in persisted.files]
    conf_value = persisted.sysctl_conf_value
    if conf_value is not None and not any(path == SYSCTL_CONF for path, _, _ in rows):
        rows.append((SYSCTL_CONF, conf_value, None))
    return rows


def conflicts(persisted, value_kb):
    """
    Files that set another value.  ``must_change`` is true for /etc/sysctl.conf
    (applied last, cannot be out-sorted); the others are overridden by the new
    file and listed so that nobody is surprised by them later.
    """
    out = []
    for path, value, line in _files_setting_key(persisted):
        if value == value_kb:
            continue
        is_conf = path == SYSCTL_CONF
        out.append({
            "path": path,
            "line": line,
            "value": value,
            "must_change": is_conf,
            "reason": "applied_last_by_sysctl_system" if is_conf else "overridden_by_new_file",
        })
    return out


def tuned_note(persisted):
    """
    What to know when a TuneD profile sets the key, or may set it because its
    tuned.conf was not collected (``conf_collected`` False, ``value`` None);
    None when the active profiles were read and none sets it.
    """
    tuned = persisted.tuned
    if tuned is None or (tuned.value is None and tuned.conf_collected):
        return None
    note = {
        "profile": tuned.profile,
        "value": tuned.value,
        "file": tuned.file,
        # TuneD applies its profile, then re-applies /run and /etc sysctl.d and
        # /etc/sysctl.conf (tuned/plugins/plugin_sysctl.py SYSCTL_CONFIG_DIRS,
        # option reapply_sysctl, on by default).
        "overridden_by_new_file": True,
    }
    if not tuned.conf_collected:
        note["conf_collected"] = False
    return note


def unusable_settings(persisted):
    """Lines that try to set the key with a value the kernel rejects (sysctl_precedence
    reports them as "vm.min_free_kbytes = 'RAW': reason"): they change nothing and must be fixed."""
    prefix = MIN_FREE_KBYTES + " = "
    return [e for e in persisted.errors if str(e.get("reason", "")).startswith(prefix)]


def build_remediation(value_kb, persisted):
    """
    The ``remediation`` details block.  ``persisted`` is the persisted
    configuration (a :class:`~pagealloc.knowledge.sysctl_resolution.Resolution`),
    or None when no sysctl configuration was collected (the file name is then
    the default and ``conflicts`` is None: unknown).
    """
    known = persisted is not None
    persisted = persisted if known else resolution_of({})
    # The name sorts after every sysctl.d file setting the key (sysctl_precedence).
    path = proposed_file_name({"files": [{"path": f.path} for f in persisted.files]})
    return {
        "runtime_command": runtime_command(value_kb),
        "sysctl_d_file": {"path": path, "content": sysctl_d_file_content(value_kb)},
        "apply_command": "sysctl -p %s" % path,
        "verify_command": "sysctl %s" % MIN_FREE_KBYTES,
        "conflicts": conflicts(persisted, value_kb) if known else None,
        "unusable_settings": unusable_settings(persisted) if known else None,
        "tuned": tuned_note(persisted),
    }
