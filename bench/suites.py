"""
The benchmarks of issues 9 and 19
=================================

Each suite times pagealloc next to its anchor in the same run (interleaved,
median of N, see :mod:`bench.harness`), checks that pagealloc's
output is right (a fast wrong answer measures nothing), and returns rows:

    {"id", "benchmark", "subject", "anchor", "subject_s", "anchor_s",
     "subject_cpu_s", "anchor_cpu_s", "ratio", "cpu_ratio", "target", "met",
     "subject_rss_mb", "anchor_rss_mb", "walls", "figures": {...}, "notes": [...]}

``ratio`` is subject/anchor wall time (or a speed-up where the row says
so), ``cpu_ratio`` the same for CPU time; ``met`` is None when the row has
no target, and False when the output was wrong, whatever the time.
"""

import json
import os
import shutil
import subprocess
import tempfile

from bench import fleet_budget
from bench.harness import compare, median

# run as a script: bench/ is not installed, so `python -m bench.distributed` would
# depend on the working directory.
DISTRIBUTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "distributed.py")
TRIAGE_TARGET = 0.5  # issue 19: triage reads only what its rules need
EXPECTED_KEY = "MIN_FREE_KBYTES_LOW_ATOMIC_RX"  # both benchmark sosreports hold the seed's e100 failure
SCAN_TIME_TARGET = 1.5
DENSE_TARGET = 10000  # reports/s
SCAN_RSS_TARGET_MB = 150
FLEET_SPEEDUP_TARGET = 1.9
#: where a 2-worker run's lost core-seconds went (bench/fleet_budget.py), reported in rows 4a/4a'/4a"
FLEET_BUDGET_PARTS = ("start_up", "in_archives", "between_archives", "between_children", "tail", "unattributed")
FLEET_COST_TARGET = 1.2
BROKER_TARGET = 1.3


class Context:
    """What every suite needs: binaries, inputs, repeat counts, a log."""

    def __init__(self, bindir, inputs, repeats, quick, log):
        self.bindir = bindir
        self.inputs = inputs
        self.repeats = repeats
        self.quick = quick
        self.log = log
        self.failures = []  # benchmarks that could not run, reported with the results
        self.scratch = os.path.join(inputs.work, "out")
        os.makedirs(self.scratch, exist_ok=True)

    def bin(self, name):
        return os.path.join(self.bindir, name)

    @property
    def python(self):
        return self.bin("python")


def _mb(kb):
    return round(kb / 1024.0, 1) if kb else None


def row(id_, benchmark, subject, anchor, runs, target=None, met=None, ratio=None, figures=None, notes=None):
    s, a = runs[subject], runs.get(anchor) if anchor else None
    if ratio is None and a:
        ratio = s["wall_s"] / a["wall_s"]
    cpu_ratio = s["cpu_s"] / a["cpu_s"] if a and a["cpu_s"] else None
    return {
        "id": id_, "benchmark": benchmark, "subject": subject, "anchor": anchor,
        "subject_s": s["wall_s"], "anchor_s": a["wall_s"] if a else None,
        "subject_cpu_s": s["cpu_s"], "anchor_cpu_s": a["cpu_s"] if a else None,
        "cpu_ratio": round(cpu_ratio, 3) if cpu_ratio is not None else None,
        "ratio": round(ratio, 3) if ratio is not None else None, "target": target, "met": met,
        "subject_rss_mb": _mb(s["peak_rss_kb"]), "anchor_rss_mb": _mb(a["peak_rss_kb"]) if a else None,
        "walls": {name: r["walls"] for name, r in runs.items()}, "figures": figures or {}, "notes": notes or [],
    }


def _capture(argv, ok=(0,)):
    proc = subprocess.run(argv, capture_output=True)
    if proc.returncode not in ok:
        raise RuntimeError("%s exited %d: %s" % (" ".join(argv), proc.returncode,
                                                 proc.stderr.decode(errors="replace").strip()[-500:]))
    return proc.stdout.decode("utf-8", "replace")


# -- 1. triage overhead -------------------------------------------------------

