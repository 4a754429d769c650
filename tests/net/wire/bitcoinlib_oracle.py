#!/usr/bin/python3
"""Independent P2P wire oracle built on Debian's python3-bitcoinlib (0.11.2).

Run ONLY with /usr/bin/python3 (the interpreter that has the `bitcoin` package).
It never touches the network.

CLI
  bitcoinlib_oracle.py gen       print one JSON line per message built by bitcoinlib
  bitcoinlib_oracle.py decode    read JSON lines {"name", "frame_hex"} on stdin,
                                 print one JSON line per input line
  bitcoinlib_oracle.py selftest  check bitcoinlib's verack / ping(123123) frames
                                 against hand-written constants and a hashlib/struct
                                 framing; prints "ok"
Exit status is 0 on success and non-zero on any internal error (traceback on
stderr), on bad command-line usage, and on malformed stdin input (not JSON, no
"frame_hex", or hex that does not parse).  A frame that bitcoinlib rejects is
not an internal error: decode reports it as an "error" line.

gen output line:
  {"name": str, "magic": "f9beb4d9", "command": str, "frame_hex": str, "fields": {...}}
decode output line, success:
  {"name": str, "magic": str, "command": str, "fields": {...},
   "unparsed_hex": str,        # payload bytes bitcoinlib's msg_deser did NOT read
   "frame_trailing_hex": str}  # bytes after header+declared payload (ignored)
decode output line, failure:
  {"name": str, "error": str,
   "error_kind": "rejected" | "unknown_command" | "unsupported"}
   ("unsupported" lines also carry "command")
   rejected        bitcoinlib raised (bad magic, bad checksum, truncation, ...)
   unknown_command command is not in bitcoinlib's messagemap
   unsupported     bitcoinlib parsed it (tx/block/headers/alert) but this oracle
                   has no field schema for it

"fields" schema (identical in gen and decode; produced by one function):
  Integers are JSON numbers.  Hashes are hex in WIRE byte order (the 32 raw bytes
  as they appear on the wire, i.e. NOT the reversed "display" order).  Byte
  strings (user agent, reject message/reason) are decoded as latin-1, so every
  character is exactly one wire byte.  ip is textual: dotted IPv4 when the 16
  bytes are ::ffff:a.b.c.d (IPv4-mapped), otherwise inet_ntop IPv6 text.
  version:    {"version": i32, "services": u64, "timestamp": i64,
               "addr_recv": {"services": u64, "ip": str, "port": u16},
               "addr_from": {"services","ip","port"} | null,   # null if version < 106
               "nonce": u64 | null,                            # null if version < 106
               "user_agent": str | null,                       # null if version < 106
               "start_height": i32 | null,                     # null if version < 209
               "relay": int}   # raw byte if version >= 70001, else bitcoinlib's
                               # default True -> 1 (the byte is then not read)
  verack, getaddr, mempool:  {}
  ping, pong: {"nonce": u64}
  addr:       {"addrs": [{"time": u32, "services": u64, "ip": str, "port": u16}, ...]}
  inv, getdata, notfound:
              {"inventory": [{"type": u32, "hash": hex32}, ...]}
  reject:     {"message": str, "ccode": u8, "reason": str}   # no hash: unsupported
  getheaders, getblocks:
              {"version": i32, "locator": [hex32, ...], "hash_stop": hex32}

bitcoinlib quirks that matter for comparison (see also the report):
  * msg_version.msg_ser ALWAYS writes addr_from, nonce, user_agent, start_height
    and the relay byte, whatever nVersion is; msg_deser reads relay only when
    nVersion >= 70001 (so a 60002 frame built by bitcoinlib carries a relay byte
    that its own decoder leaves in "unparsed_hex").  nVersion 10300 is decoded
    as 300.
  * reject has no optional 32-byte hash (a trailing hash ends up in unparsed_hex).
  * trailing payload bytes are never an error; header command padding after the
    first NUL is not checked; payload length is read as a signed int32 (a
    negative length parses an EMPTY payload, so e.g. verack's checksum passes);
    non-canonical CompactSize encodings are accepted.
"""

import contextlib
import hashlib
import io
import json
import socket
import struct
import sys

try:
    import bitcoin
    import bitcoin.core
    import bitcoin.messages as bm
    import bitcoin.net as bn
except ImportError as exc:  # wrong interpreter
    sys.stderr.write("bitcoinlib_oracle: cannot import python-bitcoinlib (%s); "
                     "run with /usr/bin/python3\n" % exc)
    sys.exit(2)

