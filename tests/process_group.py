"""
The processes of one process group, read from /proc (Linux): for tests that
check a command leaves no orphan behind, and for the benchmark that charges a
broker's CPU time to its run.

``/proc/PID/stat`` (proc(5)): the command name is in parentheses and may hold
blanks, so the fields are read after the last ``)``: field 3 is the state
(``Z`` a zombie), 5 the process group, 14 and 15 utime and stime in clock ticks.
"""

import os
import signal
import subprocess


def group_stats(pgid):
    """``(pid, fields after the command name)`` of every process of group ``pgid`` still in /proc."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open("/proc/%s/stat" % pid) as stream:
                fields = stream.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        if int(fields[2]) == pgid:
            yield int(pid), fields


def group_members(pgid):
    """Processes still alive in process group ``pgid`` (zombies excluded)."""
    return [pid for pid, fields in group_stats(pgid) if fields[0] != "Z"]


def group_cpu_s(pgid):
    """CPU seconds used so far by the live processes of group ``pgid`` (utime + stime)."""
    return sum(int(fields[11]) + int(fields[12]) for _, fields in group_stats(pgid)) / float(os.sysconf("SC_CLK_TCK"))


def stop_group(process, first_signal, timeout=30):
    """Stop a service started in a process group of its own: ``first_signal`` to the whole group (the
    service's own clean shutdown), SIGKILL if it has not ended after ``timeout`` s; already gone is fine."""
    try:
        os.killpg(process.pid, first_signal)
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