def _triage_vs_bare(ctx, id_, label, archive, repeats, check, target=TRIAGE_TARGET):
    # Bare insights-run: no -p, so no plugin; it still loads insights-core's
    # default specs, extracts the archive, picks the context and evaluates
    # every spec (and canonical_facts), i.e. the same hydration triage does.
    bare = "insights-run (no plugins)"
    plugin = "insights-run -p pagealloc"
    triage = "pagealloc triage"
    commands = [(bare, [ctx.bin("insights-run"), archive]),
                (plugin, [ctx.bin("insights-run"), "-p", "pagealloc", archive]),
                (triage, [ctx.bin("pagealloc"), "triage", archive])]
    runs = compare(commands, repeats, ok_codes=(0, 1), log=ctx.log)
    verdict = json.loads(_capture([ctx.bin("pagealloc"), "triage", "--format", "json", archive], ok=(0, 1)))
    keys = ["%s:%s" % (v.get("type"), v["key"]) for v in verdict.get("verdicts", [])]
    problems = check(verdict)
    ratio = runs[triage]["wall_s"] / runs[bare]["wall_s"]
    notes = ["triage verdicts: %s" % (", ".join(keys) or "none")] + ["WRONG: %s" % p for p in problems]
    figures = {"archive_bytes": os.path.getsize(archive), "events": len(verdict.get("events") or [])}
    return [
        row(id_, "triage vs bare insights-run, %s%s" % (label, "" if target else " (info)"), triage, bare, runs,
            "<= %.1fx" % target if target else None,
            (not problems and ratio <= target) if target else None, figures=figures, notes=notes),
        row(id_ + "+", "insights-run -p pagealloc, %s (info)" % label, plugin, bare, runs),
    ]


def _analysed(verdict):
    """What is wrong with a triage result that should have read the host (empty: nothing)."""
    problems = ["no verdicts"] if not verdict.get("verdicts") else []
    return problems + ["error: %s" % e for e in verdict.get("errors") or []]


def _failures_found(count):
    def check(verdict):
        found = [e for e in verdict.get("events") or [] if e.get("kind") == "page-allocation-failure"]
        wrong = [] if len(found) == count else ["%d page allocation failures found, %d in the log" % (len(found), count)]
        return _analysed(verdict) + wrong
    return check


def _expected_key(verdict):
    fails = [v["key"] for v in verdict.get("verdicts", []) if v.get("type") == "fail"]
    return [] if EXPECTED_KEY in fails else ["%s expected" % EXPECTED_KEY]


def triage_overhead(ctx):
    real, facts = ctx.inputs.real_sosreport()
    rows = _triage_vs_bare(ctx, "1a", "real sosreport .tar.xz (%s, this machine)" % facts.get("sos", "sos"), real,
                           ctx.repeats["triage_small"], _analysed)
    big, big_facts = ctx.inputs.real_sosreport_with_messages()
    rows += _triage_vs_bare(ctx, "1b", "the real sosreport with %d MB var/log/messages"
                            % (big_facts["messages_bytes"] >> 20), big, ctx.repeats["triage_big"],
                            _failures_found(big_facts["page_allocation_failures"]))
    example = ctx.inputs.example("sosreport-e100-rx-failure.tar.xz")
    rows += _triage_vs_bare(ctx, "1c", "bundled example", example, ctx.repeats["triage_small"], _expected_key,
                            target=None)
    return rows


# -- 2. log scanning ----------------------------------------------------------

def parsed_counts(path):
    """What the parser finds in ``path`` (untimed, in this process):
    {"total": all reports, "kept": events kept by the bound, "by_kind": of the kept}."""
    from pagealloc.kernlog.parse import parse_file

    result = parse_file(path)
    by_kind = {}
    for event in result.events:
        by_kind[event.kind] = by_kind.get(event.kind, 0) + 1
    return {"total": result.total_reports, "kept": len(result.events), "by_kind": by_kind}


GREP = "grep -F -c"
GREP_N = "grep -F -n"
PARSE = "pagealloc parse-log"


