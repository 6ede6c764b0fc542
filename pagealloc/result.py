"""
Result of one analysis
======================

:func:`build_result` turns an insights-core broker (after ``dr.run`` with
pagealloc's components) into the plain, JSON-able dictionary that every
output format renders and that ``pagealloc fleet`` streams as JSONL:

.. code-block:: text

    host              syslog/uname host name or null
    machine_id        machine-id(5) of the analysed system (32 hex digits) or null
    boot_id           /proc/sys/kernel/random/boot_id of the analysed boot (a UUID) or null
    source            the analysed path ("localhost" for the live host)
    verdicts          [{rule, key, type, details, content, links}], fail first then info then pass
                      rule: component name ("pagealloc.rules.<module>.<function>")
                      key: the ERROR_KEY, type: "fail" | "pass" | "info"
                      details: the rule's own data, content: its CONTENT rendered (text)
                      links: the rule's references (category -> [URL]), as insights-run shows them
    memory_picture    MemoryPicture.to_dict() or null
    events            AllocFailures.to_list() or []
    receive_counters  the receive-path failure counters that count without a printed report
                      (RxEvidence): {pfmemalloc_drops: TcpExt PFMemallocDrop or null,
                      nic_rx_alloc_failures: {device: total of its allocation-failure counters},
                      inputs_read: [...]}, or null when none of their inputs was read
    errors            [{component, error}] from pagealloc components that raised
    pagealloc_version

Examples:
    >>> from insights.core import dr
    >>> result = build_result(dr.Broker(), "/tmp/sosreport-x.tar.xz")
    >>> sorted(result)
    ['boot_id', 'errors', 'events', 'host', 'machine_id', 'memory_picture', 'pagealloc_version', 'receive_counters', 'source', 'verdicts']
    >>> result["verdicts"], result["memory_picture"], exit_code(result)
    ([], None, 0)
"""

import dataclasses
import importlib
import math
import subprocess

from insights.core import dr, plugins
from insights.core.exceptions import CalledProcessError, ContentException, SkipComponent
from insights.formats import render

from pagealloc import __version__
from pagealloc.render.inert import inert_data

RULES_PACKAGE = "pagealloc.rules"
# insights-core response type -> verdict type
VERDICT_TYPES = {"rule": "fail", "info": "info", "pass": "pass"}
VERDICT_ORDER = {"fail": 0, "info": 1, "pass": 2}
# An input that simply is not there (not collected, no such file): the memory
# picture lists those as missing_inputs; they are not errors worth showing.
ABSENT_INPUT = (ContentException, SkipComponent)
# A command spec that failed (insights-core's own class, and the standard library's).
COMMAND_ERRORS = (CalledProcessError, subprocess.CalledProcessError)
# insights-core's own kernel-log specs (pagealloc's parsers read them, and
# pagealloc.specs wraps them): an exception there hides failure reports.
CORE_KERNEL_LOG_SPECS = frozenset("insights.specs.Specs." + name for name in ("dmesg", "messages", "kern_log"))

# (module, class) of the two combiners the result shows; looked up lazily so
# that the result still builds while a combiner is missing or broken.
MEMORY_PICTURE = ("pagealloc.combiners.memory_picture", "MemoryPicture")
ALLOC_FAILURES = ("pagealloc.combiners.alloc_failures", "AllocFailures")
# machine-id(5): with the host name it tells a fleet report which archives
# come from the same machine.
MACHINE_ID = ("pagealloc.parsers.machine_id", "MachineId")
# The boot, and the counters that count since it: a fleet subtracts two collections of one boot.
BOOT_ID = ("pagealloc.parsers.boot_id", "BootId")
RX_EVIDENCE = ("pagealloc.combiners.rx_evidence", "RxEvidence")
FAILURE_TIMELINE = ("pagealloc.combiners.failure_timeline", "FailureTimeline")
# The verdict saying no kernel log was read (rules/kernel_log_unread.py): not "nothing found".
UNREAD_RULE = "pagealloc.rules.kernel_log_unread.report"


def build_result(broker, source):
    """The result dictionary (module docstring) of one broker after ``dr.run``."""
    picture = broker_value(broker, MEMORY_PICTURE)
    failures = broker_value(broker, ALLOC_FAILURES)
    memory_picture = to_plain(picture.to_dict()) if picture is not None else None
    events = to_plain(failures.to_list()) if failures is not None else []
    timeline = broker_value(broker, FAILURE_TIMELINE)
    if timeline is not None:  # matches_host and where each report sits on the host's timeline
        for event, match in zip(events, to_plain(timeline.to_list())):
            event.update(match)
    return {
        "host": host_name(memory_picture, events),
        "machine_id": getattr(broker_value(broker, MACHINE_ID), "machine_id", None),
        "boot_id": getattr(broker_value(broker, BOOT_ID), "boot_id", None),
        "source": source,
        "verdicts": verdicts(broker),
        "memory_picture": memory_picture,
        "events": events,
        "receive_counters": receive_counters(broker_value(broker, RX_EVIDENCE)),
        "errors": component_errors(broker),
        "pagealloc_version": __version__,
    }


def receive_counters(evidence):
    """RxEvidence reduced to the counters a fleet follows between collections (None: none read)."""
    if evidence is None:
        return None
    return {"pfmemalloc_drops": evidence.pfmemalloc_drops,
            "nic_rx_alloc_failures": {nic["name"]: nic["total"] for nic in evidence.nics},
            "inputs_read": list(evidence.inputs_read)}


