"""
``pagealloc fleet``: many archives, one JSONL file, one report.

    pagealloc fleet run DIR|LISTFILE --workers N --out results.jsonl [--timeout S] [--retry-errors]
    pagealloc fleet enqueue DIR|LISTFILE --broker URL [--skip-done-in results.jsonl [--retry-errors]]
    pagealloc fleet worker --broker URL --allowed-root DIR
    pagealloc fleet collect --broker URL --out results.jsonl [--expect N] [--timeout S]
    pagealloc fleet record results.jsonl --db PATH|URL [--at TIME]
    pagealloc fleet report [results.jsonl] [--db PATH|URL [--since DATE] [--host NAME]] --format text|json|html|csv

``--db`` (default ``$PAGEALLOC_FLEET_DB``): the history store, a SQLite file
path or a ``postgresql://`` URL; ``run`` and ``collect`` record a run there.

Exit codes: 0 done, 2 the command could not do its job (one-line reason on
stderr: unreadable input, broker unreachable, results missing at timeout).
"""

import argparse
import functools
import json
import logging
import os
import sys

from pagealloc.cli.arg_types import count, nonempty, port, seconds
from pagealloc.errors import InputError

BROKER_ENV = "PAGEALLOC_BROKER_URL"
DB_ENV = "PAGEALLOC_FLEET_DB"
# Modules of the ``fleet`` extra (setup.cfg): a triage-only install lacks them.
FLEET_EXTRA_MODULES = ("pika", "insights_messaging", "psycopg", "prometheus_client")


def needs_fleet_extra(command):
    """Turn a missing ``fleet`` extra module into one line and exit 2, not a traceback."""

    @functools.wraps(command)
    def run(args):
        try:
            return command(args)
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] not in FLEET_EXTRA_MODULES:
                raise
            return _fail("'pagealloc fleet %s' needs the fleet extra (%s is not installed): "
                         "pip install 'pagealloc[fleet]'" % (args.fleet_command, exc.name))

    return run


def _broker_url(args):
    from pagealloc.fleet.amqp import DEFAULT_BROKER_URL

    return args.broker or os.environ.get(BROKER_ENV) or DEFAULT_BROKER_URL


def _topology(args):
    from pagealloc.fleet.amqp import Topology

    return Topology(args.prefix)


def _concise_logging():
    """Our own warnings (reconnects) as one line each; pika's connection tracebacks off."""
    logging.basicConfig(level=logging.WARNING, format="pagealloc fleet: %(message)s")
    logging.getLogger("pika").setLevel(logging.CRITICAL)


def _fail(message):
    from pagealloc.render.inert import one_line

    sys.stderr.write(one_line("pagealloc fleet: %s" % message) + "\n")
    return 2


