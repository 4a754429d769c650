// Which addresses a node may keep and dial: btcd's IsValid / IsLocal / IsZero / IsRoutable
// (addrmgr/network.go, v0.26 semantics incl. the 0::/16 fix), extended to the BIP155 networks
// btcd does not know (I2P, CJDNS) the way Bitcoin Core treats them.
#pragma once

#include <cstdint>

#include "net/wire/net_address.hpp"

namespace btcnet::address {

// The networks counted separately (Core's getaddrmaninfo: ipv4, ipv6, onion, i2p, cjdns).
// Tor v2 (onioncat) counts as onion, as btcd keys it with Tor v3.
enum class network : std::uint8_t { ipv4, ipv6, onion, i2p, cjdns };
inline constexpr std::size_t network_count = 5;
const char* to_string(network n);
network network_of(const wire::endpoint& e);

// One canonical form per address: IPv4-mapped IPv6 becomes IPv4 and Tor v2 becomes its onioncat
// IPv6 form (btcd's NetAddressV2FromBytes does the former; its onioncat/torv2 pair prints the same
// key either way), so an address has exactly one entry in the book. Unused address bytes zeroed.
wire::endpoint normalize(const wire::endpoint& e);

bool is_ipv4(const wire::endpoint& e);      // IPv4 or IPv4-mapped (Go's To4() != nil)
bool is_onioncat(const wire::endpoint& e);  // Tor v2 (network id 3 or fd87:d87e:eb43::/48)
// Not unspecified (0.0.0.0, ::) and not 255.255.255.255. TorV3 and I2P are always valid; a CJDNS
// address must start with 0xfc (Core rejects other CJDNS addresses when decoding BIP155).
bool is_valid(const wire::endpoint& e);
bool is_local(const wire::endpoint& e);  // loopback or 0.0.0.0/8
// 0.0.0.0/8, or ::/16 except ::ffff:0:0:0/96 (RFC 6145) — btcd#2431.
bool is_zero(const wire::endpoint& e);
// btcd: TorV3 always; otherwise valid and in none of the reserved ranges (unique-local fc00::/7 is
// excluded unless it is onioncat). I2P and valid CJDNS addresses are routable, as in Core.
bool is_routable(const wire::endpoint& e);

}  // namespace btcnet::address