def parse_log_beside_grep(ctx, path, needle, repeats, with_line_numbers=False):
    """Time ``pagealloc parse-log PATH`` and ``grep -F -c NEEDLE PATH`` (and ``grep -F -n``)
    interleaved, every output into a pipe read by this process (as in ``| wc -l``); runs and
    parsed counts."""
    commands = [(GREP, ["grep", "-F", "-c", needle, path]),
                (PARSE, [ctx.bin("pagealloc"), "parse-log", path])]
    if with_line_numbers:
        commands.insert(1, (GREP_N, ["grep", "-F", "-n", needle, path]))
    return compare(commands, repeats, log=ctx.log, stdout=subprocess.PIPE), parsed_counts(path)


def _same_lines_as_grep(ctx, path, needle):
    """parse-log's report lines against grep -n's (one header line per report here)."""
    grep_lines = [int(line.split(":", 1)[0]) for line in _capture(["grep", "-F", "-n", needle, path]).splitlines()]
    parsed = [int(line.split(" ", 1)[0].rsplit(":", 1)[1])
              for line in _capture([ctx.bin("pagealloc"), "parse-log", path]).splitlines() if line.startswith(path)]
    return parsed == grep_lines, len(parsed)


def log_scan(ctx):
    path, facts = ctx.inputs.messages()
    needle = "page allocation failure"
    runs, counts = parse_log_beside_grep(ctx, path, needle, ctx.repeats["scan"], with_line_numbers=True)
    found = counts["by_kind"].get("page-allocation-failure", 0)
    same_lines, printed = _same_lines_as_grep(ctx, path, needle)
    ratio = runs[PARSE]["wall_s"] / runs[GREP]["wall_s"]
    rss = _mb(runs[PARSE]["peak_rss_kb"])
    size_mb = facts["bytes"] / 1048576.0
    notes = ["page allocation failures found: %d of %d; printed lines = grep -n's: %s" % (
        found, facts["page_allocation_failures"], same_lines)]
    correct = found == counts["total"] == facts["page_allocation_failures"] == printed and same_lines
    if not correct:
        notes.append("WRONG events or line numbers: the time does not count")
    figures = {"MB_per_s": round(size_mb / runs[PARSE]["wall_s"], 1),
               "grep_MB_per_s": round(size_mb / runs[GREP]["wall_s"], 1), "events": found,
               "cores_used": round(runs[PARSE]["cpu_s"] / runs[PARSE]["wall_s"], 2)}
    label = "log scan, %d MB messages, %d reports" % (round(size_mb), facts["page_allocation_failures"])
    return [
        row("2", label, PARSE, GREP, runs, "<= %.1fx grep -c, <= %d MB RSS" % (SCAN_TIME_TARGET, SCAN_RSS_TARGET_MB),
            correct and ratio <= SCAN_TIME_TARGET and rss is not None and rss <= SCAN_RSS_TARGET_MB,
            figures=figures, notes=notes),
        row("2n", label + ", against grep -n (info)", PARSE, GREP_N, runs),
    ]


# -- 3. dense logs ------------------------------------------------------------