@needs_fleet_extra
def cmd_run(args):
    from pagealloc.fleet.bundles import fleet_sources
    from pagealloc.fleet.runner import run_fleet

    skipped, listed, members = [], {}, {}
    try:
        sources = fleet_sources(args.target, follow_links_out=args.follow_links_out, skipped=skipped,
                                identities=listed, members=members)  # sos collect bundles: one job per host
    except (InputError, OSError) as exc:
        return _fail(exc)
    _name_skipped_links(skipped)
    sources = [source for source in sources if not _own_file(source, args)]
    if not sources:  # nothing read is not "all analysed" (triage exits 2 on an empty directory too)
        return _fail("%s: no archive or log found" % args.target)
    if args.db and not _history_writable(args.db):  # a read-only store: said now, not after the night's run
        return 2
    from pagealloc.archive.workdir import StopAtOnce, exit_cleanly_on_sigterm, second_stop_stops_at_once

    exit_cleanly_on_sigterm()
    try:
        with second_stop_stops_at_once():
            counts = run_fleet(sources, args.out, workers=args.workers, timeout=args.timeout,
                               retry_errors=args.retry_errors, evaluate_kwargs={"listed": listed, "members": members})
    except StopAtOnce as stop:  # Ctrl-C twice: no grace period for the children
        from pagealloc.render.inert import one_line

        sys.stderr.write(one_line("pagealloc fleet: stopped at once on a second stop signal (%d): the analyses were "
                                  "killed and their work areas removed; finished archives are in %s, run again to "
                                  "resume" % (stop.signum, args.out)) + "\n")
        return 128 + stop.signum
    except InputError as exc:
        return _fail(exc)
    except OSError as exc:  # the results file: a full disk, a read-only folder
        return _fail("cannot write %s: %s" % (args.out, exc.strerror or exc))
    except (KeyboardInterrupt, SystemExit) as exc:
        sys.stderr.write("pagealloc fleet: interrupted; finished archives are in %s, run again to resume\n" % args.out)
        return _stop_code(exc)
    if args.db:  # the run covers the listed sources, analysed now or earlier
        listed = set(sources)
        try:
            counts["history_run"] = _record(args, lambda r: r["source"] in listed, "run", args.target)
        except (KeyboardInterrupt, SystemExit) as exc:  # the transaction was rolled back
            _fail("interrupted while the run was recorded in %s: not recorded; the results are in %s "
                  "('pagealloc fleet record' records them)" % (args.db, args.out))
            return _stop_code(exc)
        if counts["history_run"] is None:
            return 2
    if skipped:
        counts["links_skipped"] = len(skipped)
    sys.stderr.write(json.dumps(counts, sort_keys=True) + "\n")
    if counts["analysed"] and counts["errors"] == counts["analysed"] and not counts["skipped"]:
        # Nothing could be read is not "done": a script must not take it for a clean night.
        return _fail("none of the %d sources could be analysed: their errors are in %s"
                     % (counts["analysed"], args.out))
    return 0


def _stop_cleanly():
    """SIGTERM and SIGHUP unwind the command (``finally`` blocks: a partial file removed, a transaction
    rolled back) instead of killing it where it stands."""
    from pagealloc.archive.workdir import exit_cleanly_on_sigterm

    exit_cleanly_on_sigterm()


def _stop_code(exc):
    """The exit code of a stop request: 128 + the signal (SystemExit carries it), 130 for Ctrl-C."""
    return exc.code if isinstance(exc, SystemExit) and isinstance(exc.code, int) else 130


def _own_file(source, args):
    """True for the run's own results file or SQLite history (and its journals) listed in DIR: the next
    night analysed them as archives and recorded them as errors, reading the file being appended to."""
    own = [args.out] + ([args.db + suffix for suffix in ("", "-journal", "-wal", "-shm")]
                        if args.db and "://" not in args.db else [])
    real = os.path.realpath(source)
    return any(real == os.path.realpath(path) for path in own)


def _name_skipped_links(skipped):
    """One line per link of DIR that is not analysed (the sources' rule: pagealloc.fleet.sources)."""
    from pagealloc.render.inert import one_line

    for link in skipped:
        sys.stderr.write(one_line("pagealloc fleet: skipped link %s -> %s: %s" % link) + "\n")


def _history_writable(target):
    """True when a run can be recorded in ``target``; else False after printing why."""
    from pagealloc.fleet.history import check_writable

    try:
        check_writable(target)
    except (InputError, OSError) as exc:
        _fail(exc)
        return False
    return True


def _record(args, keep, kind, label):
    """Record the run in ``args.db``; the run id, or None after printing why not."""
    from pagealloc.fleet.history import record_results
    from pagealloc.fleet.jsonl import read_records

    try:
        return record_results(args.db, (r for r in read_records(args.out) if keep(r)), kind, label=label)
    except (InputError, OSError) as exc:
        _fail(exc)
        return None


@needs_fleet_extra
def cmd_enqueue(args):
    from pagealloc.fleet.amqp import CONNECTION_ERRORS, PUBLISH_ERRORS
    from pagealloc.fleet.producer import enqueue
    from pagealloc.fleet.sources import list_sources

    _concise_logging()
    try:
        skipped = []
        sources = list_sources(args.target, follow_links_out=args.follow_links_out, skipped=skipped)
        _name_skipped_links(skipped)
        published = enqueue(sources, _broker_url(args), _topology(args), skip_done_in=args.skip_done_in,
                            retry_errors=args.retry_errors)
    except (InputError, OSError) as exc:
        return _fail(exc)
    except CONNECTION_ERRORS as exc:
        return _fail("broker unreachable: %s" % (exc.__class__.__name__,))
    except PUBLISH_ERRORS as exc:
        return _fail("the broker refused a message: %s: %s" % (exc.__class__.__name__, exc))
    sys.stderr.write(json.dumps({"listed": len(sources), "enqueued": published}) + "\n")
    return 0


