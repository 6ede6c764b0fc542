"""
One end-to-end RabbitMQ fleet run, as a single command to time
==============================================================

``python -m pagealloc.bench.distributed --broker URL --workers N --out FILE DIR``
starts N ``pagealloc fleet worker`` processes, queues every archive of DIR
with ``pagealloc fleet enqueue``, waits with ``pagealloc fleet collect
--expect`` until every result is in FILE, then stops the workers.  So its
wall time covers what the embedded ``pagealloc fleet run`` covers (worker
start-up, analysis, results on disk) plus the broker hops, and the harness
can time both the same way.  Each run uses its own queue prefix.

Exit code: collect's (0 = every result collected), 2 on bad usage.
"""

import argparse
import os
import signal
import subprocess
import sys
import uuid


def pagealloc_command():
    script = os.path.join(os.path.dirname(sys.executable), "pagealloc")
    if os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-c", "import sys; from pagealloc.cli import main; sys.exit(main())"]


def _stop(process, timeout=20):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run(broker, folder, out, workers, timeout, log_dir):
    prefix = "bench-" + uuid.uuid4().hex[:10]
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
        subprocess.run(cmd + ["enqueue", folder] + common, check=True, stderr=subprocess.DEVNULL)
        return subprocess.call(cmd + ["collect"] + common + ["--out", out, "--expect", str(expect),
                                                             "--timeout", str(timeout)])
    finally:
        for process in started:
            _stop(process)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m pagealloc.bench.distributed")
    parser.add_argument("folder")
    parser.add_argument("--broker", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--log-dir", default=None)
    args = parser.parse_args(argv)
    log_dir = args.log_dir or os.path.dirname(os.path.abspath(args.out))
    return run(args.broker, os.path.abspath(args.folder), args.out, args.workers, args.timeout, log_dir)


if __name__ == "__main__":
    sys.exit(main())
