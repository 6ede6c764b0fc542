"""
PersistedConfig - where vm.min_free_kbytes is set at boot, TuneD included
=========================================================================

What the configuration files say about ``vm.min_free_kbytes``: the sysctl.d
files and /etc/sysctl.conf (pagealloc's SysctlDFile, SysctlConfFile) and the
active TuneD profile with its include chain (TunedActiveProfile,
TunedProfile), resolved in the order procps, systemd-sysctl and TuneD apply
them (:mod:`pagealloc.knowledge.sysctl_precedence`,
:mod:`pagealloc.knowledge.tuned_inheritance`), and compared with the
runtime value of :class:`pagealloc.combiners.min_free_reserve.MinFreeReserve`
(``applied``).  ``resolution`` is the resolver's record read into a typed
:class:`pagealloc.knowledge.sysctl_resolution.Resolution` (its ``to_dict()`` is
documented in docs/memory-picture.md, "Where the setting persists"); ``value`` is its
outcome as a :class:`pagealloc.knowledge.fact.Fact` (*computed* from the
files; ``input`` names the winning file).

Sample input (``etc/sysctl.d/99-zzz.conf``)::

    vm.min_free_kbytes = 135168

Examples:
    >>> persisted_config.value.value, persisted_config.value.input
    (135168, '/etc/sysctl.d/99-zzz.conf')
    >>> persisted_config.value_settled, persisted_config.proposed_file
    (True, '/etc/sysctl.d/zz-pagealloc-min-free-kbytes.conf')
    >>> persisted_config.resolution.files[0].path, persisted_config.resolution.tuned is None
    ('/etc/sysctl.d/99-zzz.conf', True)
"""

from insights.core.plugins import combiner

from pagealloc.combiners.min_free_reserve import MinFreeReserve
from pagealloc.knowledge import sysctl_precedence
from pagealloc.knowledge.fact import COMPUTED, UNKNOWN, Fact
from pagealloc.knowledge.sysctl_resolution import resolution_of
from pagealloc.knowledge.tuned_inheritance import tuned_sysctl_value
from pagealloc.parsers.sysctl_files import SysctlConfFile, SysctlDFile
from pagealloc.parsers.tuned_profiles import TunedActiveProfile, TunedProfile
from pagealloc.specs.unread_inputs import unread_inputs

KEY = sysctl_precedence.MIN_FREE_KBYTES


@combiner([SysctlDFile, SysctlConfFile, MinFreeReserve], optional=[TunedActiveProfile, TunedProfile, unread_inputs])
class PersistedConfig(object):
    """
    Attributes:
        resolution (Resolution): ``sysctl_precedence.resolve``'s record, typed
            (:mod:`pagealloc.knowledge.sysctl_resolution`), with ``tuned.active_profiles`` and ``proposed_file``.
        value (Fact): the value that wins at boot, computed from the files (unknown when none sets it).
        value_settled (bool): False when an unread TuneD profile may still set it.
        tuned (TunedOutcome or None): the TuneD outcome.
        proposed_file (str): where a new setting should go.
        files_collected (bool): whether the sysctl files were read: False when none was, and when a
            sysctl location (/etc/sysctl.d, /etc/sysctl.conf, a folder holding them) could not be read
            (a folder without read permission in a directory input): what it hides is unknown, so is
            the value set at boot ("could not read", never "not set").
        unread_files (list): those sysctl locations, absolute in the host's tree.
        missing_inputs, unusable_inputs, notes (list): what this concern could not read.
    """

    def __init__(self, sysctl_d=None, sysctl_conf=None, reserve=None, tuned_active=None, tuned_profiles=None,
                 unread=None):
        self.missing_inputs, self.unusable_inputs, self.notes = [], [], []
        self.unread_files = sorted(p for p in unread or [] if sysctl_precedence.hides_settings(p))
        # Whether the sysctl files were read (else nothing is known about the boot configuration).
        self.files_collected = (bool(sysctl_d) or sysctl_conf is not None) and not self.unread_files
        if self.unread_files:
            self.missing_inputs.append("unreadable sysctl files " + ", ".join(self.unread_files))
        elif not self.files_collected:
            self.missing_inputs.append("sysctl files")
        tuned = self._tuned(tuned_active, tuned_profiles)
        current = reserve.current.value if reserve is not None else None
        record = sysctl_precedence.resolve([f.to_dict() for f in sysctl_d or []], KEY,
                                           sysctl_conf.to_dict() if sysctl_conf is not None else None, tuned, current)
        self.resolution = resolution_of(record, tuned_active.profiles if tuned_active is not None else None,
                                        sysctl_precedence.proposed_file_name(record))
        resolution = self.resolution
        self.value = Fact(resolution.value, COMPUTED, resolution.winning_file) if resolution.value is not None \
            else UNKNOWN
        self.value_settled = resolution.value_settled
        self.tuned = resolution.tuned
        self.proposed_file = resolution.proposed_file

    def _tuned(self, tuned_active, tuned_profiles):
        """The active TuneD profile's value for the key, for the resolver (None without a profile)."""
        if tuned_active is None:
            return None
        profiles = [{"name": p.name, "location": p.location, "includes": p.includes, "sysctl": p.sysctl}
                    for p in tuned_profiles or []]
        found = tuned_sysctl_value(tuned_active.profiles, profiles, KEY) or {}
        tuned = {"profile": " ".join(tuned_active.profiles), "value": None, "file": None,
                 "unread_profiles": found.get("unread_after", [])}
        if found.get("raw_value") is not None:
            value, reason = sysctl_precedence.int_value(found["raw_value"])
            if reason:
                self.unusable_inputs.append({"input": found["file"], "line": found["line"],
                                             "reason": "%s = %r: %s" % (KEY, found["raw_value"], reason)})
            tuned = dict(found, value=value, unread_profiles=found["unread_after"])
        if found.get("missing"):
            self.notes.append("TuneD profile(s) %s not in the input" % ", ".join(found["missing"]))
        # Only the unread profiles TuneD applies after the value found could change it.
        self.missing_inputs.extend("tuned profile " + name for name in tuned["unread_profiles"])
        return tuned