@needs_fleet_extra
def cmd_worker(args):
    from insights_messaging.appbuilder import AppBuilder

    settings = {
        BROKER_ENV: _broker_url(args),
        "PAGEALLOC_QUEUE_PREFIX": args.prefix,
        "PAGEALLOC_ALLOWED_ROOTS": os.pathsep.join(os.path.abspath(r) for r in args.allowed_root or ()),
        "PAGEALLOC_ALLOWED_URL_PREFIXES": ",".join(args.allowed_url_prefix or ()),
        "PAGEALLOC_ARCHIVE_TIMEOUT": str(args.archive_timeout) if args.archive_timeout else None,
        "PAGEALLOC_MAX_ATTEMPTS": str(args.max_attempts) if args.max_attempts else None,
        "PAGEALLOC_ATTEMPTS_DB": args.attempts_db,
        "PAGEALLOC_LOG_LEVEL": args.log_level,
    }
    # Command-line options win over the environment; unset ones keep the YAML defaults.
    os.environ.update({key: value for key, value in settings.items() if value})
    try:
        with open(args.config, encoding="utf-8") as handle:
            app = AppBuilder(handle.read()).build_app()
    except OSError as exc:
        return _fail(exc)
    if args.metrics_port is not None:
        # The default registry: what insights-core-messaging and the process collectors register.
        from prometheus_client import start_http_server

        try:
            start_http_server(args.metrics_port, addr=args.metrics_address)
        except OSError as exc:
            return _fail("metrics on %s:%d: %s" % (args.metrics_address, args.metrics_port, exc.strerror or exc))
    from pagealloc.fleet.consumer import StopNow

    try:
        app.run()
    except InputError as exc:  # the attempt ledger cannot be opened
        return _fail(exc)
    except StopNow as stop:  # a second stop signal while an archive was analysed
        from pagealloc.render.inert import one_line

        sys.stderr.write(one_line("pagealloc fleet: worker stopped at once on a second stop signal (%d); %s goes "
                                  "back to the queue unanswered" % (stop.signum, stop.source)) + "\n")
        return 128 + stop.signum
    return 0


@needs_fleet_extra
def cmd_collect(args):
    from pagealloc.fleet.amqp import CONNECTION_ERRORS
    from pagealloc.fleet.collector import collect

    _concise_logging()
    if args.db and not _history_writable(args.db):  # before the results are taken from the queue
        return 2
    try:
        stats, complete = collect(_broker_url(args), args.out, expect=args.expect, timeout=args.timeout,
                                  idle=args.idle, topology=_topology(args))
    except CONNECTION_ERRORS as exc:
        return _fail("broker unreachable: %s" % (exc.__class__.__name__,))
    except InputError as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(exc)
    counts = stats.as_dict()
    if args.db and complete:
        counts["history_run"] = _record(args, lambda r: True, "collect", os.path.abspath(args.out))
        if counts["history_run"] is None:
            return 2
    sys.stderr.write(json.dumps(counts, sort_keys=True) + "\n")
    if not complete:
        return _fail("%d of %d expected results collected before the timeout" % (len(stats.seen), args.expect))
    return 0


@needs_fleet_extra
def cmd_record(args):
    from pagealloc.fleet.history import record_results
    from pagealloc.fleet.jsonl import read_records

    try:
        records = list(read_records(args.results))
    except InputError as exc:
        return _fail(exc)
    if not records:
        return _fail("%s: no fleet records (empty, missing or not a pagealloc results file)" % args.results)
    _stop_cleanly()
    try:
        run_id = record_results(args.db, records, args.kind, label=os.path.abspath(args.results), started_at=args.at)
    except (InputError, OSError) as exc:
        return _fail(exc)
    except (KeyboardInterrupt, SystemExit) as exc:  # the transaction was rolled back: nothing half recorded
        _fail("interrupted: %s not recorded" % args.results)
        return _stop_code(exc)
    sys.stderr.write(json.dumps({"history_run": run_id, "records": len(records)}) + "\n")
    return 0