def dense_dmesg(ctx):
    path, facts = ctx.inputs.dense_dmesg()
    grep, parse = GREP, PARSE
    runs, counts = parse_log_beside_grep(ctx, path, "allocation", ctx.repeats["dense"])
    seconds = runs[parse]["wall_s"]
    complete = counts["total"] == facts["events"]
    notes = ["reports parsed: %d of %d; parse-log prints the first and last %d (kept by kind: %s)"
             % (counts["total"], facts["events"], counts["kept"] // 2, counts["by_kind"])]
    if not complete:
        notes.append("WRONG report count")
    per_s = facts["events"] / seconds
    return [
        row("3", "dense dmesg, %d MB, %d reports back to back" % (facts["bytes"] >> 20, facts["events"]),
            parse, grep, runs, ">= %d reports/s" % DENSE_TARGET, complete and per_s >= DENSE_TARGET, figures={
                "events_per_s": round(per_s),
                "MB_per_s": round(facts["bytes"] / 1048576.0 / seconds, 1), "complete": complete},
            notes=notes),
    ]


# -- 4. fleet -----------------------------------------------------------------

def _jsonl_records(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def _complete(records, count):
    """One error-free record per archive."""
    return len(records) == count and not any(r.get("error") for r in records)


# ``fleet run`` puts its work areas on a tmpfs when one has room and TMPDIR is
# unset (pagealloc/fleet/workarea.py); row 4a' sets TMPDIR to the disk's temp
# folder to show what that saves (on ext4 mounted with ``discard`` every
# removed work area waits for the device).
def _one_archive_list(ctx, folder):
    """A list file naming the folder's first archive: a run of it is the fleet's start-up cost."""
    listing = os.path.join(ctx.scratch, "fleet-one.list")
    with open(listing, "w") as f:
        f.write(os.path.join(folder, sorted(os.listdir(folder))[0]) + "\n")
    return listing


def _fleet_speedup(ctx, id_, folder, count, env=None, label=""):
    suffix = "-disk" if env else ""

    def out_of(name):
        return os.path.join(ctx.scratch, "fleet-%s%s.jsonl" % (name.split()[-1], suffix))

    def fresh_out(name):  # fleet run resumes from its output file: every timed run starts empty
        if os.path.exists(out_of(name)):
            os.remove(out_of(name))

    one, two, start = "fleet run --workers 1", "fleet run --workers 2", "fleet run, 1 archive"
    commands = [(name, [ctx.bin("pagealloc"), "fleet", "run", folder, "--workers", name[-1], "--out", out_of(name)])
                for name in (one, two)]
    commands.append((start, [ctx.bin("pagealloc"), "fleet", "run", _one_archive_list(ctx, folder), "--out", out_of(start)]))
    runs = compare(commands, ctx.repeats["fleet"], setup=fresh_out, env=env, log=ctx.log)
    records = _jsonl_records(out_of(two))
    complete = _complete(records, count)
    t1, t2, t0 = runs[one]["wall_s"], runs[two]["wall_s"], runs[start]["wall_s"]
    speedup = t1 / t2
    fresh_out(two)  # one more 2-worker run, traced (not timed): where its lost core-seconds went
    budget = fleet_budget.traced_run(ctx.python, os.path.join(ctx.scratch, "fleet-trace%s" % suffix),
                                     ["fleet", "run", folder, "--workers", "2", "--out", out_of(two)], env=env)
    return runs, row(
        id_, "fleet speed-up, %d archives, 2 workers vs 1%s" % (count, label), two, one, runs,
        ">= %.1fx" % FLEET_SPEEDUP_TARGET, complete and speedup >= FLEET_SPEEDUP_TARGET, ratio=speedup,
        figures={"archives_per_s_1": round(count / t1, 1), "archives_per_s_2": round(count / t2, 1),
                 # CPU seconds per wall second: how many cores each run actually got.
                 "cores_used_1": round(runs[one]["cpu_s"] / t1, 2), "cores_used_2": round(runs[two]["cpu_s"] / t2, 2),
                 "start_s": t0, "speedup_after_start": round((t1 - t0) / (t2 - t0), 3) if t2 > t0 else None,
                 "records": len(records), "errors": sum(1 for r in records if r.get("error")),
                 **{"traced_" + k: budget[k] for k in ("wall", "cpu", "lost", "others_cpu", "idle")},
                 **{"lost_" + k: budget[k] for k in FLEET_BUDGET_PARTS}},
        notes=["ratio = speed-up (1-worker time / 2-worker time); speedup_after_start leaves out the serial "
               "start-up (interpreter, imports, component graph: the time of a 1-archive run)",
               "traced_*/lost_*: one more 2-worker run, traced (bench/fleet_budget.py): its 2 x wall - CPU "
               "core-seconds (traced_lost) split by where each worker slot was (lost_*), and as other "
               "processes' CPU (traced_others_cpu) and idle cores (traced_idle)"])


# The anchor of row 4c: the same archives analysed one after another in one
# process, with the work area the fleet chooses, records written as the fleet does.
IN_PROCESS = """
import sys, tempfile
from pagealloc.fleet.bundles import evaluate_source, fleet_sources
from pagealloc.fleet.isolated import warm_up
from pagealloc.fleet.record import dumps, result_record
from pagealloc.fleet.workarea import fast_work_root
warm_up()
tempfile.tempdir = fast_work_root(1)
with open(sys.argv[2], "w") as out:
    for source in fleet_sources(sys.argv[1]):
        out.write(dumps(result_record(evaluate_source(source))) + "\\n")
"""


def _fleet_cost(ctx, folder, count):
    """Per-archive cost of ``fleet run --workers 1`` (children, batches) against one process doing it all."""
    fleet, inproc = "fleet run --workers 1", "one process, in a loop"
    outs = {fleet: os.path.join(ctx.scratch, "fleet-cost.jsonl"), inproc: os.path.join(ctx.scratch, "inproc.jsonl")}

    def fresh_out(name):
        if os.path.exists(outs[name]):
            os.remove(outs[name])

    commands = [(fleet, [ctx.bin("pagealloc"), "fleet", "run", folder, "--workers", "1", "--out", outs[fleet]]),
                (inproc, [ctx.python, "-c", IN_PROCESS, folder, outs[inproc]])]
    runs = compare(commands, ctx.repeats["fleet"], setup=fresh_out, log=ctx.log)
    by_source = [{r["source"]: r for r in _jsonl_records(outs[name])} for name in (fleet, inproc)]
    same = _complete(list(by_source[0].values()), count) and by_source[0] == by_source[1]
    ratio = runs[fleet]["wall_s"] / runs[inproc]["wall_s"]
    from pagealloc.fleet.runner import BATCH_SIZE
    from pagealloc.fleet.workarea import fast_work_root

    return row("4c", "fleet per-archive cost, %d archives, 1 worker vs in-process" % count, fleet, inproc, runs,
               "<= %.1fx" % FLEET_COST_TARGET, same and ratio <= FLEET_COST_TARGET,
               figures={"ms_per_archive": round(1000 * runs[fleet]["wall_s"] / count, 1),
                        "ms_per_archive_in_process": round(1000 * runs[inproc]["wall_s"] / count, 1),
                        "batch_size": BATCH_SIZE, "work_area": fast_work_root(1) or tempfile.gettempdir(),
                        "same_records": same},
               notes=["both include start-up (imports, component graph) and write the same records"])


def fleet(ctx):
    folder, facts = ctx.inputs.fleet()
    count = facts["archives"]
    rows = [_fleet_speedup(ctx, "4a", folder, count)[1]]
    disk = tempfile.gettempdir()
    rows.append(_fleet_speedup(ctx, "4a'", folder, count, dict(os.environ, TMPDIR=disk),
                               ", work area on disk (TMPDIR=%s)" % disk)[1])
    rows.append(_fleet_cost(ctx, folder, count))
    try:  # the same ratio where start-up is not most of the run: archives of the size sos makes
        real_folder, real_facts = ctx.inputs.real_fleet()
        rows.append(_fleet_speedup(ctx, "4a\"", real_folder, real_facts["archives"], label=", real sosreports of "
                                   "%.1f MB" % (real_facts["archive_bytes"] / 1e6))[1])
    except Exception as exc:  # no sos or not root: the small-archive rows stand alone
        ctx.failures.append({"suite": "fleet (real sosreports)", "error": "%s: %s" % (type(exc).__name__, exc)})
    try:
        rows.append(_fleet_broker(ctx, folder, count))
    except Exception as exc:  # keep the embedded rows; say why the broker row is missing
        ctx.failures.append({"suite": "fleet (RabbitMQ)", "error": "%s: %s" % (type(exc).__name__, exc)})
        rows.append({"id": "4b", "benchmark": "fleet via RabbitMQ vs embedded, %d archives, 2 workers" % count,
                     "subject": "RabbitMQ, 2 workers", "anchor": "fleet run --workers 2",
                     "target": "<= %.1fx" % BROKER_TARGET, "met": False, "figures": {},
                     "notes": ["could not run: %s" % exc]})
    return rows


def _broker():
    """A private RabbitMQ on a free loopback port (the fleet tests' helper)."""
    from tests.fleet.rabbitmq import RabbitMQBroker, find_rabbitmq_server

    if not find_rabbitmq_server():
        raise RuntimeError("rabbitmq-server is not installed (apt-get install -y rabbitmq-server)")
    broker = RabbitMQBroker(tempfile.mkdtemp(prefix="pagealloc-bench-rabbitmq-"))
    broker.start()
    return broker


def _fleet_broker(ctx, folder, count):
    """RabbitMQ with 2 workers, interleaved with the embedded 2-worker run
    (load on a shared machine changes within minutes: compare like with like)."""
    from tests.process_group import group_cpu_s

    broker = _broker()
    name, embedded = "RabbitMQ, 2 workers", "fleet run --workers 2"
    outs = {name: os.path.join(ctx.scratch, "fleet-rabbitmq.jsonl"),
            embedded: os.path.join(ctx.scratch, "fleet-2-vs-rabbitmq.jsonl")}
    timings = os.path.join(ctx.scratch, "fleet-rabbitmq-timings.jsonl")
    if os.path.exists(timings):
        os.remove(timings)

    def fresh_out(which):
        if os.path.exists(outs[which]):
            os.remove(outs[which])

    try:
        commands = [(embedded, [ctx.bin("pagealloc"), "fleet", "run", folder, "--workers", "2", "--out", outs[embedded]]),
                    (name, [ctx.python, DISTRIBUTED, folder, "--broker", broker.url,
                            "--workers", "2", "--out", outs[name], "--log-dir", ctx.scratch,
                            "--timings", timings])]
        broker_cpu = group_cpu_s(broker.process.pid)
        runs = compare(commands, ctx.repeats["fleet"], setup=fresh_out, log=ctx.log)
        broker_cpu = (group_cpu_s(broker.process.pid) - broker_cpu) / ctx.repeats["fleet"]
    finally:
        broker.close()
        shutil.rmtree(broker.workdir, ignore_errors=True)
    records = _jsonl_records(outs[name])
    ratio = runs[name]["wall_s"] / runs[embedded]["wall_s"]
    warm = median([t["warm_s"] for t in _jsonl_records(timings)])
    ready = median([t["workers_ready_s"] for t in _jsonl_records(timings)])
    return row("4b", "fleet via RabbitMQ vs embedded, %d archives, 2 workers" % count, name, embedded, runs,
               "<= %.1fx" % BROKER_TARGET, _complete(records, count) and ratio <= BROKER_TARGET,
               figures={"archives_per_s": round(count / runs[name]["wall_s"], 1), "records": len(records),
                        "errors": sum(1 for r in records if r.get("error")),
                        # Workers already running (a service): enqueue to last result.
                        "workers_ready_s": round(ready, 3), "warm_s": round(warm, 3),
                        # The broker runs on the same 2 cores here: its CPU competes with the workers.
                        "broker_cpu_s_per_run": round(broker_cpu, 2),
                        "warm_ratio": round(warm / runs[embedded]["wall_s"], 3)},
               notes=["cold: includes starting 2 workers, enqueue and collect; interleaved with its own embedded "
                      "runs; warm_ratio = enqueue-to-last-result (enqueue and collect commands included) with the "
                      "workers already consuming, over embedded"])


# -- 5. start-up --------------------------------------------------------------

def startup(ctx):
    example = ctx.inputs.smallest_example()
    anchor = "python -c 'import insights'"
    version, triage = "pagealloc --version", "pagealloc triage (smallest example)"
    commands = [(anchor, [ctx.python, "-c", "import insights"]),
                (version, [ctx.bin("pagealloc"), "--version"]),
                (triage, [ctx.bin("pagealloc"), "triage", example])]
    runs = compare(commands, ctx.repeats["startup"], ok_codes=(0, 1), log=ctx.log)
    return [row("5a", "start-up: --version", version, anchor, runs),
            row("5b", "start-up: triage %s" % os.path.basename(example), triage, anchor, runs)]


SUITES = (("triage", triage_overhead), ("scan", log_scan), ("dense", dense_dmesg), ("fleet", fleet),
          ("startup", startup))

