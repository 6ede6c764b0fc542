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

import re
from fractions import Fraction

from pagealloc.knowledge.sysctl_precedence import (
    MIN_FREE_KBYTES,
    SYSCTL_CONF,
    SYSCTL_D_DIRS,
    proposed_file_name,
)
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


# --- The guarded block: the fix when the input shows neither the running value nor the default ------------
# Every place that may set the key at boot (collect_next.BOOT_SETTERS greps the same ones): the sysctl
# files, the 5.8+ kernel command line (sysctl.vm.min_free_kbytes=), TuneD profiles.
BOOT_SETTERS = (SYSCTL_CONF,) + SYSCTL_D_DIRS + ("/proc/cmdline", "/etc/tuned")
# A line that sets the key: the name before any comment sign (sysctl.d and tuned.conf comments: # and ;).
SETS_KEY = "'^[^#;]*min_free_kbytes'"
RUNNING = "/proc/sys/vm/min_free_kbytes"
MEMINFO = "/proc/meminfo"
ASSUMPTION = "current_is_kernel_default"
_TEST_ROOT = re.compile(r"[A-Za-z0-9/._-]*\Z")  # a temporary directory's path, nothing a shell reads twice


def _times(var, ratio):
    """``var * ratio`` in POSIX shell arithmetic (integers, truncated like Python's int() of a positive
    product): the policy's float written as the exact decimal fraction it was configured as."""
    ratio = Fraction(str(ratio))
    product = "%s * %d" % (var, ratio.numerator) if ratio.numerator != 1 else var
    return product if ratio.denominator == 1 else "%s / %d" % (product, ratio.denominator)


def _policy_lines(policy):
    """The policy of :func:`pagealloc.knowledge.recommendation.recommended_min_free_kbytes` with the running
    value ``$c`` as the kernel default and ``$m`` as MemTotal: the value in ``$v``, a line per step."""
    floor, step = policy.absolute_floor_kb, policy.round_to_kb
    lines = ["v=$((%s))" % _times("c", policy.default_multiplier),
             '[ "$m" -ge %d ] && [ "$v" -lt %d ] && v=%d'
             % (policy.large_host_mem_kb, policy.large_host_floor_kb, policy.large_host_floor_kb),
             '[ "$v" -lt %d ] && v=%d' % (floor, floor)]
    if step:
        lines.append("v=$(((v + %d) / %d * %d))" % (step - 1, step, step))
    cap = Fraction(str(policy.max_percent_of_memtotal)) / 100
    lines += ['l=$c; [ "$l" -lt %d ] && l=%d' % (floor, floor),
              "u=$((%s))" % ("m * %d / %d" % (cap.numerator, cap.denominator) if cap.numerator != 1
                             else "m / %d" % cap.denominator),
              'if [ "$v" -gt "$u" ]; then',
              # the largest whole step under the cap, the cap itself when that falls to the floor
              '  v=%s; [ "$v" -gt "$l" ] || v=$u' % ("$((u / %d * %d))" % (step, step) if step else "$u"),
              "fi",
              '[ "$v" -lt "$l" ] && v=$l']
    return lines


