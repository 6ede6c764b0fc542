"""
Sysctl resolution - where vm.min_free_kbytes is set at boot, as a typed record
==============================================================================

:func:`pagealloc.knowledge.sysctl_precedence.resolve` returns its outcome as a
record (a dict; docs/memory-picture.md, "Where the setting persists").  The
persisted-configuration combiner reads it once, here, into a
:class:`Resolution`; the rules and the remediation read attributes, and
:meth:`Resolution.to_dict` gives back the picture's JSON form key for key.
``errors`` stay the records the parsers and the resolver wrote (each says its
path, line and reason).

Examples:
    >>> from pagealloc.knowledge.sysctl_precedence import resolve
    >>> record = resolve([{"path": "/etc/sysctl.d/90-local.conf",
    ...                    "settings": {"vm.min_free_kbytes": [(1, "135168")]}}], current=135168)
    >>> r = resolution_of(record, proposed_file="/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf")
    >>> r.value, r.winning_file, r.applied, r.files[0].line, r.tuned
    (135168, '/etc/sysctl.d/90-local.conf', True, 1, None)
    >>> r.to_dict() == dict(record, proposed_file="/etc/sysctl.d/99-pagealloc-min-free-kbytes.conf")
    True
"""

import dataclasses
from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True, slots=True)
class Setting:
    """One usable assignment of the key: the file, the value (kB), the line (None when not known)."""

    path: str
    value: int
    line: Optional[int]


@dataclass(frozen=True, slots=True)
class TunedOutcome:
    """What the active TuneD profile does to the key (sysctl_precedence._tuned_outcome)."""

    profile: Any
    value: Optional[int]
    file: Optional[str]
    line: Optional[int]
    include_chain: tuple
    unread_profiles: tuple  # profiles applied after the value found whose tuned.conf was not collected
    conf_collected: bool
    user_files_set_key: bool
    overridden: bool
    overridden_by: Optional[str]
    active_profiles: Optional[tuple] = None  # /etc/tuned/active_profile, when the combiner knows it

    def to_dict(self):
        data = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}
        if self.active_profiles is None:
            del data["active_profiles"]
        return data


@dataclass(frozen=True, slots=True)
class Resolution:
    """The persisted configuration of the key: the value that wins at boot and every file that sets it."""

    key: str
    value: Optional[int]
    winning_file: Optional[str]
    winning_line: Optional[int]
    files: tuple  # Setting, in the order they are applied
    sysctl_conf_value: Optional[int]
    sysctl_conf_overrides: bool
    boot_value: Optional[int]
    boot_winning_file: Optional[str]
    masked: tuple  # paths masked by a same-named file in an earlier directory
    errors: tuple  # {"path", "line", "reason"} records of lines the kernel or procps would reject
    tuned: Optional[TunedOutcome]
    value_settled: bool
    applied: Optional[bool]
    proposed_file: Optional[str]

    def to_dict(self):
        """The picture's ``min_free_kbytes.persisted`` JSON form (the resolver's record, keys in its order)."""
        data = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}
        data["tuned"] = self.tuned.to_dict() if self.tuned is not None else None
        return data


def _plain(value):
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    return value


def tuned_outcome(record, active_profiles=None):
    """A resolver's ``tuned`` record as a :class:`TunedOutcome`, or None when there is none."""
    if not record:
        return None
    return TunedOutcome(
        profile=record.get("profile"), value=record.get("value"), file=record.get("file"), line=record.get("line"),
        include_chain=tuple(record.get("include_chain") or ()), unread_profiles=tuple(record.get("unread_profiles") or ()),
        conf_collected=record.get("conf_collected", True), user_files_set_key=bool(record.get("user_files_set_key")),
        overridden=bool(record.get("overridden")), overridden_by=record.get("overridden_by"),
        active_profiles=None if active_profiles is None else tuple(active_profiles))


def resolution_of(record, active_profiles=None, proposed_file=None):
    """The :class:`Resolution` of :func:`~pagealloc.knowledge.sysctl_precedence.resolve`'s record."""
    get = record.get
    return Resolution(
        key=get("key"), value=get("value"), winning_file=get("winning_file"), winning_line=get("winning_line"),
        files=tuple(Setting(f.get("path"), f.get("value"), f.get("line")) for f in get("files") or ()),
        sysctl_conf_value=get("sysctl_conf_value"), sysctl_conf_overrides=bool(get("sysctl_conf_overrides")),
        boot_value=get("boot_value"), boot_winning_file=get("boot_winning_file"), masked=tuple(get("masked") or ()),
        errors=tuple(get("errors") or ()), tuned=tuned_outcome(get("tuned"), active_profiles),
        value_settled=get("value_settled", True), applied=get("applied"), proposed_file=proposed_file)
