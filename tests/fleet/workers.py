"""Fleet workers as the tests run them: subprocesses of the installed ``pagealloc fleet worker``."""

import os
import signal
import subprocess
import sys
import time


def pagealloc_command():
    script = os.path.join(os.path.dirname(sys.executable), "pagealloc")
    if os.access(script, os.X_OK):
        return [script]
    return [sys.executable, "-c", "import sys; from pagealloc.cli import main; sys.exit(main())"]


SLOW_PAGEALLOC = """
import sys, time
import pagealloc.evaluate as evaluate
real = evaluate.evaluate_path
def slow(path, **kwargs):
    time.sleep(DELAY)
    return real(path, **kwargs)
evaluate.evaluate_path = slow
from pagealloc.cli import main
sys.exit(main(sys.argv[1:]))
"""


# A worker the test kills mid-archive: its analysis must still be running when the kill lands, however
# long a loaded machine takes to notice the started child (with 5 s, two full suites at load 8-9 saw the
# victim's archive come back not marked redelivered).  A longer delay costs the tests nothing: the
# orphaned analysis child lets go of the worker's broker connection as it starts
# (isolated._release_inherited_sockets), so the broker requeues the archive at the kill, not when the
# child ends (before that, 30 s made the three kill tests 31-61 s each).
VICTIM_DELAY_S = 12.0


def slow_pagealloc_command(delay_s=5.0):
    """``pagealloc`` whose analyses take ``delay_s`` more: long archives without big fixtures.

    Analyses run in forked children, which inherit the patched function.
    """
    return [sys.executable, "-c", "DELAY = %r\n" % float(delay_s) + SLOW_PAGEALLOC]


def ledger_environment(log_path, env=None):
    """The environment of a test worker: its attempt ledger beside its log, so the workers of one
    test share a ledger and no test writes to the user's state folder."""
    env = dict(os.environ if env is None else env)
    env.setdefault("PAGEALLOC_ATTEMPTS_DB", os.path.join(os.path.dirname(os.path.abspath(log_path)), "attempts.sqlite"))
    return env


class Worker:
    def __init__(self, broker_url, prefix, allowed_root, log_path, *extra, command=None, env=None):
        self.log_path = log_path
        env = ledger_environment(log_path, env)
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                (command or pagealloc_command())
                + ["fleet", "worker", "--broker", broker_url, "--prefix", prefix,
                   "--allowed-root", allowed_root, "--archive-timeout", "60"]
                + list(extra),
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True, env=env,
            )

    def log(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def started_sources(self):
        """Sources this worker logged as started, in order."""
        return [line.split(" start ", 1)[1].split(" (attempt")[0]
                for line in self.log().splitlines() if " start " in line]

    def children(self):
        """PIDs of the worker's live child processes (its analysis child, forked for its first archive)."""
        try:
            with open("/proc/%d/task/%d/children" % (self.process.pid, self.process.pid)) as handle:
                return [int(pid) for pid in handle.read().split()]
        except OSError:
            return []

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self, timeout=20):
        """SIGTERM (finish the current archive), then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()


def wait_for(predicate, timeout, interval=0.005, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("timed out after %s s waiting for %s" % (timeout, what))
