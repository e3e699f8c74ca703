"""gunicorn's threaded worker, leaving without dropping a request (a recycle after
``max_requests``, or a graceful stop).

gunicorn's own gthread worker, once one of its threads decides the worker must leave:
- closes, instead of keeping, a connection whose answer has just gone out with keep-alive: nginx
  may already have sent its next request on it, which is then reset ("Connection reset by peer
  while reading response header from upstream");
- may still accept new connections for the rest of its event-loop turn, and exits holding them
  and its idle keep-alive connections.
nginx retries such a request once, and the retry can meet another connection to the same leaving
worker: a 502. benchmarks/recycling.py --stock (workers replaced every ~100 requests): 6 × 502 and
75 upstream failures in 10,000 requests.

This worker stops accepting the moment it decides to leave, keeps every connection it holds
(answers from then on say ``Connection: close``), and serves them until nginx has closed them
all: nginx drops an idle upstream connection after its ``keepalive_timeout`` (2 s,
deploy/nginx-local.conf), sooner than gunicorn's ``keepalive`` (5 s), so no connection is closed
under a request in flight. ``graceful_timeout`` bounds the wait.
"""

from __future__ import annotations

import selectors
import time
from concurrent import futures
from functools import partial

from gunicorn.workers.gthread import ThreadWorker


class DrainingThreadWorker(ThreadWorker):
    """gthread, except that leaving never drops a connection's request (module docstring)."""

    def run(self) -> None:
        """gthread's event loop (gunicorn 23), with listeners ignored once leaving, then a
        drain of the connections held before the thread pool is shut down."""
        for sock in self.sockets:
            sock.setblocking(False)
            server = sock.getsockname()
            self.poller.register(sock, selectors.EVENT_READ, _Acceptor(self, server))

        while self.alive:
            self.notify()
            if self.nr_conns < self.worker_connections:
                for key, _ in self.poller.select(1.0):
                    # A request thread may have ended the worker's life during this turn: from
                    # then on, new connections are left to the other workers.
                    if not self.alive and isinstance(key.data, _Acceptor):
                        continue
                    key.data(key.fileobj)
                result = futures.wait(self.futures, timeout=0, return_when=futures.FIRST_COMPLETED)
            else:
                result = futures.wait(
                    self.futures, timeout=1.0, return_when=futures.FIRST_COMPLETED
                )
            for fut in result.done:
                self.futures.remove(fut)
            if not self.is_parent_alive():
                break
            self.murder_keepalived()

        self.drain()
        self.tpool.shutdown(False)
        self.poller.close()
        for sock in self.sockets:
            sock.close()
        futures.wait(self.futures, timeout=self.cfg.graceful_timeout)

    def drain(self) -> None:
        """Serve the connections already held (accepted, kept alive or in flight) until their
        peers close them, within ``graceful_timeout``; accept no new one."""
        for sock in self.sockets:
            try:
                self.poller.unregister(sock)
            except (KeyError, ValueError):
                pass
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while (self.nr_conns > 0 or self.futures) and time.monotonic() < deadline:
            if not self.is_parent_alive():
                return
            self.notify()
            for key, _ in self.poller.select(0.1):
                key.data(key.fileobj)
            result = futures.wait(self.futures, timeout=0, return_when=futures.FIRST_COMPLETED)
            for fut in result.done:
                self.futures.remove(fut)
            self.murder_keepalived()

    def finish_request(self, fs) -> None:
        """gthread's, except that a connection whose answer went out with keep-alive stays open
        even when the worker has since decided to leave: nginx may already have sent its next
        request on it (closing it then would reset that request); the drain serves it."""
        if self.alive or fs.cancelled():
            return super().finish_request(fs)
        try:
            keepalive, conn = fs.result()
        except Exception:  # noqa: BLE001 - as gthread: the connection is closed
            keepalive, conn = False, fs.conn
        if not keepalive:
            self.nr_conns -= 1
            conn.close()
            return None
        conn.sock.setblocking(False)
        conn.set_timeout()
        with self._lock:
            self._keep.append(conn)
            self.poller.register(
                conn.sock, selectors.EVENT_READ, partial(self.on_client_socket_readable, conn)
            )
        return None


class _Acceptor:
    """The listener's callback (gthread's ``partial(self.accept, server)``), recognisable."""

    def __init__(self, worker: ThreadWorker, server) -> None:
        self.worker, self.server = worker, server

    def __call__(self, listener) -> None:
        self.worker.accept(self.server, listener)
