#!/usr/bin/python3
"""A scripted Bitcoin P2P peer built on Debian's python3-bitcoinlib (0.11.2), an implementation
independent of ours, for the interop tests (tests/integration/bitcoinlib_interop_test.cpp).

Run ONLY with /usr/bin/python3 (the interpreter that has the `bitcoin` package). It speaks
regtest (magic fabfb5da) and only ever touches 127.0.0.1 (or whatever --host names: the tests
pass loopback addresses only).

Modes
  connect --port P [--version V] [--seconds S] [--addr IP:PORT ...] [--getaddr-wait W]
      Connects to our node at --host:P, sends version (protocol V), completes the handshake,
      sends a ping and checks the pong's nonce, sends getaddr and waits up to W seconds for an
      addr reply, sends one addr message with the --addr entries (if any), then stays up to S
      seconds answering pings (leaving early when the node closes the connection).
  listen [--port P] [--version V] [--seconds S] [--addr IP:PORT ...] [--expect-agent A]
      Listens on --host:P (0: any free port) and prints {"listening": port} on a line of its
      own at once, accepts one connection (our node's outbound one), checks our version
      (protocol 70016, user agent A, nonzero nonce, receiver address = this listener), answers
      the handshake, exchanges a ping, answers a getaddr with the --addr entries, and stays up
      to S seconds as above.

Output: one JSON object on the last line of stdout:
  {"mode", "version_sent", "local": "ip:port", "remote": "ip:port",
   "received": [command, ...],           every frame's command, in order (from the header)
   "unparsed": [command, ...],           those bitcoinlib's parser returned None for (commands it
                                         does not know, e.g. wtxidrelay, sendaddrv2)
   "handshake": bool,                    version and verack both ways
   "their_version": {...} | null,        the fields of the node's version
   "version_checks": {name: bool},       (listen mode) the checks on the node's version
   "pong_ok": bool | null,               our ping answered with the same nonce
   "pings_answered": int,                the node's pings we answered with a pong
   "getaddr_received": bool,
   "addr_received": [{"ip","port","time","services"}, ...],
   "addr_sent": [...], "rejects": [{"message","ccode","reason"}],
   "closed_by_peer": bool, "error": str | null}
Exit status 0 when the script ran to the end (whatever the node did), 1 on an internal error
or a timeout (the JSON is printed in every case), 2 on bad usage.

bitcoinlib quirks handled here: its parser print()s "Command ... not in messagemap" to stdout
for unknown commands and returns None (stdout is redirected while parsing); msg_version always
writes the relay byte; CAddress uses the library-wide PROTO_VERSION (60002) and so carries a
timestamp in addr entries.
"""

import argparse
import contextlib
import io
import json
import random
import socket
import struct
import sys
import time

try:
    import bitcoin
    import bitcoin.messages as bm
    import bitcoin.net as bn
except ImportError as exc:  # wrong interpreter
    sys.stderr.write("bitcoinlib_peer: cannot import python-bitcoinlib (%s); "
                     "run with /usr/bin/python3\n" % exc)
    sys.exit(2)

bitcoin.SelectParams("regtest")
HEADER_SIZE = 24


class Timeout(Exception):
    pass