def exit_code(result):
    """0 nothing found, 1 a problem found (any fail verdict)."""
    return 1 if any(v["type"] == "fail" for v in result["verdicts"]) else 0


def kernel_log_unread(result):
    """The INSUFFICIENT_DATA verdict saying no kernel log was read, or None."""
    return next((v for v in result.get("verdicts") or [] if v["rule"] == UNREAD_RULE), None)


def name_user_log(result, user_path, placed_paths):
    """A plain log is read from a synthetic tree: name the user's file, not ours, in the unread verdict."""
    verdict = kernel_log_unread(result)
    if verdict is None:
        return
    def renamed(text):
        for placed in placed_paths:
            text = text.replace(placed, user_path)
        return text
    details = verdict["details"]
    details["unread"] = [renamed(item) for item in details.get("unread") or []]
    for log in details.get("logs") or []:
        log["source"] = renamed(log.get("source") or "")
    verdict["content"] = renamed(verdict["content"]) if verdict.get("content") else verdict.get("content")


def is_pagealloc_rule(component):
    return plugins.is_rule(component) and dr.get_name(component).startswith(RULES_PACKAGE + ".")


def verdicts(broker):
    found = []
    for component, value in broker.instances.items():
        if not is_pagealloc_rule(component) or not isinstance(value, plugins.Response):
            continue
        verdict_type = VERDICT_TYPES.get(value.get("type"))
        if verdict_type is None:  # skip / none: the rule did not apply
            continue
        key_name = value.key_name
        found.append({
            "rule": dr.get_name(component),
            "key": value.get_key(),
            "type": verdict_type,
            "details": to_plain({k: v for k, v in value.items() if k not in ("type", key_name)}),
            "content": rendered_content(component, value),
            "links": to_plain(dr.get_delegate(component).links or {}),
        })
    return sorted(found, key=lambda v: (VERDICT_ORDER[v["type"]], v["rule"], v["key"] or ""))


def rendered_content(component, value):
    """The rule's jinja CONTENT rendered with its details, or None without CONTENT.

    Every string of the details is made inert first (line breaks, control and
    bidi characters escaped): a file or task name from the input cannot add
    lines to the text, only the template can.
    """
    try:
        safe_value = inert_data(value)
        text = render(component, safe_value)
    except Exception:  # a broken template must not hide the verdict itself
        return None
    return None if text == str(safe_value) else text.strip()


def component_errors(broker):
    """One-line errors of pagealloc components that failed on present input (tracebacks stay in --debug)."""
    errors = [{"component": name, "error": error_words(exc)}
              for name, exc in _raised(broker, lambda name: name.startswith("pagealloc."))]
    return sorted(errors, key=lambda e: (e["component"], e["error"]))


def component_crashes(broker):
    """The errors that make an input "could not analyse" (:func:`pagealloc.evaluate.evaluate_path`):
    a pagealloc component or a kernel-log spec that raised on present input.  A command that
    failed (dmesg refused on the live host) is input not collected, not a crash."""
    crashes = [{"component": name, "error": error_words(exc)}
               for name, exc in _raised(broker, lambda name: name.startswith("pagealloc.")
                                        or name in CORE_KERNEL_LOG_SPECS)
               if not isinstance(exc, COMMAND_ERRORS)]
    # insights-core also files a component's exception under the specs it read:
    # the parsers, combiners and rules come first, they name what raised
    return sorted(crashes, key=lambda e: (".specs." in e["component"], e["component"], e["error"]))


def _raised(broker, wanted):
    """(component name, exception) of the components ``wanted(name)`` accepts, absent inputs aside."""
    for component, exceptions in broker.exceptions.items():
        name = dr.get_name(component)
        if wanted(name):
            for exc in exceptions:
                if not isinstance(exc, ABSENT_INPUT):
                    yield name, exc


def error_words(exc):
    """One line for a component's exception; a command that failed (dmesg refused on the live
    host) in words - its name, exit status and what it printed - not the exception's repr.

    >>> error_words(CalledProcessError(1, ["timeout", "-s", "9", "30", "/bin/dmesg"],
    ...                                           b"dmesg: read kernel buffer failed: Operation not permitted\\n"))
    'command /bin/dmesg failed (exit 1): dmesg: read kernel buffer failed: Operation not permitted'
    """
    if isinstance(exc, COMMAND_ERRORS):
        command = exc.cmd[-1] if isinstance(exc.cmd, (list, tuple)) and exc.cmd else exc.cmd
        output = exc.output.decode("utf-8", "replace") if isinstance(exc.output, bytes) else exc.output or ""
        said = " ".join(output.split())[:300]
        return "command %s failed (exit %s)%s" % (command, exc.returncode, ": " + said if said else "")
    message = " ".join(str(exc).split()) or exc.__class__.__name__
    return "%s: %s" % (exc.__class__.__name__, message[:300])


def combiner(location):
    """The combiner class at (module, class name), or None while it is missing."""
    module_name, class_name = location
    try:
        return getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError):
        return None


def broker_value(broker, location):
    component = combiner(location)
    return broker.get(component) if component is not None else None


def host_name(memory_picture, events):
    if memory_picture and memory_picture.get("hostname"):
        return memory_picture["hostname"]
    return next((e["host"] for e in events if e.get("host")), None)


def to_plain(value):
    """Plain JSON types only (dataclasses, tuples, sets and other objects converted)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_plain(v) for v in value), key=str)
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN/inf are not JSON
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
