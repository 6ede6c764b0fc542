"""
MIN_FREE_KBYTES persistence - runtime, boot configuration and who wins
======================================================================

Reads :class:`pagealloc.combiners.memory_picture.MemoryPicture` (runtime
value and ``persisted``: every file that sets the key, the winning one, the
/etc/sysctl.conf value, TuneD).  Says nothing when the sysctl configuration
was not collected.

Responses (one per host, first that applies):

* MIN_FREE_KBYTES_NOT_PERSISTED: the runtime value was raised (above the
  default's tolerance) but nothing persists it, or the boot configuration
  gives less: it is lost at the next reboot (``unchecked_setters`` lists the
  boot-time setters an archive does not show).
* MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED: the winning file sets more than the
  runtime value: the file was never applied (or is not read: wrong suffix,
  wrong directory, overridden at runtime).
* PERSISTED_VALUE_OVERRIDDEN: files (or a TuneD profile) set different
  values; the one that wins under ``sysctl --system`` is not what another file
  intended.  /etc/sysctl.conf is applied last and beats every sysctl.d file.
* ``make_info`` MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN: one of the above would
  apply to the files seen, but the active TuneD profile (or one it includes)
  was not collected and no user file TuneD re-applies sets the key, so that
  profile may set the value that wins at boot (``persisted.value_settled``
  is False).  ``suspected`` names the response the files alone would give;
  ``unread_tuned_profiles`` and ``missing_inputs`` say what to collect.

Details: ``current``, ``default``, ``persisted_value``, ``winning_file``,
``files`` ([{path, value, line}] incl. /etc/sysctl.conf), ``overridden``
(files whose value does not win), ``tuned``, ``remediation`` (to persist the
runtime value, NOT_PERSISTED only), ``apply_command``.
"""

from insights.core import dr
from insights.core.plugins import make_fail, make_info, rule

from pagealloc.combiners.memory_picture import MemoryPicture
from pagealloc.knowledge.recommendation import policy_from_metadata
from pagealloc.knowledge.references import SYSCTL_D_MAN, SYSCTL_MAN, TUNED_SYSCTL_PLUGIN, links
from pagealloc.knowledge.remediation import SYSCTL_CONF, build_remediation
from pagealloc.knowledge.reserve_state import reserve_state

NOT_PERSISTED_KEY = "MIN_FREE_KBYTES_NOT_PERSISTED"
NOT_APPLIED_KEY = "MIN_FREE_KBYTES_PERSISTED_NOT_APPLIED"
OVERRIDDEN_KEY = "PERSISTED_VALUE_OVERRIDDEN"
UNKNOWN_KEY = "MIN_FREE_KBYTES_PERSISTENCE_UNKNOWN"

# insights-run's short form (the full words, files and TuneD included, are render's).
CONTENT = {
    NOT_PERSISTED_KEY: """vm.min_free_kbytes is {{ current }} kB at runtime but the boot configuration gives {{ persisted_value ~ " kB" if persisted_value is not none else "the kernel default (" ~ default ~ " kB)" }}: the value is lost at the next reboot.
Persist it in {{ remediation.sysctl_d_file.path }}, then {{ remediation.apply_command }}.""",
    NOT_APPLIED_KEY: """{{ winning_file }} sets vm.min_free_kbytes to {{ persisted_value }} kB but the runtime value is {{ current }} kB: the file was not applied.
Apply it with {{ apply_command }}.""",
    OVERRIDDEN_KEY: """vm.min_free_kbytes is set to different values; {{ winning_file }} ({{ persisted_value }} kB) wins under sysctl --system.
Overridden:{% for f in overridden %} {{ f.path }} ({{ f.value }}{% if f.value is number or (f.value is string and f.value.isdigit()) %} kB{% endif %}){{ "," if not loop.last }}{% endfor %}.""",
    UNKNOWN_KEY: """vm.min_free_kbytes is {{ current }} kB at runtime, but {{ "the TuneD profile" if unread_tuned_profiles|length == 1 else "the TuneD profiles" }} {{ unread_tuned_profiles|join(", ") }} {{ "was" if unread_tuned_profiles|length == 1 else "were" }} not collected and may set it at boot.
Whether it survives a reboot is unknown: collect /etc/tuned and /usr/lib/tuned.""",
}

LINKS = links(("persistence", [SYSCTL_D_MAN, SYSCTL_MAN, TUNED_SYSCTL_PLUGIN]))

# Boot-time setters outside sysctl files and TuneD that an archive does not show;
# listed with NOT_PERSISTED so that nobody removes a working setting unseen.
UNCHECKED_SETTERS = ["kernel command line sysctl.vm.min_free_kbytes= (5.8+)", "rc.local / custom systemd units"]


def files_setting_key(persisted):
    """Every file that sets the key, /etc/sysctl.conf included (once)."""
    files = [{"path": f.path, "value": f.value, "line": f.line} for f in persisted.files]
    if persisted.sysctl_conf_value is not None and not any(f["path"] == SYSCTL_CONF for f in files):
        files.append({"path": SYSCTL_CONF, "value": persisted.sysctl_conf_value, "line": None})
    return files


def overridden_settings(persisted):
    """Files and TuneD values that set a value other than the one that wins."""
    winning = persisted.value
    out = [f for f in files_setting_key(persisted) if f["value"] != winning]
    tuned = persisted.tuned
    if tuned is not None and tuned.value is not None and tuned.value != winning:
        out.append({"path": tuned.file, "value": tuned.value, "line": None, "tuned_profile": tuned.profile})
    return out


@rule(MemoryPicture, links=LINKS, tags=["sysctl"])
def report(picture):
    state = reserve_state(picture, policy=policy_from_metadata(dr.get_metadata(report)))
    persisted, current = state.persisted, state.current.value
    if persisted is None or current is None:
        return None
    value, tuned = persisted.value, persisted.tuned
    common = dict(
        current=current,
        default=state.default.value,
        persisted_value=value,
        winning_file=persisted.winning_file,
        files=files_setting_key(persisted),
        sysctl_conf_value=persisted.sysctl_conf_value,
        tuned=tuned.to_dict() if tuned is not None else None,
    )
    raised_at_runtime = state.near_default is False
    overridden = overridden_settings(persisted)
    if raised_at_runtime and (value is None or current > value):
        key, extra = NOT_PERSISTED_KEY, dict(remediation=build_remediation(current, persisted),
                                             unchecked_setters=UNCHECKED_SETTERS)
    elif value is not None and current < value:
        key, extra = NOT_APPLIED_KEY, dict(apply_command="sysctl --system")
    elif value is not None and overridden:
        key, extra = OVERRIDDEN_KEY, dict(overridden=overridden)
    else:
        return None
    if persisted.value_settled is False:
        # An unread TuneD profile may be what sets the key at boot: no claim either way.
        unread = list(tuned.unread_profiles) if tuned is not None else []
        return make_info(UNKNOWN_KEY, suspected=key, unread_tuned_profiles=unread,
                         missing_inputs=state.missing_inputs, **common)
    return make_fail(key, **extra, **common)
