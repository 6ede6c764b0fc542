"""
``make bench``: pagealloc next to the tools people would use instead
====================================================================

    python bench/run.py [--quick] [--only triage,scan,dense,fleet,startup] [--repeats N]

Generates its inputs deterministically into bench/work/ (reused by later
runs), times every benchmark against its anchor in the same run, prints a
table and writes bench/results.json.  The commands timed are those of the
environment this script runs in (``pagealloc``, ``insights-run`` and
``python`` next to ``sys.executable``), i.e. the installed package.

Exit code 0 when every benchmark ran (targets met or not: the table and
docs/benchmarks.md say which), 1 when one could not run.
"""

import argparse
import datetime
import json
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
# bench/ and tests/ are not installed: import them from the checkout, appended
# after site-packages so that ``pagealloc`` stays the installed package.
if REPO not in sys.path:
    sys.path.append(REPO)

# Interleaved repetitions per benchmark (medians of these).
REPEATS = {"triage_small": 5, "triage_big": 3, "scan": 5, "dense": 2, "fleet": 2, "startup": 7}
QUICK_REPEATS = {"triage_small": 3, "triage_big": 2, "scan": 2, "dense": 2, "fleet": 1, "startup": 3}


def _fmt(value, unit=""):
    if value is None:
        return "-"
    return ("%.3f" % value if value < 10 else "%.1f" % value) + unit


def _figure(value):
    return round(value, 3) if isinstance(value, float) else value


def _extras(r):
    return ["%s=%s" % (k, _figure(v)) for k, v in sorted(r.get("figures", {}).items())] + r.get("notes", [])