class Peer:
    """One connection: reads whole frames, records every command, answers pings."""

    def __init__(self, sock, result):
        self.sock = sock
        self.r = result
        self.buf = b""
        self.closed = False

    def send(self, msg):
        self.sock.sendall(msg.to_bytes())

    def _read_exact(self, n, deadline):
        while len(self.buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("timed out waiting for data")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise Timeout("timed out waiting for data")
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                self.closed = True
                self.r["closed_by_peer"] = True
                raise EOFError("connection closed by the node")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def recv(self, deadline):
        """The next frame as (command, bitcoinlib message or None)."""
        header = self._read_exact(HEADER_SIZE, deadline)
        (length,) = struct.unpack("<I", header[16:20])
        payload = self._read_exact(length, deadline)
        command = header[4:16].split(b"\x00", 1)[0].decode("ascii", "replace")
        self.r["received"].append(command)
        sink = io.StringIO()
        with contextlib.redirect_stdout(sink):
            msg = bm.MsgSerializable.from_bytes(header + payload)
        if msg is None:
            self.r["unparsed"].append(command)
        self._observe(command, msg)
        return command, msg

    def _observe(self, command, msg):
        """What every mode does with a frame, whatever it is waiting for."""
        if msg is None:
            return
        if command == "ping":
            self.send(bm.msg_pong(nonce=msg.nonce))
            self.r["pings_answered"] += 1
        elif command == "addr":
            self.r["addr_received"].extend(
                {"ip": a.ip, "port": a.port, "time": a.nTime, "services": a.nServices}
                for a in msg.addrs)
        elif command == "getaddr":
            self.r["getaddr_received"] = True
            if self.r.get("_answer_getaddr"):
                self.send_addr(self.r["_addr_entries"])
        elif command == "reject":
            self.r["rejects"].append({"message": bytes(msg.message).decode("latin-1"),
                                      "ccode": bytes(msg.ccode)[0],
                                      "reason": bytes(msg.reason).decode("latin-1")})

    def wait_for(self, wanted, deadline):
        while True:
            command, msg = self.recv(deadline)
            if command == wanted:
                return msg

    def stay(self, seconds):
        """Answers pings until `seconds` pass or the node closes the connection."""
        deadline = time.monotonic() + seconds
        try:
            while not self.closed:
                self.recv(deadline)
        except (Timeout, EOFError):
            pass
        except OSError:  # reset while answering a ping: the node hung up
            self.closed = True
            self.r["closed_by_peer"] = True

    def send_addr(self, entries):
        m = bm.msg_addr()
        now = int(time.time())
        for ip, port in entries:
            a = bn.CAddress()
            a.nTime = now
            a.nServices = 1
            a.ip = ip
            a.port = port
            m.addrs.append(a)
        self.send(m)
        self.r["addr_sent"].extend({"ip": ip, "port": port} for ip, port in entries)


def version_fields(v):
    return {"version": v.nVersion, "services": v.nServices, "timestamp": v.nTime,
            "addr_recv": {"ip": v.addrTo.ip, "port": v.addrTo.port,
                          "services": v.addrTo.nServices},
            "nonce": v.nNonce,
            "user_agent": None if v.strSubVer is None else bytes(v.strSubVer).decode("latin-1"),
            "start_height": v.nStartingHeight, "relay": int(v.fRelay)}


def our_version(args, sock):
    v = bm.msg_version(args.version)
    v.nVersion = args.version
    v.nServices = 1  # NODE_NETWORK, which an outbound btcd-style peer asks for
    v.nTime = int(time.time())
    host, port = sock.getpeername()[:2]
    v.addrTo = bn.CAddress()
    v.addrTo.ip, v.addrTo.port, v.addrTo.nServices = host, port, 0
    v.addrFrom = bn.CAddress()
    v.addrFrom.ip, v.addrFrom.port, v.addrFrom.nServices = "0.0.0.0", 0, 1
    v.nStartingHeight = 0
    v.fRelay = True
    return v


def ping_exchange(peer, r, deadline):
    nonce = random.getrandbits(64) or 1
    peer.send(bm.msg_ping(nonce=nonce))
    pong = peer.wait_for("pong", deadline)
    r["pong_ok"] = pong is not None and pong.nonce == nonce


def run_connect(args, r):
    sock = socket.create_connection((args.host, args.port), timeout=5)
    peer = Peer(sock, r)
    r["local"] = "%s:%d" % sock.getsockname()[:2]
    r["remote"] = "%s:%d" % sock.getpeername()[:2]
    deadline = time.monotonic() + 10
    peer.send(our_version(args, sock))
    theirs = peer.wait_for("version", deadline)
    r["their_version"] = version_fields(theirs)
    local_ip, local_port = sock.getsockname()[:2]
    r["version_checks"] = check_version(args, theirs, local_ip, local_port)
    peer.send(bm.msg_verack())
    peer.wait_for("verack", deadline)
    r["handshake"] = True
    ping_exchange(peer, r, deadline)
    peer.send(bm.msg_getaddr())
    try:
        peer.wait_for("addr", time.monotonic() + args.getaddr_wait)
    except Timeout:
        pass  # nothing to answer with: the node stays silent
    if args.addr:
        peer.send_addr(args.addr)
    peer.stay(args.seconds)
    sock.close()


def check_version(args, v, expect_ip, expect_port):
    return {
        "protocol_70016": v.nVersion == 70016,
        "user_agent": args.expect_agent is None or
        (v.strSubVer is not None and bytes(v.strSubVer).decode("latin-1") == args.expect_agent),
        "nonce_nonzero": v.nNonce is not None and v.nNonce != 0,
        "receiver_address": v.addrTo.ip == expect_ip and v.addrTo.port == expect_port,
    }


def run_listen(args, r):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((args.host, args.port))
    srv.listen(1)
    port = srv.getsockname()[1]
    sys.stdout.write(json.dumps({"listening": port}) + "\n")
    sys.stdout.flush()
    srv.settimeout(10)
    sock, _ = srv.accept()
    srv.close()
    peer = Peer(sock, r)
    r["local"] = "%s:%d" % sock.getsockname()[:2]
    r["remote"] = "%s:%d" % sock.getpeername()[:2]
    r["_answer_getaddr"] = True
    r["_addr_entries"] = args.addr
    deadline = time.monotonic() + 10
    theirs = peer.wait_for("version", deadline)  # an outbound peer speaks first
    r["their_version"] = version_fields(theirs)
    r["version_checks"] = check_version(args, theirs, args.host, port)
    peer.send(our_version(args, sock))
    peer.send(bm.msg_verack())
    peer.wait_for("verack", deadline)
    r["handshake"] = True
    ping_exchange(peer, r, deadline)
    peer.stay(args.seconds)
    sock.close()


def parse_endpoint(text):
    host, _, port = text.rpartition(":")
    return host.strip("[]"), int(port)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("connect", "listen"))
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--version", type=int, default=70016)
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--getaddr-wait", type=float, default=1.0)
    ap.add_argument("--addr", type=parse_endpoint, action="append", default=[])
    ap.add_argument("--expect-agent", default=None)
    args = ap.parse_args(argv[1:])
    if args.mode == "connect" and args.port == 0:
        ap.error("connect needs --port")

    r = {"mode": args.mode, "version_sent": args.version, "local": None, "remote": None,
         "received": [], "unparsed": [], "handshake": False, "their_version": None,
         "version_checks": {}, "pong_ok": None, "pings_answered": 0,
         "getaddr_received": False, "addr_received": [], "addr_sent": [], "rejects": [],
         "closed_by_peer": False, "error": None}
    status = 0
    try:
        (run_connect if args.mode == "connect" else run_listen)(args, r)
    except (Timeout, EOFError, OSError) as exc:
        r["error"] = "%s: %s" % (type(exc).__name__, exc)
        status = 1
    for k in [k for k in r if k.startswith("_")]:
        del r[k]
    sys.stdout.write(json.dumps(r, sort_keys=True) + "\n")
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
