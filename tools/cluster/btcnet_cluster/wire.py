"""The Bitcoin P2P framing a fake peer needs, written with the standard library only: frame
headers (magic, command, length, checksum), and the few messages a scripted peer sends or reads
(version, verack, ping, pong, getaddr, addr). Anything else travels as raw payload bytes; any
header at all can be built by hand, which is how malformed frames are made."""

import hashlib
import ipaddress
import struct
import time

HEADER_SIZE = 24
PROTOCOL_VERSION = 70016
NODE_NETWORK = 1

# Network magic values as they appear on the wire (btcd wire.BitcoinNet, little-endian).
MAGIC = {
    "mainnet": bytes.fromhex("f9beb4d9"),
    "testnet3": bytes.fromhex("0b110907"),
    "regtest": bytes.fromhex("fabfb5da"),
    "simnet": bytes.fromhex("161c1412"),
}


def checksum(payload):
    """The first four bytes of the payload's double SHA-256."""
    return hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]


def header(magic, command, length, check):
    """A frame header with whatever fields it is given (for malformed frames too)."""
    name = command.encode() if isinstance(command, str) else command
    return magic + name.ljust(12, b"\0")[:12] + struct.pack("<I", length) + check


def frame(magic, command, payload=b""):
    return header(magic, command, len(payload), checksum(payload)) + payload


def compact_size(n):
    if n < 0xFD:
        return bytes([n])
    if n <= 0xFFFF:
        return b"\xfd" + struct.pack("<H", n)
    if n <= 0xFFFFFFFF:
        return b"\xfe" + struct.pack("<I", n)
    return b"\xff" + struct.pack("<Q", n)


def read_compact_size(data, pos):
    first = data[pos]
    if first < 0xFD:
        return first, pos + 1
    size = {0xFD: 2, 0xFE: 4, 0xFF: 8}[first]
    return int.from_bytes(data[pos + 1:pos + 1 + size], "little"), pos + 1 + size


def ip16(host):
    """An address in the legacy 16-byte form (IPv4 mapped into IPv6)."""
    ip = ipaddress.ip_address(host)
    if ip.version == 4:
        return b"\0" * 10 + b"\xff\xff" + ip.packed
    return ip.packed


def host_of(raw16):
    ip = ipaddress.IPv6Address(raw16)
    return str(ip.ipv4_mapped) if ip.ipv4_mapped else str(ip)


def net_address(host, port, services=0, with_time=None):
    prefix = b"" if with_time is None else struct.pack("<I", with_time)
    return prefix + struct.pack("<Q", services) + ip16(host) + struct.pack(">H", port)


def version(receiver, nonce, user_agent="/btcnet-cluster-fake:0.1/", start_height=0,
            services=0, protocol=PROTOCOL_VERSION, relay=False):
    host, port = receiver
    return (struct.pack("<iQq", protocol, services, int(time.time()))
            + net_address(host, port) + net_address("0.0.0.0", 0, services)
            + struct.pack("<Q", nonce)
            + compact_size(len(user_agent)) + user_agent.encode()
            + struct.pack("<i?", start_height, relay))


def parse_version(payload):
    protocol, services, timestamp = struct.unpack_from("<iQq", payload, 0)
    pos = 20 + 26 + 26
    nonce, = struct.unpack_from("<Q", payload, pos)
    length, pos = read_compact_size(payload, pos + 8)
    agent = payload[pos:pos + length].decode(errors="replace")
    start_height, = struct.unpack_from("<i", payload, pos + length)
    return {"version": protocol, "services": services, "timestamp": timestamp,
            "nonce": nonce, "user_agent": agent, "start_height": start_height}


def ping(nonce):
    return struct.pack("<Q", nonce)


def nonce_of(payload):
    return struct.unpack("<Q", payload[:8])[0]


def addr(entries):
    """entries: (host, port, services, unix time) tuples."""
    body = b"".join(net_address(h, p, s, with_time=t) for h, p, s, t in entries)
    return compact_size(len(entries)) + body


def parse_addr(payload):
    count, pos = read_compact_size(payload, 0)
    out = []
    for _ in range(count):
        when, services = struct.unpack_from("<IQ", payload, pos)
        host = host_of(payload[pos + 12:pos + 28])
        port, = struct.unpack_from(">H", payload, pos + 28)
        out.append({"host": host, "port": port, "services": services, "time": when})
        pos += 30
    return out
