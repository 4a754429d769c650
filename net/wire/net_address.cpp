#include "net/wire/net_address.hpp"

#include <arpa/inet.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>

#include "net/wire/protocol.hpp"

namespace btcnet::wire {
namespace {

constexpr std::array<std::uint8_t, 12> ipv4_mapped_prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
// Onioncat (TorV2 inside IPv6, fd87:d87e:eb43::/48): deprecated, never relayed in addrv2.
constexpr std::array<std::uint8_t, 6> onioncat_prefix{0xfd, 0x87, 0xd8, 0x7e, 0xeb, 0x43};
constexpr char base32_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
// Rend-spec-v3: an onion address is base32(pubkey ‖ checksum[0..2) ‖ version 0x03).
constexpr std::uint8_t torv3_version = 3;
constexpr std::string_view onion_suffix = ".onion";
constexpr std::string_view i2p_suffix = ".b32.i2p";

template <std::size_t N>
bool has_prefix(const std::uint8_t* addr, const std::array<std::uint8_t, N>& prefix) {
  return std::equal(prefix.begin(), prefix.end(), addr);
}

std::string base32_encode(const std::uint8_t* data, std::size_t len) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < len; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out += base32_alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += base32_alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

// Decodes unpadded lower/upper-case base32; nullopt on a bad character or leftover bits.
std::optional<std::vector<std::uint8_t>> base32_decode(std::string_view s) {
  std::vector<std::uint8_t> out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : s) {
    const char lc = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const char* p = std::strchr(base32_alphabet, lc);
    if (lc == 0 || p == nullptr) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(p - base32_alphabet);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<std::uint8_t>(buffer >> (bits - 8)));
      bits -= 8;
    }
  }
  if ((buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::array<std::uint8_t, 2> torv3_checksum(const std::uint8_t* pubkey) {
  static constexpr std::string_view tag = ".onion checksum";
  std::uint8_t digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha3_256(), nullptr);
  EVP_DigestUpdate(ctx, tag.data(), tag.size());
  EVP_DigestUpdate(ctx, pubkey, 32);
  EVP_DigestUpdate(ctx, &torv3_version, 1);
  EVP_DigestFinal_ex(ctx, digest, &digest_len);
  EVP_MD_CTX_free(ctx);
  return {digest[0], digest[1]};
}

std::optional<endpoint> parse_onion(std::string_view name, std::uint16_t port) {
  auto raw = base32_decode(name);
  if (!raw || raw->size() != 35 || (*raw)[34] != torv3_version) return std::nullopt;
  const auto sum = torv3_checksum(raw->data());
  if ((*raw)[32] != sum[0] || (*raw)[33] != sum[1]) return std::nullopt;
  endpoint e{network_id::torv3, {}, port};
  std::copy_n(raw->begin(), 32, e.addr.begin());
  return e;
}

std::optional<endpoint> parse_i2p(std::string_view name, std::uint16_t port) {
  auto raw = base32_decode(name);
  if (!raw || raw->size() != 32) return std::nullopt;
  endpoint e{network_id::i2p, {}, port};
  std::copy_n(raw->begin(), 32, e.addr.begin());
  return e;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::size_t address_length(network_id net) {
  switch (net) {
    case network_id::ipv4:
      return 4;
    case network_id::ipv6:
      return 16;
    case network_id::torv2:
      return 10;
    case network_id::torv3:
      return 32;
    case network_id::i2p:
      return 32;
    case network_id::cjdns:
      return 16;
  }
  return 0;
}

const char* to_string(network_id net) {
  switch (net) {
    case network_id::ipv4:
      return "ipv4";
    case network_id::ipv6:
      return "ipv6";
    case network_id::torv2:
      return "torv2";
    case network_id::torv3:
      return "onion";
    case network_id::i2p:
      return "i2p";
    case network_id::cjdns:
      return "cjdns";
  }
  return "unknown";
}

endpoint endpoint::ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d,
                        std::uint16_t port) {
  return endpoint{network_id::ipv4, {a, b, c, d}, port};
}

endpoint endpoint::from_ip16(const std::array<std::uint8_t, 16>& ip, std::uint16_t port) {
  endpoint e;
  e.port = port;
  if (has_prefix(ip.data(), ipv4_mapped_prefix)) {
    e.net = network_id::ipv4;
    std::copy_n(ip.begin() + 12, 4, e.addr.begin());
  } else {
    e.net = network_id::ipv6;
    std::copy_n(ip.begin(), 16, e.addr.begin());
  }
  return e;
}

std::optional<endpoint> endpoint::parse_host(std::string_view host, std::uint16_t port) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (ends_with(host, onion_suffix))
    return parse_onion(host.substr(0, host.size() - onion_suffix.size()), port);
  if (ends_with(host, i2p_suffix))
    return parse_i2p(host.substr(0, host.size() - i2p_suffix.size()), port);
  if (host.size() > 45) return std::nullopt;  // longer than any textual IPv6 address
  const std::string text(host);
  std::array<std::uint8_t, 16> ip{};
  if (inet_pton(AF_INET, text.c_str(), ip.data()) == 1) {
    return endpoint::ipv4(ip[0], ip[1], ip[2], ip[3], port);
  }
  if (inet_pton(AF_INET6, text.c_str(), ip.data()) == 1) return from_ip16(ip, port);
  return std::nullopt;
}

