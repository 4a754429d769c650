// The IPv4 and IPv6 ranges btcd's addrmgr/network.go classifies addresses by. Every predicate
// looks at the 16-byte "legacy" form btcd classifies (NetAddressV2.ToLegacy): IPv4 as
// ::ffff:a.b.c.d, Tor v2 in onioncat form. IPv4 ranges match only IPv4 (and IPv4-mapped)
// addresses and IPv6 ranges only the others, as Go's net.IPNet.Contains does. Networks with no
// legacy form (TorV3, I2P, CJDNS) are in none of these ranges.
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "net/wire/net_address.hpp"

namespace btcnet::address {

// An address in btcd's legacy 16-byte form.
struct legacy_ip {
  std::array<std::uint8_t, 16> bytes{};
  // Go's IP.To4() != nil: the ::ffff:0:0/96 IPv4-mapped form.
  bool is_v4() const;
};

// The legacy form of an endpoint; nullopt for TorV3, I2P and CJDNS.
std::optional<legacy_ip> legacy_form(const wire::endpoint& e);

bool is_rfc1918(const legacy_ip& ip);   // 10/8, 172.16/12, 192.168/16
bool is_rfc2544(const legacy_ip& ip);   // 198.18/15 (benchmarking)
bool is_rfc3849(const legacy_ip& ip);   // 2001:db8::/32 (documentation)
bool is_rfc3927(const legacy_ip& ip);   // 169.254/16 (link-local IPv4)
bool is_rfc3964(const legacy_ip& ip);   // 2002::/16 (6to4)
bool is_rfc4193(const legacy_ip& ip);   // fc00::/7 (unique local)
bool is_rfc4380(const legacy_ip& ip);   // 2001::/32 (Teredo)
bool is_rfc4843(const legacy_ip& ip);   // 2001:10::/28 (ORCHID)
bool is_rfc4862(const legacy_ip& ip);   // fe80::/64 (link-local IPv6; btcd uses /64, not /10)
bool is_rfc5737(const legacy_ip& ip);   // 192.0.2/24, 198.51.100/24, 203.0.113/24 (documentation)
bool is_rfc6052(const legacy_ip& ip);   // 64:ff9b::/96 (NAT64 well-known prefix)
bool is_rfc6145(const legacy_ip& ip);   // ::ffff:0:0:0/96 (IPv4-translated)
bool is_rfc6598(const legacy_ip& ip);   // 100.64/10 (carrier-grade NAT)
bool is_rfc7343(const legacy_ip& ip);   // 2001:20::/28 (ORCHIDv2)
bool is_onioncat(const legacy_ip& ip);  // fd87:d87e:eb43::/48 (Tor v2 as IPv6)
bool is_zero4(const legacy_ip& ip);     // 0.0.0.0/8
bool is_zero6(const legacy_ip& ip);     // ::/16
bool is_he_net(const legacy_ip& ip);    // 2001:470::/32 (Hurricane Electric: grouped by /36)
bool is_loopback(const legacy_ip& ip);  // 127/8 or ::1 (Go's IP.IsLoopback)
bool is_unspecified(const legacy_ip& ip);  // 0.0.0.0 or :: (Go's IP.IsUnspecified)
bool is_broadcast(const legacy_ip& ip);    // 255.255.255.255

}  // namespace btcnet::address
