"""
Where a fleet run's core-seconds go
===================================

    python bench/fleet_budget.py TRACE_DIR pagealloc-args...   (run by :func:`traced_run`)

Runs ``pagealloc`` (the installed package) with timestamps taken at every
step of ``fleet run``, by wrapping its functions in this process before the
command starts (children inherit the wrappers: they are forked): the
parent's start-up (imports, listing the archives, loading the components),
each child's start, each archive's begin and end with the child's CPU time
(all its threads), and the end.  Each process appends its events to
``TRACE_DIR/<pid>.jsonl``; ``time.monotonic()`` is one clock for all of them.

:func:`budget` splits the run's ``workers x wall`` core-seconds: every worker
slot's timeline (the children that ran in it one after another) is cut
exactly into start-up (before its first archive), archives, between archives
(answer sent, next path read), between children (the last answer of one, the
exit, the fork and the start of the next) and the tail (after its last
archive, to the end of the command); the CPU the run used is set against the
part it ran in.  What is left is lost: idle cores, or cores other processes
took (from ``/proc/stat``), so the figures hold on a shared machine where wall
ratios do not.

Examples:
    >>> lost = budget_from_events(_example_events(), t0=0.0, t1=1.0, cpu=1.6, machine_idle=0.3, workers=2)
    >>> {k: lost[k] for k in ("start_up", "in_archives", "tail", "unattributed", "lost", "others_cpu", "idle")}
    {'start_up': 0.1, 'in_archives': 0.05, 'tail': 0.2, 'unattributed': 0.05, 'lost': 0.4, 'others_cpu': 0.1, 'idle': 0.3}
"""

import collections
import json
import os
import resource
import subprocess
import sys
import time


