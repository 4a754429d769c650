"""A scripted peer (Bitcoin Core's P2PInterface, smaller): it connects to a node, completes the
version handshake, answers pings, sends whatever it is told — well-formed messages, raw payloads
or hand-made malformed frames — and records every frame it receives. Loopback only."""

import random
import socket
import threading
import time

from . import wire


class FakePeer:
    def __init__(self, host, port, network="regtest", user_agent="/btcnet-cluster-fake:0.1/",
                 protocol=wire.PROTOCOL_VERSION):
        self.address = (host, port)
        self.magic = wire.MAGIC[network]
        self.user_agent = user_agent
        self.protocol = protocol
        self.received = []  # (command, payload), in order
        self.closed = False
        self._sock = None
        self._buffer = b""
        self._lock = threading.Condition()
        self._reader = None
        self.answer_pings = True

    # ---- the connection ----

    def connect(self, timeout=10):
        self._sock = socket.create_connection(self.address, timeout=timeout)
        self._sock.settimeout(None)
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        return self

    def close(self):
        if self._sock:
            try:
                self._sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self._sock.close()
        if self._reader:
            self._reader.join(timeout=5)

    def __enter__(self):
        return self.connect()

    def __exit__(self, *exc):
        self.close()

    def handshake(self, timeout=10):
        """version out, the node's version and verack in, verack out."""
        nonce = random.getrandbits(63) | 1
        self.send("version", wire.version(self.address, nonce, self.user_agent,
                                          protocol=self.protocol))
        if self.wait_for("version", timeout) is None or self.wait_for("verack", timeout) is None:
            raise TimeoutError(f"no handshake from {self.address[0]}:{self.address[1]}")
        self.send("verack")
        return self

    # ---- sending ----

    def send(self, command, payload=b""):
        self.send_raw(wire.frame(self.magic, command, payload))

    def send_raw(self, data):
        try:
            self._sock.sendall(data)
        except OSError:
            with self._lock:
                self.closed = True
                self._lock.notify_all()

    def ping(self, timeout=10):
        """Sends a ping and waits for its pong; True when it came."""
        nonce = random.getrandbits(64)
        start = len(self.received)
        self.send("ping", wire.ping(nonce))
        return self.wait_until(lambda: any(c == "pong" and wire.nonce_of(p) == nonce
                                           for c, p in self.received[start:]), timeout)

    # ---- receiving ----

    def wait_until(self, predicate, timeout=10):
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return predicate()
                self._lock.wait(left)
            return True

    def wait_for(self, command, timeout=10):
        """The payload of the first `command` received (so far or within `timeout`), or None."""
        def find():
            return next((p for c, p in self.received if c == command), None)
        self.wait_until(lambda: find() is not None, timeout)
        return find()

    def wait_closed(self, timeout=10):
        return self.wait_until(lambda: self.closed, timeout)

    def commands(self):
        with self._lock:
            return [c for c, _ in self.received]

    def _read_loop(self):
        while True:
            try:
                data = self._sock.recv(65536)
            except OSError:
                data = b""
            if not data:
                with self._lock:
                    self.closed = True
                    self._lock.notify_all()
                return
            self._buffer += data
            self._take_frames()

    def _take_frames(self):
        while len(self._buffer) >= wire.HEADER_SIZE:
            length = int.from_bytes(self._buffer[16:20], "little")
            if len(self._buffer) < wire.HEADER_SIZE + length:
                return
            command = self._buffer[4:16].rstrip(b"\0").decode(errors="replace")
            payload = self._buffer[wire.HEADER_SIZE:wire.HEADER_SIZE + length]
            self._buffer = self._buffer[wire.HEADER_SIZE + length:]
            if command == "ping" and self.answer_pings:
                self.send("pong", payload[:8])
            with self._lock:
                self.received.append((command, payload))
                self._lock.notify_all()