if bitcoin.__version__ != "0.11.2":
    sys.stderr.write("bitcoinlib_oracle: warning: written for python-bitcoinlib "
                     "0.11.2, found %s\n" % bitcoin.__version__)

MAGIC_TO_CHAIN = {
    "f9beb4d9": "mainnet",
    "0b110907": "testnet",
    "fabfb5da": "regtest",
    "0a03cf40": "signet",
}

MSG_WITNESS_FLAG = 1 << 30  # bitcoin.messages.MSG_WITNESS_TX is a 1-tuple (bug)


# --------------------------------------------------------------------------
# field extraction (shared by gen and decode)

def _s(b):
    return bytes(b).decode("latin-1")


def _h(b):
    b = bytes(b)
    if len(b) != 32:
        raise AssertionError("hash of length %d" % len(b))
    return b.hex()


def _addr(a, with_time):
    d = {}
    if with_time:
        d["time"] = int(a.nTime)
    d["services"] = int(a.nServices)
    d["ip"] = str(a.ip)
    d["port"] = int(a.port)
    return d


def fields_of(msg):
    cmd = msg.command
    if cmd == b"version":
        pre106 = msg.addrFrom is None
        return {
            "version": int(msg.nVersion),
            "services": int(msg.nServices),
            "timestamp": int(msg.nTime),
            "addr_recv": _addr(msg.addrTo, False),
            "addr_from": None if pre106 else _addr(msg.addrFrom, False),
            "nonce": None if msg.nNonce is None else int(msg.nNonce),
            "user_agent": None if msg.strSubVer is None else _s(msg.strSubVer),
            "start_height": (None if msg.nStartingHeight is None
                             else int(msg.nStartingHeight)),
            "relay": int(msg.fRelay),
        }
    if cmd in (b"verack", b"getaddr", b"mempool"):
        return {}
    if cmd in (b"ping", b"pong"):
        return {"nonce": int(msg.nonce)}
    if cmd == b"addr":
        return {"addrs": [_addr(a, True) for a in msg.addrs]}
    if cmd in (b"inv", b"getdata", b"notfound"):
        return {"inventory": [{"type": int(i.type) & 0xFFFFFFFF, "hash": _h(i.hash)}
                              for i in msg.inv]}
    if cmd == b"reject":
        cc = bytes(msg.ccode)
        if len(cc) != 1:
            raise AssertionError("ccode of length %d" % len(cc))
        return {"message": _s(msg.message), "ccode": cc[0], "reason": _s(msg.reason)}
    if cmd in (b"getheaders", b"getblocks"):
        return {"version": int(msg.locator.nVersion),
                "locator": [_h(x) for x in msg.locator.vHave],
                "hash_stop": _h(msg.hashstop)}
    return None  # no schema


# --------------------------------------------------------------------------
# gen

def _caddr(ip, port, services, time_=0):
    a = bn.CAddress()
    a.ip = ip
    a.port = port
    a.nServices = services
    a.nTime = time_
    return a


def _cinv(type_, display_hex):
    i = bn.CInv()
    i.type = type_
    i.hash = bitcoin.core.lx(display_hex)  # display order -> wire order bytes
    return i


# display-order hashes (block 0, 1, 2 and 100000)
H0 = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"
H1 = "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048"
H2 = "000000006a625f06636b8bb6ac7b960a8d03705d1ace08b1a19da3fdcc99ddbd"
H100K = "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506"
TXID = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"