def table(rows):
    head = ("id", "benchmark", "pagealloc", "s", "cpu s", "MB", "anchor", "s", "cpu s", "MB", "ratio", "cpu ratio",
            "target", "met")
    lines = [head]
    for r in rows:
        met = {True: "yes", False: "NO", None: "-"}[r.get("met")]
        lines.append((r["id"], r["benchmark"], r.get("subject") or "-", _fmt(r.get("subject_s")),
                      _fmt(r.get("subject_cpu_s")), _fmt(r.get("subject_rss_mb")), r.get("anchor") or "-",
                      _fmt(r.get("anchor_s")), _fmt(r.get("anchor_cpu_s")), _fmt(r.get("anchor_rss_mb")),
                      _fmt(r.get("ratio"), "x"), _fmt(r.get("cpu_ratio"), "x"), r.get("target") or "-", met))
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(head))]
    out = ["  ".join(str(cell).ljust(w) for cell, w in zip(line, widths)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    for r in rows:
        extras = _extras(r)
        if extras:
            out.append("%s: %s" % (r["id"], "; ".join(str(e) for e in extras)))
    return "\n".join(out)


def markdown(results):
    """The results as the markdown table docs/benchmarks.md shows."""
    m = results["machine"]
    out = ["Run of %s on %s (%s CPUs, %d MB RAM, kernel %s, Python %s)%s; medians of %s interleaved runs; "
           "load average during the suites: %s." % (
               results["date"], m.get("cpu", "?"), m.get("cpus"), m.get("mem_total_kb", 0) // 1024,
               m.get("kernel"), m.get("python"), " in --quick mode" if results["quick"] else "",
               ", ".join("%s %d" % kv for kv in sorted(results["repeats"].items())),
               ", ".join("%s %s" % (r["id"], r.get("load_average")) for r in results["rows"])),
           "",
           "| id | benchmark | pagealloc | s (cpu s) | MB | anchor | s (cpu s) | MB | ratio (cpu) | target | met |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in results["rows"]:
        met = {True: "yes", False: "**no**", None: "-"}[r.get("met")]
        out.append("| %s | %s | %s | %s (%s) | %s | %s | %s (%s) | %s | %s (%s) | %s | %s |" % (
            r["id"], r["benchmark"], r.get("subject") or "-", _fmt(r.get("subject_s")), _fmt(r.get("subject_cpu_s")),
            _fmt(r.get("subject_rss_mb")), r.get("anchor") or "-", _fmt(r.get("anchor_s")),
            _fmt(r.get("anchor_cpu_s")), _fmt(r.get("anchor_rss_mb")), _fmt(r.get("ratio"), "x"),
            _fmt(r.get("cpu_ratio"), "x"), (r.get("target") or "-").replace("<", "&lt;"), met))
    out.append("")
    for r in results["rows"]:
        extras = _extras(r)
        if extras:
            out.append("- %s: %s" % (r["id"], "; ".join(str(e) for e in extras)))
    for failure in results.get("failures", []):
        out.append("- suite %s could not run: %s" % (failure["suite"], failure["error"]))
    return "\n".join(out) + "\n"


def _log(message):
    sys.stderr.write("[bench %s] %s\n" % (time.strftime("%H:%M:%S"), message))
    sys.stderr.flush()


def _parser(suite_names):
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Time pagealloc next to its anchors (grep, bare insights-run, python -c 'import insights'); "
                    "see docs/benchmarks.md.")
    parser.add_argument("--quick", action="store_true", help="small inputs, fewer repetitions (under a minute)")
    parser.add_argument("--only", default="", help="comma-separated suites: " + ",".join(suite_names))
    parser.add_argument("--repeats", type=int, help="repetitions for every benchmark")
    parser.add_argument("--work", default=os.path.join(HERE, "work"), help="where generated inputs are cached")
    parser.add_argument("--results", default=os.path.join(HERE, "results.json"), help="where results are written")
    parser.add_argument("--markdown", action="store_true",
                        help="print the last results (--results) as a markdown table and exit, running nothing")
    return parser


def run_suites(suites, harness, ctx, chosen):
    """``(rows, failures)`` of the chosen suites (all when none is chosen), in their order."""
    rows, failures = [], []
    for name, suite in suites.SUITES:
        if chosen and name not in chosen:
            continue
        load_before = harness.load_average()
        _log("suite %s (load average %s)" % (name, load_before))
        try:
            produced = suite(ctx)
            for r in produced:
                r["load_average"] = [load_before, harness.load_average()]
            rows.extend(produced)
        except Exception as exc:  # one broken benchmark must not hide the others
            _log("suite %s FAILED: %s" % (name, exc))
            failures.append({"suite": name, "error": "%s: %s" % (type(exc).__name__, exc),
                             "traceback": traceback.format_exc()})
    return rows, failures + ctx.failures


def main(argv=None):
    from bench import harness, inputs, suites  # noqa: E402 (after the sys.path entry above)

    parser = _parser([name for name, _ in suites.SUITES])
    args = parser.parse_args(argv)
    if args.markdown:
        with open(args.results) as f:
            sys.stdout.write(markdown(json.load(f)))
        return 0
    repeats = dict(QUICK_REPEATS if args.quick else REPEATS)
    if args.repeats:
        repeats = {name: args.repeats for name in repeats}
    sizes = inputs.QUICK if args.quick else inputs.FULL
    ctx = suites.Context(os.path.dirname(sys.executable), inputs.Inputs(args.work, REPO, sizes, _log), repeats,
                         args.quick, _log)
    chosen = [s for s in args.only.split(",") if s]
    unknown = set(chosen) - {name for name, _ in suites.SUITES}
    if unknown:
        parser.error("unknown suite(s): %s" % ", ".join(sorted(unknown)))
    started = time.monotonic()
    rows, failures = run_suites(suites, harness, ctx, chosen)
    elapsed = time.monotonic() - started
    results = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "machine": harness.machine(), "quick": args.quick, "repeats": repeats, "sizes": sizes,
               "elapsed_s": round(elapsed, 1), "rows": rows, "failures": failures}
    with open(args.results, "w") as f:
        json.dump(results, f, indent=1)
    print(table(rows))
    for failure in failures:
        print("suite %s could not run: %s" % (failure["suite"], failure["error"]))
    print("total %.0f s (%s); results in %s" % (elapsed, "quick" if args.quick else "full", args.results))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
