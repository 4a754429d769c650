// Addresses as text exactly as btcd writes them, because btcd's bucket hashing and peers.json
// are keyed by these strings (NetAddressKey = net.JoinHostPort(host, port)).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "net/wire/net_address.hpp"

namespace btcnet::address {

// Go's net.IP.String() for a 16-byte address: dotted quad when IPv4-mapped, otherwise lower-case
// hex groups without leading zeros and the first longest run (>= 2) of zero groups as "::".
// (glibc's inet_ntop differs, e.g. it prints ::1.2.3.4 where Go prints ::102:304.)
std::string format_ip16(const std::array<std::uint8_t, 16>& ip);

// The host part btcd prints: dotted IPv4, Go-style IPv6, "<16 base32>.onion" for Tor v2 /
// onioncat, "<56 base32>.onion" for TorV3, "<52 base32>.b32.i2p" for I2P, IPv6 text for CJDNS.
std::string host_text(const wire::endpoint& e);
// btcd NetAddressKey: host:port with IPv6-style hosts in brackets ("[::1]:8333").
std::string address_key(const wire::endpoint& e);
// The same, appended to `out` (no temporary for IPv4, the common case when saving 20,000 keys).
void append_address_key(std::string& out, const wire::endpoint& e);

// Go's net.SplitHostPort: "host:port" or "[host]:port".
struct host_port {
  std::string_view host;
  std::string_view port;
};
std::error_code split_host_port(std::string_view text, host_port& out);
// strconv.ParseUint(s, 10, 16): decimal digits only, at most 65535.
std::optional<std::uint16_t> parse_port(std::string_view s);
// Go's net.ParseIP: an IPv4 or IPv6 literal only (no brackets, no zone). Normalized.
std::optional<wire::endpoint> parse_ip_literal(std::string_view host, std::uint16_t port);
// A host btcd's HostToNetAddress accepts without a DNS lookup: IP literal, 16-char Tor v2
// ".onion" (onioncat form), TorV3 ".onion", I2P ".b32.i2p". Normalized (see classification.hpp).
std::optional<wire::endpoint> parse_host(std::string_view host, std::uint16_t port);
// Inverse of address_key.
std::optional<wire::endpoint> parse_address_key(std::string_view key);

}  // namespace btcnet::address
