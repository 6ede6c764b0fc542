"""
TuneD profiles - ``/etc/tuned/active_profile`` and each profile's ``tuned.conf``
==============================================================================

Parsers:

* :class:`TunedActiveProfile` - ``/etc/tuned/active_profile``
  (``pagealloc.specs.Specs.tuned_active_profile``): the profile names TuneD
  applies, space separated when several are merged.
* :class:`TunedProfile` - one ``tuned.conf`` under /etc/tuned/NAME/ or
  /usr/lib/tuned/NAME/ (``pagealloc.specs.Specs.tuned_profiles``): its
  ``include=`` list and its ``[sysctl]`` assignments with line numbers.

sos (tuned plugin) copies /etc/tuned and /usr/lib/tuned whole.  The syntax is
TuneD's configobj-style INI: ``[section]``, ``key=value``, ``#`` comments.
Following ``include=`` chains and choosing between /etc and /usr/lib copies is
done in ``pagealloc.knowledge.tuned_inheritance``, not here.

Sample input::

    [main]
    summary=Optimize for HPC compute workloads
    include=latency-performance

    [sysctl]
    vm.min_free_kbytes=135168

Examples:
    >>> type(tuned_profile)
    <class 'pagealloc.parsers.tuned_profiles.TunedProfile'>
    >>> tuned_profile.name, tuned_profile.location
    ('hpc-compute', '/usr/lib/tuned')
    >>> tuned_profile.includes
    ['latency-performance']
    >>> tuned_profile.sysctl["vm.min_free_kbytes"]
    (6, '135168')
    >>> tuned_active_profile.profiles
    ['hpc-compute']
"""

import posixpath
import re

from insights.core import Parser
from insights.core.exceptions import SkipComponent
from insights.core.plugins import parser

from pagealloc.knowledge.sysctl_precedence import normalize_key
from pagealloc.specs import Specs

_SECTION = re.compile(r"^\[([^\]]+)\]\s*$")
# TuneD splits include lists on commas and whitespace (tuned/profiles/loader.py).
_INCLUDE_SPLIT = re.compile(r"[\s,]+")


@parser(Specs.tuned_active_profile)
class TunedActiveProfile(Parser):
    """
    Attributes:
        profiles (list): active profile names, in the order TuneD merges them.

    Raises:
        SkipComponent: the file is empty (TuneD has no active profile).
    """

    def parse_content(self, content):
        names = " ".join(content).split()
        if not names:
            raise SkipComponent("no active TuneD profile")
        self.profiles = names


@parser(Specs.tuned_profiles)
class TunedProfile(Parser):
    """
    Attributes:
        name (str): profile name (the directory holding tuned.conf).
        location (str): the directory of profiles it was found in (/etc/tuned, /usr/lib/tuned, ...).
        includes (list): profile names from ``[main] include=``.
        sysctl (dict): key -> ``(line, raw value)`` of the ``[sysctl]`` section (last wins).
        errors (list): ``{"line", "reason"}`` for lines that are not ``key=value``.
    """

    def parse_content(self, content):
        directory = posixpath.dirname(self.file_path or "")
        self.name = posixpath.basename(directory)
        self.location = posixpath.dirname(directory)
        self.includes, self.sysctl, self.errors = [], {}, []
        section = None
        for number, text in enumerate(content, 1):
            line = text.strip()
            if not line or line.startswith("#"):
                continue
            header = _SECTION.match(line)
            if header:
                section = header.group(1).strip()
                continue
            key, sep, value = line.partition("=")
            if not sep:
                self.errors.append({"line": number, "reason": "not 'key=value': %r" % line[:80]})
                continue
            key, value = key.strip(), value.strip()
            if section == "main" and key == "include":
                self.includes = [n for n in _INCLUDE_SPLIT.split(value) if n]
            elif section == "sysctl":
                self.sysctl[normalize_key(key)] = (number, value)
