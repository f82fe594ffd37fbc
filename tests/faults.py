"""A small TCP fault proxy for tests: put it between Lotse and a real neighbour (aiosmtpd, Redis,
PostgreSQL) and switch faults on and off while the test runs.

    with FaultProxy(("127.0.0.1", 6379)) as proxy:
        app = make_app(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{proxy.port}/0")
        proxy.fault("delay", 2.0)   # every chunk waits 2 s, both ways
        proxy.fault("drop")         # connections are accepted and closed at once
        proxy.fault("reset")        # connections are reset (RST), open ones too
        proxy.fault("blackhole")    # connections are accepted and never answered
        proxy.heal()                # pass everything through again

Switching to drop, reset or black-hole also breaks the connections already open (a pool must
notice). Everything runs in daemon threads; `close()` ends them.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time

FAULTS = ("pass", "delay", "drop", "reset", "blackhole")


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


class FaultProxy:
    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.mode = "pass"
        self.delay = 0.0
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def fault(self, mode: str, delay: float = 0.0) -> None:
        assert mode in FAULTS, mode
        self.mode, self.delay = mode, delay
        if mode in ("drop", "reset", "blackhole"):
            self._break_open_connections()

    def heal(self) -> None:
        self.fault("pass")

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()
        self._break_open_connections()

    def _break_open_connections(self) -> None:
        with self._lock:
            sockets, self._open = list(self._open), set()
        for sock in sockets:
            _reset(sock)

    def _track(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._open.update(sockets)

    def _accept_loop(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        mode = self.mode
        if mode == "drop":
            client.close()
            return
        if mode == "reset":
            _reset(client)
            return
        if mode == "blackhole":
            self._track(client)  # held open, never answered, until the fault changes
            return
        try:
            upstream = socket.create_connection(self.upstream, timeout=5)
        except OSError:
            _reset(client)
            return
        upstream.settimeout(None)
        self._track(client, upstream)
        threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                chunk = source.recv(65536)
                if not chunk:
                    break
                if self.mode == "delay" and self.delay:
                    time.sleep(self.delay)
                if self.mode == "blackhole":
                    continue  # swallowed
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                target.shutdown(socket.SHUT_WR)