std::array<std::uint8_t, 16> endpoint::ip16() const {
  std::array<std::uint8_t, 16> ip{};
  if (net == network_id::ipv4) {
    std::copy(ipv4_mapped_prefix.begin(), ipv4_mapped_prefix.end(), ip.begin());
    std::copy_n(addr.begin(), 4, ip.begin() + 12);
  } else if (net == network_id::ipv6 || net == network_id::cjdns) {
    std::copy_n(addr.begin(), 16, ip.begin());
  }
  return ip;
}

std::string endpoint::host() const {
  char text[INET6_ADDRSTRLEN] = {};
  switch (net) {
    case network_id::ipv4:
      inet_ntop(AF_INET, addr.data(), text, sizeof text);
      return text;
    case network_id::ipv6:
    case network_id::cjdns:
      inet_ntop(AF_INET6, addr.data(), text, sizeof text);
      return text;
    case network_id::torv2:
      return base32_encode(addr.data(), 10) + std::string(onion_suffix);
    case network_id::torv3: {
      std::array<std::uint8_t, 35> raw{};
      std::copy_n(addr.begin(), 32, raw.begin());
      const auto sum = torv3_checksum(addr.data());
      raw[32] = sum[0], raw[33] = sum[1], raw[34] = torv3_version;
      return base32_encode(raw.data(), raw.size()) + std::string(onion_suffix);
    }
    case network_id::i2p:
      return base32_encode(addr.data(), 32) + std::string(i2p_suffix);
  }
  return "?";
}

std::string endpoint::to_string() const {
  const bool bracket = net == network_id::ipv6 || net == network_id::cjdns;
  std::string out;
  if (bracket) out += '[';
  out += host();
  if (bracket) out += ']';
  out += ':';
  out += std::to_string(port);
  return out;
}

std::size_t endpoint_hash::operator()(const endpoint& e) const noexcept {
  // FNV-1a over the significant bytes; the address book uses its own keyed hashes for buckets.
  std::size_t h = 1469598103934665603ULL ^ static_cast<std::size_t>(e.net);
  for (std::size_t i = 0; i < e.size(); ++i) h = (h ^ e.addr[i]) * 1099511628211ULL;
  return (h ^ e.port) * 1099511628211ULL;
}

void encode_legacy(byte_writer& w, const peer_address& a, bool with_time) {
  if (with_time) w.u32(a.time);
  w.u64(a.services);
  w.raw(a.where.ip16().data(), 16);
  w.u16_be(a.where.port);
}

std::error_code decode_legacy(byte_reader& r, peer_address& a, bool with_time) {
  a.time = with_time ? r.u32() : 0;
  a.services = r.u64();
  std::array<std::uint8_t, 16> ip{};
  r.read_into(ip.data(), ip.size());
  const std::uint16_t port = r.u16_be();
  a.where = endpoint::from_ip16(ip, port);
  return r.error();
}

void encode_v2(byte_writer& w, const peer_address& a) {
  w.u32(a.time);
  w.compact_size(a.services);
  w.u8(static_cast<std::uint8_t>(a.where.net));
  w.compact_size(a.where.size());
  w.raw(a.where.addr.data(), a.where.size());
  w.u16_be(a.where.port);
}

std::error_code decode_v2(byte_reader& r, peer_address& a, bool& skipped) {
  a.time = r.u32();
  a.services = r.compact_size();
  const std::uint8_t id = r.u8();
  const std::uint64_t len = r.compact_size();
  if (!r.ok()) return r.error();
  if (len > max_addrv2_address_size) return wire_errc::invalid_address_size;
  const bool known = id >= 1 && id <= 6;
  const auto net = static_cast<network_id>(id);
  if (known && len != address_length(net)) return wire_errc::invalid_address_size;
  auto raw = r.take(static_cast<std::size_t>(len));
  a.where.port = r.u16_be();
  if (!r.ok()) return r.error();
  // BIP155: unknown networks are ignored, TorV2 is obsolete, and IPv6 entries that embed IPv4 or
  // TorV2 must be ignored.
  skipped = !known || net == network_id::torv2 ||
            (net == network_id::ipv6 && (has_prefix(raw.data(), ipv4_mapped_prefix) ||
                                         has_prefix(raw.data(), onioncat_prefix)));
  if (skipped) return {};
  a.where.net = net;
  a.where.addr = {};
  std::copy(raw.begin(), raw.end(), a.where.addr.begin());  // known ids are at most 32 bytes
  return {};
}

}  // namespace btcnet::wire