def guarded_block(value_kb, path, policy, root=""):
    """
    Shell lines (POSIX sh, each under 80 columns) that persist and apply the fix only when nothing sets
    ``vm.min_free_kbytes`` at boot: the assumption that the running value is the kernel default, checked
    on the host.  Its own file is one of the places it greps, so a second paste changes nothing.  With
    ``value_kb`` None the value is computed on the host from the running value and MemTotal by the
    policy's steps; a known value is written only when the running value is below it (never lowered).
    ``root`` prefixes every path read or written: for tests on a fake root only.

    >>> from pagealloc.knowledge.recommendation import DEFAULT_POLICY
    >>> print("\\n".join(guarded_block(4096, "/etc/sysctl.d/99-x.conf", DEFAULT_POLICY)))
    f=/etc/sysctl.d/99-x.conf
    p='/etc/sysctl.conf /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d
      /usr/lib/sysctl.d /lib/sysctl.d /proc/cmdline /etc/tuned'
    if grep -rsHE '^[^#;]*min_free_kbytes' $p | grep .; then
      echo 'vm.min_free_kbytes is set at boot (above): nothing changed'
    elif [ "$(cat /proc/sys/vm/min_free_kbytes)" -ge 4096 ]; then
      echo 'vm.min_free_kbytes is already 4096 kB or more: nothing changed'
    else
      echo 'vm.min_free_kbytes = 4096' > "$f" && sysctl -p "$f"
    fi
    """
    if not _TEST_ROOT.match(root):
        raise ValueError("root must be a plain path, got %r" % (root,))
    places = " ".join(root + place for place in BOOT_SETTERS)
    cut = places.rfind(" ", 0, places.find("/usr/lib/sysctl.d") + 1)  # two lines under 80 columns
    lines = ["f=%s%s" % (root, path), "p='%s" % places[:cut], "  %s'" % places[cut + 1:],
             # grep exits 2 when a place is missing, match or not: "| grep ." says whether it printed
             "if grep -rsHE %s $p | grep .; then" % SETS_KEY,
             "  echo 'vm.min_free_kbytes is set at boot (above): nothing changed'"]
    if value_kb is not None:
        return lines + ['elif [ "$(cat %s%s)" -ge %d ]; then' % (root, RUNNING, value_kb),
                        "  echo 'vm.min_free_kbytes is already %d kB or more: nothing changed'" % value_kb,
                        "else",
                        "  echo '%s' > \"$f\" && sysctl -p \"$f\"" % sysctl_d_file_content(value_kb).strip(),
                        "fi"]
    return lines + ["else",
                    "  c=$(cat %s%s)" % (root, RUNNING),
                    "  m=$(awk '$1 == \"MemTotal:\" {print $2}' %s%s)" % (root, MEMINFO),
                    *("  " + line for line in _policy_lines(policy)),
                    "  echo \"%s = $v\" > \"$f\" && sysctl -p \"$f\"" % MIN_FREE_KBYTES,
                    "fi"]


# ``remediation.policy``'s names -> RecommendationPolicy's fields (render.remediation rebuilds the policy from them).
POLICY_FIELDS = {"multiplier": "default_multiplier", "large_host_mem_kb": "large_host_mem_kb",
                 "large_host_floor_kb": "large_host_floor_kb", "absolute_floor_kb": "absolute_floor_kb",
                 "round_to_kb": "round_to_kb", "max_percent_of_memtotal": "max_percent_of_memtotal"}


def policy_fields(policy):
    """The policy's numbers the guarded block is made from (``remediation.policy``)."""
    return {name: getattr(policy, field) for name, field in POLICY_FIELDS.items()}


def build_assumed_remediation(value_kb, policy):
    """
    The ``remediation`` block when the input shows neither the running value nor the kernel default
    (``assumption`` current_is_kernel_default): ``guarded_commands``, the lines of :func:`guarded_block`,
    which check the assumption on the host before they write.  ``value_kb`` None: computed there.
    The sysctl.d file is the default name (no sysctl file was collected to out-sort).
    """
    path = proposed_file_name({"files": []})
    return {
        "assumption": ASSUMPTION,
        "guarded_commands": "\n".join(guarded_block(value_kb, path, policy)),
        "runtime_command": runtime_command(value_kb) if value_kb is not None else None,
        "sysctl_d_file": {"path": path,
                          "content": sysctl_d_file_content(value_kb) if value_kb is not None else None},
        "apply_command": "sysctl -p %s" % path,
        "verify_command": "sysctl %s" % MIN_FREE_KBYTES,
        "policy": policy_fields(policy),
        "conflicts": None,
        "unusable_settings": None,
        "tuned": None,
    }