def _report_text(args):
    from pagealloc.fleet.report import render_report

    if args.format == "prometheus":
        from pagealloc.fleet.prometheus import render_prometheus_report

        return render_prometheus_report(args.results, args.db)

    if not args.db:
        if not args.results:
            raise InputError("give a results file, a history store (--db), or both")
        return render_report(args.results, args.format)
    from pagealloc.fleet.history import fleet_history, host_timelines, render_timelines_text, with_history
    from pagealloc.fleet.store import open_store

    with open_store(args.db) as store:
        if args.host:
            return render_timelines_text(host_timelines(store, args.host))
        history = fleet_history(store, since=args.since)
    report = render_report(args.results, args.format) if args.results else ""
    return with_history(report, args.format, history)


@needs_fleet_extra
def cmd_report(args):
    _stop_cleanly()  # a stop signal while --output is written removes the hidden partial file
    try:
        text = _report_text(args)
    except (InputError, OSError) as exc:
        return _fail(exc)
    if args.output:
        from pagealloc.cli.output_file import write_whole

        try:  # renamed into place when whole: a textfile collector never reads half a file
            write_whole(args.output, text)
        except OSError as exc:
            return _fail("cannot write %s: %s" % (args.output, exc.strerror or exc))
    else:
        sys.stdout.write(text)
    return 0


def _shipped_config():
    return os.path.join(os.path.dirname(os.path.dirname(__file__)), "fleet", "messaging.yaml")


def _db_option(parser, required=False):
    default = os.environ.get(DB_ENV) or None
    parser.add_argument("--db", default=default, required=required and not default, metavar="PATH|URL", type=nonempty,
                        help="history store: a SQLite file or a postgresql:// URL (default: $%s)" % DB_ENV)


def _broker_options(parser):
    # argparse %-formats help texts: the URL's "%2F" is written "%%2F" here, once
    parser.add_argument("--broker", help="AMQP URL (default: $" + BROKER_ENV + " or amqp://guest:guest@127.0.0.1:5672/%%2F)")
    parser.add_argument("--prefix", default="pagealloc", help="queue name prefix (default: pagealloc)")


TARGET_HELP = ("a folder (each visible entry - archive, sosreport folder or log file - is one source), or "
               "a list file (one path or http(s) URL per line, # comments)")
FOLLOW_HELP = ("also analyse what links in DIR lead to outside DIR (default: such links are skipped and "
               "named; links inside DIR are followed; links that dangle or loop are always skipped)")


def register(subparsers):
    fleet = subparsers.add_parser("fleet", help="evaluate many archives (process pool or RabbitMQ workers)",
                                  description="Analyse many sosreports or logs: here with a process pool (run), or "
                                              "through RabbitMQ workers (enqueue, worker, collect); keep each run "
                                              "in a history store (record) and report on hosts over time (report).")
    commands = fleet.add_subparsers(dest="fleet_command", metavar="FLEET_COMMAND")
    fleet.set_defaults(func=lambda args: (fleet.print_help(sys.stderr), 2)[1])
    for add in (_add_run, _add_enqueue, _add_worker, _add_collect, _add_record, _add_report):
        add(commands)


def _add_run(commands):
    run = commands.add_parser("run", help="analyse archives here with a process pool")
    run.add_argument("target", metavar="DIR|LISTFILE", type=nonempty, help=TARGET_HELP)
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                     help="analyses run at once, one child process each (default: the number of CPUs)")
    run.add_argument("--out", required=True, type=nonempty, help="JSONL results file (appended; archives in it are skipped)")
    run.add_argument("--timeout", type=seconds, default=600, help="seconds per archive before it is stopped (default 600)")
    run.add_argument("--retry-errors", action="store_true", help="analyse again archives recorded with an error")
    run.add_argument("--follow-links-out", action="store_true", help=FOLLOW_HELP)
    _db_option(run)
    run.set_defaults(func=cmd_run)


