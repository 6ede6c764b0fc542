"""
Component configuration for ``pagealloc triage --config FILE``
==============================================================

The YAML file ``insights-run -c FILE`` takes (insights-core's component
configuration): ``configs`` entries ``{name, enabled, metadata, timeout,
tags}`` applied to every loaded component whose name starts with ``name``,
and ``default_component_enabled``.  It is applied exactly as insights-run
applies it (``insights.apply_default_enabled`` then ``insights.apply_configs``)
after pagealloc's components are loaded, so triage and insights-run give the
same answer for the same file.  The recommendation policy is tuned through
the metadata key ``recommendation_policy``, see docs/recommendation.md.

Unlike insights-run, a file that would silently do nothing or fail later is
refused up front with one line naming the problem: YAML errors, aliases
(``*name``: nine levels of nine aliases in 1 KiB expand to 387 million
values, and triage ran for minutes into 5.5 GB before anything checked them), unknown keys
(a typo such as ``config:``), values of the wrong type, an entry under
``pagealloc`` that names no component, other plugin ``packages`` (triage
runs only pagealloc's components) and recommendation policy values the rules
would reject.

Sample input::

    configs:
      - name: pagealloc.rules
        metadata:
          recommendation_policy:
            default_multiplier: 3

Examples:
    >>> read_config_text("configs:\\n  - name: pagealloc.rules\\n    enabled: true\\n")
    {'configs': [{'name': 'pagealloc.rules', 'enabled': True}]}
    >>> read_config_text("config:\\n  - name: pagealloc.rules\\n")
    Traceback (most recent call last):
    ...
    ValueError: unknown key 'config' (known: configs, default_component_enabled, packages)
    >>> read_config_text("a: &x [1]\\nb: *x\\n")
    Traceback (most recent call last):
    ...
    ValueError: not valid YAML at line 2: aliases (*name) are not accepted in a configuration
    >>> read_config_text("configs:\\n  - name: pagealloc.rules\\n    metadata: 3\\n")
    Traceback (most recent call last):
    ...
    ValueError: configs[0].metadata must be a mapping, got 3
"""

import os
import stat
import sys

import yaml

from pagealloc.errors import InputError

PAGEALLOC = "pagealloc"
MAX_CONFIG_BYTES = 1024 * 1024  # insights-run configurations are a few kB
# What insights.run reads from the file (insights/__init__.py, insights-core 3.8).
TOP_LEVEL_TYPES = {"configs": list, "default_component_enabled": bool, "packages": list}
# What insights.apply_configs reads from each entry.
ENTRY_TYPES = {"name": str, "enabled": bool, "metadata": dict, "timeout": (int, float), "tags": list}
TYPE_NAMES = {list: "a list", bool: "true or false", dict: "a mapping", str: "a string", (int, float): "a number"}


class NoAliasLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses aliases: a configuration needs none, and a few nested ones
    (a "billion laughs") make a small file expand beyond any memory when it is walked or shown."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not accepted in a configuration",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


def read_config_text(text):
    """The configuration in ``text``, checked; ``ValueError`` with a one-line reason otherwise."""
    try:
        config = yaml.load(text, Loader=NoAliasLoader)  # a SafeLoader, without aliases
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = " at line %d" % (mark.line + 1) if mark is not None else ""
        raise ValueError("not valid YAML%s: %s" % (where, getattr(exc, "problem", None) or exc)) from None
    except RecursionError:  # [[[[...]]]] 100000 deep: was "internal error: RecursionError"
        raise ValueError("not valid YAML: nested deeper than a configuration can be") from None
    except ValueError as exc:  # a scalar a constructor refuses (a date 2026-13-01, a 500000-digit number)
        if "int_max_str_digits" in str(exc):  # not Python's advice to call sys.set_int_max_str_digits()
            raise ValueError("not valid YAML: a number of more than %d digits" % sys.get_int_max_str_digits()) from None
        raise ValueError("not valid YAML: %s" % exc) from None
    if not isinstance(config, dict):
        raise ValueError("must be a mapping with a 'configs' list, got %s" % type(config).__name__)
    check_keys(config, TOP_LEVEL_TYPES, "")
    for number, entry in enumerate(config.get("configs") or []):
        where = "configs[%d]" % number
        if not isinstance(entry, dict):
            raise ValueError("%s must be a mapping with a 'name', got %r" % (where, entry))
        check_keys(entry, ENTRY_TYPES, where + ".")
        if not entry.get("name"):
            raise ValueError("%s has no 'name' (the component or prefix it configures)" % where)
    others = [p for p in config.get("packages") or [] if not is_pagealloc_name(p)]
    if others:
        raise ValueError("packages %s: triage runs only pagealloc's components (use insights-run for other "
                         "plugins)" % ", ".join(map(repr, others)))
    return config


def check_keys(mapping, types, where):
    for key, value in mapping.items():
        if key not in types:
            raise ValueError("unknown key %r%s (known: %s)" % (key, " in " + where.rstrip(".") if where else "",
                                                             ", ".join(types)))
        expected = types[key]
        if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
            raise ValueError("%s%s must be %s, got %r" % (where, key, TYPE_NAMES[expected], value))


def is_pagealloc_name(name):
    return isinstance(name, str) and (name == PAGEALLOC or name.startswith(PAGEALLOC + "."))


def read_small_file(path, limit=MAX_CONFIG_BYTES):
    """The bytes of regular file ``path``; OSError for a FIFO or device (never waited on or read
    without end: O_NONBLOCK, then fstat) and for a file larger than ``limit``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file" if not stat.S_ISDIR(os.fstat(fd).st_mode) else "Is a directory")
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise OSError(0, "larger than %d kB: not a component configuration" % (limit // 1024))
    return data


def apply_component_config(path):
    """
    Read ``path`` and apply it to pagealloc's loaded components as insights-run
    does.  Raises :class:`~pagealloc.errors.InputError` (one line) when the
    file cannot be read, is invalid, or configures a policy the rules reject.
    """
    from insights import apply_configs, apply_default_enabled
    from insights.core import dr

    from pagealloc.evaluate import pagealloc_graph
    from pagealloc.knowledge.recommendation import policy_from_metadata

    try:
        config = read_config_text(read_small_file(path).decode("utf-8"))
    except OSError as exc:
        raise InputError("--config %s: cannot read: %s" % (path, exc.strerror or exc)) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError("--config %s: %s" % (path, exc)) from None
    components = [dr.get_name(c) for c in pagealloc_graph()]  # loads the components apply_configs walks
    for number, entry in enumerate(config.get("configs") or []):
        if is_pagealloc_name(entry["name"]) and not any(c.startswith(entry["name"]) for c in components):
            raise InputError("--config %s: configs[%d].name %r names no pagealloc component"
                             % (path, number, entry["name"]))
    apply_default_enabled(config)
    apply_configs(config)
    for component in pagealloc_graph():
        if dr.get_name(component).startswith(PAGEALLOC + ".rules."):
            try:  # what the rules would raise at run time, said before the run
                policy_from_metadata(dr.get_metadata(component))
            except ValueError as exc:
                raise InputError("--config %s: %s" % (path, exc)) from None
    return config
