"""
The import layers, read from the real tree (docs/architecture.md explains them)
==============================================================================

Every module of the checkout (``pagealloc/``, the component folders setup.py
maps into ``pagealloc``, ``bench/``, ``tools/``) is read with :mod:`ast`, its
imports resolved to modules of the tree (function-level imports included: an
import-graph reader sees them too), and each module placed on a floor of
:data:`FLOORS`.  A module may import from its own floor or any floor below;
the import graph between modules has no circle.  :data:`ALLOWED` lists the
imports that still break a rule, each with the reason and who removes it;
an entry that no longer breaks one fails the test, so the list only shrinks.
"""

import ast
import os

import pagealloc
from tests import CHECKOUT

# Top to bottom.  (name prefix, ...) per floor; the longest matching prefix places a module.
FLOORS = (
    ("tools", "bench"),                                 # checkout only: docs generator, benchmarks
    ("pagealloc.cli",),                                 # command line
    ("pagealloc.fleet",),                               # many archives: runner, workers, history, report
    ("pagealloc.component_config",),                    # insights-core component metadata
    ("pagealloc.evaluate",),                            # runs the insights components on one input
    ("pagealloc.archive", "pagealloc.result"),          # opening inputs; the result document
    ("pagealloc.render",),                              # text/markdown/html/json/yaml of a result
    ("pagealloc.rules",),                               # insights rules: verdicts
    ("pagealloc.combiners",),                           # insights combiners: one host's picture
    ("pagealloc.parsers",),                             # insights parsers: one file each
    ("pagealloc.kernlog",),                             # the kernel-log scanner and report assembler
    ("pagealloc.knowledge",),                           # pure kernel/vendor knowledge tables
    ("pagealloc.specs",),                               # insights specs
    ("pagealloc.errors", "pagealloc.progress", "pagealloc.rpm_shim", "pagealloc.words", "pagealloc"),  # shared leaves
)

# (importer, imported): why it is still there and who removes it.
ALLOWED = {}


def module_files():
    """{module name: file} of the real tree."""
    roots = [("pagealloc", "pagealloc"), ("bench", "bench"), ("tools", "tools")]
    roots += [(folder, "pagealloc." + folder) for folder in pagealloc.MAPPED_FOLDERS]
    found = {}
    for folder, package in roots:
        for root, dirs, files in os.walk(os.path.join(CHECKOUT, folder)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(f for f in files if f.endswith(".py")):
                parts = os.path.relpath(os.path.join(root, name), os.path.join(CHECKOUT, folder))[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                found[".".join([package] + parts)] = os.path.join(root, name)
    return found


def imported_names(module, path):
    """Every dotted name an import statement of ``path`` may load (relative imports resolved)."""
    with open(path, encoding="utf-8") as stream:
        tree = ast.parse(stream.read(), path)
    package = module.split(".") if path.endswith("__init__.py") else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            yield base
            yield from (base + "." + alias.name for alias in node.names)


def import_graph():
    """{module: set of modules of the tree it imports}."""
    files = module_files()
    graph = {}
    for module, path in files.items():
        targets = set()
        for name in imported_names(module, path):
            # "from a.b import c": the module a.b.c when it is one, else a.b
            while name and name not in files:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
        graph[module] = targets
    return graph


def floor_of(module):
    """Index of the module's floor in FLOORS (0 = top), by the longest matching prefix."""
    best = None
    for index, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            # the package root names only itself: a new pagealloc/X.py must be given a floor
            if module == prefix or (prefix != "pagealloc" and module.startswith(prefix + ".")):
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), index)
    return None if best is None else best[1]


def upward_imports(graph):
    return {(a, b) for a, targets in graph.items() for b in targets if floor_of(b) < floor_of(a)}


def circles(graph):
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_every_module_of_the_tree_is_read_and_placed_on_a_floor():
    graph = import_graph()
    # the real folders, read directly (no links): the components and the leaves are all there
    for module in ("pagealloc.specs", "pagealloc.parsers.zoneinfo", "pagealloc.combiners.memory_picture",
                   "pagealloc.rules.min_free_kbytes_low_atomic_rx", "pagealloc.kernlog.parse", "bench.run",
                   "tools.docs_examples"):
        assert module in graph, module
    assert [m for m in graph if floor_of(m) is None] == []
    # the graph is not empty: the rule imports its combiners, the parser its spec
    assert "pagealloc.combiners.alloc_failures" in graph["pagealloc.rules.min_free_kbytes_low_atomic_rx"]
    assert "pagealloc.specs" in graph["pagealloc.parsers.zoneinfo"]


def test_no_import_from_a_lower_floor_to_a_higher_one():
    upward = upward_imports(import_graph())
    unexplained = sorted(upward - set(ALLOWED))
    assert unexplained == [], "\n".join("%s (floor %d) imports %s (floor %d)" % (a, floor_of(a), b, floor_of(b))
                                         for a, b in unexplained)


def test_the_allowed_list_only_names_imports_that_still_break_a_rule():
    graph = import_graph()
    stale = [pair for pair in ALLOWED if pair not in upward_imports(graph)
             and not any(set(pair) <= set(c) for c in circles(graph))]
    assert stale == []


def test_no_import_circle_between_modules():
    graph = import_graph()
    unexplained = [c for c in circles(graph)
                   if not any(set(pair) <= set(c) for pair in ALLOWED)]
    assert unexplained == []


def test_the_checks_catch_what_they_look_for():
    # a made-up graph: knowledge importing the CLI is upward, and a <-> b is a circle
    graph = {"pagealloc.knowledge.x": {"pagealloc.cli"}, "pagealloc.cli": set(),
             "pagealloc.render.a": {"pagealloc.render.b"}, "pagealloc.render.b": {"pagealloc.render.a"}}
    assert upward_imports(graph) == {("pagealloc.knowledge.x", "pagealloc.cli")}
    assert circles(graph) == [["pagealloc.render.a", "pagealloc.render.b"]]
    assert floor_of("pagealloc") > floor_of("pagealloc.specs") > floor_of("pagealloc.knowledge.gfp")
    assert floor_of("pagealloc.new_module") is None