def _add_enqueue(commands):
    enq = commands.add_parser("enqueue", help="queue archive locations for RabbitMQ workers")
    enq.add_argument("target", metavar="DIR|LISTFILE", type=nonempty, help=TARGET_HELP)
    enq.add_argument("--follow-links-out", action="store_true", help=FOLLOW_HELP)
    enq.add_argument("--skip-done-in", metavar="RESULTS.jsonl", help="do not queue sources already in this file")
    enq.add_argument("--retry-errors", action="store_true", help="with --skip-done-in: queue again archives recorded with an error")
    _broker_options(enq)
    enq.set_defaults(func=cmd_enqueue)


def _add_worker(commands):
    worker = commands.add_parser("worker", help="run one insights-core-messaging worker")
    _broker_options(worker)
    worker.add_argument("--allowed-root", action="append", metavar="DIR", type=nonempty, help="folder archives may be read from (repeatable)")
    worker.add_argument("--allowed-url-prefix", action="append", metavar="URL", type=nonempty, help="http(s) prefix archives may be downloaded from")
    worker.add_argument("--archive-timeout", type=seconds, help="seconds per archive (default 600)")
    worker.add_argument("--max-attempts", type=int,
                        help="analyses that end without an answer before dead-lettering (default 3, at most 5)")
    worker.add_argument("--attempts-db", metavar="PATH|URL", type=nonempty,
                        help="attempt ledger shared by the workers: a SQLite file (workers on one machine) or a "
                             "postgresql:// URL (several machines) (default: $PAGEALLOC_ATTEMPTS_DB or "
                             "attempts.sqlite in $STATE_DIRECTORY or ~/.local/state/pagealloc)")
    worker.add_argument("--log-level", default=None, help="INFO (default), DEBUG, WARNING")
    worker.add_argument("--config", default=_shipped_config(), type=nonempty, help="insights-core-messaging YAML (default: the shipped one)")
    worker.add_argument("--metrics-port", type=port, metavar="PORT",
                        help="serve Prometheus metrics (/metrics) on this port (default: none)")
    worker.add_argument("--metrics-address", default="127.0.0.1", metavar="ADDR",
                        help="address for --metrics-port (default 127.0.0.1; 0.0.0.0 for every interface)")
    worker.set_defaults(func=cmd_worker)


def _add_collect(commands):
    coll = commands.add_parser("collect", help="write results from RabbitMQ to a JSONL file")
    _broker_options(coll)
    coll.add_argument("--out", required=True, type=nonempty, help="JSONL results file (appended; one line per archive answered)")
    coll.add_argument("--expect", type=count, help="stop once this many archives are in the file")
    coll.add_argument("--timeout", type=seconds, help="give up after this many seconds")
    coll.add_argument("--idle", type=seconds, default=10.0, help="without --expect: stop after this many idle seconds")
    _db_option(coll)
    coll.set_defaults(func=cmd_collect)


def _add_record(commands):
    rec = commands.add_parser("record", help="record a results file as one run in the history store")
    rec.add_argument("results", metavar="RESULTS.jsonl", type=nonempty, help="the JSONL results file of one fleet run or collect")
    _db_option(rec, required=True)
    rec.add_argument("--at", metavar="TIME", help="when the run happened (ISO 8601, default now)")
    rec.add_argument("--kind", default="record", help=argparse.SUPPRESS)
    rec.set_defaults(func=cmd_record)


def _add_report(commands):
    report = commands.add_parser("report", help="aggregate a JSONL results file and/or the history")
    report.add_argument("results", metavar="RESULTS.jsonl", nargs="?", type=nonempty,
                        help="a JSONL results file to report on (optional with --db)")
    _db_option(report)
    report.add_argument("--since", metavar="DATE", help="with --db: also compare with the last run before DATE")
    report.add_argument("--host", metavar="NAME", help="with --db: the timeline of one host (name or identity)")
    report.add_argument("--format", choices=("text", "json", "html", "csv", "prometheus"), default="text",
                        help="prometheus: node_exporter textfile metrics (with --db: new/ongoing/resolved too)")
    report.add_argument("--output", "-o", type=nonempty, help="write here instead of stdout")
    report.set_defaults(func=cmd_report)