def _event_writer(folder):
    state = {"pid": None, "fd": None}

    def event(kind, **fields):
        pid = os.getpid()
        if state["pid"] != pid:  # a forked child: its own file
            state["pid"] = pid
            state["fd"] = os.open(os.path.join(folder, "%d.jsonl" % pid), os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        fields.update(ev=kind, t=time.monotonic(), cpu=time.process_time(), pid=pid)
        os.write(state["fd"], (json.dumps(fields) + "\n").encode())

    return event


def _instrument(event):
    """Wrap the fleet's steps with ``event`` calls (in this process, before the command runs)."""
    import pagealloc.fleet.bundles as bundles
    import pagealloc.fleet.isolated as isolated
    import pagealloc.fleet.runner as runner

    def wrapped(function, before, after):
        def call(*args, **kwargs):
            event(before)
            try:
                return function(*args, **kwargs)
            finally:
                event(after)
        return call

    runner.warm_up = wrapped(runner.warm_up, "warm-begin", "warm-end")
    bundles.fleet_sources = wrapped(bundles.fleet_sources, "list-begin", "list-end")
    isolated._answer = wrapped(isolated._answer, "begin", "end")
    server_main = isolated._server_main

    def child_main(*args, **kwargs):
        event("child-start")
        return server_main(*args, **kwargs)

    isolated._server_main = child_main


def _main(folder, argv):
    event = _event_writer(folder)
    event("main")
    from pagealloc import cli

    _instrument(event)
    event("imported")
    sys.argv = ["pagealloc"] + argv
    try:
        code = cli.main()  # as the command line: argv None
    finally:
        event("parent-exit")
    return code


def _machine_idle_s():
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    return (fields[3] + fields[4]) / os.sysconf("SC_CLK_TCK")


def traced_run(python, folder, argv, env=None):
    """Run ``pagealloc argv`` traced into ``folder``; the budget dict (see :func:`budget_from_events`)."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        os.remove(os.path.join(folder, name))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    idle0, t0 = _machine_idle_s(), time.monotonic()
    done = subprocess.run([python, os.path.abspath(__file__), folder] + list(argv), env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1, idle1 = time.monotonic(), _machine_idle_s()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError("traced fleet run exited %d: %s" % (done.returncode, done.stderr[-500:]))
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    workers = int(argv[argv.index("--workers") + 1]) if "--workers" in argv else 1
    return budget_from_events(read_events(folder), t0, t1, cpu, idle1 - idle0, workers, os.cpu_count())


def read_events(folder):
    events = []
    for name in os.listdir(folder):
        if name.endswith(".jsonl"):
            with open(os.path.join(folder, name)) as f:
                events += [json.loads(line) for line in f]
    return sorted(events, key=lambda e: e["t"])


def budget_from_events(events, t0, t1, cpu, machine_idle, workers, cores=None):
    """Core-seconds of a run of ``workers`` slots, wall ``t1 - t0`` and CPU ``cpu`` (all its processes).

    Parts (slot-seconds, summed over the slots) less the CPU that ran in them: ``start_up`` (before a
    slot's first archive; the parent's start-up CPU set against it), ``in_archives`` (the archives'
    wall less their CPU and the parent's CPU meanwhile), ``between_archives``, ``between_children``
    (less the children's CPU outside archives), ``tail``; ``unattributed`` is CPU no part holds
    (interpreter start before the first event, children's exits).  They sum to ``lost``
    = workers x wall - cpu, which is ``others_cpu`` (other processes on the machine: ``cores`` x wall
    less this run's CPU and the machine's idle core-seconds ``machine_idle``) plus ``idle``.
    """
    wall = t1 - t0
    parent = next(e["pid"] for e in events if e["ev"] == "main")
    mine = {e["ev"]: e for e in events if e["pid"] == parent}
    children = collections.defaultdict(list)
    for e in events:
        if e["pid"] != parent:
            children[e["pid"]].append(e)
    rows = []
    for evs in children.values():
        begins = [e for e in evs if e["ev"] == "begin"]
        ends = [e for e in evs if e["ev"] == "end"]
        if not begins or not ends:
            continue
        rows.append({"first": begins[0]["t"], "last": ends[-1]["t"],
                     "work": sum(e["t"] - b["t"] for b, e in zip(begins, ends)),
                     "work_cpu": sum(e["cpu"] - b["cpu"] for b, e in zip(begins, ends)),
                     "between": sum(b["t"] - e["t"] for e, b in zip(ends, begins[1:])),
                     "cpu": evs[-1]["cpu"], "archives": len(ends)})
    rows.sort(key=lambda r: r["first"])
    slots = [[] for _ in range(workers)]
    for r in rows:  # a child takes the slot whose last child finished first
        min(slots, key=lambda s: s[-1]["last"] if s else float("-inf")).append(r)
    slots = [s for s in slots if s]
    parent_start = mine["warm-end"]["cpu"] if "warm-end" in mine else 0.0
    parent_after = mine["parent-exit"]["cpu"] - parent_start
    work_cpu = sum(r["work_cpu"] for r in rows)
    outside = sum(r["cpu"] for r in rows) - work_cpu
    parts = {
        "start_up": sum(s[0]["first"] - t0 for s in slots) - parent_start,
        "in_archives": sum(r["work"] for r in rows) - work_cpu - parent_after,
        "between_archives": sum(r["between"] for r in rows),
        "between_children": sum(b["first"] - a["last"] for s in slots for a, b in zip(s, s[1:])) - outside,
        "tail": sum(t1 - s[-1]["last"] for s in slots) + (workers - len(slots)) * wall,
    }
    attributed = parent_start + parent_after + work_cpu + outside
    parts["unattributed"] = -(cpu - attributed)
    lost = workers * wall - cpu
    figures = {k: round(v, 3) for k, v in parts.items()}
    # Other processes' CPU: what the machine's cores did beyond this run and their idle time.
    others = min(lost, max(0.0, (cores or workers) * wall - cpu - machine_idle))
    figures.update(lost=round(lost, 3), others_cpu=round(others, 3), idle=round(lost - others, 3),
                   wall=round(wall, 3), cpu=round(cpu, 3),
                   parent_start_cpu=round(parent_start, 3), parent_after_cpu=round(parent_after, 3),
                   children=len(rows), archives=sum(r["archives"] for r in rows),
                   archive_cpu_ms=round(1000 * work_cpu / max(1, sum(r["archives"] for r in rows)), 1))
    return figures


def _example_events():
    """Two slots; the parent starts for 0.1 s of CPU, one child per slot, two archives each."""
    def e(pid, ev, t, cpu):
        return {"pid": pid, "ev": ev, "t": t, "cpu": cpu}
    return [e(1, "main", 0.0, 0.0), e(1, "warm-end", 0.1, 0.1), e(1, "parent-exit", 0.95, 0.15),
            e(2, "begin", 0.1, 0.0), e(2, "end", 0.5, 0.4), e(2, "begin", 0.5, 0.4), e(2, "end", 0.9, 0.8),
            e(3, "begin", 0.1, 0.0), e(3, "end", 0.5, 0.35), e(3, "begin", 0.5, 0.35), e(3, "end", 0.9, 0.7)]


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1], sys.argv[2:]))
