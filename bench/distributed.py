"""
One end-to-end RabbitMQ fleet run, as a single command to time
==============================================================

``python bench/distributed.py --broker URL --workers N --out FILE DIR``
starts N ``pagealloc fleet worker`` processes, queues every archive of DIR
with ``pagealloc fleet enqueue``, waits with ``pagealloc fleet collect
--expect`` until every result is in FILE, then stops the workers.  So its
wall time covers what the embedded ``pagealloc fleet run`` covers (worker
start-up, analysis, results on disk) plus the broker hops, and the harness
can time both the same way.  Each run uses its own queue prefix.

With ``--timings FILE`` it also appends one JSON line per run:
``{"workers_ready_s", "warm_s"}``: how long the workers took to start
consuming, and the time from then (enqueue) to the last result collected,
i.e. what a batch costs when the workers already run as a service.

Exit code: collect's (0 = every result collected), 2 on bad usage.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import uuid

import pika

from pagealloc.fleet.amqp import Topology


def pagealloc_command():
    script = os.path.join(os.path.dirname(sys.executable), "pagealloc")
    if os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-c", "import sys; from pagealloc.cli import main; sys.exit(main())"]


def _stop_all(processes, timeout=20):
    """SIGTERM every worker at once (each finishes its archive and notices
    within its 0.5 s poll), then wait; SIGKILL what lingers."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_consumers(broker, queue, count, timeout=120):
    """Block until ``count`` consumers are on ``queue`` (the workers are ready)."""
    deadline = time.monotonic() + timeout
    connection = pika.BlockingConnection(pika.URLParameters(broker))
    try:
        while time.monotonic() < deadline:
            channel = connection.channel()
            try:
                if channel.queue_declare(queue, passive=True).method.consumer_count >= count:
                    return
                channel.close()
            except pika.exceptions.ChannelClosedByBroker:  # not declared yet
                pass
            time.sleep(0.05)
    finally:
        connection.close()
    raise RuntimeError("%d workers not consuming %s after %d s" % (count, queue, timeout))


def run(broker, folder, out, workers, timeout, log_dir, timings=None):
    prefix = "bench-" + uuid.uuid4().hex[:10]
    started_at = time.monotonic()
    cmd = pagealloc_command() + ["fleet"]
    common = ["--broker", broker, "--prefix", prefix]
    expect = sum(1 for name in os.listdir(folder) if name.endswith((".tar.gz", ".tar.xz")))
    started = []
    try:
        for index in range(workers):
            with open(os.path.join(log_dir, "worker-%s-%d.log" % (prefix, index)), "ab") as log:
                started.append(subprocess.Popen(
                    cmd + ["worker"] + common + ["--allowed-root", folder, "--log-level", "WARNING"],
                    stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        if timings:
            _wait_for_consumers(broker, Topology(prefix).work_queue, workers)
        ready_at = time.monotonic()
        subprocess.run(cmd + ["enqueue", folder] + common, check=True, stderr=subprocess.DEVNULL)
        code = subprocess.call(cmd + ["collect"] + common + ["--out", out, "--expect", str(expect),
                                                             "--timeout", str(timeout)])
        if timings:
            with open(timings, "a") as f:
                f.write(json.dumps({"workers_ready_s": round(ready_at - started_at, 3),
                                    "warm_s": round(time.monotonic() - ready_at, 3)}) + "\n")
        return code
    finally:
        _stop_all(started)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench/distributed.py")
    parser.add_argument("folder")
    parser.add_argument("--broker", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--log-dir", default=None)
    parser.add_argument("--timings", metavar="FILE", help="append {workers_ready_s, warm_s} as a JSON line")
    args = parser.parse_args(argv)
    log_dir = args.log_dir or os.path.dirname(os.path.abspath(args.out))
    return run(args.broker, os.path.abspath(args.folder), args.out, args.workers, args.timeout, log_dir,
               args.timings)


if __name__ == "__main__":
    sys.exit(main())
