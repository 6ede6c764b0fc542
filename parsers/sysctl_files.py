"""
Sysctl configuration files - ``/etc/sysctl.conf`` and every ``sysctl.d`` file
============================================================================

Parsers:

* :class:`SysctlDFile` - one per ``*.conf`` in /etc/sysctl.d, /run/sysctl.d,
  /usr/local/lib/sysctl.d, /usr/lib/sysctl.d, /lib/sysctl.d
  (``pagealloc.specs.Specs.sysctl_d_files``).
* :class:`SysctlConfFile` - ``/etc/sysctl.conf`` (``pagealloc.specs.Specs.sysctl_conf``).

insights-core's ``SysctlConf`` keeps only the last value per key and no line
numbers; here every assignment keeps its line so that a remediation can say
"line 12 of /etc/sysctl.d/90-net.conf sets 4096".  The syntax is procps-ng
sysctl.c / systemd sysctl.d(5): blank lines and lines starting with ``#`` or
``;`` are comments; ``key = value`` with optional spaces; the first ``=``
splits.  A line without ``=`` is an error (procps reports and skips it).
Keys are normalised (``vm/min_free_kbytes`` -> ``vm.min_free_kbytes``, a
leading ``-`` dropped); values are kept raw, for the precedence resolver to
judge.  Which file wins is not decided here (see
``pagealloc.knowledge.sysctl_precedence``).

Note: sos (kernel plugin) collects /etc/sysctl.conf, /etc/sysctl.d,
/lib/sysctl.d, /run/sysctl.d and /usr/local/lib/sysctl.d; /usr/lib/sysctl.d
reaches the archive only through the /lib -> usr/lib symlink of merged-/usr
distributions.

Sample input::

    # Keep more memory free for NIC bursts
    vm.min_free_kbytes = 4096
    kernel.sysrq=16

Examples:
    >>> type(sysctl_d_file)
    <class 'pagealloc.parsers.sysctl_files.SysctlDFile'>
    >>> sysctl_d_file.file_path
    '/etc/sysctl.d/90-net.conf'
    >>> sysctl_d_file.settings["vm.min_free_kbytes"]
    [(2, '4096')]
    >>> sysctl_d_file.value_of("kernel.sysrq")
    '16'
    >>> sysctl_d_file.to_dict()["errors"]
    []
"""

from insights.core import Parser
from insights.core.plugins import parser

from pagealloc.knowledge.sysctl_precedence import normalize_key
from pagealloc.specs import Specs

COMMENT_PREFIXES = ("#", ";")
# Longer lines are not configuration; keep reports bounded.
MAX_LINE_CHARS = 4096


class SysctlFile(Parser):
    """
    Attributes:
        settings (dict): key -> list of ``(line, raw value)`` in file order.
        errors (list): ``{"line", "reason"}`` for lines procps would reject.
    """

    def parse_content(self, content):
        self.settings, self.errors = {}, []
        for number, text in enumerate(content, 1):
            line = text.strip()
            if not line or line.startswith(COMMENT_PREFIXES):
                continue
            if len(line) > MAX_LINE_CHARS:
                self.errors.append({"line": number, "reason": "line longer than %d characters" % MAX_LINE_CHARS})
                continue
            key, sep, value = line.partition("=")
            key = normalize_key(key)
            if not sep or not key:
                self.errors.append({"line": number, "reason": "not 'key = value': %r" % line[:80]})
                continue
            self.settings.setdefault(key, []).append((number, value.strip()))

    def value_of(self, key):
        """The last raw value this file gives ``key``, or None."""
        assignments = self.settings.get(normalize_key(key))
        return assignments[-1][1] if assignments else None

    def to_dict(self):
        """The plain form ``pagealloc.knowledge.sysctl_precedence.resolve`` takes."""
        return {"path": self.file_path, "settings": self.settings, "errors": self.errors}


@parser(Specs.sysctl_d_files)
class SysctlDFile(SysctlFile):
    """One ``sysctl.d`` file."""


@parser(Specs.sysctl_conf)
class SysctlConfFile(SysctlFile):
    """``/etc/sysctl.conf``."""
