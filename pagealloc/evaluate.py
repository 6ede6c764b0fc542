"""
Evaluate one input
==================

:func:`evaluate_path` is what ``pagealloc triage`` and ``pagealloc fleet``
call: it opens the input safely (:func:`pagealloc.archive.open_input`:
private temp dir, limits, removed afterwards), builds the insights-core
context the way ``insights.core.hydration.initialize_broker`` does, runs
pagealloc's rules and combiners with ``dr.run`` (the same components
``insights-run -p pagealloc`` loads), and returns
:func:`pagealloc.result.build_result`.  The result also carries ``input``:
{kind, packing, notes} telling how the input was read.

Examples:
    >>> import os, tempfile
    >>> log = os.path.join(tempfile.mkdtemp(), "messages")
    >>> with open(log, "w") as f:
    ...     _ = f.write("Jun 17 21:19:45 web1 kernel: e100: eth0 NIC Link is Up 100 Mbps Full Duplex\\n")
    >>> result = evaluate_path(log)
    >>> result["source"] == log, result["input"]["kind"], result["events"]
    (True, 'log', [])
    >>> evaluate_path(os.path.join(tempfile.mkdtemp(), "missing.tar.xz"))
    Traceback (most recent call last):
    ...
    pagealloc.errors.InputError: ...missing.tar.xz: no such file or directory
"""

import contextlib
import logging
import sys

from insights.core import dr
from insights.core.context import SerializedArchiveContext
from insights.core.hydration import get_all_files
from insights.core.serde import Hydration

from pagealloc import result as results
from pagealloc.archive import LOG_PLACEMENT, decompressing_early, open_input
from pagealloc.archive.extract import display_name
from pagealloc.errors import AnalysisError, InputError

# insights-core spec implementations the core parsers we depend on need, as
# insights.load_default_plugins() loads them for insights-run.
CORE_SPEC_MODULES = ("insights.specs.default", "insights.specs.insights_archive",
                     "insights.specs.sos_archive")
# The component subpackages (what `insights-run -p pagealloc` runs); the rest of
# the package (fleet, cli) holds no components and has import side effects.
PAGEALLOC_PACKAGES = ("pagealloc.specs", "pagealloc.parsers", "pagealloc.combiners", "pagealloc.rules")

# Where open_input places a plain log, as the parsers name it.
PLACED_LOG_PATHS = tuple("/" + "/".join(parts) for parts in LOG_PLACEMENT.values())

_graph = None
_wanted = None
_streamable = None


def pagealloc_graph():
    """The dependency graph of pagealloc's rules and result combiners (loaded once)."""
    global _graph
    if _graph is None:
        # some insights-core modules print hints on import: keep stdout for the report
        with contextlib.redirect_stdout(sys.stderr):
            for module in CORE_SPEC_MODULES + PAGEALLOC_PACKAGES:
                dr.load_components(module, continue_on_error=False)
        targets = [c for c in dr.COMPONENTS[dr.GROUPS.single] if results.is_pagealloc_rule(c)]
        # the result shows these even when no rule asks for them
        combiners = (results.combiner(location)
                     for location in (results.MEMORY_PICTURE, results.ALLOC_FAILURES, results.MACHINE_ID,
                                      results.BOOT_ID, results.RX_EVIDENCE))
        targets += [c for c in combiners if c is not None]
        graph = {}
        for target in targets:
            graph.update(dr.get_dependency_graph(target))
        _graph = graph
    return _graph


def wanted_members():
    """The archive paths the graph's specs can read (relative globs), or None when one cannot say.

    Taken from the spec implementations themselves: ``simple_file``, ``first_file`` and
    ``glob_file`` name their paths; commands and datasources of the live host read no
    archive.  Any other datasource that reads an archive context (its paths unknown
    here) turns selection off: the whole archive is unpacked.
    """
    global _wanted
    if _wanted is None:
        from insights.core import spec_factory
        from insights.core.context import ExecutionContext, HostContext

        paths = []
        for component in pagealloc_graph():
            if isinstance(component, spec_factory.simple_file):
                paths.append(component.path)
            elif isinstance(component, spec_factory.first_file):
                paths.extend(component.paths)
            elif isinstance(component, spec_factory.glob_file):
                paths.extend(component.patterns)
            elif isinstance(component, (spec_factory.RegistryPoint, spec_factory.first_of)):
                continue  # read through the implementations above
            elif any(isinstance(d, type) and issubclass(d, ExecutionContext) and d is not HostContext
                     for d in dr.get_dependencies(component)):
                _wanted = ()
                return None
        _wanted = tuple(sorted(set(paths)))
    return _wanted or None


def streamable_logs():
    """A :class:`~pagealloc.archive.log_members.LogMembers` of the files only pagealloc's kernel-log
    parsers read (their bytes can be scanned while the archive is unpacked), or None.

    None unless every reader of those specs in the graph is a log parser that asks
    :mod:`pagealloc.kernlog.streamed` first (``AllocFailuresLog``): a component added later,
    or enabled by a component config, that reads the same files turns streaming off.
    """
    global _streamable
    if _streamable is None:
        _streamable = _log_members() or False
    return _streamable or None


