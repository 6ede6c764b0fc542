"""
An analysis child lets go of the sockets its parent held when it forked
(pagealloc.fleet.isolated._release_inherited_sockets): a worker killed
mid-archive must drop its broker connection at once, so the broker requeues the
archive then, not when the orphaned child ends.
"""

import os
import socket
import stat
import time

from pagealloc.fleet import isolated


def _sockets_of(pid):
    held = set()
    for name in os.listdir("/proc/%d/fd" % pid):
        try:
            if stat.S_ISSOCK(os.stat("/proc/%d/fd/%s" % (pid, name)).st_mode):
                held.add(os.readlink("/proc/%d/fd/%s" % (pid, name)))
        except OSError:
            continue
    return held


def test_the_peer_of_a_parents_socket_sees_it_closed_while_a_child_lives():
    peer, held = socket.socketpair()
    peer.settimeout(20)
    batch = isolated.Batch(limit=1)
    try:
        held.sendall(b"x")  # the parent's own copy still works after the fork
        assert peer.recv(1) == b"x"
        assert batch._process.is_alive()
        held.close()  # as a killed worker's descriptors are closed by the kernel
        assert peer.recv(1) == b""  # end of stream: no child holds a copy (before: a timeout)
    finally:
        batch.finish()
        peer.close()


def test_a_child_keeps_its_own_pipe_and_no_socket_of_the_parent():
    peer, held = socket.socketpair()
    batch = isolated.Batch(limit=1)
    try:
        parents, child = _sockets_of(os.getpid()), batch._process.pid
        deadline = time.monotonic() + 20  # (the child lets go as it starts: a loaded machine is slow)
        while _sockets_of(child) & parents and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _sockets_of(child) & parents == set()
        assert len(_sockets_of(child)) == 1  # its end of the pipe to the parent
    finally:
        batch.finish()
        peer.close()
        held.close()