def build_cases():
    """Yield (name, chain, msg)."""
    v = bm.msg_version(70016)
    v.nVersion = 70016
    v.nServices = 0x409  # NETWORK | WITNESS | NETWORK_LIMITED
    v.nTime = 1700000000
    v.addrTo = _caddr("1.2.3.4", 8333, 1)
    v.addrFrom = _caddr("0.0.0.0", 0, 0x409)
    v.nNonce = 0x1122334455667788
    v.strSubVer = b"/Satoshi:25.0.0/"
    v.nStartingHeight = 800000
    v.fRelay = True
    yield "version_70016", "mainnet", v

    v = bm.msg_version(70016)
    v.nVersion = 70016
    v.nServices = 1
    v.nTime = 1700000001
    v.addrTo = _caddr("2001:db8::1", 18444, 0)
    v.addrFrom = _caddr("10.0.0.2", 8333, 1)
    v.nNonce = 0xFFFFFFFFFFFFFFFF
    v.strSubVer = b""
    v.nStartingHeight = 0
    v.fRelay = False
    yield "version_70016_norelay", "mainnet", v

    v = bm.msg_version(60002)
    v.nVersion = 60002
    v.nServices = 1
    v.nTime = 1355854353
    v.addrTo = _caddr("127.0.0.1", 8333, 1)
    v.addrFrom = _caddr("127.0.0.1", 8333, 1)
    v.nNonce = 0x6517E68C5DB32E3B
    v.strSubVer = b"/Satoshi:0.7.2/"
    v.nStartingHeight = 212672
    # bitcoinlib writes this byte even at 60002 and its decoder does not read
    # it (defaults to True); set True so gen/decode fields agree.
    v.fRelay = True
    yield "version_60002", "mainnet", v

    yield "verack", "mainnet", bm.msg_verack()
    yield "ping", "mainnet", bm.msg_ping(nonce=123123)
    yield "ping_regtest", "regtest", bm.msg_ping(nonce=123123)
    yield "ping_max", "mainnet", bm.msg_ping(nonce=0xFFFFFFFFFFFFFFFF)
    yield "pong", "mainnet", bm.msg_pong(nonce=0x0123456789ABCDEF)
    yield "getaddr", "mainnet", bm.msg_getaddr()
    yield "mempool", "mainnet", bm.msg_mempool()

    m = bm.msg_addr()
    m.addrs = [_caddr("127.0.0.1", 8333, 1, 1700000000),
               _caddr("192.168.0.1", 8334, 0x409, 1700000100)]
    yield "addr_ipv4", "mainnet", m

    m = bm.msg_addr()
    m.addrs = [_caddr("2001:db8:85a3::8a2e:370:7334", 8333, 0x408, 1700000200)]
    yield "addr_ipv6", "mainnet", m

    m = bm.msg_addr()
    m.addrs = []
    yield "addr_empty", "mainnet", m

    m = bm.msg_inv()
    m.inv = [_cinv(1, TXID), _cinv(2, H0)]
    yield "inv", "mainnet", m

    m = bm.msg_getdata()
    m.inv = [_cinv(2, H1), _cinv(1 | MSG_WITNESS_FLAG, TXID),
             _cinv(2 | MSG_WITNESS_FLAG, H2)]
    yield "getdata", "mainnet", m

    m = bm.msg_notfound()
    m.inv = [_cinv(1, TXID)]
    yield "notfound", "mainnet", m

    m = bm.msg_reject()
    m.message = b"version"
    m.ccode = b"\x11"
    m.reason = b"obsolete"
    yield "reject_version", "mainnet", m

    m = bm.msg_reject()
    m.message = b"block"
    m.ccode = b"\x10"
    m.reason = b"bad-blk-length"
    yield "reject_block_nohash", "mainnet", m

    m = bm.msg_getheaders()
    m.locator = bn.CBlockLocator(70016)
    m.locator.nVersion = 70016
    m.locator.vHave = [bitcoin.core.lx(h) for h in (H2, H1, H0)]
    m.hashstop = bitcoin.core.lx(H100K)
    yield "getheaders", "mainnet", m

    m = bm.msg_getheaders()
    m.locator = bn.CBlockLocator(70016)
    m.locator.nVersion = 70016
    m.locator.vHave = [bitcoin.core.lx(H0)]
    m.hashstop = b"\x00" * 32
    yield "getheaders_zero_stop", "mainnet", m

    m = bm.msg_getblocks()
    m.locator = bn.CBlockLocator(70016)
    m.locator.nVersion = 70016
    m.locator.vHave = [bitcoin.core.lx(h) for h in (H2, H1, H0)]
    m.hashstop = b"\x00" * 32
    yield "getblocks", "mainnet", m


def frame_with(chain, msg):
    bitcoin.SelectParams(chain)
    try:
        return msg.to_bytes()
    finally:
        bitcoin.SelectParams("mainnet")


def cmd_gen(out):
    seen = set()
    for name, chain, msg in build_cases():
        if name in seen:
            raise AssertionError("duplicate case " + name)
        seen.add(name)
        frame = frame_with(chain, msg)
        fields = fields_of(msg)
        if fields is None:
            raise AssertionError("no schema for " + name)
        out.write(json.dumps({"name": name, "magic": frame[:4].hex(),
                              "command": msg.command.decode("ascii"),
                              "frame_hex": frame.hex(), "fields": fields},
                             sort_keys=True) + "\n")
    out.flush()
    return 0


# --------------------------------------------------------------------------
# decode