def _log_members():
    from insights.core import spec_factory

    from pagealloc.archive.log_members import LogMembers
    from pagealloc.parsers.page_alloc_failure import AllocFailuresLog

    if wanted_members() is None:
        return None
    graph = pagealloc_graph()
    parsers = [c for c in graph if isinstance(c, type) and issubclass(c, AllocFailuresLog)]
    points = {point for parser in parsers for point in dr.get_dependencies(parser)}
    logs, log_specs = [], set()
    for point in points:
        if any(d in graph and not (isinstance(d, type) and issubclass(d, AllocFailuresLog))
               for d in dr.get_dependents(point)):
            return None
        for spec in dr.get_dependencies(point):
            if spec not in graph or isinstance(spec, spec_factory.simple_command):
                continue
            if any(d in graph and d not in points for d in dr.get_dependents(spec)):
                return None
            paths = _spec_paths(spec)
            if paths is None:
                return None
            logs.append((paths, getattr(spec, "ignore", None)))
            log_specs.add(spec)
    others = [path for component in graph if component not in log_specs for path in _spec_paths(component) or ()]
    return LogMembers(logs, others)


def _spec_paths(component):
    """The paths a file spec reads (None: not a file spec)."""
    from insights.core import spec_factory

    if isinstance(component, spec_factory.simple_file):
        return [component.path]
    if isinstance(component, spec_factory.first_file):
        return list(component.paths)
    if isinstance(component, spec_factory.glob_file):
        return list(component.patterns)
    return None


def run_pagealloc(opened):
    """Run the components on an :class:`~pagealloc.archive.OpenedInput`; return the broker."""
    graph = pagealloc_graph()
    context_class = opened.context
    if opened.kind == "host":
        context = context_class()
    else:
        context = context_class(root=opened.root, all_files=list(get_all_files(opened.root)))
    broker = dr.Broker()
    broker[context_class] = context
    unread = opened.unread_in_root()
    if unread:  # what the copy of a directory skipped: absent because unread, not because not there
        from pagealloc.specs.unread_inputs import unread_inputs

        broker[unread_inputs] = unread
    if isinstance(context, SerializedArchiveContext):
        with logged_warnings("insights.core.serde") as skipped:
            broker = Hydration(root=context.root, ctx=context).hydrate(broker=broker)
        # insights-core skips a meta_data file it cannot load; say so, on one line each
        opened.notes.extend("a meta_data file of the collection could not be loaded: %s" % " ".join(m.split())[:300]
                            for m in skipped)
    return dr.run(graph, broker=broker)


def prefiltered_logs(broker):
    """The logs :class:`~pagealloc.combiners.kernel_logs_read.KernelLogsRead` read as pre-filtered."""
    from pagealloc.combiners.kernel_logs_read import KernelLogsRead

    logs_read = broker.get(KernelLogsRead)
    return [log for log in getattr(logs_read, "logs", []) if log["content"] == "prefiltered"]


def folders_where_files_are_read(broker, opened):
    """The input's entries (its own names) that a component tried to read as a file and found to be a
    folder (a dmesg that is a directory): the input is malformed, and the work area's path means nothing
    to the user."""
    found = []
    for exceptions in broker.exceptions.values():
        for exc in exceptions:
            if isinstance(exc, IsADirectoryError):
                name = opened.input_path(exc.filename)
                if name and name not in found:
                    found.append(name)
    return sorted(found)


@contextlib.contextmanager
def logged_warnings(logger_name):
    """Collect the warnings ``logger_name`` logs in the block (not printed): yields the message list."""
    messages = []

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    logger = logging.getLogger(logger_name)
    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def evaluate_path(path, context=None, limits=None, progress=None):
    """Analyse one input (None: the live host) and return the result dictionary.

    ``context``: force "sos", "insights", "log", "dir" or "host".
    ``limits``: :class:`pagealloc.archive.limits.ExtractionLimits` (default: from env).
    ``progress``: optional :class:`pagealloc.progress.Progress`.
    Raises :class:`pagealloc.errors.InputError` when the input cannot be
    analysed, :class:`pagealloc.errors.AnalysisError` (an InputError) when a
    pagealloc component or a kernel-log spec raised on it: then no verdict is
    trustworthy, whatever the other components found.
    """
    # Import every component before extraction: a Ctrl-C that lands inside Python's import
    # machinery is swallowed ("Exception ignored in ... _get_module_lock"), and the run goes on.
    # The first time, the archive is decompressed meanwhile, on another core.
    with decompressing_early(path if _graph is None else None, context):
        pagealloc_graph()
        with open_input(path, context=context, limits=limits, progress=progress, wanted=wanted_members(),
                        logs=streamable_logs()) as opened:
            if progress:
                progress.step("analysing")
            broker = run_pagealloc(opened)
            result = results.build_result(broker, opened.source if opened.source else "localhost")
    crashes = results.component_crashes(broker)
    if crashes:  # a verdict built around a failed component could be "No problem found": say so instead
        misplaced = folders_where_files_are_read(broker, opened)
        if misplaced:  # the input's doing, not ours: name its entry, never our work area
            raise InputError("%s: could not analyse: %s is a folder where a file is expected"
                             % (path, ", ".join(display_name(name) for name in misplaced[:3])))
        raise AnalysisError.from_errors(path or "this host", crashes, broker)
    if opened.kind == "log":  # events name the user's file, not our temporary copy
        for event in result["events"]:
            event["source"] = opened.source
        results.name_user_log(result, opened.source, PLACED_LOG_PATHS)
    # a log a client filtered when collecting: what it kept is all the verdict covers
    opened.notes.extend("%s was pre-filtered when collected (insights-client keeps only the lines its filters "
                        "match): the verdict covers only the lines it kept" % log["source"]
                        for log in prefiltered_logs(broker))
    # a report whose header no kernel prints is shown, never reasoned from: say why
    opened.notes.extend("failure report at line %s of %s is unusable: %s"
                        % (event.get("line"), event.get("source"), event["unusable"])
                        for event in result["events"] if event.get("unusable"))
    result["input"] = {"kind": opened.kind, "packing": opened.packing, "notes": opened.notes}
    return result
