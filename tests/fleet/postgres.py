"""
A private PostgreSQL server for the history-store tests.

Debian's ``postgresql`` binaries (``/usr/lib/postgresql/<major>/bin``) run
directly: ``initdb`` into a fresh data directory (trust authentication, a
``pagealloc`` superuser), then ``postgres`` listening on 127.0.0.1 on a free
port with its socket in the same temp dir; so the tests never touch a system
cluster and parallel runs do not collide.  PostgreSQL refuses to run as
root: as root the server runs as the ``postgres`` system user (created by
the Debian package) with the data directory owned by it.
"""

import glob
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import uuid

from tests.fleet.rabbitmq import free_port
from tests.process_group import stop_group
from tests.services import service_missing, wait_until_ready

READY_TIMEOUT_S = 60
SUPERUSER = "pagealloc"
# Debian's package creates this system user; as root, the server runs as it.
SERVICE_USER = "postgres"


def find_postgres_bin():
    """The newest Debian postgresql bin directory holding initdb and postgres, or None."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if all(os.access(os.path.join(folder, tool), os.X_OK) for tool in ("initdb", "postgres")):
            return folder
    folder = os.path.dirname(shutil.which("initdb") or "")
    return folder if folder and os.access(os.path.join(folder, "postgres"), os.X_OK) else None


def postgres_or_skip(environ=os.environ):
    folder = find_postgres_bin()
    if folder is None:
        service_missing("PostgreSQL is not installed (Debian: apt-get install postgresql)", environ)
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVICE_USER)
        except KeyError:
            service_missing("running as root and no '%s' user to run PostgreSQL as" % SERVICE_USER, environ)
    return folder


class PostgresServer:
    def __init__(self, bindir):
        self.bindir = bindir
        # Not under pytest's tmp_path: that is private to root (0700) and the
        # server runs as another user when the tests run as root.
        self.workdir = tempfile.mkdtemp(prefix="pagealloc-pg-")
        self.datadir = os.path.join(self.workdir, "data")
        self.port = free_port()
        self.process = None
        self.as_user = []
        if os.geteuid() == 0:
            account = pwd.getpwnam(SERVICE_USER)
            os.chown(self.workdir, account.pw_uid, account.pw_gid)
            self.as_user = [shutil.which("runuser") or "/usr/sbin/runuser", "-u", SERVICE_USER, "--"]

    def url(self, database="postgres"):
        return "postgresql://%s@127.0.0.1:%d/%s" % (SUPERUSER, self.port, database)

    def _run(self, tool, *args):
        done = subprocess.run(self.as_user + [os.path.join(self.bindir, tool)] + list(args), cwd=self.workdir,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError("%s failed: %s" % (tool, done.stdout[-2000:]))

    def start(self):
        self._run("initdb", "-D", self.datadir, "-U", SUPERUSER, "--auth=trust", "--no-sync", "-E", "UTF8",
                  "--locale=C")
        log = open(os.path.join(self.workdir, "server.log"), "ab")
        self.process = subprocess.Popen(
            self.as_user + [os.path.join(self.bindir, "postgres"), "-D", self.datadir, "-p", str(self.port),
                            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + self.workdir,
                            "-c", "fsync=off", "-c", "max_connections=40"],
            cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        self._wait_ready()

    def _wait_ready(self):
        import psycopg

        wait_until_ready(self, "postgres", lambda: psycopg.connect(self.url(), connect_timeout=2).close(),
                         psycopg.OperationalError, READY_TIMEOUT_S)

    def new_database(self):
        """A fresh, empty database; its URL."""
        import psycopg

        name = "pagealloc_%s" % uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute("CREATE DATABASE %s" % name)
        return self.url(name)

    def stop(self):
        if self.process is None:
            return
        stop_group(self.process, signal.SIGINT)  # "fast" shutdown
        self.process = None

    def close(self):
        self.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