def decode_one(name, frame):
    magic = frame[:4].hex()
    bitcoin.SelectParams(MAGIC_TO_CHAIN.get(magic, "mainnet"))
    try:
        sink = io.StringIO()  # bitcoinlib print()s unknown commands to stdout
        try:
            with contextlib.redirect_stdout(sink):
                msg = bm.MsgSerializable.from_bytes(frame)
        except Exception as exc:  # anything bitcoinlib raises = rejection
            return {"name": name, "error": "%s: %s" % (type(exc).__name__, exc),
                    "error_kind": "rejected"}
    finally:
        bitcoin.SelectParams("mainnet")

    if msg is None:
        cmd = frame[4:16].split(b"\x00", 1)[0]
        return {"name": name, "error": "command %r not in bitcoinlib messagemap" % cmd,
                "error_kind": "unknown_command"}

    # from_bytes succeeded, so the header is complete and the payload present.
    (length,) = struct.unpack("<i", frame[16:20])
    if length < 0:
        # bitcoinlib: ser_read(f, -n) reads the whole rest, but the payload it
        # checksums and parses is recvbuf[24:24+length], i.e. empty.
        payload, trailing = b"", frame[24:]
    else:
        payload, trailing = frame[24:24 + length], frame[24 + length:]
    f = io.BytesIO(payload)
    type(msg).msg_deser(f)  # same parse again, to see how much it consumed
    unparsed = payload[f.tell():]

    fields = fields_of(msg)
    if fields is None:
        return {"name": name, "command": msg.command.decode("ascii"),
                "error": "oracle has no field schema for %r" % msg.command,
                "error_kind": "unsupported"}
    return {"name": name, "magic": magic, "command": msg.command.decode("ascii"),
            "fields": fields, "unparsed_hex": unparsed.hex(),
            "frame_trailing_hex": trailing.hex()}


def cmd_decode(inp, out):
    for lineno, line in enumerate(inp, 1):
        if not line.strip():
            continue
        req = json.loads(line)
        if not isinstance(req, dict) or "frame_hex" not in req:
            raise ValueError("stdin line %d: expected object with frame_hex" % lineno)
        name = req.get("name", "line%d" % lineno)
        frame = bytes.fromhex(req["frame_hex"])
        out.write(json.dumps(decode_one(name, frame), sort_keys=True) + "\n")
        out.flush()
    return 0


# --------------------------------------------------------------------------
# selftest: independent of bitcoinlib's framing code

def _frame(magic, command, payload):
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return (magic + command.ljust(12, b"\x00") + struct.pack("<I", len(payload))
            + chk + payload)


def cmd_selftest(out):
    mainnet = bytes.fromhex("f9beb4d9")
    want_verack = "f9beb4d976657261636b000000000000000000005df6e0e2"
    want_ping = ("f9beb4d970696e67000000000000000008000000"
                 "6d00aec4f3e0010000000000")
    checks = [
        ("verack", frame_with("mainnet", bm.msg_verack()).hex(), want_verack),
        ("verack/hashlib", _frame(mainnet, b"verack", b"").hex(), want_verack),
        ("ping", frame_with("mainnet", bm.msg_ping(nonce=123123)).hex(), want_ping),
        ("ping/hashlib",
         _frame(mainnet, b"ping", struct.pack("<Q", 123123)).hex(), want_ping),
    ]
    for what, got, want in checks:
        if got != want:
            raise AssertionError("%s: got %s want %s" % (what, got, want))
    # every generated frame must equal an independent re-framing of its payload
    for name, chain, msg in build_cases():
        fr = frame_with(chain, msg)
        if _frame(fr[:4], msg.command, fr[24:]) != fr:
            raise AssertionError("framing mismatch for " + name)
        # and decode must reproduce the fields
        res = decode_one(name, fr)
        if res.get("fields") != fields_of(msg):
            raise AssertionError("round trip mismatch for %s: %r" % (name, res))
    # a corrupted checksum must be rejected
    bad = bytearray(bytes.fromhex(want_ping))
    bad[20] ^= 0xFF
    if decode_one("bad", bytes(bad)).get("error_kind") != "rejected":
        raise AssertionError("bad checksum accepted")
    out.write("ok\n")
    return 0


def main(argv):
    if len(argv) != 2 or argv[1] not in ("gen", "decode", "selftest"):
        sys.stderr.write("usage: /usr/bin/python3 %s gen|decode|selftest\n" % argv[0])
        return 2
    if argv[1] == "gen":
        return cmd_gen(sys.stdout)
    if argv[1] == "decode":
        return cmd_decode(sys.stdin, sys.stdout)
    return cmd_selftest(sys.stdout)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
