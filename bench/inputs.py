"""
Benchmark inputs, generated once and cached
===========================================

Every input lives in the work folder (``bench/work/``, git-ignored) next to
a ``.json`` note of the parameters that made it; a later run reuses it when
the note matches (same generator version, size and seed) and the file is
still there with its recorded size, and rebuilds it otherwise.  Builds go to
a temporary name first, so an interrupted run never leaves a half file that
looks finished.

Examples:
    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as work:
    ...     inputs = Inputs(work, repo=None, sizes=dict(QUICK, dense_dmesg=100000))
    ...     path, facts = inputs.dense_dmesg()
    ...     again = inputs.dense_dmesg()[1]
    ...     print(facts["events"] == 11 * facts["chunks"], os.path.getsize(path) == facts["bytes"],
    ...           facts["cached"], again["cached"])
    True True False True
"""

import glob
import json
import os
import shutil
import subprocess
import tempfile

from bench import archives, logs

# Bump when a generator's output changes, so stale caches are rebuilt.
GENERATOR_VERSION = 1

FULL = {"messages": 2 << 30, "dense_dmesg": 200 << 20, "big_sos_messages": 250 << 20, "fleet": 200, "fleet_real": 24}
QUICK = {"messages": 200 << 20, "dense_dmesg": 20 << 20, "big_sos_messages": 20 << 20, "fleet": 40, "fleet_real": 6}
SEED = 1
EXAMPLES = ("sosreport-e100-rx-failure.tar.xz", "sosreport-healthy.tar.xz")


class Inputs:
    def __init__(self, work, repo, sizes, log=None):
        self.work = os.path.abspath(work)
        self.repo = repo
        self.sizes = sizes
        self.log = log or (lambda message: None)
        os.makedirs(self.work, exist_ok=True)

    def example(self, name):
        path = os.path.join(self.repo, "examples", name)
        if not os.path.exists(path):
            raise FileNotFoundError("bundled example missing: %s (run examples/make_examples.py)" % path)
        return path

    def smallest_example(self):
        return min((self.example(name) for name in EXAMPLES), key=os.path.getsize)

    def _cached(self, name, params, build):
        """(path, facts) of input ``name``; ``build(tmp_path)`` returns facts."""
        path = os.path.join(self.work, name)
        note = path + ".json"
        wanted = {"version": GENERATOR_VERSION, "params": params}
        try:
            with open(note) as f:
                saved = json.load(f)
            if {k: saved.get(k) for k in wanted} == wanted and _size(path) == saved["facts"]["bytes"]:
                return path, dict(saved["facts"], cached=True)
        except (OSError, ValueError, KeyError):
            pass
        self.log("generating %s ..." % name)
        tmp = path + ".partial"
        _remove(tmp)
        facts = build(tmp)
        facts["bytes"] = _size(tmp)
        _remove(path)
        os.replace(tmp, path)
        with open(note, "w") as f:
            json.dump(dict(wanted, facts=facts), f, indent=1)
        return path, dict(facts, cached=False)

    def messages(self):
        size = self.sizes["messages"]

        def build(tmp):
            with open(tmp, "wb") as out:
                return logs.write_messages(out, size, reports=20, seed=SEED)

        return self._cached("messages-%dM" % (size >> 20), {"size": size, "reports": 20, "seed": SEED}, build)

    def dense_dmesg(self):
        size = self.sizes["dense_dmesg"]

        def build(tmp):
            with open(tmp, "wb") as out:
                return logs.write_dense_dmesg(out, size)

        return self._cached("dmesg-dense-%dM" % (size >> 20), {"size": size}, build)

    def big_sosreport(self):
        size = self.sizes["big_sos_messages"]
        template = self.example(EXAMPLES[0])

        def build(tmp):
            # The name must end in .tar.xz for the writer; rename afterwards.
            target = tmp + ".tar.xz"
            messages = archives.write_big_sosreport(target, archives.load_template(template), size, seed=SEED)
            os.replace(target, tmp)
            return {"messages_bytes": messages, "template": os.path.basename(template)}

        name = "sosreport-big-%dM.tar.xz" % (size >> 20)
        return self._cached(name, {"messages": size, "seed": SEED, "template": _size(template)}, build)

    def real_sosreport(self):
        """A sosreport of this machine made by ``sos report`` with its default plugins
        (made once, then reused: its content is this machine's, not a seed's)."""

        def build(tmp):
            return {"sos": make_sosreport(tmp)}

        return self._cached("sosreport-real.tar.xz", {"sos": "default plugins"}, build)

    def real_sosreport_with_messages(self):
        """The real sosreport with a ``var/log/messages`` of ``big_sos_messages`` bytes."""
        size = self.sizes["big_sos_messages"]
        real, facts = self.real_sosreport()

        def build(tmp):
            target = tmp + ".tar.xz"
            made = archives.write_sosreport_with_messages(target, archives.load_template(real), size, seed=SEED)
            os.replace(target, tmp)
            return made

        name = "sosreport-real-%dM-messages.tar.xz" % (size >> 20)
        return self._cached(name, {"messages": size, "seed": SEED, "real": facts["bytes"]}, build)

    def fleet(self):
        count = self.sizes["fleet"]
        templates = [self.example(name) for name in EXAMPLES]

        def build(tmp):
            os.makedirs(tmp)
            loaded = [archives.load_template(t) for t in templates]
            paths = archives.write_fleet(tmp, count, loaded)
            return {"archives": len(paths)}

        path, facts = self._cached("fleet-%d" % count, {"count": count, "templates": [_size(t) for t in templates]},
                                   build)
        return path, facts


    def real_fleet(self):
        """``fleet_real`` copies of the real sosreport (a sosreport of the size ``sos report`` makes,
        thousands of members), host names changed: a fleet whose start-up is not most of the run."""
        count = self.sizes["fleet_real"]
        real, facts = self.real_sosreport()

        def build(tmp):
            os.makedirs(tmp)
            return {"archives": len(archives.write_copies(tmp, count, archives.load_template(real))),
                    "archive_bytes": facts["bytes"]}

        return self._cached("fleet-real-%d" % count, {"count": count, "real": facts["bytes"]}, build)


def make_sosreport(target):
    """Run ``sos report --batch`` (default plugins) and move its .tar.xz to ``target``;
    returns the sos version line.  sos needs root."""
    sos = shutil.which("sos") or shutil.which("sosreport")
    if not sos or os.geteuid() != 0:
        raise RuntimeError("a real sosreport needs the 'sos' command (Debian package sosreport) and root")
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(target))) as tmp:
        command = [sos] + (["report"] if os.path.basename(sos) == "sos" else [])
        done = subprocess.run(command + ["--batch", "--quiet", "--tmp-dir", tmp], stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=900)
        found = glob.glob(os.path.join(tmp, "sosreport-*.tar.xz"))
        output = done.stdout.decode("utf-8", "replace")
        if done.returncode != 0 or len(found) != 1:
            raise RuntimeError("sos report failed (exit %d): %s" % (done.returncode, output[-2000:]))
        os.replace(found[0], target)
    return next((line.strip() for line in output.splitlines() if "version" in line), "sos")


def _size(path):
    """Bytes of a file, or of a folder's direct files; -1 when missing."""
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(path, n)) for n in os.listdir(path))
    try:
        return os.path.getsize(path)
    except OSError:
        return -1


def _remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)
