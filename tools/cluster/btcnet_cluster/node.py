"""One btcnetd of a cluster: its data directory, loopback ports, process (started, stopped,
killed by pid and only after checking that the pid is still this node), RPC and log."""

import os
import random
import signal
import socket
import subprocess
import time

from .rpc import RPCError, RPCProxy, RPCUnavailable

NETWORK_DIRS = {"regtest": "regtest", "testnet3": "testnet", "testnet4": "testnet4",
                "signet": "signet", "simnet": "simnet", "mainnet": "mainnet"}
NETWORK_FLAGS = {"regtest": "--regtest", "testnet3": "--testnet", "testnet4": "--testnet4",
                 "signet": "--signet", "simnet": "--simnet", "mainnet": None}


class NodeError(Exception):
    pass


def port_is_free(ip, port):
    """Whether a listener could bind it now (as btcnetd does, SO_REUSEADDR: the TIME_WAIT
    connections a stopped node leaves behind do not count)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
            return True
        except OSError:
            return False


def ephemeral_ports():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            low, high = (int(x) for x in f.read().split())
            return low, high
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def free_port(ip):
    """A port free now and below the kernel's ephemeral range: a port the kernel hands out could
    be taken, before the node binds it, as the source port of the cluster's own connections (seen
    at 100 nodes)."""
    low, _ = ephemeral_ports()
    if low > 11024:
        for _ in range(1000):
            port = random.randrange(10000, low)
            if port_is_free(ip, port):
                return port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


class Node:
    def __init__(self, index, directory, binary, network="regtest", ip="127.0.0.1",
                 p2p_port=None, rpc_port=None, extra_args=(), pid=None):
        self.index = index
        self.name = f"node{index}"
        self.directory = directory  # btcnetd --datadir
        self.binary = binary
        self.network = network
        self.ip = ip
        self.p2p_port = p2p_port or free_port(ip)
        self.rpc_port = rpc_port or free_port(ip)
        self.extra_args = list(extra_args)
        self.pid = pid
        self.rpc = RPCProxy(self.network_dir)
        self._process = None  # the Popen when this process started it

    # ---- where things are ----

    @property
    def network_dir(self):
        return os.path.join(self.directory, NETWORK_DIRS[self.network])

    @property
    def p2p(self):
        return f"{self.ip}:{self.p2p_port}"

    @property
    def rpc_address(self):
        return f"{self.ip}:{self.rpc_port}"

    @property
    def log_file(self):
        return os.path.join(self.directory, "logs", NETWORK_DIRS[self.network], "btcnetd.log")

    @property
    def console_file(self):
        return os.path.join(self.directory, "console.log")

    def args(self):
        flag = NETWORK_FLAGS[self.network]
        return ([self.binary] + ([flag] if flag else [])
                + [f"--datadir={self.directory}", f"--listen={self.p2p}",
                   f"--rpclisten={self.rpc_address}", "--nodnsseed"] + self.extra_args)

    def to_json(self):
        return {"index": self.index, "name": self.name, "directory": self.directory,
                "network": self.network, "ip": self.ip, "p2p_port": self.p2p_port,
                "rpc_port": self.rpc_port, "extra_args": self.extra_args, "pid": self.pid}

    @classmethod
    def from_json(cls, d, binary):
        return cls(d["index"], d["directory"], binary, d["network"], d["ip"], d["p2p_port"],
                   d["rpc_port"], d.get("extra_args", ()), d.get("pid"))

    # ---- the process ----

    def is_running(self):
        """Alive and still this node: a recycled pid is never mistaken for it."""
        if not self.pid:
            return False
        if self._process is not None:  # our own child: poll() also reaps it
            return self._process.poll() is None
        try:
            with open(f"/proc/{self.pid}/cmdline", "rb") as f:
                cmdline = f.read().split(b"\0")
            with open(f"/proc/{self.pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return False
        except OSError:
            return False
        return f"--datadir={self.directory}".encode() in cmdline

    def start(self, wait=True, timeout=30):
        if self.is_running():
            raise NodeError(f"{self.name} is already running (pid {self.pid})")
        if not os.path.isfile(self.binary) or not os.access(self.binary, os.X_OK):
            raise NodeError(f"btcnetd not found at {self.binary} (build it with tools/setup.sh, "
                            "or give --binary / BTCNETD)")
        for what, port in (("P2P", self.p2p_port), ("RPC", self.rpc_port)):
            if not port_is_free(self.ip, port):
                raise NodeError(f"{self.name}: {what} port {self.ip}:{port} is in use")
        os.makedirs(self.directory, exist_ok=True)
        for stale in ("rpc.endpoint", ".cookie"):  # left by a node that was killed
            try:
                os.remove(os.path.join(self.network_dir, stale))
            except FileNotFoundError:
                pass
        console = open(self.console_file, "ab")
        self._process = subprocess.Popen(self.args(), stdout=console, stderr=subprocess.STDOUT,
                                         stdin=subprocess.DEVNULL, start_new_session=True)
        console.close()
        self.pid = self._process.pid
        if wait:
            self.wait_for_rpc(timeout)
        return self

    def wait_for_rpc(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise NodeError(f"{self.name} exited with code {self._process.returncode}:\n"
                                + self.tail())
            try:
                self.rpc.uptime()
                return
            except (RPCUnavailable, RPCError):
                time.sleep(0.05)
        raise NodeError(f"{self.name} did not answer RPC within {timeout} s:\n" + self.tail())

    def stop(self, timeout=30):
        """Graceful: the stop RPC (SIGTERM if that fails), then wait for the exit."""
        if not self.is_running():
            return
        try:
            self.rpc.stop()
        except (RPCUnavailable, RPCError):
            self._signal(signal.SIGTERM)
        if not self._wait_exit(timeout):
            self.kill()

    def kill(self):
        """SIGKILL: the node gets no chance to save anything."""
        if self.is_running():
            self._signal(signal.SIGKILL)
            self._wait_exit(10)

    def _signal(self, number):
        try:
            os.kill(self.pid, number)
        except ProcessLookupError:
            pass

    def _wait_exit(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None:
                if self._process.poll() is not None:
                    return True
            elif not self.is_running():
                return True
            time.sleep(0.02)
        return False

    # ---- what it says ----

    def tail(self, lines=20):
        for path in (self.log_file, self.console_file):
            try:
                with open(path, errors="replace") as f:
                    return "".join(f.readlines()[-lines:])
            except OSError:
                continue
        return "(no log yet)"

    def rss_kib(self):
        try:
            with open(f"/proc/{self.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None
