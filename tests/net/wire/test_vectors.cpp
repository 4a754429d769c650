#include "test_vectors.hpp"

#include <stdexcept>

namespace btcnet::wire::test {

bytes from_hex(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("bad hex digit");
  };
  bytes out;
  std::string digits;
  for (char c : hex)
    if (c != ' ') digits += c;
  if (digits.size() % 2 != 0) throw std::invalid_argument("odd hex length");
  for (std::size_t i = 0; i < digits.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(nibble(digits[i]) << 4 | nibble(digits[i + 1])));
  return out;
}

std::string to_hex(byte_span data) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (auto b : data) out += {digits[b >> 4], digits[b & 15]};
  return out;
}

const std::vector<vector_case> frame_vectors = {
    // btcd msgversion_test.go baseVersion (pver 60002, no relay byte); header via hashlib.
    {"version_60002",
     "f9beb4d976657273696f6e000000000065000000e370f456"
     "62ea0000010000000000000029ab5f4900000000010000000000000000000000000000000000ffffc0a80001208d"
     "010000000000000000000000000000000000ffff7f000001208df3e0010000000000102f62746364746573743a30"
     "2e302e312ffa920300"},
    // Built by python-bitcoinlib 0.11.2 (msg_version, protocol 70016, user agent, relay).
    {"version_70016",
     "f9beb4d976657273696f6e000000000066000000f7115bb2"
     "80110100090400000000000000f1536500000000010000000000000000000000000000000000ffff01020304208d"
     "090400000000000000000000000000000000ffff0000000000008877665544332211102f5361746f7368693a3235"
     "2e302e302f00350c0001"},
    // btcd-reference §7.5 (derived with Python): verack, ping(123123).
    {"verack", "f9beb4d976657261636b000000000000000000005df6e0e2"},
    {"ping", "f9beb4d970696e670000000000000000080000006d00aec4f3e0010000000000"},
    // The rest: hashlib/struct from the BIP layouts.
    {"pong", "f9beb4d9706f6e670000000000000000080000006d00aec4f3e0010000000000"},
    // btcd msgaddr_test.go: 127.0.0.1:8333 and 192.168.0.1:8334, time 0x495fab29, NODE_NETWORK.
    {"addr",
     "f9beb4d96164647200000000000000003d000000801dff2e"
     "0229ab5f49010000000000000000000000000000000000ffff7f000001208d29ab5f490100000000000000000000"
     "00000000000000ffffc0a80001208e"},
    // BIP155: 1.2.3.4:8333, [2001:db8::1]:8333 (services 1033), TorV3 :9050, I2P key 0x20..0x3f.
    {"addrv2",
     "f9beb4d96164647276320000000000007b000000cc412226"
     "0429ab5f4901010401020304208d29ab5f49fd0904021020010db8000000000000000000000001208d29ab5f4900"
     "0420cad2d3c8dc9cc4d3703330c523af02edc49df8c6b04e746d3b5157a715fe9835235a29ab5f49010520202122"
     "232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f0000"},
    // btcd msgreject_test.go: version / DUPLICATE / "duplicate version".
    {"reject",
     "f9beb4d972656a6563740000000000001b000000883b5dbb0776657273696f6e12116475706c6963617465207665"
     "7273696f6e"},
    // A block reject carries the hash (mainnet genesis, wire order).
    {"reject_block",
     "f9beb4d972656a65637400000000000037000000d6d5e63405626c6f636b120f6475706c696361746520626c6f63"
     "6b6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000"},
    // Built by python-bitcoinlib 0.11.2: a tx (genesis coinbase txid) and a block (genesis).
    {"inv",
     "f9beb4d9696e7600000000000000000049000000fd9ff528"
     "02010000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a020000006fe28c0ab6"
     "f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000"},
    {"feefilter", "f9beb4d966656566696c74657200000008000000e80fd19fe803000000000000"},
    {"sendcmpct", "f9beb4d973656e64636d70637400000009000000e92f5ef8000200000000000000"},
    {"sendaddrv2", "f9beb4d973656e646164647276320000000000005df6e0e2"},
    {"wtxidrelay", "f9beb4d9777478696472656c61790000000000005df6e0e2"},
};

const char* frame_hex(std::string_view name) {
  for (const auto& v : frame_vectors)
    if (name == v.name) return v.frame_hex;
  throw std::invalid_argument("no such vector");
}

}  // namespace btcnet::wire::test
