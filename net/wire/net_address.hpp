// Network addresses as they travel in `version`, `addr` (legacy NetAddress) and `addrv2` (BIP155).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

#include "net/wire/byte_io.hpp"

namespace btcnet::wire {

// BIP155 network ids. TorV2 (3) is deprecated: decoded entries are skipped, as Bitcoin Core does.
enum class network_id : std::uint8_t {
  ipv4 = 1,
  ipv6 = 2,
  torv2 = 3,
  torv3 = 4,
  i2p = 5,
  cjdns = 6,
};

// Address length each BIP155 network id requires.
std::size_t address_length(network_id net);
const char* to_string(network_id net);

// A network endpoint: which network, its address bytes (first address_length(net) are used) and
// a port in host byte order. Comparable and hashable so address tables can key on it.
struct endpoint {
  network_id net = network_id::ipv4;
  std::array<std::uint8_t, 32> addr{};
  std::uint16_t port = 0;

  static endpoint ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d,
                       std::uint16_t port);
  // From the 16-byte legacy form: IPv4-mapped (::ffff:a.b.c.d) becomes ipv4, anything else ipv6.
  static endpoint from_ip16(const std::array<std::uint8_t, 16>& ip, std::uint16_t port);
  // Parses "1.2.3.4", "::1", "[::1]", "<56 base32>.onion", "<52 base32>.b32.i2p" (no port).
  static std::optional<endpoint> parse_host(std::string_view host, std::uint16_t port);

  std::size_t size() const { return address_length(net); }
  bool is_ip() const { return net == network_id::ipv4 || net == network_id::ipv6; }
  // The legacy 16-byte form; only defined for ipv4/ipv6 (and cjdns, which is IPv6-shaped).
  std::array<std::uint8_t, 16> ip16() const;
  // Host without port: dotted IPv4, RFC 5952 IPv6, `.onion` for TorV3, `.b32.i2p` for I2P.
  std::string host() const;
  // host:port, with IPv6 hosts in brackets.
  std::string to_string() const;

  friend bool operator==(const endpoint&, const endpoint&) = default;
  friend auto operator<=>(const endpoint&, const endpoint&) = default;
};

struct endpoint_hash {
  std::size_t operator()(const endpoint& e) const noexcept;
};

// An address as announced by a peer: when it was last seen, what it serves, where it is.
struct peer_address {
  std::uint32_t time = 0;
  std::uint64_t services = 0;
  endpoint where;

  friend bool operator==(const peer_address&, const peer_address&) = default;
};

// Legacy NetAddress: [time u32, if with_time] services u64 · ip[16] · port u16 BE.
// Only IPv4/IPv6 endpoints can be encoded (callers filter the rest out).
void encode_legacy(byte_writer& w, const peer_address& a, bool with_time);
std::error_code decode_legacy(byte_reader& r, peer_address& a, bool with_time);

// BIP155 entry: time u32 · services CompactSize · net id u8 · CompactSize len · addr · port BE.
void encode_v2(byte_writer& w, const peer_address& a);
// Sets `skipped` for entries a node must ignore (unknown network id with length <= 512, TorV2,
// IPv4-mapped or onioncat IPv6) and returns an error for malformed ones.
std::error_code decode_v2(byte_reader& r, peer_address& a, bool& skipped);

}  // namespace btcnet::wire
