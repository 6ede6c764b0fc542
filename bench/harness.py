"""
Benchmark timing harness
========================

Runs commands side by side: every repetition runs each command of a group
once, in turn (interleaved, so a noisy neighbour or a cold cache hurts all of
them alike), in a fresh child process, and keeps the median wall time and
the median CPU time (user + system of the child and its descendants: on a
shared machine CPU time is the steadier of the two).  Peak resident memory
comes from GNU time's ``%M`` (``/usr/bin/time``), which reports the child's
``ru_maxrss``; without it, from
``resource.getrusage(RUSAGE_CHILDREN)`` read in a fresh Python process that
runs only that command (so no earlier child can raise the maximum).

Examples:
    >>> m = measure(["true"])
    >>> m.returncode, m.wall_s >= 0, m.cpu_s >= 0, m.peak_rss_kb is None or m.peak_rss_kb > 0
    (0, True, True, True)
    >>> median([3.0, 1.0, 2.0]), median([4.0, 1.0, 2.0, 3.0])
    (2.0, 2.5)
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import namedtuple

GNU_TIME = "/usr/bin/time"

#: One run of one command: wall and CPU seconds, peak RSS in kB (None if
#: unknown), exit code and the last bytes of stderr (for error messages).
Measurement = namedtuple("Measurement", "wall_s cpu_s peak_rss_kb returncode stderr")

# A fresh interpreter runs the command and prints the children's maxrss; used
# only when GNU time is absent.
_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys, json\n"
    "rc = subprocess.call(sys.argv[1:])\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write('\\n' + json.dumps([rc, u.ru_maxrss, u.ru_utime + u.ru_stime]))\n"
)


def median(values):
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2.0


def _has_gnu_time():
    try:
        return subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True).returncode == 0
    except OSError:
        return False


HAS_GNU_TIME = _has_gnu_time()


def measure(argv, env=None, cwd=None, stdout=None):
    """Run argv once; wall time measured around the whole child.

    Output goes to a real file, never /dev/null: GNU grep stops at the first
    match when its output is /dev/null (grep.c, dev_null_output), which
    would make the anchor meaninglessly fast.
    """
    if stdout is None:
        with tempfile.TemporaryFile() as sink:
            return measure(argv, env, cwd, sink)
    if HAS_GNU_TIME:
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            start = time.perf_counter()
            proc = subprocess.run([GNU_TIME, "-f", "%M %U %S", "-o", rss.name] + list(argv), env=env, cwd=cwd,
                                  stdout=stdout, stderr=subprocess.PIPE)
            wall = time.perf_counter() - start
            lines = rss.read().strip().splitlines()
        # GNU time prints "Command exited with non-zero status N" before the figures.
        fields = lines[-1].split() if lines else []
        peak, cpu = (int(fields[0]), float(fields[1]) + float(fields[2])) if len(fields) == 3 else (None, 0.0)
        return Measurement(wall, cpu, peak, proc.returncode, proc.stderr[-2000:].decode("utf-8", "replace"))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUSAGE_WRAPPER] + list(argv), env=env, cwd=cwd,
                          stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    try:
        rc, peak, cpu = json.loads(proc.stderr.decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        rc, peak, cpu = proc.returncode, None, 0.0
    return Measurement(wall, cpu, peak, rc, proc.stderr[-2000:].decode("utf-8", "replace"))


class CommandFailed(RuntimeError):
    pass


def compare(commands, repeats, setup=None, ok_codes=(0,), env=None, log=None, stdout=None):
    """Run each named command ``repeats`` times, interleaved.

    ``commands``: list of (name, argv).  ``setup(name)`` runs before each
    measurement (e.g. to empty an output directory) and is not timed.
    Returns {name: {"wall_s": median, "walls": [...], "cpu_s": median,
    "peak_rss_kb": max, "returncode": last}}.  A command exiting with a code outside ``ok_codes``
    raises CommandFailed with its stderr: a benchmark of a failing command
    measures nothing.  ``stdout``: where the commands write (default: a
    temporary file; ``subprocess.PIPE``: a pipe this process reads).
    """
    runs = {name: [] for name, _ in commands}
    for rep in range(repeats):
        for name, argv in commands:
            if setup:
                setup(name)
            m = measure(argv, env=env, stdout=stdout)
            if m.returncode not in ok_codes:
                raise CommandFailed("%s exited %d: %s" % (" ".join(argv), m.returncode, m.stderr.strip()[-500:]))
            runs[name].append(m)
            if log:
                log("  %-36s run %d/%d  %7.3f s (cpu %.3f s)  %s" % (
                    name, rep + 1, repeats, m.wall_s, m.cpu_s, "%d MB" % (m.peak_rss_kb // 1024) if m.peak_rss_kb else ""))
    summary = {}
    for name, ms in runs.items():
        rss = [m.peak_rss_kb for m in ms if m.peak_rss_kb is not None]
        summary[name] = {
            "wall_s": round(median([m.wall_s for m in ms]), 4),
            "walls": [round(m.wall_s, 4) for m in ms],
            "cpu_s": round(median([m.cpu_s for m in ms]), 4),
            "peak_rss_kb": max(rss) if rss else None,
            "returncode": ms[-1].returncode,
        }
    return summary


def load_average():
    """The 1-minute load average (other work on the machine skews wall times)."""
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def machine():
    """What the figures were measured on."""
    info = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            info["mem_total_kb"] = int(f.readline().split()[1])
    except OSError:
        pass
    info["kernel"] = os.uname().release
    info["gnu_time"] = HAS_GNU_TIME
    return info
