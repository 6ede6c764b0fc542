"""
A private RabbitMQ broker for the fleet tests.

Debian's ``rabbitmq-server`` started as a subprocess, as the current user,
with its own node name, data and log folders in a temp dir, its own Erlang
port mapper port and AMQP/distribution ports on 127.0.0.1 only; so tests
never touch a system broker and parallel runs do not collide.  The broker
can be stopped and started again on the same data (durable queues survive),
which the broker-restart test uses.
"""

import os
import random
import shutil
import signal
import socket
import subprocess
import uuid

import pika

from tests.process_group import stop_group
from tests.services import service_missing, wait_until_ready

# Debian's /usr/sbin wrappers switch to the rabbitmq user when run as root;
# the scripts under /usr/lib/rabbitmq/bin run as whoever calls them.
SCRIPT_DIRS = ("/usr/lib/rabbitmq/bin", "/usr/sbin", "/usr/bin")
READY_TIMEOUT_S = 60


def find_rabbitmq_server():
    for folder in SCRIPT_DIRS:
        path = os.path.join(folder, "rabbitmq-server")
        if os.access(path, os.X_OK):
            return path
    return shutil.which("rabbitmq-server")


def rabbitmq_server_or_skip(find=find_rabbitmq_server, environ=os.environ):
    """The rabbitmq-server script; skip without it, or fail when CI requires services."""
    server = find()
    if server is None:
        service_missing("rabbitmq-server is not installed (Debian: apt-get install rabbitmq-server)", environ)
    return server


def free_port():
    return free_ports(1)[0]


def _ephemeral_range():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as handle:
            low, high = (int(word) for word in handle.read().split())
        return low, high
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def free_ports(count):
    """``count`` distinct free ports below the kernel's ephemeral range.

    A port the kernel handed out for ``bind(0)`` comes from the ephemeral range, which outgoing
    connections use too: in the seconds a broker or database takes to start, a client of the other
    test worker could take it as its local port (a full suite saw the broker stop with eaddrinuse).
    Ports below the range are given to no connection; each is bound once here to see it is free, and
    all stay bound until every one is picked (the broker's AMQP, distribution and port-mapper ports
    must differ)."""
    low, _ = _ephemeral_range()
    draw = random.Random()
    sockets, ports = [], []
    try:
        while len(ports) < count:
            port = draw.randrange(10000, max(10001, low))
            if port in ports:
                continue
            sock = socket.socket()
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                sock.close()
                continue
            sockets.append(sock)
            ports.append(port)
        return ports
    finally:
        for sock in sockets:
            sock.close()


class RabbitMQBroker:
    def __init__(self, workdir, server=None):
        self.server = server or find_rabbitmq_server()
        self.workdir = workdir
        self.node = "pagealloc-test-%s@localhost" % uuid.uuid4().hex[:8]
        self.port, self.dist_port, self.epmd_port = free_ports(3)
        self.process = None
        with open(os.path.join(workdir, "enabled_plugins"), "w") as handle:
            handle.write("[].\n")  # no management plugin: nothing listens besides AMQP
        with open(os.path.join(workdir, "rabbitmq.conf"), "w") as handle:
            handle.write("# defaults; address and port come from RABBITMQ_NODE_IP_ADDRESS/PORT\n")

    @property
    def url(self):
        return "amqp://guest:guest@127.0.0.1:%d/%%2F" % self.port

    def environment(self):
        env = dict(os.environ)
        env.update(
            HOME=self.workdir,  # the Erlang cookie lives here
            RABBITMQ_NODENAME=self.node,
            RABBITMQ_NODE_IP_ADDRESS="127.0.0.1",
            RABBITMQ_NODE_PORT=str(self.port),
            RABBITMQ_DIST_PORT=str(self.dist_port),
            RABBITMQ_MNESIA_BASE=os.path.join(self.workdir, "mnesia"),
            RABBITMQ_LOG_BASE=os.path.join(self.workdir, "log"),
            RABBITMQ_CONFIG_FILE=os.path.join(self.workdir, "rabbitmq"),
            RABBITMQ_ENABLED_PLUGINS_FILE=os.path.join(self.workdir, "enabled_plugins"),
            ERL_EPMD_PORT=str(self.epmd_port),
            ERL_EPMD_ADDRESS="127.0.0.1",
        )
        return env

    def start(self):
        log = open(os.path.join(self.workdir, "server.out"), "ab")
        self.process = subprocess.Popen(
            [self.server], env=self.environment(), cwd=self.workdir, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        self._wait_ready()

    def _wait_ready(self):
        wait_until_ready(self, "rabbitmq-server", lambda: pika.BlockingConnection(pika.URLParameters(self.url)).close(),
                         pika.exceptions.AMQPConnectionError, READY_TIMEOUT_S)

    def stop(self):
        """Stop the broker (its whole process group) and wait for it."""
        if self.process is None:
            return
        stop_group(self.process, signal.SIGTERM)
        self.process = None

    def restart(self):
        self.stop()
        self.start()

    def close(self):
        self.stop()
        # epmd daemonises out of our process group; stop our private one.
        epmd = shutil.which("epmd") or "/usr/lib/erlang/bin/epmd"
        if os.access(epmd, os.X_OK):
            subprocess.run([epmd, "-kill"], env=self.environment(), capture_output=True, timeout=10, check=False)

    def queue_depth(self, queue):
        connection = pika.BlockingConnection(pika.URLParameters(self.url))
        try:
            return connection.channel().queue_declare(queue, passive=True).method.message_count
        finally:
            connection.close()
